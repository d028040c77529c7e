"""Beranda: where the branch stands at a glance (cards and charts), for a period and area.

Every figure comes from the store's query layer (aggregates + progress_stats), so it
matches `bpu stats` and the report. The page refreshes when data changes, lazily: only
when it is visible.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.months import MONTH_NAMES, month_label
from bpu_desktop.store import aggregates
from bpu_desktop.store import progress_stats as ps
from bpu_desktop.store.aggregates import Period
from bpu_desktop.store.targets import area_choices, target_years

from .context import AppContext
from .refresh_when_shown import RefreshWhenShown
from .theme import ACCENT, ACCENT_DARK, MUTED, WARNING


def fmt(n: int | None) -> str:
    return "—" if n is None else f"{n:,}".replace(",", ".")


def fmt_pct(p: float | None) -> str:
    return "—" if p is None else f"{p:.1f}%".replace(".", ",")


class Card(QFrame):
    """One figure with a caption and a line of context; optionally clickable."""

    def __init__(self, key: str, title: str, on_click: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.setObjectName(f"card_{key}")
        self.setStyleSheet(
            f"QFrame#card_{key} {{ background: #ffffff; border: 1px solid #dfe5e2; "
            "border-radius: 8px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        self.title = QLabel(title)
        self.title.setStyleSheet(f"color: {MUTED}; font-size: 12px;")
        self.value = QLabel("—")
        self.value.setObjectName(f"card_{key}_value")
        self.value.setStyleSheet(f"color: {ACCENT_DARK}; font-size: 24px; font-weight: 600;")
        self.detail = QLabel("")
        self.detail.setObjectName(f"card_{key}_detail")
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet(f"color: {MUTED}; font-size: 12px;")
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        if on_click is not None:
            button = QPushButton("Lihat daftar")
            button.setObjectName(f"card_{key}_open")
            button.setFlat(True)
            button.setStyleSheet(f"color: {ACCENT}; text-align: left; padding: 0; border: none;")
            button.clicked.connect(on_click)
            layout.addWidget(button)

    def show_figure(self, value: str, detail: str, *, warn: bool = False) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        color = WARNING if warn else ACCENT_DARK
        self.value.setStyleSheet(f"color: {color}; font-size: 24px; font-weight: 600;")


class BerandaPage(RefreshWhenShown):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.today: Callable[[], date] = ctx.extras.get("today", date.today)
        self._dirty = True

        title = QLabel("Beranda")
        title.setObjectName("pageTitle")
        self.year = QComboBox()
        self.year.setObjectName("berandaYear")
        self.month = QComboBox()
        self.month.setObjectName("berandaMonth")
        self.month.addItem("Sepanjang tahun", 0)
        for i, name in enumerate(MONTH_NAMES, start=1):
            self.month.addItem(name, i)
        self.area = QComboBox()
        self.area.setObjectName("berandaArea")
        self.area.setMinimumWidth(260)
        for code, label in area_choices():
            self.area.addItem(label, code)
        self._fill_years()

        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addStretch(1)
        for text, widget in (("Tahun", self.year), ("Bulan", self.month),
                             ("Wilayah", self.area)):
            label = QLabel(text)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)

        self.cards = {
            "month": Card("month", "Terdaftar bulan ini"),
            "year": Card("year", "Terdaftar tahun ini"),
            "coverage": Card("coverage", "Cakupan potensi"),
            "lapsing": Card("lapsing", "Segera nonaktif", self._open_followup),
            "sponsor": Card("sponsor", "Pekerja disponsori vs janji"),
            "events": Card("events", "Kegiatan bulan ini"),
        }
        grid = QGridLayout()
        grid.setSpacing(10)
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, i)

        # Charts (pyqtgraph, ~0.3 s to import) are built right after the first paint, so
        # the window and the cards show at once; `loading` is True until they are drawn.
        self._charts: dict[str, Any] | None = None
        self.loading = False
        self.hint = QLabel("Klik batang grafik untuk membuka daftar peserta yang sesuai.")
        self.hint.setProperty("role", "hint")
        self.charts_grid = QGridLayout()
        self.charts_grid.setSpacing(10)
        for col in (0, 1):
            self.charts_grid.setColumnStretch(col, 1)
        charts = self.charts_grid

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.addLayout(bar)
        layout.addLayout(grid)
        layout.addLayout(charts, 1)
        layout.addWidget(self.hint)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        for combo in (self.year, self.month, self.area):
            combo.currentIndexChanged.connect(self.refresh)
        signals = ctx.signals
        for signal in (signals.members_changed, signals.targets_changed,
                       signals.payments_changed, signals.events_changed,
                       signals.sponsors_changed, signals.data_replaced):
            signal.connect(self._data_changed)

    # -- selection ------------------------------------------------------------------------
    def _fill_years(self) -> None:
        this_year = self.today().year
        years = sorted({*target_years(self.ctx.store), this_year - 1, this_year})
        self.year.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(str(y), y)
        self.year.setCurrentIndex(years.index(this_year))
        self.year.blockSignals(False)

    @property
    def selected_year(self) -> int:
        return int(self.year.currentData())

    @property
    def selected_month(self) -> int:
        return int(self.month.currentData())

    @property
    def selected_area(self) -> str | None:
        code = str(self.area.currentData())
        return None if code == "cabang" else code

    def focus_month(self) -> date:
        """The month the "this month" card shows: the chosen month, else the current month
        in the current year, else December of a past year."""
        year, today = self.selected_year, self.today()
        if self.selected_month:
            return date(year, self.selected_month, 1)
        if year == today.year:
            return date(year, today.month, 1)
        return date(year, 12 if year < today.year else 1, 1)

    # -- refresh --------------------------------------------------------------------------
    def refresh(self) -> None:
        self._dirty = False
        store, today = self.ctx.store, self.today()
        year, area, month = self.selected_year, self.selected_area, self.focus_month()
        year_period = Period.year(year)
        period = Period.month(month) if self.selected_month else year_period
        until = min(today, year_period.end)

        target = ps.main_target(store, year, area)
        pace = target.pace() if target else None
        in_month = ps.enrolled(store, Period.month(month), area)
        month_target = pace[month.month - 1] if pace else None
        self.cards["month"].title.setText(f"Terdaftar {month_label(month)}")
        self.cards["month"].show_figure(
            fmt(in_month),
            f"{fmt_pct(ps.percent(in_month, month_target))} dari target bulan ini "
            f"({fmt(month_target)})" if month_target else "Belum ada target bulanan")

        in_year = ps.enrolled(store, Period(year_period.start, max(until, year_period.start)),
                              area)
        self.cards["year"].title.setText(f"Terdaftar tahun {year}")
        if target is not None and target.target:
            to_date = sum(pace[: until.month]) if pace and until.year == year else None
            detail = f"{fmt_pct(ps.percent(in_year, target.target))} dari target {fmt(target.target)}"
            if to_date:
                detail += f" · laju s.d. {MONTH_NAMES[until.month - 1]}: " \
                          f"{fmt_pct(ps.percent(in_year, to_date))}"
            self.cards["year"].show_figure(fmt(in_year), detail)
        else:
            self.cards["year"].show_figure(fmt(in_year), "Belum ada target untuk wilayah ini")

        cover = ps.coverage(store, year, area, until)
        if cover is not None:
            where = "" if area and len(cover.areas) == 1 and area != "cabang" else \
                f" ({', '.join(cover.areas)})"
            self.cards["coverage"].show_figure(
                fmt_pct(cover.percent),
                f"{fmt(cover.covered)} dari potensi {fmt(cover.potential)} pekerja{where}")
        else:
            self.cards["coverage"].show_figure("—", "Potensi wilayah ini belum diisi")

        status = ps.status_counts(store, today, area)
        self.cards["lapsing"].show_figure(
            fmt(status.segera_nonaktif),
            f"Menunggak {fmt(status.menunggak)} · nonaktif {fmt(status.nonaktif)} · "
            f"aktif {fmt(status.aktif)}", warn=status.segera_nonaktif > 0)

        sponsor = ps.sponsor_progress(store, period, area)
        self.cards["sponsor"].setVisible(sponsor is not None)
        if sponsor is not None:
            self.cards["sponsor"].show_figure(
                f"{fmt(sponsor.assigned)} / {fmt(sponsor.pledged)}",
                f"{fmt_pct(sponsor.percent)} dari janji sponsor")
        events = ps.events_count(store, Period.month(month), area)
        self.cards["events"].setVisible(events is not None)
        if events is not None:
            self.cards["events"].title.setText(f"Kegiatan {month_label(month)}")
            self.cards["events"].show_figure(fmt(events), "kegiatan sosialisasi")

        if self._charts is not None:
            self._refresh_charts()
        elif not self.loading:
            self.loading = True
            QTimer.singleShot(0, self, self._deferred_charts)  # dropped if the page is gone

    def _refresh_charts(self) -> None:
        from .charts import Bar

        store, today = self.ctx.store, self.today()
        year, area, month = self.selected_year, self.selected_area, self.focus_month()
        year_period = Period.year(year)
        period = Period.month(month) if self.selected_month else year_period
        series = ps.pace_series(store, year, area, today)
        self.pace_chart.set_series(series.monthly, series.cumulative, series.pace_cumulative)
        self.kecamatan_chart.set_bars([
            Bar(t.key, t.label, t.count)
            for t in sorted(aggregates.enrolments_by_kecamatan(store, period, area),
                            key=lambda t: -t.count)[:15]])
        self.segment_chart.set_bars([
            Bar(t.key, t.label[:28], t.count)
            for t in aggregates.enrolments_by_segment(store, period, area)[:12]])
        conversion = ps.event_conversion(store, period, area)
        self.event_chart.setVisible(conversion is not None)
        if conversion is not None:
            self.event_chart.set_bars([Bar(c.event_id, c.label, c.percent or 0)
                                       for c in conversion])

    # -- charts (built lazily) ----------------------------------------------------------
    def _chart(self, key: str) -> Any:
        if self._charts is None:
            self._build_charts()
        assert self._charts is not None
        return self._charts[key]

    @property
    def pace_chart(self) -> Any:
        return self._chart("pace")

    @property
    def kecamatan_chart(self) -> Any:
        return self._chart("kecamatan")

    @property
    def segment_chart(self) -> Any:
        return self._chart("segment")

    @property
    def event_chart(self) -> Any:
        return self._chart("events")

    def _build_charts(self) -> None:
        """Create the four charts (importing pyqtgraph now) and draw the current figures."""
        if self._charts is not None:
            return
        from .charts import BarChart, PaceChart

        pace = PaceChart()
        pace.setObjectName("chartPace")
        pace.monthClicked.connect(self._open_month)
        kecamatan = BarChart("Pendaftaran per kecamatan")
        kecamatan.setObjectName("chartKecamatan")
        kecamatan.barClicked.connect(lambda code: self._open_list(kecamatan_code=code))
        segment = BarChart("Pendaftaran per segmen")
        segment.setObjectName("chartSegment")
        segment.barClicked.connect(lambda code: self._open_list(segment=code))
        events = BarChart("Konversi kegiatan (% mendaftar)")
        events.setObjectName("chartEvents")
        events.barClicked.connect(lambda eid: self._open_list(event_id=eid))
        for chart, row, col in ((pace, 0, 0), (kecamatan, 0, 1), (segment, 1, 0),
                                (events, 1, 1)):
            chart.setMinimumHeight(260)
            self.charts_grid.addWidget(chart, row, col)
        self._charts = {"pace": pace, "kecamatan": kecamatan, "segment": segment,
                        "events": events}
        self._refresh_charts()

    def _deferred_charts(self) -> None:
        self._build_charts()
        self.loading = False

    # -- drill down -----------------------------------------------------------------------
    def _open_list(self, **filters: Any) -> None:
        if self.selected_month:
            filters["month"] = self.focus_month()
        if "kecamatan_code" not in filters and self.selected_area and \
                self.selected_area.count(".") == 2:
            filters["kecamatan_code"] = self.selected_area
        self.ctx.open_page("peserta", mode="list", **filters)

    def _open_month(self, month: int) -> None:
        filters: dict[str, Any] = {"month": date(self.selected_year, month, 1)}
        if self.selected_area and self.selected_area.count(".") == 2:
            filters["kecamatan_code"] = self.selected_area
        self.ctx.open_page("peserta", mode="list", **filters)

    def _open_followup(self) -> None:
        self.ctx.open_page("tindak_lanjut", show="segera_nonaktif", area=self.selected_area)

    def open_with(self, **kwargs: Any) -> None:
        if "year" in kwargs:
            index = self.year.findData(int(kwargs["year"]))
            if index >= 0:
                self.year.setCurrentIndex(index)
        self.refresh()


def create_page(ctx: AppContext) -> QWidget:
    return BerandaPage(ctx)


"""Beranda: where the branch stands at a glance (cards and charts), for a period and area.

Every figure comes from the store's query layer (aggregates + progress_stats), so it
matches `bpu stats` and the report. The page refreshes when data changes, lazily: only
when it is visible.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
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

from bpu_desktop.domain.followup import SHOW_LAPSING
from bpu_desktop.domain.money import format_number
from bpu_desktop.domain.months import MONTH_NAMES, month_label
from bpu_desktop.domain.percent import percent
from bpu_desktop.store.dashboard import DashboardChoice, DashboardFigures, dashboard_figures
from bpu_desktop.store.targets import area_choices, target_years

from .charts import Bar, BarChart, PaceChart
from .context import AppContext
from .refresh_when_shown import RefreshWhenShown

KECAMATAN_TITLE = "Pendaftaran per kecamatan"
SEGMENT_TITLE = "Pendaftaran per segmen"
EVENT_TITLE = "Konversi kegiatan (% mendaftar)"


def cut_title(title: str, shown: int, total: int | None, which: str) -> str:
    """The chart's title, saying when the list is cut: "... (15 teratas)"."""
    if total is None or total <= shown:
        return title
    if title.endswith(")"):
        return f"{title[:-1]}, {shown} {which})"
    return f"{title} ({shown} {which})"


def fmt(n: int | None) -> str:
    return "—" if n is None else format_number(n)


def fmt_pct(p: float | None) -> str:
    return "—" if p is None else f"{p:.1f}%".replace(".", ",")


class Card(QFrame):
    """One figure with a caption and a line of context; optionally clickable."""

    def __init__(self, key: str, title: str, on_click: Callable[[], None] | None = None, *,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Styled by the app's style sheet (role="card"...): a style sheet per widget makes
        # Qt build a style for each one, which showed up in the start-up time.
        self.setObjectName(f"card_{key}")
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        self.title = QLabel(title)
        self.title.setProperty("role", "hint")
        self.value = QLabel("—")
        self.value.setObjectName(f"card_{key}_value")
        self.value.setProperty("role", "cardValue")
        self.detail = QLabel("")
        self.detail.setObjectName(f"card_{key}_detail")
        self.detail.setWordWrap(True)
        self.detail.setProperty("role", "hint")
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        if on_click is not None:
            button = QPushButton("Lihat daftar")
            button.setObjectName(f"card_{key}_open")
            button.setFlat(True)
            button.setProperty("role", "link")
            button.clicked.connect(on_click)
            layout.addWidget(button)

    def show_figure(self, value: str, detail: str, *, warn: bool = False) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        if bool(self.value.property("warn")) != warn:
            self.value.setProperty("warn", warn)
            # Before its first show the label is not polished yet and the style sheet reads
            # the property then: no repolish, and no QStyle wrapper at start-up (~7 ms).
            if self.value.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
                self.value.style().unpolish(self.value)
                self.value.style().polish(self.value)


class BerandaPage(RefreshWhenShown):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today: Callable[[], date] = ctx.extras.get("today", date.today)
        self._dirty = True
        self.figures: DashboardFigures | None = None

        # Built from the outside in: each widget gets its parent once, before anything is
        # polished. Moving an assembled subtree under a new parent restyles all of it
        # again (the app's style sheet: ~0.1 ms a widget each time), so the scroll area
        # and the body's layouts come first and the widgets go straight into them.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(18, 12, 18, 12)
        bar = QHBoxLayout()
        layout.addLayout(bar)
        grid = QGridLayout()
        grid.setSpacing(10)
        layout.addLayout(grid)
        self.charts_grid = QGridLayout()
        self.charts_grid.setSpacing(10)
        for col in (0, 1):
            self.charts_grid.setColumnStretch(col, 1)
        layout.addLayout(self.charts_grid, 1)

        title = QLabel("Beranda")
        title.setObjectName("pageTitle")
        bar.addWidget(title)
        bar.addStretch(1)
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
        for text, widget in (("Tahun", self.year), ("Bulan", self.month),
                             ("Wilayah", self.area)):
            label = QLabel(text)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)

        self.cards = {
            "month": Card("month", "Terdaftar bulan ini", parent=body),
            "year": Card("year", "Terdaftar tahun ini", parent=body),
            "coverage": Card("coverage", "Cakupan potensi", parent=body),
            "lapsing": Card("lapsing", "Segera nonaktif", self._open_followup, parent=body),
            "sponsor": Card("sponsor", "Pekerja disponsori vs janji", parent=body),
            "events": Card("events", "Kegiatan bulan ini", parent=body),
        }
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, i)

        # The four charts are plain painted widgets (ui/charts.py), cheap enough to build
        # with the cards. `loading` stays False: the start-up benchmark waits for widgets
        # that say they are still loading, and nothing here is drawn later.
        self.loading = False
        self._build_charts()
        self.hint = QLabel("Klik batang grafik (atau pilih dengan Tab, panah dan Enter) untuk "
                           "membuka daftar peserta yang sesuai.")
        self.hint.setProperty("role", "hint")
        layout.addWidget(self.hint)
        # Pages are built when they are first shown: read the figures now, before the
        # widgets are polished, so a warning colour comes with the first polish instead
        # of a repolish.
        self.refresh()

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

    @property
    def choice(self) -> DashboardChoice:
        return DashboardChoice(self.selected_year, self.selected_month, self.selected_area,
                               self.today())

    def focus_month(self) -> date:
        return self.choice.focus_month

    # -- refresh --------------------------------------------------------------------------
    def refresh(self) -> None:
        self._dirty = False
        choice = self.choice
        f = self.figures = dashboard_figures(self.ctx.store, choice)
        year, month, until = choice.year, choice.focus_month, choice.until
        self.cards["month"].title.setText(f"Terdaftar {month_label(month)}")
        self.cards["month"].show_figure(
            fmt(f.in_month),
            f"{fmt_pct(percent(f.in_month, f.month_target))} dari target bulan ini "
            f"({fmt(f.month_target)})" if f.month_target else "Belum ada target bulanan")

        self.cards["year"].title.setText(f"Terdaftar tahun {year}")
        if f.year_target:
            detail = f"{fmt_pct(percent(f.in_year, f.year_target))} dari target {fmt(f.year_target)}"
            if f.pace_to_date:
                detail += f" · laju s.d. {MONTH_NAMES[until.month - 1]}: " \
                          f"{fmt_pct(percent(f.in_year, f.pace_to_date))}"
            self.cards["year"].show_figure(fmt(f.in_year), detail)
        else:
            self.cards["year"].show_figure(fmt(f.in_year), "Belum ada target untuk wilayah ini")

        cover = f.coverage
        if cover is not None:
            area = choice.area
            where = "" if area and len(cover.areas) == 1 and area != "cabang" else \
                f" ({', '.join(cover.areas)})"
            self.cards["coverage"].show_figure(
                fmt_pct(cover.percent),
                f"{fmt(cover.covered)} dari potensi {fmt(cover.potential)} pekerja{where}")
        else:
            self.cards["coverage"].show_figure("—", "Potensi wilayah ini belum diisi")

        status = f.status
        # Member status is always as of today, whatever year is chosen: say so then.
        self.cards["lapsing"].title.setText(
            "Segera nonaktif" if year == choice.today.year else "Segera nonaktif (hari ini)")
        self.cards["lapsing"].show_figure(
            fmt(status.segera_nonaktif),
            f"Menunggak {fmt(status.menunggak)} · nonaktif {fmt(status.nonaktif)} · "
            f"aktif {fmt(status.aktif)}", warn=status.segera_nonaktif > 0)

        self.cards["sponsor"].setVisible(f.sponsor_pledged is not None)
        if f.sponsor_assigned is not None and f.sponsor_pledged is not None:
            self.cards["sponsor"].show_figure(
                f"{fmt(f.sponsor_assigned)} / {fmt(f.sponsor_pledged)}",
                f"{fmt_pct(percent(f.sponsor_assigned, f.sponsor_pledged))} dari janji sponsor")
        self.cards["events"].setVisible(f.events is not None)
        if f.events is not None:
            self.cards["events"].title.setText(f"Kegiatan {month_label(month)}")
            self.cards["events"].show_figure(fmt(f.events), "kegiatan sosialisasi")

        self._refresh_charts()

    def _refresh_charts(self) -> None:
        f = self.figures
        assert f is not None  # charts are drawn from the figures refresh() just read
        self.pace_chart.set_series(f.monthly, f.cumulative, f.pace_cumulative)
        self.kecamatan_chart.set_title(
            cut_title(KECAMATAN_TITLE, len(f.by_kecamatan), f.kecamatan_total, "teratas"))
        self.kecamatan_chart.set_bars([Bar(t.key, t.label, t.count) for t in f.by_kecamatan])
        self.segment_chart.set_title(
            cut_title(SEGMENT_TITLE, len(f.by_segment), f.segment_total, "teratas"))
        self.segment_chart.set_bars([Bar(t.key, t.label, t.count) for t in f.by_segment])
        self.event_chart.setVisible(f.conversion is not None)
        if f.conversion is not None:
            self.event_chart.set_title(
                cut_title(EVENT_TITLE, len(f.conversion), f.conversion_total, "terbaru"))
            self.event_chart.set_bars([Bar(c.event_id, c.label, c.percent)
                                       for c in f.conversion])

    # -- charts ---------------------------------------------------------------------------
    @property
    def pace_chart(self) -> PaceChart:
        return self._pace_chart

    @property
    def kecamatan_chart(self) -> BarChart:
        return self._kecamatan_chart

    @property
    def segment_chart(self) -> BarChart:
        return self._segment_chart

    @property
    def event_chart(self) -> BarChart:
        return self._event_chart

    def _build_charts(self) -> None:
        """The four charts in a 2x2 grid, wired to open the matching member list."""
        pace = PaceChart()
        pace.setObjectName("chartPace")
        pace.monthClicked.connect(self._open_month)
        kecamatan = BarChart(KECAMATAN_TITLE)
        kecamatan.setObjectName("chartKecamatan")
        kecamatan.barClicked.connect(lambda code: self._open_list(kecamatan_code=code))
        segment = BarChart(SEGMENT_TITLE)
        segment.setObjectName("chartSegment")
        segment.barClicked.connect(lambda code: self._open_list(segment=code))
        events = BarChart(EVENT_TITLE, percent=True)
        events.setObjectName("chartEvents")
        events.barClicked.connect(self._open_event)
        for chart, row, col in ((pace, 0, 0), (kecamatan, 0, 1), (segment, 1, 0),
                                (events, 1, 1)):
            self.charts_grid.addWidget(chart, row, col)
        for row in (0, 1):
            self.charts_grid.setRowMinimumHeight(row, 260)
        self._pace_chart, self._kecamatan_chart = pace, kecamatan
        self._segment_chart, self._event_chart = segment, events

    # -- drill down -----------------------------------------------------------------------
    def _area_filter(self) -> dict[str, Any]:
        """The chosen area as a member-list filter: a kecamatan, or a city's range."""
        area = self.selected_area
        if area is None:
            return {}
        return {"kecamatan_code" if area.count(".") == 2 else "city_code": area}

    def _open_list(self, **filters: Any) -> None:
        """The members a bar counts: its key, the chosen month (else year) and area."""
        if self.selected_month:
            filters["month"] = self.focus_month()
        else:
            filters["year"] = self.selected_year
        if "kecamatan_code" not in filters:
            filters.update(self._area_filter())
        self.ctx.open_page("peserta", mode="list", **filters)

    def _open_month(self, month: int) -> None:
        self.ctx.open_page("peserta", mode="list", month=date(self.selected_year, month, 1),
                           **self._area_filter())

    def _open_event(self, event_id: str) -> None:
        """An event's bar counts every member enrolled through it, whatever their date or
        where they live: the list shows just those."""
        label = next((b.label for b in self.event_chart.bars if b.key == event_id), None)
        self.ctx.open_page("peserta", mode="list", event_id=event_id, event_label=label)

    def _open_followup(self) -> None:
        self.ctx.open_page("tindak_lanjut", show=SHOW_LAPSING, area=self.selected_area)

    def open_with(self, **kwargs: Any) -> None:
        if "year" in kwargs:
            index = self.year.findData(int(kwargs["year"]))
            if index >= 0:
                self.year.setCurrentIndex(index)
        self.refresh()


def create_page(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    return BerandaPage(ctx, parent)


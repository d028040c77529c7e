"""Charts drawn in the window (pyqtgraph): clickable bars and the target pace chart.

Charts only paint what they are given; the figures come from the store's query layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from bpu_desktop.domain.money import format_number

from .theme import ACCENT, ACCENT_DARK, MUTED

pg.setConfigOptions(antialias=True, background="w", foreground="#33413a")

PACE_COLOR = "#d9822b"


@dataclass(frozen=True)
class Bar:
    key: str  # what a click opens (kecamatan code, segment code, "2026-03")
    label: str
    value: float


class CountAxis(pg.AxisItem):
    """Axis numbers written as Indonesians read them: 60.000, not 60000."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if spacing < 1:
            return super().tickStrings(values, scale, spacing)  # type: ignore[no-any-return]
        return [format_number(round(v * scale)) for v in values]


def _styled_plot(plot: pg.PlotWidget) -> None:
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.getPlotItem().showGrid(x=False, y=True, alpha=0.15)
    for axis in ("left", "bottom"):
        plot.getAxis(axis).setTextPen(pg.mkPen("#33413a"))
        plot.getAxis(axis).setPen(pg.mkPen("#c9d3ce"))
    plot.setMinimumHeight(180)


class BarChart(pg.PlotWidget):
    """Horizontal bars, one per item, labelled on the left; a click emits the bar's key."""

    barClicked = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, axisItems={"bottom": CountAxis("bottom")})
        _styled_plot(self)
        self.setTitle(title, color=ACCENT_DARK, size="11pt")
        self.bars: list[Bar] = []
        self._item: pg.BarGraphItem | None = None
        self._labels: list[pg.TextItem] = []
        self.scene().sigMouseClicked.connect(self._on_scene_click)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        """Largest on top; an empty list shows an empty chart."""
        self.bars = list(bars)
        plot = self.getPlotItem()
        plot.clear()
        self._labels.clear()
        n = len(self.bars)
        ys = [n - 1 - i for i in range(n)]  # first bar at the top
        values = [b.value for b in self.bars]
        if n:
            self._item = pg.BarGraphItem(x0=0, y=ys, height=0.7, width=values,
                                         brush=pg.mkBrush(ACCENT), pen=pg.mkPen(None))
            plot.addItem(self._item)
            peak = max(values) or 1
            font = QFont()
            font.setPointSize(8)
            for y, v in zip(ys, values, strict=True):
                text = pg.TextItem(f"{int(v):,}".replace(",", "."), color=MUTED, anchor=(0, 0.5))
                text.setFont(font)
                text.setPos(v + peak * 0.01, y)
                plot.addItem(text)
                self._labels.append(text)
            plot.setXRange(0, peak * 1.15, padding=0)
            plot.setYRange(-0.6, n - 0.4, padding=0)
        self.getAxis("left").setTicks([[(y, b.label) for y, b in zip(ys, self.bars, strict=True)]])
        self.getAxis("bottom").setTicks(None)

    def bar_center(self, index: int) -> QPoint:
        """Where bar `index` is on the widget (for tests and keyboard users)."""
        n = len(self.bars)
        bar = self.bars[index]
        scene_point = self.getPlotItem().vb.mapViewToScene(
            QPointF(max(bar.value, 0) / 2, n - 1 - index))
        return self.mapFromScene(scene_point)

    def click_bar(self, index: int) -> None:
        self.barClicked.emit(self.bars[index].key)

    def _on_scene_click(self, event: object) -> None:
        pos = event.scenePos()  # type: ignore[attr-defined]
        vb = self.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(pos):
            return
        point = vb.mapSceneToView(pos)
        n = len(self.bars)
        index = n - 1 - round(point.y())
        if 0 <= index < n and abs(point.y() - round(point.y())) <= 0.4 and point.x() >= 0:
            self.barClicked.emit(self.bars[index].key)


class PaceChart(pg.PlotWidget):
    """Monthly enrolments as bars, their running total, and the target pace line."""

    monthClicked = Signal(int)

    MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov",
              "Des")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, axisItems={"left": CountAxis("left")})
        _styled_plot(self)
        self.setTitle("Kumulatif pendaftaran vs laju target", color=ACCENT_DARK, size="11pt")
        self.getPlotItem().addLegend(offset=(10, 5), labelTextColor="#33413a")
        self.getAxis("bottom").setTicks([list(enumerate(self.MONTHS, start=1))])
        self.monthly: list[int] = []
        self.cumulative: list[int] = []
        self.pace: list[int] | None = None
        self.scene().sigMouseClicked.connect(self._on_scene_click)

    def set_series(self, monthly: Sequence[int], cumulative: Sequence[int],
                   pace: Sequence[int] | None) -> None:
        self.monthly, self.cumulative = list(monthly), list(cumulative)
        self.pace = list(pace) if pace is not None else None
        plot = self.getPlotItem()
        plot.clear()
        xs = list(range(1, 13))
        bars = pg.BarGraphItem(x=xs, height=self.monthly, width=0.6,
                               brush=pg.mkBrush(QColor(ACCENT).lighter(140)),
                               pen=pg.mkPen(None), name="Per bulan")
        plot.addItem(bars)
        if self.cumulative:
            plot.plot(xs[: len(self.cumulative)], self.cumulative, name="Kumulatif terdaftar",
                      pen=pg.mkPen(ACCENT_DARK, width=3), symbol="o", symbolSize=6,
                      symbolBrush=ACCENT_DARK, symbolPen=None)
        if self.pace is not None:
            plot.plot(xs, self.pace, name="Laju target",
                      pen=pg.mkPen(PACE_COLOR, width=2, style=Qt.PenStyle.DashLine))
        top = max([*self.monthly, *self.cumulative, *(self.pace or []), 1])
        plot.setXRange(0.4, 12.6, padding=0)
        plot.setYRange(0, top * 1.08, padding=0)

    def _on_scene_click(self, event: object) -> None:
        pos = event.scenePos()  # type: ignore[attr-defined]
        vb = self.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(pos):
            return
        month = round(vb.mapSceneToView(pos).x())
        if 1 <= month <= 12:
            self.monthClicked.emit(month)

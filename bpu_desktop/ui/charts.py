"""The Beranda's charts, painted with QPainter: clickable bars and the target pace chart.

Charts only paint what they are given; the figures come from the store's query layer.
Both charts are plain widgets (cheap to import and build, so the dashboard shows at once),
take focus with Tab and answer the keyboard as they answer the mouse: a bar or a month
opens the matching member list.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from bpu_desktop.domain.money import format_number
from bpu_desktop.domain.months import MONTH_ABBREVIATIONS

from .theme import ACCENT, ACCENT_DARK, MUTED

PACE_COLOR = "#d9822b"
BORDER = "#dfe5e2"
GRID = "#edf1ef"
AXIS = "#c9d3ce"
TEXT = "#33413a"
HIGHLIGHT = "#e8f3ed"  # the row or month the keyboard (or the mouse) is on
MONTH_BAR = "#9fd6b7"  # monthly enrolments: light, behind the lines
MONTH_TEXT = "#3c8a60"  # their scale, in a green that still reads on white
EMPTY_TEXT = "Belum ada data"
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
PAD = 10  # inside the card border


# -- ticks (pure) -------------------------------------------------------------------------
def nice_step(raw: float) -> float:
    """The smallest 1, 2, 2.5 or 5 x 10^k that is at least `raw` (> 0)."""
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for m in NICE_STEPS:
        if m * magnitude >= raw * (1 - 1e-9):
            return m * magnitude
    return 10.0 * magnitude  # pragma: no cover - 10 always qualifies


def ticks_with(step: float, intervals: int) -> list[float]:
    return [float(round(i * step, 10)) for i in range(intervals + 1)]


def nice_ticks(top: float, count: int = 5, *, min_step: float = 0.0) -> list[float]:
    """Axis ticks from 0 to at least `top` in about `count` nice steps (1, 2, 2.5 or 5 x 10^k).

    The finest nice step that needs at most `count + 1` intervals wins, so the axis ends
    close above `top` (202 -> 0..250, not 0..300). `min_step=1` keeps counts whole (no
    0,5 member). An empty or zero series still gets an axis: 0 and one step.
    """
    if top <= 0:
        return ticks_with(max(1.0, min_step), 1)
    step = max(nice_step(top / (count + 1)), min_step)
    while math.ceil(top / step - 1e-9) > count + 1:
        step = nice_step(step * 1.0001)  # the next nice step up
    if min_step and step % 1:
        step = math.ceil(step)  # 2.5 members is not a count
    return ticks_with(step, max(1, math.ceil(top / step - 1e-9)))


def ticks_over(top: float, intervals: int, *, min_step: float = 0.0) -> list[float]:
    """Ticks with exactly `intervals` nice steps reaching `top`: a second scale whose
    ticks sit on the first scale's grid lines."""
    step = max(nice_step(top / intervals) if top > 0 else 1.0, min_step)
    if min_step and step % 1:
        step = math.ceil(step)
    return ticks_with(step, intervals)


def format_tick(value: float, step: float) -> str:
    """60.000, 2,5: as many decimals as the step needs, written the Indonesian way."""
    decimals = 0
    while decimals < 3 and abs(step * 10**decimals - round(step * 10**decimals)) > 1e-6:
        decimals += 1
    return format_number(value, decimals)


def format_value(value: float, percent: bool = False) -> str:
    """A bar's figure: 1.234 members, or a percentage as given (5,0%)."""
    return f"{format_number(value, 1)}%" if percent else format_number(round(value))


# -- shared painting ----------------------------------------------------------------------
def _scaled(font: QFont, factor: float) -> QFont:
    """The widget's font (family and all), bigger or smaller."""
    out = QFont(font)
    if out.pointSizeF() > 0:
        out.setPointSizeF(max(6.0, out.pointSizeF() * factor))
    else:
        out.setPixelSize(max(8, round(out.pixelSize() * factor)))
    return out


class _Chart(QWidget):
    """White card, title on top, focus by Tab; subclasses paint the plot."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.title = title
        self.setAccessibleName(title)
        self.setMinimumHeight(180)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._hover = -1
        self._current = 0
        self._stale = True  # where things go must be worked out again (see relayout)

    def set_title(self, title: str) -> None:
        if title != self.title:
            self.title = title
            self.setAccessibleName(title)
            self.update()

    def title_font(self) -> QFont:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(11.0, font.pointSizeF() * 1.15))
        else:
            font.setPixelSize(max(15, round(font.pixelSize() * 1.15)))
        return font

    def small_font(self) -> QFont:
        return _scaled(self.font(), 0.9)

    def title_height(self) -> int:
        return QFontMetrics(self.title_font()).height() + 8

    def paint_card(self, p: QPainter) -> None:
        p.fillRect(self.rect(), self.palette().window())
        p.setPen(QPen(QColor(BORDER), 1))
        p.setBrush(QColor("#ffffff"))
        p.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
        p.setFont(self.title_font())
        p.setPen(QColor(ACCENT_DARK))
        box = QRect(PAD, PAD - 2, self.width() - 2 * PAD, self.title_height())
        fm = QFontMetrics(self.title_font())
        p.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                   fm.elidedText(self.title, Qt.TextElideMode.ElideRight, box.width()))

    def paint_empty(self, p: QPainter) -> None:
        p.setFont(self.font())
        p.setPen(QColor(MUTED))
        p.drawText(self.rect().adjusted(0, self.title_height(), 0, 0),
                   Qt.AlignmentFlag.AlignCenter, EMPTY_TEXT)

    def paint_focus(self, p: QPainter, rect: QRectF) -> None:
        """The row or month the keyboard is on: a tinted band, outlined while focused."""
        p.setPen(QPen(QColor(ACCENT), 1.5) if self.hasFocus() else Qt.PenStyle.NoPen)
        p.setBrush(QColor(HIGHLIGHT))
        p.drawRoundedRect(rect, 4, 4)

    # -- items (bars or months) shared by mouse, keyboard and tooltip -----------------------
    def item_count(self) -> int:
        raise NotImplementedError

    def item_at(self, pos: QPoint) -> int:
        raise NotImplementedError

    def item_tooltip(self, index: int) -> str:
        raise NotImplementedError

    def activate(self, index: int) -> None:
        raise NotImplementedError

    def tooltip_at(self, pos: QPoint) -> str | None:
        """What hovering at `pos` explains ("Laweyan: 187"), or None off the items."""
        index = self.item_at(pos)
        return None if index < 0 else self.item_tooltip(index)

    @property
    def current(self) -> int:
        """The item the arrow keys are on (Enter opens it)."""
        return self._current

    def move_current(self, delta: int) -> None:
        n = self.item_count()
        if n:
            self._current = max(0, min(n - 1, self._current + delta))
            self.update()

    def _reset_items(self) -> None:
        self._current = min(self._current, max(self.item_count() - 1, 0))
        self._hover = -1
        self.unsetCursor()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        back, forward = self.arrow_keys()
        if key == back:
            self.move_current(-1)
        elif key == forward:
            self.move_current(1)
        elif key == Qt.Key.Key_Home:
            self.move_current(-self.item_count())
        elif key == Qt.Key.Key_End:
            self.move_current(self.item_count())
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and \
                self.item_count():
            self.activate(self._current)
        else:
            super().keyPressEvent(event)

    def arrow_keys(self) -> tuple[Qt.Key, Qt.Key]:
        raise NotImplementedError

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.item_at(event.position().toPoint())
        if index != self._hover:
            self._hover = index
            if index >= 0:
                self.setCursor(Qt.CursorShape.PointingHandCursor)
            else:
                self.unsetCursor()
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover >= 0:
            self._hover = -1
            self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self.item_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and index >= 0:
            self._current = index
            self.update()
            self.activate(index)
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.relayout()
        super().resizeEvent(event)

    def relayout(self) -> None:
        """New data or a new size: where things go is worked out again when next needed
        (painting, a click, a question about a bar), not on every resize the window's
        layout makes on the way to its first paint."""
        self._stale = True
        self.update()

    def ensure_layout(self) -> None:
        if self._stale:
            self._stale = False
            self.place_items()

    def place_items(self) -> None:
        """Work out where the plot and its items go for the current data and size."""


# -- horizontal bars ----------------------------------------------------------------------
@dataclass(frozen=True)
class Bar:
    key: str  # what a click opens (kecamatan code, segment code, "2026-03")
    label: str
    value: float


class BarChart(_Chart):
    """Horizontal bars, first on top, labelled on the left; a click (or Enter) emits the
    bar's key. `percent=True` writes values as 5,0% (event conversion)."""

    barClicked = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None, *,
                 percent: bool = False) -> None:
        super().__init__(title, parent)
        self.percent = percent
        self.bars: list[Bar] = []
        self._rows: list[QRectF] = []  # one band per bar, label to value text
        self._bar_rects: list[QRectF] = []
        self._ticks: list[float] = []
        self._plot = QRectF()
        self._label_width = 0

    def set_bars(self, bars: Sequence[Bar]) -> None:
        """Draw these bars (the first on top); an empty list shows "Belum ada data"."""
        self.bars = list(bars)
        self._reset_items()
        # Every label needs its line: many bars make the chart taller (the page scrolls).
        self.setMinimumHeight(max(180, self.rows_height(len(self.bars))))
        self.updateGeometry()
        self.relayout()

    def rows_height(self, n: int) -> int:
        line = QFontMetrics(self.font()).height() + 3
        return self.title_height() + self._axis_height() + 2 * PAD + n * line

    def sizeHint(self) -> QSize:
        line = QFontMetrics(self.font()).height() + 12
        return QSize(440, max(260, self.title_height() + self._axis_height() + 2 * PAD
                              + len(self.bars) * line))

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 180)

    def _axis_height(self) -> int:
        return QFontMetrics(self.small_font()).height() + 6

    def place_items(self) -> None:
        self._rows, self._bar_rects = [], []
        n = len(self.bars)
        if not n:
            return
        small = QFontMetrics(self.small_font())
        width = self.width() - 2 * PAD
        # Float widths, rounded up: an integer advance can be a fraction short and elide
        # "Laweyan" to "Lawey…" with room to spare.
        widest = max(QFontMetricsF(self.font()).horizontalAdvance(b.label) for b in self.bars)
        self._label_width = min(math.ceil(widest) + 2, int(width * 0.45))
        value_width = max(small.horizontalAdvance(format_value(b.value, self.percent))
                          for b in self.bars) + 8
        left = PAD + self._label_width + 8
        right = self.width() - PAD - value_width
        top = PAD + self.title_height()
        bottom = self.height() - PAD - self._axis_height()
        self._plot = QRectF(left, top, max(right - left, 10), max(bottom - top, 10))
        peak = max(max(b.value for b in self.bars), 0.0)
        count = max(2, min(6, int(self._plot.width() // 80)))
        self._ticks = nice_ticks(peak, count, min_step=0.0 if self.percent else 1.0)
        scale = self._plot.width() / self._ticks[-1]
        pitch = self._plot.height() / n
        thickness = min(pitch * 0.68, 26.0)
        for i, bar in enumerate(self.bars):
            mid = top + pitch * (i + 0.5)
            self._rows.append(QRectF(PAD - 4, mid - pitch / 2, self.width() - 2 * PAD + 8,
                                     pitch))
            length = max(bar.value, 0.0) * scale
            self._bar_rects.append(QRectF(left, mid - thickness / 2, length, thickness))

    def paintEvent(self, event: QPaintEvent) -> None:
        self.ensure_layout()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint_card(p)
        if not self.bars:
            self.paint_empty(p)
            return
        plot, small = self._plot, QFontMetrics(self.small_font())
        # Grid and the count along the bottom.
        p.setFont(self.small_font())
        step = self._ticks[1] - self._ticks[0]
        for t in self._ticks:
            x = plot.left() + plot.width() * t / self._ticks[-1]
            p.setPen(QPen(QColor(AXIS if t == 0 else GRID), 1))
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            text = format_tick(t, step) + ("%" if self.percent and t else "")
            w = small.horizontalAdvance(text)
            tx = min(max(x - w / 2, PAD), self.width() - PAD - w)
            p.setPen(QColor(MUTED))
            p.drawText(QPointF(tx, plot.bottom() + 4 + small.ascent()), text)
        fm = QFontMetrics(self.font())
        if self.hasFocus() or self._hover >= 0:
            index = self._hover if self._hover >= 0 and not self.hasFocus() else self._current
            row, bar = self._rows[index], self._bar_rects[index]
            height = min(row.height(), max(bar.height() + 10, fm.height() + 4))
            self.paint_focus(p, QRectF(row.left(), row.center().y() - height / 2, row.width(),
                                       height))
        for i, (bar, rect) in enumerate(zip(self.bars, self._bar_rects, strict=True)):
            strong = i == self._hover or (self.hasFocus() and i == self._current)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(ACCENT_DARK if strong else ACCENT))
            p.drawRoundedRect(rect, 2, 2)
            mid = rect.center().y()
            p.setFont(self.font())
            p.setPen(QColor(TEXT))
            p.drawText(QRectF(PAD, mid - fm.height() / 2, self._label_width, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       self.label_text(i))
            p.setFont(self.small_font())
            p.setPen(QColor(MUTED))
            p.drawText(QPointF(rect.right() + 5, mid + small.ascent() / 2 - 1),
                       format_value(bar.value, self.percent))

    def label_text(self, index: int) -> str:
        """Bar `index`'s label as written left of it: elided ("Kantor Kelurahan Gilin…")
        only when it does not fit; the tooltip has it in full."""
        self.ensure_layout()
        return QFontMetrics(self.font()).elidedText(
            self.bars[index].label, Qt.TextElideMode.ElideRight, self._label_width)

    # -- items ------------------------------------------------------------------------------
    def item_count(self) -> int:
        return len(self.bars)

    def arrow_keys(self) -> tuple[Qt.Key, Qt.Key]:
        return Qt.Key.Key_Up, Qt.Key.Key_Down

    def item_at(self, pos: QPoint) -> int:
        self.ensure_layout()
        point = QPointF(pos)
        for i, row in enumerate(self._rows):
            if row.contains(point):
                return i
        return -1

    def item_tooltip(self, index: int) -> str:
        bar = self.bars[index]
        return f"{bar.label}: {format_value(bar.value, self.percent)}"

    def activate(self, index: int) -> None:
        self.click_bar(index)

    def bar_center(self, index: int) -> QPoint:
        """Where bar `index` is on the widget (the middle of its row for a zero bar)."""
        self.ensure_layout()
        rect = self._bar_rects[index]
        x = rect.center().x() if rect.width() >= 4 else rect.left() + 2
        return QPoint(round(x), round(rect.center().y()))

    def click_bar(self, index: int) -> None:
        self.barClicked.emit(self.bars[index].key)


# -- target pace --------------------------------------------------------------------------
class PaceChart(_Chart):
    """The year's running total against the target's pace on the full height, and each
    month's enrolments as small bars in a band of their own below it (own scale, value
    printed above each bar), so a 150-member month still shows next to a 63.339 target
    without reading as "above the target line". A click (or Enter) on a month emits its
    number (1-12)."""

    monthClicked = Signal(int)

    BAND_SHARE = 0.26  # of the plot's height, for the monthly bars

    LEGEND = (("Per bulan (pita bawah)", MONTH_BAR), ("Kumulatif terdaftar", ACCENT_DARK),
              ("Laju target", PACE_COLOR))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Kumulatif pendaftaran vs laju target", parent)
        self.monthly: list[int] = []
        self.cumulative: list[int] = []
        self.pace: list[int] | None = None
        self._plot = QRectF()  # the lines, on the left scale
        self._band = QRectF()  # the monthly bars, under the lines' plot
        self._ticks: list[float] = [0.0, 1.0]
        self._month_top = 1.0  # the band's scale: 0 .. this

    def set_series(self, monthly: Sequence[int], cumulative: Sequence[int],
                   pace: Sequence[int] | None) -> None:
        self.monthly, self.cumulative = list(monthly), list(cumulative)
        self.pace = list(pace) if pace is not None else None
        self._reset_items()
        self.relayout()

    def sizeHint(self) -> QSize:
        return QSize(520, 300)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 180)

    @property
    def empty(self) -> bool:
        return not any(self.monthly) and not any(self.cumulative) and not self.pace

    def legend(self) -> list[str]:
        """The legend's entries, as written (only for what is drawn)."""
        return [text for _, text, _ in self._legend_layout()]

    def _legend_layout(self) -> list[tuple[QPointF, str, str]]:
        """Where each legend item starts (its swatch's left, text middle), wrapping so a
        narrow chart keeps its legend inside the card."""
        small = QFontMetrics(self.small_font())
        line = small.height() + 2
        x, y = PAD + 6.0, PAD + self.title_height() + small.height() / 2
        out = []
        shown = [(text, color) for text, color in self.LEGEND
                 if color != PACE_COLOR or self.pace is not None]  # no target, no line
        for text, color in shown:
            width = 20 + small.horizontalAdvance(text)
            if out and x + width > self.width() - PAD:
                x, y = PAD + 6.0, y + line
            out.append((QPointF(x, y), text, color))
            x += width + 16
        return out

    def _legend_height(self) -> int:
        small = QFontMetrics(self.small_font())
        lines = len({start.y() for start, _, _ in self._legend_layout()})
        return lines * (small.height() + 2) + 4

    def place_items(self) -> None:
        small = QFontMetrics(self.small_font())
        top_value = max([*self.cumulative, *(self.pace or []), 0])
        top = PAD + self.title_height() + self._legend_height() + small.height() // 2
        bottom = self.height() - PAD - small.height() - 6
        height = max(bottom - top, 20)
        # The band: at most BAND_SHARE of the height, with room above its bars for their
        # values; the lines' plot takes the rest.
        band_h = max(height * self.BAND_SHARE, 2.0 * small.height())
        gap = small.height() * 0.75
        lines_h = max(height - band_h - gap, 10)
        count = max(2, min(6, int(lines_h // 36)))
        self._ticks = nice_ticks(top_value, count, min_step=1.0)
        self._month_top = ticks_over(max([*self.monthly, 0]), 1, min_step=1.0)[-1]
        left_w = max(small.horizontalAdvance(format_tick(t, self._ticks[1]))
                     for t in [*self._ticks, float(self._month_top)])
        left, right = PAD + left_w + 6, self.width() - PAD - 6
        width = max(right - left, 10)
        self._plot = QRectF(left, top, width, lines_h)
        self._band = QRectF(left, top + lines_h + gap, width, band_h)

    def _band_y(self, value: float) -> float:
        """A monthly value's height in the band; the top leaves a line for the value."""
        room = self._band.height() - QFontMetrics(self.small_font()).height()
        return self._band.bottom() - room * value / self._month_top

    def _x(self, month: int) -> float:
        """Middle of month `month`'s column (1-12)."""
        return self._plot.left() + self._plot.width() * (month - 0.5) / 12

    def _y(self, value: float, ticks: list[float]) -> float:
        return self._plot.bottom() - self._plot.height() * value / ticks[-1]

    def _column(self, month: int) -> QRectF:
        width = self._plot.width() / 12
        return QRectF(self._x(month) - width / 2, self._plot.top(), width,
                      self._band.bottom() - self._plot.top()
                      + QFontMetrics(self.small_font()).height() + 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.ensure_layout()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint_card(p)
        plot, small = self._plot, QFontMetrics(self.small_font())
        self._paint_legend(p)
        if self.hasFocus() or self._hover >= 0:
            month = self._hover if self._hover >= 0 and not self.hasFocus() else self._current
            self.paint_focus(p, self._column(month + 1))
        p.setFont(self.small_font())
        band = self._band
        step = self._ticks[1]
        for t in self._ticks:
            y = self._y(t, self._ticks)
            p.setPen(QPen(QColor(AXIS if t == 0 else GRID), 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            if t and self.empty:
                continue  # no figures: only the zero line, no made-up scale
            p.setPen(QColor(MUTED))
            text = format_tick(t, step)
            p.drawText(QPointF(plot.left() - 6 - small.horizontalAdvance(text),
                               y + small.ascent() / 2 - 1), text)
        # The band's own small scale: its base line, and its top value on a dotted line.
        p.setPen(QPen(QColor(AXIS), 1))
        p.drawLine(QPointF(band.left(), band.bottom()), QPointF(band.right(), band.bottom()))
        if not self.empty:
            y_top = self._band_y(self._month_top)
            p.setPen(QPen(QColor(GRID), 1, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(band.left(), y_top), QPointF(band.right(), y_top))
            p.setPen(QColor(MONTH_TEXT))
            for value, y in ((self._month_top, y_top), (0, band.bottom())):
                text = format_tick(value, self._month_top)
                p.drawText(QPointF(band.left() - 6 - small.horizontalAdvance(text),
                                   y + small.ascent() / 2 - 1), text)
        p.setPen(QColor(MUTED))
        widest = max(small.horizontalAdvance(name) for name in MONTH_ABBREVIATIONS)
        short = widest + 4 > plot.width() / 12  # a narrow chart: J F M A ...
        for month, full in enumerate(MONTH_ABBREVIATIONS, start=1):
            name = full[0] if short else full
            p.drawText(QPointF(self._x(month) - small.horizontalAdvance(name) / 2,
                               band.bottom() + 4 + small.ascent()), name)
        if self.empty:
            self.paint_empty(p)
            return
        column = plot.width() / 12
        bar_width = column * 0.55
        for month, value in enumerate(self.monthly[:12], start=1):
            y = self._band_y(value)
            hovered = month - 1 == self._hover
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(MONTH_TEXT if hovered else MONTH_BAR))
            p.drawRect(QRectF(self._x(month) - bar_width / 2, y, bar_width, band.bottom() - y))
            text = format_number(value)
            if value and small.horizontalAdvance(text) <= column:
                p.setPen(QColor(MONTH_TEXT))
                p.drawText(QPointF(self._x(month) - small.horizontalAdvance(text) / 2,
                                   y - 2 - small.descent()), text)
        if self.pace is not None:
            pen = QPen(QColor(PACE_COLOR), 2, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPolyline(self._line(self.pace))
        if self.cumulative:
            p.setPen(QPen(QColor(ACCENT_DARK), 3, Qt.PenStyle.SolidLine,
                          Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
            line = self._line(self.cumulative)
            p.drawPolyline(line)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(ACCENT_DARK))
            for point in line:
                p.drawEllipse(point, 3.5, 3.5)

    def _line(self, values: Sequence[int]) -> QPolygonF:
        return QPolygonF([QPointF(self._x(m), self._y(v, self._ticks))
                          for m, v in enumerate(values[:12], start=1)])

    def _paint_legend(self, p: QPainter) -> None:
        small = QFontMetrics(self.small_font())
        p.setFont(self.small_font())
        for start, text, color in self._legend_layout():
            x, y = start.x(), start.y()
            if color == MONTH_BAR:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(color))
                p.drawRect(QRectF(x, y - 5, 14, 10))
            else:
                style = Qt.PenStyle.DashLine if color == PACE_COLOR else Qt.PenStyle.SolidLine
                p.setPen(QPen(QColor(color), 2.5, style))
                p.drawLine(QPointF(x, y), QPointF(x + 16, y))
            p.setPen(QColor(TEXT))
            p.drawText(QPointF(x + 20, y + small.ascent() / 2 - 1), text)

    # -- items ------------------------------------------------------------------------------
    def item_count(self) -> int:
        return 12

    def arrow_keys(self) -> tuple[Qt.Key, Qt.Key]:
        return Qt.Key.Key_Left, Qt.Key.Key_Right

    def item_at(self, pos: QPoint) -> int:
        self.ensure_layout()
        for month in range(1, 13):
            if self._column(month).contains(QPointF(pos)):
                return month - 1
        return -1

    def item_tooltip(self, index: int) -> str:
        parts = [f"{MONTH_ABBREVIATIONS[index]}: {format_number(self._at(self.monthly, index))} "
                 "per bulan"]
        if index < len(self.cumulative):
            parts.append(f"kumulatif {format_number(self.cumulative[index])}")
        if self.pace is not None and index < len(self.pace):
            parts.append(f"laju target {format_number(self.pace[index])}")
        return " · ".join(parts)

    @staticmethod
    def _at(values: Sequence[int], index: int) -> int:
        return values[index] if index < len(values) else 0

    def activate(self, index: int) -> None:
        self.monthClicked.emit(index + 1)

    def month_center(self, month: int) -> QPoint:
        """The middle of month `month`'s column (1-12) on the widget."""
        self.ensure_layout()
        return QPoint(round(self._x(month)), round(self._plot.center().y()))

    def bar_base(self, month: int) -> QPoint:
        """Just above the band's base line in month `month`'s column: inside any bar."""
        self.ensure_layout()
        return QPoint(round(self._x(month)), round(self._band.bottom() - 3))

    def band(self) -> QRectF:
        """Where the monthly bars are drawn (below the lines' plot)."""
        self.ensure_layout()
        return QRectF(self._band)

    def lines_plot(self) -> QRectF:
        """Where the cumulative and pace lines are drawn, on the left scale."""
        self.ensure_layout()
        return QRectF(self._plot)

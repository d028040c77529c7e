"""The painted charts on their own: ticks, mouse, keyboard, tooltips, what lands on screen."""

from __future__ import annotations

import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from bpu_desktop.ui.charts import (
    EMPTY_TEXT,
    MONTH_BAR,
    Bar,
    BarChart,
    PaceChart,
    format_tick,
    format_value,
    nice_ticks,
    ticks_over,
)
from bpu_desktop.ui.theme import ACCENT

from .conftest import hover

PACKAGE = Path(__file__).resolve().parents[2] / "bpu_desktop"


# -- ticks ------------------------------------------------------------------------------
@pytest.mark.parametrize(("top", "count", "expected"), [
    (202, 4, [0, 50, 100, 150, 200, 250]),  # ends just above the longest bar
    (63_339, 6, [0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 70_000]),
    (63_339, 4, [0, 20_000, 40_000, 60_000, 80_000]),
    (1.7, 4, [0, 0.5, 1, 1.5, 2]),
    (0.9, 4, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
    (24, 5, [0, 5, 10, 15, 20, 25]),
    (0, 5, [0, 1]),  # nothing yet: still an axis
])
def test_nice_ticks_are_round_and_cover_the_top(top, count, expected):
    assert nice_ticks(top, count) == expected


def test_counts_never_tick_at_half_a_member():
    assert nice_ticks(3, 5, min_step=1) == [0, 1, 2, 3]
    assert nice_ticks(2, 5, min_step=1) == [0, 1, 2]  # not 0; 0,5; 1; 1,5; 2
    assert nice_ticks(12, 5, min_step=1) == [0, 2, 4, 6, 8, 10, 12]
    assert ticks_over(241, 4, min_step=1) == [0, 100, 200, 300, 400]  # same grid, 4 steps


def test_ticks_and_values_are_written_the_indonesian_way():
    assert [format_tick(t, 20_000) for t in (0, 20_000, 60_000)] == ["0", "20.000", "60.000"]
    assert format_tick(2.5, 0.5) == "2,5" and format_tick(0.25, 0.25) == "0,25"
    assert format_value(1234) == "1.234" and format_value(63_339.0) == "63.339"
    assert format_value(1.7, percent=True) == "1,7%" and format_value(0, True) == "0,0%"


# -- bar chart --------------------------------------------------------------------------
BARS = [Bar("33.72.01", "Laweyan", 1_234), Bar("33.72.05", "Banjarsari", 600),
        Bar("33.72.04", "Jebres", 12)]


@pytest.fixture
def bar_chart(qtbot):
    chart = BarChart("Pendaftaran per kecamatan")
    qtbot.addWidget(chart)
    chart.resize(460, 280)
    chart.set_bars(BARS)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def color_at(widget, point: QPoint) -> str:
    return widget.grab().toImage().pixelColor(point).name()


def painted_colors(widget) -> set[str]:
    image = widget.grab().toImage()
    return {image.pixelColor(x, y).name() for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)}


def test_bars_are_drawn_largest_on_top_and_clicks_emit_their_key(bar_chart, qtbot):
    centers = [bar_chart.bar_center(i) for i in range(3)]
    assert centers[0].y() < centers[1].y() < centers[2].y()
    assert centers[0].x() > centers[1].x()  # a longer bar has its middle further right
    assert color_at(bar_chart, centers[1]) == QColor(ACCENT).name()
    with qtbot.waitSignal(bar_chart.barClicked) as blocker:
        qtbot.mouseClick(bar_chart, Qt.MouseButton.LeftButton, pos=centers[1])
    assert blocker.args == ["33.72.05"]
    with qtbot.assertNotEmitted(bar_chart.barClicked):  # the title is no bar
        qtbot.mouseClick(bar_chart, Qt.MouseButton.LeftButton, pos=QPoint(230, 12))


def test_arrow_keys_move_the_highlight_and_enter_opens_it(bar_chart, qtbot):
    assert bar_chart.focusPolicy() & Qt.FocusPolicy.TabFocus
    qtbot.keyClick(bar_chart, Qt.Key.Key_Down)
    qtbot.keyClick(bar_chart, Qt.Key.Key_Down)
    qtbot.keyClick(bar_chart, Qt.Key.Key_Down)  # stays on the last bar
    assert bar_chart.current == 2
    with qtbot.waitSignal(bar_chart.barClicked) as blocker:
        qtbot.keyClick(bar_chart, Qt.Key.Key_Return)
    assert blocker.args == ["33.72.04"]
    qtbot.keyClick(bar_chart, Qt.Key.Key_Home)
    with qtbot.waitSignal(bar_chart.barClicked) as blocker:
        qtbot.keyClick(bar_chart, Qt.Key.Key_Space)
    assert blocker.args == ["33.72.01"]


def test_hover_shows_label_and_value(bar_chart, qtbot):
    where = bar_chart.bar_center(0)
    assert bar_chart.tooltip_at(where) == "Laweyan: 1.234"
    hover(qtbot, bar_chart, where)
    qtbot.waitUntil(lambda: bar_chart.cursor().shape() == Qt.CursorShape.PointingHandCursor)
    QApplication.sendEvent(bar_chart, QHelpEvent(QEvent.Type.ToolTip, where,
                                                 bar_chart.mapToGlobal(where)))
    assert QToolTip.text() == "Laweyan: 1.234"
    QToolTip.hideText()


def test_percentages_are_written_as_given(qtbot):
    chart = BarChart("Konversi kegiatan (% mendaftar)", percent=True)
    qtbot.addWidget(chart)
    chart.resize(460, 220)
    chart.set_bars([Bar("e1", "21/09 Pasar Jayengan", 1.7), Bar("e2", "17/08 Pasar Kratonan", 0)])
    assert chart.tooltip_at(chart.bar_center(0)) == "21/09 Pasar Jayengan: 1,7%"
    assert chart.tooltip_at(chart.bar_center(1)) == "17/08 Pasar Kratonan: 0,0%"  # still clickable


def test_an_empty_chart_shows_no_bars_and_ignores_enter(bar_chart, qtbot):
    assert QColor(ACCENT).name() in painted_colors(bar_chart)
    bar_chart.set_bars([])
    assert bar_chart.bars == []
    assert QColor(ACCENT).name() not in painted_colors(bar_chart)
    assert EMPTY_TEXT == "Belum ada data"
    with qtbot.assertNotEmitted(bar_chart.barClicked):
        qtbot.keyClick(bar_chart, Qt.Key.Key_Return)
        qtbot.mouseClick(bar_chart, Qt.MouseButton.LeftButton, pos=bar_chart.rect().center())
    assert bar_chart.tooltip_at(bar_chart.rect().center()) is None


def test_labels_are_elided_only_when_they_do_not_fit(qtbot):
    chart = BarChart("Pendaftaran per kecamatan")
    qtbot.addWidget(chart)
    chart.resize(500, 220)
    chart.set_bars([Bar("33.72.01", "Laweyan", 18)])  # one short label, lots of room
    assert chart.label_text(0) == "Laweyan"
    long = "Kantor Kelurahan Gilingan dan sekitarnya, Banjarsari"
    chart.set_bars([Bar("e1", long, 1.0)])
    chart.resize(300, 220)
    shown = chart.label_text(0)
    assert shown.endswith("…") and long.startswith(shown[:-1])
    assert chart.tooltip_at(chart.bar_center(0)) == f"{long}: 1"


def test_many_bars_make_the_chart_taller_so_every_label_has_a_line(qtbot):
    chart = BarChart("Pendaftaran per kecamatan")
    qtbot.addWidget(chart)
    chart.set_bars([Bar(str(i), f"Kecamatan {i}", i) for i in range(30)])
    assert chart.minimumHeight() >= 30 * chart.fontMetrics().height()
    chart.set_bars(BARS)
    assert chart.minimumHeight() == 180


# -- pace chart -------------------------------------------------------------------------
MONTHLY = [158, 155, 174, 167, 209, 195, 203, 188, 204, 241, 142, 0]
CUMULATIVE = [158, 313, 487, 654, 863, 1058, 1261, 1449, 1653, 1894, 2036]
PACE = [round(63_339 * m / 12) for m in range(1, 13)]


@pytest.fixture
def pace_chart(qtbot):
    chart = PaceChart()
    qtbot.addWidget(chart)
    chart.resize(520, 320)
    chart.set_series(MONTHLY, CUMULATIVE, PACE)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def test_monthly_bars_stay_readable_next_to_a_big_target(pace_chart):
    # October's 241 still shows with 63.339 on the left: its bar stands in a band of its
    # own under the lines, at most a third of the plot, so it never towers over them.
    october, december = pace_chart.bar_base(10), pace_chart.bar_base(12)
    assert color_at(pace_chart, october) == QColor(MONTH_BAR).name()
    assert color_at(pace_chart, december) != QColor(MONTH_BAR).name()  # no enrolments yet
    band, lines = pace_chart.band(), pace_chart.lines_plot()
    assert band.top() > lines.bottom()
    assert band.height() <= (band.bottom() - lines.top()) * 0.3
    # Up the October column, above the band, no bar colour: only lines and white.
    above = [color_at(pace_chart, QPoint(october.x(), y))
             for y in range(round(lines.top()), round(band.top()), 4)]
    assert QColor(MONTH_BAR).name() not in above


def test_a_month_click_or_enter_emits_its_number(pace_chart, qtbot):
    centers = [pace_chart.month_center(m) for m in range(1, 13)]
    assert all(a.x() < b.x() for a, b in pairwise(centers))
    with qtbot.waitSignal(pace_chart.monthClicked) as blocker:
        qtbot.mouseClick(pace_chart, Qt.MouseButton.LeftButton, pos=centers[4])
    assert blocker.args == [5]
    qtbot.keyClick(pace_chart, Qt.Key.Key_Left)
    with qtbot.waitSignal(pace_chart.monthClicked) as blocker:
        qtbot.keyClick(pace_chart, Qt.Key.Key_Enter)
    assert blocker.args == [4]


def test_month_tooltip_gives_the_three_figures(pace_chart):
    assert pace_chart.tooltip_at(pace_chart.month_center(10)) == \
        "Okt: 241 per bulan · kumulatif 1.894 · laju target 52.782"
    assert pace_chart.tooltip_at(pace_chart.month_center(12)) == \
        "Des: 0 per bulan · laju target 63.339"


def test_a_year_without_figures_draws_no_lines(qtbot):
    chart = PaceChart()
    qtbot.addWidget(chart)
    chart.resize(520, 320)
    chart.set_series([0] * 12, [], None)
    assert chart.empty
    assert chart.legend() == ["Per bulan (pita bawah)", "Kumulatif terdaftar"]  # no target
    bases = [chart.bar_base(m) for m in range(1, 13)]
    assert {color_at(chart, p) for p in bases} == {"#ffffff"}  # no bar
    chart.set_series(MONTHLY, CUMULATIVE, PACE)
    assert not chart.empty and color_at(chart, bases[9]) == QColor(MONTH_BAR).name()
    assert chart.legend()[-1] == "Laju target"


# -- no pyqtgraph -----------------------------------------------------------------------
def test_no_module_imports_pyqtgraph():
    pattern = re.compile(r"^\s*(import|from)\s+pyqtgraph\b", re.MULTILINE)
    offenders = [str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
                 if pattern.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, bpu_desktop.ui.beranda_page; "
         "print(sorted(m for m in ('pyqtgraph', 'numpy') if m in sys.modules))"],
        capture_output=True, text=True, check=True, cwd=PACKAGE.parent,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert loaded.stdout.strip() == "[]"

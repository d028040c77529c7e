"""One accent colour and a calm stylesheet, so every page looks like the same product."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QHeaderView,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel

ACCENT = "#0b8a4b"  # BPJS Ketenagakerjaan green
ACCENT_DARK = "#08663a"
ERROR = "#c62828"
WARNING = "#b26a00"
MUTED = "#5f6b66"
ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"

STYLESHEET = f"""
QMainWindow, QDialog {{ background: #f6f8f7; }}
QListWidget#navigation {{
    background: #ffffff; border: none; border-right: 1px solid #dfe5e2;
    font-size: 14px; padding-top: 8px; outline: 0;
}}
QListWidget#navigation::item {{ padding: 9px 12px; margin: 2px 8px; border-radius: 6px; }}
QListWidget#navigation::item:selected {{ background: {ACCENT}; color: white; }}
QListWidget#navigation::item:hover:!selected {{ background: #e8f3ed; }}
QLabel#pageTitle {{ font-size: 20px; font-weight: 600; color: #1d2b24; padding: 4px 0 8px 0; }}
QLabel#sectionTitle {{ font-size: 14px; font-weight: 600; color: {ACCENT_DARK}; padding-top: 6px; }}
QLabel.fieldError, QLabel[role="error"] {{ color: {ERROR}; font-size: 12px; }}
QLabel[role="warning"] {{ color: {WARNING}; font-size: 12px; }}
QLabel[role="hint"] {{ color: {MUTED}; font-size: 12px; }}
QFrame[role="card"] {{ background: #ffffff; border: 1px solid #dfe5e2; border-radius: 8px; }}
QLabel[role="cardValue"] {{ color: {ACCENT_DARK}; font-size: 24px; font-weight: 600; }}
QLabel[role="cardValue"][warn="true"] {{ color: {WARNING}; }}
QPushButton[role="link"] {{ color: {ACCENT}; text-align: left; padding: 0; border: none;
    background: transparent; }}
QGroupBox {{
    background: #ffffff; border: 1px solid #dfe5e2; border-radius: 8px;
    margin-top: 14px; padding: 10px 10px 8px 10px; font-weight: 600;
}}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: {ACCENT_DARK}; }}
QLineEdit, QComboBox, QSpinBox, QDateEdit, QPlainTextEdit, QDoubleSpinBox {{
    background: #ffffff; border: 1px solid #c9d3ce; border-radius: 5px; padding: 4px 6px;
    min-height: 22px;
}}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDateEdit:focus, QPlainTextEdit:focus {{
    border: 1px solid {ACCENT};
}}
QComboBox::drop-down {{ border: none; width: 22px; }}
QSpinBox::up-button, QSpinBox::down-button, QDoubleSpinBox::up-button,
QDoubleSpinBox::down-button, QDateEdit::up-button, QDateEdit::down-button {{
    border: none; width: 18px; background: transparent;
}}
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow, QDateEdit::up-arrow {{
    image: url({ICONS.as_posix()}/chevron-up.svg); width: 10px; height: 10px;
}}
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow, QDateEdit::down-arrow {{
    image: url({ICONS.as_posix()}/chevron-down.svg); width: 10px; height: 10px;
}}
/* A spin box without buttons still reserved their room: its text was 1 px wide. */
QSpinBox[buttonSymbols="2"]::up-button, QSpinBox[buttonSymbols="2"]::down-button {{
    subcontrol-origin: border; width: 0px;
}}
QDateEdit::drop-down {{ border: none; width: 22px; }}
QDateEdit::down-arrow {{ image: url({ICONS.as_posix()}/chevron-down.svg); width: 12px; height: 12px; }}
QComboBox::down-arrow {{
    image: url({ICONS.as_posix()}/chevron-down.svg); width: 12px; height: 12px;
}}
QLabel[role="success"] {{ color: {ACCENT_DARK}; font-weight: 600; }}
QLabel[role="total"] {{ font-weight: 700; color: #10241a; }}
QWidget#stickyBar {{ background: #e8f3ed; border: 1px solid #b9dcc8; border-radius: 6px; }}
QTabBar::tab {{ padding: 7px 16px; }}
QTabBar::tab:selected {{ color: {ACCENT_DARK}; font-weight: 600; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"] {{ border: 1px solid {ERROR}; background: #fff6f6; }}
QPushButton {{
    background: #ffffff; border: 1px solid #c9d3ce; border-radius: 5px; padding: 6px 14px;
}}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton[primary="true"] {{
    background: {ACCENT}; color: white; border: 1px solid {ACCENT_DARK}; font-weight: 600;
}}
QPushButton[primary="true"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton:disabled {{ color: #9aa5a0; }}
QPushButton[primary="true"]:disabled {{
    background: #e3e9e6; color: #8d9893; border: 1px solid #cfd8d3; font-weight: 600;
}}
QTableView {{
    background: #ffffff; border: 1px solid #dfe5e2; gridline-color: #edf1ef;
    selection-background-color: #cfe8da; selection-color: #10241a;
    alternate-background-color: #f8fbf9;
}}
QHeaderView::section {{
    background: #eef3f0; border: none; border-bottom: 1px solid #dfe5e2; padding: 5px 6px;
    font-weight: 600;
}}
QStatusBar {{ background: #ffffff; border-top: 1px solid #dfe5e2; }}
QProgressBar {{ border: 1px solid #c9d3ce; border-radius: 4px; text-align: center; background: #fff; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}
"""


def apply_theme(app: QApplication) -> None:
    """The look and the number format of every window: the style sheet, and Indonesian
    numbers in Qt's own widgets (spin boxes show 5.279, not 5,279)."""
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    app.setStyleSheet(STYLESHEET)


def icon(name: str) -> QIcon:
    path = ICONS / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


# -- layout helpers: every page fits a 1280x720 laptop screen without growing the window --

ROW_PADDING = 10  # pixels above+below one line of text in a table row


def row_table(name: str, model: QAbstractItemModel | None = None) -> QTableView:
    """A list of records: whole rows selected one at a time, striped, no row numbers."""
    view = QTableView(objectName=name)
    if model is not None:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    return view


def compact_table(view: QTableView, widths: dict[int, int | str] | None = None, *,
                  stretch: int | None = None) -> None:
    """One line per row, elided text, fixed row height: long lists stay readable.

    `widths` sets initial column widths, in characters or as a sample text such as
    "30/12/2026" (cheap, unlike resizeToContents on a large model), never narrower than
    the column's header; `stretch` is the column that takes the spare width (else the last).
    """
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    metrics = view.fontMetrics()
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(metrics.height() + ROW_PADDING)
    header = view.horizontalHeader()
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    header.setMinimumSectionSize(metrics.averageCharWidth() * 4)
    header.setHighlightSections(False)
    bold = QFont(view.font())
    bold.setBold(True)
    header_metrics = QFontMetrics(bold)
    model = view.model()
    for column, size in (widths or {}).items():
        sample = size if isinstance(size, str) else "n" * size
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "") if model else ""
        # + padding, + room for the sort arrow next to the header text
        header.resizeSection(column, max(metrics.horizontalAdvance(sample) + 14,
                                         header_metrics.horizontalAdvance(title) + 24))
    if stretch is not None:
        header.setStretchLastSection(False)
        view.viewport().installEventFilter(_StretchColumn(view, stretch))
    else:
        header.setStretchLastSection(True)


class _StretchColumn(QObject):
    """Give one column the spare width, but never less than its initial width.

    QHeaderView's Stretch mode squeezes the column to nothing when the others do not fit
    (a narrow laptop): then the name column vanished. Here the list scrolls sideways instead.
    """

    def __init__(self, view: QTableView, column: int) -> None:
        super().__init__(view)
        self.view = view
        self.column = column
        self.base = view.horizontalHeader().sectionSize(column)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            header = self.view.horizontalHeader()
            others = sum(header.sectionSize(c) for c in range(header.count())
                         if c != self.column and not header.isSectionHidden(c))
            spare = self.view.viewport().width() - others
            header.resizeSection(self.column, max(self.base, spare))
        return False


def compact_combo(combo: QComboBox, chars: int = 14) -> None:
    """A combo whose minimum width does not follow its longest item (long partner names)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)


def scroll_area(widget: QWidget, object_name: str) -> QScrollArea:
    """Wrap a tall form so the window never grows for it; it scrolls vertically only."""
    area = QScrollArea(objectName=object_name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    area.setMinimumWidth(widget.minimumSizeHint().width()
                         + area.verticalScrollBar().sizeHint().width())
    area.viewport().setAutoFillBackground(False)
    widget.setAutoFillBackground(False)
    return area


def page_layout(page: QWidget) -> QVBoxLayout:
    """The same margins and spacing on every page."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(*PAGE_MARGINS)
    layout.setSpacing(8)
    return layout


PAGE_MARGINS = (16, 12, 16, 12)

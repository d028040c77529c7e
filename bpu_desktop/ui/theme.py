"""One accent colour and a calm stylesheet, so every page looks like the same product."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

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


def icon(name: str) -> QIcon:
    path = ICONS / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()

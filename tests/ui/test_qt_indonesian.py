"""Texts Qt draws itself read Indonesian: the right-click menu of a field (what officers
met in English before), a number box's and a scroll bar's menu, standard buttons, and
Qt's own file dialog."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QScrollBar,
    QSpinBox,
    QWidget,
)

from bpu_desktop import app as app_module
from bpu_desktop.store.database import open_store
from bpu_desktop.ui import qt_indonesian


@pytest.fixture
def indonesian(qapp: QApplication) -> Iterator[qt_indonesian.IndonesianQt]:
    translator = qt_indonesian.install(qapp)
    yield translator
    qapp.removeTranslator(translator)
    translator.setParent(None)  # so the next install makes a fresh one


def _menu_texts(qtbot, widget: QWidget, open_menu: Callable[[], None]) -> list[str]:  # type: ignore[no-untyped-def]
    """Open `widget`'s context menu as the officer does, read its entries, close it."""
    seen: list[str] = []

    def read() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, read)
            return
        seen.extend(a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator())
        menu.close()

    QTimer.singleShot(0, read)
    open_menu()
    qtbot.waitUntil(lambda: bool(seen))
    return seen


def _right_click(qtbot, widget: QWidget) -> Callable[[], None]:  # type: ignore[no-untyped-def]
    """The event Qt turns a right-click into (QTest's mouse clicks skip that step)."""

    def click() -> None:
        widget.setFocus()
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5),
                                  widget.mapToGlobal(QPoint(5, 5)))
        QApplication.sendEvent(widget, event)

    return click


def test_a_fields_right_click_menu_is_indonesian(qtbot, indonesian) -> None:  # type: ignore[no-untyped-def]
    field = QLineEdit("Sri Wahyuni")
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    texts = _menu_texts(qtbot, field, _right_click(qtbot, field))
    assert texts == ["&Urungkan", "U&lang", "Po&tong", "&Salin", "&Tempel", "Hapus",
                     "Pilih Semua"]


def test_a_text_boxs_menu_and_a_number_boxs_menu_are_indonesian(qtbot, indonesian) -> None:  # type: ignore[no-untyped-def]
    notes = QPlainTextEdit("Dihubungi lewat telepon")
    qtbot.addWidget(notes)
    menu = notes.createStandardContextMenu()
    assert [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()] == [
        "&Urungkan", "U&lang", "Po&tong", "&Salin", "&Tempel", "Hapus", "Pilih Semua"]
    count = QSpinBox()
    count.setRange(0, 500)
    count.setValue(40)
    qtbot.addWidget(count)
    count.show()
    qtbot.waitExposed(count)
    texts = _menu_texts(qtbot, count, _right_click(qtbot, count))
    assert "&Naikkan" in texts and "&Turunkan" in texts and "&Pilih Semua" in texts
    assert not any(t in texts for t in ("&Step up", "Step &down", "&Copy"))


def test_a_scroll_bars_menu_is_indonesian(qtbot, indonesian) -> None:  # type: ignore[no-untyped-def]
    bar = QScrollBar(Qt.Orientation.Vertical)
    bar.setRange(0, 1000)
    bar.resize(20, 300)
    qtbot.addWidget(bar)
    bar.show()
    qtbot.waitExposed(bar)
    texts = _menu_texts(qtbot, bar, _right_click(qtbot, bar))
    assert texts[:3] == ["Gulir ke sini", "Paling atas", "Paling bawah"]
    assert "Satu halaman ke bawah" in texts


def test_standard_buttons_and_qts_file_dialog_are_indonesian(qtbot, indonesian) -> None:  # type: ignore[no-untyped-def]
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                           | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == ["&Tidak", "&Ya", "Batal"]

    dialog = QFileDialog(None, "Pilih berkas Excel")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"&Cari di:", "&Nama berkas:", "&Jenis berkas:"} <= labels
    assert not labels & {"&Look in:", "File &name:", "Files of &type:"}


def test_english_stays_for_what_is_not_in_the_catalogue(indonesian) -> None:  # type: ignore[no-untyped-def]
    assert QApplication.translate("QShortcut", "Ctrl") == "Ctrl"
    assert QApplication.translate("QLineEdit", "&Copy") == "&Salin"


def test_the_app_installs_it_once_at_start(qtbot, qapp, tmp_path: Path,  # type: ignore[no-untyped-def]
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bpu.db"
    store = open_store(path)
    store.set_officer("Sri")
    store.close()
    monkeypatch.setattr(app_module, "backup_on_close", lambda store: None)
    started = app_module._open_window(qapp, app_module.parse_args(["--db", str(path)]))
    assert not isinstance(started, int)
    ctx, window = started
    qtbot.addWidget(window)
    try:
        assert QApplication.translate("QLineEdit", "&Paste") == "&Tempel"
        assert qt_indonesian.install(qapp) is qapp.findChild(qt_indonesian.IndonesianQt)
        assert len(qapp.findChildren(qt_indonesian.IndonesianQt)) == 1
    finally:
        translator = qapp.findChild(qt_indonesian.IndonesianQt)
        if translator is not None:
            qapp.removeTranslator(translator)
            translator.setParent(None)
        window.close()
        ctx.store.close()

"""The real question box: Indonesian buttons, Batal by default, the answer by its label."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from bpu_desktop.ui.confirm_dialog import ConfirmDialog

pytestmark = pytest.mark.real_dialogs


def _answer_with(qtbot, name: str, seen: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    """Once the box is open: note its buttons, then click the one named `name`."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append([b.text() for b in box.buttons()])
        assert box.defaultButton().objectName() == "confirmCancel"
        box.findChild(QPushButton, name).click()

    QTimer.singleShot(0, click)


def test_choose_offers_simpan_buang_batal_and_returns_the_label(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[list[str]] = []
    _answer_with(qtbot, "confirmOption1", seen)
    assert ConfirmDialog.choose(None, "Perubahan belum disimpan", "Simpan?",
                                ("Simpan", "Buang")) == "Buang"
    assert sorted(seen[0]) == ["Batal", "Buang", "Simpan"]
    _answer_with(qtbot, "confirmCancel", seen)
    assert ConfirmDialog.choose(None, "t", "x", ("Simpan", "Buang")) is None


def test_ask_is_a_yes_no_on_choose(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[list[str]] = []
    _answer_with(qtbot, "confirmOk", seen)
    assert ConfirmDialog.ask(None, "Hapus", "Hapus peserta ini?", "Hapus") is True
    _answer_with(qtbot, "confirmCancel", seen)
    assert ConfirmDialog.ask(None, "Hapus", "Hapus peserta ini?", "Hapus") is False

"""Real dialogs the officer answers: Indonesian buttons only (Qt ships no Indonesian
translation, so every standard button Qt would label in English is labelled by us)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from bpu_desktop.store.backup import BackupInfo
from bpu_desktop.ui import error_handler
from bpu_desktop.ui.merge_dialog import MergeDialog
from bpu_desktop.ui.pengaturan_page import ConfirmRestore

pytestmark = pytest.mark.real_dialogs


def _close_when_open(seen: list[list[str]], *, type_text: str | None = None,
                     accept: bool = False) -> None:
    """Once a modal dialog is open: note its button labels, then close it (always, so a
    wrong dialog fails the test instead of waiting for a click)."""

    def look() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, look)
            return
        seen.append(sorted(b.text() for b in box.findChildren(QPushButton) if b.isVisible()))
        if type_text is not None and hasattr(box, "setTextValue"):
            box.setTextValue(type_text)
        assert isinstance(box, QDialog)
        box.accept() if accept else box.reject()

    QTimer.singleShot(0, look)


def test_restore_asks_with_pulihkan_and_batal(qtbot) -> None:  # type: ignore[no-untyped-def]
    info = BackupInfo(Path("data-20261120-101500-000000-manual.db"),
                      datetime(2026, 11, 20, 10, 15), "manual", 1024)
    seen: list[list[str]] = []
    _close_when_open(seen)
    assert ConfirmRestore.ask(None, info) is False  # Esc / closing: Batal
    assert seen == [["Batal", "Pulihkan"]]


def test_package_passphrase_asks_with_lanjutkan_and_batal(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[list[str]] = []
    _close_when_open(seen, type_text="sandi-kantor-2026", accept=True)
    assert MergeDialog.ask_passphrase(None) == "sandi-kantor-2026"
    assert seen == [["Batal", "Lanjutkan"]]
    _close_when_open(seen)
    assert MergeDialog.ask_passphrase(None) is None
    assert seen[1] == ["Batal", "Lanjutkan"]


def test_error_box_closes_with_tutup(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[list[str]] = []
    _close_when_open(seen)
    error_handler.show_error(None, "Berkas data rusak.")
    assert seen == [["Tutup"]]


def test_the_officer_name_is_saved_with_simpan(qtbot) -> None:  # type: ignore[no-untyped-def]
    from bpu_desktop.ui.officer_dialog import OfficerDialog

    dialog = OfficerDialog()
    qtbot.addWidget(dialog)
    assert [b.text() for b in dialog.findChildren(QPushButton)] == ["Simpan"]

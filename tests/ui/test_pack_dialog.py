"""Kirim data over a package already there: the dialog asks first (Timpa / Batal); Batal
keeps the old file as it was, Timpa replaces it with the new package."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton

from bpu_desktop.store import pack
from bpu_desktop.ui import pengaturan_page
from bpu_desktop.ui.pack_dialog import PackDialog, PackRequest

from .conftest import answer_questions

PASS = "sandi-kantor-2026"
OLD = b"paket kemarin, belum dikirim"


def fill_and_click(qtbot, dialog: PackDialog) -> None:  # type: ignore[no-untyped-def]
    """Type the passphrase twice and press "Buat paket", as the officer does."""
    qtbot.keyClicks(dialog.findChild(QLineEdit, "packPassphrase"), PASS)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "packPassphraseAgain"), PASS)
    ok = dialog.findChild(QDialogButtonBox, "packButtons").button(
        QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "Buat paket"
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


@pytest.fixture
def old_package(tmp_path: Path) -> Path:
    out = tmp_path / "kirim.bpu"
    out.write_bytes(OLD)
    return out


def test_the_dialog_asks_before_replacing_and_batal_keeps_it_open(
        qtbot, old_package: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    asked = answer_questions(monkeypatch, None)  # Batal
    dialog = PackDialog(None, old_package)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_and_click(qtbot, dialog)
    assert asked == [("Timpa berkas?",
                      f"kirim.bpu sudah ada di {old_package.parent}.\n\nTimpa dengan paket "
                      "baru? Isi berkas lama akan hilang.", ("Timpa",))]
    assert dialog.request is None and dialog.isVisible()  # still open: pick another name
    assert dialog.findChild(QLabel, "packError").text().startswith(
        "Paket tidak dibuat: kirim.bpu yang sudah ada tidak diubah.")
    assert old_package.read_bytes() == OLD

    answer_questions(monkeypatch, "Timpa")
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox, "packButtons").button(
        QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.request == PackRequest(old_package, PASS, None)


def test_a_new_name_is_not_asked_about(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The autouse guard fails the test on any question left unanswered.
    dialog = PackDialog(None, tmp_path / "baru.bpu")
    qtbot.addWidget(dialog)
    dialog.show()
    fill_and_click(qtbot, dialog)
    assert dialog.request == PackRequest(tmp_path / "baru.bpu", PASS, None)


@pytest.mark.parametrize("answer", [None, "Timpa"])
def test_kirim_data_over_an_existing_package(
        ctx, qtbot, old_package: Path, monkeypatch: pytest.MonkeyPatch,
        answer: str | None) -> None:  # type: ignore[no-untyped-def]
    """Through the page: Batal writes nothing; Timpa leaves a package the office opens."""
    monkeypatch.setattr(pack.pack_store, "__kwdefaults__", {"scrypt_n": pack.MIN_SCRYPT_N})
    asked = answer_questions(monkeypatch, answer)

    def ask(cls, parent, default):  # type: ignore[no-untyped-def]
        dialog = cls(parent, old_package)
        qtbot.addWidget(dialog)
        dialog.show()
        fill_and_click(qtbot, dialog)
        return dialog.request

    monkeypatch.setattr(PackDialog, "ask", classmethod(ask))
    page = pengaturan_page.create_page(ctx)
    qtbot.addWidget(page)
    page.show()
    button = page.findChild(QPushButton, "sendDataButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [title for title, _text, _options in asked] == ["Timpa berkas?"]
    if answer is None:
        assert page.task is None
        assert old_package.read_bytes() == OLD
        return
    assert page.task is not None
    qtbot.waitUntil(button.isEnabled, timeout=10000)
    assert "Paket dibuat" in page.findChild(QLabel, "sendMessage").text()
    assert old_package.read_bytes() != OLD
    dest = old_package.parent / "kantor"
    dest.mkdir()
    assert pack.unpack_package(old_package, PASS, dest).exists()

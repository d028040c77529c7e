"""Kirim data: where to write the encrypted package, which period, and the passphrase twice.

A package already at that path is replaced only when the user says so (Timpa/Batal, as
the export asks); the write itself is atomic (`pack_store`), so the old file stays whole
until the new one is complete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.months import format_month, parse_month
from bpu_desktop.store.clock import short_id
from bpu_desktop.store.durability import require_folder
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.pack import PACKAGE_SUFFIX, check_passphrase

from .confirm_dialog import ConfirmDialog


@dataclass(frozen=True)
class PackRequest:
    out_path: Path
    passphrase: str
    period: str | None


class PackDialog(QDialog):
    def __init__(self, parent: QWidget | None, default_path: Path) -> None:
        super().__init__(parent)
        self.setObjectName("packDialog")
        self.setWindowTitle("Kirim data (paket terenkripsi)")
        self.setMinimumWidth(520)
        intro = QLabel(
            "Data dikemas dan dikunci dengan kata sandi (AES-256). Kirim berkas .bpu ke kantor "
            "dan sampaikan kata sandinya lewat jalur lain (misalnya telepon), bukan bersama "
            "berkasnya."
        )
        intro.setWordWrap(True)
        self.path_edit = QLineEdit(str(default_path))
        self.path_edit.setObjectName("packPath")
        browse = QPushButton("Pilih…")
        browse.setObjectName("packBrowse")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.period_edit = QLineEdit()
        self.period_edit.setObjectName("packPeriod")
        self.period_edit.setPlaceholderText("mis. 2026-03 (hanya label: paket selalu berisi "
                                            "semua data)")
        self.pass1 = QLineEdit()
        self.pass1.setObjectName("packPassphrase")
        self.pass2 = QLineEdit()
        self.pass2.setObjectName("packPassphraseAgain")
        for edit in (self.pass1, self.pass2):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("packError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Simpan ke", path_row)
        form.addRow("Label periode", self.period_edit)
        form.addRow("Kata sandi", self.pass1)
        form.addRow("Ulangi kata sandi", self.pass2)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("packButtons")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Buat paket")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.request: PackRequest | None = None

    def _browse(self) -> None:
        # No question from the file dialog: Qt's would be in English, and `_accept` asks
        # (in Indonesian) before writing over any existing file, typed or chosen.
        name, _ = QFileDialog.getSaveFileName(
            self, "Simpan paket", self.path_edit.text(), "Paket BPU (*.bpu)", "",
            QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.path_edit.setText(name)

    def validate(self) -> PackRequest:
        """The request, or a StoreError with the message to show."""
        text = self.path_edit.text().strip()
        if not text:
            raise StoreError("Pilih tempat menyimpan paket.")
        path = Path(text).expanduser()
        if path.suffix.lower() != PACKAGE_SUFFIX:
            path = path.with_name(path.name + PACKAGE_SUFFIX)
        require_folder(path.parent)
        if path.is_dir():
            raise StoreError(f"{path} adalah folder; pilih nama berkas {PACKAGE_SUFFIX}.")
        period: str | None = None
        if self.period_edit.text().strip():
            try:
                period = format_month(parse_month(self.period_edit.text().strip()))
            except ValueError as exc:
                raise StoreError("Periode tidak dikenali (contoh: 2026-03).") from exc
        check_passphrase(self.pass1.text())
        if self.pass1.text() != self.pass2.text():
            raise StoreError("Kedua kata sandi tidak sama.")
        return PackRequest(path, self.pass1.text(), period)

    def _accept(self) -> None:
        try:
            request = self.validate()
        except StoreError as exc:
            self._say(exc.message, "error")
            return
        out = request.out_path
        if out.exists() and not ConfirmDialog.ask(
                self, "Timpa berkas?",
                f"{out.name} sudah ada di {out.parent}.\n\nTimpa dengan paket baru? Isi "
                "berkas lama akan hilang.", "Timpa"):
            self._say(f"Paket tidak dibuat: {out.name} yang sudah ada tidak diubah. Pilih "
                      "nama lain, atau Buat paket lagi untuk menimpanya.", "warning")
            return
        self.request = request
        self.accept()

    def _say(self, text: str, role: str) -> None:
        self.error.setText(text)
        self.error.setProperty("role", role)
        self.error.style().unpolish(self.error)
        self.error.style().polish(self.error)

    @classmethod
    def ask(cls, parent: QWidget | None, default_path: Path) -> PackRequest | None:
        """Tests replace this classmethod; None when the user cancels."""
        dialog = cls(parent, default_path)
        return dialog.request if dialog.exec() == QDialog.DialogCode.Accepted else None


def default_package_path(folder: Path, device_id: str, today: date | None = None) -> Path:
    today = today or date.today()
    return folder / f"kirim-{today:%Y%m%d}-{short_id(device_id)}{PACKAGE_SUFFIX}"

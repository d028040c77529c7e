"""First start: who is the officer using this laptop? Kept in the file with its device id."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class OfficerDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, current: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("officerDialog")
        self.setWindowTitle("Nama petugas")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Selamat datang di BPU Desktop.\nTulis nama Anda: setiap data yang Anda simpan "
            "akan mencatat nama ini dan laptop ini."
        )
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(current)
        self.name_edit.setObjectName("officerName")
        self.name_edit.setPlaceholderText("Nama lengkap petugas")
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setObjectName("officerNameError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.setObjectName("officerButtons")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Simpan")  # not "OK"
        buttons.accepted.connect(self._accept)
        layout.addWidget(intro)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not " ".join(self.name_edit.text().split()):
            self.error.setText("Nama petugas wajib diisi.")
            return
        self.accept()

    def name(self) -> str:
        return " ".join(self.name_edit.text().split())

    @classmethod
    def ask(cls, parent: QWidget | None = None, current: str = "") -> str | None:
        """Tests replace this classmethod; returns None when the user closes the dialog."""
        dialog = cls(parent, current)
        return dialog.name() if dialog.exec() == QDialog.DialogCode.Accepted else None

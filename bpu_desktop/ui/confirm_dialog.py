"""One yes/no question, replaceable in tests (`monkeypatch.setattr(ConfirmDialog, "ask", ...)`)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class ConfirmDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, ok_label: str = "Ya") -> bool:
        """True when the user chose `ok_label`; "Batal" is the default button."""
        box = QMessageBox(parent)
        box.setObjectName("confirmDialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(text)
        ok = box.addButton(ok_label, QMessageBox.ButtonRole.AcceptRole)
        ok.setObjectName("confirmOk")
        cancel = box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
        cancel.setObjectName("confirmCancel")
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is ok

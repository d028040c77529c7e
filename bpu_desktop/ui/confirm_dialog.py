"""One question with a few answers, replaceable in tests
(`monkeypatch.setattr(ConfirmDialog, "choose", ...)`; `ask` is a yes/no built on it), and
`inform`, a message with one "Tutup" button.

Every button here is labelled by us: Qt (PySide6 6.11) ships no Indonesian translation
(no qtbase_id.qm), so its standard buttons would read Yes/No/OK/Cancel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

CANCEL_LABEL = "Batal"
CLOSE_LABEL = "Tutup"


class ConfirmDialog:
    @classmethod
    def choose(cls, parent: QWidget | None, title: str, text: str,
               options: Sequence[str]) -> str | None:
        """The label of the answer chosen from `options`, or None for "Batal" (the default
        button, also what Esc and closing the box answer)."""
        box = QMessageBox(parent)
        box.setObjectName("confirmDialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(text)
        buttons = {}
        for i, label in enumerate(options):
            role = (QMessageBox.ButtonRole.AcceptRole if i == 0
                    else QMessageBox.ButtonRole.DestructiveRole)
            button = box.addButton(label, role)
            button.setObjectName("confirmOk" if i == 0 else f"confirmOption{i}")
            buttons[button] = label
        cancel = box.addButton(CANCEL_LABEL, QMessageBox.ButtonRole.RejectRole)
        cancel.setObjectName("confirmCancel")
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return buttons.get(box.clickedButton())

    @classmethod
    def inform(cls, parent: QWidget | None, title: str, text: str, *,
               icon: QMessageBox.Icon = QMessageBox.Icon.Critical) -> None:
        """A message the user only closes ("Tutup", also Esc and Enter)."""
        box = QMessageBox(parent)
        box.setObjectName("messageDialog")
        box.setIcon(icon)
        box.setWindowTitle(title)
        box.setText(text)
        close = box.addButton(CLOSE_LABEL, QMessageBox.ButtonRole.AcceptRole)
        close.setObjectName("messageClose")
        box.setDefaultButton(close)
        box.setEscapeButton(close)
        box.exec()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, ok_label: str = "Ya") -> bool:
        """True when the user chose `ok_label`; "Batal" is the default button."""
        return cls.choose(parent, title, text, (ok_label,)) == ok_label

    @classmethod
    def discard(cls, parent: QWidget | None, title: str, text: str) -> bool:
        """Esc on a form holding typing: "Buang" (True) drops it; "Batal", the default
        (a second Esc, or Enter), keeps it. A stray Esc at a crowded table loses nothing."""
        return cls.choose(parent, title, text, ("Buang",)) == "Buang"

    @classmethod
    def save_or_discard(cls, parent: QWidget | None, title: str, text: str,
                        save: Callable[[], bool]) -> bool:
        """Unsaved typing about to be dropped: Simpan (True when `save` succeeds), Buang
        (True) or Batal (False: stay where you are)."""
        choice = cls.choose(parent, title, text, ("Simpan", "Buang"))
        if choice == "Simpan":
            return save()
        return choice == "Buang"

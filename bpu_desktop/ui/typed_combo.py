"""A list combo that picks by the name typed, spaces included.

Qt's own keyboard search in a non-editable combo opens the list on a space: typing
"Pasar Kliwon" opened it at the space, the Enter that followed only closed it, and every
later value landed one field early. Here every letter typed since the field was entered,
the space too, is one search: the first item that starts with it (or has a word that
does, "online" finds "Ojek online") is chosen, and Enter moves on as in any field.
Backspace takes the last letter back; after a pause a letter that no longer fits starts
a new search. The list still opens with Alt+Down or F4.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QComboBox, QWidget

TYPING_PAUSE_S = 1.0  # after a longer pause a letter that does not fit starts anew
_SHORTCUT = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
             | Qt.KeyboardModifier.MetaModifier)


def find_typed(texts: list[str], typed: str, key: Callable[[str], str] | None = None) -> int:
    """Index of the first text starting with `typed` (case and repeated spaces ignored),
    else of the first with a word starting with it; -1 when none. `key`: the spelling
    both are compared in first (the kecamatan's `kecamatan_key`: "Ps. K" finds
    "Pasar Kliwon")."""
    if key is not None and typed.strip():
        wanted_key = key(typed)
        found = next((i for i, text in enumerate(texts) if key(text).startswith(wanted_key)),
                     -1)
        if found >= 0:
            return found
    wanted = " ".join(typed.casefold().split())
    if typed.endswith(" ") and wanted:
        wanted += " "
    if not wanted.strip():
        return -1
    folded = [" ".join(t.casefold().split()) for t in texts]
    for i, text in enumerate(folded):
        if text.startswith(wanted):
            return i
    for i, text in enumerate(folded):
        if any(text[j:].startswith(wanted) for j in range(1, len(text)) if text[j - 1] in " ("):
            return i
    return -1


class TypedCombo(QComboBox):
    def __init__(self, parent: QWidget | None = None, **properties: Any) -> None:
        super().__init__(parent, **properties)
        self._typed = ""
        self._last = 0.0
        self._key: Callable[[str], str] | None = None

    def set_key(self, key: Callable[[str], str]) -> None:
        """Compare what is typed with the items in this spelling (see `find_typed`)."""
        self._key = key

    def typed_text(self) -> str:
        """What has been typed into the field since it was entered (tests, hints)."""
        return self._typed

    def _texts(self) -> list[str]:
        return [self.itemText(i) for i in range(self.count())]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.isEditable() or event.modifiers() & _SHORTCUT:
            super().keyPressEvent(event)
            return
        if event.key() == Qt.Key.Key_Backspace:
            self._typed = self._typed[:-1]
            index = find_typed(self._texts(), self._typed, self._key)
            if index >= 0:
                self.setCurrentIndex(index)
            event.accept()
            return
        char = event.text()
        if len(char) != 1 or not char.isprintable():
            super().keyPressEvent(event)  # arrows, Home/End, F4 …
            return
        now = time.monotonic()
        paused = now - self._last > TYPING_PAUSE_S
        self._last = now
        event.accept()
        if char == " " and not self._typed.strip():
            return  # a space before any letter: nothing to search, and no list opened
        typed = self._typed + char
        index = find_typed(self._texts(), typed, self._key)
        if index < 0 and paused:
            typed, index = char, find_typed(self._texts(), char, self._key)
        if index < 0:
            return  # fits no item: the choice stays, the letter is not taken
        self._typed = typed
        self.setCurrentIndex(index)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._typed = ""
        super().focusInEvent(event)

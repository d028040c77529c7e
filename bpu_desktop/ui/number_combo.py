"""A combo of numbers ("1 bulan", "3 bulan", …) that picks by the number typed.

Qt's own keyboard search cycles through items by their first letter: on "1 bulan",
typing 1 moves on to "12 bulan", so an officer meaning one month charged twelve. Here
the digits typed (within a second of each other) are the number itself: 1 is 1 month,
1 then 2 is 12.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QWidget

TYPING_PAUSE_S = 1.0  # a longer pause starts a new number
_SHORTCUT = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
             | Qt.KeyboardModifier.MetaModifier)


class NumberCombo(QComboBox):
    """Items carry their number as data (`addItem(text, n)`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._last = 0.0

    def keyPressEvent(self, event: QKeyEvent) -> None:
        digit = event.text()
        if not (len(digit) == 1 and digit.isdigit()) or event.modifiers() & _SHORTCUT:
            super().keyPressEvent(event)
            return
        now = time.monotonic()
        typed = self._typed + digit if now - self._last <= TYPING_PAUSE_S else digit
        self._last = now
        index = self.findData(int(typed))
        if index < 0 and typed != digit:  # 1 then 5: a new number, 5
            typed, index = digit, self.findData(int(digit))
        self._typed = typed
        if index >= 0:
            self.setCurrentIndex(index)
        event.accept()


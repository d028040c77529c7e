"""A date box that Tab leaves at once, and that takes a whole date typed over it.

QDateEdit's Tab walks its day, month and year sections before it lets go: three Tabs
to get past one date on a form keyed at speed. Typing still moves through the sections
(two digits or a "/" go to the next), so Tab is free to mean "next field".

Qt types into one section at a time, and a "/" typed after two digits (which already
moved on to the month) left the cursor past the month: "15/05/2026" typed over the date,
after Ctrl+A or not, became 20/02/2026. Here a key typed over a selection of more than
one section starts the date anew from its first section, and a separator ("/", ".",
"-") typed where Qt already moved on is taken as that move; otherwise it goes to the
next section.
"""

from __future__ import annotations

from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

_SEPARATORS = "/.-"


class DateEdit(QDateEdit):
    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text and text.isprintable() and self._selects_more_than_a_section():
            self._select_section(0)
        if text and text in _SEPARATORS:
            event.accept()
            index = self.currentSectionIndex()
            if self._section_selected_whole() or index + 1 >= self.sectionCount():
                return  # Qt already moved on after two digits; or the last section
            self._select_section(index + 1)
            return
        super().keyPressEvent(event)

    def _select_section(self, index: int) -> None:
        self.setCurrentSectionIndex(index)
        self.setSelectedSection(self.sectionAt(index))

    def _selects_more_than_a_section(self) -> bool:
        selected = self.lineEdit().selectedText()
        return bool(selected) and any(not ch.isalnum() for ch in selected)

    def _section_selected_whole(self) -> bool:
        """The current section is selected whole: Qt has just moved into it."""
        selected = self.lineEdit().selectedText()
        return bool(selected) and selected == self.sectionText(self.currentSection())

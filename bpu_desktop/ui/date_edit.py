"""A date box that Tab leaves at once.

QDateEdit's Tab walks its day, month and year sections before it lets go: three Tabs
to get past one date on a form keyed at speed. Typing still moves through the sections
(two digits or a "/" go to the next), so Tab is free to mean "next field".
"""

from __future__ import annotations

from PySide6.QtWidgets import QDateEdit, QWidget


class DateEdit(QDateEdit):
    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)

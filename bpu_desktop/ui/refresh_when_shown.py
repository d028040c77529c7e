"""A page that re-reads the file only when someone can see it.

Data signals fire for every save; a hidden page just notes it is stale and refreshes the
next time it is shown, so a busy enrolment desk does not recompute every other page.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class RefreshWhenShown(QWidget):
    """Connect data signals to `_data_changed`; `refresh` sets `_dirty = False`."""

    _dirty = True

    def refresh(self) -> None:
        raise NotImplementedError

    def _data_changed(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

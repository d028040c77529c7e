"""A table header whose columns sort only where the model can sort them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHeaderView, QStyle, QWidget


class SortHeader(QHeaderView):
    """Horizontal header for a view with sorting enabled: a click on a section that
    `sortable(section)` refuses does nothing (no pressed look, the sort arrow stays where
    the rows really are), instead of seeming to sort and silently keeping the order. The
    edges of every section still resize it."""

    def __init__(self, sortable: Callable[[int], bool], parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._sortable = sortable
        # What QTableView sets on the header it makes itself.
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def _inert(self, pos: QPoint) -> bool:
        section = self.logicalIndexAt(pos)
        if section < 0 or self._sortable(section):
            return False
        # Near an edge the press starts a resize (QHeaderView's own grip margin).
        grip = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderGripMargin, None, self)
        start = self.sectionViewportPosition(section)
        end = start + self.sectionSize(section)
        return start + grip <= pos.x() < end - grip

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._inert(event.position().toPoint()):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._inert(event.position().toPoint()):
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self._inert(event.position().toPoint()):
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

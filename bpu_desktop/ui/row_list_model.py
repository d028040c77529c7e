"""A table model over rows held in memory: the part every small list in the app repeats.

Subclasses give HEADERS, NUMERIC (right-aligned columns) and `display(row, column)`;
optionally `tooltip`/`foreground` for a cell. `data(index, ROW_ROLE)` returns the row
object itself, so a page reads its selection without a second lookup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

ROW_ROLE = Qt.ItemDataRole.UserRole + 1

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invalid index: the parent of every row
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RowListModel(QAbstractTableModel, Generic[Row]):
    """Rows in a list; `set_rows` replaces them all (a reset), `append_rows` adds some."""

    HEADERS: tuple[str, ...] = ()
    NUMERIC: frozenset[int] = frozenset()
    ROW_ROLE = ROW_ROLE

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Row] = []

    # -- to implement -----------------------------------------------------------------
    def display(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def tooltip(self, row: Row, column: int) -> str | None:
        return None

    def foreground(self, row: Row, column: int) -> QColor | None:
        return None

    # -- rows -------------------------------------------------------------------------
    @property
    def rows(self) -> Sequence[Row]:
        return self._rows

    def set_rows(self, rows: Iterable[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        column = index.column()
        if row is None or not 0 <= column < len(self.HEADERS):
            return None
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMERIC:
            return ALIGN_RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, column)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

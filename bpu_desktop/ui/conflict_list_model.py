"""The open merge conflicts as a Qt list model that stays small at 800,000 conflicts.

The member list's pattern (ui/member_table_model.py): `rowCount` is one count through the
store, `data()` asks for the page (`PAGE_SIZE` lines) that holds the row being painted,
and pages live in a bounded LRU (`MAX_PAGES`). A line holds only what the list shows;
the full conflict (its JSON, the row here, its dependents) is read for the chosen line.

Counting the decided-on list reads every open row (see store/conflicts.py), so after a
decision the dialog passes the new total (one fewer) instead of counting 800k rows again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from bpu_desktop.store.conflicts import ConflictLine, ConflictQuery, count_open, page_open
from bpu_desktop.store.database import Store

from .paged_rows import PagedRows

PAGE_SIZE = 100
MAX_PAGES = 20  # at most 2,000 lines in memory

# data(index, LINE_ROLE) returns the ConflictLine itself.
LINE_ROLE = Qt.ItemDataRole.UserRole + 1


class ConflictListModel(QAbstractListModel):
    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self._query = ConflictQuery()
        self._rows: PagedRows[ConflictLine] = PagedRows(
            lambda offset, limit, total: page_open(self.store, self._query, offset, limit,
                                                   total=total),
            page_size=PAGE_SIZE, max_pages=MAX_PAGES)
        self.reload()

    @property
    def query(self) -> ConflictQuery:
        return self._query

    def set_query(self, query: ConflictQuery) -> None:
        if query != self._query:
            self._query = query
            self.reload()

    def reload(self, total: int | None = None) -> None:
        """Forget every cached page; count again unless the caller knows the new total."""
        self.beginResetModel()
        self._rows.reset(count_open(self.store, self._query) if total is None else total)
        self.endResetModel()

    def total(self) -> int:
        return self._rows.count

    def cached_pages(self) -> int:
        return self._rows.cached_pages()

    def cached_lines(self) -> int:
        return self._rows.cached_rows()

    def line_at(self, row: int) -> ConflictLine | None:
        return self._rows.at(row)

    # -- QAbstractListModel -----------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows.count

    def data(
        self, index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        line = self.line_at(index.row())
        if line is None:
            return None
        if role == LINE_ROLE:
            return line
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{line.title}\n{line.kind_label} · {line.source_file}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{line.kind_label}\nBerkas: {line.source_file}\nID: {line.id[:8]}"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

"""The event list as a lazy table model: rows are fetched from the store a page at a time.

`PagedTableModel` is the shared base (also used by the sponsor list): `rowCount` grows as
the view scrolls (`canFetchMore`/`fetchMore`), sorting and filtering re-query the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from bpu_desktop.domain.dates import format_date
from bpu_desktop.domain.events import EVENT_KINDS, format_conversion
from bpu_desktop.domain.regions import kecamatan_list
from bpu_desktop.store.events import EventQuery, EventRepository, EventRow

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_SIZE = 200

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index: the parent of every row


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    """Subclasses give HEADERS, SORT_KEYS (None: not sortable), _count, _page, _cell."""

    HEADERS: tuple[str, ...] = ()
    HEADER_TIPS: ClassVar[Mapping[int, str]] = {}  # the full name of a short header
    SORT_KEYS: tuple[str | None, ...] = ()
    NUMERIC: frozenset[int] = frozenset()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Row] = []
        self._total = 0

    # -- to implement -----------------------------------------------------------------
    def _count(self) -> int:
        raise NotImplementedError

    def _page(self, offset: int, limit: int) -> Sequence[Row]:
        raise NotImplementedError

    def _cell(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def _sort(self, key: str, descending: bool) -> None:
        raise NotImplementedError

    # -- Qt ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self._total = self._count()
        self._rows = list(self._page(0, PAGE_SIZE))
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if parent.isValid():
            return
        more = list(self._page(len(self._rows), PAGE_SIZE))
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a cell cut short by "…"
            return self._cell(row, index.column()) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS.get(section, self.HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.SORT_KEYS) or self.SORT_KEYS[column] is None:
            return
        key = self.SORT_KEYS[column]
        assert key is not None
        self._sort(key, order == Qt.SortOrder.DescendingOrder)
        self.reload()


_KECAMATAN = {k.code: k.name for k in kecamatan_list()}


def kecamatan_name(code: str) -> str:
    return _KECAMATAN.get(code, code)


class EventTableModel(PagedTableModel[EventRow]):
    HEADERS = ("Tanggal", "Jam", "Kecamatan", "Kelurahan", "Tempat", "Jenis", "Mitra",
               "Hadir", "Mendaftar", "Konversi")
    SORT_KEYS = ("held_on", None, "kecamatan", None, "venue", "kind", None, "attendees",
                 "enrolled", "conversion")
    NUMERIC = frozenset({7, 8, 9})

    def __init__(self, repo: EventRepository) -> None:
        super().__init__()
        self.repo = repo
        self.query = EventQuery()

    def set_query(self, query: EventQuery) -> None:
        self.query = query
        self.reload()

    def _count(self) -> int:
        return self.repo.count(self.query)

    def _page(self, offset: int, limit: int) -> Sequence[EventRow]:
        return self.repo.page(self.query, offset, limit)

    def _sort(self, key: str, descending: bool) -> None:
        self.query = replace(self.query, sort=key, descending=descending)

    def _cell(self, row: EventRow, column: int) -> str:
        match column:
            case 0:
                return format_date(date.fromisoformat(row.held_on))
            case 1:
                return row.time
            case 2:
                return kecamatan_name(row.kecamatan_code)
            case 3:
                return row.kelurahan
            case 4:
                return row.venue
            case 5:
                return EVENT_KINDS.get(row.kind, row.kind)
            case 6:
                return ", ".join(row.partners)
            case 7:
                return f"{row.attendees:,}".replace(",", ".")
            case 8:
                return f"{row.enrolled:,}".replace(",", ".")
            case 9:
                return format_conversion(row.enrolled, row.attendees)
        return ""

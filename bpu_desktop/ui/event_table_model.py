"""The event list as a lazy table model: rows are fetched from the store a page at a time.

`PagedTableModel` is the shared base (also used by the sponsor list): `rowCount` grows as
the view scrolls (`canFetchMore`/`fetchMore`), sorting and filtering re-query the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from PySide6.QtCore import Qt

from bpu_desktop.domain.dates import format_date
from bpu_desktop.domain.events import EVENT_KINDS, format_conversion
from bpu_desktop.domain.money import format_number
from bpu_desktop.domain.regions import kecamatan_names
from bpu_desktop.store.events import EventQuery, EventRepository, EventRow

from .row_list_model import ALIGN_RIGHT, ROOT, Index, Row, RowListModel

PAGE_SIZE = 200

Query = TypeVar("Query")
_RowT_co = TypeVar("_RowT_co", covariant=True)
_QueryT_contra = TypeVar("_QueryT_contra", contravariant=True)


class Pages(Protocol[_RowT_co, _QueryT_contra]):
    """What a repository offers a lazy list: a count and one page of a query."""

    def count(self, query: _QueryT_contra) -> int: ...

    def page(self, query: _QueryT_contra, offset: int,
             limit: int) -> Sequence[_RowT_co]: ...


class PagedTableModel(RowListModel[Row], Generic[Row, Query]):
    """Subclasses give HEADERS, SORT_KEYS (None: not sortable) and `display`; the query is
    a dataclass with `sort` and `descending` fields."""

    HEADER_TIPS: ClassVar[Mapping[int, str]] = {}  # the full name of a short header
    SORT_KEYS: tuple[str | None, ...] = ()

    def __init__(self, repo: Pages[Row, Query], query: Query) -> None:
        super().__init__()
        self.repo = repo
        self.query = query
        self._total = 0

    def set_query(self, query: Query) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        self._total = self.repo.count(self.query)
        self.set_rows(self.repo.page(self.query, 0, PAGE_SIZE))

    @property
    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: Index = ROOT) -> bool:
        return not parent.isValid() and len(self.rows) < self._total

    def fetchMore(self, parent: Index = ROOT) -> None:
        if parent.isValid():
            return
        more = self.repo.page(self.query, len(self.rows), PAGE_SIZE)
        if not more:
            self._total = len(self.rows)
        self.append_rows(more)

    def tooltip(self, row: Row, column: int) -> str | None:
        return self.display(row, column) or None  # the whole text of a cell cut short by "…"

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS.get(section, self.HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.NUMERIC:
            return ALIGN_RIGHT
        return super().headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.SORT_KEYS) or self.SORT_KEYS[column] is None:
            return
        key = self.SORT_KEYS[column]
        self.query = replace(self.query, sort=key,  # type: ignore[type-var]
                             descending=order == Qt.SortOrder.DescendingOrder)
        self.reload()


_KECAMATAN = kecamatan_names()


def kecamatan_name(code: str) -> str:
    return _KECAMATAN.get(code, code)


class EventTableModel(PagedTableModel[EventRow, EventQuery]):
    HEADERS = ("Tanggal", "Jam", "Kecamatan", "Kelurahan", "Tempat", "Jenis", "Mitra",
               "Hadir", "Mendaftar", "Konversi")
    SORT_KEYS = ("held_on", None, "kecamatan", None, "venue", "kind", None, "attendees",
                 "enrolled", "conversion")
    NUMERIC = frozenset({7, 8, 9})

    def __init__(self, repo: EventRepository) -> None:
        super().__init__(repo, EventQuery())

    def display(self, row: EventRow, column: int) -> str:
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
                return format_number(row.attendees)
            case 8:
                return format_number(row.enrolled)
            case 9:
                return format_conversion(row.enrolled, row.attendees)
        return ""

"""The member list as a Qt model that stays fast and small at a million rows.

Why a *virtual* row count with a page cache rather than `canFetchMore`/`fetchMore`:
`fetchMore` grows the model as the user scrolls, so dragging the scroll bar to the end
of a million rows would fetch (and keep) every row on the way, and the scroll bar would
lie about the size of the list. Here `rowCount` is one indexed `COUNT(*)` through
`MemberRepository.count`, and `data()` asks for the page (`PAGE_SIZE` rows) that holds
the row being painted. Pages live in a bounded LRU (`MAX_PAGES`), so memory stays at a
few thousand `MemberRow`s whatever the size of the file, and the view only ever paints the
rows on screen (uniform row heights). Sorting and filtering happen in SQL (`MemberQuery`);
`sort()` and `set_query()` re-query and reset the model.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from bpu_desktop.domain.dates import format_date, parse_date
from bpu_desktop.domain.money import format_rupiah
from bpu_desktop.domain.months import month_label, parse_month
from bpu_desktop.domain.nik import Nik
from bpu_desktop.domain.payment_start import sponsor_pays_last
from bpu_desktop.domain.phone import format_phone
from bpu_desktop.domain.status import paid_through
from bpu_desktop.store.members import MemberQuery, MemberRepository, MemberRow

from .paged_rows import PagedRows
from .theme import MUTED

PAGE_SIZE = 200
MAX_PAGES = 25  # at most 5,000 rows in memory

# Column constants and one headers tuple.
COL_NIK, COL_NAME, COL_SEX, COL_AGE, COL_PHONE, COL_KECAMATAN, COL_KELURAHAN, \
    COL_SEGMENT, COL_AMOUNT, COL_PAID_UNTIL, COL_ENROLLED, COL_OFFICER = range(12)
HEADERS = ("NIK", "Nama", "L/P", "Umur", "No. HP", "Kecamatan", "Kelurahan", "Segmen",
           "Iuran", "Dibayar s.d.", "Terdaftar", "Petugas")

# Columns the store can sort on (MemberQuery.sort keys). Umur sorts by birth date,
# youngest first (index members_by_birth_date, migration m011).
SORT_KEYS = {
    COL_NIK: "nik", COL_NAME: "name", COL_AGE: "age", COL_PHONE: "phone",
    COL_KECAMATAN: "kecamatan", COL_KELURAHAN: "kelurahan", COL_SEGMENT: "segment",
    COL_PAID_UNTIL: "paid_until", COL_ENROLLED: "enrolled_on", COL_OFFICER: "created_by",
}

# Columns that do not sort, each for a reason measured on the 1M benchmark file; their
# headers say so (muted, a tooltip) and a click on them does nothing (SortHeader).
# - L/P: two values, so sorting means reading and sorting the whole table for every page
#   (~0.4 s at a million members) unless it gets an index of its own, which every save
#   would then write too; an order that only splits the list in two is not worth that.
# - Iuran: it lives on the enrolment, which the list joins to each member (LEFT JOIN, so
#   members without an enrolment still show). SQLite must then start from the members, so
#   no enrolment index can give the order: a full sort of the join, ~3 s a page at a
#   million (an index on enrolments(amount_paid) was tried: the plan does not change).
#   Segmen, Dibayar s.d. and Terdaftar sort through that same join and pay that cost
#   today; an index-driven order for enrolment columns needs another page query.
UNSORTABLE = frozenset({COL_SEX, COL_AMOUNT})
UNSORTABLE_TIP = "{} tidak bisa diurutkan: terlalu lambat pada daftar sebesar ini."
SORTABLE_TIP = "Klik untuk mengurutkan"
# Dibayar s.d. shows the last month nobody owes for (`domain.status.paid_through`: the
# member's own payments or a live sponsorship), as the status filter and Tindak Lanjut
# count it. Its sort stays on the member's own paid_until: that order is an index walk
# (enrolments_status); the later of the two months is on no index, and sorting a million
# rows by it would take seconds a page. The header says so.
PAID_UNTIL_TIP = ("Bulan terakhir yang tidak terutang: dibayar sendiri atau ditanggung "
                  f"sponsor. {SORTABLE_TIP} menurut bulan yang dibayar peserta sendiri "
                  "(bulan tanggungan sponsor tidak ikut diurutkan: terlalu lambat pada "
                  "daftar sebesar ini).")

# data(index, MEMBER_ROW_ROLE) returns the MemberRow itself.
MEMBER_ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class MemberTableModel(QAbstractTableModel):
    def __init__(
        self,
        repo: MemberRepository,
        *,
        kecamatan_names: dict[str, str] | None = None,
        segment_names: dict[str, str] | None = None,
        today: date | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.kecamatan_names = kecamatan_names or {}
        self.segment_names = segment_names or {}
        self._today = today
        self._query = MemberQuery()
        self._rows: PagedRows[MemberRow] = PagedRows(
            lambda offset, limit, total: self.repo.page(self._query, offset, limit, total=total),
            page_size=PAGE_SIZE, max_pages=MAX_PAGES)
        self.reload()

    # -- what is shown --------------------------------------------------------------
    @property
    def query(self) -> MemberQuery:
        return self._query

    def set_query(self, query: MemberQuery) -> None:
        if query != self._query:
            self._query = query
            self.reload()

    def sort_column(self) -> int:
        """The column the rows are really ordered by. The store may order differently from
        the chosen sort (a NIK prefix search lists in NIK order); its own ORDER BY is
        compared rather than the rule repeated here."""
        order = self._query.order_by()
        chosen = next((c for c, k in SORT_KEYS.items() if k == self._query.sort), COL_NAME)
        for column, key in SORT_KEYS.items():
            if key != self._query.sort and replace(self._query, sort=key).order_by() == order:
                return column  # the store overrode the chosen sort
        return chosen

    def reload(self) -> None:
        """Count again and forget every cached page (after an edit, a filter, a sort)."""
        self.beginResetModel()
        self._rows.reset(self.repo.count(self._query))
        self.endResetModel()

    def total(self) -> int:
        return self._rows.count

    def cached_pages(self) -> int:
        return self._rows.cached_pages()

    def member_at(self, row: int) -> MemberRow | None:
        return self._rows.at(row)

    def row_of(self, member_id: str) -> int | None:
        """Row of a member among the cached pages (None when not loaded)."""
        return self._rows.find(lambda member: member.id == member_id)

    # -- QAbstractTableModel ----------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows.count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS)
        if horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return _header_tip(section)
        if horizontal and role == Qt.ItemDataRole.ForegroundRole and section in UNSORTABLE:
            return QColor(MUTED)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return section + 1

    def data(
        self, index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        member = self.member_at(index.row())
        if member is None:
            return None
        if role == MEMBER_ROW_ROLE:
            return member
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(member, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_KECAMATAN:
            return member.kecamatan_code
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_PAID_UNTIL:
            return _paid_until_tip(member)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (COL_AGE, COL_AMOUNT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def can_sort(self, column: int) -> bool:
        return column in SORT_KEYS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(replace(self._query, sort=key, descending=descending))

    # -- display ----------------------------------------------------------------------
    def _display(self, m: MemberRow, column: int) -> str:
        if column == COL_NIK:
            return m.nik
        if column == COL_NAME:
            return m.name
        if column == COL_SEX:
            return m.sex
        if column == COL_AGE:
            return _age(m, self._today or date.today())
        if column == COL_PHONE:
            return format_phone(m.phone) if m.phone else ""
        if column == COL_KECAMATAN:
            return self.kecamatan_names.get(m.kecamatan_code, m.kecamatan_code)
        if column == COL_KELURAHAN:
            return m.kelurahan
        if column == COL_SEGMENT:
            return self.segment_names.get(m.segment or "", m.segment or "")
        if column == COL_AMOUNT:
            return format_rupiah(m.amount_paid) if m.amount_paid is not None else ""
        if column == COL_PAID_UNTIL:
            return _paid_until(m)
        if column == COL_ENROLLED:
            return _date(m.enrolled_on)
        if column == COL_OFFICER:
            return m.created_by
        return ""


def _header_tip(column: int) -> str:
    if column in UNSORTABLE:
        return UNSORTABLE_TIP.format(HEADERS[column])
    if column == COL_AGE:
        return ("Umur hari ini (formulir juga menampilkan umur saat mendaftar). "
                f"{SORTABLE_TIP}: termuda dulu.")
    if column == COL_PAID_UNTIL:
        return PAID_UNTIL_TIP
    return SORTABLE_TIP


def _age(m: MemberRow, today: date) -> str:
    try:
        born = parse_date(m.birth_date)
    except ValueError:
        return ""
    return str(Nik(value=m.nik, birth_date=born, sex=m.sex).age_on(today))


def _month_of(text: str | None) -> date | None:
    """A stored "YYYY-MM", or None when empty or damaged."""
    if not text:
        return None
    try:
        return parse_month(text)
    except ValueError:
        return None


def _paid_until(m: MemberRow) -> str:
    """The last month nobody owes for: own payments or a live sponsorship (one rule,
    `paid_through`). A damaged stored month is shown as it is."""
    through = paid_through(_month_of(m.paid_until), _month_of(m.covered_until))
    return month_label(through) if through is not None else (m.paid_until or "")


def _paid_until_tip(m: MemberRow) -> str | None:
    """Says who pays the month shown when a sponsor pays past the member's own months."""
    own, covered = _month_of(m.paid_until), _month_of(m.covered_until)
    if covered is None or not sponsor_pays_last(own, covered):
        return None
    mine = f"Dibayar sendiri s.d. {month_label(own)}" if own else "Belum dibayar sendiri"
    return f"{mine}; ditanggung sponsor s.d. {month_label(covered)}"


def _date(text: str | None) -> str:
    if not text:
        return ""
    try:
        return format_date(parse_date(text))
    except ValueError:
        return text

"""The member list: search, filters, open a record to edit, delete (soft, confirmed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.followup import status_cutoffs
from bpu_desktop.domain.money import format_number
from bpu_desktop.domain.months import add_months, month_label, month_start
from bpu_desktop.domain.regions import cities, kecamatan_list, kecamatan_names
from bpu_desktop.domain.status import MemberStatus
from bpu_desktop.store.clock import short_id
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.members import MemberQuery, MemberRepository, MemberRow, status_range
from bpu_desktop.store.reference import list_segments, load_rates

from .confirm_dialog import ConfirmDialog
from .context import AppContext
from .member_table_model import (
    COL_AGE,
    COL_AMOUNT,
    COL_ENROLLED,
    COL_KECAMATAN,
    COL_KELURAHAN,
    COL_NAME,
    COL_NIK,
    COL_OFFICER,
    COL_PAID_UNTIL,
    COL_PHONE,
    COL_SEGMENT,
    COL_SEX,
    MEMBER_ROW_ROLE,
    MemberTableModel,
)
from .saving import DELETING, saving_feedback
from .sort_header import SortHeader
from .theme import icon

SEARCH_DELAY_MS = 250
# Fixed widths: sizing to contents would read every row of a million-row model.
# Every column, Petugas (the last, stretched) included, fits a maximised 1366x768 window;
# a narrower window scrolls sideways. Long names, villages and segments are elided (the
# full text is in the edit form), the NIK, phone, amounts and dates are never cut.
COLUMN_WIDTHS = {COL_NIK: 134, COL_NAME: 134, COL_SEX: 36, COL_AGE: 50, COL_PHONE: 108,
                 COL_KECAMATAN: 88, COL_KELURAHAN: 88, COL_SEGMENT: 96, COL_AMOUNT: 88,
                 COL_PAID_UNTIL: 112, COL_ENROLLED: 88, COL_OFFICER: 90}
MONTHS_IN_FILTER = 24

# Status filter: label, and the minimum number of overdue months (None: no filter).
STATUS_CHOICES: tuple[tuple[str, str], ...] = (
    ("", "Semua status"),
    (MemberStatus.ACTIVE.value, "Aktif"),
    (MemberStatus.ARREARS.value, "Menunggak (1-2 bulan)"),
    (MemberStatus.INACTIVE.value, "Nonaktif"),
)


class MemberTable(QTableView):
    """Enter opens the selected member; Delete deletes it."""

    open_requested = Signal()
    delete_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            return
        if event.key() == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)


class MemberList(QWidget):
    """Emits `edit_requested(MemberRow)` when a member is opened (double click / Enter)."""

    edit_requested = Signal(object)
    selection_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberList")
        self.ctx = ctx
        self.repo = MemberRepository(ctx.store)
        self._today: date | None = None
        self._kecamatan = kecamatan_list()
        self._city_names = {c.code: c.name for c in cities()}
        self._event_label: str | None = None
        self._sponsorship_label: str | None = None
        self.model = MemberTableModel(
            self.repo,
            kecamatan_names=kecamatan_names(),
            segment_names={s.code: s.name for s in list_segments(ctx.store, include_inactive=True)},
            parent=self,
        )
        self._build()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        for combo in (self.kecamatan_filter, self.segment_filter, self.month_filter,
                      self.status_filter):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.model.modelReset.connect(self._update_count)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.open_requested.connect(self.open_selected)
        self.table.delete_requested.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_moved())
        ctx.signals.members_changed.connect(self.refresh)
        ctx.signals.data_replaced.connect(self.refresh)
        self._update_count()
        self._selection_moved()

    # -- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText("Cari NIK, nama atau no. HP  (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.setMinimumWidth(260)

        self.kecamatan_filter = QComboBox()
        self.kecamatan_filter.setObjectName("kecamatanFilter")
        self.kecamatan_filter.addItem("Semua kecamatan", None)
        for k in self._kecamatan:
            self.kecamatan_filter.addItem(k.name, k.code)

        self.segment_filter = QComboBox()
        self.segment_filter.setObjectName("segmentFilter")
        self.segment_filter.addItem("Semua segmen", None)
        for s in list_segments(self.ctx.store, include_inactive=True):
            self.segment_filter.addItem(s.name, s.code)

        self.month_filter = QComboBox()
        self.month_filter.setObjectName("monthFilter")
        self.month_filter.addItem("Semua bulan daftar", None)
        this_month = month_start(date.today())
        for i in range(MONTHS_IN_FILTER):
            month = add_months(this_month, -i)
            self.month_filter.addItem(month_label(month), month)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        for key, label in STATUS_CHOICES:
            self.status_filter.addItem(label, key)

        for combo in (self.kecamatan_filter, self.segment_filter, self.month_filter,
                      self.status_filter):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search_edit, 2)
        for combo in (self.kecamatan_filter, self.segment_filter, self.month_filter,
                      self.status_filter):
            filters.addWidget(combo, 1)

        self.extra_filter_label = QLabel()
        self.extra_filter_label.setObjectName("extraFilterLabel")
        self.extra_filter_label.setProperty("role", "hint")
        self.clear_filters_button = QPushButton("Hapus semua filter")
        self.clear_filters_button.setObjectName("clearFiltersButton")
        self.clear_filters_button.clicked.connect(self.clear_filters)

        self.table = MemberTable()
        self.table.setObjectName("memberTable")
        # L/P and Iuran do not sort (member_table_model.UNSORTABLE): their headers stay still.
        self.table.setHorizontalHeader(SortHeader(self.model.can_sort, self.table))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        self.model.modelReset.connect(self._show_sort_indicator)
        # After the view asked the model to sort (connected later, so it runs after).
        header.sortIndicatorChanged.connect(lambda *_: self._show_sort_indicator())
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)

        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setProperty("role", "hint")

        self.edit_button = QPushButton("Ubah data")
        self.edit_button.setObjectName("editButton")
        self.edit_button.setToolTip("Buka peserta terpilih (Enter / klik ganda)")
        self.edit_button.clicked.connect(self.open_selected)
        self.delete_button = QPushButton("Hapus")
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.setToolTip("Hapus peserta terpilih (Delete)")
        self.delete_button.clicked.connect(self.delete_selected)

        self.actions_bar = QHBoxLayout()
        self.actions_bar.setSpacing(8)
        self.actions_bar.addWidget(self.count_label)
        self.actions_bar.addWidget(self.extra_filter_label)
        self.actions_bar.addWidget(self.clear_filters_button)
        self.actions_bar.addStretch(1)
        self.actions_bar.addWidget(self.edit_button)
        self.actions_bar.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.actions_bar)

        focus_table = QShortcut(QKeySequence(Qt.Key.Key_Down), self.search_edit)
        focus_table.setContext(Qt.ShortcutContext.WidgetShortcut)
        focus_table.activated.connect(self._focus_table)

    def add_action_button(self, button: QPushButton) -> None:
        """Another module's action on the selected member (placed before Ubah/Hapus)."""
        self.actions_bar.insertWidget(self.actions_bar.count() - 2, button)

    # -- filters --------------------------------------------------------------------------
    def build_query(self) -> MemberQuery:
        current = self.model.query
        status = self.status_filter.currentData()
        paid_from: date | None = None
        paid_before: date | None = None
        if status:
            cutoffs = status_cutoffs(self._today or date.today(), load_rates(self.ctx.store))
            paid_from, paid_before = status_range(status, cutoffs)
        kecamatan = self.kecamatan_filter.currentData()
        month = self.month_filter.currentData()
        return replace(
            current,
            search=self.search_edit.text().strip(),
            kecamatan_code=kecamatan,
            # A kecamatan or month picked here is narrower than the city or year another
            # page asked for: it replaces it rather than showing an empty list.
            city_code=None if kecamatan else current.city_code,
            segment=self.segment_filter.currentData(),
            month=month,
            year=None if month else current.year,
            paid_through_from=paid_from,
            paid_through_before=paid_before,
        )

    def _show_sort_indicator(self) -> None:
        """The arrow sits on the column the rows are really ordered by (NIK while searching
        a NIK prefix), without asking the model to sort again."""
        header = self.table.horizontalHeader()
        column = self.model.sort_column()
        if header.sortIndicatorSection() != column:
            header.blockSignals(True)
            header.setSortIndicator(column, header.sortIndicatorOrder())
            header.blockSignals(False)
            header.viewport().update()

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.build_query())

    def set_filters(
        self,
        *,
        kecamatan_code: str | None = None,
        city_code: str | None = None,
        segment: str | None = None,
        month: date | None = None,
        year: int | None = None,
        event_id: str | None = None,
        sponsorship_id: str | None = None,
        status: str | None = None,
        search: str = "",
        event_label: str | None = None,
        sponsorship_label: str | None = None,
    ) -> None:
        """Show the list filtered as another page asked (open_with(mode="list", ...))."""
        widgets = (self.search_edit, self.kecamatan_filter, self.segment_filter,
                   self.month_filter, self.status_filter)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search_edit.setText(search)
            _select_data(self.kecamatan_filter, kecamatan_code)
            _select_data(self.segment_filter, segment)
            if month is not None:
                month = month_start(month)
                if self.month_filter.findData(month) < 0:
                    self.month_filter.addItem(month_label(month), month)
            _select_data(self.month_filter, month)
            _select_data(self.status_filter, status or "")
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._event_label, self._sponsorship_label = event_label, sponsorship_label
        self.model.set_query(replace(
            self.build_query(), event_id=event_id, sponsorship_id=sponsorship_id,
            city_code=None if kecamatan_code else city_code,
            year=None if month is not None else year))

    def clear_filters(self) -> None:
        self.set_filters()

    def refresh(self) -> None:
        selected = self.selected_member()
        self.model.reload()
        if selected is not None:
            row = self.model.row_of(selected.id)
            if row is not None:
                self.select_row(row)

    # -- selection and actions --------------------------------------------------------
    def selected_member(self) -> MemberRow | None:
        index = self.table.currentIndex()
        selection = self.table.selectionModel()
        if not index.isValid() or not selection.isRowSelected(index.row(), QModelIndex()):
            return None
        member = self.model.data(index, MEMBER_ROW_ROLE)
        return member if isinstance(member, MemberRow) else None

    def open_selected(self) -> None:
        member = self.selected_member()
        if member is not None:
            self.edit_requested.emit(member)

    def delete_selected(self) -> None:
        member = self.selected_member()
        if member is None:
            return
        # Money recorded for the member leaves the reports with them: say so first.
        recorded = self.repo.money_recorded(member.id)
        money = recorded.delete_note()
        if not ConfirmDialog.ask(
            self, "Hapus peserta",
            f"Hapus {member.name} (NIK {member.nik}) dari daftar peserta?\n"
            + (f"{money}\n" if money else "")
            + "Data ditandai terhapus dan tetap tercatat di riwayat perubahan.",
            "Hapus",
        ):
            return
        try:
            with saving_feedback(self, DELETING):
                self.repo.delete(member.id)
        except StoreError as exc:
            self.ctx.signals.status_message.emit(exc.message)
            ConfirmDialog.inform(self, "Hapus peserta", exc.message)  # "Tutup", not "OK"
            return
        if recorded.payments:
            self.ctx.signals.payments_changed.emit()
        self.ctx.signals.members_changed.emit()
        self.ctx.signals.status_message.emit(f"Dihapus: {member.name}")

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _focus_table(self) -> None:
        if self._search_timer.isActive():  # Down typed before the search ran: run it now
            self.apply_filters()
        # Selected, not only current: focus alone makes row 0 current with nothing
        # selected, so Enter and Delete had nothing to act on.
        if self.model.total() and not self.table.selectionModel().hasSelection():
            self.select_row(0)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, COL_NAME)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _selection_moved(self) -> None:
        has = self.selected_member() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.selection_changed.emit()

    def _describe_extra(self, query: MemberQuery) -> str:
        """The filters without a combo of their own, said in words next to the count."""
        extra = []
        if query.year is not None:
            extra.append(f"Tahun {query.year}")
        if query.city_code:
            extra.append(self._city_names.get(query.city_code, query.city_code))
        if query.event_id:
            extra.append(f"Kegiatan: {self._event_label or short_id(query.event_id)}")
        if query.sponsorship_id:
            extra.append(f"Sponsor: {self._sponsorship_label or short_id(query.sponsorship_id)}")
        return "  ·  ".join(extra)

    def _update_count(self) -> None:
        total = self.model.total()
        self.count_label.setText(f"{format_number(total)} peserta")
        self.extra_filter_label.setText(self._describe_extra(self.model.query))
        filtered = self.model.query != MemberQuery(sort=self.model.query.sort,
                                                   descending=self.model.query.descending)
        self.clear_filters_button.setVisible(filtered)
        self._selection_moved()


def _select_data(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)

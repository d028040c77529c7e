"""Riwayat perubahan: who changed what and when, with the old and new values.

Filters by table, record (row id), officer and date range; reads through
`store.audit.history` (newest first, capped), never SQL here. Values and record names are
shown as the forms show them (`store.audit_views.AuditText`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.store.audit import AuditEntry, history
from bpu_desktop.store.audit_views import (
    ACTION_LABELS,
    TABLE_LABELS,
    AuditText,
    audit_officers,
    audit_tables,
    source_label,
)
from bpu_desktop.store.clock import short_id

from .context import AppContext
from .date_edit import DateEdit
from .row_list_model import ROW_ROLE, RowListModel
from .theme import compact_table, row_table

LIMIT = 1000


def local_time(at: str) -> str:
    """UTC ISO text from the file -> local "dd-mm-yyyy HH:MM:SS"."""
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at
    return moment.astimezone().strftime("%d-%m-%Y %H:%M:%S")


class AuditTableModel(RowListModel[AuditEntry]):
    """The history rows; ROW_ROLE returns the AuditEntry itself. `text` names each record
    (set by the viewer for the file shown)."""

    COL_AT, COL_OFFICER, COL_TABLE, COL_NAME, COL_ROW, COL_ACTION, COL_SOURCE = range(7)
    HEADERS = ("Waktu", "Petugas", "Data", "Nama", "ID data", "Aksi", "Sumber")

    def __init__(self) -> None:
        super().__init__()
        self.text: AuditText | None = None

    def display(self, entry: AuditEntry, column: int) -> str:
        if column == self.COL_AT:
            return local_time(entry.at)
        if column == self.COL_OFFICER:
            return entry.officer or "—"
        if column == self.COL_TABLE:
            return TABLE_LABELS.get(entry.table_name, entry.table_name)
        if column == self.COL_NAME:
            return self.text.record_name(entry) if self.text is not None else ""
        if column == self.COL_ROW:
            return short_id(entry.row_id)
        if column == self.COL_ACTION:
            return ACTION_LABELS.get(entry.action, entry.action)
        return source_label(entry.source)


class AuditViewer(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("auditViewer")

        self.table_filter = QComboBox()
        self.table_filter.setObjectName("auditTable")
        self.row_filter = QLineEdit()
        self.row_filter.setObjectName("auditRow")
        self.row_filter.setPlaceholderText("ID data (kosong = semua)")
        self.row_filter.setClearButtonEnabled(True)
        self.officer_filter = QComboBox()
        self.officer_filter.setObjectName("auditOfficer")
        self.use_dates = QCheckBox("Tanggal")
        self.use_dates.setObjectName("auditUseDates")
        today = QDate.currentDate()
        self.date_from = DateEdit(today.addDays(-30))
        self.date_from.setObjectName("auditFrom")
        self.date_to = DateEdit(today)
        self.date_to.setObjectName("auditTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        self.apply_button = QPushButton("Tampilkan")
        self.apply_button.setObjectName("auditApply")
        self.apply_button.setProperty("primary", True)
        self.this_record = QPushButton("Riwayat data ini")
        self.this_record.setObjectName("auditThisRecord")
        self.this_record.setEnabled(False)
        self.summary = QLabel()
        self.summary.setObjectName("auditSummary")
        self.summary.setProperty("role", "hint")

        filters = QGridLayout()
        filters.addWidget(QLabel("Data"), 0, 0)
        filters.addWidget(self.table_filter, 0, 1)
        filters.addWidget(QLabel("Petugas"), 0, 2)
        filters.addWidget(self.officer_filter, 0, 3)
        filters.addWidget(QLabel("ID data"), 1, 0)
        filters.addWidget(self.row_filter, 1, 1)
        dates = QHBoxLayout()
        dates.addWidget(self.use_dates)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("s.d."))
        dates.addWidget(self.date_to)
        filters.addLayout(dates, 1, 2, 1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.this_record)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)

        self.model = AuditTableModel()
        self.view = row_table("auditList", self.model)
        # Widths from sample texts: sizing to contents read every cell of up to 1,000 rows
        # (~2 s the first time the tab opened on a 50,000-member file).
        m = AuditTableModel
        compact_table(self.view, {m.COL_AT: "30/12/2026 23:59", m.COL_OFFICER: 18,
                                  m.COL_TABLE: "Pembayaran iuran", m.COL_NAME: 24,
                                  m.COL_ROW: "abcd1234", m.COL_ACTION: "Pulihkan"},
                      stretch=m.COL_SOURCE)
        self.detail = QTableWidget(0, 3)
        self.detail.setObjectName("auditDetail")
        self.detail.setHorizontalHeaderLabels(["Kolom", "Nilai lama", "Nilai baru"])
        self.detail.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.detail.verticalHeader().setVisible(False)
        self.detail.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("auditSplitter")
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setSizes([300, 160])

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

        self.apply_button.clicked.connect(self.refresh)
        self.row_filter.returnPressed.connect(self.refresh)
        self.this_record.clicked.connect(self._filter_selected_record)
        self.view.selectionModel().currentRowChanged.connect(self._show_detail)
        self.reload_choices()
        self.refresh()

    # -- filters ---------------------------------------------------------------------
    def reload(self) -> None:
        """New changes were saved: new officers/tables may appear in the filters."""
        self.reload_choices()
        self.refresh()

    def reload_choices(self) -> None:
        conn = self.ctx.store.conn
        table, officer = self.table_filter.currentData(), self.officer_filter.currentData()
        self.table_filter.clear()
        self.table_filter.addItem("Semua data", None)
        for name in audit_tables(conn):
            self.table_filter.addItem(TABLE_LABELS.get(name, name), name)
        self.officer_filter.clear()
        self.officer_filter.addItem("Semua petugas", None)
        for name in audit_officers(conn):
            self.officer_filter.addItem(name, name)
        for combo, value in ((self.table_filter, table), (self.officer_filter, officer)):
            combo.setCurrentIndex(max(combo.findData(value), 0))

    def set_filter(self, *, table: str | None = None, row_id: str | None = None,
                   officer: str | None = None, since: date | None = None,
                   until: date | None = None) -> None:
        """Set the filters (as another page would) and show the result."""
        self.reload_choices()
        self.table_filter.setCurrentIndex(max(self.table_filter.findData(table), 0))
        self.officer_filter.setCurrentIndex(max(self.officer_filter.findData(officer), 0))
        self.row_filter.setText(row_id or "")
        self.use_dates.setChecked(since is not None or until is not None)
        if since is not None:
            self.date_from.setDate(QDate(since.year, since.month, since.day))
        if until is not None:
            self.date_to.setDate(QDate(until.year, until.month, until.day))
        self.refresh()

    def _date_range(self) -> tuple[str | None, str | None]:
        if not self.use_dates.isChecked():
            return None, None
        start = self.date_from.date().toPython()
        end = self.date_to.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        start, end = min(start, end), max(start, end)
        # The log is in UTC; the officer thinks in local days.
        since = datetime.combine(start, datetime.min.time()).astimezone()
        until = datetime.combine(end + timedelta(days=1), datetime.min.time()).astimezone()
        return _utc(since), _utc(until)

    def refresh(self) -> None:
        since, until = self._date_range()
        row = self.row_filter.text().strip()
        entries = history(
            self.ctx.store.conn, table=self.table_filter.currentData(),
            row_id=row or None, officer=self.officer_filter.currentData(),
            since=since, until=until, limit=LIMIT,
        )
        if row and not entries and len(row) < 36:  # a short id typed from the list
            entries = [e for e in history(
                self.ctx.store.conn, table=self.table_filter.currentData(),
                officer=self.officer_filter.currentData(), since=since, until=until,
                limit=LIMIT * 5) if e.row_id.startswith(row)][:LIMIT]
        # Read afresh: segment names and members may have changed since the last look.
        self.model.text = AuditText(self.ctx.store)
        self.model.set_rows(entries)
        self._show_detail()
        count = len(entries)
        self.summary.setText(
            "Tidak ada perubahan yang cocok." if not count else
            f"{count} perubahan" + (f" (terbaru {LIMIT} saja)" if count >= LIMIT else "")
        )

    # -- detail ----------------------------------------------------------------------
    def selected_entry(self) -> AuditEntry | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        entry = self.model.data(index, ROW_ROLE)
        return entry if isinstance(entry, AuditEntry) else None

    def _show_detail(self, *_: object) -> None:
        entry = self.selected_entry()
        self.this_record.setEnabled(entry is not None)
        text = self.model.text
        rows = text.changed_fields(entry) if entry and text else []
        self.detail.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                self.detail.setItem(r, c, QTableWidgetItem(text))

    def _filter_selected_record(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.set_filter(table=entry.table_name, row_id=entry.row_id)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")

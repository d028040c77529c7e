"""Impor dari Excel: pick a file and sheet, confirm the column mapping, preview what would
happen, then import off the GUI thread (Cancel rolls everything back). Bad rows are listed
and can be saved as a workbook to fix and import again."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.money import format_number
from bpu_desktop.reports.column_mapping import (
    IMPORT_FIELDS,
    REQUIRED_FIELDS,
    ColumnMapping,
    detect_mapping,
    field_label,
)
from bpu_desktop.reports.excel_import import (
    UPDATE_EXISTING,
    ImportPlan,
    SheetData,
    check_and_apply,
    free_error_path,
    plan_import,
    read_sheet,
    sample_text,
    sheet_names,
)
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import StoreError, os_error_reason
from bpu_desktop.store.progress import Progress

from .confirm_dialog import ConfirmDialog
from .context import AppContext
from .long_task import LongTask

NOT_IMPORTED = "(tidak diimpor)"
MAX_ERRORS_SHOWN = 1_000


class ImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: SheetData | None = None
        self.plan: ImportPlan | None = None
        # What the last check or import said (text, role): kept under later notices.
        self.plan_summary = ("", "hint")
        self.task: LongTask | None = None
        self.imported = False
        self.setObjectName("importDialog")
        self.setWindowTitle("Impor peserta dari Excel")
        self.resize(860, 640)

        self.file = QLineEdit()
        self.file.setObjectName("importFile")
        self.file.setReadOnly(True)
        self.file.setPlaceholderText("Pilih berkas .xlsx, .xls atau .ods")
        browse = QPushButton("Pilih berkas…")
        browse.setObjectName("importBrowse")
        browse.clicked.connect(self._browse)
        self.sheet = QComboBox()
        self.sheet.setObjectName("importSheet")
        self.sheet.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet.setMinimumContentsLength(16)  # "Data Pekerja Pasar": not cut to "Data Pek"
        self.sheet.currentTextChanged.connect(self._sheet_changed)

        self.mapping_table = QTableWidget(len(IMPORT_FIELDS), 3)
        self.mapping_table.setObjectName("importMapping")
        self.mapping_table.setHorizontalHeaderLabels(["Data", "Kolom di berkas", "Contoh isi"])
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.setColumnWidth(0, 190)
        self.mapping_table.setColumnWidth(1, 230)
        self.combos: dict[str, QComboBox] = {}
        for row, name in enumerate(IMPORT_FIELDS):
            label = field_label(name) + (" *" if name in REQUIRED_FIELDS else "")
            item = QTableWidgetItem(label)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.mapping_table.setItem(row, 0, item)
            combo = QComboBox()
            combo.setObjectName(f"mapping_{name}")
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.mapping_table.setCellWidget(row, 1, combo)
            self.combos[name] = combo

        self.update_existing = QCheckBox(
            (UPDATE_EXISTING[0].upper() + UPDATE_EXISTING[1:]).replace("; ", ";\n"))
        self.update_existing.setObjectName("importUpdateExisting")
        self.summary = QLabel("Pilih berkas untuk mulai.")
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.errors = QTableWidget(0, 3)
        self.errors.setObjectName("importErrors")
        self.errors.setHorizontalHeaderLabels(["Baris", "Kolom", "Kesalahan"])
        self.errors.verticalHeader().setVisible(False)
        self.errors.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.errors.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.preview_button = QPushButton("Periksa")
        self.preview_button.setObjectName("importPreview")
        self.preview_button.clicked.connect(self.preview)
        self.import_button = QPushButton("Impor")
        self.import_button.setObjectName("importRun")
        self.import_button.setProperty("primary", True)
        self.import_button.clicked.connect(self.run_import)
        self.save_errors = QPushButton("Simpan baris bermasalah…")
        self.save_errors.setObjectName("importSaveErrors")
        self.save_errors.clicked.connect(self._save_errors)
        close = QPushButton("Tutup")
        close.setObjectName("importClose")
        close.clicked.connect(self.accept)

        file_row = QHBoxLayout()
        file_row.addWidget(QLabel("Berkas"))
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        file_row.addWidget(QLabel("Lembar"))
        file_row.addWidget(self.sheet)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_errors)
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        title = QLabel("Cocokkan kolom")
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        layout.addWidget(self.mapping_table, 3)
        layout.addWidget(self.update_existing)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors, 2)
        layout.addLayout(buttons)
        self._refresh_buttons()

    # -- hooks tests replace ------------------------------------------------------------
    @classmethod
    def ask_open_path(cls, parent: QWidget | None) -> str:
        path, _ = QFileDialog.getOpenFileName(
            parent, "Pilih berkas peserta", str(Path.home()),
            "Berkas Excel/ODS (*.xlsx *.xlsm *.xls *.ods)")
        return path

    @classmethod
    def ask_save_path(cls, parent: QWidget | None, suggested: str) -> str:
        # No question from the file dialog: Qt's would be in English, and it would not see
        # the ".xlsx" added to a name typed without it; `_save_errors` asks, in Indonesian.
        path, _ = QFileDialog.getSaveFileName(parent, "Simpan baris bermasalah", suggested,
                                              "Buku kerja Excel (*.xlsx)", "",
                                              QFileDialog.Option.DontConfirmOverwrite)
        return path

    @classmethod
    def run(cls, ctx: AppContext, parent: QWidget | None = None) -> bool:
        """Open the dialog; True when something was imported."""
        dialog = cls(ctx, parent)
        dialog.exec()
        return dialog.imported

    # -- file, sheet, mapping -----------------------------------------------------------
    def _browse(self) -> None:
        path = self.ask_open_path(self)
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        try:
            names = sheet_names(path)
        except StoreError as exc:
            self._show_summary(exc.message, "error")
            return
        self.file.setText(str(path))
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(names)
        self.sheet.blockSignals(False)
        # The first sheet whose header names NIK and Nama (a cover page or recap before the
        # list is passed over), as `bpu import` reads it; the Lembar box shows which.
        self._read(None)

    def _sheet_changed(self, name: str) -> None:
        if name and self.file.text():
            self._read(name)

    def _read(self, name: str | None) -> None:
        try:
            self.data = read_sheet(Path(self.file.text()), name)
        except StoreError as exc:
            self.data = None
            self._show_summary(exc.message, "error")
            self._refresh_buttons()
            return
        if self.sheet.currentText() != self.data.sheet:
            self.sheet.blockSignals(True)
            self.sheet.setCurrentText(self.data.sheet)
            self.sheet.blockSignals(False)
        mapping = detect_mapping(self.data.rows)
        self.plan = None
        self.errors.setRowCount(0)
        if mapping is None:
            self._fill_combos(ColumnMapping(0, self._headers_of(0), {}))
            self._show_summary(self._no_header_text(), "warning")
        else:
            self._fill_combos(mapping)
            skipped = self.data.skipped_note()
            self._show_summary(
                (f"{skipped} " if skipped else "") + f"Baris judul: {mapping.where()}. "
                "Periksa pasangan kolom, lalu tekan Periksa atau Impor.", "hint")
        self._refresh_buttons()

    def _no_header_text(self) -> str:
        """No header row: in a workbook of several sheets the list may be on another."""
        assert self.data is not None
        sheets = self.data.other_sheets()
        if not sheets:
            return "Baris judul kolom tidak ditemukan: pilih kolomnya sendiri."
        where = (f"di lembar '{self.data.sheet}'" if self.data.named
                 else "di lembar mana pun")
        return (f"Baris judul kolom NIK dan Nama tidak ditemukan {where}. Lembar yang ada: "
                f"{', '.join(sheets)}; pilih lembarnya di kotak Lembar, atau pilih kolomnya "
                "sendiri.")

    def _headers_of(self, index: int) -> list[str]:
        assert self.data is not None
        row = self.data.rows[index] if index < len(self.data.rows) else []
        return ["" if c is None else " ".join(str(c).split()) for c in row]

    def _fill_combos(self, mapping: ColumnMapping) -> None:
        self._layout = mapping  # header rows and number row; the columns are the boxes'
        first = mapping.first_data_row
        example = self.data.rows[first] if self.data and first < len(self.data.rows) else []
        for row, name in enumerate(IMPORT_FIELDS):
            combo = self.combos[name]
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IMPORTED, None)
            for i, header in enumerate(mapping.headers):
                combo.addItem(header or f"Kolom {i + 1}", i)
            index = mapping.columns.get(name)
            combo.setCurrentIndex(0 if index is None else index + 1)
            combo.blockSignals(False)
            value = example[index] if index is not None and index < len(example) else ""
            item = QTableWidgetItem(sample_text(value))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.mapping_table.setItem(row, 2, item)

    def current_mapping(self) -> ColumnMapping:
        columns = {name: combo.currentData() for name, combo in self.combos.items()
                   if combo.currentData() is not None}
        layout = getattr(self, "_layout", None) or ColumnMapping(0, [])
        return replace(layout, headers=list(layout.headers), columns=columns)

    def _mapping_changed(self) -> None:
        self.plan = None
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        ready = self.data is not None and not self.current_mapping().missing_required()
        busy = self.task is not None
        self.preview_button.setEnabled(ready and not busy)
        self.import_button.setEnabled(ready and not busy)
        self.save_errors.setEnabled(bool(self.plan and self.plan.bad_rows) and not busy)

    def _show_summary(self, text: str, role: str) -> None:
        self.summary.setText(text)
        self.summary.setProperty("role", role)
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)

    # -- long work -------------------------------------------------------------------------
    def preview(self) -> None:
        self._start(write=False)

    def run_import(self) -> None:
        self._start(write=True)

    def _start(self, *, write: bool) -> None:
        if self.data is None:
            return
        mapping = self.current_mapping()
        clash = mapping.shared_column()
        if clash:
            self._show_summary(f"Kolom '{clash}' dipakai untuk dua data; pilih satu saja.",
                               "error")
            return
        data, db_path, update = self.data, self.ctx.store.path, self.update_existing.isChecked()

        def work(progress: Progress) -> tuple[ImportPlan, int, int]:
            store = open_store(db_path, create=False)  # one connection per thread
            try:
                if not write:
                    return plan_import(store, data, mapping, progress=progress,
                                       update_existing=update), 0, 0
                # Checked and written in one pass, as `bpu import` does.
                return check_and_apply(store, data, mapping, update_existing=update,
                                       progress=progress)
            finally:
                store.close()

        title = "Mengimpor peserta" if write else "Memeriksa berkas"
        self.task = LongTask.run(self, title, work)
        self.task.done.connect(lambda result: self._done(result, write))
        self.task.error.connect(self._failed)
        self.task.cancelled.connect(self._cancelled)
        self._refresh_buttons()

    def _done(self, result: tuple[ImportPlan, int, int], write: bool) -> None:
        self.task = None
        plan, inserted, updated = result
        self.plan = plan
        n = format_number
        lines = [f"{n(plan.rows_read)} baris data: {n(len(plan.new))} peserta baru, "
                 f"{n(len(plan.existing))} sudah terdaftar, {n(len(plan.bad_rows))} bermasalah."]
        villages = plan.villages_line()  # Wonogiri desa added to the list
        if villages:
            lines.append(villages)
        lines.extend(plan.notes)  # e.g. merged cells filled down
        if write:
            lines.append(f"Tersimpan: {n(inserted)} peserta baru, {n(updated)} diperbarui.")
            if plan.existing and not self.update_existing.isChecked():
                lines.append("Peserta yang sudah terdaftar tidak diubah.")
            elif plan.existing and updated < len(plan.existing):
                lines.append(f"{n(len(plan.existing) - updated)} yang sudah terdaftar "
                             "datanya sudah sama.")
            if inserted or updated:
                self.imported = True
                self.ctx.signals.members_changed.emit()
                self.ctx.signals.status_message.emit(f"{n(inserted)} peserta diimpor.")
        else:
            lines.append("Belum ada yang disimpan (pemeriksaan saja).")
        # Red only when nothing could be saved; rows refused beside saved ones are a warning.
        role = "error" if plan.bad_rows and not (write and (inserted or updated)) else \
            "warning" if plan.bad_rows else "hint"
        self.plan_summary = (" ".join(lines), role)
        self._show_summary(*self.plan_summary)
        self._fill_errors(plan)
        self._refresh_buttons()

    def _fill_errors(self, plan: ImportPlan) -> None:
        errors = plan.errors[:MAX_ERRORS_SHOWN]
        self.errors.setRowCount(len(errors))
        for i, error in enumerate(errors):
            for j, value in enumerate((str(error.row), error.column, error.message)):
                self.errors.setItem(i, j, QTableWidgetItem(value))

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._refresh_buttons()
        if not isinstance(exc, StoreError):
            raise exc
        self._show_summary(exc.message, "error")

    def _cancelled(self) -> None:
        self.task = None
        self._refresh_buttons()
        self._show_summary("Dibatalkan; tidak ada data yang diubah.", "warning")

    def _save_errors(self) -> None:
        if not self.plan or not self.plan.bad_rows:
            return
        # BERKAS-kesalahan.xlsx, or -2, -3, … when an earlier one (maybe with fixes typed
        # into it) is there.
        suggested = str(free_error_path(Path(self.file.text())))
        path = self.ask_save_path(self, suggested)
        if not path:
            return
        out = Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")
        summary, role = self.plan_summary  # the import's counts stay; the notice goes under
        if out.is_dir():
            self._show_summary(f"{summary}\n{out} adalah folder; pilih nama berkas .xlsx.",
                               "error")
            return
        if out.exists() and not ConfirmDialog.ask(
                self, "Timpa berkas?",
                f"{out.name} sudah ada di {out.parent}.\n\nTimpa dengan baris bermasalah "
                "impor ini? Isi berkas lama, termasuk perbaikan yang diketik di sana, akan "
                "hilang.", "Timpa"):
            self._show_summary(f"{summary}\nTidak disimpan: {out.name} yang sudah ada tidak "
                               "diubah.", role)
            return
        try:
            self.plan.save_bad_rows(out)
        except OSError as exc:
            self._show_summary(f"{summary}\nBerkas tidak dapat ditulis: "
                               f"{os_error_reason(exc)}.", "error")
            return
        self._show_summary(f"{summary}\n{format_number(len(self.plan.bad_rows))} baris "
                           f"bermasalah disimpan ke {out}.", role)


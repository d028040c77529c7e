"""Ekspor rekap bulanan: pick a month, optionally mask NIKs, write the workbook off the GUI
thread with a progress dialog and Cancel (a cancel leaves no file behind).

The suggested name says when NIKs are masked, so a masked copy for outside the branch
never replaces the full report; writing over any existing file is asked first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.money import format_number
from bpu_desktop.domain.months import add_months, format_month, month_label, month_start
from bpu_desktop.domain.nik import SHARED_NIK_RULE
from bpu_desktop.reports.monthly_export import ExportResult, export_month
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import os_error_reason, store_error_for
from bpu_desktop.store.progress import Progress

from .confirm_dialog import ConfirmDialog
from .context import AppContext
from .long_task import LongTask

MONTHS_SHOWN = 24
MASKED_SUFFIX = "-nik-disamarkan"
FOLDER_KEY = "laporan/folder_ekspor"


class ExportForm(QWidget):
    """The export controls; embedded in the Laporan page and in `ExportDialog`."""

    exported = Signal(object)  # ExportResult

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: LongTask | None = None
        self.setObjectName("exportForm")
        this_month = month_start(today or date.today())
        self.month = QComboBox()
        self.month.setObjectName("exportMonth")
        self.month.setMinimumWidth(220)
        for i in range(MONTHS_SHOWN):
            m = add_months(this_month, -i)
            self.month.addItem(month_label(m), m)
        self.mask = QCheckBox("Samarkan NIK (untuk dibagikan ke luar cabang)")
        self.mask.setToolTip(f"{SHARED_NIK_RULE}, agar NIK tidak dapat disusun kembali.")
        self.mask.setObjectName("exportMaskNik")
        self.path = QLineEdit()
        self.path.setMinimumWidth(520)
        self.path.setObjectName("exportPath")
        self.path.setPlaceholderText("Lokasi berkas .xlsx")
        browse = QPushButton("Pilih…")
        browse.setObjectName("exportBrowse")
        browse.clicked.connect(self._browse)
        self.button = QPushButton("Ekspor rekap bulanan")
        self.button.setObjectName("exportButton")
        self.button.setProperty("primary", True)
        self.button.clicked.connect(self.start)
        self.message = QLabel()
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)

        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Bulan laporan", self.month)
        form.addRow("", self.mask)
        form.addRow("Simpan ke", path_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._suggested = ""
        self.month.currentIndexChanged.connect(self._suggest_path)
        self.mask.toggled.connect(self._suggest_path)
        self._suggest_path()

    @classmethod
    def ask_path(cls, parent: QWidget | None, suggested: str) -> str:
        """Tests replace this to avoid a native file dialog."""
        # No question from the file dialog: Qt's would be in English, and `start` asks
        # (in Indonesian) before writing over any existing file, typed or chosen.
        path, _ = QFileDialog.getSaveFileName(
            parent, "Simpan rekap bulanan", suggested, "Buku kerja Excel (*.xlsx)", "",
            QFileDialog.Option.DontConfirmOverwrite)
        return path

    def selected_month(self) -> date:
        value = self.month.currentData()
        assert isinstance(value, date)
        return value

    def _suggest_path(self) -> None:
        """Suggest rekap-bpu-YYYY-MM.xlsx (…-nik-disamarkan.xlsx when masked), but never
        replace a name the user chose."""
        current = self.path.text().strip()
        if current and current != self._suggested:
            return
        remembered = str(self.ctx.settings.value(FOLDER_KEY, "") or "")
        if current:
            folder = Path(current).parent
        elif remembered and Path(remembered).is_dir():
            folder = Path(remembered)
        else:
            folder = Path.home()
        masked = MASKED_SUFFIX if self.mask.isChecked() else ""
        self._suggested = str(
            folder / f"rekap-bpu-{format_month(self.selected_month())}{masked}.xlsx")
        self.path.setText(self._suggested)

    def _browse(self) -> None:
        chosen = self.ask_path(self, self.path.text())
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")

    def _set_message(self, text: str, role: str) -> None:
        self.message.setText(text)
        self.message.setProperty("role", role)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def start(self) -> None:
        out = Path(self.path.text().strip()).expanduser()
        if not self.path.text().strip() or out.suffix.lower() != ".xlsx":
            self._set_message("Pilih lokasi berkas .xlsx untuk rekap.", "error")
            return
        if not out.parent.is_dir():
            self._set_message(f"Folder {out.parent} tidak ada.", "error")
            return
        if out.is_dir():
            self._set_message(f"{out} adalah folder; pilih nama berkas .xlsx.", "error")
            return
        if out.exists() and not ConfirmDialog.ask(
                self, "Timpa berkas?",
                f"{out.name} sudah ada di {out.parent}.\n\nTimpa dengan rekap "
                f"{month_label(self.selected_month())}"
                f"{' (NIK disamarkan)' if self.mask.isChecked() else ''}? Isi berkas lama "
                "akan hilang.", "Timpa"):
            self._set_message(f"Tidak diekspor: {out.name} yang sudah ada tidak diubah.",
                              "warning")
            return
        db_path, month, mask = self.ctx.store.path, self.selected_month(), self.mask.isChecked()

        def work(progress: Progress) -> ExportResult:
            store = open_store(db_path, create=False)  # one connection per thread
            try:
                return export_month(store, month, out, mask_nik=mask, progress=progress)
            finally:
                store.close()

        self.button.setEnabled(False)
        self._set_message("", "hint")
        self.task = LongTask.run(self, f"Mengekspor rekap {month_label(month)}", work)
        self.task.done.connect(self._done)
        self.task.error.connect(self._failed)
        self.task.cancelled.connect(self._cancelled)

    def _done(self, result: ExportResult) -> None:
        self.button.setEnabled(True)
        text = (f"Rekap {month_label(result.month)} disimpan ke {result.path} "
                f"({format_number(result.new_members)} peserta baru, "
                f"{format_number(result.arrears)} perlu tindak lanjut).")
        self._set_message(text, "hint")
        self.ctx.settings.setValue(FOLDER_KEY, str(result.path.parent))
        self.ctx.signals.status_message.emit(f"Rekap disimpan: {result.path.name}")
        self.exported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        translated = store_error_for(exc)  # a damaged or locked file, a full disk
        if translated is not None:
            text = translated.message
        elif isinstance(exc, OSError):
            text = f"Berkas tidak dapat ditulis: {os_error_reason(exc)}."
        else:
            raise exc  # a bug: the app's one handler logs it
        self._set_message(text, "error")

    def _cancelled(self) -> None:
        self.button.setEnabled(True)
        self._set_message("Ekspor dibatalkan; tidak ada berkas yang dibuat.", "warning")


class ExportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Ekspor rekap bulanan")
        self.form = ExportForm(ctx, self)
        close = QPushButton("Tutup")
        close.setObjectName("exportClose")
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(close)
        self.resize(520, 220)

    @classmethod
    def run(cls, ctx: AppContext, parent: QWidget | None = None) -> None:
        cls(ctx, parent).exec()

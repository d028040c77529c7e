"""Laporan → Gabungkan data petugas: pick files, preview the counts, confirm, merge.

The preview is the real merge rolled back (exact counts); the merge itself runs off the
GUI thread in a LongTask with Cancel, which rolls everything back. The officers' files are
only ever read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.money import format_number
from bpu_desktop.store.conflicts import HELD_HEADER, HELD_NOTE, to_decide_text
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import store_error_for
from bpu_desktop.store.export_rows import count_open_conflicts
from bpu_desktop.store.merge import MergeReport, TableCounts, merge_files
from bpu_desktop.store.merge_sources import PACKAGE_SUFFIX, packages_supported
from bpu_desktop.store.progress import Progress

from .context import AppContext
from .long_task import LongTask

COLUMNS = ("Tabel", "Baru", "Diperbarui", "Sama", "Dihapus", HELD_HEADER, "Lebih lama")


@dataclass(frozen=True)
class _Outcome:
    """A merge (or preview) and the conflicts left to decide after it, counted in its
    transaction (a preview's is rolled back afterwards)."""

    report: MergeReport
    open_conflicts: int


def _values(c: TableCounts) -> tuple[int, ...]:
    return (c.new, c.updated, c.identical, c.deleted, c.conflicts, c.older)


class MergeDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: LongTask | None = None
        self.preview: MergeReport | None = None
        self.result: MergeReport | None = None
        self.passphrase: str | None = None
        self.setObjectName("mergeDialog")
        self.setWindowTitle("Gabungkan data petugas")
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Pilih berkas data petugas (.db" + (" atau paket .bpu" if packages_supported()
                                                else "") + "). Berkas petugas hanya dibaca; "
            "berkas cabang dicadangkan dulu, lalu semua data ditulis sekaligus atau tidak sama "
            "sekali.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.files = QListWidget()
        self.files.setObjectName("mergeFileList")
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files.setMaximumHeight(120)  # a handful of files; the preview table gets the room
        layout.addWidget(self.files)
        row = QHBoxLayout()
        self.add_button = self._button("mergeAddButton", "Tambah berkas…", self._add, row)
        self.remove_button = self._button("mergeRemoveButton", "Hapus dari daftar",
                                          self._remove, row)
        row.addStretch(1)
        self.preview_button = self._button("mergePreviewButton", "Pratinjau", self._preview,
                                           row)
        layout.addLayout(row)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("mergePreviewTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # The table names ("Kontak tindak lanjut", "Kelurahan/Desa") are read in full.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        layout.addWidget(self.table, 1)
        self.notes = QLabel()
        self.notes.setObjectName("mergeNotes")
        self.notes.setWordWrap(True)
        self.notes.setProperty("role", "hint")
        layout.addWidget(self.notes)
        self.message = QLabel()
        self.message.setObjectName("mergeMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        bottom = QHBoxLayout()
        self.conflicts_button = self._button("mergeConflictsButton", "Selesaikan konflik…",
                                             self._open_conflicts, bottom)
        self._show_conflicts_button()
        bottom.addStretch(1)
        self.confirm_button = self._button("mergeConfirmButton", "Gabungkan", self._merge,
                                           bottom)
        self.confirm_button.setEnabled(False)
        self.close_button = self._button("mergeCloseButton", "Tutup", self.reject, bottom)
        layout.addLayout(bottom)

    def _button(self, name: str, text: str, slot: Callable[[], Any],
                layout: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    # -- replaceable in tests ------------------------------------------------------
    @classmethod
    def pick_files(cls, parent: QWidget | None) -> list[Path]:
        pattern = "Berkas data (*.db *.bpu)" if packages_supported() else "Berkas data (*.db)"
        names, _ = QFileDialog.getOpenFileNames(parent, "Pilih berkas petugas", "", pattern)
        return [Path(n) for n in names]

    @classmethod
    def ask_passphrase(cls, parent: QWidget | None) -> str | None:
        """Tests replace this classmethod. Lanjutkan / Batal: QInputDialog.getText's own
        buttons read OK/Cancel (Qt has no Indonesian translation)."""
        dialog = QInputDialog(parent)
        dialog.setObjectName("passphraseDialog")
        dialog.setWindowTitle("Kata sandi paket")
        dialog.setLabelText("Kata sandi paket .bpu:")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setOkButtonText("Lanjutkan")
        dialog.setCancelButtonText("Batal")
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        text = dialog.textValue()
        dialog.deleteLater()
        return text if ok and text else None

    # -- file list -------------------------------------------------------------------
    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def add_paths(self, paths: list[Path]) -> None:
        known = set(self.paths())
        for path in paths:
            if path not in known:
                self.files.addItem(str(path))
        self._invalidate()

    def _add(self) -> None:
        self.add_paths(self.pick_files(self))

    def _remove(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._invalidate()

    def _invalidate(self) -> None:
        self.preview = None
        self.passphrase = None  # other packages may have another password
        self.confirm_button.setEnabled(False)
        self.table.setRowCount(0)
        self.notes.clear()

    # -- preview and merge -------------------------------------------------------------
    def _say(self, text: str, role: str = "") -> None:
        self.message.setProperty("role", role)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)

    def _start(self, title: str, dry_run: bool, on_done: Callable[[object], None]) -> None:
        paths = self.paths()
        if not paths:
            self._say("Tambahkan minimal satu berkas petugas.", "error")
            return
        if any(p.suffix.lower() == PACKAGE_SUFFIX for p in paths) and not self.passphrase:
            self.passphrase = self.ask_passphrase(self)
            if not self.passphrase:
                self._say("Kata sandi paket wajib diisi untuk berkas .bpu.", "error")
                return
        db_path, passphrase = Path(self.ctx.store.path), self.passphrase
        officer = self.ctx.store.officer

        def work(progress: Progress) -> _Outcome:
            store = open_store(db_path, create=False)  # this thread's own connection
            store.acting_as = officer
            after: list[int] = []

            def count(_report: MergeReport) -> bool:
                # Before the commit (or the preview's rollback): the list as merged.
                after.append(count_open_conflicts(store) or 0)
                return not dry_run

            try:
                report = merge_files(store, paths, progress=progress, passphrase=passphrase,
                                     confirm=count)
                return _Outcome(report, after[0] if after else 0)
            finally:
                store.close()

        self._set_busy(True)
        self.task = LongTask(self, title, work)
        self.task.done.connect(on_done)
        self.task.error.connect(self._on_error)
        self.task.cancelled.connect(self._on_cancelled)
        self.task.start()

    def _set_busy(self, busy: bool) -> None:
        for button in (self.add_button, self.remove_button, self.preview_button,
                       self.close_button):
            button.setEnabled(not busy)
        if busy:
            self.confirm_button.setEnabled(False)

    def _preview(self) -> None:
        self._say("")
        self._start("Menghitung pratinjau…", True, self._on_preview)

    def _merge(self) -> None:
        if self.preview is None:
            return
        self._start("Menggabungkan data…", False, self._on_merged)

    def _on_preview(self, outcome: object) -> None:
        assert isinstance(outcome, _Outcome)
        result = outcome.report
        self._set_busy(False)
        self.preview = result
        self._show(result)
        self._show_conflicts_button()
        if result.total().changes or result.new_conflicts:
            self.confirm_button.setEnabled(True)
            text = "Periksa ringkasan di atas, lalu tekan Gabungkan."
            if outcome.open_conflicts:
                text += (f" Setelah digabung: {to_decide_text(outcome.open_conflicts)}; "
                         "tidak diputuskan otomatis.")
            self._say(text)
        else:
            self._say("Tidak ada data baru: semua berkas sudah digabung.", "hint")

    def _on_merged(self, outcome: object) -> None:
        assert isinstance(outcome, _Outcome)
        result = outcome.report
        self._set_busy(False)
        self.result = result
        self.preview = None
        self._show(result)
        total = result.total()
        text = (f"Selesai: {format_number(total.new)} baris baru, "
                f"{format_number(total.updated)} diperbarui, "
                f"{format_number(total.deleted)} dihapus.")
        if result.backup is not None:
            text += f" Cadangan: {result.backup.name}."
        if outcome.open_conflicts:
            text += f" {to_decide_text(outcome.open_conflicts)}."
        self._say(text)
        self._show_conflicts_button()
        self.ctx.signals.data_replaced.emit()
        self.ctx.signals.members_changed.emit()
        self.ctx.signals.status_message.emit("Data petugas sudah digabung.")

    def _on_error(self, exc: object) -> None:
        self._set_busy(False)
        assert isinstance(exc, BaseException)
        translated = store_error_for(exc)  # a SQLite error from a damaged or locked file too
        if translated is not None:
            # A mistyped password must not stick: the next try asks for it again.
            asked, self.passphrase = self.passphrase, None
            self._say(translated.message + (" Tekan Pratinjau untuk memasukkan kata sandi "
                                            "lagi." if asked else ""), "error")
            return
        raise exc  # a bug: the app's one handler logs it

    def _on_cancelled(self) -> None:
        self._set_busy(False)
        self.confirm_button.setEnabled(self.preview is not None)
        self._say("Dibatalkan; tidak ada data yang diubah.", "warning")

    def _show(self, report: MergeReport) -> None:
        rows = [(report.labels.get(t, t), c) for t, c in report.per_table().items()]
        rows.append(("Jumlah", report.total()))
        self.table.setRowCount(len(rows))
        for r, (label, counts) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(label))
            for c, value in enumerate(_values(counts), start=1):
                item = QTableWidgetItem(format_number(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        notes = []
        for file in report.files:
            who = f" (petugas {file.officer})" if file.officer else ""
            state = ("sudah digabung, tidak ada data baru" if file.already_merged
                     else f"{format_number(file.total().changes)} perubahan")
            notes.append(f"{file.name}{who}: {state}")
        notes.extend(report.notes())
        if report.total().conflicts:
            notes.append(HELD_NOTE)
        self.notes.setText("\n".join(notes))

    def _open_conflicts(self) -> None:
        from .conflicts_dialog import ConflictsDialog

        ConflictsDialog.run(self.ctx, self)
        self._show_conflicts_button()

    def _show_conflicts_button(self) -> None:
        """Whenever the branch file has conflicts to decide (from any merge, also the
        CLI's or yesterday's), not only right after a merge here made some."""
        self.conflicts_button.setVisible(bool(count_open_conflicts(self.ctx.store)))

    @classmethod
    def run(cls, ctx: AppContext, parent: QWidget | None = None) -> MergeDialog:
        dialog = cls(ctx, parent)
        dialog.exec()
        return dialog

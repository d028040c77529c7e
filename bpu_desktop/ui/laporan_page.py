"""Laporan: the supervisor's desk — monthly report, Excel import, merging officers' files."""

from __future__ import annotations

import importlib
import importlib.util

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.money import format_number
from bpu_desktop.store.export_rows import count_open_conflicts

from .context import AppContext
from .export_dialog import ExportForm
from .import_dialog import ImportDialog
from .theme import page_layout

MERGE_MODULE = f"{__package__}.merge_dialog"


def merge_available() -> bool:
    return importlib.util.find_spec(MERGE_MODULE) is not None


class LaporanPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        title = QLabel("Laporan")
        title.setObjectName("pageTitle")

        export_box = QGroupBox("Ekspor rekap bulanan")
        export_box.setObjectName("exportBox")
        hint = QLabel("Satu buku kerja Excel untuk kepala cabang: ringkasan, per kecamatan, "
                      "per segmen, per petugas, kegiatan, sponsor, peserta baru, tindak lanjut "
                      "dan konflik.")
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.export_form = ExportForm(ctx, self)
        box = QVBoxLayout(export_box)
        box.addWidget(hint)
        box.addWidget(self.export_form)

        import_box = QGroupBox("Impor dari Excel")
        import_box.setObjectName("importBox")
        import_hint = QLabel("Daftar pekerja dari kelurahan, paguyuban atau sponsor: setiap "
                             "baris diperiksa dengan aturan yang sama seperti formulir.")
        import_hint.setProperty("role", "hint")
        import_hint.setWordWrap(True)
        self.import_button = QPushButton("Impor peserta dari Excel…")
        self.import_button.setObjectName("openImport")
        self.import_button.clicked.connect(lambda: ImportDialog.run(self.ctx, self))
        ib = QVBoxLayout(import_box)
        ib.addWidget(import_hint)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addStretch(1)
        ib.addLayout(row)

        self.merge_box = QGroupBox("Gabungkan data petugas")
        self.merge_box.setObjectName("mergeBox")
        merge_hint = QLabel("Gabungkan berkas data dari laptop petugas ke berkas cabang. "
                            "Tidak ada data yang tertimpa diam-diam: bentrokan masuk daftar "
                            "konflik.")
        merge_hint.setProperty("role", "hint")
        merge_hint.setWordWrap(True)
        self.merge_button = QPushButton("Gabungkan data petugas…")
        self.merge_button.setObjectName("openMerge")
        self.merge_button.clicked.connect(self._open_merge)
        # Conflicts left by any merge (this window's, yesterday's, `bpu merge`) open here.
        self.conflicts = QPushButton()
        self.conflicts.setObjectName("openConflicts")
        self.conflicts.clicked.connect(self._open_conflicts)
        self.no_conflicts = QLabel("Tidak ada konflik terbuka.")
        self.no_conflicts.setObjectName("noConflicts")
        self.no_conflicts.setProperty("role", "hint")
        mb = QVBoxLayout(self.merge_box)
        mb.addWidget(merge_hint)
        mrow = QHBoxLayout()
        mrow.addWidget(self.merge_button)
        mrow.addWidget(self.conflicts)
        mrow.addWidget(self.no_conflicts)
        mrow.addStretch(1)
        mb.addLayout(mrow)
        self.merge_box.setVisible(merge_available())

        layout = page_layout(self)
        layout.addWidget(title)
        layout.addWidget(export_box)
        layout.addWidget(import_box)
        layout.addWidget(self.merge_box)
        layout.addStretch(1)
        ctx.signals.data_replaced.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Count what the supervisor must decide (the conflict list's own number)."""
        count = count_open_conflicts(self.ctx.store)
        self.conflicts.setVisible(bool(count))
        self.no_conflicts.setVisible(count == 0)
        if count:
            self.conflicts.setText(f"Selesaikan {format_number(count)} konflik…")

    def _open_merge(self) -> None:
        module = importlib.import_module(MERGE_MODULE)
        module.MergeDialog.run(self.ctx, self)
        self.refresh()

    def _open_conflicts(self) -> None:
        from .conflicts_dialog import ConflictsDialog

        ConflictsDialog.run(self.ctx, self)
        self.refresh()

    def open_with(self, **_kwargs: object) -> None:
        self.refresh()


def create_page(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    return LaporanPage(ctx, parent)

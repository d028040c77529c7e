"""Pengaturan: the officer's name, backups (make, restore, how many to keep), sending data
as an encrypted package, and the change history (Riwayat perubahan)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.store.backup import (
    BACKUP_KEEP_KEY,
    MAX_BACKUP_KEEP,
    MIN_BACKUP_KEEP,
    BackupInfo,
    backup_keep,
    backups_dir,
    check_backup_keep,
    list_backups,
    make_backup,
    restore_backup,
)
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.pack import Manifest, pack_store
from bpu_desktop.store.progress import Progress

from . import error_handler
from .audit_viewer import AuditViewer
from .confirm_dialog import ConfirmDialog
from .context import AppContext
from .long_task import LongTask
from .pack_dialog import PackDialog, default_package_path
from .saving import saving_feedback
from .theme import page_layout

TAB_KEYS = ("umum", "cadangan", "kirim", "riwayat")


class ConfirmRestore:
    @classmethod
    def ask(cls, parent: QWidget | None, info: BackupInfo) -> bool:
        """Tests replace this classmethod. Pulihkan or Batal (the default)."""
        return ConfirmDialog.ask(
            parent, "Pulihkan cadangan",
            f"Pulihkan data dari cadangan {info.created:%d-%m-%Y %H:%M}?\n\n"
            "Semua perubahan sesudah waktu itu akan hilang dari berkas ini. Berkas yang "
            "sekarang dicadangkan dulu, jadi masih bisa dikembalikan.",
            "Pulihkan",
        )


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB".replace(".", ",")


class PengaturanPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: LongTask | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("pengaturanTabs")
        self.tabs.addTab(self._general_tab(), "Umum")
        self.tabs.addTab(self._backup_tab(), "Cadangan")
        self.tabs.addTab(self._send_tab(), "Kirim data")
        # The history is built the first time it is wanted: on a big file its list took
        # 2-4 s to lay out, and most visits to Pengaturan are for the other tabs.
        self._audit: AuditViewer | None = None
        self.audit_tab = QWidget(objectName="auditTab")
        QVBoxLayout(self.audit_tab).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.audit_tab, "Riwayat perubahan")
        title = QLabel("Pengaturan")
        title.setObjectName("pageTitle")  # the same large title as every other page
        layout = page_layout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self._audit_stale = False  # the viewer reads the history when it is built
        ctx.signals.data_replaced.connect(self.reload)
        for signal in (ctx.signals.members_changed, ctx.signals.events_changed,
                       ctx.signals.sponsors_changed, ctx.signals.payments_changed):
            signal.connect(self._audit_changed)
        self.tabs.currentChanged.connect(lambda _index: self._catch_up_audit())
        self._reload_settings()

    # -- the history is read only when it can be seen ----------------------------------
    @property
    def audit(self) -> AuditViewer:
        """The history viewer, built (and so read) on first use."""
        if self._audit is None:
            self._audit = AuditViewer(self.ctx)
            self._audit_stale = False
            layout = self.audit_tab.layout()
            assert layout is not None
            layout.addWidget(self._audit)
        return self._audit

    def _audit_shown(self) -> bool:
        return self.isVisible() and self.tabs.currentWidget() is self.audit_tab

    def _audit_changed(self) -> None:
        """A save anywhere: the history (thousands of rows on a big file, about 0.2 s) is
        read again now only if it is on screen, otherwise when it is next shown."""
        self._audit_stale = True
        self._catch_up_audit()

    def _catch_up_audit(self) -> None:
        if not self._audit_shown():
            return
        if self._audit is None:
            self.audit  # noqa: B018 - builds it, reading the history once
        elif self._audit_stale:
            self._audit_stale = False
            self._audit.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._catch_up_audit()

    # -- tabs ------------------------------------------------------------------------
    def _general_tab(self) -> QWidget:
        tab = QWidget()
        self.officer_edit = QLineEdit()
        self.officer_edit.setObjectName("officerNameEdit")
        self.officer_save = QPushButton("Simpan nama")
        self.officer_save.setObjectName("saveOfficerButton")
        self.officer_save.clicked.connect(self.save_officer)
        self.officer_edit.returnPressed.connect(self.save_officer)
        officer_row = QHBoxLayout()
        officer_row.addWidget(self.officer_edit, 1)
        officer_row.addWidget(self.officer_save)
        self.keep_spin = QSpinBox()
        self.keep_spin.setObjectName("backupKeepSpin")
        self.keep_spin.setRange(MIN_BACKUP_KEEP, MAX_BACKUP_KEEP)
        self.keep_save = QPushButton("Simpan")
        self.keep_save.setObjectName("saveBackupKeepButton")
        self.keep_save.clicked.connect(self.save_keep)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep_spin)
        keep_row.addWidget(self.keep_save)
        keep_row.addStretch(1)
        self.general_message = QLabel()
        self.general_message.setObjectName("generalMessage")
        self.general_message.setWordWrap(True)
        hint = QLabel("Nama petugas dicatat pada setiap data yang disimpan dari laptop ini. "
                      "Cadangan otomatis dibuat setiap hari saat aplikasi ditutup, sebelum "
                      "pembaruan struktur data dan sebelum penggabungan.")
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Nama petugas", officer_row)
        form.addRow("Jumlah cadangan disimpan", keep_row)
        self.file_label = QLabel()
        self.file_label.setObjectName("fileInfo")
        self.file_label.setProperty("role", "hint")
        self.file_label.setWordWrap(True)
        box = QGroupBox("Petugas dan berkas")
        box.setLayout(form)
        layout = QVBoxLayout(tab)
        layout.addWidget(box)
        layout.addWidget(self.general_message)
        layout.addWidget(hint)
        layout.addWidget(self.file_label)
        layout.addStretch(1)
        return tab

    def _backup_tab(self) -> QWidget:
        tab = QWidget()
        self.backup_list = QTableWidget(0, 4)
        self.backup_list.setObjectName("backupList")
        self.backup_list.setHorizontalHeaderLabels(["Waktu", "Jenis", "Ukuran", "Berkas"])
        self.backup_list.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.backup_list.horizontalHeader().setStretchLastSection(True)
        self.backup_list.verticalHeader().setVisible(False)
        self.backup_list.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.backup_list.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.backup_list.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.backup_list.itemSelectionChanged.connect(self._update_buttons)
        self.make_button = QPushButton("Buat cadangan")
        self.make_button.setObjectName("createBackupButton")
        self.make_button.setProperty("primary", True)
        self.make_button.clicked.connect(self.create_backup)
        self.restore_button = QPushButton("Pulihkan…")
        self.restore_button.setObjectName("restoreBackupButton")
        self.restore_button.clicked.connect(self.restore_selected)
        self.backup_message = QLabel()
        self.backup_message.setObjectName("backupMessage")
        self.backup_message.setWordWrap(True)
        self.backup_folder = QLabel()
        self.backup_folder.setObjectName("backupFolder")
        self.backup_folder.setProperty("role", "hint")
        self.backup_folder.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addLayout(buttons)
        layout.addWidget(self.backup_message)
        layout.addWidget(self.backup_list, 1)
        layout.addWidget(self.backup_folder)
        return tab

    def _send_tab(self) -> QWidget:
        tab = QWidget()
        intro = QLabel(
            "Kirim data dari lapangan ke kantor sebagai satu berkas .bpu yang terenkripsi "
            "dengan kata sandi. Di kantor berkas ini digabungkan lewat Laporan → Gabungkan "
            "data petugas. Tanpa kata sandi yang benar isi berkas tidak bisa dibaca."
        )
        intro.setObjectName("sendIntro")
        intro.setWordWrap(True)
        self.send_button = QPushButton("Buat paket kirim…")
        self.send_button.setObjectName("sendDataButton")
        self.send_button.setProperty("primary", True)
        self.send_button.clicked.connect(self.send_data)
        self.send_message = QLabel()
        self.send_message.setObjectName("sendMessage")
        self.send_message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.send_button)
        row.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.send_message)
        layout.addStretch(1)
        return tab

    # -- data ------------------------------------------------------------------------
    def reload(self) -> None:
        self._reload_settings()
        self._audit_stale = True
        self._catch_up_audit()

    def _reload_settings(self) -> None:
        store = self.ctx.store
        self.officer_edit.setText(store.meta("officer_name"))
        self.keep_spin.setValue(backup_keep(store.conn))
        self.file_label.setText(f"Berkas data: {store.path}\nPerangkat: {store.device_id}")
        self.backup_folder.setText(f"Folder cadangan: {backups_dir(store.path)}")
        self.reload_backups()

    def reload_backups(self) -> None:
        self.backups = list_backups(self.ctx.store.path)
        self.backup_list.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            texts = (f"{info.created:%d-%m-%Y %H:%M:%S}", info.label, _size(info.size),
                     info.path.name)
            for column, text in enumerate(texts):
                self.backup_list.setItem(row, column, QTableWidgetItem(text))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    def selected_backup(self) -> BackupInfo | None:
        rows = {i.row() for i in self.backup_list.selectedIndexes()}
        return self.backups[rows.pop()] if len(rows) == 1 else None

    def _say(self, label: QLabel, text: str, *, error: bool = False) -> None:
        label.setProperty("role", "error" if error else "")
        label.style().unpolish(label)
        label.style().polish(label)
        label.setText(text)
        if not error:
            self.ctx.signals.status_message.emit(text)

    # -- actions ---------------------------------------------------------------------
    def save_officer(self) -> None:
        try:
            with saving_feedback(self):
                self.ctx.store.set_officer(self.officer_edit.text())
        except StoreError as exc:
            self._say(self.general_message, exc.message, error=True)
            return
        self.officer_edit.setText(self.ctx.store.officer)
        self.ctx.signals.officer_changed.emit()
        self._say(self.general_message, f"Nama petugas disimpan: {self.ctx.store.officer}.")

    def save_keep(self) -> None:
        try:
            value = check_backup_keep(self.keep_spin.value())
            self.ctx.store.set_meta(BACKUP_KEEP_KEY, str(value))
        except StoreError as exc:
            self._say(self.general_message, exc.message, error=True)
            return
        self._say(self.general_message, f"{value} cadangan terakhir akan disimpan.")

    def create_backup(self) -> None:
        store = self.ctx.store
        try:
            path = make_backup(store.conn, store.path, reason="manual")
        except StoreError as exc:
            self._say(self.backup_message, exc.message, error=True)
            return
        self.reload_backups()
        self._say(self.backup_message, f"Cadangan dibuat: {path.name}")

    def restore_selected(self) -> None:
        info = self.selected_backup()
        if info is None or not ConfirmRestore.ask(self, info):
            return
        store = self.ctx.store
        store.close()
        failure: StoreError | None = None
        try:
            safety = restore_backup(store.path, info.path)
        except StoreError as exc:
            failure, safety = exc, None
        try:
            store.reopen()  # the same Store object: every page's repository keeps working
        except StoreError as exc:
            self._say(self.backup_message, f"{exc.message} Tutup lalu buka lagi aplikasi.",
                      error=True)
            return
        if failure is not None:
            self._say(self.backup_message, failure.message, error=True)
            self.reload()
            return
        self.ctx.signals.data_replaced.emit()  # every page reloads (this one too)
        note = f" Berkas sebelumnya disimpan sebagai {safety.name}." if safety else ""
        self._say(self.backup_message,
                  f"Data dipulihkan dari cadangan {info.created:%d-%m-%Y %H:%M}.{note}")

    def send_data(self) -> None:
        store = self.ctx.store
        request = PackDialog.ask(self, default_package_path(store.path.parent, store.device_id))
        if request is None:
            return
        db_path = store.path

        def work(progress: Progress) -> Manifest:
            progress.step(0, 0, "Menyiapkan paket…")
            own = open_store(db_path, create=False)  # this thread's own connection
            try:
                return pack_store(own, request.out_path, request.passphrase, request.period)
            finally:
                own.close()

        self.send_button.setEnabled(False)
        self.task = LongTask.run(self, "Membuat paket kirim", work)
        self.task.done.connect(lambda manifest: self._packed(request.out_path, manifest))
        self.task.error.connect(self._pack_failed)
        self.task.cancelled.connect(lambda: self.send_button.setEnabled(True))

    def _packed(self, out: Path, manifest: Manifest) -> None:
        self.send_button.setEnabled(True)
        counts = manifest.counts
        self._say(self.send_message,
                  f"Paket dibuat: {out}\nPeriode {manifest.period_label or 'semua data'}: "
                  f"{counts.get('members', 0)} peserta, {counts.get('enrolments', 0)} "
                  "pendaftaran. Kirim berkas ini; kata sandinya lewat jalur lain.")

    def _pack_failed(self, exc: BaseException) -> None:
        self.send_button.setEnabled(True)
        self._say(self.send_message, error_handler.describe(exc), error=True)

    # -- navigation ------------------------------------------------------------------
    def open_with(self, tab: str | None = None, audit_table: str | None = None,
                  audit_row: str | None = None, **_: Any) -> None:
        """`ctx.open_page("pengaturan", audit_table="members", audit_row=id)` shows that
        record's history; `tab="cadangan"` opens a tab."""
        if audit_table or audit_row:
            tab = "riwayat"
            self.audit.set_filter(table=audit_table, row_id=audit_row)
        if tab in TAB_KEYS:
            self.tabs.setCurrentIndex(TAB_KEYS.index(tab))


def create_page(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    return PengaturanPage(ctx, parent)

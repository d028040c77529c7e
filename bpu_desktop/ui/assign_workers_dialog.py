"""Assign enrolled members to a sponsorship (search by NIK or name), or send the officer
to the desk to enrol new ones straight into it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.dates import format_date
from bpu_desktop.domain.nik import mask_nik
from bpu_desktop.domain.regions import find_kecamatan
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.members import MemberQuery, MemberRepository, MemberRow
from bpu_desktop.store.sponsors import SponsorRepository, SponsorshipRow

from .confirm_dialog import ConfirmDialog
from .context import AppContext
from .saving import DELETING, saving_feedback

RESULTS = 30


class AssignWorkersDialog(QDialog):
    def __init__(self, ctx: AppContext, repo: SponsorRepository, sponsorship: SponsorshipRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.repo = repo
        self.members = MemberRepository(ctx.store)
        self.sponsorship = sponsorship
        self.changed = False
        self.setWindowTitle(f"Pekerja ditanggung: {sponsorship.label}")
        self.resize(760, 480)
        self.search = QLineEdit(objectName="assign_search",
                                placeholderText="Cari peserta terdaftar: NIK atau nama")
        self.results = QListWidget(objectName="assign_results")
        self.assign_button = QPushButton("Tanggung →", objectName="assign_add")
        self.assign_button.setProperty("primary", True)
        self.assigned = QListWidget(objectName="assign_assigned")
        self.remove_button = QPushButton("← Lepas", objectName="assign_remove")
        self.enrol_button = QPushButton("Daftarkan peserta baru", objectName="assign_enrol_new")
        self.close_button = QPushButton("Tutup", objectName="assign_close")
        self.message = QLabel(objectName="assign_message", wordWrap=True)
        self.message.setProperty("role", "error")
        self.progress = QProgressBar(objectName="assign_progress")
        # Enter in the search box assigns its first result, once: no button may also take
        # it as the dialog's default (that assigned the second result too).
        for button in (self.assign_button, self.remove_button, self.enrol_button,
                       self.close_button):
            button.setAutoDefault(False)

        left = QVBoxLayout()
        left.addWidget(QLabel("Peserta terdaftar"))
        left.addWidget(self.search)
        left.addWidget(self.results, 1)
        middle = QVBoxLayout()
        middle.addStretch()
        middle.addWidget(self.assign_button)
        middle.addWidget(self.remove_button)
        middle.addStretch()
        right = QVBoxLayout()
        self.assigned_title = QLabel()
        right.addWidget(self.assigned_title)
        right.addWidget(self.progress)
        right.addWidget(self.assigned, 1)
        lists = QHBoxLayout()
        lists.addLayout(left, 1)
        lists.addLayout(middle)
        lists.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.enrol_button)
        buttons.addStretch()
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(lists, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.search.textChanged.connect(self.find)
        self.search.returnPressed.connect(self._enter)
        self.results.itemActivated.connect(lambda _item: self.assign_selected())
        self.assign_button.clicked.connect(self.assign_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.enrol_button.clicked.connect(self.enrol_new)
        self.close_button.clicked.connect(self.accept)
        self.refresh()
        self.find()

    def _enter(self) -> None:
        if self.results.count():
            self.results.setCurrentRow(0)
            self.assign_selected()

    def find(self) -> None:
        self.results.clear()
        text = self.search.text().strip()
        if not text:
            return
        taken = {self.assigned.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(self.assigned.count())}
        for m in self.members.page(MemberQuery(search=text), 0, RESULTS):
            if m.id in taken:
                continue
            item = QListWidgetItem(_who(m))
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def refresh(self) -> None:
        row = self.repo.get_sponsorship(self.sponsorship.id)
        if row is not None:
            self.sponsorship = row
        s = self.sponsorship
        self.assigned_title.setText(f"Ditanggung {s.assigned} dari {s.pledged} pekerja")
        self.progress.setMaximum(max(s.pledged, s.assigned, 1))
        self.progress.setValue(s.assigned)
        self.progress.setFormat(f"{s.assigned}/{s.pledged}")
        full = s.assigned >= s.pledged
        self.assign_button.setEnabled(not full)
        self.enrol_button.setEnabled(not full)
        self.message.setText(
            f"Janji sponsor sudah penuh: {s.assigned} dari {s.pledged} pekerja ditanggung. "
            "Naikkan jumlah pekerja di janji sponsor bila sponsor menanggung lebih banyak."
            if full else "")
        self.assigned.clear()
        for m in self.repo.assigned_members(s.id):
            item = QListWidgetItem(f"{mask_nik(m.nik)}  {m.name}")
            item.setData(Qt.ItemDataRole.UserRole, m.member_id)
            self.assigned.addItem(item)

    def assign_selected(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        member_id = str(item.data(Qt.ItemDataRole.UserRole))
        # Months the member already paid themselves that the sponsor would pay again: the
        # officer decides (Batal, the default, assigns nobody). A full pledge is refused
        # by the store without asking.
        s = self.sponsorship
        twice = (self.repo.paid_twice_warning(s.id, member_id)
                 if s.assigned < s.pledged else "")
        if twice and not ConfirmDialog.ask(self, "Iuran dibayar dua kali",
                                           f"{twice}\n\nTetap tanggung?", "Tetap tanggung"):
            return
        try:
            with saving_feedback(self):
                self.repo.assign(self.sponsorship.id, member_id)
        except StoreError as error:
            self.message.setText(error.message)
            return
        self._changed()
        self.find()

    def remove_selected(self) -> None:
        item = self.assigned.currentItem()
        if item is None:
            return
        try:
            with saving_feedback(self, DELETING):
                self.repo.unassign(self.sponsorship.id, str(item.data(Qt.ItemDataRole.UserRole)))
        except StoreError as error:
            self.message.setText(error.message)
            return
        self._changed()

    def _changed(self) -> None:
        self.changed = True
        self.refresh()
        self.ctx.signals.sponsors_changed.emit()
        self.ctx.signals.members_changed.emit()

    def enrol_new(self) -> None:
        self.accept()
        self.ctx.open_page("peserta", mode="enrol", sponsorship_id=self.sponsorship.id,
                           sponsorship_label=self.sponsorship.label)

    @classmethod
    def run(cls, ctx: AppContext, repo: SponsorRepository, sponsorship: SponsorshipRow,
            parent: QWidget | None = None) -> bool:
        """Show the dialog; True when assignments changed. Tests may replace this."""
        dialog = cls(ctx, repo, sponsorship, parent)
        dialog.exec()
        return dialog.changed


def _who(member: MemberRow) -> str:
    """Enough to tell two "Budi Hartono" apart at the table: where they live and when
    they were born, as on their KTP."""
    kecamatan = find_kecamatan(member.kecamatan_code)
    area = ", ".join(part for part in (member.kelurahan,
                                       kecamatan.name if kecamatan else "") if part)
    born = format_date(date.fromisoformat(member.birth_date)) if member.birth_date else ""
    details = " · ".join(part for part in (area, f"lahir {born}" if born else "") if part)
    return f"{mask_nik(member.nik)}  {member.name}" + (f"  ({details})" if details else "")

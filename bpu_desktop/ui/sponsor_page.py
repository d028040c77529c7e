"""Sponsor: companies and agencies paying for BPU workers, their sponsorships, progress
(assigned vs pledged) and warnings (over-pledge, renewal due)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.money import format_number, format_rupiah
from bpu_desktop.domain.sponsorship import validate_sponsor, validate_sponsorship
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.reference import kelurahan_by_kecamatan, load_rates
from bpu_desktop.store.sponsors import SponsorQuery, SponsorRepository, SponsorRow, SponsorshipRow

from . import error_handler
from .assign_workers_dialog import AssignWorkersDialog
from .confirm_dialog import ConfirmDialog
from .context import AppContext
from .refresh_when_shown import RefreshWhenShown
from .row_switch import RowSwitch
from .saving import DELETING, save_with_feedback, saving_feedback
from .sponsor_form import SponsorForm, SponsorshipForm
from .sponsor_table_model import SponsorshipTableModel, SponsorTableModel
from .theme import compact_table, icon, page_layout, row_table, scroll_area

SPONSOR_TAB, PLEDGE_TAB = 0, 1


def _id(row: SponsorRow | SponsorshipRow | None) -> str | None:
    return row.id if row else None


def _typed(form: SponsorForm | SponsorshipForm) -> bool:
    """Unsaved typing; the pledge form is disabled (holds none) until a sponsor is open."""
    return form.isEnabled() and form.has_unsaved_changes()


Edited = TypeVar("Edited", SponsorRow, SponsorshipRow)


def _typed_over(fresh: Edited, opened: Edited) -> Edited:
    """A row read again while its form holds typing: today's figures, with the version
    the typing was made over, so a change saved elsewhere meanwhile makes Simpan refuse
    ("diubah di tempat lain") instead of being silently undone."""
    return replace(fresh, version=opened.version)


class SponsorPage(RefreshWhenShown):
    def __init__(self, ctx: AppContext, *, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.repo = SponsorRepository(ctx.store, today=self.today)
        self._sponsor: SponsorRow | None = None
        self._sponsorship: SponsorshipRow | None = None

        title = QLabel("Sponsor dan perusahaan penanggung iuran", objectName="pageTitle")
        self.search = QLineEdit(objectName="sponsor_search",
                                placeholderText="Cari nama sponsor, NPP atau kontak (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.model = SponsorTableModel(self.repo)
        self.table = row_table("sponsor_table", self.model)
        # The indicator first: enabling sorting then reads the list once, by name.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        # Sponsor, Janji, Ditanggung, Iuran bln ini, Sisa bln, warnings, Jenis, Kecamatan
        compact_table(self.table, {0: 20, 1: "9.999", 2: "9.999", 3: "Rp 9.999.999", 4: "99",
                                   5: "9", 6: 16, 7: 11}, stretch=0)
        self.summary = QLabel(objectName="sponsor_summary", wordWrap=True)
        self.summary.setProperty("role", "hint")
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.search)
        left_box.addWidget(self.table, 1)
        left_box.addWidget(self.summary)

        # Sponsor form
        self.form = SponsorForm(kelurahan=kelurahan_by_kecamatan(ctx.store))
        self.new_button = QPushButton(icon("add"), "Baru", objectName="sponsor_new")
        self.save_button = QPushButton(icon("save"), "Simpan", objectName="sponsor_save")
        self.save_button.setProperty("primary", True)
        self.delete_button = QPushButton("Hapus", objectName="sponsor_delete")
        sponsor_group = QGroupBox()  # the tab says "Data sponsor"
        sponsor_box = QVBoxLayout(sponsor_group)
        sponsor_box.addWidget(self.form)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        row.addStretch()
        row.addWidget(self.save_button)
        sponsor_box.addLayout(row)

        # Sponsorships of the chosen sponsor
        self.sponsorships = SponsorshipTableModel()
        self.sponsorship_table = row_table("sponsorship_table", self.sponsorships)
        self.sponsorship_table.setMaximumHeight(130)
        self.sponsorship_table.setMinimumHeight(90)
        # Periode, Paket, Dana, Janji, Ditanggung, Per pekerja/bln, Per bulan, Total
        compact_table(self.sponsorship_table, {
            0: "Desember 2026 - September 2027", 1: 10, 2: 12, 3: "9.999", 4: "9.999",
            5: "Rp 99.999 *", 6: "Rp 9.999.999 *", 7: "Rp 99.999.999"})
        self.progress = QProgressBar(objectName="sponsorship_progress")
        self.warnings = QLabel(objectName="sponsorship_warnings", wordWrap=True)
        self.warnings.setProperty("role", "warning")
        self.sponsorship_form = SponsorshipForm(rates=load_rates(ctx.store), today=self.today)
        self.new_sponsorship = QPushButton(icon("add"), "Janji baru",
                                           objectName="sponsorship_new")
        self.save_sponsorship = QPushButton(icon("save"), "Simpan janji",
                                            objectName="sponsorship_save")
        self.save_sponsorship.setProperty("primary", True)
        self.delete_sponsorship = QPushButton("Hapus janji", objectName="sponsorship_delete")
        self.assign_button = QPushButton(icon("people"), "Pekerja ditanggung…",
                                         objectName="sponsorship_assign")
        self.enrol_button = QPushButton("Daftarkan peserta baru",
                                        objectName="sponsorship_enrol_new")
        # At 1366x768 the sponsor's data and its pledges do not both fit one above the
        # other (the pledge form and its buttons were below the fold): two tabs, each in
        # its own scroll area; the pledge's buttons above its form, never below the fold.
        sp_group = QWidget()
        sp_box = QVBoxLayout(sp_group)
        sp_box.addWidget(self.sponsorship_table)
        progress_row = QHBoxLayout()
        progress_row.addWidget(QLabel("Ditanggung vs janji"))
        progress_row.addWidget(self.progress, 1)
        sp_box.addLayout(progress_row)
        sp_box.addWidget(self.warnings)
        workers = QHBoxLayout()
        workers.addWidget(self.assign_button)
        workers.addWidget(self.enrol_button)
        workers.addStretch()
        sp_box.addLayout(workers)
        buttons = QHBoxLayout()
        for b in (self.new_sponsorship, self.delete_sponsorship):
            buttons.addWidget(b)
        buttons.addStretch()
        buttons.addWidget(self.save_sponsorship)
        sp_box.addLayout(buttons)
        sp_box.addWidget(self.sponsorship_form)  # its computed amounts may scroll, no button
        sp_box.addStretch(1)
        sponsor_tab = QWidget()
        sponsor_tab_box = QVBoxLayout(sponsor_tab)
        sponsor_tab_box.addWidget(sponsor_group)
        sponsor_tab_box.addStretch(1)
        self.right_tabs = QTabWidget(objectName="sponsor_tabs")
        self.right_tabs.addTab(scroll_area(sponsor_tab, "sponsor_form_scroll"), "Data sponsor")
        self.right_tabs.addTab(scroll_area(sp_group, "sponsorship_form_scroll"),
                               "Janji dan pekerja ditanggung")
        splitter = QSplitter(objectName="sponsor_splitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.right_tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([700, 360])  # the list gets most of the width
        layout = page_layout(self)
        layout.addWidget(title)
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(self.apply_filters)
        # Another sponsor replaces both forms; another pledge only the pledge form.
        self.sponsor_rows = RowSwitch(
            self.table, load=self._open_sponsor, editing=lambda: _id(self._sponsor),
            unsaved=lambda: _typed(self.form) or _typed(self.sponsorship_form),
            confirm=self.confirm_close)
        self.pledge_rows = RowSwitch(
            self.sponsorship_table, load=self._open_pledge,
            editing=lambda: _id(self._sponsorship),
            unsaved=lambda: _typed(self.sponsorship_form), confirm=self.confirm_pledge)
        self.new_button.clicked.connect(self.on_new)
        # As Ctrl+S: the wait for a busy file is shown (`saving`).
        self.save_button.clicked.connect(lambda: save_with_feedback(self, self.save_sponsor))
        self.delete_button.clicked.connect(self.delete_sponsor)
        self.new_sponsorship.clicked.connect(self.new_pledge)
        self.save_sponsorship.clicked.connect(lambda: save_with_feedback(self, self.save_pledge))
        self.delete_sponsorship.clicked.connect(self.delete_pledge)
        self.assign_button.clicked.connect(self.assign_workers)
        self.enrol_button.clicked.connect(self.enrol_new)
        for signal in (ctx.signals.sponsors_changed, ctx.signals.members_changed,
                       ctx.signals.data_replaced):
            signal.connect(self._data_changed)  # hidden: refreshed when next shown
        self._summary()  # the list was read when sorting was enabled
        self._new()
        self._dirty = False

    # -- list -------------------------------------------------------------------------
    def apply_filters(self) -> None:
        q = self.model.query
        self.model.set_query(SponsorQuery(search=self.search.text(), sort=q.sort,
                                          descending=q.descending))
        self._summary()

    def _summary(self) -> None:
        rows = [self.model.row_at(i) for i in range(self.model.rowCount())]
        due = sum(r.due_this_month for r in rows if r)
        pledged = sum(r.pledged for r in rows if r)
        assigned = sum(r.assigned for r in rows if r)
        self.summary.setText(
            f"{format_number(self.model.total)} sponsor · dijanjikan {format_number(pledged)}"
            f" · ditanggung {format_number(assigned)} · iuran bulan ini {format_rupiah(due)}")

    def refresh(self) -> None:
        """Data changed (a save here or elsewhere): the lists, the figures and the villages
        offered are read again; a form is reloaded only when it holds no typing, so a
        refresh never drops typing and never asks anything."""
        self._dirty = False
        self.model.reload()
        self._summary()
        self.form.set_kelurahan(kelurahan_by_kecamatan(self.ctx.store))
        if self._sponsor is not None:
            fresh = self.repo.get(self._sponsor.id)
            if not _typed(self.form):
                self._sponsor = fresh
                self.form.load(fresh)
            elif fresh is not None:
                self._sponsor = _typed_over(fresh, self._sponsor)
        self.sponsor_rows.select(_id(self._sponsor))  # the reload cleared the selection
        if not _typed(self.sponsorship_form):
            self._load_sponsorships(keep=_id(self._sponsorship))
            return
        rows = self.repo.sponsorships(self._sponsor.id) if self._sponsor else []
        self.sponsorships.set_rows(rows)
        typed_over = self._sponsorship
        fresh_pledge = next((r for r in rows if r.id == _id(typed_over)), None)
        if fresh_pledge is not None and typed_over is not None:
            self._sponsorship = _typed_over(fresh_pledge, typed_over)
        self._show_figures(self._sponsorship)
        self.pledge_rows.select(_id(self._sponsorship))
        self._enable()

    def _open_sponsor(self, row: SponsorRow) -> None:
        self._sponsor = row
        self.form.load(row)
        self._load_sponsorships(keep=None)

    def _load_sponsorships(self, keep: str | None) -> None:
        rows = self.repo.sponsorships(self._sponsor.id) if self._sponsor else []
        self.sponsorships.set_rows(rows)
        chosen = next((r for r in rows if r.id == keep), rows[0] if rows else None)
        self._show_sponsorship(chosen)
        self.pledge_rows.select(_id(chosen))
        self._enable()

    def _open_pledge(self, row: SponsorshipRow) -> None:
        self._show_sponsorship(row)
        self._enable()

    def _show_sponsorship(self, row: SponsorshipRow | None) -> None:
        self._sponsorship = row
        sponsor_type = self._sponsor.type if self._sponsor else "swasta"
        self.sponsorship_form.load(row, sponsor_type=sponsor_type)
        self._show_figures(row)

    def _show_figures(self, row: SponsorshipRow | None) -> None:
        """The pledge's progress bar and warnings (read, never typed)."""
        if row is None:
            self.progress.setMaximum(1)
            self.progress.setValue(0)
            self.progress.setFormat("-")
            self.warnings.setText("")
            return
        self.progress.setMaximum(max(row.pledged, row.assigned, 1))
        self.progress.setValue(row.assigned)
        self.progress.setFormat(f"{format_number(row.assigned)} dari {format_number(row.pledged)}"
                                f" pekerja ({row.progress}%)")
        self.warnings.setText("\n".join(f"⚠ {w}" for w in row.warnings))

    def _enable(self) -> None:
        has_sponsor = self._sponsor is not None
        has_pledge = self._sponsorship is not None
        self.delete_button.setEnabled(has_sponsor)
        # A pledge is typed for a saved sponsor (it could not be saved without one).
        for w in (self.sponsorship_form, self.new_sponsorship, self.save_sponsorship):
            w.setEnabled(has_sponsor)
        for w in (self.delete_sponsorship, self.assign_button, self.enrol_button):
            w.setEnabled(has_pledge)

    # -- sponsor actions --------------------------------------------------------------
    def on_new(self) -> None:
        """Baru / Ctrl+N: a blank sponsor, once unsaved typing is saved or dropped."""
        if self.confirm_close():
            self._new()

    def _new(self) -> None:
        self._sponsor = None
        self.sponsor_rows.select(None)
        self.form.load(None)
        self._load_sponsorships(keep=None)
        self.right_tabs.setCurrentIndex(SPONSOR_TAB)
        self.form.name.setFocus()

    def on_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def on_cancel(self) -> None:
        """Esc: the form being typed in (the pledge's when it has focus) goes back to what
        is saved, after asking when it holds typing."""
        in_pledge = (self._sponsor is not None
                     and self.sponsorship_form.isAncestorOf(self.focusWidget()))
        form: SponsorForm | SponsorshipForm = self.sponsorship_form if in_pledge else self.form
        what = "janji sponsor" if in_pledge else "sponsor"
        if _typed(form) and not ConfirmDialog.discard(
                self, "Buang perubahan?", f"Isian {what} yang belum disimpan akan dibuang."):
            return
        if in_pledge:
            self._show_sponsorship(self._sponsorship)
        else:
            self.form.load(self._sponsor)

    def on_save(self) -> None:
        """Ctrl+S saves what the officer is editing: the pledge if its form has focus or
        its tab is the one shown (the sponsor form is then out of sight)."""
        pledge = (self.sponsorship_form.isAncestorOf(self.focusWidget())
                  or self.right_tabs.currentIndex() == PLEDGE_TAB)
        if self._sponsor is not None and pledge:
            self.save_pledge()
        else:
            self.save_sponsor()

    def _ask(self, form: SponsorForm | SponsorshipForm, what: str,
             save: Callable[[], bool]) -> bool:
        if not _typed(form):
            return True
        return ConfirmDialog.save_or_discard(
            self, f"{what} belum disimpan", f"Perubahan pada {what.lower()} belum disimpan.",
            save)

    def confirm_pledge(self) -> bool:
        """Before the pledge form is replaced (another pledge, Janji baru)."""
        return self._ask(self.sponsorship_form, "Janji sponsor", self.save_pledge)

    def confirm_close(self) -> bool:
        """Before both forms are replaced (another sponsor, Baru, the window closing): a
        sponsor or pledge typed or changed and not saved is saved, dropped or kept open as
        the officer chooses. The pledge first: saving the sponsor reloads the pledge form."""
        return self.confirm_pledge() and self._ask(self.form, "Sponsor", self.save_sponsor)

    def save_sponsor(self) -> bool:
        """Validate and save the sponsor form; True when saved."""
        errors, clean = validate_sponsor(self.form.value())
        self.form.show_errors(errors)
        if errors:
            return False
        try:
            row = self.repo.save_sponsor(
                clean, self._sponsor.id if self._sponsor else None,
                expected_version=self._sponsor.version if self._sponsor else None)
        except StoreError as error:
            error_handler.show_error(self, error.message)
            return False
        created = self._sponsor is None
        self._sponsor = row
        self.form.load(row)  # saved: nothing unsaved any more
        self.ctx.signals.sponsors_changed.emit()
        self.ctx.signals.status_message.emit(f"Sponsor {row.name} tersimpan.")
        self.sponsor_rows.select(row.id)
        if created:
            self.new_pledge()
        return True

    def delete_sponsor(self) -> None:
        row = self._sponsor
        if row is None or not ConfirmDialog.ask(
                self, "Hapus sponsor", f"Hapus sponsor {row.name} beserta janjinya?", "Hapus"):
            return
        try:
            with saving_feedback(self, DELETING):
                self.repo.delete_sponsor(row.id)
        except StoreError as error:
            error_handler.show_error(self, error.message)
            return
        self.ctx.signals.sponsors_changed.emit()
        self.ctx.signals.members_changed.emit()
        self._new()

    # -- sponsorship actions ----------------------------------------------------------
    def new_pledge(self) -> None:
        """Janji baru: a blank pledge, once unsaved pledge typing is saved or dropped."""
        if not self.confirm_pledge():
            return
        self.pledge_rows.select(None)
        self._show_sponsorship(None)
        self._enable()
        self.right_tabs.setCurrentIndex(PLEDGE_TAB)
        self.sponsorship_form.pledged.setFocus()

    def save_pledge(self) -> bool:
        """Validate and save the pledge form; True when saved."""
        if self._sponsor is None:
            return False
        value, errors = self.sponsorship_form.value()
        if value is not None:
            errors = validate_sponsorship(value)
        self.sponsorship_form.show_errors(errors)
        if errors or value is None:
            return False
        current = self._sponsorship
        try:
            row = self.repo.save_sponsorship(
                self._sponsor.id, value, current.id if current else None,
                expected_version=current.version if current else None)
        except StoreError as error:
            self.sponsorship_form.show_errors({"end": error.message})
            return False
        self._sponsorship = row
        self.ctx.signals.sponsors_changed.emit()
        self.ctx.signals.status_message.emit(f"Janji {row.label} tersimpan.")
        self.sponsorship_form.mark_loaded()
        return True

    def delete_pledge(self) -> None:
        row = self._sponsorship
        if row is None or not ConfirmDialog.ask(self, "Hapus janji", f"Hapus janji {row.label}?",
                                                "Hapus"):
            return
        try:
            with saving_feedback(self, DELETING):
                self.repo.delete_sponsorship(row.id)
        except StoreError as error:
            error_handler.show_error(self, error.message)
            return
        self._sponsorship = None
        self.ctx.signals.sponsors_changed.emit()
        self.ctx.signals.members_changed.emit()

    def assign_workers(self) -> None:
        if self._sponsorship is not None:
            AssignWorkersDialog.run(self.ctx, self.repo, self._sponsorship, self)
            self.refresh()

    def enrol_new(self) -> None:
        row = self._sponsorship
        if row is not None:
            self.ctx.open_page("peserta", mode="enrol", sponsorship_id=row.id,
                               sponsorship_label=row.label)

    def open_with(self, **kwargs: Any) -> None:
        sponsorship_id = kwargs.get("sponsorship_id")
        row = self.repo.get_sponsorship(str(sponsorship_id)) if sponsorship_id else None
        if row is not None and self.confirm_close():
            self._sponsor = self.repo.get(row.sponsor_id)
            self.sponsor_rows.select(row.sponsor_id)
            self.form.load(self._sponsor)
            self._load_sponsorships(keep=row.id)


def create_page(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    return SponsorPage(ctx, parent=parent)

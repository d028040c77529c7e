"""Kegiatan: outreach events with their partners, and how many attendees enrolled.

"Daftarkan peserta" opens the enrolment desk with the event, its date and area as sticky
fields, so a batch of attendees is keyed fast and each enrolment links to the event.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.events import CleanEvent, EventInput, validate_event
from bpu_desktop.domain.events import event_label as domain_event_label
from bpu_desktop.domain.months import add_months, month_label, month_start
from bpu_desktop.domain.regions import find_kecamatan, kecamatan_list
from bpu_desktop.domain.validation import new_village, new_village_question
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.events import EventQuery, EventRepository, EventRow
from bpu_desktop.store.reference import add_kelurahan, kelurahan_by_kecamatan, list_segments

from . import error_handler
from .confirm_dialog import ConfirmDialog
from .context import AppContext
from .event_form import EventForm
from .event_table_model import EventTableModel
from .row_switch import RowSwitch
from .saving import DELETING, save_with_feedback, saving_feedback
from .theme import compact_combo, compact_table, icon, page_layout, row_table, scroll_area


class _Refused(Exception):
    """Rolls back the desa added in the same transaction when the event is still refused."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("validation failed")
        self.errors = errors


def event_label(row: EventRow) -> str:
    return domain_event_label(row.venue, row.held_date)


class KegiatanPage(QWidget):
    def __init__(self, ctx: AppContext, *, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.repo = EventRepository(ctx.store)
        self._today = today or date.today()
        self._current: EventRow | None = None

        title = QLabel("Kegiatan sosialisasi", objectName="pageTitle")
        self.month = QComboBox(objectName="kegiatan_filter_month")
        self.month.addItem("Semua bulan", None)
        first = month_start(self._today)
        for i in range(-2, 24):
            m = add_months(first, -i)
            self.month.addItem(month_label(m), m)
        self.month.setCurrentIndex(0)
        self.kecamatan = QComboBox(objectName="kegiatan_filter_kecamatan")
        self.kecamatan.addItem("Semua kecamatan", None)
        for k in kecamatan_list():
            self.kecamatan.addItem(k.name, k.code)
        self.partner = QComboBox(objectName="kegiatan_filter_partner")
        self.segment = QComboBox(objectName="kegiatan_filter_segment")
        self.segment.addItem("Semua sasaran", None)
        segments = list_segments(ctx.store)
        for s in segments:
            self.segment.addItem(s.name, s.code)
        self.search = QLineEdit(objectName="kegiatan_search",
                                placeholderText="Cari tempat/kelurahan (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        # Combos on one row, the search under them: "Semua kecamatan" and "Semua sasaran"
        # stay readable at 1280 px instead of being cut to "Semua kecam".
        filters = QVBoxLayout()
        filters.setSpacing(6)
        combos = QHBoxLayout()
        combos.setSpacing(6)
        for w in (self.month, self.kecamatan, self.partner, self.segment):
            compact_combo(w, 11)
            combos.addWidget(w, 1)
        filters.addLayout(combos)
        self.search.setMinimumWidth(100)
        filters.addWidget(self.search)

        self.model = EventTableModel(self.repo)
        self.table = row_table("kegiatan_table", self.model)
        self.table.setSortingEnabled(True)
        # Tanggal, Jam, Kecamatan, Kelurahan, Tempat, Jenis, Mitra, Hadir, Mendaftar, Konversi
        compact_table(self.table, {0: "30/12/2026", 1: "19:30", 2: 11, 3: 11, 4: 18, 5: 13,
                                   6: 16, 7: "9.999", 8: "9.999", 9: "100,0%"}, stretch=4)
        # Shown order: Hadir, Mendaftar, Konversi right after Tempat, Kelurahan after them,
        # so the figures stay in view on a laptop (the model's columns do not change).
        header = self.table.horizontalHeader()
        for position, column in enumerate((0, 1, 2, 4, 7, 8, 9, 3, 5, 6)):
            header.moveSection(header.visualIndex(column), position)
        self.summary = QLabel(objectName="kegiatan_summary")
        self.summary.setProperty("role", "hint")

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addLayout(filters)
        left_box.addWidget(self.table, 1)
        # The main action sits under the list, always in view (not below the form's fold).
        self.enrol_button = QPushButton(icon("people"), "Daftarkan peserta",
                                        objectName="event_enrol")
        self.enrol_button.setProperty("primary", True)
        self.enrol_button.setToolTip("Buka meja pendaftaran dengan kegiatan terpilih, "
                                     "tanggal dan wilayahnya sudah terisi")
        actions = QHBoxLayout()
        actions.addWidget(self.summary, 1)
        actions.addWidget(self.enrol_button)
        left_box.addLayout(actions)

        self.form = EventForm(kelurahan=kelurahan_by_kecamatan(ctx.store), segments=segments,
                              partners=self.repo.partner_names(), officer=ctx.store.officer)
        ctx.signals.officer_changed.connect(self._officer_changed)
        self.form_title = QLabel(objectName="sectionTitle")
        self.new_button = QPushButton(icon("add"), "Baru", objectName="event_new")
        self.save_button = QPushButton(icon("save"), "Simpan", objectName="event_save")
        self.save_button.setProperty("primary", True)
        self.delete_button = QPushButton("Hapus", objectName="event_delete")
        self.stats = QLabel(objectName="event_stats")
        buttons = QHBoxLayout()
        for b in (self.new_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        group = QGroupBox("Data kegiatan")
        group_box = QVBoxLayout(group)
        group_box.addWidget(self.form_title)
        # The event's figures under its title: below the long form they fell under the
        # fold of a 1366x768 laptop screen.
        self.stats.setWordWrap(True)
        group_box.addWidget(self.stats)
        group_box.addWidget(self.form)
        group_box.addLayout(buttons)
        group_box.addStretch()

        splitter = QSplitter(objectName="kegiatan_splitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(scroll_area(group, "kegiatan_form_scroll"))
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([720, 380])  # the list gets most of the width
        layout = page_layout(self)
        layout.addWidget(title)
        layout.addWidget(splitter, 1)

        for combo in (self.month, self.kecamatan, self.partner, self.segment):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.search.textChanged.connect(self.apply_filters)
        self.rows = RowSwitch(self.table, load=self._open, editing=self._current_id,
                              unsaved=self.form.has_unsaved_changes, confirm=self.confirm_leave)
        self.new_button.clicked.connect(self.on_new)
        # As Ctrl+S: the wait for a busy file is shown (`saving`).
        self.save_button.clicked.connect(lambda: save_with_feedback(self, self.on_save))
        self.delete_button.clicked.connect(self.delete_current)
        self.enrol_button.clicked.connect(self.enrol_attendees)
        ctx.signals.events_changed.connect(self.refresh)
        ctx.signals.members_changed.connect(self.refresh)
        ctx.signals.data_replaced.connect(self.refresh)
        self._fill_partners()
        self.apply_filters()
        self._new()

    def _officer_changed(self) -> None:
        self.form.set_officer(self.ctx.store.officer)

    # -- list -------------------------------------------------------------------------
    def _fill_partners(self) -> None:
        current = self.partner.currentData()
        self.partner.blockSignals(True)
        self.partner.clear()
        self.partner.addItem("Semua mitra", None)
        for name in self.repo.partner_names():
            self.partner.addItem(name, name)
        self.partner.setCurrentIndex(max(0, self.partner.findData(current)))
        self.partner.blockSignals(False)

    def query(self) -> EventQuery:
        q = self.model.query
        return EventQuery(month=self.month.currentData(), kecamatan_code=self.kecamatan.currentData(),
                          partner=self.partner.currentData(), segment=self.segment.currentData(),
                          search=self.search.text(), sort=q.sort, descending=q.descending)

    def apply_filters(self) -> None:
        self.model.set_query(self.query())
        self._update_summary()

    def refresh(self) -> None:
        """Data changed (a save here or elsewhere, an import, a merge, a restore): the
        list, the partners, the form's villages and the counts are read again; the form
        is reloaded only when it holds no typing, so a refresh never drops typing and
        never asks anything. Typing keeps the version it was made over: its Simpan after
        a change saved elsewhere meanwhile is refused ("diubah di tempat lain", or the
        event was deleted) instead of silently undoing that change."""
        self._fill_partners()
        self.form.set_kelurahan(kelurahan_by_kecamatan(self.ctx.store))
        self.model.reload()
        self._update_summary()
        opened = self._current
        if opened is None:
            return
        fresh = self.repo.get(opened.id)
        if not self.form.has_unsaved_changes():
            if fresh is not None:
                self._open(fresh)
            else:  # deleted elsewhere: an empty form (the focus stays where it is)
                self._blank()
        elif fresh is not None:
            # Today's counts, with the version the typing was made over.
            self._current = replace(fresh, version=opened.version)
            self._show_stats()
        self.rows.select(self._current_id())  # the reload cleared the selection

    def _update_summary(self) -> None:
        self.summary.setText(f"{self.model.total} kegiatan")

    def _current_id(self) -> str | None:
        return self._current.id if self._current else None

    def _open(self, row: EventRow) -> None:
        self._current = row
        self.form.load(row)
        self.form_title.setText(f"Ubah: {event_label(row)}")
        self._show_stats()

    def _show_stats(self) -> None:
        row = self._current
        self.form.set_enrolled(row.enrolled if row is not None else 0)
        self.enrol_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        if row is None:
            self.stats.setText("Pilih kegiatan di daftar (atau simpan yang baru), lalu "
                               "klik Daftarkan peserta di bawah daftar.")
            return
        conv = "-" if row.conversion is None else f"{row.conversion:.1f}%".replace(".", ",")
        self.stats.setText(f"Hadir {row.attendees} · mendaftar {row.enrolled} · konversi {conv}")

    # -- actions ----------------------------------------------------------------------
    def on_new(self) -> None:
        """Baru / Ctrl+N: a blank form, once unsaved typing is saved or dropped."""
        if self.confirm_leave():
            self._new()

    def _new(self) -> None:
        self._blank()
        self.form.held_on.setFocus()

    def _blank(self) -> None:
        self._current = None
        self.rows.select(None)
        self.form.clear()
        self.form_title.setText("Kegiatan baru")
        self._show_stats()

    def on_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def on_cancel(self) -> None:
        """Esc: the form goes back to the saved event (or blank), after asking when it
        holds typing."""
        if self.form.has_unsaved_changes() and not ConfirmDialog.discard(
                self, "Buang perubahan?", "Isian kegiatan yang belum disimpan akan dibuang."):
            return
        if self._current is not None:
            self.form.load(self._current)
        else:
            self.form.clear()

    def confirm_leave(self) -> bool:
        """Before the form is replaced (another event, Baru, the window closing): an event
        typed or changed and not saved is saved, dropped or kept open as the officer chooses."""
        if not self.form.has_unsaved_changes():
            return True
        what = event_label(self._current) if self._current else "baru"
        return ConfirmDialog.save_or_discard(
            self, "Kegiatan belum disimpan", f"Perubahan pada kegiatan {what} belum disimpan.",
            self.on_save)

    confirm_close = confirm_leave  # MainWindow asks every page before the window closes

    def _validate(self, value: EventInput) -> tuple[dict[str, str], CleanEvent | None]:
        return validate_event(
            value, today=self._today, known_kecamatan={k.code for k in kecamatan_list()},
            enrolled=self._current.enrolled if self._current else 0,
            villages=kelurahan_by_kecamatan(self.ctx.store))

    def _ask_new_village(self, value: EventInput) -> str | None:
        """A Wonogiri desa not listed yet: added only as the desk adds it, when the officer
        answers the desk's question (a letter off a listed one: "Desa lain, tambahkan")."""
        villages = kelurahan_by_kecamatan(self.ctx.store)
        village = new_village(value.kelurahan, value.kecamatan_code, villages)
        kecamatan = find_kecamatan(value.kecamatan_code) if value.kecamatan_code else None
        if village is None or kecamatan is None:
            return None
        asked = new_village_question(village, kecamatan, kecamatan.name, villages,
                                     kecamatan_list(), "kegiatan ini")
        if ConfirmDialog.ask(self, "Kelurahan/desa baru", asked.text, asked.ok_label):
            return village
        return None

    def on_save(self) -> bool:
        """Validate and save the form; True when saved. A new Wonogiri desa is added to
        the list with the event, in one transaction, once the officer says so."""
        value = self.form.value()
        errors, clean = self._validate(value)
        village = self._ask_new_village(value) if set(errors) == {"kelurahan"} else None
        if village is None:
            self.form.show_errors(errors)
            if clean is None:
                return False
        store = self.ctx.store
        try:
            with store.write():
                if village is not None:
                    add_kelurahan(store, value.kecamatan_code, village)
                    errors, clean = self._validate(value)
                    if clean is None:
                        raise _Refused(errors)
                assert clean is not None
                row = self.repo.save(clean, self._current.id if self._current else None,
                                     expected_version=self._current.version if self._current else None)
        except _Refused as refused:
            self.form.show_errors(refused.errors)
            return False
        except StoreError as error:
            error_handler.show_error(self, error.message)
            return False
        self.form.show_errors({})
        self._current = row
        self.form.load(row)
        self.form_title.setText(f"Ubah: {event_label(row)}")
        self.ctx.signals.events_changed.emit()
        if village is not None:  # the desk and the other forms offer the desa from now on
            self.ctx.signals.members_changed.emit()
        self.ctx.signals.status_message.emit(f"Kegiatan {event_label(row)} tersimpan.")
        self.rows.select(row.id)
        self._show_stats()
        return True

    def delete_current(self) -> None:
        row = self._current
        if row is None or not ConfirmDialog.ask(
                self, "Hapus kegiatan", f"Hapus kegiatan {event_label(row)}? Peserta yang "
                "sudah terdaftar tidak ikut terhapus.", "Hapus"):
            return
        try:
            with saving_feedback(self, DELETING):
                self.repo.delete(row.id)
        except StoreError as error:
            error_handler.show_error(self, error.message)
            return
        self.ctx.signals.events_changed.emit()
        self._new()

    def enrol_attendees(self) -> None:
        row = self._current
        if row is None:
            return
        self.ctx.open_page("peserta", mode="enrol", event_id=row.id,
                           event_label=event_label(row), enrolled_on=row.held_date,
                           kecamatan_code=row.kecamatan_code, kelurahan=row.kelurahan)

    def open_with(self, **kwargs: Any) -> None:
        """Another page may send us to one event (e.g. from a member's record)."""
        event_id = kwargs.get("event_id")
        row = self.repo.get(str(event_id)) if event_id else None
        if row is not None and self.confirm_leave():
            self.rows.select(row.id)
            self._open(row)


def create_page(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    page = KegiatanPage(ctx, parent=parent)
    page.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    return page

"""The Peserta page: the enrolment desk and the member list, side by side in two tabs."""

from __future__ import annotations

import importlib
import importlib.util
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.store.members import MemberRow

from .context import AppContext
from .enrolment_form import EnrolmentForm
from .member_list import MemberList
from .theme import icon

ENROL_TAB, LIST_TAB = 0, 1
IMPORT_MODULE = "bpu_desktop.ui.import_dialog"
PAYMENT_MODULE = "bpu_desktop.ui.payment_dialog"


def close_popup() -> bool:
    """Close the open popup (the kelurahan suggestions, a dropdown); False when none is.

    Qt lets the window's shortcuts work under a completer's popup (it stands for the field
    it completes), so Esc, Ctrl+N, Ctrl+S and Ctrl+F reach the page with the suggestions
    still open: each of them closes the popup first, and Esc does nothing else."""
    popup = QApplication.activePopupWidget()
    if popup is None:
        return False
    popup.close()
    return True


def module_available(name: str) -> bool:
    """Buttons of another helper's dialog stay hidden until its module exists."""
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


class PesertaPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        title = QLabel("Peserta")
        title.setObjectName("pageTitle")

        self.import_button = QPushButton(icon("add"), "Impor dari Excel…")
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.import_from_excel)
        self.import_button.setVisible(module_available(IMPORT_MODULE))
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.import_button)

        self.form = EnrolmentForm(ctx)
        self.list = MemberList(ctx)
        self.pay_button = QPushButton("Bayar iuran…")
        self.pay_button.setObjectName("payButton")
        self.pay_button.setToolTip("Catat pembayaran iuran peserta terpilih")
        self.pay_button.clicked.connect(self.pay_selected)
        self.pay_button.setVisible(module_available(PAYMENT_MODULE))
        self.list.add_action_button(self.pay_button)
        self.list.selection_changed.connect(
            lambda: self.pay_button.setEnabled(self.list.selected_member() is not None))
        self.pay_button.setEnabled(False)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("pesertaTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.form, icon("add"), "Pendaftaran  (Ctrl+N)")
        self.tabs.addTab(self.list, icon("people"), "Daftar Peserta  (Ctrl+F)")
        self.tabs.currentChanged.connect(self._tab_changed)

        self.list.edit_requested.connect(self.edit_member)
        self.form.saved.connect(self._saved)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 14, 22, 10)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)

    # -- window shortcuts ---------------------------------------------------------------
    def on_new(self) -> None:
        """Ctrl+N: a blank enrolment form, the cursor in NIK (an edited member with unsaved
        changes is saved or dropped first, as the officer chooses, or stays open)."""
        close_popup()
        if self.form.cancel():
            self.tabs.setCurrentIndex(ENROL_TAB)
            self.form.nik_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_save(self) -> None:
        close_popup()  # the field shows what is saved (a highlighted suggestion is typed)
        if self.tabs.currentIndex() == ENROL_TAB:
            self.form.save()

    def on_search(self) -> None:
        close_popup()
        self.tabs.setCurrentIndex(LIST_TAB)
        self.list.focus_search()

    def on_cancel(self) -> None:
        """Esc: with a popup open only that popup closes; else the desk is emptied (or the
        edited member closed, asking about unsaved changes), or the list's search cleared."""
        if close_popup():
            return
        if self.tabs.currentIndex() == ENROL_TAB:
            editing = self.form.editing is not None
            if self.form.cancel() and editing:
                self.tabs.setCurrentIndex(LIST_TAB)
        elif self.list.search_edit.text():
            self.list.search_edit.clear()
            self.list.apply_filters()

    # -- other pages send us somewhere ----------------------------------------------------
    def open_with(self, mode: str = "list", **kwargs: Any) -> None:
        """mode="enrol": sticky batch values (event, date, area, sponsorship);
        mode="list": the list filtered (kecamatan_code or city_code, segment, month or
        year, event_id, sponsorship_id, status)."""
        if mode == "enrol":
            self.tabs.setCurrentIndex(ENROL_TAB)
            self.form.start_batch(**kwargs)
            return
        month = kwargs.get("month")
        year = kwargs.get("year")
        self.list.set_filters(
            kecamatan_code=kwargs.get("kecamatan_code"),
            city_code=kwargs.get("city_code"),
            segment=kwargs.get("segment"),
            month=month if isinstance(month, date) else None,
            year=int(year) if year else None,
            event_id=kwargs.get("event_id"),
            sponsorship_id=kwargs.get("sponsorship_id"),
            status=kwargs.get("status"),
            search=str(kwargs.get("search") or ""),
            event_label=kwargs.get("event_label"),
            sponsorship_label=kwargs.get("sponsorship_label"),
        )
        self.tabs.setCurrentIndex(LIST_TAB)
        self.list.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- actions ---------------------------------------------------------------------------
    def confirm_close(self) -> bool:
        """The window is closing: nothing typed on the desk is lost without asking."""
        if self.form.confirm_close():
            return True
        self.tabs.setCurrentIndex(ENROL_TAB)
        return False

    def edit_member(self, row: MemberRow) -> None:
        if not self.form.confirm_leave():  # another member's unsaved changes
            self.tabs.setCurrentIndex(ENROL_TAB)
            return
        self.form.load_member(row)
        self.tabs.setCurrentIndex(ENROL_TAB)
        self.form.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def import_from_excel(self) -> None:
        importlib.import_module(IMPORT_MODULE).ImportDialog.run(self.ctx, self)

    def pay_selected(self) -> None:
        member = self.list.selected_member()
        if member is not None:
            importlib.import_module(PAYMENT_MODULE).PaymentDialog.ask(self.ctx, member.id, self)

    def _saved(self, row: MemberRow, was_edit: bool) -> None:
        if was_edit:
            self.tabs.setCurrentIndex(LIST_TAB)
            found = self.list.model.row_of(row.id)
            if found is not None:
                self.list.select_row(found)
            self.list.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _tab_changed(self, index: int) -> None:
        if index == ENROL_TAB:
            self.form.nik_edit.setFocus(Qt.FocusReason.OtherFocusReason)


def create_page(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    return PesertaPage(ctx, parent)

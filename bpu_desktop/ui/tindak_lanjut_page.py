"""Tindak lanjut: whom to call today. Members in arrears or about to lapse (paged from the
store, fine at a million), sponsorships ending within the renewal window
(`RENEWAL_WINDOW_DAYS`), each with a ready message to copy for WhatsApp/SMS and a "sudah
dihubungi" mark."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.dates import format_date, parse_date
from bpu_desktop.domain.followup import SHOW_CHOICES
from bpu_desktop.domain.money import format_number
from bpu_desktop.domain.months import month_label, parse_month
from bpu_desktop.domain.phone import format_phone
from bpu_desktop.domain.regions import area_names
from bpu_desktop.domain.sponsorship import RENEWAL_WINDOW_DAYS
from bpu_desktop.store import followup as fu
from bpu_desktop.store.targets import area_choices

from .context import AppContext
from .refresh_when_shown import RefreshWhenShown
from .row_list_model import RowListModel
from .theme import WARNING, compact_combo, compact_table, page_layout, row_table

PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex


def _phone(text: str) -> str:
    try:
        return format_phone(text) if text else "-"
    except ValueError:
        return text


class FollowupModel(RowListModel[fu.FollowupMember]):
    """Members to follow up, fetched a page at a time (canFetchMore/fetchMore)."""

    # "Dibayar s.d.": the last month nobody owes for (own payments or a live sponsorship);
    # "Keterangan": whose cover ended there, when not the member's own payment.
    HEADERS = ("Nama", "Telepon", "Kecamatan", "Dibayar s.d.", "Tunggakan", "Dihubungi",
               "Keterangan")

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.query: fu.FollowupQuery | None = None
        self.total = 0
        self._names = area_names()

    def reload(self, query: fu.FollowupQuery) -> None:
        self.query = query
        self.total = fu.count_members(self.ctx.store, query)
        self.set_rows(fu.members_page(self.ctx.store, query, 0, PAGE_SIZE))

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self.query is None:
            return
        more = fu.members_page(self.ctx.store, self.query, len(self.rows), PAGE_SIZE)
        if not more:
            self.total = len(self.rows)
        self.append_rows(more)

    def display(self, m: fu.FollowupMember, column: int) -> str:
        return (m.name, _phone(m.phone), self._names.get(m.kecamatan_code, m.kecamatan_code),
                month_label(parse_month(m.paid_until)),
                f"{m.unpaid_months} bulan" + ("  ⚠" if m.lapses_soon else ""),
                format_date(parse_date(m.contacted_on)) if m.contacted_on else "Belum",
                m.note,
                )[column]

    def tooltip(self, m: fu.FollowupMember, column: int) -> str | None:
        if column == 4 and m.lapses_soon:
            return "Segera nonaktif bila jatuh tempo berikutnya terlewat"
        if column == 6 and m.note:
            return m.note
        return None

    def foreground(self, m: fu.FollowupMember, column: int) -> QColor | None:
        return QColor(WARNING) if column == 4 and m.lapses_soon else None


class SponsorshipModel(RowListModel[fu.EndingSponsorship]):
    HEADERS = ("Sponsor", "Kontak", "Telepon", "Pekerja / janji", "Berakhir", "Dihubungi")

    def display(self, s: fu.EndingSponsorship, column: int) -> str:
        return (s.sponsor, s.contact or "-", _phone(s.phone), f"{s.assigned} / {s.pledged}",
                month_label(parse_month(s.end_month)),
                format_date(parse_date(s.contacted_on)) if s.contacted_on else "Belum",
                )[column]


def _table(name: str, model: QAbstractTableModel, widths: dict[int, int]) -> QTableView:
    view = row_table(name, model)
    # Fixed widths, not ResizeToContents: the arrears list can hold thousands of rows.
    compact_table(view, widths, stretch=0)
    return view


class TindakLanjutPage(RefreshWhenShown):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today: Callable[[], date] = ctx.extras.get("today", date.today)

        title = QLabel("Tindak Lanjut")
        title.setObjectName("pageTitle")
        self.show_combo = QComboBox()
        self.show_combo.setObjectName("followupShow")
        for code, label in SHOW_CHOICES.items():
            self.show_combo.addItem(label, code)
        self.area = QComboBox()
        self.area.setObjectName("followupArea")
        for code, label in area_choices():
            self.area.addItem(label, code)
        self.hide_contacted = QCheckBox("Sembunyikan yang sudah dihubungi")
        self.hide_contacted.setObjectName("followupHideContacted")
        self.count = QLabel()
        self.count.setObjectName("followupCount")
        self.count.setProperty("role", "hint")

        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(QLabel("Tampilkan"))
        bar.addWidget(self.show_combo)
        bar.addWidget(QLabel("Wilayah"))
        bar.addWidget(self.area)
        bar.addWidget(self.hide_contacted)
        compact_combo(self.show_combo, 10)
        compact_combo(self.area, 16)

        self.model = FollowupModel(ctx)
        # Nama, Telepon, Kecamatan, Dibayar s.d., Tunggakan, Dihubungi, Keterangan
        self.table = _table("followupTable", self.model, {0: 20, 1: "0812-3456-7890", 2: 11,
                                                         3: "September 2026", 4: "12 bulan ⚠",
                                                         5: "Belum", 6: 24})
        self.message = QPlainTextEdit()
        self.message.setObjectName("followupMessage")
        self.message.setReadOnly(True)
        self.message.setPlaceholderText("Pilih peserta untuk melihat pesan pengingat.")
        self.copy_button = QPushButton("Salin pesan")
        self.copy_button.setObjectName("followupCopy")
        self.copy_button.setProperty("primary", True)
        self.contacted_button = QPushButton("Tandai sudah dihubungi")
        self.contacted_button.setObjectName("followupContacted")
        self.pay_button = QPushButton("Catat pembayaran…")
        self.pay_button.setObjectName("followupPay")
        self.pay_button.setVisible(
            importlib.util.find_spec("bpu_desktop.ui.payment_dialog") is not None)
        self.open_button = QPushButton("Buka data peserta")
        self.open_button.setObjectName("followupOpenMember")
        self.phone_label = QLabel()
        self.phone_label.setObjectName("followupPhone")
        self.phone_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        side = QVBoxLayout()
        side.addWidget(self.phone_label)
        side.addWidget(self.message, 1)
        for button in (self.copy_button, self.contacted_button, self.pay_button,
                       self.open_button):
            side.addWidget(button)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side.setContentsMargins(6, 0, 0, 0)
        side_widget.setMinimumWidth(250)
        side_widget.setMaximumWidth(400)
        members_box = QGroupBox("Peserta menunggak / segera nonaktif")
        members_layout = QHBoxLayout(members_box)
        splitter = QSplitter()
        splitter.setObjectName("followupSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(side_widget)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([740, 300])  # the list gets most of the width
        members_layout.addWidget(splitter)

        # Sponsorships (the Sponsor feature's tables; hidden when this file has none).
        self.sponsor_box = QGroupBox(f"Sponsor yang berakhir dalam {RENEWAL_WINDOW_DAYS} hari")
        self.sponsor_box.setObjectName("followupSponsorBox")
        self.sponsor_model = SponsorshipModel()
        # Sponsor, Kontak, Telepon, Pekerja / janji, Berakhir, Dihubungi
        self.sponsor_table = _table("followupSponsorTable", self.sponsor_model,
                                    {0: 22, 1: 14, 2: "0812-3456-7890", 3: "999 / 999",
                                     4: "September 2026", 5: "Belum"})
        self.sponsor_table.setMaximumHeight(170)
        self.sponsor_copy = QPushButton("Salin pesan sponsor")
        self.sponsor_copy.setObjectName("followupSponsorCopy")
        self.sponsor_contacted = QPushButton("Tandai sponsor sudah dihubungi")
        self.sponsor_contacted.setObjectName("followupSponsorContacted")
        sponsor_buttons = QVBoxLayout()
        sponsor_buttons.addWidget(self.sponsor_copy)
        sponsor_buttons.addWidget(self.sponsor_contacted)
        sponsor_buttons.addStretch(1)
        sponsor_layout = QHBoxLayout(self.sponsor_box)
        sponsor_layout.addWidget(self.sponsor_table, 1)
        sponsor_layout.addLayout(sponsor_buttons)

        layout = page_layout(self)
        layout.addLayout(bar)
        layout.addWidget(self.count)
        layout.addWidget(members_box, 1)
        layout.addWidget(self.sponsor_box)

        self.show_combo.currentIndexChanged.connect(self.refresh)
        self.area.currentIndexChanged.connect(self.refresh)
        self.hide_contacted.toggled.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        self.copy_button.clicked.connect(self.copy_message)
        self.contacted_button.clicked.connect(self.mark_contacted)
        self.pay_button.clicked.connect(self.record_payment)
        self.open_button.clicked.connect(self.open_member)
        self.sponsor_copy.clicked.connect(self.copy_sponsor_message)
        self.sponsor_contacted.clicked.connect(self.mark_sponsor_contacted)
        signals = ctx.signals
        for signal in (signals.members_changed, signals.payments_changed,
                       signals.sponsors_changed, signals.data_replaced):
            signal.connect(self._data_changed)
        self._update_buttons()

    # -- data -----------------------------------------------------------------------------
    def query(self) -> fu.FollowupQuery:
        code = str(self.area.currentData())
        return fu.FollowupQuery(today=self.today(), show=str(self.show_combo.currentData()),
                                area=None if code == "cabang" else code,
                                hide_contacted=self.hide_contacted.isChecked())

    def refresh(self) -> None:
        self._dirty = False
        self.model.reload(self.query())
        label = self.show_combo.currentText().lower()
        self.count.setText(f"{format_number(self.model.total)} peserta {label}")
        available = fu.sponsorships_available(self.ctx.store)
        self.sponsor_box.setVisible(available)
        if available:
            self.sponsor_model.set_rows(fu.ending_sponsorships(self.ctx.store, self.today()))
        if self.model.rowCount():
            self.table.selectRow(0)
        self._show_selected()

    def selected(self) -> fu.FollowupMember | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row: fu.FollowupMember = self.model.data(index, FollowupModel.ROW_ROLE)
        return row

    def selected_sponsorship(self) -> fu.EndingSponsorship | None:
        index = self.sponsor_table.currentIndex()
        if not index.isValid():
            return None
        row: fu.EndingSponsorship = self.sponsor_model.data(index, SponsorshipModel.ROW_ROLE)
        return row

    def _show_selected(self) -> None:
        m = self.selected()
        self.message.setPlainText(m.message if m else "")
        self.phone_label.setText(f"<b>{m.name}</b> · {_phone(m.phone)}" if m else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        for button in (self.copy_button, self.contacted_button, self.pay_button,
                       self.open_button):
            button.setEnabled(has)

    # -- actions --------------------------------------------------------------------------
    def copy_message(self) -> None:
        m = self.selected()
        if m is None:
            return
        QGuiApplication.clipboard().setText(m.message)
        self.ctx.signals.status_message.emit(f"Pesan untuk {m.name} disalin.")

    def mark_contacted(self) -> None:
        m = self.selected()
        if m is None:
            return
        row = self.table.currentIndex().row()
        fu.mark_contacted(self.ctx.store, m.member_id, on=self.today())
        self.ctx.signals.status_message.emit(f"{m.name} ditandai sudah dihubungi.")
        self.refresh()
        if not self.hide_contacted.isChecked() and row < self.model.rowCount():
            self.table.selectRow(row)

    def record_payment(self) -> None:
        m = self.selected()
        if m is None:
            return
        from .payment_dialog import PaymentDialog

        if PaymentDialog.ask(self.ctx, m.member_id, self) is not None:
            self.refresh()

    def open_member(self) -> None:
        m = self.selected()
        if m is not None:
            self.ctx.open_page("peserta", mode="list", search=m.nik)

    def copy_sponsor_message(self) -> None:
        s = self.selected_sponsorship()
        if s is not None:
            QGuiApplication.clipboard().setText(s.message)
            self.ctx.signals.status_message.emit(f"Pesan untuk {s.sponsor} disalin.")

    def mark_sponsor_contacted(self) -> None:
        s = self.selected_sponsorship()
        if s is not None:
            fu.mark_sponsorship_contacted(self.ctx.store, s.sponsorship_id, on=self.today())
            self.refresh()

    def open_with(self, **kwargs: Any) -> None:
        """From the dashboard: open_with(show=SHOW_LAPSING, area="33.72.05")."""
        if "show" in kwargs:
            i = self.show_combo.findData(kwargs["show"])
            if i >= 0:
                self.show_combo.setCurrentIndex(i)
        if "area" in kwargs:
            i = self.area.findData(kwargs["area"] or "cabang")
            if i >= 0:
                self.area.setCurrentIndex(i)
        self.refresh()


def create_page(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    return TindakLanjutPage(ctx, parent)

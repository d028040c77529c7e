"""Record a payment for a member: months covered, date and channel; the amount is computed
by the domain rules and shown, never typed. Months a sponsor pays for are never paid
again: the dialog says so and will not save them."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.contributions import ADVANCE_MONTHS
from bpu_desktop.domain.followup import PAYMENT_CHANNELS, pending_cover
from bpu_desktop.domain.money import format_rupiah
from bpu_desktop.domain.months import month_label, parse_month
from bpu_desktop.domain.nik import mask_nik
from bpu_desktop.domain.payment_start import payment_month_choices, sponsor_pays_last
from bpu_desktop.domain.status import STATUS_LABELS, member_status, paid_through
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.payments import (
    Payment,
    PaymentQuote,
    covering_sponsor,
    payment_starts_for,
    quote_payment,
    record_payment,
)
from bpu_desktop.store.reference import load_rates

from .context import AppContext
from .saving import saving_feedback


class PaymentDialog(QDialog):
    def __init__(self, ctx: AppContext, member_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self.today: date = ctx.extras.get("today", date.today)()
        self.payment: Payment | None = None
        self.quote: PaymentQuote | None = None
        self._sponsor: str | None = None  # who pays the member's covered months
        self.setObjectName("paymentDialog")
        self.setWindowTitle("Catat pembayaran iuran")
        self.setMinimumWidth(460)

        self.who = QLabel()
        self.who.setObjectName("paymentMember")
        self.who.setWordWrap(True)
        self.months = QComboBox()
        self.months.setObjectName("paymentMonths")
        # Filled with the start (`_fill_months`): the months owed, or 1/3/6/12 ahead.
        # Where the payment starts: the first unpaid month, or (for a lapsed member the
        # officer re-activates) the current month. Filled once the member is known.
        self.start = QComboBox()
        self.start.setObjectName("paymentStart")
        self.paid_on = QDateEdit()
        self.paid_on.setObjectName("paymentDate")
        self.paid_on.setDisplayFormat("dd/MM/yyyy")
        self.paid_on.setCalendarPopup(True)
        self.paid_on.setDate(QDate(self.today.year, self.today.month, self.today.day))
        self.paid_on.setMaximumDate(QDate(self.today.year, self.today.month, self.today.day))
        self.channel = QComboBox()
        self.channel.setObjectName("paymentChannel")
        for code, label in PAYMENT_CHANNELS.items():
            self.channel.addItem(label, code)
        self.note = QLineEdit()
        self.note.setObjectName("paymentNote")
        self.note.setPlaceholderText("Nomor bukti bayar, nama agen, dll. (boleh kosong)")
        self.covers = QLabel()
        self.covers.setObjectName("paymentCovers")
        self.amount = QLabel()
        self.amount.setObjectName("paymentAmount")
        self.amount.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.breakdown = QLabel()
        self.breakdown.setObjectName("paymentBreakdown")
        self.breakdown.setProperty("role", "hint")
        self.error = QLabel()
        self.error.setObjectName("paymentError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Jumlah bulan", self.months)
        form.addRow("Mulai", self.start)
        form.addRow("Tanggal bayar", self.paid_on)
        form.addRow("Saluran", self.channel)
        form.addRow("Catatan", self.note)
        form.addRow("Menutup", self.covers)
        form.addRow("Iuran", self.amount)
        form.addRow("", self.breakdown)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("paymentButtons")
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText("Simpan pembayaran")
        save.setObjectName("paymentSave")
        save.setProperty("primary", True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Batal")
        cancel.setObjectName("paymentCancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._fill_start()
        self._fill_months()
        self.months.currentIndexChanged.connect(self._update_quote)
        self.start.currentIndexChanged.connect(self._start_changed)
        self._update_quote()

    def _fill_start(self) -> None:
        """The domain's choices: the first unpaid month; the current month too only for a
        lapsed (nonaktif) member, whose unpaid months are left behind."""
        try:
            member = quote_payment(self.ctx.store, self.member_id, 1, today=self.today).member
            starts = payment_starts_for(self.ctx.store, member, self.today)
        except StoreError:
            return
        for start in starts:
            self.start.addItem(start.label, start.month)
        self.start.setEnabled(len(starts) > 1)

    def _fill_months(self) -> None:
        """The domain's choices for the chosen start (`payment_month_choices`): any number
        of the months owed up to the current month, so arrears are paid as one payment,
        and 1, 3, 6 or 12 months ahead. The number chosen stays when still offered."""
        start = self.start.currentData()
        choices = (payment_month_choices(start, self.today) if start is not None
                   else ADVANCE_MONTHS)
        wanted = self.months.currentData()
        self.months.blockSignals(True)
        self.months.clear()
        for n in choices:
            self.months.addItem(f"{n} bulan", n)
        self.months.setCurrentIndex(max(self.months.findData(wanted), 0))
        self.months.blockSignals(False)

    def _start_changed(self) -> None:
        self._fill_months()
        self._update_quote()

    def _update_quote(self) -> None:
        try:
            self.quote = quote_payment(self.ctx.store, self.member_id,
                                       int(self.months.currentData()), self.start.currentData(),
                                       self.today)
        except StoreError as exc:
            self.quote = None
            self.error.setText(exc.message)
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return
        q, m = self.quote, self.quote.member
        # Months a sponsor already pays for are not charged again: say so, and no save.
        self.error.setText(q.refused)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not q.refused)
        paid = parse_month(m.paid_until) if m.paid_until else None
        # Status from the last month nobody owes for, as the Beranda and Tindak Lanjut
        # count it: months a live sponsorship pays for are not the member's arrears.
        status = member_status(paid_through(paid, q.covered_until),
                               parse_month(m.start_month or m.paid_until or ""),
                               self.today, load_rates(self.ctx.store))
        self.who.setText(
            f"<b>{escape(m.name)}</b> · NIK {mask_nik(m.nik)}<br>"
            f"Dibayar s.d. {month_label(paid) if paid else '-'}{self._covered_text(paid, q)}"
            f" · status <b>{STATUS_LABELS[status]}</b>{self._waiting_text(paid, q)}")
        self.covers.setText(f"{month_label(q.from_month)} s.d. {month_label(q.to_month)}")
        self.amount.setText(format_rupiah(q.amount))
        b = q.breakdown
        parts = [f"JKK {format_rupiah(b.jkk)}", f"JKM {format_rupiah(b.jkm)}"]
        if b.jht:
            parts.append(f"JHT {format_rupiah(b.jht)}")
        if b.discount:
            parts.append(f"potongan -{format_rupiah(b.discount)}")
        self.breakdown.setText(" · ".join(parts))

    def _covered_text(self, paid: date | None, quote: PaymentQuote) -> str:
        """" · ditanggung <sponsor> s.d. <month>" when a live sponsorship pays past the
        member's own months (the sponsor is read once per dialog)."""
        if not sponsor_pays_last(paid, quote.covered_until):
            return ""
        assert quote.covered_until is not None
        if self._sponsor is None:
            cover = covering_sponsor(self.ctx.store, self.member_id)
            self._sponsor = cover.label if cover is not None and cover.label else "sponsor"
        return (f" · ditanggung {escape(self._sponsor)} s.d. "
                f"{month_label(quote.covered_until)}")

    @staticmethod
    def _waiting_text(paid: date | None, quote: PaymentQuote) -> str:
        """"<br>Tanggungan <sponsor> mulai <month> berlaku setelah iuran … dibayar" when a
        sponsor's cover starts after months the member still owes."""
        waiting = pending_cover(paid, list(quote.covers)) if paid is not None else None
        return f"<br>{escape(waiting.note)}." if waiting is not None else ""

    def paid_date(self) -> date:
        d = self.paid_on.date()
        return date(d.year(), d.month(), d.day())

    def save(self) -> None:
        try:
            with saving_feedback(self), self.ctx.store.write():
                self.payment = record_payment(
                    self.ctx.store, self.member_id, months=int(self.months.currentData()),
                    paid_on=self.paid_date(), channel=str(self.channel.currentData()),
                    from_month=self.start.currentData(),
                    note=self.note.text(), today=self.today)
        except StoreError as exc:
            self.error.setText(exc.message)
            return
        self.ctx.signals.payments_changed.emit()
        self.ctx.signals.members_changed.emit()
        self.ctx.signals.status_message.emit(
            f"Pembayaran {format_rupiah(self.payment.amount)} untuk "
            f"{self.quote.member.name if self.quote else ''} tersimpan.")
        self.accept()

    @classmethod
    def ask(cls, ctx: AppContext, member_id: str, parent: QWidget | None = None) -> Payment | None:
        """Open the dialog; the saved payment, or None when cancelled (tests replace this)."""
        dialog = cls(ctx, member_id, parent)
        dialog.exec()
        return dialog.payment

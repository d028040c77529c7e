"""Payments: amount from the domain rules, paid_until moves, status changes, all audited."""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.domain.money import format_rupiah
from bpu_desktop.store.audit import history
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.payments import (
    paid_so_far,
    payments_for,
    quote_payment,
    record_payment,
)
from bpu_desktop.store.progress_stats import status_counts
from bpu_desktop.store.records import delete_record
from tests.store.targets_helpers import TODAY, enrol


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "p.db")
    s.set_officer("Sri")
    yield s
    s.close()


def test_quote_starts_at_first_unpaid_month_and_uses_the_rates(store):
    # Ojol (transport): Apr-Jun 2026 inside the PP 50/2025 window: 3 x Rp 8,400.
    ani = enrol(store, "Ani", enrolled_on=date(2026, 1, 10), start_month="2026-01", months=3)
    quote = quote_payment(store, ani.id, 3)
    assert (quote.from_month, quote.to_month) == (date(2026, 4, 1), date(2026, 6, 1))
    assert quote.amount == 3 * 8_400
    # Umkm (non-transport): January-March 2026 are before its window: full Rp 16,800.
    bowo = enrol(store, "Bowo", segment="umkm", enrolled_on=date(2026, 1, 5),
                 start_month="2026-01")
    q = quote_payment(store, bowo.id, 3)
    assert q.amount == 2 * 16_800 + 8_400  # Feb, Mar full; April discounted


def test_payment_moves_paid_until_and_changes_status_in_one_audited_action(store):
    ani = enrol(store, "Ani", enrolled_on=date(2026, 1, 10), start_month="2026-01", months=3)
    assert status_counts(store, TODAY).menunggak == 1
    payment = record_payment(store, ani.id, months=3, paid_on=date(2026, 5, 20),
                             channel="agen", today=TODAY)
    assert (payment.from_month, payment.to_month, payment.amount) == ("2026-04", "2026-06",
                                                                      25_200)
    member = MemberRepository(store).get(ani.id)
    assert member is not None and member.paid_until == "2026-06"
    counts = status_counts(store, TODAY)
    assert (counts.aktif, counts.menunggak) == (1, 0)
    assert [p.amount for p in payments_for(store, ani.id)] == [25_200]
    audited = {(e.table_name, e.action) for e in history(store.conn)}
    assert {("payments", "insert"), ("enrolments", "update")} <= audited


def test_paid_so_far_adds_the_live_payments_to_the_enrolment_amount(store):
    ani = enrol(store, "Ani", enrolled_on=date(2026, 1, 10), start_month="2026-01", months=3)
    assert ani.amount_paid
    assert (paid_so_far(store, ani).amount, paid_so_far(store, ani).through) == (
        ani.amount_paid, date(2026, 3, 1))
    kept = record_payment(store, ani.id, months=3, paid_on=date(2026, 5, 20), channel="agen",
                          today=TODAY)
    dropped = record_payment(store, ani.id, months=1, paid_on=date(2026, 5, 20),
                             channel="bank", today=TODAY)
    delete_record(store, "payments", dropped.id)  # deleted: no longer paid
    paid = paid_so_far(store, ani)  # the row read before the payments: the file counts
    assert paid.amount == ani.amount_paid + kept.amount
    assert paid.through == date(2026, 7, 1)  # paid_until stays where the payments took it


def test_bad_payments_are_refused_and_change_nothing(store):
    ani = enrol(store, "Ani", enrolled_on=date(2026, 1, 10), start_month="2026-01", months=3)
    with pytest.raises(StoreError, match="saluran"):
        record_payment(store, ani.id, months=1, paid_on=TODAY, channel="", today=TODAY)
    # April and May are owed on 20 May: 1 or 2 months, or 3, 6 or 12 ahead; never 4.
    with pytest.raises(StoreError, match=r"1 s\.d\. 2 \(tunggakan April 2026 s\.d\. Mei 2026\) "
                       "atau 3, 6 atau 12 bulan di muka"):
        record_payment(store, ani.id, months=4, paid_on=TODAY, channel="bank", today=TODAY)
    with pytest.raises(StoreError, match="1, 3, 6 atau 12"):
        record_payment(store, ani.id, months=2, paid_on=TODAY, channel="bank",
                       from_month=date(2026, 5, 1), today=TODAY)
    with pytest.raises(StoreError, match="masa depan"):
        record_payment(store, ani.id, months=1, paid_on=date(2026, 6, 1), channel="bank",
                       today=TODAY)
    member = MemberRepository(store).get(ani.id)
    assert member is not None and member.paid_until == "2026-03"
    assert payments_for(store, ani.id) == []


def test_editing_a_member_keeps_the_months_later_payments_cover(store):
    """paid_until moved forward by a payment stays there when the member's data is edited
    (an edit re-saves the enrolment; its own months end earlier)."""
    from bpu_desktop.domain.validation import EnrolmentInput
    from bpu_desktop.store.reference import validate_enrolment_input

    ani = enrol(store, "Ani", enrolled_on=date(2026, 1, 10), start_month="2026-01", months=3)
    record_payment(store, ani.id, months=3, paid_on=date(2026, 5, 20), channel="agen",
                   today=TODAY)
    raw = EnrolmentInput(
        nik=ani.nik, name="Ani Lestari", phone="0812-3456-7890", kecamatan="Banjarsari",
        kelurahan="Kadipiro", address="", segment="ojol", income="2.000.000", with_jht=False,
        funding="self", months_paid=3, start_month="2026-01", enrolled_on="2026-01-10")
    clean = validate_enrolment_input(store, raw, today=TODAY).value
    assert clean is not None
    edited = MemberRepository(store).update(ani.id, clean)
    assert edited.name == "Ani Lestari"
    assert edited.paid_until == "2026-06"
    assert quote_payment(store, ani.id, 1).from_month == date(2026, 7, 1)


def test_a_payment_skipping_months_a_member_in_arrears_owes_is_refused(store):
    """Paid to March on 20 May: April owed, the member only menunggak. A payment from May
    would move "Dibayar s.d." past April unpaid and show the member Aktif."""
    ani = enrol(store, "Ani", enrolled_on=date(2026, 1, 10), start_month="2026-01", months=3)
    with pytest.raises(StoreError, match="harus mulai April 2026"):
        record_payment(store, ani.id, months=1, paid_on=TODAY, channel="bank",
                       from_month=date(2026, 5, 1), today=TODAY)
    with pytest.raises(StoreError, match="Maret 2026 sudah dibayar"):
        record_payment(store, ani.id, months=1, paid_on=TODAY, channel="bank",
                       from_month=date(2026, 3, 1), today=TODAY)
    member = MemberRepository(store).get(ani.id)
    assert member is not None and member.paid_until == "2026-03"
    assert payments_for(store, ani.id) == []
    record_payment(store, ani.id, months=3, paid_on=TODAY, channel="bank",
                   from_month=date(2026, 4, 1), today=TODAY)
    assert MemberRepository(store).get(ani.id).paid_until == "2026-06"


def test_an_inactive_member_is_reactivated_from_this_month(store):
    from bpu_desktop.store.payments import payment_starts_for

    bowo = enrol(store, "Bowo", enrolled_on=date(2026, 1, 10), start_month="2026-01")
    member = MemberRepository(store).get(bowo.id)
    assert [s.month for s in payment_starts_for(store, member, TODAY)] == [
        date(2026, 2, 1), date(2026, 5, 1)]
    with pytest.raises(StoreError, match="aktifkan kembali"):
        record_payment(store, bowo.id, months=1, paid_on=TODAY, channel="bank",
                       from_month=date(2026, 4, 1), today=TODAY)
    record_payment(store, bowo.id, months=1, paid_on=TODAY, channel="bank",
                   from_month=date(2026, 5, 1), today=TODAY)
    assert MemberRepository(store).get(bowo.id).paid_until == "2026-05"


def test_the_months_owed_are_paid_as_one_payment_at_the_reminders_amount(store):
    """Paid to March on 20 May: April and May owed. The Tindak Lanjut reminder asks for
    both; one payment of 2 months settles them at that amount, month by month."""
    from bpu_desktop.store.followup import FollowupQuery, members_page

    ani = enrol(store, "Ani", enrolled_on=date(2026, 1, 10), start_month="2026-01", months=3)
    [row] = members_page(store, FollowupQuery(today=TODAY), 0, 10)
    assert row.unpaid_months == 2
    quote = quote_payment(store, ani.id, 2, today=TODAY)
    assert (quote.from_month, quote.to_month) == (date(2026, 4, 1), date(2026, 5, 1))
    assert (f"Jumlah yang perlu dibayar: {format_rupiah(quote.amount)} (2 bulan).") in row.message
    payment = record_payment(store, ani.id, months=2, paid_on=TODAY, channel="agen",
                             today=TODAY)
    assert (payment.from_month, payment.to_month, payment.months, payment.amount) == (
        "2026-04", "2026-05", 2, quote.amount)
    member = MemberRepository(store).get(ani.id)
    assert member is not None and member.paid_until == "2026-05"
    assert members_page(store, FollowupQuery(today=TODAY), 0, 10) == []

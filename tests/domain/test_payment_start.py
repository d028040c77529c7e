"""Where a payment may start: the first unpaid month; the current month only to
re-activate an inactive member (never skipping months a member in arrears owes)."""

from datetime import date

import pytest

from bpu_desktop.domain.payment_start import PaymentStart, check_payment_start, payment_starts

TODAY = date(2026, 11, 24)
START = date(2026, 1, 1)


def test_a_member_in_arrears_starts_at_the_first_unpaid_month_only():
    # Paid to September on 24 November: October and November owed (menunggak).
    starts = payment_starts(date(2026, 9, 1), START, TODAY)
    assert starts == [PaymentStart(date(2026, 10, 1), reactivates=False)]
    assert starts[0].label == "Oktober 2026 (bulan pertama belum dibayar)"
    assert check_payment_start(date(2026, 10, 1), date(2026, 9, 1), START, TODAY) == ""
    assert check_payment_start(date(2026, 11, 1), date(2026, 9, 1), START, TODAY) == (
        "Pembayaran harus mulai Oktober 2026, bulan pertama yang belum dibayar: bulan "
        "tunggakan peserta yang belum nonaktif tidak boleh dilewati.")


def test_an_inactive_member_may_also_restart_this_month():
    # Paid to August on 24 November: September, October, November unpaid (nonaktif).
    starts = payment_starts(date(2026, 8, 1), START, TODAY)
    assert starts == [PaymentStart(date(2026, 9, 1), reactivates=False),
                      PaymentStart(date(2026, 11, 1), reactivates=True)]
    assert starts[1].label == "November 2026 (aktifkan kembali mulai bulan ini)"
    assert check_payment_start(date(2026, 11, 1), date(2026, 8, 1), START, TODAY) == ""
    assert check_payment_start(date(2026, 10, 1), date(2026, 8, 1), START, TODAY) == (
        "Pembayaran mulai September 2026 (bulan pertama belum dibayar) atau November 2026 "
        "(aktifkan kembali mulai bulan ini).")


@pytest.mark.parametrize("paid_until", [None, date(2026, 10, 1), date(2026, 12, 1)])
def test_a_member_not_inactive_has_one_start(paid_until):
    start = date(2026, 11, 1)
    starts = payment_starts(paid_until, start, TODAY)
    assert len(starts) == 1 and not starts[0].reactivates


def test_months_already_paid_are_not_paid_again():
    assert check_payment_start(date(2026, 9, 1), date(2026, 9, 1), START, TODAY) == (
        "September 2026 sudah dibayar; pembayaran berikutnya mulai Oktober 2026.")

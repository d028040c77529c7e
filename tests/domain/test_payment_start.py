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


def test_a_sponsored_member_pays_after_the_months_the_sponsor_pays():
    """Paid February herself; a sponsor pays to January 2027: those months are the
    sponsor's, so her own next payment starts February 2027, and says why."""
    starts = payment_starts(date(2026, 2, 1), START, TODAY, covered_until=date(2027, 1, 1))
    assert [s.month for s in starts] == [date(2027, 2, 1)]
    assert starts[0].label == ("Februari 2027 (setelah bulan yang ditanggung sponsor, "
                               "s.d. Januari 2027)")
    assert check_payment_start(date(2026, 3, 1), date(2026, 2, 1), START, TODAY,
                               covered_until=date(2027, 1, 1)) == (
        "Maret 2026 ditanggung sponsor (s.d. Januari 2027); pembayaran berikutnya mulai "
        "Februari 2027.")
    assert check_payment_start(date(2026, 2, 1), date(2026, 2, 1), START, TODAY,
                               covered_until=date(2027, 1, 1)) == (
        "Februari 2026 sudah dibayar; pembayaran berikutnya mulai Februari 2027.")


def test_after_an_ended_cover_the_member_owes_from_the_month_after_it():
    # Own months to May, a sponsor's to August: on 24 November September to November are
    # unpaid (nonaktif), counted after the cover, not from June.
    starts = payment_starts(date(2026, 5, 1), START, TODAY, covered_until=date(2026, 8, 1))
    assert [(s.month, s.reactivates) for s in starts] == [(date(2026, 9, 1), False),
                                                         (date(2026, 11, 1), True)]
    # A cover that ends before the member's own months changes nothing.
    assert payment_starts(date(2026, 10, 1), START, TODAY, covered_until=date(2026, 8, 1)) \
        == payment_starts(date(2026, 10, 1), START, TODAY)


# -- a sponsor's cover after months the member still owes ----------------------------------

def _cover(start: date, end: date, label: str = "CV Jamu Makmur"):
    from bpu_desktop.domain.sponsorship import Cover
    return Cover("jamu", label, start, end)


MAY = date(2026, 5, 20)


def test_a_gap_before_a_cover_is_paid_first_and_never_into_the_sponsors_months():
    """Paid January herself; CV Jamu Makmur pays July - December. On 20 May she owes
    February onwards (the cover waits), and no payment runs into July."""
    from bpu_desktop.domain.payment_start import check_payment_months
    covers = [_cover(date(2026, 7, 1), date(2026, 12, 1))]
    starts = payment_starts(date(2026, 1, 1), START, MAY, covers=covers)
    # Nonaktif (February - April lapsed): May may restart it, May is not the sponsor's.
    assert [(s.month, s.reactivates) for s in starts] == [(date(2026, 2, 1), False),
                                                         (date(2026, 5, 1), True)]
    assert check_payment_months(date(2026, 2, 1), 3, covers) == ""
    assert check_payment_months(date(2026, 6, 1), 1, covers) == ""
    assert check_payment_months(date(2026, 2, 1), 6, covers) == (
        "Juli 2026 s.d. Desember 2026 ditanggung CV Jamu Makmur: pembayaran mulai Februari "
        "2026 paling banyak 5 bulan (s.d. Juni 2026), agar bulan yang ditanggung sponsor "
        "tidak dibayar dua kali.")
    assert check_payment_months(date(2026, 8, 1), 1, covers) == (
        "Agustus 2026 s.d. Desember 2026 ditanggung CV Jamu Makmur; iuran bulan itu tidak "
        "dibayar dua kali.")
    assert check_payment_start(date(2026, 8, 1), date(2026, 1, 1), START, MAY,
                               covers=covers) == (
        "Agustus 2026 ditanggung CV Jamu Makmur (Juli 2026 s.d. Desember 2026), yang baru "
        "berlaku setelah iuran sebelumnya dibayar; pembayaran mulai Februari 2026.")


def test_a_lapsed_member_is_not_restarted_in_a_month_a_sponsor_pays():
    """On 24 November, own months to January, a pledge for October - December: November is
    the sponsor's, so the only start is the first unpaid month."""
    covers = [_cover(date(2026, 10, 1), date(2026, 12, 1))]
    assert [s.month for s in payment_starts(date(2026, 1, 1), START, TODAY,
                                            covers=covers)] == [date(2026, 2, 1)]
    assert len(payment_starts(date(2026, 1, 1), START, TODAY)) == 2  # without it: two


def test_the_months_owed_may_be_paid_at_once_besides_the_advance_choices():
    from bpu_desktop.domain.payment_start import (
        check_payment_count,
        months_owed,
        payment_month_choices,
    )

    # From October on 24 November: October and November owed.
    assert months_owed(date(2026, 10, 1), TODAY) == 2
    assert payment_month_choices(date(2026, 10, 1), TODAY) == (1, 2, 3, 6, 12)
    assert check_payment_count(2, date(2026, 10, 1), TODAY) == ""
    assert check_payment_count(4, date(2026, 10, 1), TODAY) == (
        "Jumlah bulan harus 1 s.d. 2 (tunggakan Oktober 2026 s.d. November 2026) atau 3, 6 "
        "atau 12 bulan di muka.")
    # Nothing owed (paying ahead from December): 1, 3, 6 or 12 only.
    assert months_owed(date(2026, 12, 1), TODAY) == 0
    assert payment_month_choices(date(2026, 12, 1), TODAY) == (1, 3, 6, 12)
    assert check_payment_count(2, date(2026, 12, 1), TODAY) == (
        "Jumlah bulan harus 1, 3, 6 atau 12.")
    # Long arrears: every number up to them, 12 among them.
    assert payment_month_choices(date(2025, 9, 1), TODAY) == tuple(range(1, 16))
    assert check_payment_count(16, date(2025, 9, 1), TODAY) == (
        "Jumlah bulan harus 1 s.d. 15 (tunggakan September 2025 s.d. November 2026).")

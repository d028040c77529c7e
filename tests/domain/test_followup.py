"""Status cut-offs for SQL agree with the domain rule; reminder texts say what to do."""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.domain.followup import (
    arrears_message,
    lapse_deadline,
    sponsorship_message,
    status_cutoffs,
)
from bpu_desktop.domain.months import add_months, format_month
from bpu_desktop.domain.reference import Rates
from bpu_desktop.domain.status import MemberStatus, lapses_soon, member_status


@pytest.mark.parametrize("today", [
    date(2026, 5, 15),  # due day itself: May not yet overdue
    date(2026, 5, 16),  # day after: May overdue
    date(2026, 1, 1), date(2026, 1, 31), date(2026, 12, 16), date(2027, 2, 28),
])
def test_cutoffs_classify_every_month_like_member_status(today):
    cut = status_cutoffs(today)
    for back in range(-3, 10):
        paid = add_months(today, -back)
        expected = member_status(paid, paid, today)
        text = format_month(paid)
        if text >= cut.active_from_text:
            got = MemberStatus.ACTIVE
        elif text >= cut.arrears_from_text:
            got = MemberStatus.ARREARS
        else:
            got = MemberStatus.INACTIVE
        assert got == expected, (today, paid)
        assert (paid == cut.lapse_month) == lapses_soon(paid, paid, today)


def test_cutoffs_over_the_due_day_boundary():
    assert format_month(status_cutoffs(date(2026, 5, 15)).active_from) == "2026-04"
    assert format_month(status_cutoffs(date(2026, 5, 16)).active_from) == "2026-05"
    # Over a year boundary: on 10 January, December is the last month due; Oct-Nov paid
    # means 1-2 months unpaid.
    cut = status_cutoffs(date(2027, 1, 10))
    assert (cut.active_from_text, cut.arrears_from_text) == ("2026-12", "2026-10")


def test_cutoffs_follow_the_rates_setting():
    rates = Rates.default()
    from dataclasses import replace
    stricter = replace(rates, inactive_after_unpaid_months=2)
    cut = status_cutoffs(date(2026, 5, 20), stricter)
    assert (cut.active_from_text, cut.arrears_from_text) == ("2026-05", "2026-04")


def test_arrears_message_names_months_and_deadline():
    text = arrears_message(name="Ani", sex="P", paid_until=date(2026, 3, 1), unpaid=2,
                           today=date(2026, 5, 20))
    assert text.startswith("Yth. Ibu Ani,")
    assert "sejak April 2026 (2 bulan)" in text
    assert "paling lambat 15 Juni 2026" in text
    assert lapse_deadline(date(2026, 3, 1)) == date(2026, 6, 15)


def test_message_for_an_inactive_member_asks_to_reactivate():
    text = arrears_message(name="Bowo", sex="L", paid_until=date(2026, 1, 1), unpaid=4,
                           today=date(2026, 5, 20))
    assert text.startswith("Yth. Bapak Bowo,")
    assert "sudah nonaktif" in text


def test_sponsorship_message():
    text = sponsorship_message(contact="Pak Joko", sponsor="PT Batik Solo", workers=10,
                               ends=date(2026, 6, 1))
    assert "Yth. Pak Joko," in text and "10 pekerja" in text and "Juni 2026" in text


def test_sponsor_with_no_worker_yet_is_offered_help_not_thanked_for_none():
    text = sponsorship_message(contact="", sponsor="UD Batik Sumber", workers=0,
                               ends=date(2026, 12, 1), pledged=10)
    assert "perlindungan 0 pekerja" not in text and " 0 pekerja" not in text
    assert "menanggung 10 pekerja BPU" in text and "siap membantu mendaftarkan" in text
    assert text.startswith("Yth. UD Batik Sumber,")


def test_arrears_message_says_what_to_pay():
    text = arrears_message(name="Ani", sex="P", paid_until=date(2026, 3, 1), unpaid=2,
                           today=date(2026, 5, 20), owed=16_800, per_month=8_400)
    assert "Jumlah yang perlu dibayar: Rp 16.800 (2 bulan)." in text
    assert "per bulan" not in text  # still active: the total is what to pay


def test_months_total_prices_each_month_at_its_own_rate():
    from bpu_desktop.domain.contributions import months_total
    # Non-transport: the PP 50/2025 cut starts in April 2026 (16.800 -> 8.400).
    assert months_total(1_000_000, date(2026, 2, 1), 4, "non_transport", "self",
                        False) == 16_800 * 2 + 8_400 * 2
    assert months_total(1_000_000, date(2026, 2, 1), 0, "non_transport", "self", False) == 0


def test_a_sponsorship_that_ended_is_named_and_the_member_pays_at_the_self_rate():
    from bpu_desktop.domain.followup import PaidBy, arrears_amounts
    ended = PaidBy(funding="sponsor", until=date(2027, 2, 1), sponsor="CV Jamu Makmur")
    assert ended.note == "Tanggungan CV Jamu Makmur berakhir Februari 2027"
    # March 2027 (non-transport): after the PP 50/2025 window, Rp 16.800 a month.
    owed, per_month = arrears_amounts(income=1_000_000, sector="non_transport",
                                      with_jht=False, paid_through=date(2027, 2, 1),
                                      unpaid=2, today=date(2027, 4, 20))
    assert (owed, per_month) == (2 * 16_800, 16_800)
    text = arrears_message(name="Umi Astuti", sex="P", paid_until=date(2027, 2, 1), unpaid=2,
                           today=date(2027, 4, 20), owed=owed, per_month=per_month,
                           paid_by=ended)
    assert "ditanggung CV Jamu Makmur sampai Februari 2027" in text
    assert "tanggungan itu sudah berakhir" in text
    assert "mulai Maret 2027 menjadi tanggungan Ibu sendiri" in text and "(2 bulan)" in text
    assert "Jumlah yang perlu dibayar: Rp 33.600 (2 bulan)." in text


def test_government_paid_period_ended_says_what_continuing_alone_costs():
    from bpu_desktop.domain.followup import PaidBy, arrears_amounts
    apbd = PaidBy(funding="apbd", until=date(2026, 3, 1))
    assert apbd.government and apbd.note == "Iuran APBD (pemerintah) berakhir Maret 2026"
    # Inside the non-transport PP 50/2025 window the member's own rate is cut (Rp 8.400);
    # the budget never got the cut, the member paying for themselves does.
    owed, per_month = arrears_amounts(income=1_000_000, sector="non_transport",
                                      with_jht=False, paid_through=date(2026, 3, 1),
                                      unpaid=2, today=date(2026, 5, 20))
    assert (owed, per_month) == (2 * 8_400, 8_400)
    text = arrears_message(name="Bowo", sex="L", paid_until=date(2026, 3, 1), unpaid=2,
                           today=date(2026, 5, 20), owed=owed, per_month=per_month,
                           paid_by=apbd)
    assert "dibayar pemerintah (APBD) sampai Maret 2026" in text
    assert "masa iuran yang dibayar pemerintah sudah berakhir" in text
    assert "Rp 8.400 per bulan" in text
    assert "Jumlah yang perlu dibayar: Rp 16.800 (2 bulan)." in text
    pemda = PaidBy(funding="apbd", until=date(2025, 12, 1),
                   sponsor="Pemerintah Kabupaten Wonogiri")
    assert pemda.note == "Tanggungan Pemerintah Kabupaten Wonogiri berakhir Desember 2025"
    text = arrears_message(name="Bowo", sex="L", paid_until=date(2025, 12, 1), unpaid=5,
                           today=date(2026, 5, 20), per_month=8_400, paid_by=pemda)
    assert "dibayar pemerintah (APBD) melalui Pemerintah Kabupaten Wonogiri" in text
    assert "sudah nonaktif" in text and text.count("Rp 8.400 per bulan") == 1


def test_who_paid_last():
    from bpu_desktop.domain.followup import PaidBy, who_paid_last
    # A live sponsorship covering to February 2027, beyond her own months.
    assert who_paid_last(paid_until=date(2026, 2, 1), covered_until=date(2027, 2, 1),
                         sponsor="CV Jamu Makmur", sponsor_funding="sponsor",
                         funding="sponsor", enrolment_paid_until=date(2026, 2, 1)) == PaidBy(
        "sponsor", date(2027, 2, 1), "CV Jamu Makmur")
    # Government-funded at enrolment and nothing paid since: the budget paid last.
    assert who_paid_last(paid_until=date(2026, 3, 1), covered_until=None, sponsor="",
                         sponsor_funding="", funding="apbd",
                         enrolment_paid_until=date(2026, 3, 1)) == PaidBy("apbd",
                                                                          date(2026, 3, 1))
    # ... but a payment after enrolment was the member's own.
    assert who_paid_last(paid_until=date(2026, 6, 1), covered_until=None, sponsor="",
                         sponsor_funding="", funding="apbd",
                         enrolment_paid_until=date(2026, 3, 1)) is None
    # Self-funded, or paid beyond the cover: nobody else to name.
    assert who_paid_last(paid_until=date(2026, 3, 1), covered_until=None, sponsor="",
                         sponsor_funding="", funding="self",
                         enrolment_paid_until=date(2026, 3, 1)) is None
    assert who_paid_last(paid_until=date(2027, 5, 1), covered_until=date(2027, 2, 1),
                         sponsor="CV Jamu Makmur", sponsor_funding="sponsor",
                         funding="self", enrolment_paid_until=date(2026, 3, 1)) is None


def test_a_cover_waiting_for_the_months_owed_is_said_and_only_those_are_asked():
    """Paid January; CV Jamu Makmur pays March - December. On 20 March February and March
    are unpaid (the cover waits), but she is asked for February only."""
    from bpu_desktop.domain.followup import pending_cover
    from bpu_desktop.domain.sponsorship import Cover

    covers = [Cover("jamu", "CV Jamu Makmur", date(2026, 3, 1), date(2026, 12, 1))]
    waiting = pending_cover(date(2026, 1, 1), covers)
    assert waiting is not None
    assert waiting.note == ("Tanggungan CV Jamu Makmur mulai Maret 2026 berlaku setelah iuran "
                            "Februari 2026 dibayar")
    assert waiting.owed_months(2) == 1
    text = arrears_message(name="Umi", sex="P", paid_until=date(2026, 1, 1), unpaid=2,
                           today=date(2026, 3, 20), owed=8_400, waiting=waiting)
    assert ("CV Jamu Makmur akan menanggung iuran Ibu Maret 2026 s.d. Desember 2026 setelah "
            "iuran Februari 2026 dibayar.") in text
    assert "Jumlah yang perlu dibayar: Rp 8.400 (1 bulan)." in text
    # A longer gap is named from its first month; a cover that continues her months waits
    # for nothing.
    later = [Cover("jamu", "CV Jamu Makmur", date(2026, 7, 1), date(2026, 12, 1))]
    gap = pending_cover(date(2026, 1, 1), later)
    assert gap is not None and gap.gap_label == "Februari 2026 s.d. Juni 2026"
    assert pending_cover(date(2026, 6, 1), later) is None

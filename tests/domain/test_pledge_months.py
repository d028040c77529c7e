"""A pledge's months against one member's: the enrolment rule and the months paid twice."""

from datetime import date

import pytest

from bpu_desktop.domain.pledge_months import (
    months_paid_twice,
    months_text,
    paid_twice_warning,
    pledge_month_error,
    pledge_pays,
    pledge_start_default,
)

JUN, NOV = date(2026, 6, 1), date(2026, 11, 1)
PLEDGE = (JUN, NOV)


def test_the_desk_offers_the_pledges_first_month_until_it_starts():
    assert pledge_start_default(PLEDGE, date(2026, 5, 20)) == JUN
    assert pledge_start_default(PLEDGE, date(2026, 8, 3)) == date(2026, 8, 1)


@pytest.mark.parametrize(("start", "months"), [(JUN, 6), (date(2026, 9, 1), 3), (NOV, 1)])
def test_months_inside_the_pledge_are_fine(start, months):
    assert pledge_month_error(PLEDGE, start, months, "sponsor") == ""


def test_a_start_outside_the_pledge_is_refused_with_the_desks_message():
    assert pledge_month_error(PLEDGE, date(2026, 5, 1), 1, "sponsor") == (
        "Sponsor menanggung Juni 2026 s.d. November 2026; Mei 2026 di luar masa "
        "tanggungan. Ubah bulan mulai, atau sumber dana bila peserta membayar sendiri.")
    assert "Desember 2026 di luar" in pledge_month_error(PLEDGE, date(2026, 12, 1), 1, "apbd")


def test_months_paid_past_the_pledges_last_month_are_refused_naming_it():
    error = pledge_month_error(PLEDGE, date(2026, 9, 1), 6, "sponsor")
    assert error.startswith("Sponsor menanggung sampai November 2026; 6 bulan dari "
                            "September 2026 berakhir Februari 2027, melewati bulan terakhir")
    assert pledge_month_error(PLEDGE, date(2026, 9, 1), 3, "sponsor") == ""


def test_the_members_own_money_is_not_held_to_the_pledge():
    assert not pledge_pays("self") and not pledge_pays(None)
    assert all(pledge_pays(f) for f in ("sponsor", "apbd", "apbn"))
    assert pledge_month_error(PLEDGE, date(2026, 3, 1), 12, "self") == ""


def test_months_paid_twice_are_the_pledges_months_the_member_already_paid():
    assert months_paid_twice(PLEDGE, (date(2026, 3, 1), date(2026, 8, 1))) == (
        JUN, date(2026, 8, 1))
    assert months_paid_twice(PLEDGE, (date(2026, 7, 1), date(2027, 6, 1))) == (
        date(2026, 7, 1), NOV)
    assert months_paid_twice(PLEDGE, (date(2026, 1, 1), date(2026, 5, 1))) is None
    assert months_paid_twice(PLEDGE, None) is None


def test_the_warning_names_the_member_the_months_and_where_the_cover_continues():
    assert months_text(JUN, JUN) == "Juni 2026"
    assert paid_twice_warning("Sri Lestari", PLEDGE, date(2026, 8, 1),
                              (JUN, date(2026, 8, 1))) == (
        "Sri Lestari sudah membayar iuran sendiri sampai Agustus 2026. Sponsor ini "
        "menanggung Juni 2026 s.d. November 2026, jadi Juni 2026 s.d. Agustus 2026 dibayar "
        "dua kali (oleh peserta dan oleh sponsor). Tanggungan sponsor hanya menyambung "
        "bulan peserta mulai September 2026.")
    whole = paid_twice_warning("Sri", PLEDGE, date(2027, 1, 1), PLEDGE, "apbd")
    assert whole.startswith("Iuran Sri sudah dibayar sampai Januari 2027 (APBD).")
    assert whole.endswith("Tanggungan sponsor tidak menambah satu bulan pun.")

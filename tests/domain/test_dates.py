from datetime import date, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bpu_desktop.domain.dates import birth_year, format_date, parse_date
from bpu_desktop.domain.nik import InvalidNik, parse_nik


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("24/11/2026", date(2026, 11, 24)),
        ("24-11-2026", date(2026, 11, 24)),
        ("2026-11-24", date(2026, 11, 24)),
        ("2026-11-24 00:00:00", date(2026, 11, 24)),
        ("1/2/2026", date(2026, 2, 1)),
        (" 29/02/2024 ", date(2024, 2, 29)),
        (date(2026, 11, 24), date(2026, 11, 24)),
        (datetime(2026, 11, 24, 13, 5), date(2026, 11, 24)),
        # Spellings seen in partners' lists (h-53 item 9).
        ("25.05.2001", date(2001, 5, 25)),
        ("10 Oktober 1980", date(1980, 10, 10)),
        ("5 Nov 2026", date(2026, 11, 5)),
        ("5 November 2026", date(2026, 11, 5)),
        ("5 Nov. 2026", date(2026, 11, 5)),
        ("05-Agt-2026", date(2026, 8, 5)),
        ("05-agu-26", date(2026, 8, 5)),
        ("17 Agustus 1945", date(1945, 8, 17)),
        ("1 Mei 2026", date(2026, 5, 1)),
        ("1 May 2026", date(2026, 5, 1)),
        ("3 OKT 2026", date(2026, 10, 3)),
        ("3 October 2026", date(2026, 10, 3)),
        ("24 Des 2025", date(2025, 12, 24)),
        ("24 Dec 2025", date(2025, 12, 24)),
        ("2 Pebruari 2026", date(2026, 2, 2)),
        ("2 Nopember 2026", date(2026, 11, 2)),
        ("9 Sept 2026", date(2026, 9, 9)),
        ("05/11/26", date(2026, 11, 5)),
        ("05-11-26", date(2026, 11, 5)),
        ("5.11.26", date(2026, 11, 5)),
        ("29/02/00", date(2000, 2, 29)),
    ],
)
def test_parses_common_forms(value, expected):
    result = parse_date(value)
    assert result == expected
    assert type(result) is date


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Tanggal wajib diisi."),
        ("besok", "Tanggal tidak dikenali: 'besok'"),
        ("11/24", "tidak dikenali"),
        ("24/11-2026", "tidak dikenali"),
        ("24.11-2026", "tidak dikenali"),
        ("5 Nob 2026", "Tanggal tidak dikenali: '5 Nob 2026'"),
        ("Nov 2026", "tidak dikenali"),  # a month, not a date
        ("5/11/026", "tidak dikenali"),
        ("5/11/6", "tidak dikenali"),
        ("11/24", "tidak dikenali"),
        ("31.02.2026", r"Tanggal 31/02/2026 tidak ada\."),
        ("31 Februari 2026", r"Tanggal 31/02/2026 tidak ada\."),
        ("30/02/26", r"Tanggal 30/02/2026 tidak ada\."),
        ("05/13/26", "tidak ada"),  # month/day order is never guessed
        ("31/02/2026", r"Tanggal 31/02/2026 tidak ada\."),
        ("29/02/2025", "tidak ada"),
        ("2026-13-01", "tidak ada"),
        ("31022026", r"Tanggal 31/02/2026 tidak ada\."),
        ("2011202", "tidak dikenali"),
        ("201120266", "tidak dikenali"),
    ],
)
def test_rejects_with_indonesian_message(text, message):
    with pytest.raises(ValueError, match=message):
        parse_date(text)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)))
def test_format_then_parse_round_trips(d):
    assert format_date(d) == f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
    assert parse_date(format_date(d)) == d
    assert parse_date(d.isoformat()) == d


def test_a_two_digit_year_is_this_century_even_when_that_is_in_the_future():
    # An enrolment date of 05/12/26 on 25/11/2026 is a typo for the future, and the
    # field's rule refuses it as such; it is never moved quietly to 1926.
    assert parse_date("05/12/26") == date(2026, 12, 5)
    assert parse_date("01/01/80") == date(2080, 1, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10/10/80", date(1980, 10, 10)),
        ("10 Okt 80", date(1980, 10, 10)),
        ("01/01/05", date(2005, 1, 1)),
        ("25/11/26", date(2026, 11, 25)),  # today: not in the future
        ("26/11/26", date(1926, 11, 26)),  # tomorrow in 2026: the century before
        ("10/10/1980", date(1980, 10, 10)),  # four digits are never moved
    ],
)
def test_a_birth_date_s_two_digit_year_is_never_in_the_future(text, expected):
    assert parse_date(text, born_by=date(2026, 11, 25)) == expected


def _nik_birth_date(day, month, yy, today):
    try:
        return parse_nik(f"337201{day:02d}{month:02d}{yy:02d}0001", today=today).birth_date
    except InvalidNik:
        return None


def _typed_birth_date(day, month, yy, born_by):
    try:
        return parse_date(f"{day:02d}/{month:02d}/{yy:02d}", born_by=born_by)
    except ValueError:
        return None


@given(
    st.dates(min_value=date(1999, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(1, 12),
    st.integers(1, 31),
    st.booleans(),
)
@example(date(1999, 1, 1), 1, 2, False)  # 02/01/99 after today even in 1999: both say 1999
@example(date(2000, 2, 28), 2, 29, True)  # 29 Feb 00 tomorrow: 1900 has none, both refuse
def test_a_nik_and_a_typed_birth_date_take_the_same_century(today, month, day, woman):
    # One rule (`birth_year`) for both: for every two-digit year, the NIK's DDMMYY and
    # the same date typed as dd/mm/yy give the same birth date, or are both refused.
    nik_day = day + 40 if woman else day
    for yy in range(100):
        typed = _typed_birth_date(day, month, yy, today)
        assert _nik_birth_date(nik_day, month, yy, today) == typed
        if typed is not None:
            # Never in the future, from 2000 on; the rule goes back one century only.
            assert typed <= today or today.year < 2000
            assert typed.year == birth_year(yy, month, day, today)
            assert typed.year % 100 == yy


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (date(2000, 2, 28), "29/02/00", None),  # 1900 was no leap year
        (date(2000, 2, 29), "29/02/00", date(2000, 2, 29)),
        (date(2026, 11, 25), "31/04/80", None),  # no such day in either century
    ],
)
def test_a_nik_and_a_typed_birth_date_agree_on_the_edges(today, text, expected):
    day, month, yy = (int(part) for part in text.split("/"))
    assert _typed_birth_date(day, month, yy, today) == expected
    assert _nik_birth_date(day, month, yy, today) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("20112026", date(2026, 11, 20)),
    ("01012000", date(2000, 1, 1)),
    (" 05032026 ", date(2026, 3, 5)),
])
def test_digits_only_are_ddmmyyyy(text, expected):
    assert parse_date(text) == expected

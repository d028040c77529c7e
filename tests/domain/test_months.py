from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bpu_desktop.domain.months import (
    MONTH_ABBREVIATIONS,
    add_months,
    format_month,
    iter_months,
    month_label,
    month_start,
    months_between,
    parse_month,
)


def test_month_start_of_any_day():
    assert month_start(date(2026, 3, 31)) == date(2026, 3, 1)
    assert month_start(datetime(2026, 3, 15, 10, 30)) == date(2026, 3, 1)


def test_add_months_crosses_years_both_ways():
    assert add_months(date(2025, 12, 20), 1) == date(2026, 1, 1)
    assert add_months(date(2026, 1, 31), -1) == date(2025, 12, 1)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 1)
    assert add_months(date(2026, 3, 1), 24) == date(2028, 3, 1)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 1, 1)), st.integers(-600, 600))
def test_add_months_and_months_between_agree(d, n):
    later = add_months(d, n)
    assert later.day == 1
    assert months_between(d, later) == n


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03", date(2026, 3, 1)),
        ("03/2026", date(2026, 3, 1)),
        ("3/2026", date(2026, 3, 1)),
        (" 12-2026 ", date(2026, 12, 1)),
        ("Maret 2026", date(2026, 3, 1)),
        ("des 2025", date(2025, 12, 1)),
        ("112026", date(2026, 11, 1)),  # digits only, mmyyyy
        ("012027", date(2027, 1, 1)),
    ],
)
def test_parse_month_accepts_common_forms(text, expected):
    assert parse_month(text) == expected


@pytest.mark.parametrize("text", ["", "2026", "13/2026", "2026-00", "Maretz 2026", "03/26",
                                  "132026", "12026", "1120266"])
def test_parse_month_rejects_with_indonesian_message(text):
    with pytest.raises(ValueError, match="Bulan"):
        parse_month(text)


def test_format_and_label():
    assert format_month(date(2026, 3, 9)) == "2026-03"
    assert month_label(date(2026, 3, 9)) == "Maret 2026"
    assert month_label(date(2027, 8, 1)) == "Agustus 2027"


def test_iter_months_inclusive_over_year_end():
    assert list(iter_months(date(2025, 11, 30), date(2026, 2, 1))) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert list(iter_months(date(2026, 2, 1), date(2026, 1, 1))) == []


def test_a_month_not_understood_shows_every_accepted_form():
    import pytest

    from bpu_desktop.domain.months import parse_month
    with pytest.raises(ValueError) as raised:
        parse_month("bulan depan")
    message = str(raised.value)
    assert "'bulan depan'" in message
    for example in ("03/2026", "2026-03", "Maret 2026"):
        assert parse_month(example).month == 3 and example in message


def test_month_abbreviations_are_indonesian_and_read_back():
    assert MONTH_ABBREVIATIONS[4] == "Mei" and MONTH_ABBREVIATIONS[7] == "Agu"
    assert len(MONTH_ABBREVIATIONS) == 12
    for month, short in enumerate(MONTH_ABBREVIATIONS, start=1):
        assert parse_month(f"{short} 2026") == date(2026, month, 1)

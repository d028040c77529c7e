from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bpu_desktop.domain.dates import format_date, parse_date


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
        ("24.11.2026", "tidak dikenali"),
        ("31/02/2026", r"Tanggal 31/02/2026 tidak ada\."),
        ("29/02/2025", "tidak ada"),
        ("2026-13-01", "tidak ada"),
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

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bpu_desktop.domain.money import format_rupiah, parse_rupiah


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Rp 1.500.000", 1_500_000),
        ("Rp. 1.500.000", 1_500_000),
        ("rp1.500.000,-", 1_500_000),
        ("IDR 1.500.000", 1_500_000),
        ("1500000", 1_500_000),
        (" 1 500 000 ", 1_500_000),
        ("1.500.000,00", 1_500_000),
        ("1,500,000", 1_500_000),
        ("1500000.00", 1_500_000),
        ("1,5 jt", 1_500_000),
        ("1.5jt", 1_500_000),
        ("2 juta", 2_000_000),
        ("1,25 jt", 1_250_000),
        ("750 rb", 750_000),
        ("750ribu", 750_000),
        ("1.500", 1_500),
        ("0", 0),
        (1_500_000, 1_500_000),
        (1_500_000.0, 1_500_000),
        (Decimal("1500000.00"), 1_500_000),
    ],
)
def test_parses_what_people_type(value, expected):
    assert parse_rupiah(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "wajib diisi"),
        ("abc", "tidak dikenali: 'abc'"),
        ("1.5.0", "tidak dikenali"),
        ("Rp", "tidak dikenali"),
        ("-5000", "negatif"),
        ("Rp -5.000", "negatif"),
        ("(5.000)", "negatif"),
        (-1, "negatif"),
        ("1,5", "bulat"),
        ("Rp 1.500.000,50", "bulat"),
        (1500.5, "bulat"),
        (float("nan"), "angka"),
        (True, "angka"),
        ("9" * 30, "terlalu besar"),
    ],
)
def test_rejects_with_indonesian_message(value, message):
    with pytest.raises(ValueError, match=message):
        parse_rupiah(value)


@given(st.one_of(st.text(max_size=30), st.floats(), st.integers(), st.decimals()))
def test_never_raises_anything_but_value_error(value):
    try:
        result = parse_rupiah(value)
    except ValueError as error:
        assert str(error)
    else:
        assert isinstance(result, int) and result >= 0


@given(st.integers(0, 10**12))
def test_format_then_parse_round_trips(n):
    assert parse_rupiah(format_rupiah(n)) == n


def test_format():
    assert format_rupiah(1_500_000) == "Rp 1.500.000"
    assert format_rupiah(16_800) == "Rp 16.800"
    assert format_rupiah(0) == "Rp 0"
    assert format_rupiah(-8_400) == "-Rp 8.400"

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bpu_desktop.domain.contributions import (
    ADVANCE_MONTHS,
    FUNDING_SOURCES,
    SECTORS,
    Contribution,
    advance_payment,
    contribution_base,
    discount_applies,
    monthly_contribution,
)
from bpu_desktop.domain.reference import Rates

NO_CUT = date(2025, 6, 1)  # before every discount window
CUT = date(2026, 6, 1)  # inside both windows


def test_minimum_package_without_jht():
    c = monthly_contribution(1_000_000, NO_CUT, "non_transport", "self", with_jht=False)
    assert c == Contribution(month=NO_CUT, jkk=10_000, jkm=6_800, jht=0, discount=0, total=16_800)


def test_minimum_package_with_jht():
    c = monthly_contribution(1_000_000, NO_CUT, "non_transport", "self", with_jht=True)
    assert (c.jht, c.total) == (20_000, 36_800)


def test_discount_halves_jkk_and_jkm_but_not_jht():
    without = monthly_contribution(1_000_000, CUT, "non_transport", "self", with_jht=False)
    assert (without.discount, without.total) == (8_400, 8_400)
    with_jht = monthly_contribution(1_000_000, CUT, "non_transport", "sponsor", with_jht=True)
    assert (with_jht.jkk, with_jht.jkm, with_jht.jht) == (10_000, 6_800, 20_000)
    assert (with_jht.discount, with_jht.total) == (8_400, 28_400)


def test_any_day_of_the_month_is_that_month():
    c = monthly_contribution(1_000_000, date(2026, 3, 31), "transport", "self", False)
    assert c.month == date(2026, 3, 1)
    assert c.total == 8_400


def test_jht_is_two_percent_of_declared_income_rounded_half_up():
    assert monthly_contribution(1_234_567, NO_CUT, "transport", "self", True).jht == 24_691
    assert monthly_contribution(1_000_025, NO_CUT, "transport", "self", True).jht == 20_001
    assert monthly_contribution(1_000_024, NO_CUT, "transport", "self", True).jht == 20_000


def test_income_below_the_minimum_pays_jht_on_the_minimum_base_as_jkk_does():
    """The minimum package with JHT is Rp 36,800 (at Rp 1,000,000); a lower declared income
    is raised to that base for JKK and JHT alike."""
    for income in (1, 600_000, 999_999, 1_000_000):
        c = monthly_contribution(income, NO_CUT, "non_transport", "self", True)
        assert (c.jkk, c.jkm, c.jht, c.total) == (10_000, 6_800, 20_000, 36_800), income
    assert contribution_base(600_000) == 1_000_000
    assert contribution_base(1_234_567) == 1_234_567


def test_discount_rounds_half_up_to_whole_rupiah():
    d = Rates.default().to_dict()
    d["jkm"] = 6_801
    rates = Rates.from_dict(d)
    c = monthly_contribution(1_000_000, CUT, "transport", "self", False, rates)
    assert c.discount == 8_401  # half of 16,801 is 8,400.5
    assert c.total == 8_400


def test_jkk_follows_the_bracket_of_the_declared_income():
    c = monthly_contribution(3_200_000, NO_CUT, "non_transport", "self", False)
    assert (c.jkk, c.total) == (35_000, 41_800)
    top = monthly_contribution(25_000_000, NO_CUT, "non_transport", "self", False)
    assert top.jkk == 207_000


@pytest.mark.parametrize(
    ("month", "sector", "discounted"),
    [
        (date(2025, 12, 1), "transport", False),
        (date(2026, 1, 1), "transport", True),
        (date(2027, 3, 31), "transport", True),
        (date(2027, 4, 1), "transport", False),
        (date(2026, 3, 31), "non_transport", False),
        (date(2026, 4, 1), "non_transport", True),
        (date(2026, 12, 31), "non_transport", True),
        (date(2027, 1, 1), "non_transport", False),
        (date(2026, 1, 1), "non_transport", False),
        (date(2027, 2, 1), "non_transport", False),
    ],
)
def test_discount_window_boundaries(month, sector, discounted):
    assert discount_applies(month, sector, "self") is discounted
    assert discount_applies(month, sector, "sponsor") is discounted
    c = monthly_contribution(1_000_000, month, sector, "self", with_jht=True)
    assert c.total == (28_400 if discounted else 36_800)


@pytest.mark.parametrize("funding", ["apbn", "apbd"])
@pytest.mark.parametrize("sector", SECTORS)
def test_government_budget_is_never_discounted(funding, sector):
    for month in (date(2026, 1, 1), date(2026, 6, 1), date(2026, 12, 1), date(2027, 3, 1)):
        assert not discount_applies(month, sector, funding)
        assert monthly_contribution(1_000_000, month, sector, funding, False).total == 16_800


def test_changed_windows_from_the_database_are_used():
    d = Rates.default().to_dict()
    d["discount"]["windows"] = [{"sector": "non_transport", "from": "2025-06", "to": "2025-06"}]
    rates = Rates.from_dict(d)
    assert discount_applies(date(2025, 6, 1), "non_transport", "self", rates)
    assert not discount_applies(date(2026, 6, 1), "non_transport", "self", rates)


def test_advance_payment_straddling_the_transport_window_start():
    paid = advance_payment(1_000_000, date(2025, 11, 1), 3, "transport", "self", with_jht=False)
    assert [c.month for c in paid.months] == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
    ]
    assert [c.total for c in paid.months] == [16_800, 16_800, 8_400]
    assert (paid.jkk, paid.jkm, paid.jht) == (30_000, 20_400, 0)
    assert (paid.discount, paid.total) == (8_400, 42_000)


def test_advance_payment_straddling_the_non_transport_window_end():
    paid = advance_payment(1_000_000, date(2026, 11, 1), 3, "non_transport", "sponsor", True)
    assert [c.total for c in paid.months] == [28_400, 28_400, 36_800]
    assert paid.total == 93_600
    assert paid.discount == 16_800


def test_twelve_months_at_the_transport_window_end():
    paid = advance_payment(1_000_000, date(2026, 6, 1), 12, "transport", "self", False)
    assert sum(c.discount > 0 for c in paid.months) == 10  # Jun 2026 .. Mar 2027
    assert paid.total == 10 * 8_400 + 2 * 16_800


def test_one_month_in_advance_equals_the_monthly_contribution():
    paid = advance_payment(2_000_000, CUT, 1, "transport", "apbd", True)
    assert paid.months == (monthly_contribution(2_000_000, CUT, "transport", "apbd", True),)
    assert paid.total == paid.months[0].total


@pytest.mark.parametrize("months", [0, 2, 4, 24, -1, True])
def test_advance_months_must_be_1_3_6_or_12(months):
    with pytest.raises(ValueError, match="1, 3, 6 atau 12"):
        advance_payment(1_000_000, CUT, months, "transport", "self", False)


@pytest.mark.parametrize(
    ("income", "sector", "funding", "message"),
    [
        (0, "transport", "self", "lebih dari Rp 0"),
        (-5, "transport", "self", "lebih dari Rp 0"),
        (1_000_000, "angkutan", "self", "Sektor tidak dikenal: 'angkutan'"),
        (1_000_000, "transport", "zakat", "Sumber dana tidak dikenal: 'zakat'"),
    ],
)
def test_bad_arguments_are_refused_in_indonesian(income, sector, funding, message):
    with pytest.raises(ValueError, match=message):
        monthly_contribution(income, CUT, sector, funding, False)


def test_funding_sources_are_ordered_with_labels():
    assert list(FUNDING_SOURCES) == ["self", "sponsor", "apbn", "apbd"]
    assert FUNDING_SOURCES["self"] == "Mandiri"
    assert ADVANCE_MONTHS == (1, 3, 6, 12)


@given(
    income=st.integers(1, 100_000_000),
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)),
    months=st.sampled_from(ADVANCE_MONTHS),
    sector=st.sampled_from(SECTORS),
    funding=st.sampled_from(list(FUNDING_SOURCES)),
    with_jht=st.booleans(),
)
def test_advance_payment_adds_up(income, start, months, sector, funding, with_jht):
    paid = advance_payment(income, start, months, sector, funding, with_jht)
    assert len(paid.months) == months
    assert paid.total == paid.jkk + paid.jkm + paid.jht - paid.discount
    assert paid.total == sum(c.total for c in paid.months)
    for c in paid.months:
        assert c.total == c.jkk + c.jkm + c.jht - c.discount
        assert c.discount in (0, (c.jkk + c.jkm + 1) // 2)
        base = max(income, 1_000_000)
        assert c.jht == ((base * 2 + 50) // 100 if with_jht else 0)
        assert c.total > 0


def test_months_payment_prices_any_number_of_months_like_months_total():
    from bpu_desktop.domain.contributions import months_payment, months_total

    paid = months_payment(1_500_000, date(2026, 10, 1), 2, "transport", "self", False)
    assert len(paid.months) == 2
    assert paid.total == months_total(1_500_000, date(2026, 10, 1), 2, "transport", "self",
                                      False)
    with pytest.raises(ValueError, match="paling sedikit 1"):
        months_payment(1_500_000, date(2026, 10, 1), 0, "transport", "self", False)

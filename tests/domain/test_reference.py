from datetime import date
from decimal import Decimal

import pytest

from bpu_desktop.domain.reference import Rates
from bpu_desktop.domain.seed import load_seed


def test_default_values_from_the_seed():
    rates = Rates.default()
    assert rates.jkm == 6_800
    assert rates.jht_rate == Decimal("0.02")
    assert rates.discount_rate == Decimal("0.5")
    assert rates.exempt_funding == frozenset({"apbn", "apbd"})
    assert rates.max_registration_age == 65
    assert rates.min_registration_age == 15
    assert rates.payment_due_day == 15
    assert rates.inactive_after_unpaid_months == 3
    assert rates.discount_legal_basis == "PP 50/2025"
    windows = {w.sector: (w.start, w.end) for w in rates.discount_windows}
    assert windows == {
        "transport": (date(2026, 1, 1), date(2027, 3, 1)),
        "non_transport": (date(2026, 4, 1), date(2026, 12, 1)),
    }


def test_seed_says_the_bracket_steps_are_unconfirmed():
    assert "NOT confirmed" in load_seed("reference")["_note"]


@pytest.mark.parametrize(
    ("income", "jkk"),
    [
        (0, 10_000),
        (500_000, 10_000),
        (1_000_000, 10_000),
        (1_000_001, 15_000),
        (1_500_000, 15_000),
        (2_750_000, 30_000),
        (20_500_000, 205_000),
        (20_500_001, 207_000),
        (50_000_000, 207_000),
    ],
)
def test_jkk_from_the_bracket_table(income, jkk):
    assert Rates.default().jkk_for(income) == jkk


def test_every_bracket_jkk_is_one_percent_of_its_nominal():
    brackets = Rates.default().jkk_brackets
    assert brackets[0].nominal == 1_000_000
    assert brackets[-1].nominal == 20_700_000
    assert brackets[-1].jkk == 207_000
    assert all(b.jkk * 100 == b.nominal for b in brackets)


def test_negative_income_has_no_bracket():
    with pytest.raises(ValueError, match="negatif"):
        Rates.default().jkk_for(-1)


def test_round_trips_through_dict():
    rates = Rates.default()
    d = rates.to_dict()
    assert Rates.from_dict(d) == rates
    assert Rates.from_dict(d).to_dict() == d
    seed = {k: v for k, v in load_seed("reference").items() if not k.startswith("_")}
    assert d["jkk_brackets"] == seed["jkk_brackets"]
    assert d["discount"]["windows"] == seed["discount"]["windows"]


def test_changed_values_are_used():
    d = Rates.default().to_dict()
    d["jkm"] = 7_000
    d["discount"]["windows"][0]["to"] = "2027-06"
    rates = Rates.from_dict(d)
    assert rates.jkm == 7_000
    assert rates.discount_windows[0].covers(date(2027, 6, 30))
    assert not rates.discount_windows[0].covers(date(2027, 7, 1))


def _with(change):
    d = Rates.default().to_dict()
    change(d)
    return d


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("jkm"), "'jkm' tidak ada"),
        (lambda d: d["jkk_brackets"].pop(3), "tanpa celah"),
        (lambda d: d["jkk_brackets"].pop(), "tanpa batas atas"),
        (lambda d: d["jkk_brackets"][0].update(income_from=1), "mulai dari Rp 0"),
        (lambda d: d.update(jkk_brackets=[]), "kosong"),
        (lambda d: d.update(jht_rate="2"), "JHT"),
        (lambda d: d.update(jht_rate="dua"), "tidak sah"),
        (lambda d: d["discount"].update(rate="-0.5"), "diskon"),
        (lambda d: d["discount"]["windows"][1].update({"to": "2026-01"}), "berakhir sebelum"),
        (lambda d: d.update(max_registration_age=10), "umur"),
        (lambda d: d.update(payment_due_day=31), "jatuh tempo"),
        (lambda d: d.update(inactive_after_unpaid_months=0), "menunggak"),
    ],
)
def test_nonsense_values_are_refused(change, message):
    with pytest.raises(ValueError, match=message):
        Rates.from_dict(_with(change))

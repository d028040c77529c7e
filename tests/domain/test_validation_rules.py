"""`EnrolmentRules` (one per import, repeated values checked once) answers exactly as a
fresh `validate_enrolment` per row: same errors in the same order, warnings and values."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bpu_desktop.domain import validation
from bpu_desktop.domain.reference import Rates
from bpu_desktop.domain.regions import default_kelurahan, kecamatan_list
from bpu_desktop.domain.segments import Segment, default_segments
from bpu_desktop.domain.validation import EnrolmentInput, EnrolmentRules, validate_enrolment

TODAY = date(2026, 4, 10)
SEGMENTS = [*default_segments(), Segment("zz", "Sektor hilang", "tidak-ada")]
KELURAHAN: dict[str, list[str]] = {}
for _k in default_kelurahan():
    KELURAHAN.setdefault(_k.kecamatan_code, []).append(_k.name)
REFERENCE = dict(segments=SEGMENTS, kelurahan_by_kecamatan=KELURAHAN,
                 kecamatan=kecamatan_list(), rates=Rates.default(), today=TODAY)
SHARED = EnrolmentRules(**REFERENCE)  # type: ignore[arg-type]


def answer(result: validation.ValidationResult) -> tuple[object, ...]:
    return list(result.errors.items()), list(result.warnings.items()), result.value


def _one_of(*values: object) -> st.SearchStrategy[object]:
    return st.sampled_from(values)


# Cells as partners' files hold them: good and bad spellings, numbers where Excel gives
# them, and values that compare equal while reading differently (1.50 / 1.5, -0.0 / 0.0).
ANY = st.one_of(st.none(), st.text(max_size=6), st.integers(-3, 20), st.booleans(),
                st.floats(allow_nan=True), st.dates(date(1890, 1, 1), date(2030, 1, 1)),
                st.decimals(allow_nan=False, places=2, min_value=-5, max_value=10**7))
DATES = st.one_of(_one_of("02/03/2026", "2026-03-02", "31/02/2026", "11/04/2026", "03/2026",
                          "Maret 2026", "2027-06", "", date(2026, 3, 2),
                          datetime(2026, 3, 2, 10, 0), 46000), ANY)
FIELDS = dict(
    nik=st.one_of(_one_of("3372011705850001", "3372 0117 0585 0001", "3372015705850002",
                          "337201170585001", "9972011705850001", "3372011705100001",
                          "3372012902000001", 3372011705850001, 3372011705850003.0, ""), ANY),
    name=st.one_of(_one_of("Budi Santoso", "BUDI  SANTOSO", "B", "Budi2", "Budi @"), ANY),
    phone=st.one_of(_one_of("081234567890", "+62 812-3456-7890", 81234567890.0, "0274123"),
                    ANY),
    kecamatan=st.one_of(_one_of("Laweyan", "Kec. Laweyan", "33.72.01", "337201", "Wonogiri",
                                "Xyz", ""), ANY),
    kelurahan=st.one_of(_one_of("Pajang", "PAJANG", "Kel. Pajang", "Desa Pajang", "Jebres"),
                        ANY),
    address=st.one_of(_one_of("Jl. Pajang 3", "x" * 201), ANY),
    segment=st.one_of(_one_of("ojol", "UMKM", "zz", "petani", ""), ANY),
    income=st.one_of(_one_of("Rp 1.000.000", 1_500_000, 1_500_000.0, 0, -0.0, 0.0, 10**9,
                             Decimal("1.50"), Decimal("1.5"), "1,5 jt"), ANY),
    with_jht=st.one_of(_one_of(True, False, "ya", "Tidak", 1, 1.0, 0, "mungkin"), ANY),
    funding=st.one_of(_one_of("self", "Mandiri", "sponsor", "csr", "apbd", "xx"), ANY),
    months_paid=st.one_of(_one_of(1, 3, "3", "6 bulan", 12.0, 2), ANY),
    start_month=DATES, enrolled_on=DATES,
    kpj=st.one_of(_one_of("", "12345678901", "123-456-789-01", "123", 12345678901), ANY),
    event_id=st.one_of(st.none(), _one_of("ev-1", " ")),
    sponsorship_id=st.one_of(st.none(), _one_of("sp-1", " ")),
    birth_date=st.one_of(st.none(), DATES),
    sex=st.one_of(_one_of("", "L", "P", "wanita", "X", 0), ANY),
)
INPUTS = st.builds(EnrolmentInput, **FIELDS)
# The fields that differ on every row of a file (the rest repeat and are looked up).
PER_ROW = ("nik", "name", "phone", "address", "kpj", "birth_date", "sex")


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(INPUTS)
def test_shared_rules_answer_as_a_fresh_check(raw: EnrolmentInput) -> None:
    assert answer(SHARED.validate(raw)) == answer(validate_enrolment(raw, **REFERENCE))  # type: ignore[arg-type]


@settings(max_examples=800, deadline=None, suppress_health_check=list(HealthCheck))
@given(INPUTS, st.fixed_dictionaries({f: FIELDS[f] for f in PER_ROW}))
def test_a_row_repeating_the_row_above_except_its_own_fields_answers_as_a_fresh_check(
        above: EnrolmentInput, own: dict[str, object]) -> None:
    rules = EnrolmentRules(**REFERENCE)  # type: ignore[arg-type]
    row = replace(above, **own)
    rules.validate(above)  # what the shared fields give is now remembered
    assert answer(rules.validate(row)) == answer(validate_enrolment(row, **REFERENCE))  # type: ignore[arg-type]
    assert answer(rules.validate(above)) == answer(validate_enrolment(above, **REFERENCE))  # type: ignore[arg-type]


def test_errors_of_remembered_and_own_fields_keep_the_form_order():
    rules = EnrolmentRules(**REFERENCE)  # type: ignore[arg-type]
    raw = EnrolmentInput(
        nik="3372011705850001", name="Budi", phone="0274123", kecamatan="Xyz",
        kelurahan="Pajang", address="x" * 201, segment="ojol", income=0, with_jht="mungkin",
        funding="self", months_paid=2, start_month="03/2026", enrolled_on="11/04/2026",
        kpj="123", sex="P")
    first, second = rules.validate(raw), rules.validate(replace(raw, nik="12"))
    assert list(first.errors) == ["enrolled_on", "sex", "phone", "kecamatan", "address",
                                  "income", "with_jht", "months_paid", "kpj"]
    assert list(second.errors) == ["enrolled_on", "nik", "phone", "kecamatan", "address",
                                   "income", "with_jht", "months_paid", "kpj"]
    assert second.errors["nik"] == "NIK harus 16 digit (tertulis 2)."
    assert answer(second) == answer(validate_enrolment(replace(raw, nik="12"), **REFERENCE))  # type: ignore[arg-type]


@pytest.mark.parametrize(("first", "second"), [
    (Decimal("1.50"), Decimal("1.5")), (-0.0, 0.0), (True, 1), (1, 1.0), ("3", 3),
])
def test_equal_values_spelled_differently_are_checked_on_their_own(first, second):
    rules = EnrolmentRules(**REFERENCE)  # type: ignore[arg-type]
    for income in (first, second):
        raw = EnrolmentInput(
            nik="3372011705850001", name="Budi", phone="081234567890", kecamatan="Laweyan",
            kelurahan="Pajang", address="", segment="ojol", income=income, with_jht=income,
            funding="self", months_paid=income, start_month="03/2026", enrolled_on="02/03/2026")
        assert answer(rules.validate(raw)) == answer(validate_enrolment(raw, **REFERENCE))  # type: ignore[arg-type]


def test_a_column_of_unique_values_stops_being_remembered(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(validation, "MEMO_LIMIT", 3)
    rules = EnrolmentRules(**REFERENCE)  # type: ignore[arg-type]
    for serial in range(1, 8):
        kpj = f"{serial:011d}"
        raw = EnrolmentInput(
            nik=f"337201170585{serial:04d}", name="Budi", phone="081234567890",
            kecamatan="Laweyan", kelurahan="Pajang", address="", segment="ojol",
            income="1.000.000", with_jht=False, funding="self", months_paid=1,
            start_month="03/2026", enrolled_on="02/03/2026", kpj=kpj)
        result = rules.validate(raw)
        assert result.value is not None and result.value.kpj == kpj
    assert len(rules._kpj.outcomes) == 3


def test_an_unknown_sector_is_still_a_segment_error_on_every_row():
    rules = EnrolmentRules(**REFERENCE)  # type: ignore[arg-type]
    raw = EnrolmentInput(
        nik="3372011705850001", name="Budi", phone="081234567890", kecamatan="Laweyan",
        kelurahan="Pajang", address="", segment="zz", income="1.000.000", with_jht=False,
        funding="self", months_paid=1, start_month="03/2026", enrolled_on="02/03/2026")
    first, second = rules.validate(raw), rules.validate(raw)
    assert first.errors == second.errors and set(first.errors) == {"segment"}


def test_a_frozen_record_built_from_its_fields_is_the_one_its_constructor_builds():
    from dataclasses import FrozenInstanceError, fields

    from bpu_desktop.domain.validation import (
        CleanEnrolment,
        ValidationResult,
        frozen_from_fields,
    )

    raw = EnrolmentInput(
        nik="3372011705850001", name="Budi", phone="081234567890", kecamatan="Laweyan",
        kelurahan="Pajang", address="", segment="ojol", income="1.000.000", with_jht=False,
        funding="self", months_paid=1, start_month="03/2026", enrolled_on="02/03/2026")
    result = SHARED.validate(raw)
    assert result.value is not None
    for record in (raw, result.value, result):
        cls = type(record)
        assert not hasattr(cls, "__post_init__")  # nothing the constructor would do besides
        values = {f.name: getattr(record, f.name) for f in fields(record)}
        for kept in (False, True):
            built = frozen_from_fields(cls, dict(values), kept=kept)
            assert built == cls(**values)
            assert repr(built) == repr(cls(**values))
            if cls is not ValidationResult:  # that one holds dicts: no hash
                assert hash(built) == hash(cls(**values))
            with pytest.raises(FrozenInstanceError):
                built.name = "x"  # type: ignore[misc, union-attr]
    assert isinstance(result.value, CleanEnrolment)

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bpu_desktop.domain.nik import (
    FLOAT_NIK_MESSAGE,
    PROVINCE_CODES,
    InvalidNik,
    looks_like_float_nik,
    mask_nik,
    nik_from_cell,
    parse_nik,
    share_masked_nik,
    share_masked_text,
)

TODAY = date(2026, 11, 24)


def test_man_from_surakarta():
    nik = parse_nik("3372011705850001", today=TODAY)
    assert nik.value == "3372011705850001"
    assert nik.province_code == "33"
    assert nik.regency_code == "3372"
    assert nik.district_code == "337201"
    assert nik.birth_date == date(1985, 5, 17)
    assert nik.sex == "L"
    assert nik.age_on(TODAY) == 41


def test_woman_from_wonogiri_has_forty_added_to_the_day():
    nik = parse_nik("3312055708990002", today=TODAY)
    assert nik.birth_date == date(1999, 8, 17)
    assert nik.sex == "P"


@pytest.mark.parametrize(
    "text", ["3372 0117 0585 0001", "3372.0117.0585.0001", " 3372-011705-850001 "]
)
def test_separators_between_digits_are_ignored(text):
    assert parse_nik(text, today=TODAY).value == "3372011705850001"


def test_century_puts_the_birth_date_in_the_past():
    assert parse_nik("3372011705100001", today=TODAY).birth_date == date(2010, 5, 17)
    assert parse_nik("3372012411260001", today=TODAY).birth_date == date(2026, 11, 24)  # today
    assert parse_nik("3372012511260001", today=TODAY).birth_date == date(1926, 11, 25)
    assert parse_nik("3372011705300001", today=TODAY).birth_date == date(1930, 5, 17)


def test_29_february():
    assert parse_nik("3372012902000001", today=TODAY).birth_date == date(2000, 2, 29)
    assert parse_nik("3372016902040001", today=TODAY).birth_date == date(2004, 2, 29)
    with pytest.raises(InvalidNik, match=r"tidak mungkin \(29-02-01\)"):
        parse_nik("3372012902010001", today=TODAY)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "NIK wajib diisi."),
        ("337201170585001", r"NIK harus 16 digit \(tertulis 15\)\."),
        ("33720117058500011", r"NIK harus 16 digit \(tertulis 17\)\."),
        ("3372O11705850001", "hanya boleh berisi angka"),
        ("3372/011705850001", "hanya boleh berisi angka"),
        ("-3372011705850001", "hanya boleh berisi angka"),
        ("٣٣٧٢٠١١٧٠٥٨٥٠٠٠١", "hanya boleh berisi angka"),  # Arabic-Indic digits
        ("2072011705850001", "Kode provinsi 20"),
        ("1072011705850001", "Kode provinsi 10"),
        ("9972011705850001", "Kode provinsi 99"),
        ("3772011705850001", "Kode provinsi 37"),
        ("3372013102850001", r"tidak mungkin \(31-02-85\)"),
        ("3372010005850001", "tidak mungkin"),  # day 0
        ("3372013205850001", "tidak mungkin"),  # day 32
        ("3372014005850001", "tidak mungkin"),  # day 40
        ("3372017205850001", "tidak mungkin"),  # day 72 (woman, 32)
        ("3372017102850001", "tidak mungkin"),  # woman, 31 Feb
        ("3372011700850001", "tidak mungkin"),  # month 0
        ("3372011713850001", "tidak mungkin"),  # month 13
        ("3372011705850000", "tidak boleh 0000"),
    ],
)
def test_rejects_with_indonesian_message(text, message):
    with pytest.raises(InvalidNik, match=message):
        parse_nik(text, today=TODAY)


def test_invalid_nik_is_a_value_error():
    assert issubclass(InvalidNik, ValueError)


def test_unknown_district_codes_are_accepted():
    assert parse_nik("3372991705850001", today=TODAY).district_code == "337299"


@pytest.mark.parametrize("code", [11, 19, 21, 31, 36, 51, 53, 61, 65, 71, 76, 81, 82, 91, 96])
def test_every_listed_province_is_accepted(code):
    assert parse_nik(f"{code}72011705850001", today=TODAY).province_code == str(code)


def test_mask_keeps_first_and_last_four():
    assert mask_nik("3372011705850001") == "3372********0001"


def test_shared_mask_keeps_only_the_region_part():
    """Birth date and serial both hidden: with sex and kecamatan on the same row, the
    on-screen mask (district + DDMMYY hidden) could be rebuilt; this one cannot."""
    masked = share_masked_nik("3372015705850041")
    assert masked == "337201**********"
    assert not any(ch.isdigit() for ch in masked[6:])


def test_shared_mask_in_text_masks_every_nik_and_nothing_shorter():
    text = "Peserta 3372015705850041 / 3372011505900001, HP 081234567890, 2026"
    assert share_masked_text(text) == (
        "Peserta 337201********** / 337201**********, HP 081234567890, 2026")


@st.composite
def valid_niks(draw):
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    area = draw(st.integers(0, 9999))
    born = draw(st.dates(min_value=date(1927, 1, 1), max_value=TODAY))
    woman = draw(st.booleans())
    serial = draw(st.integers(1, 9999))
    day = born.day + (40 if woman else 0)
    text = f"{province:02d}{area:04d}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
    return text, born, "P" if woman else "L"


@given(valid_niks(), st.sampled_from(["", " ", ".", "-", " - "]))
def test_generated_niks_round_trip(generated, sep):
    text, born, sex = generated
    typed = sep.join([text[:4], text[4:8], text[8:12], text[12:]])
    nik = parse_nik(typed, today=TODAY)
    assert nik.value == text
    assert nik.birth_date == born
    assert nik.sex == sex
    assert nik.age_on(born) == 0
    assert nik.age_on(TODAY) >= 0


@given(st.text(max_size=24))
def test_arbitrary_text_raises_only_invalid_nik(text):
    try:
        nik = parse_nik(text, today=TODAY)
    except InvalidNik as error:
        assert str(error)
    else:
        assert len(nik.value) == 16 and nik.value.isdigit()


def test_age_on_birthday_boundaries():
    nik = parse_nik("3372016902040001", today=TODAY)  # woman born 29 Feb 2004
    assert nik.age_on(date(2025, 2, 28)) == 20
    assert nik.age_on(date(2025, 3, 1)) == 21


class TestNikFromCell:
    def test_int_gives_its_digits(self):
        assert nik_from_cell(3372011705850001) == "3372011705850001"
        assert nik_from_cell(9672011705850001) == "9672011705850001"

    def test_text_is_stripped_and_left_for_parse_nik(self):
        assert nik_from_cell("  3372 0117 0585 0001 ") == "3372 0117 0585 0001"
        assert nik_from_cell(None) == ""

    def test_exact_float_with_nonzero_last_digit_is_trusted(self):
        assert nik_from_cell(3372011705850001.0) == "3372011705850001"
        assert nik_from_cell(Decimal("3372011705850001")) == "3372011705850001"

    @pytest.mark.parametrize(
        "value",
        [
            3372011705850010.0,  # Excel stores only 15 digits: a last 0 may be a lost digit
            9172011705850001.0,  # Papua codes are above 2**53: the double cannot hold them
            float(2**53),
            3372011705850001.5,
            float("nan"),
            float("inf"),
        ],
    )
    def test_untrustworthy_floats_are_refused(self, value):
        with pytest.raises(InvalidNik) as info:
            nik_from_cell(value)
        assert str(info.value) == FLOAT_NIK_MESSAGE

    def test_looks_like_float_nik(self):
        assert looks_like_float_nik(3372011705850001.0)
        assert not looks_like_float_nik(1500000.0)
        assert not looks_like_float_nik(float("nan"))

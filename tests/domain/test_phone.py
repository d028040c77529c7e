import pytest
from hypothesis import given
from hypothesis import strategies as st

from bpu_desktop.domain.phone import (
    InvalidPhone,
    format_phone,
    normalize_phone,
    phone_given,
    phone_prefix,
    whatsapp_number,
)


@pytest.mark.parametrize(
    "text",
    [
        "081234567890",
        "0812-3456-7890",
        "0812.3456.7890",
        "(0812) 3456 7890",
        "+62 812 3456 7890",
        "+6281234567890",
        "62 812-3456-7890",
        "6281234567890",
        "+62 (0)812 3456 7890",
    ],
)
def test_all_common_forms_give_one_canonical_number(text):
    assert normalize_phone(text) == "081234567890"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "kosong"),
        ("0812-ABC-7890", "hanya boleh berisi angka"),
        ("0274 123456", "seluler"),  # a Yogyakarta landline
        ("812345678901", "seluler"),
        ("+1 415 555 0100", "luar negeri"),
        ("081234567", r"10 sampai 13 digit \(tertulis 9\)"),
        ("08123456789012", r"10 sampai 13 digit \(tertulis 14\)"),
    ],
)
def test_rejects_with_indonesian_message(text, message):
    with pytest.raises(InvalidPhone, match=message):
        normalize_phone(text)


def test_format_and_whatsapp():
    assert format_phone("081234567890") == "0812-3456-7890"
    assert format_phone("0812345678") == "0812-345-678"
    assert format_phone("") == ""  # a member without a number: not "--"
    assert whatsapp_number("081234567890") == "6281234567890"


subscriber = st.text(alphabet="0123456789", min_size=8, max_size=11)
separator = st.sampled_from(["", " ", "-", ".", "  "])


@given(subscriber, st.sampled_from(["0", "+62", "62", "+62 ", "62-", "+62 (0)"]), separator)
def test_any_prefix_and_separators_normalise_to_the_same_number(sub, prefix, sep):
    canonical = "08" + sub
    body = "8" + sub
    typed = prefix + sep.join(body[i : i + 4] for i in range(0, len(body), 4))
    assert normalize_phone(typed) == canonical
    assert normalize_phone(canonical) == canonical
    assert whatsapp_number(canonical) == "628" + sub
    assert format_phone(canonical).replace("-", "") == canonical


@given(st.text(max_size=30))
def test_arbitrary_text_either_normalises_or_raises_invalid_phone(text):
    try:
        result = normalize_phone(text)
    except InvalidPhone as error:
        assert str(error)
    else:
        assert result.startswith("08")
        assert result.isdigit()
        assert 10 <= len(result) <= 13


@pytest.mark.parametrize(("typed", "prefix"), [
    ("0812", "0812"), ("0812-3456", "08123456"), ("+62 812", "0812"), ("+62 (0)812", "0812"),
    ("0857", "0857"), ("081", None), ("08", None), ("0", None), ("62812", None),
    ("3372", None), ("Sri", None), ("", None),
])
def test_phone_prefix_of_a_search(typed, prefix):
    assert phone_prefix(typed) == prefix


@pytest.mark.parametrize(("text", "given"), [
    ("", False), ("   ", False), ("-", False), ("--", False), ("\u2013", False),
    ("\u2014", False), (" . ", False),
    ("0", True), ("-0812-", True), ("tidak ada", True), ("08123456789", True),
])
def test_blank_or_a_dash_alone_is_no_number(text, given):
    assert phone_given(text) is given

import pytest

from bpu_desktop.domain.regions import (
    BRANCH_CITIES,
    City,
    Kecamatan,
    Kelurahan,
    area_codes,
    area_name,
    area_names,
    cities,
    default_kelurahan,
    find_kecamatan,
    is_city_code,
    kecamatan_list,
    kecamatan_listing_village,
    kecamatan_names,
    village_key,
    village_list_complete,
    village_name,
    within_area,
)


def test_branch_cities():
    assert cities() == [City("33.72", "Kota Surakarta"), City("33.12", "Kabupaten Wonogiri")]
    assert BRANCH_CITIES == ("33.72", "33.12")


def test_surakarta_has_five_kecamatan_with_codes():
    assert kecamatan_list("33.72") == [
        Kecamatan("33.72.01", "Laweyan", "33.72"),
        Kecamatan("33.72.02", "Serengan", "33.72"),
        Kecamatan("33.72.03", "Pasar Kliwon", "33.72"),
        Kecamatan("33.72.04", "Jebres", "33.72"),
        Kecamatan("33.72.05", "Banjarsari", "33.72"),
    ]


def test_wonogiri_has_25_kecamatan_in_order_without_villages():
    wonogiri = kecamatan_list("33.12")
    assert len(wonogiri) == 25
    assert wonogiri[0] == Kecamatan("33.12.01", "Pracimantoro", "33.12")
    assert wonogiri[11] == Kecamatan("33.12.12", "Wonogiri", "33.12")
    assert wonogiri[-1] == Kecamatan("33.12.25", "Puhpelem", "33.12")
    assert all(default_kelurahan(k.code) == [] for k in wonogiri)
    assert len(kecamatan_list()) == 30


@pytest.mark.parametrize(
    ("code", "count"),
    [("33.72.01", 11), ("33.72.02", 7), ("33.72.03", 10), ("33.72.04", 11), ("33.72.05", 15)],
)
def test_surakarta_kelurahan_per_kecamatan(code, count):
    assert len(default_kelurahan(code)) == count


def test_54_kelurahan_in_surakarta():
    everything = default_kelurahan()
    assert len(everything) == 54
    assert len({(k.kecamatan_code, k.name) for k in everything}) == 54
    assert Kelurahan("33.72.05", "Banjarsari") in everything  # also a kecamatan name
    assert Kelurahan("33.72.03", "Kedung Lumbu") in everything
    assert Kelurahan("33.72.01", "Karangasem") in everything


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Laweyan", "33.72.01"),
        ("LAWEYAN", "33.72.01"),
        ("  pasar   kliwon ", "33.72.03"),
        ("Kec. Jebres", "33.72.04"),
        ("Kecamatan Banjarsari", "33.72.05"),
        ("33.72.02", "33.72.02"),
        ("337202", "33.72.02"),
        ("puhpelem", "33.12.25"),
    ],
)
def test_find_kecamatan_by_name_or_code(text, code):
    found = find_kecamatan(text)
    assert found is not None
    assert found.code == code


@pytest.mark.parametrize("text", ["", "Kartasura", "33.72.09", "Kota Surakarta"])
def test_unknown_kecamatan_is_none(text):
    assert find_kecamatan(text) is None


def test_find_kecamatan_searches_the_given_list():
    added = Kecamatan("33.11.01", "Weru", "33.11")
    assert find_kecamatan("weru") is None
    assert find_kecamatan("weru", among=[added]) == added


@pytest.mark.parametrize(("typed", "name"), [
    ("Pajang", "Pajang"), ("  Desa   Pajang Baru ", "Pajang Baru"), ("Kel. Jebres", "Jebres"),
    ("kelurahan Sondakan", "Sondakan"), ("Ds. Wuryorejo", "Wuryorejo"),
    ("Desa", "Desa"),  # nothing after the word: it is the name
    ("Desanta", "Desanta"), ("Kelun", "Kelun"),
])
def test_village_name_drops_the_word_in_front(typed: str, name: str):
    assert village_name(typed) == name
    assert village_key(typed) == name.casefold()


def test_only_surakarta_village_lists_are_complete():
    assert all(village_list_complete(k.code) for k in kecamatan_list("33.72"))
    assert not any(village_list_complete(k.code) for k in kecamatan_list("33.12"))


def _villages() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for k in default_kelurahan():
        found.setdefault(k.kecamatan_code, []).append(k.name)
    return found


def test_the_kecamatan_listing_a_village_typed_under_another():
    villages = _villages()
    assert kecamatan_listing_village("kel.  KERTEN", "33.72.04", villages) == [
        (Kecamatan("33.72.01", "Laweyan", "33.72"), "Kerten")]
    assert kecamatan_listing_village("Kerten", "33.72.01", villages) == []  # its own
    assert kecamatan_listing_village("Kampung Entah", "33.72.04", villages) == []
    assert kecamatan_listing_village("", "33.72.04", villages) == []
    # Another city's list is not searched: desa names repeat from one regency to another.
    assert kecamatan_listing_village("Kerten", "33.12.11", villages) == []
    wonogiri = villages | {"33.12.11": ["Jaten"], "33.12.12": ["Giriwono"]}
    assert [(k.name, name) for k, name in
            kecamatan_listing_village("jaten", "33.12.10", wonogiri)] == [("Selogiri", "Jaten")]


@pytest.mark.parametrize(("code", "area", "within"), [
    ("33.12.11", None, True), ("33.12.11", "", True),
    ("33.12.11", "33.12", True), ("33.12.11", "33.12.11", True),
    ("33.12.11", "33.12.01", False), ("33.12.11", "33.72", False),
    # A whole regency (Pemkab Wonogiri): its regency and the branch, no single kecamatan.
    ("33.12", None, True), ("33.12", "33.12", True),
    ("33.12", "33.12.11", False), ("33.12", "33.72", False),
    # No area: the branch only.
    ("", None, True), ("", "33.12", False), ("", "33.12.11", False),
    ("33.1", "33.12", False),  # a prefix that is not the city's is not in it
])
def test_within_area(code, area, within):
    assert within_area(code, area) is within


def test_area_names_codes_and_cities():
    assert area_name("33.12") == "Kabupaten Wonogiri"
    assert area_name("33.72.05") == "Banjarsari"
    assert area_name("") == "" and area_name("99.99") == "99.99"
    assert is_city_code("33.72") and not is_city_code("33.72.01") and not is_city_code("")
    assert {"33.72", "33.12", "33.72.05", "33.12.25"} <= area_codes()
    assert len(area_codes()) == 2 + 5 + 25


def test_kecamatan_names_and_area_names_by_code():
    kecamatan = kecamatan_names()
    assert kecamatan["33.72.05"] == "Banjarsari" and len(kecamatan) == 5 + 25
    assert "33.12" not in kecamatan  # a city is not a kecamatan
    assert area_names() == {**{c.code: c.name for c in cities()}, **kecamatan}
    assert set(area_names()) == area_codes()


@pytest.mark.parametrize("typed", ["Ps. Kliwon", "Psr Kliwon", "psr. kliwon", "Pasarkliwon",
                                   "Kec. Ps Kliwon", "Pasar-Kliwon", "PASAR  KLIWON"])
def test_kecamatan_abbreviations_and_missing_spaces_are_found(typed: str) -> None:
    found = find_kecamatan(typed)
    assert found is not None and found.name == "Pasar Kliwon"


@pytest.mark.parametrize(("typed", "message"), [
    ("Lawean", "Kecamatan 'Lawean' tidak dikenal; mungkin maksudnya 'Laweyan'?"),
    ("Pasar Kliwn", "Kecamatan 'Pasar Kliwn' tidak dikenal; mungkin maksudnya 'Pasar Kliwon'?"),
    ("Banjasari", "Kecamatan 'Banjasari' tidak dikenal; mungkin maksudnya 'Banjarsari'?"),
    ("Atlantis", "Kecamatan 'Atlantis' tidak dikenal."),
])
def test_an_unknown_kecamatan_names_a_near_miss(typed: str, message: str) -> None:
    from bpu_desktop.domain.validation import unknown_kecamatan

    assert unknown_kecamatan(typed, kecamatan_list()) == message

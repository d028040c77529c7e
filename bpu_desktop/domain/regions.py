"""The branch's areas: Kota Surakarta and Kabupaten Wonogiri, their kecamatan and kelurahan.

Seed data only: users add villages (the Wonogiri desa are not shipped) and the store keeps
them in the database.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from .seed import load_seed

SURAKARTA = "33.72"
WONOGIRI = "33.12"
BRANCH_CITIES = (SURAKARTA, WONOGIRI)
# Cities whose every kelurahan is shipped (Solo's 54): a name not listed under one of their
# kecamatan is a typing or area mistake, never a village to add. Wonogiri's desa are added
# by users.
COMPLETE_VILLAGE_LISTS = frozenset({SURAKARTA})

_KECAMATAN_PREFIX = re.compile(r"^(?:kecamatan|kec\.?)\s*", re.IGNORECASE)
# Abbreviations written for a word of a kecamatan's name: "Ps. Kliwon", "Psr Kliwon".
_KECAMATAN_WORDS = ((re.compile(r"^(?:psr|ps)\b\.?\s*", re.IGNORECASE), "pasar "),)
_VILLAGE_PREFIX = re.compile(r"^(?:kelurahan|kel\.?|desa|ds\.?)\s+", re.IGNORECASE)


def village_name(text: str) -> str:
    """A kelurahan/desa as the list keeps it: "Desa Pajang  Baru" and "Kel. Pajang Baru"
    are "Pajang Baru" (the word in front says what it is, not which)."""
    name = " ".join(text.split())
    return _VILLAGE_PREFIX.sub("", name) or name


def village_key(text: str) -> str:
    """What two spellings of one desa share: `village_name` with case folded."""
    return village_name(text).casefold()


@dataclass(frozen=True)
class City:
    code: str  # "33.72"
    name: str


@dataclass(frozen=True)
class Kecamatan:
    code: str  # "33.72.01"
    name: str
    city_code: str


@dataclass(frozen=True)
class Kelurahan:
    kecamatan_code: str
    name: str


def cities() -> list[City]:
    return [City(code=c["code"], name=c["name"]) for c in load_seed("regions")["cities"]]


def kecamatan_list(city_code: str | None = None) -> list[Kecamatan]:
    """Shipped kecamatan, all or those of one city, in code order."""
    return [
        Kecamatan(code=k["code"], name=k["name"], city_code=k["city_code"])
        for k in load_seed("regions")["kecamatan"]
        if city_code is None or k["city_code"] == city_code
    ]


def kecamatan_names() -> dict[str, str]:
    """Names of the shipped kecamatan by code ("33.72.05" -> "Banjarsari")."""
    return {k.code: k.name for k in kecamatan_list()}


def area_names() -> dict[str, str]:
    """Names of the shipped cities and kecamatan by code: every area a record may be placed
    in."""
    names = {c.code: c.name for c in cities()}
    names.update(kecamatan_names())
    return names


def default_kelurahan(kecamatan_code: str | None = None) -> list[Kelurahan]:
    """Shipped kelurahan (Kota Surakarta only), all or those of one kecamatan."""
    return [
        Kelurahan(kecamatan_code=code, name=name)
        for code, names in load_seed("regions")["kelurahan"].items()
        if kecamatan_code is None or code == kecamatan_code
        for name in names
    ]


def normalize_code(text: str) -> str:
    """``337201`` or ``33.72.01`` both become ``33.72.01``; other text is returned stripped."""
    digits = text.strip().replace(".", "")
    if digits.isascii() and digits.isdigit() and len(digits) in (4, 6):
        return ".".join(digits[i : i + 2] for i in range(0, len(digits), 2))
    return text.strip()


def kecamatan_key(text: str) -> str:
    """What every spelling of one kecamatan shares: without "Kec."/"Kecamatan" in front,
    abbreviations written out ("Ps."/"Psr" -> Pasar), case folded, spaces and dashes
    left out ("Pasarkliwon", "Pasar-Kliwon" are Pasar Kliwon)."""
    name = _KECAMATAN_PREFIX.sub("", " ".join(text.split()))
    for abbreviation, word in _KECAMATAN_WORDS:
        name = abbreviation.sub(word, name)
    return name.casefold().replace(" ", "").replace("-", "")


def find_kecamatan(
    name_or_code: str, among: Sequence[Kecamatan] | None = None
) -> Kecamatan | None:
    """The kecamatan with this name or code (any spelling `kecamatan_key` equates:
    "Kec. Laweyan", "Ps. Kliwon", "Pasarkliwon").

    ``among`` is the list to search (the database's); the shipped list by default.
    """
    text = " ".join(str(name_or_code).split())
    if not text:
        return None
    candidates = kecamatan_list() if among is None else among
    code = normalize_code(text)
    name = kecamatan_key(text)
    for kecamatan in candidates:
        if kecamatan.code == code or kecamatan_key(kecamatan.name) == name:
            return kecamatan
    return None


def is_city_code(code: str) -> bool:
    """``33.12``, a whole city or regency, as against a kecamatan (``33.12.05``)."""
    parts = code.split(".")
    return len(parts) == 2 and all(p.isdigit() and len(p) == 2 for p in parts)


def area_codes() -> frozenset[str]:
    """Every area a record may be placed in: the branch's cities and their kecamatan."""
    return frozenset(area_names())


def area_name(code: str) -> str:
    """"Kabupaten Wonogiri" for a city's code, "Laweyan" for a kecamatan's; a code not
    listed is shown as it is."""
    return area_names().get(code, code)


def within_area(code: str, area: str | None) -> bool:
    """Whether something placed at `code` counts in `area`'s figures.

    `code` is a kecamatan, a whole city/regency (a government sponsor paying across all of
    Wonogiri is placed at ``33.12``) or "" (no area); `area` a city, a kecamatan, or
    None/"" for the whole branch. A kecamatan counts in itself, its city and the branch; a
    whole city in itself and the branch, never in one of its kecamatan (it is in none
    more than another); no area only in the branch."""
    if not area:
        return True
    return code == area or code.startswith(area + ".")


def city_code_of(kecamatan_code: str) -> str:
    """``33.72.04`` -> ``33.72``."""
    return kecamatan_code.rpartition(".")[0]


def village_list_complete(kecamatan_code: str) -> bool:
    """True when the kecamatan's villages are all listed (Kota Surakarta): none is added."""
    return city_code_of(kecamatan_code) in COMPLETE_VILLAGE_LISTS


def kecamatan_listing_village(
    typed: str,
    kecamatan_code: str,
    kelurahan_by_kecamatan: Mapping[str, Collection[str]],
    among: Sequence[Kecamatan] | None = None,
) -> list[tuple[Kecamatan, str]]:
    """The other kecamatan of the same city whose list holds the typed village (spelling
    as `village_key` compares it), each with the name as listed, in code order: "kerten"
    under Jebres is Laweyan's "Kerten"."""
    key = village_key(typed)
    if not key:
        return []
    city = city_code_of(kecamatan_code)
    found = []
    for k in kecamatan_list() if among is None else among:
        if k.code == kecamatan_code or k.city_code != city:
            continue
        listed = next((name for name in kelurahan_by_kecamatan.get(k.code, ())
                       if village_key(name) == key), None)
        if listed is not None:
            found.append((k, listed))
    return found

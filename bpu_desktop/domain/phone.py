"""Indonesian mobile numbers, kept in one canonical form: ``08xxxxxxxx`` (10 to 13 digits).

A member may have no number (elderly workers, partners' lists without one): that is kept
as ``''``; whether it is allowed is the enrolment rule's business (`validation`)."""

from __future__ import annotations

import re

MIN_DIGITS = 10
MAX_DIGITS = 13

SEARCH_DIGITS = 4
_IGNORED = re.compile(r"[\s.\-()/]+")
# What a list writes for "no number": nothing, or a dash or dots alone ("-", "--", "—", "...").
_NONE_WRITTEN = re.compile(r"[\s.\-\u2013\u2014]*")


class InvalidPhone(ValueError):
    """A number that is no Indonesian mobile; ``str(error)`` is an Indonesian message."""


def phone_given(text: str) -> bool:
    """Whether `text` holds a number at all, right or wrong: blank, or a dash or dots
    alone (what partners' lists write for "none"), is no number."""
    return not _NONE_WRITTEN.fullmatch(str(text))


def normalize_phone(text: str) -> str:
    """Canonical ``08…`` form of ``08…``, ``+62 8…``, ``62 8…`` or ``628…``.

    Spaces, dashes, dots, slashes and parentheses are ignored; ``+62 (0)812…`` works too.
    """
    raw = str(text).strip()
    if not raw:
        raise InvalidPhone("Nomor HP kosong.")
    compact = _IGNORED.sub("", raw)
    plus = compact.startswith("+")
    if plus:
        compact = compact[1:]
    if not compact.isascii() or not compact.isdigit():
        raise InvalidPhone("Nomor HP hanya boleh berisi angka (boleh diawali +62).")
    if compact.startswith("62"):
        rest = compact[2:]
        compact = rest if rest.startswith("0") else "0" + rest
    elif plus:
        raise InvalidPhone("Nomor HP luar negeri tidak diterima; gunakan nomor Indonesia (+62).")
    if not compact.startswith("08"):
        raise InvalidPhone("Nomor HP harus nomor seluler yang diawali 08 atau +62 8.")
    if not MIN_DIGITS <= len(compact) <= MAX_DIGITS:
        raise InvalidPhone(
            f"Nomor HP harus {MIN_DIGITS} sampai {MAX_DIGITS} digit (tertulis {len(compact)})."
        )
    return compact


def phone_prefix(text: str) -> str | None:
    """The canonical start of a phone number being typed into a search box ("0812",
    "+62 812" -> "0812"), or None when the text is not one. Only ``08…`` and ``+62…``
    count: a bare "62…" may be the start of a NIK (province 62 is Kalimantan Tengah).
    Four digits at least: "08" is every member's number, nothing to search by."""
    compact = _IGNORED.sub("", str(text).strip())
    if compact.startswith("+62"):
        rest = compact[3:]
        compact = rest if rest.startswith("0") else "0" + rest
    if len(compact) < SEARCH_DIGITS or not compact.startswith("08") or not compact.isdigit():
        return None
    return compact


def format_phone(canonical: str) -> str:
    """Readable grouping for display: ``0812-3456-7890``; no number stays ``''``."""
    if not canonical:
        return ""
    head, rest = canonical[:4], canonical[4:]
    split = len(rest) // 2
    return f"{head}-{rest[:split]}-{rest[split:]}"


def whatsapp_number(canonical: str) -> str:
    """International form without ``+`` for wa.me links: ``62812…``."""
    return "62" + canonical[1:]

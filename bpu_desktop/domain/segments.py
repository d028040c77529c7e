"""Occupations (segments) targeted by outreach, each in a PP 50/2025 sector.

The list is seed data: the store copies it into the database where users may edit it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .seed import load_seed


@dataclass(frozen=True)
class Segment:
    code: str
    name: str
    sector: str  # one of contributions.SECTORS


def default_segments() -> list[Segment]:
    """The occupations shipped in ``resources/segments.json``, in display order."""
    return [
        Segment(code=s["code"], name=s["name"], sector=s["sector"])
        for s in load_seed("segments")["segments"]
    ]


def _words(text: str) -> str:
    """`Kuli angkut / porter` -> `kuli angkut porter`: case, punctuation, underscores and
    extra spaces aside."""
    return " ".join(re.sub(r"[^\w]+|_", " ", text.casefold()).split())


def _spellings(segment: Segment) -> tuple[str, ...]:
    """What an officer may type for a segment: its code, its name, the name without the
    part in brackets and that part ("UMKM", "usaha mikro dan kecil"), and each side of a
    slash ("Kuli angkut", "porter")."""
    name = segment.name
    parts = [segment.code, name, re.sub(r"\([^)]*\)", " ", name),
             *re.findall(r"\(([^)]*)\)", name), *name.split("/")]
    # Initials of a name (or a part of it) of three words or more, as lists abbreviate
    # them: "PRT", "BHL".
    bases = [*re.sub(r"\([^)]*\)", " ", name).split("/"), *re.findall(r"\(([^)]*)\)", name)]
    initials = ["".join(w[0] for w in words.split()) for words in map(_words, bases)
                if len(words.split()) >= 3]
    return tuple(dict.fromkeys(w for w in [*map(_words, parts), *initials] if w))


MIN_PREFIX = 4  # whole words of at least 4 letters: "kir", "man", "ang" name nothing


def segment_matches(code_or_name: str, segments: Sequence[Segment]) -> list[Segment]:
    """The segments an officer's text names, in the order given, from the most exact way of
    naming them that finds any: the code or name (case and spaces aside); one of its
    spellings (`_spellings`: "porter", "ojek online"); the start of one ("pedagang" for
    Pedagang pasar); whole words in one, or the end of a word ("parkir" for Juru parkir).
    More than one means the text is ambiguous ("buruh", "tani"); none, unknown."""
    key = " ".join(str(code_or_name).split()).casefold()
    if not key:
        return []
    exact = [s for s in segments if key in (s.code.casefold(), s.name.casefold())]
    if exact:
        return exact[:1]
    words = _words(key)
    if not words:
        return []
    spelled = [(s, _spellings(s)) for s in segments]
    padded = f" {words} "
    tests = (
        lambda spelling: spelling == words,
        # The first whole words of a spelling ("pedagang" for Pedagang pasar), never the
        # middle of one ("ped").
        lambda spelling: len(words) >= MIN_PREFIX and spelling.startswith(words + " "),
        # A word ending the same way counts too, so that "tani" is Petani or Buruh tani
        # tembakau (ambiguous), not quietly the latter.
        lambda spelling: padded in f" {spelling} " or (
            len(words) >= MIN_PREFIX and " " not in words
            and any(w.endswith(words) for w in spelling.split())),
    )
    for test in tests:
        found = [s for s, spellings in spelled if any(test(sp) for sp in spellings)]
        if found:
            return found
    return []


def find_segment(code_or_name: str, segments: Sequence[Segment]) -> Segment | None:
    """The one segment this text names (see `segment_matches`), or None when it names
    none or several."""
    found = segment_matches(code_or_name, segments)
    return found[0] if len(found) == 1 else None

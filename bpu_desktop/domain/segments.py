"""Occupations (segments) targeted by outreach, each in a PP 50/2025 sector.

The list is seed data: the store copies it into the database where users may edit it.
"""

from __future__ import annotations

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


def find_segment(code_or_name: str, segments: Sequence[Segment]) -> Segment | None:
    """The segment with this code or name (case and surrounding spaces ignored)."""
    key = " ".join(str(code_or_name).split()).casefold()
    if not key:
        return None
    for segment in segments:
        if key in (segment.code.casefold(), segment.name.casefold()):
            return segment
    return None

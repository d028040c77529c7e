"""Shared helpers for the events/sponsors store and UI tests: a file with members."""

from __future__ import annotations

from datetime import date

from bpu_desktop.domain.validation import EnrolmentInput
from bpu_desktop.store.members import MemberRepository, MemberRow
from bpu_desktop.store.reference import validate_enrolment_input

TODAY = date(2026, 5, 20)
NAMES = ["Nol", "Satu", "Dua", "Tiga", "Empat", "Lima", "Enam", "Tujuh", "Delapan", "Sembilan"]


def enrol(store, nik: str, name: str, **kw) -> MemberRow:
    values = dict(
        nik=nik, name=name, phone="0812-3456-7890", kecamatan="Banjarsari",
        kelurahan="Banjarsari", address="", segment="umkm", income="1.000.000",
        with_jht=False, funding="sponsor", months_paid=1, start_month="2026-05",
        enrolled_on="20/05/2026",
    )
    values.update(kw)
    result = validate_enrolment_input(store, EnrolmentInput(**values), today=TODAY)
    assert result.errors == {}
    assert result.value is not None
    return MemberRepository(store).enrol(result.value)


def nik(i: int) -> str:
    """A valid Surakarta NIK (men born 1990), serial i."""
    return f"337205150890{i:04d}"

"""Outreach events (kegiatan): what kinds there are, who the usual partners are, and how
well an event converts attendees into enrolled members."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date

from .dates import format_date, parse_date
from .money import format_number
from .percent import percent
from .regions import find_kecamatan, kecamatan_list
from .validation import check_village

EVENT_KINDS = {
    "sosialisasi": "Sosialisasi",
    "jemput_bola": "Jemput bola / door to door",
    "stand_pasar": "Stand di pasar",
    "pertemuan": "Pertemuan paguyuban/asosiasi",
}

# Offered in the partner list from the start; names typed for an event are offered again.
DEFAULT_PARTNERS = (
    "Disnaker Kota Surakarta",
    "Kantor Kecamatan",
    "Kantor Kelurahan",
    "Paguyuban/Asosiasi",
)

MAX_ATTENDEES = 100_000
# 9.30, 09:30, or digits only from the number keys: 930, 0930 (and 9 for 09:00).
_TIME = re.compile(r"^(\d{1,2})(?:[.:]?(\d{2}))?$")


def event_label(venue: str, held_on: date) -> str:
    """How an event is named wherever it is referred to (lists, filters, conflicts)."""
    return f"{venue} ({format_date(held_on)})"


def conversion_percent(enrolled: int, attendees: int) -> float | None:
    """Enrolled out of attendees, in percent, one decimal rounded half up as every share
    (`percent.percent`); None when no attendees were counted."""
    if attendees <= 0:
        return None
    return percent(enrolled, attendees)


def format_conversion(enrolled: int, attendees: int) -> str:
    value = conversion_percent(enrolled, attendees)
    return "-" if value is None else f"{format_number(value, 1)}%"


def clean_names(names: list[str] | tuple[str, ...]) -> list[str]:
    """Partner or officer names: trimmed, blanks dropped, duplicates (any case) once."""
    seen: set[str] = set()
    result = []
    for name in names:
        name = " ".join(name.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return result


def parse_time(text: str) -> str:
    """``9.30``, ``09:30``, ``0930``, ``930`` or ``9`` becomes ``09:30`` (``09:00``);
    empty stays empty."""
    text = text.strip()
    if not text:
        return ""
    m = _TIME.match(text)
    minutes = m[2] or "00" if m else ""
    if not m or int(m[1]) > 23 or int(minutes) > 59:
        raise ValueError("Jam tidak dikenali; gunakan format jj:mm, contoh 09:30.")
    return f"{int(m[1]):02d}:{minutes}"


@dataclass(frozen=True)
class EventInput:
    held_on: date | str
    time: str
    kecamatan_code: str
    kelurahan: str
    venue: str
    kind: str
    attendees: int
    partners: list[str] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)
    officers: list[str] = field(default_factory=list)
    notes: str = ""


@dataclass(frozen=True)
class CleanEvent:
    held_on: date
    time: str
    kecamatan_code: str
    kelurahan: str
    venue: str
    kind: str
    attendees: int
    partners: list[str]
    segments: list[str]
    officers: list[str]
    notes: str


def attendees_error(attendees: int, enrolled: int) -> str | None:
    """Fewer counted at the event than were enrolled from it is a typing slip (a 200%
    conversion); 0 means not counted and stays allowed."""
    if 0 < attendees < enrolled:
        return (f"Jumlah hadir ({attendees}) lebih sedikit dari peserta yang sudah "
                f"didaftarkan dari kegiatan ini ({enrolled}).")
    return None


def attendance_short(attendees: int, enrolled: int) -> bool:
    """Fewer counted at the event than were enrolled from it (0 included: not counted
    yet). An event's attendance can never be below its enrolments: the form, the desk
    enrolling from the event and the monthly report say so. Never a refusal at the desk
    (an officer enrolling on the spot is not held up by a count to correct later)."""
    return enrolled > max(attendees, 0)


def attendance_note(attendees: int, enrolled: int) -> str | None:
    """The note shown wherever an event's attendance is below its enrolments, or None."""
    if not attendance_short(attendees, enrolled):
        return None
    return (f"Jumlah hadir ({format_number(attendees)}) lebih kecil dari yang mendaftar "
            f"({format_number(enrolled)}): perbarui jumlah hadir.")


def validate_event(
    raw: EventInput, *, today: date, known_kecamatan: set[str] | None = None,
    enrolled: int = 0, villages: Mapping[str, Collection[str]] | None = None,
) -> tuple[dict[str, str], CleanEvent | None]:
    """(errors by field, clean event when there are none). Events may be planned ahead
    (up to a year) but enrolments only count once they happen. `enrolled`: members
    already enrolled from this event (an edit). `villages` (kecamatan code -> listed
    names): a kelurahan typed is checked by the enrolment's rule (`check_village`), so
    "Daftarkan peserta" never carries one the desk refuses; it may stay empty."""
    errors: dict[str, str] = {}
    held_on: date | None = None
    try:
        held_on = parse_date(raw.held_on)
        if (held_on - today).days > 366:
            errors["held_on"] = "Tanggal kegiatan terlalu jauh di depan."
    except ValueError as error:
        errors["held_on"] = str(error)
    time = ""
    try:
        time = parse_time(raw.time)
    except ValueError as error:
        errors["time"] = str(error)
    if not raw.kecamatan_code:
        errors["kecamatan"] = "Kecamatan wajib diisi."
    elif known_kecamatan is not None and raw.kecamatan_code not in known_kecamatan:
        errors["kecamatan"] = "Kecamatan tidak dikenal."
    kelurahan = " ".join(raw.kelurahan.split())
    kecamatan = find_kecamatan(raw.kecamatan_code) if raw.kecamatan_code else None
    if villages is not None and kelurahan and kecamatan is not None:
        try:
            kelurahan = check_village(kelurahan, kecamatan, villages, kecamatan_list())
        except ValueError as error:
            errors["kelurahan"] = str(error)
    venue = " ".join(raw.venue.split())
    if not venue:
        errors["venue"] = "Tempat kegiatan wajib diisi."
    if raw.kind not in EVENT_KINDS:
        errors["kind"] = "Pilih jenis kegiatan."
    if raw.attendees < 0:
        errors["attendees"] = "Jumlah hadir tidak boleh negatif."
    elif raw.attendees > MAX_ATTENDEES:
        errors["attendees"] = "Jumlah hadir terlalu besar."
    elif (message := attendees_error(raw.attendees, enrolled)) is not None:
        errors["attendees"] = message
    if errors or held_on is None:
        return errors, None
    return {}, CleanEvent(
        held_on=held_on, time=time, kecamatan_code=raw.kecamatan_code,
        kelurahan=kelurahan, venue=venue, kind=raw.kind,
        attendees=raw.attendees, partners=clean_names(raw.partners),
        segments=list(dict.fromkeys(raw.segments)), officers=clean_names(raw.officers),
        notes=raw.notes.strip(),
    )

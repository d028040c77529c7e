"""A conflict's stored values as the supervisor reads them: names, not codes.

The dialog's field table and `bpu conflicts` show the same text; the decision itself
still writes the stored values. Every label comes from where it is kept (regions,
segments of this file, funding sources, event kinds, money and date formats); only which
columns hold money, a yes/no or a JSON list is said here, because the stored JSON does not
carry a type. A row is named as the rest of the app names it (`row_label`): a member or
sponsor by name, an event by venue and date, a pledge by sponsor and months.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bpu_desktop.domain.contributions import FUNDING_SOURCES, SECTOR_LABELS
from bpu_desktop.domain.dates import format_date, parse_date
from bpu_desktop.domain.events import EVENT_KINDS, event_label
from bpu_desktop.domain.followup import CONTACT_REASONS, PAYMENT_CHANNELS
from bpu_desktop.domain.money import format_number, format_rupiah
from bpu_desktop.domain.months import month_label, parse_month
from bpu_desktop.domain.nik import SEX_LABELS
from bpu_desktop.domain.phone import format_phone
from bpu_desktop.domain.regions import area_names
from bpu_desktop.domain.sponsorship import PACKAGES, SPONSOR_TYPES, sponsorship_label

from .aggregates import segment_labels
from .database import Store
from .records import get_record

if TYPE_CHECKING:  # conflicts.py imports this module: the type only, for the checker
    from .conflicts import Conflict

NONE_TEXT = "-"
EMPTY_TEXT = "(kosong)"
YES, NO = "Ya", "Tidak"

MONEY_COLUMNS = frozenset({"income", "amount_paid", "amount"})  # "pledged" counts workers
YES_NO_COLUMNS = frozenset({"with_jht", "active"})
AREA_COLUMNS = frozenset({"kecamatan_code", "area_code"})
CODE_LABELS: dict[str, dict[str, str]] = {
    "funding": FUNDING_SOURCES,
    "sector": SECTOR_LABELS,
    "channel": PAYMENT_CHANNELS,
    "package": PACKAGES,
    "kind": EVENT_KINDS,  # an event's; a target's kind (BPU, PU) is its own label
    "type": SPONSOR_TYPES,
    "reason": CONTACT_REASONS,
    "sex": SEX_LABELS,
}
# JSON lists of text (an event's partners and officers) or of numbers (monthly targets).
LIST_COLUMNS = frozenset({"partners", "officers", "monthly"})
SEGMENT_LIST_COLUMNS = frozenset({"segments"})  # an event's target segments, by code

_REFERENCES = {"sponsor_id": "sponsors", "sponsorship_id": "sponsorships", "event_id": "events",
               "enrolment_id": "enrolments"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}.*")
_MONTH = re.compile(r"\d{4}-\d{2}")


class ValueText:
    """Formats one file's values; labels read from the file once (segments, names)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._segments: dict[str, str] | None = None
        self._areas = area_names()

    def __call__(self, field: str, value: Any) -> str:
        if value is None:
            return NONE_TEXT
        if value == "":
            return EMPTY_TEXT
        text = str(value)
        if field in YES_NO_COLUMNS:
            return YES if value in (1, True, "1") else NO
        if field in MONEY_COLUMNS and isinstance(value, int):
            return format_rupiah(value)
        if field in AREA_COLUMNS:
            return self._labelled(self._areas.get(text), text)
        if field == "segment":
            return self._labelled(self.segments().get(text), text)
        if field in CODE_LABELS:  # internal codes: the label alone
            return CODE_LABELS[field].get(text, text)
        if field in LIST_COLUMNS | SEGMENT_LIST_COLUMNS:
            return self._list(field, text)
        if field == "phone" and text.isdigit():
            return format_phone(text)
        if field == "member_id":
            member = get_record(self.store, "members", text, include_deleted=True)
            return f"{member['name']} (NIK {member['nik']})" if member else text
        if field in _REFERENCES:
            return self._reference(field, text)
        if isinstance(value, str):
            return self._when(text)
        return text

    def _list(self, field: str, text: str) -> str:
        """A JSON list as "a, b"; segment codes by their names; not a list: as stored."""
        try:
            items = json.loads(text)
        except ValueError:
            return text
        if not isinstance(items, list):
            return text
        if not items:
            return EMPTY_TEXT
        if field in SEGMENT_LIST_COLUMNS:
            return ", ".join(self.segment_name(item) for item in items)
        return ", ".join(format_number(item) if isinstance(item, int) else str(item)
                         for item in items)

    def _reference(self, field: str, key: str) -> str:
        """A sponsor, pledge, event or enrolment by its name; the key when this file lacks
        it."""
        table = _REFERENCES[field]
        row = get_record(self.store, table, key, include_deleted=True)
        return (self.row_label(table, row) if row is not None else None) or key

    def row_label(self, table: str, row: Mapping[str, Any]) -> str | None:
        """How the app names a row of `table` (None when it cannot): an event by venue and
        date, a pledge by sponsor and months, a payment or enrolment by its member, a
        target by kind, year and area, anything else by its name (or NIK)."""
        try:
            if table == "events":
                return event_label(str(row["venue"]), parse_date(row["held_on"]))
            if table == "sponsorships":
                sponsor = get_record(self.store, "sponsors", str(row["sponsor_id"]),
                                     include_deleted=True)
                return sponsorship_label(sponsor["name"] if sponsor else "?",
                                         parse_month(row["start_month"]),
                                         parse_month(row["end_month"]))
            if table == "targets":
                area = self._areas.get(str(row["area_code"]), str(row["area_code"]))
                return f"{row['kind']} {row['year']} {area}"
        except (KeyError, TypeError, ValueError):
            return None  # a row without the columns it should have: named by its key
        if row.get("name") or row.get("nik"):
            return str(row.get("name") or row.get("nik"))
        member = None
        if row.get("member_id"):
            member = get_record(self.store, "members", str(row["member_id"]),
                                include_deleted=True)
        if member is None and row.get("sponsorship_id"):
            return self._reference("sponsorship_id", str(row["sponsorship_id"]))
        if member is None:
            return None
        if table == "payments" and row.get("from_month") and row.get("to_month"):
            return (f"{member['name']} ({self._when(str(row['from_month']))} - "
                    f"{self._when(str(row['to_month']))})")
        return str(member["name"])

    def segment_name(self, code: Any) -> str:
        """A segment by its name alone (a short summary such as "Ojol, Rp2.500.000")."""
        if code is None:
            return NONE_TEXT
        return self.segments().get(str(code), str(code))

    def segments(self) -> dict[str, str]:
        if self._segments is None:
            self._segments = segment_labels(self.store)
        return self._segments

    @staticmethod
    def _labelled(label: str | None, code: str) -> str:
        return f"{label} ({code})" if label and label != code else code

    @staticmethod
    def _when(text: str) -> str:
        """Dates dd/mm/yyyy, months by name, a time stamp by its day; other text as is."""
        try:
            if _DATE.fullmatch(text):
                return format_date(parse_date(text))
            if stamp := _TIMESTAMP.fullmatch(text):
                return format_date(parse_date(stamp[1]))
            if _MONTH.fullmatch(text):
                return month_label(parse_month(text))
        except ValueError:
            pass  # not a real date after all: shown as stored
        return text


# -- where each copy of a duplicate came from -------------------------------------------
# Two copies of one NIK often hold the same data: what tells them apart is who enrolled
# the person, when, and from which file. Shown for every duplicate, both sides.
THIS_FILE = "berkas ini"
SAME_DATA_NOTE = ("Data kedua salinan sama; pilih salinan mana yang dipakai "
                  "({differ} berbeda).")


@dataclass(frozen=True)
class CopyOrigin:
    """One copy of a duplicate: the officer who enrolled it (created_by), its enrolment
    date (the enrolment's, or the day it was recorded), when it was recorded, and the
    file (or device) it came from."""

    officer: str
    enrolled: str
    recorded: str
    source: str

    def text(self) -> str:
        """"Ani, tgl daftar 20/05/2026 (dicatat 20/05/2026 09:15), dari ani.db"."""
        return (f"{self.officer}, tgl daftar {self.enrolled} (dicatat {self.recorded}), "
                f"dari {self.source}")


@dataclass(frozen=True)
class DuplicateOrigins:
    """Both copies of a duplicate conflict, the branch's (`mine`) and the officer's."""

    mine: CopyOrigin | None
    theirs: CopyOrigin
    same_data: bool  # no content field differs: only the origins tell them apart

    def note(self) -> str:
        """Said when the data is the same: the decision rests on the origins."""
        if not self.same_data:
            return ""
        mine = self.mine or CopyOrigin(NONE_TEXT, NONE_TEXT, NONE_TEXT, NONE_TEXT)
        differ = [word for word, a, b in (
            ("petugas", mine.officer, self.theirs.officer),
            ("tanggal daftar", mine.enrolled, self.theirs.enrolled),
            ("waktu dicatat", mine.recorded, self.theirs.recorded),
            ("asal berkas", mine.source, self.theirs.source)) if a != b]
        return SAME_DATA_NOTE.format(differ=" dan ".join(
            [", ".join(differ[:-1]), differ[-1]] if len(differ) > 1 else differ
            or ["tidak ada yang"]))


def duplicate_origins(store: Store, conflict: Conflict) -> DuplicateOrigins | None:
    """For a duplicate conflict: who enrolled each copy, when, and from where; None for
    any other kind. Reads one enrolment and one merge-log row per side (by index)."""
    if conflict.kind != "duplicate":
        return None
    theirs_enrolment = None
    if conflict.table_name == "members":
        found = [d.incoming for d in conflict.dependents if d.table_name == "enrolments"
                 and d.incoming.get("member_id") == conflict.row_id]
        theirs_enrolment = found[-1] if found else None
    theirs = _origin(conflict.incoming, theirs_enrolment,
                     conflict.source_file or _device_file(store, conflict.source_device))
    mine = None
    if conflict.mine is not None:
        enrolment = None
        if conflict.table_name == "members":
            row = store.conn.execute(
                "SELECT enrolled_on FROM enrolments WHERE member_id = ? "
                "AND deleted_at IS NULL LIMIT 1", (conflict.other_id,)).fetchone()
            enrolment = {"enrolled_on": row[0]} if row else None
        mine = _origin(conflict.mine, enrolment,
                       _device_file(store, str(conflict.mine.get("origin") or "")))
    return DuplicateOrigins(mine=mine, theirs=theirs, same_data=not conflict.differing())


def _origin(row: Mapping[str, Any], enrolment: Mapping[str, Any] | None,
            source: str) -> CopyOrigin:
    created = str(row.get("created_at") or "")
    enrolled = (enrolment or {}).get("enrolled_on") or created[:10]
    return CopyOrigin(officer=str(row.get("created_by") or NONE_TEXT),
                      enrolled=ValueText._when(str(enrolled)) if enrolled else NONE_TEXT,
                      recorded=_local_minute(created), source=source or NONE_TEXT)


def _local_minute(stamp: str) -> str:
    """UTC ISO text -> local "dd/mm/yyyy HH:MM"; as stored when it is not a time."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp or NONE_TEXT
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d/%m/%Y %H:%M")


def _device_file(store: Store, device: str) -> str:
    """The file a device's rows came from: this file's own device is "berkas ini", another
    the last file merged from it, else the device id as stored."""
    if not device:
        return NONE_TEXT
    if device == store.device_id:
        return THIS_FILE
    row = store.conn.execute(
        "SELECT file_name FROM merge_log WHERE device_id = ? ORDER BY merged_at DESC "
        "LIMIT 1", (device,)).fetchone()
    return str(row[0]) if row else device

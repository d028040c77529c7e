"""Outreach events: save (audited), list a page at a time with enrolled counted from the
linked enrolments (never typed), filter by month, kecamatan, partner and segment."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from bpu_desktop.domain.events import (
    CleanEvent,
    attendance_note,
    attendees_error,
    conversion_percent,
    event_label,
)
from bpu_desktop.domain.months import add_months, month_start

from .aggregates import Area, Period
from .database import Store
from .errors import RecordNotFound, StoreError
from .like import ESCAPE, like_escape
from .records import delete_record, get_record, insert_record, save_record


@dataclass(frozen=True)
class EventRow:
    id: str
    held_on: str
    time: str
    kecamatan_code: str
    kelurahan: str
    venue: str
    kind: str
    partners: tuple[str, ...]
    segments: tuple[str, ...]
    officers: tuple[str, ...]
    attendees: int
    notes: str
    version: int
    enrolled: int

    @property
    def conversion(self) -> float | None:
        return conversion_percent(self.enrolled, self.attendees)

    @property
    def attendance_note(self) -> str | None:
        """Said when fewer were counted at the event than were enrolled from it."""
        return attendance_note(self.attendees, self.enrolled)

    @property
    def held_date(self) -> date:
        return date.fromisoformat(self.held_on)


_ENROLLED = ("(SELECT COUNT(*) FROM enrolments e WHERE e.event_id = ev.id "
             "AND e.deleted_at IS NULL)")
_SELECT = ("SELECT ev.id, ev.held_on, ev.time, ev.kecamatan_code, ev.kelurahan, ev.venue, "
           "ev.kind, ev.partners, ev.segments, ev.officers, ev.attendees, ev.notes, "
           f"ev.version, {_ENROLLED} AS enrolled FROM events ev")

SORT_COLUMNS = {
    "held_on": "ev.held_on", "venue": "ev.venue", "kecamatan": "ev.kecamatan_code",
    "kind": "ev.kind", "attendees": "ev.attendees", "enrolled": "enrolled",
    "conversion": "(enrolled * 1.0 / NULLIF(ev.attendees, 0))",
}


@dataclass(frozen=True)
class EventQuery:
    month: date | None = None
    kecamatan_code: str | None = None
    partner: str | None = None
    segment: str | None = None
    search: str = ""
    sort: str = "held_on"
    descending: bool = True

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = ["ev.deleted_at IS NULL"], []
        if self.month is not None:
            start = month_start(self.month)
            clauses.append("ev.held_on >= ? AND ev.held_on < ?")
            params += [start.isoformat(), add_months(start, 1).isoformat()]
        if self.kecamatan_code:
            clauses.append("ev.kecamatan_code = ?")
            params.append(self.kecamatan_code)
        if self.partner:
            clauses.append("EXISTS (SELECT 1 FROM json_each(ev.partners) j "
                           "WHERE j.value = ? COLLATE NOCASE)")
            params.append(self.partner)
        if self.segment:
            clauses.append("EXISTS (SELECT 1 FROM json_each(ev.segments) j WHERE j.value = ?)")
            params.append(self.segment)
        if self.search.strip():
            clauses.append(f"(ev.venue LIKE ? {ESCAPE} OR ev.kelurahan LIKE ? {ESCAPE})")
            text = "%" + like_escape(self.search.strip()) + "%"
            params += [text, text]
        return " AND ".join(clauses), params

    def order_by(self) -> str:
        column = SORT_COLUMNS.get(self.sort, "ev.held_on")
        direction = "DESC" if self.descending else "ASC"
        return f"{column} {direction}, ev.held_on DESC, ev.id"


def _row(values: tuple[Any, ...]) -> EventRow:
    v = list(values)
    for i in (7, 8, 9):
        v[i] = tuple(json.loads(v[i] or "[]"))
    return EventRow(*v)


def _values(clean: CleanEvent) -> dict[str, Any]:
    return {
        "held_on": clean.held_on.isoformat(), "time": clean.time,
        "kecamatan_code": clean.kecamatan_code, "kelurahan": clean.kelurahan,
        "venue": clean.venue, "kind": clean.kind,
        "partners": json.dumps(clean.partners, ensure_ascii=False),
        "segments": json.dumps(clean.segments, ensure_ascii=False),
        "officers": json.dumps(clean.officers, ensure_ascii=False),
        "attendees": clean.attendees, "notes": clean.notes,
    }


class EventRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reading --------------------------------------------------------------------
    def count(self, query: EventQuery = EventQuery()) -> int:
        where, params = query.where()
        sql = f"SELECT COUNT(*) FROM events ev WHERE {where}"
        return int(self.store.conn.execute(sql, params).fetchone()[0])

    def page(self, query: EventQuery, offset: int, limit: int) -> list[EventRow]:
        where, params = query.where()
        sql = f"{_SELECT} WHERE {where} ORDER BY {query.order_by()} LIMIT ? OFFSET ?"
        return [_row(r) for r in self.store.conn.execute(sql, [*params, limit, offset])]

    def get(self, event_id: str) -> EventRow | None:
        row = self.store.conn.execute(
            f"{_SELECT} WHERE ev.id = ? AND ev.deleted_at IS NULL", (event_id,)).fetchone()
        return _row(row) if row else None

    def partner_names(self) -> list[str]:
        """Every partner offered in the form: the defaults and every name typed before."""
        return [r[0] for r in self.store.conn.execute(
            "SELECT name FROM partners WHERE deleted_at IS NULL ORDER BY name")]

    # -- writing --------------------------------------------------------------------
    def save(self, clean: CleanEvent, event_id: str | None = None, *,
             expected_version: int | None = None, source: str = "form") -> EventRow:
        """Insert or update one event and remember new partner names, in one transaction."""
        with self.store.write():
            if event_id is not None:
                enrolled = self.store.conn.execute(
                    "SELECT COUNT(*) FROM enrolments WHERE event_id = ? AND deleted_at IS NULL",
                    (event_id,)).fetchone()[0]
                if (message := attendees_error(clean.attendees, int(enrolled))) is not None:
                    raise StoreError(message)
            self._remember_partners(clean.partners, source=source)
            event_id = save_record(self.store, "events", event_id, _values(clean),
                                   source=source, expected_version=expected_version)
            row = self.get(event_id)
        if row is None:
            raise RecordNotFound("Kegiatan tidak ditemukan.")
        return row

    def delete(self, event_id: str, *, source: str = "form") -> None:
        """Soft delete. Enrolments keep their link (the event is still in the history)."""
        with self.store.write():
            if get_record(self.store, "events", event_id) is None:
                raise RecordNotFound("Kegiatan tidak ditemukan (mungkin sudah dihapus).")
            delete_record(self.store, "events", event_id, source=source)

    def _remember_partners(self, names: list[str], *, source: str) -> None:
        known = {n.casefold() for n in self.partner_names()}
        for name in names:
            if name.casefold() not in known:
                if len(name) > 100:
                    raise StoreError("Nama mitra terlalu panjang (maksimal 100 huruf).")
                insert_record(self.store, "partners", {"name": name}, source=source)
                known.add(name.casefold())


def event_labels(store: Store) -> dict[str, str]:
    """Every event by id, named as the app names it (`event_label`), in one query: deleted
    events too, since their enrolments keep the link."""
    labels: dict[str, str] = {}
    for event_id, venue, held_on in store.conn.execute(
            "SELECT id, venue, held_on FROM events"):
        try:
            labels[event_id] = event_label(venue, date.fromisoformat(held_on))
        except (TypeError, ValueError):  # a damaged date: the place still names it
            labels[event_id] = venue
    return labels


def event_stats(store: Store, period: Period | None = None,
                area: Area | None = None) -> dict[str, int]:
    """For `bpu stats`: how many events (held in `period`, in `area`), attendees counted,
    and enrolments linked to those events."""
    where: list[str] = ["ev.deleted_at IS NULL"]
    params: list[Any] = []
    if period is not None:
        where.append("ev.held_on >= ? AND ev.held_on < ?")
        params.extend(period.bounds())
    if area is not None:
        clause, values = area.clause("ev.kecamatan_code")
        where.append(clause)
        params.extend(values)
    events = " AND ".join(where)
    count, attendees = store.conn.execute(
        f"SELECT COUNT(*), COALESCE(SUM(ev.attendees), 0) FROM events ev WHERE {events}",
        params).fetchone()
    enrolled = store.conn.execute(
        "SELECT COUNT(*) FROM enrolments e JOIN events ev ON ev.id = e.event_id "
        f"WHERE e.deleted_at IS NULL AND {events}", params).fetchone()[0]
    return {"count": int(count), "attendees": int(attendees), "enrolled": int(enrolled)}

"""Figures by period and area: the one query layer for the dashboard, `bpu stats` and the
monthly report, so a count means the same thing on every screen.

Counts are of live enrolments (``deleted_at IS NULL``) by ``enrolled_on``. Counts and
Rupiah by month, kecamatan, segment and officer read the trigger-kept tally
(`enrolment_tally.py`: whole months from it, partial months from the rows); the rest is
aggregated in SQL over the partial index ``enrolments_period_area_segment``. Nothing here
loads rows into Python.
Others add modules next to this one (``progress_stats.py`` ...) that reuse `Period`,
`Area` and `enrolment_filter` rather than copying the WHERE clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bpu_desktop.domain.months import add_months, format_month, iter_months, month_start
from bpu_desktop.domain.regions import area_names, is_city_code

from . import enrolment_tally
from .database import Store
from .live_counts import live_rows


@dataclass(frozen=True)
class Period:
    """Days from ``start`` to ``end``, both included (what a user reads as "Maret 2026")."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("Akhir periode tidak boleh sebelum awalnya.")

    @classmethod
    def month(cls, d: date) -> Period:
        first = month_start(d)
        return cls(first, add_months(first, 1) - timedelta(days=1))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def year_to_date(cls, today: date) -> Period:
        return cls(date(today.year, 1, 1), today)

    @classmethod
    def months(cls, first: date, last: date) -> Period:
        """From the first day of ``first``'s month to the last day of ``last``'s month."""
        return cls(month_start(first), add_months(last, 1) - timedelta(days=1))

    @property
    def end_exclusive(self) -> date:
        return self.end + timedelta(days=1)

    def bounds(self) -> tuple[str, str]:
        """ISO text bounds for ``enrolled_on >= ? AND enrolled_on < ?``."""
        return self.start.isoformat(), self.end_exclusive.isoformat()

    def month_list(self) -> list[date]:
        return list(iter_months(self.start, self.end))


@dataclass(frozen=True)
class Area:
    """A city ("33.72") or a kecamatan ("33.72.05"); the whole branch when not given."""

    code: str

    def __post_init__(self) -> None:
        parts = self.code.split(".")
        if len(parts) not in (2, 3) or not all(p.isdigit() and len(p) == 2 for p in parts):
            raise ValueError(f"Kode wilayah tidak sah: '{self.code}' (contoh 33.72 atau 33.72.05).")

    @property
    def is_city(self) -> bool:
        return is_city_code(self.code)

    def clause(self, column: str) -> tuple[str, list[Any]]:
        """A sargable condition: a code range for a city, equality for a kecamatan."""
        if self.is_city:
            # "33.72." <= code < "33.72/" ("/" sorts right after ".").
            return f"{column} >= ? AND {column} < ?", [self.code + ".", self.code + "/"]
        return f"{column} = ?", [self.code]


def as_area(area: Area | str | None) -> Area | None:
    if area is None or isinstance(area, Area):
        return area
    return Area(area.strip()) if area.strip() else None


@dataclass(frozen=True)
class Tally:
    """One bar of a chart / one line of a table: what (code and name) and how many."""

    key: str
    label: str
    count: int


def enrolment_filter(
    period: Period | None, area: Area | str | None = None, *, alias: str = ""
) -> tuple[str, list[Any]]:
    """The WHERE clause every enrolment figure shares (live rows, period, area)."""
    p = f"{alias}." if alias else ""
    clauses, params = [f"{p}deleted_at IS NULL"], []
    if period is not None:
        clauses.append(f"{p}enrolled_on >= ? AND {p}enrolled_on < ?")
        params += list(period.bounds())
    resolved = as_area(area)
    if resolved is not None:
        sql, values = resolved.clause(f"{p}kecamatan_code")
        clauses.append(sql)
        params += values
    return " AND ".join(clauses), params


def member_count(store: Store, area: Area | str | None = None) -> int:
    """Live members (by where they live when an area is given)."""
    resolved = as_area(area)
    if resolved is None:
        return live_rows(store, "members")
    # The planner does not see that a partial index covers this count; name it
    # (3x faster than scanning the table at a million rows).
    clause, params = resolved.clause("kecamatan_code")
    sql = ("SELECT COUNT(*) FROM members INDEXED BY members_by_kecamatan "
           f"WHERE deleted_at IS NULL AND {clause}")
    return int(store.conn.execute(sql, params).fetchone()[0])


def _tally(store: Store, group: str | None, period: Period | None,
           area: Area | str | None, measure: str = "n") -> dict[str, int]:
    """Live enrolments in the period and area per `group`, from the tally (see
    `enrolment_tally.py`): the same numbers as a COUNT/SUM over the rows."""
    resolved = as_area(area)
    return enrolment_tally.tally(
        store, group, None if period is None else (period.start, period.end),
        None if resolved is None else resolved.clause, measure)


def enrolments_total(store: Store, period: Period | None = None,
                     area: Area | str | None = None) -> int:
    return _tally(store, None, period, area).get("", 0)


def enrolments_count(store: Store, period: Period | None = None,
                     area: Area | str | None = None, *, segment: str | None = None,
                     officer: str | None = None) -> int:
    """Live enrolments in the period and area, of one segment and/or one officer when
    given: from the tally unless both are given (the tally is grouped by one at a time)."""
    if segment and officer:
        where, params = enrolment_filter(period, area)
        return int(store.conn.execute(
            f"SELECT COUNT(*) FROM enrolments WHERE {where} AND segment = ? AND created_by = ?",
            [*params, segment, officer]).fetchone()[0])
    if segment:
        return _tally(store, "segment", period, area).get(segment, 0)
    if officer:
        return _tally(store, "created_by", period, area).get(officer, 0)
    return enrolments_total(store, period, area)


def amount_total(store: Store, period: Period | None = None,
                 area: Area | str | None = None) -> int:
    """Rupiah paid at enrolment (amount_paid) in the period."""
    return _tally(store, None, period, area, "amount").get("", 0)


def amount_by_kecamatan(store: Store, period: Period | None = None,
                        area: Area | str | None = None) -> dict[str, int]:
    """Rupiah paid at enrolment per kecamatan code (what `amount_total(store, period,
    code)` gives for each code, in one read)."""
    return _tally(store, "kecamatan_code", period, area, "amount")


def enrolments_by_month(store: Store, period: Period,
                        area: Area | str | None = None) -> list[tuple[date, int]]:
    """Every month of the period, in order, with its count (0 for a month without any)."""
    counts = _tally(store, "month", period, area)
    return [(m, counts.get(format_month(m), 0)) for m in period.month_list()]


def _grouped(store: Store, column: str, period: Period | None,
             area: Area | str | None) -> list[tuple[str, int]]:
    where, params = enrolment_filter(period, area)
    return [(str(k), int(n)) for k, n in store.conn.execute(
        f"SELECT {column}, COUNT(*) FROM enrolments WHERE {where} GROUP BY {column}", params)]


def segment_labels(store: Store) -> dict[str, str]:
    """Segment names as edited in this file (deleted ones too: old rows still name them)."""
    return dict(store.conn.execute(
        "SELECT code, name FROM segments ORDER BY deleted_at IS NULL").fetchall())


def enrolments_by_kecamatan(store: Store, period: Period | None = None,
                            area: Area | str | None = None) -> list[Tally]:
    """Per kecamatan, in code order (Solo's five, then Wonogiri's 25)."""
    names = area_names()
    counts = _tally(store, "kecamatan_code", period, area)
    return [Tally(code, names.get(code, code or "(tanpa kecamatan)"), n)
            for code, n in sorted(counts.items())]


def enrolments_by_segment(store: Store, period: Period | None = None,
                          area: Area | str | None = None) -> list[Tally]:
    """Per segment, largest first."""
    names = segment_labels(store)
    rows = _tally(store, "segment", period, area).items()
    return sorted((Tally(code, names.get(code, code), n) for code, n in rows),
                  key=lambda t: (-t.count, t.label))


def enrolments_by_officer(store: Store, period: Period | None = None,
                          area: Area | str | None = None) -> list[Tally]:
    """Per officer who keyed the enrolment (``created_by``), largest first."""
    rows = _tally(store, "created_by", period, area).items()
    return sorted((Tally(name, name or "(tanpa nama)", n) for name, n in rows),
                  key=lambda t: (-t.count, t.label))


def enrolments_by_funding(store: Store, period: Period | None = None,
                          area: Area | str | None = None) -> list[tuple[str, int]]:
    """Per funding source code ("self", "sponsor", "apbn", "apbd"), largest first."""
    return sorted(_grouped(store, "funding", period, area), key=lambda kv: (-kv[1], kv[0]))


def last_enrolment_day(store: Store) -> date | None:
    """The latest live enrolment day: one index lookup (MIN and MAX together would scan)."""
    last = store.conn.execute(
        "SELECT MAX(enrolled_on) FROM enrolments WHERE deleted_at IS NULL").fetchone()[0]
    return date.fromisoformat(last) if last else None


def enrolment_span(store: Store, area: Area | str | None = None) -> Period | None:
    """From the first to the last live enrolment day (None for a file without any)."""
    where, params = enrolment_filter(None, area)
    first, last = store.conn.execute(
        f"SELECT MIN(enrolled_on), MAX(enrolled_on) FROM enrolments WHERE {where}", params
    ).fetchone()
    if not first:
        return None
    return Period(date.fromisoformat(first), date.fromisoformat(last))

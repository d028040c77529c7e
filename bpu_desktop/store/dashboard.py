"""Everything the Beranda shows for one choice of year, month and area, as plain data.

One function computes it from the query layer (aggregates + progress_stats, the same
figures as `bpu stats` and the report); the page only lays it out. Being plain data it
can be kept in the file between starts (see `figures_cache.py`): on a merged branch file
of a million members the queries take most of a second, reading the kept copy a
millisecond.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from .aggregates import (
    Period,
    Tally,
    enrolments_by_kecamatan,
    enrolments_by_segment,
    last_enrolment_day,
)
from .database import Store
from .figures_cache import cached
from .status_counts import StatusCounts, cutoffs_for

KECAMATAN_BARS = 15
SEGMENT_BARS = 12
EVENT_BARS = 12  # the latest events


@dataclass(frozen=True)
class DashboardChoice:
    """What the user picked: a year, a month of it (0 = the whole year), an area code
    (None = the whole branch), and the day the figures are for."""

    year: int
    month: int
    area: str | None
    today: date

    @property
    def focus_month(self) -> date:
        """The month the "this month" card shows: the chosen month, else the current month
        in the current year, else December of a past year (January of a future one)."""
        if self.month:
            return date(self.year, self.month, 1)
        if self.year == self.today.year:
            return date(self.year, self.today.month, 1)
        return date(self.year, 12 if self.year < self.today.year else 1, 1)

    @property
    def period(self) -> Period:
        """The chosen month, or the whole year."""
        return Period.month(self.focus_month) if self.month else Period.year(self.year)

    @property
    def until(self) -> date:
        """The last day counted in "this year so far"."""
        return min(self.today, Period.year(self.year).end)



@dataclass(frozen=True)
class Coverage:
    covered: int
    potential: int
    percent: float | None
    areas: list[str]


@dataclass(frozen=True)
class Conversion:
    event_id: str
    label: str
    percent: float


@dataclass(frozen=True)
class DashboardFigures:
    in_month: int
    month_target: int | None
    in_year: int
    year_target: int | None
    pace_to_date: int | None  # what the target's monthly pace asks for up to `until`
    coverage: Coverage | None
    status: StatusCounts
    sponsor_assigned: int | None  # None: this file has no sponsor tables
    sponsor_pledged: int | None
    events: int | None
    monthly: list[int]  # the year's 12 months
    cumulative: list[int]  # up to the current month
    pace_cumulative: list[int] | None
    by_kecamatan: list[Tally]  # largest first
    by_segment: list[Tally]
    conversion: list[Conversion] | None
    # How many there were before the cut to the bars above (a title says "15 teratas");
    # None in a copy kept by an older version.
    kecamatan_total: int | None = None
    segment_total: int | None = None
    conversion_total: int | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> DashboardFigures:
        d: dict[str, Any] = json.loads(text)
        cover = d["coverage"]
        return cls(**{
            **d,
            "coverage": Coverage(**cover) if cover is not None else None,
            "status": StatusCounts(**d["status"]),
            "by_kecamatan": [Tally(**t) for t in d["by_kecamatan"]],
            "by_segment": [Tally(**t) for t in d["by_segment"]],
            "conversion": (None if d["conversion"] is None
                           else [Conversion(**c) for c in d["conversion"]]),
        })


def compute(store: Store, choice: DashboardChoice) -> DashboardFigures:
    """The figures, queried now."""
    # Imported here: a start on kept figures (the usual one) needs none of the queries.
    from . import progress_stats as ps

    year, area, month, until = choice.year, choice.area, choice.focus_month, choice.until
    year_period = Period.year(year)
    target = ps.main_target(store, year, area)
    pace = target.pace() if target else None
    in_year = ps.enrolled(store, Period(year_period.start, max(until, year_period.start)), area)
    cover = ps.coverage(store, year, area, until)
    sponsor = ps.sponsor_progress(store, choice.period, area)
    series = ps.pace_series(store, year, area, choice.today)
    conversion = ps.event_conversion(store, choice.period, area, limit=1_000_000)
    by_kecamatan = sorted(enrolments_by_kecamatan(store, choice.period, area),
                          key=lambda t: -t.count)
    by_segment = enrolments_by_segment(store, choice.period, area)
    return DashboardFigures(
        in_month=ps.enrolled(store, Period.month(month), area),
        month_target=pace[month.month - 1] if pace else None,
        in_year=in_year,
        year_target=target.target if target is not None else None,
        pace_to_date=sum(pace[: until.month]) if pace and until.year == year else None,
        coverage=None if cover is None else Coverage(cover.covered, cover.potential,
                                                     cover.percent, cover.areas),
        status=ps.status_counts(store, choice.today, area),
        sponsor_assigned=None if sponsor is None else sponsor.assigned,
        sponsor_pledged=None if sponsor is None else sponsor.pledged,
        events=ps.events_count(store, Period.month(month), area),
        monthly=series.monthly, cumulative=series.cumulative,
        pace_cumulative=series.pace_cumulative,
        by_kecamatan=by_kecamatan[:KECAMATAN_BARS], by_segment=by_segment[:SEGMENT_BARS],
        conversion=None if conversion is None else [
            Conversion(c.event_id, c.label, c.percent or 0) for c in conversion[:EVENT_BARS]],
        kecamatan_total=len(by_kecamatan), segment_total=len(by_segment),
        conversion_total=None if conversion is None else len(conversion),
    )


def cache_key(store: Store, choice: DashboardChoice) -> str:
    """The choice, and what of `today` the figures depend on, so a kept copy serves the
    next days too until one of these moves: the focus month and the month counted to,
    the status cut-offs (they move on the due day), and the last day counted. Enrolments
    are dated up to the day they are keyed, so with no write since, counting "up to today"
    gives the same as up to the last enrolment day; a file with enrolments dated ahead
    (a laptop clock set wrong) keys on today itself."""
    cut = cutoffs_for(store, choice.today)
    last = last_enrolment_day(store)
    counted_to = min(choice.until, last) if last is not None else choice.until
    # "dashboard3": copies kept before city-wide sponsors counted in their city.
    return (f"dashboard3:{choice.year}:{choice.month}:{choice.area or ''}:"
            f"{choice.focus_month}:{choice.until.month}:{counted_to}:"
            f"{cut.active_from}:{cut.arrears_from}:{cut.lapse_month}")


def dashboard_figures(store: Store, choice: DashboardChoice) -> DashboardFigures:
    """The figures, from the copy kept in the file when nothing was written since."""
    return cached(store, cache_key(store, choice), lambda: compute(store, choice),
                  DashboardFigures.to_json, DashboardFigures.from_json)

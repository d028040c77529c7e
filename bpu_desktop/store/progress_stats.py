"""Progress against targets, coverage of potential, and members by status.

Built on `aggregates.py` (Period, Area, enrolment_filter): one query layer, so the
dashboard, `bpu stats` and the report agree. Status counts are range counts on
`enrolments.paid_until` with cut-off months that `domain.followup.status_cutoffs` reads off
the domain's status rule; the rule is never restated here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bpu_desktop.domain.followup import AREA_BRANCH
from bpu_desktop.domain.months import month_start
from bpu_desktop.domain.percent import percent
from bpu_desktop.domain.regions import within_area

from .aggregates import Area, Period, enrolment_filter, enrolments_by_month, enrolments_count
from .database import Store
from .status_counts import COVERED_BEYOND, StatusCounts, cutoffs_for, status_ranges
from .targets import Target, area_label, list_targets


def area_of(code: str | None) -> Area | None:
    """The aggregates' Area for a target's area code ("cabang" is the whole branch)."""
    if not code or code == AREA_BRANCH:
        return None
    return Area(code)


def status_counts(store: Store, today: date, area: str | None = None) -> StatusCounts:
    """Live enrolments by status on `today` (all enrolled members, whatever their year).

    Status is counted from the month nobody owes for (`domain.status.paid_through`): the
    later of `paid_until` and `covered_until` (months live sponsorships pay for that
    continue paid_until without a gap: `domain.status.covered_through`).

    For the branch or a kecamatan: four range counts on the paid_until indexes, which
    SQLite counts without evaluating an expression per row (at a million enrolments
    ~65 ms instead of ~135 ms, the largest part of a start after a write). A city is a
    range of kecamatan codes, after which paid_until cannot bound the index: one scan of
    the city's rows with four FILTERs is quicker there. Then the few enrolments a sponsor
    covers beyond their own paid_until move from the status of paid_until to that of
    covered_until: one scan of the partial index that holds only covered enrolments."""
    cut = cutoffs_for(store, today)
    resolved = area_of(area)
    where, params = enrolment_filter(None, resolved)
    ranges = status_ranges(cut)
    if resolved is not None and resolved.is_city:
        sql = (", ".join(f"COUNT(*) FILTER (WHERE {cond('paid_until')})" for cond, _ in ranges)
               + f" FROM enrolments WHERE {where}")
        values = [*(v for _, vs in ranges for v in vs), *params]
    else:
        sql = ", ".join(f"(SELECT COUNT(*) FROM enrolments WHERE {where} AND "
                        f"{cond('paid_until')})" for cond, _ in ranges)
        values = [v for _, vs in ranges for v in (*params, *vs)]
    row = store.conn.execute(f"SELECT {sql}", values).fetchone()
    moved = store.conn.execute(
        "SELECT " + ", ".join(
            f"COUNT(*) FILTER (WHERE {cond('covered_until')}) - "
            f"COUNT(*) FILTER (WHERE {cond('paid_until')})" for cond, _ in ranges)
        + f" FROM enrolments WHERE {where} AND {COVERED_BEYOND}",
        [*(v for _, vs in ranges for v in (*vs, *vs)), *params]).fetchone()
    aktif, menunggak, nonaktif, soon = (int(a) + int(b or 0) for a, b in zip(row, moved,
                                                                                strict=True))
    return StatusCounts(aktif=aktif, menunggak=menunggak, nonaktif=nonaktif,
                        segera_nonaktif=soon)


def enrolled(store: Store, period: Period, area: str | None = None, *,
             segment: str | None = None, officer: str | None = None) -> int:
    """Enrolments in the period, for an area (a target's code) and optionally one segment
    or officer."""
    return enrolments_count(store, period, area_of(area), segment=segment, officer=officer)


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    label: str
    enrolled: int | None  # None for PU: the app does not enrol wage earners
    percent_of_target: float | None
    pace_to_date: int | None  # what the monthly pace asks for up to the period's end
    percent_of_pace: float | None
    covered: int | None  # covered before + enrolled this year
    coverage_percent: float | None

    def as_dict(self) -> dict[str, Any]:
        t = self.target
        return {
            "area": t.area_code, "area_name": self.label, "kind": t.kind,
            "segment": t.segment, "officer": t.officer, "target": t.target,
            "enrolled": self.enrolled, "percent_of_target": self.percent_of_target,
            "pace_to_date": self.pace_to_date, "percent_of_pace": self.percent_of_pace,
            "potential": t.potential, "covered": self.covered,
            "coverage_percent": self.coverage_percent,
        }


def target_progress(store: Store, year: int, until: date | None = None,
                    area: str | None = None) -> list[TargetProgress]:
    """Every target of `year` (or only those of one area) with what was enrolled from
    1 January to `until` (default: year end)."""
    end = min(until or date(year, 12, 31), date(year, 12, 31))
    period = Period(date(year, 1, 1), max(end, date(year, 1, 1)))
    result = []
    for t in list_targets(store, year):
        if area is not None and t.area_code != area:
            continue
        count = (enrolled(store, period, t.area_code, segment=t.segment, officer=t.officer)
                 if t.kind == "BPU" else None)
        pace_to_date = None
        if t.target is not None:
            pace_to_date = sum(t.pace()[: period.end.month])
        covered = None
        if t.potential is not None:
            covered = (t.covered_before or 0) + (count or 0)
        result.append(TargetProgress(
            target=t, label=area_label(t.area_code), enrolled=count,
            percent_of_target=percent(count, t.target), pace_to_date=pace_to_date,
            percent_of_pace=percent(count, pace_to_date), covered=covered,
            coverage_percent=percent(covered, t.potential),
        ))
    return result


def main_target(store: Store, year: int, area: str | None) -> Target | None:
    """The BPU target (no segment, no officer) of an area; the branch's when none given."""
    code = area or AREA_BRANCH
    for t in list_targets(store, year):
        if (t.kind == "BPU" and t.area_code == code and not t.segment and not t.officer
                and t.target is not None):
            return t
    return None


@dataclass(frozen=True)
class Coverage:
    covered: int
    potential: int
    areas: list[str]  # the areas whose potential is known (labels)

    @property
    def percent(self) -> float | None:
        return percent(self.covered, self.potential)


def coverage(store: Store, year: int, area: str | None, until: date) -> Coverage | None:
    """Covered (before the year + enrolled this year up to `until`) against the potential
    of the area; for the branch without its own potential, the cities that have one."""
    code = area or AREA_BRANCH
    rows = [t for t in list_targets(store, year)
            if t.kind == "BPU" and t.potential is not None and not t.segment and not t.officer]
    chosen = [t for t in rows if t.area_code == code]
    if not chosen and code == AREA_BRANCH:
        chosen = [t for t in rows if t.area_code.count(".") == 1]
    if not chosen:
        return None
    period = Period(date(year, 1, 1), max(min(until, date(year, 12, 31)), date(year, 1, 1)))
    covered = sum((t.covered_before or 0) + enrolled(store, period, t.area_code)
                  for t in chosen)
    return Coverage(covered=covered, potential=sum(t.potential or 0 for t in chosen),
                    areas=[area_label(t.area_code) for t in chosen])


@dataclass(frozen=True)
class PaceSeries:
    """The dashboard's main chart: cumulative enrolments by month and the target pace."""

    months: list[date]
    monthly: list[int]
    cumulative: list[int]
    pace_cumulative: list[int] | None


def pace_series(store: Store, year: int, area: str | None, today: date) -> PaceSeries:
    """Months of `year` up to `today`'s month (all 12 for a past year) against the pace."""
    counts = enrolments_by_month(store, Period.year(year), area_of(area))
    last = 12 if today.year > year else (month_start(today).month if today.year == year else 0)
    monthly = [n for _, n in counts]
    cumulative, running = [], 0
    for n in monthly[:last]:
        running += n
        cumulative.append(running)
    target = main_target(store, year, area)
    pace = None
    if target is not None:
        pace, total = [], 0
        for n in target.pace():
            total += n
            pace.append(total)
    return PaceSeries(months=[m for m, _ in counts], monthly=monthly, cumulative=cumulative,
                      pace_cumulative=pace)


# -- events and sponsors (the events/sponsors helper's repositories, when present) ---------
# Figures come from store/events.py and store/sponsors.py so "assigned", "pledged" and
# "conversion" mean here what they mean on the Kegiatan and Sponsor pages.

def has_tables(store: Store, *names: str) -> bool:
    present = {r[0] for r in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    return set(names) <= present


def _in_area(code: str, area: str | None) -> bool:
    """An event's kecamatan or a sponsor's area (a kecamatan, a whole city, or none) in
    the chosen area, by the domain's rule: a city-wide sponsor counts in its city and the
    branch, in no single kecamatan."""
    resolved = area_of(area)
    return within_area(code, resolved.code if resolved is not None else None)


@dataclass(frozen=True)
class SponsorProgress:
    assigned: int
    pledged: int

    @property
    def percent(self) -> float | None:
        return percent(self.assigned, self.pledged)


def sponsor_progress(store: Store, period: Period,
                     area: str | None = None) -> SponsorProgress | None:
    """Workers assigned vs pledged over the sponsorships running in the period, of the
    sponsors placed in `area` by their own area (`_in_area`: a city-wide sponsor in its
    city and the branch), not by where their workers live; None when this file has no
    sponsor tables."""
    if not has_tables(store, "sponsors", "sponsorships", "sponsored_members"):
        return None
    from .sponsors import SponsorRepository

    kecamatan = dict(store.conn.execute(
        "SELECT id, kecamatan_code FROM sponsors WHERE deleted_at IS NULL").fetchall())
    first, last = month_start(period.start), month_start(period.end)
    rows = [r for r in SponsorRepository(store, today=period.end).sponsorships()
            if r.start <= last and r.end >= first
            and _in_area(str(kecamatan.get(r.sponsor_id, "")), area)]
    return SponsorProgress(assigned=sum(r.assigned for r in rows),
                           pledged=sum(r.pledged for r in rows))


def _events(store: Store, period: Period, area: str | None) -> list[Any] | None:
    if not has_tables(store, "events"):
        return None
    from .events import EventQuery, EventRepository

    repo = EventRepository(store)
    resolved = area_of(area)
    kecamatan = resolved.code if resolved is not None and not resolved.is_city else None
    rows = []
    for month in period.month_list():
        rows += [r for r in repo.page(EventQuery(month=month, kecamatan_code=kecamatan), 0,
                                      100_000)
                 if _in_area(r.kecamatan_code, area)
                 and period.start.isoformat() <= r.held_on <= period.end.isoformat()]
    return sorted(rows, key=lambda r: r.held_on, reverse=True)


def events_count(store: Store, period: Period, area: str | None = None) -> int | None:
    """Outreach events held in the period; None when this file has no events table."""
    rows = _events(store, period, area)
    return None if rows is None else len(rows)


@dataclass(frozen=True)
class EventConversion:
    event_id: str
    label: str
    attendees: int
    enrolled: int
    percent: float | None


def event_conversion(store: Store, period: Period, area: str | None = None,
                     limit: int = 12) -> list[EventConversion] | None:
    """Enrolments linked to each event of the period against its attendance (latest first),
    with the events module's conversion rule."""
    rows = _events(store, period, area)
    if rows is None:
        return None
    return [EventConversion(event_id=r.id,
                            label=f"{r.held_on[8:10]}/{r.held_on[5:7]} {r.venue or r.kind}"[:32],
                            attendees=r.attendees, enrolled=r.enrolled, percent=r.conversion)
            for r in rows[:limit]]

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

from bpu_desktop.domain.followup import AREA_BRANCH, StatusCutoffs, status_cutoffs
from bpu_desktop.domain.months import add_months, month_start

from .aggregates import Area, Period, enrolment_filter, enrolments_by_month
from .database import Store
from .reference import load_rates
from .targets import Target, area_label, list_targets


def area_of(code: str | None) -> Area | None:
    """The aggregates' Area for a target's area code ("cabang" is the whole branch)."""
    if not code or code == AREA_BRANCH:
        return None
    return Area(code)


def cutoffs_for(store: Store, today: date) -> StatusCutoffs:
    return status_cutoffs(today, load_rates(store))


@dataclass(frozen=True)
class StatusCounts:
    aktif: int
    menunggak: int
    nonaktif: int
    segera_nonaktif: int  # in arrears, and the next missed due date makes them inactive

    @property
    def total(self) -> int:
        return self.aktif + self.menunggak + self.nonaktif

    def as_dict(self) -> dict[str, int]:
        return {"aktif": self.aktif, "menunggak": self.menunggak, "nonaktif": self.nonaktif,
                "segera_nonaktif": self.segera_nonaktif}


def status_counts(store: Store, today: date, area: str | None = None) -> StatusCounts:
    """Live enrolments by status on `today` (all enrolled members, whatever their year)."""
    cut = cutoffs_for(store, today)
    where, params = enrolment_filter(None, area_of(area))
    lapse = cut.lapse_month_text or ""
    row = store.conn.execute(
        f"SELECT COUNT(*) FILTER (WHERE paid_until >= ?), "
        f"COUNT(*) FILTER (WHERE paid_until >= ? AND paid_until < ?), "
        f"COUNT(*) FILTER (WHERE paid_until < ?), "
        f"COUNT(*) FILTER (WHERE paid_until = ?) "
        f"FROM enrolments WHERE {where}",
        [cut.active_from_text, cut.arrears_from_text, cut.active_from_text,
         cut.arrears_from_text, lapse, *params],
    ).fetchone()
    return StatusCounts(aktif=int(row[0]), menunggak=int(row[1]), nonaktif=int(row[2]),
                        segera_nonaktif=int(row[3]))


def enrolled(store: Store, period: Period, area: str | None = None, *,
             segment: str | None = None, officer: str | None = None) -> int:
    """Enrolments in the period, for an area and optionally one segment or officer."""
    where, params = enrolment_filter(period, area_of(area))
    if segment:
        where += " AND segment = ?"
        params.append(segment)
    if officer:
        where += " AND created_by = ?"
        params.append(officer)
    return int(store.conn.execute(
        f"SELECT COUNT(*) FROM enrolments WHERE {where}", params).fetchone()[0])


def percent(part: int | None, whole: int | None) -> float | None:
    """Share in percent, one decimal; None when there is nothing to compare with."""
    if part is None or not whole:
        return None
    return round(100.0 * part / whole, 1)


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
            "wilayah": t.area_code, "nama_wilayah": self.label, "jenis": t.kind,
            "segmen": t.segment, "petugas": t.officer, "target": t.target,
            "terdaftar": self.enrolled, "persen_target": self.percent_of_target,
            "target_sampai_periode": self.pace_to_date, "persen_laju": self.percent_of_pace,
            "potensi": t.potential, "tercakup": self.covered,
            "persen_cakupan": self.coverage_percent,
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


def potential_of(store: Store, year: int, area: str | None) -> Target | None:
    """The BPU row of an area that carries a potential (may have no target)."""
    code = area or AREA_BRANCH
    for t in list_targets(store, year):
        if t.kind == "BPU" and t.area_code == code and not t.segment and not t.officer \
                and t.potential is not None:
            return t
    return None


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


def month_period(d: date) -> Period:
    return Period.month(d)


def previous_month(d: date) -> date:
    return add_months(d, -1)

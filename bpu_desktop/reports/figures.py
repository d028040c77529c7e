"""The figures of the monthly report, read from the one query layer (store/aggregates).

Each part is `None` while the feature that feeds it is not in this version of the app
(the sheet then says "belum tersedia"); the report never computes its own counts, so its
numbers are the dashboard's and `bpu stats`'s.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
from dataclasses import dataclass
from datetime import date, timedelta
from types import ModuleType
from typing import Any

from bpu_desktop.domain.months import add_months, month_start
from bpu_desktop.domain.regions import area_names, cities, kecamatan_names
from bpu_desktop.store import export_rows
from bpu_desktop.store.clock import short_id
from bpu_desktop.store.conflict_values import ValueText
from bpu_desktop.store.conflicts import conflict_name, kind_label
from bpu_desktop.store.database import Store
from bpu_desktop.store.labels import table_label

# What the report's money figure means, said on every sheet that shows it.
RECEIVED_LABEL = "Iuran diterima (Rp)"
RECEIVED_NOTE = ("Iuran diterima = iuran pertama peserta yang mendaftar pada periode itu "
                 "ditambah pembayaran iuran (Bayar iuran / Catat pembayaran) yang tanggal "
                 "bayarnya jatuh pada periode itu. Sejak Januari: 1 Januari s.d. akhir bulan "
                 "laporan.")


@dataclass(frozen=True)
class SummaryLine:
    label: str
    month: int
    year_to_date: int
    target: int | None = None
    achievement: float | None = None
    potential: int | None = None


@dataclass(frozen=True)
class AreaLine:
    city: str
    name: str
    month: int
    year_to_date: int
    amount: int


@dataclass(frozen=True)
class SegmentLine:
    name: str
    month: int
    year_to_date: int


@dataclass(frozen=True)
class OfficerLine:
    officer: str
    enrolments: int
    year_to_date: int
    events: int | None  # from Kegiatan (issue 4) once merged
    conversion: float | None


@dataclass(frozen=True)
class EventLine:
    held_on: str
    name: str
    place: str
    kecamatan: str
    partner: str
    officer: str
    enrolments: int
    attendees: int | None


@dataclass(frozen=True)
class SponsorLine:
    name: str
    kind: str
    npp: str
    pledged: int
    assigned: int
    monthly: int
    total: int


@dataclass(frozen=True)
class ConflictLine:
    table: str
    kind: str
    description: str
    source: str
    since: str


@dataclass
class MonthFigures:
    summary: list[SummaryLine] | None = None
    kecamatan: list[AreaLine] | None = None
    segments: list[SegmentLine] | None = None
    officers: list[OfficerLine] | None = None
    events: list[EventLine] | None = None
    sponsors: list[SponsorLine] | None = None
    conflicts: list[ConflictLine] | None = None


def optional_module(name: str) -> ModuleType | None:
    """A store module of a feature that may not be merged yet."""
    if importlib.util.find_spec(name) is None:
        return None
    return importlib.import_module(name)


def month_figures(store: Store, month: date) -> MonthFigures:
    """Everything the figure sheets show for `month` (and the year up to it)."""
    figures = MonthFigures(conflicts=_conflicts(store))
    aggregates = optional_module("bpu_desktop.store.aggregates")
    if aggregates is not None:
        _from_aggregates(aggregates, store, month, figures)
    events = optional_module("bpu_desktop.store.events")
    if events is not None:
        _from_events(events, store, month, figures)
    sponsors = optional_module("bpu_desktop.store.sponsors")
    if sponsors is not None:
        figures.sponsors = _sponsor_lines(sponsors, store, month)
    targets = optional_module("bpu_desktop.store.progress_stats")
    if targets is not None and figures.summary is not None:
        figures.summary = _with_targets(targets, store, month, figures.summary)
    return figures


def new_enrolments(store: Store, month: date) -> int:
    """Enrolments of the month as `bpu stats` counts them (row stream count before that)."""
    aggregates = optional_module("bpu_desktop.store.aggregates")
    if aggregates is None:
        return export_rows.count_new_members(store, month)
    return int(aggregates.enrolments_total(store, aggregates.Period.month(month)))


def _from_aggregates(agg: ModuleType, store: Store, month: date, figures: MonthFigures) -> None:
    """Month and year-to-date figures, exactly as the dashboard and `bpu stats` count."""
    period = agg.Period.month(month)
    ytd = agg.Period(date(month.year, 1, 1), period.end)
    names = area_names()
    received = _received_by_kecamatan(agg, store, period)  # their sum is the month's total
    summary = [SummaryLine("Seluruh cabang", agg.enrolments_total(store, period),
                           agg.enrolments_total(store, ytd))]
    for city in cities():
        summary.append(SummaryLine(city.name, agg.enrolments_total(store, period, city.code),
                                   agg.enrolments_total(store, ytd, city.code)))
    # Like every row above: the month, then the year to date (the label names neither).
    summary.append(SummaryLine(RECEIVED_LABEL, sum(received.values()),
                               sum(_received_by_kecamatan(agg, store, ytd).values())))
    figures.summary = summary

    in_month = {t.key: t.count for t in agg.enrolments_by_kecamatan(store, period)}
    in_year = {t.key: t.count for t in agg.enrolments_by_kecamatan(store, ytd)}
    # A kecamatan with money received but nobody enrolled this year (a payment for an
    # older enrolment) has its row too, so the rows add up to Ringkasan's figure.
    figures.kecamatan = [
        AreaLine(city=names.get(code[:5], code[:5]),
                 name=names.get(code, code or "(tanpa kecamatan)"), month=in_month.get(code, 0),
                 year_to_date=in_year.get(code, 0), amount=received.get(code, 0))
        for code in sorted(set(in_year) | set(received))
    ]

    seg_month = {t.key: t.count for t in agg.enrolments_by_segment(store, period)}
    figures.segments = [SegmentLine(t.label, seg_month.get(t.key, 0), t.count)
                        for t in agg.enrolments_by_segment(store, ytd)]
    # Everyone who enrolled this year, even with none this month: the sheet's totals must
    # equal Ringkasan's; busiest this month first.
    off_month = {t.key: t.count for t in agg.enrolments_by_officer(store, period)}
    figures.officers = sorted(
        (OfficerLine(t.label, off_month.get(t.key, 0), t.count, None, None)
         for t in agg.enrolments_by_officer(store, ytd)),
        key=lambda o: (-o.enrolments, -o.year_to_date, o.officer))


def _received_by_kecamatan(agg: ModuleType, store: Store, period: Any) -> dict[str, int]:
    """Rupiah received in the period per kecamatan code (`RECEIVED_NOTE`): the first
    payment of the enrolments of the period (the tally's amount_paid) plus the payments
    recorded later whose paid_on falls in it."""
    total: dict[str, int] = dict(agg.amount_by_kecamatan(store, period))
    paid = export_rows.payments_by_kecamatan(store, period.start, period.end)
    for code, amount in paid.items():
        total[code] = total.get(code, 0) + amount
    return {code: amount for code, amount in total.items() if amount}


def _labels(module: str, name: str) -> dict[str, str]:
    found = optional_module(module)
    labels = getattr(found, name, None) if found is not None else None
    return dict(labels) if isinstance(labels, dict) else {}


def _from_events(mod: ModuleType, store: Store, month: date, figures: MonthFigures) -> None:
    """Kegiatan of the month (issue 4) and, per officer, their events and conversion."""
    repo = mod.EventRepository(store)
    query = mod.EventQuery(month=month, sort="held_on", descending=False)
    rows = repo.page(query, 0, max(repo.count(query), 1))
    names = kecamatan_names()
    kinds = _labels("bpu_desktop.domain.events", "EVENT_KINDS")
    figures.events = [EventLine(
        held_on=r.held_on, name=kinds.get(r.kind, r.kind),
        place=", ".join(p for p in (r.venue, r.kelurahan) if p),
        kecamatan=names.get(r.kecamatan_code, r.kecamatan_code), partner=", ".join(r.partners),
        officer=", ".join(r.officers), enrolments=r.enrolled, attendees=r.attendees) for r in rows]
    if figures.officers is None:
        return
    per: dict[str, list[int]] = {}
    for r in rows:
        for officer in r.officers:
            counts = per.setdefault(officer, [0, 0, 0])
            counts[0] += 1
            counts[1] += r.attendees or 0
            counts[2] += r.enrolled or 0
    listed = {o.officer for o in figures.officers}
    figures.officers += [OfficerLine(name, 0, 0, None, None)  # ran events, enrolled no one
                         for name in sorted(per) if name not in listed]
    figures.officers = [OfficerLine(
        o.officer, o.enrolments, o.year_to_date, per.get(o.officer, [0])[0],
        (per[o.officer][2] / per[o.officer][1]) if per.get(o.officer, [0, 0])[1] else None)
        for o in figures.officers]


def _sponsor_lines(mod: ModuleType, store: Store, month: date) -> list[SponsorLine]:
    """Sponsorships running in the month: pledged and assigned workers, what the workers
    assigned for the month cost (as the Sponsor page counts it) and the pledge's total."""
    repo = mod.SponsorRepository(store, today=month)
    wanted = month_start(month)
    sponsors = {s.id: s for s in repo.page(mod.SponsorQuery(), 0, max(repo.count(), 1))}
    types = _labels("bpu_desktop.domain.sponsorship", "SPONSOR_TYPES")
    lines = []
    for sp in repo.sponsorships():
        if not sp.start <= wanted <= sp.end:
            continue
        sponsor = sponsors.get(sp.sponsor_id)
        lines.append(SponsorLine(
            name=sp.sponsor_name, kind=types.get(sponsor.type, sponsor.type) if sponsor else "",
            npp=sponsor.npp if sponsor else "", pledged=sp.pledged, assigned=sp.assigned,
            monthly=sp.due_this_month, total=sp.amounts.total))
    return lines


def _with_targets(mod: ModuleType, store: Store, month: date,
                  summary: list[SummaryLine]) -> list[SummaryLine]:
    """Targets and potential (issue 5) next to the year-to-date counts."""
    end = add_months(month_start(month), 1) - timedelta(days=1)
    by_area = {}
    for tp in mod.target_progress(store, month.year, until=end):
        t = tp.target
        if t.kind == "BPU" and not t.segment and not t.officer:
            by_area[t.area_code] = t
    codes = {city.name: city.code for city in cities()}
    branch = mod.main_target(store, month.year, None)
    result = []
    for line in summary:
        target = by_area.get(codes[line.label]) if line.label in codes else (
            branch if line.label == "Seluruh cabang" else None)
        if target is None:
            result.append(line)
            continue
        goal = target.target
        result.append(SummaryLine(line.label, line.month, line.year_to_date, goal,
                                  (line.year_to_date / goal) if goal else None, target.potential))
    return result


def _conflicts(store: Store) -> list[ConflictLine] | None:
    rows = export_rows.open_conflicts(store)
    if rows is None:
        return None
    text = ValueText(store)
    return [ConflictLine(table=table_label(r.table_name),
                         kind=kind_label(r.kind, r.table_name),
                         description=_describe(text, r), source=r.source_file,
                         since=r.created_at[:10]) for r in rows]


def _describe(text: ValueText, row: export_rows.ConflictRow) -> str:
    """What the conflict is about, named as the app's conflict list names it (an event by
    venue and date, a pledge by sponsor and months), but never by NIK: the report may be
    shared."""
    try:
        incoming = json.loads(row.incoming)
    except ValueError:
        incoming = None
    if not isinstance(incoming, dict):
        return short_id(row.row_id)
    incoming.pop("nik", None)
    return conflict_name(text, row.table_name, row.row_id, incoming)

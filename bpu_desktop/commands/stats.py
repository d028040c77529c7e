"""`bpu stats`: the file's figures as JSON (or a readable table).

The output is a dict of sections, each built by one small function from `SECTIONS`, all
reading through `store/aggregates.py` (the same numbers as the dashboard). Adding a
section (events, sponsorships, targets, status ...) is adding a function and a line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bpu_desktop.domain.money import format_number
from bpu_desktop.domain.months import format_month, month_label, parse_month
from bpu_desktop.domain.regions import area_names, cities
from bpu_desktop.store import aggregates as agg
from bpu_desktop.store import progress_stats
from bpu_desktop.store.database import Store
from bpu_desktop.store.events import event_stats
from bpu_desktop.store.sponsors import sponsorship_stats

from ._common import add_db_argument, open_for_cli


@dataclass(frozen=True)
class StatsRequest:
    """What every section is computed for."""

    store: Store
    period: agg.Period | None  # None: a file without enrolments
    area: agg.Area | None
    chosen: agg.Period | None = None  # what --year/--month asked for; None: the whole file
    today: date = field(default_factory=lambda: _today())


def _today() -> date:
    """Today; tests put the clock where their figures are counted by hand."""
    return date.today()


def _file(req: StatsRequest) -> dict[str, Any]:
    p = req.period
    return {
        "path": str(req.store.path),
        "period": None if p is None else {"start": p.start.isoformat(), "end": p.end.isoformat()},
        "area": None if req.area is None else {
            "code": req.area.code, "name": area_names().get(req.area.code, req.area.code)},
    }


def _members(req: StatsRequest) -> dict[str, Any]:
    return {"total": agg.member_count(req.store, req.area),
            "enrolments_in_period": 0 if req.period is None
            else agg.enrolments_total(req.store, req.period, req.area)}


def _by_month(req: StatsRequest) -> list[dict[str, Any]]:
    if req.period is None:
        return []
    return [{"month": format_month(m), "label": month_label(m), "count": n}
            for m, n in agg.enrolments_by_month(req.store, req.period, req.area)]


def _tallies(rows: list[agg.Tally]) -> list[dict[str, Any]]:
    return [{"code": t.key, "name": t.label, "count": t.count} for t in rows]


def _by_kecamatan(req: StatsRequest) -> list[dict[str, Any]]:
    return [] if req.period is None else _tallies(
        agg.enrolments_by_kecamatan(req.store, req.period, req.area))


def _by_segment(req: StatsRequest) -> list[dict[str, Any]]:
    return [] if req.period is None else _tallies(
        agg.enrolments_by_segment(req.store, req.period, req.area))


def _by_officer(req: StatsRequest) -> list[dict[str, Any]]:
    if req.period is None:
        return []
    return [{"officer": t.key, "count": t.count}
            for t in agg.enrolments_by_officer(req.store, req.period, req.area)]


def _targets_span(req: StatsRequest) -> tuple[int, date]:
    """The targets' year (asked for, else this year) and the day enrolled is counted to:
    today at the latest, as on the Beranda dashboard, so pace is "by now", not year end."""
    year = req.chosen.start.year if req.chosen else req.today.year
    end = req.chosen.end if req.chosen else date(year, 12, 31)
    return year, min(req.today, end)


def _targets_basis(req: StatsRequest) -> dict[str, Any]:
    """What the targets table counts: enrolled is always 1 January up to `enrolled_until`
    (year to date), also when --month asks for a single month."""
    year, until = _targets_span(req)
    return {"year": year, "enrolled_from": date(year, 1, 1).isoformat(),
            "enrolled_until": until.isoformat(), "enrolled_basis": "year_to_date"}


def _targets(req: StatsRequest) -> list[dict[str, Any]]:
    """Per target of the year: target, enrolled, %, pace to date, potential, coverage %."""
    year, until = _targets_span(req)
    return [p.as_dict() for p in progress_stats.target_progress(
        req.store, year, until, req.area.code if req.area else None)]


def _by_status(req: StatsRequest) -> dict[str, Any]:
    """Members by status today (aktif / menunggak / nonaktif), from the domain rule."""
    today = date.today()
    counts = progress_stats.status_counts(req.store, today, req.area.code if req.area else None)
    return {"as_of": today.isoformat(), **counts.as_dict()}


# key, title shown in the text table, function
SECTIONS: list[tuple[str, str, Callable[[StatsRequest], Any]]] = [
    ("file", "Berkas", _file),
    ("members", "Peserta", _members),
    ("enrolments_by_month", "Pendaftaran per bulan", _by_month),
    ("enrolments_by_kecamatan", "Pendaftaran per kecamatan", _by_kecamatan),
    ("enrolments_by_segment", "Pendaftaran per pekerjaan", _by_segment),
    ("enrolments_by_officer", "Pendaftaran per petugas", _by_officer),
    ("events", "Kegiatan", lambda req: event_stats(req.store, req.chosen, req.area)),
    ("sponsorships", "Sponsor",
     lambda req: sponsorship_stats(req.store, req.today, req.chosen, req.area)),
    ("targets_basis", "Dasar perhitungan target", _targets_basis),
    ("targets", "Target dan cakupan", _targets),
    ("members_by_status", "Peserta per status", _by_status),
]


# Indonesian headings for the text table; a key without one is shown as it is.
HEADINGS = {
    "path": "berkas", "period": "periode", "area": "wilayah", "start": "mulai", "end": "akhir",
    "total": "jumlah peserta", "enrolments_in_period": "pendaftaran dalam periode",
    "month": "bulan", "label": "nama bulan", "code": "kode", "name": "nama",
    "count": "jumlah", "officer": "petugas", "as_of": "per tanggal",
    "area_name": "nama wilayah", "kind": "jenis", "segment": "segmen", "target": "target",
    "enrolled": "terdaftar", "percent_of_target": "% target", "pace_to_date": "target s.d. kini",
    "percent_of_pace": "% laju", "potential": "potensi", "covered": "tercakup",
    "coverage_percent": "% cakupan", "active": "aktif", "arrears": "menunggak",
    "inactive": "nonaktif", "lapses_soon": "segera nonaktif",
    "attendees": "hadir", "sponsors": "sponsor", "pledged": "pekerja dijanjikan",
    "assigned": "pekerja didaftarkan", "billed_month": "bulan tagihan",
    "monthly_amount": "tagihan sebulan (Rp)",
    "year": "tahun", "enrolled_from": "terdaftar dihitung dari",
    "enrolled_until": "terdaftar dihitung sampai", "enrolled_basis": "dasar",
}
# Indonesian words for the few text values the JSON keeps as codes.
VALUES = {"year_to_date": "sejak 1 Januari (tahun berjalan)"}
# Numbers that are names, not amounts: never shown with thousands dots.
NOT_GROUPED = {"year"}


def build_stats(req: StatsRequest) -> dict[str, Any]:
    return {key: build(req) for key, _, build in SECTIONS}


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "stats", help="angka ringkas berkas data",
        description="Jumlah peserta dan pendaftaran per bulan, kecamatan, pekerjaan dan "
        "petugas, kegiatan, sponsor dan target. Tanpa --year/--month: seluruh isi berkas "
        "(target: tahun ini).")
    add_db_argument(parser)
    parser.add_argument("--json", action="store_true", help="keluaran JSON")
    when = parser.add_mutually_exclusive_group()
    when.add_argument("--year", type=_year, metavar="TAHUN", help="tahun, mis. 2026")
    when.add_argument("--month", type=_month, metavar="BULAN", help="bulan, mis. 2026-03")
    parser.add_argument("--area", type=_area, metavar="WILAYAH",
                        help="kode kota (33.72) atau kecamatan (33.72.05)")
    parser.set_defaults(func=run)


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4 and int(text) >= 1900):
        raise argparse.ArgumentTypeError(f"tahun '{text}' tidak sah (contoh 2026)")
    return int(text)


def _month(text: str) -> date:
    try:
        return parse_month(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _area(text: str) -> agg.Area:
    try:
        area = agg.Area(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if area.code not in area_names():
        # A well-formed code outside the branch would print zeros and exit 0: say so instead.
        known = ", ".join(f"{c.code} {c.name}" for c in cities())
        raise argparse.ArgumentTypeError(
            f"Wilayah {area.code} bukan wilayah cabang ini (kota: {known}).")
    return area


def run(args: argparse.Namespace) -> int:
    store = open_for_cli(args.db)
    try:
        if args.year is not None:
            period: agg.Period | None = agg.Period.year(args.year)
        elif args.month is not None:
            period = agg.Period.month(args.month)
        else:
            period = agg.enrolment_span(store, args.area)
        chosen = None if args.year is None and args.month is None else period
        stats = build_stats(StatsRequest(store=store, period=period, area=args.area,
                                         chosen=chosen, today=_today()))
    finally:
        store.close()
    text = json.dumps(stats, ensure_ascii=False, indent=2) if args.json else render_text(stats)
    try:
        print(text)
    except BrokenPipeError:  # `bpu stats | head`: the reader left, that is fine
        sys.stdout = open(os.devnull, "w")  # silence the flush at exit
    return 0


def render_text(stats: dict[str, Any]) -> str:
    """Every section the same way: a dict as "key: value" lines, a list as a table."""
    titles = {key: title for key, title, _ in SECTIONS}
    out: list[str] = []
    for key, value in stats.items():
        out.append(f"== {titles.get(key, key)} ==")
        out.extend(_render(value))
        out.append("")
    return "\n".join(out).rstrip()


def _render(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [f"{HEADINGS.get(k, k)}: {_cell(v, k)}" for k, v in value.items()]
    if isinstance(value, list):
        if not value:
            return ["(kosong)"]
        if not all(isinstance(row, dict) for row in value):
            return [_cell(v) for v in value]
        columns = list(value[0])
        cells = [[_cell(row.get(c), c) for c in columns] for row in value]
        heads = [HEADINGS.get(c, c) for c in columns]
        widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(heads)]
        numeric = [all(isinstance(row.get(c), int) for row in value) for c in columns]

        def line(parts: list[str]) -> str:
            return "  ".join(p.rjust(w) if num else p.ljust(w)
                             for p, w, num in zip(parts, widths, numeric, strict=True)).rstrip()

        return [line(heads), *(line(r) for r in cells)]
    return [_cell(value)]


def _cell(value: Any, key: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int):
        return str(value) if key in NOT_GROUPED else format_number(value)
    if isinstance(value, float):
        return format_number(value, 1)
    if isinstance(value, dict):
        return ", ".join(f"{HEADINGS.get(k, k)} {_cell(v)}" for k, v in value.items())
    return VALUES.get(str(value), str(value))

"""`bpu stats`: events and sponsorships follow --month/--area, targets pace up to today,
text headings in Indonesian."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from bpu_desktop.cli import main
from bpu_desktop.commands import stats as stats_cmd
from bpu_desktop.commands.stats import HEADINGS
from bpu_desktop.store.database import open_store
from bpu_desktop.store.progress_stats import target_progress


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("stats") / "demo.db"
    assert main(["demo", "--db", str(path), "--members", "300", "--seed", "3"]) == 0
    return path


def _stats(capsys, *argv: str) -> dict:
    capsys.readouterr()
    assert main(["stats", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _sql(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_events_follow_month_and_area(demo_db, capsys):
    month = _sql(demo_db, "SELECT substr(held_on, 1, 7), COUNT(*) FROM events "
                          "GROUP BY 1 ORDER BY 2 DESC LIMIT 1")[0][0]
    (count, attendees), = _sql(demo_db, "SELECT COUNT(*), SUM(attendees) FROM events "
                                        f"WHERE held_on LIKE '{month}-%'")
    (total,), = _sql(demo_db, "SELECT COUNT(*) FROM events")
    assert count < total
    events = _stats(capsys, "--db", str(demo_db), "--month", month)["events"]
    assert (events["count"], events["attendees"]) == (count, attendees)
    (solo,), = _sql(demo_db, "SELECT COUNT(*) FROM events WHERE held_on LIKE "
                             f"'{month}-%' AND kecamatan_code LIKE '33.72.%'")
    assert _stats(capsys, "--db", str(demo_db), "--month", month, "--area", "33.72"
                  )["events"]["count"] == solo
    assert _stats(capsys, "--db", str(demo_db))["events"]["count"] == total


def test_sponsorships_follow_month(demo_db, capsys):
    month = _sql(demo_db, "SELECT start_month FROM sponsorships ORDER BY start_month LIMIT 1"
                 )[0][0]
    (running,), = _sql(demo_db, "SELECT COUNT(*) FROM sponsorships WHERE start_month <= "
                                f"'{month}' AND end_month >= '{month}'")
    (total,), = _sql(demo_db, "SELECT COUNT(*) FROM sponsorships")
    got = _stats(capsys, "--db", str(demo_db), "--month", month)["sponsorships"]["count"]
    assert got == running < total


def test_targets_pace_up_to_today_and_default_year(demo_db, capsys, monkeypatch):
    (year,), = _sql(demo_db, "SELECT MIN(year) FROM targets")
    today = date(year, 3, 15)
    monkeypatch.setattr(stats_cmd, "_today", lambda: today)
    store = open_store(demo_db, create=False)
    try:
        dashboard = [p.as_dict() for p in target_progress(store, year, today)]
    finally:
        store.close()
    with_target = [t for t in dashboard if t["target"]]
    assert with_target and all(t["pace_to_date"] < t["target"] for t in with_target)
    by_year = _stats(capsys, "--db", str(demo_db), "--year", str(year))
    assert by_year["targets"] == dashboard
    # No --year/--month: this year's targets, not [] for a period starting last year.
    default = _stats(capsys, "--db", str(demo_db))
    assert default["targets"] == dashboard
    assert default["targets_basis"]["year"] == year
    # --month: enrolled in the targets table is year to date, said so.
    basis = _stats(capsys, "--db", str(demo_db), "--month", f"{year}-02")["targets_basis"]
    assert basis == {"year": year, "enrolled_from": f"{year}-01-01",
                     "enrolled_until": f"{year}-02-28", "enrolled_basis": "year_to_date"}


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_text_table_has_only_indonesian_headings(demo_db, capsys):
    stats = _stats(capsys, "--db", str(demo_db), "--year", "2026")
    keys = _keys({k: v for k, v in stats.items()}) - set(stats)
    assert keys <= set(HEADINGS), keys - set(HEADINGS)
    assert main(["stats", "--db", str(demo_db), "--year", "2026"]) == 0
    out = capsys.readouterr().out
    for english in ("attendees", "sponsors:", "pledged", "assigned", "monthly_amount",
                    "year_to_date"):
        assert english not in out
    assert "pekerja dijanjikan:" in out and "hadir:" in out
    assert "sejak 1 Januari (tahun berjalan)" in out

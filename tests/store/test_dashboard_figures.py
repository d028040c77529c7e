"""The Beranda's figures as one snapshot, and the copy kept in the file between starts."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from bpu_desktop.store import dashboard
from bpu_desktop.store.dashboard import (
    DashboardChoice,
    DashboardFigures,
    compute,
    dashboard_figures,
)
from bpu_desktop.store.database import open_store
from bpu_desktop.store.figures_cache import KEY
from bpu_desktop.store.payments import record_payment
from tests.store.targets_helpers import TODAY, enrol, hand_counted

YEAR = DashboardChoice(2026, 0, None, TODAY)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "s.db")
    s.set_officer("Sri")
    yield s
    s.close()


@pytest.fixture(autouse=True)
def members(store):
    return hand_counted(store)


@pytest.fixture
def computed(monkeypatch):
    """Counts how often the figures are really queried."""
    calls = []
    real = dashboard.compute

    def counting(store, choice):
        calls.append(choice)
        return real(store, choice)

    monkeypatch.setattr(dashboard, "compute", counting)
    return calls


def test_snapshot_holds_the_hand_counted_figures(store):
    f = compute(store, YEAR)
    assert (f.in_year, f.status.aktif, f.status.menunggak, f.status.nonaktif) == (5, 3, 2, 1)
    assert sum(f.monthly) == 5 and len(f.monthly) == 12
    assert f.cumulative[-1] == 5 and len(f.cumulative) == TODAY.month
    assert sum(t.count for t in f.by_kecamatan) == 5
    assert f.in_month == compute(store, DashboardChoice(2026, 5, None, TODAY)).in_month == 2


def test_snapshot_survives_json(store):
    f = compute(store, YEAR)
    assert DashboardFigures.from_json(f.to_json()) == f
    assert (f.kecamatan_total, f.segment_total) == (3, 2)
    # A copy kept by a version without the totals still reads (no "teratas" then).
    old = json.loads(f.to_json())
    for key in ("kecamatan_total", "segment_total", "conversion_total"):
        del old[key]
    assert DashboardFigures.from_json(json.dumps(old)).kecamatan_total is None


def test_second_start_reads_the_kept_copy(store, computed, tmp_path):
    first = dashboard_figures(store, YEAR)
    store.close()
    again = open_store(tmp_path / "s.db")
    assert dashboard_figures(again, YEAR) == first
    assert computed == [YEAR]
    again.close()


def test_the_kept_copy_serves_the_next_days_until_a_boundary_moves(store, computed):
    dashboard_figures(store, YEAR)
    tomorrow = DashboardChoice(2026, 0, None, date(2026, 5, 21))
    assert dashboard_figures(store, tomorrow) == dashboard_figures(store, YEAR)
    assert computed == [YEAR]  # same month, same status cut-offs, nothing written
    june = DashboardChoice(2026, 0, None, date(2026, 6, 16))  # a new month, a due date passed
    kecamatan = DashboardChoice(2026, 0, "33.72.05", TODAY)
    assert dashboard_figures(store, june).status != dashboard_figures(store, YEAR).status
    dashboard_figures(store, kecamatan)
    assert computed == [YEAR, june, kecamatan]


def test_enrolments_dated_ahead_key_on_the_day_itself(store, computed):
    """A laptop with its clock set ahead may have keyed a later day: then a kept copy is
    for one day only, because tomorrow counts one more day of those enrolments."""
    with store.write():
        store.conn.execute("UPDATE enrolments SET enrolled_on = '2026-05-28' "
                           "WHERE enrolled_on = '2026-05-15'")
    first = dashboard_figures(store, YEAR)
    later = dashboard_figures(store, DashboardChoice(2026, 0, None, date(2026, 5, 28)))
    assert later.in_year == first.in_year + 1
    assert len(computed) == 2


def test_a_save_drops_the_kept_copy(store, computed):
    before = dashboard_figures(store, YEAR)
    enrol(store, "Baru Sekali", enrolled_on=date(2026, 5, 2), start_month="2026-05")
    after = dashboard_figures(store, YEAR)
    assert after.in_year == before.in_year + 1
    assert len(computed) == 2


def test_a_payment_changes_the_status_counts(store, members):
    before = dashboard_figures(store, YEAR)
    lapsed = members["Bowo"]  # paid until February: inactive on TODAY
    record_payment(store, lapsed.id, months=6, paid_on=TODAY, channel="kantor", today=TODAY)
    after = dashboard_figures(store, YEAR)
    assert after.status.aktif == before.status.aktif + 1


def test_a_write_by_another_program_is_noticed(store, computed, tmp_path):
    dashboard_figures(store, YEAR)
    other = open_store(tmp_path / "s.db")
    # Another process (an older app, a tool) writes and audits without our commit hook.
    other.conn.execute("INSERT INTO audit_log(id, at, officer, origin, table_name, row_id, "
                       "action, source) VALUES ('x', 't', 'o', 'd', 'members', 'r', 'update', 's')")
    other.close()
    dashboard_figures(store, YEAR)
    assert len(computed) == 2


def test_a_busy_file_still_shows_figures(store, computed, tmp_path):
    """Another writer holds the file: the figures are shown, just not kept."""
    blocker = sqlite3.connect(tmp_path / "s.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        figures = dashboard_figures(store, YEAR)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert figures.in_year == 5
    assert store.meta(KEY) == ""
    dashboard_figures(store, YEAR)
    assert len(computed) == 2
    assert store.meta(KEY) != ""

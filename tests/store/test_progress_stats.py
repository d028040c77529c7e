"""Dashboard and `bpu stats` figures against a hand-counted fixture (targets_helpers)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bpu_desktop.store.aggregates import Period
from bpu_desktop.store.database import open_store
from bpu_desktop.store.followup import (
    SHOW_INACTIVE,
    SHOW_LAPSING,
    FollowupQuery,
    count_members,
    mark_contacted,
    members_page,
)
from bpu_desktop.store.payments import record_payment
from bpu_desktop.store.progress_stats import (
    enrolled,
    pace_series,
    status_counts,
    target_progress,
)
from bpu_desktop.store.targets import TargetInput, save_target
from tests.store.targets_helpers import TODAY, hand_counted


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "s.db")
    s.set_officer("Sri")
    yield s
    s.close()


@pytest.fixture
def members(store):
    return hand_counted(store)


def test_status_counts_by_area(store, members):
    everyone = status_counts(store, TODAY)
    assert everyone.as_dict() == {"active": 3, "arrears": 2, "inactive": 1, "lapses_soon": 1}
    assert status_counts(store, TODAY, "33.72.05").as_dict() == {
        "active": 0, "arrears": 1, "inactive": 1, "lapses_soon": 1}
    assert status_counts(store, TODAY, "33.12").aktif == 1
    # On the 15th, May is not yet due: Dedi (paid April) is still active.
    assert status_counts(store, date(2026, 5, 15)).aktif == 4


def test_status_counts_add_up_across_branch_city_and_kecamatan(store, members):
    """The branch and a kecamatan are counted by index ranges, a city by one scan: the
    two ways agree (the branch is its two cities, a city its kecamatan)."""
    from bpu_desktop.domain.regions import kecamatan_list

    def counts(area):
        return status_counts(store, TODAY, area).as_dict()

    def added(*parts):
        return {k: sum(p[k] for p in parts) for k in parts[0]}

    assert counts(None) == added(counts("33.72"), counts("33.12"))
    for city in ("33.72", "33.12"):
        assert counts(city) == added(*(counts(k.code) for k in kecamatan_list()
                                       if k.code.startswith(city + ".")))


def test_enrolled_by_period_area_and_segment(store, members):
    year = Period.year(2026)
    assert enrolled(store, year) == 5
    assert enrolled(store, year, "33.72") == 5
    assert enrolled(store, year, "33.12") == 0
    assert enrolled(store, Period.year(2025), "33.12") == 1
    assert enrolled(store, Period.month(date(2026, 5, 1))) == 2
    assert enrolled(store, year, "33.72.05", segment="umkm") == 1
    assert enrolled(store, year, officer="Sri") == 5
    assert enrolled(store, year, officer="Joko") == 0


def test_target_progress_and_coverage(store, members):
    save_target(store, TargetInput(year=2026, kind="BPU", area_code="33.72.05", target=10,
                                   potential=100, covered_before=30))
    rows = {(p.target.kind, p.target.area_code): p for p in target_progress(store, 2026, TODAY)}
    banjarsari = rows[("BPU", "33.72.05")]
    assert (banjarsari.enrolled, banjarsari.percent_of_target) == (2, 20.0)
    assert (banjarsari.covered, banjarsari.coverage_percent) == (32, 32.0)
    assert banjarsari.pace_to_date == 5  # 10 spread evenly: Jan-May = 1+1+1+1+1
    solo = rows[("BPU", "33.72")]
    assert solo.covered == 21_139 + 5 and solo.coverage_percent == 30.0
    branch = rows[("BPU", "cabang")]
    assert branch.enrolled == 5 and branch.target.target == 63_339
    pu = rows[("PU", "cabang")]
    assert pu.enrolled is None and pu.percent_of_target is None


def test_pace_series_is_cumulative_until_today(store, members):
    series = pace_series(store, 2026, None, TODAY)
    assert series.monthly[:5] == [1, 1, 0, 1, 2]
    assert series.cumulative == [1, 2, 2, 3, 5]
    assert series.pace_cumulative is not None and series.pace_cumulative[-1] == 63_339
    assert pace_series(store, 2026, "33.72.01", TODAY).pace_cumulative is None


def test_followup_list_contacts_and_payment(store, members):
    q = FollowupQuery(today=TODAY)
    page = members_page(store, q, 0, 50)
    assert [m.name for m in page] == ["Ani", "Dedi"]
    ani = page[0]
    assert (ani.unpaid_months, ani.lapses_soon, ani.contacted_on) == (2, True, None)
    assert ani.phone == "081211110001"
    assert "paling lambat 15 Juni 2026" in ani.message
    # April and May at the transport sector's halved JKK + JKM (Rp 8.400 each).
    assert "Jumlah yang perlu dibayar: Rp 16.800 (2 bulan)." in ani.message
    bowo = members_page(store, FollowupQuery(today=TODAY, show=SHOW_INACTIVE), 0, 9)[0]
    assert "sudah nonaktif" in bowo.message and "Iuran Rp 8.400 per bulan." in bowo.message
    assert count_members(store, FollowupQuery(today=TODAY, show=SHOW_LAPSING)) == 1
    assert [m.name for m in members_page(store, FollowupQuery(today=TODAY,
                                                              show=SHOW_INACTIVE), 0, 9)] \
        == ["Bowo"]
    assert count_members(store, FollowupQuery(today=TODAY, area="33.72.04")) == 1

    mark_contacted(store, ani.member_id, on=TODAY)
    assert members_page(store, q, 0, 50)[0].contacted_on == "2026-05-20"
    assert count_members(store, FollowupQuery(today=TODAY, hide_contacted=True)) == 1
    # Paying ends the arrears: Ani leaves the list.
    record_payment(store, ani.member_id, months=3, paid_on=TODAY, channel="jmo", today=TODAY)
    assert [m.name for m in members_page(store, q, 0, 50)] == ["Dedi"]


def test_bpu_stats_json_has_targets_and_status(store, members, capsys):
    from bpu_desktop.cli import main

    store.close()
    assert main(["stats", "--db", str(store.path), "--json", "--year", "2026"]) == 0
    out = json.loads(capsys.readouterr().out)
    by_area = {(t["kind"], t["area"]): t for t in out["targets"]}
    branch = by_area[("BPU", "cabang")]
    assert (branch["target"], branch["enrolled"], branch["percent_of_target"]) == (63_339, 5, 0.0)
    solo = by_area[("BPU", "33.72")]
    assert (solo["potential"], solo["covered"], solo["coverage_percent"]) == (70_463, 21_144, 30.0)
    status = out["members_by_status"]
    assert status["active"] + status["arrears"] + status["inactive"] == 6
    assert main(["stats", "--db", str(store.path), "--year", "2026", "--area", "33.72.05"]) == 0
    text = capsys.readouterr().out
    assert "== Peserta per status ==" in text and "segera nonaktif" in text


"""Targets: seeded from the article, edited with audit, monthly pace editable."""

from __future__ import annotations

import pytest

from bpu_desktop.store.audit import history
from bpu_desktop.store.clock import seed_id
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.targets import (
    TargetInput,
    copy_year,
    find_target,
    list_targets,
    save_target,
    set_monthly,
)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "t.db")
    s.set_officer("Sri")
    yield s
    s.close()


def test_article_figures_are_seeded_with_the_same_ids_everywhere(store, tmp_path):
    bpu = find_target(store, 2026, "BPU", "cabang")
    pu = find_target(store, 2026, "PU", "cabang")
    solo = find_target(store, 2026, "BPU", "33.72")
    assert bpu is not None and bpu.target == 63_339
    assert pu is not None and pu.target == 58_938
    assert solo is not None and solo.potential == 70_463 and solo.covered_before == 21_139
    assert bpu.id == seed_id("target", "2026:bpu-cabang")
    other = open_store(tmp_path / "other.db")
    assert {t.id for t in list_targets(other)} == {t.id for t in list_targets(store)}
    other.close()


def test_even_pace_adds_up_to_the_year(store):
    bpu = find_target(store, 2026, "BPU", "cabang")
    assert bpu is not None
    pace = bpu.pace()
    assert len(pace) == 12 and sum(pace) == 63_339
    assert max(pace) - min(pace) == 1


def test_add_edit_and_audit_a_kecamatan_target(store):
    t = save_target(store, TargetInput(year=2026, kind="BPU", area_code="33.72.05",
                                       target=1200, potential=9000, covered_before=2700))
    edited = save_target(store, TargetInput(year=2026, kind="BPU", area_code="33.72.05",
                                            target=1500, potential=9000, covered_before=2700),
                         t.id)
    assert edited.target == 1500 and edited.version == 2
    entries = history(store.conn, table="targets", row_id=t.id)
    assert [e.action for e in entries] == ["update", "insert"]
    assert entries[0].old == {"target": 1200} and entries[0].new == {"target": 1500}
    assert entries[0].officer == "Sri"


def test_duplicate_and_bad_targets_are_refused_in_indonesian(store):
    with pytest.raises(StoreError, match="sudah ada"):
        save_target(store, TargetInput(year=2026, kind="BPU", area_code="cabang", target=1))
    with pytest.raises(StoreError, match="negatif"):
        save_target(store, TargetInput(year=2026, kind="BPU", area_code="33.72.01", target=5,
                                       potential=-5))
    with pytest.raises(StoreError, match="Wilayah"):
        save_target(store, TargetInput(year=2026, kind="BPU", area_code="99.99", target=5))


def test_monthly_pace_is_editable_and_must_add_up(store):
    t = save_target(store, TargetInput(year=2026, kind="BPU", area_code="33.72.01", target=120))
    months = [20, 20, 20, 10, 10, 10, 5, 5, 5, 5, 5, 5]
    edited = set_monthly(store, t.id, months)
    assert edited.pace() == months
    with pytest.raises(StoreError, match="harus sama"):
        set_monthly(store, t.id, [1] * 12)
    assert set_monthly(store, t.id, None).pace() == [10] * 12
    # A new yearly figure resets an edited split to the even one.
    set_monthly(store, t.id, months)
    changed = save_target(store, TargetInput(year=2026, kind="BPU", area_code="33.72.01",
                                             target=240), t.id)
    assert changed.pace() == [20] * 12


def test_a_monthly_split_that_does_not_add_up_names_both_sums_the_indonesian_way(store):
    t = save_target(store, TargetInput(year=2026, kind="BPU", area_code="33.72.01",
                                       target=12_000))
    with pytest.raises(StoreError) as info:
        set_monthly(store, t.id, [1_500] * 12)
    assert str(info.value) == ("Jumlah target bulanan 18.000 harus sama dengan target tahunan "
                               "12.000.")


def test_copy_targets_to_next_year_keeps_existing(store):
    save_target(store, TargetInput(year=2027, kind="BPU", area_code="cabang", target=70_000))
    copied = copy_year(store, 2026, 2027)
    assert copied == 2  # PU and Solo's potential; the 2027 branch target is kept
    kept = find_target(store, 2027, "BPU", "cabang")
    assert kept is not None and kept.target == 70_000


@pytest.mark.parametrize("value", [0, -3])
def test_a_yearly_target_must_be_above_zero(store, value):
    data = TargetInput(year=2026, kind="BPU", area_code="33.72.01", target=value)
    with pytest.raises(StoreError, match="Target setahun harus lebih dari 0"):
        save_target(store, data)
    assert find_target(store, 2026, "BPU", "33.72.01") is None
    # Only the potential may be given, and a potential of 0 is a figure like any other.
    save_target(store, TargetInput(year=2026, kind="BPU", area_code="33.72.01",
                                   target=None, potential=0))


def test_a_target_keeps_its_year(store):
    """The year is part of a target's identity (its progress, its monthly pace): an edit
    that names another year is refused, and copy_year carries targets across years."""
    branch = find_target(store, 2026, "BPU", "cabang")
    assert branch is not None
    moved = TargetInput(year=2027, kind="BPU", area_code="cabang", target=70_000)
    with pytest.raises(StoreError, match="Tahun target tidak bisa diubah"):
        save_target(store, moved, branch.id, expected_version=branch.version)
    assert find_target(store, 2027, "BPU", "cabang") is None
    kept = find_target(store, 2026, "BPU", "cabang")
    assert kept is not None and (kept.target, kept.version) == (63_339, 1)


@pytest.mark.parametrize("change", [
    {"kind": "PU"}, {"area_code": "33.72.01"}, {"segment": "ojol"}, {"officer": "Sri"}])
def test_a_target_keeps_its_key(store, change):
    """Jenis, wilayah, segmen and petugas name the target like its year: an edit naming
    another one is refused (even where no target exists yet), and nothing moves."""
    city = find_target(store, 2026, "BPU", "33.72")
    assert city is not None
    fields = {"year": 2026, "kind": "BPU", "area_code": "33.72", "target": 1_000,
              "potential": city.potential, "covered_before": city.covered_before}
    moved = TargetInput(**{**fields, **change})  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="tidak bisa diubah"):
        save_target(store, moved, city.id, expected_version=city.version)
    kept = find_target(store, 2026, "BPU", "33.72")
    assert kept is not None and (kept.target, kept.version) == (None, 1)
    assert len(list_targets(store, 2026)) == 3
    # The same figures under the target's own key are an ordinary edit.
    edited = save_target(store, TargetInput(**fields), city.id,  # type: ignore[arg-type]
                         expected_version=city.version)
    assert (edited.area_code, edited.target, edited.version) == ("33.72", 1_000, 2)

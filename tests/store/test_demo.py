"""The demo file: valid people, every segment, amounts from the contribution rules."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bpu_desktop.domain.contributions import advance_payment
from bpu_desktop.domain.months import parse_month
from bpu_desktop.domain.nik import parse_nik
from bpu_desktop.store.database import open_store
from bpu_desktop.store.demo import generate_demo
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.progress import Progress
from bpu_desktop.store.reference import kelurahan_by_kecamatan, list_segments, load_rates

TODAY = date(2026, 11, 20)
N = 600


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("demo") / "demo.db")
    steps: list[int] = []
    generate_demo(store, N, seed=7, today=TODAY, batch=250,
                  progress=Progress(report=lambda done, total, text: steps.append(done)))
    yield store, steps
    store.close()


def _rows(store, sql):
    cur = store.conn.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def test_progress_is_reported_per_batch(demo):
    _, steps = demo
    assert steps == [0, 250, 500, 600]


def test_members_have_valid_niks_matching_their_sex_and_birth_date(demo):
    store, _ = demo
    members = _rows(store, "SELECT * FROM members")
    assert len(members) == N
    assert len({m["nik"] for m in members}) == N
    cities = set()
    for m in members:
        nik = parse_nik(m["nik"], today=TODAY)
        assert nik.sex == m["sex"]
        assert nik.birth_date.isoformat() == m["birth_date"]
        assert nik.regency_code in ("3372", "3312")
        assert 17 <= nik.age_on(TODAY) <= 61
        assert m["phone"].startswith("08") and 10 <= len(m["phone"]) <= 13
        assert m["kelurahan"] in kelurahan_by_kecamatan(store)[m["kecamatan_code"]]
        assert m["created_by"] and m["origin"] and m["version"] == 1 and m["deleted_at"] is None
        cities.add(nik.regency_code)
    assert cities == {"3372", "3312"}
    assert {m["sex"] for m in members} == {"L", "P"}


def test_every_segment_funding_and_months_paid_appears(demo):
    store, _ = demo
    enrolments = _rows(store, "SELECT * FROM enrolments")
    assert {e["segment"] for e in enrolments} == {s.code for s in list_segments(store)}
    assert {e["funding"] for e in enrolments} >= {"self", "sponsor", "apbd"}
    assert {e["months_paid"] for e in enrolments} == {1, 3, 6, 12}
    days = sorted(e["enrolled_on"] for e in enrolments)
    assert "2025-05-20" <= days[0] and days[-1] <= TODAY.isoformat()
    assert len({d[:7] for d in days}) >= 18


def test_amounts_equal_the_domain_advance_payment(demo):
    store, _ = demo
    rates = load_rates(store)
    for e in _rows(store, "SELECT * FROM enrolments"):
        start = parse_month(e["start_month"])
        expected = advance_payment(e["income"], start, e["months_paid"], e["sector"],
                                   e["funding"], bool(e["with_jht"]), rates)
        assert e["amount_paid"] == expected.total


def test_one_audit_row_per_member_and_per_enrolment(demo):
    store, _ = demo
    audits = _rows(store, "SELECT * FROM audit_log WHERE source = 'demo' "
                          "AND table_name IN ('members', 'enrolments')")
    assert len(audits) == 2 * N
    # The demo's own desa say where they came from too (not "Formulir").
    desa = _rows(store, "SELECT source FROM audit_log WHERE table_name = 'kelurahan'")
    assert desa and {d["source"] for d in desa} == {"demo"}
    for table, key in (("members", "nik"), ("enrolments", "member_id")):
        ids = {r[0] for r in store.conn.execute(f"SELECT id FROM {table}")}
        rows = [a for a in audits if a["table_name"] == table]
        assert {a["row_id"] for a in rows} == ids
        assert all(a["action"] == "insert" and json.loads(a["new"])[key] for a in rows)
    stamps = dict(store.conn.execute("SELECT id, created_at FROM enrolments"))
    assert all(a["at"] == stamps[a["row_id"]] for a in audits if a["table_name"] == "enrolments")


def test_same_seed_same_people(tmp_path):
    niks = []
    for name in ("a.db", "b.db"):
        store = open_store(tmp_path / name)
        generate_demo(store, 50, seed=3, today=TODAY)
        niks.append([r[0] for r in store.conn.execute("SELECT nik FROM members ORDER BY nik")])
        store.close()
    assert niks[0] == niks[1]


def test_refuses_a_file_that_has_members(demo):
    store, _ = demo
    with pytest.raises(StoreError, match="sudah berisi peserta"):
        generate_demo(store, 10)


def test_different_seeds_rarely_share_a_nik(tmp_path):
    """Two demo files merged into one branch file must not raise same-NIK conflicts."""
    niks = []
    for seed in (1, 2):
        store = open_store(tmp_path / f"seed{seed}.db")
        generate_demo(store, 3000, seed=seed, today=TODAY)
        rows = [r[0] for r in store.conn.execute("SELECT nik FROM members")]
        store.close()
        assert len(set(rows)) == len(rows)  # unique within a file
        niks.append(set(rows))
    assert len(niks[0] & niks[1]) == 0
    serials = {nik[-4:] for nik in niks[0]}
    assert len(serials) > 1000  # not every NIK ends in 0001


def test_event_officers_are_the_officers_who_enrolled_its_attendees(demo):
    store, _ = demo
    enrolling = {r[0] for r in store.conn.execute("SELECT DISTINCT created_by FROM enrolments")}
    events = _rows(store, "SELECT id, officers FROM events")
    assert events
    linked = 0
    for event in events:
        officers = json.loads(event["officers"])
        assert len(officers) >= 2 and set(officers) <= enrolling
        by = {r[0] for r in store.conn.execute(
            "SELECT created_by FROM enrolments WHERE event_id = ?", (event["id"],))}
        assert by <= set(officers)
        linked += bool(by)
    assert linked > 0


def test_a_copy_of_a_demo_file_merges_back_without_false_conflicts(tmp_path):
    """A supervisor trying merge on two copies of one demo file: a payment recorded on one
    copy is a plain update, not an enrolment "changed on two laptops"."""
    import shutil

    from bpu_desktop.store.merge import merge_files
    from bpu_desktop.store.payments import record_payment

    branch = open_store(tmp_path / "cabang.db")
    generate_demo(branch, 40, seed=3, today=TODAY)
    branch.set_officer("Supervisor")
    branch.close()
    shutil.copy(tmp_path / "cabang.db", tmp_path / "petugas.db")
    officer = open_store(tmp_path / "petugas.db")
    member_id = officer.conn.execute("SELECT id FROM members ORDER BY nik LIMIT 1").fetchone()[0]
    record_payment(officer, member_id, months=3, paid_on=TODAY, channel="bank", today=TODAY)
    paid_until = officer.conn.execute(
        "SELECT paid_until FROM enrolments WHERE member_id = ?", (member_id,)).fetchone()[0]
    officer.close()
    branch = open_store(tmp_path / "cabang.db")
    report = merge_files(branch, [tmp_path / "petugas.db"], backup=False)
    assert report.new_conflicts == 0
    assert report.per_table()["enrolments"].updated == 1
    assert branch.conn.execute("SELECT paid_until FROM enrolments WHERE member_id = ?",
                               (member_id,)).fetchone()[0] == paid_until
    branch.close()


def test_sponsored_workers_agree_with_their_pledge(demo):
    """What a tester saw in the demo: 11 workers on a pledge of 10, "Mandiri" or APBD
    funding on sponsored workers, workers enrolled before their sponsorship started."""
    store, _ = demo
    pledges = _rows(store, "SELECT s.id, s.pledged, s.start_month, s.end_month, s.funding, "
                           "(SELECT COUNT(*) FROM sponsored_members sm "
                           " WHERE sm.sponsorship_id = s.id) AS assigned FROM sponsorships s")
    assert sum(p["assigned"] for p in pledges) > 0
    assert all(p["assigned"] <= p["pledged"] for p in pledges)
    by_id = {p["id"]: p for p in pledges}
    workers = _rows(store, "SELECT sm.sponsorship_id, e.funding, e.start_month, e.enrolled_on, "
                           "e.paid_until, e.covered_until, e.sponsorship_id AS linked "
                           "FROM sponsored_members sm JOIN enrolments e "
                           "ON e.member_id = sm.member_id AND e.deleted_at IS NULL")
    assert workers
    for w in workers:
        pledge = by_id[w["sponsorship_id"]]
        assert w["funding"] == pledge["funding"]
        assert pledge["start_month"] <= w["start_month"] <= pledge["end_month"]
        assert w["enrolled_on"][:7] == w["start_month"]
        # The pledge continues the months paid at enrolment (it started by then), unless
        # those already run past its end (domain.status.covered_through).
        assert w["covered_until"] == (pledge["end_month"]
                                      if w["paid_until"] <= pledge["end_month"] else None)
        assert w["linked"] == w["sponsorship_id"]
    # Sponsor/CSR funding only on workers a sponsor pays for.
    assert store.conn.execute(
        "SELECT COUNT(*) FROM enrolments WHERE funding = 'sponsor' AND member_id NOT IN "
        "(SELECT member_id FROM sponsored_members)").fetchone()[0] == 0


def test_moved_enrolments_keep_their_stamps_and_audit_in_step(demo):
    store, _ = demo
    for e in _rows(store, "SELECT e.id, e.member_id, e.created_at, e.enrolled_on, e.funding, "
                          "m.created_at AS member_created FROM enrolments e JOIN members m "
                          "ON m.id = e.member_id WHERE e.sponsorship_id IS NOT NULL"):
        assert e["created_at"][:10] == e["enrolled_on"] == e["member_created"][:10]
        audit = _rows(store, "SELECT at, new FROM audit_log WHERE row_id = "
                             f"'{e['id']}' AND source = 'demo'")[0]
        assert audit["at"] == e["created_at"]
        assert json.loads(audit["new"])["funding"] == e["funding"]


def test_the_regency_and_city_sponsors_count_in_their_area(demo):
    """Pemkab Wonogiri's pledge shows on the Beranda of Kabupaten Wonogiri, Baznas Kota
    Surakarta's on the city's; neither in a kecamatan, both in the branch total."""
    from bpu_desktop.store.aggregates import Period
    from bpu_desktop.store.progress_stats import sponsor_progress

    store, _ = demo
    year = Period.year(TODAY.year)
    areas = dict(store.conn.execute("SELECT name, kecamatan_code FROM sponsors"))
    assert areas["Pemerintah Kabupaten Wonogiri (DBHCHT)"] == "33.12"
    assert areas["Baznas Kota Surakarta"] == "33.72"
    branch, wonogiri, solo, banjarsari = (sponsor_progress(store, year, area)
                                          for area in (None, "33.12", "33.72", "33.72.05"))
    assert wonogiri is not None and wonogiri.pledged == 2104
    assert solo is not None and banjarsari is not None and branch is not None
    assert solo.pledged == banjarsari.pledged + 15
    assert branch.pledged == solo.pledged + wonogiri.pledged + 25

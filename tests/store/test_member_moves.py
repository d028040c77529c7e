"""A member who moves to another kecamatan moves their enrolment with them, whether the
desk edits them or an Excel import updates them: the member list filtered by a kecamatan
and the Beranda's figures for it count the same people."""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.domain.status import MemberStatus
from bpu_desktop.domain.validation import EnrolmentInput
from bpu_desktop.store.aggregates import enrolments_by_kecamatan
from bpu_desktop.store.database import open_store
from bpu_desktop.store.member_import import enrol_many, update_members
from bpu_desktop.store.members import MemberQuery, MemberRepository, status_range
from bpu_desktop.store.progress_stats import status_counts
from bpu_desktop.store.reference import validate_enrolment_input
from bpu_desktop.store.status_counts import cutoffs_for

TODAY = date(2026, 5, 20)
BANJARSARI, LAWEYAN = "33.72.05", "33.72.01"
STATUSES = (MemberStatus.ACTIVE, MemberStatus.ARREARS, MemberStatus.INACTIVE)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "m.db")
    s.set_officer("Sri")
    yield s
    s.close()


def clean(store, nik: str, name: str, **kw):
    values = dict(
        nik=nik, name=name, phone="0812-3456-7890", kecamatan="Banjarsari",
        kelurahan="Kadipiro", address="", segment="ojol", income="1.000.000",
        with_jht=False, funding="self", months_paid=1, start_month="2026-05",
        enrolled_on="20/05/2026",
    )
    values.update(kw)
    result = validate_enrolment_input(store, EnrolmentInput(**values), today=TODAY)
    assert result.errors == {}
    assert result.value is not None
    return result.value


def listed_and_counted(store, kecamatan: str) -> tuple[dict[str, int], dict[str, int]]:
    """What the member list shows for the kecamatan (its count, for each status filter) and
    what the Beranda counts there (status counts, enrolments by kecamatan)."""
    repo = MemberRepository(store)
    cutoffs = cutoffs_for(store, TODAY)
    listed = {"semua": repo.count(MemberQuery(kecamatan_code=kecamatan))}
    for status in STATUSES:
        first, before = status_range(status, cutoffs)
        listed[status] = repo.count(MemberQuery(kecamatan_code=kecamatan,
                                                paid_through_from=first,
                                                paid_through_before=before))
    counts = status_counts(store, TODAY, kecamatan)
    tally = {t.key: t.count for t in enrolments_by_kecamatan(store)}
    counted = {"semua": tally.get(kecamatan, 0), MemberStatus.ACTIVE: counts.aktif,
               MemberStatus.ARREARS: counts.menunggak, MemberStatus.INACTIVE: counts.nonaktif}
    return listed, counted


def seed(store):
    """Budi (Banjarsari, paid to May: aktif) and Ani (Laweyan, paid to March: menunggak)."""
    repo = MemberRepository(store)
    budi = repo.enrol(clean(store, "3372051508900001", "Budi"))
    repo.enrol(clean(store, "3372015508900002", "Ani", kecamatan="Laweyan", kelurahan="Pajang",
                     start_month="2026-03", enrolled_on="01/03/2026"))
    return budi


def move_by_import(store, member_id, moved) -> None:
    assert enrol_many(store, [], source="import:mitra.xlsx", updates=[(member_id, moved)]) == (0, 1)


def move_by_update_members(store, member_id, moved) -> None:
    with store.write():  # runs inside the caller's transaction, as the import's does
        assert update_members(store, [(member_id, moved)], source="import:mitra.xlsx") == 1


def move_at_the_desk(store, member_id, moved) -> None:
    MemberRepository(store).update(member_id, moved)


@pytest.mark.parametrize("move", [move_by_import, move_by_update_members, move_at_the_desk])
def test_a_member_moved_is_listed_and_counted_in_the_new_kecamatan(store, move) -> None:
    budi = seed(store)
    before = {k: listed_and_counted(store, k) for k in (BANJARSARI, LAWEYAN)}
    assert before[BANJARSARI][0] == before[BANJARSARI][1] == {
        "semua": 1, MemberStatus.ACTIVE: 1, MemberStatus.ARREARS: 0, MemberStatus.INACTIVE: 0}
    # The partner's list says Budi now lives in Laweyan (Jajar); the rest is as enrolled.
    moved = clean(store, "3372051508900001", "Budi", kecamatan="Laweyan", kelurahan="Jajar")
    move(store, budi.id, moved)

    listed, counted = listed_and_counted(store, LAWEYAN)
    assert listed == counted == {"semua": 2, MemberStatus.ACTIVE: 1, MemberStatus.ARREARS: 1,
                                 MemberStatus.INACTIVE: 0}
    listed, counted = listed_and_counted(store, BANJARSARI)
    assert listed == counted == {"semua": 0, MemberStatus.ACTIVE: 0, MemberStatus.ARREARS: 0,
                                 MemberStatus.INACTIVE: 0}


def test_an_import_moving_a_member_keeps_the_enrolment_history(store) -> None:
    """Only the kecamatan moves: what was enrolled and paid stays as the reports counted
    it, and the move is one audited change of the enrolment."""
    from bpu_desktop.store.audit import history

    budi = seed(store)
    moved = clean(store, "3372051508900001", "Budi", kecamatan="Laweyan", kelurahan="Jajar",
                  months_paid=3, start_month="2026-04", enrolled_on="02/05/2026")
    move_by_import(store, budi.id, moved)
    after = MemberRepository(store).get(budi.id)
    assert after is not None
    assert after.kecamatan_code == LAWEYAN
    assert (after.enrolled_on, after.start_month, after.paid_until, after.months_paid,
            after.amount_paid) == (budi.enrolled_on, budi.start_month, budi.paid_until,
                                   budi.months_paid, budi.amount_paid)
    change = [e for e in history(store.conn, row_id=budi.enrolment_id) if e.action == "update"]
    assert [(e.old, e.new, e.source) for e in change] == [
        ({"kecamatan_code": BANJARSARI}, {"kecamatan_code": LAWEYAN}, "import:mitra.xlsx")]


def test_an_import_that_does_not_move_the_member_leaves_the_enrolment_alone(store) -> None:
    budi = seed(store)
    same_place = clean(store, "3372051508900001", "Budi Santoso")
    move_by_import(store, budi.id, same_place)
    enrolment = store.conn.execute("SELECT version FROM enrolments WHERE id = ?",
                                   (budi.enrolment_id,)).fetchone()
    assert enrolment == (1,)  # no write, no audit entry: nothing of it changed


def test_importing_the_list_again_brings_an_enrolment_left_behind_along(store) -> None:
    """A file imported before this fix: Budi lives in Laweyan, his enrolment was left in
    Banjarsari. Importing the partner's list again (same address) moves it."""
    from bpu_desktop.store.records import update_record

    budi = seed(store)
    moved = clean(store, "3372051508900001", "Budi", kecamatan="Laweyan", kelurahan="Jajar")
    update_record(store, "members", budi.id, {"kecamatan_code": LAWEYAN, "kelurahan": "Jajar"})
    assert listed_and_counted(store, LAWEYAN)[0] != listed_and_counted(store, LAWEYAN)[1]
    # The member's own details are as listed, so the import counts nobody as updated.
    assert enrol_many(store, [], source="import:mitra.xlsx", updates=[(budi.id, moved)]) == (0, 0)
    listed, counted = listed_and_counted(store, LAWEYAN)
    assert listed == counted
    assert listed["semua"] == 2

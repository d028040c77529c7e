"""A sponsor's months count as paid only when they continue the member's own months
without a gap (`domain.status.covered_through`): unpaid months before a later pledge are
chased (Beranda's counts, the Peserta status filter, Tindak Lanjut, the payment's first
month) until they are paid, and then the pledge counts.

Hand count on 20 May 2026 (May is due: paid to May is "aktif", March-April "menunggak",
March "segera nonaktif", before March "nonaktif"), all in Banjarsari:

name  own paid_until  pledge                              status
Umi   2026-02         CV Jamu Makmur  2026-03 .. 2027-01  aktif (starts right after: counts)
Gita  2026-01         PT Sekar Lawu   2026-07 .. 2026-12  nonaktif: February - May unpaid
Hadi  2026-03         UD Batik Sumber 2026-06 .. 2026-12  menunggak: April and May unpaid
"""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
from bpu_desktop.domain.validation import EnrolmentInput
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.followup import (
    SHOW_INACTIVE,
    FollowupQuery,
    count_members,
    members_page,
)
from bpu_desktop.store.members import MemberQuery, MemberRepository, status_range
from bpu_desktop.store.merge import merge_files
from bpu_desktop.store.payments import (
    next_unpaid_month_of,
    payment_starts_for,
    quote_payment,
    record_payment,
)
from bpu_desktop.store.progress_stats import status_counts
from bpu_desktop.store.reference import validate_enrolment_input
from bpu_desktop.store.sponsors import SponsorRepository
from bpu_desktop.store.status_counts import cutoffs_for

from .merge_helpers import copy_file
from .outreach_helpers import TODAY, enrol

BANJARSARI = "33.72.05"
GITA = dict(nik="3372055508900007", name="Gita", start_month="2026-01",
            enrolled_on="05/01/2026", funding="self")


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "s.db")
    s.set_officer("Sri")
    yield s
    s.close()


def pledge(store, name: str, start: date, end: date) -> str:
    repo = SponsorRepository(store, today=TODAY)
    errors, clean = validate_sponsor(SponsorInput(name=name, type="swasta"))
    assert errors == {}
    sponsor = repo.save_sponsor(clean)
    return repo.save_sponsorship(sponsor.id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=start, end=end, funding="sponsor")).id


def people(store) -> dict[str, str]:
    repo = SponsorRepository(store, today=TODAY)
    umi = enrol(store, "3372055508900001", "Umi", start_month="2026-02",
                enrolled_on="02/02/2026", funding="self")
    gita = enrol(store, GITA["nik"], GITA["name"], start_month=GITA["start_month"],
                 enrolled_on=GITA["enrolled_on"], funding="self")
    hadi = enrol(store, "3372051508900008", "Hadi", start_month="2026-03",
                 enrolled_on="02/03/2026", funding="self")
    ids = {"Umi": umi.id, "Gita": gita.id, "Hadi": hadi.id,
           "jamu": pledge(store, "CV Jamu Makmur", date(2026, 3, 1), date(2027, 1, 1)),
           "lawu": pledge(store, "PT Sekar Lawu", date(2026, 7, 1), date(2026, 12, 1)),
           "batik": pledge(store, "UD Batik Sumber", date(2026, 6, 1), date(2026, 12, 1))}
    repo.assign(ids["jamu"], umi.id)
    repo.assign(ids["lawu"], gita.id)
    repo.assign(ids["batik"], hadi.id)
    return ids


def counts(store, area=None) -> tuple[int, int, int, int]:
    c = status_counts(store, TODAY, area)
    return c.aktif, c.menunggak, c.nonaktif, c.segera_nonaktif


def status_listing(store, status: str) -> list[str]:
    """The Peserta list filtered by a status, as Beranda's click-through asks."""
    lo, before = status_range(status, cutoffs_for(store, TODAY))
    q = MemberQuery(paid_through_from=lo, paid_through_before=before)
    repo = MemberRepository(store)
    total = repo.count(q)
    names = sorted(r.name for r in repo.page(q, 0, 100, total=total))
    assert total == len(names)
    return names


def followup(store, show="menunggak"):
    q = FollowupQuery(today=TODAY, show=show)
    rows = members_page(store, q, 0, 100)
    assert count_members(store, q) == len(rows)
    return {r.name: r for r in rows}


def covered_until(store, member_id: str) -> str | None:
    return store.conn.execute("SELECT covered_until FROM enrolments WHERE member_id = ? "
                              "AND deleted_at IS NULL", (member_id,)).fetchone()[0]


def pay(store, member_id: str, months: int, **kw) -> None:
    record_payment(store, member_id, months=months, paid_on=TODAY, channel="agen",
                   today=TODAY, **kw)


def test_unpaid_months_before_a_later_pledge_are_counted_and_listed(store):
    people(store)
    # Beranda: Gita nonaktif, Hadi menunggak (and one missed due date from nonaktif).
    assert counts(store) == (1, 1, 1, 1)
    assert counts(store, BANJARSARI) == (1, 1, 1, 1)
    assert counts(store, "33.72") == (1, 1, 1, 1)  # a city: the one-scan path
    # Peserta's status filter lists whom Beranda counts.
    assert status_listing(store, "aktif") == ["Umi"]
    assert status_listing(store, "menunggak") == ["Hadi"]
    assert status_listing(store, "nonaktif") == ["Gita"]


def test_tindak_lanjut_chases_the_gap_and_says_the_pledge_waits_for_it(store):
    people(store)
    hadi = followup(store)["Hadi"]
    assert (hadi.paid_until, hadi.unpaid_months, hadi.lapses_soon) == ("2026-03", 2, True)
    assert hadi.note == ("Tanggungan UD Batik Sumber mulai Juni 2026 berlaku setelah iuran "
                         "April 2026 s.d. Mei 2026 dibayar")
    assert ("UD Batik Sumber akan menanggung iuran Bapak Juni 2026 s.d. Desember 2026 "
            "setelah iuran April 2026 s.d. Mei 2026 dibayar.") in hadi.message
    # April and May at his own (self-funded, PP 50/2025 cut) rate.
    assert "Jumlah yang perlu dibayar: Rp 16.800 (2 bulan)." in hadi.message
    gita = followup(store, SHOW_INACTIVE)["Gita"]
    assert (gita.paid_until, gita.unpaid_months) == ("2026-01", 4)
    assert gita.note == ("Tanggungan PT Sekar Lawu mulai Juli 2026 berlaku setelah iuran "
                         "Februari 2026 s.d. Juni 2026 dibayar")
    assert "Umi" not in followup(store) and "Umi" not in followup(store, SHOW_INACTIVE)


def test_a_payment_starts_at_the_gap_and_never_runs_into_the_pledge(store):
    ids = people(store)
    gita = MemberRepository(store).get(ids["Gita"])
    assert gita is not None
    # Nonaktif: the first unpaid month, or May to restart (May is nobody else's).
    assert [(s.month, s.reactivates) for s in payment_starts_for(store, gita, TODAY)] == [
        (date(2026, 2, 1), False), (date(2026, 5, 1), True)]
    assert next_unpaid_month_of(store, gita) == date(2026, 2, 1)
    assert quote_payment(store, ids["Gita"], 1).from_month == date(2026, 2, 1)
    with pytest.raises(StoreError, match="paling banyak 5 bulan"):
        pay(store, ids["Gita"], 6)  # February - July: July is PT Sekar Lawu's
    with pytest.raises(StoreError, match="Juli 2026 ditanggung PT Sekar Lawu"):
        pay(store, ids["Gita"], 1, from_month=date(2026, 7, 1))
    assert store.conn.execute("SELECT COUNT(*) FROM payments").fetchone()[0] == 0


def test_paying_the_gap_makes_the_pledge_count(store):
    ids = people(store)
    pay(store, ids["Gita"], 3)  # February - April
    pay(store, ids["Gita"], 1)  # May: aktif again, June still unpaid, the pledge waits
    assert covered_until(store, ids["Gita"]) is None
    assert counts(store) == (2, 1, 0, 1)
    assert "Gita" not in followup(store)
    pay(store, ids["Gita"], 1)  # June: the pledge continues her months
    assert covered_until(store, ids["Gita"]) == "2026-12"
    gita = MemberRepository(store).get(ids["Gita"])
    assert gita is not None
    assert [s.month for s in payment_starts_for(store, gita, TODAY)] == [date(2027, 1, 1)]
    # Aktif through December: still aktif on 20 December, menunggak from 16 January.
    assert status_counts(store, date(2026, 12, 20)).aktif >= 1
    lo, before = status_range("aktif", cutoffs_for(store, date(2026, 12, 20)))
    assert "Gita" in [r.name for r in MemberRepository(store).page(
        MemberQuery(paid_through_from=lo, paid_through_before=before), 0, 10)]
    # In the payment's own audited update, not a second one.
    [update] = store.conn.execute(
        "SELECT new FROM audit_log WHERE table_name = 'enrolments' AND row_id = "
        "(SELECT id FROM enrolments WHERE member_id = ?) AND source = 'payment' "
        "AND new LIKE '%covered_until%'", (ids["Gita"],)).fetchall()
    assert '"paid_until": "2026-06"' in update[0] and '"covered_until": "2026-12"' in update[0]
    # Hadi pays April and May: UD Batik Sumber pays from June, he is aktif.
    pay(store, ids["Hadi"], 1)
    pay(store, ids["Hadi"], 1)
    assert covered_until(store, ids["Hadi"]) == "2026-12"
    assert counts(store) == (3, 0, 0, 0)
    assert status_listing(store, "aktif") == ["Gita", "Hadi", "Umi"]


def test_a_pledge_starting_right_after_the_members_months_counts_as_before(store):
    ids = people(store)
    assert covered_until(store, ids["Umi"]) == "2027-01"
    umi = MemberRepository(store).get(ids["Umi"])
    assert umi is not None
    assert [s.month for s in payment_starts_for(store, umi, TODAY)] == [date(2027, 2, 1)]


def test_chained_pledges_count_to_the_end_of_the_chain(store):
    repo = SponsorRepository(store, today=TODAY)
    eka = enrol(store, "3372055508900005", "Eka", start_month="2026-01",
                enrolled_on="05/01/2026", funding="self")
    first = pledge(store, "Toko Satu", date(2026, 2, 1), date(2026, 4, 1))
    second = pledge(store, "Toko Dua", date(2026, 5, 1), date(2026, 9, 1))
    third = pledge(store, "Toko Tiga", date(2026, 11, 1), date(2026, 12, 1))
    repo.assign(second, eka.id)
    repo.assign(third, eka.id)
    assert covered_until(store, eka.id) is None  # February - April owed: both wait
    assert counts(store) == (0, 0, 1, 0)
    repo.assign(first, eka.id)  # February - April: the chain runs to September
    assert covered_until(store, eka.id) == "2026-09"
    assert counts(store) == (1, 0, 0, 0)
    # October is nobody's: Toko Tiga waits for it.
    on = date(2026, 10, 20)
    [row] = members_page(store, FollowupQuery(today=on), 0, 10)
    assert (row.paid_until, row.unpaid_months) == ("2026-09", 1)
    assert row.note == ("Tanggungan Toko Dua berakhir September 2026; Tanggungan Toko Tiga "
                        "mulai November 2026 berlaku setelah iuran Oktober 2026 dibayar")
    repo.unassign(first, eka.id)  # the link gone: the gap is back
    assert covered_until(store, eka.id) is None


def test_the_desks_edit_of_the_months_paid_brings_the_pledge_in(store):
    """The edit refreshes the covers whatever the enrolment's own sponsor link says: here
    none (a later pledge was assigned, then taken back), while PT Sekar Lawu's link
    stays."""
    ids = people(store)
    repo = SponsorRepository(store, today=TODAY)
    later = pledge(store, "Toko Akhir", date(2027, 1, 1), date(2027, 3, 1))
    repo.assign(later, ids["Gita"])
    repo.unassign(later, ids["Gita"])
    assert MemberRepository(store).get(ids["Gita"]).sponsorship_id is None
    values = dict(nik=GITA["nik"], name="Gita", phone="0812-3456-7890",
                  kecamatan="Banjarsari", kelurahan="Banjarsari", address="",
                  segment="umkm", income="1.000.000", with_jht=False, funding="self",
                  months_paid=6, start_month="2026-01", enrolled_on="05/01/2026")
    result = validate_enrolment_input(store, EnrolmentInput(**values), today=TODAY)
    assert result.value is not None, result.errors
    MemberRepository(store).update(ids["Gita"], result.value)  # January - June at enrolment
    assert covered_until(store, ids["Gita"]) == "2026-12"
    assert counts(store) == (2, 1, 0, 1)


def test_a_pledge_assigned_on_one_laptop_and_the_gap_paid_on_another_meet_at_the_branch(
        store, tmp_path):
    ids = people(store)
    repo = SponsorRepository(store, today=TODAY)
    repo.unassign(ids["lawu"], ids["Gita"])
    ani = copy_file(store, tmp_path / "ani.db", "ani")
    SponsorRepository(ani, today=TODAY).assign(ids["lawu"], ids["Gita"])
    path = ani.path
    ani.close()
    merge_files(store, [path], backup=False)
    assert counts(store) == (1, 1, 1, 1)  # the gap is chased at the branch too
    bayu = copy_file(store, tmp_path / "bayu.db", "bayu")
    for months in (3, 1, 1):  # February - June
        pay(bayu, ids["Gita"], months)
    path = bayu.path
    bayu.close()
    report = merge_files(store, [path], backup=False)
    assert report.new_conflicts == 0
    assert covered_until(store, ids["Gita"]) == "2026-12"
    assert counts(store) == (2, 1, 0, 1)


def test_the_reports_follow_up_sheet_says_what_the_page_says(store, tmp_path):
    from datetime import datetime

    import openpyxl

    from bpu_desktop.reports.monthly_export import export_month

    people(store)
    out = tmp_path / "rekap.xlsx"
    export_month(store, date(2026, 5, 1), out, now=lambda: datetime(2026, 5, 20, 9, 0))
    ws = openpyxl.load_workbook(out)["Tindak Lanjut"]
    header = [c.value for c in ws[4]]
    rows = [dict(zip(header, (c.value for c in r), strict=True))
            for r in ws.iter_rows(min_row=5) if isinstance(r[0].value, int)]
    assert {(r["Nama"], r["Keterangan"] or "") for r in rows} == {
        (m.name, m.note) for m in followup(store).values()} == {
        ("Hadi", "Tanggungan UD Batik Sumber mulai Juni 2026 berlaku setelah iuran April 2026 "
                 "s.d. Mei 2026 dibayar")}


def test_upgrade_recounts_a_cover_stored_by_the_old_rule_without_new_revisions(store):
    ids = people(store)
    # As m013 left it: the end of every live cover, the gap's too.
    store.conn.execute("UPDATE enrolments SET covered_until = '2026-12' WHERE member_id = ?",
                       (ids["Gita"],))
    store.conn.execute("DELETE FROM _sqlite_migrations "
                       "WHERE name = 'm014_covered_until_contiguous'")
    versions = store.conn.execute("SELECT id, version FROM enrolments ORDER BY id").fetchall()
    audit_rows = store.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    path = store.path
    store.close()
    upgraded = open_store(path)
    try:
        assert covered_until(upgraded, ids["Gita"]) is None
        assert covered_until(upgraded, ids["Umi"]) == "2027-01"
        assert counts(upgraded) == (1, 1, 1, 1)
        assert upgraded.conn.execute(
            "SELECT id, version FROM enrolments ORDER BY id").fetchall() == versions
        assert upgraded.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] \
            == audit_rows
    finally:
        upgraded.close()

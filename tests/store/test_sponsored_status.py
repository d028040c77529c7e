"""Sponsored and government-funded workers: months a live sponsorship covers are the
sponsor's to pay, so they are not the member's arrears (status counts, Tindak Lanjut),
and once the cover ends the member is chased for their own months only.

Hand count on 20 May 2026 (May is due: paid to May is "aktif", March-April "menunggak",
March "segera nonaktif", before March "nonaktif"), all in Banjarsari, UMKM
(non-transport, PP 50/2025 cut from April 2026: Rp 8.400 a month self-funded):

name  own paid_until  cover                               status by what nobody owes
Umi   2026-02         CV Jamu Makmur 2026-02 .. 2027-01   aktif (covered to Jan 2027)
Sari  2025-12         UD Batik Sumber 2025-12 .. 2026-03  menunggak 2 bulan, cover ended
Bowo  2026-03 (APBD)  -                                   menunggak 2 bulan, budget ended
Dedi  2026-04         -                                   menunggak 1 bulan
"""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
from bpu_desktop.store.audit import history
from bpu_desktop.store.database import open_store
from bpu_desktop.store.followup import (
    SHOW_INACTIVE,
    SHOW_LAPSING,
    FollowupQuery,
    count_members,
    mark_contacted,
    members_page,
)
from bpu_desktop.store.labels import column_label
from bpu_desktop.store.merge import merge_files
from bpu_desktop.store.progress_stats import status_counts
from bpu_desktop.store.sponsors import SponsorRepository

from .merge_helpers import copy_file
from .outreach_helpers import TODAY, enrol

BANJARSARI = "33.72.05"


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "s.db")
    s.set_officer("Sri")
    yield s
    s.close()


def sponsor(repo: SponsorRepository, name: str, start: date, end: date, *,
            funding: str = "sponsor", type_: str = "swasta") -> str:
    errors, clean = validate_sponsor(SponsorInput(name=name, type=type_))
    assert errors == {}
    s = repo.save_sponsor(clean)
    return repo.save_sponsorship(s.id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=start, end=end, funding=funding)).id


def people(store) -> dict[str, str]:
    """The four members of the module docstring; returns ids by name (+ pledge ids)."""
    repo = SponsorRepository(store, today=TODAY)
    umi = enrol(store, "3372055508900001", "Umi Astuti", start_month="2026-02",
                enrolled_on="02/02/2026")
    sari = enrol(store, "3372055508900002", "Sari", start_month="2025-12",
                 enrolled_on="01/12/2025")
    bowo = enrol(store, "3372051508900003", "Bowo", funding="apbd", months_paid=3,
                 start_month="2026-01", enrolled_on="05/01/2026")
    dedi = enrol(store, "3372051508900004", "Dedi", funding="self", start_month="2026-04",
                 enrolled_on="01/04/2026")
    jamu = sponsor(repo, "CV Jamu Makmur", date(2026, 2, 1), date(2027, 1, 1))
    batik = sponsor(repo, "UD Batik Sumber", date(2025, 12, 1), date(2026, 3, 1))
    repo.assign(jamu, umi.id)
    repo.assign(batik, sari.id)
    return {"Umi": umi.id, "Sari": sari.id, "Bowo": bowo.id, "Dedi": dedi.id,
            "jamu": jamu, "batik": batik}


def counts(store, area=None) -> tuple[int, int, int, int]:
    c = status_counts(store, TODAY, area)
    return c.aktif, c.menunggak, c.nonaktif, c.segera_nonaktif


def listed(store, show="menunggak", **kw) -> list[str]:
    q = FollowupQuery(today=TODAY, show=show, **kw)
    rows = members_page(store, q, 0, 100)
    assert count_members(store, q) == len(rows)
    return [r.name for r in rows]


def row_of(store, name, show="menunggak"):
    return next(r for r in members_page(store, FollowupQuery(today=TODAY, show=show), 0, 100)
                if r.name == name)


def test_status_counts_do_not_count_covered_months_as_arrears(store):
    people(store)
    assert counts(store) == (1, 3, 0, 2)
    assert counts(store, BANJARSARI) == (1, 3, 0, 2)
    assert counts(store, "33.72") == (1, 3, 0, 2)  # a city: the one-scan path
    assert counts(store, "33.72.01") == (0, 0, 0, 0)


def test_covered_worker_is_not_chased_and_ended_cover_is_named(store):
    people(store)
    # What nobody owes for, oldest first (then the member id: the order they were keyed).
    assert listed(store) == ["Sari", "Bowo", "Dedi"]
    assert "Umi Astuti" not in listed(store, SHOW_INACTIVE)
    assert sorted(listed(store, SHOW_LAPSING)) == ["Bowo", "Sari"]
    sari = row_of(store, "Sari")
    assert (sari.paid_until, sari.unpaid_months, sari.lapses_soon) == ("2026-03", 2, True)
    assert sari.note == "Tanggungan UD Batik Sumber berakhir Maret 2026"
    assert "ditanggung UD Batik Sumber sampai Maret 2026" in sari.message
    # April and May at her own (self-funded, cut) rate, not the sponsor's package.
    assert "Jumlah yang perlu dibayar: Rp 16.800 (2 bulan)." in sari.message
    dedi = row_of(store, "Dedi")
    assert dedi.note == "" and "ditanggung" not in dedi.message


def test_apbd_member_is_told_the_budget_period_ended_and_the_self_rate(store):
    people(store)
    bowo = row_of(store, "Bowo")
    assert bowo.note == "Iuran APBD (pemerintah) berakhir Maret 2026"
    assert "dibayar pemerintah (APBD) sampai Maret 2026" in bowo.message
    # Self-funded: the PP 50/2025 cut applies (APBD itself never gets it: Rp 16.800).
    assert "Rp 8.400 per bulan" in bowo.message
    assert "Jumlah yang perlu dibayar: Rp 16.800 (2 bulan)." in bowo.message


def test_a_shorter_pledge_brings_the_months_it_no_longer_covers_back(store):
    ids = people(store)
    repo = SponsorRepository(store, today=TODAY)
    repo.save_sponsorship(repo.get_sponsorship(ids["jamu"]).sponsor_id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=date(2026, 2, 1), end=date(2026, 4, 1),
        funding="sponsor"), ids["jamu"])
    assert counts(store) == (0, 4, 0, 2)
    umi = row_of(store, "Umi Astuti")
    assert (umi.paid_until, umi.unpaid_months) == ("2026-04", 1)
    assert umi.note == "Tanggungan CV Jamu Makmur berakhir April 2026"
    # Kept in the enrolment, audited like every write.
    changes = [e for e in history(store.conn, table="enrolments")
               if e.new and "covered_until" in e.new]
    assert changes[0].new["covered_until"] == "2026-04"
    assert changes[0].old["covered_until"] == "2027-01"
    assert column_label("covered_until", "enrolments") == "Ditanggung sponsor sampai"


def test_deleting_or_unassigning_the_cover_makes_the_arrears_reappear(store):
    ids = people(store)
    repo = SponsorRepository(store, today=TODAY)
    repo.delete_sponsorship(ids["jamu"])
    assert counts(store) == (0, 3, 1, 2)
    assert listed(store, SHOW_INACTIVE) == ["Umi Astuti"]
    repo.unassign(ids["batik"], ids["Sari"])
    assert counts(store) == (0, 2, 2, 1)
    assert store.conn.execute("SELECT COUNT(*) FROM enrolments WHERE covered_until IS NOT NULL"
                              ).fetchone()[0] == 0


def test_deleting_the_sponsor_ends_its_covers(store):
    ids = people(store)
    repo = SponsorRepository(store, today=TODAY)
    repo.delete_sponsor(repo.get_sponsorship(ids["jamu"]).sponsor_id)
    assert counts(store) == (0, 3, 1, 2)


def test_worker_enrolled_into_a_pledge_at_the_desk_is_covered(store):
    repo = SponsorRepository(store, today=TODAY)
    jamu = sponsor(repo, "CV Jamu Makmur", date(2026, 2, 1), date(2027, 1, 1))
    enrol(store, "3372055508900009", "Dari Meja", start_month="2026-02",
          enrolled_on="02/02/2026", sponsorship_id=jamu)
    assert counts(store) == (1, 0, 0, 0)
    assert listed(store, SHOW_INACTIVE) == []


def test_a_contact_mark_answers_the_month_nobody_owes_for(store):
    ids = people(store)
    mark_contacted(store, ids["Sari"], on=TODAY)
    assert listed(store, hide_contacted=True) == ["Bowo", "Dedi"]
    assert row_of(store, "Sari").contacted_on == TODAY.isoformat()
    # The pledge extended to April: a new lapse (1 month), not yet contacted.
    repo = SponsorRepository(store, today=TODAY)
    repo.save_sponsorship(repo.get_sponsorship(ids["batik"]).sponsor_id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=date(2025, 12, 1), end=date(2026, 4, 1),
        funding="sponsor"), ids["batik"])
    assert listed(store, hide_contacted=True) == ["Bowo", "Sari", "Dedi"]


def test_ordinary_enrolment_is_not_in_the_cover_index(store):
    enrol(store, "3372051508900011", "Mandiri", funding="self")
    covered = "SELECT COUNT(*) FROM enrolments INDEXED BY enrolments_covered " \
              "WHERE covered_until IS NOT NULL AND deleted_at IS NULL"
    assert store.conn.execute(covered).fetchone()[0] == 0
    people(store)
    assert store.conn.execute(covered).fetchone()[0] == 2


def test_merge_carries_the_cover_to_the_branch(store, tmp_path):
    ids = people(store)
    branch = copy_file(store, tmp_path / "cabang.db", "cabang")
    repo = SponsorRepository(store, today=TODAY)
    repo.delete_sponsorship(ids["jamu"])  # on the officer's laptop
    later = sponsor(repo, "PT Sekar Lawu", date(2026, 5, 1), date(2026, 10, 1))
    repo.assign(later, ids["Dedi"])
    path = store.path
    store.close()
    try:
        report = merge_files(branch, [path], backup=False)
        assert report.new_conflicts == 0
        assert dict(branch.conn.execute(
            "SELECT m.name, e.covered_until FROM enrolments e JOIN members m "
            "ON m.id = e.member_id WHERE e.covered_until IS NOT NULL")) == {
            "Sari": "2026-03", "Dedi": "2026-10"}
        assert counts(branch) == (1, 2, 1, 2)
    finally:
        branch.close()


def test_upgrade_fills_the_cover_from_the_pledges_without_new_revisions(store, tmp_path):
    people(store)
    versions = store.conn.execute("SELECT id, version FROM enrolments ORDER BY id").fetchall()
    audit_rows = store.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    # The file as the previous app left it: no covered_until, m013 not applied.
    store.conn.execute("DROP INDEX enrolments_covered")
    store.conn.execute("ALTER TABLE enrolments DROP COLUMN covered_until")
    store.conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm013_covered_until'")
    path = store.path
    store.close()
    upgraded = open_store(path)
    try:
        assert counts(upgraded) == (1, 3, 0, 2)
        assert upgraded.conn.execute(
            "SELECT id, version FROM enrolments ORDER BY id").fetchall() == versions
        assert upgraded.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] \
            == audit_rows
    finally:
        upgraded.close()


def test_a_pledge_shortened_on_one_laptop_ends_a_cover_assigned_on_another(store, tmp_path):
    """Ani assigns Umi to the pledge while Bayu shortens it to April: after both files are
    merged the branch counts Umi from April, not from the pledge's old end."""
    umi = enrol(store, "3372055508900001", "Umi Astuti", start_month="2026-02",
                enrolled_on="02/02/2026")
    jamu = sponsor(SponsorRepository(store, today=TODAY), "CV Jamu Makmur",
                   date(2026, 2, 1), date(2027, 1, 1))
    ani = copy_file(store, tmp_path / "ani.db", "ani")
    bayu = copy_file(store, tmp_path / "bayu.db", "bayu")
    SponsorRepository(ani, today=TODAY).assign(jamu, umi.id)
    repo = SponsorRepository(bayu, today=TODAY)
    repo.save_sponsorship(repo.get_sponsorship(jamu).sponsor_id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=date(2026, 2, 1), end=date(2026, 4, 1),
        funding="sponsor"), jamu)
    paths = [ani.path, bayu.path]
    ani.close()
    bayu.close()
    report = merge_files(store, paths, backup=False)
    assert report.new_conflicts == 0
    assert store.conn.execute("SELECT covered_until FROM enrolments WHERE member_id = ?",
                              (umi.id,)).fetchone()[0] == "2026-04"
    assert counts(store) == (0, 1, 0, 0)
    assert row_of(store, "Umi Astuti").note == "Tanggungan CV Jamu Makmur berakhir April 2026"


def test_a_conflict_decided_for_the_side_without_the_cover_keeps_the_cover(store, tmp_path):
    """Ani assigns Umi while Bayu records her payment: her enrolment meets as a conflict.
    Whichever side the supervisor keeps, the assignment is there, so is its cover."""
    from bpu_desktop.store.conflicts import list_conflicts, resolve_conflict
    from bpu_desktop.store.payments import record_payment

    umi = enrol(store, "3372055508900001", "Umi Astuti", start_month="2026-02",
                enrolled_on="02/02/2026")
    jamu = sponsor(SponsorRepository(store, today=TODAY), "CV Jamu Makmur",
                   date(2026, 2, 1), date(2027, 1, 1))
    ani = copy_file(store, tmp_path / "ani.db", "ani")
    bayu = copy_file(store, tmp_path / "bayu.db", "bayu")
    SponsorRepository(ani, today=TODAY).assign(jamu, umi.id)
    record_payment(bayu, umi.id, months=1, paid_on=TODAY, channel="bank", today=TODAY)
    paths = [ani.path, bayu.path]
    ani.close()
    bayu.close()
    merge_files(store, paths, backup=False)
    [conflict] = [c for c in list_conflicts(store) if c.table_name == "enrolments"]
    resolve_conflict(store, conflict.id, "theirs")
    assert store.conn.execute("SELECT paid_until, covered_until FROM enrolments "
                              "WHERE member_id = ?", (umi.id,)).fetchone() == ("2026-03",
                                                                               "2027-01")
    assert counts(store) == (1, 0, 0, 0)


# -- the Peserta list's status filter (the Beranda status counts' click-through) ----------

def status_listing(store, status: str, area: str | None = None) -> list[str]:
    """The member list filtered by status (and an area), as the Peserta page asks."""
    from bpu_desktop.store.members import MemberQuery, MemberRepository, status_range
    from bpu_desktop.store.status_counts import cutoffs_for

    lo, before = status_range(status, cutoffs_for(store, TODAY))
    city = area if area and area.count(".") == 1 else None
    q = MemberQuery(kecamatan_code=None if city or not area else area, city_code=city,
                    paid_through_from=lo, paid_through_before=before)
    repo = MemberRepository(store)
    total = repo.count(q)
    names = [r.name for r in repo.page(q, 0, 100, total=total)]
    assert total == len(names)
    return sorted(names)


def test_status_filter_lists_exactly_whom_the_status_counts_count(store):
    people(store)
    repo = SponsorRepository(store, today=TODAY)
    # Own months in arrears (April) but a live pledge to December: aktif. Own months
    # long lapsed, and a pledge that ended before the arrears band too: still nonaktif.
    eka = enrol(store, "3372055508900005", "Eka", start_month="2026-04",
                enrolled_on="01/04/2026")
    fajar = enrol(store, "3372055508900006", "Fajar", start_month="2025-06",
                  enrolled_on="01/06/2025")
    repo.assign(sponsor(repo, "PT Sekar Lawu", date(2026, 4, 1), date(2026, 12, 1)), eka.id)
    repo.assign(sponsor(repo, "Toko Lama", date(2025, 6, 1), date(2025, 9, 1)), fajar.id)
    assert status_listing(store, "aktif") == ["Eka", "Umi Astuti"]
    assert status_listing(store, "menunggak") == ["Bowo", "Dedi", "Sari"]
    assert status_listing(store, "nonaktif") == ["Fajar"]
    for area in (None, BANJARSARI, "33.72", "33.72.01", "33.12"):
        c = status_counts(store, TODAY, area)
        assert [len(status_listing(store, s, area)) for s in ("aktif", "menunggak",
                                                               "nonaktif")] == [
            c.aktif, c.menunggak, c.nonaktif], area


def test_status_filter_keeps_every_sort_and_page_of_the_list(store):
    """The covered members are merged into the list's order, not appended: each page of a
    status, in every sort and direction, is that status's members of the unfiltered list."""
    from bpu_desktop.domain.months import parse_month
    from bpu_desktop.domain.status import member_status, paid_through
    from bpu_desktop.store.members import SORT_COLUMNS, MemberQuery, MemberRepository, status_range
    from bpu_desktop.store.status_counts import cutoffs_for

    ids = people(store)
    repo = SponsorRepository(store, today=TODAY)
    for i, (name, start) in enumerate([("ani kecil", "2026-04"), ("Agus", "2026-01"),
                                       ("budi", "2026-05"), ("Citra", "2026-03")]):
        row = enrol(store, f"33720515089001{i:02d}", name, start_month=start,
                    enrolled_on=f"01/{start[5:]}/{start[:4]}")
        if i % 2 == 0:
            repo.assign(ids["jamu"], row.id)
    members = MemberRepository(store)
    covered = dict(store.conn.execute("SELECT member_id, covered_until FROM enrolments"))
    cut = cutoffs_for(store, TODAY)

    def status_of(r) -> str:
        through = paid_through(parse_month(r.paid_until),
                               parse_month(covered[r.id]) if covered[r.id] else None)
        return member_status(through, parse_month(r.start_month), TODAY).value

    for sort in SORT_COLUMNS:
        for descending in (False, True):
            everyone = members.page(MemberQuery(sort=sort, descending=descending), 0, 100)
            for status in ("aktif", "menunggak", "nonaktif"):
                lo, before = status_range(status, cut)
                q = MemberQuery(sort=sort, descending=descending, paid_through_from=lo,
                                paid_through_before=before)
                expected = [r.name for r in everyone if status_of(r) == status]
                total = members.count(q)
                assert total == len(expected), (sort, status)
                pages = [r.name for offset in range(0, total, 2)
                         for r in members.page(q, offset, 2, total=total)]
                assert pages == expected, (sort, descending, status)


# -- payments: the member's own payment starts after the months a sponsor pays ------------

def test_a_covered_members_payment_starts_after_the_sponsors_months(store):
    from bpu_desktop.store.errors import StoreError
    from bpu_desktop.store.members import MemberRepository
    from bpu_desktop.store.payments import (
        next_unpaid_month_of,
        payment_starts_for,
        quote_payment,
        record_payment,
    )

    ids = people(store)
    umi = MemberRepository(store).get(ids["Umi"])
    # CV Jamu Makmur pays to January 2027: her own payment starts February 2027.
    assert [s.month for s in payment_starts_for(store, umi, TODAY)] == [date(2027, 2, 1)]
    # The desk's "iuran baru berlaku mulai …" after an edit names the same month.
    assert next_unpaid_month_of(store, umi) == date(2027, 2, 1)
    assert quote_payment(store, ids["Umi"], 1).from_month == date(2027, 2, 1)
    with pytest.raises(StoreError, match="Maret 2026 ditanggung sponsor"):
        record_payment(store, ids["Umi"], months=1, paid_on=TODAY, channel="bank",
                       from_month=date(2026, 3, 1), today=TODAY)
    # Sari's cover ended in March: she pays from April, not for the sponsor's months.
    assert quote_payment(store, ids["Sari"], 3).from_month == date(2026, 4, 1)
    payment = record_payment(store, ids["Sari"], months=3, paid_on=TODAY, channel="agen",
                             today=TODAY)
    assert (payment.from_month, payment.to_month) == ("2026-04", "2026-06")
    assert "Sari" not in listed(store)
    assert counts(store) == (2, 2, 0, 1)


# -- the monthly report's Tindak Lanjut sheet lists whom the Tindak Lanjut page lists -----

def test_report_follow_up_sheet_agrees_with_the_tindak_lanjut_page(store, tmp_path):
    from datetime import datetime

    import openpyxl

    from bpu_desktop.reports.monthly_export import export_month

    people(store)
    repo = SponsorRepository(store, today=TODAY)
    # Own April in arrears, but a live pledge to December: not chased, not in the sheet.
    eka = enrol(store, "3372055508900005", "Eka", start_month="2026-04",
                enrolled_on="01/04/2026")
    repo.assign(sponsor(repo, "PT Sekar Lawu", date(2026, 4, 1), date(2026, 12, 1)), eka.id)
    # Own months long lapsed, a pledge that ended in April: chased for May only.
    fajar = enrol(store, "3372055508900006", "Fajar", start_month="2025-06",
                  enrolled_on="01/06/2025")
    repo.assign(sponsor(repo, "Toko Lama", date(2025, 6, 1), date(2026, 4, 1)), fajar.id)
    out = tmp_path / "rekap.xlsx"
    result = export_month(store, date(2026, 5, 1), out,
                          now=lambda: datetime(2026, 5, 20, 9, 0))
    ws = openpyxl.load_workbook(out)["Tindak Lanjut"]
    header = [c.value for c in ws[4]]
    rows = [dict(zip(header, (c.value for c in r), strict=True))
            for r in ws.iter_rows(min_row=5) if isinstance(r[0].value, int)]
    page = members_page(store, FollowupQuery(today=TODAY), 0, 100)
    assert result.arrears == len(rows) == count_members(store, FollowupQuery(today=TODAY))
    sheet = {(r["Nama"], r["Lunas s.d."].strftime("%Y-%m"), r["Bulan menunggak"],
              r["Keterangan"] or "") for r in rows}
    assert sheet == {(m.name, m.paid_until, m.unpaid_months, m.note) for m in page}
    assert sheet == {
        ("Sari", "2026-03", 2, "Tanggungan UD Batik Sumber berakhir Maret 2026"),
        ("Bowo", "2026-03", 2, "Iuran APBD (pemerintah) berakhir Maret 2026"),
        ("Dedi", "2026-04", 1, ""),
        ("Fajar", "2026-04", 1, "Tanggungan Toko Lama berakhir April 2026"),
    }

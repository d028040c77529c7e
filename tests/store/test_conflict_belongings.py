"""One person enrolled on two laptops (same NIK): whichever copy the supervisor keeps, what
the other copy holds besides its enrolment (payments, sponsor links) moves to the copy
kept, the kept enrolment's months follow the moved payments, the pledge keeps its count,
and merging the same files again raises nothing.

Budi enrolled Sri Wahyuni (paid to July 2026), put her and Joko under PT Batik's pledge
(Aug 2026 - Jan 2027) and recorded her payment for Feb 2027. Rina enrolled Sri again
(paid to May 2026) under another id. On 20/05/2026, paid to Feb 2027 is "aktif".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
from bpu_desktop.store.conflict_values import ValueText
from bpu_desktop.store.conflicts import (
    ConflictDecisionError,
    count_open,
    enrolment_pair,
    list_conflicts,
    resolve_conflict,
)
from bpu_desktop.store.database import Store
from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.merge import merge_files
from bpu_desktop.store.payments import payments_for, record_payment
from bpu_desktop.store.progress_stats import status_counts
from bpu_desktop.store.sponsors import SponsorRepository

from .merge_helpers import NIK_A, NIK_B, TODAY, enrol, officer_file, rename


def pledge(store: Store, name: str, start: date, end: date) -> str:
    errors, clean = validate_sponsor(SponsorInput(name=name, type="swasta"))
    assert errors == {}
    repo = SponsorRepository(store, today=TODAY)
    sponsor = repo.save_sponsor(clean)
    return repo.save_sponsorship(sponsor.id, SponsorshipInput(
        pledged=4, package="jkk_jkm", start=start, end=end, funding="sponsor")).id


@pytest.fixture
def two_sris(tmp_path) -> dict[str, object]:
    return two_sris_files(tmp_path)


def two_sris_files(folder: Path) -> dict[str, object]:
    """budi.db and rina.db of the module doc in `folder`; the ids and amounts by name."""
    budi = officer_file(folder / "budi.db", "Budi")
    sri = enrol(budi, NIK_A, "Sri Wahyuni", phone="0812-3456-7890", months_paid=3)
    joko = enrol(budi, NIK_B, "Joko")
    batik = pledge(budi, "PT Batik Sejahtera", date(2026, 8, 1), date(2027, 1, 1))
    repo = SponsorRepository(budi, today=TODAY)
    repo.assign(batik, sri.id)
    repo.assign(batik, joko.id)
    paid = record_payment(budi, sri.id, months=1, paid_on=TODAY, channel="bank", today=TODAY)
    assert (paid.from_month, paid.to_month) == ("2027-02", "2027-02")
    budi.close()
    rina = officer_file(folder / "rina.db", "Rina")
    twin = enrol(rina, NIK_A, "Sri Wahyuni", phone="0812-9999-8888", segment="umkm",
                 months_paid=1)
    rina_paid = record_payment(rina, twin.id, months=1, paid_on=TODAY, channel="agen",
                               today=TODAY)
    rina.close()
    return {"sri": sri.id, "twin": twin.id, "batik": batik, "amount": paid.amount,
            "rina_amount": rina_paid.amount}


def merged(tmp_path: Path) -> Store:
    branch = officer_file(tmp_path / "cabang.db", "Supervisor")
    merge_files(branch, [tmp_path / "budi.db", tmp_path / "rina.db"], backup=False)
    return branch


def assigned(store: Store, pledge_id: str) -> int:
    row = SponsorRepository(store, today=TODAY).get_sponsorship(pledge_id)
    assert row is not None
    return row.assigned


def test_keeping_the_officer_s_copy_moves_the_branch_copy_s_payment_and_pledge(
        two_sris, tmp_path):
    branch = merged(tmp_path)
    try:
        [conflict] = list_conflicts(branch)
        assert (conflict.other_id, conflict.row_id) == (two_sris["sri"], two_sris["twin"])
        assert assigned(branch, two_sris["batik"]) == 2
        resolve_conflict(branch, conflict.id, "theirs")
        kept = MemberRepository(branch).find_by_nik(NIK_A)
        assert kept is not None and kept.id == two_sris["twin"]
        # Both payments (the branch copy's, moved; the officer's own) are hers now.
        assert sorted(p.amount for p in payments_for(branch, kept.id)) == sorted(
            [two_sris["amount"], two_sris["rina_amount"]])
        assert payments_for(branch, two_sris["sri"]) == []
        assert branch.conn.execute(
            "SELECT count(*) FROM payments WHERE deleted_at IS NULL AND enrolment_id <> ?",
            (kept.enrolment_id,)).fetchone()[0] == 0
        assert assigned(branch, two_sris["batik"]) == 2  # her place in the pledge stays
        # Paid to June 2026 herself, covered by the sponsor to January, then her payment
        # for February 2027 (moved with her): what the user sees is "aktif".
        assert kept.paid_until == "2027-02"
        assert status_counts(branch, TODAY).aktif == 2
        assert status_counts(branch, TODAY).menunggak == 0
        again = merge_files(branch, [tmp_path / "budi.db", tmp_path / "rina.db"],
                            backup=False)
        assert again.new_conflicts == 0 and again.total().changes == 0
        assert count_open(branch) == 0
        assert assigned(branch, two_sris["batik"]) == 2
    finally:
        branch.close()


def test_keeping_the_branch_copy_takes_the_officer_s_payment_along(two_sris, tmp_path):
    branch = merged(tmp_path)
    try:
        [conflict] = list_conflicts(branch)
        resolve_conflict(branch, conflict.id, "mine")
        kept = MemberRepository(branch).find_by_nik(NIK_A)
        assert kept is not None and kept.id == two_sris["sri"]
        assert sorted(p.amount for p in payments_for(branch, kept.id)) == sorted(
            [two_sris["amount"], two_sris["rina_amount"]])
        assert assigned(branch, two_sris["batik"]) == 2
        assert kept.paid_until == "2027-02"
        again = merge_files(branch, [tmp_path / "budi.db", tmp_path / "rina.db"],
                            backup=False)
        assert again.new_conflicts == 0 and again.total().changes == 0
        assert count_open(branch) == 0
    finally:
        branch.close()


def test_the_decision_says_beforehand_what_moves(two_sris, tmp_path):
    branch = merged(tmp_path)
    try:
        [conflict] = list_conflicts(branch)
        pair = enrolment_pair(branch, conflict)
        assert pair is not None
        text = ValueText(branch)
        amount = f"{two_sris['amount']:,}".replace(",", ".")
        rina = f"{two_sris['rina_amount']:,}".replace(",", ".")
        assert pair.consequence("theirs", text).endswith(
            f" 1 pembayaran (Rp {amount}) dan 1 tanggungan sponsor dipindahkan ke data "
            "yang dipakai.")
        assert pair.consequence("mine", text).endswith(
            f" 1 pembayaran (Rp {rina}) dipindahkan ke data yang dipakai.")
    finally:
        branch.close()


def test_a_sponsor_link_that_cannot_move_refuses_the_choice(two_sris, tmp_path):
    """Rina put her Sri under another sponsor for months PT Batik pays: one person cannot
    have two sponsors in a month, so keeping either copy with both links is refused, and
    nothing is written."""
    rina = officer_file(tmp_path / "rina.db", "Rina")
    other = pledge(rina, "CV Jamu Makmur", date(2026, 9, 1), date(2026, 12, 1))
    SponsorRepository(rina, today=TODAY).assign(other, two_sris["twin"])
    rina.close()
    branch = merged(tmp_path)
    try:
        [conflict] = list_conflicts(branch)
        before = branch.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        with pytest.raises(ConflictDecisionError, match="satu sponsor pada bulan yang sama"):
            resolve_conflict(branch, conflict.id, "theirs")
        with pytest.raises(ConflictDecisionError, match="Lepas dulu salah satu tanggungan"):
            resolve_conflict(branch, conflict.id, "mine")
        assert branch.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
        assert count_open(branch) == 1
        assert payments_for(branch, two_sris["sri"]) != []
    finally:
        branch.close()


def test_a_later_payment_for_the_dropped_copy_goes_to_the_kept_one(two_sris, tmp_path):
    """Budi's laptop still holds his Sri after the supervisor kept Rina's: the payment he
    records for her next lands on the Sri the branch kept, not on a deleted member; the
    same package merged again changes nothing."""
    branch = merged(tmp_path)
    try:
        [conflict] = list_conflicts(branch)
        resolve_conflict(branch, conflict.id, "theirs")
        budi = officer_file(tmp_path / "budi.db", "Budi")
        later = record_payment(budi, str(two_sris["sri"]), months=1, paid_on=TODAY,
                               channel="bank", today=TODAY)
        budi.close()
        report = merge_files(branch, [tmp_path / "budi.db"], backup=False)
        # His Sri's enrolment changed only by that payment: the decision stands.
        assert report.new_conflicts == 0 and count_open(branch) == 0
        kept = MemberRepository(branch).find_by_nik(NIK_A)
        assert kept is not None and kept.id == two_sris["twin"]
        assert later.id in {p.id for p in payments_for(branch, kept.id)}
        assert len(payments_for(branch, kept.id)) == 3
        assert branch.conn.execute(
            "SELECT count(*) FROM payments p JOIN members m ON m.id = p.member_id "
            "WHERE p.deleted_at IS NULL AND m.deleted_at IS NOT NULL").fetchone()[0] == 0
        assert kept.paid_until == later.to_month == "2027-03"
        before = branch.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        again = merge_files(branch, [tmp_path / "budi.db"], backup=False)
        assert again.new_conflicts == 0 and again.total().changes == 0
        assert branch.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
    finally:
        branch.close()


def test_an_officer_who_edits_the_dropped_copy_again_is_asked_about_it(two_sris, tmp_path):
    """A real change of the dropped copy (Budi corrects her income) is a new question for
    the supervisor, not silently dropped."""
    branch = merged(tmp_path)
    try:
        [conflict] = list_conflicts(branch)
        resolve_conflict(branch, conflict.id, "theirs")
        budi = officer_file(tmp_path / "budi.db", "Budi")
        rename(budi, str(two_sris["sri"]), "Sri Wahyuni", income="2.000.000",
               phone="0812-3456-7890", months_paid=3)
        budi.close()
        report = merge_files(branch, [tmp_path / "budi.db"], backup=False)
        assert report.new_conflicts >= 1
        assert {c.table_name for c in list_conflicts(branch)} >= {"enrolments"}
    finally:
        branch.close()

"""After a duplicate-NIK decision: what the officers' next packages bring.

The files of test_conflict_belongings: Budi enrolled Sri Wahyuni (paid to July 2026, a
payment for Feb 2027, under PT Batik's pledge), Rina enrolled her again under another id.
"""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.commands.merge import format_report
from bpu_desktop.store.conflicts import (
    count_open,
    dropped_copy,
    list_conflicts,
    resolve_conflict,
)
from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.merge import merge_files
from bpu_desktop.store.payments import payments_for, record_payment
from bpu_desktop.store.sponsors import SponsorRepository

from .merge_helpers import NIK_A, TODAY, officer_file, rename
from .test_conflict_belongings import merged, pledge, two_sris_files


@pytest.fixture
def two_sris(tmp_path) -> dict[str, object]:
    return two_sris_files(tmp_path)


def _audit_rows(store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def test_a_later_payment_by_the_kept_officer_raises_no_conflict(two_sris, tmp_path):
    """'Pakai data petugas' keeps Rina's Sri; the branch moved Budi's payment onto her
    enrolment (paid to Feb 2027). Rina's next payment for her changes the same enrolment
    on her laptop: both changes stand (paid until the later month), no conflict."""
    branch = merged(tmp_path)
    try:
        [conflict] = list_conflicts(branch)
        resolve_conflict(branch, conflict.id, "theirs")
        rina = officer_file(tmp_path / "rina.db", "Rina")
        later = record_payment(rina, str(two_sris["twin"]), months=1, paid_on=TODAY,
                               channel="agen", today=TODAY)
        rina.close()
        report = merge_files(branch, [tmp_path / "rina.db"], backup=False)
        assert report.new_conflicts == 0
        assert count_open(branch) == 0
        kept = MemberRepository(branch).find_by_nik(NIK_A)
        assert kept is not None and kept.id == two_sris["twin"]
        assert later.id in {p.id for p in payments_for(branch, kept.id)}
        assert kept.paid_until == "2027-02"  # the moved payment's month is still the last
        before = _audit_rows(branch)
        again = merge_files(branch, [tmp_path / "rina.db"], backup=False)
        assert again.new_conflicts == 0 and again.total().changes == 0
        assert _audit_rows(branch) == before
    finally:
        branch.close()


def test_a_branch_edit_of_the_kept_copy_and_a_later_payment_is_still_asked(two_sris,
                                                                              tmp_path):
    """Only what the decision moved is merged quietly: the supervisor corrected the kept
    Sri's income in the branch, Rina paid for her since: that enrolment is a question."""
    branch = merged(tmp_path)
    try:
        [conflict] = list_conflicts(branch)
        resolve_conflict(branch, conflict.id, "theirs")
        rename(branch, str(two_sris["twin"]), "Sri Wahyuni", income="3.000.000")
        rina = officer_file(tmp_path / "rina.db", "Rina")
        record_payment(rina, str(two_sris["twin"]), months=1, paid_on=TODAY,
                       channel="agen", today=TODAY)
        rina.close()
        report = merge_files(branch, [tmp_path / "rina.db"], backup=False)
        assert report.new_conflicts == 1
        [asked] = list_conflicts(branch)
        assert (asked.table_name, asked.kind) == ("enrolments", "edit")
    finally:
        branch.close()


def test_a_later_row_for_the_dropped_copy_that_cannot_move_is_reported(two_sris, tmp_path):
    """'Pakai data petugas' keeps Rina's Sri; the supervisor puts her under CV Jamu for
    March-May 2027. Budi, whose Sri was dropped, puts his Sri under UD Tani for the same
    months: one person cannot have two sponsors in a month, so that link cannot move to
    the kept Sri. The merge says so (never silently kept on the deleted copy)."""
    branch = merged(tmp_path)
    try:
        [conflict] = list_conflicts(branch)
        resolve_conflict(branch, conflict.id, "theirs")
        jamu = pledge(branch, "CV Jamu Makmur", date(2027, 3, 1), date(2027, 5, 1))
        SponsorRepository(branch, today=TODAY).assign(jamu, str(two_sris["twin"]))
        budi = officer_file(tmp_path / "budi.db", "Budi")
        tani = pledge(budi, "UD Tani Maju", date(2027, 3, 1), date(2027, 5, 1))
        SponsorRepository(budi, today=TODAY).assign(tani, str(two_sris["sri"]))
        budi.close()
        report = merge_files(branch, [tmp_path / "budi.db"], backup=False)
        [note] = report.notes()
        assert note.startswith("budi.db: Sri Wahyuni")
        assert "1 pekerja disponsori" in note
        assert "tidak dapat dipindahkan ke data yang dipakai" in note
        assert "satu sponsor pada bulan yang sama" in note
        # The link is where it came (the kept Sri keeps CV Jamu alone), and said so.
        assert branch.conn.execute(
            "SELECT count(*) FROM sponsorship_members WHERE sponsorship_id = ? "
            "AND member_id = ? AND deleted_at IS NULL",
            (tani, two_sris["sri"])).fetchone()[0] == 1
        assert format_report(report).count(note) == 1
        again = merge_files(branch, [tmp_path / "budi.db"], backup=False)
        assert again.new_conflicts == 0 and again.total().changes == 0
    finally:
        branch.close()


def test_a_later_payment_for_the_dropped_copy_when_the_kept_one_is_deleted_is_reported(
        two_sris, tmp_path):
    """The kept Sri was deleted in the branch since the decision: Budi's next payment for
    his (dropped) Sri has nowhere to go, and the merge says so."""
    branch = merged(tmp_path)
    try:
        [conflict] = list_conflicts(branch)
        resolve_conflict(branch, conflict.id, "theirs")
        MemberRepository(branch).delete(str(two_sris["twin"]))
        budi = officer_file(tmp_path / "budi.db", "Budi")
        record_payment(budi, str(two_sris["sri"]), months=1, paid_on=TODAY, channel="bank",
                       today=TODAY)
        budi.close()
        report = merge_files(branch, [tmp_path / "budi.db"], backup=False)
        [note] = report.notes()
        assert note.startswith("budi.db: Sri Wahyuni: 1 pembayaran dari data yang dihapus")
        assert "Data yang dipakai sudah dihapus juga." in note
    finally:
        branch.close()


def _edited_dropped_copy(two_sris, tmp_path):
    """The branch after 'Pakai data petugas' (Rina's Sri kept) and Budi's next package,
    where he corrected his (dropped) Sri's income to Rp 2.000.000."""
    branch = merged(tmp_path)
    [conflict] = list_conflicts(branch)
    resolve_conflict(branch, conflict.id, "theirs")
    budi = officer_file(tmp_path / "budi.db", "Budi")
    rename(budi, str(two_sris["sri"]), "Sri Wahyuni", income="2.000.000",
           phone="0812-3456-7890", months_paid=3)
    budi.close()
    report = merge_files(branch, [tmp_path / "budi.db"], backup=False)
    assert report.new_conflicts == 1
    return branch


def test_an_edit_of_the_dropped_copy_says_it_was_dropped_and_for_which(two_sris, tmp_path):
    branch = _edited_dropped_copy(two_sris, tmp_path)
    try:
        [asked] = list_conflicts(branch)
        assert (asked.table_name, asked.kind) == ("enrolments", "edit")
        dropped = dropped_copy(branch, asked)
        assert dropped is not None and dropped.kept == two_sris["twin"]
        assert "income" in dropped.fields() and "deleted_at" not in dropped.fields()
        text = dropped.explanation()
        assert text.startswith("Kepesertaan ini sudah dihapus di berkas cabang: NIK-nya "
                               "terdaftar dua kali, dan keputusan 'Pakai data petugas' "
                               "memakai data yang lain (Sri Wahyuni), dari rina.db.")
        assert "'Pakai data cabang': perubahan ini diabaikan." in text
        assert "Penghasilan" in text and "disalin ke data yang dipakai" in text
    finally:
        branch.close()


def test_keeping_the_branch_side_ignores_the_dropped_copy_s_edit(two_sris, tmp_path):
    branch = _edited_dropped_copy(two_sris, tmp_path)
    try:
        [asked] = list_conflicts(branch)
        resolve_conflict(branch, asked.id, "mine")
        kept = MemberRepository(branch).find_by_nik(NIK_A)
        assert kept is not None and kept.id == two_sris["twin"] and kept.income == 1_000_000
        assert branch.conn.execute(
            "SELECT count(*) FROM enrolments WHERE member_id = ? AND deleted_at IS NULL",
            (two_sris["sri"],)).fetchone()[0] == 0
        again = merge_files(branch, [tmp_path / "budi.db"], backup=False)
        assert again.new_conflicts == 0 and again.total().changes == 0
    finally:
        branch.close()


def test_taking_the_officer_s_side_copies_the_edit_to_the_kept_copy(two_sris, tmp_path):
    """'Pakai data petugas' on the dropped copy's edit does not bring that copy back (a
    live enrolment on a deleted member): the new income goes to the Sri kept."""
    branch = _edited_dropped_copy(two_sris, tmp_path)
    try:
        [asked] = list_conflicts(branch)
        resolve_conflict(branch, asked.id, "theirs")
        kept = MemberRepository(branch).find_by_nik(NIK_A)
        assert kept is not None and kept.id == two_sris["twin"]
        assert kept.income == 2_000_000
        assert branch.conn.execute(
            "SELECT count(*) FROM enrolments WHERE member_id = ? AND deleted_at IS NULL",
            (two_sris["sri"],)).fetchone()[0] == 0
        before = _audit_rows(branch)
        again = merge_files(branch, [tmp_path / "budi.db"], backup=False)
        assert again.new_conflicts == 0 and again.total().changes == 0
        assert _audit_rows(branch) == before
    finally:
        branch.close()

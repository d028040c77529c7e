"""After a duplicate-NIK decision: what the officers' next packages bring.

The files of test_conflict_belongings: Budi enrolled Sri Wahyuni (paid to July 2026, a
payment for Feb 2027, under PT Batik's pledge), Rina enrolled her again under another id.
"""

from __future__ import annotations

import pytest

from bpu_desktop.store.conflicts import count_open, list_conflicts, resolve_conflict
from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.merge import merge_files
from bpu_desktop.store.payments import payments_for, record_payment

from .merge_helpers import NIK_A, TODAY, officer_file, rename
from .test_conflict_belongings import merged, two_sris_files


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

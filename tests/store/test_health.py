"""`check_store` (`bpu check`): a live enrolment under a deleted member is a fault (it
counts on the dashboard but no list shows it); a deleted member's payments are not."""

from __future__ import annotations

from bpu_desktop.store.health import check_store
from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.payments import record_payment
from bpu_desktop.store.records import delete_record

from .merge_helpers import NIK_A, NIK_B, TODAY, enrol, officer_file


def test_a_live_enrolment_of_a_deleted_member_is_a_problem(tmp_path):
    store = officer_file(tmp_path / "a.db", "Andi")
    try:
        sri = enrol(store, NIK_A, "Sri")
        enrol(store, NIK_B, "Slamet")
        assert check_store(store).healthy
        delete_record(store, "members", sri.id)  # not how the app deletes a member
        report = check_store(store)
        assert report.problems == [
            "peserta terhapus: 1 kepesertaan masih aktif milik peserta yang sudah dihapus "
            f"(mis. Sri, NIK {NIK_A}); terhitung di ringkasan tetapi tidak tampil di daftar "
            "peserta"]
    finally:
        store.close()


def test_a_member_deleted_with_payments_is_healthy(tmp_path):
    store = officer_file(tmp_path / "a.db", "Andi")
    try:
        sri = enrol(store, NIK_A, "Sri")
        record_payment(store, sri.id, months=1, paid_on=TODAY, channel="bank", today=TODAY)
        MemberRepository(store).delete(sri.id)
        assert check_store(store).healthy, check_store(store).problems
    finally:
        store.close()

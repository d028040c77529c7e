"""Deleting a member (a record entered by mistake) takes their enrolment and payments out
of the figures together: the payments are tombstoned with them, audited, and the officer
is told beforehand what money goes (`MemberRepository.money_recorded`)."""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.reports.figures import RECEIVED_LABEL, month_figures
from bpu_desktop.store.audit import history
from bpu_desktop.store.database import open_store
from bpu_desktop.store.export_rows import payments_by_kecamatan
from bpu_desktop.store.members import MemberRepository, MoneyRecorded
from bpu_desktop.store.payments import payments_for, record_payment
from tests.store.targets_helpers import TODAY, enrol


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "d.db")
    s.set_officer("Sri")
    yield s
    s.close()


def received(store, month: date) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(the month, since January) of the report's "Iuran diterima" line."""
    summary = month_figures(store, month).summary
    assert summary is not None
    line = next(s for s in summary if s.label == RECEIVED_LABEL)
    return line.month, line.year_to_date


def test_delete_tombstones_the_live_payments_in_the_same_audited_action(store) -> None:
    ani = enrol(store, "Ani", enrolled_on=date(2026, 1, 10), start_month="2026-01", months=3)
    budi = enrol(store, "Budi", enrolled_on=date(2026, 1, 12), start_month="2026-01", months=3)
    paid = record_payment(store, ani.id, months=3, paid_on=date(2026, 5, 20), channel="agen",
                          today=TODAY)
    kept = record_payment(store, budi.id, months=1, paid_on=date(2026, 5, 20),
                          channel="agen", today=TODAY)
    repo = MemberRepository(store)
    assert repo.money_recorded(ani.id) == MoneyRecorded(
        enrolment_amount=int(ani.amount_paid or 0), payments=1, payments_amount=paid.amount)
    repo.delete(ani.id)
    assert payments_for(store, ani.id) == []
    live = store.conn.execute(
        "SELECT count(*) FROM payments p JOIN members m ON m.id = p.member_id "
        "WHERE p.deleted_at IS NULL AND m.deleted_at IS NOT NULL").fetchone()[0]
    assert live == 0  # no live payment of a deleted member remains
    assert [p.id for p in payments_for(store, budi.id)] == [kept.id]  # others untouched
    deletes = {(e.table_name, e.row_id) for e in history(store.conn) if e.action == "delete"}
    assert {("payments", paid.id), ("enrolments", ani.enrolment_id),
            ("members", ani.id)} <= deletes
    assert repo.money_recorded(ani.id).total == 0  # nothing left to count


def test_report_figures_drop_by_the_enrolment_and_the_payments_together(store) -> None:
    ani = enrol(store, "Ani", enrolled_on=date(2026, 1, 10), start_month="2026-01", months=3)
    enrol(store, "Budi", enrolled_on=date(2026, 1, 12), start_month="2026-01", months=3)
    paid = record_payment(store, ani.id, months=3, paid_on=date(2026, 5, 20), channel="agen",
                          today=TODAY)
    may, january = date(2026, 5, 1), date(2026, 1, 1)
    before_may, before_jan = received(store, may), received(store, january)
    by_kec = sum(payments_by_kecamatan(store, may, date(2026, 5, 31)).values())
    assert by_kec == paid.amount
    MemberRepository(store).delete(ani.id)
    after_may, after_jan = received(store, may), received(store, january)
    enrolment = int(ani.amount_paid or 0)
    assert after_may == (before_may[0] - paid.amount, before_may[1] - paid.amount - enrolment)
    assert after_jan == (before_jan[0] - enrolment, before_jan[1] - enrolment)
    assert payments_by_kecamatan(store, may, date(2026, 5, 31)) == {}


def test_the_confirmation_note_names_the_money_or_nothing() -> None:
    assert MoneyRecorded(0, 0, 0).delete_note() == ""
    assert MoneyRecorded(57_900, 1, 115_800).delete_note() == (
        "Peserta ini sudah membayar Rp 173.700 (iuran pendaftaran dan 1 pembayaran). "
        "Data pembayaran ikut terhapus dan tidak lagi dihitung di laporan.")
    assert MoneyRecorded(16_800, 0, 0).delete_note().startswith(
        "Peserta ini sudah membayar Rp 16.800 (iuran pendaftaran).")

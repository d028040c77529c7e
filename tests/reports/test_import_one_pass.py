"""`check_and_apply` (what `bpu import` runs: the next rows checked in a second thread while
SQLite writes audit rows) gives what `plan_import` then `apply_import` give."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bpu_desktop.domain.validation import EnrolmentRules
from bpu_desktop.reports.excel_import import (
    ImportPlan,
    apply_import,
    check_and_apply,
    plan_import,
    read_sheet,
)
from bpu_desktop.store import member_import
from bpu_desktop.store.database import Store
from bpu_desktop.store.progress import Cancelled, Progress

from .builders import TODAY, enrol, make_nik, new_store

HEADER = ["NIK", "Nama", "No HP", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan",
          "Tanggal daftar"]


def _row(serial: int, name: str = "Budi Santoso", **kw: object) -> list[object]:
    return [kw.get("nik", make_nik(serial)), name, "081234567890", kw.get("kec", "Laweyan"),
            "Pajang", "UMKM", 1500000.0, kw.get("when", "02/03/2026")]


def _file(path: Path) -> Path:
    """Good, bad, blank, repeated (across batches of 2) and already enrolled rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in [
        _row(1), _row(2, "Siti Aminah"), [None] * 8, _row(3, kec="Atlantis"),
        _row(4, "Budi Baru"), _row(1, "Budi Kembar"),       # row 7: NIK of row 2
        _row(5, when="31/02/2026"), _row(6), _row(7, "Dewi Lestari"), _row(6, "Tono"),
        _row(8, nik="12"), _row(9),
    ]:
        ws.append(row)
    wb.save(path)
    return path


def _plan(plan: ImportPlan) -> tuple[object, ...]:
    return (plan.rows_read, plan.blank_rows, plan.warnings, plan.notes,
            [(r, c.nik.value, c.name) for r, c in plan.new],
            [(r, c.nik, c.name) for r, _, c in plan.existing],
            [(b.row, b.values, b.errors) for b in plan.bad_rows])


def _content(store: Store) -> dict[str, Any]:
    """Every member, enrolment and audit row, without the ids and times that differ."""
    def rows(sql: str) -> list[tuple[Any, ...]]:
        return sorted(tuple(r) for r in store.conn.execute(sql))

    audits = [(table, action, source, officer,
               {k: v for k, v in json.loads(new).items()
                if k not in {"id", "created_at", "updated_at", "member_id", "origin"}})
              for table, action, source, officer, new in store.conn.execute(
                  "SELECT table_name, action, source, officer, new FROM audit_log "
                  "WHERE source LIKE 'import:%'")]
    return {
        "members": rows("SELECT nik, name, sex, birth_date, phone, kecamatan_code, kelurahan, "
                        "address, kpj, version, created_by FROM members"),
        "enrolments": rows("SELECT m.nik, e.segment, e.income, e.months_paid, e.amount_paid, "
                           "e.start_month, e.paid_until, e.enrolled_on, e.version "
                           "FROM enrolments e JOIN members m ON m.id = e.member_id"),
        "audit": sorted(audits, key=repr),
    }


@pytest.mark.parametrize("update_existing", [False, True])
def test_one_pass_gives_the_plan_rows_and_audit_of_check_then_apply(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_existing: bool):
    monkeypatch.setattr(member_import, "BATCH", 2)
    path = _file(tmp_path / "daftar.xlsx")
    stores = {}
    for name in ("two-steps", "one-pass"):
        store = stores[name] = new_store(tmp_path, f"{name}.db")
        enrol(store, 4, name="Budi Lama")
    data = read_sheet(path)
    two_steps = plan_import(stores["two-steps"], data, today=TODAY)
    counts = apply_import(stores["two-steps"], two_steps, update_existing=update_existing)
    one_pass, *one_counts = check_and_apply(stores["one-pass"], read_sheet(path), today=TODAY,
                                            update_existing=update_existing)
    assert _plan(one_pass) == _plan(two_steps)
    assert tuple(one_counts) == counts == (5, int(update_existing))
    assert [e.message for e in one_pass.errors if e.row in (7, 11)] == [
        f"NIK {make_nik(1)} sama dengan baris 2 di berkas ini.",
        f"NIK {make_nik(6)} sama dengan baris 9 di berkas ini."]
    assert _content(stores["one-pass"]) == _content(stores["two-steps"])


def _checking_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "import-check"]


def test_a_cancel_while_saving_rolls_back_and_stops_the_checking(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(member_import, "BATCH", 2)
    store = new_store(tmp_path)
    progress = Progress()
    progress.report = lambda done, total, text: (
        progress.cancel() if text == "Menyimpan peserta" and done >= 6 else None)
    with pytest.raises(Cancelled):
        check_and_apply(store, read_sheet(_file(tmp_path / "a.xlsx")), today=TODAY,
                        progress=progress)
    assert store.conn.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 0
    assert store.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == 0
    assert _checking_threads() == []


def test_a_failure_while_checking_reaches_the_caller_and_rolls_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(member_import, "BATCH", 2)
    validate = EnrolmentRules.validate

    def failing(self: EnrolmentRules, raw: Any) -> Any:
        if raw.name == "Dewi Lestari":
            raise RuntimeError("rusak")
        return validate(self, raw)

    monkeypatch.setattr(EnrolmentRules, "validate", failing)
    store = new_store(tmp_path)
    with pytest.raises(RuntimeError, match="rusak"):
        check_and_apply(store, read_sheet(_file(tmp_path / "a.xlsx")), today=TODAY)
    assert store.conn.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 0
    assert _checking_threads() == []

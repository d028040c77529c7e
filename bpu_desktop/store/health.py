"""Is this file healthy? Integrity, foreign keys, schema version, live and deleted rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from bpu_desktop.domain.money import format_number

from . import enrolment_tally
from .database import Store
from .migrations import applied_migration_names, known_migration_names

TALLY_MIGRATION = "m010_enrolment_tally"


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # table: (live, deleted)
    audit_rows: int = 0

    @property
    def healthy(self) -> bool:
        return not self.problems


def check_store(store: Store) -> CheckReport:
    report = CheckReport()
    conn = store.conn
    integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    if integrity != ["ok"]:
        report.problems += [f"integritas: {line}" for line in integrity[:20]]
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall()[:20]:
        report.problems.append(
            f"kunci tamu: baris {rowid} di tabel {table} menunjuk ke {parent} yang tidak ada")
    report.applied = applied_migration_names(conn)
    missing = [n for n in known_migration_names() if n not in report.applied]
    if missing:
        report.problems.append(f"skema: migrasi belum diterapkan: {', '.join(missing)}")
    for table in sorted(store.db.table_names()):
        columns = {c.name for c in store.db[table].columns}
        if "deleted_at" not in columns:
            continue
        live, deleted = conn.execute(
            f"SELECT COUNT(*) - COUNT(deleted_at), COUNT(deleted_at) FROM [{table}]"
        ).fetchone()
        report.counts[table] = (int(live), int(deleted))
    report.audit_rows = int(conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0])
    report.problems += orphaned_live_rows(store)
    if TALLY_MIGRATION in report.applied and enrolment_tally.drifted(store):
        report.problems.append(
            "ringkasan: hitungan pendaftaran per bulan tidak cocok dengan datanya (berkas "
            "diubah di luar aplikasi?); hitung ulang dengan `bpu check --hitung-ulang`")
    return report


def orphaned_live_rows(store: Store) -> list[str]:
    """Live enrolments whose member is deleted (the dashboard counts them, the member
    list no longer shows them): deleting a member deletes its enrolment, so such a row is
    always a fault. One line naming one such member. (A deleted member's payments stay
    live by design: deleting a member keeps its payment history.)

    Read from the deleted members (few, on m015's partial index `members_deleted`) into
    the live enrolments' member index, never a walk of a million live rows."""
    conn = store.conn
    tables = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"members", "enrolments"} <= tables:
        return []
    # CROSS JOIN: the deleted members outside, whatever the statistics say.
    rows = ("FROM members m CROSS JOIN enrolments x ON x.member_id = m.id "
            "AND x.deleted_at IS NULL WHERE m.deleted_at IS NOT NULL")
    count = conn.execute(f"SELECT count(*) {rows}").fetchone()[0]
    if not count:
        return []
    name, nik = conn.execute(f"SELECT m.name, m.nik {rows} LIMIT 1").fetchone()
    return [f"peserta terhapus: {format_number(count)} kepesertaan masih aktif milik peserta "
            f"yang sudah dihapus (mis. {name}, NIK {nik}); terhitung di ringkasan tetapi "
            "tidak tampil di daftar peserta"]


def recount(store: Store) -> bool:
    """Recount the enrolment tally when it drifted; whether it had."""
    if TALLY_MIGRATION not in applied_migration_names(store.conn):
        return False
    if not enrolment_tally.drifted(store):
        return False
    enrolment_tally.rebuild(store)
    return True

"""`bpu check`: is this file healthy? Integrity, foreign keys, schema version, counts."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from dataclasses import dataclass, field

from bpu_desktop.store.database import Store
from bpu_desktop.store.errors import StoreError, translate_sqlite_error
from bpu_desktop.store.migrations import MIGRATIONS, known_migration_names

from ._common import add_db_argument, open_for_cli


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # table: (live, deleted)

    @property
    def healthy(self) -> bool:
        return not self.problems


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "check", help="periksa kesehatan berkas data",
        description="Periksa integritas, kunci tamu, versi skema dan jumlah baris. "
        "Kode keluar 0 bila sehat, 1 bila ada masalah.")
    add_db_argument(parser, required=True)
    parser.set_defaults(func=run)


def check_store(store: Store) -> CheckReport:
    report = CheckReport()
    conn = store.conn
    integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    if integrity != ["ok"]:
        report.problems += [f"integritas: {line}" for line in integrity[:20]]
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall()[:20]:
        report.problems.append(
            f"kunci tamu: baris {rowid} di tabel {table} menunjuk ke {parent} yang tidak ada")
    report.applied = [m.name for m in MIGRATIONS.applied(store.db)]
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
    return report


def run(args: argparse.Namespace) -> int:
    store = open_for_cli(args.db)
    try:
        report = check_store(store)
        audit = int(store.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc) or StoreError(f"Berkas data rusak: {exc}.") from exc
    finally:
        store.close()
    print(f"Berkas: {args.db}")
    print(f"Versi skema: {len(report.applied)} ({', '.join(report.applied) or '-'})")
    print(f"{'Tabel':<20}{'aktif':>12}{'dihapus':>12}")
    for table, (live, deleted) in report.counts.items():
        print(f"{table:<20}{live:>12,}{deleted:>12,}")
    print(f"{'audit_log':<20}{audit:>12,}")
    if report.healthy:
        print("Sehat: tidak ada masalah.")
        return 0
    for problem in report.problems:
        print(f"MASALAH {problem}")
    print(f"bpu: berkas data tidak sehat ({len(report.problems)} masalah, lihat di atas).",
          file=sys.stderr)
    return 1

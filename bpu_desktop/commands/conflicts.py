"""`bpu conflicts --db CABANG.db`: list merge conflicts, or decide one."""

from __future__ import annotations

import argparse

from bpu_desktop.cli import CliError
from bpu_desktop.store.conflicts import field_label, list_conflicts, resolve_conflict

from ._common import add_db_argument, open_for_cli

CHOICES = {"cabang": "mine", "petugas": "theirs", "per-kolom": "fields", "gabung": "combine"}


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "conflicts", help="daftar dan keputusan konflik penggabungan",
        description="Tanpa --selesaikan: daftar konflik terbuka. Dengan --selesaikan ID "
        "--pakai cabang|petugas|per-kolom|gabung [--kolom nama=petugas ...]: putuskan satu "
        "konflik (dicatat di riwayat).")
    add_db_argument(parser, required=True)
    parser.add_argument("--selesaikan", metavar="ID", help="ID konflik (boleh awalannya)")
    parser.add_argument("--pakai", choices=sorted(CHOICES), help="keputusan")
    parser.add_argument("--kolom", action="append", default=[], metavar="KOLOM=cabang|petugas",
                        help="pilihan per kolom (untuk per-kolom dan gabung)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.db.exists():
        raise CliError(f"berkas {args.db} tidak ditemukan.")
    store = open_for_cli(args.db)
    try:
        conflicts = list_conflicts(store)
        if not args.selesaikan:
            if not conflicts:
                print("Tidak ada konflik terbuka.")
            for c in conflicts:
                name = c.incoming.get("name") or c.incoming.get("nik") or c.row_id
                print(f"{c.id[:8]}  {c.table_name}  {c.kind_label}  {name}  ({c.source_file})")
                for f in c.differing():
                    mine = (c.mine or {}).get(f)
                    print(f"          {field_label(f)}: cabang={mine!r} petugas={c.incoming[f]!r}")
            return 0
        if not args.pakai:
            raise CliError("pilih keputusan dengan --pakai cabang|petugas|per-kolom|gabung.")
        matches = [c for c in conflicts if c.id.startswith(args.selesaikan)]
        if len(matches) != 1:
            raise CliError(f"konflik {args.selesaikan} tidak ditemukan (atau tidak unik).")
        picks = {}
        for item in args.kolom:
            name, _, side = item.partition("=")
            if side not in ("cabang", "petugas"):
                raise CliError(f"--kolom {item}: tulis KOLOM=cabang atau KOLOM=petugas.")
            picks[name] = "mine" if side == "cabang" else "theirs"
        resolve_conflict(store, matches[0].id, CHOICES[args.pakai], picks)
        print(f"Konflik {matches[0].id[:8]} diselesaikan ({args.pakai}).")
        return 0
    finally:
        store.close()

"""`bpu conflicts --db CABANG.db`: list merge conflicts, or decide one."""

from __future__ import annotations

import argparse
from typing import Any

from bpu_desktop.cli import CliError
from bpu_desktop.domain.regions import kecamatan_list
from bpu_desktop.store.conflicts import Conflict, field_label, list_conflicts, resolve_conflict
from bpu_desktop.store.labels import TABLE_LABELS

from ._common import add_db_argument, open_for_cli

CHOICES = {"cabang": "mine", "petugas": "theirs", "per-kolom": "fields", "gabung": "combine"}
WORDS = {decision: word for word, decision in CHOICES.items()}


def _value(field: str, value: Any) -> str:
    """A stored value as the supervisor reads it: names for kecamatan codes, '-' for none."""
    if value is None:
        return "-"
    if value == "":
        return "(kosong)"
    if field == "kecamatan_code":
        names = {k.code: k.name for k in kecamatan_list()}
        return names.get(str(value), str(value))
    return repr(value) if isinstance(value, str) else str(value)


def _print_conflict(c: Conflict) -> None:
    name = c.incoming.get("name") or c.incoming.get("nik") or c.row_id
    table = TABLE_LABELS.get(c.table_name, c.table_name)
    print(f"{c.id[:8]}  {table}  {c.kind_label}  {name}  ({c.source_file})")
    for f in c.differing():
        mine = _value(f, (c.mine or {}).get(f))
        print(f"          {field_label(f)}: cabang={mine} petugas={_value(f, c.incoming[f])}")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "conflicts", help="daftar dan keputusan konflik penggabungan",
        description="Tanpa --selesaikan: daftar konflik terbuka. Dengan --selesaikan ID "
        "--pakai cabang|petugas|per-kolom|gabung [--kolom nama=petugas ...]: putuskan satu "
        "konflik (dicatat di riwayat).")
    add_db_argument(parser)
    parser.add_argument("--selesaikan", metavar="ID", help="ID konflik (boleh awalannya)")
    parser.add_argument("--pakai", choices=sorted(CHOICES), help="keputusan")
    parser.add_argument("--kolom", action="append", default=[], metavar="KOLOM=cabang|petugas",
                        help="pilihan per kolom (untuk per-kolom dan gabung)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = open_for_cli(args.db)
    try:
        conflicts = list_conflicts(store)
        if not args.selesaikan:
            if not conflicts:
                print("Tidak ada konflik terbuka.")
            for c in conflicts:
                _print_conflict(c)
            return 0
        if not args.pakai:
            raise CliError("pilih keputusan dengan --pakai cabang|petugas|per-kolom|gabung.")
        matches = [c for c in conflicts if c.id.startswith(args.selesaikan)]
        if not matches and any(c.id.startswith(args.selesaikan)
                               for c in list_conflicts(store, status="resolved")):
            raise CliError(f"konflik {args.selesaikan}: Konflik ini sudah diselesaikan.", 1)
        if not matches:
            raise CliError(f"konflik {args.selesaikan} tidak ditemukan (lihat `bpu conflicts`).")
        if len(matches) > 1:
            raise CliError(f"awalan {args.selesaikan} cocok dengan {len(matches)} konflik; "
                           "tulis lebih banyak huruf ID-nya.")
        allowed = matches[0].decisions()
        if CHOICES[args.pakai] not in allowed:
            raise CliError(f"keputusan '{args.pakai}' tidak berlaku untuk konflik ini; pilih "
                           + " atau ".join(WORDS[d] for d in allowed) + ".")
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

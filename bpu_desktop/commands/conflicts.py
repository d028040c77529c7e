"""`bpu conflicts --db CABANG.db`: list merge conflicts, or decide one.

A merge can leave 800,000 conflicts: the list prints one page (`--batas`, from `--mulai`)
and a count line, and reads each printed conflict alone; `--semua` prints them all, page by
page, never holding them in memory.
"""

from __future__ import annotations

import argparse

from bpu_desktop.cli import CliError
from bpu_desktop.domain.money import format_number
from bpu_desktop.store.conflict_base import default_picks, field_changes
from bpu_desktop.store.conflict_values import NONE_TEXT, ValueText, duplicate_origins
from bpu_desktop.store.conflicts import (
    DECISION_LABELS,
    Conflict,
    ConflictDecisionError,
    ConflictQuery,
    conflict_name,
    count_open,
    dropped_copy,
    enrolment_pair,
    field_label,
    get_conflict,
    match_ids,
    page_open,
    resolve_conflict,
)
from bpu_desktop.store.database import Store
from bpu_desktop.store.labels import TABLE_LABELS

from ._common import add_db_argument, open_for_cli

PAGE = 50
CHOICES = {"cabang": "mine", "petugas": "theirs", "per-kolom": "fields", "gabung": "combine"}
WORDS = {decision: word for word, decision in CHOICES.items()}


def _cli_words(message: str) -> str:
    """A store message names decisions as the dialog's buttons do; here, as --pakai."""
    for decision, label in DECISION_LABELS.items():
        message = message.replace(f"'{label}'", f"'--pakai {WORDS[decision]}'")
    return message


def _print_conflict(store: Store, c: Conflict, text: ValueText) -> None:
    name = conflict_name(text, c.table_name, c.row_id, c.incoming)
    table = TABLE_LABELS.get(c.table_name, c.table_name)
    print(f"{c.id[:8]}  {table}  {c.kind_label}  {name}  ({c.source_file})")
    dropped = dropped_copy(store, c)
    if dropped is not None:  # a copy a duplicate decision dropped: why it is deleted here
        print(f"          {_cli_words(dropped.explanation())}")
    origins = duplicate_origins(store, c)
    if origins is not None:  # who enrolled each copy, when, from where: always said
        mine = origins.mine.text() if origins.mine is not None else NONE_TEXT
        print(f"          Didaftarkan (cabang): {mine}")
        print(f"          Didaftarkan (petugas): {origins.theirs.text()}")
        if origins.note():
            print(f"          {origins.note()}")
    for f in c.differing():
        mine = text(f, (c.mine or {}).get(f))
        print(f"          {field_label(f, c.table_name)}: cabang={mine} | "
              f"petugas={text(f, c.incoming[f])}")
    pair = enrolment_pair(store, c)
    if pair is not None:  # the officer's enrolment follows this member's decision
        for f in pair.differing():
            mine = text(f, (pair.mine or {}).get(f))
            print(f"          Kepesertaan {field_label(f)}: cabang={mine} | "
                  f"petugas={text(f, pair.theirs.get(f))}")
        for decision in c.decisions():  # what the dropped copy holds moves: said first
            holds = pair.mine_holds if decision == "theirs" else pair.theirs_holds
            if holds.moved_text():
                print(f"          --pakai {WORDS[decision]}: {holds.moved_text()}")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "conflicts", help="daftar dan keputusan konflik penggabungan",
        description="Tanpa --selesaikan: daftar konflik terbuka. Dengan --selesaikan ID "
        "--pakai cabang|petugas|per-kolom|gabung [--kolom nama=petugas ...]: putuskan satu "
        "konflik (dicatat di riwayat).")
    add_db_argument(parser)
    parser.add_argument("--batas", type=int, default=PAGE, metavar="N",
                        help=f"tampilkan N konflik (bawaan {PAGE})")
    parser.add_argument("--mulai", type=int, default=1, metavar="NO",
                        help="mulai dari konflik nomor NO (bawaan 1)")
    parser.add_argument("--semua", action="store_true", help="tampilkan semua konflik")
    parser.add_argument("--selesaikan", metavar="ID", help="ID konflik (boleh awalannya)")
    parser.add_argument("--pakai", choices=sorted(CHOICES), help="keputusan")
    parser.add_argument("--kolom", action="append", default=[], metavar="KOLOM=cabang|petugas",
                        help="pilihan per kolom (untuk per-kolom dan gabung); KOLOM seperti "
                             "di daftar, mis. Nama atau \"Nomor HP\"")
    parser.set_defaults(func=run)


def _print_list(store: Store, args: argparse.Namespace) -> None:
    if args.batas < 1 or args.mulai < 1:
        raise CliError("--batas dan --mulai harus bilangan 1 atau lebih.")
    query = ConflictQuery()
    total = count_open(store, query)
    if not total:
        print("Tidak ada konflik terbuka.")
        return
    first = args.mulai - 1
    text = ValueText(store)
    last = total if args.semua else min(first + args.batas, total)
    for offset in range(first, last, PAGE):
        for line in page_open(store, query, offset, min(PAGE, last - offset), total=total):
            # A duplicate member's dependents (its enrolment) are read to compare them.
            nested = line.kind == "duplicate" and line.table_name == "members"
            _print_conflict(store, get_conflict(store, line.id, dependents=nested), text)
    count = f"{format_number(total)} konflik terbuka"
    if first == 0 and last == total:
        print(f"{count}.")
    elif last > first:
        more = "; berikutnya dengan --mulai, semuanya dengan --semua" if last < total else ""
        print(f"{count} (ditampilkan nomor {format_number(first + 1)} s.d. "
              f"{format_number(last)}{more}).")
    else:
        print(f"{count}; nomor {format_number(first + 1)} tidak ada.")


def _key(text: str) -> str:
    """'Nomor HP', 'nomor-hp' and 'nomor_hp' name the same column."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _picks(conflict: Conflict, items: list[str]) -> dict[str, str]:
    """--kolom KOLOM=cabang|petugas, KOLOM as the list shows it (Nama, "Nomor HP") or as
    stored (name); a column this conflict does not have is named with those it has."""
    columns = {}
    for name in conflict.fields():
        columns[_key(name)] = columns[_key(field_label(name, conflict.table_name))] = name
    picks = {}
    for item in items:
        given, _, side = item.partition("=")
        if side not in ("cabang", "petugas"):
            raise CliError(f"--kolom {item}: tulis KOLOM=cabang atau KOLOM=petugas.")
        name = columns.get(_key(given))
        if name is None:
            differing = [field_label(f, conflict.table_name) for f in conflict.differing()]
            raise CliError(f"kolom '{given}' tidak ada di konflik ini; kolom yang berbeda: "
                           + (", ".join(differing) or "tidak ada") + ".")
        picks[name] = "mine" if side == "cabang" else "theirs"
    return picks


def run(args: argparse.Namespace) -> int:
    store = open_for_cli(args.db)
    try:
        if not args.selesaikan:
            if args.pakai or args.kolom:
                raise CliError("pilih konflik dengan --selesaikan ID (lihat daftarnya dengan "
                               "`bpu conflicts`).")
            _print_list(store, args)
            return 0
        if not args.pakai:
            raise CliError("pilih keputusan dengan --pakai cabang|petugas|per-kolom|gabung.")
        matches = match_ids(store, args.selesaikan)
        if not matches and match_ids(store, args.selesaikan, status="resolved", limit=1):
            raise CliError(f"konflik {args.selesaikan}: Konflik ini sudah diselesaikan.", 1)
        if not matches:
            raise CliError(f"konflik {args.selesaikan} tidak ditemukan (lihat `bpu conflicts`).")
        if len(matches) > 1:
            raise CliError(f"awalan {args.selesaikan} cocok dengan lebih dari satu konflik; "
                           "tulis lebih banyak huruf ID-nya.")
        conflict = get_conflict(store, matches[0])
        allowed = conflict.decisions()
        if CHOICES[args.pakai] not in allowed:
            raise CliError(f"keputusan '{args.pakai}' tidak berlaku untuk konflik ini; pilih "
                           + " atau ".join(WORDS[d] for d in allowed) + ".")
        per_field = CHOICES[args.pakai] in ("fields", "combine")
        # Unnamed columns start where the dialog starts them: on the side that changed them.
        picks = {**(default_picks(field_changes(store, conflict)) if per_field else {}),
                 **_picks(conflict, args.kolom)}
        pair = enrolment_pair(store, conflict)
        try:
            resolve_conflict(store, conflict.id, CHOICES[args.pakai], picks)
        except ConflictDecisionError as exc:
            raise CliError(f"konflik {conflict.id[:8]} tidak diselesaikan: "
                           f"{_cli_words(exc.message)}", 1) from exc
        print(f"Konflik {conflict.id[:8]} diselesaikan ({args.pakai}).")
        if per_field and conflict.differing():
            print("dipakai: " + ", ".join(
                f"{field_label(f, conflict.table_name)}="
                + ("petugas" if picks.get(f) == "theirs" else "cabang")
                for f in conflict.differing()))
        if pair is not None:
            print(pair.consequence(CHOICES[args.pakai], ValueText(store)))
        return 0
    finally:
        store.close()

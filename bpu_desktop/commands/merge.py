"""`bpu merge --into CABANG.db PETUGAS.db ...`: merge officers' files, print the counts."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from bpu_desktop.cli import CliError
from bpu_desktop.domain.dates import format_date
from bpu_desktop.domain.money import format_number
from bpu_desktop.store.conflicts import HELD_HEADER, HELD_NOTE, to_decide_text
from bpu_desktop.store.export_rows import count_open_conflicts
from bpu_desktop.store.merge import MergeReport, TableCounts, merge_files
from bpu_desktop.store.merge_sources import PACKAGE_SUFFIX
from bpu_desktop.store.progress import Cancelled, Progress

from ._common import open_for_cli
from ._passphrase import read_passphrase

HEADERS = ("Tabel", "Baru", "Diperbarui", "Sama", "Dihapus", HELD_HEADER, "Lebih lama")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "merge", help="gabungkan berkas petugas ke berkas cabang",
        description="Gabungkan berkas data petugas (.db atau paket .bpu) ke berkas cabang. "
        "Ringkasan dicetak dulu, lalu data ditulis dalam satu transaksi setelah cadangan "
        "dibuat. Konflik tidak pernah diputuskan diam-diam: lihat `bpu conflicts`. Kata sandi "
        "paket .bpu: dari BPU_PASSPHRASE, diminta di terminal, atau baris pertama masukan "
        "standar (seperti `bpu pack`).")
    parser.add_argument("--into", type=Path, required=True, metavar="CABANG.db",
                        help="berkas cabang yang menerima data")
    parser.add_argument("files", type=Path, nargs="+", metavar="PETUGAS.db",
                        help="berkas petugas (.db) atau paket terenkripsi (.bpu)")
    parser.add_argument("--dry-run", action="store_true",
                        help="hanya tampilkan ringkasan, tanpa menulis apa pun")
    parser.set_defaults(func=run)


class _Printer:
    """A one-line progress bar on a terminal; silent when piped."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int, text: str) -> None:
        if not self.tty or total <= 0:
            return
        self.shown = True
        elapsed = time.monotonic() - self.started
        left = elapsed * (total - done) / done if done else 0.0
        print(f"\r{text[:40]:40} {format_number(done)}/{format_number(total)} "
              f"({100 * done // total}%) sisa ~{format_number(left)} dtk   ",
              end="", file=sys.stderr, flush=True)

    def end(self) -> None:
        if self.shown:
            print(file=sys.stderr)
            self.shown = False


def _passphrase(files: list[Path]) -> str | None:
    """Only for packages; read as `bpu pack` reads it (BPU_PASSPHRASE, the terminal, or
    the first line of standard input in a script), asked once: it opens, not creates."""
    if not any(f.suffix.lower() == PACKAGE_SUFFIX for f in files):
        return None
    return read_passphrase(confirm=False)


def format_report(report: MergeReport) -> str:
    lines = []
    for file in report.files:
        note = ""
        if file.already_merged:
            note = " — sudah digabung, tidak ada data baru"
            if file.merged_before:
                note += f" (pertama kali {format_date(date.fromisoformat(file.merged_before[:10]))})"
        who = f", petugas {file.officer}" if file.officer else ""
        lines.append(f"{file.name}{who}{note}")
    lines.append("")
    rows = [(report.labels.get(t, t), c) for t, c in report.per_table().items()]
    rows.append(("Jumlah", report.total()))
    widths = [max(len(HEADERS[0]), *(len(r[0]) for r in rows)), *(len(h) for h in HEADERS[1:])]
    lines.append("  ".join(h.ljust(w) if i == 0 else h.rjust(w)
                           for i, (h, w) in enumerate(zip(HEADERS, widths, strict=True))))
    for label, counts in rows:
        lines.append("  ".join([label.ljust(widths[0]),
                                *(format_number(v).rjust(w) for v, w in zip(_values(counts), widths[1:],
                                                                  strict=True))]))
    lines.extend(report.notes())
    if report.total().conflicts:
        lines.append(HELD_NOTE)
    return "\n".join(lines)


def _values(c: TableCounts) -> tuple[int, ...]:
    return (c.new, c.updated, c.identical, c.deleted, c.conflicts, c.older)


def run(args: argparse.Namespace) -> int:
    passphrase = _passphrase(list(args.files))
    if not args.into.exists():
        raise CliError(f"berkas cabang {args.into} tidak ditemukan.")
    store = open_for_cli(args.into)
    printer = _Printer()
    after: list[int] = []

    def confirm(report: MergeReport) -> bool:
        printer.end()
        # Before the commit: what the supervisor must decide once this merge is written.
        after.append(count_open_conflicts(store) or 0)
        if args.dry_run:
            return False  # rolled back; printed below
        print("Ringkasan penggabungan:")
        print(format_report(report))
        return True

    try:
        # A dry run is the merge rolled back after `confirm` (so it counts the list too).
        report = merge_files(store, list(args.files),
                             progress=Progress(report=printer), passphrase=passphrase,
                             confirm=confirm)
    except Cancelled as exc:
        raise CliError(str(exc), code=130) from exc
    finally:
        printer.end()
        store.close()
    if args.dry_run:
        print("Ringkasan (uji coba, tidak ada yang ditulis):")
        print(format_report(report))
        if after and after[0]:
            print(f"Setelah digabung: {to_decide_text(after[0])}.")
        return 0
    total = report.total()
    if report.backup is None:
        print("Selesai. Tidak ada yang ditulis; cadangan tidak dibuat.")
    else:
        print(f"Selesai: {format_number(total.new)} baru, {format_number(total.updated)} "
              f"diperbarui, {format_number(total.deleted)} dihapus ditulis ke "
              f"{args.into.name}. Cadangan: {report.backup}")
    if after and after[0]:
        print(f"{to_decide_text(after[0])}: bpu conflicts --db {args.into}")
    return 0

"""`bpu demo`: fill a new file with realistic demo members (Solo and Wonogiri)."""

from __future__ import annotations

import argparse
import sys
import time

from bpu_desktop.domain.money import format_number
from bpu_desktop.store.demo import generate_demo
from bpu_desktop.store.progress import Progress

from ._common import add_db_argument, open_for_cli


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "demo", help="buat berkas data demo", description="Buat berkas data demo berisi "
        "peserta BPU fiktif dari Solo dan Wonogiri (berkas baru atau kosong).")
    add_db_argument(parser, required=True)
    parser.add_argument("--members", type=_positive, required=True, metavar="N",
                        help="jumlah peserta, mis. 1000000")
    parser.add_argument("--seed", type=int, default=1, help="benih acak (bawaan 1)")
    parser.set_defaults(func=run)


def _positive(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace(".", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' bukan bilangan bulat") from None
    if value < 1:
        raise argparse.ArgumentTypeError("jumlah peserta minimal 1")
    return value


class _Printer:
    """Progress on a terminal (one rewritten line); silent when piped."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.started = time.monotonic()

    def __call__(self, done: int, total: int, text: str) -> None:
        if not self.tty or total <= 0:
            return
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate > 0 else 0.0
        print(f"\r{text}: {format_number(done)}/{format_number(total)} ({100 * done // total}%), "
              f"sisa ~{format_number(left)} dtk   ", end="", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    store = open_for_cli(args.db, create=True)
    try:
        printer = _Printer()
        result = generate_demo(store, args.members, seed=args.seed,
                               progress=Progress(report=printer))
        if printer.tty:
            print(file=sys.stderr)
    finally:
        store.close()
    print(f"Selesai: {format_number(result.members)} peserta demo dibuat di {args.db} "
          f"dalam {format_number(result.seconds, 1)} detik.")
    return 0

"""A text progress bar for long verbs, on stderr and only on a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from bpu_desktop.domain.money import format_number
from bpu_desktop.store.progress import Progress


def terminal_progress(stream: TextIO | None = None) -> Progress:
    """A Progress that draws `[#####.....] 12.345/100.000 teks` when stderr is a tty."""
    out = stream or sys.stderr
    if not out.isatty():
        return Progress()
    last = [0.0]

    def report(done: int, total: int, text: str) -> None:
        now = time.monotonic()
        if now - last[0] < 0.1 and done < total:
            return
        last[0] = now
        width = 30
        filled = int(width * done / total) if total else 0
        bar = "#" * filled + "." * (width - filled)
        line = f"\r[{bar}] {format_number(done)}/{format_number(total)} {text}"
        out.write(line[:100].ljust(100))
        if total and done >= total and text in ("Menyimpan", "Selesai"):
            out.write("\n")
        out.flush()

    return Progress(report=report)


def end_progress(stream: TextIO | None = None) -> None:
    out = stream or sys.stderr
    if out.isatty():
        out.write("\r" + " " * 100 + "\r")
        out.flush()

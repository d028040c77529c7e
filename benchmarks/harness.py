"""Timing, memory and the result table shared by every benchmark module."""

from __future__ import annotations

import json
import os
import platform
import re
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PASS, FAIL, TODO, INFO, SKIP = "PASS", "FAIL", "not measured", "info", "skipped"


@dataclass
class Result:
    operation: str
    ours_ms: float | None = None
    baseline_ms: float | None = None
    peak_mb: float | None = None
    target: str = ""
    status: str = INFO
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.ours_ms is None or not self.baseline_ms:
            return None
        return self.ours_ms / self.baseline_ms

    def judge(self, max_ratio: float | None = None, max_ms: float | None = None) -> Result:
        """Set target text and PASS/FAIL from a ratio limit and/or an absolute limit."""
        parts, ok = [], True
        if max_ratio is not None:
            parts.append(f"≤ {max_ratio:g}x")
            ok &= self.ratio is not None and self.ratio <= max_ratio
        if max_ms is not None:
            parts.append(f"< {max_ms:g} ms")
            ok &= self.ours_ms is not None and self.ours_ms < max_ms
        self.target = ", ".join(parts)
        self.status = PASS if ok else FAIL
        return self


@dataclass
class Context:
    """What every benchmark gets: the cached big file, the size, how many runs."""

    db_path: Path
    members: int
    runs: int
    work_dir: Path


def timed_ms(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def compare(ours: Callable[[], Any], baseline: Callable[[], Any], runs: int,
            warmup: int = 1) -> tuple[list[float], list[float]]:
    """Alternate ours and baseline so both see the same cache and machine state.

    An operation slower than 2 s in warm-up is run only twice more (it fails anyway, and a
    1M-row OFFSET would otherwise take minutes).
    """
    slow = 0.0
    for _ in range(warmup):
        slow = max(slow, timed_ms(ours), timed_ms(baseline))
    if slow > 2000:
        runs = min(runs, 2)
    ours_ms, base_ms = [], []
    for _ in range(runs):
        ours_ms.append(timed_ms(ours))
        base_ms.append(timed_ms(baseline))
    return ours_ms, base_ms


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


# -- memory (Linux: peak RSS can be reset through /proc/self/clear_refs) -------------
def _status_kb(key: str) -> int | None:
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return None
    m = re.search(rf"^{key}:\s+(\d+) kB", text, re.MULTILINE)
    return int(m[1]) if m else None


def rss_mb() -> float | None:
    kb = _status_kb("VmRSS")
    return None if kb is None else kb / 1024


def reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def peak_mb() -> float | None:
    kb = _status_kb("VmHWM")
    return None if kb is None else kb / 1024


def raw_connection(path: Path) -> sqlite3.Connection:
    """A bare sqlite3 connection with the app's durability (WAL, FULL), no app code."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


# -- output ------------------------------------------------------------------------------
HEADERS = ("operation", "ours (median)", "baseline (median)", "ratio", "peak memory", "target",
           "result")


def _fmt_ms(v: float | None) -> str:
    if v is None:
        return "-"
    return f"{v:,.1f} ms" if v < 10_000 else f"{v / 1000:,.1f} s"


def table(results: list[Result]) -> str:
    rows = [(r.operation, _fmt_ms(r.ours_ms), _fmt_ms(r.baseline_ms),
             "-" if r.ratio is None else f"{r.ratio:.2f}x",
             "-" if r.peak_mb is None else f"{r.peak_mb:,.0f} MB", r.target or "-", r.status)
            for r in results]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(HEADERS)]
    right = {1, 2, 3, 4}

    def line(cells: tuple[str, ...]) -> str:
        return " | ".join(c.rjust(w) if i in right else c.ljust(w)
                          for i, (c, w) in enumerate(zip(cells, widths, strict=True)))

    out = [line(HEADERS), "-+-".join("-" * w for w in widths)]
    out += [line(row) for row in rows]
    notes = [f"  - {r.operation}: {r.note}" for r in results if r.note]
    if notes:
        out += ["", "Notes:", *notes]
    return "\n".join(out)


def markdown(results: list[Result]) -> str:
    out = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    for r in results:
        out.append("| " + " | ".join((
            r.operation, _fmt_ms(r.ours_ms), _fmt_ms(r.baseline_ms),
            "-" if r.ratio is None else f"{r.ratio:.2f}x",
            "-" if r.peak_mb is None else f"{r.peak_mb:,.0f} MB", r.target or "-", r.status,
        )) + " |")
    return "\n".join(out)


def markdown_report(results: list[Result], meta: dict[str, Any]) -> str:
    """The README "Performance" block: machine, table, notes."""
    m = meta.get("machine", {})
    lines = [
        f"`make bench`, {meta.get('members', 0):,} members in the file, "
        f"{meta.get('runs', '?')} runs per operation ({str(meta.get('started_at', ''))[:10]}).",
        "",
        f"Machine: {m.get('cpus', '?')} cores ({m.get('cpu') or 'CPU unknown'}), "
        f"RAM {m.get('memory_gb', '?')} GB, {m.get('platform', '')}, Python "
        f"{m.get('python', '')}, SQLite {m.get('sqlite', '')}.",
        "",
        markdown(results),
    ]
    notes = [f"- {r.operation}: {r.note}" for r in results if r.note]
    if notes:
        lines += ["", "Notes:", "", *notes]
    return "\n".join(lines) + "\n"


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in
                    Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
    except OSError:
        pass
    mem_kb = None
    try:
        m = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
        mem_kb = int(m[1]) if m else None
    except OSError:
        pass
    return {"platform": platform.platform(), "cpu": cpu, "cpus": os.cpu_count(),
            "memory_gb": None if mem_kb is None else round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version}


def write_json(path: Path, results: list[Result], meta: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {**meta, "results": [{**asdict(r), "ratio": r.ratio} for r in results]}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")

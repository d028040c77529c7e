"""Run a small Python script against a data file in a separate process (to kill it, limit
its file size, or hold a lock), with this checkout's code on the path."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    e["PYTHONUNBUFFERED"] = "1"
    e["QT_QPA_PLATFORM"] = "offscreen"
    return e


def start(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *args], cwd=ROOT, env=env(),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def run(script: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args], cwd=ROOT, env=env(),
        capture_output=True, text=True, timeout=timeout,
    )


def bpu(*args: str, extra_env: dict[str, str] | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bpu_desktop.cli", *args], cwd=ROOT,
        env={**env(), **(extra_env or {})}, capture_output=True, text=True, timeout=timeout,
    )


def wait_for_line(proc: subprocess.Popen[str], expected: str, timeout: float = 30) -> None:
    """Block until the child prints `expected` (it must flush)."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            error = proc.stderr.read() if proc.stderr else ""
            kill(proc)
            raise AssertionError(f"child ended before {expected!r}: {error}")
        if line.strip() == expected:
            return
    kill(proc)
    raise AssertionError(f"child did not print {expected!r}")


def kill(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def integrity(path: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def scalar(path: Path, sql: str, params: tuple[object, ...] = ()) -> object:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


# A bulk enrolment in ONE transaction: N members and N enrolments, with their audit rows,
# tagged with a batch name, like an import or a long demo write. argv: db, batch, n.
BULK_WRITE = """
import sys
from bpu_desktop.store.database import open_store
from bpu_desktop.store.records import insert_record
db, batch, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = open_store(db)
store.acting_as = "uji"
print("ready", flush=True)
with store.write():
    for i in range(n):
        m = insert_record(store, "members", {
            "nik": f"33720{hash(batch) % 1000:03d}{i:08d}", "name": f"{batch} {i}", "sex": "L",
            "birth_date": "1990-01-01", "address": batch}, source=batch)
        insert_record(store, "enrolments", {
            "member_id": m["id"], "segment": "ojol", "sector": "transport", "income": 1_000_000,
            "funding": "self", "months_paid": 1, "start_month": "2026-03",
            "paid_until": "2026-03", "enrolled_on": "2026-03-02"}, source=batch)
print("done", flush=True)
store.close()
"""


def batch_counts(path: Path, batch: str) -> tuple[int, int, int]:
    """(members, enrolments, audit rows) written by a BULK_WRITE batch."""
    members = int(scalar(path, "SELECT count(*) FROM members WHERE address = ?", (batch,)))  # type: ignore[arg-type]
    enrolments = int(scalar(  # type: ignore[arg-type]
        path, "SELECT count(*) FROM enrolments e JOIN members m ON m.id = e.member_id "
        "WHERE m.address = ?", (batch,)))
    audit = int(scalar(path, "SELECT count(*) FROM audit_log WHERE source = ?", (batch,)))  # type: ignore[arg-type]
    return members, enrolments, audit

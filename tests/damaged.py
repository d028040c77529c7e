"""Damaged data files for tests: a small demo file with one b-tree page overwritten.

The damage a failing disk or a flashdisk pulled mid-write leaves: the file still starts
with SQLite's header and opens, but one page of a table (found with `dbstat`) is garbage,
so SQLite answers "database disk image is malformed" only when that page is read.

The fixtures `good`, `officer` and `bad` are shared by the tests of every damaged-file
refusal (the store's and `bpu`'s), registered for all tests by the root ``conftest.py``
(``pytest_plugins``). A module-scoped fixture is still made once per test module.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from bpu_desktop.cli import main
from bpu_desktop.store.database import open_store

# (table, page type): the small `reference` table (read by almost every verb: rates,
# labels) and a leaf of `enrolments` (read by figures and reports, written by imports).
DAMAGES = (("reference", "leaf"), ("enrolments", "leaf"))


def demo_file(path: Path, members: int = 20, *, seed: int = 7) -> Path:
    """A checkpointed demo file with an officer (so the window opens without asking)."""
    assert main(["demo", "--db", str(path), "--members", str(members), "--seed", str(seed)]) == 0
    store = open_store(path, create=False)
    store.set_officer("Rina")
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An intact demo file, made once per test module."""
    return demo_file(tmp_path_factory.mktemp("baik") / "baik.db")


@pytest.fixture(scope="module")
def officer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another device's file: merging it writes new rows."""
    return demo_file(tmp_path_factory.mktemp("petugas") / "petugas.db", seed=8)


@pytest.fixture(params=DAMAGES, ids=lambda d: "-".join(d))
def bad(request: pytest.FixtureRequest, good: Path, tmp_path: Path) -> Path:
    """A fresh copy of `good` with one page overwritten, once per kind of damage."""
    table, page_type = request.param
    return damaged_copy(good, tmp_path / "rusak.db", table, page_type)


def damage(path: Path, table: str, page_type: str = "leaf") -> int:
    """Overwrite the first `page_type` page of `table` with 4 KB of garbage; its number."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        row = conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? "
                           "ORDER BY pageno LIMIT 1", (table, page_type)).fetchone()
    finally:
        conn.close()
    assert row is not None, f"no {page_type} page for {table}"
    page = int(row[0])
    with path.open("r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(bytes((i * 37 + 11) % 256 for i in range(page_size)))
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return page


def damaged_copy(good: Path, dest: Path, table: str, page_type: str = "leaf") -> Path:
    shutil.copyfile(good, dest)
    damage(dest, table, page_type)
    return dest


def digest(path: Path) -> str:
    """The file and its side files, to prove nothing was written."""
    h = hashlib.sha256()
    for candidate in (path, path.with_name(path.name + "-wal")):
        if candidate.exists():
            h.update(candidate.read_bytes())
    return h.hexdigest()

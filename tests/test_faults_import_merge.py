"""Import and merge under faults: SIGKILL at random moments, a full disk, a GUI writing
at the same time. Each action is wholly there or wholly absent; the file stays intact."""

from __future__ import annotations

import random
import stat
import time
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from bpu_desktop.store.database import open_store
from bpu_desktop.store.records import insert_record
from tests import faultproc as fp

HEADER = ["No", "NIK", "Nama", "No. HP", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan",
          "Tgl Daftar", "Alamat"]
KECAMATAN = (("337201", "Laweyan", "Pajang"), ("337202", "Serengan", "Joyotakan"),
             ("337203", "Pasar Kliwon", "Joyosuran"), ("337204", "Jebres", "Jebres"),
             ("337205", "Banjarsari", "Kadipiro"))


def _nik(i: int) -> str:
    district, _, _ = KECAMATAN[i % len(KECAMATAN)]
    born = date(1970, 1, 1) + timedelta(days=(i // 9999) * 400 + (i % 7) * 31)
    return f"{district}{born.day:02d}{born.month:02d}{born.year % 100:02d}{i % 9999 + 1:04d}"


def _letters(i: int) -> str:
    """A unique name part without digits (names may not contain numbers)."""
    text = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        text = "abcdefghijklmnopqrstuvwxyz"[r] + text
    return text.capitalize()


def worker_list(path: Path, rows: int) -> Path:
    """A partner's list of `rows` valid workers (unique NIKs)."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(HEADER)
    for i in range(rows):
        _, kec, kel = KECAMATAN[i % len(KECAMATAN)]
        ws.append([i + 1, _nik(i), f"Pekerja {_letters(i)}", f"0812{i:08d}", kec, kel, "UMKM",
                   "1.500.000", "02/03/2026", f"Jl. Contoh {i}"])
    wb.save(path)
    return path


def _members(db: Path) -> int:
    return int(fp.scalar(db, "SELECT count(*) FROM members") or 0)  # type: ignore[arg-type]


def _enrolments(db: Path) -> int:
    return int(fp.scalar(db, "SELECT count(*) FROM enrolments") or 0)  # type: ignore[arg-type]


def _kill_cli_at_random_moments(args_for: object, check: object, moments: int,
                                seed: int) -> list[int]:
    """Run the `bpu` verb once to time it, then kill fresh runs at random moments."""
    rng = random.Random(seed)
    started = time.monotonic()
    full = fp.bpu(*args_for(-1))  # type: ignore[operator]
    assert full.returncode == 0, full.stderr + full.stdout
    duration = time.monotonic() - started
    seen = []
    for moment in range(moments):
        proc = fp.start("""
            import sys
            from bpu_desktop.cli import main
            print("ready", flush=True)
            sys.exit(main(sys.argv[1:]))
        """, *args_for(moment))  # type: ignore[operator]
        fp.wait_for_line(proc, "ready")
        time.sleep(rng.uniform(0, duration))
        fp.kill(proc)
        seen.append(check(moment))  # type: ignore[operator]
    return seen


def _import_kills(tmp_path: Path, rows: int, moments: int, seed: int) -> list[int]:
    source = worker_list(tmp_path / "daftar.xlsx", rows)

    def db(moment: int) -> Path:
        return tmp_path / f"impor{moment}.db"

    def args(moment: int) -> list[str]:
        open_store(db(moment)).close()
        return ["import", "--db", str(db(moment)), str(source), "--petugas", "Rina"]

    def check(moment: int) -> int:
        path = db(moment)
        assert fp.integrity(path) == [("ok",)], f"moment {moment}"
        count = _members(path)
        assert count in {0, rows}, f"moment {moment}: {count} of {rows}"
        assert _enrolments(path) == count
        open_store(path).close()
        return count

    seen = _kill_cli_at_random_moments(args, check, moments, seed)
    assert check(-1) == rows  # the timed run imported everything
    return seen


def test_sigkill_during_an_import_at_random_moments(tmp_path: Path) -> None:
    seen = _import_kills(tmp_path, rows=1500, moments=5, seed=6)
    assert 0 in seen


@pytest.mark.slow
def test_sigkill_during_a_large_import_twenty_moments(tmp_path: Path) -> None:
    seen = _import_kills(tmp_path, rows=20_000, moments=20, seed=66)
    assert 0 in seen


def _merge_kills(tmp_path: Path, members: int, moments: int, seed: int) -> list[int]:
    officer = tmp_path / "petugas.db"
    made = fp.bpu("demo", "--db", str(officer), "--members", str(members))
    assert made.returncode == 0, made.stderr
    expected_enrolments = _enrolments(officer)

    def db(moment: int) -> Path:
        return tmp_path / f"cabang{moment}.db"

    def args(moment: int) -> list[str]:
        open_store(db(moment)).close()
        return ["merge", "--into", str(db(moment)), str(officer)]

    def check(moment: int) -> int:
        path = db(moment)
        assert fp.integrity(path) == [("ok",)], f"moment {moment}"
        count = _members(path)
        assert count in {0, members}, f"moment {moment}: {count} of {members}"
        assert _enrolments(path) == (expected_enrolments if count else 0)
        open_store(path).close()
        return count

    seen = _kill_cli_at_random_moments(args, check, moments, seed)
    assert check(-1) == members
    return seen


def test_sigkill_during_a_merge_at_random_moments(tmp_path: Path) -> None:
    seen = _merge_kills(tmp_path, members=3000, moments=5, seed=7)
    assert 0 in seen


@pytest.mark.slow
def test_sigkill_during_a_large_merge_twenty_moments(tmp_path: Path) -> None:
    seen = _merge_kills(tmp_path, members=60_000, moments=20, seed=77)
    assert 0 in seen


def _gui_saves_while_cli_writes(db: Path, cli_args: tuple[str, ...], *, pause: float,
                                 timeout: int) -> None:
    """A GUI save during a `bpu` verb writing the same file: both finish, nothing locked."""
    gui = open_store(db)
    gui.set_officer("Petugas GUI")
    proc = fp.start("""
        import sys
        from bpu_desktop.cli import main
        print("ready", flush=True)
        code = main(sys.argv[1:])
        print("done", flush=True)
        sys.exit(code)
    """, *cli_args)
    try:
        fp.wait_for_line(proc, "ready")
        time.sleep(pause)
        saved = insert_record(gui, "members", {"nik": "3372010101990001", "name": "Dari GUI",
                                               "sex": "P", "birth_date": "1991-02-03"})
        fp.wait_for_line(proc, "done")
        proc.wait(timeout=timeout)
    finally:
        fp.kill(proc)
    assert proc.returncode == 0
    row = gui.conn.execute("SELECT name FROM members WHERE id = ?", (saved["id"],)).fetchone()
    assert row == ("Dari GUI",)
    gui.close()


def test_gui_save_waits_while_bpu_merge_writes(tmp_path: Path) -> None:
    officer = tmp_path / "petugas.db"
    assert fp.bpu("demo", "--db", str(officer), "--members", "20000").returncode == 0
    branch = tmp_path / "cabang.db"
    _gui_saves_while_cli_writes(branch, ("merge", "--into", str(branch), str(officer)),
                                pause=1.0, timeout=120)
    assert _members(branch) == 20001
    assert fp.integrity(branch) == [("ok",)]


def test_bpu_merge_waits_while_the_gui_is_saving(tmp_path: Path) -> None:
    """The other way round, deterministically: the GUI's transaction is open when the
    merge wants to write; the merge waits (busy timeout) and then finishes."""
    officer = tmp_path / "petugas.db"
    assert fp.bpu("demo", "--db", str(officer), "--members", "500").returncode == 0
    branch = tmp_path / "cabang.db"
    gui = open_store(branch)
    gui.set_officer("Petugas GUI")
    with gui.write():
        insert_record(gui, "members", {"nik": "3372010101990001", "name": "Dari GUI",
                                       "sex": "P", "birth_date": "1991-02-03"})
        proc = fp.start("""
            import sys
            from bpu_desktop.cli import main
            sys.exit(main(sys.argv[1:]))
        """, "merge", "--into", str(branch), str(officer))
        time.sleep(2.0)  # the merge is now waiting for the lock
        assert proc.poll() is None
    try:
        proc.wait(timeout=60)
        err = proc.stderr.read() if proc.stderr else ""
    finally:
        fp.kill(proc)
    assert proc.returncode == 0, err
    assert "locked" not in err and "sedang dipakai" not in err
    assert _members(branch) == 501
    gui.close()


FULL_DISK_CLI = """
import resource, signal, sys
from bpu_desktop.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), hard))
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("headroom_kib, cache_kib", [(64, None), (256, -200)],
                         ids=["at-commit", "pages-spilled-mid-transaction"])
def test_full_disk_during_an_import_is_one_line_and_imports_nothing(
        tmp_path: Path, headroom_kib: int, cache_kib: int | None) -> None:
    """With a small page cache SQLite writes pages out before the commit; a full disk then
    rolls the whole transaction back itself (the tally's triggers included): the same one
    disk line as a full disk at the commit."""
    source = worker_list(tmp_path / "daftar.xlsx", 3000)
    db = tmp_path / "data.db"
    store = open_store(db)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    limit = db.stat().st_size + headroom_kib * 1024
    script = FULL_DISK_CLI if cache_kib is None else FULL_DISK_CLI.replace(
        "from bpu_desktop.cli import main",
        "from bpu_desktop.cli import main\n"
        f"import bpu_desktop.store.member_import as mi\nmi.IMPORT_CACHE_KIB = {cache_kib}")
    result = fp.run(script, str(limit), "import", "--db", str(db), str(source),
                    "--petugas", "Rina")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("bpu: ") and result.stderr.strip().count("\n") == 0
    assert "disk" in result.stderr.lower()
    assert fp.integrity(db) == [("ok",)]
    assert _members(db) == 0
    check = open_store(db)
    try:
        assert {r[0] for r in check.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")} >= {
            "enrolment_tally_insert", "enrolment_tally_update", "enrolment_tally_delete"}
    finally:
        check.close()


def test_full_disk_during_an_export_leaves_no_half_workbook(tmp_path: Path) -> None:
    db = tmp_path / "data.db"
    made = fp.bpu("demo", "--db", str(db), "--members", "3000")
    assert made.returncode == 0, made.stderr
    fp.scalar(db, "PRAGMA wal_checkpoint(TRUNCATE)")  # the file opens; the workbook hits the limit
    out = tmp_path / "rekap.xlsx"
    month = date.today().strftime("%Y-%m")
    result = fp.run(FULL_DISK_CLI, str(128 * 1024), "export", "--db", str(db), "--month", month,
                    "--out", str(out))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("bpu: ") and result.stderr.strip().count("\n") == 0
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if "rekap" in p.name] == []


def test_export_is_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "data.db"
    assert fp.bpu("demo", "--db", str(db), "--members", "50").returncode == 0
    out = tmp_path / "rekap.xlsx"
    result = fp.bpu("export", "--db", str(db), "--month", date.today().strftime("%Y-%m"),
                    "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_gui_save_waits_while_bpu_import_writes(tmp_path: Path) -> None:
    source = worker_list(tmp_path / "daftar.xlsx", 3000)
    db = tmp_path / "data.db"
    _gui_saves_while_cli_writes(db, ("import", "--db", str(db), str(source)),
                                pause=0.8, timeout=60)
    assert _members(db) == 3001

"""`bpu backup`, `bpu restore`, `bpu pack`, and one clear line for every file it cannot use."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bpu_desktop.cli import main
from bpu_desktop.store import pack
from bpu_desktop.store.backup import list_backups
from bpu_desktop.store.database import open_store
from bpu_desktop.store.records import insert_record


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data.db"
    store = open_store(path)
    store.set_officer("Rina")
    insert_record(store, "members", {"nik": "3372010101900001", "name": "Ani", "sex": "P",
                                     "birth_date": "1990-01-01"})
    store.close()
    return path


def _one_line_error(capsys: pytest.CaptureFixture[str], code: int, expected: str) -> None:
    out, err = capsys.readouterr()
    assert code != 0
    assert err.count("\n") == 1 and err.startswith("bpu: "), err
    assert expected in err
    assert "Traceback" not in err + out


def test_backup_then_list_then_restore(db: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "--db", str(db)]) == 0
    assert "Cadangan dibuat:" in capsys.readouterr().out
    store = open_store(db)
    insert_record(store, "members", {"nik": "3372010101900002", "name": "Budi", "sex": "L",
                                     "birth_date": "1990-01-01"})
    store.close()
    assert main(["restore", "--db", str(db), "--list"]) == 0
    listing = capsys.readouterr().out
    assert "  1. " in listing and "Dibuat manual" in listing
    assert main(["restore", "--db", str(db), "1"]) == 0
    out = capsys.readouterr().out
    assert "Dipulihkan dari" in out and "Berkas sebelumnya disimpan sebagai cadangan" in out
    store = open_store(db)
    assert [r[0] for r in store.conn.execute("SELECT name FROM members")] == ["Ani"]
    store.close()
    assert {b.reason for b in list_backups(db)} == {"manual", "sebelum-pulihkan"}


def test_backup_to_a_chosen_file_is_owner_only(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "salinan.db"
    assert main(["backup", "--db", str(db), "--out", str(out)]) == 0
    assert out.exists()
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_restore_unknown_backup(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _one_line_error(capsys, main(["restore", "--db", str(db), "7"]), "tidak ditemukan")


def test_pack_with_passphrase_from_the_environment(db: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BPU_PASSPHRASE", "sandi-kantor-2026")
    monkeypatch.setattr(pack, "SCRYPT_N", pack.MIN_SCRYPT_N)
    monkeypatch.setattr(pack.pack_store, "__kwdefaults__", {"scrypt_n": pack.MIN_SCRYPT_N})
    out = tmp_path / "kirim.bpu"
    assert main(["pack", "--db", str(db), "--out", str(out), "--month", "2026-03"]) == 0
    text = capsys.readouterr().out
    # The month only labels the package: the whole file is in it, and the line says how
    # many enrolled that month (none here: Ani has no enrolment).
    assert "Paket dibuat:" in text
    assert "petugas Rina: 1 peserta, 0 pendaftaran (paket selalu berisi semua data)." in text
    assert "Label periode Maret 2026: 0 pendaftaran di bulan itu." in text
    assert pack.read_manifest(out).officer == "Rina"
    dest = tmp_path / "buka"
    dest.mkdir()
    assert pack.unpack_package(out, "sandi-kantor-2026", dest).exists()


def test_pack_refuses_an_empty_passphrase(db: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BPU_PASSPHRASE", "")
    out = tmp_path / "kirim.bpu"
    _one_line_error(capsys, main(["pack", "--db", str(db), "--out", str(out)]),
                    "kata sandi tidak boleh kosong")
    assert not out.exists()


def test_pack_asks_for_the_passphrase_twice_without_the_variable(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import getpass

    monkeypatch.delenv("BPU_PASSPHRASE", raising=False)
    answers = iter(["sandi-satu-dua", "sandi-berbeda"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    out = tmp_path / "kirim.bpu"
    _one_line_error(capsys, main(["pack", "--db", str(db), "--out", str(out)]),
                    "kata sandi tidak sama")
    assert not out.exists()


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"ini bukan database\n" * 50)


def _truncated(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('bpu', 'm999_baru', '2030-01-01')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(("damage", "expected"), [
    (_not_sqlite, "bukan berkas data BPU Desktop"),
    (_truncated, "rusak"),
    (_newer, "versi BPU Desktop yang lebih baru"),
])
def test_unusable_file_gives_one_line(db: Path, capsys: pytest.CaptureFixture[str],
                                      damage: object, expected: str) -> None:
    damage(db)  # type: ignore[operator]
    before = db.read_bytes()
    _one_line_error(capsys, main(["backup", "--db", str(db)]), expected)
    assert db.read_bytes() == before


def test_missing_folder_gives_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _one_line_error(capsys, main(["backup", "--db", str(tmp_path / "x" / "d.db")]), "tidak ada")


def test_full_disk_during_cli_backup_is_one_line(db: Path) -> None:
    from tests import faultproc as fp

    result = fp.run("""
        import resource, signal, sys
        from bpu_desktop.cli import main
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, hard))  # file ~140 KB
        sys.exit(main(["backup", "--db", sys.argv[1]]))
    """, str(db))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "bpu: Pembuatan cadangan gagal: disk penuh" in result.stderr
    assert list_backups(db) == []


def test_bpu_merge_accepts_a_package_and_refuses_a_wrong_passphrase(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("BPU_PASSPHRASE", "sandi-kantor-2026")
    monkeypatch.setattr(pack.pack_store, "__kwdefaults__", {"scrypt_n": pack.MIN_SCRYPT_N})
    package = tmp_path / "kirim.bpu"
    assert main(["pack", "--db", str(db), "--out", str(package)]) == 0
    branch = tmp_path / "cabang.db"
    open_store(branch).close()
    before = branch.read_bytes()
    monkeypatch.setenv("BPU_PASSPHRASE", "sandi-yang-salah")
    capsys.readouterr()
    _one_line_error(capsys, main(["merge", "--into", str(branch), str(package)]),
                    "Kata sandi salah atau berkas rusak/diubah.")
    assert branch.read_bytes() == before
    monkeypatch.setenv("BPU_PASSPHRASE", "sandi-kantor-2026")
    assert main(["merge", "--into", str(branch), str(package)]) == 0
    store = open_store(branch)
    assert [r[0] for r in store.conn.execute("SELECT name FROM members")] == ["Ani"]
    store.close()


def test_pack_without_a_terminal_reads_the_passphrase_from_stdin_quietly(
    db: Path, tmp_path: Path,
) -> None:
    """A scheduled job has no terminal: no English getpass warning, the piped line is used."""
    env = {k: v for k, v in os.environ.items() if k != "BPU_PASSPHRASE"}
    out = tmp_path / "kirim.bpu"
    done = subprocess.run(
        [sys.executable, "-m", "bpu_desktop.cli", "pack", "--db", str(db), "--out", str(out)],
        input="sandi-kantor-2026\n", capture_output=True, text=True, env=env,
        start_new_session=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "Paket dibuat:" in done.stdout
    dest = tmp_path / "buka"
    dest.mkdir()
    assert pack.unpack_package(out, "sandi-kantor-2026", dest).exists()


def test_merge_without_a_terminal_reads_the_passphrase_from_stdin_as_pack_does(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`echo sandi | bpu merge --into cabang.db kirim.bpu` in a script, like `bpu pack`."""
    monkeypatch.setenv("BPU_PASSPHRASE", "sandi-kantor-2026")
    monkeypatch.setattr(pack.pack_store, "__kwdefaults__", {"scrypt_n": pack.MIN_SCRYPT_N})
    package = tmp_path / "kirim.bpu"
    assert main(["pack", "--db", str(db), "--out", str(package)]) == 0
    branch = tmp_path / "cabang.db"
    open_store(branch).close()
    env = {k: v for k, v in os.environ.items() if k != "BPU_PASSPHRASE"}

    def merge(piped: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bpu_desktop.cli", "merge", "--into", str(branch),
             str(package)], input=piped, capture_output=True, text=True, env=env,
            start_new_session=True, timeout=120, check=False)

    wrong = merge("sandi-yang-salah\n")
    assert wrong.returncode == 1
    assert wrong.stderr == "bpu: kirim.bpu: Kata sandi salah atau berkas rusak/diubah.\n"
    nothing = merge("")
    assert nothing.returncode == 2
    assert nothing.stderr == ("bpu: kata sandi tidak diberikan (isi BPU_PASSPHRASE atau ketik "
                              "saat diminta).\n")
    done = merge("sandi-kantor-2026\n")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    store = open_store(branch)
    assert [r[0] for r in store.conn.execute("SELECT name FROM members")] == ["Ani"]
    store.close()

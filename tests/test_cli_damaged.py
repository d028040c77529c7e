"""Every `bpu` verb on a damaged data file: the one line `bpu check` prints, a non-zero
exit, no traceback, and nothing written (not the file, not a backup, package or report)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from bpu_desktop.cli import main
from bpu_desktop.store import pack
from bpu_desktop.store.backup import backups_dir, list_backups
from bpu_desktop.store.errors import CLI_RESTORE_HINT

from .damaged import digest

DAMAGED_LINE = f"bpu: Berkas data rusak. {CLI_RESTORE_HINT}"
NOT_BACKED_UP = ("bpu: Berkas data rusak; cadangan tidak dibuat (cadangan yang baik tetap "
                 f"disimpan). {CLI_RESTORE_HINT}")
NOT_MERGED = ("rusak.{}: berkas petugas ini rusak; tidak digabung. Minta petugas "
              "memulihkannya dari cadangan lalu mengirim ulang.")


@pytest.fixture(autouse=True)
def _fast_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BPU_PASSPHRASE", "sandi-kantor-2026")
    monkeypatch.setattr(pack.pack_store, "__kwdefaults__", {"scrypt_n": pack.MIN_SCRYPT_N})


def _refused(capsys: pytest.CaptureFixture[str], code: int, expected: str = DAMAGED_LINE) -> None:
    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    assert "Traceback" not in out + err
    assert err.splitlines() == [expected], err


def _workers(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NIK", "Nama", "No. HP", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan",
               "Tanggal daftar"])
    ws.append(["3372014101900001", "Budi Santoso", "081234567890", "Laweyan", "Pajang", "UMKM",
               1500000, "02/03/2026"])
    ws.append(["3372014101900002", "Siti Aminah", "081234567891", "Laweyan", "Pajang", "UMKM",
               1500000, "03/03/2026"])
    wb.save(path)
    return path


def test_check_says_it_in_the_same_words(bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(bad)
    _refused(capsys, main(["check", "--db", str(bad)]))
    assert digest(bad) == before


@pytest.mark.parametrize("verb", [
    ["stats"], ["stats", "--json", "--year", "2026"], ["conflicts"],
])
def test_reading_verbs(bad: Path, verb: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(bad)
    code = main([*verb, "--db", str(bad)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if code == 0:
        # A verb that never reads the damaged page may answer; it still changes nothing.
        assert err == ""
    else:
        assert code == 1 and err.splitlines() == [DAMAGED_LINE], err
    assert digest(bad) == before


def test_export_writes_no_report(bad: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "rekap.xlsx"
    before = digest(bad)
    _refused(capsys, main(["export", "--db", str(bad), "--month", "2026-03", "--out", str(out)]))
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(("rekap", ".rekap"))] == []
    assert digest(bad) == before


def test_import_saves_nothing(bad: Path, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    src = _workers(tmp_path / "daftar.xlsx")
    before = digest(bad)
    _refused(capsys, main(["import", "--db", str(bad), str(src)]))
    assert digest(bad) == before


def test_backup_is_refused(bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(bad)
    _refused(capsys, main(["backup", "--db", str(bad)]), NOT_BACKED_UP)
    assert list_backups(bad) == []
    assert not backups_dir(bad).exists() or not any(backups_dir(bad).iterdir())
    assert digest(bad) == before


def test_backup_to_a_file_is_refused(bad: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "salinan.db"
    _refused(capsys, main(["backup", "--db", str(bad), "--out", str(out)]), NOT_BACKED_UP)
    assert not out.exists()


def test_pack_is_refused(bad: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kirim.bpu"
    before = digest(bad)
    _refused(capsys, main(["pack", "--db", str(bad), "--out", str(out)]),
             f"bpu: Berkas data rusak; paket tidak dibuat. {CLI_RESTORE_HINT}")
    assert not out.exists()
    assert digest(bad) == before


def test_merge_into_a_damaged_branch_writes_nothing(bad: Path, officer: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(bad)
    for extra in (["--dry-run"], []):
        _refused(capsys, main(["merge", "--into", str(bad), str(officer), *extra]),
                 f"bpu: rusak.db: Berkas data rusak; tidak ada yang diubah. {CLI_RESTORE_HINT}")
        assert digest(bad) == before
        assert list_backups(bad) == []


def test_merging_a_damaged_officer_file_is_refused(bad: Path, good: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    branch = shutil.copyfile(good, tmp_path / "cabang.db")
    before, theirs = digest(branch), digest(bad)
    expected = "bpu: " + NOT_MERGED.format("db")
    for extra in (["--dry-run"], []):
        _refused(capsys, main(["merge", "--into", str(branch), str(bad), *extra]), expected)
        assert digest(branch) == before
        assert digest(bad) == theirs
        assert list_backups(branch) == []


def test_a_damaged_package_is_refused(bad: Path, good: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """A package made by an older app (no check before packing) around a damaged file."""
    package = tmp_path / "rusak.bpu"
    with monkeypatch.context() as older_app:
        older_app.setattr(pack, "require_intact", lambda *a, **k: None, raising=False)
        code = main(["pack", "--db", str(bad), "--out", str(package)])
    capsys.readouterr()
    if code != 0:
        pytest.skip("this damage stops even the snapshot")
    branch = shutil.copyfile(good, tmp_path / "cabang.db")
    before = digest(branch)
    _refused(capsys, main(["merge", "--into", str(branch), str(package)]),
             "bpu: " + NOT_MERGED.format("bpu"))
    assert digest(branch) == before


def test_restoring_a_damaged_backup_is_refused(bad: Path, good: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    current = shutil.copyfile(good, tmp_path / "data.db")
    before = digest(current)
    _refused(capsys, main(["restore", "--db", str(current), str(bad)]),
             "bpu: Cadangan rusak.db rusak; pilih cadangan lain.")
    assert digest(current) == before
    assert list_backups(current) == []

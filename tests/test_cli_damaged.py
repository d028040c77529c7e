"""Every `bpu` verb on a damaged data file: the one line `bpu check` prints, a non-zero
exit, no traceback, and nothing written (not the file, not a backup, package or report)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bpu_desktop.cli import main
from bpu_desktop.store import pack
from bpu_desktop.store.errors import CLI_RESTORE_HINT

from .damaged import DAMAGES, damaged_copy, demo_file, digest

DAMAGED_LINE = f"bpu: Berkas data rusak. {CLI_RESTORE_HINT}"


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_file(tmp_path_factory.mktemp("baik") / "baik.db")


@pytest.fixture(params=DAMAGES, ids=lambda d: "-".join(d))
def bad(request: pytest.FixtureRequest, good: Path, tmp_path: Path) -> Path:
    table, page_type = request.param
    return damaged_copy(good, tmp_path / "rusak.db", table, page_type)


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

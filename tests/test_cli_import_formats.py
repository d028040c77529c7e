"""`bpu import` on a LibreOffice (.ods) and an old Excel (.xls) partner list."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from bpu_desktop.cli import main
from bpu_desktop.store.database import open_store
from bpu_desktop.store.members import MemberQuery, MemberRepository
from tests.reports.builders import new_store

DATA = Path(__file__).parent / "reports" / "data"
ERROR_LINES = [
    "Baris 5, kolom No. KTP: NIK harus 16 digit (tertulis 11).",
    "Baris 8, kolom No. KTP: NIK tersimpan sebagai angka dan Excel hanya menyimpan 15 digit "
    "(3372011505900010): format kolom NIK sebagai Teks (Text) di Excel, lalu ketik ulang "
    "NIK-nya.",
]


@pytest.mark.parametrize("name", ["pasar_gede.ods", "pasar_gede.xls"])
def test_import_dry_run_then_real(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str):
    db = tmp_path / "data.db"
    new_store(tmp_path).close()
    src = Path(shutil.copy(DATA / name, tmp_path / name))
    errors_out = tmp_path / "pasar_gede-kesalahan.xlsx"

    assert main(["import", "--db", str(db), str(src), "--dry-run"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "Uji coba (tidak ada yang disimpan):",
        "  Baris data dibaca   : 7",
        "  Peserta baru        : 5",
        "  Sudah terdaftar     : 0",
        "  Baris bermasalah    : 2",
        # Kec. is merged over rows 10-11: both rows take its value.
        "  Sel gabungan diisi ke semua barisnya: Kec. baris 10-11.",
    ]
    assert [line.strip() for line in err.splitlines()] == ERROR_LINES
    assert not errors_out.exists()
    assert MemberRepository(open_store(db)).count(MemberQuery()) == 0

    assert main(["import", "--db", str(db), str(src)]) == 1
    out, err = capsys.readouterr()
    assert "  Disimpan: 5 baru, 0 diperbarui." in out.splitlines()
    assert f"Baris bermasalah disimpan ke {errors_out} (perbaiki lalu impor lagi)." in out
    assert [line.strip() for line in err.splitlines()] == ERROR_LINES
    names = [r[2] for r in openpyxl.load_workbook(errors_out).active.iter_rows(
        min_row=2, values_only=True)]
    assert names == ["Siti Aminah", "Dewi Lestari"]
    assert MemberRepository(open_store(db)).count(MemberQuery()) == 5


def test_import_of_an_html_page_named_xls_is_one_line(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]):
    new_store(tmp_path).close()
    src = tmp_path / "unduhan.xls"
    src.write_text("<html><body><table><tr><td>NIK</td></tr></table></body></html>")
    assert main(["import", "--db", str(tmp_path / "data.db"), str(src)]) == 1
    _out, err = capsys.readouterr()
    assert err.strip() == ("bpu: Berkas unduhan.xls tidak dapat dibaca "
                           "(rusak atau bukan berkas Excel).")

"""`bpu pack --out` never replaces an existing package unless `--timpa` is given, and a
package replaced with `--timpa` stays whole until the new one is complete."""

from __future__ import annotations

import errno
import getpass
from pathlib import Path

import pytest

from bpu_desktop.cli import main
from bpu_desktop.store import pack
from bpu_desktop.store.database import open_store
from bpu_desktop.store.records import insert_record

PASS = "sandi-kantor-2026"
OLD = b"paket lama yang belum dikirim"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BPU_PASSPHRASE", PASS)
    monkeypatch.setattr(pack.pack_store, "__kwdefaults__", {"scrypt_n": pack.MIN_SCRYPT_N})
    path = tmp_path / "data.db"
    store = open_store(path)
    store.set_officer("Rina")
    insert_record(store, "members", {"nik": "3372010101900001", "name": "Ani", "sex": "P",
                                     "birth_date": "1990-01-01"})
    store.close()
    return path


def test_an_existing_package_is_refused_without_timpa(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kirim.bpu"
    out.write_bytes(OLD)
    monkeypatch.delenv("BPU_PASSPHRASE")
    asked: list[str] = []
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": asked.append(prompt) or PASS)
    assert main(["pack", "--db", str(db), "--out", str(out)]) == 2
    printed, err = capsys.readouterr()
    assert err == (f"bpu: berkas {out} sudah ada; pakai --timpa untuk menimpanya, atau pilih "
                   "nama lain.\n")
    assert printed == ""
    assert asked == []  # refused before the passphrase is typed for nothing
    assert out.read_bytes() == OLD


def test_timpa_replaces_the_package(db: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kirim.bpu"
    out.write_bytes(OLD)
    assert main(["pack", "--db", str(db), "--out", str(out), "--month", "2026-03",
                 "--timpa"]) == 0
    assert "Paket dibuat:" in capsys.readouterr().out
    assert pack.read_manifest(out).period == "2026-03"
    dest = tmp_path / "kantor"
    dest.mkdir()
    assert pack.unpack_package(out, PASS, dest).exists()


def test_a_folder_is_not_a_package(db: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "folder.bpu"
    folder.mkdir()
    assert main(["pack", "--db", str(db), "--out", str(folder), "--timpa"]) == 2
    assert capsys.readouterr().err == f"bpu: {folder} adalah folder, bukan berkas .bpu.\n"
    assert list(folder.iterdir()) == []


def test_a_failed_timpa_leaves_the_old_package_whole(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The disk fills half-way through the new package: the old one is still there, byte
    for byte, and no temporary file is left beside it."""
    out = tmp_path / "kirim.bpu"
    out.write_bytes(OLD)

    def half_written(snapshot, fh, *args):  # type: ignore[no-untyped-def]
        fh.write(b"separuh paket baru")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pack, "_encrypt_stream", half_written)
    code = main(["pack", "--db", str(db), "--out", str(out), "--timpa"])
    _printed, err = capsys.readouterr()
    assert code != 0
    assert err.startswith("bpu: Pembuatan paket data gagal: disk penuh") and err.count("\n") == 1
    assert "Traceback" not in err
    assert out.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.db", "kirim.bpu"]


def test_the_month_labels_the_package_and_says_what_that_month_holds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The package always holds the whole file (a merge needs every row): `--month` is
    a label, and the output says how many of its enrolments fall in that month."""
    from datetime import date

    from bpu_desktop.domain.validation import EnrolmentInput
    from bpu_desktop.store.members import MemberRepository
    from bpu_desktop.store.reference import validate_enrolment_input

    monkeypatch.setenv("BPU_PASSPHRASE", PASS)
    monkeypatch.setattr(pack.pack_store, "__kwdefaults__", {"scrypt_n": pack.MIN_SCRYPT_N})
    path = tmp_path / "data.db"
    store = open_store(path)
    store.set_officer("Rina")
    today = date(2026, 11, 20)
    for i in (1, 2):
        raw = EnrolmentInput(
            nik=f"337201150890{i:04d}", name=f"Peserta {'AB'[i - 1]}", phone="081234567890",
            kecamatan="Laweyan", kelurahan="Pajang", address="", segment="ojol",
            income="1.000.000", with_jht=False, funding="self", months_paid=1,
            start_month="2026-11", enrolled_on="18/11/2026")
        MemberRepository(store).enrol(validate_enrolment_input(store, raw, today=today).value)
    store.close()
    for month, expected in (("2026-10", "Oktober 2026: 0"), ("2026-11", "November 2026: 2")):
        out = tmp_path / f"kirim-{month}.bpu"
        assert main(["pack", "--db", str(path), "--out", str(out), "--month", month]) == 0
        text = capsys.readouterr().out
        assert "2 peserta, 2 pendaftaran (paket selalu berisi semua data)." in text
        assert f"Label periode {expected} pendaftaran di bulan itu." in text
        assert pack.read_manifest(out).counts["members"] == 2

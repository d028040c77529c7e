"""Encrypted packages: only the right passphrase opens them; any change is refused."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bpu_desktop.store import pack
from bpu_desktop.store.database import Store, open_store
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.records import insert_record

FAST = pack.MIN_SCRYPT_N
PASS = "kata-sandi-rahasia"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "lapangan.db")
    s.set_officer("Dewi Lestari")
    for i in range(30):
        insert_record(s, "members", {"nik": f"33720101019{i:05d}", "name": f"Warga {i}",
                                     "sex": "L", "birth_date": "1990-01-01"})
    return s


def _pack(store: Store, tmp_path: Path, **kwargs: object) -> tuple[Path, pack.Manifest]:
    out = tmp_path / "kirim.bpu"
    manifest = pack.pack_store(store, out, PASS, "2026-03", scrypt_n=FAST, **kwargs)  # type: ignore[arg-type]
    return out, manifest


def test_round_trip_gives_back_the_same_snapshot(store: Store, tmp_path: Path) -> None:
    out, manifest = _pack(store, tmp_path)
    assert manifest.officer == "Dewi Lestari"
    assert manifest.device_id == store.device_id
    assert manifest.period == "2026-03"
    assert manifest.counts["members"] == 30
    assert manifest.format_version == 1
    assert pack.read_manifest(out) == manifest
    dest = tmp_path / "masuk"
    dest.mkdir()
    db = pack.unpack_package(out, PASS, dest)
    assert pack._sha256(db) == manifest.sha256
    opened = open_store(db, create=False)
    assert opened.conn.execute("SELECT count(*) FROM members").fetchone()[0] == 30
    assert opened.device_id == store.device_id
    opened.close()
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_manifest_names_the_file_officer_not_who_runs_the_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BPU_OFFICER", "Operator Skrip")
    s = open_store(tmp_path / "tanpa-petugas.db")
    try:
        _, manifest = _pack(s, tmp_path)
        assert manifest.officer == "-"  # no officer set in the file
        assert manifest.device_id == s.meta("device_id") != ""
        s.set_officer("Sri Wahyuni")
        _, manifest = _pack(s, tmp_path)
        assert manifest.officer == "Sri Wahyuni"
    finally:
        s.close()


def test_package_does_not_contain_the_data_in_clear(store: Store, tmp_path: Path) -> None:
    out, _ = _pack(store, tmp_path)
    raw = out.read_bytes()
    assert b"Warga 1" not in raw
    assert b"3372010101900001" not in raw


def test_default_kdf_is_memory_hard_scrypt(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "asli.bpu"
    pack.pack_store(store, out, PASS)
    with out.open("rb") as fh:
        _, header = pack._read_header(fh)
    assert header["kdf"]["name"] == "scrypt"
    assert header["kdf"]["n"] >= 2**15 and header["kdf"]["r"] == 8
    assert header["cipher"] == "AES-256-GCM"


def test_each_package_uses_a_fresh_salt_and_nonce(store: Store, tmp_path: Path) -> None:
    a = tmp_path / "a.bpu"
    b = tmp_path / "b.bpu"
    pack.pack_store(store, a, PASS, scrypt_n=FAST)
    pack.pack_store(store, b, PASS, scrypt_n=FAST)
    with a.open("rb") as fa, b.open("rb") as fb:
        ha, hb = pack._read_header(fa)[1], pack._read_header(fb)[1]
    assert ha["kdf"]["salt"] != hb["kdf"]["salt"]
    assert ha["nonce_prefix"] != hb["nonce_prefix"]


def _refused(out: Path, tmp_path: Path, passphrase: str = PASS) -> None:
    dest = tmp_path / "tujuan"
    dest.mkdir(exist_ok=True)
    with pytest.raises(StoreError) as info:
        pack.unpack_package(out, passphrase, dest)
    assert info.value.message == "Kata sandi salah atau berkas rusak/diubah."
    assert list(dest.iterdir()) == []  # nothing written


def test_wrong_passphrase_is_refused_and_nothing_written(store: Store, tmp_path: Path) -> None:
    out, _ = _pack(store, tmp_path)
    _refused(out, tmp_path, "kata-sandi-lain")


def test_flipped_byte_in_the_data_is_refused(store: Store, tmp_path: Path) -> None:
    out, _ = _pack(store, tmp_path)
    data = bytearray(out.read_bytes())
    data[-10] ^= 0x01
    out.write_bytes(bytes(data))
    _refused(out, tmp_path)


def test_changed_manifest_is_refused(store: Store, tmp_path: Path) -> None:
    out, _ = _pack(store, tmp_path)
    data = out.read_bytes()
    forged = data.replace(b'"officer": "Dewi Lestari"', b'"officer": "Dewi Lestaru"')
    assert forged != data
    out.write_bytes(forged)
    _refused(out, tmp_path)


def test_truncated_package_is_refused(store: Store, tmp_path: Path) -> None:
    out, _ = _pack(store, tmp_path)
    data = out.read_bytes()
    out.write_bytes(data[: len(data) - 100])
    _refused(out, tmp_path)


def test_not_a_package_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "foto.bpu"
    other.write_bytes(b"\x89PNG" + b"0" * 200)
    dest = tmp_path / "tujuan"
    dest.mkdir()
    with pytest.raises(StoreError, match="bukan paket data"):
        pack.unpack_package(other, PASS, dest)
    assert list(dest.iterdir()) == []


@pytest.mark.parametrize(("passphrase", "message"), [("", "tidak boleh kosong"),
                                                      ("pendek", "minimal 8")])
def test_weak_passphrase_is_refused(store: Store, tmp_path: Path, passphrase: str,
                                    message: str) -> None:
    with pytest.raises(StoreError, match=message):
        pack.pack_store(store, tmp_path / "x.bpu", passphrase, scrypt_n=FAST)
    assert not (tmp_path / "x.bpu").exists()


def test_bad_period_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="Periode tidak dikenali"):
        pack.pack_store(store, tmp_path / "x.bpu", PASS, "Maret", scrypt_n=FAST)


def test_full_disk_while_packing_leaves_no_file(store: Store, tmp_path: Path) -> None:
    from tests import faultproc as fp

    store.close()
    out = tmp_path / "penuh.bpu"
    result = fp.run("""
        import resource, signal, sys
        from bpu_desktop.store import pack
        from bpu_desktop.store.database import open_store
        from bpu_desktop.store.errors import StoreError
        store = open_store(sys.argv[1])
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, hard))
        try:
            pack.pack_store(store, sys.argv[2], "kata-sandi-rahasia", scrypt_n=pack.MIN_SCRYPT_N)
        except StoreError as exc:
            print("PESAN", exc.message)
        print("MASIH JALAN", store.conn.execute("SELECT count(*) FROM members").fetchone()[0])
    """, str(store.path), str(out))
    assert result.returncode == 0, result.stderr
    assert "PESAN Pembuatan paket data gagal: disk penuh" in result.stdout
    assert "MASIH JALAN 30" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("lapangan")) == []

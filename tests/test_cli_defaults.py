"""`--db` defaults to the embedded file for the verbs that use the user's data; a missing
embedded file is reported, never created empty; records carry the file's officer."""

from __future__ import annotations

import json

import pytest

from bpu_desktop.cli import main
from bpu_desktop.commands import _common
from bpu_desktop.store.database import open_store
from bpu_desktop.store.pack import read_manifest

from .store.merge_helpers import NIK_A, enrol, officer_file


@pytest.fixture
def embedded(tmp_path, monkeypatch):
    path = tmp_path / "data" / "bpu.db"
    path.parent.mkdir()
    monkeypatch.setattr(_common, "default_database_path", lambda: path)
    return path


@pytest.mark.parametrize("argv", [
    ["check"], ["stats"], ["stats", "--json"], ["backup"], ["conflicts"],
    ["pack", "--out", "kirim.bpu"], ["export", "--month", "2026-03", "--out", "r.xlsx"],
])
def test_missing_embedded_file_is_reported_not_created(argv, embedded, capsys, tmp_path,
                                                       monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BPU_PASSPHRASE", "kata sandi yang panjang sekali")
    assert main(argv) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"bpu: Berkas data belum ada: {embedded}")
    assert not embedded.exists()
    assert not (embedded.parent / "bpu-cadangan").exists()


def test_verbs_use_the_embedded_file_without_db(embedded, capsys):
    open_store(embedded).close()
    assert main(["check"]) == 0
    assert f"Berkas: {embedded}" in capsys.readouterr().out
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["file"]["path"] == str(embedded)
    assert main(["conflicts"]) == 0
    assert "Tidak ada konflik terbuka." in capsys.readouterr().out


def test_demo_still_needs_db(embedded, capsys):
    assert main(["demo", "--members", "5"]) == 2
    assert "wajib diisi: --db" in capsys.readouterr().err
    assert not embedded.exists()


def test_cli_writes_as_the_files_officer(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("BPU_OFFICER", raising=False)
    monkeypatch.setenv("BPU_PASSPHRASE", "kata sandi yang panjang sekali")
    officer_file(tmp_path / "cabang.db", "Supervisor").close()
    for name in ("ani", "bayu"):
        other = officer_file(tmp_path / f"{name}.db", name.title())
        enrol(other, NIK_A, f"Budi {name}")
        other.close()
    assert main(["merge", "--into", str(tmp_path / "cabang.db"), str(tmp_path / "ani.db"),
                 str(tmp_path / "bayu.db")]) == 0
    capsys.readouterr()
    assert main(["conflicts", "--db", str(tmp_path / "cabang.db")]) == 0
    conflict_id = capsys.readouterr().out.split()[0]
    assert main(["conflicts", "--db", str(tmp_path / "cabang.db"), "--selesaikan",
                 conflict_id, "--pakai", "petugas"]) == 0
    store = open_store(tmp_path / "cabang.db")
    try:
        officers = {r[0] for r in store.conn.execute("SELECT officer FROM audit_log")}
        stamps = {r[0] for r in store.conn.execute(
            "SELECT updated_by FROM members UNION SELECT resolved_by FROM merge_conflicts "
            "WHERE resolved_by IS NOT NULL")}
    finally:
        store.close()
    assert "bpu-cli" not in officers | stamps
    assert "Supervisor" in officers and "Supervisor" in stamps
    assert main(["pack", "--db", str(tmp_path / "cabang.db"), "--out",
                 str(tmp_path / "kirim.bpu")]) == 0
    assert read_manifest(tmp_path / "kirim.bpu").officer == "Supervisor"


def test_file_without_officer_is_written_as_bpu_officer(tmp_path, monkeypatch):
    monkeypatch.setenv("BPU_OFFICER", "Rina")
    open_store(tmp_path / "kosong.db").close()
    store = _common.open_for_cli(tmp_path / "kosong.db")
    try:
        assert store.officer == "Rina"
    finally:
        store.close()
    monkeypatch.delenv("BPU_OFFICER")
    store = _common.open_for_cli(tmp_path / "kosong.db")
    try:
        assert store.officer == "bpu-cli"
    finally:
        store.close()

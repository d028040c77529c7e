"""`bpu merge` and `bpu conflicts` as a supervisor types them."""

from __future__ import annotations

import pytest

from bpu_desktop.cli import main
from bpu_desktop.store.database import open_store
from bpu_desktop.store.records import insert_record

from .store.merge_helpers import live_names, officer_file, two_officers


@pytest.fixture
def files(tmp_path):
    return two_officers(tmp_path)


def names(path):
    store = open_store(path)
    try:
        return live_names(store)
    finally:
        store.close()


def test_merge_prints_the_counts_then_writes(files, capsys):
    code = main(["merge", "--into", str(files / "cabang.db"), str(files / "ani.db"),
                 str(files / "bayu.db")])
    out = capsys.readouterr().out
    assert code == 0
    assert "Ringkasan penggabungan:" in out
    peserta = next(line for line in out.splitlines() if line.startswith("Peserta"))
    assert peserta.split() == ["Peserta", "2", "0", "0", "0", "1", "0"]
    # One duplicate member (its enrolment waits under it): one thing to decide.
    assert "1 konflik perlu diputuskan: bpu conflicts" in out
    assert names(files / "cabang.db") == ["Budi", "Cici"]


def test_dry_run_writes_nothing(files, capsys):
    code = main(["merge", "--dry-run", "--into", str(files / "cabang.db"),
                 str(files / "ani.db")])
    out = capsys.readouterr().out
    assert code == 0 and "tidak ada yang ditulis" in out
    assert names(files / "cabang.db") == []
    store = open_store(files / "cabang.db")
    assert store.conn.execute("SELECT count(*) FROM merge_log").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0
    store.close()
    assert not (files / "cabang-cadangan").exists()


def test_re_merge_says_already_merged(files, capsys):
    main(["merge", "--into", str(files / "cabang.db"), str(files / "ani.db")])
    capsys.readouterr()
    main(["merge", "--into", str(files / "cabang.db"), str(files / "ani.db")])
    out = capsys.readouterr().out
    assert "ani.db, petugas Ani — sudah digabung, tidak ada data baru" in out


def test_bad_file_is_one_line_and_non_zero(files, capsys):
    (files / "catatan.db").write_text("bukan")
    code = main(["merge", "--into", str(files / "cabang.db"), str(files / "catatan.db")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().splitlines() == [
        "bpu: catatan.db: bukan berkas data BPU Desktop (bukan SQLite) atau sudah rusak; "
        "tidak digabung."]
    code = main(["merge", "--into", str(files / "tidak-ada.db"), str(files / "ani.db")])
    assert code == 2 and "tidak ditemukan" in capsys.readouterr().err


def test_conflicts_are_listed_and_resolved(files, capsys):
    main(["merge", "--into", str(files / "cabang.db"), str(files / "ani.db"),
          str(files / "bayu.db")])
    capsys.readouterr()
    assert main(["conflicts", "--db", str(files / "cabang.db")]) == 0
    out = capsys.readouterr().out
    assert "Data ganda: NIK sama pada dua peserta" in out
    assert "Budi Santoso" in out and "bayu.db" in out
    conflict_id = out.split()[0]
    code = main(["conflicts", "--db", str(files / "cabang.db"), "--selesaikan", conflict_id,
                 "--pakai", "gabung", "--kolom", "name=petugas"])
    assert code == 0
    assert names(files / "cabang.db") == ["Budi Santoso", "Cici"]
    main(["conflicts", "--db", str(files / "cabang.db")])
    assert "Tidak ada konflik terbuka." in capsys.readouterr().out


def test_same_partner_typed_on_two_laptops_is_merged_not_a_conflict(tmp_path, capsys):
    officer_file(tmp_path / "cabang.db", "Supervisor").close()
    for officer, name in (("Ani", "Paguyuban Pedagang Pasar Klewer"),
                          ("Bayu", "Paguyuban Pedagang Pasar Klewer")):
        store = officer_file(tmp_path / f"{officer.lower()}.db", officer)
        with store.write():
            insert_record(store, "partners", {"name": name}, source="form")
        store.close()
    code = main(["merge", "--into", str(tmp_path / "cabang.db"), str(tmp_path / "ani.db"),
                 str(tmp_path / "bayu.db")])
    out = capsys.readouterr().out
    assert code == 0
    assert "Mitra: 1 sama dengan yang sudah ada di cabang, disatukan (bukan konflik)." in out
    assert "konflik perlu diputuskan" not in out
    assert main(["conflicts", "--db", str(tmp_path / "cabang.db")]) == 0
    assert "Tidak ada konflik terbuka." in capsys.readouterr().out

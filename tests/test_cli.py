"""`bpu demo`, `bpu check`, `bpu stats` as an officer runs them: exit codes, output, and one
clear line (never a traceback) for bad arguments or bad files."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bpu_desktop.cli import main
from bpu_desktop.store.database import open_store

N = 300


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    assert main(["demo", "--db", str(path), "--members", str(N), "--seed", "5"]) == 0
    return path


def _one_error_line(capsys) -> str:
    _, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("bpu: ")
    return lines[0]


def test_demo_reports_what_it_made(demo_db, capsys):
    path = demo_db.with_name("again.db")
    assert main(["demo", "--db", str(path), "--members", "20"]) == 0
    out = capsys.readouterr().out
    assert "20 peserta demo dibuat" in out


def test_check_says_healthy_and_counts_rows(demo_db, capsys):
    assert main(["check", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert "Sehat" in out
    assert "m001_core" in out
    members_line = next(line for line in out.splitlines() if line.startswith("members"))
    assert members_line.split()[1:] == [str(N), "0"]


def test_check_finds_a_broken_foreign_key(tmp_path, capsys):
    path = tmp_path / "broken.db"
    open_store(path).close()
    conn = sqlite3.connect(path)  # foreign keys off: write what the app never would
    conn.execute(
        "INSERT INTO enrolments (id, created_at, updated_at, member_id, segment, sector, income,"
        " funding, months_paid, start_month, paid_until, enrolled_on) VALUES ('e1', 'x', 'x',"
        " 'no-such-member', 'umkm', 'non_transport', 1, 'self', 1, '2026-01', '2026-01',"
        " '2026-01-02')")
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "kunci tamu" in out
    assert "tidak sehat" in err


def test_stats_json_matches_counts_made_by_hand(demo_db, capsys):
    conn = sqlite3.connect(demo_db)
    rows = conn.execute("SELECT enrolled_on, kecamatan_code, segment, created_by FROM enrolments"
                        " WHERE enrolled_on >= '2026-01-01' AND enrolled_on < '2027-01-01'"
                        ).fetchall()
    conn.close()
    assert main(["stats", "--db", str(demo_db), "--json", "--year", "2026"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["members"] == {"total": N, "enrolments_in_period": len(rows)}
    by_month = Counter(r[0][:7] for r in rows)
    assert [(m["month"], m["count"]) for m in stats["enrolments_by_month"]] == [
        (f"2026-{i:02d}", by_month.get(f"2026-{i:02d}", 0)) for i in range(1, 13)]
    assert {k["code"]: k["count"] for k in stats["enrolments_by_kecamatan"]} == Counter(
        r[1] for r in rows)
    names = {k["code"]: k["name"] for k in stats["enrolments_by_kecamatan"]}
    assert names.get("33.72.05", "Banjarsari") == "Banjarsari"
    assert {s["code"]: s["count"] for s in stats["enrolments_by_segment"]} == Counter(
        r[2] for r in rows)
    assert {o["officer"]: o["count"] for o in stats["enrolments_by_officer"]} == Counter(
        r[3] for r in rows)


def test_stats_month_and_area_and_text_table(demo_db, capsys):
    conn = sqlite3.connect(demo_db)
    expected = conn.execute(
        "SELECT COUNT(*) FROM enrolments WHERE enrolled_on LIKE '2026-03-%'"
        " AND kecamatan_code LIKE '33.72.%'").fetchone()[0]
    conn.close()
    assert main(["stats", "--db", str(demo_db), "--json", "--month", "2026-03",
                 "--area", "33.72"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["file"]["area"] == {"code": "33.72", "name": "Kota Surakarta"}
    assert stats["enrolments_by_month"] == [
        {"month": "2026-03", "label": "Maret 2026", "count": expected}]
    assert main(["stats", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert "== Pendaftaran per kecamatan ==" in out
    assert f"jumlah peserta: {N}" in out


@pytest.mark.parametrize("argv, needle", [
    (["demo", "--db", "x.db", "--members", "nol"], "bukan bilangan bulat"),
    (["demo", "--db", "x.db", "--members", "0"], "minimal 1"),
    (["demo", "--members", "10"], "--db"),
    (["stats", "--db", "x.db", "--year", "26"], "tahun"),
    (["stats", "--db", "x.db", "--month", "13-2026"], "Bulan"),
    (["stats", "--db", "x.db", "--year", "2026", "--month", "2026-03"], "--month"),
    (["stats", "--db", "x.db", "--area", "3372"], "Kode wilayah"),
    (["stats", "--db", "x.db", "--area", "99.99"], "bukan wilayah cabang ini"),
    (["stats", "--db", "x.db", "--area", "33.72.99"], "bukan wilayah cabang ini"),
    (["terbang"], "argumen salah"),
])
def test_bad_arguments_give_one_line(argv, needle, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert needle in _one_error_line(capsys)
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("verb", ["check", "stats"])
def test_missing_file_is_one_line_and_not_created(verb, tmp_path, capsys):
    path = tmp_path / "tidak-ada.db"
    assert main([verb, "--db", str(path)]) == 1
    assert "tidak ditemukan" in _one_error_line(capsys)
    assert not path.exists()


def test_non_sqlite_file_is_refused(tmp_path, capsys):
    path = tmp_path / "catatan.db"
    path.write_text("bukan database\n")
    assert main(["check", "--db", str(path)]) == 1
    assert "bukan SQLite" in _one_error_line(capsys)
    assert path.read_text() == "bukan database\n"


def test_newer_schema_file_is_refused(tmp_path, capsys):
    path = tmp_path / "baru.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                  "VALUES ('bpu', 'm999_future', '2030-01-01')")
    conn.commit()
    conn.close()
    assert main(["stats", "--db", str(path), "--json"]) == 1
    assert "versi BPU Desktop yang lebih baru" in _one_error_line(capsys)


def test_demo_refuses_a_file_with_members(demo_db, capsys):
    assert main(["demo", "--db", str(demo_db), "--members", "5"]) == 1
    assert "sudah berisi peserta" in _one_error_line(capsys)


def test_real_process_exit_codes(demo_db, tmp_path):
    cwd = Path(__file__).resolve().parents[1]
    ok = subprocess.run([sys.executable, "-m", "bpu_desktop.cli", "stats", "--db", str(demo_db),
                         "--json"], capture_output=True, text=True, cwd=cwd, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["members"]["total"] == N
    bad = subprocess.run([sys.executable, "-m", "bpu_desktop.cli", "check", "--db",
                          str(tmp_path / "hilang.db")], capture_output=True, text=True,
                         cwd=cwd, timeout=60)
    assert bad.returncode == 1
    assert bad.stdout == ""
    assert bad.stderr.strip().count("\n") == 0 and "tidak ditemukan" in bad.stderr


def test_check_finds_a_tally_edited_outside_the_app_and_recounts_it(tmp_path, capsys):
    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path), "--members", "30", "--seed", "5"]) == 0
    conn = sqlite3.connect(path)
    conn.execute("UPDATE _enrolment_tally SET n = n + 5 WHERE month = "
                 "(SELECT MIN(month) FROM _enrolment_tally)")
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert main(["check", "--db", str(path)]) == 1
    assert "hitung ulang dengan `bpu check --hitung-ulang`" in capsys.readouterr().out
    assert main(["check", "--db", str(path), "--hitung-ulang"]) == 0
    out = capsys.readouterr().out
    assert "Ringkasan pendaftaran dihitung ulang" in out and "Sehat" in out

"""argparse's own words (usage, headings, errors) reach the user in Indonesian."""

from __future__ import annotations

import re

import pytest

from bpu_desktop.cli import main

ENGLISH = re.compile(r"usage:|positional arguments|options:|show this help|argument |"
                     r"not allowed|required|invalid choice|choose from|unrecognized|expected")


@pytest.mark.parametrize("argv", [["--help"], ["stats", "--help"], ["conflicts", "--help"]])
def test_help_has_indonesian_headings(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Penggunaan: bpu")
    assert "opsi:" in out
    assert "tampilkan bantuan ini lalu keluar" in out
    assert not ENGLISH.search(out), out


@pytest.mark.parametrize("argv, needle", [
    (["stats", "--db", "x.db", "--year", "2026", "--month", "2026-03"],
     "argumen --month: tidak boleh bersama argumen --year"),
    (["demo", "--members", "10"], "argumen ini wajib diisi: --db"),
    (["terbang"], "pilihan tidak dikenal: 'terbang' (pilih: "),
    (["conflicts", "--db", "x.db", "--pakai", "saya"], "argumen --pakai: pilihan tidak dikenal"),
    (["stats", "--db", "x.db", "--bogus"], "argumen tidak dikenal: --bogus"),
    (["stats", "--db", "x.db", "--month"], "argumen --month: perlu satu nilai"),
    (["stats", "--db", "x.db", "--year", "26"], "argumen --year: tahun '26' tidak sah"),
])
def test_argparse_errors_are_one_indonesian_line(argv, needle, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    _, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert needle in lines[0]
    assert not ENGLISH.search(lines[0]), lines[0]

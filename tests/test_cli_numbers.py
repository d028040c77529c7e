"""Counts in CLI output use Indonesian thousands dots (1.200), never 1,200."""

from __future__ import annotations

import re

from bpu_desktop.cli import main
from bpu_desktop.domain.money import format_number, format_rupiah


def test_format_number_is_indonesian():
    assert format_number(12606) == "12.606"
    assert format_number(-20000) == "-20.000"
    assert format_number(0.2, 1) == "0,2"
    assert format_number(1234567.5, 1) == "1.234.567,5"
    assert format_rupiah(1500000) == "Rp 1.500.000"


def test_demo_check_and_stats_print_thousands_with_dots(tmp_path, capsys):
    path = tmp_path / "ribu.db"
    assert main(["demo", "--db", str(path), "--members", "1200"]) == 0
    out = capsys.readouterr().out
    assert "Selesai: 1.200 peserta demo" in out
    assert re.search(r"dalam \d+,\d detik", out), out
    assert main(["check", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert next(li for li in out.splitlines() if li.startswith("members")).split()[1] == "1.200"
    assert main(["stats", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "jumlah peserta: 1.200" in out
    assert not re.search(r"\d,\d{3}\b", out)

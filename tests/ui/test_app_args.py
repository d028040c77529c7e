"""The window's command line: the usual starts skip argparse, the rest go through it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bpu_desktop.app import parse_args


def test_usual_starts_read_as_argparse_would() -> None:
    assert parse_args([]).db is None
    assert parse_args(["--db", "data/cabang.db"]).db == Path("data/cabang.db")
    assert parse_args(["--db=data/cabang.db"]).db == Path("data/cabang.db")  # argparse


@pytest.mark.parametrize("argv", [["--db"], ["--db", "-x"], ["--lain"], ["a.db"]])
def test_anything_else_gets_argparse_s_usage_message(argv: list[str], capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as stopped:
        parse_args(argv)
    assert stopped.value.code == 2
    assert "usage: bpu-desktop" in capsys.readouterr().err

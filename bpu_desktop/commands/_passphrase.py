"""The package passphrase for `bpu pack` and `bpu merge` of a .bpu, read the same way by
both: the env var, else a prompt on the terminal, else the first line of standard input."""

from __future__ import annotations

import getpass
import os
import sys
import warnings

from bpu_desktop.cli import CliError
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.pack import check_passphrase

ENV_VAR = "BPU_PASSPHRASE"


def read_passphrase(*, confirm: bool) -> str:
    """BPU_PASSPHRASE if set, else asked on the terminal (twice when `confirm`).

    Without a terminal (a script, a scheduled job) the passphrase is the first line of
    standard input, read once: there is no one to retype it.
    """
    value = os.environ.get(ENV_VAR)
    if value is None:
        try:
            value, typed = _ask("Kata sandi paket: ")
            if confirm and typed and value and _ask("Ulangi kata sandi: ")[0] != value:
                raise CliError("kata sandi tidak sama.")
        except EOFError as exc:
            raise CliError(f"kata sandi tidak diberikan (isi {ENV_VAR} atau ketik saat diminta).") from exc
    try:
        return check_passphrase(value) if confirm else _not_empty(value)
    except StoreError as exc:
        raise CliError(exc.message[0].lower() + exc.message[1:]) from exc


def _ask(prompt: str) -> tuple[str, bool]:
    """The answer, and whether it was typed on a terminal with echo off."""
    with warnings.catch_warnings():
        # getpass falls back to echoing stdin with an English warning when there is no
        # terminal; turned into an exception here so the fallback is ours and silent.
        warnings.simplefilter("error", getpass.GetPassWarning)
        try:
            return getpass.getpass(prompt), True
        except getpass.GetPassWarning:
            pass
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\r\n"), False


def _not_empty(value: str) -> str:
    if not value:
        raise StoreError("Kata sandi tidak boleh kosong.")
    return value

"""The package passphrase for `bpu pack` (and `bpu merge` of a .bpu): env var, else a prompt."""

from __future__ import annotations

import getpass
import os

from bpu_desktop.cli import CliError
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.pack import check_passphrase

ENV_VAR = "BPU_PASSPHRASE"


def read_passphrase(*, confirm: bool) -> str:
    """BPU_PASSPHRASE if set, else asked on the terminal (twice when `confirm`)."""
    value = os.environ.get(ENV_VAR)
    if value is None:
        try:
            value = getpass.getpass("Kata sandi paket: ")
            if confirm and value and getpass.getpass("Ulangi kata sandi: ") != value:
                raise CliError("kata sandi tidak sama.")
        except EOFError as exc:
            raise CliError(f"kata sandi tidak diberikan (isi {ENV_VAR} atau ketik saat diminta).") from exc
    try:
        return check_passphrase(value) if confirm else _not_empty(value)
    except StoreError as exc:
        raise CliError(exc.message[0].lower() + exc.message[1:]) from exc


def _not_empty(value: str) -> str:
    if not value:
        raise StoreError("Kata sandi tidak boleh kosong.")
    return value

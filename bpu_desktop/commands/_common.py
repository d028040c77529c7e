"""Helpers shared by the `bpu` verbs."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from bpu_desktop.store.database import Store, open_store


def add_db_argument(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    parser.add_argument(
        "--db", type=Path, required=required, metavar="BERKAS.db",
        help="berkas data (.db); bawaan: berkas di folder data pengguna",
    )


def open_for_cli(path: Path | None, *, create: bool = False) -> Store:
    """Open a file for a verb; a missing file is an error unless the verb creates one."""
    store = open_store(path, create=create or path is None)
    store.acting_as = os.environ.get("BPU_OFFICER", "") or "bpu-cli"
    return store

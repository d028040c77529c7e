"""Start the window: open (or create) the data file, ask the officer's name on first start."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from bpu_desktop.logs import setup_logging
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import StoreError


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bpu-desktop", description="BPU Desktop")
    parser.add_argument("--db", type=Path, help="berkas data lain (bawaan: folder data pengguna)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("BPJS Ketenagakerjaan Surakarta")
    app.setApplicationName("BPU Desktop")

    from bpu_desktop.ui import error_handler
    from bpu_desktop.ui.context import AppContext
    from bpu_desktop.ui.main_window import MainWindow
    from bpu_desktop.ui.officer_dialog import OfficerDialog
    from bpu_desktop.ui.signals import AppSignals
    from bpu_desktop.ui.theme import STYLESHEET

    app.setStyleSheet(STYLESHEET)
    error_handler.install()
    try:
        store = open_store(args.db, create=True)
    except StoreError as exc:
        QMessageBox.critical(None, "BPU Desktop", exc.message)
        return 1
    if not store.officer:
        name = OfficerDialog.ask(None)
        if name is None:
            store.close()
            return 0
        store.set_officer(name)
    ctx = AppContext(store=store, signals=AppSignals(), settings=QSettings())
    window = MainWindow(ctx)
    window.show()
    code = app.exec()
    store.close()
    return int(code)

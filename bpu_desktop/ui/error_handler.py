"""One handler for unexpected exceptions: logged with traceback, shown short, form kept."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from bpu_desktop.store.errors import StoreError

log = logging.getLogger("bpu_desktop")


def show_error(parent: QWidget | None, message: str) -> None:
    """Tests may replace this to capture messages instead of opening a dialog."""
    QMessageBox.critical(parent, "BPU Desktop", message)


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if isinstance(exc, StoreError):
        message = exc.message
        log.warning("user-facing error: %s", message)
    else:
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        message = (
            "Terjadi kesalahan tak terduga. Data yang sudah disimpan aman; isian yang belum "
            "disimpan tetap di layar. Rincian dicatat di berkas log."
        )
    app = QApplication.instance()
    parent = app.activeWindow() if isinstance(app, QApplication) else None
    show_error(parent, message)


def install() -> None:
    sys.excepthook = handle_exception

"""One handler for unexpected exceptions: logged with traceback, shown short, form kept.

`install()` routes `sys.excepthook` (exceptions escaping Qt slots and event handlers) and
`threading.excepthook` here. Nothing is closed or cleared: the window and whatever the
user typed stay as they were; saved data is safe because every action is one transaction.
"""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from bpu_desktop.store.errors import os_error_reason, store_error_for

log = logging.getLogger("bpu_desktop")

UNEXPECTED = (
    "Terjadi kesalahan tak terduga. Data yang sudah disimpan aman; isian yang belum "
    "disimpan tetap di layar. Rincian dicatat di berkas log."
)


def show_error(parent: QWidget | None, message: str) -> None:
    """Tests may replace this to capture messages instead of opening a dialog."""
    from .confirm_dialog import ConfirmDialog  # built on the first error, not at start-up

    ConfirmDialog.inform(parent, "BPU Desktop", message)


def user_message(exc: BaseException) -> str | None:
    """The Indonesian message for an error the user can act on, else None (a bug)."""
    translated = store_error_for(exc)
    if translated is not None:
        return translated.message
    if isinstance(exc, MemoryError):
        return "Memori komputer tidak cukup. Tutup aplikasi lain lalu coba lagi."
    if isinstance(exc, OSError) and exc.errno is not None:
        return f"Berkas tidak dapat dibaca atau ditulis: {os_error_reason(exc)}."
    return None


def describe(exc: BaseException) -> str:
    """Log `exc` and return what to show: its own message, or the general one."""
    message = user_message(exc)
    if message is None:
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        return UNEXPECTED
    log.warning("user-facing error: %s", message, exc_info=(type(exc), exc, exc.__traceback__))
    return message


def report(parent: QWidget | None, exc: BaseException) -> None:
    """For code that catches an exception itself (e.g. LongTask.error): log and show it."""
    show_error(parent, describe(exc))


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    message = describe(exc)
    app = QApplication.instance()
    if isinstance(app, QApplication) and threading.current_thread() is not threading.main_thread():
        _bridge().message.emit(message)  # dialogs belong to the GUI thread
        return
    parent = app.activeWindow() if isinstance(app, QApplication) else None
    show_error(parent, message)


class _Bridge(QObject):
    message = Signal(str)


_bridge_instance: list[_Bridge] = []


def _bridge() -> _Bridge:
    """Created by install() on the GUI thread; worker threads emit, the GUI thread shows."""
    if not _bridge_instance:
        bridge = _Bridge()
        bridge.message.connect(
            lambda text: show_error(QApplication.activeWindow(), text),
            Qt.ConnectionType.QueuedConnection,
        )
        _bridge_instance.append(bridge)
    return _bridge_instance[0]


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        handle_exception(args.exc_type, args.exc_value, args.exc_traceback)


def install() -> None:
    _bridge()
    sys.excepthook = handle_exception
    threading.excepthook = _thread_hook

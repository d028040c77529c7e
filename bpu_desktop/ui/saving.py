"""What a write shows while it may be waiting for the file.

A write is one transaction; while another process (a CLI import) writes the file, its
start waits on the busy timeout (up to 10 s) before anything is written, and the window
cannot repaint meanwhile. So the wait cursor and a status line are drawn before the write
starts, whether it is a save (Ctrl+S, a Simpan button, a payment) or a delete. The cursor
is the window's own, not the application's: a question or an error box the write opens
keeps its arrow. A dialog's write (a payment) shows the line on the main window's status
bar, the dialog's parent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QStatusBar, QWidget

_WAIT = " (bila berkas sedang dipakai proses lain, tunggu sebentar)"
SAVING = f"Menyimpan…{_WAIT}"
DELETING = f"Menghapus…{_WAIT}"


def _status_bar(window: QWidget) -> QStatusBar | None:
    """The status bar of the main window `window` is, or opened from (a dialog)."""
    while not isinstance(window, QMainWindow):
        parent = window.parentWidget()
        if parent is None:
            return None
        window = parent.window()
    return window.statusBar()


@contextmanager
def saving_feedback(widget: QWidget, message: str = SAVING) -> Iterator[None]:
    """The wait cursor on `widget`'s window and `message` in the status bar while the
    block runs (SAVING, or DELETING for a delete)."""
    window = widget.window()
    bar = _status_bar(window)
    if bar is not None:
        bar.showMessage(message)
        bar.repaint()
    window.setCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        window.unsetCursor()
        if bar is not None and bar.currentMessage() == message:
            bar.clearMessage()


def save_with_feedback(widget: QWidget, save: Callable[[], object]) -> None:
    """A Simpan button's click: `save` inside `saving_feedback`, as Ctrl+S does."""
    with saving_feedback(widget):
        save()

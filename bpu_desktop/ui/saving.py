"""What a save shows while it may be waiting for the file.

A save is one transaction; while another process (a CLI import) writes the file, its
start waits on the busy timeout (up to 10 s) before anything is written, and the window
cannot repaint meanwhile. So the wait cursor and a status line are drawn before the save
starts, whether it came from Ctrl+S or a Simpan button. The cursor is the window's own,
not the application's: a question or an error box the save opens keeps its arrow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QWidget

SAVING = "Menyimpan… (bila berkas sedang dipakai proses lain, tunggu sebentar)"


@contextmanager
def saving_feedback(widget: QWidget) -> Iterator[None]:
    window = widget.window()
    bar = window.statusBar() if isinstance(window, QMainWindow) else None
    if bar is not None:
        bar.showMessage(SAVING)
        bar.repaint()
    window.setCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        window.unsetCursor()
        if bar is not None and bar.currentMessage() == SAVING:
            bar.clearMessage()


def save_with_feedback(widget: QWidget, save: Callable[[], object]) -> None:
    """A Simpan button's click: `save` inside `saving_feedback`, as Ctrl+S does."""
    with saving_feedback(widget):
        save()

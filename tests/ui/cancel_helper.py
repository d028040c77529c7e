"""Press Batal on a LongTask's progress dialog while its work is surely still running."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from bpu_desktop.store.progress import Progress


def press_cancel_now(qtbot: Any, monkeypatch: Any, task: Callable[[], Any],
                     start: Callable[[], None], when: str = "") -> None:
    """Start the work; hold it at its first progress step (whose text contains `when`),
    click the dialog's Batal button like a user, then let the work go on."""
    real_step = Progress.step
    reached, gate = threading.Event(), threading.Event()

    def held_step(self: Progress, done: int, total: int, text: str = "") -> None:
        if text and when in text and not reached.is_set():
            reached.set()
            gate.wait(10)
        real_step(self, done, total, text)

    monkeypatch.setattr(Progress, "step", held_step)
    start()
    qtbot.waitUntil(lambda: reached.is_set() and task() is not None, timeout=10_000)
    button = task().dialog.findChild(QPushButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    gate.set()

"""Progress and cancel for long work (merge, import, export), without Qt.

Long operations take a `Progress` and call `progress.step(done, total)` every batch; when
the user pressed Cancel, `step` raises `Cancelled` and the caller's transaction rolls back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


class Cancelled(Exception):
    """The user cancelled; nothing was written."""


@dataclass
class Progress:
    report: Callable[[int, int, str], None] | None = None
    _cancel: threading.Event = field(default_factory=threading.Event)
    started: float = field(default_factory=time.monotonic)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def step(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled("Dibatalkan; tidak ada data yang diubah.")
        if self.report is not None:
            self.report(done, total, text)

    def eta_seconds(self, done: int, total: int) -> float | None:
        if done <= 0 or total <= 0:
            return None
        elapsed = time.monotonic() - self.started
        return elapsed * (total - done) / done


NO_PROGRESS = Progress()

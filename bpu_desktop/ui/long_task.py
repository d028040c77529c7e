"""Run long work off the GUI thread with a progress dialog (rows done, estimate, Cancel).

The work function receives a `Progress`; it must open its own SQLite connection (a
connection belongs to the thread that made it). Cancel sets the flag; the work raises
`Cancelled` at its next step and rolls back, so every file stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from bpu_desktop.domain.money import format_number
from bpu_desktop.store.progress import Cancelled, Progress


class _Worker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Progress], Any], progress: Progress) -> None:
        super().__init__()
        self.work = work
        self.progress = progress
        self.progress.report = lambda done, total, text: self.progressed.emit(done, total, text)

    def run(self) -> None:
        try:
            result = self.work(self.progress)
        except BaseException as exc:  # handed to the GUI thread, never lost
            self.failed.emit(exc)
        else:
            self.finished.emit(result)


class LongTask(QObject):
    """Start with `LongTask.run(parent, title, work)`; `done`/`error` signals carry the end."""

    done = Signal(object)
    error = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None, title: str, work: Callable[[Progress], Any]) -> None:
        super().__init__(parent)
        self.progress = Progress()
        self.dialog = QProgressDialog(title, "Batal", 0, 0, parent)
        self.dialog.setObjectName("longTaskDialog")
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.progress.cancel)
        self.thread = QThread()
        self.worker = _Worker(work, self.progress)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.title = title
        self.result: Any = None
        self.exception: BaseException | None = None

    def start(self) -> LongTask:
        self.dialog.show()
        self.thread.start()
        return self

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        eta = self.progress.eta_seconds(done, total)
        label = f"{self.title}\n{format_number(done)} dari {format_number(total)} baris"
        if eta is not None:
            label += f" · sisa ± {int(eta) + 1} detik"
        if text:
            label += f"\n{text}"
        self.dialog.setLabelText(label)

    def _finish(self) -> None:
        self.thread.quit()
        self.thread.wait()
        self.dialog.reset()
        self.dialog.hide()

    def _on_finished(self, result: object) -> None:
        self._finish()
        self.result = result
        self.done.emit(result)

    def _on_failed(self, exc: object) -> None:
        self._finish()
        if isinstance(exc, Cancelled):
            self.cancelled.emit()
            return
        assert isinstance(exc, BaseException)
        self.exception = exc
        self.error.emit(exc)

    @classmethod
    def run(cls, parent: QWidget | None, title: str, work: Callable[[Progress], Any]) -> LongTask:
        return cls(parent, title, work).start()

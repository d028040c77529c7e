"""Guard against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 on Python 3.11 takes one reference from `True` on every `Signal.emit()`
from Python; after enough emits (every redraw of a chart used to emit) the interpreter aborts
with "Fatal Python error: bool_dealloc". The pinned version must not do that.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    fired = Signal()


def test_emitting_signals_keeps_true_alive(qapp) -> None:
    sender = _Sender()
    sender.fired.connect(lambda: None)
    before = sys.getrefcount(True)
    for _ in range(500):
        sender.fired.emit()
    assert sys.getrefcount(True) - before > -50

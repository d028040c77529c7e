"""App-wide events as typed signals on one QObject: views refresh themselves."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppSignals(QObject):
    members_changed = Signal()
    events_changed = Signal()
    sponsors_changed = Signal()
    targets_changed = Signal()
    payments_changed = Signal()
    # A merge, import or restore replaced much of the file: everything reloads.
    data_replaced = Signal()
    # Pengaturan saved another officer name: what shows or pre-fills it follows.
    officer_changed = Signal()
    # Status bar text for a few seconds.
    status_message = Signal(str)

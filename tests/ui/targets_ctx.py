"""An AppContext on a fresh file for the target/dashboard/follow-up page tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from bpu_desktop.store.database import Store, open_store
from bpu_desktop.ui.context import AppContext
from bpu_desktop.ui.signals import AppSignals


class Opened:
    """Records ctx.open_page calls (what the user would be taken to)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, key: str, **kwargs: Any) -> None:
        self.calls.append((key, kwargs))


def make_ctx(tmp_path: Path, today: date) -> tuple[AppContext, Store, Opened]:
    store = open_store(tmp_path / "ui.db")
    store.set_officer("Sri")
    opened = Opened()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(store=store, signals=AppSignals(), settings=settings, open_page=opened,
                     extras={"today": lambda: today})
    return ctx, store, opened

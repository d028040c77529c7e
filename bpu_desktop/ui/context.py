"""What every page receives: no globals, everything passed in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QSettings

from bpu_desktop.store.database import Store

from .signals import AppSignals


@dataclass
class AppContext:
    store: Store
    signals: AppSignals
    settings: QSettings
    # open_page("peserta", event_id=...) switches page and hands it arguments.
    open_page: Callable[..., None] = field(default=lambda key, **kwargs: None)
    extras: dict[str, Any] = field(default_factory=dict)

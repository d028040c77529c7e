"""A rotating log file in the user's log folder: where tracebacks go instead of the screen.

The log may contain personal data from tracebacks, so the folder and files are owner-only.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

from bpu_desktop.store.database import APP_AUTHOR, APP_NAME

LOG_NAME = "bpu-desktop.log"


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


class _PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """Rotating file handler whose new files are created 0600."""

    def _open(self):  # type: ignore[no-untyped-def]
        with contextlib.suppress(FileExistsError):
            os.close(os.open(self.baseFilename, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        return super()._open()


def setup_logging(directory: Path | None = None) -> Path:
    directory = directory or log_dir()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = directory / LOG_NAME
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = _PrivateRotatingHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    return path

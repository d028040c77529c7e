"""A log file in the user's log folder: where tracebacks go instead of the screen.

The log may contain personal data from tracebacks, so the folder and files are owner-only.
It is rotated when the app starts (over 1 MB: kept as .1 ... .5), not while it runs:
`logging.handlers` and what it imports (socket, pickle, queue) cost start-up time, and one
day's session does not write a megabyte.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

import platformdirs

from bpu_desktop.store.database import APP_AUTHOR, APP_NAME

LOG_NAME = "bpu-desktop.log"
MAX_BYTES = 1_000_000
KEEP = 5


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def rotate(path: Path, *, max_bytes: int = MAX_BYTES, keep: int = KEEP) -> None:
    """Move a log over `max_bytes` to .1 (.1 to .2, ...), keeping `keep` old ones."""
    try:
        if path.stat().st_size < max_bytes:
            return
    except FileNotFoundError:
        return
    for i in range(keep - 1, 0, -1):
        older = path.with_name(f"{path.name}.{i}")
        if older.exists():
            os.replace(older, path.with_name(f"{path.name}.{i + 1}"))
    os.replace(path, path.with_name(f"{path.name}.1"))


class _PrivateFileHandler(logging.FileHandler):
    """File handler whose new file is created 0600."""

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
        with contextlib.suppress(OSError):  # a log that cannot rotate is still written
            rotate(path)
        # delay: the file is opened by the first record, not at start-up (most sessions
        # log nothing)
        handler = _PrivateFileHandler(path, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    return path

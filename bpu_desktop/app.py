"""Start the window: open (or create) the data file, ask the officer's name on first start.

Also the safety net around the window: files created owner-only, one handler for
unexpected errors (logged, shown short), a clear message when the file cannot be opened,
and a daily backup when the window closes.
"""

from __future__ import annotations

# First: pauses the cycle collector while start-up builds its long-lived objects.
from bpu_desktop.ui import startup_gc

# isort: split
import argparse
import logging
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

# Plain-Python modules first, the store layer the first page (Beranda) reads included:
# once PySide6 is imported it hooks every later import and reads that module's source
# (for its `__feature__` switches), which cost ~10 ms over these modules at start-up.
from bpu_desktop.logs import setup_logging
from bpu_desktop.store import dashboard as _beranda_figures  # noqa: F401
from bpu_desktop.store import targets as _beranda_choices  # noqa: F401
from bpu_desktop.store.database import Store, default_database_path, open_store
from bpu_desktop.store.errors import RESTORE_HINT, DamagedFileError, StoreError, store_error_for

# isort: split
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from bpu_desktop.ui.context import AppContext
    from bpu_desktop.ui.main_window import MainWindow


# Modules that may use PySide6 (and so need PySide's own look at their source).
_PYSIDE_USERS = ("PySide6", "shiboken", "__feature__", "bpu_desktop.ui", "bpu_desktop.app")


def _known_not_to_use_pyside_features() -> None:
    """PySide6 reads the whole source of each module imported after it, once, to see
    whether it mentions PySide6 (for its opt-in `__feature__` switches, which this app does
    not use): ~5 ms of reading stdlib and store sources at start-up. Every module loaded
    by now but PySide's and ours in ui/ gets up front the answer that reading would give
    (-1: not a user). PySide internals, so best effort: when they are not there, nothing
    happens and PySide reads the sources as before."""
    feature = sys.modules.get("shibokensupport.feature")
    verdicts = getattr(feature, "pyside_feature_dict", None)
    if isinstance(verdicts, dict):
        for name in list(sys.modules):
            if not name.startswith(_PYSIDE_USERS):
                verdicts.setdefault(name, -1)


_known_not_to_use_pyside_features()
startup_gc.resume()  # this module's imports are done; main() pauses again

log = logging.getLogger("bpu_desktop")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    # The usual starts (no argument, or `--db FILE` from a shortcut) need no parser:
    # building argparse's costs ~2 ms of gettext look-ups on first use.
    if not argv:
        return argparse.Namespace(db=None)
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return argparse.Namespace(db=Path(argv[1]))
    parser = argparse.ArgumentParser(prog="bpu-desktop", description="BPU Desktop")
    parser.add_argument("--db", type=Path, help="berkas data lain (bawaan: folder data pengguna)")
    return parser.parse_args(argv)


def open_failure_message(exc: StoreError, path: Path | None) -> str:
    """What the officer reads when the file cannot be opened: what, why, what to do.
    The advice fits the cause: a missing folder needs another place, not a restore."""
    where = f"\n\nBerkas: {path}" if path is not None else ""
    message = exc.message
    if path is not None and (path.is_dir() or not path.parent.is_dir()):
        advice = ("Periksa apakah folder itu ada (flashdisk atau folder jaringan sudah "
                  "tersambung?), atau pilih berkas data di folder lain.")
    elif isinstance(exc, DamagedFileError):
        # The window never opened, so Pengaturan → Cadangan is out of reach: where the
        # backups are and the command that restores one.
        from bpu_desktop.store.backup import backups_dir

        file = path if path is not None else default_database_path()
        message = message.replace(f" {RESTORE_HINT}", "")
        advice = (f"Berkas tidak diubah. Cadangannya ada di folder {backups_dir(file)}; "
                  f"pulihkan salah satunya dengan: bpu restore --db {file} --list (lalu "
                  "nomornya), atau pilih berkas lain.")
    else:
        advice = ("Berkas tidak diubah. Pulihkan dari cadangan (bpu restore) atau pilih "
                  "berkas lain.")
    return f"Berkas data tidak dapat dibuka.\n\n{message}{where}\n\n{advice}"


def _has_data(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0


def remove_new_file(path: Path) -> None:
    """Take back a data file made in this start when the officer cancelled before using it
    (no name given, nothing saved), with its SQLite side files."""
    for candidate in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        try:
            candidate.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("cannot remove %s: %s", candidate, exc)


class StartupError:
    @classmethod
    def show(cls, message: str) -> None:
        """Tests replace this classmethod."""
        from bpu_desktop.ui.confirm_dialog import ConfirmDialog  # only when start-up fails

        ConfirmDialog.inform(None, "BPU Desktop", message)


def backup_on_close(store: Store) -> Path | None:
    """The daily backup; a failure is logged, never blocks closing."""
    from bpu_desktop.store.backup import daily_backup  # at close: not on the start-up path

    try:
        return daily_backup(store.conn, store.path)
    except StoreError as exc:
        log.warning("daily backup failed: %s", exc.message)
        if isinstance(exc, DamagedFileError):
            # Not a passing failure like a full disk: the officer must know today.
            from bpu_desktop.ui import error_handler

            error_handler.show_error(None, exc.message)
        return None


def main(argv: Sequence[str] | None = None) -> int:
    startup_gc.pause()  # until the window is shown, or start-up ends without one
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
        if os.name == "posix":
            os.umask(0o077)  # everything we create (files, exports, logs) is owner-only
        setup_logging()
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        app.setOrganizationName("BPJS Ketenagakerjaan Surakarta")
        app.setApplicationName("BPU Desktop")
        started = _open_window(app, args)
    finally:
        startup_gc.resume()
    if isinstance(started, int):
        return started
    ctx, _window = started  # the window lives while the event loop runs
    code = app.exec()
    backup_on_close(ctx.store)  # ctx.store: a restore may have reopened the file
    ctx.store.close()
    return int(code)


def _open_window(app: QApplication,
                 args: argparse.Namespace) -> tuple[AppContext, MainWindow] | int:
    """Open the file and show the window on it, or the exit code when start-up ends
    here (the file cannot be opened, or no officer name was given)."""
    from bpu_desktop.ui import error_handler, qt_indonesian
    from bpu_desktop.ui.theme import apply_theme

    apply_theme(app)
    qt_indonesian.install(app)  # before any widget asks Qt for its texts
    error_handler.install()
    db_path = args.db.expanduser() if args.db is not None else default_database_path()
    created_now = not _has_data(db_path)
    try:
        store = open_store(args.db, create=True)
    except StoreError as exc:
        log.warning("cannot open %s: %s", args.db, exc.message)
        StartupError.show(open_failure_message(exc, args.db))
        return 1
    try:
        return _show_window(store, created_now)
    except (StoreError, sqlite3.DatabaseError) as exc:
        # Opening checks the header and the schema only: a damaged page (or a lock) met
        # while the first page is built ends start-up with the same message as above.
        translated = store_error_for(exc)
        if translated is None:
            raise
        log.warning("cannot show %s: %s", db_path, translated.message, exc_info=exc)
        store.close()
        StartupError.show(open_failure_message(translated, db_path))
        return 1


def _show_window(store: Store, created_now: bool) -> tuple[AppContext, MainWindow] | int:
    from bpu_desktop.ui.context import AppContext
    from bpu_desktop.ui.main_window import MainWindow
    from bpu_desktop.ui.signals import AppSignals

    if not store.officer:
        from bpu_desktop.ui.officer_dialog import OfficerDialog  # first start only

        name = OfficerDialog.ask(None)
        if name is None:
            store.close()
            if created_now:
                remove_new_file(store.path)
            return 0
        store.set_officer(name)
    ctx = AppContext(store=store, signals=AppSignals(), settings=QSettings())
    # The first page is built in a Qt slot, where an exception goes to sys.excepthook
    # (a message box) and the window would open half-built: a file error met there is
    # kept and ends start-up instead, with one message (bugs still go to the handler).
    kept: list[BaseException] = []
    handler = sys.excepthook

    def keep_file_errors(kind: type[BaseException], exc: BaseException,
                         tb: TracebackType | None) -> None:
        if store_error_for(exc) is not None:
            kept.append(exc)
        else:
            handler(kind, exc, tb)

    sys.excepthook = keep_file_errors
    try:
        window = MainWindow(ctx)
    finally:
        sys.excepthook = handler
    if kept:
        window.deleteLater()
        raise kept[0]
    window.show()
    return ctx, window

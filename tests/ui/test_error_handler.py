"""Unexpected errors: logged with traceback, shown short in Indonesian, the form stays."""

from __future__ import annotations

import gc
import logging
import os
import sqlite3
import stat
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from bpu_desktop import app as app_module
from bpu_desktop import logs
from bpu_desktop.ui import error_handler


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    path = logs.setup_logging(tmp_path / "log")
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", None) == str(path):
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(error_handler, "show_error", lambda parent, text: messages.append(text))
    return messages


def _raise_in_slot() -> None:
    raise ZeroDivisionError("bug in a slot")


def test_bug_in_a_button_handler_is_logged_and_shown_and_the_form_stays(
    qtbot, log_file: Path, shown: list[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    error_handler.install()
    form = QWidget()
    qtbot.addWidget(form)
    name = QLineEdit(form)
    name.setObjectName("name")
    button = QPushButton("Simpan", form)
    button.setObjectName("save")
    button.clicked.connect(_raise_in_slot)
    layout = QVBoxLayout(form)
    layout.addWidget(name)
    layout.addWidget(button)
    form.show()
    qtbot.keyClicks(name, "Sri Wahyuni")
    with qtbot.capture_exceptions() as caught:
        button.click()
    assert caught, "the slot raised"
    exc_type, exc, tb = caught[0]
    sys.excepthook(exc_type, exc, tb)  # what Qt does outside pytest-qt's capture
    assert shown == [error_handler.UNEXPECTED]
    assert name.text() == "Sri Wahyuni"  # the unsaved form stays
    text = log_file.read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError: bug in a slot" in text
    if os.name == "posix":
        assert stat.S_IMODE(log_file.stat().st_mode) == 0o600


def test_environment_error_shows_its_own_message(log_file: Path, shown: list[str]) -> None:
    try:
        raise sqlite3.OperationalError("database or disk is full")
    except sqlite3.OperationalError as exc:
        error_handler.handle_exception(type(exc), exc, exc.__traceback__)
    assert shown == ["Disk penuh: data tidak disimpan. Kosongkan ruang disk lalu coba lagi."]


def test_error_in_a_worker_thread_reaches_the_gui_thread(
    qtbot, log_file: Path, shown: list[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    error_handler.install()

    def work() -> None:
        raise KeyError("hilang")

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: shown == [error_handler.UNEXPECTED], timeout=3000)
    assert "KeyError: 'hilang'" in log_file.read_text(encoding="utf-8")


def test_file_that_cannot_be_opened_gives_a_message_not_a_traceback(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(logs, "log_dir", lambda: tmp_path / "log")
    old_umask = os.umask(0o022)
    monkeypatch.setattr(os, "umask", lambda mask: 0o022)
    messages: list[str] = []
    monkeypatch.setattr(app_module.StartupError, "show",
                        classmethod(lambda cls, text: messages.append(text)))
    bad = tmp_path / "rusak.db"
    bad.write_bytes(b"bukan database" * 100)
    before = bad.read_bytes()
    try:
        assert app_module.main(["--db", str(bad)]) == 1
    finally:
        os.umask(old_umask)
        root = logging.getLogger()
        for handler in list(root.handlers):
            if str(tmp_path) in str(getattr(handler, "baseFilename", "")):
                root.removeHandler(handler)
                handler.close()
    assert len(messages) == 1
    assert "Berkas data tidak dapat dibuka." in messages[0]
    assert "bukan berkas data BPU Desktop" in messages[0]
    assert "Berkas tidak diubah." in messages[0]
    assert bad.read_bytes() == before


def test_daily_backup_on_close(tmp_path: Path) -> None:
    from bpu_desktop.store.backup import list_backups
    from bpu_desktop.store.database import open_store

    store = open_store(tmp_path / "data.db")
    assert app_module.backup_on_close(store) is not None
    assert app_module.backup_on_close(store) is None  # once a day
    assert [b.reason for b in list_backups(store.path)] == ["harian"]
    store.close()


@pytest.fixture
def quiet_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Let `app.main` run inside the test process without leaving hooks or log handlers."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(logs, "log_dir", lambda: tmp_path / "log")
    old_umask = os.umask(0o022)
    monkeypatch.setattr(os, "umask", lambda mask: 0o022)
    messages: list[str] = []
    monkeypatch.setattr(app_module.StartupError, "show",
                        classmethod(lambda cls, text: messages.append(text)))
    yield messages
    os.umask(old_umask)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if str(tmp_path) in str(getattr(handler, "baseFilename", "")):
            root.removeHandler(handler)
            handler.close()


def test_missing_folder_advises_another_folder_not_a_restore(
    qtbot, tmp_path: Path, quiet_start: list[str],
) -> None:  # type: ignore[no-untyped-def]
    assert app_module.main(["--db", str(tmp_path / "tidak-ada" / "data.db")]) == 1
    assert gc.isenabled()  # start-up's pause of the cycle collector ends with it
    assert len(quiet_start) == 1
    assert "tidak ada" in quiet_start[0]
    assert "folder lain" in quiet_start[0]
    assert "restore" not in quiet_start[0] and "cadangan" not in quiet_start[0]


def test_cancelling_the_officer_name_leaves_no_new_file(
    qtbot, tmp_path: Path, quiet_start: list[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    from bpu_desktop.ui.officer_dialog import OfficerDialog

    monkeypatch.setattr(OfficerDialog, "ask", classmethod(lambda cls, parent: None))
    folder = tmp_path / "data"
    folder.mkdir()
    assert app_module.main(["--db", str(folder / "baru.db")]) == 0
    assert gc.isenabled()
    assert list(folder.iterdir()) == []
    assert quiet_start == []


def test_cancelling_the_officer_name_keeps_an_existing_file(
    qtbot, tmp_path: Path, quiet_start: list[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    from bpu_desktop.store.database import open_store
    from bpu_desktop.ui.officer_dialog import OfficerDialog

    existing = tmp_path / "lama.db"
    open_store(existing).close()  # a file from before, still without an officer name
    monkeypatch.setattr(OfficerDialog, "ask", classmethod(lambda cls, parent: None))
    assert app_module.main(["--db", str(existing)]) == 0
    assert existing.exists() and existing.stat().st_size > 0


def test_a_damaged_file_says_so_when_the_window_opens(
    qtbot, tmp_path: Path, quiet_start: list[str], shown: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    """The window reads the damaged `reference` page while it is built: one message that
    says the file is damaged and where its backups are, not a traceback; file untouched."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from bpu_desktop.store.backup import backups_dir
    from tests.damaged import damaged_copy, demo_file, digest

    good = demo_file(tmp_path / "baik.db")
    bad = damaged_copy(good, tmp_path / "rusak.db", "reference")
    before = digest(bad)
    # The window starts on Beranda (which reads the rates), not on the user's last page.
    settings = str(tmp_path / "settings.ini")
    monkeypatch.setattr(app_module, "QSettings",
                        lambda: QSettings(settings, QSettings.Format.IniFormat))
    guard = QTimer()  # a window that opened anyway: the test fails instead of hanging
    guard.setSingleShot(True)
    guard.timeout.connect(QApplication.quit)
    guard.start(10_000)
    try:
        assert app_module.main(["--db", str(bad)]) == 1
    finally:
        guard.stop()
    assert gc.isenabled()
    assert len(quiet_start) == 1
    message = quiet_start[0]
    assert message.startswith("Berkas data tidak dapat dibuka.\n\nBerkas data rusak.")
    assert "Pengaturan" not in message  # the window never opened: no page to go to
    assert str(backups_dir(bad)) in message
    assert f"bpu restore --db {bad} --list" in message
    assert shown == []  # not a second box from the error handler
    assert digest(bad) == before


def test_no_daily_backup_of_a_damaged_file_and_the_officer_is_told(
    tmp_path: Path, shown: list[str],
) -> None:
    from bpu_desktop.store.backup import list_backups
    from bpu_desktop.store.database import open_store
    from tests.damaged import damaged_copy, demo_file

    good = demo_file(tmp_path / "baik.db")
    bad = damaged_copy(good, tmp_path / "rusak.db", "enrolments")
    store = open_store(bad, create=False)
    try:
        assert app_module.backup_on_close(store) is None
    finally:
        store.close()
    assert list_backups(bad) == []
    assert shown == ["Berkas data rusak; cadangan harian tidak dibuat (cadangan yang baik "
                     "tetap disimpan). Pulihkan dari cadangan (Pengaturan → Cadangan)."]


def test_os_errors_are_told_in_indonesian() -> None:
    assert error_handler.user_message(FileNotFoundError(2, "No such file or directory")) == (
        "Berkas tidak dapat dibaca atau ditulis: berkas atau foldernya tidak ada.")
    assert error_handler.user_message(OSError(28, "No space left on device")) == (
        "Berkas tidak dapat dibaca atau ditulis: disk penuh.")

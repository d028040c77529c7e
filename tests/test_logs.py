"""The log file: owner-only, rotated at start when it grew over the limit."""

from __future__ import annotations

import logging
import os
import stat

from bpu_desktop import logs


def _detach(path):
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", None) == str(path):
            root.removeHandler(handler)
            handler.close()


def test_a_big_log_is_rotated_at_start_and_old_ones_are_capped(tmp_path):
    folder = tmp_path / "log"
    folder.mkdir()
    path = folder / logs.LOG_NAME
    for i in range(1, logs.KEEP + 1):
        (folder / f"{logs.LOG_NAME}.{i}").write_text(f"old {i}\n")
    path.write_text("x" * logs.MAX_BYTES)
    assert logs.setup_logging(folder) == path
    try:
        logging.getLogger("bpu_desktop").warning("after the start")
        assert (folder / f"{logs.LOG_NAME}.1").read_text() == "x" * logs.MAX_BYTES
        assert (folder / f"{logs.LOG_NAME}.2").read_text() == "old 1\n"
        assert (folder / f"{logs.LOG_NAME}.{logs.KEEP}").read_text() == f"old {logs.KEEP - 1}\n"
        assert not (folder / f"{logs.LOG_NAME}.{logs.KEEP + 1}").exists()
        assert "after the start" in path.read_text()
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
    finally:
        _detach(path)


def test_a_small_log_keeps_growing(tmp_path):
    path = tmp_path / logs.LOG_NAME
    path.write_text("earlier line\n")
    logs.rotate(path)
    assert path.read_text() == "earlier line\n"
    assert not (tmp_path / f"{logs.LOG_NAME}.1").exists()


def test_the_log_file_is_made_by_the_first_record_not_at_start(tmp_path):
    path = logs.setup_logging(tmp_path)
    try:
        assert not path.exists()  # a session that logs nothing leaves no file behind
        logging.getLogger("bpu_desktop").warning("catatan pertama")
        assert "catatan pertama" in path.read_text()
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
    finally:
        _detach(path)

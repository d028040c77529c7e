"""Start-up to an idle main window on the big file vs an empty QMainWindow, each in a fresh
process (QT_QPA_PLATFORM=offscreen): what the officer waits for after a double-click."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bpu_desktop.store.database import open_store

from .harness import Context, Result, median

# Both scripts quit from a zero timer once the window is shown and the event loop is idle.
# Ours is idle only when no widget says it is still `loading` (a page that finishes after
# the first paint would set it): the zero timer re-posts itself until then, so the time is
# the fully drawn dashboard. Each prints the wall-clock time (epoch seconds) of that idle
# moment, so start-up is measured from the launch of the process to the idle window for
# both, not including how long each then takes to close (ours makes its daily-backup check
# and closes the file), and its peak RSS (kB).
_PEAK = ("import re;print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]"
         " if sys.platform.startswith('linux') else 0)")
OURS = f"""
import sys, time
from bpu_desktop.app import main  # first, as main.py does
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
idle_at = []
def idle():
    if any(getattr(w, "loading", False) for w in app.allWidgets()):
        QTimer.singleShot(0, idle)
    else:
        idle_at.append(time.time())
        app.quit()
QTimer.singleShot(0, idle)
code = main(["--db", sys.argv[1]])
print("IDLE", repr(idle_at[0]))
{_PEAK}
sys.exit(code)
"""
BASELINE = f"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
idle_at = []
def idle():
    idle_at.append(time.time())
    app.quit()
QTimer.singleShot(0, idle)
code = app.exec()
print("IDLE", repr(idle_at[0]))
{_PEAK}
sys.exit(code)
"""


def _run(script: str, db: Path) -> tuple[float, float, float]:
    """(ms from launch to the idle window, peak MB, ms from launch to exit) of one fresh
    process."""
    # Settings, logs and data of the benchmark's own: the user's saved window (the page
    # the app last showed, e.g. Target) must not decide what the start-up opens on.
    home = Path(tempfile.gettempdir()) / "bpu-bench-home"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           **{name: str(home / name.lower()) for name in
              ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")}}
    root = Path(__file__).resolve().parents[1]
    launched = time.time()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, str(db)], capture_output=True,
                          text=True, env=env, cwd=root, timeout=300)
    exited = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"start-up script failed: {done.stderr.strip()[-500:]}")
    lines = done.stdout.strip().splitlines()
    idle = next(float(line.split()[1]) for line in lines if line.startswith("IDLE "))
    return (idle - launched) * 1000, int(lines[-1]) / 1024, exited


def _forget_figures(db: Path) -> None:
    """Make the next start compute the Beranda's figures: any committed write drops the
    copy kept in the file (what the first start after a save, a merge or an import sees)."""
    store = open_store(db, create=False)
    with store.write():
        pass
    store.close()


def run(ctx: Context) -> list[Result]:
    ours_ms, base_ms, peaks, exits, base_exits, cold_ms = [], [], [], [], [], []
    _run(BASELINE, ctx.db_path)  # warm the file cache and the Qt plugin cache
    _run(OURS, ctx.db_path)
    for _ in range(ctx.runs):
        ms, peak, exited = _run(OURS, ctx.db_path)
        ours_ms.append(ms)
        peaks.append(peak)
        exits.append(exited)
        base, _, base_exited = _run(BASELINE, ctx.db_path)
        base_ms.append(base)
        base_exits.append(base_exited)
    for _ in range(ctx.runs):
        _forget_figures(ctx.db_path)
        cold_ms.append(_run(OURS, ctx.db_path)[0])
    _run(OURS, ctx.db_path)  # leave the file as a user would: figures kept again
    result = Result("open the app to an idle window, Beranda with cards and charts",
                    ours_ms=median(ours_ms), baseline_ms=median(base_ms), peak_mb=max(peaks),
                    note="from launching a fresh process to the idle window; figures kept in "
                         "the file since the last start (nothing written since); launch to "
                         f"exit: ours {median(exits):,.0f} ms, baseline {median(base_exits):,.0f} ms",
                    extra={"runs_ms": ours_ms, "baseline_runs_ms": base_ms,
                           "exit_ms": exits, "baseline_exit_ms": base_exits})
    cold = Result("open the app after a write (figures computed)", ours_ms=median(cold_ms),
                  baseline_ms=median(base_ms),
                  note="the first start after a save, a merge or an import, or when a new "
                       "month or due date moves the status cut-offs: the Beranda's queries "
                       "run before the window is shown",
                  extra={"runs_ms": cold_ms})
    return [result.judge(max_ratio=2.0), cold]

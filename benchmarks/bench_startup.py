"""Start-up to an idle main window on the big file vs an empty QMainWindow, each in a fresh
process (QT_QPA_PLATFORM=offscreen): what the officer waits for after a double-click."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bpu_desktop.store.database import open_store

from .harness import Context, Result, median

# Both scripts quit from a zero timer once the window is shown and the event loop is idle.
# Ours is idle only when no widget says it is still `loading` (a page that finishes after
# the first paint would set it): the zero timer re-posts itself until then, so the time is
# the fully drawn dashboard. Each prints the first-idle and the final time since the script
# started (ms) and its peak RSS (kB).
_PEAK = ("import re;print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]"
         " if sys.platform.startswith('linux') else 0)")
OURS = f"""
import sys, time
t0 = time.perf_counter()
from bpu_desktop.app import main  # first, as main.py does
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
first = []
def idle():
    first.append(time.perf_counter())
    if any(getattr(w, "loading", False) for w in app.allWidgets()):
        QTimer.singleShot(0, idle)
    else:
        app.quit()
QTimer.singleShot(0, idle)
code = main(["--db", sys.argv[1]])
print(round((first[0] - t0) * 1000, 1), round((first[-1] - t0) * 1000, 1))
{_PEAK}
sys.exit(code)
"""
BASELINE = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
code = app.exec()
{_PEAK}
sys.exit(code)
"""


def _run(script: str, db: Path) -> tuple[float, float, float | None]:
    """(wall ms, peak MB, ms from the first idle moment to the last) of one fresh process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    root = Path(__file__).resolve().parents[1]
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, str(db)], capture_output=True,
                          text=True, env=env, cwd=root, timeout=300)
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"start-up script failed: {done.stderr.strip()[-500:]}")
    lines = done.stdout.strip().splitlines()
    late = None
    if len(lines) >= 2 and " " in lines[-2]:
        first, last = (float(v) for v in lines[-2].split())
        late = last - first
    return elapsed, (int(lines[-1]) / 1024 if lines else 0.0), late


def _forget_figures(db: Path) -> None:
    """Make the next start compute the Beranda's figures: any committed write drops the
    copy kept in the file (what the first start after a save, a merge or an import sees)."""
    store = open_store(db, create=False)
    with store.write():
        pass
    store.close()


def run(ctx: Context) -> list[Result]:
    ours_ms, base_ms, peaks, lates, cold_ms = [], [], [], [], []
    _run(BASELINE, ctx.db_path)  # warm the file cache and the Qt plugin cache
    _run(OURS, ctx.db_path)
    for _ in range(ctx.runs):
        ms, peak, late = _run(OURS, ctx.db_path)
        ours_ms.append(ms)
        peaks.append(peak)
        lates.append(late or 0.0)
        base_ms.append(_run(BASELINE, ctx.db_path)[0])
    for _ in range(ctx.runs):
        _forget_figures(ctx.db_path)
        cold_ms.append(_run(OURS, ctx.db_path)[0])
    _run(OURS, ctx.db_path)  # leave the file as a user would: figures kept again
    result = Result("open the app to an idle window, Beranda with cards and charts",
                    ours_ms=median(ours_ms), baseline_ms=median(base_ms), peak_mb=max(peaks),
                    note="a fresh process each time; figures kept in the file since the last "
                         "start (nothing written since)",
                    extra={"runs_ms": ours_ms, "baseline_runs_ms": base_ms,
                           "drawn_after_first_idle_ms": lates})
    cold = Result("open the app after a write (figures computed)", ours_ms=median(cold_ms),
                  baseline_ms=median(base_ms),
                  note="the first start after a save, merge or import, or on a new day: the "
                       "Beranda's queries run before the window is shown",
                  extra={"runs_ms": cold_ms})
    return [result.judge(max_ratio=2.0), cold]

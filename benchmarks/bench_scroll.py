"""Scroll the member list model top to bottom: memory must stay flat (pages cached, not
every row kept). Needs `bpu_desktop.ui.member_table_model` (skipped with a note if absent)."""

from __future__ import annotations

import importlib
import importlib.util
import time

from bpu_desktop.store.database import open_store
from bpu_desktop.store.members import MemberRepository

from .harness import SKIP, Context, Result, peak_mb, reset_peak, rss_mb, timed_ms

MODEL = "bpu_desktop.ui.member_table_model"
# More pages than the model's cache holds (25), spread from top to bottom. OFFSET paging
# makes a deep page cost O(offset) (seconds at 1M), so sample, and stop at a time budget.
MAX_VISITS = 60
TIME_BUDGET_S = 120.0


def run(ctx: Context) -> list[Result]:
    name = "scroll the member list top to bottom (memory)"
    if importlib.util.find_spec(MODEL) is None:
        print(f"  note: {MODEL} is missing; scroll benchmark skipped.")
        return [Result(name, status=SKIP, target="< 50 MB growth",
                       note=f"{MODEL} is missing on this branch")]
    from PySide6.QtWidgets import QApplication

    module = importlib.import_module(MODEL)
    app = QApplication.instance() or QApplication([])
    store = open_store(ctx.db_path, create=False)
    model = module.MemberTableModel(MemberRepository(store))
    page_size = int(getattr(module, "PAGE_SIZE", 200))
    rows, columns = model.rowCount(), model.columnCount()
    pages = max(1, -(-rows // page_size))
    step = max(1, pages // MAX_VISITS)
    visits = sorted({*range(0, pages, step), pages - 1})
    before = rss_mb() or 0.0
    reset_peak()

    seen: list[int] = []

    def scroll() -> None:
        started = time.monotonic()
        for number in visits:
            if time.monotonic() - started > TIME_BUDGET_S:
                break
            seen.append(number)
            for row in range(number * page_size, min(rows, (number + 1) * page_size)):
                for column in range(columns):
                    model.data(model.index(row, column))
            app.processEvents()

    elapsed = timed_ms(scroll)
    grown = (peak_mb() or before) - before
    cached = model.cached_pages() if hasattr(model, "cached_pages") else None
    store.close()
    result = Result(name, ours_ms=elapsed, peak_mb=peak_mb(), target="< 50 MB growth",
                    note=f"{len(seen)} of {pages:,} pages visited (every {step}, down to row "
                         f"{(seen[-1] + 1) * page_size:,}); "
                         f"memory grew {grown:.1f} MB; pages cached: {cached}",
                    extra={"grown_mb": grown, "pages_visited": len(seen)})
    result.status = "PASS" if grown < 50 else "FAIL"
    return [result]

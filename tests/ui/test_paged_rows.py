"""The big lists' page cache: pages fetched on first use, the oldest dropped."""

from __future__ import annotations

from bpu_desktop.ui.paged_rows import PagedRows


def test_pages_are_fetched_once_and_the_least_recent_dropped():
    fetched = []

    def fetch(offset: int, limit: int, total: int) -> list[int]:
        fetched.append(offset)
        return list(range(offset, min(offset + limit, total)))

    rows = PagedRows(fetch, page_size=10, max_pages=2)
    rows.reset(25)
    assert [rows.at(i) for i in (0, 5, 12, 24)] == [0, 5, 12, 24]
    assert fetched == [0, 10, 20] and rows.cached_pages() == 2  # page 0 was dropped
    assert rows.at(3) == 3 and fetched[-1] == 0  # so it is read again
    assert rows.at(25) is None and rows.at(-1) is None
    assert rows.find(lambda v: v == 24) == 24 and rows.find(lambda v: v == 12) is None
    rows.reset(0)
    assert rows.cached_pages() == 0 and rows.at(0) is None

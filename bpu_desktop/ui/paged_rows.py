"""Rows read from the store a page at a time, the most recently used pages kept.

The models of the big lists (members, merge conflicts) show a count's worth of rows but
hold only a few pages, so scrolling a million rows keeps memory flat.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class PagedRows(Generic[T]):
    """`fetch(offset, limit, total)` reads one page; `at(row)` fetches it on first use."""

    def __init__(self, fetch: Callable[[int, int, int], list[T]], *, page_size: int,
                 max_pages: int) -> None:
        self._fetch = fetch
        self.page_size = page_size
        self.max_pages = max_pages
        self.count = 0
        self._pages: OrderedDict[int, list[T]] = OrderedDict()

    def reset(self, count: int) -> None:
        """A new total; every cached page is forgotten."""
        self._pages.clear()
        self.count = max(count, 0)

    def at(self, row: int) -> T | None:
        if not 0 <= row < self.count:
            return None
        number, offset = divmod(row, self.page_size)
        page = self._pages.get(number)
        if page is None:
            page = self._fetch(number * self.page_size, self.page_size, self.count)
            self._pages[number] = page
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def find(self, matches: Callable[[T], bool]) -> int | None:
        """The row of the first cached item that matches (None when not loaded)."""
        for number, page in self._pages.items():
            for offset, item in enumerate(page):
                if matches(item):
                    return number * self.page_size + offset
        return None

    def cached_pages(self) -> int:
        return len(self._pages)

    def cached_rows(self) -> int:
        return sum(len(page) for page in self._pages.values())

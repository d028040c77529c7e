"""Opening the row picked in a list, without losing unsaved typing in the form beside it.

Kegiatan, Sponsor (sponsors and their pledges) and Target open the picked row in a form.
With nothing unsaved the row opens at once. Otherwise the page's Simpan / Buang / Batal
question is asked once the click or key press is over (the view selects the clicked row
after announcing it, so putting the selection back any sooner would not hold), and Batal
or a refused save puts the selection back on the row still being edited.

Whenever the list is reloaded (a filter, a search, a sort, a refresh) the row being edited
is selected again if it is still listed, quietly: no question, the form is not reloaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QTimer
from PySide6.QtWidgets import QTableView

from .row_list_model import ROW_ROLE


def row_id(row: Any) -> str | None:
    """The id of an event, sponsor or pledge row."""
    return getattr(row, "id", None)


class RowSwitch(QObject):
    """Owns `table`'s current-row changes: `load(row)` opens a row; `editing()` is the id
    being edited (None: a new record); `unsaved()` says whether the form holds typing;
    `confirm()` is the page's question (True: go on, after saving or dropping)."""

    def __init__(self, table: QTableView, *, load: Callable[[Any], None],
                 editing: Callable[[], str | None], unsaved: Callable[[], bool],
                 confirm: Callable[[], bool],
                 key: Callable[[Any], str | None] = row_id) -> None:
        super().__init__(table)
        self._table = table
        self._load = load
        self._editing = editing
        self._unsaved = unsaved
        self._confirm = confirm
        self._key = key
        self._quiet = False
        # One question however many rows the arrow keys passed before it shows.
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self._settle)
        table.selectionModel().currentRowChanged.connect(self._changed)
        # Connected after the view's own reset (which clears the selection), so it holds.
        table.model().modelReset.connect(self._reselect)

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Selection changes made here (by the page or while it saves) open nothing."""
        before, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = before

    def _changed(self, current: QModelIndex | QPersistentModelIndex,
                 _previous: QModelIndex | QPersistentModelIndex) -> None:
        row = current.data(ROW_ROLE)
        if self._quiet or row is None:
            return
        if self._unsaved():
            self._later.start()
        else:
            self._load(row)

    def _reselect(self) -> None:
        """The list was reloaded: the edited row is highlighted again if still listed."""
        self.select(self._editing())

    def _settle(self) -> None:
        row = self._table.currentIndex().data(ROW_ROLE)
        if row is None or self._key(row) == self._editing():
            return  # back on the row being edited (or a refresh re-selected it)
        picked = self._key(row)
        with self._quietly():
            go = self._confirm()
        if not go:
            self.select(self._editing())
            return
        found = self.select(picked)  # the list may have been reloaded by the save
        if found is not None:
            self._load(found)

    def select(self, wanted: str | None) -> Any:
        """Select the row whose id is `wanted` (None: no row) without opening it; the row,
        or None when it is not in the list."""
        model = self._table.model()
        with self._quietly():
            for r in range(model.rowCount()) if wanted is not None else ():
                row = model.index(r, 0).data(ROW_ROLE)
                if self._key(row) == wanted:
                    self._table.selectRow(r)
                    return row
            self._table.selectionModel().clear()
        return None

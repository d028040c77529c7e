"""The main window: navigation on the left, one page at a time, the file and officer below."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from bpu_desktop.store.clock import short_id

from .context import AppContext
from .pages import PAGES, create_page
from .saving import saving_feedback
from .theme import icon

# Window shortcuts are forwarded to the current page's optional action of this name.
PAGE_ACTIONS: tuple[tuple[str, str, QKeySequence.StandardKey | str], ...] = (
    ("on_new", "Baru", QKeySequence.StandardKey.New),
    ("on_save", "Simpan", QKeySequence.StandardKey.Save),
    ("on_search", "Cari", QKeySequence.StandardKey.Find),
    ("on_cancel", "Batal", "Esc"),
)


# Where Ctrl+N / Ctrl+F go from a page without its own: the desk and the member search.
FALLBACK_PAGE = {"on_new": "peserta", "on_search": "peserta"}


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        ctx.open_page = self.open_page
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"BPU Desktop — {ctx.store.path.name}")
        self.setWindowIcon(icon("app"))
        self.resize(1280, 800)

        # The central widget first, so nothing built below moves to a new parent once it
        # has children (under the app's style sheet that restyles the whole subtree).
        central = QWidget()
        self.setCentralWidget(central)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(190)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self._keys = [spec.key for spec in PAGES]
        # Pages are built (and join the stack) when first shown: start-up pays only for
        # the first page.
        self._built: dict[str, QWidget] = {}
        self._current = ""
        for spec in PAGES:
            item = QListWidgetItem(icon(spec.icon), spec.label)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._show_row)

        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)

        for name, text, key in PAGE_ACTIONS:
            action = QAction(text, self)
            action.setObjectName(f"action_{name}")
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _=False, n=name: self._forward(n))
            self.addAction(action)

        self.file_label = QLabel()
        self.file_label.setObjectName("statusFile")
        self.officer_label = QLabel()
        self.officer_label.setObjectName("statusOfficer")
        self.statusBar().addWidget(self.file_label, 1)
        self.statusBar().addPermanentWidget(self.officer_label)
        ctx.signals.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.refresh_status()
        ctx.signals.data_replaced.connect(self.refresh_status)
        ctx.signals.officer_changed.connect(self.refresh_status)

        geometry = ctx.settings.value("mainWindow/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        start = str(ctx.settings.value("mainWindow/page", "beranda"))
        self.open_page(start if start in self._keys else "beranda")

    def refresh_status(self) -> None:
        store = self.ctx.store
        self.file_label.setText(f"Berkas: {store.path}")
        self.officer_label.setText(
            f"Petugas: {store.officer or '-'}  ·  Perangkat: {short_id(store.device_id)}")

    def page(self, key: str) -> QWidget:
        """The page for `key`, built now if it was never shown."""
        if key not in self._built:
            page = create_page(PAGES[self._keys.index(key)], self.ctx, self.stack)
            self.stack.addWidget(page)
            self._built[key] = page
        return self._built[key]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        self._current = self._keys[row]
        self.stack.setCurrentWidget(self.page(self._current))

    def open_page(self, key: str, **kwargs: Any) -> None:
        index = self._keys.index(key)
        self.navigation.setCurrentRow(index)
        page = self.page(key)
        if kwargs and hasattr(page, "open_with"):
            page.open_with(**kwargs)

    def _forward(self, action: str) -> None:
        page = self.stack.currentWidget()
        handler = getattr(page, action, None)
        if not callable(handler) and action in FALLBACK_PAGE:
            # A page with nothing to create or search (Beranda, Laporan...): Ctrl+N opens
            # the enrolment desk and Ctrl+F the member search, as the README promises.
            self.open_page(FALLBACK_PAGE[action])
            handler = getattr(self.stack.currentWidget(), action, None)
        if not callable(handler):
            return
        if action != "on_save":
            handler()
            return
        with saving_feedback(self):  # the file may be busy: say so before waiting
            handler()

    def closeEvent(self, event: QCloseEvent) -> None:
        # A page holding unsaved typing (the enrolment desk) asks first; "Batal" or a
        # refused save keeps the window open on that page.
        for key, page in self._built.items():
            confirm = getattr(page, "confirm_close", None)
            if callable(confirm) and not confirm():
                self.open_page(key)
                event.ignore()
                return
        self.ctx.settings.setValue("mainWindow/geometry", self.saveGeometry())
        self.ctx.settings.setValue("mainWindow/page", self._current or "beranda")
        super().closeEvent(event)

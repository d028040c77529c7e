"""The navigation: one entry per page, in order.

A page lives in `bpu_desktop/ui/<key>_page.py` and exposes
`create_page(ctx, parent=None) -> QWidget`. The window passes its page stack as `parent`,
so the page is built where it will live: moving a built page under a new parent restyles
every widget in it again (the app's style sheet).
Until that module exists the page shows "segera hadir". A page may implement the
optional actions `on_new`, `on_save`, `on_search`, `on_cancel` (the window's shortcuts)
and `open_with(**kwargs)` (another page sending it somewhere).
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from .context import AppContext


@dataclass(frozen=True)
class PageSpec:
    key: str
    label: str
    icon: str  # a name in resources/icons/<icon>.svg


PAGES: tuple[PageSpec, ...] = (
    PageSpec("beranda", "Beranda", "home"),
    PageSpec("kegiatan", "Kegiatan", "event"),
    PageSpec("peserta", "Peserta", "people"),
    PageSpec("sponsor", "Sponsor", "handshake"),
    PageSpec("target", "Target", "target"),
    PageSpec("tindak_lanjut", "Tindak Lanjut", "phone"),
    PageSpec("laporan", "Laporan", "report"),
    PageSpec("pengaturan", "Pengaturan", "settings"),
)


def create_page(spec: PageSpec, ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    module_name = f"{__package__}.{spec.key}_page"
    if importlib.util.find_spec(module_name) is None:
        from .placeholder import ComingSoonPage  # only while a page has not landed

        return ComingSoonPage(spec.label, parent)
    page: QWidget = importlib.import_module(module_name).create_page(ctx, parent)
    page.setObjectName(f"page_{spec.key}")
    return page

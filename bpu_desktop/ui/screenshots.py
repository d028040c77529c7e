"""Screenshots for docs/: `python -m bpu_desktop.ui.screenshots docs` (best under xvfb-run).

Builds a temporary demo file (the `bpu demo` generator, with events and sponsors),
opens the main window at 1280x800 and saves docs/screenshot-<page>.png for every page,
so new pages get their screenshot for free. The Peserta page adds the enrolment desk
(docs/screenshot-pendaftaran.png) with a live breakdown and one field error.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bpu_desktop.store.database import Store, open_store
from bpu_desktop.store.demo import generate_demo


def demo_store(path: Path, members: int = 3000, *, seed: int = 7) -> Store:
    """The same realistic demo as `bpu demo` (events and sponsors included)."""
    store = open_store(path)
    store.set_officer("Rina Wulandari")
    generate_demo(store, members, seed=seed)
    return store


def _settle(app: object, seconds: float = 0.4) -> None:
    """Let layouts and paints finish before grabbing (stale pixels otherwise)."""
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def take_screenshots(out_dir: Path) -> list[Path]:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from .context import AppContext
    from .main_window import MainWindow
    from .pages import PAGES
    from .signals import AppSignals
    from .theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_theme(app)
    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = demo_store(Path(tmp) / "demo.db")
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(store=store, signals=AppSignals(), settings=settings)
        window = MainWindow(ctx)
        window.resize(1280, 800)
        window.show()
        _settle(app)
        for spec in PAGES:
            window.open_page(spec.key)
            page = window.page(spec.key)
            if spec.key == "peserta" and hasattr(page, "on_search"):
                page.on_search()
            if spec.key == "pengaturan" and hasattr(page, "open_with"):
                page.open_with(tab="riwayat")
            _settle(app)
            path = out_dir / f"screenshot-{spec.key.replace('_', '-')}.png"
            window.grab().save(str(path))
            saved.append(path)
        peserta = window.page("peserta")
        if hasattr(peserta, "form"):
            window.open_page("peserta")
            peserta.on_new()
            form = peserta.form
            form.nik_edit.setText("3372015708950003")
            form.name_edit.setText("Sri Wahyuni")
            form.phone_edit.setText("0812 3456")  # too short: an error next to the field
            form.kecamatan_combo.setCurrentIndex(form.kecamatan_combo.findData("33.72.01"))
            form.kelurahan_combo.setEditText("Pajang")
            form.segment_combo.setCurrentIndex(form.segment_combo.findData("pedagang_pasar"))
            form.income_edit.setText("2,5 jt")
            form.jht_check.setChecked(True)
            form.months_combo.setCurrentIndex(form.months_combo.findData(3))
            form.save()  # shows the phone error, saves nothing
            form.phone_edit.setFocus()
            _settle(app)
            path = out_dir / "screenshot-pendaftaran.png"
            window.grab().save(str(path))
            saved.append(path)
            form.clear(keep_sticky=False)  # staged typing: closing must not ask about it
        window.close()
        store.close()
    return saved


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    out_dir = Path(args[0] if args else "docs")
    for path in take_screenshots(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Screenshots for docs/: `python -m bpu_desktop.ui.screenshots docs` (best under xvfb-run).

Builds a temporary demo file (members enrolled through MemberRepository, valid NIKs),
opens the main window at 1280x800 and saves docs/screenshot-<page>.png for every page,
so new pages get their screenshot for free. The Peserta page adds the enrolment desk
(docs/screenshot-pendaftaran.png) with a live breakdown and one field error.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from bpu_desktop.domain.months import format_month, month_start
from bpu_desktop.domain.validation import EnrolmentInput
from bpu_desktop.store.database import Store, open_store
from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.reference import (
    add_kelurahan,
    kelurahan_by_kecamatan,
    list_segments,
    validate_enrolment_input,
)

FIRST_NAMES = ("Siti", "Budi", "Sri", "Agus", "Dewi", "Joko", "Rina", "Slamet", "Wahyu", "Endang",
               "Bambang", "Yuliani", "Eko", "Tri", "Suparmi", "Heru", "Lestari", "Dwi", "Sugeng",
               "Ratna")
LAST_NAMES = ("Rahayu", "Santoso", "Wulandari", "Prasetyo", "Lestari", "Susilo", "Hidayat",
              "Purnomo", "Handayani", "Setiawan", "Kurniawati", "Nugroho", "Widodo", "Sari")
WONOGIRI_VILLAGES = {"33.12.01": ["Pare", "Gemawang"], "33.12.02": ["Pokoh Kidul"]}


def _nik(rng: random.Random, district: str, serial: int) -> tuple[str, date]:
    born = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 365 * 40))
    female = rng.random() < 0.5
    day = born.day + (40 if female else 0)
    return f"{district}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}", born


def demo_store(path: Path, members: int = 40, *, seed: int = 7) -> Store:
    """A small realistic file: Solo and Wonogiri, every segment, the last months."""
    rng = random.Random(seed)
    store = open_store(path)
    store.set_officer("Rina Wulandari")
    for code, names in WONOGIRI_VILLAGES.items():
        for name in names:
            with store.write():
                add_kelurahan(store, code, name)
    villages = kelurahan_by_kecamatan(store)
    segments = [s.code for s in list_segments(store)]
    repo = MemberRepository(store)
    today = date.today()
    made = 0
    serial = 1
    while made < members:
        kecamatan = rng.choice(sorted(villages))
        district = kecamatan.replace(".", "")
        nik, _born = _nik(rng, district, serial)
        serial += 1
        enrolled = today - timedelta(days=rng.randrange(0, 300))
        raw = EnrolmentInput(
            nik=nik,
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            phone=f"08{rng.choice('1235789')}{rng.randrange(10**8, 10**9)}",
            kecamatan=kecamatan,
            kelurahan=rng.choice(villages[kecamatan]),
            address=f"Jl. {rng.choice(LAST_NAMES)} No. {rng.randrange(1, 90)}",
            segment=rng.choice(segments),
            income=rng.choice(("1.000.000", "1.500.000", "2.000.000", "2.500.000", "3.000.000")),
            with_jht=rng.random() < 0.4,
            funding=rng.choice(("self", "self", "self", "sponsor", "apbd")),
            months_paid=rng.choice((1, 1, 3, 6, 12)),
            start_month=format_month(month_start(enrolled)),
            enrolled_on=enrolled.isoformat(),
        )
        result = validate_enrolment_input(store, raw, today=today)
        if result.value is None:
            continue  # e.g. an age outside the limits: draw again
        repo.enrol(result.value, source="demo")
        made += 1
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
    from .theme import STYLESHEET

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyleSheet(STYLESHEET)
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
            _settle(app)
            path = out_dir / f"screenshot-{spec.key}.png"
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

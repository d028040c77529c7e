"""Every page fits a field officer's laptop: the window never grows past 1280x720.

Before, the Kegiatan, Sponsor and Tindak Lanjut pages forced the window to 1467x1084
(forms too tall, filter bars too wide), pushing buttons off a 1366x768 screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QApplication, QTableView

from bpu_desktop.store.database import Store
from bpu_desktop.ui.context import AppContext
from bpu_desktop.ui.main_window import MainWindow
from bpu_desktop.ui.pages import PAGES
from bpu_desktop.ui.screenshots import demo_store
from bpu_desktop.ui.signals import AppSignals
from bpu_desktop.ui.theme import STYLESHEET

LAPTOP_SIZES = (QSize(1280, 720), QSize(1366, 768), QSize(1280, 800))


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Store]:
    store = demo_store(tmp_path / "demo.db", members=40)
    yield store
    store.close()


@pytest.fixture
def demo_window(demo: Store, tmp_path: Path, qapp, qtbot) -> MainWindow:
    qapp.setStyleSheet(STYLESHEET)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(store=demo, signals=AppSignals(), settings=settings))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def fits(hint: QSize, limit: QSize) -> bool:
    return hint.width() <= limit.width() and hint.height() <= limit.height()


@pytest.mark.parametrize("size", LAPTOP_SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_every_page_opens_without_growing_the_window(demo_window: MainWindow, size: QSize) -> None:
    demo_window.resize(size)
    QApplication.processEvents()
    assert demo_window.size() == size
    for spec in PAGES:
        demo_window.open_page(spec.key)
        page = demo_window.page(spec.key)
        QApplication.processEvents()
        assert fits(page.minimumSizeHint(), size), (spec.key, page.minimumSizeHint())
        assert fits(demo_window.minimumSizeHint(), size), (spec.key, demo_window.minimumSizeHint())
        assert demo_window.size() == size, spec.key


def test_enrolment_desk_fits_too(demo_window: MainWindow) -> None:
    demo_window.open_page("peserta")
    demo_window.page("peserta").on_new()  # the desk tab, the tallest form
    QApplication.processEvents()
    assert fits(demo_window.minimumSizeHint(), QSize(1280, 720))
    assert demo_window.size() == QSize(1280, 720)


@pytest.mark.parametrize("key", ["kegiatan", "sponsor", "tindak_lanjut"])
def test_lists_show_one_line_rows_and_get_most_of_the_width(demo_window: MainWindow,
                                                            key: str) -> None:
    demo_window.open_page(key)
    page = demo_window.page(key)
    QApplication.processEvents()
    tables = [t for t in page.findChildren(QTableView) if t.isVisible()]
    assert tables
    for table in tables:
        assert not table.wordWrap(), table.objectName()
        line = table.fontMetrics().height()
        assert table.verticalHeader().defaultSectionSize() < 2 * line, table.objectName()
    main = max(tables, key=lambda t: t.width() * t.height())
    assert main.width() > page.width() // 2, (main.objectName(), main.width(), page.width())


def test_dialogs_fit_a_1280x720_screen(demo_window: MainWindow, demo: Store, qtbot) -> None:
    """Each dialog's size and minimum leave room for a title bar and the taskbar."""
    from bpu_desktop.store.members import MemberQuery, MemberRepository
    from bpu_desktop.store.sponsors import SponsorRepository
    from bpu_desktop.ui.assign_workers_dialog import AssignWorkersDialog
    from bpu_desktop.ui.conflicts_dialog import ConflictsDialog
    from bpu_desktop.ui.export_dialog import ExportDialog
    from bpu_desktop.ui.import_dialog import ImportDialog
    from bpu_desktop.ui.merge_dialog import MergeDialog
    from bpu_desktop.ui.payment_dialog import PaymentDialog

    ctx = demo_window.ctx
    member = MemberRepository(demo).page(MemberQuery(), 0, 1)[0]
    repo = SponsorRepository(demo)
    sponsorship = repo.sponsorships()[0]
    dialogs = [ExportDialog(ctx, demo_window), ImportDialog(ctx, demo_window),
               MergeDialog(ctx, demo_window), ConflictsDialog(ctx, demo_window),
               PaymentDialog(ctx, member.id, demo_window),
               AssignWorkersDialog(ctx, repo, sponsorship, demo_window)]
    screen = QSize(1280, 660)  # 720 minus a title bar and a taskbar
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        name = type(dialog).__name__
        assert fits(dialog.minimumSizeHint(), screen), (name, dialog.minimumSizeHint())
        assert fits(dialog.size(), screen), (name, dialog.size())
        dialog.close()


def test_kegiatan_main_action_and_filters_are_in_view_at_1280x800(demo_window: MainWindow,
                                                                  qtbot) -> None:
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QComboBox, QLabel, QPushButton

    demo_window.resize(1280, 800)
    demo_window.open_page("kegiatan")
    page = demo_window.page("kegiatan")
    QApplication.processEvents()
    enrol = page.findChild(QPushButton, "event_enrol")
    assert not enrol.isEnabled()  # nothing chosen yet
    page.table.selectRow(0)
    assert enrol.isEnabled()
    assert enrol.isVisible()
    # Wholly on screen, not clipped by a scroll area: no scrolling needed to reach it.
    assert enrol.visibleRegion().boundingRect() == enrol.rect()
    top_left = enrol.mapTo(demo_window, QPoint(0, 0))
    assert demo_window.rect().contains(QRect(top_left, enrol.size()))
    # The chosen event's figures (Hadir · mendaftar · konversi) are read without scrolling,
    # also on the smallest laptop screen.
    demo_window.resize(1280, 720)
    stats = page.findChild(QLabel, "event_stats")
    QApplication.processEvents()
    assert stats.text().startswith("Hadir")
    assert stats.visibleRegion().boundingRect() == stats.rect()
    for name, text in (("kegiatan_filter_kecamatan", "Semua kecamatan"),
                       ("kegiatan_filter_segment", "Semua sasaran")):
        combo = page.findChild(QComboBox, name)
        assert combo.currentText() == text
        assert combo.width() - 30 >= combo.fontMetrics().horizontalAdvance(text), name

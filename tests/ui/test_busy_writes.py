"""Writes other than Simpan on a busy file: deleting a member, an event, a sponsor, a
pledge or a target, and recording a payment, show the wait cursor and a status line while
the file may hold them; when it stays locked the officer reads why, and nothing is
written."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from bpu_desktop.store.events import EventRepository
from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.payments import payments_for
from bpu_desktop.store.sponsors import SponsorRepository
from bpu_desktop.ui import error_handler
from bpu_desktop.ui.confirm_dialog import ConfirmDialog
from bpu_desktop.ui.payment_dialog import PaymentDialog
from bpu_desktop.ui.saving import DELETING, SAVING

from .conftest import TODAY, click_row, enrol

BUSY = "Berkas data sedang dipakai proses lain. Tunggu sebentar lalu coba lagi."


@pytest.fixture
def yes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every "Hapus …?" question answered Hapus."""
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: True))


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages the officer is shown in a box (error box or "Tutup" box)."""
    seen: list[str] = []
    monkeypatch.setattr(error_handler, "show_error", lambda parent, text: seen.append(text))
    monkeypatch.setattr(ConfirmDialog, "inform", classmethod(
        lambda cls, parent, title, text, **k: seen.append(text)))
    return seen


@pytest.fixture
def lock(store) -> Iterator[Callable[[], sqlite3.Connection]]:
    """`lock()`: another process takes a write transaction on the file (a CLI import
    running) and holds it to the end of the test; the store's 10 s busy timeout is cut to
    50 ms so the wait is short."""
    others: list[sqlite3.Connection] = []

    def take() -> sqlite3.Connection:
        store.conn.execute("PRAGMA busy_timeout = 50")
        other = sqlite3.connect(str(store.path), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        others.append(other)
        return other

    yield take
    for other in others:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()


def _watch(monkeypatch: pytest.MonkeyPatch, window, owner: object,
           name: str) -> list[tuple[Qt.CursorShape, str]]:
    """Replace `owner.name` (a store call) by one that records the window's cursor and
    status line while it runs, then runs the real one."""
    during: list[tuple[Qt.CursorShape, str]] = []
    real: Callable[..., object] = getattr(owner, name)

    def watched(*args: object, **kwargs: object) -> object:
        during.append((window.cursor().shape(), window.statusBar().currentMessage()))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, watched)
    return during


# -- the pages' deletes ------------------------------------------------------------------
# Each opens a page with one row chosen: (page, owner of the store call, its name, the
# Hapus button's objectName).

def _member_page(window, store, qtbot):
    enrol(store, 1, "Ani Wijaya")
    page = window.page("peserta")
    page.list.refresh()
    click_row(qtbot, page.list.table, 0)
    return page.list, page.list.repo, "delete", "deleteButton"


def _event_page(window, store, qtbot):
    from tests.store.test_events import event

    EventRepository(store).save(event(held_on="12/05/2026", venue="Pasar Legi"))
    window.open_page("kegiatan")
    page = window.page("kegiatan")
    click_row(qtbot, page.table, 0)
    return page, page.repo, "delete", "event_delete"


def _sponsor_page(window, store, qtbot):
    from tests.store.test_sponsors import new_sponsor, pledge

    repo = SponsorRepository(store, today=TODAY)
    repo.save_sponsorship(new_sponsor(repo, "PT Alpha Batik").id, pledge())
    window.open_page("sponsor")
    page = window.page("sponsor")
    click_row(qtbot, page.table, 0)
    return page, page.repo, "delete_sponsor", "sponsor_delete"


def _pledge_page(window, store, qtbot):
    page, repo, _, _ = _sponsor_page(window, store, qtbot)
    click_row(qtbot, page.sponsorship_table, 0)
    return page, repo, "delete_sponsorship", "sponsorship_delete"


def _target_page(window, store, qtbot):
    import bpu_desktop.ui.target_page as target_page

    window.open_page("target")
    page = window.page("target")
    assert page.model.rows, "the file's seeded targets"
    click_row(qtbot, page.table, 0)
    assert page.editing is not None
    return page, target_page, "delete_target", "targetDelete"


PAGES = {"member": _member_page, "event": _event_page, "sponsor": _sponsor_page,
         "pledge": _pledge_page, "target": _target_page}


@pytest.mark.parametrize("what", list(PAGES))
def test_a_delete_shows_the_wait_cursor_and_menghapus(window, store, qtbot, monkeypatch,
                                                      yes, what) -> None:
    """A delete waited up to 10 s on a busy file with no sign, where Simpan showed one."""
    page, owner, method, button = PAGES[what](window, store, qtbot)
    during = _watch(monkeypatch, window, owner, method)
    qtbot.mouseClick(page.findChild(QPushButton, button), Qt.MouseButton.LeftButton)
    assert during == [(Qt.CursorShape.WaitCursor, DELETING)]
    assert "proses lain" in DELETING
    assert window.cursor().shape() == Qt.CursorShape.ArrowCursor
    assert window.statusBar().currentMessage() != DELETING


def _live_counts(store) -> dict[str, int]:
    return {table: store.conn.execute(
        f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]
        for table in ("members", "enrolments", "events", "sponsors", "sponsorships",
                      "targets", "payments")}


@pytest.mark.parametrize("what", list(PAGES))
def test_a_delete_on_a_locked_file_says_so_and_deletes_nothing(
        window, store, qtbot, yes, shown, lock, what) -> None:
    page, _owner, _method, button = PAGES[what](window, store, qtbot)
    lock()
    before = _live_counts(store)
    audited = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    qtbot.mouseClick(page.findChild(QPushButton, button), Qt.MouseButton.LeftButton)
    assert shown == [BUSY]
    assert _live_counts(store) == before
    assert store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audited
    assert not store.conn.in_transaction
    assert window.cursor().shape() == Qt.CursorShape.ArrowCursor


# -- the payment dialog -------------------------------------------------------------------

def _payment_dialog(window, store, qtbot) -> PaymentDialog:
    member = enrol(store, 41, "Ani Lestari", enrolled_on="2026-09-02", start_month="2026-09")
    window.ctx.extras["today"] = lambda: TODAY
    dialog = PaymentDialog(window.ctx, member.id, window)  # opened from the window
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_recording_a_payment_shows_the_wait_cursor_and_menyimpan(window, store, qtbot,
                                                                 monkeypatch) -> None:
    import bpu_desktop.ui.payment_dialog as payment_dialog

    dialog = _payment_dialog(window, store, qtbot)
    during: list[tuple[Qt.CursorShape, str]] = []
    real = payment_dialog.record_payment

    def watched(*args: object, **kwargs: object) -> object:
        during.append((dialog.cursor().shape(), window.statusBar().currentMessage()))
        return real(*args, **kwargs)

    monkeypatch.setattr(payment_dialog, "record_payment", watched)
    qtbot.mouseClick(dialog.findChild(QPushButton, "paymentSave"), Qt.MouseButton.LeftButton)
    assert during == [(Qt.CursorShape.WaitCursor, SAVING)]
    assert dialog.cursor().shape() == Qt.CursorShape.ArrowCursor
    assert len(payments_for(store, dialog.member_id)) == 1


def test_a_payment_on_a_locked_file_says_so_and_records_nothing(window, store, qtbot,
                                                                lock) -> None:
    dialog = _payment_dialog(window, store, qtbot)
    lock()
    member = MemberRepository(store).get(dialog.member_id)
    qtbot.mouseClick(dialog.findChild(QPushButton, "paymentSave"), Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "paymentError")
    assert error is not None and error.text() == BUSY
    assert dialog.isVisible()  # still open: the officer tries again once the file is free
    assert payments_for(store, dialog.member_id) == []
    assert MemberRepository(store).get(dialog.member_id) == member  # paid_until unchanged
    assert dialog.cursor().shape() == Qt.CursorShape.ArrowCursor


def test_once_the_file_is_free_the_same_payment_is_recorded(window, store, qtbot,
                                                            lock) -> None:
    dialog = _payment_dialog(window, store, qtbot)
    other = lock()
    save = dialog.findChild(QPushButton, "paymentSave")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert payments_for(store, dialog.member_id) == []
    other.execute("ROLLBACK")  # the import is done
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert [p.from_month for p in payments_for(store, dialog.member_id)] == ["2026-10"]
    assert not dialog.isVisible()


# -- the Target page's other writes -------------------------------------------------------
# "Ratakan" (even monthly pace) and "Salin ke tahun berikutnya": (button, the label that
# says what happened, the store function the page calls).
TARGET_WRITES = {"pace": ("targetPaceEven", "targetPaceSum", "set_monthly"),
                 "copy": ("targetCopyYear", "targetMessage", "copy_year")}


def _target_with_goal(window, store, qtbot):
    """The Target page on a seeded target with a number (its pace can be evened)."""
    import bpu_desktop.ui.target_page as target_page

    page, _, _, _ = _target_page(window, store, qtbot)
    for row in range(page.table.model().rowCount()):
        click_row(qtbot, page.table, row)
        if page.editing is not None and page.editing.target is not None:
            break
    assert page.editing is not None and page.editing.target is not None
    return page, target_page


@pytest.mark.parametrize("what", list(TARGET_WRITES))
def test_a_target_write_shows_the_wait_cursor(window, store, qtbot, monkeypatch,
                                              what) -> None:
    page, target_page = _target_with_goal(window, store, qtbot)
    button, _label, function = TARGET_WRITES[what]
    during = _watch(monkeypatch, window, target_page, function)
    qtbot.mouseClick(page.findChild(QPushButton, button), Qt.MouseButton.LeftButton)
    assert during == [(Qt.CursorShape.WaitCursor, SAVING)]
    assert window.cursor().shape() == Qt.CursorShape.ArrowCursor


@pytest.mark.parametrize("what", list(TARGET_WRITES))
def test_a_target_write_on_a_locked_file_says_so_and_writes_nothing(
        window, store, qtbot, lock, what) -> None:
    """"Ratakan" on a locked file escaped as an unexpected error."""
    page, _ = _target_with_goal(window, store, qtbot)
    button, label, _function = TARGET_WRITES[what]
    lock()
    audited = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    qtbot.mouseClick(page.findChild(QPushButton, button), Qt.MouseButton.LeftButton)
    assert page.findChild(QLabel, label).text() == BUSY
    assert store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audited
    assert not store.conn.in_transaction
    assert window.cursor().shape() == Qt.CursorShape.ArrowCursor

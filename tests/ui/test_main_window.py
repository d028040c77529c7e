"""The window's shortcuts reach the Peserta page; other helpers' buttons wait for their modules."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from bpu_desktop.ui import peserta_page
from bpu_desktop.ui.main_window import MainWindow


def test_ctrl_f_and_ctrl_n_switch_between_list_and_desk(window, qtbot) -> None:
    page = window.page("peserta")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == 1
    assert window.focusWidget() is window.findChild(QLineEdit, "searchEdit")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == 0
    assert window.focusWidget() is window.findChild(QLineEdit, "nikEdit")


def test_ctrl_n_and_ctrl_f_on_a_page_without_them_open_the_desk_and_the_member_search(
        window, qtbot) -> None:
    """They used to do nothing on Beranda, Tindak Lanjut, Laporan and Pengaturan."""
    page = window.page("peserta")
    for key in ("beranda", "laporan", "pengaturan"):
        window.open_page(key)
        window.navigation.setFocus()
        qtbot.keyClick(window.navigation, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentWidget() is page, key
        assert page.tabs.currentIndex() == 0
        assert window.focusWidget() is window.findChild(QLineEdit, "nikEdit")
        window.open_page(key)
        window.navigation.setFocus()
        qtbot.keyClick(window.navigation, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentWidget() is page, key
        assert page.tabs.currentIndex() == 1
        assert window.focusWidget() is window.findChild(QLineEdit, "searchEdit")
    # A page with its own Ctrl+N keeps it.
    window.open_page("sponsor")
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.page("sponsor")


def test_esc_empties_the_form(window, qtbot) -> None:
    nik = window.findChild(QLineEdit, "nikEdit")
    qtbot.keyClicks(nik, "3372")
    qtbot.keyClick(nik, Qt.Key.Key_Escape)
    assert nik.text() == ""


def test_import_and_payment_buttons_hidden_until_their_modules_exist(window) -> None:
    for name, module in (("importButton", peserta_page.IMPORT_MODULE),
                         ("payButton", peserta_page.PAYMENT_MODULE)):
        button = window.findChild(QPushButton, name)
        assert button is not None
        # isHidden: hidden on purpose (the list tab itself may just not be current).
        assert button.isHidden() != peserta_page.module_available(module)


def test_screenshot_demo_file_has_valid_members(tmp_path) -> None:
    from bpu_desktop.store.members import MemberQuery, MemberRepository
    from bpu_desktop.ui.screenshots import demo_store

    store = demo_store(tmp_path / "demo.db", members=12)
    try:
        repo = MemberRepository(store)
        assert repo.count(MemberQuery()) == 12
        sexes = {row.sex for row in repo.page(MemberQuery(), 0, 12)}
        assert sexes == {"L", "P"}
    finally:
        store.close()


def test_window_reopens_on_the_page_it_was_closed_on_building_only_that_page(ctx, qtbot) -> None:
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.navigation.setCurrentRow(first.navigation.count() - 2)  # Laporan, by the list
    assert first.stack.currentWidget().objectName() == "page_laporan"
    first.close()
    assert ctx.settings.value("mainWindow/page") == "laporan"
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.stack.currentWidget().objectName() == "page_laporan"
    assert again.stack.count() == 1  # the other pages wait until they are opened
    assert again.findChild(QWidget, "page_beranda") is None
    again.open_page("beranda")
    assert again.stack.currentWidget().objectName() == "page_beranda"
    assert again.stack.count() == 2


def test_a_renamed_officer_shows_at_once_in_the_status_bar_and_new_events(window,
                                                                           qtbot) -> None:
    window.open_page("kegiatan")
    officers = window.findChild(QLineEdit, "event_officers")
    old = window.ctx.store.officer
    assert officers.text() == old
    window.open_page("pengaturan")
    edit = window.findChild(QLineEdit, "officerNameEdit")
    edit.selectAll()
    qtbot.keyClicks(edit, "Budi Santoso")
    qtbot.mouseClick(window.findChild(QPushButton, "saveOfficerButton"),
                     Qt.MouseButton.LeftButton)
    assert window.officer_label.text().startswith("Petugas: Budi Santoso  ·  Perangkat: ")
    assert officers.text() == "Budi Santoso"


def test_ctrl_s_shows_a_wait_cursor_and_says_it_is_saving_while_the_save_runs(
        window, qtbot, monkeypatch) -> None:
    """A save waits up to 10 s while another process writes the file; the window used
    to freeze with no sign of why."""
    from bpu_desktop.ui.saving import SAVING

    page = window.page("peserta")
    during: list[tuple[Qt.CursorShape, str]] = []
    monkeypatch.setattr(page, "on_save", lambda: during.append(
        (window.cursor().shape(), window.statusBar().currentMessage())))
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert during == [(Qt.CursorShape.WaitCursor, SAVING)]
    assert "proses lain" in SAVING
    assert window.cursor().shape() == Qt.CursorShape.ArrowCursor
    assert window.statusBar().currentMessage() == ""


@pytest.mark.parametrize(("page_key", "button", "method"), [
    ("peserta", "form.save_button", "form.save"),
    ("kegiatan", "save_button", "on_save"),
    ("sponsor", "save_button", "save_sponsor"),
    ("sponsor", "save_sponsorship", "save_pledge"),
])
def test_simpan_buttons_show_the_same_wait(window, qtbot, monkeypatch, page_key, button,
                                           method) -> None:
    """Clicking Simpan waited up to 10 s on a busy file with no sign, as Ctrl+S did."""
    from functools import reduce

    from bpu_desktop.ui.saving import SAVING

    window.open_page(page_key)
    page = window.page(page_key)
    owner_path, _, name = method.rpartition(".")
    owner = reduce(getattr, owner_path.split("."), page) if owner_path else page
    during: list[tuple[Qt.CursorShape, str]] = []
    monkeypatch.setattr(owner, name, lambda *a, **k: during.append(
        (window.cursor().shape(), window.statusBar().currentMessage())))
    widget = reduce(getattr, button.split("."), page)
    widget.setEnabled(True)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    assert during == [(Qt.CursorShape.WaitCursor, SAVING)]
    assert window.cursor().shape() == Qt.CursorShape.ArrowCursor

"""The window's shortcuts reach the Peserta page; other helpers' buttons wait for their modules."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from bpu_desktop.ui import peserta_page


def test_ctrl_f_and_ctrl_n_switch_between_list_and_desk(window, qtbot) -> None:
    page = window.page("peserta")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == 1
    assert window.focusWidget() is window.findChild(QLineEdit, "searchEdit")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == 0
    assert window.focusWidget() is window.findChild(QLineEdit, "nikEdit")


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
        assert button.isVisibleTo(window) == peserta_page.module_available(module)


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

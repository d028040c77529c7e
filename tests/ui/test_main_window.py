"""The window's shortcuts reach the Peserta page; other helpers' buttons wait for their modules."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from bpu_desktop.ui import peserta_page


def test_ctrl_f_and_ctrl_n_switch_between_list_and_desk(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.page("peserta")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == 1
    assert window.focusWidget() is window.findChild(QLineEdit, "searchEdit")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == 0
    assert window.focusWidget() is window.findChild(QLineEdit, "nikEdit")


def test_esc_empties_the_form(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    nik = window.findChild(QLineEdit, "nikEdit")
    qtbot.keyClicks(nik, "3372")
    qtbot.keyClick(nik, Qt.Key.Key_Escape)
    assert nik.text() == ""


def test_import_and_payment_buttons_hidden_until_their_modules_exist(window) -> None:  # type: ignore[no-untyped-def]
    for name, module in (("importButton", peserta_page.IMPORT_MODULE),
                         ("payButton", peserta_page.PAYMENT_MODULE)):
        button = window.findChild(QPushButton, name)
        assert button is not None
        assert button.isVisibleTo(window) == peserta_page.module_available(module)

"""Esc and the window shortcuts while a popup is open on the desk (the kelurahan
suggestions, a dropdown): the popup closes, nothing typed is lost.

Keys go where Qt sends them: to the open popup (or its focus widget) while one is open,
else to the focused field. Qt lets a window's shortcuts work under a completer's popup
(it counts as the window of the field it completes), so Esc there used to reach the
window's "Batal" and empty the form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QWidget

from bpu_desktop.store.members import MemberQuery, MemberRepository

from .conftest import answer_questions, enrol, nik_for
from .test_enrolment_form import w

NIK = nik_for(21)


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier,  # type: ignore[no-untyped-def]
          *, to_field: bool = False) -> None:
    """One key as Qt routes it (QWidgetWindow::handleKeyEvent): to the active popup's
    focus widget or the popup itself, else to the focused widget. `to_field` sends it to
    the focused field even with a popup open (as a test harness or an input method may)."""
    popup = QApplication.activePopupWidget()
    target: QWidget | None
    if popup is not None and not to_field:
        target = popup.focusWidget() or popup
    else:
        target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def type_keys(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into the focused field, key by key."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, text)


def half_typed_with_suggestions_open(window, qtbot):  # type: ignore[no-untyped-def]
    """Peserta -> Ctrl+N; NIK, Tab, name, Tab, phone, Tab, "Lawe", Tab, "Kar": the
    kelurahan suggestions (Karangasem) are open."""
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is w(window, QLineEdit, "nikEdit")
    type_keys(qtbot, NIK)
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "Budi Santoso")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "081234567890")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "Lawe")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "Kar")
    combo = w(window, QComboBox, "kelurahanCombo")
    popup = combo.completer().popup()
    assert popup.isVisible() and QApplication.activePopupWidget() is popup
    return combo, popup


def assert_typing_kept(window) -> None:  # type: ignore[no-untyped-def]
    assert w(window, QLineEdit, "nikEdit").text() == NIK
    assert w(window, QLineEdit, "nameEdit").text() == "Budi Santoso"
    assert w(window, QLineEdit, "phoneEdit").text() == "081234567890"
    assert w(window, QComboBox, "kecamatanCombo").currentData() == "33.72.01"
    assert w(window, QComboBox, "kelurahanCombo").currentText() == "Kar"


@pytest.mark.parametrize("to_field", [False, True], ids=["to-popup", "to-field"])
def test_esc_on_the_kelurahan_suggestions_only_closes_them(
        window, qtbot, monkeypatch, to_field: bool) -> None:
    asked = answer_questions(monkeypatch, None)
    combo, popup = half_typed_with_suggestions_open(window, qtbot)
    press(qtbot, Qt.Key.Key_Escape, to_field=to_field)
    assert not popup.isVisible()
    assert QApplication.activePopupWidget() is None
    assert_typing_kept(window)
    assert combo.isAncestorOf(QApplication.focusWidget()) or QApplication.focusWidget() is combo
    assert asked == []
    # With no popup open, Esc is the desk's "Kosongkan" again.
    press(qtbot, Qt.Key.Key_Escape)
    assert w(window, QLineEdit, "nikEdit").text() == ""


def test_esc_on_suggestions_while_editing_asks_nothing_and_keeps_the_edit(
        window, store, qtbot, monkeypatch) -> None:
    asked = answer_questions(monkeypatch, None)
    member = enrol(store, 22, "Ani Lestari")
    page = window.page("peserta")
    page.edit_member(MemberRepository(store).get(member.id))
    combo = w(window, QComboBox, "kelurahanCombo")
    combo.setFocus()
    combo.lineEdit().selectAll()
    type_keys(qtbot, "Kar")
    assert combo.completer().popup().isVisible()
    press(qtbot, Qt.Key.Key_Escape)
    assert not combo.completer().popup().isVisible()
    assert asked == []
    assert page.form.editing is not None and page.tabs.currentIndex() == 0
    assert combo.currentText() == "Kar"


def test_ctrl_s_with_suggestions_open_closes_them_and_checks_the_typed_village(
        window, store, qtbot, monkeypatch) -> None:
    asked = answer_questions(monkeypatch, None)
    _combo, popup = half_typed_with_suggestions_open(window, qtbot)
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not popup.isVisible()
    assert_typing_kept(window)
    # Saved as the fields show it: refused (no income yet), the messages visible.
    assert w(window, QLabel, "incomeError").isVisible()
    assert asked == []
    assert MemberRepository(store).count(MemberQuery()) == 0


def test_ctrl_f_with_suggestions_open_leaves_no_popup_over_the_list(
        window, qtbot, monkeypatch) -> None:
    answer_questions(monkeypatch, None)
    _combo, popup = half_typed_with_suggestions_open(window, qtbot)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.page("peserta").tabs.currentIndex() == 1
    assert not popup.isVisible() and QApplication.activePopupWidget() is None
    window.page("peserta").tabs.setCurrentIndex(0)
    assert_typing_kept(window)


def test_ctrl_n_with_suggestions_open_gives_a_blank_form_without_a_popup(
        window, qtbot, monkeypatch) -> None:
    answer_questions(monkeypatch, None)
    _combo, popup = half_typed_with_suggestions_open(window, qtbot)
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not popup.isVisible() and QApplication.activePopupWidget() is None
    assert w(window, QLineEdit, "nikEdit").text() == ""
    assert QApplication.focusWidget() is w(window, QLineEdit, "nikEdit")


@pytest.mark.parametrize("name", ["kecamatanCombo", "kelurahanCombo", "segmentCombo",
                                  "fundingCombo", "monthsCombo"])
def test_esc_on_an_open_dropdown_only_closes_it(window, qtbot, monkeypatch, name: str) -> None:
    asked = answer_questions(monkeypatch, None)
    nik = w(window, QLineEdit, "nikEdit")
    qtbot.keyClicks(nik, NIK)
    kecamatan = w(window, QComboBox, "kecamatanCombo")
    kecamatan.setCurrentIndex(kecamatan.findData("33.72.01"))  # villages to drop down
    combo = w(window, QComboBox, name)
    combo.setFocus()
    press(qtbot, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    assert nik.text() == NIK
    assert asked == []

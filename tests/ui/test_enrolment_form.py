"""The enrolment desk as an officer uses it: keyboard only, errors next to the fields."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton

from bpu_desktop.domain.contributions import advance_payment
from bpu_desktop.domain.money import format_rupiah
from bpu_desktop.store.audit import history
from bpu_desktop.store.members import MemberQuery, MemberRepository
from bpu_desktop.store.reference import kelurahan_by_kecamatan, load_rates
from bpu_desktop.ui.confirm_dialog import ConfirmDialog

from .conftest import answer_questions, enrol, nik_for


def w(window, cls, name):
    """Find a widget on the Peserta page (other pages reuse names like sectionTitle)."""
    root = window.page("peserta") if hasattr(window, "page") else window
    found = root.findChild(cls, name)
    assert found is not None, name
    return found


def ctrl_s(qtbot, window) -> None:
    target = window.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def type_person(qtbot, window, *, nik: str, name: str, phone: str,
                kelurahan: str = "Pajang", income: str = "1.500.000") -> None:
    """Type one person from NIK to 'months paid' like an officer: keys only."""
    nik_edit = w(window, QLineEdit, "nikEdit")
    nik_edit.setFocus()
    qtbot.keyClicks(nik_edit, nik)
    qtbot.keyClick(nik_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(window.focusWidget(), name)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(window.focusWidget(), phone)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    kecamatan = w(window, QComboBox, "kecamatanCombo")
    if not kecamatan.currentData():
        assert window.focusWidget() is kecamatan
        qtbot.keyClicks(kecamatan, "Lawe")  # keyboard search in the combo
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    kelurahan_combo = w(window, QComboBox, "kelurahanCombo")
    focused = window.focusWidget()
    assert focused is kelurahan_combo or kelurahan_combo.isAncestorOf(focused)
    kelurahan_combo.lineEdit().clear()
    qtbot.keyClicks(kelurahan_combo.lineEdit(), kelurahan)
    qtbot.keyClick(kelurahan_combo.lineEdit(), Qt.Key.Key_Return)
    assert not kelurahan_combo.completer().popup().isVisible()
    qtbot.keyClicks(window.focusWidget(), "Jl. Kenanga 5 RT 02/RW 03")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    segment = w(window, QComboBox, "segmentCombo")
    assert window.focusWidget() is segment
    qtbot.keyClicks(segment, "Ojek")
    qtbot.keyClick(segment, Qt.Key.Key_Tab)
    qtbot.keyClicks(window.focusWidget(), income)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    jht = w(window, QCheckBox, "jhtCheck")
    if jht.isEnabled():  # a sponsor's batch locks it to the pledge's package: skipped
        assert window.focusWidget() is jht
        qtbot.keyClick(jht, Qt.Key.Key_Space)
        qtbot.keyClick(jht, Qt.Key.Key_Return)
    assert window.focusWidget() is w(window, QComboBox, "fundingCombo")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)  # funding: Mandiri
    months = w(window, QComboBox, "monthsCombo")
    assert window.focusWidget() is months
    qtbot.keyClicks(months, "3")


def test_officer_enrols_a_person_keyboard_only(window, store, qtbot) -> None:
    page = window.page("peserta")
    messages: list[str] = []
    window.ctx.signals.status_message.connect(messages.append)
    type_person(qtbot, window, nik="3372 0112 0590 0007", name="SITI AMINAH",
                phone="+62 812-3456-7890", kelurahan="paj")  # completion: Pajang

    info = w(window, QLabel, "nikInfo").text()
    assert "12/05/1990" in info and "36 tahun" in info and "Laki-laki" in info
    expected = advance_payment(1_500_000, date(2026, 11, 1), 3, "transport", "self", True,
                               load_rates(store))
    assert w(window, QLabel, "breakdown_total").text() == format_rupiah(expected.total)

    with qtbot.waitSignal(window.ctx.signals.members_changed):
        ctrl_s(qtbot, window)

    member = MemberRepository(store).find_by_nik("3372011205900007")
    assert member is not None
    assert (member.name, member.phone) == ("Siti Aminah", "081234567890")
    assert member.kelurahan == "Pajang"
    assert (member.months_paid, member.with_jht, member.amount_paid) == (3, 1, expected.total)
    assert messages[-1] == "Tersimpan: Siti Aminah"
    assert w(window, QLabel, "formMessage").text() == "Tersimpan: Siti Aminah"
    # Ready for the next person: blank, cursor in NIK, area and date kept.
    assert w(window, QLineEdit, "nikEdit").text() == ""
    assert w(window, QLineEdit, "nameEdit").text() == ""
    assert window.focusWidget() is w(window, QLineEdit, "nikEdit")
    assert w(window, QComboBox, "kecamatanCombo").currentData() == "33.72.01"
    assert w(window, QComboBox, "kelurahanCombo").currentText() == "Pajang"
    assert w(window, QLineEdit, "enrolledOnEdit").text() == "20/11/2026"
    # And in the list.
    assert page.list.count_label.text() == "1 peserta"
    assert page.list.model.member_at(0).name == "Siti Aminah"


def test_bad_input_shows_errors_next_to_fields_and_saves_nothing(window, store, qtbot) -> None:
    nik = w(window, QLineEdit, "nikEdit")
    qtbot.keyClicks(nik, "3372011205900")
    assert w(window, QLabel, "nikInfo").text() == "13/16 digit"
    qtbot.keyClick(nik, Qt.Key.Key_Tab)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)  # name left empty
    qtbot.keyClicks(window.focusWidget(), "12345")
    ctrl_s(qtbot, window)

    assert "16 digit" in w(window, QLabel, "nikError").text()
    assert w(window, QLabel, "nameError").text() == "Nama wajib diisi."
    assert "Nomor HP" in w(window, QLabel, "phoneError").text()
    assert w(window, QLabel, "kecamatanError").text() == "Kecamatan wajib diisi."
    assert w(window, QLabel, "nameError").isVisible()
    assert nik.property("invalid") is True
    assert w(window, QLabel, "formMessage").text().startswith("Periksa isian")
    assert window.focusWidget() is nik  # first wrong field
    assert MemberRepository(store).count(MemberQuery()) == 0
    # Fixing a field clears its message.
    qtbot.keyClicks(w(window, QLineEdit, "nameEdit"), "Budi")
    assert w(window, QLabel, "nameError").text() == ""
    assert not w(window, QLabel, "nameError").isVisible()


def test_a_mistyped_phone_is_flagged_on_leaving_the_field(window, qtbot) -> None:
    phone = w(window, QLineEdit, "phoneEdit")
    phone.setFocus()
    qtbot.keyClicks(phone, "0812 3456")
    qtbot.keyClick(phone, Qt.Key.Key_Tab)
    error = w(window, QLabel, "phoneError")
    assert error.text() == "Nomor HP harus 10 sampai 13 digit (tertulis 8)."
    assert error.isVisible()
    qtbot.keyClicks(phone, "7890")  # fixing it clears the message
    assert error.text() == ""
    phone.setFocus()
    qtbot.keyClick(phone, Qt.Key.Key_Tab)
    assert error.text() == ""


def test_a_dash_for_no_phone_is_not_flagged_on_leaving_the_field(window, qtbot) -> None:
    """"-" is how partners' lists (and officers) write "no number": Simpan takes it as
    none, with a note, so leaving the field must not call it a mistake."""
    phone = w(window, QLineEdit, "phoneEdit")
    phone.setFocus()
    qtbot.keyClicks(phone, "-")
    qtbot.keyClick(phone, Qt.Key.Key_Tab)
    assert w(window, QLabel, "phoneError").text() == ""


def test_invalid_nik_and_age_over_limit_flagged_while_typing(window, qtbot) -> None:
    nik = w(window, QLineEdit, "nikEdit")
    qtbot.keyClicks(nik, "3372013102900001")  # 31 February
    assert "tidak mungkin" in w(window, QLabel, "nikError").text()
    nik.clear()
    qtbot.keyClicks(nik, nik_for(1, year=50, female=True))  # born 1950, 76 years old
    assert "Perempuan" in w(window, QLabel, "nikInfo").text()
    assert w(window, QLabel, "nikError").text() == (
        "Umur 76 tahun melebihi batas pendaftaran 65 tahun.")


def test_duplicate_nik_warns_at_once_and_opens_the_record(window, store, qtbot) -> None:
    existing = enrol(store, 4, "Joko Susilo")
    qtbot.keyClicks(w(window, QLineEdit, "nikEdit"), existing.nik)
    warning = w(window, QLabel, "duplicateWarning")
    assert warning.isVisible()
    assert "sudah terdaftar atas nama Joko Susilo" in warning.text()
    qtbot.mouseClick(w(window, QPushButton, "openDuplicateButton"), Qt.MouseButton.LeftButton)
    assert w(window, QLineEdit, "nameEdit").text() == "Joko Susilo"
    assert "Ubah data" in w(window, QLabel, "sectionTitle").text()
    assert not warning.isVisible()  # it is this record now


def test_saving_a_duplicate_nik_shows_the_store_message_next_to_nik(window, store, qtbot) -> None:
    enrol(store, 5, "Joko Susilo")
    type_person(qtbot, window, nik=nik_for(5), name="Orang Lain", phone="081298765432")
    ctrl_s(qtbot, window)
    assert "sudah terdaftar atas nama Joko Susilo" in w(window, QLabel, "nikError").text()
    assert MemberRepository(store).count(MemberQuery()) == 1


def test_edit_is_saved_and_audited(window, store, qtbot) -> None:
    member = enrol(store, 6, "Sri Rahayu")
    page = window.page("peserta")
    page.list.refresh()
    page.on_search()
    table = page.list.table
    page.list.select_row(0)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    name = w(window, QLineEdit, "nameEdit")
    assert name.text() == "Sri Rahayu"
    assert page.tabs.currentIndex() == 0
    name.selectAll()
    qtbot.keyClicks(name, "Sri Rahayu Ningsih")
    with qtbot.waitSignal(window.ctx.signals.members_changed):
        ctrl_s(qtbot, window)
    assert MemberRepository(store).get(member.id).name == "Sri Rahayu Ningsih"
    updates = [e for e in history(store.conn, table="members", row_id=member.id)
               if e.action == "update"]
    assert updates and updates[0].new["name"] == "Sri Rahayu Ningsih"
    assert updates[0].officer == "Sari Petugas"
    # Back on the list, still one member, showing the new name.
    assert page.tabs.currentIndex() == 1
    assert page.list.count_label.text() == "1 peserta"
    assert page.list.model.member_at(0).name == "Sri Rahayu Ningsih"


def _edit_name(qtbot, window, store, serial: int, name: str, new_name: str):  # type: ignore[no-untyped-def]
    member = enrol(store, serial, name)
    page = window.page("peserta")
    page.edit_member(MemberRepository(store).get(member.id))
    edit = w(window, QLineEdit, "nameEdit")
    edit.selectAll()
    qtbot.keyClicks(edit, new_name)
    return page, member, edit


def test_esc_on_an_edited_member_asks_and_buang_closes_without_saving(
        window, store, qtbot, monkeypatch) -> None:
    asked = answer_questions(monkeypatch, "Buang")
    page, member, name = _edit_name(qtbot, window, store, 7, "Ani Lestari", "Nama Lain")
    qtbot.keyClick(name, Qt.Key.Key_Escape)
    assert asked == [("Perubahan belum disimpan",
                      "Perubahan pada data Ani Lestari belum disimpan.",
                      ("Simpan", "Buang"))]
    assert page.form.editing is None
    assert page.tabs.currentIndex() == 1
    assert MemberRepository(store).get(member.id).name == "Ani Lestari"


def test_esc_on_an_edited_member_batal_keeps_editing(window, store, qtbot, monkeypatch) -> None:
    asked = answer_questions(monkeypatch, None)
    page, member, name = _edit_name(qtbot, window, store, 7, "Ani Lestari", "Nama Lain")
    qtbot.keyClick(name, Qt.Key.Key_Escape)
    assert len(asked) == 1
    assert page.form.editing is not None and page.tabs.currentIndex() == 0
    assert name.text() == "Nama Lain"
    assert MemberRepository(store).get(member.id).name == "Ani Lestari"


def test_ctrl_n_on_an_edited_member_asks_and_simpan_saves_first(
        window, store, qtbot, monkeypatch) -> None:
    asked = answer_questions(monkeypatch, "Simpan")
    page, member, name = _edit_name(qtbot, window, store, 7, "Ani Lestari", "Ani Wijaya")
    qtbot.keyClick(name, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1
    assert MemberRepository(store).get(member.id).name == "Ani Wijaya"
    # Then the blank form Ctrl+N asked for.
    assert page.tabs.currentIndex() == 0 and page.form.editing is None
    assert w(window, QLineEdit, "nikEdit").text() == ""
    assert window.focusWidget() is w(window, QLineEdit, "nikEdit")


def test_ctrl_n_on_an_edited_member_batal_keeps_the_changes(
        window, store, qtbot, monkeypatch) -> None:
    answer_questions(monkeypatch, None)
    page, _member, name = _edit_name(qtbot, window, store, 7, "Ani Lestari", "Ani Wijaya")
    qtbot.keyClick(name, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.form.editing is not None
    assert name.text() == "Ani Wijaya"


def test_esc_or_ctrl_n_without_changes_asks_nothing(window, store, qtbot, monkeypatch) -> None:
    asked = answer_questions(monkeypatch, None)
    member = enrol(store, 7, "Ani Lestari")
    page = window.page("peserta")
    for key, modifier in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)):
        page.edit_member(MemberRepository(store).get(member.id))
        qtbot.keyClick(w(window, QLineEdit, "nameEdit"), key, modifier)
        assert page.form.editing is None
    assert asked == []


def test_batch_from_an_event_keeps_sticky_fields_after_save(window, store, qtbot) -> None:
    window.open_page("peserta", mode="enrol", event_id="ev-1", event_label="Sosialisasi Pasar Gede",
                     enrolled_on=date(2026, 11, 14), kecamatan_code="33.72.01",
                     kelurahan="Jajar")
    assert "Sosialisasi Pasar Gede" in w(window, QLabel, "stickyLabel").text()
    assert window.focusWidget() is w(window, QLineEdit, "nikEdit")
    type_person(qtbot, window, nik=nik_for(8), name="Dewi Sartika", phone="081311112222",
                kelurahan="Jajar")
    ctrl_s(qtbot, window)
    saved = MemberRepository(store).find_by_nik(nik_for(8))
    assert saved is not None
    assert (saved.event_id, saved.enrolled_on, saved.kelurahan) == ("ev-1", "2026-11-14", "Jajar")
    assert w(window, QLineEdit, "enrolledOnEdit").text() == "14/11/2026"
    assert w(window, QComboBox, "kecamatanCombo").currentData() == "33.72.01"
    assert w(window, QComboBox, "kelurahanCombo").currentText() == "Jajar"
    assert w(window, QLabel, "stickyLabel").isVisible()
    assert w(window, QLineEdit, "nikEdit").text() == ""


def _wonogiri_desk(window, store, kecamatan_code: str = "33.12.12"):  # type: ignore[no-untyped-def]
    """The desk on a Wonogiri kecamatan (Wonogiri: desa are added by users), with Jaten
    already listed under Selogiri."""
    from bpu_desktop.store.reference import add_kelurahan

    add_kelurahan(store, "33.12.11", "Jaten")
    window.page("peserta").form.reload_reference()
    window.open_page("peserta", mode="enrol", kecamatan_code=kecamatan_code)


def test_new_village_is_offered_and_added_in_the_same_save(
        window, store, qtbot, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(
        lambda cls, parent, title, text, ok_label="Ya": asked.append(text) or True))
    _wonogiri_desk(window, store)
    type_person(qtbot, window, nik=nik_for(9), name="Wahyu Hidayat", phone="081355556666",
                kelurahan="Giriwono")
    assert "belum ada" in w(window, QLabel, "kelurahanHint").text()
    ctrl_s(qtbot, window)
    assert asked == ["“Giriwono” belum ada di daftar Kecamatan Wonogiri (Wonogiri).\n"
                     "Tambahkan ke daftar dan simpan peserta ini?"]
    assert "Giriwono" in kelurahan_by_kecamatan(store)["33.12.12"]
    assert MemberRepository(store).find_by_nik(nik_for(9)).kelurahan == "Giriwono"


def test_a_wonogiri_desa_listed_under_another_kecamatan_is_named_in_the_question(
        window, store, qtbot, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(
        lambda cls, parent, title, text, ok_label="Ya": asked.append(text) or False))
    _wonogiri_desk(window, store)
    type_person(qtbot, window, nik=nik_for(9), name="Wahyu Hidayat", phone="081355556666",
                kelurahan="jaten")
    assert w(window, QLabel, "kelurahanHint").text().endswith(
        "“Jaten” sudah ada di daftar Kecamatan Selogiri.")
    ctrl_s(qtbot, window)
    assert asked == ["“jaten” belum ada di daftar Kecamatan Wonogiri (Wonogiri).\n"
                     "“Jaten” sudah ada di daftar Kecamatan Selogiri.\n"
                     "Tambahkan ke daftar dan simpan peserta ini?"]
    assert MemberRepository(store).count(MemberQuery()) == 0
    assert "33.12.12" not in kelurahan_by_kecamatan(store)


def test_refusing_a_new_village_saves_nothing(window, store, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: False))
    _wonogiri_desk(window, store, "33.12.11")
    type_person(qtbot, window, nik=nik_for(10), name="Wahyu Hidayat", phone="081355556666",
                kelurahan="Kampung Entah")
    ctrl_s(qtbot, window)
    assert "tidak ada di Kecamatan Selogiri" in w(window, QLabel, "kelurahanError").text()
    assert MemberRepository(store).count(MemberQuery()) == 0
    assert kelurahan_by_kecamatan(store)["33.12.11"] == ["Jaten"]


def test_a_desa_one_letter_off_a_listed_one_is_refused_with_the_likely_name(
        window, store, qtbot, monkeypatch) -> None:
    """"Jatem" next to Selogiri's "Jaten": the import refuses it as a typo, so does the
    desk: Enter on the question (Batal) leaves the likely name next to the field."""
    asked = answer_questions(monkeypatch, None)
    _wonogiri_desk(window, store, "33.12.11")
    type_person(qtbot, window, nik=nik_for(12), name="Paimin", phone="082134567891",
                kelurahan="Jatem")
    ctrl_s(qtbot, window)
    [(_title, text, options)] = asked
    assert "mungkin maksudnya “Jaten”?" in text
    assert options == ("Desa lain, tambahkan",)
    error = w(window, QLabel, "kelurahanError")
    assert error.isVisible()
    assert error.text() == ("Desa 'Jatem' belum terdaftar di Kecamatan Selogiri; mungkin "
                            "maksudnya 'Jaten'? Perbaiki ejaannya (bila memang desa lain, "
                            "tambahkan dulu lewat formulir Pendaftaran).")
    kelurahan = w(window, QComboBox, "kelurahanCombo")
    focused = window.focusWidget()
    assert focused is kelurahan or kelurahan.isAncestorOf(focused)
    assert MemberRepository(store).count(MemberQuery()) == 0
    assert kelurahan_by_kecamatan(store)["33.12.11"] == ["Jaten"]
    # The officer corrects the letter: saved under the listed desa.
    kelurahan.lineEdit().selectAll()
    qtbot.keyClicks(kelurahan.lineEdit(), "Jaten")
    ctrl_s(qtbot, window)
    assert MemberRepository(store).find_by_nik(nik_for(12)).kelurahan == "Jaten"
    assert kelurahan_by_kecamatan(store)["33.12.11"] == ["Jaten"]


def test_a_near_miss_desa_is_added_only_when_said_to_be_another_desa(
        window, store, qtbot, monkeypatch) -> None:
    answer_questions(monkeypatch, "Desa lain, tambahkan")
    _wonogiri_desk(window, store, "33.12.11")
    type_person(qtbot, window, nik=nik_for(13), name="Paimin", phone="082134567891",
                kelurahan="Jatem")
    ctrl_s(qtbot, window)
    assert MemberRepository(store).find_by_nik(nik_for(13)).kelurahan == "Jatem"
    assert kelurahan_by_kecamatan(store)["33.12.11"] == ["Jatem", "Jaten"]


def test_a_solo_kelurahan_under_the_wrong_kecamatan_says_where_it_is(
        window, store, qtbot, monkeypatch) -> None:
    """Solo's 54 kelurahan are all listed: Kerten under Jebres is a mistake, not a new
    village; the desk says where Kerten is and offers nothing to add."""
    asked = answer_questions(monkeypatch, "Tambahkan")  # were it asked, it would be added
    window.open_page("peserta", mode="enrol", kecamatan_code="33.72.04")
    type_person(qtbot, window, nik=nik_for(11), name="Wahyu Hidayat", phone="081355556666",
                kelurahan="Kerten")
    error = w(window, QLabel, "kelurahanError")
    assert error.isVisible()
    assert error.text() == "Kerten ada di Kecamatan Laweyan, bukan Jebres."
    assert "Tambah" not in w(window, QLabel, "kelurahanHint").text()
    ctrl_s(qtbot, window)
    assert asked == []
    assert error.text() == "Kerten ada di Kecamatan Laweyan, bukan Jebres."
    assert MemberRepository(store).count(MemberQuery()) == 0
    assert "Kerten" not in kelurahan_by_kecamatan(store)["33.72.04"]
    # A name no Solo kecamatan lists: refused as well, nothing offered.
    kelurahan = w(window, QComboBox, "kelurahanCombo")
    kelurahan.lineEdit().selectAll()
    qtbot.keyClicks(kelurahan.lineEdit(), "Kampung Entah")
    assert w(window, QLabel, "kelurahanHint").text() == (
        "“Kampung Entah” tidak ada di daftar kecamatan ini.")
    ctrl_s(qtbot, window)
    assert asked == []
    assert error.text() == "Kelurahan tidak ada di Kecamatan Jebres."
    assert MemberRepository(store).count(MemberQuery()) == 0
    # A letter off Jebres's own Mojosongo: the likely name while typing, as Simpan says.
    kelurahan.lineEdit().selectAll()
    qtbot.keyClicks(kelurahan.lineEdit(), "Mojosngo")
    assert w(window, QLabel, "kelurahanHint").text() == (
        "“Mojosngo” tidak ada di daftar kecamatan ini. Mungkin maksudnya “Mojosongo”?")
    ctrl_s(qtbot, window)
    assert "mungkin maksudnya 'Mojosongo'" in error.text()
    assert MemberRepository(store).count(MemberQuery()) == 0


def test_income_errors_and_warnings_show_while_typing(window, qtbot) -> None:
    income = w(window, QLineEdit, "incomeEdit")
    error = w(window, QLabel, "incomeError")
    warning = w(window, QLabel, "incomeWarning")
    hint = w(window, QLabel, "incomeHint")
    qtbot.keyClicks(income, "abc")
    assert error.isVisible() and error.text().startswith("Penghasilan tidak dikenali")
    assert income.property("invalid") is True
    income.clear()
    qtbot.keyClicks(income, "-500.000")
    assert error.text() == "Penghasilan tidak boleh negatif."
    income.clear()
    assert not error.isVisible() and not hint.isVisible()
    qtbot.keyClicks(income, "150.000.000")
    assert not error.isVisible()
    assert hint.isVisible() and hint.text() == "Rp 150.000.000"
    assert warning.isVisible()
    assert warning.text() == "Penghasilan Rp 150.000.000 per bulan — periksa lagi jumlah nolnya."
    assert warning.property("role") == "warning"
    income.clear()
    qtbot.keyClicks(income, "1.500.000")
    assert not warning.isVisible() and not error.isVisible()


def test_missing_income_names_the_field_right_under_it(window, qtbot) -> None:
    ctrl_s(qtbot, window)
    error = w(window, QLabel, "incomeError")
    assert error.text() == "Penghasilan wajib diisi."
    assert error.isVisible()
    assert not w(window, QLabel, "incomeHint").isVisible()  # no blank line above the error
    income = w(window, QLineEdit, "incomeEdit")
    assert error.geometry().top() - income.geometry().bottom() < 12


def test_edit_form_names_the_age_at_enrolment_and_today(window, store, qtbot) -> None:
    from bpu_desktop.ui.member_table_model import COL_AGE

    member = enrol(store, 8, "Dewi Kartika", nik=nik_for(8, day=10, month=11),
                   enrolled_on="2025-11-02", start_month="2025-11")
    page = window.page("peserta")
    page.list.refresh()
    model = page.list.model
    assert model.data(model.index(0, COL_AGE)) == "36"  # the list: age today
    assert "hari ini" in model.headerData(COL_AGE, Qt.Orientation.Horizontal,
                                          Qt.ItemDataRole.ToolTipRole)
    page.edit_member(MemberRepository(store).get(member.id))
    info = w(window, QLabel, "nikInfo").text()
    assert "34 tahun saat mendaftar (kini 36)" in info


def test_every_kecamatan_reads_whole_in_the_field_at_1280(window, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    window.resize(1280, 720)
    QApplication.processEvents()
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    combo = w(window, QComboBox, "kecamatanCombo")
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    metrics = combo.fontMetrics()
    for i in range(1, combo.count()):
        text = combo.itemText(i)
        assert metrics.horizontalAdvance(text) <= field.width(), (text, field.width())
    manyaran = combo.findText("Manyaran (Wonogiri)")
    assert manyaran > 0
    assert combo.itemData(manyaran, Qt.ItemDataRole.ToolTipRole) == \
        "Kecamatan Manyaran, Kabupaten Wonogiri"
    combo.setCurrentIndex(manyaran)
    assert combo.toolTip() == "Kecamatan Manyaran, Kabupaten Wonogiri"


def test_months_typed_as_numbers_and_enter_on_simpan_saves(window, store, qtbot) -> None:
    """On "1 bulan", typing 1 is one month (Qt's own search jumped to "12 bulan"); 1 then
    2 is twelve. At the end of the Enter-by-Enter walk, Enter on Simpan saves."""
    type_person(qtbot, window, nik="3372011205900007", name="Siti Aminah",
                phone="081234567890")
    months = w(window, QComboBox, "monthsCombo")
    qtbot.keyClicks(months, "1")
    assert months.currentData() == 1
    qtbot.keyClicks(months, "12")
    assert months.currentData() == 12
    qtbot.keyClicks(months, "5")  # no such choice: stays
    assert months.currentData() == 12
    months.setCurrentIndex(0)
    qtbot.keyClicks(months, "6")
    assert months.currentData() == 6
    save = w(window, QPushButton, "saveButton")
    save.setFocus()
    with qtbot.waitSignal(window.ctx.signals.members_changed):
        qtbot.keyClick(save, Qt.Key.Key_Return)
    member = MemberRepository(store).find_by_nik("3372011205900007")
    assert member is not None and member.months_paid == 6


def test_changing_income_or_jht_of_a_member_says_the_new_iuran_starts_next_month(
        window, store, qtbot) -> None:
    from bpu_desktop.domain.contributions import monthly_contribution

    member = enrol(store, 9, "Rina Wati")  # Nov 2026 paid at enrolment
    page = window.page("peserta")
    page.edit_member(MemberRepository(store).get(member.id))
    note = w(window, QLabel, "rateChangeNote")
    assert not note.isVisible()
    name = w(window, QLineEdit, "nameEdit")
    qtbot.keyClicks(name, " S")
    assert not note.isVisible()  # a name is not the iuran
    income = w(window, QLineEdit, "incomeEdit")
    income.selectAll()
    qtbot.keyClicks(income, "2.500.000")
    qtbot.mouseClick(w(window, QCheckBox, "jhtCheck"), Qt.MouseButton.LeftButton)
    new = monthly_contribution(2_500_000, date(2026, 12, 1), "transport", "self", True,
                               load_rates(store))
    assert note.isVisible()
    assert note.text() == (
        f"Iuran baru {format_rupiah(new.total)} per bulan berlaku mulai Desember 2026 "
        f"(pembayaran berikutnya). Yang sudah dibayar ({format_rupiah(member.amount_paid)}, "
        "lunas s.d. November 2026) tidak berubah.")
    messages: list[str] = []
    window.ctx.signals.status_message.connect(messages.append)
    ctrl_s(qtbot, window)
    saved = MemberRepository(store).get(member.id)
    assert (saved.income, saved.with_jht) == (2_500_000, 1)
    assert saved.amount_paid == member.amount_paid
    assert "iuran baru berlaku mulai Desember 2026" in messages[-1]
    # Income put back as it was: nothing to say.
    page.edit_member(saved)
    income.selectAll()
    qtbot.keyClicks(income, "2.500.000")
    assert not note.isVisible()
    # Months paid at enrolment corrected as well: that payment is recomputed, so the note
    # names no month (the next one follows the corrected months).
    income.selectAll()
    qtbot.keyClicks(income, "3.000.000")
    months = w(window, QComboBox, "monthsCombo")
    months.setCurrentIndex(months.findData(3))
    assert note.text() == ("Bulan yang dibayar saat mendaftar ikut diubah: pembayaran "
                           "pendaftaran dihitung ulang dengan iuran baru (lihat rincian).")
    ctrl_s(qtbot, window)
    assert "iuran baru berlaku mulai Februari 2027" in messages[-1]


def test_edit_note_counts_the_payments_recorded_after_enrolment(window, store, qtbot) -> None:
    """The note named only the amount paid at enrolment: a supervisor reading it took the
    member to have paid less than they had."""
    from bpu_desktop.domain.contributions import monthly_contribution
    from bpu_desktop.store.payments import record_payment

    from .conftest import TODAY

    member = enrol(store, 11, "Dewi Lestari")  # November 2026 paid at enrolment
    payment = record_payment(store, member.id, months=3, paid_on=TODAY, channel="bank",
                             today=TODAY)  # December 2026 to February 2027
    assert payment.amount > 0 and member.amount_paid
    page = window.page("peserta")
    page.edit_member(MemberRepository(store).get(member.id))
    income = w(window, QLineEdit, "incomeEdit")
    income.selectAll()
    qtbot.keyClicks(income, "2.500.000")
    note = w(window, QLabel, "rateChangeNote")
    new = monthly_contribution(2_500_000, date(2027, 3, 1), "transport", "self", False,
                               load_rates(store))
    assert note.isVisible()
    assert note.text() == (
        f"Iuran baru {format_rupiah(new.total)} per bulan berlaku mulai Maret 2027 "
        "(pembayaran berikutnya). Yang sudah dibayar "
        f"({format_rupiah(member.amount_paid + payment.amount)}, lunas s.d. Februari 2027) "
        "tidak berubah.")


def _breakdown(window) -> dict[str, tuple[str, str]]:
    """The Rincian iuran rows the officer sees: name -> (per month, total)."""
    rows = {}
    for key in ("jkk", "jkm", "jht", "discount", "total"):
        per_month = w(window, QLabel, f"breakdown_{key}_month")
        total = w(window, QLabel, f"breakdown_{key}")
        if per_month.isVisible() or total.isVisible():
            rows[key] = (per_month.text(), total.text())
    return rows


def _choose(qtbot, combo: QComboBox, text: str) -> None:
    combo.setFocus()
    qtbot.keyClicks(combo, text)


def test_breakdown_per_month_column_shows_every_month_not_the_first(window, qtbot) -> None:
    """UMKM (non-transport) from March 2026 for 3 months: March is before the PP 50/2025
    window (Rp 16.800), April and May are inside it (Rp 8.400)."""
    _choose(qtbot, w(window, QComboBox, "segmentCombo"), "UMKM")
    qtbot.keyClicks(w(window, QLineEdit, "incomeEdit"), "1.000.000")
    _choose(qtbot, w(window, QComboBox, "monthsCombo"), "3")
    start = w(window, QLineEdit, "startMonthEdit")
    start.clear()
    qtbot.keyClicks(start, "03/2026")
    rows = _breakdown(window)
    assert rows["jkk"] == ("Rp 10.000", "Rp 30.000")
    assert rows["jkm"] == ("Rp 6.800", "Rp 20.400")
    assert rows["discount"] == ("- Rp 0 s.d. 8.400", "- Rp 16.800")
    assert rows["total"] == ("Rp 8.400 s.d. 16.800", "Rp 33.600")
    assert "jht" not in rows  # no JHT chosen: no Rp 0 line
    per_month_total = w(window, QLabel, "breakdown_total_month")
    assert per_month_total.toolTip() == (
        "Maret 2026: Rp 16.800\nApril 2026: Rp 8.400\nMei 2026: Rp 8.400")


def test_breakdown_hides_a_discount_of_rp_0(window, qtbot) -> None:
    """Before any discount window (UMKM in January 2026) there is no "- Rp 0" line."""
    _choose(qtbot, w(window, QComboBox, "segmentCombo"), "UMKM")
    qtbot.keyClicks(w(window, QLineEdit, "incomeEdit"), "1.000.000")
    qtbot.mouseClick(w(window, QCheckBox, "jhtCheck"), Qt.MouseButton.LeftButton)
    start = w(window, QLineEdit, "startMonthEdit")
    start.clear()
    qtbot.keyClicks(start, "01/2026")
    rows = _breakdown(window)
    assert "discount" not in rows
    assert rows["jht"] == ("Rp 20.000", "Rp 20.000")
    assert rows["total"] == ("Rp 36.800", "Rp 36.800")
    assert "- Rp 0" not in "".join(label.text() for label in window.findChildren(QLabel)
                                   if label.isVisible())


def test_opening_another_member_asks_about_the_unsaved_changes_first(
        window, store, qtbot, monkeypatch) -> None:
    asked = answer_questions(monkeypatch, None)
    page, member, name = _edit_name(qtbot, window, store, 7, "Ani Lestari", "Ani Wijaya")
    other = enrol(store, 8, "Budi Santoso")
    page.on_search()
    page.edit_member(other)
    assert len(asked) == 1
    assert page.tabs.currentIndex() == 0
    assert page.form.editing.id == member.id and name.text() == "Ani Wijaya"


def test_closing_the_window_on_an_unsaved_edit_asks_and_batal_keeps_it_open(
        window, store, qtbot, monkeypatch) -> None:
    asked = answer_questions(monkeypatch, None)
    page, _member, name = _edit_name(qtbot, window, store, 7, "Ani Lestari", "Nama Lain")
    window.open_page("beranda")
    window.show()
    assert window.close() is False
    assert [a[0] for a in asked] == ["Perubahan belum disimpan"]
    assert window.isVisible()
    assert window.stack.currentWidget() is page and page.tabs.currentIndex() == 0
    assert name.text() == "Nama Lain"


def test_closing_the_window_with_simpan_saves_the_edit_first(
        window, store, qtbot, monkeypatch) -> None:
    answer_questions(monkeypatch, "Simpan")
    _page, member, _name = _edit_name(qtbot, window, store, 7, "Ani Lestari", "Ani Wijaya")
    window.show()
    assert window.close() is True
    assert MemberRepository(store).get(member.id).name == "Ani Wijaya"


def test_closing_on_a_half_typed_new_enrolment_asks_and_buang_closes(
        window, store, qtbot, monkeypatch) -> None:
    asked = answer_questions(monkeypatch, "Buang")
    window.open_page("peserta")
    qtbot.keyClicks(w(window, QLineEdit, "nikEdit"), "3372051508900001")
    qtbot.keyClicks(w(window, QLineEdit, "nameEdit"), "Budi")
    window.show()
    assert window.close() is True
    assert asked == [("Pendaftaran belum disimpan", "Pendaftaran Budi belum disimpan.",
                      ("Simpan", "Buang"))]


def test_closing_on_an_empty_desk_asks_nothing(window, monkeypatch) -> None:
    asked = answer_questions(monkeypatch, None)
    window.open_page("peserta")
    window.show()
    assert window.close() is True
    assert asked == []


def test_a_start_month_years_back_is_refused_next_to_the_field(window, store, qtbot) -> None:
    """Mulai bulan 01/2020 on 20/11/2026: three unpaid months make a membership inactive,
    so the desk says at once how far back a start may be, and Ctrl+S saves nothing."""
    type_person(qtbot, window, nik=nik_for(31), name="Lama Sekali", phone="081234567891")
    enrolled = w(window, QLineEdit, "enrolledOnEdit")
    enrolled.selectAll()
    qtbot.keyClicks(enrolled, "20/11/2026")
    start = w(window, QLineEdit, "startMonthEdit")
    start.selectAll()
    qtbot.keyClicks(start, "01/2020")
    error = w(window, QLabel, "startMonthError")
    expected = ("Bulan mulai paling awal September 2026, 2 bulan sebelum bulan daftar "
                "(tunggakan 3 bulan membuat kepesertaan nonaktif).")
    assert error.isVisible() and error.text() == expected
    assert start.property("invalid") is True
    ctrl_s(qtbot, window)
    assert error.text() == expected
    assert window.focusWidget() is start
    assert MemberRepository(store).count(MemberQuery()) == 0
    # Two months back is allowed, with the note in the saved message.
    start.selectAll()
    qtbot.keyClicks(start, "09/2026")
    assert not error.isVisible()
    with qtbot.waitSignal(window.ctx.signals.members_changed):
        ctrl_s(qtbot, window)
    assert MemberRepository(store).find_by_nik(nik_for(31)).start_month == "2026-09"
    assert "lebih awal dari bulan pendaftaran" in w(window, QLabel, "formMessage").text()


def test_a_later_enrolment_date_flags_a_start_month_left_behind(window, qtbot) -> None:
    start = w(window, QLineEdit, "startMonthEdit")
    start.selectAll()
    qtbot.keyClicks(start, "08/2026")
    error = w(window, QLabel, "startMonthError")
    enrolled = w(window, QLineEdit, "enrolledOnEdit")
    enrolled.selectAll()
    qtbot.keyClicks(enrolled, "01/10/2026")
    assert not error.isVisible()
    enrolled.selectAll()
    qtbot.keyClicks(enrolled, "20/11/2026")
    assert error.isVisible() and error.text().startswith("Bulan mulai paling awal September")


def test_esc_empties_a_typed_enrolment_and_alt_k_brings_it_back(window, store, qtbot) -> None:
    page = window.page("peserta")
    type_person(qtbot, window, nik="3372 0112 0590 0007", name="Siti Aminah",
                phone="0812-3456-7890")
    typed = page.form.raw_input()
    restore = w(window, QPushButton, "restoreClearedButton")
    assert restore.isHidden()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Escape)
    assert w(window, QLineEdit, "nikEdit").text() == ""
    assert w(window, QLabel, "formMessage").text() == (
        "Isian Siti Aminah dikosongkan.")
    assert not restore.isHidden()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert page.form.raw_input() == typed
    assert restore.isHidden() and w(window, QLabel, "formMessage").text() == ""
    ctrl_s(qtbot, window)
    assert MemberRepository(store).find_by_nik("3372011205900007") is not None


def test_typing_the_next_person_drops_what_esc_emptied(window, qtbot) -> None:
    type_person(qtbot, window, nik="3372 0112 0590 0007", name="Siti Aminah",
                phone="0812-3456-7890")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Escape)
    nik = w(window, QLineEdit, "nikEdit")
    qtbot.keyClicks(nik, "3372")
    assert w(window, QPushButton, "restoreClearedButton").isHidden()
    qtbot.keyClick(nik, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert nik.text() == "3372" and w(window, QLineEdit, "nameEdit").text() == ""


def test_names_with_spaces_typed_into_the_lists_keep_the_enter_walk(window, store, qtbot) -> None:
    """"Pasar Kliwon" and "Ojek online" typed whole: the space does not open the list,
    Enter takes the name and moves on, and every later value lands in its own field."""
    kecamatan = w(window, QComboBox, "kecamatanCombo")
    segment = w(window, QComboBox, "segmentCombo")
    nik_edit = w(window, QLineEdit, "nikEdit")
    nik_edit.setFocus()
    nik = nik_for(96, district="337203")
    for text in [nik, "Agus Walk", "081377770096", "Pasar Kliwon", "Kauman", "Kauman RT 5",
                 "Ojek online", "2 jt"]:
        field = window.focusWidget()
        qtbot.keyClicks(field, text)
        assert not kecamatan.view().isVisible() and not segment.view().isVisible()
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert window.focusWidget() is w(window, QCheckBox, "jhtCheck")
    assert kecamatan.currentData() == "33.72.03"
    assert w(window, QComboBox, "kelurahanCombo").currentText() == "Kauman"
    assert w(window, QLineEdit, "addressEdit").text() == "Kauman RT 5"
    assert segment.currentData() == "ojol"
    assert w(window, QLineEdit, "incomeEdit").text() == "2 jt"
    with qtbot.waitSignal(window.ctx.signals.members_changed):
        ctrl_s(qtbot, window)
    member = MemberRepository(store).find_by_nik(nik)
    assert member is not None
    assert (member.kecamatan_code, member.kelurahan, member.segment) == ("33.72.03", "Kauman", "ojol")


def test_a_word_inside_the_name_and_backspace_pick_in_the_list(window, qtbot) -> None:
    segment = w(window, QComboBox, "segmentCombo")
    segment.setFocus()
    qtbot.keyClicks(segment, "online")  # a later word of "Ojek online"
    assert segment.currentData() == "ojol"
    qtbot.keyClick(segment, Qt.Key.Key_Tab)
    kecamatan = w(window, QComboBox, "kecamatanCombo")
    kecamatan.setFocus()
    qtbot.keyClicks(kecamatan, "Pasar Kx")  # x fits nothing: ignored, the choice stays
    assert kecamatan.currentData() == "33.72.03" and not kecamatan.view().isVisible()
    qtbot.keyClick(kecamatan, Qt.Key.Key_Tab)
    kecamatan.setFocus()  # a new search on entering the field
    qtbot.keyClicks(kecamatan, "Jat")
    assert kecamatan.currentText().startswith("Jatiroto")
    qtbot.keyClick(kecamatan, Qt.Key.Key_Backspace)
    qtbot.keyClick(kecamatan, Qt.Key.Key_Backspace)  # "J": the first J, Jebres
    assert kecamatan.currentData() == "33.72.04"


def test_enter_in_a_list_opened_with_alt_down_picks_and_moves_on(window, qtbot) -> None:
    segment = w(window, QComboBox, "segmentCombo")
    segment.setFocus()
    qtbot.keyClick(segment, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(segment.view().isVisible)
    view = segment.view()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    row = view.currentIndex().row()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert not view.isVisible()
    assert segment.currentIndex() == row
    assert window.focusWidget() is w(window, QLineEdit, "incomeEdit")


def _pledge(store, start: date, end: date):  # type: ignore[no-untyped-def]
    from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
    from bpu_desktop.store.sponsors import SponsorRepository

    repo = SponsorRepository(store, today=date(2026, 11, 20))
    sponsor = repo.save_sponsor(validate_sponsor(SponsorInput(name="PT Batik Sejahtera",
                                                              type="swasta"))[1])
    return repo.save_sponsorship(sponsor.id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=start, end=end, funding="sponsor"))


def test_a_sponsor_batch_starts_in_the_pledge_and_refuses_a_month_outside_it(
        window, store, qtbot) -> None:
    """The pledge runs December 2026 to May 2027; today is 20/11/2026."""
    pledge = _pledge(store, date(2026, 12, 1), date(2027, 5, 1))
    window.open_page("peserta", mode="enrol", sponsorship_id=pledge.id,
                     sponsorship_label=pledge.label)
    start = w(window, QLineEdit, "startMonthEdit")
    funding = w(window, QComboBox, "fundingCombo")
    assert (start.text(), funding.currentData()) == ("12/2026", "sponsor")
    type_person(qtbot, window, nik=nik_for(21, female=True), name="Lestari",
                phone="081366660021")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert window.focusWidget() is start
    start.selectAll()
    qtbot.keyClicks(start, "11/2026")  # a month the sponsor never pledged
    error = w(window, QLabel, "startMonthError")
    assert error.isVisible()
    assert error.text() == ("Sponsor menanggung Desember 2026 s.d. Mei 2027; November 2026 "
                            "di luar masa tanggungan. Ubah bulan mulai, atau sumber dana bila "
                            "peserta membayar sendiri.")
    ctrl_s(qtbot, window)
    assert MemberRepository(store).count(MemberQuery()) == 0
    assert window.focusWidget() is start
    start.selectAll()
    qtbot.keyClicks(start, "12/2026")
    assert not error.isVisible()
    ctrl_s(qtbot, window)
    member = MemberRepository(store).find_by_nik(nik_for(21, female=True))
    assert member is not None
    assert (member.start_month, member.funding, member.sponsorship_id) == (
        "2026-12", "sponsor", pledge.id)
    assert start.text() == "12/2026"  # the next person starts in the pledge too


def test_a_running_pledge_starts_this_month_and_a_self_paid_month_before_is_allowed(
        window, store, qtbot) -> None:
    pledge = _pledge(store, date(2026, 10, 1), date(2027, 3, 1))
    window.open_page("peserta", mode="enrol", sponsorship_id=pledge.id,
                     sponsorship_label=pledge.label)
    start = w(window, QLineEdit, "startMonthEdit")
    assert start.text() == "11/2026"
    start.selectAll()
    qtbot.keyClicks(start, "09/2026")
    assert "di luar masa tanggungan" in w(window, QLabel, "startMonthError").text()
    funding = w(window, QComboBox, "fundingCombo")
    funding.setFocus()
    qtbot.keyClicks(funding, "Mandiri")  # the worker pays that month himself
    assert funding.currentData() == "self"
    assert w(window, QLabel, "startMonthError").text() == ""


@pytest.mark.parametrize("typed", ["Ps. Kliwon", "Psr Kliwon", "Pasarkliwon"])
def test_kecamatan_abbreviations_typed_at_the_desk_pick_pasar_kliwon(window, qtbot,
                                                                     typed) -> None:
    kecamatan = w(window, QComboBox, "kecamatanCombo")
    kecamatan.setFocus()
    qtbot.keyClicks(kecamatan, typed)
    assert kecamatan.currentData() == "33.72.03"


def test_dates_typed_as_digits_only_are_taken(window, store, qtbot) -> None:
    """Tanggal daftar 20112026 and Mulai bulan 112026, typed on a number pad."""
    type_person(qtbot, window, nik=nik_for(32), name="Angka Saja", phone="081234567892")
    enrolled = w(window, QLineEdit, "enrolledOnEdit")
    enrolled.selectAll()
    qtbot.keyClicks(enrolled, "20112026")
    start = w(window, QLineEdit, "startMonthEdit")
    start.selectAll()
    qtbot.keyClicks(start, "112026")
    assert not w(window, QLabel, "startMonthError").isVisible()
    with qtbot.waitSignal(window.ctx.signals.members_changed):
        ctrl_s(qtbot, window)
    saved = MemberRepository(store).find_by_nik(nik_for(32))
    assert (saved.start_month, saved.enrolled_on) == ("2026-11", "2026-11-20")

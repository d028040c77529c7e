"""Kegiatan page: an officer records an event, then keys three attendees from it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bpu_desktop.store.events import EventQuery, EventRepository
from bpu_desktop.ui.event_table_model import EventTableModel
from bpu_desktop.ui.kegiatan_page import KegiatanPage
from tests.store.outreach_helpers import NAMES, enrol, nik

from .conftest import (
    answer_questions,
    click_header,
    click_row,
    selected_rows,
    wait_questions,
)

TODAY = date(2026, 5, 20)


@pytest.fixture
def ctx(recording_ctx):
    return recording_ctx


def type_event(qtbot, page):
    form = page.form
    form.held_on.setFocus()
    qtbot.keyClicks(form.time, "9.30")
    form.kecamatan.setCurrentIndex(form.kecamatan.findText("Banjarsari"))
    form.kelurahan.setCurrentText("")
    qtbot.keyClicks(form.kelurahan.lineEdit(), "Banjarsari")
    qtbot.keyClicks(form.venue, "Kantor Kelurahan Banjarsari")
    qtbot.keyClicks(form.new_partner, "Paguyuban Pedagang Pasar Legi")
    qtbot.keyClick(form.new_partner, Qt.Key.Key_Return)
    form.attendees.selectAll()
    qtbot.keyClicks(form.attendees, "40")


def test_create_event_and_key_three_attendees(qtbot, ctx, store):
    page = KegiatanPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    page.form.held_on.setDate(page.form.held_on.date().fromString("15/05/2026", "dd/MM/yyyy"))
    type_event(qtbot, page)
    with qtbot.waitSignal(ctx.signals.events_changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 1
    cells = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert cells[:6] == ["15/05/2026", "09:30", "Banjarsari", "Banjarsari",
                         "Kantor Kelurahan Banjarsari", "Sosialisasi"]
    assert "Paguyuban Pedagang Pasar Legi" in cells[6]
    assert cells[7:] == ["40", "0", "0,0%"]

    qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
    key, kwargs = ctx.extras["opened"][-1]
    event_id = EventRepository(store).page(page.model.query, 0, 1)[0].id
    assert key == "peserta"
    assert kwargs == {"mode": "enrol", "event_id": event_id,
                      "event_label": "Kantor Kelurahan Banjarsari (15/05/2026)",
                      "enrolled_on": date(2026, 5, 15), "kecamatan_code": "33.72.05",
                      "kelurahan": "Banjarsari"}
    # The desk (another page) saves three attendees with the sticky event, then says so.
    for i in (1, 2, 3):
        enrol(store, nik(i), f"Peserta {NAMES[i]}", event_id=kwargs["event_id"],
              enrolled_on="15/05/2026")
    ctx.signals.members_changed.emit()
    assert [page.model.index(0, c).data() for c in (7, 8, 9)] == ["40", "3", "7,5%"]
    assert page.stats.text() == "Hadir 40 · mendaftar 3 · konversi 7,5%"
    # The new partner is offered in the filter (and the form) from now on.
    assert page.partner.findText("Paguyuban Pedagang Pasar Legi") > 0


def test_errors_show_next_to_fields_and_nothing_is_saved(qtbot, ctx, store):
    page = KegiatanPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    qtbot.keyClicks(page.form.time, "25.00")
    page.on_save()  # what the window's Ctrl+S calls
    assert page.form.errors["venue"].text() == "Tempat kegiatan wajib diisi."
    assert not page.form.errors["venue"].isHidden()
    assert "jj:mm" in page.form.errors["time"].text()
    assert EventRepository(store).count() == 0


def test_fewer_attendees_than_enrolled_is_refused_next_to_the_field(qtbot, ctx, store):
    page = KegiatanPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    page.form.held_on.setDate(page.form.held_on.date().fromString("15/05/2026", "dd/MM/yyyy"))
    type_event(qtbot, page)
    assert page.on_save()
    event_id = page._current.id
    for i in (1, 2):
        enrol(store, nik(i), f"Peserta {NAMES[i]}", event_id=event_id, enrolled_on="15/05/2026")
    ctx.signals.members_changed.emit()
    page.form.attendees.selectAll()
    qtbot.keyClicks(page.form.attendees, "1")
    assert not page.on_save()  # what the window's Ctrl+S calls
    assert page.form.errors["attendees"].text() == (
        "Jumlah hadir (1) lebih sedikit dari peserta yang sudah didaftarkan dari kegiatan "
        "ini (2).")
    assert not page.form.errors["attendees"].isHidden()
    assert EventRepository(store).get(event_id).attendees == 40  # nothing saved
    assert [page.model.index(0, c).data() for c in (7, 8, 9)] == ["40", "2", "5,0%"]
    # Two (or more, or 0: not counted) is fine.
    page.form.attendees.selectAll()
    qtbot.keyClicks(page.form.attendees, "2")
    assert page.on_save()
    assert EventRepository(store).get(event_id).attendees == 2


def test_filter_by_month(qtbot, ctx, store):
    page = KegiatanPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    page.form.held_on.setDate(page.form.held_on.date().fromString("02/04/2026", "dd/MM/yyyy"))
    type_event(qtbot, page)
    page.on_save()
    page.month.setCurrentIndex(page.month.findText("Mei 2026"))
    assert page.model.rowCount() == 0
    assert page.summary.text() == "0 kegiatan"
    page.month.setCurrentIndex(page.month.findText("April 2026"))
    assert page.model.rowCount() == 1


def test_event_model_passes_modeltester(qtmodeltester, store):
    from tests.store.test_events import event
    repo = EventRepository(store)
    for i in range(5):
        repo.save(event(attendees=10 + i))
    model = EventTableModel(repo)
    model.reload()
    qtmodeltester.check(model)
    model.sort(7, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 7).data() == "14"


def test_closing_the_window_on_a_typed_event_asks_batal_keeps_it(window, qtbot, monkeypatch):
    asked = answer_questions(monkeypatch, None)
    window.open_page("kegiatan")
    page = window.page("kegiatan")
    type_event(qtbot, page)
    window.open_page("beranda")
    assert window.close() is False
    assert asked == [("Kegiatan belum disimpan",
                      "Perubahan pada kegiatan baru belum disimpan.", ("Simpan", "Buang"))]
    assert window.stack.currentWidget() is page
    assert page.form.venue.text() == "Kantor Kelurahan Banjarsari"


def test_closing_the_window_with_simpan_saves_the_event(window, qtbot, store, monkeypatch):
    answer_questions(monkeypatch, "Simpan")
    window.open_page("kegiatan")
    type_event(qtbot, window.page("kegiatan"))
    assert window.close() is True
    assert EventRepository(store).count() == 1


def test_an_untouched_form_asks_nothing_on_close(window, monkeypatch):
    asked = answer_questions(monkeypatch, None)
    window.open_page("kegiatan")
    window.ctx.store.set_officer("Petugas Baru")  # the form follows the new name by itself
    window.ctx.signals.officer_changed.emit()
    assert window.close() is True and asked == []


def test_a_saved_event_asks_nothing_on_close(window, qtbot, store, monkeypatch):
    asked = answer_questions(monkeypatch, None)
    window.open_page("kegiatan")
    page = window.page("kegiatan")
    type_event(qtbot, page)
    assert page.on_save() is True
    assert window.close() is True and asked == []


@pytest.fixture
def events_page(window, store):
    """Three saved events, listed newest first: Pasar Legi, Pasar Gede, Pasar Kliwon."""
    from tests.store.test_events import event
    repo = EventRepository(store)
    for day, venue in ((12, "Pasar Legi"), (11, "Pasar Gede"), (10, "Pasar Kliwon")):
        repo.save(event(held_on=f"{day}/05/2026", venue=venue))
    window.open_page("kegiatan")
    return window.page("kegiatan")


def saved_venues(store):
    return sorted(r.venue for r in EventRepository(store).page(EventQuery(), 0, 10))


def test_picking_another_event_over_typing_asks_once_and_batal_stays(events_page, qtbot,
                                                                     monkeypatch):
    page = events_page
    asked = answer_questions(monkeypatch, None)
    click_row(qtbot, page.table, 0)
    qtbot.keyClicks(page.form.venue, " Timur")
    click_row(qtbot, page.table, 1)
    wait_questions(qtbot, asked, 1)
    assert asked == [("Kegiatan belum disimpan", "Perubahan pada kegiatan Pasar Legi "
                      "(12/05/2026) belum disimpan.", ("Simpan", "Buang"))]
    assert page.form.venue.text() == "Pasar Legi Timur"
    assert selected_rows(page.table) == (0, [0])
    # The arrow keys past two rows: one question, the selection back on the edited row.
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    wait_questions(qtbot, asked, 2)
    assert selected_rows(page.table) == (0, [0])
    assert page.form.venue.text() == "Pasar Legi Timur"


@pytest.mark.parametrize(("choice", "saved"), [("Buang", "Pasar Legi"),
                                               ("Simpan", "Pasar Legi Timur")])
def test_buang_or_simpan_then_opens_the_picked_event(events_page, qtbot, monkeypatch, store,
                                                     choice, saved):
    page = events_page
    asked = answer_questions(monkeypatch, choice)
    click_row(qtbot, page.table, 0)
    qtbot.keyClicks(page.form.venue, " Timur")
    click_row(qtbot, page.table, 1)
    qtbot.waitUntil(lambda: page.form.venue.text() == "Pasar Gede")
    assert len(asked) == 1
    assert page.form_title.text() == "Ubah: Pasar Gede (11/05/2026)"
    assert selected_rows(page.table) == (1, [1])
    assert saved_venues(store) == sorted([saved, "Pasar Gede", "Pasar Kliwon"])
    assert not page.form.has_unsaved_changes()


def test_a_refused_save_stays_with_the_message_next_to_the_field(events_page, qtbot,
                                                                 monkeypatch, store):
    page = events_page
    asked = answer_questions(monkeypatch, "Simpan")
    click_row(qtbot, page.table, 0)
    page.form.venue.selectAll()
    qtbot.keyClick(page.form.venue, Qt.Key.Key_Backspace)
    click_row(qtbot, page.table, 1)
    wait_questions(qtbot, asked, 1)
    assert page.form.errors["venue"].text() == "Tempat kegiatan wajib diisi."
    assert not page.form.errors["venue"].isHidden()
    assert selected_rows(page.table) == (0, [0]) and page.form.venue.text() == ""
    assert "Pasar Legi" in saved_venues(store)


def test_baru_and_ctrl_n_ask_before_emptying_the_form(events_page, qtbot, monkeypatch):
    page = events_page
    asked = answer_questions(monkeypatch, None)
    click_row(qtbot, page.table, 0)
    qtbot.keyClicks(page.form.venue, " Timur")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(page.form.venue, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 2 and page.form.venue.text() == "Pasar Legi Timur"
    answer_questions(monkeypatch, "Buang")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.form.venue.text() == "" and page.form_title.text() == "Kegiatan baru"
    assert selected_rows(page.table) == (-1, [])
    # A new event typed, then a row picked: Batal leaves no row selected.
    asked = answer_questions(monkeypatch, None)
    qtbot.keyClicks(page.form.venue, "Balai RW 05")
    click_row(qtbot, page.table, 2)
    wait_questions(qtbot, asked, 1)
    assert asked[0][1] == "Perubahan pada kegiatan baru belum disimpan."
    assert selected_rows(page.table) == (-1, []) and page.form.venue.text() == "Balai RW 05"


def test_opening_events_one_after_another_asks_nothing(events_page, qtbot, monkeypatch):
    page = events_page
    asked = answer_questions(monkeypatch, None)
    click_row(qtbot, page.table, 0)
    click_row(qtbot, page.table, 1)
    wait_questions(qtbot, asked, 0)
    assert page.form.venue.text() == "Pasar Gede"
    # A save leaves nothing unsaved: the next row and Baru open without a question.
    qtbot.keyClicks(page.form.venue, " Timur")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert selected_rows(page.table) == (1, [1])
    click_row(qtbot, page.table, 2)
    wait_questions(qtbot, asked, 0)
    assert page.form.venue.text() == "Pasar Kliwon"
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert asked == [] and page.form.venue.text() == ""


def test_the_edited_event_stays_highlighted_after_a_filter_or_a_sort(events_page, qtbot,
                                                                   monkeypatch):
    """The list reloads; the row being edited is selected again when it is still listed,
    without a question and without reloading the form (the typing stays)."""
    page = events_page
    asked = answer_questions(monkeypatch, None)
    click_row(qtbot, page.table, 0)
    qtbot.keyClicks(page.form.venue, " Timur")
    qtbot.keyClicks(page.search, "Pasar")
    assert page.model.rowCount() == 3 and selected_rows(page.table) == (0, [0])
    click_header(qtbot, page.table, 4)  # Tempat: Gede, Kliwon, Legi
    assert [page.model.row_at(r).venue for r in range(3)] == [
        "Pasar Gede", "Pasar Kliwon", "Pasar Legi"]
    assert selected_rows(page.table) == (2, [2])
    page.search.clear()
    qtbot.keyClicks(page.search, "Gede")  # filtered out: nothing highlighted
    assert page.model.rowCount() == 1 and selected_rows(page.table) == (-1, [])
    page.search.clear()
    assert selected_rows(page.table) == (2, [2])
    page.month.setCurrentIndex(page.month.findText("Mei 2026"))
    assert selected_rows(page.table) == (2, [2])
    wait_questions(qtbot, asked, 0)
    assert page.form.venue.text() == "Pasar Legi Timur" and page.form.has_unsaved_changes()
    assert page.form_title.text() == "Ubah: Pasar Legi (12/05/2026)"


def change_elsewhere(store, page, row: int, **changes):
    """Another window or laptop (a merge, a restore) saves the listed event at `row` with
    `changes`; returns its id."""
    from tests.store.test_events import event
    listed = page.model.row_at(row)
    values = dict(held_on=listed.held_date.strftime("%d/%m/%Y"), venue=listed.venue)
    EventRepository(store).save(event(**{**values, **changes}), listed.id)
    return listed.id


def shown_errors(monkeypatch) -> list[str]:
    from bpu_desktop.ui import error_handler
    messages: list[str] = []
    monkeypatch.setattr(error_handler, "show_error", lambda _parent, text: messages.append(text))
    return messages


@pytest.mark.parametrize("signal", ["events_changed", "members_changed", "data_replaced"])
def test_a_refresh_shows_a_change_made_elsewhere_in_an_untyped_form(events_page, qtbot,
                                                                    monkeypatch, store,
                                                                    signal):
    page = events_page
    asked = answer_questions(monkeypatch, None)
    click_row(qtbot, page.table, 0)
    change_elsewhere(store, page, 0, attendees=55, notes="dipindah ke aula")
    getattr(page.ctx.signals, signal).emit()
    wait_questions(qtbot, asked, 0)
    assert page.form.attendees.value() == 55
    assert page.form.notes.toPlainText() == "dipindah ke aula"
    assert page.stats.text() == "Hadir 55 · mendaftar 0 · konversi 0,0%"
    assert not page.form.has_unsaved_changes() and selected_rows(page.table) == (0, [0])
    # Simpan after it saves over the version shown, not a stale one.
    qtbot.keyClicks(page.form.venue, " Timur")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = EventRepository(store).get(page.model.row_at(0).id)
    assert (saved.venue, saved.attendees, saved.notes) == ("Pasar Legi Timur", 55,
                                                           "dipindah ke aula")


def test_a_refresh_keeps_the_typing_and_simpan_does_not_overwrite_a_change_made_elsewhere(
        events_page, qtbot, monkeypatch, store):
    """The typing stays, on the version it was typed over; the list and the counts show
    the change; Simpan is refused ("diubah di tempat lain") instead of undoing it."""
    page = events_page
    asked = answer_questions(monkeypatch, None)
    errors = shown_errors(monkeypatch)
    click_row(qtbot, page.table, 0)
    qtbot.keyClicks(page.form.venue, " Timur")
    event_id = change_elsewhere(store, page, 0, attendees=55)
    page.ctx.signals.events_changed.emit()
    wait_questions(qtbot, asked, 0)
    assert page.form.venue.text() == "Pasar Legi Timur" and page.form.has_unsaved_changes()
    assert page.form.attendees.value() == 40  # what the typing was made over
    assert page.model.index(0, 7).data() == "55"
    assert page.stats.text() == "Hadir 55 · mendaftar 0 · konversi 0,0%"
    assert selected_rows(page.table) == (0, [0])
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and "diubah di tempat lain" in errors[0]
    saved = EventRepository(store).get(event_id)
    assert (saved.venue, saved.attendees, saved.version) == ("Pasar Legi", 55, 2)
    assert page.form.venue.text() == "Pasar Legi Timur"


def test_an_event_deleted_elsewhere_empties_an_untyped_form_and_refuses_typing(
        events_page, qtbot, monkeypatch, store):
    page = events_page
    answer_questions(monkeypatch, "Buang")
    errors = shown_errors(monkeypatch)
    repo = EventRepository(store)
    click_row(qtbot, page.table, 0)
    repo.delete(page.model.row_at(0).id)
    page.ctx.signals.data_replaced.emit()
    assert page.form.venue.text() == "" and page.form_title.text() == "Kegiatan baru"
    assert selected_rows(page.table) == (-1, []) and not page.delete_button.isEnabled()
    # Typing over an event deleted meanwhile is not saved as a new event.
    click_row(qtbot, page.table, 0)
    qtbot.waitUntil(lambda: page.form.venue.text() == "Pasar Gede")
    qtbot.keyClicks(page.form.venue, " Timur")
    gede = page.model.row_at(0).id
    repo.delete(gede)
    page.ctx.signals.events_changed.emit()
    assert page.form.venue.text() == "Pasar Gede Timur"
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and "dihapus" in errors[0]
    assert saved_venues(store) == ["Pasar Kliwon"]


def test_tab_leaves_the_date_at_once(qtbot, ctx):
    """Tab goes on to Jam: the date's day, month and year are not three stops."""
    page = KegiatanPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.form.held_on.setFocus()
    qtbot.waitUntil(page.form.held_on.hasFocus)
    qtbot.keyClick(page.form.held_on, Qt.Key.Key_Tab)
    assert page.form.time.hasFocus()
    qtbot.keyClick(page.form.time, Qt.Key.Key_Backtab)
    assert page.form.held_on.hasFocus()


def test_esc_over_typing_asks_before_emptying_the_form(window, qtbot, monkeypatch):
    """Esc at a crowded table is easily pressed: an event half typed is emptied only on
    "Buang"; Batal (or a second Esc) keeps every field."""
    window.open_page("kegiatan")
    page = window.page("kegiatan")
    form = page.form
    form.venue.setFocus()
    qtbot.keyClicks(form.venue, "Kantor Kelurahan Jebres")
    asked = answer_questions(monkeypatch, None)
    qtbot.keyClick(form.venue, Qt.Key.Key_Escape)
    assert asked == [("Buang perubahan?",
                      "Isian kegiatan yang belum disimpan akan dibuang.", ("Buang",))]
    assert form.venue.text() == "Kantor Kelurahan Jebres"
    asked = answer_questions(monkeypatch, "Buang")
    qtbot.keyClick(form.venue, Qt.Key.Key_Escape)
    assert len(asked) == 1 and form.venue.text() == ""
    qtbot.keyClick(form.venue, Qt.Key.Key_Escape)  # nothing typed: nothing asked
    assert len(asked) == 1


def _event_at(qtbot, page, kecamatan: str, kelurahan: str) -> None:
    """The event typed as an officer does: the kecamatan's name typed into its list."""
    form = page.form
    form.kecamatan.setFocus()
    qtbot.keyClicks(form.kecamatan, kecamatan)
    qtbot.keyClick(form.kecamatan, Qt.Key.Key_Tab)
    form.kelurahan.lineEdit().selectAll()
    qtbot.keyClicks(form.kelurahan.lineEdit(), kelurahan)
    qtbot.keyClicks(form.venue, "Balai RW 3")
    form.attendees.selectAll()
    qtbot.keyClicks(form.attendees, "25")


@pytest.mark.parametrize(("kecamatan", "typed", "message"), [
    ("Laweyan", "Sewu", "Sewu ada di Kecamatan Jebres, bukan Laweyan."),
    ("Laweyan", "Pasar", "Kelurahan tidak ada di Kecamatan Laweyan."),
    ("Pasar Kliwon", "Kaumn",
     "Kelurahan 'Kaumn' tidak ada di Kecamatan Pasar Kliwon; mungkin maksudnya 'Kauman'? "
     "Perbaiki ejaannya."),
])
def test_a_kelurahan_the_desk_would_refuse_is_refused_next_to_the_field(
        qtbot, ctx, store, monkeypatch, kecamatan, typed, message):
    asked = answer_questions(monkeypatch, "Tambahkan")  # were it asked, it would be added
    page = KegiatanPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    _event_at(qtbot, page, kecamatan, typed)
    assert not page.on_save()
    assert page.form.errors["kelurahan"].text() == message
    assert not page.form.errors["kelurahan"].isHidden()
    assert EventRepository(store).count() == 0 and asked == []


def test_a_listed_kelurahan_is_saved_as_listed_and_carried_to_the_desk(qtbot, ctx, store):
    page = KegiatanPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    _event_at(qtbot, page, "Pasar Kliwon", "kel. kauman")
    assert page.on_save()
    page.enrol_button.click()
    _key, kwargs = ctx.extras["opened"][-1]
    assert (kwargs["kecamatan_code"], kwargs["kelurahan"]) == ("33.72.03", "Kauman")


def test_a_wonogiri_desa_is_added_with_the_event_only_as_the_desk_adds_it(
        qtbot, ctx, store, monkeypatch):
    from bpu_desktop.store.reference import add_kelurahan, kelurahan_by_kecamatan

    add_kelurahan(store, "33.12.11", "Jaten")
    page = KegiatanPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    # A letter off Jaten: Batal (Enter's answer) leaves the likely name by the field.
    asked = answer_questions(monkeypatch, None)
    _event_at(qtbot, page, "Selogiri", "Jatem")
    assert not page.on_save()
    [(_title, text, options)] = asked
    assert "mungkin maksudnya “Jaten”?" in text and options == ("Desa lain, tambahkan",)
    assert "mungkin maksudnya 'Jaten'?" in page.form.errors["kelurahan"].text()
    assert EventRepository(store).count() == 0
    assert kelurahan_by_kecamatan(store)["33.12.11"] == ["Jaten"]
    # Said deliberately to be another desa: added with the event.
    answer_questions(monkeypatch, "Desa lain, tambahkan")
    assert page.on_save()
    assert kelurahan_by_kecamatan(store)["33.12.11"] == ["Jatem", "Jaten"]
    assert EventRepository(store).get(page._current.id).kelurahan == "Jatem"
    # A desa far from any listed one: the desk's plain question.
    asked = answer_questions(monkeypatch, "Tambahkan")
    page.on_new()
    _event_at(qtbot, page, "Selogiri", "Kaliancar")
    assert page.on_save()
    assert asked[0][1] == ("“Kaliancar” belum ada di daftar Kecamatan Selogiri.\n"
                           "Tambahkan ke daftar dan simpan kegiatan ini?")
    assert "Kaliancar" in kelurahan_by_kecamatan(store)["33.12.11"]


@pytest.mark.parametrize("select_all", [True, False])
@pytest.mark.parametrize("typed", ["15/05/2026", "15052026", "1/5/2026", "15.5.2026"])
def test_a_date_typed_over_the_date_replaces_it(qtbot, ctx, store, typed, select_all):
    page = KegiatanPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    held_on = page.form.held_on
    held_on.setDate(held_on.date().fromString("20/05/2026", "dd/MM/yyyy"))
    held_on.setFocus()
    qtbot.waitUntil(held_on.hasFocus)
    if select_all:
        qtbot.keyClick(held_on, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(held_on, typed)
    qtbot.keyClick(held_on, Qt.Key.Key_Tab)
    expected = "01/05/2026" if typed == "1/5/2026" else "15/05/2026"
    assert held_on.date().toString("dd/MM/yyyy") == expected
    assert page.form.time.hasFocus()
    _event_at(qtbot, page, "Pasar Kliwon", "Kauman")
    assert page.on_save()
    assert EventRepository(store).get(page._current.id).held_on == (
        "2026-05-01" if typed == "1/5/2026" else "2026-05-15")

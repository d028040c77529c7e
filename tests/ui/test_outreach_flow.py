"""From an event to its attendees, through the real window: Kegiatan → Daftarkan peserta
→ the desk keeps the event sticky → the event list counts who enrolled."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from bpu_desktop.store.members import MemberQuery, MemberRepository

from .conftest import nik_for


def test_three_attendees_keyed_from_an_event_are_counted(window, store, qtbot) -> None:
    window.open_page("kegiatan")
    kegiatan = window.page("kegiatan")
    kegiatan.month.setCurrentIndex(0)  # Semua bulan
    form = kegiatan.form
    form.held_on.setDate(QDate(2026, 11, 14))
    form.kecamatan.setCurrentIndex(form.kecamatan.findText("Laweyan"))
    form.kelurahan.setCurrentText("")
    qtbot.keyClicks(form.kelurahan.lineEdit(), "Jajar")
    qtbot.keyClicks(form.venue, "Pasar Jongke")
    form.attendees.selectAll()
    qtbot.keyClicks(form.attendees, "25")
    qtbot.mouseClick(kegiatan.save_button, Qt.MouseButton.LeftButton)
    assert kegiatan.model.rowCount() == 1

    kegiatan.table.selectRow(0)
    qtbot.mouseClick(kegiatan.enrol_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.page("peserta")
    sticky = window.page("peserta").findChild(QLabel, "stickyLabel")
    assert "Pasar Jongke" in sticky.text()

    peserta = window.page("peserta")

    def field(cls, name):
        return peserta.findChild(cls, name)

    for serial, name in ((21, "Ani Wulandari"), (22, "Bagus Saputro"), (23, "Citra Lestari")):
        # Type into each named field (Tab/Enter order is covered by test_enrolment_form).
        qtbot.keyClicks(field(QLineEdit, "nikEdit"), nik_for(serial))
        qtbot.keyClicks(field(QLineEdit, "nameEdit"), name)
        qtbot.keyClicks(field(QLineEdit, "phoneEdit"), f"0813{serial:08d}")
        segment = field(QComboBox, "segmentCombo")
        segment.setCurrentIndex(segment.findData("ojol"))
        qtbot.keyClicks(field(QLineEdit, "incomeEdit"), "1.500.000")
        qtbot.keyClick(field(QLineEdit, "incomeEdit"), Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier)
        assert MemberRepository(store).find_by_nik(nik_for(serial)) is not None, name
        # Sticky: the event, its date and area stay for the next person.
        assert field(QComboBox, "kelurahanCombo").currentText() == "Jajar"

    repo = MemberRepository(store)
    event_id = repo.find_by_nik(nik_for(21)).event_id
    assert event_id
    assert repo.count(MemberQuery(event_id=event_id)) == 3
    assert {r.enrolled_on for r in repo.page(MemberQuery(event_id=event_id), 0, 10)} == {
        "2026-11-14"}
    # The event list counts them (enrolled is counted, never typed): 3 of 25 = 12%.
    cells = [kegiatan.model.index(0, c).data() for c in range(kegiatan.model.columnCount())]
    assert cells[-3:] == ["25", "3", "12,0%"]

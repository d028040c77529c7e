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


def test_an_event_saved_without_attendance_warns_once_someone_enrols(
        window, store, qtbot) -> None:
    """Kegiatan saved with Hadir 0 (not counted yet); a person enrolled from it at the desk:
    the desk saves and says the attendance is below the enrolments, the event's form says
    it next to Jumlah hadir, and a count that covers them clears it."""
    window.open_page("kegiatan")
    kegiatan = window.page("kegiatan")
    kegiatan.month.setCurrentIndex(0)  # Semua bulan
    form = kegiatan.form
    form.held_on.setDate(QDate(2026, 11, 14))
    form.kecamatan.setCurrentIndex(form.kecamatan.findText("Laweyan"))
    form.kelurahan.setCurrentText("")
    qtbot.keyClicks(form.kelurahan.lineEdit(), "Jajar")
    qtbot.keyClicks(form.venue, "Pasar Jongke")
    qtbot.mouseClick(kegiatan.save_button, Qt.MouseButton.LeftButton)
    assert kegiatan.model.rowCount() == 1
    warning = form.findChild(QLabel, "event_attendees_warning")
    assert warning.isHidden()  # nobody enrolled yet: 0 is "not counted"

    kegiatan.table.selectRow(0)
    qtbot.mouseClick(kegiatan.enrol_button, Qt.MouseButton.LeftButton)
    peserta = window.page("peserta")

    def field(cls, name):
        return peserta.findChild(cls, name)

    qtbot.keyClicks(field(QLineEdit, "nikEdit"), nik_for(21))
    qtbot.keyClicks(field(QLineEdit, "nameEdit"), "Ani Wulandari")
    qtbot.keyClicks(field(QLineEdit, "phoneEdit"), "081300000021")
    segment = field(QComboBox, "segmentCombo")
    segment.setCurrentIndex(segment.findData("ojol"))
    qtbot.keyClicks(field(QLineEdit, "incomeEdit"), "1.500.000")
    qtbot.keyClick(field(QLineEdit, "incomeEdit"), Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier)
    assert MemberRepository(store).find_by_nik(nik_for(21)) is not None  # never blocked
    message = field(QLabel, "formMessage")
    assert message.text().startswith("Tersimpan: Ani Wulandari")
    assert ("Jumlah hadir (0) lebih kecil dari yang mendaftar (1): perbarui jumlah hadir."
            in message.text())
    assert message.property("role") == "warning"

    window.open_page("kegiatan")
    assert kegiatan.stats.text() == "Hadir 0 · mendaftar 1 · konversi -"
    assert not warning.isHidden()
    assert warning.text() == ("Jumlah hadir (0) lebih kecil dari yang mendaftar (1): "
                              "perbarui jumlah hadir.")
    # Saving it as it is (e.g. a note changed) keeps the warning next to the field.
    qtbot.keyClicks(form.notes, "x")
    qtbot.mouseClick(kegiatan.save_button, Qt.MouseButton.LeftButton)
    assert not warning.isHidden()
    form.attendees.selectAll()
    qtbot.keyClicks(form.attendees, "12")
    assert warning.isHidden()  # as typed
    qtbot.mouseClick(kegiatan.save_button, Qt.MouseButton.LeftButton)
    assert kegiatan.stats.text() == "Hadir 12 · mendaftar 1 · konversi 8,3%"
    assert warning.isHidden()

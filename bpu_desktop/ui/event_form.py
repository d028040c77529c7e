"""The event form: every field keyboard-reachable, each error shown next to its field."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.events import EVENT_KINDS, MAX_ATTENDEES, EventInput, attendance_note
from bpu_desktop.domain.regions import kecamatan_list
from bpu_desktop.domain.segments import Segment
from bpu_desktop.store.events import EventRow

from .date_edit import DateEdit
from .typed_combo import TypedCombo
from .village_combo import set_village_items


def _checked(widget: QListWidget) -> list[str]:
    return [str(widget.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


def _add_check(widget: QListWidget, label: str, value: str, checked: bool) -> None:
    item = QListWidgetItem(label)
    item.setToolTip(label)
    item.setData(Qt.ItemDataRole.UserRole, value)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    widget.addItem(item)


def _elide(widget: QListWidget) -> None:
    """Long names end in "…" (full name in the tooltip) instead of a sideways scroll bar."""
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)


class EventForm(QWidget):
    FIELDS = ("held_on", "time", "kecamatan", "kelurahan", "venue", "kind", "attendees")

    def __init__(self, *, kelurahan: dict[str, list[str]], segments: list[Segment],
                 partners: list[str], officer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kelurahan = kelurahan
        self._officer = officer
        self._loaded: EventInput | None = None  # what `load` put in the fields
        self._enrolled = 0  # members enrolled from the event opened (0: a new one)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)

        self.held_on = DateEdit(objectName="event_held_on", calendarPopup=True)
        self.held_on.setDisplayFormat("dd/MM/yyyy")
        self.held_on.setDate(QDate.currentDate())
        self.time = QLineEdit(objectName="event_time", placeholderText="09:00")
        self.time.setMaximumWidth(90)
        when = QHBoxLayout()
        when.addWidget(self.held_on)
        when.addWidget(QLabel("Jam"))
        when.addWidget(self.time)
        when.addStretch()
        self._row(form, "Tanggal", when, "held_on", extra="time")

        self.kecamatan = TypedCombo(objectName="event_kecamatan")  # "Pasar Kliwon" typed
        for k in kecamatan_list():
            self.kecamatan.addItem(k.name, k.code)
        self.kelurahan = QComboBox(objectName="event_kelurahan", editable=True)
        self.kecamatan.currentIndexChanged.connect(self._fill_kelurahan)
        self._row(form, "Kecamatan", self.kecamatan, "kecamatan")
        self._row(form, "Kelurahan/Desa", self.kelurahan, "kelurahan")
        self.venue = QLineEdit(objectName="event_venue",
                               placeholderText="mis. Pasar Klewer, Kantor Kelurahan")
        self._row(form, "Tempat", self.venue, "venue")
        self.kind = QComboBox(objectName="event_kind")
        for code, label in EVENT_KINDS.items():
            self.kind.addItem(label, code)
        self._row(form, "Jenis", self.kind, "kind")

        self.partners = QListWidget(objectName="event_partners")
        self.partners.setMaximumHeight(88)
        _elide(self.partners)
        self.new_partner = QLineEdit(objectName="event_new_partner",
                                     placeholderText="Mitra lain (ketik lalu Enter)")
        self.add_partner = QPushButton("Tambah", objectName="event_add_partner")
        self.add_partner.clicked.connect(self._add_typed_partner)
        self.new_partner.returnPressed.connect(self._add_typed_partner)
        partner_box = QVBoxLayout()
        partner_box.addWidget(self.partners)
        typed = QHBoxLayout()
        typed.addWidget(self.new_partner)
        typed.addWidget(self.add_partner)
        partner_box.addLayout(typed)
        form.addRow("Mitra", partner_box)
        for name in partners:
            _add_check(self.partners, name, name, False)

        self.segments = QListWidget(objectName="event_segments")
        self.segments.setMaximumHeight(88)
        _elide(self.segments)
        for s in segments:
            _add_check(self.segments, s.name, s.code, False)
        form.addRow("Sasaran", self.segments)

        self.officers = QLineEdit(objectName="event_officers",
                                  placeholderText="Nama petugas, pisahkan dengan koma")
        form.addRow("Petugas hadir", self.officers)
        self.attendees = QSpinBox(objectName="event_attendees", maximum=MAX_ATTENDEES)
        attendees_box = self._row(form, "Jumlah hadir", self.attendees, "attendees")
        # Attendance below the enrolments (0 included): saved, but said next to the field.
        self.attendance_warning = QLabel(objectName="event_attendees_warning")
        self.attendance_warning.setProperty("role", "warning")
        self.attendance_warning.setWordWrap(True)
        self.attendance_warning.hide()
        attendees_box.addWidget(self.attendance_warning)
        self.attendees.valueChanged.connect(self._show_attendance)
        self.notes = QPlainTextEdit(objectName="event_notes", tabChangesFocus=True)
        self.notes.setMaximumHeight(48)
        form.addRow("Catatan", self.notes)
        self.setLayout(form)
        self._fill_kelurahan()
        self.clear()

    def _row(self, form: QFormLayout, label: str, widget: QWidget | QHBoxLayout,
             key: str, extra: str | None = None) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(2)
        if isinstance(widget, QWidget):
            box.addWidget(widget)
        else:
            box.addLayout(widget)
        for name in (key, extra):
            if name:
                error = QLabel(objectName=f"event_{name}_error")
                error.setProperty("role", "error")
                error.hide()
                box.addWidget(error)
                self.errors[name] = error
        form.addRow(label, box)
        return box

    def _fill_kelurahan(self) -> None:
        code = self.kecamatan.currentData()
        current = self.kelurahan.currentText()
        self.kelurahan.clear()
        self.kelurahan.addItems(self._kelurahan.get(code, []))
        self.kelurahan.setCurrentText(current if current in self._kelurahan.get(code, []) else "")

    def set_kelurahan(self, kelurahan: dict[str, list[str]]) -> None:
        """The file's village list now (an import, a merge or the desk may have added
        desa): the dropdown follows; typing, the chosen desa and the focus stay."""
        if kelurahan == self._kelurahan:
            return
        self._kelurahan = kelurahan
        set_village_items(self.kelurahan, kelurahan.get(self.kecamatan.currentData(), []))

    def _add_typed_partner(self) -> None:
        name = " ".join(self.new_partner.text().split())
        if not name:
            return
        for i in range(self.partners.count()):
            item = self.partners.item(i)
            if item.text().casefold() == name.casefold():
                item.setCheckState(Qt.CheckState.Checked)
                break
        else:
            _add_check(self.partners, name, name, True)
        self.new_partner.clear()

    # -- values -----------------------------------------------------------------------
    def value(self) -> EventInput:
        d = self.held_on.date()
        return EventInput(
            held_on=date(d.year(), d.month(), d.day()), time=self.time.text(),
            kecamatan_code=str(self.kecamatan.currentData() or ""),
            kelurahan=self.kelurahan.currentText(), venue=self.venue.text(),
            kind=str(self.kind.currentData() or ""), attendees=self.attendees.value(),
            partners=_checked(self.partners), segments=_checked(self.segments),
            officers=self.officers.text().split(","), notes=self.notes.toPlainText(),
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)
        self._show_attendance()

    def set_enrolled(self, enrolled: int) -> None:
        """How many were enrolled from the event opened (read again after each change):
        the attendance is checked against it as it is typed."""
        self._enrolled = enrolled
        self._show_attendance()

    def _show_attendance(self) -> None:
        """The warning when the attendance is below the enrolments; not over a refusal
        of the same field, which says it already."""
        note = attendance_note(self.attendees.value(), self._enrolled)
        refused = not self.errors["attendees"].isHidden()
        self.attendance_warning.setText(note or "")
        self.attendance_warning.setVisible(note is not None and not refused)

    def set_officer(self, officer: str) -> None:
        """The name a new event starts with; a field still holding the old one follows."""
        untouched = not self.has_unsaved_changes()
        if self.officers.text() == self._officer:
            self.officers.setText(officer)
        self._officer = officer
        if untouched:  # a renamed officer is not the user's typing
            self._loaded = self.value()

    def clear(self) -> None:
        self.load(None)

    def load(self, row: EventRow | None) -> None:
        self.show_errors({})
        held = row.held_date if row else date.today()
        self.held_on.setDate(QDate(held.year, held.month, held.day))
        self.time.setText(row.time if row else "")
        if row:
            self.kecamatan.setCurrentIndex(max(0, self.kecamatan.findData(row.kecamatan_code)))
        self._fill_kelurahan()
        self.kelurahan.setCurrentText(row.kelurahan if row else "")
        self.venue.setText(row.venue if row else "")
        self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind)) if row else 0)
        self._enrolled = row.enrolled if row else 0
        self.attendees.setValue(row.attendees if row else 0)
        self._show_attendance()
        self.officers.setText(", ".join(row.officers) if row else self._officer)
        self.notes.setPlainText(row.notes if row else "")
        chosen = set(row.partners if row else ())
        known = {self.partners.item(i).text() for i in range(self.partners.count())}
        for name in chosen - known:
            _add_check(self.partners, name, name, False)
        for i in range(self.partners.count()):
            item = self.partners.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in chosen
                               else Qt.CheckState.Unchecked)
        segs = set(row.segments if row else ())
        for i in range(self.segments.count()):
            item = self.segments.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in segs else Qt.CheckState.Unchecked)
        self._loaded = self.value()

    def has_unsaved_changes(self) -> bool:
        """Fields that differ from the event opened (or from the blank form)."""
        return self._loaded is not None and self.value() != self._loaded

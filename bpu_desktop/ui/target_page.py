"""Target: yearly targets per area (and optionally segment/officer), the potential of each
area, progress against them, and the monthly pace (even by default, editable).

A target is named by its key: the year, Jenis, Wilayah, Segmen and Petugas. An edit never
changes the key (`save_target` refuses it, as it refuses another year), so Jenis, Wilayah,
Segmen and Petugas choose which target the form is about; they are not typing. Choosing
another key works like picking another row: when the open target holds unsaved typing (a
figure, Catatan or the monthly pace) Simpan / Buang / Batal is asked first (Simpan saves it
under its own key, Batal puts the key back); then the key's target opens, or, when it has
none, an empty form for a new target of that key. Nothing of the target open before is
carried over: its figures are that target's, not typed for the new key. A new target's key
may change freely until it is saved, and what is typed in it stays (it is the officer's own
typing); only a key that already has a target asks first, as another row would.

Only the key the officer settles on counts: letters or arrow keys in a closed box take
effect once they pause (the keyboard search interval), the box loses focus or Simpan is
pressed, and Petugas once it is left or Enter is pressed. Passing over "Kota Surakarta" on
the way to "Kec. Laweyan" opens and asks nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.months import MONTH_ABBREVIATIONS
from bpu_desktop.store import progress_stats as ps
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.reference import list_segments
from bpu_desktop.store.targets import (
    KINDS,
    Target,
    TargetInput,
    area_choices,
    area_label,
    check_target,
    copy_year,
    delete_target,
    find_target,
    save_target,
    set_monthly,
)

from . import error_handler
from .beranda_page import fmt, fmt_pct
from .confirm_dialog import ConfirmDialog
from .context import AppContext
from .refresh_when_shown import RefreshWhenShown
from .row_list_model import RowListModel
from .row_switch import RowSwitch
from .saving import DELETING, save_with_feedback, saving_feedback
from .theme import compact_combo, compact_table, page_layout, row_table, scroll_area

# What names a target besides its year: Jenis, Wilayah, Segmen (None: all) and Petugas.
Key = tuple[str, str, str | None, str | None]
# Focus lost to the box's own list, or to another window (a question box): not left.
_NOT_LEFT = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)


def parse_count(text: str) -> int | None:
    """"63.339" or "63339" -> 63339; "-5" -> -5 (check_target says what is wrong with it);
    empty -> None; otherwise ValueError (Indonesian)."""
    cleaned = text.strip().replace(".", "").replace(",", "").replace(" ", "")
    if not cleaned:
        return None
    digits = cleaned.removeprefix("-")
    if not digits.isdigit():
        raise ValueError("Isi angka bulat, contoh 63.339.")
    return -int(digits) if cleaned.startswith("-") else int(digits)


class TargetModel(RowListModel[ps.TargetProgress]):
    HEADERS = ("Jenis", "Wilayah", "Rincian", "Target", "Terdaftar", "% target", "Potensi",
               "Tercakup", "Cakupan")
    NUMERIC = frozenset(range(3, len(HEADERS)))

    def __init__(self) -> None:
        super().__init__()
        self.segment_names: dict[str, str] = {}

    def set_rows(self, rows: Iterable[ps.TargetProgress],
                 segment_names: dict[str, str] | None = None) -> None:
        if segment_names is not None:
            self.segment_names = segment_names
        super().set_rows(rows)

    def display(self, p: ps.TargetProgress, column: int) -> str:
        t = p.target
        detail = [self.segment_names.get(t.segment, t.segment) if t.segment else "",
                  f"petugas {t.officer}" if t.officer else ""]
        return (
            t.kind, p.label.replace(" (Solo + Wonogiri)", ""),
            " · ".join(d for d in detail if d) or "Semua", fmt(t.target), fmt(p.enrolled),
            fmt_pct(p.percent_of_target), fmt(t.potential), fmt(p.covered),
            fmt_pct(p.coverage_percent),
        )[column]


class TargetPage(RefreshWhenShown):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today: Callable[[], date] = ctx.extras.get("today", date.today)
        self.editing: Target | None = None
        # What load/Baru put in the figures and the pace: typing is what differs from them.
        self._loaded_figures: tuple[str, ...] = ()
        self._loaded_pace: tuple[int, ...] = ()
        # The key the form is about (the open target's, or the new target's as settled);
        # the key boxes may show another one until the officer settles on it (`_settle_key`).
        self._key: Key = ("", "", None, None)
        self._key_later = QTimer(self)
        self._key_later.setSingleShot(True)
        self._key_later.timeout.connect(self._settle_key)
        self._popup_closed = False

        title = QLabel("Target")
        title.setObjectName("pageTitle")
        self.year = QSpinBox()
        self.year.setObjectName("targetYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(self.today().year)
        # The year the list and the form are about; the box may show another one for as
        # long as the officer is asked about unsaved typing (`_year_changed`).
        self._year = self.year.value()
        self._year_later = QTimer(self)
        self._year_later.setSingleShot(True)
        self._year_later.setInterval(0)
        self._year_later.timeout.connect(self._settle_year)
        self.copy_button = QPushButton("Salin ke tahun berikutnya")
        self.copy_button.setObjectName("targetCopyYear")
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(QLabel("Tahun"))
        bar.addWidget(self.year)
        bar.addWidget(self.copy_button)

        self.model = TargetModel()
        self.table = row_table("targetTable", self.model)
        compact_table(self.table)
        # A handful of target rows: sizing columns to their contents is cheap here.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        # -- the form ------------------------------------------------------------------
        self.kind = QComboBox()
        self.kind.setObjectName("targetKind")
        for k in KINDS:
            self.kind.addItem(k, k)
        self.area = QComboBox()
        self.area.setObjectName("targetArea")
        for code, label in area_choices():
            self.area.addItem(label, code)
        self.segment = QComboBox()
        self.segment.setObjectName("targetSegment")
        self.officer = QLineEdit()
        self.officer.setObjectName("targetOfficer")
        self.officer.setPlaceholderText("Semua petugas")
        self.target = QLineEdit()
        self.target.setObjectName("targetValue")
        self.target.setPlaceholderText("contoh 63.339")
        self.potential = QLineEdit()
        self.potential.setObjectName("targetPotential")
        self.covered = QLineEdit()
        self.covered.setObjectName("targetCovered")
        self.covered.setPlaceholderText("peserta yang sudah ada sebelum tahun ini")
        self.note = QLineEdit()
        self.note.setObjectName("targetNote")
        for combo in (self.kind, self.area, self.segment):
            compact_combo(combo, 12)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label, widget in (("kind", "Jenis", self.kind), ("area_code", "Wilayah", self.area),
                                   ("segment", "Segmen", self.segment),
                                   ("officer", "Petugas", self.officer),
                                   ("target", "Target setahun", self.target),
                                   ("potential", "Potensi pekerja", self.potential),
                                   ("covered_before", "Sudah tercakup", self.covered),
                                   ("note", "Catatan", self.note)):
            error = QLabel()
            error.setObjectName(f"targetError_{key}")
            error.setProperty("role", "error")
            error.setVisible(False)
            self.errors[key] = error
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(widget)
            box.addWidget(error)
            form.addRow(label, box)
        self.new_button = QPushButton("Baru")
        self.new_button.setObjectName("targetNew")
        self.save_button = QPushButton("Simpan")
        self.save_button.setObjectName("targetSave")
        self.save_button.setProperty("primary", True)
        self.delete_button = QPushButton("Hapus")
        self.delete_button.setObjectName("targetDelete")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        form_box = QGroupBox("Target")
        form_box.setObjectName("targetFormBox")
        form_layout = QVBoxLayout(form_box)
        form_layout.addLayout(form)
        form_layout.addLayout(buttons)

        # -- the monthly pace -------------------------------------------------------------
        self.pace_box = QGroupBox("Laju bulanan")
        self.pace_box.setObjectName("targetPaceBox")
        grid = QGridLayout(self.pace_box)
        self.months: list[QSpinBox] = []
        for i, short in enumerate(MONTH_ABBREVIATIONS):
            spin = QSpinBox()
            spin.setObjectName(f"targetMonth{i + 1}")
            spin.setRange(0, 10_000_000)
            spin.setGroupSeparatorShown(True)
            spin.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.months.append(spin)
            # Six months a row, under the list (a handful of targets leaves it room): the
            # pace and its buttons show whole on a 1280x800 laptop, without scrolling.
            grid.addWidget(QLabel(short), i // 6 * 2, i % 6)
            grid.addWidget(spin, i // 6 * 2 + 1, i % 6)
        self.pace_sum = QLabel()
        self.pace_sum.setObjectName("targetPaceSum")
        self.pace_sum.setProperty("role", "hint")
        self.pace_even = QPushButton("Ratakan")
        self.pace_even.setObjectName("targetPaceEven")
        self.pace_save = QPushButton("Simpan laju")
        self.pace_save.setObjectName("targetPaceSave")
        pace_footer = QHBoxLayout()
        pace_footer.addWidget(self.pace_sum, 1)
        pace_footer.addWidget(self.pace_even)
        pace_footer.addWidget(self.pace_save)
        grid.addLayout(pace_footer, 4, 0, 1, 6)

        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(form_box)
        side.addStretch(1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_scroll = scroll_area(side_widget, "targetSideScroll")
        side_scroll.setMaximumWidth(360)
        main = QVBoxLayout()
        main.addWidget(self.table, 1)
        main.addWidget(self.pace_box)
        body = QHBoxLayout()
        body.addLayout(main, 1)
        body.addWidget(side_scroll)
        self.message = QLabel()
        self.message.setObjectName("targetMessage")
        self.message.setProperty("role", "hint")
        layout = page_layout(self)
        layout.addLayout(bar)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)

        self.year.valueChanged.connect(self._year_changed)
        self.copy_button.clicked.connect(self.copy_to_next_year)
        self.rows = RowSwitch(self.table, load=lambda p: self.load(p.target),
                              editing=lambda: self.editing.id if self.editing else None,
                              unsaved=self.has_unsaved_changes, confirm=self.confirm_leave,
                              key=lambda p: p.target.id)
        self.new_button.clicked.connect(self.on_new)
        self.save_button.clicked.connect(lambda: save_with_feedback(self, self.on_save))
        self.delete_button.clicked.connect(self.delete_selected)
        self._key_boxes: tuple[QComboBox, ...] = (self.kind, self.area, self.segment)
        self._popups: list[QWidget] = []
        for combo in self._key_boxes:
            combo.activated.connect(self._key_picked)  # the user's pick, not load()'s
            combo.installEventFilter(self)
            popup = combo.view().parentWidget()  # the list shown when the box opens
            popup.installEventFilter(self)
            self._popups.append(popup)
        self.officer.editingFinished.connect(self._key_soon)
        self.pace_even.clicked.connect(self.reset_pace)
        self.pace_save.clicked.connect(self.save_pace)
        for spin in self.months:
            spin.valueChanged.connect(self._update_pace_sum)
        for signal in (ctx.signals.members_changed, ctx.signals.targets_changed,
                       ctx.signals.data_replaced):
            signal.connect(self._data_changed)
        self._fill_segments()
        self._new()

    # -- loading ------------------------------------------------------------------------
    def _fill_segments(self) -> None:
        self.segment.clear()
        self.segment.addItem("Semua segmen", "")
        for s in list_segments(self.ctx.store, include_inactive=True):
            self.segment.addItem(s.name, s.code)

    def refresh(self) -> None:
        self._dirty = False
        year = self._year
        rows = ps.target_progress(self.ctx.store, year, min(self.today(), date(year, 12, 31)))
        names = {s.code: s.name for s in list_segments(self.ctx.store, include_inactive=True)}
        self.model.set_rows(rows, names)  # RowSwitch highlights the edited target again
        editing = self.editing
        fresh = next((p.target for p in rows if editing and p.target.id == editing.id), None)
        if (fresh is not None and fresh != editing and not self.has_unsaved_changes()
                and self._form_key() == self._key):
            self.load(fresh)  # changed elsewhere (a merge, a restore) and nothing typed here

    def load(self, t: Target) -> None:
        self._set_key((t.kind, t.area_code, t.segment, t.officer))
        self.target.setText(fmt(t.target) if t.target is not None else "")
        self.potential.setText(fmt(t.potential) if t.potential is not None else "")
        self.covered.setText(fmt(t.covered_before) if t.covered_before is not None else "")
        self.note.setText(t.note)
        self._clear_errors()
        self.delete_button.setEnabled(True)
        self._show_pace(t)
        self._loaded_figures = self._figures()

    def _show_pace(self, t: Target) -> None:
        """`t` becomes the target edited; its monthly pace is shown (the pace is saved on its
        own: the form fields, maybe holding typing, are left alone)."""
        self.editing = t
        self.pace_box.setEnabled(t.target is not None)
        self._set_pace(t.pace())

    def _set_pace(self, values: Iterable[int]) -> None:
        for spin, value in zip(self.months, values, strict=True):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self._loaded_pace = self._pace()
        self._update_pace_sum()

    # -- the year -------------------------------------------------------------------------
    def _year_changed(self, year: int) -> None:
        """The year box moved (arrow keys, typing, open_with): like picking another row.
        With unsaved typing the question waits until the key press is over (several steps
        make one question); otherwise the year opens at once."""
        if year == self._year:
            self._year_later.stop()  # back on the year of the form before anything was asked
        elif self.has_unsaved_changes():
            self._year_later.start()
        else:
            self._show_year(year)

    def _settle_year(self) -> None:
        year = self.year.value()
        if year == self._year:
            return
        if self.confirm_leave():  # Simpan saves the typing in its own year (self._year)
            self._show_year(year)
        else:
            self._set_year_box(self._year)  # Batal or a refused save: the year goes back

    def _set_year_box(self, year: int) -> None:
        self.year.blockSignals(True)
        self.year.setValue(year)
        self.year.blockSignals(False)

    def _show_year(self, year: int) -> None:
        """`year`'s list, with its target of the same key as the one open (e.g. one carried
        by "Salin ke tahun berikutnya") or an empty form. A target loaded from one year is
        never left in the form of another, so Simpan cannot move it."""
        was = self.editing
        self._year = year
        self._set_year_box(year)
        self.message.clear()
        self._blank()
        self.refresh()
        same = (find_target(self.ctx.store, year, was.kind, was.area_code, was.segment,
                            was.officer) if was is not None else None)
        if same is not None:
            self.rows.select(same.id)
            self.load(same)

    # -- the key ----------------------------------------------------------------------------
    def _form_key(self) -> Key:
        """The key the boxes show (maybe not settled on yet)."""
        return (str(self.kind.currentData()), str(self.area.currentData()),
                str(self.segment.currentData() or "") or None,
                " ".join(self.officer.text().split()) or None)

    def _set_key(self, key: Key) -> None:
        """Show `key` in the boxes; it is the key the form is about."""
        self._key_later.stop()
        kind, area, segment, officer = key
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.area.setCurrentIndex(max(0, self.area.findData(area)))
        self.segment.setCurrentIndex(max(0, self.segment.findData(segment or "")))
        self.officer.setText(officer or "")
        self._key = self._form_key()

    def _key_picked(self) -> None:
        """Jenis, Wilayah or Segmen picked by the officer: a pick in the open list counts at
        once; letters, arrow keys or the wheel on the closed box once they pause."""
        self._key_later.start(0 if self._popup_closed
                              else QApplication.keyboardInputInterval())

    def _key_soon(self) -> None:
        """The officer left a key box (or the list closed): its key counts after this event."""
        if self._form_key() != self._key:
            self._key_later.start(0)

    def _popup_over(self) -> None:
        self._popup_closed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (isinstance(event, QFocusEvent) and event.type() == QEvent.Type.FocusOut
                and event.reason() not in _NOT_LEFT and watched in self._key_boxes):
            self._key_soon()
        elif event.type() == QEvent.Type.Hide and watched in self._popups:
            # The list closes just before or just after the box announces the pick.
            self._popup_closed = True
            QTimer.singleShot(0, self._popup_over)
            if self._key_later.isActive():
                self._key_later.start(0)
        return super().eventFilter(watched, event)

    def _settle_key(self) -> str:
        """The officer settled on the key the boxes show. "same": still the form it was
        (the same key, or a new target's key changed, its typing kept); "moved": another
        target opened, or an empty form for a new one of that key; "stayed": Batal or a
        refused save, the key put back."""
        self._key_later.stop()
        key = self._form_key()
        if key == self._key:
            return "same"
        if self.editing is None and find_target(self.ctx.store, self._year, *key) is None:
            self._key = key
            return "same"
        if self.has_unsaved_changes():
            self._set_key(self._key)  # the question, and Simpan, are about the form as it was
            if not self.confirm_leave():
                self._set_key(self._key)
                return "stayed"
        existing = find_target(self.ctx.store, self._year, *key)
        if existing is not None:
            self._open_existing(existing)
        else:
            self._start_new(key)
        return "moved"

    def _start_new(self, key: Key) -> None:
        """An empty form for a new target of `key`: nothing of the target open before."""
        self._blank()
        self._set_key(key)
        kind, area, segment, officer = key
        detail = "".join((f", segmen {self.segment.currentText()}" if segment else "",
                          f", petugas {officer}" if officer else ""))
        self.message.setText(f"Belum ada target {kind} {self._year} untuk {area_label(area)}"
                             f"{detail}: isi angkanya untuk target baru.")

    # -- unsaved typing -------------------------------------------------------------------
    def _figures(self) -> tuple[str, ...]:
        """What is typed about the target (its key is chosen, not typed)."""
        return tuple(e.text() for e in (self.target, self.potential, self.covered, self.note))

    def _pace(self) -> tuple[int, ...]:
        return tuple(s.value() for s in self.months)

    def has_unsaved_changes(self) -> bool:
        """Figures, Catatan or monthly figures that differ from the target opened (or the
        blank form)."""
        return (self._figures() != self._loaded_figures
                or self._pace() != self._loaded_pace)

    def confirm_leave(self) -> bool:
        """Before the form is replaced (another target, Baru, the window closing): a target
        or pace typed or changed and not saved is saved, dropped or kept open as the officer
        chooses. A key chosen but not yet settled on counts first (one question at a time)."""
        if self._settle_key() == "stayed":
            return False
        if not self.has_unsaved_changes():
            return True
        t = self.editing
        what = f"{t.kind} {t.year} {area_label(t.area_code)}" if t else "baru"
        return ConfirmDialog.save_or_discard(
            self, "Target belum disimpan", f"Perubahan pada target {what} belum disimpan.",
            self._save_typed)

    confirm_close = confirm_leave  # MainWindow asks every page before the window closes

    def _save_typed(self) -> bool:
        """Simpan: the pace first (saving the form reloads the pace), then the form."""
        if self._pace() != self._loaded_pace and not self.save_pace():
            return False
        return self._figures() == self._loaded_figures or self.on_save()

    # -- actions (Ctrl+N / Ctrl+S from the window) ---------------------------------------
    def on_new(self) -> None:
        """Baru / Ctrl+N: a blank form, once unsaved typing is saved or dropped."""
        if self.confirm_leave():
            self._new()

    def _new(self) -> None:
        self._blank()
        self.target.setFocus()

    def _blank(self) -> None:
        """An empty form for a new target of the year shown (focus left where it is)."""
        self.editing = None
        self.rows.select(None)
        for edit in (self.target, self.potential, self.covered, self.note):
            edit.clear()
        self._set_key((str(self.kind.itemData(0)), str(self.area.itemData(0)), None, None))
        self._clear_errors()
        self.delete_button.setEnabled(False)
        self.pace_box.setEnabled(False)
        self._set_pace([0] * len(self.months))  # not the pace of the target shown before
        self._loaded_figures = self._figures()

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.setVisible(False)

    def _show_errors(self, errors: dict[str, str]) -> None:
        self._clear_errors()
        for key, text in errors.items():
            label = self.errors.get(key, self.errors["target"])
            label.setText(text)
            label.setVisible(True)

    def form_input(self) -> TargetInput | None:
        errors: dict[str, str] = {}
        numbers: dict[str, int | None] = {}
        for key, edit in (("target", self.target), ("potential", self.potential),
                          ("covered_before", self.covered)):
            try:
                numbers[key] = parse_count(edit.text())
            except ValueError as exc:
                errors[key] = str(exc)
                numbers[key] = None
        data = TargetInput(
            # The year of the target edited (never another one: `_show_year`), or the
            # year the list shows for a new one.
            year=self.editing.year if self.editing else self._year,
            kind=str(self.kind.currentData()), area_code=str(self.area.currentData()),
            target=numbers["target"], potential=numbers["potential"],
            covered_before=numbers["covered_before"],
            segment=str(self.segment.currentData()) or None,
            officer=" ".join(self.officer.text().split()) or None, note=self.note.text())
        errors = {**check_target(data), **errors}
        if errors:
            self._show_errors(errors)
            return None
        return data

    def _open_existing(self, target: Target) -> None:
        if self.editing is not None and self.editing.id == target.id:
            return
        self.message.clear()
        self.rows.select(target.id)
        self.load(target)
        self.message.setText(f"Target {target.kind} {target.year} untuk "
                             f"{area_label(target.area_code)} sudah ada: dibuka untuk diubah.")

    def on_save(self) -> bool:
        """Validate and save the form; True when saved. A key chosen but not settled on yet
        (Ctrl+S straight after it) counts first: saved only when it was a new target's."""
        self.message.clear()  # a new attempt: the last one's message no longer holds
        if self._settle_key() != "same":
            return False
        data = self.form_input()
        if data is None:
            return False
        same = find_target(self.ctx.store, data.year, data.kind, data.area_code, data.segment,
                           data.officer)
        if same is not None and (self.editing is None or same.id != self.editing.id):
            self._open_existing(same)
            return False
        try:
            saved = save_target(self.ctx.store, data, self.editing.id if self.editing else None,
                                expected_version=self.editing.version if self.editing else None)
        except StoreError as exc:
            self._show_errors({"target": exc.message})
            return False
        self.editing = saved
        self.message.setText(f"Target {saved.kind} {saved.year} tersimpan.")
        self.ctx.signals.targets_changed.emit()
        self.refresh()
        self.load(saved)
        return True

    def delete_selected(self) -> None:
        self.message.clear()
        if self.editing is None:
            return
        label = self.editing.label
        if not ConfirmDialog.ask(self, "Hapus target", f"Hapus target {label}?", "Hapus"):
            return
        try:
            with saving_feedback(self, DELETING):
                delete_target(self.ctx.store, self.editing.id)
        except StoreError as exc:
            error_handler.show_error(self, exc.message)
            return
        self.ctx.signals.targets_changed.emit()
        self._new()
        self.refresh()
        self.message.setText(f"Target {label} dihapus.")

    def _update_pace_sum(self) -> None:
        total = sum(s.value() for s in self.months)
        goal = self.editing.target if self.editing else None
        text = f"Jumlah {fmt(total)}"
        if goal is not None:
            text += f" dari {fmt(goal)}" + ("" if total == goal else " — belum sama")
        self.pace_sum.setText(text)

    def reset_pace(self) -> None:
        self.message.clear()
        if self.editing is None:
            return
        # A pace typed month by month is work the officer would lose with one click.
        if self.editing.monthly is not None and not ConfirmDialog.ask(
                self, "Ratakan laju bulanan",
                f"Laju bulanan target {self.editing.label} yang sudah disimpan diganti "
                "dengan pembagian rata?", "Ratakan"):
            return
        try:
            with saving_feedback(self):
                saved = set_monthly(self.ctx.store, self.editing.id, None)
        except StoreError as exc:
            self.pace_sum.setText(exc.message)
            return
        self.ctx.signals.targets_changed.emit()
        self._show_pace(saved)

    def save_pace(self) -> bool:
        """Save the monthly pace; True when saved (the months add up to the target)."""
        self.message.clear()
        if self.editing is None:
            return False
        try:
            with saving_feedback(self):
                saved = set_monthly(self.ctx.store, self.editing.id, list(self._pace()))
        except StoreError as exc:
            self.pace_sum.setText(exc.message)
            return False
        self.message.setText("Laju bulanan tersimpan.")
        self.ctx.signals.targets_changed.emit()
        self._show_pace(saved)
        return True

    def copy_to_next_year(self) -> None:
        self.message.clear()
        year = self._year
        try:
            with saving_feedback(self):
                copied = copy_year(self.ctx.store, year, year + 1)
        except StoreError as exc:
            self.message.setText(exc.message)
            return
        self.ctx.signals.targets_changed.emit()
        self.message.setText(
            f"{copied} target disalin ke tahun {year + 1}." if copied else
            f"Tahun {year} belum punya target untuk disalin." if not self.model.rows else
            f"Tidak ada yang disalin: setiap target {year} sudah ada di tahun {year + 1}.")

    def open_with(self, **kwargs: Any) -> None:
        if "year" in kwargs:
            self.year.setValue(int(kwargs["year"]))
        self.refresh()


def create_page(ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    return TargetPage(ctx, parent)

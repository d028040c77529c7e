"""The enrolment desk: one person after another, keyboard only, at a crowded table.

NIK first (it tells birth date, age and sex, and whether the person is already enrolled),
Enter or Tab to move on, Ctrl+S to save. A save clears the form but keeps the "sticky"
fields (event, sponsorship, kecamatan, kelurahan, date), as CSEntry does for batches.
Every rule comes from the domain through `store.reference.validate_enrolment_input`;
this module only shows its answers next to the fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.contributions import (
    ADVANCE_MONTHS,
    FUNDING_SOURCES,
    advance_payment,
    monthly_contribution,
)
from bpu_desktop.domain.dates import format_date, parse_date
from bpu_desktop.domain.money import format_number, format_rupiah, parse_rupiah
from bpu_desktop.domain.months import add_months, month_label, month_start, parse_month
from bpu_desktop.domain.nik import SEX_LABELS, InvalidNik, parse_nik
from bpu_desktop.domain.phone import InvalidPhone, normalize_phone, phone_given
from bpu_desktop.domain.pledge_months import (
    pledge_month_error,
    pledge_pays,
    pledge_start_default,
)
from bpu_desktop.domain.regions import (
    Kecamatan,
    cities,
    kecamatan_key,
    kecamatan_list,
    kecamatan_listing_village,
    village_list_complete,
)
from bpu_desktop.domain.sponsorship import with_jht as package_with_jht
from bpu_desktop.domain.validation import (
    EnrolmentInput,
    ValidationResult,
    check_income,
    check_start_month,
    likely_village,
    misplaced_village,
    new_village,
    new_village_question,
    village_listed_elsewhere,
)
from bpu_desktop.store.clock import short_id
from bpu_desktop.store.errors import DuplicateNikError, FieldRefusedError, StoreError
from bpu_desktop.store.events import EventRepository
from bpu_desktop.store.members import MemberRepository, MemberRow, keeps_amount_paid
from bpu_desktop.store.payments import next_unpaid_month_of, paid_so_far
from bpu_desktop.store.reference import (
    add_kelurahan,
    kelurahan_by_kecamatan,
    list_segments,
    load_rates,
    validate_enrolment_input,
)

from .confirm_dialog import ConfirmDialog
from .context import AppContext
from .number_combo import NumberCombo
from .refresh_when_shown import RefreshWhenShown
from .saving import save_with_feedback
from .theme import icon
from .typed_combo import TypedCombo
from .village_combo import set_village_items

if TYPE_CHECKING:
    from bpu_desktop.store.sponsors import SponsorshipRow

# Domain field name -> objectName prefix of its input and its "<prefix>Error" label.
FIELD_WIDGETS = {
    "nik": "nik", "name": "name", "phone": "phone", "kecamatan": "kecamatan",
    "kelurahan": "kelurahan", "address": "address", "segment": "segment",
    "income": "income", "with_jht": "jht", "funding": "funding",
    "months_paid": "months", "start_month": "startMonth", "enrolled_on": "enrolledOn",
    "kpj": "kpj", "event_id": "event", "sponsorship_id": "sponsorship",
}


@dataclass
class Sticky:
    """Kept from one person to the next in a batch."""

    event_id: str | None = None
    event_label: str | None = None
    sponsorship_id: str | None = None
    sponsorship_label: str | None = None
    kecamatan_code: str | None = None
    kelurahan: str = ""
    enrolled_on: date | None = None
    funding: str | None = None
    # The sponsorship's months (first, last): a start month it pays must be one of them.
    pledge: tuple[date, date] | None = None
    # The pledge itself: its package sets JHT, its base income prices the sponsor's share.
    pledge_row: SponsorshipRow | None = None


class _AbortSave(Exception):
    """Rolls back the village added in the same transaction when validation still fails."""

    def __init__(self, result: ValidationResult) -> None:
        super().__init__("validation failed")
        self.result = result


class _EnterMovesOn(QObject):
    """Enter/Return in a field moves to the next one, like Tab."""

    def __init__(self, form: EnrolmentForm) -> None:
        super().__init__(form)
        self.form = form

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            combo = self.form.kelurahan_combo
            popup = combo.completer().popup()
            if key == Qt.Key.Key_Tab and watched is popup:
                self.form.accept_kelurahan_completion()
                return False
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                listed = self.form.list_combo_of(watched)
                if listed is not None:  # Enter in an opened list: its row, and on
                    row = listed.view().currentIndex()
                    if row.isValid():
                        listed.setCurrentIndex(row.row())
                    listed.hidePopup()
                    listed.setFocus(Qt.FocusReason.TabFocusReason)
                if watched in (popup, combo, combo.lineEdit()):
                    self.form.accept_kelurahan_completion()
                    combo.setFocus(Qt.FocusReason.TabFocusReason)
                self.form.focusNextChild()
                return True
        return False


class EnrolmentForm(RefreshWhenShown):
    """Emits `saved(MemberRow, was_edit)` after a successful save and
    `open_member_requested(str)` when "Buka data" is chosen on a duplicate NIK.

    Villages added elsewhere (an Excel import, a merge, a restore, another officer's
    form) are offered without a restart: `refresh` on the data signals, at once when the
    desk is in view, else when it is next shown."""

    saved = Signal(object, bool)
    edit_closed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrolmentForm")
        self.ctx = ctx
        self.repo = MemberRepository(ctx.store)
        self.sticky = Sticky()
        self.editing: MemberRow | None = None
        self._loaded: EnrolmentInput | None = None  # the edited member as opened
        self.today: date | None = None  # tests may pin the date
        self._duplicate: MemberRow | None = None
        self._kelurahan: dict[str, list[str]] = {}
        self._errors: dict[str, QLabel] = {}
        self._inputs: dict[str, QWidget] = {}
        self._build()
        self.reload_reference()
        self.clear(keep_sticky=False)
        self._dirty = False  # just read
        for signal in (ctx.signals.members_changed, ctx.signals.data_replaced):
            signal.connect(self._data_changed)

    # -- building -------------------------------------------------------------------------
    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"{name}Edit")
        edit.setPlaceholderText(placeholder)
        return edit

    def _combo(self, name: str, kind: type[QComboBox] = QComboBox) -> QComboBox:
        combo = kind()
        combo.setObjectName(f"{name}Combo")
        # Long segment/village names must not widen the window past 1280 px.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        return combo

    def _field(self, form: QFormLayout, label: str, field: str, widget: QWidget,
               *extra: QWidget) -> None:
        prefix = FIELD_WIDGETS[field]
        error = QLabel()
        error.setObjectName(f"{prefix}Error")
        error.setProperty("role", "error")
        error.setWordWrap(True)
        error.hide()
        self._errors[field] = error
        self._inputs[field] = widget
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        for w in extra:
            column.addWidget(w)
        column.addWidget(error)
        form.addRow(label, box)

    @staticmethod
    def _form_layout(group: QGroupBox) -> QFormLayout:
        form = QFormLayout(group)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    def _hint(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setProperty("role", "hint")
        label.setWordWrap(True)
        return label

    def _build(self) -> None:
        self.title = QLabel("Pendaftaran peserta baru")
        self.title.setObjectName("sectionTitle")

        # Sticky banner: event / sponsorship of the batch.
        self.sticky_label = QLabel()
        self.sticky_label.setObjectName("stickyLabel")
        self.sticky_label.setProperty("role", "hint")
        self.clear_sticky_button = QPushButton("Lepas kegiatan")
        self.clear_sticky_button.setObjectName("clearStickyButton")
        self.clear_sticky_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_sticky_button.clicked.connect(self.clear_batch)
        self.sticky_bar = QWidget()
        self.sticky_bar.setObjectName("stickyBar")
        bar = QHBoxLayout(self.sticky_bar)
        bar.setContentsMargins(10, 6, 10, 6)
        bar.addWidget(icon_label("event"))
        bar.addWidget(self.sticky_label, 1)
        bar.addWidget(self.clear_sticky_button)
        self.sticky_bar.hide()

        # -- Identitas
        identity = QGroupBox("Identitas")
        identity.setObjectName("identityGroup")
        form = self._form_layout(identity)
        self.nik_edit = self._line("nik", "16 digit, tanpa spasi")
        self.nik_edit.setMaxLength(24)
        self.nik_info = self._hint("nikInfo")
        self.duplicate_label = QLabel()
        self.duplicate_label.setObjectName("duplicateWarning")
        self.duplicate_label.setProperty("role", "warning")
        self.duplicate_label.setWordWrap(True)
        self.open_duplicate_button = QPushButton("&Buka data")
        self.open_duplicate_button.setObjectName("openDuplicateButton")
        self.open_duplicate_button.setToolTip("Buka data peserta dengan NIK ini (Alt+B)")
        self.open_duplicate_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.open_duplicate_button.clicked.connect(self.open_duplicate)
        self.duplicate_box = QWidget()
        dup = QHBoxLayout(self.duplicate_box)
        dup.setContentsMargins(0, 0, 0, 0)
        dup.addWidget(self.duplicate_label, 1)
        dup.addWidget(self.open_duplicate_button)
        self.duplicate_box.hide()
        self._field(form, "NIK", "nik", self.nik_edit, self.nik_info, self.duplicate_box)
        self.name_edit = self._line("name", "Nama sesuai KTP")
        self._field(form, "Nama", "name", self.name_edit)
        self.phone_edit = self._line("phone", "08…")
        self._field(form, "No. HP", "phone", self.phone_edit)

        # -- Alamat
        area = QGroupBox("Alamat")
        area.setObjectName("areaGroup")
        form = self._form_layout(area)
        kecamatan_combo = self._combo("kecamatan", TypedCombo)
        assert isinstance(kecamatan_combo, TypedCombo)
        kecamatan_combo.set_key(kecamatan_key)  # "Ps. Kliwon" finds Pasar Kliwon
        self.kecamatan_combo = kecamatan_combo
        city_names = {c.code: c.name for c in cities()}
        self.kecamatan_combo.addItem("— pilih kecamatan —", "")
        self._kecamatan_by_code: dict[str, Kecamatan] = {k.code: k for k in kecamatan_list()}
        for k in self._kecamatan_by_code.values():
            # Short text so the field shows it whole ("Manyaran (Wonogiri)"); the full
            # "Kecamatan Manyaran, Kabupaten Wonogiri" is the tooltip.
            city = city_names.get(k.city_code, "")
            short = city.removeprefix("Kota ").removeprefix("Kabupaten ")
            self.kecamatan_combo.addItem(f"{k.name} ({short})" if short else k.name, k.code)
            full = f"Kecamatan {k.name}, {city}" if city else f"Kecamatan {k.name}"
            self.kecamatan_combo.setItemData(self.kecamatan_combo.count() - 1, full,
                                             Qt.ItemDataRole.ToolTipRole)
        self.kecamatan_combo.currentIndexChanged.connect(
            lambda i: self.kecamatan_combo.setToolTip(
                str(self.kecamatan_combo.itemData(i, Qt.ItemDataRole.ToolTipRole) or "")))
        self._field(form, "Kecamatan", "kecamatan", self.kecamatan_combo)
        self.kelurahan_combo = self._combo("kelurahan")
        self.kelurahan_combo.setEditable(True)
        self.kelurahan_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.kelurahan_combo.model(), self.kelurahan_combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.kelurahan_combo.setCompleter(completer)
        line = self.kelurahan_combo.lineEdit()
        line.setObjectName("kelurahanLineEdit")
        line.setPlaceholderText("Ketik nama kelurahan/desa")
        self.kelurahan_hint = self._hint("kelurahanHint")
        self._field(form, "Kelurahan/Desa", "kelurahan", self.kelurahan_combo, self.kelurahan_hint)
        self.address_edit = self._line("address", "Jalan, RT/RW")
        self._field(form, "Alamat", "address", self.address_edit)

        # -- Kepesertaan
        member = QGroupBox("Kepesertaan")
        member.setObjectName("membershipGroup")
        form = self._form_layout(member)
        self.segment_combo = self._combo("segment", TypedCombo)
        self._field(form, "Pekerjaan", "segment", self.segment_combo)
        self.income_edit = self._line("income", "1.500.000 atau 1,5 jt")
        self.income_hint = self._hint("incomeHint")
        self.income_hint.hide()  # an empty line would push the error message down
        self.income_warning = QLabel()
        self.income_warning.setObjectName("incomeWarning")
        self.income_warning.setProperty("role", "warning")
        self.income_warning.setWordWrap(True)
        self.income_warning.hide()
        self._field(form, "Penghasilan/bln", "income", self.income_edit, self.income_hint,
                    self.income_warning)
        self.jht_check = QCheckBox("Ikut JHT (Jaminan Hari Tua)")
        self.jht_check.setObjectName("jhtCheck")
        # Editing a member: a new income or JHT choice changes the next payment only.
        self.rate_note = QLabel()
        self.rate_note.setObjectName("rateChangeNote")
        self.rate_note.setProperty("role", "warning")
        self.rate_note.setWordWrap(True)
        self.rate_note.hide()
        # A sponsor's batch: the pledge's package decides JHT (the check box is locked).
        self.jht_hint = self._hint("jhtPledgeHint")
        self.jht_hint.hide()
        self._field(form, "JHT", "with_jht", self.jht_check, self.jht_hint, self.rate_note)
        self.funding_combo = self._combo("funding", TypedCombo)
        for code, label in FUNDING_SOURCES.items():
            self.funding_combo.addItem(label, code)
        self._field(form, "Sumber dana", "funding", self.funding_combo)
        self.months_combo = self._combo("months", NumberCombo)
        for n in ADVANCE_MONTHS:
            self.months_combo.addItem(f"{n} bulan", n)
        self._field(form, "Bayar di muka", "months_paid", self.months_combo)
        self.start_month_edit = self._line("startMonth", "bb/tttt")
        self.start_month_hint = self._hint("startMonthHint")
        self._field(form, "Mulai bulan", "start_month", self.start_month_edit,
                    self.start_month_hint)
        self.enrolled_on_edit = self._line("enrolledOn", "hh/bb/tttt")
        self._field(form, "Tanggal daftar", "enrolled_on", self.enrolled_on_edit)
        self.kpj_edit = self._line("kpj", "11 digit (boleh kosong)")
        self._field(form, "No. KPJ", "kpj", self.kpj_edit)

        # -- Rincian iuran
        breakdown = QGroupBox("Rincian iuran")
        breakdown.setObjectName("breakdownGroup")
        grid = QGridLayout(breakdown)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        self.breakdown_period = self._hint("breakdownPeriod")
        grid.addWidget(self.breakdown_period, 0, 0, 1, 3)
        head_month = QLabel("Per bulan")
        self.breakdown_total_head = QLabel("Total")
        for col, head in ((1, head_month), (2, self.breakdown_total_head)):
            head.setProperty("role", "hint")
            head.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(head, 1, col)
        self.breakdown: dict[str, tuple[QLabel, QLabel]] = {}
        self._breakdown_names: dict[str, QLabel] = {}
        rows = (("jkk", "JKK"), ("jkm", "JKM"), ("jht", "JHT"), ("discount", "Potongan"),
                ("total", "Dibayar"))
        for r, (key, text) in enumerate(rows, start=2):
            name = QLabel(text)
            per_month = QLabel("-")
            per_month.setObjectName(f"breakdown_{key}_month")
            total = QLabel("-")
            total.setObjectName(f"breakdown_{key}")
            for value in (per_month, total):
                value.setAlignment(Qt.AlignmentFlag.AlignRight)
            if key == "total":
                for w in (name, per_month, total):
                    w.setProperty("role", "total")
            grid.addWidget(name, r, 0)
            grid.addWidget(per_month, r, 1)
            grid.addWidget(total, r, 2)
            self.breakdown[key] = (per_month, total)
            self._breakdown_names[key] = name
        self.breakdown_note = self._hint("breakdownNote")
        grid.addWidget(self.breakdown_note, len(rows) + 2, 0, 1, 3)
        # A sponsor's batch: what the sponsor pays for this worker, on the pledge's terms.
        self.sponsor_share = QLabel()
        self.sponsor_share.setObjectName("breakdownSponsor")
        self.sponsor_share.setProperty("role", "total")
        self.sponsor_share.setWordWrap(True)
        self.sponsor_share.hide()
        grid.addWidget(self.sponsor_share, len(rows) + 3, 0, 1, 3)
        grid.setColumnStretch(0, 1)

        self.form_message = QLabel()
        self.form_message.setObjectName("formMessage")
        self.form_message.setWordWrap(True)
        self.save_button = QPushButton(icon("save"), "Simpan (Ctrl+S)")
        self.save_button.setObjectName("saveButton")
        self.save_button.setProperty("primary", True)
        # Enter on the focused button saves, as at the end of the Enter-by-Enter walk
        # through the form (outside a dialog Qt clicks a button on Enter only if so).
        self.save_button.setAutoDefault(True)
        # As Ctrl+S: the wait for a busy file is shown (`saving`).
        self.save_button.clicked.connect(lambda: save_with_feedback(self, self.save))
        self.clear_button = QPushButton("Kosongkan (Esc)")
        self.clear_button.setObjectName("clearButton")
        self.clear_button.clicked.connect(self.cancel)
        # Esc empties a half-typed new enrolment at once (the desk's fast reset); this
        # brings it back straight after, from the keyboard too (Alt+K), until the next
        # person is typed. Ctrl+Z would not do: the focused field takes it for itself.
        self.restore_button = QPushButton("Kembalikan isian (Alt+K)")
        self.restore_button.setObjectName("restoreClearedButton")
        self.restore_button.clicked.connect(self.restore_cleared)
        self.restore_button.hide()
        restore_key = QShortcut(QKeySequence("Alt+K"), self)
        restore_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        restore_key.activated.connect(self.restore_cleared)
        self._cleared: EnrolmentInput | None = None
        for b in (self.save_button, self.clear_button, self.restore_button):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)

        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(identity)
        left.addWidget(area)
        left.addStretch(1)
        middle = QVBoxLayout()
        middle.addWidget(member)
        middle.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(10)
        right.addWidget(breakdown)
        right.addWidget(self.form_message)
        right.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addLayout(buttons)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(14)
        columns.addLayout(left, 11)
        columns.addLayout(middle, 10)
        columns.addLayout(right, 8)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.sticky_bar)
        layout.addLayout(columns, 1)

        order = [self.nik_edit, self.name_edit, self.phone_edit, self.kecamatan_combo,
                 self.kelurahan_combo, self.address_edit, self.segment_combo, self.income_edit,
                 self.jht_check, self.funding_combo, self.months_combo,
                 self.start_month_edit, self.enrolled_on_edit, self.kpj_edit, self.save_button]
        for a, b in pairwise(order):
            QWidget.setTabOrder(a, b)
        mover = _EnterMovesOn(self)
        for w in order[:-1]:
            w.installEventFilter(mover)
        self.kelurahan_combo.lineEdit().installEventFilter(mover)
        for listed in self._list_combos():  # Alt+Down/F4 opened it: Enter picks, moves on
            listed.view().installEventFilter(mover)
        # Installed after the completer's own filter, so it runs first.
        self.kelurahan_combo.completer().popup().installEventFilter(mover)

        # Live feedback.
        self.nik_edit.textChanged.connect(self._nik_changed)
        for edit in (self.nik_edit, self.name_edit):  # the next person: nothing to restore
            edit.textEdited.connect(self._next_person_typed)
        self.phone_edit.editingFinished.connect(self._phone_left)
        self.kecamatan_combo.currentIndexChanged.connect(self._kecamatan_changed)
        self.kelurahan_combo.currentTextChanged.connect(self._kelurahan_changed)
        self.income_edit.textChanged.connect(self._income_changed)
        self.start_month_edit.textChanged.connect(self._start_month_changed)
        self.enrolled_on_edit.textChanged.connect(lambda _t: self._nik_changed())
        self.enrolled_on_edit.textChanged.connect(lambda _t: self._check_start_month())
        for edit in (self.name_edit, self.phone_edit, self.address_edit, self.kpj_edit,
                     self.enrolled_on_edit):
            edit.textChanged.connect(lambda _t, e=edit: self._clear_error_of(e))
        for combo in (self.segment_combo, self.funding_combo, self.months_combo):
            combo.currentIndexChanged.connect(lambda _i, c=combo: self._clear_error_of(c))
            combo.currentIndexChanged.connect(lambda _i: self.update_breakdown())
        self.jht_check.toggled.connect(lambda _c: self.update_breakdown())
        self.funding_combo.currentIndexChanged.connect(lambda _i: self._check_start_month())
        self.funding_combo.currentIndexChanged.connect(lambda _i: self._apply_pledge_package())
        self.months_combo.currentIndexChanged.connect(lambda _i: self._check_start_month())

    def _list_combos(self) -> tuple[QComboBox, ...]:
        return (self.kecamatan_combo, self.segment_combo, self.funding_combo, self.months_combo)

    def list_combo_of(self, watched: QObject) -> QComboBox | None:
        """The list combo whose opened list `watched` is, if any."""
        return next((c for c in self._list_combos() if c.view() is watched), None)

    # -- reference data -------------------------------------------------------------------
    def reload_reference(self) -> None:
        """Segments, villages and rates as this file has them (edited in Pengaturan)."""
        current = self.segment_combo.currentData()
        self.segment_combo.blockSignals(True)
        self.segment_combo.clear()
        self.segment_combo.addItem("— pilih pekerjaan —", "")
        self._sectors: dict[str, str] = {}
        for s in list_segments(self.ctx.store):
            self.segment_combo.addItem(s.name, s.code)
            self._sectors[s.code] = s.sector
        index = self.segment_combo.findData(current) if current else 0
        self.segment_combo.setCurrentIndex(max(index, 0))
        self.segment_combo.blockSignals(False)
        self.rates = load_rates(self.ctx.store)
        self._kelurahan = kelurahan_by_kecamatan(self.ctx.store)
        self._fill_kelurahan(self.kelurahan_combo.currentText())

    def refresh(self) -> None:
        """The village list as the file has it now. The typed text, the cursor in it, the
        chosen kecamatan and desa and the focus stay; the hint under the field follows (a
        desa typed as new may be listed now)."""
        self._dirty = False
        fresh = kelurahan_by_kecamatan(self.ctx.store)
        if fresh == self._kelurahan:
            return
        self._kelurahan = fresh
        code = self.kecamatan_combo.currentData() or ""
        set_village_items(self.kelurahan_combo, fresh.get(code, []))
        self._kelurahan_changed(self.kelurahan_combo.currentText())

    def _fill_kelurahan(self, keep_text: str) -> None:
        code = self.kecamatan_combo.currentData() or ""
        self.kelurahan_combo.blockSignals(True)
        self.kelurahan_combo.clear()
        self.kelurahan_combo.addItems(self._kelurahan.get(code, []))
        self.kelurahan_combo.setCurrentIndex(-1)
        self.kelurahan_combo.setEditText(keep_text)
        self.kelurahan_combo.blockSignals(False)
        self._kelurahan_changed(keep_text)

    # -- the day ----------------------------------------------------------------------------
    def _today(self) -> date:
        return self.today or date.today()

    # -- live feedback ----------------------------------------------------------------------
    def _nik_changed(self, _text: str = "") -> None:
        self._set_error("nik", "")
        self._duplicate = None
        self.duplicate_box.hide()
        text = self.nik_edit.text().strip()
        digits = "".join(ch for ch in text if ch.isdigit())
        if not text:
            self.nik_info.setText(
                "Ketik NIK: tanggal lahir, umur dan jenis kelamin tampil di sini.")
            return
        try:
            nik = parse_nik(text, today=self._today())
        except InvalidNik as exc:
            only_digits = digits == "".join(ch for ch in text if ch not in " .-")
            if len(digits) < 16 and only_digits:
                self.nik_info.setText(f"{len(digits)}/16 digit")
            else:
                self.nik_info.setText("")
                self._set_error("nik", str(exc))
            return
        # The age limit applies on the enrolment date; the member list shows today's age,
        # so both are named when they differ (an edit of an older record).
        age = nik.age_on(self._enrolled_on() or self._today())
        age_now = nik.age_on(self._today())
        age_text = f"{age} tahun"
        if age_now != age:
            age_text += f" saat mendaftar (kini {age_now})"
        self.nik_info.setText(
            f"Lahir {format_date(nik.birth_date)}  ·  {age_text}  ·  {SEX_LABELS[nik.sex]}")
        if age > self.rates.max_registration_age:
            self._set_error("nik", f"Umur {age} tahun melebihi batas pendaftaran "
                                   f"{self.rates.max_registration_age} tahun.")
        elif age < self.rates.min_registration_age:
            self._set_error("nik", f"Umur {age} tahun di bawah batas pendaftaran "
                                   f"{self.rates.min_registration_age} tahun.")
        existing = self.repo.find_by_nik(nik.value)
        if existing is not None and (self.editing is None or existing.id != self.editing.id):
            self._duplicate = existing
            enrolled = (format_date(parse_date(existing.enrolled_on))
                        if existing.enrolled_on else "-")
            self.duplicate_label.setText(
                f"NIK ini sudah terdaftar atas nama {existing.name} (didaftarkan {enrolled} "
                f"oleh {existing.created_by}).")
            self.duplicate_box.show()

    def accept_kelurahan_completion(self) -> None:
        """Enter in the village field takes the highlighted suggestion, or the first one
        when the typed text starts it ("paj" -> "Pajang"); a new name is kept as typed."""
        completer = self.kelurahan_combo.completer()
        popup = completer.popup()
        if not popup.isVisible():
            return
        typed = self.kelurahan_combo.currentText().strip()
        index = popup.currentIndex()
        choice = str(index.data()) if index.isValid() else completer.currentCompletion()
        popup.hide()
        if index.isValid() or (choice and choice.casefold().startswith(typed.casefold())):
            self.kelurahan_combo.setEditText(choice)

    def _kecamatan_changed(self, _index: int = 0) -> None:
        self._clear_error_of(self.kecamatan_combo)
        self._fill_kelurahan(self.kelurahan_combo.currentText())

    def _kelurahan_changed(self, text: str) -> None:
        """While typing: a Solo kelurahan of another kecamatan is flagged with where it is
        (Solo's list is complete: nothing is added there); a new Wonogiri desa will be
        offered for the list on saving, naming another kecamatan that lists it."""
        self._set_error("kelurahan", "")
        name = " ".join(text.split())
        code = self.kecamatan_combo.currentData() or ""
        known = {k.casefold() for k in self._kelurahan.get(code, [])}
        hint = ""
        if name and code and name.casefold() not in known:
            elsewhere = self._listed_elsewhere(name)
            if village_list_complete(code):
                if elsewhere:
                    self._set_error("kelurahan",
                                    misplaced_village(self._kecamatan_by_code[code], elsewhere))
                else:
                    hint = f"“{name}” tidak ada di daftar kecamatan ini."
            else:
                hint = (f"“{name}” belum ada di daftar kecamatan ini; akan ditawarkan untuk "
                        "ditambahkan saat disimpan.")
                if elsewhere:
                    hint += " " + village_listed_elsewhere(elsewhere)
            likely = None if elsewhere else likely_village(name, self._kelurahan.get(code, []))
            if likely:  # the rule Simpan applies (a letter off a listed one), said early
                hint += f" Mungkin maksudnya “{likely}”?"
        self.kelurahan_hint.setText(hint)

    def _listed_elsewhere(self, name: str) -> list[tuple[Kecamatan, str]]:
        """Other kecamatan of the chosen one's city whose list holds `name`."""
        code = self.kecamatan_combo.currentData() or ""
        return kecamatan_listing_village(name, code, self._kelurahan,
                                         list(self._kecamatan_by_code.values()))

    def _income_changed(self, text: str) -> None:
        """The domain's answer while typing: the amount read, an error in red or a
        plausibility warning; a still-empty field gets no message until save."""
        check = check_income(text, self.rates) if text.strip() else None
        amount = format_rupiah(check.value) if check and check.value is not None else ""
        self.income_hint.setText(amount)
        self.income_hint.setVisible(bool(amount))
        self.income_warning.setText(check.warning if check else "")
        self.income_warning.setVisible(bool(check and check.warning))
        self._set_error("income", check.error if check else "")
        self.update_breakdown()

    def _start_month_changed(self, text: str) -> None:
        month = self._start_month()
        self.start_month_hint.setText(month_label(month) if month else "")
        self._check_start_month()
        self.update_breakdown()

    def _check_start_month(self) -> None:
        """The domain's start-month rule while typing: a start too far before (or after)
        the enrolment month is flagged next to the field at once."""
        month, enrolled = self._start_month(), self._enrolled_on()
        error = ""
        if month is not None and enrolled is not None:
            error = check_start_month(month, enrolled, self.rates).error
        self._set_error("start_month", error or self._pledge_error())

    def _pledge_error(self) -> str:
        """A new enrolment in a sponsor's batch, paid by the sponsor, must start and end
        in months the sponsor pledged (the domain's rule, which the store enforces too)."""
        pledge, month = self.sticky.pledge, self._start_month()
        if self.editing is not None or pledge is None or month is None:
            return ""
        return pledge_month_error(pledge, month, int(self.months_combo.currentData() or 1),
                                  self.funding_combo.currentData())

    def _paying_pledge(self) -> SponsorshipRow | None:
        """The pledge of a new enrolment in a sponsor's batch, when the pledge pays it
        (its funding is the sponsor's, not the member's own)."""
        row = self.sticky.pledge_row
        if self.editing is not None or row is None:
            return None
        return row if pledge_pays(self.funding_combo.currentData()) else None

    def _apply_pledge_package(self) -> None:
        """JHT follows the pledge's package while the pledge pays (the store refuses any
        other choice, `pledge_package_error`): set and locked, with a hint saying why."""
        row = self._paying_pledge()
        self.jht_check.setEnabled(row is None)
        self.jht_hint.setVisible(row is not None)
        if row is None:
            self.jht_hint.clear()
            return
        self.jht_check.setChecked(package_with_jht(row.package))
        self.jht_hint.setText(f"Ditentukan janji sponsor: paket {row.package_label}.")

    def _sponsor_share_text(self, start: date | None, months: int) -> str:
        """What the sponsor pays per month for this worker: the pledge's amounts (its base
        income and package, `SponsorshipRow.amounts`), for the months of this enrolment."""
        row = self._paying_pledge()
        if row is None or start is None:
            return ""
        amounts = [a for a in (row.amounts.per_worker_for(add_months(start, i))
                               for i in range(months)) if a]
        if not amounts:
            return ""
        return (f"Ditanggung sponsor: {_amount_range(amounts)}/bulan (dasar "
                f"{format_rupiah(row.income)}, {row.package_label})")

    def _start_month(self) -> date | None:
        text = self.start_month_edit.text().strip()
        if not text:
            return None
        try:
            return parse_month(text)
        except ValueError:
            try:
                return month_start(parse_date(text))
            except ValueError:
                return None

    def _enrolled_on(self) -> date | None:
        try:
            return parse_date(self.enrolled_on_edit.text())
        except ValueError:
            return None

    def update_breakdown(self) -> None:
        """The contribution as the domain computes it with this file's rates."""
        months = int(self.months_combo.currentData() or 1)
        self.breakdown_total_head.setText(f"Total {months} bln")
        sector = self._sectors.get(self.segment_combo.currentData() or "")
        start = self._start_month()
        share = self._sponsor_share_text(start, months)
        self.sponsor_share.setText(share)
        self.sponsor_share.setVisible(bool(share))
        try:
            income = parse_rupiah(self.income_edit.text())
        except ValueError:
            income = 0
        missing = []
        if income <= 0:
            missing.append("penghasilan")
        if sector is None:
            missing.append("pekerjaan")
        if start is None:
            missing.append("bulan mulai")
        if missing:
            for key, (per_month, total) in self.breakdown.items():
                per_month.setText("-")
                per_month.setToolTip("")
                total.setText("-")
                self._show_breakdown_row(key, True)
            self.breakdown_period.setText("Isi " + ", ".join(missing) + " untuk melihat iuran.")
            self.breakdown_note.setText("")
            self._show_rate_note("")
            return
        assert sector is not None and start is not None
        funding = self.funding_combo.currentData()
        payment = advance_payment(income, start, months, sector, funding,
                                  self.jht_check.isChecked(), self.rates)
        self._show_rate_note(self._rate_change(income, sector, funding, months, start))
        for key in ("jkk", "jkm", "jht", "discount", "total"):
            per_month, total = self.breakdown[key]
            amounts = [getattr(m, key) for m in payment.months]
            sign = "- " if key == "discount" else ""
            # Every month's amount: one when they agree, else the range (a payment across
            # the start or end of a discount window), each month in the tooltip.
            per_month.setText(sign + _amount_range(amounts))
            per_month.setToolTip("" if len(set(amounts)) == 1 else "\n".join(
                f"{month_label(m.month)}: {format_rupiah(a)}"
                for m, a in zip(payment.months, amounts, strict=True)))
            total.setText(sign + format_rupiah(getattr(payment, key)))
            # No "Rp 0" lines: JHT not chosen, no discount in these months.
            self._show_breakdown_row(key, key not in ("jht", "discount") or any(amounts))
        last = payment.months[-1].month
        period = month_label(start)
        if months > 1:
            period += f" s.d. {month_label(last)}"
        self.breakdown_period.setText(f"Masa iuran: {period}")
        discounted = sum(1 for m in payment.months if m.discount)
        if discounted:
            self.breakdown_note.setText(
                f"Potongan 50% JKK+JKM ({self.rates.discount_legal_basis}) untuk "
                f"{discounted} dari {months} bulan.")
        else:
            self.breakdown_note.setText("Tanpa potongan iuran untuk masa ini.")

    def _show_breakdown_row(self, key: str, shown: bool) -> None:
        for label in (self._breakdown_names[key], *self.breakdown[key]):
            label.setVisible(shown)

    def _rate_change(self, income: int, sector: str, funding: str, months: int,
                     start: date) -> str:
        """Editing a member whose income, JHT choice, sector or funding changed: the new
        monthly iuran and the month it starts (the next payment); what was paid stays."""
        row = self.editing
        if row is None or row.income is None or row.start_month is None:
            return ""
        with_jht = self.jht_check.isChecked()
        if (income, with_jht, sector, funding) == (
                row.income, bool(row.with_jht), row.sector, row.funding):
            return ""
        if not keeps_amount_paid(row, months, start):
            # The months paid at enrolment are being corrected too: that payment is
            # recomputed at the new rate (the breakdown shows it), and the next one follows
            # the corrected months, known once saved.
            return ("Bulan yang dibayar saat mendaftar ikut diubah: pembayaran pendaftaran "
                    "dihitung ulang dengan iuran baru (lihat rincian).")
        first = next_unpaid_month_of(self.ctx.store, row)
        new = monthly_contribution(income, first, sector, funding, with_jht, self.rates)
        # Everything paid so far, the payments recorded after enrolment too: the amount
        # paid at enrolment alone read as if the member had paid less than they did.
        paid = paid_so_far(self.ctx.store, row)
        through = f", lunas s.d. {month_label(paid.through)}" if paid.through else ""
        return (f"Iuran baru {format_rupiah(new.total)} per bulan berlaku mulai "
                f"{month_label(first)} (pembayaran berikutnya). Yang sudah dibayar "
                f"({format_rupiah(paid.amount)}{through}) tidak berubah.")

    def _show_rate_note(self, text: str) -> None:
        self.rate_note.setText(text)
        self.rate_note.setVisible(bool(text))

    # -- errors -----------------------------------------------------------------------------
    def _set_error(self, field: str, message: str) -> None:
        label = self._errors.get(field)
        if label is None:
            if message:
                self._show_message(message, "error")
            return
        label.setText(message)
        label.setVisible(bool(message))
        widget = self._inputs[field]
        if bool(widget.property("invalid")) != bool(message):
            widget.setProperty("invalid", bool(message))
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def _phone_left(self) -> None:
        """A mistyped number is flagged as the officer leaves the field, while the person
        is still at the table. No number (blank, or "-") is allowed: Simpan notes it."""
        text = self.phone_edit.text()
        if phone_given(text):
            try:
                normalize_phone(text)
            except InvalidPhone as exc:
                self._set_error("phone", str(exc))

    def _clear_error_of(self, widget: QWidget) -> None:
        for field, w in self._inputs.items():
            if w is widget:
                self._set_error(field, "")

    def errors(self) -> dict[str, str]:
        """The messages shown next to the fields now (for tests and screenshots)."""
        return {f: label.text() for f, label in self._errors.items() if label.text()}

    def show_errors(self, errors: dict[str, str]) -> None:
        for field in self._errors:
            self._set_error(field, errors.get(field, ""))
        for field, message in errors.items():
            if field not in self._errors:
                self._show_message(message, "error")
        first = next((self._inputs[f] for f in FIELD_WIDGETS if f in errors and f in self._inputs),
                     None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_message(self, text: str, role: str = "hint") -> None:
        self.form_message.setText(text)
        self.form_message.setProperty("role", role)
        self.form_message.style().unpolish(self.form_message)
        self.form_message.style().polish(self.form_message)

    # -- reading the form -------------------------------------------------------------------
    def raw_input(self) -> EnrolmentInput:
        return EnrolmentInput(
            nik=self.nik_edit.text(),
            name=self.name_edit.text(),
            phone=self.phone_edit.text(),
            kecamatan=self.kecamatan_combo.currentData() or "",
            kelurahan=self.kelurahan_combo.currentText(),
            address=self.address_edit.text(),
            segment=self.segment_combo.currentData() or "",
            income=self.income_edit.text(),
            with_jht=self.jht_check.isChecked(),
            funding=self.funding_combo.currentData() or "",
            months_paid=int(self.months_combo.currentData() or 1),
            start_month=self.start_month_edit.text(),
            enrolled_on=self.enrolled_on_edit.text(),
            kpj=self.kpj_edit.text(),
            # An edit keeps the member's own links; a new enrolment takes the batch's.
            event_id=self.editing.event_id if self.editing else self.sticky.event_id,
            sponsorship_id=(self.editing.sponsorship_id if self.editing
                            else self.sticky.sponsorship_id),
        )

    def _new_village(self) -> str | None:
        """The typed village when it is not yet known for the chosen kecamatan and may be
        added (never in Solo, whose list is complete)."""
        return new_village(self.kelurahan_combo.currentText(),
                           self.kecamatan_combo.currentData() or "", self._kelurahan)

    # -- saving -----------------------------------------------------------------------------
    def save(self) -> bool:
        """Validate, then save in one transaction. Nothing is written when any field is wrong."""
        store = self.ctx.store
        today = self._today()
        raw = self.raw_input()
        result = validate_enrolment_input(store, raw, today=today)
        pledge_error = self._pledge_error()
        if pledge_error and "start_month" not in result.errors:
            self.show_errors({**result.errors, "start_month": pledge_error})
            self._show_message("Periksa isian yang ditandai merah; data belum disimpan.", "error")
            return False
        village = self._new_village()
        add_village = False
        if not result.ok:
            only_village = set(result.errors) == {"kelurahan"} and village is not None
            if not only_village:
                self.show_errors(result.errors)
                self._show_message("Periksa isian yang ditandai merah; data belum disimpan.",
                                   "error")
                return False
            code = self.kecamatan_combo.currentData() or ""
            # A letter off a listed desa is refused as the import refuses it (the message
            # next to the field), unless the officer says deliberately that it is another
            # desa (Batal, the default, is Enter).
            asked = new_village_question(
                village, self._kecamatan_by_code[code], self.kecamatan_combo.currentText(),
                self._kelurahan, list(self._kecamatan_by_code.values()), "peserta ini")
            question, ok_label, likely = asked.text, asked.ok_label, asked.likely
            if not ConfirmDialog.ask(self, "Kelurahan/desa baru", question, ok_label):
                self.show_errors(result.errors)
                if likely is not None:
                    self._show_message("Periksa ejaan kelurahan/desa; data belum disimpan.",
                                       "error")
                return False
            add_village = True
        try:
            with store.write():
                if add_village:
                    assert village is not None
                    add_kelurahan(store, raw.kecamatan, village)
                    result = validate_enrolment_input(store, raw, today=today)
                    if not result.ok:
                        raise _AbortSave(result)
                clean = result.value
                assert clean is not None
                if self.editing is None:
                    row = self.repo.enrol(clean)
                else:
                    row = self.repo.update(self.editing.id, clean,
                                           expected_version=self.editing.version)
        except _AbortSave as abort:
            self.show_errors(abort.result.errors)
            return False
        except DuplicateNikError as exc:
            self.show_errors({"nik": exc.message})
            self._nik_changed()
            self._set_error("nik", exc.message)
            return False
        except FieldRefusedError as exc:  # e.g. the pledge's months (store-enforced)
            self.show_errors({exc.field: exc.message})
            self._show_message("Periksa isian yang ditandai merah; data belum disimpan.", "error")
            return False
        except StoreError as exc:
            self._show_message(exc.message, "error")
            return False
        if add_village:
            self._kelurahan = kelurahan_by_kecamatan(store)
        was_edit = self.editing is not None
        rate_changed = was_edit and bool(self.rate_note.text())
        if not was_edit:
            self._remember_sticky()
        self.clear(keep_sticky=True)
        message = f"Tersimpan: {row.name}"
        if rate_changed:
            first = next_unpaid_month_of(self.ctx.store, row)
            message += f" — iuran baru berlaku mulai {month_label(first)}."
        if result.warnings:
            message += " — " + " ".join(result.warnings.values())
        # Enrolled from an event counted with fewer attendees: saved, and said (the
        # officer enrolling on the spot updates the count later, on Kegiatan).
        event = EventRepository(store).get(clean.event_id) if clean.event_id else None
        note = event.attendance_note if event is not None else None
        if note:
            message += " — " + note
        self._show_message(message, "warning" if note else "success")
        self.ctx.signals.status_message.emit(message)
        self.ctx.signals.members_changed.emit()
        self.saved.emit(row, was_edit)
        return True

    def _remember_sticky(self) -> None:
        s = self.sticky
        s.kecamatan_code = self.kecamatan_combo.currentData() or None
        s.kelurahan = " ".join(self.kelurahan_combo.currentText().split())
        s.enrolled_on = self._enrolled_on()
        s.funding = self.funding_combo.currentData() if s.sponsorship_id else None

    # -- clearing, editing, batches -------------------------------------------------------
    def clear(self, *, keep_sticky: bool = True) -> None:
        """A blank form for the next person (sticky fields kept), focus on NIK."""
        if not keep_sticky:
            self.sticky = Sticky(event_id=self.sticky.event_id,
                                 event_label=self.sticky.event_label,
                                 sponsorship_id=self.sticky.sponsorship_id,
                                 sponsorship_label=self.sticky.sponsorship_label,
                                 pledge=self.sticky.pledge,
                                 pledge_row=self.sticky.pledge_row)
        was_editing = self.editing is not None
        self.editing = None
        self._forget_cleared()
        s = self.sticky
        today = self._today()
        for edit in (self.nik_edit, self.name_edit, self.phone_edit, self.address_edit,
                     self.income_edit, self.kpj_edit):
            edit.clear()
        _select(self.kecamatan_combo, s.kecamatan_code or "")
        self._fill_kelurahan(s.kelurahan if s.kecamatan_code else "")
        self.segment_combo.setCurrentIndex(0)
        self.jht_check.setChecked(False)
        _select(self.funding_combo, s.funding or ("sponsor" if s.sponsorship_id else "self"))
        self._apply_pledge_package()
        self.months_combo.setCurrentIndex(0)
        enrolled = s.enrolled_on or today
        self.enrolled_on_edit.setText(format_date(enrolled))
        start = pledge_start_default(s.pledge, enrolled) if s.pledge else month_start(enrolled)
        self.start_month_edit.setText(f"{start.month:02d}/{start.year}")
        self.show_errors({})
        self._check_start_month()  # a sponsor's pledge already over says so at once
        self._nik_changed()
        self.form_message.clear()
        self.title.setText("Pendaftaran peserta baru")
        self.save_button.setText("Simpan (Ctrl+S)")
        self._update_sticky_bar()
        self.update_breakdown()
        self.nik_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        if was_editing:
            self.edit_closed.emit()

    def cancel(self) -> bool:
        """Esc: close the record being edited, or empty the form (sticky fields kept).
        False when the officer chose to stay with unsaved changes (`confirm_leave`)."""
        if not self.confirm_leave():
            return False
        typed = self.raw_input() if self.editing is None else None
        self.clear(keep_sticky=True)
        if typed is not None and (typed.nik.strip() or typed.name.strip()):
            who = typed.name.strip() or typed.nik.strip()
            self._cleared = typed
            self._show_message(f"Isian {who} dikosongkan.", "hint")
            self.restore_button.show()
        return True

    def restore_cleared(self) -> None:
        """Put back what Esc emptied (the fields as they were typed)."""
        typed = self._cleared
        if typed is None:
            return
        self._forget_cleared()
        self.nik_edit.setText(typed.nik)
        self.name_edit.setText(typed.name)
        self.phone_edit.setText(typed.phone)
        _select(self.kecamatan_combo, typed.kecamatan)
        self._fill_kelurahan(typed.kelurahan)
        self.address_edit.setText(typed.address)
        _select(self.segment_combo, typed.segment)
        self.income_edit.setText(str(typed.income))
        self.jht_check.setChecked(bool(typed.with_jht))
        _select(self.funding_combo, typed.funding)
        _select(self.months_combo, typed.months_paid)
        self.start_month_edit.setText(str(typed.start_month))
        self.enrolled_on_edit.setText(str(typed.enrolled_on))
        self.kpj_edit.setText(typed.kpj or "")
        self._nik_changed()
        self.update_breakdown()
        self.form_message.clear()
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _next_person_typed(self, _text: str) -> None:
        if self._cleared is not None:
            self._forget_cleared()
            self.form_message.clear()

    def _forget_cleared(self) -> None:
        self._cleared = None
        self.restore_button.hide()

    def has_unsaved_changes(self) -> bool:
        """An edited member whose fields differ from what was opened."""
        return self.editing is not None and self.raw_input() != self._loaded

    def confirm_leave(self) -> bool:
        """Before the edited member is closed: with unsaved changes, ask Simpan (save
        first; False when the save is refused), Buang (drop them) or Batal (stay)."""
        if not self.has_unsaved_changes():
            return True
        assert self.editing is not None
        return ConfirmDialog.save_or_discard(
            self, "Perubahan belum disimpan",
            f"Perubahan pada data {self.editing.name} belum disimpan.", self.save)

    def confirm_close(self) -> bool:
        """Before the window closes: an edit with unsaved changes, or a new enrolment with a
        NIK or name typed, is saved, dropped or kept open as the officer chooses."""
        if self.editing is not None:
            return self.confirm_leave()
        typed = self.raw_input()
        if not (typed.nik.strip() or typed.name.strip()):
            return True
        who = typed.name.strip() or typed.nik.strip()
        return ConfirmDialog.save_or_discard(
            self, "Pendaftaran belum disimpan", f"Pendaftaran {who} belum disimpan.", self.save)

    def start_batch(
        self,
        *,
        event_id: str | None = None,
        event_label: str | None = None,
        enrolled_on: date | None = None,
        kecamatan_code: str | None = None,
        kelurahan: str | None = None,
        sponsorship_id: str | None = None,
        sponsorship_label: str | None = None,
        **_ignored: Any,
    ) -> None:
        """open_with(mode="enrol", ...): these values stay from one person to the next."""
        pledge = self._pledge_of(sponsorship_id)
        self.sticky = Sticky(
            event_id=event_id, event_label=event_label,
            sponsorship_id=sponsorship_id, sponsorship_label=sponsorship_label,
            kecamatan_code=kecamatan_code, kelurahan=kelurahan or "",
            enrolled_on=enrolled_on, funding="sponsor" if sponsorship_id else None,
            pledge=(pledge.start, pledge.end) if pledge is not None else None,
            pledge_row=pledge,
        )
        self.editing = None
        self.clear(keep_sticky=True)

    def _pledge_of(self, sponsorship_id: str | None) -> SponsorshipRow | None:
        if not sponsorship_id:
            return None
        # Imported here: the sponsor store is not needed to open the desk.
        from bpu_desktop.store.sponsors import SponsorRepository

        return SponsorRepository(self.ctx.store).get_sponsorship(sponsorship_id)

    def clear_batch(self) -> None:
        self.sticky = Sticky()
        self.clear(keep_sticky=True)

    def _update_sticky_bar(self) -> None:
        s = self.sticky
        parts = []
        if s.event_id:
            parts.append(f"Kegiatan: <b>{_escape(s.event_label or short_id(s.event_id))}</b>")
        if s.sponsorship_id:
            parts.append(f"Sponsor: <b>{_escape(s.sponsorship_label or short_id(s.sponsorship_id))}</b>")
        self.sticky_label.setText("  ·  ".join(parts))
        # The button names what it lets go of: a sponsor's batch is no event.
        self.clear_sticky_button.setText(
            "Lepas kegiatan" if s.event_id and not s.sponsorship_id
            else "Lepas sponsor" if s.sponsorship_id and not s.event_id else "Lepas semua")
        self.sticky_bar.setVisible(bool(parts))

    def load_member(self, row: MemberRow) -> None:
        """Open a member for editing; the store audits what changes."""
        self.editing = None
        self.clear(keep_sticky=True)
        self.editing = row
        self.nik_edit.setText(row.nik)
        self.name_edit.setText(row.name)
        self.phone_edit.setText(row.phone)
        _select(self.kecamatan_combo, row.kecamatan_code)
        self._fill_kelurahan(row.kelurahan)
        self.address_edit.setText(row.address)
        _select(self.segment_combo, row.segment or "")
        self.income_edit.setText(format_rupiah(row.income) if row.income else "")
        self.jht_check.setChecked(bool(row.with_jht))
        _select(self.funding_combo, row.funding or "self")
        self._apply_pledge_package()  # editing: the store holds an edit to the pledge
        _select(self.months_combo, row.months_paid or 1)
        if row.start_month:
            start = parse_month(row.start_month)
            self.start_month_edit.setText(f"{start.month:02d}/{start.year}")
        if row.enrolled_on:
            self.enrolled_on_edit.setText(format_date(parse_date(row.enrolled_on)))
        self.kpj_edit.setText(row.kpj or "")
        self.update_breakdown()  # every field loaded: nothing changed yet
        self._loaded = self.raw_input()
        self.title.setText(f"Ubah data: {row.name}")
        self.save_button.setText("Simpan perubahan (Ctrl+S)")
        self._show_message("Mengubah data peserta. Esc untuk batal.", "hint")
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_duplicate(self) -> None:
        if self._duplicate is not None and self.confirm_leave():
            self.load_member(self._duplicate)


def _amount_range(amounts: list[int]) -> str:
    """``Rp 8.400`` when every month pays the same, else ``Rp 8.400 s.d. 16.800``."""
    low, high = min(amounts), max(amounts)
    if low == high:
        return format_rupiah(low)
    return f"{format_rupiah(low)} s.d. {format_number(high)}"


def _select(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def icon_label(name: str) -> QLabel:
    label = QLabel()
    label.setPixmap(icon(name).pixmap(18, 18))
    return label

"""Konflik penggabungan: the supervisor decides each conflict, field by field.

Left: the open conflicts, a paged model (a merge can leave 800,000 of them), with their
count and filters by table and kind. Right: every field with this file's value and the
officer's, a choice per field, and the decisions that fit the kind (keep mine, take theirs,
choose per field, or combine two members into one). Decisions go through store/conflicts
(audited); then the next open conflict is chosen, as when working through a queue.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.money import format_number
from bpu_desktop.store.conflict_base import BOTH, default_picks, field_changes
from bpu_desktop.store.conflict_base import MINE as CHANGED_HERE
from bpu_desktop.store.conflict_base import THEIRS as CHANGED_THERE
from bpu_desktop.store.conflict_values import NONE_TEXT, ValueText, duplicate_origins
from bpu_desktop.store.conflicts import (
    DECISION_LABELS,
    KIND_LABELS,
    Conflict,
    ConflictQuery,
    EnrolmentPair,
    conflict_name,
    conflict_tables,
    dropped_copy,
    enrolment_pair,
    field_label,
    get_conflict,
    resolve_conflict,
)
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.labels import table_label

from .conflict_list_model import ConflictListModel
from .context import AppContext

MINE, THEIRS = "Data cabang", "Data petugas"
# Who changed a differing field since the version both sides started from.
CHANGED = {CHANGED_HERE: "Diubah di cabang", CHANGED_THERE: "Diubah petugas",
           BOTH: "Diubah di keduanya: periksa"}
KNOWN_HINT = ("Pilihan awal tiap kolom: data dari sisi yang mengubahnya. "
              "{both} diubah di keduanya: data cabang terpilih, periksa pilihannya.")
KNOWN_NONE_HINT = "Pilihan awal tiap kolom: data dari sisi yang mengubahnya."
UNKNOWN_HINT = ("Versi sebelum kedua perubahan tidak diketahui: semua kolom yang berbeda "
                "memakai data cabang; periksa tiap kolom.")


@contextmanager
def _busy() -> Iterator[None]:
    """A wait cursor while the list is counted (about a second at 800,000 conflicts)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


class _FirstRowSize(QStyledItemDelegate):
    """Every line is sized like the first. With uniform sizes Qt measures the *last* row
    after each reset, and the last page of a big list is the dearest to read (nested
    dependents at its end are skipped one by one); the first page is read anyway."""

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        first = index.model().index(0, 0) if index.isValid() else index
        return super().sizeHint(option, first)


class ConflictsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._conflict: Conflict | None = None
        self._values = ValueText(ctx.store)
        self.setObjectName("conflictsDialog")
        self.setWindowTitle("Konflik penggabungan")
        self.resize(960, 580)
        layout = QVBoxLayout(self)
        splitter = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.count_label = QLabel()
        self.count_label.setObjectName("conflictCount")
        left_layout.addWidget(self.count_label)
        filters = QHBoxLayout()
        self.table_filter = QComboBox()
        self.table_filter.setObjectName("conflictTableFilter")
        self.table_filter.setToolTip("Saring menurut data")
        self.table_filter.addItem("Semua data", None)
        for name in conflict_tables(ctx.store):
            self.table_filter.addItem(table_label(name), name)
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("conflictKindFilter")
        self.kind_filter.setToolTip("Saring menurut jenis konflik")
        self.kind_filter.addItem("Semua jenis", None)
        for kind, label in KIND_LABELS.items():
            self.kind_filter.addItem(label, kind)
        filters.addWidget(self.table_filter, 1)
        filters.addWidget(self.kind_filter, 1)
        left_layout.addLayout(filters)
        with _busy():
            self.model = ConflictListModel(ctx.store, self)  # counts the list once
        self.list = QListView()
        self.list.setObjectName("conflictList")
        self.list.setUniformItemSizes(True)  # the view never measures 800k rows
        self.list.setItemDelegate(_FirstRowSize(self.list))
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)  # two lines per conflict: tell them apart
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setModel(self.model)
        self.list.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show(current.row()))
        left_layout.addWidget(self.list)
        splitter.addWidget(left)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        self.title = QLabel()
        self.title.setObjectName("conflictTitle")
        self.title.setWordWrap(True)
        right_layout.addWidget(self.title)
        # A duplicate's two copies: who enrolled each, when, from which file (the only
        # difference when their data is the same).
        self.origins = QLabel()
        self.origins.setObjectName("conflictOrigins")
        self.origins.setWordWrap(True)
        self.origins.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right_layout.addWidget(self.origins)
        # Which side changed each field, and so which side a field's choice starts on.
        self.fields_hint = QLabel()
        self.fields_hint.setObjectName("conflictFieldsHint")
        self.fields_hint.setProperty("role", "hint")
        self.fields_hint.setWordWrap(True)
        right_layout.addWidget(self.fields_hint)
        self.fields = QTableWidget(0, 5)
        self.fields.setObjectName("conflictFields")
        self.fields.setHorizontalHeaderLabels(("Kolom", MINE, THEIRS, "Pakai", "Perubahan"))
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.verticalHeader().setVisible(False)
        # The two values get the room (a NIK is 16 digits); the label, the choice and the
        # change note take what they need.
        header = self.fields.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        right_layout.addWidget(self.fields)
        # A duplicate member's enrolments (they follow the member's decision): read-only.
        self.enrolment_title = QLabel("Kepesertaan (ikut keputusan peserta)")
        self.enrolment_title.setObjectName("conflictEnrolmentTitle")
        right_layout.addWidget(self.enrolment_title)
        self.enrolments = QTableWidget(0, 3)
        self.enrolments.setObjectName("conflictEnrolments")
        self.enrolments.setHorizontalHeaderLabels(("Kepesertaan", MINE, THEIRS))
        self.enrolments.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.enrolments.verticalHeader().setVisible(False)
        self.enrolments.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        right_layout.addWidget(self.enrolments)
        self.enrolment_outcome = QLabel()
        self.enrolment_outcome.setObjectName("conflictEnrolmentOutcome")
        self.enrolment_outcome.setProperty("role", "warning")
        self.enrolment_outcome.setWordWrap(True)
        right_layout.addWidget(self.enrolment_outcome)
        self.dependents = QLabel()
        self.dependents.setObjectName("conflictDependents")
        self.dependents.setProperty("role", "hint")
        self.dependents.setWordWrap(True)
        right_layout.addWidget(self.dependents)
        buttons = QHBoxLayout()
        self.keep_mine = self._button("conflictKeepMine", "mine", buttons)
        self.take_theirs = self._button("conflictTakeTheirs", "theirs", buttons)
        self.apply_fields = self._button("conflictApplyFields", "fields", buttons)
        self.combine = self._button("conflictCombine", "combine", buttons)
        right_layout.addLayout(buttons)
        # Right under the buttons: why a decision was refused, or that it was saved.
        self.message = QLabel()
        self.message.setObjectName("conflictMessage")
        self.message.setWordWrap(True)
        right_layout.addWidget(self.message)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter)
        close = QPushButton("Tutup")
        close.setObjectName("conflictCloseButton")
        close.clicked.connect(self.accept)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        self.table_filter.currentIndexChanged.connect(self._filter)
        self.kind_filter.currentIndexChanged.connect(self._filter)
        self._refresh(0)

    def _button(self, name: str, decision: str, layout: QHBoxLayout) -> QPushButton:
        button = QPushButton(DECISION_LABELS[decision])  # refusals name them so
        button.setObjectName(name)
        button.clicked.connect(lambda: self.decide(decision))
        layout.addWidget(button)
        return button

    def reload(self, total: int | None = None, row: int = 0) -> None:
        """Page the list again (count too, unless the new total is known) and choose
        `row`, or the last one when fewer are left."""
        with _busy():
            self.model.reload(total)
        self._refresh(row)

    def _say(self, text: str, role: str = "") -> None:
        self.message.setProperty("role", role)
        self.message.setText(text)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def _filter(self) -> None:
        with _busy():
            self.model.set_query(ConflictQuery(table_name=self.table_filter.currentData(),
                                               kind=self.kind_filter.currentData()))
        self._refresh(0)

    def _refresh(self, row: int) -> None:
        count = self.model.total()
        text = f"{format_number(count)} konflik terbuka"
        if self.model.query != ConflictQuery():
            text += " sesuai saringan"
        self.count_label.setText(text)
        if count:
            self.list.setCurrentIndex(self.model.index(min(row, count - 1)))
        else:
            self.list.setCurrentIndex(QModelIndex())
            self._show(-1)

    def current(self) -> Conflict | None:
        return self._conflict

    def _show(self, row: int) -> None:
        line = self.model.line_at(row)
        self._conflict = None
        self._say("")  # a message is about the conflict it was given for
        if line is not None:
            try:
                self._conflict = get_conflict(self.ctx.store, line.id)
            except StoreError as exc:  # decided meanwhile (e.g. with `bpu conflicts`)
                self._say(exc.message, "error")
        conflict = self._conflict
        for r in range(self.fields.rowCount()):
            old = self.fields.cellWidget(r, 3)
            if old is not None:  # deleted later: not to be found by its name meanwhile
                old.setObjectName("")
        self.fields.setRowCount(0)
        for button in (self.keep_mine, self.take_theirs, self.apply_fields, self.combine):
            button.setVisible(False)
        pair = enrolment_pair(self.ctx.store, conflict) if conflict is not None else None
        self._show_enrolments(pair, conflict.decisions() if conflict is not None else ())
        if conflict is None:
            self.title.setText("Tidak ada konflik yang perlu diputuskan.")
            self._show_origins(None)
            self.dependents.clear()
            self.fields_hint.clear()
            self.fields_hint.setVisible(False)
            return
        name = conflict_name(self._values, conflict.table_name, conflict.row_id,
                             conflict.incoming)
        self.title.setText(f"{table_label(conflict.table_name)}: {name}\n"
                           f"{conflict.kind_label} — dari {conflict.source_file}")
        self._show_origins(conflict)
        dropped = dropped_copy(self.ctx.store, conflict)
        if dropped is not None:  # a copy a duplicate decision dropped: say so, and why
            self.enrolment_outcome.setText(dropped.explanation())
            self.enrolment_outcome.setVisible(True)
        differing = set(conflict.differing())
        names = conflict.fields()
        self.fields.setRowCount(len(names))
        mine = conflict.mine or {}
        per_field = "fields" in conflict.decisions()
        changes = field_changes(self.ctx.store, conflict) if per_field else None
        starts = default_picks(changes)
        for r, name in enumerate(names):
            label = QTableWidgetItem(field_label(name, conflict.table_name)
                                     + (" *" if name in differing else ""))
            self.fields.setItem(r, 0, label)
            for column, value in ((1, mine.get(name)), (2, conflict.incoming.get(name))):
                item = QTableWidgetItem(self._values(name, value))
                item.setToolTip(f"Tersimpan: {'-' if value is None else value}")
                self.fields.setItem(r, column, item)
            pick = QComboBox()
            pick.setObjectName(f"pick_{name}")
            pick.addItems((MINE, THEIRS))
            pick.setEnabled(name in differing)
            changed = (changes or {}).get(name)
            # Only the officer changed it: their value, so a default decision keeps it.
            pick.setCurrentText(THEIRS if starts.get(name) == "theirs" else MINE)
            self.fields.setCellWidget(r, 3, pick)
            change = QTableWidgetItem(CHANGED.get(changed or "", ""))
            if changed == BOTH:  # the one choice left to the supervisor: stands out
                for item in (label, change):
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
            self.fields.setItem(r, 4, change)
        both = sum(1 for side in (changes or {}).values() if side == BOTH)
        self.fields_hint.setVisible(per_field and bool(differing))
        self.fields_hint.setText(
            "" if not per_field else UNKNOWN_HINT if changes is None
            else KNOWN_HINT.format(both=f"{both} kolom") if both else KNOWN_NONE_HINT)
        decisions = conflict.decisions()
        self.keep_mine.setVisible("mine" in decisions)
        self.take_theirs.setVisible("theirs" in decisions)
        self.apply_fields.setVisible("fields" in decisions)
        self.combine.setVisible("combine" in decisions)
        if conflict.dependents:
            what = ("kepesertaannya, lihat di atas" if pair is not None
                    else "mis. kepesertaannya")
            self.dependents.setText(
                f"Ikut keputusan ini: {len(conflict.dependents)} data terkait ({what}).")
        else:
            self.dependents.clear()

    def _show_origins(self, conflict: Conflict | None) -> None:
        """Both copies of a duplicate: officer, enrolment date and file; and, when no field
        differs, that the choice is between those."""
        origins = (duplicate_origins(self.ctx.store, conflict) if conflict is not None
                   else None)
        self.origins.setVisible(origins is not None)
        if origins is None:
            self.origins.clear()
            return
        mine = origins.mine.text() if origins.mine is not None else NONE_TEXT
        lines = [f"{MINE}: didaftarkan {mine}",
                 f"{THEIRS}: didaftarkan {origins.theirs.text()}"]
        if origins.note():
            lines.append(origins.note())
        self.origins.setText("\n".join(lines))

    def _show_enrolments(self, pair: EnrolmentPair | None,
                         decisions: tuple[str, ...]) -> None:
        """Both enrolments, differing rows marked, and per decision what it does to them."""
        for widget in (self.enrolment_title, self.enrolments, self.enrolment_outcome):
            widget.setVisible(pair is not None)
        self.enrolments.setRowCount(0)
        for button, decision in ((self.keep_mine, "mine"), (self.take_theirs, "theirs"),
                                 (self.combine, "combine")):
            button.setToolTip("" if pair is None else pair.consequence(decision, self._values))
        if pair is None:
            self.enrolment_outcome.clear()
            return
        differing = set(pair.differing())
        names = pair.fields()
        self.enrolments.setRowCount(len(names))
        mine = pair.mine or {}
        for r, name in enumerate(names):
            self.enrolments.setItem(r, 0, QTableWidgetItem(
                field_label(name) + (" *" if name in differing else "")))
            for column, value in ((1, mine.get(name)), (2, pair.theirs.get(name))):
                item = QTableWidgetItem(self._values(name, value))
                if name in differing:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.enrolments.setItem(r, column, item)
        self.enrolment_outcome.setText("\n".join(
            f"{DECISION_LABELS[d]}: {pair.consequence(d, self._values)}"
            for d in decisions if d in ("mine", "theirs", "combine")))

    def picks(self) -> dict[str, str]:
        conflict = self.current()
        if conflict is None:
            return {}
        result = {}
        for r, name in enumerate(conflict.fields()):
            widget = self.fields.cellWidget(r, 3)
            if isinstance(widget, QComboBox) and widget.isEnabled():
                result[name] = "theirs" if widget.currentText() == THEIRS else "mine"
        return result

    def decide(self, decision: str) -> None:
        conflict = self.current()
        if conflict is None:
            return
        picks = self.picks() if decision in ("fields", "combine") else {}
        try:
            resolve_conflict(self.ctx.store, conflict.id, decision, picks)
        except StoreError as exc:  # refused (nothing written): the conflict stays chosen
            self._say(exc.message, "error")
            return
        self.ctx.signals.members_changed.emit()
        # The decided line leaves the list (its dependents were never lines of it), so the
        # next one moves into its row: no need to count 800k rows again.
        self.reload(self.model.total() - 1, self.list.currentIndex().row())
        self._say("Keputusan disimpan.", "success")

    @classmethod
    def run(cls, ctx: AppContext, parent: QWidget | None = None) -> ConflictsDialog:
        dialog = cls(ctx, parent)
        dialog.exec()
        return dialog

"""Konflik penggabungan: the supervisor decides each conflict, field by field.

Left: the open conflicts. Right: every field with this file's value and the officer's, a
choice per field, and the decisions that fit the kind (keep mine, take theirs, choose per
field, or combine two members into one). Decisions go through store/conflicts (audited).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.store.conflicts import (
    Conflict,
    field_label,
    list_conflicts,
    resolve_conflict,
)
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.labels import TABLE_LABELS

from .context import AppContext

MINE, THEIRS = "Data cabang", "Data petugas"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class ConflictsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.conflicts: list[Conflict] = []
        self.setObjectName("conflictsDialog")
        self.setWindowTitle("Konflik penggabungan")
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        splitter = QSplitter()
        self.list = QListWidget()
        self.list.setObjectName("conflictList")
        self.list.currentRowChanged.connect(self._show)
        splitter.addWidget(self.list)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        self.title = QLabel()
        self.title.setObjectName("conflictTitle")
        self.title.setWordWrap(True)
        right_layout.addWidget(self.title)
        self.fields = QTableWidget(0, 4)
        self.fields.setObjectName("conflictFields")
        self.fields.setHorizontalHeaderLabels(("Kolom", MINE, THEIRS, "Pakai"))
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.verticalHeader().setVisible(False)
        self.fields.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        right_layout.addWidget(self.fields)
        self.dependents = QLabel()
        self.dependents.setObjectName("conflictDependents")
        self.dependents.setProperty("role", "hint")
        self.dependents.setWordWrap(True)
        right_layout.addWidget(self.dependents)
        buttons = QHBoxLayout()
        self.keep_mine = self._button("conflictKeepMine", "Pakai data cabang", "mine", buttons)
        self.take_theirs = self._button("conflictTakeTheirs", "Pakai data petugas", "theirs",
                                        buttons)
        self.apply_fields = self._button("conflictApplyFields", "Simpan pilihan per kolom",
                                         "fields", buttons)
        self.combine = self._button("conflictCombine", "Gabungkan jadi satu peserta",
                                    "combine", buttons)
        right_layout.addLayout(buttons)
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
        self.reload()

    def _button(self, name: str, text: str, decision: str, layout: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda: self.decide(decision))
        layout.addWidget(button)
        return button

    def reload(self) -> None:
        self.conflicts = list_conflicts(self.ctx.store)
        self.list.clear()
        for c in self.conflicts:
            table = TABLE_LABELS.get(c.table_name, c.table_name)
            name = c.incoming.get("name") or c.incoming.get("nik") or c.row_id[:8]
            item = QListWidgetItem(f"{table}: {name}\n{c.kind_label} · {c.source_file}")
            self.list.addItem(item)
        if self.conflicts:
            self.list.setCurrentRow(0)
        else:
            self._show(-1)

    def current(self) -> Conflict | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show(self, row: int) -> None:
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        self.fields.setRowCount(0)
        for button in (self.keep_mine, self.take_theirs, self.apply_fields, self.combine):
            button.setVisible(False)
        if conflict is None:
            self.title.setText("Tidak ada konflik yang perlu diputuskan.")
            self.dependents.clear()
            return
        self.title.setText(f"{conflict.kind_label} — dari {conflict.source_file}")
        differing = set(conflict.differing())
        names = conflict.fields()
        self.fields.setRowCount(len(names))
        mine = conflict.mine or {}
        for r, name in enumerate(names):
            label = QTableWidgetItem(field_label(name) + (" *" if name in differing else ""))
            self.fields.setItem(r, 0, label)
            self.fields.setItem(r, 1, QTableWidgetItem(_text(mine.get(name))))
            self.fields.setItem(r, 2, QTableWidgetItem(_text(conflict.incoming.get(name))))
            pick = QComboBox()
            pick.setObjectName(f"pick_{name}")
            pick.addItems((MINE, THEIRS))
            pick.setEnabled(name in differing)
            self.fields.setCellWidget(r, 3, pick)
        decisions = conflict.decisions()
        self.keep_mine.setVisible("mine" in decisions)
        self.take_theirs.setVisible("theirs" in decisions)
        self.apply_fields.setVisible("fields" in decisions)
        self.combine.setVisible("combine" in decisions)
        if conflict.dependents:
            self.dependents.setText(
                f"Ikut keputusan ini: {len(conflict.dependents)} data terkait "
                "(mis. kepesertaannya). Bila digabung, kepesertaan ikut pindah.")
        else:
            self.dependents.clear()

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
        except StoreError as exc:
            self.message.setProperty("role", "error")
            self.message.setText(exc.message)
            return
        self.message.setProperty("role", "")
        self.message.setText("Keputusan disimpan.")
        self.ctx.signals.members_changed.emit()
        self.reload()

    @classmethod
    def run(cls, ctx: AppContext, parent: QWidget | None = None) -> ConflictsDialog:
        dialog = cls(ctx, parent)
        dialog.exec()
        return dialog

"""Kelurahan/desa dropdowns that follow the file's village list while someone types.

An Excel import, a merge, a restore or another form adds desa while a form is open; its
dropdown takes the new list in place, and what the officer sees stays as it was: the
typed text, the cursor or selected letters in it, the chosen desa, the focus, an open
suggestion list (the completer filters the combo's own list: it shows the new one).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox


def set_village_items(combo: QComboBox, names: Sequence[str]) -> bool:
    """Make `names` the editable `combo`'s list; False when it already was (nothing is
    touched then). The combo's own signals stay quiet: nothing was typed or chosen."""
    names = list(names)
    if [combo.itemText(i) for i in range(combo.count())] == names:
        return False
    line = combo.lineEdit()
    text = combo.currentText()
    chosen = combo.itemText(combo.currentIndex()) if combo.currentIndex() >= 0 else None
    cursor = line.cursorPosition()
    start, length = line.selectionStart(), len(line.selectedText())
    was_blocked = combo.blockSignals(True)
    try:
        combo.clear()
        combo.addItems(names)
        # Adding to an empty combo chooses its first item: back to what was chosen.
        combo.setCurrentIndex(combo.findText(chosen) if chosen is not None else -1)
        if combo.currentText() != text:
            combo.setEditText(text)
        if length and start >= 0:
            # Selected backwards (Shift+Left) keeps the cursor at the selection's start.
            if cursor == start:
                line.setSelection(start + length, -length)
            else:
                line.setSelection(start, length)
        else:
            line.setCursorPosition(cursor)
    finally:
        combo.blockSignals(was_blocked)
    return True

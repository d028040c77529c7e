"""The progress dialog of a long task: counts the Indonesian way, the title as written."""

from __future__ import annotations

from bpu_desktop.ui.long_task import LongTask


def test_progress_label_groups_counts_and_keeps_the_title(qtbot):
    task = LongTask(None, "Gabung data, laptop Sri", lambda progress: None)
    qtbot.addWidget(task.dialog)
    task._on_progress(1234, 12_500, "")
    first, counts = task.dialog.labelText().split("\n")
    assert first == "Gabung data, laptop Sri"  # the title's comma is not a thousands mark
    assert counts.startswith("1.234 dari 12.500 baris")

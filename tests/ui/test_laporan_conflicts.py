"""Conflicts left by an earlier merge (here `bpu merge`) open from the window, and every
place a supervisor reads "konflik" says the same number: what must be decided."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from bpu_desktop.cli import main
from bpu_desktop.store.database import open_store
from bpu_desktop.ui.conflicts_dialog import ConflictsDialog
from bpu_desktop.ui.context import AppContext
from bpu_desktop.ui.laporan_page import create_page
from bpu_desktop.ui.merge_dialog import MergeDialog
from bpu_desktop.ui.signals import AppSignals

from ..store.merge_helpers import NIK_A, NIK_B, enrol, officer_file


@pytest.fixture
def merged(tmp_path: Path, capsys) -> tuple[Path, str]:
    """A branch file after `bpu merge`: two members enrolled on both laptops, so two
    duplicates to decide, each with its enrolment waiting under it (four rows in all)."""
    officer_file(tmp_path / "cabang.db", "Supervisor").close()
    for officer, suffix in (("Ani", ""), ("Bayu", " Santoso")):
        store = officer_file(tmp_path / f"{officer.lower()}.db", officer)
        enrol(store, NIK_A, f"Budi{suffix}")
        enrol(store, NIK_B, f"Cici{suffix}")
        store.close()
    assert main(["merge", "--into", str(tmp_path / "cabang.db"), str(tmp_path / "ani.db"),
                 str(tmp_path / "bayu.db")]) == 0
    return tmp_path, capsys.readouterr().out


@pytest.fixture
def ctx(merged, qtbot):
    path, _ = merged
    store = open_store(path / "cabang.db")
    store.set_officer("Supervisor")
    settings = QSettings(str(path / "settings.ini"), QSettings.Format.IniFormat)
    yield AppContext(store=store, signals=AppSignals(), settings=settings)
    store.close()


def _in_modal(qtbot, act) -> list[QWidget]:
    """Run `act(dialog)` on the modal dialog once it is shown (exec blocks the test)."""
    seen: list[QWidget] = []

    def later() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, later)
            return
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, later)
    return seen


def test_laporan_opens_conflicts_from_an_earlier_cli_merge(qtbot, ctx):
    page = create_page(ctx)
    qtbot.addWidget(page)
    page.show()
    button = page.findChild(QPushButton, "openConflicts")
    assert button.isVisible() and button.text() == "Selesaikan 2 konflik…"
    assert not page.findChild(QLabel, "noConflicts").isVisible()
    counts: list[str] = []

    def decide_one(dialog: QWidget) -> None:
        counts.append(dialog.findChild(QLabel, "conflictCount").text())
        qtbot.mouseClick(dialog.findChild(QPushButton, "conflictKeepMine"),
                         Qt.MouseButton.LeftButton)
        counts.append(dialog.findChild(QLabel, "conflictCount").text())
        qtbot.mouseClick(dialog.findChild(QPushButton, "conflictCloseButton"),
                         Qt.MouseButton.LeftButton)

    seen = _in_modal(qtbot, decide_one)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert isinstance(seen[0], ConflictsDialog)
    assert counts == ["2 konflik terbuka", "1 konflik terbuka"]
    assert button.text() == "Selesaikan 1 konflik…"


def test_laporan_says_none_when_all_are_decided(qtbot, ctx):
    page = create_page(ctx)
    qtbot.addWidget(page)
    page.show()

    def decide_all(dialog: QWidget) -> None:
        keep = dialog.findChild(QPushButton, "conflictKeepMine")
        while keep.isVisible():
            qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
        dialog.accept()

    _in_modal(qtbot, decide_all)
    qtbot.mouseClick(page.findChild(QPushButton, "openConflicts"), Qt.MouseButton.LeftButton)
    assert not page.findChild(QPushButton, "openConflicts").isVisible()
    assert page.findChild(QLabel, "noConflicts").isVisible()


def test_merge_dialog_offers_old_conflicts_also_after_an_empty_preview(qtbot, ctx, merged,
                                                                      monkeypatch):
    path, _ = merged
    monkeypatch.setattr(MergeDialog, "pick_files",
                        classmethod(lambda cls, parent: [path / "ani.db"]))
    dialog = MergeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    conflicts = dialog.findChild(QPushButton, "mergeConflictsButton")
    assert conflicts.isVisible() and conflicts.text() == "Selesaikan konflik…"
    qtbot.mouseClick(dialog.findChild(QPushButton, "mergeAddButton"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.findChild(QPushButton, "mergePreviewButton"),
                     Qt.MouseButton.LeftButton)
    assert dialog.task is not None
    with qtbot.waitSignal(dialog.task.thread.finished, timeout=20_000):
        pass
    message = dialog.findChild(QLabel, "mergeMessage")
    qtbot.waitUntil(lambda: "sudah digabung" in message.text())
    assert conflicts.isVisible()
    seen = _in_modal(qtbot, lambda d: d.accept())
    qtbot.mouseClick(conflicts, Qt.MouseButton.LeftButton)
    assert isinstance(seen[0], ConflictsDialog)


def test_one_number_on_laporan_merge_cli_and_dialog(qtbot, ctx, merged, capsys):
    path, merge_out = merged
    assert "2 konflik perlu diputuskan: bpu conflicts" in merge_out
    assert "Tertahan" in merge_out  # the rows waiting (4) are not called "konflik"
    assert main(["conflicts", "--db", str(path / "cabang.db")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "2 konflik terbuka."
    page = create_page(ctx)
    qtbot.addWidget(page)
    assert page.findChild(QPushButton, "openConflicts").text() == "Selesaikan 2 konflik…"
    dialog = ConflictsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLabel, "conflictCount").text() == "2 konflik terbuka"
    assert main(["merge", "--dry-run", "--into", str(path / "cabang.db"),
                 str(path / "ani.db")]) == 0
    assert "Setelah digabung: 2 konflik perlu diputuskan." in capsys.readouterr().out

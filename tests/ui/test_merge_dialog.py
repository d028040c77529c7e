"""The supervisor merges officers' files from the dialog: preview, confirm, Cancel, conflicts."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListView,
    QListWidget,
    QPushButton,
    QTableWidget,
)

from bpu_desktop.store.conflicts import list_conflicts
from bpu_desktop.store.merge import merge_files as real_merge_files
from bpu_desktop.store.records import insert_record
from bpu_desktop.ui import merge_dialog
from bpu_desktop.ui.conflicts_dialog import ConflictsDialog
from bpu_desktop.ui.context import AppContext
from bpu_desktop.ui.merge_dialog import MergeDialog
from bpu_desktop.ui.signals import AppSignals

from ..store.merge_helpers import NIK_A, NIK_B, checksum, enrol, live_names, officer_file


@pytest.fixture
def ctx(tmp_path):
    store = officer_file(tmp_path / "cabang.db", "Supervisor")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    yield AppContext(store=store, signals=AppSignals(), settings=settings)
    store.close()


@pytest.fixture
def officer(tmp_path):
    ani = officer_file(tmp_path / "ani.db", "Ani")
    enrol(ani, NIK_A, "Budi")
    enrol(ani, NIK_B, "Cici")
    ani.close()
    return tmp_path / "ani.db"


@pytest.fixture
def dialog(qtbot, ctx, officer, monkeypatch):
    monkeypatch.setattr(MergeDialog, "pick_files", classmethod(lambda cls, parent: [officer]))
    dlg = MergeDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item else ""


def run_task(qtbot, dlg, button_name):
    qtbot.mouseClick(dlg.findChild(QPushButton, button_name), Qt.MouseButton.LeftButton)
    assert dlg.task is not None
    with qtbot.waitSignal(dlg.task.thread.finished, timeout=20_000):
        pass


def test_preview_then_merge(qtbot, dialog, ctx, officer):
    before = checksum(officer)
    qtbot.mouseClick(dialog.findChild(QPushButton, "mergeAddButton"), Qt.MouseButton.LeftButton)
    assert dialog.findChild(QListWidget, "mergeFileList").count() == 1
    confirm = dialog.findChild(QPushButton, "mergeConfirmButton")
    assert not confirm.isEnabled()
    with qtbot.waitSignal(ctx.signals.data_replaced, timeout=100, raising=False) as early:
        pass
    assert not early.signal_triggered
    run_task(qtbot, dialog, "mergePreviewButton")
    qtbot.waitUntil(confirm.isEnabled)
    table = dialog.findChild(QTableWidget, "mergePreviewTable")
    assert (cell(table, 0, 0), cell(table, 0, 1)) == ("Peserta", "2")
    assert live_names(ctx.store) == []  # the preview wrote nothing
    with qtbot.waitSignal(ctx.signals.data_replaced, timeout=20_000):
        run_task(qtbot, dialog, "mergeConfirmButton")
    assert live_names(ctx.store) == ["Budi", "Cici"]
    message = dialog.findChild(QLabel, "mergeMessage").text()
    assert "Selesai: 4 baris baru, 0 diperbarui, 0 dihapus." in message
    assert checksum(officer) == before


def test_second_merge_says_already_merged(qtbot, dialog, ctx, officer):
    real_merge_files(ctx.store, [officer])
    qtbot.mouseClick(dialog.findChild(QPushButton, "mergeAddButton"), Qt.MouseButton.LeftButton)
    run_task(qtbot, dialog, "mergePreviewButton")
    qtbot.waitUntil(lambda: "sudah digabung" in dialog.findChild(QLabel, "mergeNotes").text())
    assert not dialog.findChild(QPushButton, "mergeConfirmButton").isEnabled()


def test_same_partner_name_is_joined_and_said_so(qtbot, ctx, tmp_path, monkeypatch):
    bayu = officer_file(tmp_path / "bayu.db", "Bayu")
    for store in (ctx.store, bayu):
        with store.write():
            insert_record(store, "partners", {"name": "Komunitas Ojol Solo Raya"}, source="form")
    enrol(bayu, NIK_A, "Budi")
    bayu.close()
    monkeypatch.setattr(MergeDialog, "pick_files",
                        classmethod(lambda cls, parent: [tmp_path / "bayu.db"]))
    dlg = MergeDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.mouseClick(dlg.findChild(QPushButton, "mergeAddButton"), Qt.MouseButton.LeftButton)
    run_task(qtbot, dlg, "mergePreviewButton")
    notes = dlg.findChild(QLabel, "mergeNotes")
    qtbot.waitUntil(lambda: "Mitra: 1 sama dengan yang sudah ada di cabang" in notes.text())
    assert list_conflicts(ctx.store) == []


def test_cancel_leaves_the_branch_file_as_it_was(qtbot, dialog, ctx, officer, monkeypatch):
    gate = threading.Event()

    def slow_merge(*args, **kwargs):
        gate.wait(10)  # the user presses Batal while the merge is starting
        return real_merge_files(*args, **kwargs)

    dialog.add_paths([officer])
    run_task(qtbot, dialog, "mergePreviewButton")
    confirm = dialog.findChild(QPushButton, "mergeConfirmButton")
    qtbot.waitUntil(confirm.isEnabled)
    monkeypatch.setattr(merge_dialog, "merge_files", slow_merge)
    qtbot.mouseClick(dialog.findChild(QPushButton, "mergeConfirmButton"),
                     Qt.MouseButton.LeftButton)
    task = dialog.task
    assert task is not None
    batal = task.dialog.findChild(QPushButton)
    assert batal is not None and batal.text() == "Batal"
    with qtbot.waitSignal(task.cancelled, timeout=20_000):
        qtbot.mouseClick(batal, Qt.MouseButton.LeftButton)
        gate.set()
    assert "Dibatalkan" in dialog.findChild(QLabel, "mergeMessage").text()
    assert live_names(ctx.store) == []
    assert ctx.store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0
    assert confirm.isEnabled()  # the previewed merge can be started again


def test_bad_file_shows_a_message(qtbot, ctx, tmp_path, monkeypatch):
    bogus = tmp_path / "catatan.db"
    bogus.write_text("bukan database")
    dlg = MergeDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.add_paths([bogus])
    run_task(qtbot, dlg, "mergePreviewButton")
    message = dlg.findChild(QLabel, "mergeMessage")
    qtbot.waitUntil(lambda: "catatan.db" in message.text())
    assert "bukan berkas data" in message.text()
    assert dlg.findChild(QPushButton, "mergePreviewButton").isEnabled()


def test_conflicts_dialog_combines_two_members(qtbot, ctx, tmp_path):
    ani = officer_file(tmp_path / "a.db", "Ani")
    enrol(ani, NIK_A, "Budi")
    ani.close()
    bayu = officer_file(tmp_path / "b.db", "Bayu")
    enrol(bayu, NIK_A, "Budi Santoso")
    bayu.close()
    real_merge_files(ctx.store, [tmp_path / "a.db", tmp_path / "b.db"])
    dlg = ConflictsDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.findChild(QListView, "conflictList").model().rowCount() == 1
    assert dlg.findChild(QLabel, "conflictCount").text() == "1 konflik terbuka"
    assert dlg.findChild(QPushButton, "conflictCombine").isVisible()
    assert not dlg.findChild(QPushButton, "conflictApplyFields").isVisible()
    pick = dlg.findChild(QComboBox, "pick_name")
    assert pick.isEnabled()
    pick.setCurrentText("Data petugas")
    with qtbot.waitSignal(ctx.signals.members_changed):
        qtbot.mouseClick(dlg.findChild(QPushButton, "conflictCombine"),
                         Qt.MouseButton.LeftButton)
    assert live_names(ctx.store) == ["Budi Santoso"]
    assert list_conflicts(ctx.store) == []
    assert "Tidak ada konflik" in dlg.findChild(QLabel, "conflictTitle").text()
    assert dlg.findChild(QLabel, "conflictCount").text() == "0 konflik terbuka"


def test_a_mistyped_package_password_is_asked_again(qtbot, ctx, officer, tmp_path,
                                                    monkeypatch):
    from bpu_desktop.store import pack
    from bpu_desktop.store.database import open_store

    ani = open_store(officer, create=False)
    pack.pack_store(ani, tmp_path / "kirim.bpu", "rahasia-ani-2026", scrypt_n=2**10)
    ani.close()
    typed = iter(["salah-ketik-sekali", "rahasia-ani-2026"])
    asked: list[str] = []

    def ask(cls, parent):
        asked.append(text := next(typed))
        return text

    monkeypatch.setattr(MergeDialog, "ask_passphrase", classmethod(ask))
    dlg = MergeDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.add_paths([tmp_path / "kirim.bpu"])
    message = dlg.findChild(QLabel, "mergeMessage")
    run_task(qtbot, dlg, "mergePreviewButton")
    qtbot.waitUntil(lambda: "Kata sandi salah" in message.text())
    assert "masukkan kata sandi lagi" in message.text()
    run_task(qtbot, dlg, "mergePreviewButton")
    confirm = dlg.findChild(QPushButton, "mergeConfirmButton")
    qtbot.waitUntil(confirm.isEnabled)
    assert asked == ["salah-ketik-sekali", "rahasia-ani-2026"]
    table = dlg.findChild(QTableWidget, "mergePreviewTable")
    assert (cell(table, 0, 0), cell(table, 0, 1)) == ("Peserta", "2")


def test_a_sqlite_error_from_a_damaged_file_is_shown_beside_the_list(
    qtbot, dialog, ctx, monkeypatch,
):
    """The preview meets a damaged page outside the merge's own translation: the message
    under the list, not a box from the error handler."""
    import sqlite3

    def damaged(*args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(merge_dialog, "merge_files", damaged)
    qtbot.mouseClick(dialog.findChild(QPushButton, "mergeAddButton"), Qt.MouseButton.LeftButton)
    run_task(qtbot, dialog, "mergePreviewButton")
    message = dialog.findChild(QLabel, "mergeMessage")
    qtbot.waitUntil(lambda: message.text() != "")
    assert message.text() == "Berkas data rusak. Pulihkan dari cadangan (Pengaturan → Cadangan)."
    assert not dialog.findChild(QPushButton, "mergeConfirmButton").isEnabled()


def test_a_damaged_officer_file_is_refused_in_the_preview(qtbot, ctx, tmp_path, monkeypatch):
    from tests.damaged import damaged_copy, demo_file, digest

    good = demo_file(tmp_path / "baik.db")
    bad = damaged_copy(good, tmp_path / "rusak.db", "enrolments")
    theirs = digest(bad)
    monkeypatch.setattr(MergeDialog, "pick_files", classmethod(lambda cls, parent: [bad]))
    dlg = MergeDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.mouseClick(dlg.findChild(QPushButton, "mergeAddButton"), Qt.MouseButton.LeftButton)
    run_task(qtbot, dlg, "mergePreviewButton")
    message = dlg.findChild(QLabel, "mergeMessage")
    qtbot.waitUntil(lambda: message.text() != "")
    assert message.text().startswith("rusak.db: berkas petugas ini rusak; tidak digabung.")
    assert digest(bad) == theirs
    assert live_names(ctx.store) == []

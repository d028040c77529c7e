"""Pengaturan as an officer uses it: name, backup count, backups, restore, send, history."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QSpinBox, QTableView, QTableWidget

from bpu_desktop.store import pack
from bpu_desktop.store.backup import list_backups
from bpu_desktop.store.database import open_store
from bpu_desktop.store.records import insert_record, update_record
from bpu_desktop.ui import pengaturan_page
from bpu_desktop.ui.audit_viewer import AuditTableModel, AuditViewer
from bpu_desktop.ui.context import AppContext
from bpu_desktop.ui.pack_dialog import PackDialog, PackRequest
from bpu_desktop.ui.signals import AppSignals


@pytest.fixture
def ctx(tmp_path: Path) -> AppContext:
    store = open_store(tmp_path / "data.db")
    store.set_officer("Siti")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext(store=store, signals=AppSignals(), settings=settings)


@pytest.fixture
def page(ctx: AppContext, qtbot) -> pengaturan_page.PengaturanPage:  # type: ignore[no-untyped-def]
    widget = pengaturan_page.create_page(ctx)
    qtbot.addWidget(widget)
    widget.show()
    assert isinstance(widget, pengaturan_page.PengaturanPage)
    return widget


def _find(page, cls, name):  # type: ignore[no-untyped-def]
    widget = page.findChild(cls, name)
    assert widget is not None, name
    return widget


def _add(ctx: AppContext, nik: str, name: str) -> str:
    return str(insert_record(ctx.store, "members", {"nik": nik, "name": name, "sex": "P",
                                                     "birth_date": "1990-01-01"})["id"])


def test_officer_name_is_typed_and_saved(page, ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = _find(page, QLineEdit, "officerNameEdit")
    assert edit.text() == "Siti"
    edit.clear()
    qtbot.keyClicks(edit, "  Siti   Aminah ")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert ctx.store.officer == "Siti Aminah"
    assert "Nama petugas disimpan" in _find(page, QLabel, "generalMessage").text()
    edit.clear()
    qtbot.mouseClick(_find(page, QPushButton, "saveOfficerButton"), Qt.MouseButton.LeftButton)
    assert _find(page, QLabel, "generalMessage").text() == "Nama petugas wajib diisi."
    assert ctx.store.officer == "Siti Aminah"


def test_backup_count_setting_is_used_by_rotation(page, ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    spin = _find(page, QSpinBox, "backupKeepSpin")
    assert spin.value() == 10
    spin.setValue(2)
    qtbot.mouseClick(_find(page, QPushButton, "saveBackupKeepButton"), Qt.MouseButton.LeftButton)
    make = _find(page, QPushButton, "createBackupButton")
    for _ in range(3):
        qtbot.mouseClick(make, Qt.MouseButton.LeftButton)
    assert _find(page, QTableWidget, "backupList").rowCount() == 2
    assert len(list_backups(ctx.store.path)) == 2
    assert "Cadangan dibuat" in _find(page, QLabel, "backupMessage").text()


def test_restore_asks_backs_up_reopens_and_tells_every_page(page, ctx, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _add(ctx, "3372010101900001", "Ani")
    qtbot.mouseClick(_find(page, QPushButton, "createBackupButton"), Qt.MouseButton.LeftButton)
    _add(ctx, "3372010101900002", "Budi")
    table = _find(page, QTableWidget, "backupList")
    restore = _find(page, QPushButton, "restoreBackupButton")
    assert not restore.isEnabled()
    table.selectRow(0)
    asked = []
    monkeypatch.setattr(pengaturan_page.ConfirmRestore, "ask",
                        classmethod(lambda cls, parent, info: asked.append(info) or False))
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert ctx.store.conn.execute("SELECT count(*) FROM members").fetchone()[0] == 2  # said no
    from bpu_desktop.store.members import MemberRepository

    repo = MemberRepository(ctx.store)  # as a page holds it
    monkeypatch.setattr(pengaturan_page.ConfirmRestore, "ask",
                        classmethod(lambda cls, parent, info: True))
    table.selectRow(0)
    with qtbot.waitSignal(ctx.signals.data_replaced, timeout=5000):
        qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert [r[0] for r in ctx.store.conn.execute("SELECT name FROM members")] == ["Ani"]
    assert repo.find_by_nik("3372010101900002") is None  # the page's repository sees it too
    assert repo.find_by_nik("3372010101900001") is not None
    assert ctx.store.officer == "Siti"
    assert "Data dipulihkan dari cadangan" in _find(page, QLabel, "backupMessage").text()
    reasons = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert "Sebelum memulihkan cadangan" in reasons


def test_send_data_writes_a_package_the_office_can_open(page, ctx, qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _add(ctx, "3372010101900001", "Ani")
    out = tmp_path / "kirim.bpu"
    monkeypatch.setattr(PackDialog, "ask", classmethod(
        lambda cls, parent, default: PackRequest(out, "sandi-kantor-2026", "2026-03")))
    monkeypatch.setattr(pack.pack_store, "__kwdefaults__", {"scrypt_n": pack.MIN_SCRYPT_N})
    qtbot.mouseClick(_find(page, QPushButton, "sendDataButton"), Qt.MouseButton.LeftButton)
    assert page.task is not None
    qtbot.waitUntil(lambda: _find(page, QPushButton, "sendDataButton").isEnabled(), timeout=10000)
    message = _find(page, QLabel, "sendMessage").text()
    assert "Paket dibuat" in message and "Periode Maret 2026: 1 peserta" in message
    assert pack.read_manifest(out).officer == "Siti"
    dest = tmp_path / "kantor"
    dest.mkdir()
    assert pack.unpack_package(out, "sandi-kantor-2026", dest).exists()


def test_pack_dialog_checks_passphrase_twice(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = PackDialog(None, tmp_path / "kirim.bpu")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "packPassphrase"), "sandi-kantor-2026")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "packPassphraseAgain"), "sandi-kantor-2025")
    dialog._accept()
    assert dialog.findChild(QLabel, "packError").text() == "Kedua kata sandi tidak sama."
    assert dialog.request is None
    dialog.findChild(QLineEdit, "packPassphraseAgain").clear()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "packPassphraseAgain"), "sandi-kantor-2026")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "packPeriod"), "Maret 2026")
    dialog._accept()
    assert dialog.request == PackRequest(tmp_path / "kirim.bpu", "sandi-kantor-2026", "2026-03")


def test_history_shows_who_changed_what_with_old_and_new_values(page, ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.tabs.setCurrentWidget(page.audit_tab)  # the history is read while it is on screen
    ani = _add(ctx, "3372010101900001", "Ani")
    _add(ctx, "3372010101900002", "Budi")
    ctx.store.set_officer("Rudi")
    update_record(ctx.store, "members", ani, {"name": "Ani Lestari", "phone": "081234567890"})
    ctx.signals.members_changed.emit()
    viewer = _find(page, AuditViewer, "auditViewer")
    view = _find(page, QTableView, "auditList")
    model = view.model()
    assert model.rowCount() == 3
    assert model.index(0, AuditTableModel.COL_OFFICER).data() == "Rudi"
    assert model.index(0, AuditTableModel.COL_ACTION).data() == "Ubah"
    assert model.index(0, AuditTableModel.COL_TABLE).data() == "Peserta"
    view.selectRow(0)
    detail = _find(page, QTableWidget, "auditDetail")
    rows = {detail.item(r, 0).text(): (detail.item(r, 1).text(), detail.item(r, 2).text())
            for r in range(detail.rowCount())}
    assert rows["Nama"] == ("Ani", "Ani Lestari")
    assert rows["Nomor HP"] == ("(kosong)", "0812-3456-7890")
    # by officer
    officer = viewer.officer_filter
    officer.setCurrentIndex(officer.findText("Siti"))
    qtbot.mouseClick(_find(page, QPushButton, "auditApply"), Qt.MouseButton.LeftButton)
    assert model.rowCount() == 2
    assert {model.index(r, 1).data() for r in range(2)} == {"Siti"}
    # by record: "Riwayat data ini"
    officer.setCurrentIndex(0)
    qtbot.mouseClick(_find(page, QPushButton, "auditApply"), Qt.MouseButton.LeftButton)
    view.selectRow(0)
    qtbot.mouseClick(_find(page, QPushButton, "auditThisRecord"), Qt.MouseButton.LeftButton)
    assert model.rowCount() == 2  # Ani's insert and update, not Budi
    assert viewer.row_filter.text() == ani
    # by date: nothing before today
    from datetime import date, timedelta

    viewer.set_filter(since=date.today() - timedelta(days=9), until=date.today() - timedelta(days=2))
    assert model.rowCount() == 0
    assert _find(page, QLabel, "auditSummary").text() == "Tidak ada perubahan yang cocok."
    viewer.set_filter(since=date.today(), until=date.today())
    assert model.rowCount() == 3


def test_history_shows_values_and_records_as_the_forms_do(page, ctx) -> None:  # type: ignore[no-untyped-def]
    """Rupiah, Ya/Tidak, dates, names for codes, and whose record it is."""
    from datetime import date

    from bpu_desktop.store.members import MemberRepository
    from tests.ui.conftest import enrol

    member = enrol(ctx.store, 1, "Budi Santoso", income="2.250.000")
    raw = dict(nik=member.nik, name="Budi Santoso", phone=member.phone, kecamatan="33.72.05",
               kelurahan="Kadipiro", address="Jl. Melati 1", segment="umkm",
               income="2.500.000", with_jht=True, funding="self", months_paid=1,
               start_month="2026-11", enrolled_on="2026-11-02")
    from bpu_desktop.domain.validation import EnrolmentInput
    from bpu_desktop.store.reference import validate_enrolment_input

    clean = validate_enrolment_input(ctx.store, EnrolmentInput(**raw), today=date(2026, 11, 20))
    assert clean.value is not None
    MemberRepository(ctx.store).update(member.id, clean.value)
    viewer = page.audit
    viewer.set_filter(table="enrolments")
    view = _find(page, QTableView, "auditList")
    model = view.model()
    update = next(r for r in range(model.rowCount())
                  if model.index(r, AuditTableModel.COL_ACTION).data() == "Ubah")
    assert model.index(update, AuditTableModel.COL_NAME).data() == "Budi Santoso"
    assert model.headerData(AuditTableModel.COL_NAME, Qt.Orientation.Horizontal) == "Nama"
    view.selectRow(update)
    detail = _find(page, QTableWidget, "auditDetail")
    rows = {detail.item(r, 0).text(): (detail.item(r, 1).text(), detail.item(r, 2).text())
            for r in range(detail.rowCount())}
    assert rows["Penghasilan per bulan"] == ("Rp 2.250.000", "Rp 2.500.000")
    assert rows["Ikut JHT"] == ("Tidak", "Ya")
    assert rows["Pekerjaan"] == ("Ojek online (ojol)", "UMKM (usaha mikro dan kecil) (umkm)")
    assert rows["Kecamatan"] == ("Laweyan (33.72.01)", "Banjarsari (33.72.05)")
    viewer.set_filter(table="members")
    insert = next(r for r in range(model.rowCount())
                  if model.index(r, AuditTableModel.COL_ACTION).data() == "Tambah")
    view.selectRow(insert)
    rows = {detail.item(r, 0).text(): detail.item(r, 2).text()
            for r in range(detail.rowCount())}
    assert rows["Tanggal lahir"] == "12/05/1990"
    assert rows["Jenis kelamin"] == "Laki-laki"
    assert model.index(insert, AuditTableModel.COL_NAME).data() == "Budi Santoso"


def test_other_pages_can_open_a_records_history(page, ctx) -> None:  # type: ignore[no-untyped-def]
    ani = _add(ctx, "3372010101900001", "Ani")
    _add(ctx, "3372010101900002", "Budi")
    page.open_with(audit_table="members", audit_row=ani)
    assert page.tabs.currentIndex() == 3
    assert page.audit.model.rowCount() == 1


def test_audit_model_passes_the_model_tester(ctx, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    _add(ctx, "3372010101900001", "Ani")
    viewer = AuditViewer(ctx)
    qtmodeltester.check(viewer.model)


def test_title_matches_the_other_pages(page) -> None:  # type: ignore[no-untyped-def]
    title = _find(page, QLabel, "pageTitle")
    assert title.text() == "Pengaturan"


def test_send_tab_speaks_menus_not_commands(page) -> None:  # type: ignore[no-untyped-def]
    intro = _find(page, QLabel, "sendIntro").text()
    assert "Laporan → Gabungkan data petugas" in intro
    assert "`" not in intro and "bpu merge" not in intro


def test_buat_cadangan_refuses_a_damaged_file_beside_the_button(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.damaged import damaged_copy, demo_file

    # payments: a table the page itself never reads (its history names other records)
    bad = damaged_copy(demo_file(tmp_path / "baik.db"), tmp_path / "rusak.db", "payments")
    store = open_store(bad, create=False)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    widget = pengaturan_page.create_page(AppContext(store=store, signals=AppSignals(),
                                                    settings=settings))
    qtbot.addWidget(widget)
    try:
        qtbot.mouseClick(_find(widget, QPushButton, "createBackupButton"),
                         Qt.MouseButton.LeftButton)
        message = _find(widget, QLabel, "backupMessage")
        assert message.text() == ("Berkas data rusak; cadangan tidak dibuat (cadangan yang baik "
                                  "tetap disimpan). Pulihkan dari cadangan (Pengaturan → "
                                  "Cadangan).")
        assert message.property("role") == "error"
        assert list_backups(bad) == []
    finally:
        store.close()


def test_a_hidden_history_reads_nothing_on_a_save_and_catches_up_when_shown(
        page, ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The history can hold thousands of rows: re-reading it on every save at the desk
    cost about 0.2 s per Ctrl+S on a 50,000-member file once Pengaturan had been opened."""
    page.tabs.setCurrentWidget(page.audit_tab)
    assert page.audit.model.rowCount() == 0
    page.tabs.setCurrentIndex(0)  # Umum
    _add(ctx, "3372010101900001", "Ani")
    statements: list[str] = []
    ctx.store.conn.set_trace_callback(statements.append)
    try:
        ctx.signals.members_changed.emit()
    finally:
        ctx.store.conn.set_trace_callback(None)
    assert [s for s in statements if "audit" in s.lower()] == []
    assert page.audit.model.rowCount() == 0
    page.tabs.setCurrentWidget(page.audit_tab)
    assert page.audit.model.rowCount() == 1
    page.hide()
    _add(ctx, "3372010101900002", "Budi")
    ctx.signals.members_changed.emit()
    assert page.audit.model.rowCount() == 1
    page.show()
    assert page.audit.model.rowCount() == 2


def test_opening_pengaturan_reads_the_history_only_on_its_tab_and_once(
        ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The history list took 2-4 s to build on a 50,000-member file, and was read twice."""
    _add(ctx, "3372010101900001", "Ani")
    statements: list[str] = []
    ctx.store.conn.set_trace_callback(statements.append)
    try:
        widget = pengaturan_page.create_page(ctx)
        qtbot.addWidget(widget)
        widget.show()
        assert widget.findChild(AuditViewer) is None
        assert [s for s in statements if "audit_log" in s] == []
        widget.open_with(tab="riwayat")
        assert widget.findChild(AuditViewer) is not None
    finally:
        ctx.store.conn.set_trace_callback(None)
    reads = [s for s in statements if s.startswith("SELECT id, at, officer")]
    assert len(reads) == 1, reads
    assert widget.audit.model.rowCount() == 1


def test_opening_the_history_reads_only_the_rows_on_screen(ctx, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Columns sized to their contents read every cell of up to 1,000 rows (~2 s the first
    time the tab opened on a 50,000-member file); sized from sample texts, opening the
    tab reads about what is shown."""
    from bpu_desktop.ui.audit_viewer import AuditTableModel

    with ctx.store.write():
        for i in range(400):
            _add(ctx, f"33720101019{i:05d}", f"Peserta {chr(65 + i % 26)}")
    calls: list[int] = []
    display = AuditTableModel.display

    def counted(self, entry, column):  # type: ignore[no-untyped-def]
        calls.append(column)
        return display(self, entry, column)

    monkeypatch.setattr(AuditTableModel, "display", counted)
    widget = pengaturan_page.create_page(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.tabs.setCurrentWidget(widget.audit_tab)
    view = _find(widget, QTableView, "auditList")
    qtbot.waitUntil(lambda: view.model().rowCount() == 400)
    qtbot.wait(50)  # painted
    assert 0 < len(calls) < 7 * 120, len(calls)

"""The conflicts dialog on a file with thousands of conflicts: a page read, not the list;
the count in Indonesian; filters; after a decision the next conflict is chosen. On a small
file: values read as names, and a refused decision says why without writing anything."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QListView, QPushButton, QTableWidget

from bpu_desktop.store.conflicts import count_open
from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.merge import merge_files
from bpu_desktop.ui import conflict_list_model
from bpu_desktop.ui.conflict_list_model import LINE_ROLE, PAGE_SIZE
from bpu_desktop.ui.conflicts_dialog import ConflictsDialog
from bpu_desktop.ui.context import AppContext
from bpu_desktop.ui.signals import AppSignals
from bpu_desktop.ui.theme import STYLESHEET

from ..store.conflict_helpers import branch_with_conflicts
from ..store.merge_helpers import (
    NIK_A,
    enrol,
    live_names,
    officer_file,
    snapshot,
    two_enrolments_of_budi,
)

MEMBERS = 3000
LINES = 3000 + 300 + 3  # edits, duplicates (their enrolments follow them), loose enrolments


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("demo")


@pytest.fixture
def counted(monkeypatch) -> list[int]:
    """How often the model counted the list (each count reads every open conflict)."""
    calls: list[int] = []

    def counting(store, query):  # type: ignore[no-untyped-def]
        calls.append(1)
        return count_open(store, query)

    monkeypatch.setattr(conflict_list_model, "count_open", counting)
    return calls


@pytest.fixture
def ctx(cache, tmp_path, qapp) -> Iterator[AppContext]:
    store, made = branch_with_conflicts(cache, tmp_path / "cabang.db", MEMBERS)
    assert made.lines == LINES
    qapp.setStyleSheet(STYLESHEET)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    yield AppContext(store=store, signals=AppSignals(), settings=settings)
    store.close()


@pytest.fixture
def dialog(qtbot, ctx, counted) -> ConflictsDialog:
    dlg = ConflictsDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def view(dlg: ConflictsDialog) -> QListView:
    return dlg.findChild(QListView, "conflictList")


def text(dlg: ConflictsDialog, name: str) -> str:
    return dlg.findChild(QLabel, name).text()


def click_row(qtbot, dlg: ConflictsDialog, row: int) -> None:
    list_view = view(dlg)
    rect = list_view.visualRect(list_view.model().index(row, 0))
    qtbot.mouseClick(list_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click(qtbot, dlg: ConflictsDialog, name: str) -> None:
    qtbot.mouseClick(dlg.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def test_opens_on_a_page_not_the_whole_list(dialog, counted):
    model = view(dialog).model()
    assert model.rowCount() == LINES
    assert text(dialog, "conflictCount") == "3.303 konflik terbuka"
    assert counted == [1]
    # The first page only (the view is not let measure the last row: a dear page).
    assert dialog.model.cached_pages() == 1 and dialog.model.cached_lines() == PAGE_SIZE
    assert view(dialog).currentIndex().row() == 0
    assert text(dialog, "conflictTitle").endswith("Diubah berbeda di dua laptop — dari ani.db")
    # Scrolling to the middle reads the page there, and keeps only a few.
    middle = model.index(LINES // 2, 0)
    view(dialog).scrollTo(middle)
    assert middle.data(LINE_ROLE) is not None
    assert 2 <= dialog.model.cached_pages() <= 4
    assert dialog.model.cached_lines() <= 4 * PAGE_SIZE


def test_a_decision_chooses_the_next_conflict_and_the_count_drops(qtbot, dialog, ctx,
                                                                  counted):
    model = view(dialog).model()
    click_row(qtbot, dialog, 2)
    assert view(dialog).currentIndex().row() == 2
    chosen = model.data(model.index(2, 0), LINE_ROLE)
    following = model.data(model.index(3, 0), LINE_ROLE)
    assert text(dialog, "conflictTitle").startswith(f"{chosen.title}\n")
    with qtbot.waitSignal(ctx.signals.members_changed):
        click(qtbot, dialog, "conflictTakeTheirs")
    assert text(dialog, "conflictMessage") == "Keputusan disimpan."
    assert text(dialog, "conflictCount") == "3.302 konflik terbuka"
    assert view(dialog).currentIndex().row() == 2
    assert view(dialog).currentIndex().data(LINE_ROLE) == following
    assert dialog.current() is not None and dialog.current().id == following.id
    assert counted == [1]  # the new total is known: not counted again
    member = MemberRepository(ctx.store).get(chosen.row_id)
    assert member is not None and member.name == chosen.name
    assert model.rowCount() == LINES - 1 == count_open(ctx.store)


def test_filter_by_kind_then_combine_two_members(qtbot, dialog, ctx):
    kinds = dialog.findChild(QComboBox, "conflictKindFilter")
    kinds.setCurrentIndex(kinds.findText("Data ganda"))
    assert text(dialog, "conflictCount") == "300 konflik terbuka sesuai saringan"
    line = view(dialog).currentIndex().data(LINE_ROLE)
    assert line.kind == "duplicate" and line.name.endswith(" Kembar")
    before = dialog.current()
    assert before is not None and before.id == line.id
    assert "1 data terkait" in text(dialog, "conflictDependents")
    assert dialog.findChild(QPushButton, "conflictCombine").isVisible()
    assert not dialog.findChild(QPushButton, "conflictApplyFields").isVisible()
    dialog.findChild(QComboBox, "pick_name").setCurrentText("Data petugas")
    click(qtbot, dialog, "conflictCombine")
    assert text(dialog, "conflictCount") == "299 konflik terbuka sesuai saringan"
    following = dialog.current()
    assert following is not None and following.kind == "duplicate" and following.id != line.id
    survivor = MemberRepository(ctx.store).get(before.other_id)
    assert survivor is not None and survivor.name == line.name
    kinds.setCurrentIndex(0)
    assert text(dialog, "conflictCount") == "3.302 konflik terbuka"


def test_working_through_a_filtered_queue_to_the_end(qtbot, dialog):
    tables = dialog.findChild(QComboBox, "conflictTableFilter")
    assert [tables.itemText(i) for i in range(tables.count())] == [
        "Semua data", "Pendaftaran", "Peserta"]
    tables.setCurrentIndex(tables.findText("Pendaftaran"))
    assert text(dialog, "conflictCount") == "3 konflik terbuka sesuai saringan"
    assert text(dialog, "conflictTitle").endswith("\nMenunggu data induknya — dari cici.db")
    click_row(qtbot, dialog, 2)
    click(qtbot, dialog, "conflictKeepMine")  # the last one: the one before is chosen
    assert view(dialog).currentIndex().row() == 1
    click(qtbot, dialog, "conflictKeepMine")
    click(qtbot, dialog, "conflictKeepMine")
    assert text(dialog, "conflictCount") == "0 konflik terbuka sesuai saringan"
    assert "Tidak ada konflik" in text(dialog, "conflictTitle")
    assert not dialog.findChild(QPushButton, "conflictKeepMine").isVisible()


@pytest.fixture
def three(tmp_path, qapp, qtbot) -> Iterator[ConflictsDialog]:
    """Ani, Bayu and Cici each enrolled NIK_A as their own member (Ani's merged first)."""
    store = officer_file(tmp_path / "cabang.db", "Supervisor")
    for who, name in (("ani", "Budi"), ("bayu", "Budi Santoso"), ("cici", "Budi S.")):
        officer = officer_file(tmp_path / f"{who}.db", who.title())
        enrol(officer, NIK_A, name)
        officer.close()
    merge_files(store, [tmp_path / "ani.db", tmp_path / "bayu.db", tmp_path / "cici.db"])
    qapp.setStyleSheet(STYLESHEET)
    yield _shown(ConflictsDialog(_ctx(store, tmp_path)), qtbot)
    store.close()


def _ctx(store, tmp_path) -> AppContext:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext(store=store, signals=AppSignals(), settings=settings)


def _shown(dlg: ConflictsDialog, qtbot) -> ConflictsDialog:
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def cells(dlg: ConflictsDialog) -> dict[str, tuple[str, str]]:
    table = dlg.findChild(QTableWidget, "conflictFields")
    return {table.item(r, 0).text().rstrip(" *"): (table.item(r, 1).text(),
                                                   table.item(r, 2).text())
            for r in range(table.rowCount())}


def test_fields_read_as_names_dates_and_formats(three):
    shown = cells(three)
    assert shown["Kecamatan"] == ("Banjarsari (33.72.05)", "Banjarsari (33.72.05)")
    assert shown["Tanggal lahir"] == ("15/08/1990", "15/08/1990")
    assert shown["Nomor HP"] == ("0812-3456-7890", "0812-3456-7890")
    assert shown["Nomor KPJ"] == ("-", "-")
    assert shown["Nama"] == ("Budi", "Budi Santoso")


def test_a_refused_decision_says_why_next_to_the_buttons(qtbot, three):
    store = three.ctx.store
    click(qtbot, three, "conflictTakeTheirs")  # Bayu's Budi replaces Ani's
    assert text(three, "conflictMessage") == "Keputusan disimpan."
    cici = three.current()
    assert cici is not None and cici.source_file == "cici.db"
    before = snapshot(store)
    click(qtbot, three, "conflictTakeTheirs")
    message = three.findChild(QLabel, "conflictMessage")
    assert message.text() == ("Peserta dengan NIK ini sudah ada di berkas cabang (nama Budi "
                              "Santoso). Pilih 'Pakai data cabang', atau ubah dulu data "
                              "peserta itu.")
    assert message.property("role") == "error" and message.isVisible()
    assert snapshot(store) == before
    assert text(three, "conflictCount") == "1 konflik terbuka"
    assert three.current() is not None and three.current().id == cici.id
    click(qtbot, three, "conflictCombine")  # Ani's Budi, the one to combine with, is gone
    assert text(three, "conflictMessage").startswith(
        "Peserta di berkas cabang (nama Budi) sudah dihapus, jadi tidak bisa digabung")
    assert snapshot(store) == before
    click(qtbot, three, "conflictKeepMine")
    assert text(three, "conflictMessage") == "Keputusan disimpan."
    assert text(three, "conflictCount") == "0 konflik terbuka"
    assert live_names(store) == ["Budi Santoso"]


@pytest.fixture
def two_enrolments(tmp_path, qapp, qtbot) -> Iterator[ConflictsDialog]:
    """The branch enrolled Budi as UMKM (Rp1.500.000); Bayu enrolled him as Ojol."""
    store = two_enrolments_of_budi(tmp_path)
    yield _shown(ConflictsDialog(_ctx(store, tmp_path)), qtbot)
    store.close()


def test_a_duplicate_shows_both_enrolments_and_what_combining_does(qtbot, two_enrolments):
    dlg = two_enrolments
    table = dlg.findChild(QTableWidget, "conflictEnrolments")
    assert table.isVisible()
    rows = {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount())}
    assert rows["Pekerjaan *"] == ("UMKM (usaha mikro dan kecil) (umkm)", "Ojek online (ojol)")
    assert rows["Penghasilan per bulan *"] == ("Rp 1.500.000", "Rp 2.500.000")
    assert rows["Tanggal daftar *"] == ("10/05/2026", "12/05/2026")
    assert rows["Sumber dana"][0] == rows["Sumber dana"][1]  # same: not marked
    outcome = text(dlg, "conflictEnrolmentOutcome")
    assert ("Gabungkan jadi satu: Kepesertaan cabang dipakai; kepesertaan petugas "
            "(Ojek online, Rp 2.500.000) dihapus.") in outcome.splitlines()
    assert dlg.findChild(QLabel, "conflictEnrolmentOutcome").isVisible()
    click(qtbot, dlg, "conflictCombine")
    assert text(dlg, "conflictMessage") == "Keputusan disimpan."
    assert dlg.ctx.store.conn.execute(
        "SELECT segment, income FROM enrolments WHERE deleted_at IS NULL").fetchall() == [
        ("umkm", 1500000)]
    assert not table.isVisible()  # nothing left to compare


@pytest.fixture
def event_conflict(tmp_path, qapp, qtbot) -> Iterator[ConflictsDialog]:
    """Ani recorded a sosialisasi; the branch counted 50 attendees, Ani 47 (and changed
    its kind and target segments)."""
    from dataclasses import replace
    from datetime import date

    from bpu_desktop.domain.events import EventInput, validate_event
    from bpu_desktop.store.events import EventRepository

    def clean(value: EventInput):  # type: ignore[no-untyped-def]
        errors, event = validate_event(value, today=date(2026, 3, 20))
        assert errors == {}, errors
        return event

    event = EventInput(
        held_on="12/03/2026", time="09:00", kecamatan_code="33.72.01", kelurahan="Pajang",
        venue="Pasar Klewer", kind="sosialisasi", attendees=40,
        partners=["Disnaker Kota Surakarta", "Paguyuban/Asosiasi"],
        segments=["buruh_harian_lepas"], officers=["Ani"])
    store = officer_file(tmp_path / "cabang.db", "Supervisor")
    ani = officer_file(tmp_path / "ani.db", "Ani")
    saved = EventRepository(ani).save(clean(event))
    merge_files(store, [tmp_path / "ani.db"])
    EventRepository(store).save(clean(replace(event, attendees=50)), saved.id)
    EventRepository(ani).save(clean(replace(event, attendees=47, kind="stand_pasar",
                                            segments=["ojol"])), saved.id)
    ani.close()
    merge_files(store, [tmp_path / "ani.db"])
    yield _shown(ConflictsDialog(_ctx(store, tmp_path)), qtbot)
    store.close()


def test_an_event_conflict_reads_as_the_event_in_indonesian(event_conflict):
    dlg = event_conflict
    line = view(dlg).model().index(0, 0).data()
    assert line.splitlines()[0] == "Kegiatan: Pasar Klewer (12/03/2026)"
    assert text(dlg, "conflictTitle").splitlines()[0] == "Kegiatan: Pasar Klewer (12/03/2026)"
    shown = cells(dlg)
    assert shown["Jumlah hadir"] == ("50", "47")
    assert shown["Jenis kegiatan"] == ("Sosialisasi", "Stand di pasar")
    assert shown["Mitra"] == ("Disnaker Kota Surakarta, Paguyuban/Asosiasi",) * 2
    assert shown["Segmen sasaran"] == ("Buruh harian lepas", "Ojek online")
    assert shown["Petugas hadir"] == ("Ani", "Ani")
    assert {"Tanggal kegiatan", "Jam", "Tempat", "Kecamatan", "Kelurahan/Desa",
            "Catatan"} <= set(shown)
    english = [label for label in shown if label.replace(" ", "").isascii()
               and label in {"Attendees", "Notes", "Held On", "Time", "Venue", "Kind",
                             "Partners", "Segments", "Officers"}]
    assert english == []


def _changed_on_both(tmp_path, *, copy: bool):  # type: ignore[no-untyped-def]
    """The officer corrected Budi's name, the supervisor changed his phone and address.
    `copy`: Ani's file started as a copy of the branch's (the common version unknown);
    otherwise Ani enrolled him and the branch merged him first."""
    from ..store.merge_helpers import copy_file, rename

    store = officer_file(tmp_path / "cabang.db", "Supervisor")
    if copy:
        budi = enrol(store, NIK_A, "Budi")
        ani = copy_file(store, tmp_path / "ani.db", "laptop-ani")
    else:
        ani = officer_file(tmp_path / "ani.db", "Ani")
        budi = enrol(ani, NIK_A, "Budi")
        merge_files(store, [tmp_path / "ani.db"])
    rename(ani, budi.id, "Budi Santoso")
    ani.close()
    rename(store, budi.id, "Budi", phone="0813-1111-2222", address="Jl. Slamet Riyadi 1")
    merge_files(store, [tmp_path / "ani.db"])
    return store


def picked(dlg: ConflictsDialog) -> dict[str, tuple[str, str]]:
    """Differing fields: (the choice it starts on, who changed it)."""
    table = dlg.findChild(QTableWidget, "conflictFields")
    return {table.item(r, 0).text().rstrip(" *"): (table.cellWidget(r, 3).currentText(),
                                                   table.item(r, 4).text())
            for r in range(table.rowCount()) if table.item(r, 0).text().endswith(" *")}


def test_each_field_starts_on_the_side_that_changed_it(qtbot, tmp_path, qapp):
    store = _changed_on_both(tmp_path, copy=False)
    dlg = _shown(ConflictsDialog(_ctx(store, tmp_path)), qtbot)
    assert picked(dlg) == {"Nama": ("Data petugas", "Diubah petugas"),
                           "Nomor HP": ("Data cabang", "Diubah di cabang"),
                           "Alamat": ("Data cabang", "Diubah di cabang")}
    assert text(dlg, "conflictFieldsHint") == (
        "Pilihan awal tiap kolom: data dari sisi yang mengubahnya.")
    click(qtbot, dlg, "conflictApplyFields")  # the defaults, as they are
    assert text(dlg, "conflictMessage") == "Keputusan disimpan."
    assert store.conn.execute("SELECT name, phone, address FROM members").fetchall() == [
        ("Budi Santoso", "081311112222", "Jl. Slamet Riyadi 1")]
    store.close()


def test_a_field_changed_on_both_sides_keeps_the_branch_and_is_marked(qtbot, tmp_path, qapp):
    from ..store.merge_helpers import rename

    store = officer_file(tmp_path / "cabang.db", "Supervisor")
    ani = officer_file(tmp_path / "ani.db", "Ani")
    budi = enrol(ani, NIK_A, "Budi")
    merge_files(store, [tmp_path / "ani.db"])
    rename(ani, budi.id, "Budi Santoso", phone="0857-0000-1111")
    ani.close()
    rename(store, budi.id, "Budi", phone="0813-1111-2222")
    merge_files(store, [tmp_path / "ani.db"])
    dlg = _shown(ConflictsDialog(_ctx(store, tmp_path)), qtbot)
    assert picked(dlg) == {"Nama": ("Data petugas", "Diubah petugas"),
                           "Nomor HP": ("Data cabang", "Diubah di keduanya: periksa")}
    table = dlg.findChild(QTableWidget, "conflictFields")
    [row] = [r for r in range(table.rowCount()) if table.item(r, 0).text() == "Nomor HP *"]
    assert table.item(row, 0).font().bold() and table.item(row, 4).font().bold()
    assert text(dlg, "conflictFieldsHint") == (
        "Pilihan awal tiap kolom: data dari sisi yang mengubahnya. 1 kolom diubah di "
        "keduanya: data cabang terpilih, periksa pilihannya.")
    store.close()


def test_without_the_common_version_every_field_starts_on_the_branch(qtbot, tmp_path, qapp):
    store = _changed_on_both(tmp_path, copy=True)
    dlg = _shown(ConflictsDialog(_ctx(store, tmp_path)), qtbot)
    assert picked(dlg) == {"Nama": ("Data cabang", ""), "Nomor HP": ("Data cabang", ""),
                           "Alamat": ("Data cabang", "")}
    assert "tidak diketahui" in text(dlg, "conflictFieldsHint")
    store.close()


def test_a_duplicate_says_which_payments_and_sponsor_links_move(qtbot, tmp_path, qapp):
    """Sri Wahyuni enrolled by Budi (a payment, a place in PT Batik's pledge) and by Rina
    (a payment): before a click, each decision says what moves to the copy kept."""
    from ..store.test_conflict_belongings import merged, two_sris_files

    made = two_sris_files(tmp_path)
    store = merged(tmp_path)
    try:
        dlg = _shown(ConflictsDialog(_ctx(store, tmp_path)), qtbot)
        outcome = text(dlg, "conflictEnrolmentOutcome").splitlines()
        amount = f"{made['amount']:,}".replace(",", ".")
        rina = f"{made['rina_amount']:,}".replace(",", ".")
        [theirs] = [line for line in outcome if line.startswith("Pakai data petugas: ")]
        assert theirs.endswith(f"dihapus. 1 pembayaran (Rp {amount}) dan 1 tanggungan "
                               "sponsor dipindahkan ke data yang dipakai.")
        [mine] = [line for line in outcome if line.startswith("Pakai data cabang: ")]
        assert mine.endswith(f"dihapus. 1 pembayaran (Rp {rina}) dipindahkan ke data yang "
                             "dipakai.")
        button = dlg.findChild(QPushButton, "conflictTakeTheirs")
        assert button.toolTip().endswith("dipindahkan ke data yang dipakai.")
        click(qtbot, dlg, "conflictTakeTheirs")
        assert text(dlg, "conflictMessage") == "Keputusan disimpan."
        assert store.conn.execute(
            "SELECT count(*) FROM payments WHERE deleted_at IS NULL AND member_id = ?",
            (made["twin"],)).fetchone()[0] == 2
    finally:
        store.close()


def test_an_edit_of_a_dropped_copy_says_why_it_is_deleted(qtbot, tmp_path, qapp):
    """Budi corrected the income of his Sri after the supervisor kept Rina's: the dialog
    says that copy was dropped for the other one, and what each decision does."""
    from ..store.test_conflict_after_decision import _edited_dropped_copy
    from ..store.test_conflict_belongings import two_sris_files

    store = _edited_dropped_copy(two_sris_files(tmp_path), tmp_path)
    try:
        dlg = _shown(ConflictsDialog(_ctx(store, tmp_path)), qtbot)
        said = text(dlg, "conflictEnrolmentOutcome")
        assert said.startswith("Kepesertaan ini sudah dihapus di berkas cabang")
        assert "memakai data yang lain (Sri Wahyuni), dari rina.db" in said
        assert dlg.findChild(QLabel, "conflictEnrolmentOutcome").isVisible()
    finally:
        store.close()


def test_a_duplicate_with_the_same_data_shows_who_enrolled_each_copy(tmp_path, qapp, qtbot):
    """Ani and Bayu enrolled Budi alike: no field differs, so the dialog says who enrolled
    each copy, when and from which file, and that the choice is between those."""
    store = officer_file(tmp_path / "cabang.db", "Supervisor")
    for officer in ("Ani", "Bayu"):
        other = officer_file(tmp_path / f"{officer.lower()}.db", officer)
        enrol(other, NIK_A, "Budi")
        other.close()
    merge_files(store, [tmp_path / "ani.db"])
    merge_files(store, [tmp_path / "bayu.db"])
    dlg = _shown(ConflictsDialog(_ctx(store, tmp_path)), qtbot)
    try:
        assert dlg.current() is not None and dlg.current().differing() == []
        label = dlg.findChild(QLabel, "conflictOrigins")
        assert label.isVisible()
        mine, theirs, note = label.text().splitlines()
        assert mine.startswith("Data cabang: didaftarkan Ani, tgl daftar 20/05/2026")
        assert mine.endswith("dari ani.db")
        assert theirs.startswith("Data petugas: didaftarkan Bayu, tgl daftar 20/05/2026")
        assert theirs.endswith("dari bayu.db")
        assert note.startswith("Data kedua salinan sama; pilih salinan mana yang dipakai")
        assert "petugas" in note
    finally:
        store.close()

"""Tanggung pekerja: assigning a member who already paid some of the pledge's months asks
first, naming the member and those months."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from bpu_desktop.store.sponsors import SponsorRepository
from bpu_desktop.ui.assign_workers_dialog import AssignWorkersDialog
from tests.store.outreach_helpers import enrol, nik
from tests.store.test_sponsors import new_sponsor, pledge

from .conftest import answer_questions
from .test_sponsor_page import TODAY

QUESTION = (
    "Sri Lestari sudah membayar iuran sendiri sampai Mei 2026. Sponsor ini menanggung "
    "April 2026 s.d. September 2026, jadi April 2026 s.d. Mei 2026 dibayar dua kali (oleh "
    "peserta dan oleh sponsor). Tanggungan sponsor hanya menyambung bulan peserta mulai "
    "Juni 2026.\n\nTetap tanggung?")


@pytest.fixture
def dialog(qtbot, recording_ctx, store):  # type: ignore[no-untyped-def]
    repo = SponsorRepository(store, today=TODAY)
    sponsorship = repo.save_sponsorship(new_sponsor(repo).id, pledge())  # April-September
    enrol(store, nik(1), "Sri Lestari", funding="Mandiri", start_month="2026-03",
          months_paid=3)  # March-May: April and May are the pledge's
    enrol(store, nik(2), "Sri Rahayu", funding="Mandiri", start_month="2026-03",
          months_paid=1)  # March only
    found = AssignWorkersDialog(recording_ctx, repo, sponsorship)
    qtbot.addWidget(found)
    found.show()
    return found


def test_batal_assigns_nobody_who_would_be_paid_for_twice(qtbot, dialog, monkeypatch):
    asked = answer_questions(monkeypatch, None)
    qtbot.keyClicks(dialog.search, "Sri Lestari")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert asked == [("Iuran dibayar dua kali", QUESTION, ("Tetap tanggung",))]
    assert dialog.assigned.count() == 0
    assert dialog.assigned_title.text() == "Ditanggung 0 dari 10 pekerja"
    assert dialog.results.count() == 1  # still offered


def test_tetap_tanggung_assigns_and_a_member_paid_before_the_pledge_is_not_asked(
        qtbot, dialog, monkeypatch):
    asked = answer_questions(monkeypatch, "Tetap tanggung")
    qtbot.keyClicks(dialog.search, "Sri Lestari")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert [a[1] for a in asked] == [QUESTION]
    assert dialog.assigned.count() == 1 and "Sri Lestari" in dialog.assigned.item(0).text()
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "Sri Rahayu")
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1  # March only: nothing of April-September paid twice
    assert dialog.assigned_title.text() == "Ditanggung 2 dari 10 pekerja"

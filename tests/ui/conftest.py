"""UI fixtures: a fresh file per test, an officer set, the real window around it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QTableView

from bpu_desktop.domain.validation import EnrolmentInput
from bpu_desktop.store.database import Store, open_store
from bpu_desktop.store.members import MemberRepository, MemberRow
from bpu_desktop.store.reference import validate_enrolment_input
from bpu_desktop.ui.context import AppContext
from bpu_desktop.ui.main_window import MainWindow
from bpu_desktop.ui.signals import AppSignals
from bpu_desktop.ui.theme import apply_theme

TODAY = date(2026, 11, 20)


_IN_TEST_BODY = False


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):  # type: ignore[no-untyped-def]
    """Marks the test body, as opposed to pytest-qt closing its windows afterwards."""
    global _IN_TEST_BODY
    _IN_TEST_BODY = True
    try:
        yield
    finally:
        _IN_TEST_BODY = False


@pytest.fixture(autouse=True)
def _unanswered_questions(request: pytest.FixtureRequest,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A real question box would wait forever for a click. One the test did not answer
    (by replacing `ConfirmDialog.choose`) fails the test while it runs; when pytest-qt
    closes the windows afterwards, typing left unsaved on a form is dropped ("Buang")."""
    from bpu_desktop.ui.confirm_dialog import ConfirmDialog

    if request.node.get_closest_marker("real_dialogs"):
        return

    def choose(cls, parent, title, text, options):  # type: ignore[no-untyped-def]
        if _IN_TEST_BODY:
            raise AssertionError(f"pertanyaan tak terjawab dalam tes: {title}: {text}")
        return "Buang" if "Buang" in options else None

    monkeypatch.setattr(ConfirmDialog, "choose", classmethod(choose))


def answer_questions(monkeypatch: pytest.MonkeyPatch,
                     choice: str | None) -> list[tuple[str, str, tuple[str, ...]]]:
    """Replace the question box: every question is answered `choice` (None: Batal) and
    recorded as (title, text, options)."""
    from bpu_desktop.ui.confirm_dialog import ConfirmDialog

    asked: list[tuple[str, str, tuple[str, ...]]] = []

    def choose(cls, parent, title, text, options):  # type: ignore[no-untyped-def]
        asked.append((title, text, tuple(options)))
        return choice

    monkeypatch.setattr(ConfirmDialog, "choose", classmethod(choose))
    return asked


def click_row(qtbot, table: QTableView, row: int) -> None:  # type: ignore[no-untyped-def]
    """Click a row of a list with the mouse, as the officer does."""
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def hover(qtbot, widget, pos: QPoint) -> None:  # type: ignore[no-untyped-def]
    """Rest the mouse on `pos` of `widget`. Qt sends no move to where the cursor already
    is, and an earlier test may have left it exactly there: it comes from a corner first,
    as a real mouse would (this made a hover test fail in some orders of the suite)."""
    start = QPoint(0, 0) if pos != QPoint(0, 0) else QPoint(1, 1)
    qtbot.mouseMove(widget, start)
    qtbot.mouseMove(widget, pos)


def click_header(qtbot, table: QTableView, column: int) -> None:  # type: ignore[no-untyped-def]
    """Click a column's header (sorts the list by it), as the officer does."""
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def wait_questions(qtbot, asked: list[tuple[str, str, tuple[str, ...]]],  # type: ignore[no-untyped-def]
                   count: int) -> None:
    """Picking a row asks once the click is over: wait for `count` questions in all, then
    make sure no further one follows (no question loop)."""
    qtbot.waitUntil(lambda: len(asked) >= count)
    qtbot.wait(20)
    assert len(asked) == count, asked


def selected_rows(table: QTableView) -> tuple[int, list[int]]:
    """The current row and the highlighted ones: after Batal both are the edited row."""
    return table.currentIndex().row(), [i.row() for i in table.selectionModel().selectedRows()]


@pytest.fixture(autouse=True, scope="session")
def _theme(qapp) -> None:  # type: ignore[no-untyped-def]
    """Every window in the tests looks, and writes numbers, as the app's (apply_theme)."""
    apply_theme(qapp)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "t.db")
    s.set_officer("Sari Petugas")
    yield s
    s.close()


@pytest.fixture
def ctx(store: Store, tmp_path: Path, qapp) -> AppContext:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext(store=store, signals=AppSignals(), settings=settings)


@pytest.fixture
def recording_ctx(ctx: AppContext) -> AppContext:
    """A context whose open_page only records (key, kwargs) in extras["opened"]."""
    opened: list[tuple[str, dict[str, object]]] = []
    ctx.open_page = lambda key, **kw: opened.append((key, kw))
    ctx.extras["opened"] = opened
    return ctx


@pytest.fixture
def window(ctx: AppContext, qtbot) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.open_page("peserta")
    page = win.page("peserta")
    page.form.today = TODAY
    page.form.clear(keep_sticky=False)
    win.show()
    qtbot.waitExposed(win)
    return win


def nik_for(serial: int, *, day: int = 12, month: int = 5, year: int = 90,
            female: bool = False, district: str = "337201") -> str:
    """A valid NIK from Laweyan (Surakarta) for tests."""
    dd = day + 40 if female else day
    return f"{district}{dd:02d}{month:02d}{year:02d}{serial:04d}"


def enrol(store: Store, serial: int, name: str, **overrides: object) -> MemberRow:
    values: dict[str, object] = dict(
        nik=nik_for(serial), name=name, phone=f"0812{serial:08d}", kecamatan="33.72.01",
        kelurahan="Pajang", address="Jl. Melati 1", segment="ojol", income="1.500.000",
        with_jht=False, funding="self", months_paid=1, start_month="2026-11",
        enrolled_on="2026-11-02",
    )
    values.update(overrides)
    result = validate_enrolment_input(store, EnrolmentInput(**values), today=TODAY)  # type: ignore[arg-type]
    assert result.value is not None, result.errors
    return MemberRepository(store).enrol(result.value)

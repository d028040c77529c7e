"""Beranda: cards and charts follow targets and enrolments; bars open the member list."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from bpu_desktop.domain.followup import SHOW_LAPSING
from bpu_desktop.store.targets import TargetInput, save_target
from bpu_desktop.ui.beranda_page import BerandaPage
from bpu_desktop.ui.charts import BarChart, PaceChart
from bpu_desktop.ui.theme import ACCENT_DARK, STYLESHEET, WARNING
from tests.store.targets_helpers import TODAY, enrol, hand_counted
from tests.ui.targets_ctx import make_ctx

from .conftest import hover


@pytest.fixture
def page(qtbot, tmp_path):
    ctx, store, opened = make_ctx(tmp_path, TODAY)
    page = BerandaPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 900)
    page.show()
    yield page, ctx, store, opened
    store.close()


def card(page, key):
    return page.cards[key].value.text(), page.cards[key].detail.text()


def test_cards_follow_enrolments_and_targets(page):
    page, ctx, store, _ = page
    assert card(page, "year")[0] == "0"
    assert "dari target 63.339" in card(page, "year")[1]
    # A kecamatan target, then two enrolments there: the cards move.
    save_target(store, TargetInput(year=2026, kind="BPU", area_code="33.72.05", target=24,
                                   potential=100, covered_before=30))
    ctx.signals.targets_changed.emit()
    page.area.setCurrentIndex(page.area.findData("33.72.05"))
    assert card(page, "month") == ("0", "0,0% dari target bulan ini (2)")
    for name in ("Ani", "Budi"):
        enrol(store, name, enrolled_on=date(2026, 5, 4), start_month="2026-05")
    ctx.signals.members_changed.emit()
    assert card(page, "month") == ("2", "100,0% dari target bulan ini (2)")
    value, detail = card(page, "year")
    assert value == "2" and detail.startswith("8,3% dari target 24")
    assert "laju s.d. Mei: 20,0%" in detail
    assert card(page, "coverage") == ("32,0%", "32 dari potensi 100 pekerja")


def test_branch_coverage_uses_solo_potential_and_lapsing_card(page):
    page, ctx, store, _ = page
    hand_counted(store)
    ctx.signals.members_changed.emit()
    value, detail = card(page, "coverage")
    assert value == "30,0%" and "70.463" in detail and "Kota Surakarta" in detail
    assert card(page, "lapsing") == ("1", "Menunggak 2 · nonaktif 1 · aktif 3")
    assert page.cards["lapsing"].title.text() == "Segera nonaktif"
    page.year.setCurrentIndex(page.year.findData(2025))  # another year: still today's status
    assert page.cards["lapsing"].title.text() == "Segera nonaktif (hari ini)"
    assert card(page, "lapsing") == ("1", "Menunggak 2 · nonaktif 1 · aktif 3")
    page.year.setCurrentIndex(page.year.findData(2026))
    assert page.cards["lapsing"].value.property("warn") is True  # drawn in the warning colour
    assert page.cards["year"].value.property("warn") in (None, False)
    assert [b.key for b in page.kecamatan_chart.bars] == ["33.72.01", "33.72.05", "33.72.04"]
    assert page.pace_chart.cumulative == [1, 2, 2, 3, 5]
    assert page.pace_chart.pace is not None and page.pace_chart.pace[-1] == 63_339


def test_lapsing_card_opens_in_the_warning_colour(qtbot, qapp, tmp_path) -> None:
    """Members already lapsing when the page is first built (the start-up case): the
    figure is drawn in the warning colour straight away, the others in the usual green."""
    qapp.setStyleSheet(STYLESHEET)
    ctx, store, _ = make_ctx(tmp_path, TODAY)
    hand_counted(store)
    page = BerandaPage(ctx)
    qtbot.addWidget(page)
    page.show()
    lapsing, year = page.cards["lapsing"].value, page.cards["year"].value
    assert lapsing.text() == "1"
    assert lapsing.palette().color(lapsing.foregroundRole()).name() == WARNING
    assert year.palette().color(year.foregroundRole()).name() == ACCENT_DARK
    store.close()


def test_lapsing_card_turns_to_the_warning_colour_while_shown(qtbot, qapp, tmp_path) -> None:
    qapp.setStyleSheet(STYLESHEET)
    ctx, store, _ = make_ctx(tmp_path, TODAY)
    page = BerandaPage(ctx)
    qtbot.addWidget(page)
    page.show()
    lapsing = page.cards["lapsing"].value
    assert lapsing.palette().color(lapsing.foregroundRole()).name() == ACCENT_DARK
    hand_counted(store)
    ctx.signals.members_changed.emit()
    assert lapsing.text() == "1"
    assert lapsing.palette().color(lapsing.foregroundRole()).name() == WARNING
    store.close()


def test_clicking_a_bar_opens_the_filtered_member_list(page, qtbot):
    page, ctx, store, opened = page
    hand_counted(store)
    ctx.signals.members_changed.emit()
    chart = page.segment_chart
    assert [b.key for b in chart.bars] == ["ojol", "umkm"]
    qtbot.waitUntil(lambda: chart.isVisible())
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_center(1))
    assert opened.calls[-1] == ("peserta", {"mode": "list", "segment": "umkm", "year": 2026})
    # With a month chosen, the month travels along.
    page.month.setCurrentIndex(page.month.findData(5))
    page.kecamatan_chart.click_bar(0)
    assert opened.calls[-1] == ("peserta", {"mode": "list", "kecamatan_code": "33.72.01",
                                            "month": date(2026, 5, 1)})
    qtbot.mouseClick(page.findChild(QPushButton, "card_lapsing_open"),
                     Qt.MouseButton.LeftButton)
    assert opened.calls[-1] == ("tindak_lanjut", {"show": SHOW_LAPSING, "area": None})


def test_sponsor_and_event_cards(page):
    from bpu_desktop.domain.events import EventInput, validate_event
    from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
    from bpu_desktop.store.events import EventRepository
    from bpu_desktop.store.sponsors import SponsorRepository

    page, ctx, store, opened = page
    assert card(page, "sponsor") == ("0 / 0", "— dari janji sponsor")
    assert card(page, "events")[0] == "0"
    sponsors = SponsorRepository(store, today=TODAY)
    errors, clean = validate_sponsor(SponsorInput(name="PT Batik", type="swasta",
                                                  kecamatan_code="33.72.05"))
    assert errors == {}
    sp = sponsors.save_sponsorship(sponsors.save_sponsor(clean).id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=date(2026, 1, 1), end=date(2026, 12, 1),
        funding="sponsor"))
    errors, event = validate_event(EventInput(
        held_on="05/05/2026", time="09:00", kecamatan_code="33.72.03", kelurahan="",
        venue="Pasar Klewer", kind="sosialisasi", attendees=40, partners=[], segments=[]),
        today=TODAY)
    assert errors == {} and event is not None
    pasar = EventRepository(store).save(event)
    for name in ("Ani", "Budi"):
        member = enrol(store, name, enrolled_on=date(2026, 5, 5), start_month="2026-05",
                       event_id=pasar.id)
        sponsors.assign(sp.id, member.id)
    ctx.signals.sponsors_changed.emit()
    assert card(page, "sponsor") == ("2 / 10", "20,0% dari janji sponsor")
    assert card(page, "events") == ("1", "kegiatan sosialisasi")
    assert [(b.key, b.value) for b in page.event_chart.bars] == [(pasar.id, 5.0)]
    # An event's bar counts everyone enrolled through it, whatever the year or area.
    page.event_chart.click_bar(0)
    assert opened.calls[-1] == ("peserta", {"mode": "list", "event_id": pasar.id,
                                            "event_label": page.event_chart.bars[0].label})


def test_charts_are_drawn_with_the_cards(qtbot, tmp_path):
    ctx, store, _ = make_ctx(tmp_path, TODAY)
    hand_counted(store)
    page = BerandaPage(ctx)
    qtbot.addWidget(page)
    page.show()
    # Cards and charts in the same pass: nothing left for the event loop to draw.
    assert page.cards["lapsing"].value.text() == "1"
    assert page.loading is False
    chart = page.findChild(BarChart, "chartKecamatan")
    assert chart is page.kecamatan_chart and chart.isVisible()
    assert [b.key for b in chart.bars] == ["33.72.01", "33.72.05", "33.72.04"]
    assert {c.objectName() for c in page.findChildren(QWidget)
            if isinstance(c, BarChart | PaceChart)} == {
        "chartPace", "chartKecamatan", "chartSegment", "chartEvents"}
    store.close()


def test_keyboard_opens_a_bar_tab_down_enter(page, qtbot):
    page, ctx, store, opened = page
    hand_counted(store)
    ctx.signals.members_changed.emit()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    chart = page.kecamatan_chart
    page.pace_chart.setFocus()
    qtbot.keyClick(page.pace_chart, Qt.Key.Key_Tab)  # the next chart takes the focus
    qtbot.waitUntil(chart.hasFocus)
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert chart.current == 1
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert opened.calls[-1] == ("peserta", {"mode": "list", "kecamatan_code": "33.72.05",
                                            "year": 2026})
    qtbot.keyClick(chart, Qt.Key.Key_Up)
    qtbot.keyClick(chart, Qt.Key.Key_Space)
    assert opened.calls[-1] == ("peserta", {"mode": "list", "kecamatan_code": "33.72.01",
                                            "year": 2026})


def test_clicking_a_month_opens_that_months_enrolments(page, qtbot):
    page, ctx, store, opened = page
    hand_counted(store)
    ctx.signals.members_changed.emit()
    chart = page.pace_chart
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.month_center(3))
    assert opened.calls[-1] == ("peserta", {"mode": "list", "month": date(2026, 3, 1)})
    qtbot.keyClick(chart, Qt.Key.Key_Right)  # from March, where the click left it
    qtbot.keyClick(chart, Qt.Key.Key_Enter)
    assert opened.calls[-1] == ("peserta", {"mode": "list", "month": date(2026, 4, 1)})


def test_hovering_a_bar_names_it_with_its_count(page, qtbot):
    page, ctx, store, _ = page
    hand_counted(store)
    ctx.signals.members_changed.emit()
    chart = page.segment_chart
    where = chart.bar_center(1)
    hover(qtbot, chart, where)
    qtbot.waitUntil(lambda: chart.cursor().shape() == Qt.CursorShape.PointingHandCursor)
    bar = chart.bars[1]
    assert chart.tooltip_at(where) == f"{bar.label}: {int(bar.value)}"
    assert chart.tooltip_at(QPoint(3, 3)) is None  # the card's corner is no bar


def test_an_area_without_enrolments_draws_empty_charts(page):
    page, _ctx, _store, _ = page
    assert page.kecamatan_chart.bars == [] and page.segment_chart.bars == []
    assert page.pace_chart.cumulative[-1] == 0
    assert page.pace_chart.pace is not None and page.pace_chart.pace[-1] == 63_339


def test_a_bars_list_holds_exactly_the_members_it_counts(qtbot, tmp_path):
    """Bars count one year (or month) and area: the member list opened from a bar shows
    the same members, not every year's."""
    from bpu_desktop.ui.peserta_page import PesertaPage

    ctx, store, _ = make_ctx(tmp_path, TODAY)
    hand_counted(store)
    enrol(store, "Gita", enrolled_on=date(2025, 11, 3),
          start_month="2025-11")  # ojol in Banjarsari, a year earlier than most
    peserta = PesertaPage(ctx)
    ctx.open_page = lambda key, **kwargs: peserta.open_with(**kwargs)
    page = BerandaPage(ctx)
    for widget in (page, peserta):
        qtbot.addWidget(widget)
    page.resize(1280, 900)
    page.show()
    listed = peserta.list.findChild(QLabel, "countLabel")
    extra = peserta.list.findChild(QLabel, "extraFilterLabel")

    def open_bar(chart: BarChart, key: str) -> int:
        index = [b.key for b in chart.bars].index(key)
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_center(index))
        return int(chart.bars[index].value)

    # 2026, whole branch: ojol is Ani, Citra, Fitri (Gita's is 2025).
    assert open_bar(page.segment_chart, "ojol") == 3
    assert listed.text() == "3 peserta" and extra.text() == "Tahun 2026"
    page.year.setCurrentIndex(page.year.findData(2025))
    assert open_bar(page.segment_chart, "ojol") == 1
    assert listed.text() == "1 peserta"
    # 2025 by city: Gita (ojol) lives in Surakarta, Eko (petani) in Wonogiri.
    for city, name, segment, who in (("33.72", "Kota Surakarta", "ojol", "Gita"),
                                     ("33.12", "Kabupaten Wonogiri", "petani", "Eko")):
        page.area.setCurrentIndex(page.area.findData(city))
        assert [b.key for b in page.segment_chart.bars] == [segment]
        assert open_bar(page.segment_chart, segment) == 1
        assert listed.text() == "1 peserta"
        assert peserta.list.model.member_at(0).name == who
        assert extra.text() == f"Tahun 2025  ·  {name}"
    # A kecamatan bar in a city: that kecamatan, that year.
    page.year.setCurrentIndex(page.year.findData(2026))
    page.area.setCurrentIndex(page.area.findData("33.72"))
    assert open_bar(page.kecamatan_chart, "33.72.05") == 2  # Banjarsari: Ani, Bowo, not Gita
    assert listed.text() == "2 peserta"
    # A month of the pace chart: May 2026 in Surakarta is Citra and Fitri.
    qtbot.mouseClick(page.pace_chart, Qt.MouseButton.LeftButton,
                     pos=page.pace_chart.month_center(5))
    assert page.pace_chart.monthly[4] == 2
    assert listed.text() == "2 peserta"
    assert {peserta.list.model.member_at(i).name for i in range(2)} == {"Citra", "Fitri"}
    # From a year's list, picking a kecamatan in the list replaces the city asked for.
    open_bar(page.segment_chart, "ojol")
    assert extra.text() == "Tahun 2026  ·  Kota Surakarta"
    kecamatan = peserta.list.findChild(QComboBox, "kecamatanFilter")
    kecamatan.setCurrentIndex(kecamatan.findData("33.12.11"))  # Selogiri, in Wonogiri
    assert extra.text() == "Tahun 2026" and listed.text() == "0 peserta"
    store.close()


def test_titles_say_when_a_chart_shows_only_the_top_bars(page, monkeypatch):
    from bpu_desktop.store import dashboard

    page, ctx, store, _ = page
    hand_counted(store)  # 2026: three kecamatan, two segments
    ctx.signals.members_changed.emit()
    assert page.kecamatan_chart.title == "Pendaftaran per kecamatan"  # all of them shown
    assert page.segment_chart.title == "Pendaftaran per segmen"
    monkeypatch.setattr(dashboard, "KECAMATAN_BARS", 2)
    monkeypatch.setattr(dashboard, "SEGMENT_BARS", 1)
    enrol(store, "Gita", enrolled_on=date(2026, 5, 4), start_month="2026-05")
    ctx.signals.members_changed.emit()
    assert page.kecamatan_chart.title == "Pendaftaran per kecamatan (2 teratas)"
    assert [b.key for b in page.kecamatan_chart.bars] == ["33.72.05", "33.72.01"]
    assert page.segment_chart.title == "Pendaftaran per segmen (1 teratas)"
    assert page.segment_chart.accessibleName() == page.segment_chart.title


def test_cut_titles():
    from bpu_desktop.ui.beranda_page import cut_title

    assert cut_title("Konversi kegiatan (% mendaftar)", 12, 30, "terbaru") == \
        "Konversi kegiatan (% mendaftar, 12 terbaru)"
    assert cut_title("Konversi kegiatan (% mendaftar)", 12, 12, "terbaru") == \
        "Konversi kegiatan (% mendaftar)"
    assert cut_title("Pendaftaran per segmen", 3, None, "teratas") == "Pendaftaran per segmen"

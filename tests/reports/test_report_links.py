"""Peserta Baru names the outreach event and the sponsor's pledge of each enrolment, as
the app names them, so the report keeps what the officer linked."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl

from bpu_desktop.domain.events import EventInput, validate_event
from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
from bpu_desktop.reports.monthly_export import export_month
from bpu_desktop.store.database import Store
from bpu_desktop.store.events import EventRepository
from bpu_desktop.store.sponsors import SponsorRepository

from .builders import enrol, new_store

MARCH = date(2026, 3, 1)
MADE = datetime(2026, 4, 10, 9, 30)


def _event(store: Store, venue: str, held_on: date) -> str:
    errors, clean = validate_event(EventInput(
        held_on=held_on, time="09:00", kecamatan_code="33.72.01", kelurahan="Pajang",
        venue=venue, kind="sosialisasi", attendees=30, officers=["Rina"]), today=MADE.date())
    assert errors == {} and clean is not None
    return EventRepository(store).save(clean).id


def _pledge(store: Store, name: str, pledged: int = 10) -> str:
    repo = SponsorRepository(store, today=MARCH)
    sponsor = repo.save_sponsor(validate_sponsor(SponsorInput(name=name, type="swasta"))[1])
    return repo.save_sponsorship(sponsor.id, SponsorshipInput(
        pledged=pledged, package="jkk_jkm", start=date(2026, 2, 1), end=date(2026, 4, 1),
        funding="sponsor")).id


def _columns(out: Path) -> dict[str, tuple[object, object]]:
    ws = openpyxl.load_workbook(out)["Peserta Baru"]
    header = [c.value for c in ws[4]]
    name, event, sponsor = header.index("Nama"), header.index("Kegiatan"), header.index("Sponsor")
    return {r[name]: (r[event], r[sponsor])
            for r in ws.iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)}


def test_new_members_name_their_event_and_sponsor(tmp_path: Path):
    store = new_store(tmp_path)
    pasar = _event(store, "Pasar Klewer", date(2026, 3, 5))
    balai = _event(store, "Balai Kelurahan Pajang", date(2026, 2, 26))
    pledge = _pledge(store, "PT Jamu Kadipiro")
    enrol(store, 1, name="Budi Santoso", event_id=pasar)
    enrol(store, 2, name="Siti Aminah", event_id=balai, funding="sponsor",
          sponsorship_id=pledge)
    assigned = enrol(store, 3, name="Agus Salim")
    SponsorRepository(store, today=MARCH).assign(pledge, assigned.id)
    enrol(store, 4, name="Dewi Lestari")
    EventRepository(store).delete(balai)  # enrolments keep their link: still named
    out = tmp_path / "rekap.xlsx"
    export_month(store, MARCH, out, now=lambda: MADE)
    assert _columns(out) == {
        "Budi Santoso": ("Pasar Klewer (05/03/2026)", None),
        "Siti Aminah": ("Balai Kelurahan Pajang (26/02/2026)",
                        "PT Jamu Kadipiro (Februari 2026 - April 2026)"),
        "Agus Salim": (None, "PT Jamu Kadipiro (Februari 2026 - April 2026)"),
        "Dewi Lestari": (None, None),
    }


def _statements(tmp_path: Path, linked: int) -> int:
    store = new_store(tmp_path, name=f"links-{linked}.db")
    event, pledge = _event(store, "Pasar Gede", date(2026, 3, 5)), _pledge(store, "CV Batik", pledged=20)
    for serial in range(1, 21):
        links = {"event_id": event, "funding": "sponsor",
                 "sponsorship_id": pledge} if serial <= linked else {}
        enrol(store, serial, name=f"Peserta {chr(64 + serial)}", **links)
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        export_month(store, MARCH, tmp_path / f"rekap-{linked}.xlsx", now=lambda: MADE)
    finally:
        store.conn.set_trace_callback(None)
    assert len(_columns(tmp_path / f"rekap-{linked}.xlsx")) == 20
    return len(statements)


def test_labels_are_looked_up_once_not_per_row(tmp_path: Path):
    """The report is written at 100,000 rows: naming the links must not query per row."""
    assert _statements(tmp_path, 1) == _statements(tmp_path, 20)

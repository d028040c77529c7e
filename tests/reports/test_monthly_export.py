"""The monthly report as the branch head opens it: sheets, figures, formats, safety."""

from __future__ import annotations

import os
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from bpu_desktop.domain.months import add_months
from bpu_desktop.reports.monthly_export import (
    EVENTS_TOTAL,
    NOT_YET,
    SHEETS,
    FutureMonth,
    export_month,
)
from bpu_desktop.store.members import MemberQuery, MemberRepository
from bpu_desktop.store.progress import Cancelled, Progress

from .builders import enrol, make_nik, new_store

MARCH = date(2026, 3, 1)
MADE = datetime(2026, 4, 10, 9, 30)


@pytest.fixture()
def report(tmp_path: Path) -> tuple[Path, object]:
    store = new_store(tmp_path)
    enrol(store, 1, name="Budi Santoso", address="=HYPERLINK(\"http://x\",\"klik\")")
    enrol(store, 2, name="Siti Aminah", address="@SUM(A1:A9)", enrolled_on=date(2026, 3, 20),
          months_paid=3, with_jht=True)
    enrol(store, 3, name="-Agus Salim", address="+62 Jebres\tblok", enrolled_on=date(2026, 3, 31))
    enrol(store, 4, name="Dewi Lestari", enrolled_on=date(2026, 1, 5))  # arrears by March
    enrol(store, 5, name="Rudi Hartono", enrolled_on=date(2026, 4, 1))  # next month
    enrol(store, 6, name="Joko Lama", enrolled_on=date(2025, 9, 1))  # inactive long ago
    store.acting_as = ""
    out = tmp_path / "rekap.xlsx"
    result = export_month(store, MARCH, out, now=lambda: MADE)
    return out, (store, result)


def _all_cells(wb: openpyxl.Workbook):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            yield from row


def test_workbook_has_every_sheet_with_title_and_period(report):
    out, (_store, result) = report
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == list(SHEETS)
    for ws in wb.worksheets:
        assert "BPJS Ketenagakerjaan Cabang Surakarta" in ws["A2"].value
        assert "Maret 2026" in ws["A2"].value
        assert "10/04/2026" in ws["A2"].value
        assert ws.freeze_panes == "A5"
        assert ws.auto_filter.ref.startswith("A4:")
        assert ws["A4"].font.bold
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert result.new_members == 3


def test_new_members_sheet_matches_the_member_list(report):
    out, (store, _result) = report
    ws = openpyxl.load_workbook(out)["Peserta Baru"]
    rows = [r for r in ws.iter_rows(min_row=5) if isinstance(r[0].value, int)]
    expected = MemberRepository(store).count(MemberQuery(month=MARCH))
    assert len(rows) == expected == 3
    header = [c.value for c in ws[4]]
    nik_col, phone_col = header.index("NIK"), header.index("No. HP")
    money_col, date_col = header.index("Iuran saat daftar"), header.index("Tanggal daftar")
    niks = {r[nik_col].value for r in rows}
    assert niks == {make_nik(1), make_nik(2), make_nik(3)}
    for r in rows:
        assert r[nik_col].data_type == "s" and isinstance(r[nik_col].value, str)
        assert r[phone_col].value == "+6281234567890" or r[phone_col].value.startswith(("08", "+62"))
        assert r[phone_col].data_type == "s"
        assert r[money_col].number_format == '"Rp" #,##0;[Red]-"Rp" #,##0'
        assert isinstance(r[money_col].value, int)
        assert r[date_col].number_format == "dd/mm/yyyy"
        assert isinstance(r[date_col].value, datetime)
    total = next(r for r in ws.iter_rows(min_row=5) if str(r[0].value).startswith("Jumlah"))
    assert total[money_col].value == sum(r[money_col].value for r in rows)
    assert total[0].font.bold


def test_user_text_is_never_a_formula(report):
    out, _ = report
    wb = openpyxl.load_workbook(out)
    assert [c.coordinate for c in _all_cells(wb) if c.data_type == "f"] == []
    values = {c.value for c in _all_cells(wb)}
    assert "=HYPERLINK(\"http://x\",\"klik\")" in values
    assert "@SUM(A1:A9)" in values
    assert "-Agus Salim" in values
    risky = [c for c in _all_cells(wb) if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert risky and all(c.quotePrefix for c in risky)


def test_arrears_sheet_lists_overdue_members(report):
    out, _ = report
    ws = openpyxl.load_workbook(out)["Tindak Lanjut"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5) if isinstance(r[0].value, int)]
    header = [c.value for c in ws[4]]
    by_name = {r[header.index("Nama")]: r for r in rows}
    # Dewi paid January only: February and March are overdue on 31 March.
    assert by_name["Dewi Lestari"][header.index("Bulan menunggak")] == 2
    assert by_name["Dewi Lestari"][header.index("Status")] == "Menunggak"
    assert "Siti Aminah" not in by_name  # paid three months ahead
    assert "Rudi Hartono" not in by_name  # enrolled after the report month
    assert "Joko Lama" not in by_name  # inactive: no longer on the call list
    assert sorted(by_name) == ["Dewi Lestari"]


def test_mask_nik_hides_every_nik(tmp_path: Path):
    store = new_store(tmp_path)
    enrol(store, 1)
    out = tmp_path / "rekap-samar.xlsx"
    export_month(store, MARCH, out, mask_nik=True, now=lambda: MADE)
    wb = openpyxl.load_workbook(out)
    values = [str(c.value) for c in _all_cells(wb) if c.value is not None]
    assert make_nik(1) not in " ".join(values)
    assert "337201**********" in values
    assert "NIK disamarkan" in wb["Ringkasan"]["A2"].value


def test_masked_report_gives_no_way_back_to_the_nik(tmp_path: Path):
    """The masked NIK hides the birth date and the serial, and nothing on any sheet shows
    them: no birth date (the age instead), no DDMMYY, no serial (h-53 rebuilt 12 of 12
    from NIK prefix/suffix + L/P + birth date + kecamatan)."""
    store = new_store(tmp_path)
    niks = {
        make_nik(41, born=date(1985, 7, 17), female=True): date(1985, 7, 17),
        make_nik(7352, born=date(1990, 5, 15)): date(1990, 5, 15),
    }
    for i, nik in enumerate(niks):
        enrol(store, 0, nik=nik, name=("Sri Wahyuni", "Joko Susilo")[i],
              enrolled_on=date(2026, 3, 2 + i))
    enrol(store, 3, name="Dewi Menunggak", enrolled_on=date(2026, 1, 5))  # Tindak Lanjut
    niks[make_nik(3)] = date(1990, 5, 15)
    out = tmp_path / "rekap-samar.xlsx"
    export_month(store, MARCH, out, mask_nik=True, now=lambda: MADE)
    wb = openpyxl.load_workbook(out)
    cells = list(_all_cells(wb))
    texts = " ".join(str(c.value) for c in cells if c.value is not None)
    dates = {c.value.date() for c in cells if isinstance(c.value, datetime)}
    shown = 0
    for ws in (wb["Peserta Baru"], wb["Tindak Lanjut"]):
        header, rows = _table(ws)
        assert "Tanggal lahir" not in header
        for r in (r for r in rows if isinstance(r[0], int)):
            shown += 1
            assert re.fullmatch(r"337201\*{10}", r[header.index("NIK")])
    assert shown == 3
    for nik, born in niks.items():
        assert nik[6:12] not in texts and nik[12:] not in texts, nik
        assert born not in dates
    header, rows = _table(wb["Peserta Baru"])
    ages = [r[header.index("Umur saat daftar")] for r in rows if isinstance(r[0], int)]
    assert ages == [40, 35]
    assert "tanggal lahir diganti umur" in wb["Peserta Baru"]["A2"].value


def test_a_month_not_yet_begun_is_refused_and_nothing_written(tmp_path: Path):
    """h-53: December exported on 25 November listed November's arrears as December's."""
    store = new_store(tmp_path)
    enrol(store, 1)
    out = tmp_path / "rekap.xlsx"
    with pytest.raises(FutureMonth, match="^Mei 2026 belum berjalan: rekap hanya untuk bulan "
                       r"ini \(April 2026\) atau sebelumnya\.$"):
        export_month(store, add_months(MADE.date(), 1), out, now=lambda: MADE)
    assert list(tmp_path.glob("*.xlsx*")) == []
    export_month(store, MADE.date(), out, now=lambda: MADE)  # the current month still is
    assert out.exists()


def test_masked_report_masks_a_nik_in_a_conflict_description(tmp_path: Path, monkeypatch):
    """A member row without a name is named by its NIK (conflict_values.row_label)."""
    from bpu_desktop.reports import figures

    store = new_store(tmp_path)
    real = figures.month_figures

    def with_conflict(store, month):  # type: ignore[no-untyped-def]
        data = real(store, month)
        data.conflicts = [figures.ConflictLine("Peserta", "NIK sama", make_nik(9), "bayu.db",
                                               "2026-03-05")]
        return data

    monkeypatch.setattr(figures, "month_figures", with_conflict)
    out = tmp_path / "rekap-samar.xlsx"
    export_month(store, MARCH, out, mask_nik=True, now=lambda: MADE)
    _, rows = _table(openpyxl.load_workbook(out)["Konflik"])
    assert [r[2] for r in rows] == ["337201**********"]


def test_file_is_private_and_written_whole(tmp_path: Path):
    store = new_store(tmp_path)
    enrol(store, 1)
    out = tmp_path / "rekap.xlsx"
    export_month(store, MARCH, out, now=lambda: MADE)
    assert oct(os.stat(out).st_mode & 0o777) == "0o600"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".part") == []


def test_cancel_leaves_no_file_and_keeps_the_old_one(tmp_path: Path):
    store = new_store(tmp_path)
    for i in range(1, 30):
        enrol(store, i)
    out = tmp_path / "rekap.xlsx"
    out.write_bytes(b"old report")
    progress = Progress()
    progress.report = lambda done, total, text: progress.cancel() if done else None
    with pytest.raises(Cancelled):
        export_month(store, MARCH, out, progress=progress, now=lambda: MADE)
    assert out.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir() if ".part" in p.name] == []


def test_empty_month_and_missing_features_say_so(tmp_path: Path):
    store = new_store(tmp_path)
    out = tmp_path / "kosong.xlsx"
    export_month(store, add_months(MARCH, -5), out, now=lambda: MADE)
    wb = openpyxl.load_workbook(out)
    assert wb["Peserta Baru"]["A5"].value == "Tidak ada peserta baru pada bulan ini."
    assert wb["Tindak Lanjut"]["A5"].value == "Tidak ada peserta yang menunggak."
    assert wb["Kegiatan"]["A5"].value in {
        "Tidak ada kegiatan pada bulan ini.",
        NOT_YET.format(what="kegiatan", feature="Kegiatan & Sponsor")}
    assert wb["Sponsor"]["A5"].value in {
        "Tidak ada sponsor yang berjalan pada bulan ini.",
        NOT_YET.format(what="sponsor", feature="Kegiatan & Sponsor")}


def test_sponsor_sheet_bills_the_month_as_the_sponsor_page_does(tmp_path: Path):
    """Only pledges running in the month; the month's amount is for the workers assigned
    (what the Sponsor page calls iuran bulan ini), not for the number pledged."""
    from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
    from bpu_desktop.store.sponsors import SponsorRepository

    store = new_store(tmp_path)
    repo = SponsorRepository(store, today=MARCH)
    sponsor = repo.save_sponsor(validate_sponsor(SponsorInput(name="PT Jamu Kadipiro",
                                                              type="swasta"))[1])
    running = repo.save_sponsorship(sponsor.id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=date(2026, 2, 1), end=date(2026, 4, 1),
        funding="sponsor"))
    repo.save_sponsorship(sponsor.id, SponsorshipInput(
        pledged=5, package="jkk_jkm", start=date(2026, 6, 1), end=date(2026, 7, 1),
        funding="sponsor"))
    for serial in (1, 2):
        repo.assign(running.id, enrol(store, serial).id)
    page_row = repo.get_sponsorship(running.id)
    out = tmp_path / "rekap.xlsx"
    export_month(store, MARCH, out, now=lambda: MADE)
    _h, rows = _table(openpyxl.load_workbook(out)["Sponsor"])
    lines = [r for r in rows if r[0] != "Jumlah"]
    assert [(r[0], r[3], r[4], r[5]) for r in lines] == [
        ("PT Jamu Kadipiro", 10, 2, page_row.due_this_month)]
    assert page_row.due_this_month == 2 * page_row.amounts.per_worker_for(MARCH) > 0


def _table(ws) -> tuple[list[str], list[list[object]]]:
    header = [c.value for c in ws[4]]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5)]
    return header, [r for r in rows if r[0] is not None]


def test_figures_equal_the_aggregates(tmp_path: Path):
    from bpu_desktop.store import aggregates as agg

    store = new_store(tmp_path)
    enrol(store, 1)
    enrol(store, 2, kecamatan="Jebres", kelurahan="Sewu", segment="ojol")
    enrol(store, 3, enrolled_on=date(2026, 2, 3))
    store.set_officer("Wawan")
    enrol(store, 4, kecamatan="Jebres", kelurahan="Sewu")
    out = tmp_path / "rekap.xlsx"
    export_month(store, MARCH, out, now=lambda: MADE)
    wb = openpyxl.load_workbook(out)
    march, ytd = agg.Period.month(MARCH), agg.Period(date(2026, 1, 1), date(2026, 3, 31))

    _h, rows = _table(wb["Ringkasan"])
    assert rows[0][:3] == ["Seluruh cabang", agg.enrolments_total(store, march),
                           agg.enrolments_total(store, ytd)] == ["Seluruh cabang", 3, 4]
    assert ["Kota Surakarta" in str(r[0]) for r in rows].count(True) == 1
    with zipfile.ZipFile(out) as z:  # openpyxl does not read charts back: look inside
        assert "xl/charts/chart1.xml" in z.namelist()
        chart_xml = z.read("xl/charts/chart1.xml")
        assert b"Pendaftar per kecamatan" in chart_xml
        assert b'tickLblSkip val="1"' in chart_xml  # every kecamatan labelled

    _h, rows = _table(wb["Per Kecamatan"])
    by_name = {r[1]: r for r in rows if r[0] != "Jumlah"}
    expected = {t.label: t.count for t in agg.enrolments_by_kecamatan(store, march)}
    assert {k: v[2] for k, v in by_name.items() if v[2]} == expected == {"Laweyan": 1, "Jebres": 2}
    assert by_name["Laweyan"][3] == 2  # Februari + Maret
    assert by_name["Jebres"][4] == agg.amount_total(store, march, "33.72.04") > 0
    total = next(r for r in rows if r[0] == "Jumlah")
    assert total[2] == 3 and total[3] == 4

    _h, rows = _table(wb["Per Segmen"])
    seg = {r[0]: r[1] for r in rows if r[0] != "Jumlah"}
    assert seg == {t.label: t.count for t in agg.enrolments_by_segment(store, ytd)} | {
        t.label: t.count for t in agg.enrolments_by_segment(store, march)}

    _h, rows = _table(wb["Per Petugas"])
    officers = {r[0]: r[1] for r in rows if r[0] not in ("Jumlah",) and isinstance(r[1], int)}
    assert officers == {"Rina": 2, "Wawan": 1}


def test_officer_sheet_lists_everyone_of_the_year(tmp_path: Path):
    """An officer with no enrolment this month still counts in the year, so the sheet's
    year-to-date total equals Ringkasan's."""
    store = new_store(tmp_path)
    enrol(store, 1)
    store.set_officer("Yuli")
    enrol(store, 2, enrolled_on=date(2026, 2, 3))
    out = tmp_path / "rekap.xlsx"
    export_month(store, MARCH, out, now=lambda: MADE)
    wb = openpyxl.load_workbook(out)
    _h, rows = _table(wb["Per Petugas"])
    lines = {r[0]: (r[1], r[2]) for r in rows if r[0] != "Jumlah" and isinstance(r[1], int)}
    assert lines == {"Rina": (1, 1), "Yuli": (0, 1)}
    total = next(r for r in rows if r[0] == "Jumlah")
    _h, summary = _table(wb["Ringkasan"])
    assert (total[1], total[2]) == (1, 2) == tuple(summary[0][1:3])


def test_conflict_sheet_lists_what_must_be_decided(tmp_path: Path):
    """Budi enrolled on two laptops: one decision (his enrolment follows it), one line,
    the number the app shows everywhere else."""
    from bpu_desktop.store.conflicts import count_open

    from ..store.merge_helpers import two_enrolments_of_budi

    store = two_enrolments_of_budi(tmp_path)
    open_rows = store.conn.execute(
        "SELECT COUNT(*) FROM merge_conflicts WHERE status = 'open'").fetchone()[0]
    assert open_rows == 2  # the member and his enrolment
    out = tmp_path / "konflik.xlsx"
    export_month(store, date(2026, 5, 1), out, now=lambda: datetime(2026, 5, 20, 9, 30))
    _, rows = _table(openpyxl.load_workbook(out)["Konflik"])
    assert count_open(store) == 1
    assert [(r[0], r[2], r[3]) for r in rows] == [("Peserta", "Budi Santoso", "bayu.db")]


def test_money_received_counts_payments_recorded_later_on_every_sheet(tmp_path: Path):
    """h-53: Rp 715.300 paid with "Bayar iuran…" in the month was missing from Ringkasan
    and Per Kecamatan, which showed only what was paid at enrolment. Iuran diterima is the
    month's first payments of new members plus the payments whose paid_on is in it."""
    from bpu_desktop.reports.figures import RECEIVED_LABEL, RECEIVED_NOTE
    from bpu_desktop.store.payments import record_payment

    store = new_store(tmp_path)
    budi = enrol(store, 1)  # Laweyan, March
    sri = enrol(store, 2, name="Sri Wahyuni", kecamatan="Jebres", kelurahan="Sewu",
                enrolled_on=date(2025, 12, 1))  # nobody enrolled in Jebres this year

    def pay(member, months: int, on: date) -> int:
        return record_payment(store, member.id, months=months, paid_on=on, channel="bank",
                              today=on).amount

    sri_feb = pay(sri, 1, date(2026, 2, 10))
    sri_mar = pay(sri, 1, date(2026, 3, 5))
    budi_mar = pay(budi, 3, date(2026, 3, 20))
    pay(budi, 1, date(2026, 4, 8))  # April: not March's money
    budi_first = store.conn.execute("SELECT amount_paid FROM enrolments WHERE member_id = ?",
                                    (budi.id,)).fetchone()[0]
    assert min(sri_feb, sri_mar, budi_mar, budi_first) > 0
    out = tmp_path / "rekap.xlsx"
    export_month(store, MARCH, out, now=lambda: MADE)
    wb = openpyxl.load_workbook(out)

    march = budi_first + budi_mar + sri_mar
    header, rows = _table(wb["Ringkasan"])
    money = [r for r in rows if r[0] == RECEIVED_LABEL]
    assert [r[1:3] for r in money] == [[march, march + sri_feb]]
    assert RECEIVED_NOTE in [r[0] for r in rows]

    header, rows = _table(wb["Per Kecamatan"])
    col = header.index("Iuran diterima")
    by_name = {r[1]: r for r in rows if r[1]}
    assert by_name["Laweyan"][col] == budi_first + budi_mar
    assert by_name["Jebres"][2:4] == [0, 0] and by_name["Jebres"][col] == sri_mar
    assert next(r for r in rows if r[0] == "Jumlah")[col] == march
    assert RECEIVED_NOTE in [r[0] for r in rows]

    header, rows = _table(wb["Peserta Baru"])  # the first payment only, and says so
    assert "Iuran dibayar" not in header
    assert next(r for r in rows if str(r[0]).startswith("Jumlah"))[
        header.index("Iuran saat daftar")] == budi_first


def test_summary_money_row_is_true_for_both_columns(tmp_path: Path):
    """The money row fills the month and the year to date, so its label must not say
    "bulan ini": the branch head reads the Sejak Januari cell as what its label says."""
    from bpu_desktop.store import aggregates as agg

    store = new_store(tmp_path)
    enrol(store, 1)
    enrol(store, 2, enrolled_on=date(2026, 2, 3), months_paid=3)
    out = tmp_path / "rekap.xlsx"
    export_month(store, MARCH, out, now=lambda: MADE)
    header, rows = _table(openpyxl.load_workbook(out)["Ringkasan"])
    assert header[1:3] == ["Bulan ini", "Sejak Januari"]
    money = [r for r in rows if "Iuran" in str(r[0]) and "(Rp)" in str(r[0])]
    assert len(money) == 1
    label, month, year_to_date = money[0][:3]
    assert label == "Iuran diterima (Rp)"  # no payment recorded: the first payments
    march, ytd = agg.Period.month(MARCH), agg.Period(date(2026, 1, 1), date(2026, 3, 31))
    assert month == agg.amount_total(store, march) > 0
    assert year_to_date == agg.amount_total(store, ytd) > month


def _event(store, held_on: date, officers: list[str], venue: str = "Balai Kelurahan Pajang",
           attendees: int = 20):
    from bpu_desktop.domain.events import EventInput, validate_event
    from bpu_desktop.store.events import EventRepository

    errors, clean = validate_event(EventInput(
        held_on=held_on, time="09:00", kecamatan_code="33.72.01", kelurahan="Pajang",
        venue=venue, kind="sosialisasi", attendees=attendees, officers=officers),
        today=MADE.date())
    assert errors == {} and clean is not None
    return EventRepository(store).save(clean)


def test_officer_totals_count_the_month_events(tmp_path: Path):
    """Jumlah under Kegiatan is the number of events of the month, the Kegiatan sheet's
    count: an event two officers ran is on both their rows but is one event."""
    store = new_store(tmp_path)
    enrol(store, 1)
    store.set_officer("Wawan")
    enrol(store, 2)
    _event(store, date(2026, 3, 5), ["Rina"])
    _event(store, date(2026, 3, 12), ["Rina", "Wawan"])
    _event(store, date(2026, 3, 19), ["Wawan"])
    _event(store, date(2026, 2, 19), ["Wawan"])  # last month: not in March's figures
    out = tmp_path / "rekap.xlsx"
    export_month(store, MARCH, out, now=lambda: MADE)
    wb = openpyxl.load_workbook(out)
    header, rows = _table(wb["Per Petugas"])
    events = header.index("Kegiatan")
    lines = {r[0]: r[events] for r in rows if r[0] != "Jumlah" and isinstance(r[1], int)}
    assert lines == {"Rina": 2, "Wawan": 2}
    total = next(r for r in rows if r[0] == "Jumlah")
    _h, listed = _table(wb["Kegiatan"])
    assert total[events] == 3 == len([r for r in listed if r[0] != "Jumlah"])
    assert total[events + 1] is None  # Konversi: left to each officer's row
    assert rows[-1][0] == EVENTS_TOTAL  # says why the rows add up to more


def test_every_filter_takes_the_header_and_data_rows_only(report):
    """One rule on every sheet: the filter stops at the last data row, so sorting never
    moves the "Jumlah" row or a note into the data."""
    out, _ = report
    wb = openpyxl.load_workbook(out)
    checked_totals = 0
    for ws in wb.worksheets:
        ref = ws.auto_filter.ref
        end = int(ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        firsts = {r: ws.cell(r, 1).value for r in range(5, ws.max_row + 1)}
        filled = {r: sum(1 for c in ws[r] if c.value not in (None, ""))
                  for r in range(5, ws.max_row + 1)}
        for r in range(5, end + 1):  # inside: data rows, never a total or a note
            assert not str(firsts[r] or "").startswith("Jumlah"), (ws.title, ref)
            assert filled[r] > 1, (ws.title, ref, firsts[r])
        totals = [r for r, v in firsts.items() if str(v or "").startswith("Jumlah")]
        if totals:
            assert end == totals[0] - 1, (ws.title, ref)
            checked_totals += 1
        # below the filter: the total and notes only, no data row left out
        assert all(r in totals or filled[r] <= 1 for r in range(end + 1, ws.max_row + 1)), \
            (ws.title, ref)
    assert checked_totals >= 4


def test_events_with_fewer_attendees_than_enrolled_are_named_under_kegiatan(tmp_path: Path):
    """An event saved with Hadir 0 and one enrolled from it has no conversion: the sheet
    says how many events to correct, below the total (outside the filter)."""
    from bpu_desktop.reports.monthly_export import ATTENDANCE_SHORT

    store = new_store(tmp_path)
    counted = _event(store, date(2026, 3, 5), ["Rina"])
    uncounted = _event(store, date(2026, 3, 12), ["Rina"], venue="Pasar Jongke", attendees=0)
    enrol(store, 1, event_id=counted.id, enrolled_on=date(2026, 3, 5))
    enrol(store, 2, event_id=uncounted.id, enrolled_on=date(2026, 3, 12))
    out = tmp_path / "rekap.xlsx"
    export_month(store, MARCH, out, now=lambda: MADE)
    ws = openpyxl.load_workbook(out)["Kegiatan"]
    header, rows = _table(ws)
    jongke = next(r for r in rows if str(r[2]).startswith("Pasar Jongke"))
    assert jongke[header.index("Hadir")] == 0 and jongke[header.index("Konversi")] is None
    assert rows[-1][0] == ATTENDANCE_SHORT.format(n="1")
    assert rows[-2][0] == "Jumlah"
    assert ws.auto_filter.ref == "A4:I6"

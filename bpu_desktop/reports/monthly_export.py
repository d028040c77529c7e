"""The monthly report workbook (`bpu export`, Laporan → Ekspor rekap bulanan).

Every sheet is written with openpyxl's write-only mode, so memory stays bounded however
many members the month has; rows come from store cursors in batches. The workbook is
written to a temporary file next to the target and renamed at the end: a cancel or a
crash never leaves a half-written report, and the file is readable by its owner only.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from lxml import etree
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from bpu_desktop.domain.contributions import FUNDING_SOURCES
from bpu_desktop.domain.dates import format_date
from bpu_desktop.domain.events import attendance_short
from bpu_desktop.domain.followup import StatusCutoffs, status_cutoffs
from bpu_desktop.domain.money import format_number
from bpu_desktop.domain.months import add_months, month_label, month_start, parse_month
from bpu_desktop.domain.nik import (
    SHARED_NIK_RULE,
    age_on,
    share_masked_nik,
    share_masked_text,
)
from bpu_desktop.domain.regions import kecamatan_names
from bpu_desktop.domain.status import STATUS_LABELS, MemberStatus, member_status, unpaid_months
from bpu_desktop.store import export_rows
from bpu_desktop.store.database import Store
from bpu_desktop.store.events import event_labels
from bpu_desktop.store.progress import NO_PROGRESS, Progress
from bpu_desktop.store.reference import load_rates, segment_names
from bpu_desktop.store.sponsors import sponsorship_labels

from . import figures
from .excel_style import (
    BRANCH,
    Column,
    TableWriter,
    as_excel_date,
    as_excel_month,
    discard_write_only,
)

# Events counted with fewer attendees than enrolled from them (0: not counted yet).
ATTENDANCE_SHORT = ("{n} kegiatan mencatat jumlah hadir lebih kecil dari yang mendaftar "
                    "(konversi tidak dihitung bila hadir 0): perbarui jumlah hadir di "
                    "halaman Kegiatan.")
NOT_YET = "Data {what} belum tersedia di versi aplikasi ini (menunggu fitur {feature})."
EVENTS_TOTAL = ("Jumlah Kegiatan = kegiatan bulan ini (lembar Kegiatan): kegiatan yang "
                "dijalankan beberapa petugas tercatat pada baris tiap petugas, dihitung sekali.")
SHEETS = ("Ringkasan", "Per Kecamatan", "Per Segmen", "Per Petugas", "Kegiatan", "Sponsor",
          "Peserta Baru", "Tindak Lanjut", "Konflik")


class FutureMonth(ValueError):
    """A report asked for a month that has not begun; ``str(error)`` says so in Indonesian."""


def check_report_month(month: date, today: date) -> None:
    """Refuse a month after `today`'s: its figures would be empty and its Tindak Lanjut
    would list today's arrears under a month that has not begun."""
    if month_start(month) > month_start(today):
        raise FutureMonth(f"{month_label(month_start(month))} belum berjalan: rekap hanya untuk "
                          f"bulan ini ({month_label(month_start(today))}) atau sebelumnya.")


@dataclass
class ExportResult:
    path: Path
    month: date
    new_members: int = 0
    arrears: int = 0
    sheets: list[str] = field(default_factory=list)


@dataclass
class _Ctx:
    store: Store
    month: date
    mask: bool
    made: datetime
    progress: Progress
    kecamatan: dict[str, str]
    segments: dict[str, str]
    done: int = 0
    total: int = 0

    def subtitle(self, extra: str = "") -> str:
        text = (f"{BRANCH} · Periode {month_label(self.month)} · "
                f"Dibuat {format_date(self.made.date())} {self.made:%H:%M}")
        if self.mask:
            text += f" · {SHARED_NIK_RULE}"
        return text + (f" · {extra}" if extra else "")

    def nik(self, value: str) -> str:
        return share_masked_nik(value) if self.mask else value

    def text(self, value: str) -> str:
        """Free text that may name a member by NIK (a conflict without a name)."""
        return share_masked_text(value) if self.mask else value

    def born(self, birth_date: str, on: str) -> date | int | None:
        """The birth date, or when masked the age in years on `on` (ISO dates)."""
        born, day = as_excel_date(birth_date), as_excel_date(on)
        if not self.mask:
            return born
        return age_on(born, day) if born and day else None

    def step(self, rows: int, text: str) -> None:
        self.done += rows
        self.progress.step(self.done, max(self.total, self.done), text)


def export_month(store: Store, month: date, out: Path | str, *, mask_nik: bool = False,
                 progress: Progress = NO_PROGRESS, now: Callable[[], datetime] = datetime.now,
                 ) -> ExportResult:
    """Write the report for `month` to `out` (all or nothing); a month after the current
    one is refused (`FutureMonth`) before anything is written."""
    month = month_start(month)
    out = Path(out)
    made = now()
    check_report_month(month, made.date())
    ctx = _Ctx(store=store, month=month, mask=mask_nik, made=made, progress=progress,
               kecamatan=kecamatan_names(),
               segments=segment_names(store))
    result = ExportResult(path=out, month=month)
    fd, tmp_name = tempfile.mkstemp(prefix=".rekap-", suffix=".xlsx.part", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    wb: Workbook | None = None
    try:
        os.chmod(tmp, 0o600)
        with export_rows.read_snapshot(store):
            expected_new = figures.new_enrolments(store, month)
            rates = load_rates(store)
            cutoffs = status_cutoffs(_arrears_day(ctx), rates)
            # Candidates only size the progress bar; the count reported is what is written.
            candidates = export_rows.count_arrears(store, month, cutoffs)
            ctx.total = expected_new + candidates
            progress.step(0, ctx.total, "Menyiapkan ringkasan")
            wb = Workbook(write_only=True)
            sheets = {name: wb.create_sheet(name) for name in SHEETS}
            data = figures.month_figures(store, month)
            _summary(sheets["Ringkasan"], ctx, data, sheets["Per Kecamatan"])
            _per_kecamatan(sheets["Per Kecamatan"], ctx, data)
            _per_segment(sheets["Per Segmen"], ctx, data)
            _per_officer(sheets["Per Petugas"], ctx, data)
            _events(sheets["Kegiatan"], ctx, data)
            _sponsors(sheets["Sponsor"], ctx, data)
            result.new_members = _new_members(sheets["Peserta Baru"], ctx)
            result.arrears = _arrears(sheets["Tindak Lanjut"], ctx, cutoffs)
            _conflicts(sheets["Konflik"], ctx, data)
            progress.step(ctx.done, max(ctx.total, ctx.done), "Menyimpan berkas")
            wb.save(tmp)
        os.replace(tmp, out)
    except BaseException as exc:
        if wb is not None:
            discard_write_only(wb)
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, etree.SerialisationError):  # how lxml reports a full disk
            raise OSError(errno.ENOSPC, "disk penuh atau tidak dapat ditulis") from exc
        raise
    result.sheets = list(SHEETS)
    return result


# -- sheets ---------------------------------------------------------------------------

def _summary(ws: WriteOnlyWorksheet, ctx: _Ctx, data: figures.MonthFigures,
             per_kecamatan: WriteOnlyWorksheet) -> None:
    t = TableWriter(ws, f"Rekap Bulanan Peserta BPU — {month_label(ctx.month)}", ctx.subtitle(),
                    [Column("Uraian", 34), Column("Bulan ini", 16, "int"),
                     Column("Sejak Januari", 16, "int"), Column("Target", 14, "int"),
                     Column("Capaian", 12, "percent"), Column("Potensi", 14, "int")])
    if data.summary is None:
        t.note(NOT_YET.format(what="ringkasan", feature="agregat (bpu stats)"))
    else:
        for line in data.summary:
            t.append([line.label, line.month, line.year_to_date, line.target,
                      line.achievement, line.potential])
        if all(line.target is None for line in data.summary):
            t.note(NOT_YET.format(what="target dan potensi", feature="Target"))
        t.note(figures.RECEIVED_NOTE)
    t.finish()
    if data.kecamatan:
        chart = BarChart()
        chart.type = "bar"
        chart.title = f"Pendaftar per kecamatan — {month_label(ctx.month)}"
        chart.y_axis.title = "Peserta"
        # Every kecamatan named: Excel skips every other label once the bars are thinner
        # than the text (30 kecamatan in 12 cm), so the chart grows with them.
        chart.height, chart.width = max(8.0, 3.0 + 0.55 * len(data.kecamatan)), 22
        chart.x_axis.tickLblSkip = 1
        chart.x_axis.delete = chart.y_axis.delete = False
        first, last = 5, 4 + len(data.kecamatan)
        chart.add_data(Reference(per_kecamatan, min_col=3, max_col=3, min_row=4, max_row=last),
                       titles_from_data=True)
        chart.set_categories(Reference(per_kecamatan, min_col=2, min_row=first, max_row=last))
        ws.add_chart(chart, "H4")


def _per_kecamatan(ws: WriteOnlyWorksheet, ctx: _Ctx, data: figures.MonthFigures) -> None:
    t = TableWriter(ws, "Pendaftaran per Kecamatan", ctx.subtitle(),
                    [Column("Kota/Kabupaten", 20), Column("Kecamatan", 22),
                     Column("Peserta baru", 14, "int"), Column("Sejak Januari", 14, "int"),
                     Column(figures.RECEIVED_LABEL.removesuffix(" (Rp)"), 18, "money")])
    if data.kecamatan is None:
        t.note(NOT_YET.format(what="per kecamatan", feature="agregat (bpu stats)"))
    else:
        for r in data.kecamatan:
            t.append([r.city, r.name, r.month, r.year_to_date, r.amount])
        t.totals([None, None, sum(r.month for r in data.kecamatan),
                  sum(r.year_to_date for r in data.kecamatan),
                  sum(r.amount for r in data.kecamatan)])
        t.note(figures.RECEIVED_NOTE)
    t.finish()


def _per_segment(ws: WriteOnlyWorksheet, ctx: _Ctx, data: figures.MonthFigures) -> None:
    t = TableWriter(ws, "Pendaftaran per Segmen Pekerjaan", ctx.subtitle(),
                    [Column("Segmen", 34), Column("Peserta baru", 14, "int"),
                     Column("Sejak Januari", 14, "int")])
    if data.segments is None:
        t.note(NOT_YET.format(what="per segmen", feature="agregat (bpu stats)"))
    else:
        for r in data.segments:
            t.append([r.name, r.month, r.year_to_date])
        t.totals([None, sum(r.month for r in data.segments),
                  sum(r.year_to_date for r in data.segments)])
    t.finish()


def _per_officer(ws: WriteOnlyWorksheet, ctx: _Ctx, data: figures.MonthFigures) -> None:
    t = TableWriter(ws, "Kinerja per Petugas", ctx.subtitle(),
                    [Column("Petugas", 26), Column("Peserta baru", 14, "int"),
                     Column("Sejak Januari", 14, "int"), Column("Kegiatan", 12, "int"),
                     Column("Konversi", 12, "percent")])
    if data.officers is None:
        t.note(NOT_YET.format(what="per petugas", feature="agregat (bpu stats)"))
    else:
        for r in data.officers:
            t.append([r.officer, r.enrolments, r.year_to_date, r.events, r.conversion])
        # Events: the month's events as the Kegiatan sheet lists them (an event two
        # officers ran is on both their rows, once here); no total for the conversion.
        events = len(data.events) if data.events is not None else None
        t.totals([None, sum(r.enrolments for r in data.officers),
                  sum(r.year_to_date for r in data.officers), events])
        if events is not None and events != sum(r.events or 0 for r in data.officers):
            t.note(EVENTS_TOTAL)
        if all(r.events is None for r in data.officers):
            t.note(NOT_YET.format(what="kegiatan dan konversi", feature="Kegiatan & Sponsor"))
    t.finish()


def _events(ws: WriteOnlyWorksheet, ctx: _Ctx, data: figures.MonthFigures) -> None:
    t = TableWriter(ws, "Kegiatan Sosialisasi Bulan Ini", ctx.subtitle(),
                    [Column("Tanggal", 12, "date"), Column("Kegiatan", 32),
                     Column("Tempat", 24), Column("Kecamatan", 18), Column("Mitra", 22),
                     Column("Petugas", 18), Column("Pendaftar", 12, "int"),
                     Column("Hadir", 10, "int"), Column("Konversi", 11, "percent")])
    if data.events is None:
        t.note(NOT_YET.format(what="kegiatan", feature="Kegiatan & Sponsor"))
    elif not data.events:
        t.note("Tidak ada kegiatan pada bulan ini.")
    else:
        for r in data.events:
            t.append([as_excel_date(r.held_on), r.name, r.place, r.kecamatan, r.partner,
                      r.officer, r.enrolments, r.attendees,
                      (r.enrolments / r.attendees) if r.attendees else None])
        t.totals([None] * 6 + [sum(r.enrolments for r in data.events),
                               sum(r.attendees or 0 for r in data.events), None])
        short = sum(1 for r in data.events
                    if r.attendees is not None and attendance_short(r.attendees, r.enrolments))
        if short:
            t.note(ATTENDANCE_SHORT.format(n=format_number(short)))
    t.finish()


def _sponsors(ws: WriteOnlyWorksheet, ctx: _Ctx, data: figures.MonthFigures) -> None:
    t = TableWriter(ws, "Sponsor / CSR", ctx.subtitle(),
                    [Column("Sponsor", 30), Column("Jenis", 14), Column("NPP", 12, "id"),
                     Column("Janji pekerja", 14, "int"), Column("Sudah didaftarkan", 16, "int"),
                     Column("Iuran bulan ini", 16, "money"), Column("Total", 18, "money")])
    if data.sponsors is None:
        t.note(NOT_YET.format(what="sponsor", feature="Kegiatan & Sponsor"))
    elif not data.sponsors:
        t.note("Tidak ada sponsor yang berjalan pada bulan ini.")
    else:
        for r in data.sponsors:
            t.append([r.name, r.kind, r.npp, r.pledged, r.assigned, r.monthly, r.total])
        t.totals([None, None, None, sum(r.pledged for r in data.sponsors),
                  sum(r.assigned for r in data.sponsors),
                  sum(r.monthly for r in data.sponsors), sum(r.total for r in data.sponsors)])
    t.finish()


def _new_members(ws: WriteOnlyWorksheet, ctx: _Ctx) -> int:
    # Masked (to share outside the branch): the age on the enrolment day instead of the
    # birth date, which with L/P and Kecamatan would give back the hidden NIK digits.
    born = Column("Umur saat daftar", 13, "int") if ctx.mask else Column("Tanggal lahir", 13,
                                                                         "date")
    t = TableWriter(ws, f"Peserta Baru — {month_label(ctx.month)}", ctx.subtitle(),
                    [Column("No", 7, "num"), Column("NIK", 19, "id"), Column("Nama", 28),
                     Column("L/P", 5), born,
                     Column("No. HP", 15, "id"), Column("Kecamatan", 16),
                     Column("Kelurahan/Desa", 18), Column("Alamat", 30), Column("Pekerjaan", 22),
                     Column("Penghasilan", 15, "money"), Column("JHT", 6),
                     Column("Sumber dana", 13), Column("Bulan dibayar", 9, "num"),
                     # Only the first payment: later ones are in Ringkasan's Iuran diterima.
                     Column("Iuran saat daftar", 15, "money"), Column("Mulai", 15, "month"),
                     Column("Lunas s.d.", 15, "month"), Column("Tanggal daftar", 13, "date"),
                     Column("Petugas", 16), Column("Kegiatan", 30), Column("Sponsor", 34)])
    n = 0
    amount = 0
    # Each link named once, as the app names it; a key this file lacks is shown as stored.
    events, pledges = event_labels(ctx.store), sponsorship_labels(ctx.store)
    for batch in export_rows.iter_new_members(ctx.store, ctx.month):
        for r in batch:
            n += 1
            amount += r.amount_paid or 0
            t.append([n, ctx.nik(r.nik), r.name, r.sex, ctx.born(r.birth_date, r.enrolled_on),
                      r.phone,
                      ctx.kecamatan.get(r.kecamatan_code, r.kecamatan_code), r.kelurahan,
                      r.address, ctx.segments.get(r.segment, r.segment), r.income,
                      "Ya" if r.with_jht else "Tidak", FUNDING_SOURCES.get(r.funding, r.funding),
                      r.months_paid, r.amount_paid, as_excel_month(r.start_month),
                      as_excel_month(r.paid_until),
                      as_excel_date(r.enrolled_on), r.created_by,
                      events.get(r.event_id, r.event_id),  # None: no link, empty cell
                      pledges.get(r.sponsorship_id, r.sponsorship_id)])
        ctx.step(len(batch), "Peserta baru")
    if n == 0:
        t.note("Tidak ada peserta baru pada bulan ini.")
    else:
        t.totals([None] * 14 + [amount], label=f"Jumlah: {format_number(n)} peserta")
    t.finish()
    return n


def _arrears_day(ctx: _Ctx) -> date:
    """The day the follow-up status is read on: today, or the month's last day if past."""
    return min(ctx.made.date(), add_months(ctx.month, 1) - timedelta(days=1))


def _arrears(ws: WriteOnlyWorksheet, ctx: _Ctx, cutoffs: StatusCutoffs) -> int:
    t = TableWriter(ws, "Tindak Lanjut: Peserta Menunggak", ctx.subtitle(
        "menunggak, belum nonaktif: hubungi sebelum kepesertaan terhenti"),
                    [Column("No", 7, "num"), Column("NIK", 19, "id"), Column("Nama", 28),
                     Column("No. HP", 15, "id"), Column("Kecamatan", 16),
                     Column("Kelurahan/Desa", 18), Column("Pekerjaan", 28),
                     Column("Lunas s.d.", 15, "month"), Column("Bulan menunggak", 16, "int"),
                     Column("Status", 11), Column("Keterangan", 40), Column("Petugas", 16)])
    n = 0
    as_of = _arrears_day(ctx)
    rates = load_rates(ctx.store)
    # The rule depends only on (paid_until, start_month) here, a few dozen distinct pairs.
    # paid_until is the last month nobody owes for (own or a live sponsorship's), as on
    # the Tindak Lanjut page, whose list this is (`export_rows.iter_arrears`).
    known: dict[tuple[str, str], tuple[MemberStatus, int]] = {}
    for batch in export_rows.iter_arrears(ctx.store, ctx.month, cutoffs):
        for r in batch:  # SQL narrowed by the cut-offs; the rule itself still decides
            key = (r.paid_until, r.start_month)
            if key not in known:
                paid_until, start = parse_month(r.paid_until), parse_month(r.start_month)
                known[key] = (member_status(paid_until, start, as_of, rates),
                              unpaid_months(paid_until, start, as_of, rates.payment_due_day))
            status, behind = known[key]
            if status is not MemberStatus.ARREARS:
                continue  # nothing overdue yet, or already inactive: not on the call list
            n += 1
            t.append([n, ctx.nik(r.nik), r.name, r.phone,
                      ctx.kecamatan.get(r.kecamatan_code, r.kecamatan_code), r.kelurahan,
                      ctx.segments.get(r.segment, r.segment), as_excel_month(r.paid_until), behind,
                      STATUS_LABELS[status], r.note or None, r.created_by])
        ctx.step(len(batch), "Tindak lanjut")
    if n == 0:
        t.note("Tidak ada peserta yang menunggak.")
    t.finish()
    return n


def _conflicts(ws: WriteOnlyWorksheet, ctx: _Ctx, data: figures.MonthFigures) -> None:
    t = TableWriter(ws, "Konflik Penggabungan yang Belum Diselesaikan", ctx.subtitle(),
                    [Column("Tabel", 14), Column("Jenis", 18), Column("Keterangan", 50),
                     Column("Berkas asal", 24), Column("Sejak", 12, "date")])
    if data.conflicts is None:
        t.note(NOT_YET.format(what="konflik", feature="Gabungkan data petugas"))
    else:
        for r in data.conflicts:
            t.append([r.table, r.kind, ctx.text(r.description), r.source,
                      as_excel_date(r.since)])
        if not data.conflicts:
            t.note("Tidak ada konflik terbuka.")
    t.finish()

"""Sponsor list (lazy, with totals) and the sponsorships of one sponsor."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from bpu_desktop.domain.money import format_number, format_rupiah
from bpu_desktop.domain.months import month_label
from bpu_desktop.domain.regions import area_name
from bpu_desktop.domain.sponsorship import SPONSOR_TYPES, SPONSORSHIP_FUNDING
from bpu_desktop.store.sponsors import SponsorQuery, SponsorRepository, SponsorRow, SponsorshipRow

from .event_table_model import PagedTableModel
from .row_list_model import RowListModel


class SponsorTableModel(PagedTableModel[SponsorRow, SponsorQuery]):
    # The figures sit next to the name, the descriptive columns last: on a laptop the list
    # shows what matters without scrolling. Short headers; the tooltips say them in full.
    HEADERS = ("Sponsor", "Janji", "Ditanggung", "Iuran bln ini", "Sisa bln", "⚠", "Jenis",
               "Wilayah")
    HEADER_TIPS: ClassVar[Mapping[int, str]] = {
        1: "Jumlah pekerja yang dijanjikan", 2: "Pekerja yang sudah ditanggung",
        3: "Iuran bulan ini", 4: "Sisa bulan tanggungan", 5: "Jumlah peringatan",
        7: "Kecamatan sponsor, atau seluruh kota/kabupaten"}
    SORT_KEYS = ("name", "pledged", "assigned", None, None, None, "type", "kecamatan")
    NUMERIC = frozenset({1, 2, 3, 4, 5})

    def __init__(self, repo: SponsorRepository) -> None:
        super().__init__(repo, SponsorQuery())

    def display(self, row: SponsorRow, column: int) -> str:
        values = (row.name, format_number(row.pledged), format_number(row.assigned),
                  format_rupiah(row.due_this_month), str(row.months_left),
                  str(row.warnings) if row.warnings else "",
                  SPONSOR_TYPES.get(row.type, row.type), area_name(row.kecamatan_code))
        return values[column] if 0 <= column < len(values) else ""


class SponsorshipTableModel(RowListModel[SponsorshipRow]):
    """A sponsor has a handful of sponsorships: held in memory, reloaded on change."""

    HEADERS = ("Periode", "Paket", "Dana", "Janji", "Ditanggung", "Per pekerja/bln",
               "Per bulan", "Total")
    NUMERIC = frozenset(range(3, len(HEADERS)))

    def display(self, row: SponsorshipRow, column: int) -> str:
        a = row.amounts
        per_worker = format_rupiah(a.first_month_per_worker) + (" *" if a.varies else "")
        per_month = format_rupiah(a.first_month_per_worker * row.pledged) + (
            " *" if a.varies else "")
        values = (f"{month_label(row.start)} - {month_label(row.end)}", row.package_label,
                  SPONSORSHIP_FUNDING.get(row.funding, row.funding), format_number(row.pledged),
                  format_number(row.assigned), per_worker, per_month, format_rupiah(a.total))
        return values[column]

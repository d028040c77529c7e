"""The report's Konflik sheet names each conflict as the app's conflict list does."""

from __future__ import annotations

from datetime import date

import openpyxl

from bpu_desktop.reports.monthly_export import export_month

from ..store.test_conflict_record_labels import event_conflict  # noqa: F401  (fixture)


def test_an_event_conflict_is_named_by_venue_and_date(event_conflict, tmp_path):  # noqa: F811
    """The branch head reads an event by its venue and date, not by a record key."""
    out = tmp_path / "rekap.xlsx"
    export_month(event_conflict, date(2026, 3, 1), out)
    rows = list(openpyxl.load_workbook(out)["Konflik"].iter_rows(values_only=True))
    assert ("Kegiatan", "Diubah berbeda di dua laptop", "Pasar Klewer (12/03/2026)",
            "ani.db") in [r[:4] for r in rows]

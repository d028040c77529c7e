"""One name per table everywhere: merge summary, conflict list and change history agree."""

from __future__ import annotations

from bpu_desktop.store import audit_views, labels
from bpu_desktop.store.database import open_store
from bpu_desktop.store.merge_schema import record_tables


def test_merge_and_history_use_the_same_table_names(tmp_path):
    store = open_store(tmp_path / "cabang.db")
    try:
        tables = record_tables(store.conn)
    finally:
        store.close()
    assert audit_views.TABLE_LABELS is labels.TABLE_LABELS
    by_name = {t.name: t.label for t in tables}
    assert by_name["enrolments"] == audit_views.TABLE_LABELS["enrolments"] == "Pendaftaran"
    # Every record table a merge can report has an Indonesian name, not its SQL name.
    assert all(label != name for name, label in by_name.items()), by_name


def test_unknown_table_is_shown_as_stored():
    assert labels.table_label("tabel_baru") == "tabel_baru"
    assert labels.table_label("followup_contacts") == "Kontak tindak lanjut"

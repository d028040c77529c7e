"""The history viewer reads Indonesian: sources, values as the forms show them, records
by name."""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.store.audit import history
from bpu_desktop.store.audit_views import AuditText, source_label
from bpu_desktop.store.database import open_store
from bpu_desktop.store.members import MemberRepository


@pytest.mark.parametrize(
    ("source", "label"),
    [
        ("form", "Formulir"),
        ("demo", "Data demo"),
        ("payment", "Pembayaran"),
        ("import:peserta-maret.xlsx", "Impor: peserta-maret.xlsx"),
        ("merge:rina.bpu", "Gabung: rina.bpu"),
        ("konflik:budi.db", "Konflik: budi.db"),
        ("sesuatu-baru", "sesuatu-baru"),
        ("", ""),
        (None, ""),
    ],
)
def test_source_label(source, label):
    assert source_label(source) == label


def _member(store, **kw):
    from bpu_desktop.domain.validation import EnrolmentInput
    from bpu_desktop.store.reference import validate_enrolment_input

    values = dict(nik="3372051508900001", name="Budi Santoso", phone="0812-3456-7890",
                  kecamatan="Banjarsari", kelurahan="Kadipiro", address="", segment="ojol",
                  income="2.250.000", with_jht=False, funding="self", months_paid=1,
                  start_month="2026-05", enrolled_on="20/05/2026")
    values.update(kw)
    result = validate_enrolment_input(store, EnrolmentInput(**values), today=date(2026, 5, 20))
    assert result.value is not None, result.errors
    return result.value


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "a.db")
    s.set_officer("Sri")
    yield s
    s.close()


def test_history_values_read_as_the_forms_show_them(store):
    repo = MemberRepository(store)
    row = repo.enrol(_member(store))
    repo.update(row.id, _member(store, income="2.500.000", with_jht=True, segment="umkm",
                                kecamatan="Laweyan", kelurahan="Pajang",
                                start_month="2026-06", enrolled_on="19/05/2026"))
    text = AuditText(store)
    change = next(e for e in history(store.conn, table="enrolments") if e.action == "update")
    fields = {label: (old, new) for label, old, new in text.changed_fields(change)}
    assert fields["Penghasilan per bulan"] == ("Rp 2.250.000", "Rp 2.500.000")
    assert fields["Ikut JHT"] == ("Tidak", "Ya")
    assert fields["Pekerjaan"] == ("Ojek online (ojol)", "UMKM (usaha mikro dan kecil) (umkm)")
    assert fields["Kecamatan"] == ("Banjarsari (33.72.05)", "Laweyan (33.72.01)")
    assert fields["Mulai bulan"] == ("Mei 2026", "Juni 2026")
    assert fields["Tanggal daftar"] == ("20/05/2026", "19/05/2026")
    assert fields["Lunas sampai"] == ("Mei 2026", "Juni 2026")
    # Records by name: the enrolment by its member.
    assert text.record_name(change) == "Budi Santoso"
    insert = next(e for e in history(store.conn, table="members") if e.action == "insert")
    fields = {label: new for label, _old, new in text.changed_fields(insert)}
    assert fields["Jenis kelamin"] == "Laki-laki"
    assert fields["Tanggal lahir"] == "15/08/1990"
    assert text.record_name(insert) == "Budi Santoso"


def test_a_deleted_members_history_still_names_them(store):
    repo = MemberRepository(store)
    row = repo.enrol(_member(store))
    repo.delete(row.id)
    text = AuditText(store)
    deleted = next(e for e in history(store.conn, table="members") if e.action == "delete")
    assert text.record_name(deleted) == "Budi Santoso"


def test_a_rates_change_is_shown_with_its_tables_as_stored(store):
    from bpu_desktop.domain.reference import Rates
    from bpu_desktop.store.reference import save_rates

    d = Rates.default().to_dict()
    d["jkm"] = 7_000
    d["discount"]["rate"] = "0.4"
    save_rates(store, Rates.from_dict(d))
    entry = next(e for e in history(store.conn, table="reference"))
    text = AuditText(store)
    fields = {label: (old, new) for label, old, new in text.changed_fields(entry)}
    assert fields["jkm"] == ("6800", "7000")
    assert fields["discount"][1].startswith('{"rate": "0.4"')
    assert text.record_name(entry) == ""

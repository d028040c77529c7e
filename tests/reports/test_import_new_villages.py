"""Wonogiri's desa are not shipped: an import adds the desa it does not know there (in its
own transaction), says which, and refuses a desa that looks like a typo of a listed one.
Surakarta's list is complete: an unknown kelurahan there stays an error."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bpu_desktop.reports.excel_import import import_file
from bpu_desktop.store.kelurahan import kelurahan_id
from bpu_desktop.store.members import MemberQuery, MemberRepository
from bpu_desktop.store.reference import add_kelurahan, kelurahan_by_kecamatan

from .builders import TODAY, enrol, make_nik, new_store

PRACIMANTORO, WONOGIRI = "33.12.01", "33.12.12"
HEADER = ["NIK", "Nama", "No HP", "Kecamatan", "Desa", "Pekerjaan", "Penghasilan",
          "Tanggal daftar"]


def _file(path: Path, places: list[tuple[str, str]], *, bad_nik: set[int] = frozenset()
          ) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for i, (kec, desa) in enumerate(places, start=1):
        nik = "12345" if i in bad_nik else make_nik(i)
        ws.append([nik, "Budi Santoso", "081234567890", kec, desa, "Petani", 1500000,
                   "02/03/2026"])
    wb.save(path)
    return path


def _listed(store, code: str) -> list[str]:
    return kelurahan_by_kecamatan(store).get(code, [])


def test_a_wonogiri_list_adds_its_desa_to_a_new_file(tmp_path: Path):
    src = _file(tmp_path / "wng.xlsx", [
        ("Pracimantoro", "Sumberagung"), ("PRACIMANTORO", "SUMBERAGUNG"),
        ("Wonogiri", "Giritirto"), ("Kec. Pracimantoro", "Desa  gebangharjo"),
        ("Pracimantoro", "Joho"),     # row 6: its only row is refused, Joho is not added
        ("Laweyan", "Pajangan"),       # Surakarta: the list is complete, no desa added
    ], bad_nik={5})
    store = new_store(tmp_path)
    assert _listed(store, PRACIMANTORO) == []

    dry = import_file(store, src, today=TODAY, dry_run=True)
    assert ("3 desa baru akan ditambahkan ke daftar: Sumberagung (Pracimantoro), "
            "Giritirto (Wonogiri), Gebangharjo (Pracimantoro).") in dry.plan.summary_lines()
    assert len(dry.plan.new) == 4 and _listed(store, PRACIMANTORO) == []

    result = import_file(store, src, today=TODAY)
    lines = result.plan.summary_lines()
    assert ("3 desa baru ditambahkan ke daftar: Sumberagung (Pracimantoro), "
            "Giritirto (Wonogiri), Gebangharjo (Pracimantoro).") in lines
    assert "Peserta baru        : 4" in lines and "Baris bermasalah    : 2" in lines
    assert [e.text() for e in result.plan.errors] == [
        "Baris 6, kolom NIK: NIK harus 16 digit (tertulis 5).",
        "Baris 7, kolom Desa: Kelurahan tidak ada di Kecamatan Laweyan."]
    assert _listed(store, PRACIMANTORO) == ["Gebangharjo", "Sumberagung"]
    assert _listed(store, WONOGIRI) == ["Giritirto"]
    # The ids of the natural key, as add_kelurahan gives them (one row per desa at a merge),
    # audited as written by this import.
    assert store.conn.execute(
        "SELECT k.id, a.source FROM kelurahan k JOIN audit_log a ON a.row_id = k.id "
        "WHERE k.kecamatan_code = ? AND k.name = 'Sumberagung'", (PRACIMANTORO,)
    ).fetchall() == [(kelurahan_id(PRACIMANTORO, "Sumberagung"), "import:wng.xlsx")]
    members = dict(store.conn.execute("SELECT nik, kelurahan FROM members").fetchall())
    assert members == {make_nik(1): "Sumberagung", make_nik(2): "Sumberagung",
                       make_nik(3): "Giritirto", make_nik(4): "Gebangharjo"}

    # The same list again: the desa are listed now, nothing more is added.
    again = import_file(store, src, today=TODAY, dry_run=True)
    assert not [line for line in again.plan.summary_lines() if "desa baru" in line]


def test_a_desa_one_letter_off_a_listed_one_is_an_error_not_a_new_desa(tmp_path: Path):
    store = new_store(tmp_path)
    add_kelurahan(store, PRACIMANTORO, "Sumberagung")
    src = _file(tmp_path / "wng.xlsx", [
        ("Pracimantoro", "Sumberagong"),   # one letter off the listed desa
        ("Pracimantoro", "Sumber Agung"),  # a space apart
        ("Pracimantoro", "sumberagung"),   # the listed desa, in other case
        ("Wonogiri", "Giritirto"), ("Wonogiri", "Giritirto"),
        ("Wonogiri", "Giritirta"),  # a new desa, close to one this list adds
    ])
    result = import_file(store, src, today=TODAY)
    assert [e.text() for e in result.plan.errors] == [
        "Baris 2, kolom Desa: Desa 'Sumberagong' belum terdaftar di Kecamatan Pracimantoro; "
        "mungkin maksudnya 'Sumberagung'? Perbaiki ejaannya (bila memang desa lain, tambahkan "
        "dulu lewat formulir Pendaftaran).",
        "Baris 3, kolom Desa: Desa 'Sumber Agung' belum terdaftar di Kecamatan Pracimantoro; "
        "mungkin maksudnya 'Sumberagung'? Perbaiki ejaannya (bila memang desa lain, tambahkan "
        "dulu lewat formulir Pendaftaran).",
        "Baris 7, kolom Desa: Desa 'Giritirta' belum terdaftar di Kecamatan Wonogiri; "
        "mungkin maksudnya 'Giritirto'? Perbaiki ejaannya (bila memang desa lain, tambahkan "
        "dulu lewat formulir Pendaftaran).",
    ]
    assert "1 desa baru ditambahkan ke daftar: Giritirto (Wonogiri)." in \
        result.plan.summary_lines()
    assert result.inserted == 3
    assert _listed(store, PRACIMANTORO) == ["Sumberagung"]
    assert _listed(store, WONOGIRI) == ["Giritirto"]


def test_a_failure_while_adding_the_desa_rolls_back_desa_and_members(tmp_path: Path,
                                                                    monkeypatch):
    from bpu_desktop.store import reference

    store = new_store(tmp_path)
    src = _file(tmp_path / "wng.xlsx", [("Pracimantoro", "Sumberagung"),
                                        ("Wonogiri", "Giritirto")])
    calls: list[str] = []
    real_insert = reference.insert_record

    def insert_then_fail(store_, table, values, **kw):
        calls.append(values["name"])
        if len(calls) == 2:
            raise OSError("disk penuh")
        return real_insert(store_, table, values, **kw)

    monkeypatch.setattr(reference, "insert_record", insert_then_fail)
    with pytest.raises(OSError):
        import_file(store, src, today=TODAY)
    assert calls == ["Sumberagung", "Giritirto"]
    assert _listed(store, PRACIMANTORO) == [] and _listed(store, WONOGIRI) == []
    assert MemberRepository(store).count(MemberQuery()) == 0


def test_checked_then_applied_the_plan_adds_the_same_desa(tmp_path: Path):
    from bpu_desktop.reports.excel_import import apply_import, plan_import, read_sheet

    store = new_store(tmp_path)
    enrolled = make_nik(2)
    src = _file(tmp_path / "wng.xlsx", [("Pracimantoro", "Sumberagung"),
                                        ("Wonogiri", "Giritirto")])
    enrol(store, 2)  # row 3's NIK is enrolled already (in Laweyan)
    plan = plan_import(store, read_sheet(src), today=TODAY)
    assert plan.villages_line() == "1 desa baru akan ditambahkan ke daftar: Sumberagung " \
        "(Pracimantoro)."
    assert apply_import(store, plan) == (1, 0)
    assert plan.villages_line() == "1 desa baru ditambahkan ke daftar: Sumberagung " \
        "(Pracimantoro)."
    assert _listed(store, PRACIMANTORO) == ["Sumberagung"] and _listed(store, WONOGIRI) == []

    # With the details of those already enrolled updated, their desa is added as well.
    plan = plan_import(store, read_sheet(src), today=TODAY, update_existing=True)
    assert plan.villages_line() == "1 desa baru akan ditambahkan ke daftar: Giritirto " \
        "(Wonogiri)."
    apply_import(store, plan, update_existing=True)
    assert plan.villages_line() == "1 desa baru ditambahkan ke daftar: Giritirto (Wonogiri)."
    assert _listed(store, WONOGIRI) == ["Giritirto"]
    assert store.conn.execute("SELECT kelurahan FROM members WHERE nik = ?",
                              (enrolled,)).fetchone() == ("Giritirto",)


def test_a_surakarta_kelurahan_one_letter_off_is_refused_with_the_likely_name(tmp_path: Path):
    """Solo's list is complete: a typo is refused as before, now naming the kelurahan it
    most likely means, worded as for a Wonogiri desa; nothing is added to the list."""
    store = new_store(tmp_path)
    src = _file(tmp_path / "solo.xlsx", [
        ("Laweyan", "Pajng"), ("Laweyan", "Laweyn"), ("Jebres", "Pucang Sawit"),
        ("Laweyan", "Pajangan"),   # two letters more: no guess
        ("Jebres", "Kerten"),      # listed under another kecamatan: named as before
    ])
    result = import_file(store, src, today=TODAY)
    assert [e.text() for e in result.plan.errors] == [
        "Baris 2, kolom Desa: Kelurahan 'Pajng' tidak ada di Kecamatan Laweyan; mungkin "
        "maksudnya 'Pajang'? Perbaiki ejaannya.",
        "Baris 3, kolom Desa: Kelurahan 'Laweyn' tidak ada di Kecamatan Laweyan; mungkin "
        "maksudnya 'Laweyan'? Perbaiki ejaannya.",
        "Baris 4, kolom Desa: Kelurahan 'Pucang Sawit' tidak ada di Kecamatan Jebres; "
        "mungkin maksudnya 'Pucangsawit'? Perbaiki ejaannya.",
        "Baris 5, kolom Desa: Kelurahan tidak ada di Kecamatan Laweyan.",
        "Baris 6, kolom Desa: Kerten ada di Kecamatan Laweyan, bukan Jebres.",
    ]
    assert result.inserted == 0 and not result.plan.new_villages

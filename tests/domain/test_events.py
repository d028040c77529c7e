from datetime import date

import pytest

from bpu_desktop.domain.events import (
    EventInput,
    clean_names,
    conversion_percent,
    format_conversion,
    parse_time,
    validate_event,
)
from bpu_desktop.domain.regions import default_kelurahan


def test_conversion_percent():
    assert conversion_percent(30, 120) == 25.0
    assert conversion_percent(1, 3) == 33.3
    assert conversion_percent(5, 0) is None
    assert format_conversion(1, 3) == "33,3%"
    assert format_conversion(0, 0) == "-"


def test_conversion_rounds_half_up_like_every_share():
    # 1 of 80 is 1.25%: half up, as `percent.percent` (round() would give 1.2).
    assert conversion_percent(1, 80) == 1.3
    assert format_conversion(1, 80) == "1,3%"
    assert format_conversion(1234, 1000) == "123,4%"


def test_partner_names_typed_twice_count_once():
    assert clean_names([" Disnaker ", "disnaker", "", "Paguyuban  Ojol"]) == [
        "Disnaker", "Paguyuban Ojol"]


@pytest.mark.parametrize(("typed", "stored"), [
    ("9.30", "09:30"), ("14:05", "14:05"), ("", ""),
    ("0930", "09:30"), ("930", "09:30"), ("1405", "14:05"), ("9", "09:00"), ("14", "14:00")])
def test_time(typed, stored):
    assert parse_time(typed) == stored


@pytest.mark.parametrize("typed", ["25:00", "2500", "0960", "12345", "9:3", "jam 9"])
def test_bad_time(typed):
    with pytest.raises(ValueError, match="jj:mm"):
        parse_time(typed)


def test_valid_event():
    errors, clean = validate_event(
        EventInput(held_on="12/03/2026", time="9.00", kecamatan_code="33.72.05",
                   kelurahan="Banjarsari", venue=" Kantor  Kelurahan ", kind="sosialisasi",
                   attendees=40, partners=["Disnaker", "disnaker"], segments=["umkm", "umkm"]),
        today=date(2026, 3, 12))
    assert errors == {}
    assert clean is not None
    assert clean.held_on == date(2026, 3, 12)
    assert clean.venue == "Kantor Kelurahan"
    assert clean.partners == ["Disnaker"]
    assert clean.segments == ["umkm"]


def test_every_error_is_reported_by_field():
    errors, clean = validate_event(
        EventInput(held_on="31/02/2026", time="x", kecamatan_code="", kelurahan="",
                   venue="", kind="pesta", attendees=-1), today=date(2026, 3, 12))
    assert clean is None
    assert set(errors) == {"held_on", "time", "kecamatan", "venue", "kind", "attendees"}
    assert errors["venue"] == "Tempat kegiatan wajib diisi."


def _at(kecamatan_code: str, kelurahan: str) -> EventInput:
    return EventInput(held_on="12/03/2026", time="", kecamatan_code=kecamatan_code,
                      kelurahan=kelurahan, venue="Balai RW 3", kind="sosialisasi",
                      attendees=25)


def test_the_kelurahan_follows_the_enrolments_rule():
    """One rule for the event and the desk: Solo's complete list, a likely typo named,
    a Wonogiri desa not listed yet refused until it is added; empty stays allowed."""
    villages: dict[str, list[str]] = {}
    for k in default_kelurahan():
        villages.setdefault(k.kecamatan_code, []).append(k.name)
    villages["33.12.11"] = ["Jaten"]

    def check(code: str, typed: str):
        return validate_event(_at(code, typed), today=date(2026, 3, 12), villages=villages)

    assert check("33.72.01", "Sewu")[0] == {
        "kelurahan": "Sewu ada di Kecamatan Jebres, bukan Laweyan."}
    assert check("33.72.01", "Pasar")[0] == {
        "kelurahan": "Kelurahan tidak ada di Kecamatan Laweyan."}
    assert check("33.12.11", "Jatem")[0] == {"kelurahan": (
        "Desa 'Jatem' belum terdaftar di Kecamatan Selogiri; mungkin maksudnya 'Jaten'? "
        "Perbaiki ejaannya (bila memang desa lain, tambahkan dulu lewat formulir "
        "Pendaftaran).")}
    assert "Kelurahan tidak ada di Kecamatan Selogiri" in check("33.12.11", "Giriwono")[0][
        "kelurahan"]
    errors, clean = check("33.72.01", "kel.  pajang")
    assert errors == {} and clean is not None and clean.kelurahan == "Pajang"  # as listed
    errors, clean = check("33.72.01", "")
    assert errors == {} and clean is not None and clean.kelurahan == ""


def test_attendance_below_enrolments_is_noted_never_at_zero_enrolled():
    from bpu_desktop.domain.events import attendance_note, attendance_short

    assert attendance_note(0, 1) == (
        "Jumlah hadir (0) lebih kecil dari yang mendaftar (1): perbarui jumlah hadir.")
    assert attendance_note(1_000, 1_200) == ("Jumlah hadir (1.000) lebih kecil dari yang "
                                              "mendaftar (1.200): perbarui jumlah hadir.")
    assert attendance_note(0, 0) is None and attendance_note(5, 5) is None
    assert attendance_short(0, 1) and not attendance_short(3, 2)

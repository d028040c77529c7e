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


def test_conversion_percent():
    assert conversion_percent(30, 120) == 25.0
    assert conversion_percent(1, 3) == 33.3
    assert conversion_percent(5, 0) is None
    assert format_conversion(1, 3) == "33,3%"
    assert format_conversion(0, 0) == "-"


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

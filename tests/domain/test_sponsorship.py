from datetime import date

import pytest

from bpu_desktop.domain.contributions import monthly_contribution
from bpu_desktop.domain.sponsorship import (
    Cover,
    SponsorInput,
    SponsorshipInput,
    check_single_sponsor,
    default_funding,
    months_covered,
    months_left,
    progress_percent,
    renewal_due,
    sponsorship_amounts,
    validate_sponsor,
    validate_sponsorship,
    warnings,
)


def test_amounts_over_the_end_of_the_discount_window_are_computed_month_by_month():
    # Non-transport cut runs Apr-Dec 2026: Oct-Dec at Rp 8,400, Jan-Mar 2027 at Rp 16,800.
    amounts = sponsorship_amounts(income=1_000_000, start=date(2026, 10, 1),
                                  end=date(2027, 3, 1), package="jkk_jkm",
                                  funding="sponsor", workers=10)
    assert [c.total for c in amounts.per_worker] == [8_400] * 3 + [16_800] * 3
    assert amounts.per_worker_total == 75_600
    assert amounts.total == 756_000
    assert amounts.per_month_for(date(2026, 12, 15)) == 84_000
    assert amounts.per_month_for(date(2027, 1, 1)) == 168_000
    assert amounts.per_month_for(date(2027, 4, 1)) == 0
    assert amounts.varies


def test_each_month_equals_the_domain_contribution_rule():
    amounts = sponsorship_amounts(income=2_300_000, start=date(2026, 2, 1),
                                  end=date(2026, 7, 1), package="jkk_jkm_jht",
                                  funding="sponsor", workers=3, sector="transport")
    for c in amounts.per_worker:
        assert c == monthly_contribution(2_300_000, c.month, "transport", "sponsor", True)


def test_apbd_funding_gets_no_discount_even_inside_the_window():
    amounts = sponsorship_amounts(income=1_000_000, start=date(2026, 4, 1),
                                  end=date(2026, 9, 1), package="jkk_jkm",
                                  funding="apbd", workers=10)
    assert {c.total for c in amounts.per_worker} == {16_800}
    assert amounts.total == 16_800 * 6 * 10
    assert not amounts.varies


def test_jht_package_is_not_cut():
    amounts = sponsorship_amounts(income=1_000_000, start=date(2026, 5, 1),
                                  end=date(2026, 5, 1), package="jkk_jkm_jht",
                                  funding="sponsor", workers=1)
    assert amounts.per_worker[0].total == 8_400 + 20_000


def test_local_government_sponsor_defaults_to_apbd():
    assert default_funding("pemda") == "apbd"
    assert default_funding("swasta") == "sponsor"


@pytest.mark.parametrize(("start", "end", "count"), [
    (date(2026, 1, 1), date(2026, 1, 1), 1),
    (date(2026, 7, 1), date(2027, 6, 1), 12),
])
def test_months_covered(start, end, count):
    assert months_covered(start, end) == count


def test_more_than_twelve_or_backwards_months_are_refused():
    with pytest.raises(ValueError, match="paling lama 12 bulan"):
        months_covered(date(2026, 1, 1), date(2027, 1, 1))
    with pytest.raises(ValueError, match="sebelum bulan mulai"):
        months_covered(date(2026, 5, 1), date(2026, 4, 1))


def test_one_sponsorship_per_member_per_month():
    existing = [Cover("a", "PT Sritex (Jan 2026 - Jun 2026)", date(2026, 1, 1), date(2026, 6, 1))]
    with pytest.raises(ValueError, match="hanya boleh ditanggung satu sponsor"):
        check_single_sponsor(existing, sponsorship_id="b", start=date(2026, 6, 1),
                             end=date(2026, 12, 1), member="Sri Lestari")
    with pytest.raises(ValueError, match="sudah ditanggung sponsor ini"):
        check_single_sponsor(existing, sponsorship_id="a", start=date(2026, 1, 1),
                             end=date(2026, 6, 1), member="Sri Lestari")
    # The month after the first cover ends is free.
    check_single_sponsor(existing, sponsorship_id="b", start=date(2026, 7, 1),
                         end=date(2026, 12, 1), member="Sri Lestari")


def test_renewal_due_within_thirty_days_of_the_last_covered_day():
    end = date(2026, 6, 1)  # covers up to 30 June
    assert renewal_due(end, date(2026, 6, 1))
    assert renewal_due(end, date(2026, 5, 31))
    assert not renewal_due(end, date(2026, 5, 30))
    assert not renewal_due(end, date(2026, 7, 1))


def test_months_left_and_progress():
    assert months_left(date(2026, 12, 1), date(2026, 10, 20)) == 3
    assert months_left(date(2026, 12, 1), date(2027, 1, 2)) == 0
    assert months_left(date(2026, 11, 1), date(2026, 5, 20), start=date(2026, 6, 1)) == 6
    assert progress_percent(7, 10) == 70
    assert progress_percent(12, 10) == 100


def test_warnings_for_over_pledge_and_renewal():
    text = warnings(assigned=11, pledged=10, start=date(2026, 1, 1), end=date(2026, 6, 1),
                    today=date(2026, 6, 10))
    assert text[0] == "Melebihi janji: 11 pekerja ditanggung, janji sponsor 10."
    assert "tawarkan perpanjangan" in text[1]
    assert warnings(assigned=10, pledged=10, start=date(2026, 1, 1), end=date(2026, 12, 1),
                    today=date(2026, 3, 1)) == []


def test_sponsor_phone_is_validated_like_members():
    errors, clean = validate_sponsor(SponsorInput(name="  PT  Maju ", type="swasta",
                                                  phone="+62 812-3456-7890"))
    assert errors == {}
    assert clean["name"] == "PT Maju"
    assert clean["phone"] == "081234567890"
    errors, _ = validate_sponsor(SponsorInput(name="", type="x", phone="12345"))
    assert set(errors) == {"name", "type", "phone"}
    # No number written as a dash, as on the members' lists: none, not a mistake.
    errors, clean = validate_sponsor(SponsorInput(name="PT Maju", type="swasta", phone=" - "))
    assert errors == {} and clean["phone"] == ""


@pytest.mark.parametrize("area", ["", "33.12", "33.72", "33.12.11", "33.72.05"])
def test_a_sponsor_area_is_a_kecamatan_a_whole_city_or_none(area):
    errors, clean = validate_sponsor(SponsorInput(name="Pemkab", type="pemda",
                                                  kecamatan_code=area))
    assert errors == {} and clean["kecamatan_code"] == area


def test_a_sponsor_area_outside_the_list_or_a_desa_of_a_whole_city_is_refused():
    errors, _ = validate_sponsor(SponsorInput(name="X", type="swasta", kecamatan_code="33.11"))
    assert errors == {"kecamatan": "Pilih wilayah sponsor dari daftar."}
    errors, _ = validate_sponsor(SponsorInput(name="X", type="pemda", kecamatan_code="33.12",
                                              kelurahan="Kaliancar"))
    assert set(errors) == {"kelurahan"}
    assert "seluruh kota/kabupaten" in errors["kelurahan"]
    errors, clean = validate_sponsor(SponsorInput(name="X", type="swasta",
                                                  kecamatan_code="33.12.11",
                                                  kelurahan=" Kaliancar "))
    assert errors == {} and clean["kelurahan"] == "Kaliancar"


def test_sponsorship_validation_messages():
    errors = validate_sponsorship(SponsorshipInput(pledged=0, package="jkk_jkm",
                                                   start=date(2026, 1, 1),
                                                   end=date(2027, 2, 1), funding="self"))
    assert errors["pledged"] == "Jumlah pekerja yang dijanjikan minimal 1."
    assert "paling lama 12 bulan" in errors["end"]
    assert errors["funding"] == "Pilih sumber dana."


def test_an_assignment_is_paid_for_within_its_sponsorships_months_only():
    from bpu_desktop.domain.sponsorship import assignment_cover
    cover = assignment_cover("a", "CV Jamu Makmur", assigned=(date(2026, 2, 1), date(2027, 1, 1)),
                             pledge=(date(2026, 2, 1), date(2026, 4, 1)))
    assert (cover.start, cover.end, cover.funding) == (date(2026, 2, 1), date(2026, 4, 1),
                                                       "sponsor")
    assert assignment_cover("a", "X", assigned=(date(2026, 1, 1), date(2026, 3, 1)),
                            pledge=(date(2026, 4, 1), date(2026, 9, 1))) is None

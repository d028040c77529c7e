"""A sponsor for a whole city/regency (Pemkab Wonogiri paying across the regency).

The rule, counted by hand below: figures by sponsor (pledged, assigned, sponsors, their
monthly cost) place a sponsor by its own area. A regency-wide sponsor counts in its
regency and in the branch, in no single kecamatan; a kecamatan sponsor in its kecamatan,
its city and the branch; one without an area in the branch only. Figures by worker
(enrolments) count every worker in their own kecamatan, sponsored or not.

    sponsor            area                 pledged  assigned (workers live in)
    Pemkab Wonogiri    33.12 (regency)      100      2 (Selogiri 33.12.11)
    CV Tani Selogiri   33.12.11             5        0
    PT Batik           33.72.05 Banjarsari  10       1 (Banjarsari)
    Yayasan Tanpa      "" (no area)         4        0
"""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
from bpu_desktop.store.aggregates import Area, Period, enrolments_count
from bpu_desktop.store.dashboard import DashboardChoice, compute
from bpu_desktop.store.database import open_store
from bpu_desktop.store.progress_stats import sponsor_progress
from bpu_desktop.store.reference import add_kelurahan
from bpu_desktop.store.sponsors import SponsorQuery, SponsorRepository, sponsorship_stats
from tests.store.targets_helpers import TODAY, enrol

YEAR = Period.year(2026)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "r.db")
    s.set_officer("Sri")
    yield s
    s.close()


def _sponsor(repo, name, area, pledged, type_="swasta"):
    errors, clean = validate_sponsor(SponsorInput(name=name, type=type_,
                                                  kecamatan_code=area))
    assert errors == {}
    s = repo.save_sponsor(clean)
    return repo.save_sponsorship(s.id, SponsorshipInput(
        pledged=pledged, package="jkk_jkm", start=date(2026, 1, 1), end=date(2026, 12, 1),
        funding="apbd" if type_ == "pemda" else "sponsor"))


@pytest.fixture
def sponsors(store):
    repo = SponsorRepository(store, today=TODAY)
    add_kelurahan(store, "33.12.11", "Kaliancar")
    pemkab = _sponsor(repo, "Pemkab Wonogiri", "33.12", 100, "pemda")
    _sponsor(repo, "CV Tani Selogiri", "33.12.11", 5)
    batik = _sponsor(repo, "PT Batik", "33.72.05", 10)
    _sponsor(repo, "Yayasan Tanpa Wilayah", "", 4, "zakat")
    for name in ("Eko", "Sri"):
        member = enrol(store, name, kecamatan="Selogiri", kelurahan="Kaliancar",
                       enrolled_on=date(2026, 3, 2), start_month="2026-03",
                       nik_prefix="331211")
        repo.assign(pemkab.id, member.id)
    repo.assign(batik.id, enrol(store, "Ani", enrolled_on=date(2026, 3, 2),
                                start_month="2026-03").id)
    return repo


@pytest.mark.parametrize(("area", "assigned", "pledged"), [
    (None, 3, 119),
    ("33.12", 2, 105),  # the Pemkab and the Selogiri company
    ("33.12.11", 0, 5),  # the Pemkab is in no single kecamatan, though its workers live here
    ("33.12.01", 0, 0),
    ("33.72", 1, 10),
    ("33.72.05", 1, 10),
])
def test_beranda_sponsor_figures_by_area(store, sponsors, area, assigned, pledged):
    progress = sponsor_progress(store, YEAR, area)
    assert progress is not None and (progress.assigned, progress.pledged) == (assigned,
                                                                               pledged)
    # The Beranda's own figures say the same.
    figures = compute(store, DashboardChoice(2026, 0, area, TODAY))
    assert (figures.sponsor_assigned, figures.sponsor_pledged) == (assigned, pledged)


@pytest.mark.parametrize(("area", "count", "sponsor_count", "pledged", "assigned"), [
    (None, 4, 4, 119, 3),
    (Area("33.12"), 2, 2, 105, 2),
    (Area("33.12.11"), 1, 1, 5, 0),
    (Area("33.72"), 1, 1, 10, 1),
])
def test_bpu_stats_sponsor_figures_by_area(store, sponsors, area, count, sponsor_count,
                                          pledged, assigned):
    for period in (None, YEAR):  # with a period, and every sponsor of the area without
        s = sponsorship_stats(store, TODAY, period, area)
        assert (s["count"], s["sponsors"], s["pledged"], s["assigned"]) == (
            count, sponsor_count, pledged, assigned)


def test_the_pemkab_workers_still_count_in_their_own_kecamatan(store, sponsors):
    """Per worker: the Pemkab's two workers are Selogiri's enrolments (and Wonogiri's)."""
    assert enrolments_count(store, YEAR, Area("33.12.11")) == 2
    assert enrolments_count(store, YEAR, Area("33.12")) == 2
    assert enrolments_count(store, YEAR, None) == 3


def test_a_regency_sponsor_is_listed_with_its_area(store, sponsors):
    rows = {r.name: r for r in sponsors.page(SponsorQuery(), 0, 10)}
    pemkab = rows["Pemkab Wonogiri"]
    assert (pemkab.kecamatan_code, pemkab.kelurahan) == ("33.12", "")
    assert (pemkab.pledged, pemkab.assigned) == (100, 2)
    assert rows["Yayasan Tanpa Wilayah"].kecamatan_code == ""

"""The pledge's months, enforced by the store: an enrolment a pledge pays for starts and
ends inside it (`MemberRepository.enrol`/`update`), and the months a member assigned to a
pledge already paid themselves (`SponsorRepository.paid_twice`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bpu_desktop.domain.validation import EnrolmentInput
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import FieldRefusedError
from bpu_desktop.store.members import MemberQuery, MemberRepository
from bpu_desktop.store.payments import record_payment
from bpu_desktop.store.reference import validate_enrolment_input
from bpu_desktop.store.sponsors import SponsorRepository

from .outreach_helpers import TODAY, enrol, nik
from .test_sponsors import new_sponsor, pledge

OUTSIDE = ("Sponsor menanggung April 2026 s.d. September 2026; Maret 2026 di luar masa "
           "tanggungan. Ubah bulan mulai, atau sumber dana bila peserta membayar sendiri.")


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    s = open_store(tmp_path / "s.db")
    s.set_officer("Sri")
    yield s
    s.close()


def _pledge(store, **kw):  # type: ignore[no-untyped-def]
    repo = SponsorRepository(store, today=TODAY)
    return repo, repo.save_sponsorship(new_sponsor(repo).id, pledge(**kw))  # April-September


def _clean(store, **kw):  # type: ignore[no-untyped-def]
    values = dict(nik=nik(1), name="Sri Lestari", phone="0812-3456-7890",
                  kecamatan="Banjarsari", kelurahan="Banjarsari", address="", segment="umkm",
                  income="1.000.000", with_jht=False, funding="sponsor", months_paid=1,
                  start_month="2026-05", enrolled_on="20/05/2026")
    values.update(kw)
    result = validate_enrolment_input(store, EnrolmentInput(**values), today=TODAY)
    assert result.errors == {} and result.value is not None
    return result.value


def test_enrol_refuses_a_sponsor_paid_start_outside_the_pledge(store):
    _, sp = _pledge(store)
    with pytest.raises(FieldRefusedError) as caught:
        enrol(store, nik(1), "Sri Lestari", sponsorship_id=sp.id, start_month="2026-03")
    assert (caught.value.field, caught.value.message) == ("start_month", OUTSIDE)
    assert MemberRepository(store).count(MemberQuery()) == 0  # nothing written
    enrol(store, nik(1), "Sri Lestari", sponsorship_id=sp.id, start_month="2026-04")


def test_enrol_refuses_sponsor_paid_months_past_the_pledges_last_month(store):
    _, sp = _pledge(store)
    with pytest.raises(FieldRefusedError, match="Sponsor menanggung sampai September 2026; "
                       "6 bulan dari Juli 2026 berakhir Desember 2026") as caught:
        enrol(store, nik(1), "Sri Lestari", sponsorship_id=sp.id, start_month="2026-07",
              months_paid=6)
    assert caught.value.field == "start_month"
    row = enrol(store, nik(1), "Sri Lestari", sponsorship_id=sp.id, start_month="2026-07",
                months_paid=3)
    assert row.paid_until == "2026-09"


def test_the_members_own_money_is_not_held_to_the_pledge(store):
    _, sp = _pledge(store)
    row = enrol(store, nik(1), "Sri Lestari", sponsorship_id=sp.id, start_month="2026-03",
                months_paid=12, funding="Mandiri")
    assert (row.start_month, row.sponsorship_id) == ("2026-03", sp.id)


def test_update_refuses_moving_a_sponsor_paid_enrolment_outside_the_pledge(store):
    _, sp = _pledge(store)
    row = enrol(store, nik(1), "Sri Lestari", sponsorship_id=sp.id, start_month="2026-04")
    members = MemberRepository(store)
    with pytest.raises(FieldRefusedError, match="Maret 2026 di luar masa tanggungan"):
        members.update(row.id, replace(_clean(store, start_month="2026-03"),
                                       sponsorship_id=sp.id))
    with pytest.raises(FieldRefusedError, match="melewati bulan terakhir"):
        members.update(row.id, replace(_clean(store, start_month="2026-04", months_paid=12),
                                       sponsorship_id=sp.id))
    assert members.get(row.id).start_month == "2026-04"  # nothing written
    # Self-paid from March (the sponsor's link stays): the member's own money.
    edited = members.update(row.id, replace(_clean(store, start_month="2026-03",
                                                   funding="Mandiri"), sponsorship_id=sp.id))
    assert (edited.start_month, edited.funding) == ("2026-03", "self")


def test_an_edit_that_leaves_the_months_alone_is_not_refused(store):
    """A pledge shortened after the enrolment, or a sponsor-funded member assigned later,
    must not stop a correction of the phone number."""
    repo, sp = _pledge(store)
    row = enrol(store, nik(1), "Sri Lestari", sponsorship_id=sp.id, start_month="2026-08",
                months_paid=1)
    repo.save_sponsorship(sp.sponsor_id, pledge(end=date(2026, 6, 1)), sp.id)
    members = MemberRepository(store)
    edited = members.update(row.id, replace(
        _clean(store, start_month="2026-08", phone="0813-1111-2222"), sponsorship_id=sp.id))
    assert edited.phone == "081311112222"
    assignee = enrol(store, nik(2), "Budi Santoso", start_month="2026-02",
                     enrolled_on="15/01/2026")  # funding sponsor, no pledge yet
    repo.assign(sp.id, assignee.id)
    assert members.get(assignee.id).sponsorship_id == sp.id
    members.update(assignee.id, replace(_clean(store, nik=nik(2), name="Budi Santosa",
                                               start_month="2026-02", enrolled_on="15/01/2026"),
                                        sponsorship_id=sp.id))


def test_paid_twice_names_the_pledges_months_the_member_already_paid(store):
    repo, sp = _pledge(store)  # April-September 2026
    before = enrol(store, nik(1), "Sri Lestari", funding="Mandiri", start_month="2026-01",
                   months_paid=3, enrolled_on="15/01/2026")  # January-March: nothing of the pledge
    assert repo.paid_twice(sp.id, before.id) is None
    assert repo.paid_twice_warning(sp.id, before.id) == ""
    inside = enrol(store, nik(2), "Budi Santoso", funding="Mandiri", start_month="2026-03",
                   months_paid=3)  # March-May: April and May paid twice
    found = repo.paid_twice(sp.id, inside.id)
    assert found is not None
    assert (found.months, found.paid_until) == ((date(2026, 4, 1), date(2026, 5, 1)),
                                                date(2026, 5, 1))
    assert repo.paid_twice_warning(sp.id, inside.id) == (
        "Budi Santoso sudah membayar iuran sendiri sampai Mei 2026. Sponsor ini menanggung "
        "April 2026 s.d. September 2026, jadi April 2026 s.d. Mei 2026 dibayar dua kali "
        "(oleh peserta dan oleh sponsor). Tanggungan sponsor hanya menyambung bulan peserta "
        "mulai Juni 2026.")


def test_paid_twice_counts_the_payments_after_enrolment(store):
    repo, sp = _pledge(store)
    member = enrol(store, nik(1), "Sri Lestari", funding="Mandiri", start_month="2026-02",
                   months_paid=1, enrolled_on="15/02/2026")
    assert repo.paid_twice(sp.id, member.id) is None
    record_payment(store, member.id, months=12, paid_on=date(2026, 3, 1),
                   channel="agen", today=TODAY)
    found = repo.paid_twice(sp.id, member.id)
    assert found is not None and found.months == (date(2026, 4, 1), date(2026, 9, 1))
    assert found.warning.endswith("Tanggungan sponsor tidak menambah satu bulan pun.")


def test_an_import_row_carries_no_sponsorship_and_a_bulk_caller_gets_the_rule(store):
    from bpu_desktop.reports.column_mapping import IMPORT_FIELDS
    from bpu_desktop.store.member_import import enrol_many

    assert "sponsorship_id" not in IMPORT_FIELDS  # no column of a partner's list maps to it
    _, sp = _pledge(store)
    outside = replace(_clean(store, start_month="2026-03"), sponsorship_id=sp.id)
    with pytest.raises(FieldRefusedError, match=f"^NIK {nik(1)}: Sponsor menanggung April"):
        enrol_many(store, [outside], source="import")
    assert MemberRepository(store).count(MemberQuery()) == 0
    inside = replace(_clean(store, start_month="2026-04"), sponsorship_id=sp.id)
    assert enrol_many(store, [inside], source="import") == (1, 0)


JHT_REFUSED = ("Sponsor menanggung paket JKK + JKM; JHT mengikuti janji sponsor. Hapus "
               "centang JHT, atau ubah sumber dana bila peserta membayar sendiri.")


def test_enrol_refuses_a_sponsor_paid_jht_choice_the_pledge_does_not_pay(store):
    """The pledge is JKK + JKM: the sponsor pays no JHT, so a sponsor-paid enrolment
    with JHT is refused on the JHT field, and one matching the pledge is saved."""
    _, sp = _pledge(store)
    with pytest.raises(FieldRefusedError) as caught:
        enrol(store, nik(1), "Sri Lestari", sponsorship_id=sp.id, start_month="2026-05",
              with_jht=True)
    assert (caught.value.field, caught.value.message) == ("with_jht", JHT_REFUSED)
    assert MemberRepository(store).count(MemberQuery()) == 0
    # The member's own money: their own choice.
    enrol(store, nik(1), "Sri Lestari", sponsorship_id=sp.id, start_month="2026-05",
          with_jht=True, funding="Mandiri")


def test_a_jht_pledge_refuses_an_enrolment_without_jht(store):
    repo = SponsorRepository(store, today=TODAY)
    sp = repo.save_sponsorship(new_sponsor(repo).id,
                               replace(pledge(), package="jkk_jkm_jht"))
    with pytest.raises(FieldRefusedError, match=r"paket JKK \+ JKM \+ JHT; .* Centang JHT"):
        enrol(store, nik(1), "Sri Lestari", sponsorship_id=sp.id, start_month="2026-05")
    row = enrol(store, nik(1), "Sri Lestari", sponsorship_id=sp.id, start_month="2026-05",
                with_jht=True)
    assert row.with_jht


def test_update_refuses_a_jht_choice_other_than_the_pledges(store):
    _, sp = _pledge(store)
    row = enrol(store, nik(1), "Sri Lestari", sponsorship_id=sp.id, start_month="2026-05")
    members = MemberRepository(store)
    with pytest.raises(FieldRefusedError, match=r"^Sponsor menanggung paket JKK \+ JKM;"):
        members.update(row.id, replace(_clean(store, with_jht=True), sponsorship_id=sp.id))
    assert not members.get(row.id).with_jht

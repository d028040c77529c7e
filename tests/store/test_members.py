"""Enrol, find, page, edit and delete members as the desk and the list do."""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.domain.regions import find_kecamatan
from bpu_desktop.domain.status import MemberStatus
from bpu_desktop.domain.validation import EnrolmentInput
from bpu_desktop.store.audit import history
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import DuplicateNikError
from bpu_desktop.store.members import MemberQuery, MemberRepository, status_range
from bpu_desktop.store.reference import add_kelurahan, validate_enrolment_input
from bpu_desktop.store.status_counts import cutoffs_for

TODAY = date(2026, 5, 20)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "m.db")
    s.set_officer("Sri")
    yield s
    s.close()


def enrolment(nik: str, name: str, **kw) -> EnrolmentInput:
    values = dict(
        nik=nik, name=name, phone="0812-3456-7890", kecamatan="Banjarsari",
        kelurahan="Kadipiro", address="", segment="ojol", income="1.000.000",
        with_jht=False, funding="self", months_paid=3, start_month="2026-05",
        enrolled_on="20/05/2026",
    )
    values.update(kw)
    return EnrolmentInput(**values)


def clean(store, raw):
    result = validate_enrolment_input(store, raw, today=TODAY)
    assert result.errors == {}
    assert result.value is not None
    return result.value


def test_enrol_writes_member_enrolment_and_audit(store):
    repo = MemberRepository(store)
    row = repo.enrol(clean(store, enrolment("3372051508900001", "budi santoso")))
    assert row.nik == "3372051508900001"
    assert row.sex == "L"
    assert row.kecamatan_code == "33.72.05"
    assert row.segment == "ojol"
    # Ojol is transport: May 2026 is inside the PP 50/2025 window, 3 x 8,400.
    assert row.amount_paid == 3 * 8_400
    assert row.paid_until == "2026-07"
    assert row.created_by == "Sri"
    tables = {e.table_name for e in history(store.conn)}
    assert {"members", "enrolments"} <= tables


def test_same_nik_cannot_be_enrolled_twice(store):
    repo = MemberRepository(store)
    first = repo.enrol(clean(store, enrolment("3372051508900001", "Budi")))
    with pytest.raises(DuplicateNikError) as info:
        repo.enrol(clean(store, enrolment("3372051508900001", "Budi Lain")))
    assert info.value.member_id == first.id
    assert str(info.value) == "NIK 3372051508900001 sudah terdaftar atas nama Budi."
    assert repo.count() == 1
    # The refused save left nothing behind: no second enrolment, no audit of it.
    assert [e.action for e in history(store.conn)] == ["insert", "insert"]
    assert store.conn.execute("SELECT COUNT(*) FROM enrolments").fetchone()[0] == 1


def test_list_pages_searches_and_sorts(store):
    repo = MemberRepository(store)
    for i, name in enumerate(["Citra", "ahmad", "Bayu", "Dewi"], start=1):
        repo.enrol(clean(store, enrolment(f"33720515089{i:01d}0001"[:12] + f"{i:04d}", name)))
    names = [r.name for r in repo.page(MemberQuery(), 0, 10)]
    assert names == ["Ahmad", "Bayu", "Citra", "Dewi"]
    assert [r.name for r in repo.page(MemberQuery(descending=True), 0, 2)] == ["Dewi", "Citra"]
    assert [r.name for r in repo.page(MemberQuery(search="ba"), 0, 10)] == ["Bayu"]
    assert repo.count(MemberQuery(search="3372 0515")) == 4
    assert repo.count(MemberQuery(search="33720599")) == 0
    assert repo.count(MemberQuery(segment="ojol", month=date(2026, 5, 1))) == 4
    assert repo.count(MemberQuery(month=date(2026, 4, 1))) == 0


def test_edit_is_audited_and_delete_is_soft(store):
    repo = MemberRepository(store)
    row = repo.enrol(clean(store, enrolment("3372055508900001", "Sari")))
    assert row.sex == "P"
    edited = repo.update(row.id, clean(store, enrolment("3372055508900001", "Sari Dewi",
                                                       phone="+62 813 1111 2222")),
                         expected_version=row.version)
    assert edited.name == "Sari Dewi"
    assert edited.phone == "081311112222"
    change = next(e for e in history(store.conn, row_id=row.id) if e.action == "update")
    assert change.old["name"] == "Sari"
    repo.delete(row.id)
    assert repo.get(row.id) is None
    assert repo.count() == 0
    # The NIK is free again once the old row is a tombstone.
    repo.enrol(clean(store, enrolment("3372055508900001", "Sari")))
    assert repo.count() == 1


def test_pages_read_from_either_end_agree(store):
    repo = MemberRepository(store)
    names = ["Eka", "Ani", "Dodi", "Bima", "Cahya", "Fajar", "Gita"]
    with store.write():
        for i, name in enumerate(names, start=1):
            repo.enrol(clean(store, enrolment(f"337205150890{i:04d}", name)))
    total = repo.count()
    for query in (MemberQuery(), MemberQuery(descending=True), MemberQuery(sort="nik")):
        expected = [r.name for r in repo.page(query, 0, 100)]
        for offset in range(total):
            for limit in (1, 2, 3):
                got = [r.name for r in repo.page(query, offset, limit, total=total)]
                assert got == expected[offset:offset + limit], (query, offset, limit)


def test_nik_search_lists_in_nik_order(store):
    repo = MemberRepository(store)
    repo.enrol(clean(store, enrolment("3372051508900002", "Ani")))
    repo.enrol(clean(store, enrolment("3372051508900001", "Budi")))
    assert [r.name for r in repo.page(MemberQuery(search="3372 05"), 0, 10)] == ["Budi", "Ani"]


def test_year_and_city_filters_match_the_dashboard_figures(store):
    """The list behind a Beranda bar: members enrolled in a year, living in a city."""
    from bpu_desktop.store.aggregates import Period, enrolments_total
    from tests.store.targets_helpers import hand_counted

    hand_counted(store)
    repo = MemberRepository(store)
    for year, city in ((2025, None), (2026, None), (2026, "33.72"), (2025, "33.72"),
                       (2025, "33.12"), (2026, "33.12")):
        query = MemberQuery(year=year, city_code=city)
        assert repo.count(query) == enrolments_total(store, Period.year(year), city)
        assert len(repo.page(query, 0, 50)) == repo.count(query)
    assert [r.name for r in repo.page(MemberQuery(year=2025), 0, 50)] == ["Eko"]
    assert [r.name for r in repo.page(MemberQuery(city_code="33.12"), 0, 50)] == ["Eko"]
    assert repo.count(MemberQuery(city_code="33.72")) == 5
    may = MemberQuery(month=date(2026, 5, 1), city_code="33.72", segment="ojol")
    assert sorted(r.name for r in repo.page(may, 0, 50)) == ["Citra", "Fitri"]


def test_period_counts_on_enrolments_agree_with_the_listed_rows(store, monkeypatch):
    """A count over enrolments alone (month, year, segment) lists the same members, also
    when a big period is paged along the name index instead of sorted."""
    from bpu_desktop.store import members
    from tests.store.targets_helpers import hand_counted

    rows = hand_counted(store)
    repo = MemberRepository(store)
    repo.delete(rows["Bowo"].id)  # a deleted member's enrolment is not counted either
    queries = [MemberQuery(year=2026), MemberQuery(year=2025), MemberQuery(year=2019),
               MemberQuery(month=date(2026, 5, 1)), MemberQuery(year=2026, segment="ojol"),
               MemberQuery(year=2026, segment="umkm", sort="name", descending=True)]
    for broad in (5_000, 1):  # sorted, then walked along the name index
        monkeypatch.setattr(members, "BROAD_PERIOD", broad)
        for query in queries:
            listed = repo.page(query, 0, 50, total=repo.count(query))
            assert repo.count(query) == len(listed), query
    assert [r.name for r in repo.page(MemberQuery(year=2026, segment="umkm"), 0, 50)] == ["Dedi"]


def test_the_row_returned_by_a_save_is_the_row_read_back(store):
    repo = MemberRepository(store)
    saved = repo.enrol(clean(store, enrolment("3372051508900002", "Sri Wahyuni")))
    assert saved == repo.get(saved.id)
    assert saved == repo.find_by_nik("3372051508900002")


def test_editing_income_or_jht_keeps_the_enrolment_payment_as_received(store):
    """Money already received is history: a new income or JHT choice changes the rate of
    the next payment, never what the enrolment recorded as paid."""
    from bpu_desktop.store.payments import quote_payment

    repo = MemberRepository(store)
    row = repo.enrol(clean(store, enrolment("3372051508900001", "Budi")))
    assert row.amount_paid == 3 * 8_400  # May-Jul 2026, ojol, JKK+JKM halved
    edited = repo.update(row.id, clean(store, enrolment("3372051508900001", "Budi",
                                                       income="2.000.000", with_jht=True)),
                         expected_version=row.version)
    assert (edited.income, edited.with_jht) == (2_000_000, 1)
    assert edited.amount_paid == 3 * 8_400
    assert (edited.months_paid, edited.start_month, edited.paid_until) == (3, "2026-05", "2026-07")
    change = next(e for e in history(store.conn, row_id=row.enrolment_id)
                  if e.action == "update")
    assert "amount_paid" not in change.new
    # The next payment (August) is at the new rate: JKK 20,000 + JKM 6,800 halved, JHT 40,000.
    assert quote_payment(store, row.id, 1).amount == 13_400 + 40_000


def test_correcting_the_months_paid_at_enrolment_recomputes_what_was_paid(store):
    repo = MemberRepository(store)
    row = repo.enrol(clean(store, enrolment("3372051508900001", "Budi", months_paid=1)))
    edited = repo.update(row.id, clean(store, enrolment("3372051508900001", "Budi",
                                                       months_paid=3)))
    assert (edited.amount_paid, edited.paid_until) == (3 * 8_400, "2026-07")


def test_name_search_takes_wildcards_literally_and_still_uses_the_name_index(store):
    repo = MemberRepository(store)
    for i, name in enumerate(["Ani", "Anita", "Budi"], start=1):
        repo.enrol(clean(store, enrolment(f"3372051508{i:02d}{i:04d}", name)))
    # Names typed on the desk cannot hold % or _; an older or imported row might.
    store.conn.execute("UPDATE members SET name = 'An_ta 100%' WHERE name = 'Anita'")
    assert repo.count(MemberQuery(search="%")) == 0
    assert repo.count(MemberQuery(search="_")) == 0
    assert repo.count(MemberQuery(search="A%")) == 0
    assert [r.name for r in repo.page(MemberQuery(search="an_"), 0, 10)] == ["An_ta 100%"]
    assert [r.name for r in repo.page(MemberQuery(search="an_ta 100%"), 0, 10)] == ["An_ta 100%"]
    assert repo.count(MemberQuery(search="an\\")) == 0
    assert [r.name for r in repo.page(MemberQuery(search="an"), 0, 10)] == ["An_ta 100%", "Ani"]
    where, params = MemberQuery(search="an_").where()
    plan = " ".join(r[3] for r in store.conn.execute(
        f"EXPLAIN QUERY PLAN SELECT m.rowid FROM members m WHERE {where} "
        "ORDER BY m.name, m.rowid LIMIT 10", params))
    assert "members_by_name" in plan and "TEMP B-TREE" not in plan


def test_age_sort_is_youngest_first_on_the_birth_date_index(store):
    repo = MemberRepository(store)
    for i, (name, yy) in enumerate([("Tengah", "90"), ("Tua", "70"), ("Muda", "02")], start=1):
        repo.enrol(clean(store, enrolment(f"33720515{'08'}{yy}{i:04d}", name)))
    assert [r.name for r in repo.page(MemberQuery(sort="age"), 0, 10)] == [
        "Muda", "Tengah", "Tua"]
    assert [r.name for r in repo.page(MemberQuery(sort="age", descending=True), 0, 10)] == [
        "Tua", "Tengah", "Muda"]
    # Read from the far end (a page past the middle): the same order.
    assert [r.name for r in repo.page(MemberQuery(sort="age"), 2, 1, total=3)] == ["Tua"]
    # A page walks the index, also when the list is filtered to a kecamatan or a city
    # (the index holds the kecamatan); a count still starts from the area's index.
    for descending, area in ((False, {}), (True, {}), (False, {"kecamatan_code": "33.72.05"}),
                             (True, {"city_code": "33.72"})):
        query = MemberQuery(sort="age", descending=descending, **area)
        where, params = query.where(paging=True)
        plan = " ".join(r[3] for r in store.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT m.rowid FROM members m WHERE {where} "
            f"ORDER BY {query.order_by()} LIMIT 10", params))
        assert "members_by_birth_date" in plan and "TEMP B-TREE" not in plan, plan
        assert [r.name for r in repo.page(query, 0, 10)] == (
            ["Tua", "Tengah", "Muda"] if descending else ["Muda", "Tengah", "Tua"])
    where, params = MemberQuery(sort="age", kecamatan_code="33.72.05").where()
    assert "members_by_kecamatan" in " ".join(r[3] for r in store.conn.execute(
        f"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM members m WHERE {where}", params))


def test_enrolment_sorts_walk_the_enrolment_index_and_agree_with_the_full_sort(
        store, monkeypatch):
    """Sorted by Terdaftar or Dibayar s.d., a page near either end walks the enrolment
    index (no sort of the whole list); deeper pages sort; both give the same order. A
    member without a live enrolment still shows (the walk is not used then)."""
    import bpu_desktop.store.members as members_module

    repo = MemberRepository(store)
    days = ["03/05/2026", "01/05/2026", "03/05/2026", "02/05/2026", "01/05/2026", "04/05/2026"]
    for i, day in enumerate(days, start=1):
        repo.enrol(clean(store, enrolment(f"337205150890{i:04d}", f"Orang {'ABCDEF'[i - 1]}",
                                          enrolled_on=day, months_paid=(1, 3, 6)[i % 3])))
    walks: list[str] = []
    store.conn.set_trace_callback(
        lambda sql: walks.append(sql) if "FROM members m JOIN enrolments e" in sql else None)
    for sort in ("enrolled_on", "paid_until"):
        for descending in (False, True):
            query = MemberQuery(sort=sort, descending=descending)
            total = repo.count(query)
            walked = [r.name for r in repo.page(query, 0, 100, total=total)]
            assert walks, "the first page walks the enrolment index"
            walks.clear()
            monkeypatch.setattr(members_module, "ENROLMENT_WALK_DEPTH", -1)
            sorted_ = [r.name for r in repo.page(query, 0, 100, total=total)]
            assert not walks
            monkeypatch.setattr(members_module, "ENROLMENT_WALK_DEPTH", 50_000)
            assert walked == sorted_
            key = (lambda r: (r.enrolled_on, r.kecamatan_code)) if sort == "enrolled_on" \
                else (lambda r: r.paid_until)
            rows = repo.page(query, 0, 100, total=total)
            assert [key(r) for r in rows] == sorted((key(r) for r in rows), reverse=descending)
            for offset in range(total):
                assert [r.name for r in repo.page(query, offset, 2, total=total)] == (
                    walked[offset:offset + 2])
    store.conn.set_trace_callback(None)
    # A member whose enrolment was removed (a repair, a merge) is still listed.
    member = repo.enrol(clean(store, enrolment("3372051508900099", "Tanpa Pendaftaran")))
    with store.write():
        store.conn.execute("UPDATE enrolments SET deleted_at = 'x' WHERE member_id = ?",
                           (member.id,))
    query = MemberQuery(sort="enrolled_on")
    names = [r.name for r in repo.page(query, 0, 100, total=repo.count(query))]
    assert "Tanpa Pendaftaran" in names and len(names) == len(days) + 1


def test_an_areas_pages_walk_the_sort_index_near_either_end_and_agree_with_the_sort(
        store, monkeypatch):
    """A city's or a kecamatan's list sorted by name, NIK, Terdaftar or Dibayar s.d.: a
    page near either end walks the sort's index, skipping members of other areas (a
    city's first page by NIK took seconds at a million when its members were sorted);
    deeper pages sort; both give the rows a user expects. The order does not change the
    count, nor how it is counted."""
    import bpu_desktop.store.members as members_module

    repo = MemberRepository(store)
    places = [("Banjarsari", "Kadipiro"), ("Laweyan", "Pajang"), ("Wuryantoro", "Wuryantoro"),
              ("Jebres", "Mojosongo"), ("Baturetno", "Baturetno"), ("Laweyan", "Sondakan")]
    for i in range(24):
        kecamatan, kelurahan = places[i % len(places)]
        if kecamatan in ("Wuryantoro", "Baturetno"):
            add_kelurahan(store, find_kecamatan(kecamatan).code, kelurahan)
        repo.enrol(clean(store, enrolment(
            f"3372051508{90 - i % 7:02d}{i + 1:04d}", f"Orang {chr(90 - i)}{'abcde'[i % 5]}",
            kecamatan=kecamatan, kelurahan=kelurahan, enrolled_on=f"{1 + i % 9:02d}/05/2026",
            months_paid=(1, 3, 6)[i % 3])))
    walks: list[str] = []
    store.conn.set_trace_callback(lambda sql: walks.append(sql) if "+m.kecamatan_code" in sql
                                  or "+e.paid_until" in sql
                                  else None)
    keys = {"name": lambda r: (r.name.casefold(),), "nik": lambda r: (r.nik,),
            "enrolled_on": lambda r: (r.enrolled_on, r.kecamatan_code),
            "paid_until": lambda r: (r.paid_until,)}
    for area in ({"city_code": "33.72"}, {"city_code": "33.12"},
                 {"kecamatan_code": find_kecamatan("Laweyan").code}):
        everyone = repo.page(MemberQuery(**area), 0, 100)
        assert len(everyone) >= 6
        for sort, key in keys.items():
            for descending in (False, True):
                query = MemberQuery(sort=sort, descending=descending, **area)
                total = repo.count(query)
                assert total == repo.count(MemberQuery(**area)) == len(everyone)
                expected = sorted((key(r) for r in everyone), reverse=descending)
                walks.clear()
                first = repo.page(query, 0, 3, total=total)
                last = repo.page(query, total - 3, 3, total=total)
                walked = bool(walks)
                assert walked == (sort != "name" or "city_code" in area), (area, sort)
                assert [key(r) for r in first] == expected[:3]
                assert [key(r) for r in last] == expected[-3:]
                # The same pages sorted (no walk) are the same rows in the same order.
                monkeypatch.setattr(members_module, "AREA_WALK_ROWS", 0)
                walks.clear()
                assert [r.id for r in repo.page(query, 0, 3, total=total)] == [
                    r.id for r in first]
                assert [r.id for r in repo.page(query, total - 3, 3, total=total)] == [
                    r.id for r in last]
                assert not walks
                monkeypatch.setattr(members_module, "AREA_WALK_ROWS", 5_000)
    # A status (Menunggak...) sorted by name or NIK walks too; by an enrolment column its
    # months' own index serves (status follows the enrolment date: walking would not).
    with store.write():
        store.conn.execute("UPDATE enrolments SET paid_until = '2026-03' WHERE rowid % 3 = 0")
        store.conn.execute("UPDATE enrolments SET paid_until = '2025-01' WHERE rowid % 3 = 1")
    cutoffs = cutoffs_for(store, TODAY)
    for status in (MemberStatus.ACTIVE, MemberStatus.ARREARS, MemberStatus.INACTIVE):
        first_month, before = status_range(status, cutoffs)
        for sort, key in keys.items():
            query = MemberQuery(sort=sort, paid_through_from=first_month,
                                paid_through_before=before)
            total = repo.count(query)
            assert total >= 6, status
            monkeypatch.setattr(members_module, "AREA_WALK_ROWS", 0)
            expected = [r.id for r in repo.page(query, 0, 100, total=total)]
            monkeypatch.setattr(members_module, "AREA_WALK_ROWS", 5_000)
            walks.clear()
            first = repo.page(query, 0, 3, total=total)
            last = repo.page(query, total - 3, 3, total=total)
            assert bool(walks) == (sort in ("name", "nik")), (status, sort)
            assert [r.id for r in first] == expected[:3]
            assert [r.id for r in last] == expected[-3:]
            assert [key(r) for r in first] == sorted(key(r) for r in first)
    store.conn.set_trace_callback(None)
    # Counted alike whatever the order: no enrolment join for an order by Terdaftar.
    counts: list[str] = []
    store.conn.set_trace_callback(lambda sql: counts.append(sql) if "COUNT" in sql else None)
    repo.count(MemberQuery(city_code="33.72", sort="enrolled_on"))
    store.conn.set_trace_callback(None)
    assert counts and not any("JOIN enrolments" in sql for sql in counts)


def test_search_by_phone_and_with_doubled_spaces(store):
    repo = MemberRepository(store)
    repo.enrol(clean(store, enrolment("3372051508900001", "Sri Wahyuni", phone="0812-3456-7890")))
    repo.enrol(clean(store, enrolment("3372051508900002", "Budi Santoso", phone="0857 1111 2222")))
    for typed in ("0812", "0812-3456", "+62 812 3456 7890", "+6281234"):
        assert [r.name for r in repo.page(MemberQuery(search=typed), 0, 10)] == [
            "Sri Wahyuni"], typed
        assert repo.count(MemberQuery(search=typed)) == 1
    assert repo.count(MemberQuery(search="0857")) == 1
    assert repo.count(MemberQuery(search="08")) == 0  # too short to tell anyone apart
    assert repo.count(MemberQuery(search="0899")) == 0
    # A NIK prefix is still a NIK, and a name typed with two spaces still finds the name.
    assert repo.count(MemberQuery(search="3372 05")) == 2
    assert [r.name for r in repo.page(MemberQuery(search="  sri   wahyuni "), 0, 10)] == [
        "Sri Wahyuni"]


def test_kecamatan_sort_is_by_name_and_pages_across_kecamatan(store):
    repo = MemberRepository(store)
    people = [("3372011508900001", "Citra", "Laweyan", "Pajang", "ojol"),
              ("3372011508900002", "Adi", "Laweyan", "Pajang", "umkm"),
              ("3372051508900003", "Dewi", "Banjarsari", "Kadipiro", "ojol"),
              ("3312011508900004", "Budi", "Pracimantoro", "Sumberagung", "ojol"),
              ("3312121508900005", "Eko", "Wonogiri", "Giritirto", "ojol")]
    for nik, name, kec, kel, segment in people:
        if kec in ("Pracimantoro", "Wonogiri"):  # Wonogiri's desa are added by users
            add_kelurahan(store, find_kecamatan(kec).code, kel)
        repo.enrol(clean(store, enrolment(nik, name, kecamatan=kec, kelurahan=kel,
                                          segment=segment)))
    by_kec = MemberQuery(sort="kecamatan")
    every = [r.name for r in repo.page(by_kec, 0, 10)]
    # Banjarsari, Laweyan (Adi, Citra), Pracimantoro, Wonogiri: A-Z by the kecamatan's name
    # (by code Wonogiri's 33.12 would come before Surakarta's 33.72).
    assert every == ["Dewi", "Adi", "Citra", "Budi", "Eko"]
    # Any page across the kecamatan boundaries is the same slice of that order.
    for offset in range(5):
        for limit in range(1, 6):
            assert [r.name for r in repo.page(by_kec, offset, limit)] == (
                every[offset:offset + limit]), (offset, limit)
    assert [r.name for r in repo.page(MemberQuery(sort="kecamatan", descending=True), 0, 10)] == [
        "Eko", "Budi", "Citra", "Adi", "Dewi"]
    # With a filter, and after a write (the per-kecamatan counts are not kept stale).
    ojol = MemberQuery(sort="kecamatan", segment="ojol")
    assert [r.name for r in repo.page(ojol, 0, 10)] == ["Dewi", "Citra", "Budi", "Eko"]
    repo.enrol(clean(store, enrolment("3372051508900006", "Ani", kecamatan="Banjarsari",
                                      kelurahan="Kadipiro")))
    assert [r.name for r in repo.page(ojol, 0, 10)] == ["Ani", "Dewi", "Citra", "Budi", "Eko"]

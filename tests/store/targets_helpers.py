"""Enrol hand-made members for the target/payment/follow-up tests (and the UI tests)."""

from __future__ import annotations

from datetime import date

from bpu_desktop.domain.validation import EnrolmentInput
from bpu_desktop.store.database import Store
from bpu_desktop.store.members import MemberRepository, MemberRow
from bpu_desktop.store.reference import add_kelurahan, validate_enrolment_input

_serial = iter(range(1, 10_000))


def enrol(store: Store, name: str, *, kecamatan: str = "Banjarsari", kelurahan: str = "Kadipiro",
          segment: str = "ojol", enrolled_on: date, start_month: str, months: int = 1,
          phone: str = "0812-3456-7890", female: bool = False,
          nik_prefix: str = "337205", event_id: str | None = None) -> MemberRow:
    """One member through the same validation and repository as the enrolment desk."""
    day = 15 + (40 if female else 0)
    nik = f"{nik_prefix}{day:02d}0890{next(_serial):04d}"
    raw = EnrolmentInput(
        nik=nik, name=name, phone=phone, kecamatan=kecamatan, kelurahan=kelurahan,
        address="", segment=segment, income="1.000.000", with_jht=False, funding="self",
        months_paid=months, start_month=start_month, enrolled_on=enrolled_on.isoformat(),
        event_id=event_id,
    )
    result = validate_enrolment_input(store, raw, today=max(enrolled_on, date(2026, 5, 20)))
    assert result.errors == {}, result.errors
    assert result.value is not None
    return MemberRepository(store).enrol(result.value)


TODAY = date(2026, 5, 20)  # after the 15th: May is due, so paid_until 2026-05 is "aktif"


def hand_counted(store: Store) -> dict[str, MemberRow]:
    """Six members whose figures on TODAY are counted by hand in the tests:

    name      kecamatan        segment  enrolled    paid_until  status on 20 May 2026
    Ani       Banjarsari       ojol     2026-01-10  2026-03     menunggak, segera nonaktif
    Bowo      Banjarsari       umkm     2026-02-05  2026-02     nonaktif
    Citra     Laweyan          ojol     2026-05-02  2026-05     aktif
    Dedi      Jebres           umkm     2026-04-01  2026-04     menunggak (1 bulan)
    Eko       Selogiri (Wng)   petani   2025-12-01  2026-11     aktif
    Fitri     Laweyan          ojol     2026-05-15  2026-08     aktif
    """
    add_kelurahan(store, "33.12.11", "Kaliancar")  # Wonogiri's desa are added by users
    rows = {
        "Ani": enrol(store, "Ani", female=True, enrolled_on=date(2026, 1, 10),
                     start_month="2026-01", months=3, phone="0812-1111-0001"),
        "Bowo": enrol(store, "Bowo", segment="umkm", enrolled_on=date(2026, 2, 5),
                      start_month="2026-02", months=1, phone="0812-1111-0002"),
        "Citra": enrol(store, "Citra", female=True, kecamatan="Laweyan", kelurahan="Pajang",
                       enrolled_on=date(2026, 5, 2), start_month="2026-05",
                       nik_prefix="337201"),
        "Dedi": enrol(store, "Dedi", kecamatan="Jebres", kelurahan="Sewu", segment="umkm",
                      enrolled_on=date(2026, 4, 1), start_month="2026-04",
                      nik_prefix="337204"),
        "Eko": enrol(store, "Eko", kecamatan="Selogiri", kelurahan="Kaliancar", segment="petani",
                     enrolled_on=date(2025, 12, 1), start_month="2025-12", months=12,
                     nik_prefix="331211"),
        "Fitri": enrol(store, "Fitri", female=True, kecamatan="Laweyan", kelurahan="Jajar",
                       enrolled_on=date(2026, 5, 15), start_month="2026-06", months=3,
                       nik_prefix="337201"),
    }
    return rows

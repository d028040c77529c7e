"""Which months a sponsor's pledge pays for, against the months of one member.

Two rules, dates only, shared by the desk (`ui/enrolment_form.py`), the store
(`MemberRepository.enrol`/`update`, `SponsorRepository.paid_twice`) and the assign dialog:

- An enrolment the pledge pays for (`pledge_pays`: its funding is a sponsor's or a
  government budget's, not the member's own) starts in a month of the pledge, and its
  months paid end by the pledge's last month (`pledge_month_error`). The sponsor pledged
  those months and no others: a payment recorded as the sponsor's for a month after the
  pledge would bill a sponsor for a month it never promised, so it is refused, and the
  message names the pledge's last month. Months after it are the member's own, recorded
  as a payment when they are paid.
- An enrolment the pledge pays for has the pledge's package (`pledge_package_error`):
  the sponsor pays JHT only when it pledged JKK + JKM + JHT, and never does otherwise, so
  the enrolment's JHT choice is the pledge's (the desk sets it and locks the check box).
- A member assigned to a pledge after paying their own contributions for some of its
  months (`months_paid_twice`): the sponsor is billed for every month of the pledge for
  each worker assigned, while the member's months already paid stay paid, so those months
  would be paid twice. A sponsor's months count only as a continuation of the member's own
  (`status.covered_through`), so the pledge adds months from the one after `paid_until`
  only (`paid_twice_warning` says so).
"""

from __future__ import annotations

from datetime import date

from .contributions import FUNDING_SOURCES
from .months import add_months, month_label, month_start
from .sponsorship import PACKAGES, SPONSORSHIP_FUNDING
from .sponsorship import with_jht as package_with_jht

# Who a pledge's money comes from: a sponsor or a government budget, never the member.
_PLEDGE_FUNDING = frozenset(SPONSORSHIP_FUNDING)

Months = tuple[date, date]  # first and last month, both included


def pledge_pays(funding: str | None) -> bool:
    """Whether an enrolment linked to a pledge is paid by it (not the member's own money)."""
    return funding in _PLEDGE_FUNDING


def months_text(first: date, last: date) -> str:
    """"Juni 2026" for one month, "Juni 2026 s.d. Agustus 2026" for several."""
    if month_start(first) == month_start(last):
        return month_label(first)
    return f"{month_label(first)} s.d. {month_label(last)}"


def pledge_start_default(pledge: Months, enrolled_on: date) -> date:
    """The start month the desk offers in a sponsor's batch: the pledge's first month
    while it has not started, else the enrolment month."""
    return max(month_start(pledge[0]), month_start(enrolled_on))


def pledge_start_error(pledge: Months, start: date) -> str:
    """A sponsor-funded start month outside the pledge: the sponsor never pledged it."""
    first, last = month_start(pledge[0]), month_start(pledge[1])
    if first <= month_start(start) <= last:
        return ""
    return (f"Sponsor menanggung {month_label(first)} s.d. {month_label(last)}; "
            f"{month_label(start)} di luar masa tanggungan. Ubah bulan mulai, atau sumber "
            "dana bila peserta membayar sendiri.")


def pledge_end_error(pledge: Months, start: date, months_paid: int) -> str:
    """Sponsor-funded months paid that run past the pledge's last month."""
    last = month_start(pledge[1])
    paid_until = add_months(start, months_paid - 1)
    if paid_until <= last:
        return ""
    return (f"Sponsor menanggung sampai {month_label(last)}; {months_paid} bulan dari "
            f"{month_label(start)} berakhir {month_label(paid_until)}, melewati bulan "
            "terakhir tanggungan. Kurangi bulan dibayar (bulan sesudahnya dibayar peserta "
            "sebagai pembayaran), atau ubah sumber dana bila peserta membayar sendiri.")


def pledge_month_error(pledge: Months, start: date, months_paid: int,
                       funding: str | None) -> str:
    """The message for the Mulai bulan field of an enrolment linked to `pledge` ("" when
    it is fine): checked only when the pledge pays it (`pledge_pays`)."""
    if not pledge_pays(funding):
        return ""
    return pledge_start_error(pledge, start) or pledge_end_error(pledge, start, months_paid)


def pledge_package_error(package: str, with_jht: bool, funding: str | None) -> str:
    """The message for the JHT field of an enrolment linked to a pledge of `package`
    ("" when it is fine): a pledge-paid enrolment takes JHT exactly when the pledge does."""
    if not pledge_pays(funding) or with_jht == package_with_jht(package):
        return ""
    return (f"Sponsor menanggung paket {PACKAGES[package]}; JHT mengikuti janji sponsor. "
            + ("Centang JHT" if package_with_jht(package) else "Hapus centang JHT")
            + ", atau ubah sumber dana bila peserta membayar sendiri.")


def months_paid_twice(pledge: Months, own: Months | None) -> Months | None:
    """The months of `pledge` the member already paid themselves (`own`: their start
    month to their `paid_until`), which a sponsor assigned now would pay again; None when
    there are none (or the member has paid nothing)."""
    if own is None:
        return None
    first = max(month_start(pledge[0]), month_start(own[0]))
    last = min(month_start(pledge[1]), month_start(own[1]))
    return (first, last) if first <= last else None


def paid_twice_warning(member: str, pledge: Months, paid_until: date, twice: Months,
                       funding: str | None = "self") -> str:
    """The question asked before assigning a member whose months `twice` (from
    `months_paid_twice`) are already paid, up to `paid_until`, by themselves (`funding`
    "self") or by whoever their enrolment names; in Indonesian, the same line a `bpu`
    verb would print."""
    if funding in (None, "self"):
        paid = f"{member} sudah membayar iuran sendiri sampai {month_label(paid_until)}"
        by = " (oleh peserta dan oleh sponsor)"
    else:
        source = FUNDING_SOURCES.get(funding, funding)
        paid = f"Iuran {member} sudah dibayar sampai {month_label(paid_until)} ({source})"
        by = " (sudah dibayar, lalu oleh sponsor ini lagi)"
    text = (f"{paid}. Sponsor ini menanggung {months_text(*pledge)}, jadi "
            f"{months_text(*twice)} dibayar dua kali{by}.")
    if month_start(paid_until) >= month_start(pledge[1]):
        return text + " Tanggungan sponsor tidak menambah satu bulan pun."
    return (text + " Tanggungan sponsor hanya menyambung bulan peserta mulai "
            f"{month_label(add_months(paid_until, 1))}.")

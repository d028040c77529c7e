"""Whom to call and what to say: status cut-off months for SQL, and reminder messages.

The status rule itself lives in `status.py`. `status_cutoffs` only *asks* that rule where
its boundaries fall for a given day, so the store can count a million members with two
range comparisons on `paid_until` instead of evaluating the rule row by row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .contributions import FUNDING_SOURCES, monthly_contribution, months_total
from .money import format_rupiah
from .months import (
    MONTH_NAMES,
    add_months,
    format_month,
    month_label,
    month_start,
    months_between,
)
from .reference import Rates
from .sponsorship import Cover, last_cover
from .status import (
    MemberStatus,
    covered_through,
    due_date,
    member_status,
    paid_through,
    waiting_cover,
)

# Which members the Tindak Lanjut list shows (its filter keys, also passed by the
# Beranda's links): here, not in the store, so the window's start-up need not import the
# follow-up queries for a constant.
SHOW_ARREARS = "menunggak"  # every member with 1..N-1 unpaid months
SHOW_LAPSING = "segera_nonaktif"  # only those one missed due date from inactive
SHOW_INACTIVE = "nonaktif"
SHOW_CHOICES = {
    SHOW_ARREARS: "Menunggak",
    SHOW_LAPSING: "Segera nonaktif",
    SHOW_INACTIVE: "Sudah nonaktif",
}

# How far back the probe looks: far beyond any realistic "inactive after N months" setting.
_PROBE_MONTHS = 240

AREA_BRANCH = "cabang"

# Why a member or sponsor was contacted (followup_contacts.reason), as the officer reads it.
CONTACT_REASONS = {
    "tunggakan": "Tunggakan iuran",
    "sponsor_berakhir": "Sponsor berakhir",
}

PAYMENT_CHANNELS = {
    "agen": "Agen Perisai",
    "bank": "Bank",
    "jmo": "Aplikasi JMO",
    "sponsor": "Sponsor/CSR",
    "kantor": "Kantor BPJS",
}


@dataclass(frozen=True)
class StatusCutoffs:
    """Where the status rule's boundaries fall on `today`, as `paid_until` months.

    paid_until >= active_from                  -> aktif
    arrears_from <= paid_until < active_from   -> menunggak
    paid_until < arrears_from                  -> nonaktif
    paid_until == lapse_month                  -> menunggak, and one more missed due date
                                                  makes it nonaktif (lapses soon)
    """

    today: date
    active_from: date
    arrears_from: date
    lapse_month: date | None

    @property
    def active_from_text(self) -> str:
        return format_month(self.active_from)

    @property
    def arrears_from_text(self) -> str:
        return format_month(self.arrears_from)

    @property
    def lapse_month_text(self) -> str | None:
        return format_month(self.lapse_month) if self.lapse_month else None


def status_cutoffs(today: date, rates: Rates | None = None) -> StatusCutoffs:
    """Probe `member_status` month by month backwards from next month (it is monotone in
    `paid_until`), so SQL uses exactly the domain's rule and never a copy of it."""
    rates = rates or Rates.default()
    probe = add_months(today, 1)

    def status(paid_until: date) -> MemberStatus:
        return member_status(paid_until, paid_until, today, rates)

    active_from: date | None = None
    arrears_from: date | None = None
    for i in range(_PROBE_MONTHS):
        month = add_months(probe, -i)
        current = status(month)
        if current is MemberStatus.ACTIVE:
            active_from = month
        elif current is MemberStatus.ARREARS:
            arrears_from = month
        else:
            break
    if active_from is None:  # cannot happen for a sane rule: next month is always paid ahead
        raise ValueError("Aturan status tidak menghasilkan status aktif.")
    if arrears_from is None:
        # Rule without an arrears stage (inactive after 1 month): nobody is "menunggak".
        arrears_from = active_from
        lapse_month = None
    else:
        lapse_month = arrears_from
    return StatusCutoffs(today=today, active_from=active_from, arrears_from=arrears_from,
                         lapse_month=lapse_month)


# Who pays from a government budget (no PP 50/2025 cut for them).
GOVERNMENT_FUNDING = frozenset({"apbd", "apbn"})


@dataclass(frozen=True)
class PaidBy:
    """Who paid a member's months up to `until` when it was not the member: a sponsorship
    (`sponsor`: the sponsor's name; `funding` its source) or, with no sponsor named, the
    funding source of the enrolment itself (a budget or a sponsor paid the months paid at
    enrolment)."""

    funding: str  # "sponsor", "apbd" or "apbn"
    until: date
    sponsor: str = ""

    @property
    def government(self) -> bool:
        return self.funding in GOVERNMENT_FUNDING

    @property
    def funding_label(self) -> str:
        return FUNDING_SOURCES.get(self.funding, self.funding)

    @property
    def note(self) -> str:
        """What the follow-up list says about the member (`Tanggungan ... berakhir ...`)."""
        month = month_label(self.until)
        if self.sponsor:
            return f"Tanggungan {self.sponsor} berakhir {month}"
        if self.government:
            return f"Iuran {self.funding_label} (pemerintah) berakhir {month}"
        return f"Iuran {self.funding_label} berakhir {month}"


def who_paid_last(
    *, paid_until: date, covered_until: date | None, sponsor: str, sponsor_funding: str,
    funding: str, enrolment_paid_until: date,
) -> PaidBy | None:
    """Who paid the member's last paid month, when it was not the member.

    `covered_until` reaching at least the member's own `paid_until`: the sponsorship ending
    last (`sponsor`, `sponsor_funding`). Otherwise, an enrolment funded by a sponsor or a
    budget whose months were never extended by a later payment (`paid_until` is still the
    enrolment's own, `enrolment_paid_until`): that funding source. Else the member did.
    """
    if covered_until is not None and month_start(covered_until) >= month_start(paid_until):
        return PaidBy(sponsor_funding or "sponsor", month_start(covered_until), sponsor)
    if funding != "self" and month_start(paid_until) == month_start(enrolment_paid_until):
        return PaidBy(funding, month_start(paid_until))
    return None


@dataclass(frozen=True)
class WaitingCover:
    """A sponsor's cover that does not count yet (`status.waiting_cover`): it starts after
    months the member still owes, from `first_unpaid` to the month before `start`."""

    sponsor: str
    start: date
    end: date
    first_unpaid: date

    @property
    def gap_end(self) -> date:
        return add_months(self.start, -1)

    @property
    def gap_label(self) -> str:
        """`Februari 2026 s.d. Juni 2026`, or one month alone."""
        first, last = month_start(self.first_unpaid), self.gap_end
        if first >= last:
            return month_label(last)
        return f"{month_label(first)} s.d. {month_label(last)}"

    @property
    def note(self) -> str:
        """What Tindak Lanjut and the payment dialog say about it."""
        return (f"Tanggungan {self.sponsor or 'sponsor'} mulai {month_label(self.start)} "
                f"berlaku setelah iuran {self.gap_label} dibayar")

    def owed_months(self, unpaid: int) -> int:
        """Of the `unpaid` months due, those the member owes: the gap's, never the
        sponsor's own months after it (not paid twice)."""
        return max(0, min(unpaid, months_between(self.first_unpaid, self.start)))


def last_counted_cover(covers: Sequence[Cover], covered_until: date | None) -> Cover | None:
    """The cover paying the last month of those that count (`covered_until`, the end of
    the covers continuing the member's own months): whom to name when it ends, never a
    cover still waiting after a gap."""
    if covered_until is None:
        return None
    return last_cover([c for c in covers if month_start(c.end) <= month_start(covered_until)])


def pending_cover(paid_until: date, covers: Sequence[Cover]) -> WaitingCover | None:
    """The member's first live cover that does not count yet, with the months owed before
    it (`status.waiting_cover`); None when every cover counts or there is none."""
    cover = waiting_cover(paid_until, covers)
    if cover is None:
        return None
    through = paid_through(paid_until, covered_through(paid_until, covers))
    assert through is not None
    return WaitingCover(cover.label, month_start(cover.start), month_start(cover.end),
                        add_months(through, 1))


def arrears_amounts(
    *, income: int, sector: str, with_jht: bool, paid_through: date, unpaid: int,
    today: date, rates: Rates | None = None,
) -> tuple[int, int]:
    """(owed, per_month): what the unpaid months after `paid_through` cost, each at its own
    rate, and what one month costs now. Months nobody else covered are the member's own to
    pay, so they are priced as self-funded ("Mandiri"): the PP 50/2025 cut applies to them
    even when a sponsor or a government budget paid before (a budget never gets the cut)."""
    terms = (sector or "non_transport", "self", bool(with_jht))
    owed = months_total(income, add_months(paid_through, 1), unpaid, *terms, rates)
    per_month = monthly_contribution(income, today, *terms, rates).total
    return owed, per_month


def long_date(d: date) -> str:
    """`15 Desember 2026`, as written in a letter or a WhatsApp message."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def salutation(sex: str) -> str:
    return "Ibu" if sex == "P" else "Bapak"


def lapse_deadline(paid_until: date, rates: Rates | None = None) -> date:
    """The last day to pay before the membership becomes inactive: the due date of the
    N-th unpaid month (N = `inactive_after_unpaid_months`)."""
    rates = rates or Rates.default()
    month = add_months(paid_until, rates.inactive_after_unpaid_months)
    return due_date(month, rates.payment_due_day)


def arrears_message(
    *, name: str, sex: str, paid_until: date, unpaid: int, today: date,
    rates: Rates | None = None, owed: int | None = None, per_month: int | None = None,
    paid_by: PaidBy | None = None, waiting: WaitingCover | None = None,
) -> str:
    """A ready WhatsApp/SMS reminder for a member who has not paid (Indonesian). `owed`:
    what the unpaid months cost (with `waiting`, only the months before that cover,
    `WaitingCover.owed_months`); `per_month`: the contribution now (for a lapsed member).

    `paid_until` is the last month nobody owes for (`status.paid_through`). With `paid_by`
    (a sponsorship or a budget paid up to there) the message says that cover has ended and
    what continuing on their own costs. With `waiting` (a sponsor's cover after a gap) it
    says the sponsor pays from then once the gap is paid."""
    rates = rates or Rates.default()
    first_unpaid = add_months(paid_until, 1)
    deadline = lapse_deadline(paid_until, rates)
    you = salutation(sex)
    lines = [f"Yth. {you} {name},"]
    if paid_by is None:
        lines.append(f"iuran BPJS Ketenagakerjaan (BPU) {you} belum terbayar sejak "
                     f"{month_label(first_unpaid)} ({unpaid} bulan).")
    else:
        until = month_label(paid_by.until)
        if paid_by.government:
            through = f" melalui {paid_by.sponsor}" if paid_by.sponsor else ""
            lines.append(
                f"iuran BPJS Ketenagakerjaan (BPU) {you} dibayar pemerintah "
                f"({paid_by.funding_label}){through} sampai {until}; masa iuran yang dibayar "
                "pemerintah sudah berakhir.")
        else:
            lines.append(
                f"iuran BPJS Ketenagakerjaan (BPU) {you} ditanggung "
                f"{paid_by.sponsor or 'sponsor'} sampai {until}; tanggungan itu sudah "
                "berakhir.")
        lines.append(f"Iuran mulai {month_label(first_unpaid)} menjadi tanggungan {you} "
                     f"sendiri dan belum terbayar ({unpaid} bulan).")
        if per_month:
            lines.append(f"Untuk melanjutkan perlindungan secara mandiri, iurannya "
                         f"{format_rupiah(per_month)} per bulan.")
            per_month = None  # said once
    if waiting is not None:
        lines.append(
            f"{waiting.sponsor or 'Sponsor'} akan menanggung iuran {you} "
            f"{month_label(waiting.start)} s.d. {month_label(waiting.end)} setelah iuran "
            f"{waiting.gap_label} dibayar.")
    if deadline >= today:
        if owed:
            months = waiting.owed_months(unpaid) if waiting is not None else unpaid
            lines.append(f"Jumlah yang perlu dibayar: {format_rupiah(owed)} ({months} bulan).")
        lines.append(
            f"Mohon dibayar paling lambat {long_date(deadline)} agar perlindungan JKK dan JKM "
            "tetap aktif dan kepesertaan tidak menjadi nonaktif."
        )
    else:
        lines.append(
            "Kepesertaan sudah nonaktif. Silakan bayar kembali agar perlindungan JKK dan JKM "
            "aktif lagi."
            + (f" Iuran {format_rupiah(per_month)} per bulan." if per_month else "")
        )
    lines.append(
        "Pembayaran bisa melalui agen Perisai, bank, aplikasi JMO, atau kantor BPJS "
        "Ketenagakerjaan Surakarta. Terima kasih."
    )
    return "\n".join(lines)


def sponsorship_message(
    *, contact: str, sponsor: str, workers: int, ends: date, pledged: int = 0,
) -> str:
    """A reminder to a sponsor whose sponsorship ends soon (Indonesian). With no worker
    assigned yet it offers help to enrol them instead of thanking for "0 pekerja"."""
    who = contact or sponsor
    thanks = (f"terima kasih atas dukungan {sponsor} untuk perlindungan {workers} pekerja BPU "
              "melalui BPJS Ketenagakerjaan." if workers else
              f"terima kasih atas kesediaan {sponsor} menanggung "
              f"{pledged or 'para'} pekerja BPU melalui BPJS Ketenagakerjaan. Belum ada pekerja "
              "yang terdaftar atas dukungan ini; kami siap membantu mendaftarkan mereka.")
    return "\n".join([
        f"Yth. {who},",
        thanks,
        f"Masa sponsor berakhir pada {month_label(ends)}. Kami berharap dukungan ini dapat "
        "diperpanjang agar para pekerja tetap terlindungi.",
        "Hormat kami, BPJS Ketenagakerjaan Cabang Surakarta.",
    ])

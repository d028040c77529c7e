"""Member status counts and the cut-offs they are counted at.

Apart from `progress_stats` because the Beranda's kept figures (`dashboard.py`) need only
these at start-up, not the queries that compute them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bpu_desktop.domain.followup import StatusCutoffs, status_cutoffs

from .database import Store
from .reference import load_rates


def cutoffs_for(store: Store, today: date) -> StatusCutoffs:
    return status_cutoffs(today, load_rates(store))


# Status is counted from the month nobody owes for (`domain.status.paid_through`): the
# later of the member's own `paid_until` and `covered_until`, the end of the live
# sponsorships' covers that continue paid_until without a gap (NULL for the self-paying
# and for a cover still waiting after a gap: `store/covers.py`). Counts and lists take
# the paid_until ranges on their indexes and then correct them for the enrolments a
# sponsor covers beyond paid_until, which the partial index `enrolments_covered` holds.
COVERED_BEYOND = "covered_until IS NOT NULL AND covered_until > paid_until"

Condition = Callable[[str], str]


def status_ranges(cut: StatusCutoffs) -> list[tuple[Condition, list[str]]]:
    """aktif, menunggak, nonaktif and segera nonaktif as conditions on a month column
    ("YYYY-MM" text), with their parameters (see `StatusCutoffs`)."""
    return [
        (lambda c: f"{c} >= ?", [cut.active_from_text]),
        (lambda c: f"{c} >= ? AND {c} < ?", [cut.arrears_from_text, cut.active_from_text]),
        (lambda c: f"{c} < ?", [cut.arrears_from_text]),
        (lambda c: f"{c} = ?", [cut.lapse_month_text or ""]),
    ]


@dataclass(frozen=True)
class StatusCounts:
    aktif: int
    menunggak: int
    nonaktif: int
    segera_nonaktif: int  # in arrears, and the next missed due date makes them inactive

    @property
    def total(self) -> int:
        return self.aktif + self.menunggak + self.nonaktif

    def as_dict(self) -> dict[str, int]:
        """JSON keys in English, like the rest of `bpu stats`."""
        return {"active": self.aktif, "arrears": self.menunggak, "inactive": self.nonaktif,
                "lapses_soon": self.segera_nonaktif}

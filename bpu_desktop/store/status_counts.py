"""Member status counts and the cut-offs they are counted at.

Apart from `progress_stats` because the Beranda's kept figures (`dashboard.py`) need only
these at start-up, not the queries that compute them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bpu_desktop.domain.followup import StatusCutoffs, status_cutoffs

from .database import Store
from .reference import load_rates


def cutoffs_for(store: Store, today: date) -> StatusCutoffs:
    return status_cutoffs(today, load_rates(store))


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

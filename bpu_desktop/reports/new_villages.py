"""The desa an import adds to the list: Wonogiri's desa are not shipped (users add them),
so a partner's Wonogiri list names desa the file does not know yet. Surakarta's 54
kelurahan are complete: an unknown one there stays an error (naming the kelurahan a
typo most likely means: the rules' own `village_typo`).

Before the rows are checked, the distinct (Kecamatan, Desa) cells of the sheet are looked
at once (`plan_villages`: one set of the Kecamatan cells, ~10 ms per 100,000 rows, when no
row is in Wonogiri): each desa of a Wonogiri kecamatan that is not listed becomes a
candidate, and the rules check the rows against the list plus the candidates. A candidate
one letter (or a space) away from a listed desa, or from a candidate of more rows in the
same kecamatan (`validation.villages_near`), is not added: its rows are refused with the
likely name (`VillagePlan.explain`). Only the desa of rows that are written are added
(`VillagePlan.written`), in the import's transaction, by `add_kelurahan`'s rules (name as
`village_name`, capitalised when typed all in capitals; id from the natural key).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from bpu_desktop.domain.money import format_number
from bpu_desktop.domain.regions import WONOGIRI, Kecamatan, find_kecamatan, village_name
from bpu_desktop.domain.validation import (
    CleanEnrolment,
    DetailsUpdate,
    EnrolmentInput,
    clean_name,
    village_typo,
    villages_near,
)
from bpu_desktop.store.kelurahan import kelurahan_key

from .column_mapping import ColumnMapping

MAX_NAMED = 10  # desa named in the summary; more are counted


def _text(value: object) -> str:
    """A cell as the rules read it (validation's `_text`): a whole float without .0,
    whitespace collapsed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


@dataclass
class VillagePlan:
    """What `plan_villages` found: the desa the rules may accept beyond the list, and the
    typed desa refused as likely typos."""

    # Kecamatan code -> new desa names (as they would be listed), in the sheet's order.
    added: dict[str, list[str]] = field(default_factory=dict)
    # (kecamatan code, desa key) -> the listed or added name it looks like.
    typos: dict[tuple[str, str], str] = field(default_factory=dict)
    # Kecamatan cell text -> the kecamatan, for the rows refused as typos.
    kecamatan: dict[str, Kecamatan | None] = field(default_factory=dict)
    # Every new desa (kecamatan code, name), in the sheet's order.
    order: list[tuple[str, str]] = field(default_factory=list)

    def known(self, listed: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
        """The list the rules check against: `listed` plus the new desa."""
        known = {code: list(names) for code, names in listed.items()}
        for code, names in self.added.items():
            known.setdefault(code, []).extend(names)
        return known

    def explain(self, raw: EnrolmentInput, errors: dict[str, str]) -> None:
        """A refused row's Kelurahan error, for a desa left out as a likely typo: the name
        it most likely means."""
        if "kelurahan" not in errors or not self.typos:
            return
        kec = self.kecamatan.get(_text(raw.kecamatan))
        typed = _text(raw.kelurahan)
        likely = self.typos.get((kec.code, kelurahan_key(typed))) if kec else None
        if kec is not None and likely is not None:
            errors["kelurahan"] = village_typo(typed, kec, likely)

    def written(self, rows: Iterable[CleanEnrolment | DetailsUpdate]) -> list[tuple[str, str]]:
        """The new desa (kecamatan code, name) that `rows` name, in the sheet's order."""
        wanted = {(code, name) for code, names in self.added.items() for name in names}
        if not wanted:
            return []
        used: set[tuple[str, str]] = set()
        for clean in rows:
            pair = (clean.kecamatan_code, clean.kelurahan)
            if pair in wanted and pair not in used:
                used.add(pair)
                if len(used) == len(wanted):
                    break
        return [pair for pair in self.order if pair in used]


NO_VILLAGES = VillagePlan()


def plan_villages(body: Sequence[Sequence[Any]], mapping: ColumnMapping,
                  listed: Mapping[str, Sequence[str]], kecamatan: Sequence[Kecamatan],
                  cell: Callable[[Any, str], Any]) -> VillagePlan:
    """The Wonogiri desa of `body` not in `listed` (kecamatan code -> names): those to
    add, and those that look like a typo of a listed or more frequent desa. `cell` reads a
    cell as the import's row reader does."""
    kc, lc = mapping.columns.get("kecamatan"), mapping.columns.get("kelurahan")
    if kc is None or lc is None or not body:
        return NO_VILLAGES
    plan = VillagePlan()

    def kecamatan_of(kec_cell: object) -> Kecamatan | None:
        text = _text(cell(kec_cell, "kecamatan") if kec_cell is not None else "")
        if text not in plan.kecamatan:
            plan.kecamatan[text] = find_kecamatan(text, among=kecamatan) if text else None
        return plan.kecamatan[text]

    def in_wonogiri(kec_cell: object) -> bool:
        kec = kecamatan_of(kec_cell)
        return kec is not None and kec.city_code == WONOGIRI

    # The kecamatan cells first (one hash per row): a list without a Wonogiri row, as
    # most of Solo's, stops here.
    wide = min(map(len, body)) > max(kc, lc)  # calamine's rows are as wide as the sheet
    if wide:
        kecamatan_cells = set(map(itemgetter(kc), body))
    else:
        kecamatan_cells = {row[kc] if kc < len(row) else None for row in body}
    if not any(map(in_wonogiri, kecamatan_cells)):
        return NO_VILLAGES
    if wide:
        pairs = Counter(map(itemgetter(kc, lc), body))
    else:
        pairs = Counter((row[kc] if kc < len(row) else None, row[lc] if lc < len(row) else None)
                        for row in body)
    # (kecamatan code, desa key) -> its spellings and their rows, in the order first seen.
    found: dict[tuple[str, str], Counter[str]] = {}
    for (kec_cell, desa_cell), rows in pairs.items():
        kec = kecamatan_of(kec_cell)
        typed = _text(cell(desa_cell, "kelurahan") if desa_cell is not None else "")
        if kec is None or kec.city_code != WONOGIRI or not village_name(typed):
            continue
        found.setdefault((kec.code, kelurahan_key(typed)), Counter())[typed] += rows
    listed_keys = {code: {kelurahan_key(n): n for n in names} for code, names in listed.items()}
    # The desa of most rows first: a rarer one a letter off it is taken for its typo. A new
    # desa is listed in the spelling of most rows (capitalised when typed in one case).
    accepted: dict[tuple[str, str], str] = {}
    by_rows = sorted(enumerate(found.items()), key=lambda e: (-e[1][1].total(), e[0]))
    for _, ((code, key), spellings) in by_rows:
        listed_here = listed_keys.get(code, {})
        if key in listed_here:
            continue
        likely = next((name for other, name in listed_here.items()
                       if villages_near(key, other)), None) or next(
            (name for (c, other), name in accepted.items()
             if c == code and villages_near(key, other)), None)
        if likely is not None:
            plan.typos[(code, key)] = likely
        else:
            accepted[(code, key)] = clean_name(village_name(spellings.most_common(1)[0][0]))
    for pair in found:
        name = accepted.get(pair)
        if name is not None:
            plan.added.setdefault(pair[0], []).append(name)
            plan.order.append((pair[0], name))
    return plan if plan.added or plan.typos else NO_VILLAGES


def villages_note(villages: Sequence[tuple[str, str]], names: Mapping[str, str], *,
                  saved: bool) -> str:
    """'3 desa baru ditambahkan ke daftar: Sumberagung (Pracimantoro), …' (`names`:
    kecamatan code -> name); 'akan ditambahkan' before anything is saved."""
    shown = ", ".join(f"{name} ({names.get(code, code)})" for code, name in villages[:MAX_NAMED])
    more = len(villages) - MAX_NAMED
    tail = f" dan {format_number(more)} lainnya" if more > 0 else ""
    verb = "ditambahkan" if saved else "akan ditambahkan"
    return f"{format_number(len(villages))} desa baru {verb} ke daftar: {shown}{tail}."

"""Merge officers' files into the branch file: set-based SQL, all or nothing, nothing silent.

Row identity is the UUID. For a row both files have (S incoming, T here):

* same content (every non-stamp column, tombstone included; a desa's name without case,
  see `CASELESS_COLUMNS`) -> identical, nothing written;
* S.version > T.version and S's file once held revision T -> S replaces T (S built on T);
* S.version <= T.version and this file once held revision S -> S is stale, T kept;
* S's file has no history for the row (made without audit) -> the higher version wins,
  equal versions with different content are a conflict;
* otherwise both sides changed since they last agreed -> conflict, T kept.

"Once held revision R" is read from that file's audit log: every local change is audited
at its own `updated_at` by its device, and every merged or resolved revision carries its
`updated_at` in the audit row's `new` (see `_descends`). A version counter alone cannot
tell "edited twice after seeing your edit" from "edited twice without seeing it".

A row is new when its id is unknown here; it waits in the conflict list instead when it
would break a live-unique index (same NIK enrolled twice under two ids) or its parent row
is waiting there (the enrolment of such a member). A live row here that the same file
deletes holds no key: a file whose duplicate was decided brings the dropped copy's
deletion and the copy kept together, the deletion is written first, and the kept copy
comes in beside it (no conflict for a decision already taken). In a table whose rows are only their
key (partners: a name, see `SAME_KEY_SAME_ROW`) such a clash is the same thing typed on
two laptops: the row here is kept and the incoming id is stored as a tombstone with the
incoming stamps, so it is known ("seen") and never raised again, nor deleted anywhere.
A desa (kelurahan) is its kecamatan and name: one the file holds under another id than
this file does is inserted, then folded into one live row (`kelurahan.fold_duplicates`,
the same rule as migration m012, in the same transaction, a change of this file's own),
and counted as joined.
Every write gets an audit row with source "merge:<file>" and the incoming device as
origin. Files are merged in one transaction after a backup; `dry_run` runs the very same
work and rolls it back, so the preview counts are exact.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bpu_desktop.domain.money import format_number

from .backup import backup_before
from .clock import new_id, utc_now
from .database import Store, require_intact
from .errors import (
    RESTORE_HINT,
    DamagedFileError,
    StoreError,
    is_damage,
    translate_sqlite_error,
)
from .kelurahan import fold_duplicates
from .merge_schema import STAMP_COLUMNS, RecordTable, record_tables
from .merge_sources import MergeSource, prepare_source
from .progress import NO_PROGRESS, Cancelled, Progress

MERGE_CACHE_KIB = -262_144  # 256 MiB page cache while merging
_UUID_SQL = ("lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || "
             "substr(hex(randomblob(2)), 2) || '-' || "
             "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || "
             "'-' || hex(randomblob(6)))")


@dataclass
class TableCounts:
    new: int = 0
    updated: int = 0
    identical: int = 0
    deleted: int = 0
    conflicts: int = 0
    older: int = 0
    same_key: int = 0  # of `identical`: rows merged into a live row with the same key

    def add(self, other: TableCounts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def changes(self) -> int:
        return self.new + self.updated + self.deleted


@dataclass
class FileReport:
    name: str
    device_id: str
    officer: str
    checksum: str
    merged_before: str | None = None  # when this exact file was merged already
    tables: dict[str, TableCounts] = field(default_factory=dict)
    new_conflicts: int = 0  # conflicts this file added to the list (not listed before)
    # Rows for a copy a duplicate decision dropped that could not move to the copy kept
    # (`conflicts.carry_to_kept`), one line per person: said in the summary, never silent.
    unmoved: list[str] = field(default_factory=list)

    def total(self) -> TableCounts:
        total = TableCounts()
        for counts in self.tables.values():
            total.add(counts)
        return total

    @property
    def already_merged(self) -> bool:
        """Nothing new came in: "sudah digabung".

        Decided by content, not by checksum: every row is identical, older or already in
        the conflict list (the same data as a .db and as a .bpu, or merged before).
        """
        return self.total().changes == 0 and self.new_conflicts == 0


@dataclass
class MergeReport:
    files: list[FileReport]
    dry_run: bool
    backup: Path | None = None
    new_conflicts: int = 0
    labels: dict[str, str] = field(default_factory=dict)

    def per_table(self) -> dict[str, TableCounts]:
        totals: dict[str, TableCounts] = {}
        for report in self.files:
            for table, counts in report.tables.items():
                totals.setdefault(table, TableCounts()).add(counts)
        return totals

    def total(self) -> TableCounts:
        total = TableCounts()
        for counts in self.per_table().values():
            total.add(counts)
        return total

    def same_key_notes(self) -> list[str]:
        """One line per table where rows were joined to a live one (CLI and dialog)."""
        return [f"{self.labels.get(table, table)}: {format_number(counts.same_key)} sama "
                "dengan yang sudah ada di cabang, disatukan (bukan konflik)."
                for table, counts in self.per_table().items() if counts.same_key]

    def notes(self) -> list[str]:
        """The summary's lines under the counts (CLI and dialog): rows joined to a live
        one, then each file's rows that could not follow a duplicate decision."""
        return [*self.same_key_notes(),
                *(f"{file.name}: {line}" for file in self.files for line in file.unmoved)]


class _DryRun(Exception):
    """Raised to roll a preview back."""


def merge_files(
    store: Store,
    paths: Sequence[Path],
    *,
    dry_run: bool = False,
    progress: Progress = NO_PROGRESS,
    passphrase: str | None = None,
    backup: bool = True,
    confirm: Callable[[MergeReport], bool] | None = None,
) -> MergeReport:
    """Merge `paths` into `store`; a StoreError (nothing written) names the bad file.

    `confirm` sees the exact counts before the commit (the CLI prints them there); when it
    returns False everything rolls back and the report is marked `dry_run`.
    """
    if not paths:
        raise StoreError("Pilih minimal satu berkas petugas untuk digabung.")
    limit = store.conn.getlimit(sqlite3.SQLITE_LIMIT_ATTACHED)
    if len(paths) > limit:
        raise StoreError(f"Paling banyak {limit} berkas sekaligus; gabungkan sisanya "
                         "setelah ini selesai.")
    own = Path(store.path).resolve()
    for path in paths:
        if Path(path).expanduser().resolve() == own:
            raise StoreError(f"{Path(path).name} adalah berkas cabang itu sendiri.")
    with tempfile.TemporaryDirectory(prefix="bpu-gabung-") as tmp:
        sources = []
        for number, path in enumerate(paths):
            progress.step(0, 0, f"Memeriksa {Path(path).name} ({number + 1}/{len(paths)})")
            sources.append(prepare_source(Path(path), Path(tmp), passphrase=passphrase))
        with _attached(store.conn, sources) as aliases:
            return _merge_attached(store, sources, aliases, dry_run=dry_run,
                                   progress=progress, backup=backup, confirm=confirm)


@contextlib.contextmanager
def _attached(conn: sqlite3.Connection, sources: list[MergeSource]) -> Iterator[list[str]]:
    aliases: list[str] = []
    try:
        for number, source in enumerate(sources):
            alias = f"incoming{number}"
            try:
                conn.execute("ATTACH DATABASE ? AS " + alias, (source.attach,))
            except sqlite3.Error as exc:
                raise StoreError(f"{source.name}: berkas tidak dapat dibuka ({exc}).") from exc
            aliases.append(alias)
        yield aliases
    finally:
        for alias in aliases:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("DETACH DATABASE " + alias)


def _merge_attached(store: Store, sources: list[MergeSource], aliases: list[str], *,
                    dry_run: bool, progress: Progress, backup: bool,
                    confirm: Callable[[MergeReport], bool] | None) -> MergeReport:
    conn = store.conn
    tables = record_tables(conn)
    report = MergeReport(files=[], dry_run=dry_run,
                         labels={t.name: t.label for t in tables})
    total = sum(_count(conn, alias, t.name) for alias in aliases for t in tables
                if _has_table(conn, alias, t.name))
    conn.set_progress_handler(lambda: 1 if progress.cancelled else 0, 20_000)
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    # Parents are checked set-based before each insert (orphans wait as conflicts), so the
    # per-row check is switched off for the merge only; a big cache keeps index inserts
    # in memory.
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(f"PRAGMA cache_size = {MERGE_CACHE_KIB}")
    conn.execute("PRAGMA temp_store = MEMORY")
    done = 0
    current = ""
    try:
        with store.write():
            for source, alias in zip(sources, aliases, strict=True):
                file_report = FileReport(
                    name=source.name, device_id=source.device_id, officer=source.officer,
                    checksum=source.checksum, merged_before=_merged_before(conn, source))
                current = source.name
                merger = _FileMerger(store, source, alias)
                for table in tables:
                    progress.step(done, total, f"{source.name}: {table.label}")
                    if not _has_table(conn, alias, table.name):
                        continue
                    file_report.tables[table.name] = merger.merge_table(table)
                    done += _count(conn, alias, table.name)
                _fold_kelurahan(store, source, file_report)
                _carry_to_kept(store, source, alias, file_report)
                _refresh_covers(store, source, file_report)
                file_report.new_conflicts = merger.recorded
                report.new_conflicts += merger.recorded
                _log(store, source, file_report)
                report.files.append(file_report)
            progress.step(total, total, "Menyimpan")
            writes = bool(report.total().changes or report.new_conflicts
                          or report.total().same_key)
            if writes:
                # Something will be written (a preview says what would be): the branch
                # file, as committed, is checked first, so a damaged one is neither
                # written nor backed up. A merge with nothing new skips the ~2.7 s.
                progress.step(total, total, f"Memeriksa {Path(store.path).name}")
                _require_intact_branch(Path(store.path))
            if dry_run:
                raise _DryRun
            if confirm is not None and not confirm(report):
                report.dry_run = True
                raise _DryRun
            if backup and writes:
                # The committed file is still exactly as before: back it up now, through
                # its own connection, only when something will really be written.
                report.backup = _backup_committed(Path(store.path))
    except _DryRun:
        pass
    except DamagedFileError as exc:
        if not isinstance(exc.__cause__, sqlite3.Error):
            raise  # worded already (the branch check above)
        # A damaged page met while merging (store.write() translated it): the officers'
        # files were checked whole before, so name the branch if it is the damaged one.
        _require_intact_branch(Path(store.path))
        raise DamagedFileError(f"{current}: {exc.message} Tidak ada yang diubah.") from exc
    except sqlite3.DatabaseError as exc:
        if "interrupt" in str(exc).lower():
            raise Cancelled("Dibatalkan; tidak ada data yang diubah.") from exc
        translated = translate_sqlite_error(exc)
        if translated is None:
            raise
        if is_damage(exc):
            _require_intact_branch(Path(store.path))  # as above
        raise type(translated)(f"{current}: {translated.message} Tidak ada yang diubah."
                               ) from exc
    finally:
        conn.set_progress_handler(None, 0)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = {int(cache)}")
        conn.execute("PRAGMA temp_store = DEFAULT")
    return report


def _fold_kelurahan(store: Store, source: MergeSource, report: FileReport) -> None:
    """A desa the file holds under another id than this file does (added before ids came
    from the name, or in an older app) is the same desa: one live row stays, in this
    transaction, and the file's row counts as joined ("disatukan"), not as new."""
    counts = report.tables.get("kelurahan")
    if counts is None or not (counts.new or counts.updated):
        return  # this file was folded already (m012, earlier merges): nothing new to fold
    folded = fold_duplicates(store.conn, officer=store.officer, origin=store.device_id,
                             source=f"merge:{source.name}")
    joined = min(len(folded), counts.new)
    counts.new -= joined
    counts.identical += joined
    counts.same_key += joined


def _carry_to_kept(store: Store, source: MergeSource, alias: str,
                   report: FileReport) -> None:
    """A payment, sponsor link or contact the officer recorded for a copy of a person a
    supervisor's decision dropped (same NIK on two laptops) goes to the copy kept
    (`conflicts.carry_to_kept`), not onto the deleted member. Nothing to look at when no
    such row came in. What cannot move is said in the summary (`FileReport.unmoved`)."""
    if not any(report.tables[t].changes for t in ("payments", "sponsorship_members",
                                                  "followup_contacts") if t in report.tables):
        return
    from .conflicts import carry_to_kept

    report.unmoved = carry_to_kept(store, alias, source=f"merge:{source.name}")


# An enrolment's columns that follow its payments and sponsor links (and, for a combined
# duplicate, its member): what a dropped copy's later revision may change without a new
# conflict, since those rows move to the copy kept (`_FileMerger._settled_by_decision`).
SETTLED_COLUMNS = frozenset({"paid_until", "covered_until", "sponsorship_id", "member_id",
                             "deleted_at"})


# An enrolment's columns a duplicate decision writes on the copy it keeps
# (`conflicts._Resolver._carry`): the months the moved payments reach, the moved event and
# pledge links, and the sponsor cover that follows them. The kept officer's next revision
# of that enrolment is merged with them, not raised as a conflict (`_FileMerger._kept_copy`).
KEPT_COLUMNS = frozenset({"paid_until", "covered_until", "sponsorship_id", "event_id"})
# Of those, the months "paid until": changed on both sides, the later month stands (what
# recording both sides' payments in one file would have written).
_LATER_MONTH_WINS = frozenset({"paid_until", "covered_until"})


def kept_copy_values(store: Store, mine: dict[str, object], incoming: dict[str, object],
                     device: str) -> dict[str, object] | None:
    """The branch's values to write over an officer's revision of a kept copy's enrolment
    (empty: the officer's revision as it came), or None when it is a real conflict.

    Since the revision both sides held (`conflict_base.base_revision`) the branch may
    have changed only `KEPT_COLUMNS` (a decision's move); those stay unless the officer
    changed them too, where the later month stands (`_LATER_MONTH_WINS`) and any other
    column changed differently on both sides is still a conflict."""
    from .conflict_base import base_revision

    if mine.get("deleted_at") is not None or incoming.get("deleted_at") is not None:
        return None
    base = base_revision(store, "enrolments", dict(mine), dict(incoming), device)
    if base is None:
        return None
    keep: dict[str, object] = {}
    for name, value in incoming.items():
        if name in STAMP_COLUMNS or mine.get(name) == value:
            continue
        if name not in base:
            return None
        branch = mine.get(name) != base[name]
        officer = value != base[name]
        if branch and name not in KEPT_COLUMNS:
            return None
        if branch and not officer:
            keep[name] = mine.get(name)
        elif branch and officer:
            if name not in _LATER_MONTH_WINS:
                return None
            later = max(str(v) for v in (mine.get(name), value) if v is not None)
            if later != value:
                keep[name] = later
    return keep


# Tables whose rows decide which months a sponsor pays for (store/covers.py).
_COVER_TABLES = ("enrolments", "sponsorships", "sponsorship_members", "sponsors")


def _refresh_covers(store: Store, source: MergeSource, report: FileReport) -> None:
    """`enrolments.covered_until` follows the merged assignments and sponsorships: an
    assignment made on one laptop and its pledge shortened on another each came in whole,
    but the month the sponsor pays to is only known once both are here. A change of this
    file's own, in this transaction (like the kelurahan fold); nothing when no cover
    changed."""
    if any(report.tables[t].changes for t in _COVER_TABLES if t in report.tables):
        from .covers import refresh_covers

        refresh_covers(store, source=f"merge:{source.name}")


def _require_intact_branch(path: Path) -> None:
    """`quick_check` of the branch file as committed (this transaction's writes unseen),
    through its own read-only connection, as `_backup_committed` reads it."""
    reader = sqlite3.connect(str(path))
    try:
        require_intact(reader, message=f"{path.name}: Berkas data rusak; tidak ada yang "
                       f"diubah. {RESTORE_HINT}")
    finally:
        reader.close()


def _backup_committed(path: Path) -> Path:
    reader = sqlite3.connect(str(path))
    try:
        return backup_before(reader, path, reason="sebelum-gabung")
    finally:
        reader.close()


def _has_table(conn: sqlite3.Connection, alias: str, table: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {alias}.sqlite_master WHERE type = 'table' "
                        "AND name = ?", (table,)).fetchone() is not None


def _count(conn: sqlite3.Connection, alias: str, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {alias}.{table}").fetchone()[0])


def _merged_before(conn: sqlite3.Connection, source: MergeSource) -> str | None:
    row = conn.execute("SELECT min(merged_at) FROM merge_log WHERE checksum = ?",
                       (source.checksum,)).fetchone()
    return row[0] if row and row[0] else None


def _log(store: Store, source: MergeSource, report: FileReport) -> None:
    counts = {name: vars(c) for name, c in report.tables.items()}
    store.conn.execute(
        "INSERT INTO merge_log(id, merged_at, merged_by, file_name, checksum, device_id, "
        "officer, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (new_id(), utc_now(), store.officer, source.name, source.checksum, source.device_id,
         source.officer, json.dumps(counts)),
    )


def _stamp_eq(a: str, b: str) -> str:
    return (f"({a}.version = {b}.version AND {a}.updated_at = {b}.updated_at "
            f"AND {a}.origin = {b}.origin)")


def _json(alias: str, columns: Sequence[str]) -> str:
    return "json_object(" + ", ".join(f"'{c}', {alias}.{c}" for c in columns) + ")"


class _FileMerger:
    """The SQL for one incoming file, table by table, inside the caller's transaction."""

    def __init__(self, store: Store, source: MergeSource, alias: str) -> None:
        self.store = store
        self.conn = store.conn
        self.source = source
        self.alias = alias
        self.params = {"now": utc_now(), "officer": store.officer,
                       "source": f"merge:{source.name}", "file": source.name,
                       "device": source.device_id, "run": new_id()}
        self.recorded = 0
        # Enrolment id -> (branch values written back over the officer's revision, the
        # version here before it): see `_kept_copy`.
        self.kept: dict[str, tuple[dict[str, object], int]] = {}

    def _exec(self, sql: str, **params: object) -> sqlite3.Cursor:
        return self.conn.execute(sql, {**self.params, **params})

    def merge_table(self, table: RecordTable) -> TableCounts:
        """Classify every incoming row in one pass, then write each class set-based."""
        incoming = {r[1] for r in self.conn.execute(
            f"PRAGMA {self.alias}.table_info({table.name})")}
        columns = [c for c in table.columns if c in incoming]
        content = [c for c in table.content if c in incoming]
        self._classify(table, content)
        self._settled_by_decision(table, content)
        self._kept_copy(table, content)
        self._hold_back(table)
        if table.same_key_same_row:
            self._merge_same_key(table, columns)
        self._apply_updates(table, columns)
        self._keep_branch_values(table)
        self._conflicts_from(table, columns)
        counts = self._counts(table)
        counts.new = self._insert_new(table, columns)
        self._exec("DROP TABLE temp.merge_rows")
        return counts

    # -- expressions on the incoming row `s` ----------------------------------------
    @staticmethod
    def _descends(later: str, earlier: str, schema: str) -> str:
        """True when the file holding `later` once held, or decided on, revision `earlier`.

        Its audit log says so (a local change is audited at its own updated_at by its
        device; a merged or resolved revision carries its updated_at in `new`), or its
        conflict list holds that revision as decided. Seed rows start equal everywhere.
        """
        return (f"({_stamp_eq(later, earlier)} "
                f"OR ({earlier}.origin = 'seed' AND {earlier}.version = 1) "
                f"OR EXISTS (SELECT 1 FROM {schema}.audit_log a WHERE a.table_name = :table "
                f"AND a.row_id = {later}.id AND a.origin = {earlier}.origin "
                f"AND (a.at = {earlier}.updated_at "
                f"OR json_extract(a.new, '$.updated_at') = {earlier}.updated_at)) "
                f"OR EXISTS (SELECT 1 FROM {schema}.merge_conflicts d "
                f"WHERE d.table_name = :table AND d.row_id = {later}.id "
                f"AND d.incoming_version = {earlier}.version "
                f"AND d.incoming_updated_at = {earlier}.updated_at "
                f"AND d.incoming_origin = {earlier}.origin AND d.status = 'resolved'))")

    def _clash_sql(self, table: RecordTable, freed: bool) -> str:
        """Id of a different live row here that `s` would collide with, else NULL.

        A row this same file deletes (`temp.merge_freed`, when `freed`) is no clash: its
        deletion is written first (`_apply_updates`), so the row that takes its key (the
        copy a duplicate decision kept, with the dropped copy's tombstone) comes in
        beside it."""
        parts = []
        for index in table.uniques:
            cond = " AND ".join(f"t2.{c} = s.{c}" for c in index.columns)
            if index.live_only:
                cond += " AND t2.deleted_at IS NULL"
                if freed:
                    cond += " AND t2.id NOT IN temp.merge_freed"
            elif index.where:
                cond += f" AND ({index.where})"
            guard = "s.deleted_at IS NULL AND " if index.live_only else ""
            parts.append(f"(SELECT t2.id FROM main.{table.name} t2 WHERE {guard}{cond} "
                         "AND t2.id <> s.id LIMIT 1)")
        if not parts:
            return "NULL"
        return parts[0] if len(parts) == 1 else "COALESCE(" + ", ".join(parts) + ")"

    def _orphan_sql(self, table: RecordTable) -> str:
        """True when a parent row `s` points to is not here (it waits as a conflict)."""
        parts = [f"(s.{fk.column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                 f"main.{fk.parent} p WHERE p.{fk.parent_column} = s.{fk.column}))"
                 for fk in table.foreign_keys]
        return " OR ".join(parts) if parts else "0"

    # -- the passes ------------------------------------------------------------------
    def _classify(self, table: RecordTable, content: list[str]) -> None:
        t, src = table.name, f"{self.alias}.{table.name}"
        same = " AND ".join(
            f"s.{c} IS t.{c}" + (" COLLATE NOCASE" if c in table.caseless else "")
            for c in content) or "1"
        if table.same_key_same_row:
            # The tombstone that records a same-key row as seen (see _merge_same_key).
            same = (f"({same}) OR ({_stamp_eq('s', 't')} AND s.deleted_at IS NULL "
                    "AND t.deleted_at IS NOT NULL)")
        self._exec("DROP TABLE IF EXISTS temp.merge_rows")
        self._exec(f"""CREATE TEMP TABLE merge_rows AS
            SELECT s.rowid AS srow, s.id AS id,
              CASE
                WHEN t.id IS NULL THEN 'new'
                WHEN s.version > t.version AND {self._descends('s', 't', self.alias)}
                    THEN 'update'
                WHEN s.version <= t.version AND {self._descends('t', 's', 'main')}
                    THEN 'older'
                WHEN NOT EXISTS (SELECT 1 FROM {self.alias}.audit_log a
                                 WHERE a.table_name = :table AND a.row_id = s.id)
                    THEN CASE WHEN s.version > t.version THEN 'update'
                              WHEN s.version < t.version THEN 'older' ELSE 'conflict' END
                ELSE 'conflict' END AS action,
              (t.id IS NOT NULL AND s.deleted_at IS NOT NULL AND t.deleted_at IS NULL)
                  AS deletes,
              CAST(NULL AS TEXT) AS other_id
            FROM {src} s LEFT JOIN main.{t} t ON t.id = s.id
            WHERE t.id IS NULL OR NOT ({same})""", table=t)

    def _settled_by_decision(self, table: RecordTable, content: list[str]) -> None:
        """An enrolment of a copy of a person a supervisor's decision dropped (duplicate
        NIK), changed since on the officer's laptop only in what payments and sponsor
        links move (`SETTLED_COLUMNS`): those rows follow the kept copy now
        (`conflicts.carry_to_kept`), so the decision stands and no conflict is raised
        again. Counted as "lebih lama". Any other change of it is still a conflict."""
        if table.name != "enrolments" or "member_id" not in content:
            return
        same = " AND ".join(f"s.{c} IS t.{c}" for c in content
                            if c not in SETTLED_COLUMNS) or "1"
        self._exec(f"""UPDATE temp.merge_rows SET action = 'older'
            WHERE action = 'conflict' AND EXISTS (
              SELECT 1 FROM {self.alias}.enrolments s JOIN main.enrolments t ON t.id = s.id
              WHERE s.rowid = merge_rows.srow AND t.deleted_at IS NOT NULL
                AND s.deleted_at IS NULL AND {same}
                AND EXISTS (SELECT 1 FROM main.merge_conflicts d
                  WHERE d.table_name = 'members' AND d.kind = 'duplicate'
                    AND d.status = 'resolved' AND d.row_id <> d.other_id
                    AND ((d.other_id = s.member_id
                          AND json_extract(d.decision, '$.decision') = 'theirs')
                      OR (d.row_id = s.member_id
                          AND json_extract(d.decision, '$.decision') IN ('mine', 'combine')))))
            """)

    def _kept_copy(self, table: RecordTable, content: list[str]) -> None:
        """The enrolment of the copy a duplicate-NIK decision kept, changed since on its
        officer's laptop (a payment moves its "paid until") while the decision wrote the
        moved payments' months and links on it here: not a conflict when the branch
        changed only those (`kept_copy_values`). The officer's revision comes in as an
        update, then the branch's values are written back over it as a change of this
        file's own (`_keep_branch_values`), so merging the same file again finds it
        older. Any other change on both sides is still a conflict."""
        if table.name != "enrolments" or "member_id" not in content:
            return
        columns = [*content, *(c for c in STAMP_COLUMNS if c not in content)]
        found = self._exec(f"""SELECT r.id, {_json('s', columns)}
            FROM temp.merge_rows r JOIN {self.alias}.enrolments s ON s.rowid = r.srow
            WHERE r.action = 'conflict' AND EXISTS (SELECT 1 FROM main.merge_conflicts d
              WHERE d.table_name = 'members' AND d.kind = 'duplicate'
                AND d.status = 'resolved' AND d.row_id <> d.other_id
                AND ((d.row_id = s.member_id
                      AND json_extract(d.decision, '$.decision') = 'theirs')
                  OR (d.other_id = s.member_id
                      AND json_extract(d.decision, '$.decision') IN ('mine', 'combine'))))
            """).fetchall()
        from .records import get_record

        for row_id, incoming in found:
            mine = get_record(self.store, "enrolments", row_id, include_deleted=True)
            if mine is None:
                continue
            keep = kept_copy_values(self.store, mine, json.loads(incoming),
                                    self.source.device_id)
            if keep is None:
                continue
            self.kept[row_id] = (keep, int(mine["version"]))
            self._exec("UPDATE temp.merge_rows SET action = 'update' WHERE id = :id",
                       id=row_id)

    def _keep_branch_values(self, table: RecordTable) -> None:
        """Write the branch's values of a kept copy's enrolment back over the officer's
        revision just applied (`_kept_copy`), one version above both, audited."""
        if table.name != "enrolments" or not self.kept:
            return
        from .audit import write_audit

        for row_id, (keep, version) in self.kept.items():
            if not keep or self._exec(
                    "SELECT 1 FROM temp.merge_rows WHERE id = :id AND action = 'update'",
                    id=row_id).fetchone() is None:
                continue  # held back after all (`_hold_back`), or nothing to write back
            row = self.conn.execute(
                f"SELECT version, {', '.join(keep)} FROM main.enrolments WHERE id = ?",
                (row_id,)).fetchone()
            stamp = {"updated_at": utc_now(), "updated_by": self.params["officer"],
                     "origin": self.store.device_id, "version": max(row[0], version) + 1}
            values = {**keep, **stamp}
            self.conn.execute(
                "UPDATE main.enrolments SET " + ", ".join(f"{k} = ?" for k in values)
                + " WHERE id = ?", [*values.values(), row_id])
            write_audit(self.conn, officer=str(self.params["officer"]),
                        origin=self.store.device_id, table="enrolments", row_id=row_id,
                        action="update", old=dict(zip(keep, row[1:], strict=True)),
                        new=keep, source=str(self.params["source"]),
                        at=stamp["updated_at"])

    def _freed(self, table: RecordTable) -> bool:
        """Collect the live rows here this file deletes (`temp.merge_freed`); whether any.

        A deletion holds no key, so it is never held back as a duplicate itself, and it
        is written before any other update or insert of the table (`_apply_updates`)."""
        if not any(index.live_only for index in table.uniques):
            return False
        self._exec("DROP TABLE IF EXISTS temp.merge_freed")
        self._exec("CREATE TEMP TABLE merge_freed(id TEXT PRIMARY KEY) WITHOUT ROWID")
        # A deletion whose parent is not here waits as a dependent (see below): not freed.
        return bool(self._exec(f"""INSERT INTO temp.merge_freed(id)
            SELECT r.id FROM temp.merge_rows r JOIN {self.alias}.{table.name} s
              ON s.rowid = r.srow
            WHERE r.action = 'update' AND r.deletes AND NOT ({self._orphan_sql(table)})
            """).rowcount)

    def _hold_back(self, table: RecordTable) -> None:
        """Rows that would clash with a live-unique row, or whose parent is not here."""
        src = f"{self.alias}.{table.name}"
        if table.uniques:
            freed = self._freed(table)
            self._exec(f"""UPDATE temp.merge_rows SET other_id =
                (SELECT {self._clash_sql(table, freed)} FROM {src} s
                 WHERE s.rowid = merge_rows.srow)
                WHERE action IN ('new', 'update')""")
            self._exec("UPDATE temp.merge_rows SET action = 'duplicate' "
                       "WHERE other_id IS NOT NULL AND action IN ('new', 'update')")
            self._exec("DROP TABLE IF EXISTS temp.merge_freed")
        if table.foreign_keys:
            self._exec(f"""UPDATE temp.merge_rows SET action = 'dependent'
                WHERE action IN ('new', 'update') AND EXISTS (SELECT 1 FROM {src} s
                    WHERE s.rowid = merge_rows.srow AND ({self._orphan_sql(table)}))""")

    def _apply_updates(self, table: RecordTable, columns: list[str]) -> None:
        t, src = table.name, f"{self.alias}.{table.name}"
        cols = [c for c in columns if c != "id"]
        # Audit first, while the old values are still there.
        self._exec(f"""INSERT INTO main.audit_log(id, at, officer, origin, table_name, row_id,
                action, old, new, source)
            SELECT :run || ':' || :table || ':u:' || printf('%012d', s.rowid), :now, :officer,
                s.origin, :table, s.id, CASE WHEN r.deletes THEN 'delete' ELSE 'update' END,
                {_json('t', columns)}, {_json('s', columns)}, :source
            FROM temp.merge_rows r JOIN {src} s ON s.rowid = r.srow
            JOIN main.{t} t ON t.id = r.id
            WHERE r.action = 'update'""", table=t)
        # Deletions first: the key a deleted row held may be taken by another update
        # (see `_clash_sql`), and a unique index is checked row by row.
        for deletes in (1, 0):
            self._exec(f"""UPDATE main.{t} AS t SET {', '.join(f'{c} = s.{c}' for c in cols)}
                FROM temp.merge_rows r JOIN {src} s ON s.rowid = r.srow
                WHERE t.id = r.id AND r.action = 'update' AND r.deletes = :deletes""",
                       deletes=deletes)

    def _counts(self, table: RecordTable) -> TableCounts:
        counts = TableCounts()
        listed = 0
        for action, deletes, n in self._exec(
                "SELECT action, deletes, count(*) FROM temp.merge_rows GROUP BY 1, 2"):
            listed += n
            if action == "update":
                if deletes:
                    counts.deleted += n
                else:
                    counts.updated += n
            elif action == "older":
                counts.older += n
            elif action == "same":
                counts.same_key += n
            elif action != "new":
                counts.conflicts += n
        counts.identical = (_count(self.conn, self.alias, table.name) - listed
                            + counts.same_key)
        return counts

    def _merge_same_key(self, table: RecordTable, columns: list[str]) -> None:
        """New rows whose key is live here already: keep ours, store theirs as seen.

        The incoming row is written as a tombstone with its own stamps, so the next merge
        of that file finds it identical, and a file holding it live never loses it.
        """
        t, src = table.name, f"{self.alias}.{table.name}"
        self._exec(f"""UPDATE temp.merge_rows SET action = 'same'
            WHERE action = 'duplicate'
              AND NOT EXISTS (SELECT 1 FROM main.{t} x WHERE x.id = merge_rows.id)""")
        before = self._exec(f"SELECT coalesce(max(rowid), 0) FROM main.{t}").fetchone()[0]
        values = [":now" if c == "deleted_at" else f"s.{c}" for c in columns]
        cur = self._exec(f"""INSERT INTO main.{t} ({', '.join(columns)})
            SELECT {', '.join(values)} FROM {src} s
            WHERE s.rowid IN (SELECT srow FROM temp.merge_rows WHERE action = 'same')""")
        if cur.rowcount:
            self._exec(f"""INSERT INTO main.audit_log(id, at, officer, origin, table_name,
                    row_id, action, old, new, source)
                SELECT :run || ':' || :table || ':s:' || printf('%012d', t.rowid), :now,
                    :officer, t.origin, :table, t.id, 'insert', NULL,
                    json_set({_json('t', columns)}, '$.same_as', r.other_id), :source
                FROM main.{t} t JOIN temp.merge_rows r ON r.id = t.id
                WHERE t.rowid > :before""", table=t, before=before)

    def _insert_new(self, table: RecordTable, columns: list[str]) -> int:
        t, src = table.name, f"{self.alias}.{table.name}"
        before = self._exec(f"SELECT coalesce(max(rowid), 0) FROM main.{t}").fetchone()[0]
        cur = self._exec(f"""INSERT INTO main.{t} ({', '.join(columns)})
            SELECT {', '.join('s.' + c for c in columns)} FROM {src} s
            WHERE s.rowid IN (SELECT srow FROM temp.merge_rows WHERE action = 'new')""")
        if cur.rowcount:
            self._exec(f"""INSERT INTO main.audit_log(id, at, officer, origin, table_name,
                    row_id, action, old, new, source)
                SELECT :run || ':' || :table || ':n:' || printf('%012d', t.rowid), :now,
                    :officer, t.origin, :table, t.id, 'insert', NULL,
                    {_json('t', columns)}, :source
                FROM main.{t} t WHERE t.rowid > :before""", table=t, before=before)
        return int(cur.rowcount)

    def _conflicts_from(self, table: RecordTable, columns: list[str]) -> None:
        src = f"{self.alias}.{table.name}"
        self.recorded += self._exec(f"""INSERT OR IGNORE INTO main.merge_conflicts(id, created_at, kind,
                table_name, row_id, other_id, source_file, source_device, incoming,
                incoming_version, incoming_updated_at, incoming_origin, status)
            SELECT {_UUID_SQL}, :now,
                CASE r.action WHEN 'conflict' THEN 'edit' ELSE r.action END, :table, s.id,
                COALESCE(r.other_id, s.id), :file, :device, {_json('s', columns)},
                s.version, s.updated_at, s.origin, 'open'
            FROM temp.merge_rows r JOIN {src} s ON s.rowid = r.srow
            WHERE r.action IN ('conflict', 'duplicate', 'dependent')""",
            table=table.name).rowcount

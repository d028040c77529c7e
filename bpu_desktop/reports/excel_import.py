"""Import partners' worker lists (.xlsx, .xls, .ods) as enrolments.

Steps, each usable on its own (the GUI shows the mapping and a preview between them):
`read_sheet` (python-calamine) -> `detect_mapping` -> `plan_import` (every row checked
with the same domain rules as the form; duplicates in the file and in the database found)
-> `apply_import` (valid rows in one transaction). `check_and_apply` does the last two in
one pass, about a second faster per 100,000 rows on two cores (`bpu import` uses it).
Nothing is written by a dry run, and a cancel rolls everything back.

Two things the supervisor sees on screen that calamine's values alone do not show:
merged cells (a Kec. merged down over rows 10-11 holds its value in row 10 only; the
import fills it down, see `_fill_merged`) and formulas without a value (`=Pajang` reads
as empty; the error names the formula, see `_explain_formulas`). A JUMLAH/TOTAL row
under the list is skipped and named, not reported as a bad row (`summary_rows`).

Wonogiri's desa are not shipped: the desa a list names there and the file does not know
yet are added with the rows, in the same transaction, unless one looks like a typo of a
listed desa (`new_villages`).
"""

from __future__ import annotations

import itertools
import queue
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl.utils.datetime import from_excel
from python_calamine import CalamineWorkbook

from bpu_desktop.domain.dates import format_date, parse_date
from bpu_desktop.domain.money import format_number
from bpu_desktop.domain.nik import FLOAT_NIK_MESSAGE
from bpu_desktop.domain.regions import kecamatan_list, kecamatan_names
from bpu_desktop.domain.validation import (
    CleanEnrolment,
    DetailsUpdate,
    EnrolmentInput,
    EnrolmentRules,
    UpdateCheck,
    ValidationResult,
    frozen_from_fields,
)
from bpu_desktop.store import member_import
from bpu_desktop.store.database import Store
from bpu_desktop.store.durability import require_folder
from bpu_desktop.store.member_import import (
    bulk_transaction,
    enrol_many,
    existing_niks,
    insert_batches,
    paused_gc,
    update_members,
)
from bpu_desktop.store.progress import NO_PROGRESS, Progress
from bpu_desktop.store.reference import (
    add_kelurahan,
    kelurahan_by_kecamatan,
    list_segments,
    load_rates,
)

from . import ods_cells
from .column_mapping import ColumnMapping, detect_mapping, field_label, mapping_with_choices
from .import_errors import (
    BadRow,
    ColumnsNotFound,
    ImportFileError,
    RowError,
    write_error_workbook,
)
from .new_villages import VillagePlan, plan_villages, villages_note
from .ods_cells import MergedRange
from .summary_rows import (
    footer_rows_note,
    header_rows_note,
    split_footer_rows,
    split_header_rows,
    split_total_rows,
    total_rows_note,
)

SUPPORTED = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
FORMULA_SOURCES = (".xlsx", ".xlsm", ".ods")  # see _formula_cells; calamine gives no formulas
DATE_FIELDS = ("enrolled_on", "start_month", "birth_date")
TEXT_FIELDS = ("nik", "phone", "kpj")
STEP = 2_000
MAX_MERGES_NAMED = 5  # in the plan's note; more are counted
MAX_NO_PHONE_NAMED = 5
# What "update existing" does (`DetailsUpdate`), in the words of the import dialog's
# check box and of `bpu import --update-existing`.
UPDATE_EXISTING = ("perbarui data diri (nama, HP, alamat, KPJ, kecamatan dan kelurahan) "
                   "peserta yang NIK-nya sudah terdaftar; sel kosong tidak mengubah data "
                   "yang ada; tanggal daftar, iuran dan sponsor yang sudah tercatat tidak diubah")


@dataclass(frozen=True)
class SheetData:
    path: Path
    sheet: str
    rows: list[list[Any]]
    # Ranges merged over more than one row, 0-based ((row, col), (last_row, last_col));
    # None until read for an .ods (see `merged_ranges`).
    merged: tuple[MergedRange, ...] | None = ()
    _read_later: dict[str, tuple[MergedRange, ...]] = field(
        default_factory=dict, repr=False, compare=False)
    # No sheet named (see `read_sheet`): the sheets before this one passed over as empty,
    # and those passed over as holding something else (no NIK and Nama header).
    skipped: tuple[str, ...] = ()
    no_header: tuple[str, ...] = ()
    # Every sheet of the workbook, and whether this one was named by the user.
    sheets: tuple[str, ...] = ()
    named: bool = False

    def skipped_note(self) -> str | None:
        """Which sheet was read, when the workbook has others and none was named."""
        if self.named or len(self.sheets) < 2:
            return None
        passed = []
        if self.skipped:
            passed.append(f"Lembar {', '.join(self.skipped)} kosong")
        if self.no_header:
            passed.append(f"{'lembar' if passed else 'Lembar'} {', '.join(self.no_header)} "
                          f"tanpa judul kolom {field_label('nik')} dan {field_label('name')}")
        if passed:
            return f"{', '.join(passed)}; yang dibaca lembar '{self.sheet}'."
        others = [name for name in self.sheets if name != self.sheet]
        return (f"Yang dibaca lembar '{self.sheet}'; lembar lain ({', '.join(others)}) "
                "tidak dibaca.")

    def other_sheets(self) -> tuple[str, ...]:
        """The workbook's sheets, for a message that asks to choose one (none if only one)."""
        return self.sheets if len(self.sheets) > 1 else ()

    def merged_ranges(self, progress: Progress = NO_PROGRESS) -> tuple[MergedRange, ...]:
        """calamine gives merges of .xls/.xlsx with the sheet; an .ods is read again (its
        content.xml, ods_cells) on first use, in `plan_import`, which runs off the GUI
        thread with a Cancel button, and kept for the next plan of the same data."""
        if self.merged is not None:
            return self.merged
        if "merged" not in self._read_later:
            total = len(self.rows)
            found = ods_cells.merged_ranges(
                self.path, self.sheet,
                on_row=lambda row: progress.step(min(row, total), total, "Membaca sel gabungan"))
            self._read_later["merged"] = _tall(found)
        return self._read_later["merged"]


def _tall(ranges: Sequence[MergedRange] | None) -> tuple[MergedRange, ...]:
    """Merges over more than one row: those across columns only are never filled."""
    return tuple(m for m in ranges or () if m[1][0] > m[0][0])


def sheet_names(path: Path | str) -> list[str]:
    return list(_open(Path(path)).sheet_names)


def _open(path: Path) -> CalamineWorkbook:
    if not path.exists():
        raise ImportFileError(f"Berkas {path.name} tidak ditemukan.")
    if path.suffix.lower() not in SUPPORTED:
        raise ImportFileError(
            f"Berkas {path.name} bukan berkas Excel/ODS (.xlsx, .xls, .ods).")
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise ImportFileError(
            f"Berkas {path.name} tidak dapat dibaca (rusak atau bukan berkas Excel).") from exc


def read_sheet(path: Path | str, sheet: str | None = None) -> SheetData:
    """All cells of one sheet, row 1 of Excel = index 0. No sheet named: the first whose
    header row names the NIK and Nama columns (`detect_mapping`), so a cover page, notes
    or a recap before the list are passed over; when no sheet has such a header, the first
    that holds something (an empty first sheet, left from a template, is passed over).
    Sheets after the one chosen are not read."""
    path = Path(path)
    wb = _open(path)
    names = list(wb.sheet_names)
    if not names:
        raise ImportFileError(f"Berkas {path.name} tidak berisi lembar kerja.")
    if sheet is not None:
        if sheet not in names:
            raise ImportFileError(
                f"Lembar '{sheet}' tidak ada di {path.name}. Pilihan: {', '.join(names)}.")
        return replace(_read_one(wb, path, sheet), sheets=tuple(names), named=True)
    empty: list[str] = []
    no_header: list[str] = []
    fallback: SheetData | None = None
    for name in names:
        data = _read_one(wb, path, name)
        if not _has_data(data.rows):
            empty.append(name)
            continue
        mapping = detect_mapping(data.rows)
        if mapping is not None and not mapping.missing_required():
            return replace(data, skipped=tuple(empty), no_header=tuple(no_header),
                           sheets=tuple(names))
        if fallback is None:
            fallback = replace(data, skipped=tuple(empty), sheets=tuple(names))
        no_header.append(name)
    if fallback is not None:
        return fallback
    return replace(_read_one(wb, path, names[0]), sheets=tuple(names))


def _has_data(rows: Sequence[Sequence[Any]]) -> bool:
    """Anything but blanks (stops at the first filled cell)."""
    return any(c is not None and (c.__class__ is not str or c.strip())
               for row in rows for c in row)


def _read_one(wb: CalamineWorkbook, path: Path, name: str) -> SheetData:
    try:
        sheet_data = wb.get_sheet_by_name(name)
        rows = sheet_data.to_python(skip_empty_area=False)
        merged = sheet_data.merged_cell_ranges  # .xls/.xlsx: read with the sheet, free
    except Exception as exc:
        raise ImportFileError(f"Lembar '{name}' tidak dapat dibaca.") from exc
    if merged is None and path.suffix.lower() == ".ods":
        return SheetData(path=path, sheet=name, rows=rows, merged=None)  # read in plan_import
    return SheetData(path=path, sheet=name, rows=rows, merged=_tall(merged))


@dataclass
class ImportPlan:
    """What an import would do; `apply_import` writes it."""

    source: str
    headers: list[str]
    mapping: ColumnMapping
    rows_read: int = 0
    blank_rows: int = 0
    new: list[tuple[int, CleanEnrolment]] = field(default_factory=list)
    # Rows whose NIK is enrolled: (Excel row, member id, what an update would write; None
    # for a row that is not a valid update, counted when the import does not update).
    existing: list[tuple[int, str, DetailsUpdate | None]] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)
    total_rows: list[int] = field(default_factory=list)  # Excel rows of JUMLAH/TOTAL lines
    footer_rows: list[int] = field(default_factory=list)  # the signature block under the list
    # Header rows inside the list: a sub-header under the header, the header repeated.
    inner_header_rows: list[int] = field(default_factory=list)
    warnings: int = 0
    # Excel rows that passed the checks with no phone (allowed, with a warning).
    no_phone_rows: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # shown under the counts
    # Desa added to the list with the rows (kecamatan code, name); `villages_saved` once
    # they are in the file.
    new_villages: list[tuple[str, str]] = field(default_factory=list)
    villages_saved: bool = False
    villages: VillagePlan = field(default_factory=VillagePlan, repr=False, compare=False)

    @property
    def text_columns(self) -> set[int]:
        """Columns of identifiers, written back as text in the error workbook."""
        return {self.mapping.columns[f] for f in TEXT_FIELDS if f in self.mapping.columns}

    @property
    def date_columns(self) -> set[int]:
        """Columns of dates: a plain number there is a date serial (see `_cell`)."""
        return {self.mapping.columns[f] for f in DATE_FIELDS if f in self.mapping.columns}

    def save_bad_rows(self, out: Path | str) -> Path:
        """The error workbook of the bad rows, to fix and import again."""
        return write_error_workbook(self.headers, self.bad_rows, out,
                                    text_columns=self.text_columns,
                                    date_columns=self.date_columns)

    @property
    def errors(self) -> list[RowError]:
        return [e for bad in self.bad_rows for e in bad.errors]

    def villages_line(self) -> str | None:
        """'3 desa baru (akan) ditambahkan ke daftar: Sumberagung (Pracimantoro), …'."""
        if not self.new_villages:
            return None
        return villages_note(self.new_villages, kecamatan_names(), saved=self.villages_saved)

    def no_phone_line(self) -> str | None:
        """'3 baris tanpa nomor HP: baris 4, 7, 9; …' (a file without the column: counted,
        not named)."""
        rows = self.no_phone_rows
        if not rows:
            return None
        if "phone" not in self.mapping.columns:
            where = f"berkas tidak punya kolom {field_label('phone')}"
        else:
            named = ", ".join(str(r) for r in rows[:MAX_NO_PHONE_NAMED])
            more = len(rows) - MAX_NO_PHONE_NAMED
            where = f"baris {named}" + (f" dan {format_number(more)} lainnya" if more > 0 else "")
        return (f"{format_number(len(rows))} baris tanpa nomor HP ({where}); "
                "peserta sulit dihubungi bila iurannya menunggak.")

    def summary_lines(self) -> list[str]:
        villages = self.villages_line()
        return [
            f"Baris data dibaca   : {format_number(self.rows_read)}",
            f"Peserta baru        : {format_number(len(self.new))}",
            f"Sudah terdaftar     : {format_number(len(self.existing))}",
            f"Baris bermasalah    : {format_number(len(self.bad_rows))}",
            *([villages] if villages else []),
            *self.notes,
        ]


@dataclass
class ImportResult:
    plan: ImportPlan
    dry_run: bool
    inserted: int = 0
    updated: int = 0
    error_workbook: Path | None = None


def make_rules(store: Store, today: date, *,
               kelurahan: Mapping[str, Sequence[str]] | None = None) -> EnrolmentRules:
    """The form's rules (store.reference.validate_enrolment_input) with the reference
    data loaded once, and each repeated cell value checked once (`EnrolmentRules`).
    `kelurahan`: the villages to accept (the file's list by default)."""
    return EnrolmentRules(
        segments=list_segments(store, include_inactive=True),
        kelurahan_by_kecamatan=kelurahan_by_kecamatan(store) if kelurahan is None else kelurahan,
        kecamatan=kecamatan_list(), rates=load_rates(store), today=today,
    )


def make_validator(store: Store, today: date, *,
                   kelurahan: Mapping[str, Sequence[str]] | None = None,
                   ) -> Callable[[EnrolmentInput], ValidationResult]:
    """`make_rules`' check of a whole enrolment."""
    return make_rules(store, today, kelurahan=kelurahan).validate


def sample_text(value: Any) -> str:
    """A cell as the user reads it in Excel: 1500000 not 1500000.0, dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def _cell(value: Any, field_name: str) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, datetime):
        return value.date()
    if field_name in DATE_FIELDS and isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2_958_466:  # an Excel date serial in a cell without date format
            converted = from_excel(value)
            return converted.date() if isinstance(converted, datetime) else converted
    return value


_INPUT_FIELDS = tuple(f.name for f in fields(EnrolmentInput))
# Whitespace (every character str.strip() strips) and the quotes written in front of an
# identifier to keep it text: the apostrophe, its typographic forms and the backtick.
_ID_STRIP = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
             "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
             "'\u2018\u2019`")


def _birth_date_reader(today: date) -> Callable[[str], date | str]:
    """A birth date typed as text, read with the birth-date rule for a two-digit year
    (never in the future: `parse_date(born_by=today)`, as the NIK is read); text that is
    no date stays as typed, for the form's rules to refuse with their message."""
    seen: dict[str, date | str] = {}

    def read(text: str) -> date | str:
        found = seen.get(text)
        if found is None:
            try:
                found = parse_date(text, born_by=today)
            except ValueError:
                found = text
            seen[text] = found
        return found
    return read


def _row_reader(mapping: ColumnMapping,
                today: date) -> Callable[[Sequence[Any]], EnrolmentInput | None]:
    """Turns one sheet row into the form's input, or None for a row whose mapped cells are
    all empty. Built once per import: the column list and defaults are fixed.

    An optional field takes the same default whether its column is left out or its cell
    is blank (or spaces only): Ikut JHT Tidak, Sumber dana Mandiri, 1 bulan dibayar,
    Tanggal daftar today, Mulai bulan the month of the Tanggal daftar."""
    # What is stripped around a cell's text: whitespace, and around an identifier (NIK,
    # HP, KPJ) the apostrophe some programs write in front to keep it text ('3372...).
    columns = [(name, col, _ID_STRIP if name in TEXT_FIELDS else None)
               for name, col in mapping.columns.items() if name in _INPUT_FIELDS]
    empty: dict[str, Any] = dict.fromkeys(_INPUT_FIELDS, "")
    empty["event_id"] = empty["sponsorship_id"] = None
    birth = _birth_date_reader(today) if "birth_date" in mapping.columns else None

    def read(row: Sequence[Any]) -> EnrolmentInput | None:
        n = len(row)
        values = empty.copy()
        blank = True
        for name, col, strip in columns:
            value = row[col] if col < n else None
            if value is None or value == "":
                continue
            blank = False
            # Text is what calamine gives most: strip it here, the rest goes to _cell.
            values[name] = value.strip(strip) if value.__class__ is str else _cell(value, name)
        if blank:
            return None
        enrolled_on = values["enrolled_on"] = values["enrolled_on"] or today
        if not values["with_jht"]:
            values["with_jht"] = False
        if values["funding"] == "":
            values["funding"] = "self"
        if values["months_paid"] == "":  # a 0 typed in the cell stays, for the rules to refuse
            values["months_paid"] = 1
        if not values["start_month"]:
            values["start_month"] = enrolled_on
        if not values["birth_date"]:
            values["birth_date"] = None
        elif birth is not None and values["birth_date"].__class__ is str:
            values["birth_date"] = birth(values["birth_date"])
        return frozen_from_fields(EnrolmentInput, values)  # every field set above
    return read


_FORMAT_AS_TEXT = "format kolom NIK sebagai Teks (Text) di Excel, lalu ketik ulang NIK-nya."
# Excel's display of a long number ("3.37201E+15", "3,37201E+15"), pasted or saved as text.
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?\s*[eE]\s*\+?\s*\d+")


def _explain_nik(raw: EnrolmentInput, errors: dict[str, str]) -> None:
    """A NIK refused because Excel kept it as a number says so, and how to fix it: Excel
    keeps 15 significant digits (the 16th becomes 0, or the number is cut short), and
    shows such a number as 3,37201E+15, which is sometimes what gets saved."""
    message = errors.get("nik")
    if message is None:
        return
    value = raw.nik
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = value.is_integer() if isinstance(value, float) else True
        digits = str(int(value)) if number else ""
        if len(digits) in (15, 16) and (message == FLOAT_NIK_MESSAGE
                                         or message.startswith("NIK harus 16 digit")):
            errors["nik"] = (f"NIK tersimpan sebagai angka dan Excel hanya menyimpan 15 digit "
                             f"({digits}): {_FORMAT_AS_TEXT}")
    elif isinstance(value, str) and _SCIENTIFIC.fullmatch(value):
        errors["nik"] = (f"NIK tertulis {value} (angka Excel yang diringkas, digitnya hilang): "
                         f"{_FORMAT_AS_TEXT}")


@dataclass(frozen=True)
class _Refused:
    """A row the enrolment rules refuse but whose NIK reads as one: if that NIK is
    enrolled, the row is about that member (`_sort_known`), and an update checks only what
    it writes (`update`, or the row with its update errors in `update_bad`)."""

    row: int
    nik: str
    bad: BadRow
    update: DetailsUpdate | None
    update_bad: BadRow | None


@dataclass
class _Checked:
    """One chunk of rows checked: the valid ones with their Excel row, and the refused
    ones that may be about enrolled members."""

    valid: list[tuple[int, CleanEnrolment]] = field(default_factory=list)
    refused: list[_Refused] = field(default_factory=list)


def _bad_row(plan: ImportPlan, excel_row: int, row: Sequence[Any], raw: EnrolmentInput,
             errors: dict[str, str],
             explain: Callable[[EnrolmentInput, dict[str, str]], None] | None) -> BadRow:
    mapping = plan.mapping
    if "start_month" not in mapping.columns and "enrolled_on" in errors:
        errors.pop("start_month", None)  # derived from the bad date: one message
    if explain is not None:
        explain(raw, errors)
    return BadRow(excel_row, tuple(row), tuple(
        RowError(excel_row, mapping.header_of(f), msg) for f, msg in errors.items()))


def _check_rows(plan: ImportPlan, body: Sequence[Sequence[Any]],
                validate: Callable[[EnrolmentInput], ValidationResult],
                read: Callable[[Sequence[Any]], EnrolmentInput | None],
                progress: Progress, *, start: int = 0, stop: int | None = None,
                first_row_of_nik: dict[str, int] | None = None,
                explain: Callable[[EnrolmentInput, dict[str, str]], None] | None = None,
                validate_update: Callable[[EnrolmentInput], UpdateCheck] | None = None,
                ) -> _Checked:
    """Rows `start` to `stop` of `body`, each checked alone and against the rows above it
    (same NIK twice: `first_row_of_nik`, kept between calls); blank rows are counted in
    `plan`, the valid ones returned with their Excel row. A refused row is bad, unless its
    NIK reads as one (`validate_update`): then it waits for the look-up of enrolled NIKs
    (`_Refused`). `explain` may reword a refused row's messages (in place); valid rows
    never reach it."""
    mapping = plan.mapping
    total = len(body)
    first_excel_row = mapping.first_data_row + 1
    if first_row_of_nik is None:
        first_row_of_nik = {}
    checked = _Checked()
    add_valid = checked.valid.append
    no_phone: list[int] = []
    blank = read_rows = warnings = 0
    for i, row in enumerate(body[start:stop], start):
        if i % STEP == 0:
            progress.step(i, total, "Memeriksa baris")
        raw = read(row)
        if raw is None:
            blank += 1
            continue
        read_rows += 1
        result = validate(raw)
        if result.warnings:
            warnings += 1
        clean = result.value  # set exactly when there is no error
        excel_row = first_excel_row + i
        if clean is None:
            bad = _bad_row(plan, excel_row, row, raw, dict(result.errors), explain)
            update = validate_update(raw) if validate_update is not None else None
            if update is None or update.nik is None:
                plan.bad_rows.append(bad)
                continue
            checked.refused.append(_Refused(
                excel_row, update.nik, bad, update.value, None if update.value is not None
                else _bad_row(plan, excel_row, row, raw, dict(update.errors), explain)))
            continue
        nik = clean.nik.value
        seen = first_row_of_nik.setdefault(nik, excel_row)
        if seen != excel_row:
            plan.bad_rows.append(BadRow(excel_row, tuple(row), (RowError(
                excel_row, mapping.header_of("nik"),
                f"NIK {nik} sama dengan baris {seen} di berkas ini."),)))
            continue
        add_valid((excel_row, clean))
        if not clean.phone:
            no_phone.append(excel_row)
    plan.blank_rows += blank
    plan.no_phone_rows += no_phone
    plan.rows_read += read_rows
    plan.warnings += warnings
    return checked


@dataclass
class _Checking:
    """One sheet ready to be checked: the mapping accepted, the form's rules loaded."""

    plan: ImportPlan
    body: list[list[Any]]
    rules: EnrolmentRules
    read: Callable[[Sequence[Any]], EnrolmentInput | None]
    explain: Callable[[EnrolmentInput, dict[str, str]], None] | None = None
    first_row_of_nik: dict[str, int] = field(default_factory=dict)

    def rows(self, start: int, stop: int, progress: Progress = NO_PROGRESS) -> _Checked:
        """Check rows `start` to `stop` (in order, after the rows before them)."""
        return _check_rows(self.plan, self.body, self.rules.validate, self.read, progress,
                           start=start, stop=stop, first_row_of_nik=self.first_row_of_nik,
                           explain=self.explain, validate_update=self.rules.validate_update)


def _prepare(store: Store, data: SheetData, mapping: ColumnMapping | None, today: date,
             progress: Progress) -> _Checking:
    mapping = mapping or detect_mapping(data.rows)
    if mapping is None:
        raise ColumnsNotFound(
            "Baris judul kolom tidak ditemukan. Pastikan ada kolom NIK dan Nama di baris judul.",
            sheet=data.sheet, sheets=data.other_sheets())
    missing = mapping.missing_required()
    if missing:
        raise ColumnsNotFound(
            "Kolom wajib tidak ditemukan: " + ", ".join(field_label(f) for f in missing) + ".",
            sheet=data.sheet, sheets=data.other_sheets())
    plan = ImportPlan(source=f"import:{data.path.name}", headers=mapping.headers, mapping=mapping)
    skipped = data.skipped_note()
    body = data.rows[mapping.first_data_row:]
    merged = data.merged_ranges(progress)
    if merged:
        body, plan.notes = _fill_merged(body, merged, mapping)
    if skipped:
        plan.notes.insert(0, skipped)
    listed = kelurahan_by_kecamatan(store)
    plan.villages = villages = plan_villages(body, mapping, listed, kecamatan_list(), _cell)
    rules = make_rules(store, today, kelurahan=villages.known(listed)
                       if villages.added else listed)

    def explain(raw: EnrolmentInput, errors: dict[str, str]) -> None:
        _explain_nik(raw, errors)
        villages.explain(raw, errors)

    return _Checking(plan, body, rules, _row_reader(mapping, today), explain)


def _sort_known(store: Store, plan: ImportPlan, checked: _Checked, *,
                update_existing: bool) -> list[CleanEnrolment]:
    """Put the valid rows in `plan.new` or, when their NIK is enrolled, `plan.existing`;
    returns the new ones. A refused row whose NIK is enrolled is about that member, not a
    new enrolment: counted in `plan.existing` (updated only when it is a valid update, and
    bad with the update's errors otherwise, when `update_existing`); with a new NIK it is
    bad with the enrolment rules' errors. One look-up for the chunk's NIKs."""
    valid, refused = checked.valid, checked.refused
    known = existing_niks(store, itertools.chain((c.nik.value for _, c in valid),
                                                 (r.nik for r in refused)))
    new: list[CleanEnrolment] = []
    for excel_row, clean in valid:
        member_id = known.get(clean.nik.value)
        if member_id is None:
            plan.new.append((excel_row, clean))
            new.append(clean)
        else:
            plan.existing.append((excel_row, member_id, DetailsUpdate.from_clean(clean)))
    for row in refused:
        member_id = known.get(row.nik)
        if member_id is None:
            plan.bad_rows.append(row.bad)
        elif update_existing and row.update_bad is not None:
            plan.bad_rows.append(row.update_bad)
        else:
            plan.existing.append((row.row, member_id, row.update))
    if refused:
        plan.bad_rows.sort(key=lambda bad: bad.row)
        plan.existing.sort(key=lambda found: found[0])
    return new


def _updates(plan: ImportPlan) -> list[tuple[str, DetailsUpdate]]:
    """(member id, update) of the enrolled members the rows update."""
    return [(mid, update) for _, mid, update in plan.existing if update is not None]


def _villages_written(plan: ImportPlan, update_existing: bool) -> list[tuple[str, str]]:
    """The new desa of the rows the import writes: new members, and the members already
    enrolled when their details are updated."""
    rows: Iterable[CleanEnrolment | DetailsUpdate] = (c for _, c in plan.new)
    if update_existing:
        rows = itertools.chain(rows, (u for _, u in _updates(plan)))
    return plan.villages.written(rows)


def _add_villages(store: Store, villages: Sequence[tuple[str, str]], source: str) -> None:
    """Add the new desa to the list (`add_kelurahan`: one row per desa, id from the
    natural key), inside the caller's transaction."""
    for code, name in villages:
        add_kelurahan(store, code, name, source=source)


def _finish(plan: ImportPlan, data: SheetData) -> ImportPlan:
    """The bad rows looked at again, with the formulas of their empty cells: total rows
    (JUMLAH, =SUM), header rows inside the list and the signature block under it are
    skipped, not reported (`summary_rows`), and a formula read as empty is named
    (`_explain_formulas`). The rows without a phone are counted in a note."""
    _check_bad_rows(plan, data)
    no_phone = plan.no_phone_line()
    if no_phone:
        plan.notes.append(no_phone)
    return plan


def _check_bad_rows(plan: ImportPlan, data: SheetData) -> None:
    if not plan.bad_rows:
        return
    data_rows = sorted(r for r, *_ in (*plan.new, *plan.existing))
    # Header rows first: a repeated header's "Jumlah bulan" or "Keterangan" is no total
    # or signature.
    plan.bad_rows, plan.inner_header_rows = split_header_rows(
        plan.bad_rows, plan.mapping, data_rows)
    if plan.inner_header_rows:
        plan.rows_read -= len(plan.inner_header_rows)
        plan.notes.append(header_rows_note(plan.inner_header_rows))
    formulas = _bad_row_formulas(data, plan.mapping, plan.bad_rows)
    last_data_row = data_rows[-1] if data_rows else 0
    plan.bad_rows, plan.total_rows = split_total_rows(plan.bad_rows, plan.mapping,
                                                      last_data_row, formulas)
    if plan.total_rows:
        plan.rows_read -= len(plan.total_rows)
        plan.notes.append(total_rows_note(plan.total_rows))
    plan.bad_rows, plan.footer_rows = split_footer_rows(plan.bad_rows, plan.mapping,
                                                        last_data_row)
    if plan.footer_rows:
        plan.rows_read -= len(plan.footer_rows)
        plan.notes.append(footer_rows_note(plan.footer_rows))
    if formulas:
        plan.bad_rows = _explain_formulas(plan.mapping, plan.bad_rows, formulas)


def plan_import(store: Store, data: SheetData, mapping: ColumnMapping | None = None, *,
                today: date | None = None, progress: Progress = NO_PROGRESS,
                update_existing: bool = False) -> ImportPlan:
    """Check every row; nothing is written. `update_existing`: as the import will be run
    (the desa of the rows already enrolled are added only when they are updated)."""
    checking = _prepare(store, data, mapping, today or date.today(), progress)
    total = len(checking.body)
    with paused_gc():
        valid = checking.rows(0, total, progress)
    _sort_known(store, checking.plan, valid, update_existing=update_existing)
    checking.plan.new_villages = _villages_written(checking.plan, update_existing)
    _finish(checking.plan, data)
    progress.step(total, total, "Pemeriksaan selesai")
    return checking.plan


def check_and_apply(store: Store, data: SheetData, mapping: ColumnMapping | None = None, *,
                    update_existing: bool = False, today: date | None = None,
                    progress: Progress = NO_PROGRESS) -> tuple[ImportPlan, int, int]:
    """`plan_import` then `apply_import` in one pass: the same plan, rows and audit rows,
    one transaction (a cancel or an error rolls everything back). Returns (plan, inserted,
    updated).

    Faster on two cores (~1 s per 100,000 rows): each batch's audit rows are written by
    one SQL statement during which Python's GIL is free, and the next batch's rows are
    checked meanwhile in a second thread (pure Python; it never touches the database).
    """
    checking = _prepare(store, data, mapping, today or date.today(), progress)
    plan, total = checking.plan, len(checking.body)
    size = member_import.BATCH
    bounds = [(start, min(start + size, total)) for start in range(0, total, size)]
    ahead = _CheckAhead(lambda k: checking.rows(*bounds[k]), len(bounds))

    def batches() -> Iterator[list[CleanEnrolment]]:
        for k, (_, stop) in enumerate(bounds):
            valid = ahead.result(k)
            progress.step(stop, total, "Menyimpan peserta")
            yield _sort_known(store, plan, valid, update_existing=update_existing)

    with bulk_transaction(store):
        try:
            ahead.request_next()
            inserted = insert_batches(store, batches(), source=plan.source, expected=total,
                                      rows_in=ahead.request_next)
        finally:
            ahead.close()
        updates = _updates(plan) if update_existing else []
        updated = update_members(store, updates, source=plan.source, progress=progress,
                                 done=inserted, total=inserted + len(updates))
        plan.new_villages = _villages_written(plan, update_existing)
        _add_villages(store, plan.new_villages, plan.source)
        progress.step(total, total, "Menyimpan")
    plan.villages_saved = True
    return _finish(plan, data), inserted, updated


class _CheckAhead:
    """Checks chunk after chunk of rows in a second thread, each when asked
    (`request_next`); `result(k)` waits for chunk k (and raises what checking it raised)."""

    def __init__(self, check: Callable[[int], _Checked],
                 count: int) -> None:
        self._check = check
        self._count = count
        self._asked = 0
        self._stopped = False
        self._requests: queue.SimpleQueue[int | None] = queue.SimpleQueue()
        self._results: dict[int, _Checked] = {}
        self._failure: BaseException | None = None
        self._ready = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="import-check", daemon=True)
        self._thread.start()

    def request_next(self) -> None:
        if self._asked < self._count:
            self._requests.put(self._asked)
            self._asked += 1

    def result(self, k: int) -> _Checked:
        while self._asked <= k:
            self.request_next()
        with self._ready:
            self._ready.wait_for(lambda: k in self._results or self._failure is not None)
            if self._failure is not None:
                raise self._failure
            return self._results.pop(k)

    def close(self) -> None:
        """Stop after the chunk being checked (if any) and wait for the thread."""
        self._stopped = True
        self._requests.put(None)
        self._thread.join()

    def _run(self) -> None:
        while (k := self._requests.get()) is not None and not self._stopped:
            try:
                found = self._check(k)
            except BaseException as exc:  # handed to the writing thread, raised there
                with self._ready:
                    self._failure = exc
                    self._ready.notify_all()
                return
            with self._ready:
                self._results[k] = found
                self._ready.notify_all()


def _fill_merged(body: list[list[Any]], merged: Sequence[MergedRange],
                 mapping: ColumnMapping) -> tuple[list[list[Any]], list[str]]:
    """A value merged down over several rows is, on screen, the value of each of them: it
    is filled into the empty cells below it in its own column, for mapped columns and data
    rows only. Without this the rows under it report "wajib diisi" (or, for an optional
    column like Tgl Daftar, quietly take the default). Columns covered sideways are not
    filled: they sit under another header. Returns the rows (the changed ones copied, the
    sheet itself is left untouched) and the plan's note naming what was filled."""
    by_col = {col: name for name, col in mapping.columns.items()}
    first_body_row = mapping.first_data_row  # 0-based sheet row of body[0]
    filled: list[tuple[int, int, int]] = []  # column, first and last Excel row
    copied: set[int] = set()
    for (top, col), (bottom, _last_col) in sorted(merged):
        i = top - first_body_row
        if col not in by_col or i < 0 or i >= len(body):
            continue
        row = body[i]
        value = row[col] if col < len(row) else None
        if value is None or value == "":
            continue
        last = min(bottom - first_body_row, len(body) - 1)
        for j in range(i + 1, last + 1):
            below = body[j]
            if col < len(below) and below[col] not in (None, ""):
                continue
            if j not in copied:
                below = body[j] = list(below)
                copied.add(j)
            below.extend([""] * (col + 1 - len(below)))
            below[col] = value
        if last > i:
            filled.append((col, top + 1, last + first_body_row + 1))
    if not filled:
        return body, []
    named = [f"{mapping.header_of(by_col[col])} baris {first}-{last}"
             for col, first, last in filled[:MAX_MERGES_NAMED]]
    more = len(filled) - len(named)
    tail = f" dan {format_number(more)} lainnya" if more else ""
    return body, [f"Sel gabungan diisi ke semua barisnya: {', '.join(named)}{tail}."]


def _bad_row_formulas(data: SheetData, mapping: ColumnMapping,
                      bad_rows: Sequence[BadRow]) -> dict[tuple[int, int], str]:
    """Formula text, by (Excel row, column), of the bad rows with an empty mapped cell
    (a formula without a value reads as empty): every column, for the total rows."""
    if data.path.suffix.lower() not in FORMULA_SOURCES:
        return {}
    mapped = set(mapping.columns.values())
    wanted = {b.row for b in bad_rows
              if any(c >= len(b.values) or b.values[c] in (None, "") for c in mapped)}
    if not wanted:
        return {}
    width = max(max(mapped) + 1, *(len(b.values) for b in bad_rows))
    return _formula_cells(data, wanted, set(range(width)))


def _explain_formulas(mapping: ColumnMapping, bad_rows: list[BadRow],
                      formulas: dict[tuple[int, int], str]) -> list[BadRow]:
    """A cell typed as `=Pajang` is a formula without a value: it reads as empty, and
    "wajib diisi" would mislead. Name the formula instead, and keep it in the error
    workbook's copy of the row (`formulas`: see `_bad_row_formulas`)."""
    by_col = {col: name for name, col in mapping.columns.items()}
    fixed: list[BadRow] = []
    for bad in bad_rows:
        found = {c: f for (r, c), f in formulas.items() if r == bad.row and c in by_col}
        if not found:
            fixed.append(bad)
            continue
        headers = {mapping.header_of(by_col[c]): (by_col[c], f) for c, f in found.items()}
        errors = tuple(
            RowError(e.row, e.column, f"{field_label(headers[e.column][0])} "
                     f"'{headers[e.column][1]}' tidak dikenal: sel berisi rumus, "
                     "ketik isinya tanpa tanda =.") if e.column in headers else e
            for e in bad.errors)
        width = max(len(bad.values), max(found) + 1)
        values = tuple(found.get(i, bad.values[i] if i < len(bad.values) else None)
                       for i in range(width))
        fixed.append(BadRow(bad.row, values, errors))
    return fixed


def _formula_cells(data: SheetData, rows: set[int],
                   columns: set[int]) -> dict[tuple[int, int], str]:
    """Formula text of the cells at Excel `rows` x 0-based `columns` that hold one, keyed
    (Excel row, column). calamine gives values only: .xlsx/.xlsm are read again with
    openpyxl, .ods through its content.xml (ods_cells). .xls/.xlsb: no reader here gives
    formulas (calamine 0.9.1 has no formula access), so such a cell stays "wajib diisi"."""
    if data.path.suffix.lower() == ".ods":
        found = ods_cells.formulas(data.path, data.sheet, {r - 1 for r in rows}, columns)
        return {(r + 1, c): f for (r, c), f in found.items()}
    if data.path.suffix.lower() not in FORMULA_SOURCES:
        return {}
    import openpyxl  # only on this rare path: calamine does not expose formulas

    formulas: dict[tuple[int, int], str] = {}
    try:
        wb = openpyxl.load_workbook(data.path, read_only=True)
        try:
            ws = wb[data.sheet]
            for r, row in enumerate(ws.iter_rows(min_row=min(rows), max_row=max(rows),
                                                 values_only=True), start=min(rows)):
                if r in rows:
                    for c in columns:
                        v = row[c] if c < len(row) else None
                        if isinstance(v, str) and v.startswith("="):
                            formulas[(r, c)] = v
        finally:
            wb.close()
    except Exception:  # the report stays as it was if openpyxl cannot read the file
        return {}
    return formulas


def apply_import(store: Store, plan: ImportPlan, *, update_existing: bool = False,
                 progress: Progress = NO_PROGRESS) -> tuple[int, int]:
    """Write the valid rows, and the new desa they name, in one transaction; returns
    (inserted, updated)."""
    updates = _updates(plan) if update_existing else []
    with store.write():
        plan.new_villages = _villages_written(plan, update_existing)
        _add_villages(store, plan.new_villages, plan.source)
        written = enrol_many(store, [c for _, c in plan.new], source=plan.source,
                             updates=updates, progress=progress)
    plan.villages_saved = True
    return written


def import_file(store: Store, path: Path | str, *, sheet: str | None = None,
                dry_run: bool = False, update_existing: bool = False,
                mapping: ColumnMapping | None = None, error_workbook: Path | str | None = None,
                progress: Progress = NO_PROGRESS, today: date | None = None,
                columns: Sequence[tuple[str, str]] = ()) -> ImportResult:
    """Read, check and (unless `dry_run`) write; bad rows go to `error_workbook` if given.
    `columns` are (field, header) pairs chosen by hand over the detected mapping
    (`column_mapping.mapping_with_choices`)."""
    if error_workbook is not None:
        require_folder(Path(error_workbook).parent)  # before anything is saved
    data = read_sheet(path, sheet)
    if columns and mapping is None:
        try:
            mapping = mapping_with_choices(data.rows, columns)
        except ValueError as exc:
            raise ImportFileError(str(exc)) from exc
    if dry_run:
        result = ImportResult(plan=plan_import(store, data, mapping, today=today,
                                               progress=progress,
                                               update_existing=update_existing), dry_run=True)
    else:
        plan, inserted, updated = check_and_apply(
            store, data, mapping, update_existing=update_existing, today=today,
            progress=progress)
        result = ImportResult(plan=plan, dry_run=False, inserted=inserted, updated=updated)
    del data  # the plan keeps what it needs (bad rows)
    plan = result.plan
    if error_workbook is not None and plan.bad_rows:
        result.error_workbook = plan.save_bad_rows(error_workbook)
    return result


def default_error_path(path: Path | str) -> Path:
    path = Path(path)
    return path.with_name(f"{path.stem}-kesalahan.xlsx")


def free_error_path(path: Path | str) -> Path:
    """`default_error_path`, or when that exists (an earlier import's, perhaps with fixes
    typed into it) the first free `BERKAS-kesalahan-2.xlsx`, `-3`, …: an existing error
    workbook is never written over unasked."""
    first = default_error_path(path)
    candidate, n = first, 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = first.with_name(f"{first.stem}-{n}.xlsx")
    return candidate

"""`bpu import`: enrol the workers listed in an Excel/ODS file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bpu_desktop.cli import CliError
from bpu_desktop.domain.money import format_number
from bpu_desktop.reports.column_mapping import IMPORT_FIELDS, field_label, parse_column_choice
from bpu_desktop.reports.excel_import import (
    UPDATE_EXISTING,
    default_error_path,
    free_error_path,
    import_file,
)
from bpu_desktop.reports.import_errors import ColumnsNotFound

from ._common import (
    add_db_argument,
    add_officer_argument,
    open_for_cli,
    refuse_existing_out,
    require_officer,
    require_out_folder,
)
from ._progress import end_progress, terminal_progress

MAX_LISTED = 50


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "import", help="impor daftar peserta dari Excel (.xlsx/.xls/.ods)",
        description="Impor daftar peserta dari berkas Excel atau ODS. Setiap baris diperiksa "
        "dengan aturan formulir Pendaftaran; baris yang lolos disimpan dalam satu transaksi, "
        "baris bermasalah ditulis ke buku kerja kesalahan untuk diperbaiki lalu diimpor lagi. "
        "Kode keluar 1 bila ada baris bermasalah.",
    )
    add_db_argument(parser)
    parser.add_argument("file", type=Path, metavar="BERKAS", help="berkas .xlsx, .xls atau .ods")
    parser.add_argument("--sheet", metavar="LEMBAR",
                        help="nama lembar (bawaan: lembar pertama yang berjudul kolom NIK "
                             "dan Nama)")
    parser.add_argument("--dry-run", action="store_true",
                        help="periksa saja, tidak menyimpan apa pun")
    parser.add_argument("--update-existing", action="store_true",
                        help=UPDATE_EXISTING)
    add_officer_argument(parser)
    parser.add_argument("--errors-out", type=Path, metavar="BERKAS.xlsx",
                        help="berkas .xlsx untuk baris bermasalah (bawaan: BERKAS-kesalahan.xlsx, "
                             "atau BERKAS-kesalahan-2.xlsx dst. bila sudah ada)")
    parser.add_argument("--timpa", action="store_true",
                        help="timpa buku kerja kesalahan yang sudah ada (--errors-out, atau "
                             "BERKAS-kesalahan.xlsx); tanpa ini berkas yang ada tidak diubah")
    parser.add_argument("--kolom", action="append", default=[], type=_column_choice,
                        metavar="DATA=JUDUL",
                        help="pasangkan data dengan judul kolom di berkas bila tidak dikenali "
                             "otomatis, mis. --kolom \"Nama=Nama Lengkap\" --kolom "
                             "\"Nomor HP=Kontak\"; boleh diulang. DATA: "
                             + ", ".join(field_label(f) for f in IMPORT_FIELDS))
    parser.set_defaults(func=run)


def _column_choice(text: str) -> tuple[str, str]:
    try:
        return parse_column_choice(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _errors_out(args: argparse.Namespace) -> Path | None:
    """Where the bad rows go. A dry run writes nothing at all, not even this. An existing
    workbook (an earlier import's, perhaps with fixes typed into it) is never written over
    unasked: a named --errors-out is refused without --timpa, as `bpu export` refuses its
    --out, and the default name moves on to BERKAS-kesalahan-2.xlsx, -3, … (printed at the
    end), so the import itself is not held up by a by-product."""
    if args.dry_run:
        return None
    if args.errors_out is not None:
        out: Path = args.errors_out
        require_out_folder(out.parent)
        refuse_existing_out(out, overwrite=args.timpa, kind="berkas .xlsx")
        return out
    require_out_folder(args.file.parent)
    if not args.timpa:
        return free_error_path(args.file)
    out = default_error_path(args.file)
    refuse_existing_out(out, overwrite=True, kind="berkas .xlsx")  # a folder there
    return out


def _columns_advice(exc: ColumnsNotFound, *, named: bool) -> str:
    """No NIK and Nama header: in a workbook of several sheets the list may be on another
    one (name them, and --sheet), else the columns are picked with --kolom."""
    kolom = "--kolom \"NIK=No. KTP\" --kolom \"Nama=Nama Lengkap\""
    if not exc.sheets:
        return f"{exc.message} Pilih kolomnya dengan --kolom, mis. {kolom}."
    found = exc.message if named else "Tidak ada lembar yang berjudul kolom NIK dan Nama."
    other = "lembar lain " if named else ""
    return (f"{found} Lembar yang ada: {', '.join(exc.sheets)}; pilih {other}dengan "
            f"--sheet \"NAMA LEMBAR\", atau pilih kolomnya dengan {kolom}.")


def run(args: argparse.Namespace) -> int:
    store = open_for_cli(args.db)
    errors_out = _errors_out(args)
    try:
        if not args.dry_run:
            require_officer(store, args.petugas)
        try:
            result = import_file(store, args.file, sheet=args.sheet, dry_run=args.dry_run,
                                 update_existing=args.update_existing, error_workbook=errors_out,
                                 progress=terminal_progress(), columns=args.kolom)
        except ColumnsNotFound as exc:
            raise CliError(_columns_advice(exc, named=args.sheet is not None), 1) from exc
        finally:
            end_progress()
    finally:
        store.close()
    plan = result.plan
    print("Uji coba (tidak ada yang disimpan):" if args.dry_run else "Hasil impor:")
    for line in plan.summary_lines():
        print("  " + line)
    existing = len(plan.existing)
    if existing and not args.update_existing:
        print(f"  {format_number(existing)} baris sudah terdaftar "
              "(tidak diubah; pakai --update-existing untuk memperbarui).")
    elif existing and args.dry_run:
        print(f"  {format_number(existing)} baris sudah terdaftar "
              "(data diri akan diperbarui bila berbeda).")
    elif existing:
        print(f"  {format_number(existing)} baris sudah terdaftar: "
              f"{format_number(result.updated)} diperbarui, "
              f"{format_number(existing - result.updated)} datanya sudah sama.")
    if not args.dry_run:
        print(f"  Disimpan: {format_number(result.inserted)} baru, "
              f"{format_number(result.updated)} diperbarui.")
    errors = plan.errors
    for error in errors[:MAX_LISTED]:
        print("  " + error.text(), file=sys.stderr)
    if len(errors) > MAX_LISTED:
        print(f"  ... dan {format_number(len(errors) - MAX_LISTED)} kesalahan lain.",
              file=sys.stderr)
    if result.error_workbook is not None:
        print(f"Baris bermasalah disimpan ke {result.error_workbook} "
              "(perbaiki lalu impor lagi).")
    return 1 if plan.bad_rows else 0

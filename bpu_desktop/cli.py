"""`bpu`: the app's operations without a window.

Each verb is a module in `bpu_desktop/commands/` with `register(subparsers)` (which sets
`func` on its parser) and a `run(args) -> int`. Errors the user can fix print one
Indonesian line on stderr and exit non-zero; a traceback means a bug. SQLite errors that
are the file's fault (damaged, locked, disk full) are translated here, in `main`, by
`store.errors`, so no verb needs its own try/except for them.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import re
import sqlite3
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from bpu_desktop import commands
from bpu_desktop.store.errors import StoreError, for_command_line, store_error_for


class CliError(Exception):
    """A message for the user; exit code 2 unless given."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


# argparse's own messages (Python 3.11+ wording), in Indonesian. argparse builds them with
# gettext before `error` sees them, so they are translated here, by pattern, in one place.
_MESSAGES: list[tuple[re.Pattern[str], str]] = [(re.compile(p), r) for p, r in [
    (r"^argument (.+?): (.*)$", r"argumen \1: \2"),
    (r"not allowed with argument (.+)", r"tidak boleh bersama argumen \1"),
    (r"^the following arguments are required: (.+)$", r"argumen ini wajib diisi: \1"),
    (r"^one of the arguments (.+) is required$", r"salah satu argumen ini wajib: \1"),
    (r"invalid choice: (.+?) \(choose from (.+)\)", r"pilihan tidak dikenal: \1 (pilih: \2)"),
    (r"invalid (\w+) value: (.+)$", r"nilai \2 tidak sah"),
    (r"^unrecognized arguments: (.+)$", r"argumen tidak dikenal: \1"),
    (r"^ambiguous option: (.+?) could match (.+)$", r"opsi \1 ambigu, bisa berarti \2"),
    (r"expected one argument", "perlu satu nilai"),
    (r"expected at most one argument", "paling banyak satu nilai"),
    (r"expected at least one argument", "perlu paling sedikit satu nilai"),
    (r"expected (\d+) arguments?", r"perlu \1 nilai"),
    (r"ignored explicit argument (.+)", r"nilai \1 tidak dipakai"),
]]


def translate_argparse(message: str) -> str:
    """An argparse message in Indonesian (our own messages pass through unchanged)."""
    for pattern, replacement in _MESSAGES:
        message = pattern.sub(replacement, message)
    return message


class _Formatter(argparse.HelpFormatter):
    """Help text with Indonesian headings."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup],
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Penggunaan: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Indonesian and reports errors as one line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumen posisi"
        self._optionals.title = "opsi"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str) -> NoReturn:
        raise CliError(f"argumen salah: {translate_argparse(message)} (lihat `bpu --help`)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="bpu", description="BPU Desktop tanpa jendela (baris perintah).")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        importlib.import_module(f"{commands.__name__}.{info.name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Every file a verb creates (exports, backups, packages) is the owner's only.
    os.umask(0o077)
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"bpu: {exc.message}", file=sys.stderr)
        return exc.code
    except (StoreError, sqlite3.Error) as exc:
        # The one place a verb's file errors are worded: a damaged page met half-way
        # through `stats` or `export` reads as `bpu check` says it, never as a traceback.
        translated = store_error_for(exc)
        if translated is None:
            raise  # a bug: the traceback is wanted
        print(f"bpu: {for_command_line(translated.message)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bpu: dibatalkan.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `bpu stats | head`: the reader left; not an error worth a traceback.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    # Run the imported module's main, so `CliError` raised by verbs is this same class.
    from bpu_desktop.cli import main as _main

    raise SystemExit(_main())

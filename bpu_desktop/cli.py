"""`bpu`: the app's operations without a window.

Each verb is a module in `bpu_desktop/commands/` with `register(subparsers)` (which sets
`func` on its parser) and a `run(args) -> int`. Errors the user can fix print one
Indonesian line on stderr and exit non-zero; a traceback means a bug.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from bpu_desktop import commands
from bpu_desktop.store.errors import StoreError


class CliError(Exception):
    """A message for the user; exit code 2 unless given."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(f"argumen salah: {message} (lihat `bpu --help`)")


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
    except StoreError as exc:
        print(f"bpu: {exc.message}", file=sys.stderr)
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

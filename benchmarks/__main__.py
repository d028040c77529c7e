"""Run every benchmark, print one table, write benchmarks/results/latest.json.

    python -m benchmarks                    # 1,000,000 members (BENCH_MEMBERS overrides)
    python -m benchmarks --members 100000   # a quick run
    python -m benchmarks --only save,aggregates
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

from .datasets import demo_file
from .harness import FAIL, TODO, Context, Result, machine, markdown_report, table, write_json

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"

# Run order. A name whose module `bench_<name>.py` does not exist yet prints its TODO rows.
BENCHMARKS = ["startup", "save", "member_list", "scroll", "aggregates", "merge", "report",
              "import_xlsx"]
TODO_ROWS = {
    "merge": [("merge 10 officer files of 100,000 into an empty branch file", "≤ 3x"),
              ("merge one of those files again (nothing new)", "≤ 0.2x the first merge")],
    "report": [("monthly report, 100,000 members in the month (1M in the file)", "≤ 1.3x, < 300 MB")],
    "import_xlsx": [("import a 100,000-row .xlsx", "≤ 2x")],
}


def _members_default() -> int:
    text = os.environ.get("BENCH_MEMBERS", "1000000").replace("_", "")
    return int(text) if text.isdigit() and int(text) > 0 else 1_000_000


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks",
                                     description="BPU Desktop benchmarks against raw baselines.")
    parser.add_argument("--members", type=int, default=_members_default(),
                        help="demo file size (default: BENCH_MEMBERS or 1,000,000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per benchmark")
    parser.add_argument("--only", default="", help=f"only some: {','.join(BENCHMARKS)}")
    parser.add_argument("--output", type=Path, default=None, help="result JSON file")
    args = parser.parse_args(argv)
    if args.members < 1 or args.runs < 1:
        parser.error("--members and --runs must be at least 1")
    unknown = [name for name in args.only.split(",") if name and name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {','.join(BENCHMARKS)}")
    if args.output is None:
        # The committed table is the full 1M run; a quick run writes beside it, not over it.
        full = args.members == 1_000_000 and not args.only
        args.output = RESULTS if full else RESULTS.with_name(f"latest-{args.members}.json")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    chosen = [b for b in BENCHMARKS if not args.only or b in args.only.split(",")]
    started = datetime.now(UTC)
    db = demo_file(args.members)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="bpu-bench-") as work:
        ctx = Context(db_path=db, members=args.members, runs=args.runs, work_dir=Path(work))
        for name in chosen:
            module_name = f"{__package__}.bench_{name}"
            if importlib.util.find_spec(module_name) is None:
                results += [Result(op, target=target, status=TODO)
                            for op, target in TODO_ROWS.get(name, [(name, "")])]
                continue
            print(f"… {name}", file=sys.stderr, flush=True)
            t0 = time.monotonic()
            try:
                results += importlib.import_module(module_name).run(ctx)
            except Exception as exc:  # one broken benchmark must not lose the whole table
                traceback.print_exc()
                results += [Result(op, target=target, status=FAIL,
                                   note=f"failed to run: {type(exc).__name__}: {exc}"[:300])
                            for op, target in TODO_ROWS.get(name, [(name, "")])]
            print(f"  {time.monotonic() - t0:.1f} s", file=sys.stderr, flush=True)
    print()
    print(f"BPU Desktop benchmarks: {args.members:,} members, {args.runs} runs per operation")
    print(table(results))
    meta = {"started_at": started.isoformat(), "members": args.members, "runs": args.runs,
            "machine": machine()}
    write_json(args.output, results, meta)
    args.output.with_suffix(".md").write_text(markdown_report(results, meta))
    print(f"\nJSON: {args.output} (Markdown table: {args.output.with_suffix('.md')})")
    return 1 if any(r.status == FAIL for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())

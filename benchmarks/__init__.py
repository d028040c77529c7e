"""`make bench` / `python -m benchmarks`: our operations against raw baselines, same run.

Each benchmark is a module `bench_<name>.py` with `run(ctx) -> list[Result]`; modules not
written yet are listed in `__main__.TODO` and printed as "belum diukur" (never PASS).
"""

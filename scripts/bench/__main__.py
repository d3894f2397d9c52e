"""`make bench`: every scenario in turn, then the table (bench/RESULTS.md, also printed).

    .venv/bin/python -m scripts.bench                      # everything (10,000 documents)
    .venv/bin/python -m scripts.bench --size 200 --only seeds large incremental
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import fresh_clone, incremental, large, seeds
from .measure import ROOT, load, say
from .report import render

SCENARIOS = ["seeds", "large", "incremental", "fresh-clone"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000, help="documents in the large warehouse (default 10000)")
    parser.add_argument("--only", nargs="+", choices=SCENARIOS, default=SCENARIOS)
    parser.add_argument("--no-extraction-baseline", action="store_true",
                        help="skip extraction alone over the large corpus (one core: ~40 s per 10,000 documents)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args(argv)
    started, first_load = time.perf_counter(), load()
    rows = []
    if "seeds" in args.only:
        rows += seeds.run()
    if "large" in args.only:
        rows += large.run(args.size, not args.no_extraction_baseline)
    if "incremental" in args.only:
        rows += incremental.run(args.size)
    if "fresh-clone" in args.only:
        rows += fresh_clone.run()
    table = render(rows, (first_load, load()), (time.perf_counter() - started) / 60)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table, encoding="utf-8")
    say(f"wrote {args.out}")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""How long the report site takes to generate, and how big its pages get; writes bench/SITE.md.

    make bench                                   # runs scripts/bench.py, then this
    .venv/bin/python scripts/bench_site.py [--size 10000] [--warehouse FILE]

Measures `plans site` (the same code the publish step runs) on two published warehouses:
  1. the seeds (raw/), built by `plans build` into bench/out/site-seeds/;
  2. a synthetic corpus of --size documents (default 10,000; scripts/bench.py's corpus, made with
     ../shared/tools/make_corpus.py and reused), built into bench/out/site-e2e-<size>/ unless
     --warehouse names one already built.
For each: wall seconds, peak memory of the generating process, pages by kind, total size, and the
largest page (the site has no page holding every fact: per region, per indicator, per document).
Goal: the 10,000-document site within 60 s and 1 GB, no page above 5 MB.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from bench import DEFAULT_MAKE_CORPUS, TreeSampler, corpus_files, ensure_corpus, load, make_raw_dir  # noqa: E402

PLANS = ROOT / ".venv" / "bin" / "plans"
OUT = ROOT / "bench" / "out"
GOAL_SECONDS, GOAL_MEMORY_MB, GOAL_PAGE_MB = 60.0, 1024.0, 5.0


def say(message: str) -> None:
    print(f"[bench-site {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def build(raw: Path, warehouse: Path) -> None:
    say(f"plans build --raw {raw} --warehouse {warehouse}")
    done = subprocess.run([str(PLANS), "build", "--raw", str(raw), "--warehouse", str(warehouse), "--quiet"],
                          capture_output=True, text=True)
    if done.returncode != 0 or not warehouse.exists():
        sys.exit(f"the build failed:\n{done.stdout}\n{done.stderr}")


def measure(warehouse: Path, site: Path) -> dict:
    """Run `plans site` in a child process: wall time, CPU seconds (its worker processes included),
    peak memory of its process tree (RSS summed, sampled from /proc), and what it wrote."""
    shutil.rmtree(site, ignore_errors=True)
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = load()
    started = time.perf_counter()
    child = subprocess.Popen([str(PLANS), "site", "--warehouse", str(warehouse), "--out", str(site)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(child.pid)
    sampler.start()
    stdout, stderr = child.communicate()
    seconds = time.perf_counter() - started
    sampler.stop()
    if child.returncode != 0:
        sys.exit(f"plans site failed:\n{stdout}\n{stderr}")
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    pages = [p for p in site.rglob("*.html")]
    kinds: dict[str, int] = {}
    for p in pages:
        kind = p.parent.name if p.parent != site else "top"
        kinds[kind] = kinds.get(kind, 0) + 1
    largest = max(pages, key=lambda p: p.stat().st_size)
    return {"seconds": seconds, "cpu": cpu, "peak_mb": sampler.peak_rss_kb / 1024,
            "pages": len(pages), "kinds": kinds, "mb": sum(p.stat().st_size for p in pages) / 1e6,
            "largest": (str(largest.relative_to(site)), largest.stat().st_size / 1e6),
            "summary": stdout.strip().splitlines()[-1].strip(), "load": (load_before, load())}


def documents_in(warehouse: Path) -> int:
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("SELECT count(*) FROM marts.documents").fetchone()[0]


def row(label: str, m: dict, documents: int) -> str:
    verdicts = []
    if documents >= 10000:
        verdicts.append("meets" if m["seconds"] <= GOAL_SECONDS
                        else f"misses ({m['seconds'] / GOAL_SECONDS:.1f}× the time goal)")
        if m["peak_mb"] > GOAL_MEMORY_MB:
            verdicts.append("over the memory goal")
    if m["largest"][1] > GOAL_PAGE_MB:
        verdicts.append("a page over 5 MB")
    kinds = ", ".join(f"{n:,} {k}" for k, n in sorted(m["kinds"].items()))
    return (f"| {label} | {documents:,} | {m['seconds']:.1f} s | {m['cpu']:.1f} s | {m['peak_mb']:.0f} MB | "
            f"{m['pages']:,} ({kinds}) | "
            f"{m['mb']:.1f} MB | {m['largest'][0]} ({m['largest'][1] * 1000:.0f} kB) | "
            f"{'; '.join(verdicts) or 'meets'} | {m['load'][0][0]} → {m['load'][1][0]} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=10000, help="documents in the synthetic corpus (default 10000)")
    parser.add_argument("--warehouse", type=Path, help="a published warehouse of the synthetic corpus, already built")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = []

    seeds_wh = OUT / "site-seeds" / "warehouse" / "plans.duckdb"
    if not seeds_wh.exists():
        build(ROOT / "raw", seeds_wh)
    say("site of the seeds")
    results.append(("seeds (raw/)", measure(seeds_wh, OUT / "site-seeds" / "site"), documents_in(seeds_wh)))

    large = args.warehouse
    if large is None:
        large = OUT / f"site-e2e-{args.size}" / "warehouse" / "plans.duckdb"
        if not large.exists():
            if not DEFAULT_MAKE_CORPUS.exists():
                say(f"{DEFAULT_MAKE_CORPUS} not found: only the seeds are measured")
                large = None
            else:
                docs = ensure_corpus(OUT, args.size, DEFAULT_MAKE_CORPUS.resolve())
                raw = make_raw_dir(OUT / f"site-e2e-{args.size}" / "raw", corpus_files(docs)[:args.size],
                                   ROOT / "raw" / "statistics")
                build(raw, large)
    if large is not None:
        n = documents_in(large)
        say(f"site of the {n:,}-document warehouse")
        results.append(("synthetic corpus", measure(large, large.parent.parent / "site"), n))

    lines = ["# Report site benchmark", "",
             f"Written by `scripts/bench_site.py` on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC "
             f"({time.perf_counter() - started:.0f} s in all). `plans site` regenerates `site/` from a published "
             "warehouse with the code the publish step runs, in a child process: wall seconds, CPU seconds of "
             "it and its worker processes (on an idle machine with 2 cores, wall ≈ CPU / 2 at best), and peak "
             "memory (RSS summed over its process tree, sampled every 0.2 s).",
             f"Goal at 10,000 documents: ≤ {GOAL_SECONDS:g} s, ≤ {GOAL_MEMORY_MB:g} MB; no page above "
             f"{GOAL_PAGE_MB:g} MB. Machine: {os.cpu_count()} cores; the 1-minute load is shown (above the core "
             "count, other work competed for the CPU).", "",
             "| warehouse | documents | wall | CPU | peak memory | pages | total | largest page | verdict | load |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    lines += [row(label, m, n) for label, m, n in results]
    lines += ["", "Summaries as `plans site` printed them:", ""]
    lines += [f"- {label}: {m['summary']}" for label, m, _ in results]
    text = "\n".join(lines) + "\n"
    (ROOT / "bench" / "SITE.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Reading throughput of PDF and Word documents, one core; writes bench/READERS.md.

    make bench                                   # runs this after scripts/bench.py
    .venv/bin/python scripts/bench_readers.py --sections 4 --rounds 1   # quick

The documents are made here (tests/fixtures/plan_files.py): the test plan with its body repeated
`--sections` times, as a PDF (reportlab, CJK text, ruled tables split by page breaks, a
two-column section on every fourth page) and as a .docx with the same content. For each format
it measures, in this process and one file at a time (one core):

* reading as landing does it: `parse_bytes` with the default limits, so PDF and Word are read in
  a forked child under the page/time/memory limits (CPU time includes the children);
* reading in-process (`ReadLimits(isolate=False)`): the readers alone, without the fork;
* extraction (`process_document`) of the document read, so reading can be compared with the
  rest of the per-document work; and the same plan as .txt as the baseline.

Word has no pages of its own: its "pages" are the PDF pages of the same content.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import plan_files as pf  # noqa: E402

from planextract.documents import parse_bytes  # noqa: E402
from planextract.model import ParsedDocument  # noqa: E402
from planextract.pipeline import process_document  # noqa: E402
from planextract.readers import ReadLimits  # noqa: E402


def cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(func, rounds: int) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds incl. children) per round, and the last result."""
    result = func()  # warm-up: imports and first-call costs are not counted
    wall0, cpu0 = time.perf_counter(), cpu_seconds()
    for _ in range(rounds):
        result = func()
    return (time.perf_counter() - wall0) / rounds, (cpu_seconds() - cpu0) / rounds, result


def pdf_pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def measure(sections: int, rounds: int) -> list[dict]:
    pdf = pf.plan_pdf(sections=sections)
    pages = pdf_pages(pdf)
    files = {"pdf": ("plan.pdf", pdf), "docx": ("plan.docx", pf.plan_docx(sections=sections)),
             "txt": ("plan.txt", ("\n".join(pf.plan_lines()[:8] + pf.plan_lines()[8:] * sections)).encode())}
    rows = []
    for kind, (name, data) in files.items():
        wall, cpu, doc = timed(lambda: parse_bytes(data, name), rounds)
        assert isinstance(doc, ParsedDocument), getattr(doc, "reason", doc)
        wall_in, cpu_in, _ = timed(lambda: parse_bytes(data, name, limits=ReadLimits(isolate=False)), rounds)
        extract_wall, _, (_meta, facts) = timed(lambda: process_document(doc), rounds)
        rows.append(dict(kind=kind, bytes=len(data), pages=pages, chars=len(doc.text), facts=len(facts),
                         wall=wall, cpu=cpu, wall_in=wall_in, cpu_in=cpu_in, extract=extract_wall))
    return rows


def report(rows: list[dict], sections: int, rounds: int, started: float) -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [
        f"Written by `scripts/bench_readers.py --sections {sections} --rounds {rounds}` on "
        f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; {time.perf_counter() - started:.0f} s; "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, load {load}.",
        "",
        f"One file at a time, one core. The plan of the tests with its body repeated {sections}×: "
        f"{rows[0]['pages']} PDF pages; Word's pages are the PDF pages of the same content.",
        "",
        "| format | size | text | reading as landing does (forked, limits) | reading in-process | "
        "extraction of the same document | reading / extraction |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        if r["kind"] == "txt":
            speed = f"{r['wall'] * 1000:.1f} ms"
            inproc = f"{r['wall_in'] * 1000:.1f} ms"
        else:
            speed = (f"**{r['pages'] / r['cpu']:.0f} pages/s** per CPU-second ({r['pages'] / r['wall']:.0f} pages/s "
                     f"wall; {r['wall'] * 1000:.0f} ms)")
            inproc = f"{r['pages'] / r['cpu_in']:.0f} pages/s per CPU-second ({r['wall_in'] * 1000:.0f} ms)"
        lines.append(f"| {r['kind']} | {r['bytes'] / 1024:.0f} KiB | {r['chars']:,} chars, {r['facts']} facts | "
                     f"{speed} | {inproc} | {r['extract'] * 1000:.0f} ms | {r['wall'] / r['extract']:.2f}× |")
    lines += ["", "Reading as landing does it includes forking the reader's child process and sending the "
              "text back; in-process reading is the readers alone."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sections", type=int, default=20, help="repeats of the plan body (default 20: ~60 pages)")
    parser.add_argument("--rounds", type=int, default=3, help="measured reads per format (default 3)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "READERS.md")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = measure(args.sections, args.rounds)
    text = report(rows, args.sections, args.rounds, started)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("# PDF and Word reading throughput\n\n" + text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

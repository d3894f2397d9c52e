"""Copy the headline table of bench/RESULTS.md into the README (between its bench markers).

    .venv/bin/python scripts/render_bench_table.py
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    results = (ROOT / "bench" / "RESULTS.md").read_text(encoding="utf-8")
    lines = results.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("| measure |"))
    last = first
    while last + 1 < len(lines) and lines[last + 1].startswith("|"):
        last += 1
    stamp = next((line for line in lines if line.startswith("Written by")), "")
    table = "\n".join([stamp, ""] + lines[first:last + 1])
    readme_path = ROOT / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    head, rest = readme.split(start, 1)
    _, tail = rest.split(end, 1)
    readme_path.write_text(head + start + "\n" + table + "\n" + end + tail, encoding="utf-8")
    print("README bench table refreshed")


if __name__ == "__main__":
    main()

"""The results table (Markdown), written to bench/RESULTS.md and printed."""
from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from importlib import metadata

from .goals import Row
from .measure import ROOT

PACKAGES = ["dagster", "dagster-dbt", "dbt-core", "dbt-duckdb", "duckdb", "great-expectations"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(rows: list[Row], loads: tuple[float, float], minutes: float) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "—"
    versions = ", ".join(f"{p} {_version(p)}" for p in PACKAGES)
    lines = [
        "# Benchmark results", "",
        f"`make bench` on {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, commit {commit}, {minutes:.1f} min; "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; {versions}. 1-minute load "
        f"{loads[0]:.2f} at the start, {loads[1]:.2f} at the end (a shared machine: above the core count, "
        "other work competed and wall seconds grow; CPU seconds are the steadier figure).", "",
        "Steps (seconds) are read from `plans build`'s progress lines: start-up (imports, Dagster "
        "definitions, dbt manifest), scan + landing (hash, read, extract, land), dbt, validation (GX "
        "suites), publish + site (copy to the v1.4 file, report site, swap), summary + exit.", "",
        "| scenario | goal | measured | same work, bare tools | verdict | where the time goes / cause |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += [f"| {_cell(r.scenario)} | {_cell(r.goal)} | {_cell(r.measured)} | {_cell(r.bare_tools)} | "
              f"{r.verdict()} | {_cell(r.cause)} |" for r in rows]
    return "\n".join(lines) + "\n"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "—"

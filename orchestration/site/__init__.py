"""The report site: a browsable, static picture of one published warehouse.

    write_site(Path("warehouse/plans.duckdb"), Path("warehouse/site"))

Writes plain HTML, CSS, JS and inline SVG (no server, no network, no JavaScript library):
an overview of the build (coverage, facts by role and category, rejected documents, quarantined
facts, the run's checks), one page per region (every target, a chart per canonical indicator,
the on-track verdict), one per canonical indicator (regions side by side) and one per document
(its text with every fact's span marked: a fact's link scrolls to and highlights its words).

Only the published file is read, read-only, so the site shows exactly what analysts see.
The publish step (`orchestration.publish`) stages the site from the new file and swaps both
in together; `plans site` rewrites it for any published warehouse.
"""
from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .pages import Site, SiteContext, SiteStats

__all__ = ["SiteResult", "stage_site", "swap_in", "write_site"]


@dataclass
class SiteResult:
    path: Path  # the folder; open path / "index.html"
    seconds: float
    stats: SiteStats

    def describe(self) -> str:
        pages = sum(self.stats.pages.values())
        kinds = ", ".join(f"{n:,} {kind}" for kind, n in self.stats.pages.items())
        return (f"{pages:,} pages ({kinds}), {self.stats.bytes_written / 1e6:.1f} MB, "
                f"largest {self.stats.largest_page[1] / 1e3:.0f} kB, in {self.seconds:.1f} s")


def stage_site(warehouse_file: Path, site_dir: Path, progress: Callable[[str], None] | None = None) -> SiteResult:
    """Write the site of `warehouse_file` into a fresh folder beside `site_dir` (not yet in place)."""
    started = time.perf_counter()
    staging = site_dir.with_name(f".{site_dir.name}.{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    con = duckdb.connect(str(warehouse_file), read_only=True)
    try:
        site = Site(con, staging, SiteContext.read(con))
        site.copy_static()
        site.all_pages(warehouse_file, progress)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        con.close()
    return SiteResult(staging, time.perf_counter() - started, site.stats)


def swap_in(staged: SiteResult, site_dir: Path) -> SiteResult:
    """Replace `site_dir` with the staged folder: two renames, the old folder removed afterwards."""
    old = site_dir.with_name(f".{site_dir.name}.{os.getpid()}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(staged.path, site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return SiteResult(site_dir, staged.seconds, staged.stats)


def write_site(warehouse_file: Path, site_dir: Path, progress: Callable[[str], None] | None = None) -> SiteResult:
    """Generate the site of a published warehouse and put it in place of `site_dir`."""
    return swap_in(stage_site(warehouse_file, site_dir, progress), site_dir)

"""10,000 documents (the synthetic corpus), empty → published: wall, CPU and peak memory of
the whole process tree, beside dbt build alone and extraction alone on the same inputs."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from . import goals
from .baselines import bare_dbt, describe, extraction_alone
from .corpus import corpus
from .goals import Row
from .measure import OUT, ROOT, make_raw_dir, plans_build


def paths(size: int) -> tuple[Path, Path]:
    work = OUT / f"large-{size}"
    return work / "raw", work / "warehouse" / "plans.duckdb"


def run(size: int, extraction_baseline: bool = True) -> list[Row]:
    raw, warehouse = paths(size)
    files = corpus(size)
    make_raw_dir(raw, files, ROOT / "raw" / "statistics")
    shutil.rmtree(warehouse.parent, ignore_errors=True)
    built = plans_build(f"{size} documents, empty → published", raw, warehouse)
    bare = describe(bare_dbt(warehouse.with_name("plans.build.duckdb"), f"large-{size}"),
                    extraction_alone(files) if extraction_baseline else None, os.cpu_count() or 1)
    return [
        Row(f"{size:,} documents, empty → published", f"≤ {goals.LARGE_S:g} s",
            built.figure(), bare, goals.at_most(built.wall, goals.LARGE_S) and built.rc == 0, built.step_text()),
        Row(f"{size:,} documents: peak memory (process tree)", f"≤ {goals.LARGE_MEM_MB:g} MB",
            f"{built.peak_mb:.0f} MB", "—", goals.at_most(built.peak_mb, goals.LARGE_MEM_MB), "RSS summed over "
            "the build and its extraction workers, sampled every 0.2 s"),
    ]

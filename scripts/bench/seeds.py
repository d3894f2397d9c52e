"""Scenarios on the seeds (raw/): a warm build (dependencies installed, dbt's parse kept,
nothing built), then the same again with nothing changed."""
from __future__ import annotations

import os
import shutil

from . import goals
from .baselines import bare_dbt, describe, extraction_alone
from .goals import Row
from .measure import OUT, ROOT, plans_build


def run() -> list[Row]:
    work = OUT / "seeds"
    warehouse = work / "warehouse" / "plans.duckdb"
    shutil.rmtree(work, ignore_errors=True)
    plans_build("seeds, first build (parses dbt if needed; not counted)", ROOT / "raw", warehouse)
    shutil.rmtree(work, ignore_errors=True)
    warm = plans_build("seeds, warm", ROOT / "raw", warehouse)
    same = plans_build("seeds, nothing changed", ROOT / "raw", warehouse)
    docs = sorted(p for p in (ROOT / "raw" / "documents").iterdir() if p.is_file())
    bare = describe(bare_dbt(warehouse.with_name("plans.build.duckdb"), "seeds"), extraction_alone(docs),
                    os.cpu_count() or 1)
    return [
        Row("Seeds, warm (nothing built)", f"≤ {goals.SEEDS_WARM_S:g} s", f"{warm.figure()}, peak {warm.peak_mb:.0f} MB",
            bare, goals.at_most(warm.wall, goals.SEEDS_WARM_S) and warm.rc == 0, warm.step_text()),
        Row("Seeds, nothing changed", f"≤ {goals.NOTHING_CHANGED_S:g} s", same.figure(), "—",
            goals.at_most(same.wall, goals.NOTHING_CHANGED_S) and same.rc == 0,
            "fingerprint of inputs and code = the last published one"),
    ]

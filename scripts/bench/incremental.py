"""One document added, changed, removed in the large warehouse, each published; then a full
rebuild of the same final inputs into a new warehouse, which must be identical (same rows, same
fact ids: orchestration.compare)."""
from __future__ import annotations

import shutil

from . import goals
from .goals import Row
from .large import paths
from .measure import OUT, plans_build, replace_file

NEW_PARAGRAPH = "\n\n到2025年，全市规模以上工业增加值达到{n}亿元，年均增长{p}%。\n"


def run(size: int) -> list[Row]:
    from orchestration.compare import warehouse_differences

    raw, warehouse = paths(size)
    if not warehouse.exists():
        raise FileNotFoundError(f"{warehouse}: run the large scenario first")
    docs = sorted((raw / "documents").iterdir())
    rows = []
    same = plans_build("incremental: nothing changed", raw, warehouse)
    rows.append(Row(f"{size:,} documents: nothing changed", f"≤ {goals.NOTHING_CHANGED_S:g} s", same.figure(), "—",
                    goals.at_most(same.wall, goals.NOTHING_CHANGED_S) and same.rc == 0,
                    "every document hashed once, fingerprint = the last published one"))
    added = raw / "documents" / "bench_added.txt"
    added.write_bytes(docs[0].read_bytes() + NEW_PARAGRAPH.format(n=1234, p=7).encode())
    changed = docs[1]
    steps = [("one added", lambda: None),
             ("one changed", lambda: replace_file(changed, changed.read_bytes() + NEW_PARAGRAPH.format(n=567, p=8)
                                                  .encode())),
             ("one removed", lambda: docs[2].unlink())]
    for label, change in steps:
        change()
        build = plans_build(f"incremental: {label}", raw, warehouse)
        rows.append(Row(f"{size:,} documents: {label}", f"≤ {goals.INCREMENTAL_S:g} s", build.figure(), "—",
                        goals.at_most(build.wall, goals.INCREMENTAL_S) and build.rc == 0, build.step_text()))
    full_dir = OUT / f"large-{size}-full"
    shutil.rmtree(full_dir, ignore_errors=True)
    full = plans_build("full rebuild of the same inputs", raw, full_dir / "plans.duckdb")
    differences = warehouse_differences(warehouse, full_dir / "plans.duckdb") if full.rc == 0 else ["rebuild failed"]
    rows.append(Row("incremental = full rebuild of the same inputs", "identical marts",
                    "identical" if not differences else f"{len(differences)} differences", f"full rebuild {full.figure()}",
                    not differences, "; ".join(differences[:3]) or "every marts table: same rows, same fact ids"))
    return rows

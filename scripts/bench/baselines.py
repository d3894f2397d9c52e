"""The same work done by the bare tools, so the pipeline's own overhead is visible:
`dbt build` alone (the dbt CLI, partial parse warm) on a copy of a build's working file, and
the extraction library alone (read → parse → extract, one process) over the same documents."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

from .measure import BIN, OUT, ROOT, Timed, say, timed


def bare_dbt(build_file: Path, name: str) -> Timed:
    """`dbt build` on a copy of `build_file` (the landing tables are in it), run as a user would."""
    work = OUT / f"bare-dbt-{name}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    copy = work / build_file.name
    shutil.copy(build_file, copy)
    args = ["--project-dir", ROOT / "dbt_project", "--profiles-dir", ROOT / "dbt_project",
            "--target-path", work / "target", "--log-path", work / "logs", "--quiet"]
    env = {"PLANS_BUILD_DB": str(copy)}
    timed(f"dbt parse for {name} (not counted)", [BIN / "dbt", "parse", *args], env=env)
    return timed(f"bare dbt build ({name})", [BIN / "dbt", "build", *args], env=env)


def extraction_alone(files: list[Path]) -> tuple[float, float, int]:
    """(wall s, CPU s, facts) of the extraction library over `files` in this one process."""
    from planextract.documents import parse_bytes
    from planextract.model import Rejection
    from planextract.pipeline import process_document

    say(f"extraction alone over {len(files)} documents")
    facts = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for path in files:
        parsed = parse_bytes(path.read_bytes(), path.name, 20 * 1024 * 1024)
        if not isinstance(parsed, Rejection):
            facts += len(process_document(parsed)[1])
    return round(time.perf_counter() - wall, 2), round(time.process_time() - cpu, 2), facts


def describe(dbt: Timed | None, extraction: tuple[float, float, int] | None, cores: int) -> str:
    parts = []
    if dbt is not None:
        parts.append(f"dbt build alone {dbt.figure()}" + ("" if dbt.rc == 0 else f" (rc {dbt.rc})"))
    if extraction is not None:
        wall, cpu, facts = extraction
        parts.append(f"extraction alone {cpu:.1f} s CPU on 1 core ({facts} facts; ÷{cores} cores ≈ {cpu / cores:.1f} s)")
    return "; ".join(parts) or "—"

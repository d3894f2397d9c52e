"""Fixtures shared by several test modules."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_BULLETINS = ROOT / "examples" / "bulletins"


@pytest.fixture(scope="session")
def bulletin_build(tmp_path_factory):
    """The seeds and the statistics CSV of raw/, plus the two example bulletins of 台州市
    (examples/bulletins/: 2022 and 2023), built and published with `plans build` as a user
    would. Returns (raw folder, published warehouse, completed process)."""
    raw = tmp_path_factory.mktemp("raw_with_bulletins")
    shutil.copytree(ROOT / "raw" / "documents", raw / "documents")
    shutil.copytree(ROOT / "raw" / "statistics", raw / "statistics")
    for bulletin in sorted(EXAMPLE_BULLETINS.glob("*.txt")):
        shutil.copy(bulletin, raw / "documents" / bulletin.name)
    warehouse = tmp_path_factory.mktemp("warehouse_with_bulletins") / "plans.duckdb"
    result = subprocess.run([sys.executable, "-m", "orchestration", "build", "--raw", str(raw),
                             "--warehouse", str(warehouse)],
                            capture_output=True, text=True, cwd=ROOT, timeout=900)
    return raw, warehouse, result

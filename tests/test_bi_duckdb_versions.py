"""BI tools open the published warehouse: DuckDB 1.4 and 1.5 read it and answer as DuckDB 2.0 does.

BI tools embed older DuckDB clients (Superset and Metabase drivers, Evidence, Rill…). Each
version here is installed by the test into its own throwaway virtualenv (uv; cached under
~/.cache/plan-warehouse/test-venvs, or $PLANS_TEST_CACHE, so later runs reuse it), opens the
warehouse built from raw/ read-only, and runs every SQL block of docs/ANALYST_QUESTIONS.md;
the answers must equal the project's DuckDB 2.0 answers (same columns, same rows; floats to 12
significant digits). The same client also reflects the schema through SQLAlchemy and
duckdb-engine, as Superset does when a dataset is added: SQLAlchemy 1.4 with DuckDB 1.4 (SQLAlchemy
>= 2.0.45 cannot reflect its columns) and SQLAlchemy 2.0 with DuckDB 1.5 (2.1 asks the catalog for
pg_collation, which DuckDB does not have).
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from test_analyst_questions import doc_queries

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tests" / "fixtures" / "run_queries.py"
CACHE = Path(os.environ.get("PLANS_TEST_CACHE", Path.home() / ".cache" / "plan-warehouse" / "test-venvs"))
CLIENTS = {
    "1.4": ["duckdb==1.4.*", "duckdb-engine==0.17.*", "sqlalchemy>=1.4,<2"],
    "1.5": ["duckdb==1.5.*", "duckdb-engine==0.17.*", "sqlalchemy>=2,<2.1"],
}


def uv() -> str:
    found = ROOT / ".uv" / "bin" / "uv"
    if found.exists():
        return str(found)
    if shutil.which("uv"):
        return shutil.which("uv")
    pytest.fail("uv is needed to make the DuckDB client environments: run `make setup` first")


def client_python(version: str) -> Path:
    """The interpreter of a virtualenv holding DuckDB `version` (made once, then reused)."""
    requirements = CLIENTS[version]
    venv = CACHE / f"duckdb-{version}"
    python = venv / "bin" / "python"
    ready = venv / ".requirements.json"
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / f"duckdb-{version}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if python.exists() and ready.exists() and json.loads(ready.read_text()) == requirements:
            return python
        started = time.perf_counter()
        shutil.rmtree(venv, ignore_errors=True)
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT")}
        for command in ([uv(), "venv", "--quiet", "--python", sys._base_executable, str(venv)],
                        [uv(), "pip", "install", "--quiet", "--python", str(python), *requirements]):
            done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
            assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}\n{done.stderr}"
        ready.write_text(json.dumps(requirements))
        print(f"made {venv} in {time.perf_counter() - started:.1f} s")
    return python


def answers(python: Path | str, warehouse: Path, queries: dict[str, str], reflect: bool = False) -> dict:
    job = json.dumps({"warehouse": str(warehouse), "queries": queries, "reflect": reflect})
    done = subprocess.run([str(python), str(RUNNER)], input=job, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def queries() -> dict[str, str]:
    named = {f"{q}.{i}": sql for q, blocks in doc_queries().items() for i, sql in enumerate(blocks)}
    assert len(named) >= 6
    return named


@pytest.fixture(scope="module")
def reference(seeds_warehouse, queries) -> dict:
    """The answers of the project's own DuckDB (2.0)."""
    out = answers(sys.executable, seeds_warehouse, queries)
    assert out["duckdb"].startswith("2."), out["duckdb"]
    return out


@pytest.mark.parametrize("version", sorted(CLIENTS))
def test_older_duckdb_answers_the_analyst_questions_as_duckdb_2_does(version, seeds_warehouse, queries, reference):
    out = answers(client_python(version), seeds_warehouse, queries)
    assert out["duckdb"].startswith(version + "."), out["duckdb"]
    assert sum(len(r["rows"]) for r in reference["results"].values()) > 100
    for name, expected in reference["results"].items():
        got = out["results"][name]
        assert got["columns"] == expected["columns"], name
        assert Counter(map(json.dumps, got["rows"])) == Counter(map(json.dumps, expected["rows"])), name
    # descriptions travel with the tables, for BI tools to show
    assert out["table_comments"] == reference["table_comments"]
    assert out["table_comments"]["marts.plan_facts"]


@pytest.mark.parametrize("version", sorted(CLIENTS))
def test_older_duckdb_reflects_the_marts_through_sqlalchemy(version, seeds_warehouse):
    out = answers(client_python(version), seeds_warehouse, {}, reflect=True)["reflection"]
    assert {"plan_facts", "documents", "document_texts", "fct_plan_targets", "target_progress",
            "region_comparison"} <= set(out["marts_tables"])
    columns = out["plan_facts_columns"]
    assert {"fact_id", "quote", "value_base", "base_unit", "char_start"} <= set(columns)
    assert columns["value_base"], "column descriptions are visible through SQLAlchemy"

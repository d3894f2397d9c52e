"""Dagster resources, configured in one place from `Settings`."""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

from typing import Any

from dagster import ConfigurableResource, InitResourceContext
from dagster_dbt import DbtCliResource, DbtProject
from pydantic import PrivateAttr

from .lock import build_lock
from .settings import DBT_PROJECT_DIR, DEFAULT_DOCUMENT_MEMORY_MB, DEFAULT_DOCUMENT_SECONDS, Settings

# dbt is installed in this interpreter's environment; make it findable however we were started
_BIN = str(Path(sys.executable).parent)
if _BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")


class PlanWarehouse(ConfigurableResource):
    """Paths and limits of one warehouse: raw inputs, working file, published file.

    A run holds the warehouse's build lock from its start to its end (`orchestration.lock`), so
    a scheduled run and a `plans build` never write the same working file at once."""

    raw_dir: str
    warehouse_file: str
    max_document_bytes: int
    workers: int = 0
    document_seconds: float = DEFAULT_DOCUMENT_SECONDS
    document_memory_mb: int = DEFAULT_DOCUMENT_MEMORY_MB
    _lock: Any = PrivateAttr(default=None)

    @property
    def settings(self) -> Settings:
        return Settings(Path(self.raw_dir), Path(self.warehouse_file), self.max_document_bytes, self.workers,
                        self.document_seconds, self.document_memory_mb)

    def setup_for_execution(self, context: InitResourceContext) -> None:
        self._lock = build_lock(Path(self.warehouse_file))
        self._lock.__enter__()  # raises BuildLocked: the run fails at once, touching nothing

    def teardown_after_execution(self, context: InitResourceContext) -> None:
        if self._lock is not None:
            self._lock.__exit__(None, None, None)
            self._lock = None


def dbt_project() -> DbtProject:
    """The dbt project, parsed for the working file it will build.

    Each working file (PLANS_BUILD_DB) gets its own dbt target folder, so dbt's partial parsing
    keeps working when several warehouses are built from one checkout (the profile's path is part
    of what dbt checks). The manifest is parsed again only when missing or older than the
    project's files, and only the last few per-run folders dagster-dbt leaves are kept.
    """
    build_db = os.environ.get("PLANS_BUILD_DB", "")
    tag = hashlib.sha256(build_db.encode()).hexdigest()[:10]
    target = Path("target") / f"build-{tag}"
    os.environ["DBT_TARGET_PATH"] = str(DBT_PROJECT_DIR / target)  # where dagster-dbt looks for partial parses
    project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR, target_path=target)
    if _manifest_stale(project.manifest_path):
        sibling = _fresh_manifest_elsewhere(project.manifest_path)
        if sibling is not None:
            # the same project parsed for another working file: its manifest describes the same
            # assets, and the first dbt build here parses in full by itself (one process less)
            project.manifest_path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(sibling, project.manifest_path)
        else:
            project.preparer.prepare(project)
    _prune_runs(DBT_PROJECT_DIR / project.target_path)
    return project


def _fresh_manifest_elsewhere(manifest: Path) -> Path | None:
    others = [p for p in (DBT_PROJECT_DIR / "target").glob("build-*/manifest.json") if p != manifest]
    for other in sorted(others, key=lambda p: p.stat().st_mtime, reverse=True):
        if not _manifest_stale(other):
            return other
    return None


KEEP_RUN_FOLDERS = 3


def keep_partial_parse(run_target: Path, project_target: Path) -> None:
    """dagster-dbt gives each run its own target folder, seeded with the project's
    partial_parse.msgpack; bring the run's fresh one back so the next run parses partially."""
    fresh = Path(run_target) / "partial_parse.msgpack"
    if fresh.exists():  # copied, then renamed: a build killed here leaves the old file or the new one
        tmp = project_target / f".partial_parse.msgpack.{os.getpid()}.tmp"
        shutil.copy(fresh, tmp)
        os.replace(tmp, project_target / "partial_parse.msgpack")


def _prune_runs(target: Path) -> None:
    runs = sorted((p for p in target.glob("warehouse_models-*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for old in runs[:-KEEP_RUN_FOLDERS]:
        shutil.rmtree(old, ignore_errors=True)


def _manifest_stale(manifest: Path) -> bool:
    if not manifest.exists() or not _complete_json(manifest):
        return True
    built = manifest.stat().st_mtime
    sources = [DBT_PROJECT_DIR / "dbt_project.yml"] + [
        p for folder in ("models", "macros", "seeds", "tests") for p in (DBT_PROJECT_DIR / folder).rglob("*")
        if p.is_file()]
    return any(p.stat().st_mtime > built for p in sources)


def _complete_json(path: Path) -> bool:
    """A manifest cut off by a killed `dbt parse` does not end with its closing brace."""
    try:
        with path.open("rb") as handle:
            handle.seek(max(0, path.stat().st_size - 64))
            return handle.read().rstrip().endswith(b"}")
    except OSError:
        return False


def build_resources(settings: Settings) -> dict:
    return {
        "warehouse": PlanWarehouse(raw_dir=str(settings.raw_dir), warehouse_file=str(settings.warehouse_file),
                                   max_document_bytes=settings.max_document_bytes, workers=settings.workers,
                                   document_seconds=settings.document_seconds,
                                   document_memory_mb=settings.document_memory_mb),
        "dbt": DbtCliResource(project_dir=dbt_project(), profiles_dir=str(DBT_PROJECT_DIR)),
    }

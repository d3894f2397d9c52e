"""Dagster resources, configured in one place from `Settings`."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from dagster import ConfigurableResource, InitResourceContext
from dagster_dbt import DbtProject
from pydantic import PrivateAttr

from . import dbt_runner
from .lock import build_lock
from .settings import DBT_PROJECT_DIR, DEFAULT_DOCUMENT_MEMORY_MB, DEFAULT_DOCUMENT_SECONDS, PROJECT_ROOT, Settings

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
    """The dbt project, parsed for the working file it will build (PLANS_BUILD_DB).

    The parse happens in this process and is kept (`orchestration.dbt_runner`): the definitions
    and the dbt step of a build share it, and later builds load it while the project's files are
    unchanged."""
    build_db = Path(os.environ.get("PLANS_BUILD_DB") or PROJECT_ROOT / "warehouse" / "plans.build.duckdb")
    dbt_runner.manifest_path(build_db)
    return DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR,
                      target_path=dbt_runner.target_dir(build_db).relative_to(DBT_PROJECT_DIR))


def build_resources(settings: Settings) -> dict:
    return {
        "warehouse": PlanWarehouse(raw_dir=str(settings.raw_dir), warehouse_file=str(settings.warehouse_file),
                                   max_document_bytes=settings.max_document_bytes, workers=settings.workers,
                                   document_seconds=settings.document_seconds,
                                   document_memory_mb=settings.document_memory_mb),
    }

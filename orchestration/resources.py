"""Dagster resources, configured in one place from `Settings`."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from dagster import ConfigurableResource
from dagster_dbt import DbtProject

from . import dbt_runner
from .settings import DBT_PROJECT_DIR, PROJECT_ROOT, Settings

# dbt is installed in this interpreter's environment; make it findable however we were started
_BIN = str(Path(sys.executable).parent)
if _BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")


class PlanWarehouse(ConfigurableResource):
    """Paths and limits of one warehouse: raw inputs, working file, published file."""

    raw_dir: str
    warehouse_file: str
    max_document_bytes: int
    workers: int = 0

    @property
    def settings(self) -> Settings:
        return Settings(Path(self.raw_dir), Path(self.warehouse_file), self.max_document_bytes, self.workers)


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
                                   max_document_bytes=settings.max_document_bytes, workers=settings.workers),
    }

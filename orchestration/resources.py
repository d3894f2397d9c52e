"""Dagster resources, configured in one place from `Settings`."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from dagster import ConfigurableResource
from dagster_dbt import DbtCliResource, DbtProject

from .settings import DBT_PROJECT_DIR, Settings

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
    """The dbt project, with its manifest parsed if missing, older than the project's files, or
    parsed for another working file (dbt then could not parse partially: ~5 s on every run)."""
    project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
    parsed_for = DBT_PROJECT_DIR / project.target_path / ".parsed_for_build_db"
    current = os.environ.get("PLANS_BUILD_DB", "")
    if _manifest_stale(project.manifest_path) or not parsed_for.exists() or parsed_for.read_text() != current:
        project.preparer.prepare(project)
        parsed_for.write_text(current)
    return project


def _manifest_stale(manifest: Path) -> bool:
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    sources = [DBT_PROJECT_DIR / "dbt_project.yml"] + [
        p for folder in ("models", "macros", "seeds", "tests") for p in (DBT_PROJECT_DIR / folder).rglob("*")
        if p.is_file()]
    return any(p.stat().st_mtime > built for p in sources)


def build_resources(settings: Settings) -> dict:
    return {
        "warehouse": PlanWarehouse(raw_dir=str(settings.raw_dir), warehouse_file=str(settings.warehouse_file),
                                   max_document_bytes=settings.max_document_bytes, workers=settings.workers),
        "dbt": DbtCliResource(project_dir=dbt_project(), profiles_dir=str(DBT_PROJECT_DIR)),
    }

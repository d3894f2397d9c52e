"""Where everything lives: one place for paths and limits.

The published warehouse sits at `warehouse_file`; its private working copy
(`*.build.duckdb`), the audit reports and the state the pipeline keeps are next
to it, so `plans build --warehouse /tmp/x/plans.duckdb` touches nothing else.
Environment variables give the defaults Dagster's UI and schedule use.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from planextract.pipeline import DocumentLimits

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
DEFAULT_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
DEFAULT_DOCUMENT_SECONDS = 60.0
DEFAULT_DOCUMENT_MEMORY_MB = 1024


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    warehouse_file: Path
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES
    workers: int = 0  # 0: one per core
    document_seconds: float = DEFAULT_DOCUMENT_SECONDS      # time one file may take (reading + extraction)
    document_memory_mb: int = DEFAULT_DOCUMENT_MEMORY_MB    # memory one file may add to its worker

    @property
    def document_limits(self) -> DocumentLimits:
        return DocumentLimits(seconds=self.document_seconds, memory_bytes=self.document_memory_mb * 1024 * 1024)

    @property
    def documents_dir(self) -> Path:
        return self.raw_dir / "documents"

    @property
    def statistics_dir(self) -> Path:
        return self.raw_dir / "statistics"

    @property
    def build_file(self) -> Path:
        """The pipeline's private working DuckDB file (one writer: this pipeline)."""
        return self.warehouse_file.with_name(self.warehouse_file.stem + ".build.duckdb")

    @property
    def site_dir(self) -> Path:
        """The report site of the published warehouse (static HTML; open index.html)."""
        return self.warehouse_file.parent / "site"

    @property
    def reports_dir(self) -> Path:
        return self.warehouse_file.parent / "reports"

    def export(self) -> None:
        """Publish these settings to the environment: dbt's profile reads PLANS_BUILD_DB, and
        Dagster's definitions read the rest when they are loaded."""
        os.environ.update(PLANS_RAW_DIR=str(self.raw_dir), PLANS_WAREHOUSE=str(self.warehouse_file),
                          PLANS_MAX_DOCUMENT_BYTES=str(self.max_document_bytes), PLANS_WORKERS=str(self.workers),
                          PLANS_DOCUMENT_SECONDS=str(self.document_seconds),
                          PLANS_DOCUMENT_MEMORY_MB=str(self.document_memory_mb),
                          PLANS_BUILD_DB=str(self.build_file))

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(
            raw_dir=Path(os.environ.get("PLANS_RAW_DIR", PROJECT_ROOT / "raw")).resolve(),
            warehouse_file=Path(os.environ.get("PLANS_WAREHOUSE", PROJECT_ROOT / "warehouse" / "plans.duckdb")).resolve(),
            max_document_bytes=int(os.environ.get("PLANS_MAX_DOCUMENT_BYTES", DEFAULT_MAX_DOCUMENT_BYTES)),
            workers=int(os.environ.get("PLANS_WORKERS", 0)),
            document_seconds=float(os.environ.get("PLANS_DOCUMENT_SECONDS", DEFAULT_DOCUMENT_SECONDS)),
            document_memory_mb=int(os.environ.get("PLANS_DOCUMENT_MEMORY_MB", DEFAULT_DOCUMENT_MEMORY_MB)))

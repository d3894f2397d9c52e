"""The Dagster code location: every asset, check, schedule and sensor, in one place.

    dagster dev -m orchestration.definitions      # the UI on http://127.0.0.1:3000
"""

import hashlib
import os

from dagster import (AssetSelection, DefaultScheduleStatus, DefaultSensorStatus, Definitions, RunRequest,
                     ScheduleDefinition, SensorEvaluationContext, SkipReason, define_asset_job, in_process_executor,
                     sensor)

from planextract.files import list_documents

from .settings import Settings

SETTINGS = Settings.from_env()
SETTINGS.export()  # before the dbt assets load: the manifest is parsed for this working file

from .assets.checks import expectation_suites  # noqa: E402
from .assets.ingest import administrative_regions, landed_documents, official_statistics  # noqa: E402
from .assets.serve import published_warehouse  # noqa: E402
from .assets.warehouse import warehouse_models  # noqa: E402
from .resources import build_resources  # noqa: E402

ASSETS = [landed_documents, official_statistics, administrative_regions, warehouse_models, published_warehouse]
CHECKS = [expectation_suites]

build_warehouse = define_asset_job("build_warehouse", selection=AssetSelection.all(),
                                   description="Ingest, extract, model, validate and publish the warehouse.")

# the daily build runs every dbt model and test (a sensor's build of new documents runs those they affect)
daily_build = ScheduleDefinition(job=build_warehouse, cron_schedule="0 6 * * *", execution_timezone="Asia/Shanghai",
                                 default_status=DefaultScheduleStatus.RUNNING, tags={"plans/full_build": "true"})


def documents_fingerprint(settings: Settings) -> str:
    """Names, sizes and modification times of raw/documents: changes when a file is added, changed or removed."""
    digest = hashlib.sha256()
    folder = settings.documents_dir
    if folder.is_dir():
        for entry in list_documents(folder):
            try:
                stat = os.stat(entry.path, follow_symlinks=False)
                digest.update(f"{entry.source_file}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
            except OSError:  # gone since it was listed: the next tick sees the change
                digest.update(f"{entry.source_file}|gone\n".encode())
    return digest.hexdigest()


@sensor(job=build_warehouse, minimum_interval_seconds=30, default_status=DefaultSensorStatus.RUNNING)
def new_documents(context: SensorEvaluationContext):
    """Start a build when a file in raw/documents/ is added, changed or removed."""
    fingerprint = documents_fingerprint(Settings.from_env())
    if fingerprint == context.cursor:
        return SkipReason("raw/documents/ unchanged")
    context.update_cursor(fingerprint)
    return RunRequest(run_key=fingerprint)


def build_definitions(settings: Settings) -> Definitions:
    # in-process: DuckDB allows one writing process, so the steps share this one (extraction itself
    # still fans out over the cores inside the landing step)
    return Definitions(assets=ASSETS, asset_checks=CHECKS, jobs=[build_warehouse], schedules=[daily_build],
                       sensors=[new_documents], resources=build_resources(settings), executor=in_process_executor)


defs = build_definitions(SETTINGS)

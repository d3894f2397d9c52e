"""The dbt project as Dagster assets: one `dbt build` per run (staging → marts, with tests),
run in this process by `orchestration.dbt_runner` (no dbt subprocess, no second parse)."""

import os
from collections.abc import Mapping
from typing import Any

from dagster import AssetExecutionContext, Failure
from dagster_dbt import DagsterDbtTranslator, dbt_assets
from dagster_dbt.asset_utils import get_subset_selection_for_context

from .. import dbt_runner
from ..progress import reporter
from ..resources import PlanWarehouse, dbt_project
from ..state import documents_only

PROJECT = dbt_project()
FULL_BUILD_TAG = "plans/full_build"  # set by `plans build --force` and the daily schedule
# Only documents changed since the last published build (same code, same statistics): rebuild what
# depends on them and run its tests; views, seeds, reference dimensions and unit tests are as the
# last build left them (nothing they read has changed).
DOCUMENTS_ONLY = ["--select", "source:raw.documents+", "source:raw.facts+", "source:raw.rejected_documents+",
                  "--exclude", "config.materialized:view,resource_type:model", "resource_type:unit_test"]


class Translator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return "warehouse"


TRANSLATOR = Translator()


@dbt_assets(manifest=PROJECT.manifest_path, project=PROJECT, dagster_dbt_translator=TRANSLATOR)
def warehouse_models(context: AssetExecutionContext, warehouse: PlanWarehouse):
    """Build and test every dbt model into the working DuckDB file."""
    build_db = warehouse.settings.build_file
    report = reporter(context)
    selection, indirect = get_subset_selection_for_context(
        context, dbt_runner.manifest_json_of(build_db), None, None, None, TRANSLATOR,
        os.environ.get("DBT_INDIRECT_SELECTION"))
    if indirect is not None:
        os.environ["DBT_INDIRECT_SELECTION"] = indirect
    if not selection and not context.run.tags.get(FULL_BUILD_TAG) and documents_only(warehouse.settings):
        selection = DOCUMENTS_ONLY
        report("dbt build: only documents changed — the models and tests that depend on them")
    else:
        report("dbt build: staging → intermediate → marts, with tests")
    run = dbt_runner.invoke(["build", *selection], build_db, context=context, translator=TRANSLATOR,
                            project=PROJECT, on_node=report)
    yield from run.events
    report(f"dbt build: {run.nodes} nodes, {len(run.failures)} failed")
    if not run.success:
        raise Failure(description="dbt build failed: " + "; ".join(run.failures[:5]),
                      metadata={"failures": run.failures})

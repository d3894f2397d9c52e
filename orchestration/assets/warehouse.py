"""The dbt project as Dagster assets: one `dbt build` per run (staging → marts, with tests)."""

import os
from collections.abc import Mapping
from typing import Any

from dagster import AssetExecutionContext
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from ..progress import reporter
from ..resources import PlanWarehouse, dbt_project, keep_partial_parse
from ..settings import DBT_PROJECT_DIR

PROJECT = dbt_project()


class Translator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return "warehouse"


@dbt_assets(manifest=PROJECT.manifest_path, project=PROJECT, dagster_dbt_translator=Translator())
def warehouse_models(context: AssetExecutionContext, dbt: DbtCliResource, warehouse: PlanWarehouse):
    """Build and test every dbt model into the working DuckDB file."""
    os.environ["PLANS_BUILD_DB"] = str(warehouse.settings.build_file)
    reporter(context)("dbt build: staging → intermediate → marts, with tests")
    invocation = dbt.cli(["build"], context=context)
    yield from invocation.stream()
    keep_partial_parse(invocation.target_path, DBT_PROJECT_DIR / PROJECT.target_path)

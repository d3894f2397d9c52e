"""The published warehouse: swapped in only after the checks allow it."""

from dagster import AssetExecutionContext, AssetKey, Failure, MaterializeResult, asset
from dagster_dbt import get_asset_key_for_model

from ..publish import publish
from ..progress import reporter
from ..resources import PlanWarehouse
from ..state import record_published
from ..validation import load_outcome, record_run, run_inputs
from .warehouse import warehouse_models

PUBLISHED = AssetKey(["serve", "plans_warehouse"])
MARTS = ["plan_facts", "documents", "fct_plan_targets", "fct_observations", "target_progress", "region_comparison"]


@asset(key=PUBLISHED, group_name="serve",
       deps=[get_asset_key_for_model([warehouse_models], m) for m in MARTS],
       description="warehouse/plans.duckdb: validated marts for analysts and BI tools (read-only, DuckDB ≥ 1.4), "
                   "and its report site warehouse/site/ (static HTML).")
def published_warehouse(context: AssetExecutionContext, warehouse: PlanWarehouse) -> MaterializeResult:
    s = warehouse.settings
    outcome = load_outcome(s.build_file, context.run_id)
    if outcome.blocked:
        record_run(s.build_file, outcome, published=False)
        raise Failure(description="validation blocked the publish; the previous warehouse stays in place",
                      metadata={"blockers": outcome.blockers, "report": str(outcome.report_path)})
    report = reporter(context)
    report(f"publishing {s.warehouse_file}")
    summary = record_run(s.build_file, outcome, published=True)  # recorded first so the copy carries it
    try:
        counts, site = publish(s.build_file, s.warehouse_file, context.run_id, s.site_dir, report)
    except Exception:
        record_run(s.build_file, outcome, published=False)
        raise
    fingerprint = run_inputs(s.build_file, context.run_id)
    if fingerprint:
        record_published(s, fingerprint, context.run_id)
    report(f"report site: {site.describe()}")
    context.log.info(f"published {s.warehouse_file}")
    return MaterializeResult(metadata={"path": str(s.warehouse_file), **summary,
                                       "plan_facts": counts.get("marts.plan_facts", 0),
                                       "site": str(site.path / "index.html"), "site_seconds": round(site.seconds, 2)})

"""Great Expectations suites as Dagster asset checks on the analysts' facts.

One check per suite (units, baselines, statistics, reconciliation). A suite whose
failures mean the data are wrong *and* cannot be fixed by quarantining rows
blocks the publish (ERROR); rows failing an error-severity row check are
quarantined, which the check reports as a WARN; "look at this" checks warn.
The suites themselves live in `expectations/`; results are stored in the audit
tables by `orchestration.validation`.
"""

from dagster import AssetCheckExecutionContext, AssetCheckResult, AssetCheckSeverity, AssetCheckSpec, multi_asset_check
from dagster_dbt import get_asset_key_for_model

from ..progress import reporter
from ..resources import PlanWarehouse
from ..validation import validate
from .warehouse import warehouse_models

PLAN_FACTS = get_asset_key_for_model([warehouse_models], "plan_facts")
SUITES = {
    "units": "Every unit known; shares within 0–100; rates plausible; base-unit values plausible for the unit kind and region level; per-year flags agree with the kind.",
    "baselines": "Baseline year before target year; direction agrees with polarity; plan baselines agree with official statistics.",
    "statistics": "One preferred figure per region, indicator, year and measure; bounds and approximations kept as such.",
    "reconciliation": "Every extracted fact and accepted document reaches the marts: nothing lost.",
}


@multi_asset_check(
    specs=[AssetCheckSpec(name=f"{suite}_suite", asset=PLAN_FACTS, description=text, blocking=True)
           for suite, text in SUITES.items()],
    can_subset=False)
def expectation_suites(context: AssetCheckExecutionContext, warehouse: PlanWarehouse):
    s = warehouse.settings
    reporter(context)("validating with the expectation suites (units, baselines, statistics, reconciliation)")
    outcome = validate(s.build_file, context.run.run_id, s.reports_dir)
    by_suite = outcome.by_suite()
    for suite in SUITES:
        results = by_suite.get(suite, [])
        failed = [r for r in results if not r.passed]
        blocking = [b for b in outcome.blockers if b.startswith(f"{suite}.")]
        quarantined = sum(r.failing for r in failed if r.severity == "error" and r.scope == "row")
        yield AssetCheckResult(
            check_name=f"{suite}_suite", asset_key=PLAN_FACTS, passed=not failed,
            severity=AssetCheckSeverity.ERROR if blocking else AssetCheckSeverity.WARN,
            metadata={"checks": len(results), "failed": [f"{r.name} ({r.severity}, {r.failing} rows)" for r in failed],
                      "quarantined_rows": quarantined, "blocks_publish": blocking,
                      "report": str(outcome.report_path)})
    if outcome.blocked and not any(b.split(".")[0] in SUITES for b in outcome.blockers):
        context.log.error("publish blocked: " + "; ".join(outcome.blockers))

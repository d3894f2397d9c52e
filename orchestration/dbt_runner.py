"""dbt in this process: parsed once per version of the project, reused by every build.

dagster-dbt's `DbtCliResource` starts a `dbt` subprocess per call, which imports dbt again and
parses the project again (seconds each, on every build); `DbtProject`'s preparer starts one
more to write the manifest the asset definitions are made from. Here dbt runs through its
programmatic entry point (`dbtRunner`) in the build's own process, and the parsed manifest is
kept:

- in memory, for the rest of the process (definitions and the dbt step share one parse);
- on disk, as dbt's own `partial_parse.msgpack` under `dbt_project/target/db-<name>/`, loaded
  directly while no file of the project is newer than it. dbt's partial parsing would refuse
  it for another working file (the profile's path is part of dbt's check), although the parsed
  project only depends on the database name DuckDB gives the file — hence one folder per name.

dbt's result events are turned into Dagster events by dagster-dbt's own translation
(`DbtCoreCliEventMessage`), so the assets and checks look exactly as they do with the CLI
resource.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .settings import DBT_PROJECT_DIR

PROJECT_FOLDERS = ("models", "macros", "seeds", "tests")
# dbt's debug log file costs a tenth of a build (every event formatted and scrubbed);
# what people read goes to stdout (the build log) at info level
QUIET_FILE_LOG = ["--log-level-file", "warn"]


def database_name(build_db: Path) -> str:
    """The catalog name DuckDB gives a database file (dbt-duckdb's `database`): its name up to the first dot."""
    return build_db.name.split(".")[0]


def target_dir(build_db: Path) -> Path:
    return DBT_PROJECT_DIR / "target" / f"db-{database_name(build_db)}"


def project_files() -> list[Path]:
    return [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"] + [
        p for folder in PROJECT_FOLDERS for p in (DBT_PROJECT_DIR / folder).rglob("*") if p.is_file()]


def _stale(artifact: Path) -> bool:
    if not artifact.exists():
        return True
    built = artifact.stat().st_mtime
    return any(p.stat().st_mtime > built for p in project_files())


def _base_args(build_db: Path) -> list[str]:
    return ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(target_dir(build_db)), *QUIET_FILE_LOG]


_MANIFESTS: dict[tuple[str, float], Any] = {}  # (target folder, msgpack mtime) -> dbt Manifest


def parsed_manifest(build_db: Path):
    """dbt's Manifest for the working file `build_db`: from memory, from the stored parse while
    the project is unchanged, else parsed now (which also writes manifest.json for Dagster)."""
    os.environ["PLANS_BUILD_DB"] = str(build_db)  # the profile's path
    target = target_dir(build_db)
    stored = target / "partial_parse.msgpack"
    if not _stale(stored) and not _stale(target / "manifest.json"):
        key = (str(target), stored.stat().st_mtime)
        if key not in _MANIFESTS:
            try:
                _MANIFESTS[key] = _load_stored(stored)
            except Exception:  # another dbt version wrote it: parse again below
                _MANIFESTS.pop(key, None)
        if key in _MANIFESTS:
            return _MANIFESTS[key]
    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke(["parse", *_base_args(build_db), "--quiet"])
    if not result.success:
        raise RuntimeError(f"dbt could not parse {DBT_PROJECT_DIR}: {result.exception}")
    _MANIFESTS.clear()
    _MANIFESTS[(str(target), stored.stat().st_mtime)] = result.result
    return result.result


def _load_stored(path: Path):
    from dbt.contracts.graph.manifest import Manifest
    from dbt.parser.manifest import extended_mashumuro_decoder

    return Manifest.from_msgpack(path.read_bytes(), decoder=extended_mashumuro_decoder)


def manifest_path(build_db: Path) -> Path:
    """manifest.json for `build_db`, parsed first when missing or older than the project."""
    parsed_manifest(build_db)
    return target_dir(build_db) / "manifest.json"


def _release_database() -> None:
    """Close the DuckDB database dbt-duckdb keeps open for the process after a run: the next
    steps open the working file themselves, and DuckDB refuses a second open of one file with
    another configuration."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            DuckDBConnectionManager._ENV.close()
            DuckDBConnectionManager._ENV = None


_MANIFEST_JSON: dict[tuple[str, float], dict] = {}


def manifest_json_of(build_db: Path) -> dict:
    """manifest.json as a dict (what dagster-dbt's event translation and selection read)."""
    path = manifest_path(build_db)
    key = (str(path), path.stat().st_mtime)
    if key not in _MANIFEST_JSON:
        _MANIFEST_JSON.clear()
        _MANIFEST_JSON[key] = json.loads(path.read_text(encoding="utf-8"))
    return _MANIFEST_JSON[key]


@dataclass
class DbtRun:
    """One dbt invocation in this process: its success, its Dagster events, failures in words."""

    success: bool
    events: list = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    nodes: int = 0


def invoke(args: list[str], build_db: Path, context=None, translator=None, project=None,
           on_node=None) -> DbtRun:
    """Run `dbt <args>` on `build_db` in this process and translate its result events.

    `on_node(message)` is called as nodes finish (progress for people watching)."""
    from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage
    from dbt.cli.main import dbtRunner
    from dbt_common.events.functions import msg_to_dict

    manifest = parsed_manifest(build_db)
    raw_events: list[dict] = []
    finished = [0]

    def collect(msg) -> None:
        name = msg.info.name
        if name in ("LogSeedResult", "LogModelResult", "LogSnapshotResult", "LogTestResult"):
            raw_events.append(msg_to_dict(msg))
        elif name == "NodeFinished":
            finished[0] += 1
            if on_node and finished[0] % 25 == 0:
                on_node(f"dbt: {finished[0]} nodes done")

    try:
        result = dbtRunner(manifest=manifest, callbacks=[collect]).invoke([*args, *_base_args(build_db)])
    finally:
        _release_database()
    run = DbtRun(success=bool(result.success))
    manifest_json = manifest_json_of(build_db)
    for raw in raw_events:
        event = DbtCoreCliEventMessage(raw_event=raw, event_history_metadata={})
        run.events.extend(event.to_default_asset_events(
            manifest=manifest_json, context=context, target_path=target_dir(build_db), project=project,
            **({"dagster_dbt_translator": translator} if translator else {})))
    for node in getattr(result.result, "results", None) or []:
        run.nodes += 1
        if str(node.status) in ("error", "fail", "runtime error"):
            run.failures.append(f"{node.node.unique_id}: {node.message}")
    if result.exception is not None:
        run.failures.append(f"dbt: {type(result.exception).__name__}: {result.exception}")
    return run


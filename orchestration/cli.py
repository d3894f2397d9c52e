"""`plans`: build the warehouse from the command line, in-process.

    plans build --raw raw --warehouse warehouse/plans.duckdb
    plans site  --warehouse warehouse/plans.duckdb      # rewrite warehouse/site/ from the published file
    plans serve --warehouse warehouse/plans.duckdb      # serve warehouse/site/ on http://127.0.0.1:8000

Runs the same Dagster job the schedule and sensor run (ingest → extract → dbt →
expectation checks → publish) in this process, prints progress while it works
and a summary at the end. Exit status 0 when the warehouse was published, 1 when
validation blocked the publish or a step failed, 2 for bad arguments, 3 when
another build of the same warehouse is running (see `orchestration.lock`).
"""
from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import time
from pathlib import Path

from .lock import BuildLocked, build_lock
from .settings import (DEFAULT_DOCUMENT_MEMORY_MB, DEFAULT_DOCUMENT_SECONDS, DEFAULT_MAX_DOCUMENT_BYTES,
                       PROJECT_ROOT, Settings)

LOCKED = 3  # exit status when another build holds the warehouse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="plans", description="Plan warehouse: build and publish.")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="ingest raw/, extract, model, validate and publish the warehouse")
    build.add_argument("--raw", type=Path, default=PROJECT_ROOT / "raw",
                       help="folder with documents/ (and optionally statistics/); default: raw/")
    build.add_argument("--warehouse", type=Path, default=PROJECT_ROOT / "warehouse" / "plans.duckdb",
                       help="the published DuckDB file; its working copy and reports go beside it")
    build.add_argument("--max-document-bytes", type=int, default=DEFAULT_MAX_DOCUMENT_BYTES,
                       help="larger files are rejected (default 20 MiB)")
    build.add_argument("--workers", type=int, default=0, help="extraction processes (default: one per core)")
    build.add_argument("--document-timeout", type=float, default=DEFAULT_DOCUMENT_SECONDS, metavar="SECONDS",
                       help="a file whose reading and extraction takes longer is stopped and rejected "
                            f"(limit_exceeded; default {DEFAULT_DOCUMENT_SECONDS:g})")
    build.add_argument("--document-memory", type=int, default=DEFAULT_DOCUMENT_MEMORY_MB, metavar="MIB",
                       help="memory one file may use while it is read and extracted "
                            f"(default {DEFAULT_DOCUMENT_MEMORY_MB})")
    build.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                       help="when another build of this warehouse is running, wait up to this long for it "
                            "(default: stop at once with exit status 3)")
    build.add_argument("--quiet", action="store_true", help="print only the summary")
    build.add_argument("--force", action="store_true",
                       help="rebuild in full (every dbt model and test) even when nothing or only documents "
                            "changed since the last published build")
    site = sub.add_parser("site", help="write the report site of a published warehouse (beside it, in site/)")
    site.add_argument("--warehouse", type=Path, default=PROJECT_ROOT / "warehouse" / "plans.duckdb",
                      help="the published DuckDB file (read-only); default: warehouse/plans.duckdb")
    site.add_argument("--out", type=Path, default=None, help="the site folder (default: site/ beside the warehouse)")
    serve = sub.add_parser("serve", help="serve the report site on 127.0.0.1 (opening index.html works too)")
    serve.add_argument("--warehouse", type=Path, default=PROJECT_ROOT / "warehouse" / "plans.duckdb",
                       help="the published DuckDB file whose site/ to serve")
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    args = parser.parse_args(argv)
    if args.command == "site":
        return write_site_command(args.warehouse.resolve(), (args.out or args.warehouse.parent / "site").resolve())
    if args.command == "serve":
        return serve_site(args.warehouse.resolve().parent / "site", args.port)
    if not (args.raw / "documents").is_dir():
        parser.error(f"{args.raw} has no documents/ folder")
    if args.document_timeout <= 0 or args.document_memory <= 0:
        parser.error("--document-timeout and --document-memory must be positive")
    settings = Settings(args.raw.resolve(), args.warehouse.resolve(), args.max_document_bytes, args.workers,
                        args.document_timeout, args.document_memory)
    settings.warehouse_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        with build_lock(settings.warehouse_file, wait=args.wait):
            if not args.force and _unchanged(settings):
                return 0
            return build_warehouse(settings, quiet=args.quiet, full=args.force)
    except BuildLocked as exc:
        print(f"plans build: {exc}", file=sys.stderr)
        return LOCKED


def write_site_command(warehouse_file: Path, site_dir: Path) -> int:
    from .site import write_site

    if not warehouse_file.exists():
        print(f"{warehouse_file} does not exist: build it first (plans build)", file=sys.stderr)
        return 1
    result = write_site(warehouse_file, site_dir,
                        progress=lambda m: print(f"[{time.strftime('%H:%M:%S')}] {m}", file=sys.stderr, flush=True))
    print(f"report site  {site_dir / 'index.html'}\n  {result.describe()}")
    return 0


def serve_site(site_dir: Path, port: int) -> int:
    """Serve the site folder on the loopback interface only, until Ctrl-C."""
    import functools
    import http.server

    if not (site_dir / "index.html").exists():
        print(f"no report site in {site_dir}: run plans build (or plans site) first", file=sys.stderr)
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"serving {site_dir} on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


def _unchanged(settings: Settings) -> bool:
    """Nothing new since the last published build: say so and keep the warehouse as it is."""
    from .state import input_fingerprint, published_state

    state = published_state(settings)
    if state is None or state.get("fingerprint") != input_fingerprint(settings):
        return False
    print(f"Nothing changed since build {state['run_id'][:8]}: documents, statistics and code are the same.\n"
          f"  warehouse  {settings.warehouse_file} (current; use --force to rebuild anyway)")
    if not (settings.site_dir / "index.html").exists():  # removed by hand: cheap to write again
        from .site import write_site

        write_site(settings.warehouse_file, settings.site_dir)
    print(f"  site       {settings.site_dir / 'index.html'}")
    return True


def build_warehouse(settings: Settings, quiet: bool = False, full: bool = False) -> int:
    """Run the build job in this process; `full` rebuilds and tests every dbt model even when
    only documents changed."""
    logging.basicConfig(level=logging.ERROR, format="%(message)s", stream=sys.stderr)
    for handler in logging.getLogger().handlers:  # libraries' warnings go to the log file, not the terminal
        handler.setLevel(logging.ERROR)
    progress = logging.getLogger("plans")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("[%(asctime)s] %(message)s", "%H:%M:%S"))
    if not progress.handlers:
        progress.addHandler(handler)
    progress.propagate = False
    progress.setLevel(logging.WARNING if quiet else logging.INFO)
    started = time.perf_counter()
    progress.info(f"building {settings.warehouse_file} from {settings.raw_dir}")
    from dagster import DagsterInstance

    settings.export()  # the definitions, dbt's profile and the sensor read these
    from .definitions import build_definitions

    job = build_definitions(settings).resolve_job_def("build_warehouse")
    settings.reports_dir.mkdir(parents=True, exist_ok=True)
    log_file = settings.reports_dir / "build-latest.log"
    progress.info(f"full log (dbt output included): {log_file}")
    # dbt's own output goes to the log file, not the terminal
    with DagsterInstance.ephemeral() as instance, log_file.open("w", encoding="utf-8") as log, \
            contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
        result = job.execute_in_process(
            instance=instance, raise_on_error=False, tags={"plans/full_build": "true"} if full else None,
            run_config={"loggers": {"console": {"config": {"log_level": "ERROR"}}}})
    for event in result.all_events:
        if event.is_step_failure:
            data = event.step_failure_data
            message = data.error.message.strip().splitlines()[-1] if data and data.error else ""
            print(f"step {event.step_key} failed: {message}", file=sys.stderr)
    print(summary(settings, result.run_id, time.perf_counter() - started))
    return 0 if result.success else 1


def summary(settings: Settings, run_id: str, seconds: float) -> str:
    import duckdb

    from .validation import has_table

    if not settings.build_file.exists():
        return "nothing was built"
    con = duckdb.connect(str(settings.build_file), read_only=True)
    try:
        run = con.execute("SELECT * FROM audit.runs WHERE run_id = ?", [run_id]).fetchone() \
            if has_table(con, "audit", "runs") else None
        cols = [d[0] for d in con.description] if run else []
        run = dict(zip(cols, run)) if run else {}
        reasons = con.execute("SELECT reason_code, count(*) FROM raw.rejected_documents GROUP BY 1 ORDER BY 2 DESC"
                              ).fetchall() if has_table(con, "raw", "rejected_documents") else []
        roles = dict(con.execute("SELECT role, count(*) FROM raw.facts GROUP BY 1").fetchall()) \
            if has_table(con, "raw", "facts") else {}
        repaired = con.execute("SELECT count(*) FROM audit.document_warnings").fetchone()[0] \
            if has_table(con, "audit", "document_warnings") else 0
        failed = con.execute("SELECT suite || '.' || check_name || ' (' || severity || ')' FROM audit.check_results "
                             "WHERE run_id = ? AND NOT passed", [run_id]).fetchall() \
            if has_table(con, "audit", "check_results") else []
    finally:
        con.close()
    read = run.get("documents_read", 0)
    rejected = ", ".join(f"{code}: {n}" for code, n in reasons)
    lines = [
        f"Plan warehouse build {run_id[:8]} finished in {seconds:.1f} s",
        f"  documents  read {read} · accepted {run.get('documents_accepted', '?')}"
        + (f" ({repaired} repaired: audit.document_warnings)" if repaired else "")
        + f" · rejected {run.get('documents_rejected', '?')}" + (f" ({rejected})" if rejected else ""),
        f"  facts      targets {roles.get('target', 0)} · observations {roles.get('observation', 0)} · "
        f"quarantined {run.get('facts_quarantined', '?')} · published {run.get('facts_published', 0)}",
        f"  checks     passed {run.get('checks_passed', '?')} · failed {run.get('checks_failed', '?')}"
        + (f" ({', '.join(f[0] for f in failed)})" if failed else ""),
    ]
    if run.get("published"):
        lines.append(f"  warehouse  {settings.warehouse_file} (published; open it read-only)")
        if (settings.site_dir / "index.html").exists():
            lines.append(f"  site       {settings.site_dir / 'index.html'} (open in a browser, or: plans serve)")
    else:
        why = run.get("blockers") or "a step failed (see above)"
        lines.append(f"  warehouse  NOT published: {why}; {settings.warehouse_file} is unchanged")
    if run.get("report_path"):
        lines.append(f"  report     {run['report_path']}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

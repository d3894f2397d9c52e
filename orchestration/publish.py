"""Publish: copy the validated marts into the file analysts open, atomically.

The published file is written next to the old one with DuckDB storage version
v1.4.0 (so BI tools embedding DuckDB 1.4/1.5 can open it), holds plain tables
only (views into another catalog break in readers), and replaces the old file
with one `os.replace`: a reader that has the old file open keeps reading it, a
reader that opens it later sees the new one, nobody sees a half-written file. A build killed
while publishing leaves only its temporary file (or staged site), which the next publish removes.
Quarantined facts are left out of `marts.plan_facts` and kept, with their
reasons, in `marts.quarantined_facts`.

The report site (`orchestration.site`) is generated from the new file before the
swap and put in place right after it, so `warehouse/site/` always describes the
warehouse beside it; if the site cannot be written, neither is swapped in.
"""
from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb

from .site import SiteResult, stage_site, swap_in

STORAGE_VERSION = "v1.4.0"
SERVE_SCHEMAS = ("marts", "audit")


def publish(build_file: Path, warehouse_file: Path, run_id: str, site_dir: Path | None = None,
            progress: Callable[[str], None] | None = None) -> tuple[dict, SiteResult | None]:
    """Write the serve file from the build file (and its report site into `site_dir`), swap them
    in; return table row counts and what the site holds."""
    warehouse_file.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(warehouse_file, site_dir)
    tmp = _temporary(warehouse_file, os.getpid())
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(build_file))  # the pipeline is the working file's only writer
    try:
        con.execute(f"ATTACH '{tmp}' AS serve (STORAGE_VERSION '{STORAGE_VERSION}')")
        counts = _copy_tables(con, run_id)
        _copy_comments(con)
        _describe_quarantine(con)
        con.execute("DETACH serve")
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    staged = None
    if site_dir is not None:
        if progress:
            progress(f"writing the report site {site_dir}")
        try:
            staged = stage_site(tmp, site_dir, progress)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    os.replace(tmp, warehouse_file)
    return counts, (swap_in(staged, site_dir) if staged else None)


def _temporary(warehouse_file: Path, pid: int) -> Path:
    return warehouse_file.with_name(f".{warehouse_file.name}.{pid}.tmp")


def remove_stale_temporaries(warehouse_file: Path, site_dir: Path | None = None) -> list[Path]:
    """Delete what builds that are no longer running left half-done: a serve file (and its WAL)
    being written, a report site being staged (`.site.<pid>.tmp`) or being retired
    (`.site.<pid>.old`). A build killed while publishing leaves one of them behind; those of a
    live process are left alone."""
    removed = []
    stale = [(warehouse_file, re.compile(re.escape(f".{warehouse_file.name}.") + r"(\d+)\.tmp(?:\.wal)?$"))]
    if site_dir is not None:
        stale.append((site_dir, re.compile(re.escape(f".{site_dir.name}.") + r"(\d+)\.(?:tmp|old)$")))
    for target, pattern in stale:
        for path in target.parent.glob(f".{target.name}.*"):
            m = pattern.match(path.name)
            if m and not _alive(int(m.group(1))):
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # ours, from an earlier publish in this process that failed
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _tables(con) -> list[tuple[str, str]]:
    return con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database() "
        f"AND schema_name IN {SERVE_SCHEMAS} ORDER BY 1, 2").fetchall() + con.execute(
        "SELECT schema_name, view_name FROM duckdb_views() WHERE database_name = current_database() "
        f"AND schema_name IN {SERVE_SCHEMAS} AND NOT internal ORDER BY 1, 2").fetchall()


def _copy_tables(con, run_id: str) -> dict:
    counts = {}
    for schema in SERVE_SCHEMAS:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS serve.{schema}")
    quarantined = "(SELECT DISTINCT fact_id FROM audit.quarantine WHERE run_id = $run AND fact_id IS NOT NULL)"
    for schema, table in _tables(con):
        source = f'{schema}."{table}"'
        if (schema, table) == ("marts", "plan_facts"):
            con.execute(f"CREATE TABLE serve.marts.plan_facts AS SELECT * FROM {source} "
                        f"WHERE fact_id NOT IN {quarantined}", {"run": run_id})
            con.execute(
                "CREATE TABLE serve.marts.quarantined_facts AS SELECT f.*, q.reasons, q.checks FROM "
                f"{source} f JOIN (SELECT fact_id, string_agg(DISTINCT reason, '; ') AS reasons, "
                "string_agg(DISTINCT suite || '.' || check_name, ', ') AS checks FROM audit.quarantine "
                "WHERE run_id = $run GROUP BY fact_id) q USING (fact_id)", {"run": run_id})
        else:
            con.execute(f'CREATE TABLE serve.{schema}."{table}" AS SELECT * FROM {source}')
    for schema, table in con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = 'serve'").fetchall():
        counts[f"{schema}.{table}"] = con.execute(f'SELECT count(*) FROM serve.{schema}."{table}"').fetchone()[0]
    return counts


def _copy_comments(con) -> None:
    """Descriptions persisted by dbt travel with the tables (and the views published as tables),
    so BI tools show them."""
    for schema, table, comment in con.execute(
            "SELECT schema_name, table_name, comment FROM duckdb_tables() WHERE database_name = current_database()"
            f" AND schema_name IN {SERVE_SCHEMAS} AND comment IS NOT NULL UNION ALL "
            "SELECT schema_name, view_name, comment FROM duckdb_views() WHERE database_name = current_database()"
            f" AND schema_name IN {SERVE_SCHEMAS} AND comment IS NOT NULL AND NOT internal").fetchall():
        con.execute(f'COMMENT ON TABLE serve.{schema}."{table}" IS {_quote(comment)}')
    for schema, table, column, comment in con.execute(
            "SELECT schema_name, table_name, column_name, comment FROM duckdb_columns() "
            f"WHERE database_name = current_database() AND schema_name IN {SERVE_SCHEMAS} AND comment IS NOT NULL"
    ).fetchall():
        exists = con.execute("SELECT count(*) FROM duckdb_columns() WHERE database_name = 'serve' AND schema_name = ? "
                             "AND table_name = ? AND column_name = ?", [schema, table, column]).fetchone()[0]
        if exists:
            con.execute(f'COMMENT ON COLUMN serve.{schema}."{table}"."{column}" IS {_quote(comment)}')


def _describe_quarantine(con) -> None:
    """quarantined_facts is made here, not by dbt: it takes plan_facts' descriptions and its own."""
    con.execute("COMMENT ON TABLE serve.marts.quarantined_facts IS 'Facts held back from plan_facts by an "
                "error-severity expectation, with every reason (audit.quarantine has one row per check).'")
    for column, comment in con.execute(
            "SELECT column_name, comment FROM duckdb_columns() WHERE database_name = 'serve' AND "
            "schema_name = 'marts' AND table_name = 'plan_facts' AND comment IS NOT NULL").fetchall():
        con.execute(f'COMMENT ON COLUMN serve.marts.quarantined_facts."{column}" IS {_quote(comment)}')
    con.execute("COMMENT ON COLUMN serve.marts.quarantined_facts.reasons IS "
                "'Why the fact was quarantined: the reasons of every failing check, joined by semicolons.'")
    con.execute("COMMENT ON COLUMN serve.marts.quarantined_facts.checks IS "
                "'The failing checks, as suite.check_name, comma-separated.'")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"

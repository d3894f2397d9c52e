"""Validation of a build: run the expectation suites, quarantine, audit, report.

Plain Python (Dagster's asset check is a thin wrapper in `assets/checks.py`).
Results go to audit tables in the working DuckDB file that keep history, so an
analyst can see when and why quality changed:

- `audit.check_results`  one row per check per run (severity, passed, counts, sample)
- `audit.quarantine`     one row per quarantined fact per check per run, with the reason
- `audit.runs`           one row per run: counts that reconcile, blocked or not, and why
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

AUDIT_DDL = [
    "CREATE SCHEMA IF NOT EXISTS audit",
    """CREATE TABLE IF NOT EXISTS audit.check_results (
        run_id VARCHAR, checked_at TIMESTAMP, suite VARCHAR, check_name VARCHAR, severity VARCHAR,
        scope VARCHAR, passed BOOLEAN, evaluated BIGINT, failing BIGINT, description VARCHAR,
        error VARCHAR, failing_sample VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS audit.quarantine (
        run_id VARCHAR, fact_id VARCHAR, table_name VARCHAR, key_value VARCHAR, suite VARCHAR,
        check_name VARCHAR, severity VARCHAR, reason VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS audit.validations (
        run_id VARCHAR, validated_at TIMESTAMP, blocked BOOLEAN, blockers VARCHAR, report_path VARCHAR,
        checks_passed BIGINT, checks_failed BIGINT)""",
    """CREATE TABLE IF NOT EXISTS audit.runs (
        run_id VARCHAR, finished_at TIMESTAMP, documents_read BIGINT, documents_accepted BIGINT,
        documents_rejected BIGINT, facts_extracted BIGINT, facts_quarantined BIGINT, facts_published BIGINT,
        checks_passed BIGINT, checks_failed BIGINT, blocked BOOLEAN, blockers VARCHAR, report_path VARCHAR,
        published BOOLEAN)""",
]


@dataclass
class ValidationOutcome:
    run_id: str
    results: list = field(default_factory=list)
    quarantined_fact_ids: set[str] = field(default_factory=set)
    blockers: list[str] = field(default_factory=list)
    report_path: Path | None = None
    checks_passed: int = 0
    checks_failed: int = 0

    @property
    def blocked(self) -> bool:
        return bool(self.blockers)

    def by_suite(self) -> dict[str, list]:
        suites: dict[str, list] = {}
        for r in self.results:
            suites.setdefault(r.suite, []).append(r)
        return suites


def has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = ?",
                            [schema, table]).fetchone()[0])


def ensure_audit_tables(con: duckdb.DuckDBPyConnection) -> None:
    for ddl in AUDIT_DDL:
        con.execute(ddl)


def validate(build_file: Path, run_id: str, reports_dir: Path) -> ValidationOutcome:
    """Run every suite on the built marts; record results, quarantine and report."""
    from expectations.runner import publish_blockers, quarantine_rows, run_suites, write_report

    con = duckdb.connect(str(build_file))
    try:
        results = run_suites(con)
        quarantine = quarantine_rows(results)
        outcome = ValidationOutcome(run_id, results,
                                    {q["fact_id"] for q in quarantine if q["fact_id"]},
                                    publish_blockers(results),
                                    checks_passed=sum(1 for r in results if r.passed),
                                    checks_failed=sum(1 for r in results if not r.passed))
        reports_dir.mkdir(parents=True, exist_ok=True)
        outcome.report_path = write_report(results, reports_dir / f"validation-{run_id}.md", run_id)
        (reports_dir / "validation-latest.md").write_text(outcome.report_path.read_text(encoding="utf-8"),
                                                          encoding="utf-8")
        _record(con, outcome, quarantine)
        return outcome
    finally:
        con.close()


def _record(con, outcome: ValidationOutcome, quarantine: list[dict]) -> None:
    ensure_audit_tables(con)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    con.execute("DELETE FROM audit.check_results WHERE run_id = ?", [outcome.run_id])
    con.execute("DELETE FROM audit.quarantine WHERE run_id = ?", [outcome.run_id])
    con.executemany(
        "INSERT INTO audit.check_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [[outcome.run_id, now, r.suite, r.name, r.severity, r.scope, r.passed, r.evaluated, r.failing,
          r.description, r.error, json.dumps(r.failing_rows[:20], ensure_ascii=False, default=str)]
         for r in outcome.results])
    con.execute("DELETE FROM audit.validations WHERE run_id = ?", [outcome.run_id])
    con.execute("INSERT INTO audit.validations VALUES (?, ?, ?, ?, ?, ?, ?)",
                [outcome.run_id, now, outcome.blocked, json.dumps(outcome.blockers, ensure_ascii=False),
                 str(outcome.report_path or ""), sum(1 for r in outcome.results if r.passed),
                 sum(1 for r in outcome.results if not r.passed)])
    if quarantine:
        con.executemany(
            "INSERT INTO audit.quarantine VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [[outcome.run_id, q["fact_id"], q["table"], str(q["key"]), q["suite"], q["check"], q["severity"],
              q["reason"]] for q in quarantine])


def record_run(build_file: Path, outcome: ValidationOutcome, published: bool) -> dict:
    """Reconcile the run's counts and store them in audit.runs; return them for the summary."""
    con = duckdb.connect(str(build_file))
    try:
        ensure_audit_tables(con)
        counts = dict(zip(
            ["documents_accepted", "documents_rejected", "facts_extracted"],
            con.execute("SELECT (SELECT count(*) FROM raw.documents), (SELECT count(*) FROM raw.rejected_documents),"
                        " (SELECT count(*) FROM raw.facts)").fetchone()))
        counts["documents_read"] = counts["documents_accepted"] + counts["documents_rejected"]
        counts["facts_quarantined"] = len(outcome.quarantined_fact_ids)
        counts["facts_published"] = counts["facts_extracted"] - counts["facts_quarantined"] if published else 0
        counts["checks_passed"], counts["checks_failed"] = outcome.checks_passed, outcome.checks_failed
        con.execute("DELETE FROM audit.runs WHERE run_id = ?", [outcome.run_id])
        con.execute(
            "INSERT INTO audit.runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [outcome.run_id, datetime.now(timezone.utc).replace(tzinfo=None), counts["documents_read"],
             counts["documents_accepted"], counts["documents_rejected"], counts["facts_extracted"],
             counts["facts_quarantined"], counts["facts_published"], counts["checks_passed"],
             counts["checks_failed"], outcome.blocked, "; ".join(outcome.blockers),
             str(outcome.report_path or ""), published])
        return counts
    finally:
        con.close()


def run_inputs(build_file: Path, run_id: str) -> str | None:
    """The input fingerprint the landing step recorded for a run (None if it recorded none)."""
    con = duckdb.connect(str(build_file), read_only=True)
    try:
        row = con.execute("SELECT fingerprint FROM audit.run_inputs WHERE run_id = ?", [run_id]).fetchone() \
            if has_table(con, "audit", "run_inputs") else None
        return row[0] if row else None
    finally:
        con.close()


def load_outcome(build_file: Path, run_id: str) -> ValidationOutcome:
    """The validation recorded for a run (what the publish step decides on)."""
    con = duckdb.connect(str(build_file), read_only=True)
    try:
        rows = con.execute("SELECT DISTINCT fact_id FROM audit.quarantine WHERE run_id = ? AND fact_id IS NOT NULL",
                           [run_id]).fetchall()
        found = con.execute("SELECT blockers, report_path, checks_passed, checks_failed FROM audit.validations "
                            "WHERE run_id = ?", [run_id]).fetchone()
        if found is None:
            raise LookupError(f"run {run_id} has no validation: the checks did not run before publishing")
        return ValidationOutcome(run_id, quarantined_fact_ids={r[0] for r in rows}, blockers=json.loads(found[0]),
                                 report_path=Path(found[1]) if found[1] else None,
                                 checks_passed=found[2], checks_failed=found[3])
    finally:
        con.close()

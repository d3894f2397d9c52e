"""Run the validation suites on frames read from DuckDB and turn the results into decisions.

    results = run_suites(con)                 # list[CheckResult], one per check
    quarantine_rows(results)                  # rows failing an error-severity row check
    blocks_publish(results)                   # True: do not publish this build
    write_report(results, path, run_id)       # Markdown for people

Great Expectations 1.x validates **pandas** frames here, never DuckDB through SQLAlchemy (GX
cannot use DuckDB as a SQL data source: every expectation silently fails). Each frame is read
once per run with `con.execute(sql).df()`; per run there is one ephemeral GX context, per
(suite, frame) one batch and one validation holding all of that suite's expectations on it.
Great Expectations is imported lazily (the import costs seconds).
"""
from __future__ import annotations

import math
import string
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from expectations.spec import Check, Frame, Suite

if TYPE_CHECKING:  # pragma: no cover
    import duckdb
    import pandas as pd

MAX_QUARANTINE_SHARE = 0.20      # more than this share of facts quarantined blocks publishing
FACTS_TABLE = "marts.plan_facts"
ROW_ID = "_row"                   # positional id added to every frame, to find a failing row exactly
REPORT_ROWS = 20


@dataclass
class CheckResult:
    suite: str
    name: str
    severity: str                 # error | warn
    passed: bool
    description: str
    evaluated: int                # rows the check looked at (after its row condition)
    failing: int
    failing_rows: list[dict] = field(default_factory=list)  # key (+ fact_id) + reason + offending values
    scope: str = "row"            # row: failing rows are quarantined | table: a failure blocks publishing
    table: str = ""               # the table the rows belong to
    key_column: str = "fact_id"
    table_rows: int = 0           # rows in the frame
    error: str | None = None      # set when the check could not run (missing table, GX exception)

    def as_dict(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------------------------------------
# running


def _selected(suites: list[str] | None) -> list[Suite]:
    from expectations.suites import SUITES

    if suites is None:
        return list(SUITES.values())
    unknown = [s for s in suites if s not in SUITES]
    if unknown:
        raise KeyError(f"unknown suites {unknown}; known: {sorted(SUITES)}")
    return [SUITES[s] for s in suites]


def _context():
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return context


def run_suites(con: "duckdb.DuckDBPyConnection", suites: list[str] | None = None) -> list[CheckResult]:
    """Validate the warehouse behind `con` with the named suites (default: all)."""
    selected = _selected(suites)
    import great_expectations as gx
    from great_expectations.expectations.row_conditions import Column

    context = _context()
    source = context.data_sources.add_pandas("warehouse")
    frames: dict[tuple[str, str], Any] = {}   # read once per run, shared by suites
    results: list[CheckResult] = []

    for suite in selected:
        by_frame: dict[str, list[Check]] = defaultdict(list)
        for check in suite.checks:
            by_frame[check.frame].append(check)
        for frame_name, checks in by_frame.items():
            frame = suite.frame(frame_name)
            cache_key = (frame.name, frame.sql)
            if cache_key not in frames:
                try:
                    df = con.execute(frame.sql).df()
                    df[ROW_ID] = range(len(df))
                    frames[cache_key] = df
                except Exception as exc:  # missing table, SQL error: the checks could not run
                    frames[cache_key] = exc
            df = frames[cache_key]
            if isinstance(df, Exception):
                msg = f"could not read frame {frame.name!r}: {type(df).__name__}: {df}"
                results.extend(_not_run(suite, frame, c, msg) for c in checks)
                continue
            try:
                results.extend(_validate(gx, Column, context, source, suite, frame, checks, df))
            except Exception as exc:  # GX itself failed: report, never pass silently
                msg = f"validation of frame {frame.name!r} failed: {type(exc).__name__}: {exc}"
                results.extend(_not_run(suite, frame, c, msg, len(df)) for c in checks)
    return results


def _not_run(suite: Suite, frame: Frame, check: Check, msg: str, rows: int = 0) -> CheckResult:
    return CheckResult(
        suite=suite.name, name=check.name, severity=check.severity, passed=False,
        description=check.description, evaluated=0, failing=0, failing_rows=[], scope=check.scope,
        table=frame.table, key_column=frame.key, table_rows=rows, error=msg,
    )


def _expectations_of(check: Check, E, C) -> list:
    built = check.expect(E, C)
    return list(built) if isinstance(built, (list, tuple)) else [built]


def _validate(gx, Column, context, source, suite: Suite, frame: Frame, checks: list[Check], df) -> list[CheckResult]:
    name = f"{suite.name}.{frame.name}"
    owners: list[tuple[Check, Any]] = []
    build_errors: dict[str, str] = {}
    expectations = []
    for check in checks:
        try:
            built = _expectations_of(check, gx.expectations, Column)
        except Exception as exc:
            build_errors[check.name] = f"could not build the expectation: {type(exc).__name__}: {exc}"
            continue
        for i, exp in enumerate(built):
            exp.meta = {**(exp.meta or {}), "check": check.name, "part": i}
            expectations.append(exp)
            owners.append((check, exp))

    asset = source.add_dataframe_asset(name)
    batch_definition = asset.add_batch_definition_whole_dataframe("whole")
    gx_suite = context.suites.add(gx.ExpectationSuite(name=name, expectations=expectations))
    validation = context.validation_definitions.add(
        gx.ValidationDefinition(name=name, data=batch_definition, suite=gx_suite)
    )
    key_columns = [frame.key, ROW_ID] if frame.key != ROW_ID else [ROW_ID]
    outcome = validation.run(
        batch_parameters={"dataframe": df},
        result_format={
            "result_format": "COMPLETE",
            "unexpected_index_column_names": key_columns,
            "partial_unexpected_count": 0,
            "return_unexpected_index_query": False,
        },
    )
    by_check: dict[str, list] = defaultdict(list)
    for r in outcome.results:
        by_check[r.expectation_config.meta["check"]].append(r)

    records: dict[int, dict] = {}  # failing rows as dicts, made on first need
    out = []
    for check in checks:
        if check.name in build_errors:
            out.append(_not_run(suite, frame, check, build_errors[check.name], len(df)))
            continue
        if not by_check.get(check.name):   # never let a check pass without a GX result
            out.append(_not_run(suite, frame, check, "Great Expectations returned no result", len(df)))
            continue
        passed, evaluated, errors = True, 0, []
        failing: dict[Any, dict] = {}
        table_failures: list[dict] = []
        for r in sorted(by_check.get(check.name, []), key=lambda r: r.expectation_config.meta["part"]):
            res = r.result or {}
            exc = r.exception_info or {}
            if exc.get("raised_exception"):
                errors.append(str(exc.get("exception_message")))
                passed = False
                continue
            passed = passed and bool(r.success)
            # rows the expectation judged: its domain after the row condition, minus the NULLs a
            # map expectation skips (ExpectColumnValuesToNotBeNull reports no missing_count)
            n = int(res.get("element_count", len(df)) or 0) - int(res.get("missing_count") or 0)
            evaluated = evaluated + n if check.combine == "sum" else max(evaluated, n)
            template = r.expectation_config.meta.get("reason") or check.reason
            index_list = res.get("unexpected_index_list")
            if r.success:
                continue
            if index_list is None:   # a table-level expectation: no rows to name
                table_failures.append({"reason": _fmt(template, {"observed_value": res.get("observed_value")}),
                                       "observed_value": _py(res.get("observed_value"))})
                continue
            positions = [int(idx[ROW_ID]) for idx in index_list]
            missing = [p for p in dict.fromkeys(positions) if p not in records]
            if missing:  # only failing rows become dicts (the frame may hold 300k facts), in one go
                records.update(zip(missing, df.iloc[missing].to_dict("records")))
            for pos in positions:
                row = records[pos]
                reason = _fmt(template, row)
                if pos in failing:
                    if reason not in failing[pos]["reason"]:
                        failing[pos]["reason"] += "; " + reason
                    continue
                entry = {frame.key: _py(row.get(frame.key))}
                if "fact_id" in row:
                    entry["fact_id"] = _py(row["fact_id"])
                entry["reason"] = reason
                for col in (*frame.id_columns, *check.columns):
                    if col in row and col not in entry:
                        entry[col] = _py(row[col])
                failing[pos] = entry
        rows = [failing[k] for k in sorted(failing)] + table_failures
        out.append(CheckResult(
            suite=suite.name, name=check.name, severity=check.severity,
            passed=passed and not rows, description=check.description, evaluated=evaluated,
            failing=len(failing) + len(table_failures), failing_rows=rows, scope=check.scope,
            table=frame.table, key_column=frame.key, table_rows=len(df),
            error="; ".join(errors) or None,
        ))
    return out


# ---------------------------------------------------------------------------------------------
# values and reasons


def _py(v: Any) -> Any:
    """A JSON-friendly Python value (numpy scalars, NaN/NA/NaT → None, dates → ISO)."""
    if v is None:
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            v = v.item()
        except (ValueError, AttributeError):
            pass
    try:
        import pandas as pd

        if v is pd.NA or v is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    return v


class _Formatter(string.Formatter):
    """str.format that shows NULL for missing/None values instead of raising."""

    def get_value(self, key, args, kwargs):
        return _py(kwargs.get(key)) if isinstance(key, str) else super().get_value(key, args, kwargs)

    def format_field(self, value, format_spec):
        if value is None:
            return "NULL"
        try:
            return super().format_field(value, format_spec)
        except (ValueError, TypeError):
            return str(value)

    def convert_field(self, value, conversion):
        if value is None:
            return None
        return super().convert_field(value, conversion)


_FORMATTER = _Formatter()


def _fmt(template: str, row: dict) -> str:
    try:
        return _FORMATTER.vformat(template, (), row)
    except Exception:  # a broken template must not hide the failure itself
        return template


# ---------------------------------------------------------------------------------------------
# decisions


def quarantine_rows(results: Iterable[CheckResult]) -> list[dict]:
    """Rows to quarantine: every failing row of an error-severity row check.

    One entry per (row, check): fact_id (None for a statistics row), table, key_column, key,
    suite, check, severity, reason.
    """
    out = []
    for r in results:
        if r.severity != "error" or r.scope != "row" or r.passed:
            continue
        for row in r.failing_rows:
            key = row.get(r.key_column)
            if key is None:
                continue
            out.append({
                "fact_id": row.get("fact_id"),
                "table": r.table,
                "key_column": r.key_column,
                "key": key,
                "suite": r.suite,
                "check": r.name,
                "severity": r.severity,
                "reason": row.get("reason", ""),
            })
    return out


def _facts_total(results: Iterable[CheckResult]) -> int:
    return max((r.table_rows for r in results if r.table == FACTS_TABLE), default=0)


def blocks_publish(results: Iterable[CheckResult], max_quarantine_share: float = MAX_QUARANTINE_SHARE) -> bool:
    """True if a table-level error check failed, an error check could not run, or more than
    `max_quarantine_share` of the facts would be quarantined."""
    results = list(results)
    for r in results:
        if r.severity == "error" and not r.passed and (r.scope == "table" or r.error):
            return True
    quarantined = {q["fact_id"] for q in quarantine_rows(results) if q["fact_id"] is not None}
    total = _facts_total(results)
    return bool(total) and len(quarantined) / total > max_quarantine_share


def publish_blockers(results: Iterable[CheckResult], max_quarantine_share: float = MAX_QUARANTINE_SHARE) -> list[str]:
    """Why blocks_publish says so, one sentence per cause (empty when publishing may go ahead)."""
    results = list(results)
    out = []
    for r in results:
        if r.severity == "error" and not r.passed and (r.scope == "table" or r.error):
            out.append(f"{r.suite}.{r.name}: " + (r.error or f"{r.failing} failing rows"))
    quarantined = {q["fact_id"] for q in quarantine_rows(results) if q["fact_id"] is not None}
    total = _facts_total(results)
    if total and len(quarantined) / total > max_quarantine_share:
        out.append(f"{len(quarantined)} of {total} facts ({len(quarantined) / total:.0%}) quarantined, "
                   f"more than {max_quarantine_share:.0%}")
    return out


# ---------------------------------------------------------------------------------------------
# report


def _cell(v: Any, width: int = 160) -> str:
    v = _py(v)
    if v is None:
        s = ""
    elif isinstance(v, float):
        s = f"{v:g}"
    else:
        s = str(v)
    s = s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    return s if len(s) <= width else s[: width - 1] + "…"


def _status(r: CheckResult) -> str:
    if r.error:
        return "NOT RUN" if r.evaluated == 0 and not r.failing_rows else "ERROR"
    if r.passed:
        return "pass"
    return "FAIL" if r.severity == "error" else "warn"


def write_report(results: Iterable[CheckResult], path: Path, run_id: str) -> Path:
    """Write a Markdown report: summary, a table of all checks, then each failing check with its
    first 20 failing rows and their reasons."""
    results = list(results)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    quarantine = quarantine_rows(results)
    q_facts = {q["fact_id"] for q in quarantine if q["fact_id"] is not None}
    total = _facts_total(results)
    blockers = publish_blockers(results)
    n_fail = sum(1 for r in results if not r.passed and r.severity == "error")
    n_warn = sum(1 for r in results if not r.passed and r.severity == "warn")

    lines = [
        f"# Validation report — run `{run_id}`",
        "",
        f"Generated {datetime.now().isoformat(timespec='seconds')}.",
        "",
        f"- checks: {len(results)} ({len(results) - n_fail - n_warn} passed, {n_fail} failed errors, {n_warn} warnings)",
        f"- quarantined facts: {len(q_facts)} of {total}"
        + (f" ({len(q_facts) / total:.1%})" if total else ""),
        f"- quarantined rows (all tables, per check): {len(quarantine)}",
        f"- publish: **{'BLOCKED' if blockers else 'allowed'}**",
    ]
    lines += [f"  - {b}" for b in blockers]
    lines += [
        "",
        "## Summary",
        "",
        "| suite | check | severity | scope | status | evaluated | failing |",
        "| --- | --- | --- | --- | --- | ---: | ---: |",
    ]
    for r in results:
        lines.append(f"| {r.suite} | {r.name} | {r.severity} | {r.scope} | {_status(r)} | {r.evaluated} | {r.failing} |")

    failed = [r for r in results if not r.passed]
    if failed:
        lines += ["", "## Failing checks", ""]
    for r in failed:
        lines += [f"### {r.suite}.{r.name} — {_status(r)}", "", f"{r.description}", "",
                  f"Severity `{r.severity}`, scope `{r.scope}`, table `{r.table}`: "
                  f"{r.evaluated} rows evaluated, {r.failing} failing."
                  + (" Failing rows are quarantined." if r.severity == "error" and r.scope == "row" else "")
                  + (" A failure blocks publishing." if r.severity == "error" and r.scope == "table" else ""),
                  ""]
        if r.error:
            lines += [f"> Could not run completely: {_cell(r.error, 400)}", ""]
        if r.failing_rows:
            shown = r.failing_rows[:REPORT_ROWS]
            cols: list[str] = []  # rows are built key(s), reason, offending values
            for row in shown:
                for c in row:
                    if c not in cols:
                        cols.append(c)
            lines.append("| " + " | ".join(cols) + " |")
            lines.append("| " + " | ".join("---" for _ in cols) + " |")
            for row in shown:
                lines.append("| " + " | ".join(_cell(row.get(c), 400 if c == "reason" else 160) for c in cols) + " |")
            if len(r.failing_rows) > REPORT_ROWS:
                lines.append("")
                lines.append(f"… and {len(r.failing_rows) - REPORT_ROWS} more.")
            lines.append("")
    passed = [r for r in results if r.passed]
    if passed:
        lines += ["", "## Passing checks", ""]
        lines += [f"- `{r.suite}.{r.name}` ({r.severity}, {r.evaluated} rows): {r.description}" for r in passed]
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """python -m expectations.runner WAREHOUSE.duckdb [REPORT.md] — validate and summarise."""
    import argparse

    import duckdb

    p = argparse.ArgumentParser(description=main.__doc__)
    p.add_argument("database")
    p.add_argument("report", nargs="?")
    p.add_argument("--suite", action="append")
    a = p.parse_args(argv)
    con = duckdb.connect(a.database, read_only=True)
    t0 = time.perf_counter()
    results = run_suites(con, a.suite)
    dt = time.perf_counter() - t0
    for r in results:
        print(f"{_status(r):8} {r.severity:5} {r.suite}.{r.name}: {r.failing}/{r.evaluated}")
    print(f"quarantined rows: {len(quarantine_rows(results))}; blocks publish: {blocks_publish(results)}; {dt:.2f} s")
    if a.report:
        print(write_report(results, Path(a.report), run_id=datetime.now().strftime("%Y%m%dT%H%M%S")))
    return 1 if blocks_publish(results) else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

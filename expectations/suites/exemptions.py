"""Documented reasons why a table row carries no baseline (baselines.table_row_has_baseline).

Key: (source_file, indicator_name) as in marts.plan_facts; value: the reason a reviewer wrote
down (e.g. "新设指标: the plan's table gives no 2020 value"). A table row listed here passes.
"""
from __future__ import annotations

BASELINE_EXEMPTIONS: dict[tuple[str, str], str] = {}


def exemptions_sql(exemptions: dict[tuple[str, str], str] | None = None) -> str:
    """The exemptions as a SQL relation (source_file, indicator_name, reason)."""
    items = BASELINE_EXEMPTIONS if exemptions is None else exemptions
    if not items:
        return ("(SELECT NULL::VARCHAR AS source_file, NULL::VARCHAR AS indicator_name, "
                "NULL::VARCHAR AS reason WHERE false)")

    def q(s: str) -> str:
        return "'" + s.replace("'", "''") + "'"

    rows = ", ".join(f"({q(f)}, {q(i)}, {q(r)})" for (f, i), r in items.items())
    return f"(SELECT * FROM (VALUES {rows}) AS t(source_file, indicator_name, reason))"

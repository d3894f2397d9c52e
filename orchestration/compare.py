"""Are two published warehouses the same? Table by table, row by row (as multisets).

An incremental build must publish exactly what a full rebuild of the same inputs publishes
(same rows, same fact ids); the benchmark and the tests check it with this. Compared: every
table of `marts`; left out: the columns that record *when* a row was made (ingested_at,
rejected_at), which differ between any two builds, and `audit` (one row per run by design).
"""
from __future__ import annotations

from pathlib import Path

import duckdb

WHEN_COLUMNS = {"ingested_at", "rejected_at"}


def warehouse_differences(a: Path, b: Path, schema: str = "marts") -> list[str]:
    """What differs between the `schema` tables of two published files (empty: identical)."""
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{a}' AS a (READ_ONLY)")
        con.execute(f"ATTACH '{b}' AS b (READ_ONLY)")
        tables = {side: {r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = ?",
            [side, schema]).fetchall()} for side in ("a", "b")}
        out = [f"table {schema}.{t} only in {side}" for side, others in (("a", "b"), ("b", "a"))
               for t in sorted(tables[side] - tables[others])]
        for table in sorted(tables["a"] & tables["b"]):
            out.extend(_table_differences(con, schema, table))
        return out
    finally:
        con.close()


def _columns(con, side: str, schema: str, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = ? AND schema_name = ? AND table_name = ? "
        "ORDER BY column_index", [side, schema, table]).fetchall()]


def _table_differences(con, schema: str, table: str) -> list[str]:
    cols_a, cols_b = _columns(con, "a", schema, table), _columns(con, "b", schema, table)
    if cols_a != cols_b:
        return [f"{schema}.{table}: columns differ ({cols_a} vs {cols_b})"]
    cols = ", ".join(f'"{c}"' for c in cols_a if c not in WHEN_COLUMNS)
    counts = con.execute(f'SELECT (SELECT count(*) FROM a.{schema}."{table}"), '
                         f'(SELECT count(*) FROM b.{schema}."{table}")').fetchone()
    only = [con.execute(f'SELECT count(*) FROM (SELECT {cols} FROM {x}.{schema}."{table}" EXCEPT ALL '
                        f'SELECT {cols} FROM {y}.{schema}."{table}")').fetchone()[0] for x, y in (("a", "b"), ("b", "a"))]
    if counts[0] == counts[1] and only == [0, 0]:
        return []
    return [f"{schema}.{table}: {counts[0]} vs {counts[1]} rows; {only[0]} only in the first, {only[1]} only in the second"]

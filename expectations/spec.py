"""Plain-Python description of a validation suite (no Great Expectations import here).

A suite is a list of `Check`s over named `Frame`s. A frame is a SQL query run in DuckDB
(`con.execute(sql).df()`); a check is one or more Great Expectations expectations run on that
pandas frame. Expectations are built lazily by `Check.expect(E, C)`, where `E` is
`great_expectations.expectations` and `C` the row-condition `Column` class, so importing a
suite module never imports Great Expectations (~3 s).

Every check carries
- a `severity`: `error` (the data are wrong: failing rows are quarantined and, for a
  `scope="table"` check, publishing is blocked) or `warn` (a person should look at it);
- a `reason`: a template formatted with each failing row (`{value_base:g}`, `{unit}` …) that
  becomes the quarantine reason. An expectation may override it with `meta={"reason": ...}`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Literal

Severity = Literal["error", "warn"]
Scope = Literal["row", "table"]


@dataclass(frozen=True)
class Frame:
    """A pandas frame read from DuckDB; `key` names the row (fact_id, statistic_id, doc_id)."""

    name: str
    sql: str
    key: str
    table: str                          # the warehouse table the rows belong to
    id_columns: tuple[str, ...] = ()    # shown with every failing row (besides key)


@dataclass(frozen=True)
class Check:
    name: str
    severity: Severity
    description: str
    reason: str
    frame: str
    expect: Callable[[Any, Any], Any]   # (gx.expectations, Column) -> Expectation | list[Expectation]
    scope: Scope = "row"
    columns: tuple[str, ...] = ()       # offending values reported with each failing row
    # how `evaluated` combines the element counts of several expectations: "max" when they
    # look at the same rows (value and value_high), "sum" when their row conditions are disjoint
    combine: Literal["max", "sum"] = "max"


@dataclass(frozen=True)
class Suite:
    name: str
    description: str
    frames: tuple[Frame, ...]
    checks: tuple[Check, ...] = field(default_factory=tuple)

    def frame(self, name: str) -> Frame:
        for f in self.frames:
            if f.name == name:
                return f
        raise KeyError(f"suite {self.name!r} has no frame {name!r}")


def column_is(column: str, value: bool) -> Callable[[Any, Any], Any]:
    """The expectation for a computed yes/no column (in_marts, agrees …): every row has `value`."""
    return lambda E, C: E.ExpectColumnValuesToBeInSet(column=column, value_set=[value])

"""The goals of issue #12 and how a row of the table is judged."""
from __future__ import annotations

from dataclasses import dataclass

SEEDS_WARM_S = 12.0
NOTHING_CHANGED_S = 2.0
INCREMENTAL_S = 10.0
LARGE_S = 60.0
LARGE_MEM_MB = 2048.0
FRESH_CLONE_S = 60.0


@dataclass
class Row:
    """One line of the results table."""

    scenario: str
    goal: str
    measured: str
    bare_tools: str = "—"
    met: bool | None = None     # None: context only, no goal
    cause: str = ""             # where the time went (always) and why a goal was missed

    def verdict(self) -> str:
        if self.met is None:
            return "—"
        return "met" if self.met else "**missed**"


def at_most(value: float, goal: float) -> bool:
    return value <= goal

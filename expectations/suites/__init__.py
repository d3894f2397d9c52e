"""The validation suites, by name. Importing them does not import Great Expectations."""
from __future__ import annotations

from expectations.spec import Suite
from expectations.suites import baselines, reconciliation, statistics, units

SUITES: dict[str, Suite] = {
    s.name: s for s in (reconciliation.SUITE, units.SUITE, baselines.SUITE, statistics.SUITE)
}

__all__ = ["SUITES"]

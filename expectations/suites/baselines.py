"""Baselines suite: a plan's baselines are consistent in time, direction and with official statistics.

The statistics comparison is a join, so it is computed in DuckDB (frame `vs_statistics`, one row
per plan number × preferred statistic with the same region_code, canonical_indicator_id, year
and measure) and Great Expectations validates its computed `agrees` column.

Measures are matched, never mixed: a fact of kind level is compared with a statistic of measure
level, share with share, rate with growth_rate — a growth rate is never compared with a level.
Per-year rates (年均增长) are period averages, not a year's growth, and are not compared.
"""
from __future__ import annotations

from expectations.spec import Check, Frame, Suite
from expectations.suites.frames import PLAN_FACTS

RELATIVE_TOLERANCE = 0.02              # bound exact (and revision any)
APPROXIMATE_TOLERANCE = 0.05           # bound approximate (左右/约)
PERCENT_ABSOLUTE_TOLERANCE = 0.05      # % values rounded to one decimal agree within 0.05 points

VS_STATISTICS = Frame(
    name="vs_statistics",
    table="marts.plan_facts",
    key="fact_id",
    id_columns=("comparison", "source_file", "region_name", "indicator_name"),
    sql=f"""
        WITH facts AS (
            SELECT f.*,
                   CASE f.kind WHEN 'level' THEN 'level' WHEN 'share' THEN 'share'
                               WHEN 'rate' THEN 'growth_rate' END AS measure
            FROM marts.plan_facts AS f
            WHERE f.region_code IS NOT NULL AND f.canonical_indicator_id IS NOT NULL
              AND NOT (f.kind = 'rate' AND coalesce(f.per_year, false))
        ),
        plan_numbers AS (
            SELECT 'baseline' AS comparison, fact_id, source_file, region_code, region_name,
                   indicator_name, canonical_indicator_id, measure, baseline_year AS compared_year,
                   baseline_value AS plan_value, unit AS plan_unit,
                   baseline_value_base AS plan_value_base, base_unit AS plan_base_unit,
                   quote AS plan_quote
            FROM facts
            WHERE measure IS NOT NULL AND baseline_year IS NOT NULL AND baseline_value_base IS NOT NULL
            UNION ALL
            SELECT 'observation', fact_id, source_file, region_code, region_name,
                   indicator_name, canonical_indicator_id, measure, year,
                   value, unit, value_base, base_unit, quote
            FROM facts
            WHERE role = 'observation' AND measure IS NOT NULL AND year IS NOT NULL
              AND value_base IS NOT NULL
        ),
        compared AS (
            SELECT p.*,
                   s.statistic_id, s.value AS statistic_value, s.unit AS statistic_unit,
                   s.value_base AS statistic_value_base, s.base_unit AS statistic_base_unit,
                   s.bound, s.revision, s.source_quality, s.source_title, s.source_url,
                   s.quote AS statistic_quote,
                   CASE s.bound WHEN 'approximate' THEN {APPROXIMATE_TOLERANCE}
                                ELSE {RELATIVE_TOLERANCE} END AS tolerance,
                   abs(p.plan_value_base - s.value_base) / nullif(abs(s.value_base), 0)
                       AS relative_difference
            FROM plan_numbers AS p
            JOIN marts.fct_statistics AS s
              ON s.is_preferred
             AND s.region_code = p.region_code
             AND s.canonical_indicator_id = p.canonical_indicator_id
             AND s.year = p.compared_year
             AND s.measure = p.measure
        )
        SELECT *,
               CASE
                   WHEN plan_base_unit IS DISTINCT FROM statistic_base_unit THEN false
                   WHEN bound = 'lower' THEN plan_value_base >= statistic_value_base * (1 - 1e-9)
                   WHEN plan_unit = '%' AND statistic_unit = '%'
                        AND abs(plan_value - statistic_value) <= {PERCENT_ABSOLUTE_TOLERANCE} THEN true
                   WHEN statistic_value_base = 0 THEN plan_value_base = 0
                   ELSE relative_difference <= tolerance
               END AS agrees,
               CASE
                   WHEN plan_base_unit IS DISTINCT FROM statistic_base_unit
                   THEN 'base units differ (' || coalesce(plan_base_unit, 'NULL') || ' vs '
                        || coalesce(statistic_base_unit, 'NULL') || ')'
                   WHEN bound = 'lower'
                   THEN 'the statistic is a lower bound and the plan number is below it'
                   ELSE 'relative difference ' || round(100 * relative_difference, 1)::VARCHAR
                        || ' % > ' || round(100 * tolerance)::INTEGER::VARCHAR || ' %'
               END AS detail
        FROM compared
        ORDER BY comparison, fact_id, statistic_id
    """,
)

_VS_REASON = (
    "plan {comparison} {plan_value:g} {plan_unit} ({compared_year}) — «{plan_quote}» in "
    "{source_file} — disagrees with the preferred statistic {statistic_value:g} {statistic_unit} "
    "(bound {bound}; {source_title} {source_url}): {detail}"
)
_VS_COLUMNS = (
    "compared_year", "measure", "plan_value", "plan_unit", "plan_quote", "statistic_id",
    "statistic_value", "statistic_unit", "bound", "relative_difference", "tolerance",
    "source_title", "source_url", "statistic_quote",
)

SUITE = Suite(
    name="baselines",
    description="Baselines precede their targets, move in the planned direction and agree with official statistics.",
    frames=(PLAN_FACTS, VS_STATISTICS),
    checks=(
        Check(
            name="baseline_year_before_year",
            severity="error",
            frame="plan_facts",
            description="Where both are set, baseline_year is earlier than year.",
            reason="baseline_year {baseline_year} is not before year {year}",
            columns=("year", "baseline_year", "baseline_value"),
            expect=lambda E, C: E.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="year", column_B="baseline_year", or_equal=False,
                ignore_row_if="either_value_is_missing",
                row_condition=C("year").is_not_null() & C("baseline_year").is_not_null(),
            ),
        ),
        Check(
            name="table_row_has_baseline",
            severity="warn",
            frame="plan_facts",
            description=(
                "A table row (attribute 预期性/约束性 set) carries a baseline_value, or a reason "
                "for lacking one is documented in expectations/suites/exemptions.py."
            ),
            reason="table row ({attribute}) has no baseline_value and no documented reason",
            columns=("attribute", "value", "unit", "year", "baseline_value", "baseline_year"),
            expect=lambda E, C: E.ExpectColumnValuesToNotBeNull(
                column="chk_baseline_or_reason", row_condition=C("attribute").is_not_null(),
            ),
        ),
        Check(
            name="direction_agrees_with_polarity",
            severity="warn",
            frame="plan_facts",
            description=(
                "A level or share target moves from its baseline in the direction its polarity "
                "wants: up for higher_is_better, down for a reduction (lower_is_better). Rates are "
                "not checked (a growth target below the past growth rate is normal)."
            ),
            reason=("target {value:g} {unit} ({year}) vs baseline {baseline_value:g} ({baseline_year}) "
                    "moves against polarity {polarity} (expected {chk_expected_direction})"),
            columns=("kind", "polarity", "value", "unit", "year", "baseline_value", "baseline_year"),
            expect=lambda E, C: E.ExpectColumnValuesToBeInSet(
                column="chk_direction_ok", value_set=[True],
            ),
        ),
        Check(
            name="baseline_agrees_with_statistics",
            severity="warn",
            frame="vs_statistics",
            description=(
                "A baseline stated in a plan agrees with the preferred official statistic for the "
                "same region, indicator, year and measure: within 2 % (5 % if the statistic is "
                "approximate, ≥ the statistic if it is a lower bound; % values also within 0.05 points)."
            ),
            reason=_VS_REASON,
            columns=_VS_COLUMNS,
            expect=lambda E, C: E.ExpectColumnValuesToBeInSet(
                column="agrees", value_set=[True], row_condition=C("comparison") == "baseline",
            ),
        ),
        Check(
            name="observation_agrees_with_statistics",
            severity="warn",
            frame="vs_statistics",
            description=(
                "An observation (role observation) agrees with the preferred official statistic "
                "for the same region, indicator, year and measure, with the same tolerances."
            ),
            reason=_VS_REASON,
            columns=_VS_COLUMNS,
            expect=lambda E, C: E.ExpectColumnValuesToBeInSet(
                column="agrees", value_set=[True], row_condition=C("comparison") == "observation",
            ),
        ),
    ),
)

"""Baselines suite: a plan's baselines are consistent in time, direction and with official statistics.

The statistics comparison is a join, so it is computed in DuckDB (frame `vs_statistics`, one row
per plan number × preferred statistic with the same region_code, canonical_indicator_id, year
and measure) and Great Expectations validates its computed `agrees` column.

Measures are matched, never mixed: a fact of kind level is compared with a statistic of measure
level, share with share, rate with growth_rate — a growth rate is never compared with a level.
Per-year rates (年均增长) are period averages, not a year's growth, and are not compared.
A bulletin's or work report's own observations are statistics (they are in fct_statistics), so
they are not compared here as plan numbers; two checks compare the official figures themselves:

- growth_agrees_with_levels: the 比上年增长 of year N agrees with the levels of N−1 and N (all
  preferred figures) within the rounding their written digits allow. Growth at comparable prices
  (增加值, 生产总值, 产值, or a sentence that says 可比价/不变价/同口径) is real growth while levels are at
  current prices, so those are not compared.
- sources_agree: every other figure of a (region, indicator, year, measure) in the same base
  unit agrees with the preferred one within the rounding of the less precise of the two, unless
  their revisions explain the difference (preliminary vs final vs revised). Both figures are
  kept either way.
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
              -- a bulletin's or work report's observations are statistics themselves
              AND f.fact_id NOT IN (SELECT fact_id FROM marts.fct_statistics WHERE fact_id IS NOT NULL)
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

# Half a unit of the last written digit, in base units: the rounding a written figure allows.
def _half_unit(alias: str) -> str:
    return (f"0.5 * power(10, -coalesce({alias}.value_decimals, 0)) "
            f"* CASE WHEN {alias}.value <> 0 THEN abs({alias}.value_base / {alias}.value) ELSE 1 END")


GROWTH_VS_LEVELS = Frame(
    name="growth_vs_levels",
    table="marts.fct_statistics",
    key="statistic_id",
    id_columns=("source_type", "source_file", "region_name", "indicator", "year"),
    sql=f"""
        WITH preferred AS (
            SELECT * FROM marts.fct_statistics
            WHERE is_preferred AND region_code IS NOT NULL AND value_base IS NOT NULL
        ),
        compared AS (
            SELECT g.statistic_id, g.fact_id, g.source_type, g.source_file, g.source_title,
                   g.region_code, g.region_name, g.indicator, g.canonical_indicator_id, g.year,
                   g.value AS growth, g.value_decimals AS growth_decimals, g.quote AS growth_quote,
                   l0.value AS level_before, l0.unit AS level_before_unit, l0.source_title AS level_before_source,
                   l1.value AS level, l1.unit AS level_unit, l1.source_title AS level_source,
                   100 * (l1.value_base / l0.value_base - 1) AS implied_growth,
                   100 * ((l1.value_base - {_half_unit('l1')}) / (l0.value_base + {_half_unit('l0')}) - 1)
                       AS implied_low,
                   100 * ((l1.value_base + {_half_unit('l1')}) / nullif(l0.value_base - {_half_unit('l0')}, 0) - 1)
                       AS implied_high,
                   0.5 * power(10, -coalesce(g.value_decimals, 0)) AS growth_rounding,
                   NOT (
                       regexp_matches(coalesce(g.indicator, '') || ' ' || coalesce(g.canonical_indicator_id, ''),
                                      '增加值|生产总值|GDP|gdp|产值|value_added|output')
                       OR regexp_matches(coalesce(g.source_text, '') || ' ' || coalesce(g.scope_note, '')
                                         || ' ' || coalesce(g.quote, ''),
                                         '可比价|不变价|可比口径|同口径')
                   ) AS chk_at_current_prices
            FROM preferred AS g
            JOIN preferred AS l1
              ON l1.region_code = g.region_code AND l1.canonical_indicator_id = g.canonical_indicator_id
             AND l1.year = g.year AND l1.measure = 'level'
            JOIN preferred AS l0
              ON l0.region_code = g.region_code AND l0.canonical_indicator_id = g.canonical_indicator_id
             AND l0.year = g.year - 1 AND l0.measure = 'level' AND l0.base_unit = l1.base_unit
            WHERE g.measure = 'growth_rate' AND g.unit = '%' AND l0.value_base > 0
        )
        SELECT *,
               growth + growth_rounding >= implied_low AND growth - growth_rounding <= implied_high AS agrees
        FROM compared
        ORDER BY statistic_id
    """,
)

SOURCES = Frame(
    name="statistics_between_sources",
    table="marts.fct_statistics",
    key="statistic_id",
    id_columns=("source_type", "source_file", "region_name", "indicator", "year", "measure"),
    sql=f"""
        WITH s AS (
            SELECT * FROM marts.fct_statistics WHERE region_code IS NOT NULL AND value_base IS NOT NULL
        ),
        compared AS (
            SELECT o.statistic_id, o.fact_id, o.source_type, o.source_file, o.source_title,
                   o.region_code, o.region_name, o.indicator, o.canonical_indicator_id, o.year, o.measure,
                   o.value, o.unit, o.bound, o.revision, o.quote,
                   p.statistic_id AS preferred_statistic_id, p.source_type AS preferred_source_type,
                   p.source_title AS preferred_source_title, p.value AS preferred_value,
                   p.unit AS preferred_unit, p.bound AS preferred_bound, p.revision AS preferred_revision,
                   p.quote AS preferred_quote,
                   coalesce(o.revision, 'unknown') NOT IN ('unknown', coalesce(p.revision, 'unknown'))
                       AND coalesce(p.revision, 'unknown') <> 'unknown' AS chk_explained_by_revision,
                   o.base_unit AS base_unit, p.base_unit AS preferred_base_unit,
                   -- 5682美元 and 38274元 of one 人均GDP, or 增长3.8倍 and 32.6亿元: not comparable
                   o.base_unit IS NOT DISTINCT FROM p.base_unit AS chk_same_base_unit,
                   o.value_base AS value_base, p.value_base AS preferred_value_base,
                   greatest({_half_unit('o')}, {_half_unit('p')}) AS rounding_base
            FROM s AS o
            JOIN s AS p
              ON p.is_preferred AND p.statistic_id <> o.statistic_id
             AND p.region_code = o.region_code AND p.canonical_indicator_id = o.canonical_indicator_id
             AND p.year = o.year AND p.measure = o.measure
            WHERE NOT o.is_preferred
        )
        SELECT *,
               CASE
                   WHEN base_unit IS DISTINCT FROM preferred_base_unit THEN false
                   WHEN bound = 'lower' THEN preferred_value_base >= value_base - rounding_base
                   WHEN preferred_bound = 'lower' THEN value_base >= preferred_value_base - rounding_base
                   WHEN bound = 'upper' THEN preferred_value_base <= value_base + rounding_base
                   WHEN preferred_bound = 'upper' THEN value_base <= preferred_value_base + rounding_base
                   WHEN 'approximate' IN (bound, preferred_bound)
                   THEN abs(value_base - preferred_value_base) <= greatest(rounding_base,
                                                                          {APPROXIMATE_TOLERANCE} * abs(preferred_value_base))
                   ELSE abs(value_base - preferred_value_base) <= rounding_base * (1 + 1e-9)
               END AS agrees
        FROM compared
        ORDER BY statistic_id
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
    description=("Baselines precede their targets, move in the planned direction and agree with official "
                 "statistics; official figures agree with each other (growth with levels, source with source)."),
    frames=(PLAN_FACTS, VS_STATISTICS, GROWTH_VS_LEVELS, SOURCES),
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
            name="growth_agrees_with_levels",
            severity="warn",
            frame="growth_vs_levels",
            description=(
                "The 比上年增长 of year N agrees with the levels of N−1 and N (preferred official figures, "
                "any source) within the rounding their written digits allow; growth at comparable prices "
                "(增加值, 生产总值, 产值, 可比价 …) is not compared with current-price levels."
            ),
            reason=("{indicator} ({region_name}) grew {growth:g}% in {year} «{growth_quote}» ({source_title}), "
                    "but the levels say {implied_growth:.2f}% ({level_before:g} {level_before_unit} → "
                    "{level:g} {level_unit}; {implied_low:.2f} … {implied_high:.2f}% within rounding; "
                    "{level_before_source} / {level_source})"),
            columns=("growth", "level_before", "level_before_unit", "level", "level_unit", "implied_growth",
                     "implied_low", "implied_high", "growth_quote", "level_before_source", "level_source"),
            expect=lambda E, C: E.ExpectColumnValuesToBeInSet(
                column="agrees", value_set=[True], row_condition=C("chk_at_current_prices") == True,  # noqa: E712
            ),
        ),
        Check(
            name="sources_agree",
            severity="warn",
            frame="statistics_between_sources",
            description=(
                "Every other official figure of a (region, indicator, year, measure) agrees with the "
                "preferred one within the rounding of the less precise of the two (bounds as bounds, 5 % "
                "for approximate figures), unless their revisions explain it (preliminary / final / revised) "
                "or they are in different base units (美元 and 元, 倍 and 亿元). "
                "Both figures are kept: this only says where sources disagree."
            ),
            reason=("{indicator} ({region_name}, {year}, {measure}): {value:g} {unit} from {source_type} "
                    "«{source_title}» ({revision}, {bound}) disagrees with the preferred {preferred_value:g} "
                    "{preferred_unit} from {preferred_source_type} «{preferred_source_title}» "
                    "({preferred_revision}, {preferred_bound})"),
            columns=("value", "unit", "bound", "revision", "quote", "preferred_statistic_id", "preferred_value",
                     "preferred_unit", "preferred_bound", "preferred_revision", "preferred_source_title",
                     "preferred_quote"),
            expect=lambda E, C: E.ExpectColumnValuesToBeInSet(
                column="agrees", value_set=[True],
                row_condition=(C("chk_explained_by_revision") == False) & (C("chk_same_base_unit") == True),  # noqa: E712
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

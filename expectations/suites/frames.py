"""Frames shared by several suites (read once per run)."""
from __future__ import annotations

from expectations.spec import Frame
from expectations.suites.exemptions import exemptions_sql

# marts.plan_facts plus a few helper columns (prefix chk_) for conditions Great Expectations'
# row conditions cannot express (substring tests, cross-column comparisons).
PLAN_FACTS = Frame(
    name="plan_facts",
    table="marts.plan_facts",
    key="fact_id",
    id_columns=("source_file", "region_name", "indicator_name", "quote"),
    sql="""
        SELECT
            f.* EXCLUDE (source_text),  -- used below in SQL; a frame of 300k sentences costs memory
            -- money per person / per mu / per unit (人均GDP 15万元, 亩均税收 30万元): small amounts
            regexp_matches(coalesce(f.indicator_name, '') || ' ' || coalesce(f.quote, ''), '人均|亩均|户均|地均|单位|每|均价|单价|价格|价|美元') AS chk_per_unit,
            -- 年均/每年 in the indicator, the quote, or the clause leading up to the quote
            -- (每年为企业减负200亿元以上; 力争年均工业性投资达到500亿元以上)
            regexp_matches(
                coalesce(f.indicator_name, '') || ' ' || coalesce(f.quote, '') || ' ' ||
                CASE
                    WHEN coalesce(f.quote, '') <> '' AND strpos(coalesce(f.source_text, ''), f.quote) > 0
                    THEN regexp_extract(substr(f.source_text, 1, strpos(f.source_text, f.quote) - 1),
                                        '[^，,；;。！？\n]*$')
                    ELSE coalesce(f.source_text, '')
                END,
                '年均|每年') AS chk_mentions_annual,
            -- a reduction target: lower is better, or a rate whose indicator says 降 (下降, 降低)
            (coalesce(f.polarity, '') = 'lower_is_better'
             OR (f.kind = 'rate' AND coalesce(f.indicator_name, '') LIKE '%降%')) AS chk_reduction,
            CASE
                WHEN f.role = 'target' AND f.value IS NOT NULL AND f.baseline_value IS NOT NULL
                     AND f.kind IN ('level', 'share')
                THEN CASE
                    WHEN coalesce(f.polarity, '') = 'lower_is_better' THEN f.value <= f.baseline_value
                    ELSE f.value >= f.baseline_value
                END
            END AS chk_direction_ok,
            CASE WHEN coalesce(f.polarity, '') = 'lower_is_better' THEN 'down' ELSE 'up' END
                AS chk_expected_direction,
            -- a table row (attribute set) needs a baseline or a documented reason for lacking one
            coalesce(CAST(f.baseline_value AS VARCHAR), x.reason) AS chk_baseline_or_reason
        FROM marts.plan_facts AS f
        LEFT JOIN """ + exemptions_sql() + """ AS x
            ON x.source_file = f.source_file AND x.indicator_name = f.indicator_name
        ORDER BY f.fact_id
    """,
)


# marts.fct_statistics with the helper columns the units checks need: every official figure, from
# the statistics CSV, a statistical bulletin or a work report. A failing row that came from a
# document carries its fact_id, so an error check quarantines that fact as it would any other.
STATISTIC_UNITS = Frame(
    name="statistic_units",
    table="marts.fct_statistics",
    key="statistic_id",
    id_columns=("source_type", "source_file", "region_name", "indicator", "year", "quote"),
    sql="""
        SELECT
            s.* EXCLUDE (source_text, value_base),
            -- the plausibility bands are about magnitudes: a fall (减少5647人) is stored negative
            CASE WHEN s.measure = 'increment' THEN abs(s.value_base) ELSE s.value_base END AS value_base,
            -- the plan-fact kind the measure corresponds to, for the shared plausibility bands
            CASE s.measure WHEN 'growth_rate' THEN 'rate' ELSE s.measure END AS kind,
            -- money per person / mu / unit, or a price: by the indicator, and by the quote where it is
            -- the number as written (a document's); a CSV quote is a whole sentence (按可比价格计算)
            regexp_matches(coalesce(s.indicator, '') || ' ' ||
                           CASE WHEN s.source_type = 'statistics_csv' THEN '' ELSE coalesce(s.quote, '') END,
                           '人均|亩均|户均|地均|单位|每|均价|单价|价格|价|美元') AS chk_per_unit,
            -- a name that says a change (…增长, …增速, …下降) names a growth rate, not a level
            regexp_matches(coalesce(s.indicator, ''), '(增长|增速|增幅|下降|降幅|降低|回落)$') AS chk_name_says_change
        FROM marts.fct_statistics AS s
        ORDER BY s.statistic_id
    """,
)

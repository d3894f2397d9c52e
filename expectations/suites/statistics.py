"""Statistics suite: the official statistics an analyst compares plans with are unambiguous and labelled right."""
from __future__ import annotations

from expectations.spec import Check, Frame, Suite

MEASURES = ["level", "share", "growth_rate", "increment", "cumulative", "rank"]  # a bulletin also reports changes (比上年末增加)
BOUNDS = ["exact", "lower", "approximate", "upper"]

STATISTICS = Frame(
    name="statistics",
    table="marts.fct_statistics",
    key="statistic_id",
    id_columns=("region_name", "indicator", "year", "measure"),
    sql="""
        SELECT s.*,
               count(*) FILTER (WHERE s.is_preferred) OVER (
                   PARTITION BY s.region_code, s.canonical_indicator_id, s.year, s.measure
               ) AS chk_preferred_in_key,
               string_agg(CASE WHEN s.is_preferred THEN s.statistic_id END, ', ') OVER (
                   PARTITION BY s.region_code, s.canonical_indicator_id, s.year, s.measure
               ) AS chk_preferred_ids,
               -- what scope_note's wording says the bound is (README: 下限值 “突破/超过”, 约数 “左右”)
               CASE WHEN coalesce(s.scope_note, '') LIKE '%下限值%' THEN 'lower'
                    WHEN regexp_matches(coalesce(s.scope_note, ''), '约数|左右') THEN 'approximate'
               END AS chk_wording_bound
        FROM marts.fct_statistics AS s
        ORDER BY s.statistic_id
    """,
)

SUITE = Suite(
    name="statistics",
    description="Official statistics: one preferred row per key, % measures in %, bounds labelled as worded.",
    frames=(STATISTICS,),
    checks=(
        Check(
            name="one_preferred_per_key",
            severity="error",
            scope="table",
            frame="statistics",
            description=(
                "Each (region_code, canonical_indicator_id, year, measure) has exactly one "
                "is_preferred row, so a plan number is compared with one official figure."
            ),
            reason=("key ({region_code}, {canonical_indicator_id}, {year}, {measure}) has "
                    "{chk_preferred_in_key} preferred rows: {chk_preferred_ids}"),
            columns=("region_code", "canonical_indicator_id", "is_preferred", "preference_rank",
                     "chk_preferred_in_key", "chk_preferred_ids", "source_title"),
            expect=lambda E, C: E.ExpectColumnValuesToBeBetween(
                column="chk_preferred_in_key", min_value=1, max_value=1,
            ),
        ),
        Check(
            name="statistic_id_unique",
            severity="error",
            scope="table",
            frame="statistics",
            description="statistic_id is unique.",
            reason="statistic_id {statistic_id} occurs more than once",
            columns=("statistic_id",),
            expect=lambda E, C: E.ExpectColumnValuesToBeUnique(column="statistic_id"),
        ),
        Check(
            name="percent_measures_in_percent",
            severity="error",
            frame="statistics",
            description=("Statistics of measure share are in % (or ‰); of measure growth_rate in %, ‰ or, for a "
                         "contribution to growth (拉动…个百分点), percentage points."),
            reason="a {measure} statistic is in {unit!r}, not a percentage",
            columns=("measure", "value", "unit"),
            combine="sum",
            expect=lambda E, C: [
                E.ExpectColumnValuesToBeInSet(column="unit", value_set=["%", "‰"],
                                              row_condition=C("measure") == "share"),
                E.ExpectColumnValuesToBeInSet(column="unit", value_set=["%", "‰", "个百分点", "百分点"],
                                              row_condition=C("measure") == "growth_rate"),
            ],
        ),
        Check(
            name="bound_matches_wording",
            severity="error",
            frame="statistics",
            description=(
                "A value the source gives as a lower bound (下限值: 突破/超过) or an approximation "
                "(约数/左右) is never marked exact."
            ),
            reason="scope_note «{scope_note}» says {chk_wording_bound} but bound is {bound!r}",
            columns=("value", "unit", "bound", "scope_note", "quote"),
            combine="sum",
            expect=lambda E, C: [
                E.ExpectColumnValuesToBeInSet(
                    column="bound", value_set=[wb], row_condition=C("chk_wording_bound") == wb,
                )
                for wb in ("lower", "approximate")
            ],
        ),
        Check(
            name="statistic_values_accepted",
            severity="error",
            frame="statistics",
            description="measure, bound and source_quality are in their accepted sets; value is set.",
            reason="measure {measure!r}, bound {bound!r}, source_quality {source_quality!r} or value {value} not accepted",
            columns=("measure", "bound", "source_quality", "value"),
            expect=lambda E, C: [
                E.ExpectColumnValuesToBeInSet(column="measure", value_set=MEASURES),
                E.ExpectColumnValuesToBeInSet(column="bound", value_set=BOUNDS),
                E.ExpectColumnValuesToBeInSet(column="source_quality", value_set=["ok", "low"]),
                E.ExpectColumnValuesToNotBeNull(column="measure"),
                E.ExpectColumnValuesToNotBeNull(column="value"),
            ],
        ),
    ),
)

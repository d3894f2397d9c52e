"""End to end: two statistical bulletins of 台州市 dropped next to the seeds give its plan's targets
official actuals and an on-track flag, each actual traceable to its sentence.

The bulletins (examples/bulletins/, 2022 and 2023, written for this test in the form of a city
bulletin) are added to raw/documents of a copy of the seeds and built with `plans build`
(fixture `bulletin_build` in conftest.py). Without them the statistics hold nothing on 台州's
industry: every actual below comes from a bulletin.
"""
from __future__ import annotations

import json

import duckdb
import pytest

from planextract.documents import parse_bytes

pytestmark = pytest.mark.e2e

TAIZHOU = "331000"
BULLETINS = {2022: "2022年台州市国民经济和社会发展统计公报.txt", 2023: "2023年台州市国民经济和社会发展统计公报.txt"}

# 《台州市制造业高质量发展“十四五”规划》表1 targets for 2025 (baseline 2020) against the 2023 bulletin:
# indicator, target value, actual (2023), on track — compound growth from the baseline to the
# actual against the growth the target needs.
EXPECTED_PROGRESS = [
    ("规模以上工业总产值", 10000, 7431.6, False),           # 5269 → 7431.6: 12.2 %/yr, needs 13.7 %
    ("规模以上工业总产值", 12000, 7431.6, False),           # needs 17.9 %/yr (力争)
    ("高新技术产业增加值占规模以上工业增加值比重", 62.5, 65.3, True),
    ("高技术制造业增加值占规模以上工业增加值比重", 20, 18.6, True),   # 6.5 %/yr, needs 5.4 %
    ("战略性新兴产业增加值占规模以上工业增加值比重", 35, 30.2, False),  # 6.6 %/yr, needs 7.0 %
    ("数字经济核心产业增加值占GDP比重", 10, 4.5, False),
    ("制造业增加值占GDP比重", 35, 34.8, False),
    ("规模以上工业全员劳动生产率", 30, 24.6, False),         # 10.36 %/yr, needs 10.39 %
    ("工业投资增速", 10, 8.1, True),                        # 12.6 % (2022) and 8.1 % (2023): 10.3 %/yr
]


def query(warehouse, sql: str, params=None) -> list[dict]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rel = con.execute(sql, params or [])
        columns = [d[0] for d in rel.description]
        return [dict(zip(columns, row)) for row in rel.fetchall()]
    finally:
        con.close()


@pytest.fixture(scope="module")
def warehouse(bulletin_build):
    _, warehouse, result = bulletin_build
    assert result.returncode == 0, result.stdout + result.stderr
    return warehouse


def test_the_bulletins_are_documents_of_their_year(warehouse):
    rows = {r["source_file"]: r for r in query(warehouse, "select * from marts.documents")}
    for year, name in BULLETINS.items():
        doc = rows[name]
        assert doc["doc_kind"] == "statistical_bulletin"
        assert doc["plan_title"] == f"{year}年台州市国民经济和社会发展统计公报"
        assert (doc["region_code"], doc["period_start_year"], doc["period_end_year"]) == (TAIZHOU, year, year)
        assert doc["published_date"].year == year + 1


@pytest.mark.parametrize("indicator,target,actual,on_track", EXPECTED_PROGRESS,
                         ids=[f"{r[0]}-{r[1]}" for r in EXPECTED_PROGRESS])
def test_seed_targets_gain_bulletin_actuals_and_an_on_track_flag(warehouse, indicator, target, actual, on_track):
    rows = query(warehouse, """
        select * from marts.target_progress
        where region_code = ? and indicator_name = ? and target_value = ? and target_year = 2025""",
                 [TAIZHOU, indicator, target])
    assert len(rows) == 1, rows
    r = rows[0]
    assert r["plan_title"] == "台州市制造业高质量发展“十四五”规划"
    assert (r["actual_year"], r["actual_value"]) == (2023, pytest.approx(actual))
    assert r["actual_source_type"] == "statistical_bulletin" and r["actual_revision"] == "final"
    assert r["actual_source_title"] == "2023年台州市国民经济和社会发展统计公报"
    assert r["on_track"] is on_track and r["on_track_basis"] == "growth_comparison"
    # the plan's 表1 gives the baseline; the statistics CSV has nothing on this indicator for 台州
    assert r["baseline_source"] == "plan_target" and r["baseline_year"] == 2020
    csv_rows = query(warehouse, """
        select count(*) as n from marts.fct_statistics
        where region_code = ? and canonical_indicator_id = ? and source_type = 'statistics_csv'""",
                     [TAIZHOU, r["canonical_indicator_id"]])
    assert csv_rows[0]["n"] == 0


def test_every_actual_is_traceable_to_its_sentence(warehouse, bulletin_build):
    raw, _, _ = bulletin_build
    texts = {}
    for name in BULLETINS.values():
        texts[name] = parse_bytes((raw / "documents" / name).read_bytes(), name).text
    rows = query(warehouse, """
        select t.actual_source_file, t.actual_quote, t.actual_char_start, t.actual_char_end, t.actual_fact_id,
               s.source_text, f.quote as fact_quote
        from marts.target_progress t
        join marts.fct_statistics s on s.statistic_id = t.actual_statistic_id
        join marts.plan_facts f on f.fact_id = t.actual_fact_id
        where t.region_code = ? and t.actual_source_type = 'statistical_bulletin'""", [TAIZHOU])
    assert len(rows) >= len(EXPECTED_PROGRESS)
    for r in rows:
        text = texts[r["actual_source_file"]]
        assert text[r["actual_char_start"]:r["actual_char_end"]] == r["actual_quote"] == r["fact_quote"]
        assert r["actual_quote"] in r["source_text"] and r["source_text"] in text


def test_a_restated_figure_revises_the_earlier_bulletin_and_every_source_is_kept(warehouse):
    rows = query(warehouse, """
        select source_type, source_file, value, revision, preference_rank from marts.fct_statistics
        where region_code = ? and canonical_indicator_id = 'gdp' and year = 2022 and measure = 'level'
        order by preference_rank""", [TAIZHOU])
    # 2023 bulletin: 经最终核实，2022年全市生产总值为6055.41亿元 > the 2022 bulletin's 6040.72 > the CSV's
    # low-quality lower bound (超过6040亿元)
    assert [(r["source_file"], r["value"], r["revision"]) for r in rows] == [
        (BULLETINS[2023], 6055.41, "revised"),
        (BULLETINS[2022], 6040.72, "final"),
        ("observations.csv", 6040.0, "unknown"),
    ]


def test_region_comparison_has_the_bulletin_actuals(warehouse):
    rows = query(warehouse, """
        select canonical_indicator_id, measure, actual_value_base, actual_source_type, actual_fact_id
        from marts.region_comparison where region_code = ? and year = 2023 and actual_value_base is not null""",
                 [TAIZHOU])
    by_key = {(r["canonical_indicator_id"], r["measure"]): r for r in rows}
    output = by_key[("above_scale_gross_industrial_output", "level")]
    assert output["actual_value_base"] == pytest.approx(7.4316e11)
    assert output["actual_source_type"] == "statistical_bulletin" and output["actual_fact_id"]
    assert by_key[("industrial_investment", "growth_rate")]["actual_value_base"] == pytest.approx(8.1)


def test_bulletin_figures_are_validated_and_disagreements_flagged_not_dropped(warehouse):
    checks = {f"{r['suite']}.{r['check_name']}": r for r in query(
        warehouse, "select * from audit.check_results where run_id = (select max_by(run_id, finished_at) from audit.runs)")}
    # bulletin figures go through the same unit checks as any statistic, and pass
    for name in ("units.statistic_growth_rate_in_percent", "units.statistic_level_is_not_a_growth_rate",
                 "units.statistic_value_base_plausible", "statistics.one_preferred_per_key"):
        assert checks[name]["passed"], (name, checks[name]["failing_sample"])
    # 比上年增长 against the levels of two bulletins: 汽车 12.6 → 13.4 (+6.3 %), 塑料制品, 泵 agree;
    # 缝纫机 702.3 → 650.1 is −7.4 %, not the −2.0 % the 2023 table says
    growth = checks["baselines.growth_agrees_with_levels"]
    assert growth["severity"] == "warn" and growth["evaluated"] >= 4
    flagged = json.loads(growth["failing_sample"])
    assert [(r["indicator"], r["year"]) for r in flagged] == [("缝纫机", 2023)]
    # nothing is dropped: both bulletins' 缝纫机 rows are published
    assert query(warehouse, "select count(*) as n from marts.plan_facts where indicator_name = '缝纫机'")[0]["n"] == 4
    assert query(warehouse, "select facts_quarantined from audit.runs order by finished_at desc limit 1")[0][
        "facts_quarantined"] == 0

"""The analyst questions in docs/ANALYST_QUESTIONS.md, run against a warehouse built from raw/.

The SQL is read from the document itself (the fenced ```sql blocks, in order, grouped by the
`## Q<n>.` headings), so the documentation and the tests cannot drift apart. The assertions are
about what the plan documents and the official statistics say (台州's 表1, 温州's digital-economy
plan, the 上海 2020 statistics), not about row counts an extractor change would move.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "ANALYST_QUESTIONS.md"

SQL_BLOCK = re.compile(r"^```sql[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)
HEADING = re.compile(r"^## (Q\d+)\.", re.M)


def doc_queries() -> dict[str, list[str]]:
    """{"Q1": [sql, ...], ...}: the sql blocks of each `## Qn.` section, in document order."""
    text = DOC.read_text(encoding="utf-8")
    heads = list(HEADING.finditer(text))
    out: dict[str, list[str]] = {}
    for i, h in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        out[h.group(1)] = [m.group(1) for m in SQL_BLOCK.finditer(text, h.end(), end)]
    return out


QUERIES = doc_queries()


def norm(name: str | None) -> str:
    """Indicator names without quotes and spaces, full-width parentheses as ASCII."""
    return re.sub(r"[“”\"'‘’\s]", "", name or "").replace("（", "(").replace("）", ")")


def close(a, b, rel=1e-9) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


@pytest.fixture(scope="module")
def con(seeds_warehouse):
    """The warehouse `plans build` published from raw/ (built once per session, see conftest.py)."""
    connection = duckdb.connect(str(seeds_warehouse), read_only=True)
    yield connection
    connection.close()


def run(con, question: str, block: int = 0) -> list[dict]:
    rel = con.sql(QUERIES[question][block])
    cols = rel.columns
    return [dict(zip(cols, row)) for row in rel.fetchall()]


# ---------------------------------------------------------------------------- the document


def test_document_has_the_questions_and_only_marts_sql():
    assert {"Q1", "Q2", "Q3", "Q4", "Q5", "Q7"} <= set(QUERIES)
    assert all(QUERIES[q] for q in QUERIES), "every question has at least one sql block"
    assert len(QUERIES["Q3"]) >= 2, "Q3 shows the disagreements and the near-misses"
    for q, blocks in QUERIES.items():
        for sql in blocks:
            tables = re.findall(r"\b(?:from|join)\s+([a-z_][\w.]*)", sql, re.I)
            ctes = set(re.findall(r"\b(\w+)\s+as\s*\(", sql, re.I))
            for t in tables:
                assert t.startswith("marts.") or t in ctes, f"{q}: {t} is not in schema marts"


# ---------------------------------------------------------------------------- Q1

# 表1 of 《台州市制造业高质量发展“十四五”规划》: indicator, 2025 target, unit, base_unit, multiplier,
# baseline and its year (a starred baseline is a 2019 figure).
TAIZHOU_TABLE_1 = [
    ("规模以上工业总产值", 10000, "亿元", "CNY", 1e8, 5269, 2020),
    ("制造业增加值占GDP比重", 35, "%", "percent", 1, 35, 2020),
    ("工业投资增速", 10, "%", "percent", 1, -7.8, 2020),
    ("规模以上工业增加值率", 24, "%", "percent", 1, 22.9, 2020),
    ("规模以上工业亩均增加值", 160, "万元/亩", "CNY/mu", 1e4, 115.6, 2020),
    ("规模以上工业亩均税收", 32, "万元/亩", "CNY/mu", 1e4, 20.7, 2020),
    ("规模以上工业企业R&D经费支出占营业收入比重", 2.7, "%", "percent", 1, 1.86, 2019),
    ("规模以上工业企业每百亿元营业收入有效发明专利数", 150, "件", "count", 1, 111, 2019),
    ("规模以上工业企业新产品产值率", 38, "%", "percent", 1, 35, 2020),
    ("数字经济核心产业增加值占GDP比重", 10, "%", "percent", 1, 3.2, 2020),
    ("两化融合发展水平总指数", 110, "", "index", 1, 87.35, 2020),
    ("规模以上工业全员劳动生产率", 30, "万元/人", "CNY/person", 1e4, 18.3, 2020),
    ("高技术制造业增加值占规模以上工业增加值比重", 20, "%", "percent", 1, 15.4, 2020),
    ("战略性新兴产业增加值占规模以上工业增加值比重", 35, "%", "percent", 1, 24.9, 2020),
    ("高新技术产业增加值占规模以上工业增加值比重", 62.5, "%", "percent", 1, 62.1, 2020),
    ("规模以上工业企业每百元营业收入中成本", 78, "元", "CNY", 1, 81.1, 2020),
    ("高新技术产品出口额占出口额比重", 8, "%", "percent", 1, 7.9, 2020),
]


@pytest.mark.parametrize("name,value,unit,base_unit,mult,baseline,baseline_year", TAIZHOU_TABLE_1,
                         ids=[r[0] for r in TAIZHOU_TABLE_1])
def test_q1_taizhou_table_1_targets_with_baselines(con, name, value, unit, base_unit, mult,
                                                   baseline, baseline_year):
    rows = [r for r in run(con, "Q1") if norm(r["indicator_name"]) == norm(name)]
    match = [
        r for r in rows
        if close(r["value"], value) and r["unit"] == unit and not r["is_aspirational"]
    ]
    assert match, f"{name} {value}{unit} missing; rows for it: {rows}"
    r = match[0]
    assert r["base_unit"] == base_unit
    assert close(r["value_base"], value * mult)
    assert close(r["baseline_value"], baseline)
    assert r["baseline_year"] == baseline_year
    assert close(r["baseline_value_base"], baseline * mult)


def test_q1_gross_output_headline_and_stretch(con):
    rows = [r for r in run(con, "Q1") if norm(r["indicator_name"]) == "规模以上工业总产值"]
    headline = [r for r in rows if close(r["value"], 10000) and r["unit"] == "亿元"]
    assert headline and close(headline[0]["value_base"], 1e12) and headline[0]["base_unit"] == "CNY"
    assert close(headline[0]["baseline_value_base"], 5.269e11)
    # 力争12000: the stretch target, 1.2e12 CNY, marked aspirational
    assert any(close(r["value_base"], 1.2e12) and r["is_aspirational"] for r in rows)
    assert all(r["base_unit"] == "CNY" for r in rows)


def test_q1_all_rows_consistent_in_base_units(con):
    multipliers = {"亿元": 1e8, "万亿元": 1e12, "万元/亩": 1e4, "万元/人": 1e4, "%": 1, "家": 1, "个": 1}
    rows = run(con, "Q1")
    for r in rows:
        m = multipliers.get(r["unit"])
        if m is None or r["value"] is None:
            continue
        assert close(r["value_base"], r["value"] * m), r
        if r["baseline_value"] is not None:
            assert close(r["baseline_value_base"], r["baseline_value"] * m), r
    # the 绿色低碳 rows of 表1 say “完成省政府下达目标”: targets without a number
    green = [r for r in rows if "能耗降幅" in (r["indicator_name"] or "")]
    assert green and all(r["value"] is None for r in green)


# ---------------------------------------------------------------------------- Q2


def test_q2_digital_core_share_side_by_side(con):
    rows = run(con, "Q2")
    share = {r["region_name"]: r for r in rows
             if r["canonical_indicator_name"] == "数字经济核心产业增加值占GDP比重" and r["year"] == 2025}
    assert {"温州市", "台州市"} <= set(share)
    assert all(close(r["value_base"], 10) and r["base_unit"] == "percent" for r in share.values())
    assert share["温州市"]["comparator"] == "~"          # “占GDP比重10%左右”
    assert close(share["台州市"]["baseline_value_base"], 3.2)
    assert share["台州市"]["baseline_year"] == 2020


def test_q2_every_group_has_several_regions_in_one_unit(con):
    groups: dict[tuple, list[dict]] = {}
    for r in run(con, "Q2"):
        groups.setdefault((r["canonical_indicator_name"], r["year"]), []).append(r)
    assert groups
    for key, rows in groups.items():
        assert len({r["region_name"] for r in rows}) > 1, key
        assert len({r["base_unit"] for r in rows}) == 1, key


# ---------------------------------------------------------------------------- Q3


def test_q3_no_plan_figure_disagrees_with_statistics(con):
    rows = run(con, "Q3", 0)
    assert all(abs(r["diff_pct"]) > 1 for r in rows)
    # 上海 2020 工业增加值: 9657亿元 (plan) vs 9656.51亿元 (市统计局) agree to rounding
    assert not any(r["region_code"] == "310000" and r["year"] == 2020 for r in rows)
    assert rows == [], "the document says no plan figure disagrees; update Q3 if this changed"


def test_q3_near_misses_show_both_numbers_and_sources(con):
    rows = run(con, "Q3", 1)
    same_year = [r for r in rows if r["plan_year"] == r["stat_year"]]
    assert all(abs(r["diff_pct"]) <= 1 for r in same_year), "Q3 block 1 would have listed them"
    shanghai_iva = [
        r for r in same_year
        if r["region_code"] == "310000" and r["indicator_name"] == "工业增加值" and r["plan_year"] == 2020
    ]
    assert shanghai_iva, rows
    r = shanghai_iva[0]
    assert close(r["plan_value"], 9657) and r["plan_unit"] == "亿元"
    assert close(r["stat_value"], 9656.51) and r["stat_unit"] == "亿元"
    assert "上海市人民政府网" in r["source_title"]
    # the same indicator in another year: 工业总产值 3.7万亿元 (2020, plan) vs 42014亿元 (2021)
    assert any(
        r["indicator_name"] == "工业总产值" and r["plan_year"] == 2020 and close(r["plan_value"], 3.7)
        and r["plan_unit"] == "万亿元" and r["stat_year"] == 2021 and close(r["stat_value"], 42014)
        and close(r["diff_pct"], round(100 * (3.7e12 - 4.2014e12) / 4.2014e12, 2))
        for r in rows
    ), rows


# ---------------------------------------------------------------------------- Q4

Q4_COLUMNS = {
    "region_name", "indicator_name", "target_year", "comparator", "target_value", "target_unit",
    "base_unit", "baseline_year", "baseline_value_base", "baseline_source", "actual_year",
    "actual_value", "actual_unit", "gap_to_target_base", "required_pct_per_year",
    "achieved_pct_per_year", "on_track", "on_track_basis",
}
FLAGGED = {"target_year_reached", "growth_comparison"}


def test_q4_columns_and_flags(con):
    rel = con.sql(QUERIES["Q4"][0])
    assert set(rel.columns) == Q4_COLUMNS
    rows = run(con, "Q4", 0)
    assert rows
    for r in rows:
        assert r["actual_year"] is not None or r["required_pct_per_year"] is not None, r
        assert (r["on_track"] is not None) == (r["on_track_basis"] in FLAGGED), r
        if r["on_track_basis"] == "no_official_figure":
            assert r["actual_year"] is None, r
        if r["actual_year"] is not None:
            assert r["actual_year"] <= r["target_year"], r


def test_q4_wenzhou_enterprises_latest_actual(con):
    # 温州: 规上工业企业数达到10000家 (2025); statistics: 9291家 in 2024
    rows = [r for r in run(con, "Q4", 0)
            if r["region_name"] == "温州市" and norm(r["indicator_name"]) in ("规上工业企业数", "规模以上工业企业数")]
    assert rows
    r = rows[0]
    assert r["target_year"] == 2025 and close(r["target_value"], 10000) and r["target_unit"] == "家"
    assert r["actual_year"] == 2024 and close(r["actual_value"], 9291) and r["actual_unit"] == "家"
    assert close(r["gap_to_target_base"], 709) and r["base_unit"] == "count"
    assert r["on_track"] is None and r["on_track_basis"] == "no_baseline"


def test_q4_taizhou_required_growth_from_table_1(con):
    rows = [r for r in run(con, "Q4", 0)
            if r["region_name"] == "台州市" and norm(r["indicator_name"]) == "规模以上工业总产值"
            and close(r["target_value"], 10000)]
    assert rows
    r = rows[0]
    assert r["baseline_year"] == 2020 and close(r["baseline_value_base"], 5.269e11)
    assert r["baseline_source"] == "plan_target"
    required = round(100 * ((10000 / 5269) ** (1 / 5) - 1), 2)
    assert close(r["required_pct_per_year"], required, rel=1e-6)


def test_q4_breakdown_is_consistent(con):
    rows = run(con, "Q4", 1)
    total = con.sql("select count(*) from marts.target_progress").fetchall()[0][0]
    assert sum(r["n_targets"] for r in rows) == total
    for r in rows:
        assert r["n_with_flag"] <= r["n_targets"]
        if r["on_track_basis"] not in FLAGGED:
            assert r["n_with_flag"] == 0, r


# ---------------------------------------------------------------------------- Q5


def q5_has(rows, region, name, value, unit, value_base=None, year=None, role="target"):
    return any(
        r["region_name"] == region and norm(r["indicator_name"]) == norm(name)
        and close(r["value"], value) and r["unit"] == unit and r["role"] == role
        and (value_base is None or close(r["value_base"], value_base))
        and (year is None or r["year"] == year)
        for r in rows
    )


def test_q5_digital_enablement_indicators(con):
    rows = run(con, "Q5")
    # 温州市数字经济发展“十四五”规划: 6500亿元, 65%, 1000亿元, 10%左右 by 2025
    assert q5_has(rows, "温州市", "数字经济增加值", 6500, "亿元", 6.5e11, 2025)
    assert q5_has(rows, "温州市", "数字经济增加值占GDP比重", 65, "%", 65, 2025)
    assert q5_has(rows, "温州市", "数字经济核心产业增加值", 1000, "亿元", 1e11, 2025)
    assert q5_has(rows, "温州市", "数字经济核心产业增加值占GDP比重", 10, "%", 10, 2025)
    assert q5_has(rows, "温州市", "数字经济综合评价指数", 91.3, "分", 91.3, 2020, role="observation")
    # 温州 传统制造业改造提升2.0: the 5G targets for 2022
    assert q5_has(rows, "温州市", "重点工业企业5G技术应用率", 30, "%", 30, 2022)
    assert q5_has(rows, "温州市", "5G+工业应用场景", 20, "个", 20, 2022)
    # 台州 表1 数字赋能
    assert q5_has(rows, "台州市", "数字经济核心产业增加值占GDP比重", 10, "%", 10, 2025)
    assert q5_has(rows, "台州市", "两化融合发展水平总指数", 110, "", 110, 2025)
    assert all(r["base_unit"] is not None for r in rows if r["value"] is not None)


def test_q5_q6_wenzhou_5g_base_stations_is_somewhere(con):
    # 温州 制造业“十四五”: 到2025年，建成5G基站3万个. Unreviewed today (Q6); once the indicator
    # is mapped it moves to 数字赋能 (Q5). Either way an analyst finds it with 3e4 stations.
    in_q5 = [r for r in run(con, "Q5") if "5G基站" in (r["indicator_name"] or "")]
    in_q6 = [r for r in run(con, "Q6") if "5G基站" in (r["indicator_name"] or "")]
    found = [r for r in in_q5 + in_q6 if close(r["value"], 3) and r["unit"] == "万个" and r["year"] == 2025]
    assert found, (in_q5, in_q6)


# ---------------------------------------------------------------------------- Q6


def test_q6_lists_only_uncategorised_digital_facts(con):
    rows = run(con, "Q6")
    assert all(r["canonical_indicator_id"].startswith("unreviewed__") for r in rows)
    pattern = re.compile("数字|5G|智能|互联网|上云|机器人|产业大脑")
    assert all(pattern.search(r["indicator_name"]) for r in rows)


# ---------------------------------------------------------------------------- Q7
# answered on raw/ plus examples/bulletins/ (the section's marker says so; fixture in conftest.py)


@pytest.fixture(scope="module")
def bulletin_con(bulletin_build):
    _, warehouse, result = bulletin_build
    assert result.returncode == 0, result.stdout + result.stderr
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection
    connection.close()


def test_q7_section_is_marked_for_the_example_bulletins():
    text = DOC.read_text(encoding="utf-8")
    q7 = text[text.index("## Q7."):]
    assert "<!-- warehouse: raw + examples/bulletins -->" in q7.split("```sql")[0]


def test_q7_taizhou_targets_against_bulletin_actuals(bulletin_con):
    rows = run(bulletin_con, "Q7", 0)
    assert rows and all(r["actual_source_title"].endswith("台州市国民经济和社会发展统计公报") for r in rows)
    flagged = {(norm(r["indicator_name"]), r["target_value"]): r for r in rows if r["on_track"] is not None}
    # 表1: 5269 亿元 (2020) → 10000 亿元 (2025) needs 13.67 %/yr; the 2023 bulletin's 7431.6 亿元 is 12.15 %/yr
    output = flagged[("规模以上工业总产值", 10000)]
    assert output["actual_year"] == 2023 and close(output["actual_value"], 7431.6) and output["actual_unit"] == "亿元"
    assert close(output["required_pct_per_year"], round(100 * ((10000 / 5269) ** (1 / 5) - 1), 2), rel=1e-6)
    assert close(output["achieved_pct_per_year"], round(100 * ((7431.6 / 5269) ** (1 / 3) - 1), 2), rel=1e-6)
    assert output["on_track"] is False and output["actual_revision"] == "final"
    # 工业投资年均增长10%: the bulletins' 12.6 % (2022) and 8.1 % (2023) average 10.3 % a year
    invest = flagged[("工业投资增速", 10)]
    assert invest["on_track"] is True
    assert close(invest["achieved_pct_per_year"], round(100 * (((1.126 * 1.081) ** 0.5) - 1), 2), rel=1e-6)
    assert flagged[("高技术制造业增加值占规模以上工业增加值比重", 20)]["on_track"] is True
    assert flagged[("战略性新兴产业增加值占规模以上工业增加值比重", 35)]["on_track"] is False
    assert len(flagged) >= 8
    for r in rows:  # a flag only where the basis allows one
        assert (r["on_track"] is not None) == (r["on_track_basis"] == "growth_comparison"), r


def test_q7_every_actual_is_its_bulletin_sentence(bulletin_con):
    rows = run(bulletin_con, "Q7", 1)
    assert len(rows) == len(run(bulletin_con, "Q7", 0))
    for r in rows:
        assert r["source_file"] == "2023年台州市国民经济和社会发展统计公报.txt"
        assert r["quote"] in r["source_text"] and r["char_end"] - r["char_start"] == len(r["quote"])
    labour = [r for r in rows if norm(r["indicator_name"]) == "规模以上工业全员劳动生产率"]
    assert labour and labour[0]["quote"] == "24.6万元/人"

"""The Great Expectations suites (expectations/) on a small hand-written warehouse.

Every test builds a DuckDB file in tmp_path with the marts and landing tables, the good rows
below, and at most one crafted bad row; it then checks that the right check fails, names the
row and gives the reason, and that quarantine_rows / blocks_publish decide right.
"""
from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from expectations.runner import (
    CheckResult,
    blocks_publish,
    quarantine_rows,
    run_suites,
    write_report,
)

# ---------------------------------------------------------------------------------------------
# schema

DDL = """
CREATE SCHEMA raw;
CREATE SCHEMA marts;
CREATE TABLE marts.plan_facts (
    fact_id VARCHAR, doc_id VARCHAR, plan_id VARCHAR, source_file VARCHAR, role VARCHAR,
    indicator_name VARCHAR, canonical_indicator_id VARCHAR, canonical_indicator_name VARCHAR,
    indicator_category VARCHAR, region_code VARCHAR, region_name VARCHAR, region_level VARCHAR,
    value DOUBLE, value_high DOUBLE, unit VARCHAR, quantity_kind VARCHAR, base_unit VARCHAR,
    value_base DOUBLE, value_high_base DOUBLE, baseline_value_base DOUBLE, comparator VARCHAR,
    is_aspirational BOOLEAN, kind VARCHAR, per_year BOOLEAN, year INTEGER,
    period_start_year INTEGER, year_inferred BOOLEAN, baseline_value DOUBLE,
    baseline_year INTEGER, attribute VARCHAR, quote VARCHAR, char_start INTEGER,
    char_end INTEGER, source_text VARCHAR, polarity VARCHAR
);
CREATE TABLE marts.fct_statistics (
    statistic_id VARCHAR, source_type VARCHAR, source_file VARCHAR, row_number INTEGER,
    region_code VARCHAR, region_name VARCHAR, region_level VARCHAR, indicator VARCHAR,
    canonical_indicator_id VARCHAR, year INTEGER, value DOUBLE, unit VARCHAR, value_decimals INTEGER,
    value_base DOUBLE, base_unit VARCHAR, quantity_kind VARCHAR, measure VARCHAR, bound VARCHAR,
    revision VARCHAR, is_rounded_restatement BOOLEAN, source_quality VARCHAR, scope_note VARCHAR,
    source_title VARCHAR, source_url VARCHAR, quote VARCHAR, doc_id VARCHAR, fact_id VARCHAR,
    char_start INTEGER, char_end INTEGER, source_text VARCHAR, published_date DATE,
    is_preferred BOOLEAN, preference_rank INTEGER
);
CREATE TABLE marts.documents (
    doc_id VARCHAR, plan_id VARCHAR, source_file VARCHAR, doc_kind VARCHAR, plan_title VARCHAR,
    region_code VARCHAR, issuer VARCHAR, doc_number VARCHAR, published_date DATE,
    period_start_year INTEGER, period_end_year INTEGER, outlet VARCHAR
);
CREATE TABLE raw.documents (
    doc_id VARCHAR, source_file VARCHAR, content_hash VARCHAR, byte_size BIGINT,
    encoding VARCHAR, format VARCHAR, text VARCHAR, doc_kind VARCHAR, plan_title VARCHAR,
    region_name VARCHAR, region_code VARCHAR, issuer VARCHAR, doc_number VARCHAR,
    published_date DATE, written_date DATE, period_start_year INTEGER,
    period_end_year INTEGER, outlet VARCHAR, ingested_at TIMESTAMP
);
CREATE TABLE raw.rejected_documents (
    source_file VARCHAR, content_hash VARCHAR, byte_size BIGINT, reason_code VARCHAR,
    reason VARCHAR, rejected_at TIMESTAMP
);
CREATE TABLE raw.facts (
    fact_id VARCHAR, doc_id VARCHAR, source_file VARCHAR, ordinal INTEGER, role VARCHAR,
    indicator_name VARCHAR, value DOUBLE, value_high DOUBLE, unit VARCHAR, comparator VARCHAR,
    is_aspirational BOOLEAN, kind VARCHAR, per_year BOOLEAN, year INTEGER,
    period_start_year INTEGER, year_inferred BOOLEAN, baseline_value DOUBLE,
    baseline_year INTEGER, attribute VARCHAR, region_name VARCHAR, region_code VARCHAR,
    quote VARCHAR, char_start INTEGER, char_end INTEGER, source_text VARCHAR,
    sentence_start INTEGER, extractor_version VARCHAR
);
"""

WZ_DOC, TZ_DOC = "a1b2c3d4e5f60001", "a1b2c3d4e5f60002"
WZ_FILE, TZ_FILE = "温州市制造业高质量发展十四五规划.txt", "台州市工业十四五规划.html"
WZ = dict(doc_id=WZ_DOC, plan_id="p-wz", source_file=WZ_FILE, region_code="330300",
          region_name="温州市", region_level="prefecture")
TZ = dict(doc_id=TZ_DOC, plan_id="p-tz", source_file=TZ_FILE, region_code="331000",
          region_name="台州市", region_level="prefecture")

FACT_DEFAULTS = dict(
    role="target", comparator="=", is_aspirational=False, kind="level", per_year=False,
    year=2025, period_start_year=None, year_inferred=False, value_high=None, value_high_base=None,
    baseline_value=None, baseline_value_base=None, baseline_year=None, attribute=None,
    char_start=0, char_end=10, polarity="higher_is_better", indicator_category="industry",
)


def fact(fact_id: str, region: dict, **kw) -> dict:
    row = {**FACT_DEFAULTS, **region, "fact_id": fact_id, **kw}
    row.setdefault("canonical_indicator_name", row.get("indicator_name"))
    row.setdefault("source_text", row.get("quote", ""))
    return row


def good_facts() -> list[dict]:
    return [
        # 温州: 到2025年，规上制造业增加值达到1450亿元
        fact(f"{WZ_DOC}-0001", WZ, indicator_name="规上制造业增加值",
             canonical_indicator_id="manufacturing_value_added_above_scale",
             value=1450, unit="亿元", quantity_kind="currency", base_unit="CNY", value_base=1.45e11,
             quote="1450亿元", source_text="到2025年，规上制造业增加值达到1450亿元"),
        # 温州: 地区生产总值 2020年 6871亿元 → 2025年 9000亿元 (table row)
        fact(f"{WZ_DOC}-0002", WZ, indicator_name="地区生产总值", canonical_indicator_id="gdp",
             value=9000, unit="亿元", quantity_kind="currency", base_unit="CNY", value_base=9.0e11,
             baseline_value=6871, baseline_value_base=6.871e11, baseline_year=2020,
             attribute="预期性", quote="9000", source_text="地区生产总值\t亿元\t6871\t9000\t预期性"),
        # 温州: 规上工业增加值年均增长8%
        fact(f"{WZ_DOC}-0003", WZ, indicator_name="规上工业增加值", canonical_indicator_id="industrial_value_added_above_scale",
             value=8, unit="%", quantity_kind="percent", base_unit="%", value_base=8,
             kind="rate", per_year=True, period_start_year=2021, quote="年均增长8%"),
        # 温州: 2023年规上工业增加值1619.8亿元 (an observation that matches the statistic)
        fact(f"{WZ_DOC}-0004", WZ, role="observation", indicator_name="规上工业增加值",
             canonical_indicator_id="industrial_value_added_above_scale", year=2023,
             value=1619.8, unit="亿元", quantity_kind="currency", base_unit="CNY", value_base=1.6198e11,
             quote="1619.8亿元"),
        # 台州: table row 规模以上工业增加值率 (%)  22.9 (2020) → 24 (2025), 预期性
        fact(f"{TZ_DOC}-0001", TZ, indicator_name="规模以上工业增加值率",
             canonical_indicator_id="industrial_value_added_rate",
             value=24, unit="%", quantity_kind="percent", base_unit="%", value_base=24, kind="share",
             baseline_value=22.9, baseline_value_base=22.9, baseline_year=2020, attribute="预期性",
             quote="24", source_text="规模以上工业增加值率（%）\t22.9\t24\t预期性"),
        # 台州: 国家级专精特新“小巨人”企业 累计 达到 60家 (a count)
        fact(f"{TZ_DOC}-0002", TZ, indicator_name="国家级专精特新小巨人企业",
             canonical_indicator_id="little_giant_firms", value=60, unit="家", quantity_kind="count",
             base_unit="count", value_base=60, comparator=">=", quote="60家以上"),
    ]


STAT_DEFAULTS = dict(revision=None, source_quality="ok", bound="exact", is_preferred=True,
                     preference_rank=1, scope_note="总量(现价)", source_type="statistics_csv",
                     source_file="observations.csv", is_rounded_restatement=False)
QUANTITY_KINDS = {"CNY": "currency", "%": "percent", "percent": "percent", "count": "count"}


def stat(statistic_id: str, **kw) -> dict:
    """A fct_statistics row; quantity kind, region level and written decimals follow from the rest."""
    row = {**STAT_DEFAULTS, "statistic_id": statistic_id, **kw}
    row.setdefault("quantity_kind", QUANTITY_KINDS.get(row.get("base_unit")))
    code = row.get("region_code") or ""
    row.setdefault("region_level", "province" if code.endswith("0000") else "prefecture" if code else None)
    value = row.get("value")
    row.setdefault("value_decimals", None if value is None else len(repr(float(value)).split(".")[1].rstrip("0")))
    return row


def good_statistics() -> list[dict]:
    wz = dict(region_code="330300", region_name="温州市")
    return [
        stat("s-wz-gdp-2020-gov", **wz, indicator="地区生产总值", canonical_indicator_id="gdp", year=2020,
             value=6871, unit="亿元", value_base=6.871e11, base_unit="CNY", measure="level",
             source_title="温州市政府工作报告(2021年2月2日 姚高员),中国经济网转载温州日报",
             source_url="http://district.ce.cn/newarea/roll/202102/23/t20210223_36331904.shtml",
             quote="地区生产总值从2015年的4670亿元提高到6871亿元"),
        stat("s-wz-gdp-2020-wiki", **wz, indicator="地区生产总值", canonical_indicator_id="gdp", year=2020,
             value=6870.9, unit="亿元", value_base=6.8709e11, base_unit="CNY", measure="level",
             source_quality="low", is_preferred=False, preference_rank=2, revision="preliminary",
             source_title="台灣Wiki「溫州」词条", source_url="https://twwiki.net/wiki/94ln074veez9jon.html",
             quote="2020年溫州GDP同比增長3.4%,達6870.9億元"),
        stat("s-wz-gdp-2020-growth", **wz, indicator="地区生产总值", canonical_indicator_id="gdp", year=2020,
             value=3.4, unit="%", value_base=3.4, base_unit="%", measure="growth_rate",
             scope_note="增速(同比,可比价)", source_title="台灣Wiki「溫州」词条",
             source_url="https://twwiki.net/wiki/94ln074veez9jon.html",
             quote="2020年溫州GDP同比增長3.4%,達6870.9億元"),
        stat("s-wz-ind-2023", **wz, indicator="规模以上工业增加值",
             canonical_indicator_id="industrial_value_added_above_scale", year=2023,
             value=1619.8, unit="亿元", value_base=1.6198e11, base_unit="CNY", measure="level",
             source_title="温州日报 (zj.gov.cn)", source_url="https://www.zj.gov.cn/art/2024/1/30/art_1554467_60194672.html",
             quote="规上工业增加值1619.8亿元"),
        stat("s-sh-hte-2021", region_code="310000", region_name="上海市", indicator="高新技术企业数",
             canonical_indicator_id="high_tech_firms", year=2021, value=2, unit="万家", value_base=20000,
             base_unit="count", measure="level", bound="lower", scope_note="下限值(“突破2万家”)",
             source_title="上海市政府工作报告", source_url="https://www.shanghai.gov.cn/", quote="突破2萬家"),
    ]


def build(path: Path, facts: list[dict] | None = None, statistics: list[dict] | None = None,
          raw_extra_facts: list[dict] = (), drop_raw_fact_ids: set[str] = frozenset()) -> Path:
    """A warehouse file: marts from `facts`/`statistics`; raw.facts mirrors the marts facts."""
    facts = good_facts() if facts is None else facts
    statistics = good_statistics() if statistics is None else statistics
    con = duckdb.connect(str(path))
    con.execute(DDL)

    def insert(table: str, rows: list[dict]) -> None:
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        df = pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=cols)
        con.register("_rows", df)
        con.execute(f"INSERT INTO {table} SELECT * FROM _rows")
        con.unregister("_rows")

    insert("marts.plan_facts", facts)
    insert("marts.fct_statistics", statistics)
    docs = [dict(doc_id=WZ_DOC, plan_id="p-wz", source_file=WZ_FILE, doc_kind="plan_text", region_code="330300"),
            dict(doc_id=TZ_DOC, plan_id="p-tz", source_file=TZ_FILE, doc_kind="government_document", region_code="331000")]
    insert("marts.documents", docs)
    insert("raw.documents", [dict(d, text="…", encoding="utf-8") for d in docs])
    insert("raw.rejected_documents", [dict(source_file="empty.txt", byte_size=0, reason_code="empty", reason="the file is empty")])
    raw = [dict(f, ordinal=i) for i, f in enumerate(facts) if f["fact_id"] not in drop_raw_fact_ids]
    insert("raw.facts", raw + list(raw_extra_facts))
    con.close()
    return path


def run(path: Path, suites: list[str] | None = None) -> dict[str, CheckResult]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        results = run_suites(con, suites)
    finally:
        con.close()
    out = {f"{r.suite}.{r.name}": r for r in results}
    assert len(out) == len(results), "check names are unique"
    return out


def failing(results: dict[str, CheckResult]) -> set[str]:
    return {k for k, r in results.items() if not r.passed}


def replace(rows: list[dict], fact_id: str, **kw) -> list[dict]:
    rows = copy.deepcopy(rows)
    for r in rows:
        if r["fact_id"] == fact_id:
            r.update(kw)
            return rows
    raise KeyError(fact_id)


WZ_1450 = f"{WZ_DOC}-0001"
WZ_GDP = f"{WZ_DOC}-0002"
WZ_RATE = f"{WZ_DOC}-0003"
WZ_OBS = f"{WZ_DOC}-0004"
TZ_RATE = f"{TZ_DOC}-0001"
TZ_COUNT = f"{TZ_DOC}-0002"


# ---------------------------------------------------------------------------------------------
# the good warehouse


@pytest.fixture(scope="module")
def good_results(tmp_path_factory) -> dict[str, CheckResult]:
    return run(build(tmp_path_factory.mktemp("good") / "w.duckdb"))


def test_good_rows_pass_every_check(good_results):
    assert set(k.split(".")[0] for k in good_results) == {"units", "baselines", "statistics", "reconciliation"}
    bad = {k: (r.error, r.failing_rows[:3]) for k, r in good_results.items() if not r.passed}
    assert bad == {}
    results = list(good_results.values())
    assert quarantine_rows(results) == []
    assert blocks_publish(results) is False


def test_checks_really_evaluate_rows(good_results):
    # a check that evaluates nothing would pass vacuously (the GX-on-DuckDB trap)
    assert good_results["units.unit_known"].evaluated == 6
    assert good_results["units.share_within_0_100"].evaluated == 1
    assert good_results["units.value_base_plausible"].evaluated == 6
    assert good_results["baselines.baseline_year_before_year"].evaluated == 2
    assert good_results["baselines.table_row_has_baseline"].evaluated == 2
    assert good_results["baselines.direction_agrees_with_polarity"].evaluated == 2
    # GDP 6871 vs preferred 6871 (not the 6870.9 mirror); 台州 has no statistic
    assert good_results["baselines.baseline_agrees_with_statistics"].evaluated == 1
    assert good_results["baselines.observation_agrees_with_statistics"].evaluated == 1
    assert good_results["statistics.one_preferred_per_key"].evaluated == 5
    # official figures: the growth rate is a percentage; the levels are not named as changes
    assert good_results["units.statistic_growth_rate_in_percent"].evaluated == 1
    assert good_results["units.statistic_level_is_not_a_growth_rate"].evaluated == 0  # no level in % among them
    assert good_results["units.statistic_value_base_plausible"].evaluated == 5
    # the mirror's 6870.9 (preliminary) against the work report's 6871 (revision unknown): within rounding
    assert good_results["baselines.sources_agree"].evaluated == 1
    assert good_results["reconciliation.raw_facts_in_marts"].evaluated == 6


def test_expectations_package_does_not_import_gx():
    code = ("import sys, expectations.runner, expectations.suites; "
            "assert 'great_expectations' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])


# ---------------------------------------------------------------------------------------------
# units


def _only_fact(results, check: str, fact_id: str) -> dict:
    r = results[check]
    assert not r.passed, check
    assert [row["fact_id"] for row in r.failing_rows] == [fact_id]
    return r.failing_rows[0]


def _quarantined(results, check: str) -> list[str]:
    name = check.split(".", 1)[1]
    return [q["fact_id"] for q in quarantine_rows(results.values()) if q["check"] == name]


def test_unit_without_multiplier_fails_plausibility(tmp_path):
    # 1450 元 instead of 1450 亿元: value_base 1450 CNY is far below a city's 1e6
    facts = replace(good_facts(), WZ_1450, unit="元", value_base=1450.0)
    res = run(build(tmp_path / "w.duckdb", facts), ["units"])
    assert failing(res) == {"units.value_base_plausible"}
    row = _only_fact(res, "units.value_base_plausible", WZ_1450)
    assert "1450" in row["reason"] and "multiplier" in row["reason"] and "city" in row["reason"]
    assert row["unit"] == "元" and row["value_base"] == 1450
    q = quarantine_rows(res.values())
    assert q == [{"fact_id": WZ_1450, "table": "marts.plan_facts", "key_column": "fact_id", "key": WZ_1450,
                  "suite": "units", "check": "value_base_plausible", "severity": "error",
                  "reason": row["reason"]}]
    assert blocks_publish(res.values()) is False  # 1 of 6 facts quarantined


def test_province_money_upper_bound(tmp_path):
    # 1450 万亿元 for a city (1.45e15) is implausible; the same would be allowed for no region
    facts = replace(good_facts(), WZ_1450, unit="万亿元", value_base=1.45e15)
    res = run(build(tmp_path / "w.duckdb", facts), ["units"])
    assert failing(res) == {"units.value_base_plausible"}
    assert _quarantined(res, "units.value_base_plausible") == [WZ_1450]


def test_per_person_money_is_not_held_to_the_city_band(tmp_path):
    # 人均GDP 15万元 (1.5e5 CNY) is small for a city's total but right for an amount per person
    facts = good_facts() + [fact(f"{WZ_DOC}-0006", WZ, indicator_name="人均地区生产总值", canonical_indicator_id="gdp_per_capita",
                                 value=15, unit="万元", quantity_kind="currency", base_unit="CNY", value_base=1.5e5,
                                 quote="15万元")]
    res = run(build(tmp_path / "w.duckdb", facts), ["units"])
    assert failing(res) == set() and res["units.value_base_plausible"].evaluated == 7


def test_unknown_unit_is_reported_but_the_fact_stays_published(tmp_path):
    facts = replace(good_facts(), TZ_COUNT, unit="吨标煤当量", quantity_kind=None, base_unit=None, value_base=None)
    res = run(build(tmp_path / "w.duckdb", facts), ["units"])
    assert failing(res) == {"units.unit_known"} and res["units.unit_known"].severity == "warn"
    row = _only_fact(res, "units.unit_known", TZ_COUNT)
    assert "吨标煤当量" in row["reason"] and "not a known unit" in row["reason"]
    assert _quarantined(res, "units.unit_known") == []


def test_share_above_100(tmp_path):
    facts = replace(good_facts(), TZ_RATE, value=120.0, value_base=120.0)
    res = run(build(tmp_path / "w.duckdb", facts), ["units"])
    assert failing(res) == {"units.share_within_0_100"}
    row = _only_fact(res, "units.share_within_0_100", TZ_RATE)
    assert "120" in row["reason"] and "0 … 100" in row["reason"] and row["value"] == 120
    assert _quarantined(res, "units.share_within_0_100") == [TZ_RATE]


def test_rate_above_100_warns_and_beyond_1000_errors(tmp_path):
    facts = replace(good_facts(), WZ_RATE, value=150.0, value_base=150.0)
    res = run(build(tmp_path / "w.duckdb", facts), ["units"])
    assert failing(res) == {"units.rate_above_100"}
    assert res["units.rate_above_100"].severity == "warn"
    assert quarantine_rows(res.values()) == []          # a warning quarantines nothing

    facts = replace(good_facts(), WZ_RATE, value=2000.0, value_base=2000.0)
    res = run(build(tmp_path / "w2.duckdb", facts), ["units"])
    assert {"units.rate_within_band", "units.rate_above_100"} <= failing(res)
    assert _quarantined(res, "units.rate_within_band") == [WZ_RATE]


def test_per_year_with_cumulative_is_contradictory(tmp_path):
    facts = replace(good_facts(), TZ_COUNT, kind="cumulative", per_year=True)
    res = run(build(tmp_path / "w.duckdb", facts), ["units"])
    assert failing(res) == {"units.per_year_consistent"}
    row = _only_fact(res, "units.per_year_consistent", TZ_COUNT)
    assert "cumulative" in row["reason"]
    assert _quarantined(res, "units.per_year_consistent") == [TZ_COUNT]


def test_per_year_level_needs_nianjun(tmp_path):
    facts = replace(good_facts(), WZ_1450, per_year=True)   # 1450亿元 is not 年均
    res = run(build(tmp_path / "w.duckdb", facts), ["units"])
    assert failing(res) == {"units.per_year_consistent"}
    assert "年均" in _only_fact(res, "units.per_year_consistent", WZ_1450)["reason"]
    facts = replace(good_facts(), WZ_1450, per_year=True, quote="年均新增1450亿元")
    assert failing(run(build(tmp_path / "w2.duckdb", facts), ["units"])) == set()
    # 年均 in the clause before the quote counts; 年均 in another clause does not
    facts = replace(good_facts(), WZ_1450, per_year=True, source_text="到2025年，力争年均规上制造业增加值达到1450亿元以上。")
    assert failing(run(build(tmp_path / "w3.duckdb", facts), ["units"])) == set()
    facts = replace(good_facts(), WZ_1450, per_year=True, source_text="年均增长8%，到2025年达到1450亿元。")
    assert failing(run(build(tmp_path / "w4.duckdb", facts), ["units"])) == {"units.per_year_consistent"}


@pytest.mark.parametrize("column,bad", [("comparator", "about"), ("kind", "stock"), ("role", "goal"), ("kind", None)])
def test_accepted_sets(tmp_path, column, bad):
    facts = replace(good_facts(), TZ_COUNT, **{column: bad})
    res = run(build(tmp_path / "w.duckdb", facts), ["units"])
    check = f"units.{column}_accepted"
    assert check in failing(res)
    row = _only_fact(res, check, TZ_COUNT)
    assert (repr(bad) if bad is not None else "NULL") in row["reason"]
    assert TZ_COUNT in _quarantined(res, check)


def test_more_than_20_percent_quarantined_blocks_publish(tmp_path):
    facts = replace(good_facts(), WZ_1450, unit="元", value_base=1450.0)
    facts = replace(facts, TZ_RATE, value=120.0, value_base=120.0, kind="share")   # 2 of 6 = 33 %
    res = run(build(tmp_path / "w.duckdb", facts), ["units"])
    assert {q["fact_id"] for q in quarantine_rows(res.values())} == {WZ_1450, TZ_RATE}
    assert not any(r.scope == "table" and not r.passed for r in res.values())
    assert blocks_publish(res.values()) is True


# ---------------------------------------------------------------------------------------------
# baselines


def test_baseline_year_after_year(tmp_path):
    facts = replace(good_facts(), TZ_RATE, baseline_year=2026)
    res = run(build(tmp_path / "w.duckdb", facts), ["baselines"])
    assert failing(res) == {"baselines.baseline_year_before_year"}
    row = _only_fact(res, "baselines.baseline_year_before_year", TZ_RATE)
    assert "2026" in row["reason"] and "2025" in row["reason"]
    assert _quarantined(res, "baselines.baseline_year_before_year") == [TZ_RATE]
    assert blocks_publish(res.values()) is False


def test_baseline_disagreeing_with_statistics_by_10_percent(tmp_path):
    facts = replace(good_facts(), WZ_GDP, baseline_value=7558.1, baseline_value_base=7.5581e11)
    res = run(build(tmp_path / "w.duckdb", facts), ["baselines"])
    assert failing(res) == {"baselines.baseline_agrees_with_statistics"}
    r = res["baselines.baseline_agrees_with_statistics"]
    assert r.severity == "warn"
    row = _only_fact(res, "baselines.baseline_agrees_with_statistics", WZ_GDP)
    # both numbers and both sources
    assert row["plan_value"] == 7558.1 and row["statistic_value"] == 6871
    assert row["source_file"] == WZ_FILE and row["plan_quote"] == "9000"
    assert row["statistic_id"] == "s-wz-gdp-2020-gov" and "ce.cn" in row["source_url"]
    for s in ("7558.1", "6871", WZ_FILE, "温州市政府工作报告", "district.ce.cn", "10.0 %"):
        assert s in row["reason"], s
    assert abs(row["relative_difference"] - 0.1) < 1e-3
    assert quarantine_rows(res.values()) == []        # a warning
    assert blocks_publish(res.values()) is False


def test_baseline_within_tolerance_agrees(tmp_path):
    facts = replace(good_facts(), WZ_GDP, baseline_value=6950, baseline_value_base=6.95e11)  # +1.1 %
    assert failing(run(build(tmp_path / "w.duckdb", facts), ["baselines"])) == set()


def test_growth_rate_statistic_is_never_compared_with_a_level_baseline(tmp_path):
    # only the GDP growth rate (3.4 %) is known for 2020: the level baseline 6871 has nothing to
    # be compared with, and must not be "10 000 % off" a growth rate
    stats = [s for s in good_statistics() if not (s["canonical_indicator_id"] == "gdp" and s["measure"] == "level")]
    res = run(build(tmp_path / "w.duckdb", statistics=stats), ["baselines"])
    r = res["baselines.baseline_agrees_with_statistics"]
    assert r.passed and r.evaluated == 0
    # a rate baseline is compared with the growth rate, and only with it
    facts = good_facts() + [fact(f"{WZ_DOC}-0005", WZ, indicator_name="地区生产总值增速", canonical_indicator_id="gdp",
                                 kind="rate", value=6.5, unit="%", quantity_kind="percent", base_unit="%", value_base=6.5,
                                 baseline_value=3.9, baseline_value_base=3.9, baseline_year=2020, quote="6.5%")]
    res = run(build(tmp_path / "w2.duckdb", facts), ["baselines"])
    r = res["baselines.baseline_agrees_with_statistics"]
    assert r.evaluated == 2                                # GDP level vs level, GDP rate vs rate
    row = _only_fact(res, "baselines.baseline_agrees_with_statistics", f"{WZ_DOC}-0005")
    assert row["measure"] == "growth_rate" and row["statistic_id"] == "s-wz-gdp-2020-growth"


def test_lower_bound_statistic(tmp_path):
    base = dict(indicator_name="高新技术企业", canonical_indicator_id="high_tech_firms", unit="家",
                quantity_kind="count", base_unit="count", value=30000, value_base=30000, baseline_year=2021,
                region_code="310000", region_name="上海市", region_level="province")
    sh = {**WZ, **{k: base[k] for k in ("region_code", "region_name", "region_level")}}
    ok = fact("sh-1", sh, **base, baseline_value=21000, baseline_value_base=21000)
    low = fact("sh-2", sh, **base, baseline_value=19800, baseline_value_base=19800)  # within 2 % but below 突破2万
    res = run(build(tmp_path / "w.duckdb", good_facts() + [ok, low]), ["baselines"])
    row = _only_fact(res, "baselines.baseline_agrees_with_statistics", "sh-2")
    assert "lower bound" in row["reason"]


def test_observation_disagreeing_with_statistics(tmp_path):
    facts = replace(good_facts(), WZ_OBS, value=1736.9, value_base=1.7369e11)   # the 2024 figure
    res = run(build(tmp_path / "w.duckdb", facts), ["baselines"])
    assert failing(res) == {"baselines.observation_agrees_with_statistics"}
    row = _only_fact(res, "baselines.observation_agrees_with_statistics", WZ_OBS)
    assert "1736.9" in row["reason"] and "1619.8" in row["reason"]


def test_table_row_without_baseline_warns(tmp_path):
    facts = replace(good_facts(), TZ_RATE, baseline_value=None, baseline_value_base=None, baseline_year=None)
    res = run(build(tmp_path / "w.duckdb", facts), ["baselines"])
    assert failing(res) == {"baselines.table_row_has_baseline"}
    assert res["baselines.table_row_has_baseline"].severity == "warn"
    assert "no baseline" in _only_fact(res, "baselines.table_row_has_baseline", TZ_RATE)["reason"]


def test_direction_against_polarity_warns(tmp_path):
    facts = replace(good_facts(), TZ_RATE, value=20.0, value_base=20.0)   # 22.9 → 20 but higher is better
    res = run(build(tmp_path / "w.duckdb", facts), ["baselines"])
    assert failing(res) == {"baselines.direction_agrees_with_polarity"}
    assert "expected up" in _only_fact(res, "baselines.direction_agrees_with_polarity", TZ_RATE)["reason"]
    # the same fall is right for a reduction target
    facts = replace(facts, TZ_RATE, polarity="lower_is_better")
    assert failing(run(build(tmp_path / "w2.duckdb", facts), ["baselines"])) == set()


# ---------------------------------------------------------------------------------------------
# statistics


def test_two_preferred_statistics_rows(tmp_path):
    stats = good_statistics()
    stats[1]["is_preferred"] = True           # the 6870.9 mirror is now preferred as well
    res = run(build(tmp_path / "w.duckdb", statistics=stats), ["statistics"])
    assert failing(res) == {"statistics.one_preferred_per_key"}
    r = res["statistics.one_preferred_per_key"]
    assert r.scope == "table" and r.severity == "error"
    assert sorted(row["statistic_id"] for row in r.failing_rows) == ["s-wz-gdp-2020-gov", "s-wz-gdp-2020-wiki"]
    assert "2 preferred rows" in r.failing_rows[0]["reason"]
    assert blocks_publish(res.values()) is True


def test_statistics_units_and_bounds(tmp_path):
    stats = good_statistics()
    stats[2]["unit"] = "亿元"                    # a growth rate in 亿元
    stats[4]["bound"] = "exact"                  # 下限值 “突破2万家” marked exact
    res = run(build(tmp_path / "w.duckdb", statistics=stats), ["statistics"])
    assert failing(res) == {"statistics.percent_measures_in_percent", "statistics.bound_matches_wording"}
    assert [r["statistic_id"] for r in res["statistics.percent_measures_in_percent"].failing_rows] == ["s-wz-gdp-2020-growth"]
    row = res["statistics.bound_matches_wording"].failing_rows[0]
    assert row["statistic_id"] == "s-sh-hte-2021" and "下限值" in row["reason"]
    q = quarantine_rows(res.values())
    assert {(x["key"], x["fact_id"]) for x in q} == {("s-wz-gdp-2020-growth", None), ("s-sh-hte-2021", None)}
    assert blocks_publish(res.values()) is False


# ---------------------------------------------------------------------------------------------
# official figures from bulletins: growth against levels, source against source, rate vs level

TZ_STAT = dict(region_code="331000", region_name="台州市")
BULLETIN_2023 = dict(source_type="statistical_bulletin", source_file="2023年台州市统计公报.txt",
                     source_title="2023年台州市国民经济和社会发展统计公报", revision="final")
BULLETIN_2022 = dict(BULLETIN_2023, source_file="2022年台州市统计公报.txt",
                     source_title="2022年台州市国民经济和社会发展统计公报")


def product_rows(name: str, canonical: str, before: float, after: float, growth: float, prefix: str) -> list[dict]:
    """A product of the bulletins' 主要工业产品产量 table: output of 2022 and 2023, growth 2023."""
    unit = dict(unit="万辆", base_unit="count", quantity_kind="count")
    return [
        stat(f"{prefix}-2022", **TZ_STAT, **BULLETIN_2022, **unit, indicator=name, canonical_indicator_id=canonical,
             year=2022, value=before, value_base=before * 1e4, measure="level", fact_id=f"{prefix}-f22", quote=name),
        stat(f"{prefix}-2023", **TZ_STAT, **BULLETIN_2023, **unit, indicator=name, canonical_indicator_id=canonical,
             year=2023, value=after, value_base=after * 1e4, measure="level", fact_id=f"{prefix}-f23", quote=name),
        stat(f"{prefix}-g2023", **TZ_STAT, **BULLETIN_2023, indicator=name, canonical_indicator_id=canonical,
             year=2023, value=growth, unit="%", value_base=growth, base_unit="percent", measure="growth_rate",
             fact_id=f"{prefix}-fg", quote=name, source_text=f"{name} | 万辆 | {after} | {growth}"),
    ]


def test_growth_is_checked_against_the_levels_within_their_rounding(tmp_path):
    stats = (good_statistics()
             # 12.6 → 13.4 is +6.35 %, +5.5 … +7.2 % within the levels' rounding: 6.3 agrees
             + product_rows("汽车", "unreviewed__汽车", 12.6, 13.4, 6.3, "car")
             # 702.3 → 650.1 is −7.4 %: “下降2.0%” does not agree
             + product_rows("缝纫机", "unreviewed__缝纫机", 702.3, 650.1, -2.0, "sew")
             # GDP grows at comparable prices, its levels at current prices: never compared
             + product_rows("生产总值", "gdp", 6040.72, 6240.68, 9.9, "gdp"))
    res = run(build(tmp_path / "w.duckdb", statistics=stats), ["baselines"])
    assert failing(res) == {"baselines.growth_agrees_with_levels"}
    r = res["baselines.growth_agrees_with_levels"]
    assert r.severity == "warn" and r.evaluated == 2
    (row,) = r.failing_rows
    assert row["statistic_id"] == "sew-g2023"
    for text in ("缝纫机", "-2%", "-7.43%", "702.3", "650.1", "2023年台州市国民经济和社会发展统计公报"):
        assert text in row["reason"], (text, row["reason"])
    assert quarantine_rows(res.values()) == []           # flagged, nothing dropped


def test_disagreeing_sources_are_flagged_and_both_kept(tmp_path):
    gdp = dict(**TZ_STAT, indicator="地区生产总值", canonical_indicator_id="gdp", year=2022, unit="亿元",
               base_unit="CNY", measure="level")
    stats = good_statistics() + [
        stat("tz-bulletin", **gdp, **BULLETIN_2022, value=6040.72, value_base=6.04072e11, fact_id="tz-f1",
             quote="6040.72亿元"),
        # another final figure, 1 % higher: a disagreement between sources
        stat("tz-csv-final", **gdp, revision="final", value=6100, value_base=6.1e11, is_preferred=False,
             preference_rank=2, source_title="某市统计年鉴", quote="6100"),
        # a preliminary figure that differs: the revision explains it
        stat("tz-report", **gdp, source_type="work_report", revision="preliminary", value=6000,
             value_base=6.0e11, is_preferred=False, preference_rank=3, source_title="2023年台州市政府工作报告",
             fact_id="tz-f2", quote="6000亿元"),
        # the same figure rounded by a news page: agrees within its rounding
        stat("tz-news", **gdp, revision="final", value=6041, value_base=6.041e11, is_preferred=False,
             preference_rank=4, source_title="台州日报", quote="6041亿元"),
        # the same key in another base unit (a multiple, 增长3.8倍): not comparable, not flagged
        stat("tz-times", **{**gdp, "unit": "倍", "base_unit": "times"}, revision="final", value=3.8, value_base=3.8,
             quantity_kind="multiple", is_preferred=False, preference_rank=5, source_title="某报", quote="3.8倍"),
    ]
    res = run(build(tmp_path / "w.duckdb", statistics=stats), ["baselines"])
    assert failing(res) == {"baselines.sources_agree"}
    r = res["baselines.sources_agree"]
    assert r.severity == "warn"
    assert [row["statistic_id"] for row in r.failing_rows] == ["tz-csv-final"]
    reason = r.failing_rows[0]["reason"]
    for text in ("6100", "6040.72", "某市统计年鉴", "2022年台州市国民经济和社会发展统计公报"):
        assert text in reason, (text, reason)
    assert quarantine_rows(res.values()) == []


def test_a_growth_rate_is_not_a_level(tmp_path):
    stats = good_statistics() + [
        # a growth rate read in 亿元 and a level named …增长: both wrong, both facts quarantined
        stat("b-rate", **TZ_STAT, **BULLETIN_2023, indicator="工业投资增长", canonical_indicator_id="industrial_investment",
             year=2023, value=8.1, unit="亿元", value_base=8.1e8, base_unit="CNY", measure="growth_rate",
             fact_id="bulletin-0007", quote="8.1亿元"),
        stat("b-level", **TZ_STAT, **BULLETIN_2023, indicator="规模以上工业增加值增长", canonical_indicator_id="above_scale_industrial_value_added",
             year=2023, value=6.4, unit="%", value_base=6.4, base_unit="percent", measure="level",
             fact_id="bulletin-0008", quote="6.4%"),
        # a city's GDP from the CSV, whose quote (a sentence) says 按可比价格计算: money of a city,
        # not a price per unit
        stat("csv-gdp", **TZ_STAT, indicator="地区生产总值", canonical_indicator_id="gdp", year=2023,
             value=6240.68, unit="亿元", value_base=6.24068e11, base_unit="CNY", measure="level",
             quote="全年全市生产总值6240.68亿元，按可比价格计算，比上年增长4.4%"),
        # what real bulletins and work reports also write, and is right: a contribution in points
        # (第三产业拉动GDP增长5.1个百分点), a natural growth rate in ‰, a change as a multiple (增长1.5倍),
        # a fall of the population (减少0.5万人, stored negative)
        stat("b-pull", **TZ_STAT, **BULLETIN_2023, indicator="第三产业拉动GDP增长", canonical_indicator_id="unreviewed__第三产业拉动GDP",
             year=2023, value=5.1, unit="个百分点", value_base=5.1, base_unit="pp", quantity_kind="percentage_points",
             measure="growth_rate", fact_id="bulletin-0002", quote="5.1个百分点"),
        stat("b-permille", **TZ_STAT, **BULLETIN_2023, indicator="人口自然增长率", canonical_indicator_id="unreviewed__人口自然增长率",
             year=2023, value=-2.45, unit="‰", value_base=-0.245, base_unit="percent", measure="growth_rate",
             fact_id="bulletin-0003", quote="-2.45‰"),
        stat("b-times", **TZ_STAT, **BULLETIN_2023, indicator="居民人均可支配收入增长", canonical_indicator_id="unreviewed__居民人均可支配收入",
             year=2023, value=1.5, unit="倍", value_base=1.5, base_unit="times", quantity_kind="multiple",
             measure="level", fact_id="bulletin-0004", quote="1.5倍"),
        stat("b-fall", **TZ_STAT, **BULLETIN_2023, indicator="年末全市常住人口减少", canonical_indicator_id="resident_population",
             year=2023, value=-0.5, unit="万人", value_base=-5000, base_unit="count", measure="increment",
             fact_id="bulletin-0005", quote="0.5万人"),
    ]
    res = run(build(tmp_path / "w.duckdb", statistics=stats), ["units"])
    assert failing(res) == {"units.statistic_growth_rate_in_percent", "units.statistic_level_is_not_a_growth_rate"}
    assert [r["statistic_id"] for r in res["units.statistic_growth_rate_in_percent"].failing_rows] == ["b-rate"]
    assert [r["statistic_id"] for r in res["units.statistic_level_is_not_a_growth_rate"].failing_rows] == ["b-level"]
    quarantined = {(q["key"], q["fact_id"]) for q in quarantine_rows(res.values())}
    assert quarantined == {("b-rate", "bulletin-0007"), ("b-level", "bulletin-0008")}


# ---------------------------------------------------------------------------------------------
# reconciliation


def test_raw_fact_missing_from_marts(tmp_path):
    lost = dict(fact(f"{TZ_DOC}-0009", TZ, indicator_name="数字经济核心产业增加值", value=1000, unit="亿元",
                     quote="1000亿元"), ordinal=9)
    res = run(build(tmp_path / "w.duckdb", raw_extra_facts=[lost]), ["reconciliation"])
    assert failing(res) == {"reconciliation.raw_facts_in_marts", "reconciliation.counts_reconcile"}
    r = res["reconciliation.raw_facts_in_marts"]
    assert r.scope == "table" and [row["fact_id"] for row in r.failing_rows] == [lost["fact_id"]]
    assert "missing from marts.plan_facts" in r.failing_rows[0]["reason"]
    counts = res["reconciliation.counts_reconcile"].failing_rows
    assert counts[0]["raw_rows"] == 7 and counts[0]["mart_rows"] == 6
    assert quarantine_rows(res.values()) == []        # nothing to quarantine: the row is not there
    assert blocks_publish(res.values()) is True


def test_duplicated_and_invented_mart_facts(tmp_path):
    facts = good_facts()
    res = run(build(tmp_path / "w.duckdb", facts + [copy.deepcopy(facts[0])], drop_raw_fact_ids={TZ_COUNT}),
              ["reconciliation"])
    assert {"reconciliation.plan_facts_unique", "reconciliation.plan_facts_from_raw",
            "reconciliation.counts_reconcile"} <= failing(res)
    assert {row["fact_id"] for row in res["reconciliation.plan_facts_unique"].failing_rows} == {WZ_1450}
    assert blocks_publish(res.values()) is True


def test_missing_table_blocks_publish(tmp_path):
    path = build(tmp_path / "w.duckdb")
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE marts.documents")
    con.close()
    res = run(path, ["reconciliation"])
    r = res["reconciliation.raw_documents_in_marts"]
    assert not r.passed and "marts.documents" in (r.error or "")
    assert blocks_publish(res.values()) is True


# ---------------------------------------------------------------------------------------------
# report and speed


def test_write_report(tmp_path):
    facts = replace(good_facts(), WZ_1450, unit="元", value_base=1450.0)
    facts = replace(facts, WZ_GDP, baseline_value=7558.1, baseline_value_base=7.5581e11)
    results = list(run(build(tmp_path / "w.duckdb", facts)).values())
    out = write_report(results, tmp_path / "reports" / "validation.md", run_id="run-42")
    text = out.read_text(encoding="utf-8")
    assert out.exists() and text.startswith("# Validation report — run `run-42`")
    assert "| suite | check | severity | scope | status | evaluated | failing |" in text
    assert "| units | value_base_plausible | error | row | FAIL | 6 | 1 |" in text
    assert "| baselines | baseline_agrees_with_statistics | warn | row | warn | 1 | 1 |" in text
    assert "| reconciliation | raw_facts_in_marts | error | table | pass |" in text
    assert "quarantined facts: 1 of 6" in text and "publish: **allowed**" in text
    assert WZ_1450 in text and "multiplier" in text and "district.ce.cn" in text
    failing_part = text.split("## Failing checks", 1)[1].split("## Passing checks", 1)[0]
    assert "### units.value_base_plausible — FAIL" in failing_part
    assert "### baselines.baseline_agrees_with_statistics — warn" in failing_part
    assert "`units.unit_known`" in text.split("## Passing checks", 1)[1]


def test_report_lists_at_most_20_rows(tmp_path):
    facts = good_facts() + [fact(f"{TZ_DOC}-1{i:03d}", TZ, indicator_name=f"指标{i}", canonical_indicator_id=None,
                                 value=1, unit="元", quantity_kind="currency", base_unit="CNY", value_base=1.0,
                                 quote="1元") for i in range(25)]
    results = list(run(build(tmp_path / "w.duckdb", facts), ["units"]).values())
    text = write_report(results, tmp_path / "r.md", run_id="r").read_text(encoding="utf-8")
    assert "… and 5 more." in text and "publish: **BLOCKED**" in text


def test_every_row_of_1000_facts_is_evaluated(tmp_path):
    facts = good_facts()
    big = [dict(copy.deepcopy(facts[i % len(facts)]), fact_id=f"{facts[i % len(facts)]['doc_id']}-{1000 + i:04d}")
           for i in range(1000)]
    res = run(build(tmp_path / "w.duckdb", big))
    assert failing(res) == set()
    assert res["units.unit_known"].evaluated == 1000

"""Build the dbt project against a small landing database and check the analysts' contract.

Runs `dbt build` (seeds, models, data tests and unit tests) in-process through dbtRunner,
on a DuckDB file made by tests/fixtures/make_landing_db.py in a temporary directory.
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
PROJECT_DIR = REPO / "dbt_project"

pytest.importorskip("dbt.cli.main")
from dbt.cli.main import dbtRunner  # noqa: E402


def _load_fixture():
    spec = importlib.util.spec_from_file_location(
        "make_landing_db", REPO / "tests" / "fixtures" / "make_landing_db.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dbt")
    db = _load_fixture().make_landing_db(tmp / "build.duckdb")
    old = os.environ.get("PLANS_BUILD_DB")
    os.environ["PLANS_BUILD_DB"] = str(db)
    try:
        result = dbtRunner().invoke([
            "build",
            "--project-dir", str(PROJECT_DIR),
            "--profiles-dir", str(PROJECT_DIR),
            "--target-path", str(tmp / "target"),
            "--log-path", str(tmp / "logs"),
        ])
    finally:
        if old is None:
            os.environ.pop("PLANS_BUILD_DB", None)
        else:
            os.environ["PLANS_BUILD_DB"] = old
    assert result.exception is None, result.exception
    failed = [
        (r.node.name, r.status, r.message)
        for r in (result.result or [])
        if str(r.status) in ("error", "fail", "runtime error")
    ]
    assert result.success, failed
    assert not failed, failed
    # dbt-duckdb keeps its in-process database instance open; a plain connection shares it
    # (read_only would be a different configuration and is refused while it is open)
    con = duckdb.connect(str(db))
    yield con
    con.close()


def _types(con, table):
    rows = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'marts' and table_name = ? order by ordinal_position",
        [table],
    ).fetchall()
    return dict(rows)


PLAN_FACTS = {
    "fact_id": "VARCHAR", "doc_id": "VARCHAR", "plan_id": "VARCHAR", "source_file": "VARCHAR",
    "role": "VARCHAR", "indicator_name": "VARCHAR", "canonical_indicator_id": "VARCHAR",
    "canonical_indicator_name": "VARCHAR", "indicator_category": "VARCHAR",
    "region_code": "VARCHAR", "region_name": "VARCHAR", "region_level": "VARCHAR",
    "value": "DOUBLE", "value_high": "DOUBLE", "unit": "VARCHAR", "quantity_kind": "VARCHAR",
    "base_unit": "VARCHAR", "value_base": "DOUBLE", "value_high_base": "DOUBLE",
    "comparator": "VARCHAR", "is_aspirational": "BOOLEAN", "kind": "VARCHAR",
    "per_year": "BOOLEAN", "year": "INTEGER", "period_start_year": "INTEGER",
    "year_inferred": "BOOLEAN", "baseline_value": "DOUBLE", "baseline_year": "INTEGER",
    "baseline_value_base": "DOUBLE", "attribute": "VARCHAR", "quote": "VARCHAR",
    "char_start": "INTEGER", "char_end": "INTEGER", "page_number": "INTEGER", "source_text": "VARCHAR",
    "polarity": "VARCHAR",
}

DOCUMENTS = {
    "doc_id": "VARCHAR", "plan_id": "VARCHAR", "source_file": "VARCHAR", "doc_kind": "VARCHAR",
    "plan_title": "VARCHAR", "region_code": "VARCHAR", "region_name": "VARCHAR",
    "issuer": "VARCHAR", "doc_number": "VARCHAR", "published_date": "DATE",
    "published_date_inferred": "BOOLEAN", "written_date": "DATE", "period_start_year": "INTEGER", "period_end_year": "INTEGER",
    "outlet": "VARCHAR", "encoding": "VARCHAR", "format": "VARCHAR", "byte_size": "BIGINT",
}


def test_plan_facts_contract(built_db):
    assert _types(built_db, "plan_facts") == PLAN_FACTS


def test_documents_contract(built_db):
    assert _types(built_db, "documents") == DOCUMENTS


def test_marts_are_tables(built_db):
    kinds = dict(built_db.execute(
        "select table_name, table_type from information_schema.tables where table_schema = 'marts'"
    ).fetchall())
    for name in ("plan_facts", "documents", "fct_statistics", "target_progress", "region_comparison",
                 "dim_years", "dim_regions", "fct_plan_targets", "fct_observations"):
        assert kinds.get(name) == "BASE TABLE", (name, kinds.get(name))


def test_no_fact_or_statistic_dropped(built_db):
    con = built_db
    assert con.execute("select count(*) from raw.facts").fetchone() == \
        con.execute("select count(*) from marts.plan_facts").fetchone()
    csv_rows = con.execute("select count(*) from raw.statistics").fetchone()[0]
    # every observation of the bulletin (7) and of the work report (3) is a statistic too
    document_rows = con.execute(
        "select count(*) from raw.facts f join raw.documents d using (doc_id) where f.role = 'observation' "
        "and (d.doc_kind = 'statistical_bulletin' or d.plan_title like '%政府工作报告%')").fetchone()[0]
    assert document_rows == 10
    assert con.execute("select count(*) from marts.fct_statistics").fetchone()[0] == csv_rows + document_rows
    assert con.execute(
        "select count(*) from marts.fct_statistics where source_type = 'statistics_csv'").fetchone()[0] == csv_rows


def _preferred(con, region, indicator, year, measure="level"):
    return con.execute(
        "select value, unit from marts.fct_statistics where region_code = ? and indicator = ? "
        "and year = ? and measure = ? and is_preferred",
        [region, indicator, year, measure],
    ).fetchall()


def test_preferred_statistic_rule(built_db):
    con = built_db
    # Zhejiang 2023 GDP: the census-revised 85620 beats the preliminary 82553
    assert _preferred(con, "330000", "地区生产总值", 2023) == [(85620.0, "亿元")]
    # Shanghai 2020 GDP: both ok; revised (38963.30) beats preliminary (38700.58)
    assert _preferred(con, "310000", "地区生产总值", 2020) == [(38963.30, "亿元")]
    # Wenzhou 2020 GDP: the ok work-report figure 6871 beats the low-quality 6870.9
    assert _preferred(con, "330300", "地区生产总值", 2020) == [(6871.0, "亿元")]
    # Shanghai 2019 5G: exact figures before the lower bound (1.6万), then the earlier row
    assert _preferred(con, "310000", "5G基站数", 2019) == [(1.3, "万个")]
    # exactly one preferred row per key, every other row kept with rank > 1
    bad = con.execute(
        "select region_code, canonical_indicator_id, year, measure from marts.fct_statistics "
        "group by all having count(*) filter (where is_preferred) <> 1"
    ).fetchall()
    assert bad == []


def test_value_base_normalisation(built_db):
    con = built_db
    row = con.execute(
        "select value, unit, base_unit, value_base from marts.plan_facts "
        "where indicator_name = '规上制造业增加值' and value = 1450"
    ).fetchone()
    assert row[:3] == (1450.0, "亿元", "CNY")
    assert row[3] == pytest.approx(1.45e11)
    row = con.execute(
        "select value_base, baseline_value_base from marts.plan_facts "
        "where indicator_name = '规模以上工业亩均增加值'"
    ).fetchone()
    assert row == (pytest.approx(1.6e6), pytest.approx(1.156e6))
    assert con.execute(
        "select value_base from marts.fct_statistics where region_code = '310000' "
        "and indicator = '地区生产总值' and year = 2021 and measure = 'level'"
    ).fetchone()[0] == pytest.approx(4.32e12)


def test_unknown_unit_and_region_are_kept_and_reported(built_db):
    con = built_db
    assert con.execute(
        "select value_base, base_unit from marts.plan_facts where unit = '万桶'"
    ).fetchall() == [(None, None)]
    assert con.execute("select unit from marts.unresolved_units").fetchall() == [("万桶",)]
    assert con.execute("select region_name from marts.unresolved_regions").fetchall() == [("瓯海区",)]
    # a region name without a code is resolved when it is unique in the hierarchy
    assert con.execute(
        "select region_code from marts.plan_facts where region_name = '乐清市'"
    ).fetchall() == [("330382",)]


def test_targets_once_per_plan(built_db):
    con = built_db
    # the 1450亿元 target is stated by the news article and by the repost of the same plan
    rows = con.execute(
        "select n_documents, n_facts from marts.fct_plan_targets "
        "where canonical_indicator_id = 'above_scale_manufacturing_value_added'"
    ).fetchall()
    assert rows == [(2, 2)]
    assert con.execute(
        "select n_documents from marts.dim_plans where plan_title = '温州市制造业高质量发展“十四五”规划'"
    ).fetchall() == [(2,)]


def test_target_progress(built_db):
    con = built_db
    row = con.execute(
        "select baseline_source, actual_year, target_met, on_track, on_track_basis "
        "from marts.target_progress where canonical_indicator_id = 'gdp' and region_code = '330300'"
    ).fetchone()
    # Wenzhou 2025 GDP 10213.9亿元 against a target of 1万亿元
    assert row == ("plan_target", 2025, True, True, "target_year_reached")


def test_dim_years_five_year_plans(built_db):
    rows = dict(built_db.execute(
        "select year, five_year_plan from marts.dim_years where year in (2016, 2020, 2021, 2025)"
    ).fetchall())
    assert rows == {2016: "十三五", 2020: "十三五", 2021: "十四五", 2025: "十四五"}


def test_units_with_a_magnitude_are_derived_from_their_base_unit(built_db):
    con = built_db
    rows = dict(con.execute(
        "select unit, multiplier from staging.stg_units where unit in ('万标箱', '亿人次', '万立方米', '万元')").fetchall())
    assert rows == {"万标箱": 1e4, "亿人次": 1e8, "万立方米": 1e4, "万元": 1e4}  # 万元 is the seed's own row


def test_seed_files_are_well_formed():
    """Every row of every seed has as many fields as its header (a stray comma breaks dbt seed)."""
    import csv
    for seed in (PROJECT_DIR / "seeds").glob("*.csv"):
        rows = list(csv.reader(seed.open(encoding="utf-8")))
        widths = {len(row) for row in rows if row}
        assert widths == {len(rows[0])}, f"{seed.name}: rows of {sorted(widths)} fields"


# ---- statistics read from bulletins and work reports (the synthetic 台州 documents) ------------

def _statistics(con, year, canonical="gdp", measure="level"):
    return con.execute(
        "select source_type, value, revision, is_rounded_restatement, preference_rank from marts.fct_statistics "
        "where region_code = '331000' and canonical_indicator_id = ? and year = ? and measure = ? "
        "order by preference_rank", [canonical, year, measure]).fetchall()


def test_bulletin_figures_rank_with_the_csv(built_db):
    con = built_db
    # 2022: the bulletin's final 6040.72 beats the work report's rounded repetition (6041) and the
    # CSV's low-quality lower bound (超过6040亿元)
    assert _statistics(con, 2022) == [
        ("statistical_bulletin", 6040.72, "final", False, 1),
        ("work_report", 6041.0, "revised", True, 2),
        ("statistics_csv", 6040.0, "unknown", False, 3),
    ]
    # 2021: the 2022 bulletin's final verification (a restatement: revised) beats the CSV's 5786
    assert _statistics(con, 2021)[0] == ("statistical_bulletin", 5786.2, "revised", False, 1)
    # 2023: the work report's preliminary figure (ok) beats the CSV's low-quality page
    assert _statistics(con, 2023)[0] == ("work_report", 6240.7, "preliminary", False, 1)
    # 控制在5%以内 reported as a result is an upper bound
    assert con.execute("select bound from marts.fct_statistics where indicator = '城镇调查失业率'").fetchall() == [("upper",)]


def test_bulletin_statistics_keep_their_provenance(built_db):
    con = built_db
    row = con.execute(
        "select s.source_file, s.quote, s.char_start, s.char_end, s.source_title, d.text, f.fact_id "
        "from marts.fct_statistics s join raw.documents d using (doc_id) join marts.plan_facts f using (fact_id) "
        "where s.canonical_indicator_id = 'above_scale_gross_industrial_output' and s.year = 2022").fetchone()
    source_file, quote, start, end, title, text, fact_id = row
    assert source_file == "006_taizhou_bulletin_2022.txt" and fact_id
    assert text[start:end] == quote == "7012.5亿元"
    assert title == "2022年台州市国民经济和社会发展统计公报"


def test_bulletin_names_map_to_canonical_indicators_and_falls_are_negative(built_db):
    con = built_db
    got = dict(con.execute(
        "select indicator, canonical_indicator_id || ':' || measure || ':' || value from marts.fct_statistics "
        "where source_type = 'statistical_bulletin' and year = 2022").fetchall())
    assert got["生产总值增长"] == "gdp:growth_rate:3.8"
    assert got["工业投资比上年下降"] == "industrial_investment:growth_rate:-2.3"
    assert got["年末全市常住人口"] == "resident_population:level:668.1"
    assert got["高新技术产业增加值占规模以上工业增加值比重"].startswith("high_tech_industry_share_of_above_scale_industry:share")


def test_bulletin_observations_are_statistics_not_plan_statements(built_db):
    con = built_db
    sources = con.execute(
        "select distinct o.source, o.source_type from marts.fct_observations o "
        "join marts.plan_facts f using (fact_id) where f.source_file = '006_taizhou_bulletin_2022.txt'").fetchall()
    assert sources == [("statistics", "statistical_bulletin")]
    n = con.execute(
        "select sum(n_plan_observations) from marts.region_comparison where region_code = '331000' "
        "and canonical_indicator_id = 'above_scale_gross_industrial_output'").fetchone()[0]
    assert n == 0


def test_target_progress_uses_bulletin_actuals(built_db):
    con = built_db
    rows = {r[0]: r[1:] for r in con.execute(
        "select target_value, actual_year, actual_value, actual_source_type, actual_revision, actual_quote, "
        "on_track, on_track_basis from marts.target_progress "
        "where region_code = '331000' and canonical_indicator_id = 'above_scale_gross_industrial_output' "
        "and target_unit = '亿元'").fetchall()}
    # 5269 (2020) → 7012.5 (2022): 15.4 % a year, against 13.7 % needed for 10000 and 17.9 % for 12000
    assert rows[10000.0] == (2022, 7012.5, "statistical_bulletin", "final", "7012.5亿元", True, "growth_comparison")
    assert rows[12000.0][-2:] == (False, "growth_comparison")
    # a growth-rate target (工业投资年均增长10%) against the bulletin's 下降2.3%
    row = con.execute(
        "select achieved_cagr, on_track from marts.target_progress where region_code = '331000' "
        "and canonical_indicator_id = 'industrial_investment' and measure = 'growth_rate'").fetchone()
    assert row == (pytest.approx(-0.023), False)
    comparison = con.execute(
        "select actual_value_base, actual_source_type, actual_fact_id is not null from marts.region_comparison "
        "where region_code = '331000' and canonical_indicator_id = 'above_scale_gross_industrial_output' "
        "and year = 2022").fetchone()
    assert comparison == (pytest.approx(7.0125e11), "statistical_bulletin", True)

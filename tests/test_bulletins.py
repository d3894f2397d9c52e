"""Statistical bulletins (统计公报) through the extraction library, one test per form a bulletin writes.

Every text is written here (figures in the style of a city bulletin, not official data) and goes
through the same entry point as the pipeline: `parse_bytes` → `process_document`. A bulletin's
figures are observations of its reporting year — the level and the growth of one sentence, the
`其中` sub-items, shares, year-end stocks and the rows of its tables — and a figure it restates for
an earlier year (经最终核实) keeps that year: the warehouse ranks it as a revision.
"""
from __future__ import annotations

from datetime import date

import pytest

from planextract.documents import parse_bytes
from planextract.pipeline import process_document

TITLE = "2023年温州市国民经济和社会发展统计公报\n温州市统计局 国家统计局温州调查队\n2024年3月25日\n\n"


def read(body: str, title: str = TITLE, name: str = "bulletin.txt"):
    doc = parse_bytes((title + body).encode("utf-8"), name)
    meta, facts = process_document(doc)
    return doc, meta, facts


def facts_of(body: str) -> set[tuple]:
    """(indicator_name, value, unit, kind, role, year) of every fact of a bulletin body."""
    _, _, facts = read(body)
    return {(f.indicator_name, f.value, f.unit, f.kind, f.role, f.year) for f in facts}


def test_a_bulletin_is_recognised_with_its_region_year_and_bureau():
    _, meta, _ = read("一、综合\n初步核算，全年全市生产总值8730.6亿元，比上年增长6.0%。")
    assert meta.doc_kind == "statistical_bulletin"
    assert meta.plan_title == "2023年温州市国民经济和社会发展统计公报"
    assert (meta.region_name, meta.region_code) == ("温州市", "330300")
    assert meta.period_start_year == meta.period_end_year == 2023          # reports on 2023 …
    assert meta.published_date == date(2024, 3, 25)                        # … published in 2024
    assert meta.issuer and meta.issuer.startswith("温州市统计局")


def test_a_level_and_its_growth_at_comparable_prices_in_one_sentence():
    got = facts_of("全年全市生产总值8730.6亿元，按可比价格计算，比上年增长6.0%。")
    assert got == {
        ("生产总值", 8730.6, "亿元", "level", "observation", 2023),
        ("生产总值增长", 6.0, "%", "rate", "observation", 2023),
    }


def test_the_quote_and_its_span_point_at_the_number():
    doc, _, facts = read("全年全市生产总值8730.6亿元，按可比价格计算，比上年增长6.0%。")
    for f in facts:
        assert doc.text[f.char_start:f.char_end] == f.quote
        assert f.quote in f.source_text
    assert [f.quote for f in facts] == ["8730.6亿元", "6.0%"]


def test_above_scale_industry_growth_with_and_without_its_level():
    assert facts_of("全年规模以上工业增加值比上年增长8.1%。") == {
        ("规模以上工业增加值比上年增长", 8.1, "%", "rate", "observation", 2023)}
    assert facts_of("全年全市规模以上工业增加值1619.8亿元，按可比价格计算，比上年增长9.4%。") == {
        ("规模以上工业增加值", 1619.8, "亿元", "level", "observation", 2023),
        ("规模以上工业增加值增长", 9.4, "%", "rate", "observation", 2023),
    }


def test_shares_of_gdp_and_of_above_scale_industry():
    got = facts_of("数字经济核心产业增加值占GDP的比重为4.7%，比上年提高0.3个百分点。"
                   "规模以上工业中，高新技术产业增加值1000.1亿元，增长7.9%，占规模以上工业增加值的比重为65.3%。")
    assert ("数字经济核心产业增加值占GDP的比重", 4.7, "%", "share", "observation", 2023) in got
    assert ("数字经济核心产业增加值占GDP的比重提高", 0.3, "个百分点", "increment", "observation", 2023) in got
    assert ("高新技术产业增加值", 1000.1, "亿元", "level", "observation", 2023) in got
    assert ("高新技术产业增加值增长", 7.9, "%", "rate", "observation", 2023) in got
    assert ("高新技术产业增加值占规模以上工业增加值的比重", 65.3, "%", "share", "observation", 2023) in got


def test_year_end_resident_population_and_its_change():
    got = facts_of("年末全市常住人口976.5万人，比上年末增加8.9万人。常住人口城镇化率74.3%。")
    assert got == {
        ("年末全市常住人口", 976.5, "万人", "level", "observation", 2023),
        ("年末全市常住人口增加", 8.9, "万人", "increment", "observation", 2023),
        ("常住人口城镇化率", 74.3, "%", "share", "observation", 2023),
    }


def test_qizhong_sub_items_are_each_an_observation():
    got = facts_of("其中，第一产业增加值188.3亿元，增长4.1%；第二产业增加值3622.6亿元，增长6.8%；"
                   "第三产业增加值4919.7亿元，增长5.5%。")
    for name, level, rate in (("第一产业增加值", 188.3, 4.1), ("第二产业增加值", 3622.6, 6.8),
                              ("第三产业增加值", 4919.7, 5.5)):
        assert (name, level, "亿元", "level", "observation", 2023) in got
        assert (name + "增长", rate, "%", "rate", "observation", 2023) in got
    got = facts_of("全年新增上市公司5家，年末上市公司总数达76家，其中A股上市公司67家。")
    assert ("A股上市公司", 67, "家", "level", "observation", 2023) in got
    assert ("年末上市公司总数", 76, "家", "level", "observation", 2023) in got


def test_a_fall_keeps_its_verb_in_the_name():
    # plan facts keep 下降 in the indicator and a positive number; fct_statistics signs it (-1.5)
    assert facts_of("民间投资比上年下降1.5%。") == {("民间投资比上年下降", 1.5, "%", "rate", "observation", 2023)}


def test_a_restated_earlier_year_keeps_its_year():
    got = facts_of("经最终核实，2022年全市生产总值为8029.8亿元。")
    assert got == {("生产总值", 8029.8, "亿元", "level", "observation", 2022)}


PRODUCTS = ("表1 2023年主要工业产品产量\n{head} | 单位 | 产量 | 比上年增长(%)\n"
            "汽车 | 万辆 | 13.4 | 6.3\n缝纫机 | 万台 | 650.1 | -2.0\n塑料制品 | 万吨 | 275.0 | 2.5\n")


def test_a_product_table_with_a_unit_column():
    got = facts_of(PRODUCTS.format(head="指标"))
    assert got == {
        ("汽车", 13.4, "万辆", "level", "observation", 2023), ("汽车", 6.3, "%", "rate", "observation", 2023),
        ("缝纫机", 650.1, "万台", "level", "observation", 2023), ("缝纫机", -2.0, "%", "rate", "observation", 2023),
        ("塑料制品", 275.0, "万吨", "level", "observation", 2023), ("塑料制品", 2.5, "%", "rate", "observation", 2023),
    }


def test_a_table_of_indicators_with_absolute_values_and_growth():
    got = facts_of("表2 2023年规模以上工业主要指标\n指标 | 单位 | 绝对数 | 比上年增长(%) |\n"
                   "规模以上工业总产值 | 亿元 | 7431.6 | 5.5 |\n规模以上工业增加值 | 亿元 | 1530.2 | 6.4 |\n")
    assert ("规模以上工业总产值", 7431.6, "亿元", "level", "observation", 2023) in got
    assert ("规模以上工业总产值", 5.5, "%", "rate", "observation", 2023) in got
    assert ("规模以上工业增加值", 6.4, "%", "rate", "observation", 2023) in got


def test_a_product_table_headed_product_name():
    assert ("汽车", 13.4, "万辆", "level", "observation", 2023) in facts_of(PRODUCTS.format(head="产品名称"))


def test_a_news_version_of_a_bulletin():
    text = ("温州市统计局发布2023年统计公报\n2024-03-25 来源：温州日报\n"
            "日前，温州市统计局发布2023年国民经济和社会发展统计公报。全年全市生产总值8730.6亿元，"
            "按可比价格计算，比上年增长6.0%。规模以上工业增加值增长9.4%。\n")
    doc = parse_bytes(text.encode("utf-8"), "news.txt")
    meta, facts = process_document(doc)
    assert meta.doc_kind == "statistical_bulletin"
    assert (meta.region_code, meta.period_end_year, meta.outlet) == ("330300", 2023, "温州日报")
    assert {(f.indicator_name, f.value, f.role, f.year) for f in facts} == {
        ("生产总值", 8730.6, "observation", 2023), ("生产总值增长", 6.0, "observation", 2023),
        ("规模以上工业增加值增长", 9.4, "observation", 2023)}

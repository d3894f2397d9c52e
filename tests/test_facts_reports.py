"""Government work reports and reviews: results so far, this year's goals, parallel lists."""
from __future__ import annotations

from datetime import date

from planextract.documents import parse_bytes
from planextract.metadata import extract_metadata
from tests.fixtures.extraction.factkit import extract

REPORT = dict(region="嘉兴市", code="330400", published=date(2024, 2, 8), start=2024, end=2024)


def test_parallel_modifiers_share_the_head_and_the_verb():
    facts = extract("过去一年，城乡居民人均可支配收入分别达到8.1万元和5.2万元，分别增长4.6%和6.1%。", **REPORT)
    by_value = {f.value: f for f in facts}
    assert by_value[8.1].indicator_name == "城乡居民人均可支配收入" or "居民人均可支配收入" in by_value[8.1].indicator_name
    assert by_value[4.6].kind == by_value[6.1].kind == "rate"
    assert all(f.role == "observation" and f.year == 2023 for f in facts)


def test_equal_length_modifiers_are_distributed():
    facts = extract("2023年，城镇和农村居民人均消费支出分别达到5.6万元和3.9万元。", **REPORT)
    assert [f.indicator_name for f in facts] == ["城镇居民人均消费支出", "农村居民人均消费支出"]


def test_price_rise_is_a_rate():
    (fact,) = extract("2024年主要预期目标：居民消费价格涨幅3%左右。", **REPORT)
    assert (fact.kind, fact.comparator, fact.role, fact.year) == ("rate", "~", "target", 2024)


def test_period_so_far_is_an_observation_up_to_last_year():
    facts = extract("“十四五”以来，全市新增上市公司26家，高新技术企业突破6000家。", **REPORT)
    assert [(f.role, f.year) for f in facts] == [("observation", 2023)] * 2
    # additions carry the period they were made in; a stock (突破6000家) does not
    assert [(f.kind, f.period_start_year) for f in facts] == [("increment", 2021), ("level", None)]


def test_traditional_news_page_metadata():
    page = ("<html><head><title>溫州發佈數字經濟規劃</title></head><body>"
            "<h1>溫州發佈《溫州市數字經濟發展規劃》</h1><p>記者從市經信局獲悉，規劃提出到2025年，"
            "全市數字經濟增加值達到6000億元。</p></body></html>").encode("utf-8")
    meta = extract_metadata(parse_bytes(page, "news.html"))
    assert meta.doc_kind == "news"
    assert meta.plan_title == "温州市数字经济发展规划"
    assert meta.region_code == "330300"


def test_from_to_gives_the_target_its_baseline_and_keeps_the_start_as_an_observation():
    facts = extract("到2025年，全市研发经费投入强度由2020年的2.4%提高到3.2%。", region="金华市", code="330700",
                    published=date(2021, 9, 1), start=2021, end=2025)
    target = next(f for f in facts if f.role == "target")
    assert (target.value, target.baseline_value, target.baseline_year, target.year) == (3.2, 2.4, 2020, 2025)
    start = next(f for f in facts if f.role == "observation")
    assert (start.value, start.year) == (2.4, 2020)
    assert "从" not in target.indicator_name and "由" not in target.indicator_name


def test_from_to_over_a_past_period_dates_the_start_before_the_period():
    facts = extract("“十三五”期间，全市规上工业企业从1800家增加到2600家。", region="金华市", code="330700",
                    published=date(2021, 9, 1), start=2021, end=2025)
    end = next(f for f in facts if f.value == 2600)
    assert (end.role, end.year, end.kind, end.baseline_value, end.baseline_year) == \
        ("observation", 2020, "level", 1800, 2015)


def test_hedge_and_verb_are_not_part_of_the_indicator():
    facts = extract("到2025年，高新技术企业力争达到3000家，科技型中小企业新增2000家以上。", region="金华市",
                    code="330700", published=date(2021, 9, 1), start=2021, end=2025)
    assert [f.indicator_name for f in facts] == ["高新技术企业", "科技型中小企业"]
    assert [f.is_aspirational for f in facts] == [True, False]


def test_undated_review_reports_results_and_dates_a_from_to():
    facts = extract("“十四五”以来，全市规上工业增加值年均增长7.9%，2024年达到3100亿元。"
                    "工业投资占比从2020年的21.5%提升至2024年的26.2%。",
                    region="台州市", code="331000", published=None, start=2021, end=2025)
    assert [(f.value, f.role) for f in facts] == [(7.9, "observation"), (3100, "observation"),
                                                   (21.5, "observation"), (26.2, "observation")]
    level = facts[1]
    assert (level.indicator_name, level.year, level.kind) == ("规上工业增加值", 2024, "level")
    assert (facts[3].year, facts[3].baseline_value, facts[3].baseline_year) == (2024, 21.5, 2020)


def test_a_region_that_speaks_owns_the_numbers_that_follow():
    facts = extract("苏州市提出，到2025年，数字经济核心产业增加值力争达到5000亿元，占比大于15%。",
                    region="无锡市", code="320200", published=date(2022, 5, 1), start=2021, end=2025)
    assert {f.region_name for f in facts} == {"苏州市"}
    assert facts[1].indicator_name == "数字经济核心产业增加值占比" and facts[1].comparator == ">"


def test_ratio_targets_after_a_narrowing_verb_and_a_milestone_word():
    facts = extract("到2025年，全市地区生产总值突破8000亿元大关，城乡居民收入倍差缩小至1.7以内。",
                    region="衢州市", code="330800", published=date(2021, 9, 1), start=2021, end=2025)
    assert [(f.indicator_name, f.value, f.unit, f.comparator) for f in facts] == [
        ("地区生产总值", 8000, "亿元", ">"), ("城乡居民收入倍差", 1.7, "", "<=")]


def test_a_month_span_still_dates_a_figure():
    (fact,) = extract("2023年1—10月，全市规上工业增加值增长6.1%。", **REPORT)
    assert (fact.role, fact.year, fact.kind) == ("observation", 2023, "rate")


def test_looking_back_over_one_or_five_years_reports_results():
    facts = extract("一年来，全市地区生产总值增长5.8%，达到6300亿元。五年来，规上工业企业由4100家增加到5200家。",
                    **REPORT)
    assert [(f.value, f.role, f.year) for f in facts] == [
        (5.8, "observation", 2023), (6300, "observation", 2023),
        (4100, "observation", 2018), (5200, "observation", 2023)]
    assert (facts[3].baseline_value, facts[3].baseline_year) == (4100, 2018)


def test_a_streak_is_a_result_and_not_part_of_the_indicator():
    facts = extract("营商环境评价连续两年位居全省第3位，跻身全国前50强。", **REPORT)
    assert [(f.indicator_name, f.value, f.comparator, f.role) for f in facts] == [
        ("营商环境评价", 3, "=", "observation"), ("营商环境评价", 50, "<=", "observation")]


def test_a_count_after_gong_you():
    (fact,) = extract("截至2023年底，全市共有国家级孵化器12家。", **REPORT)
    assert (fact.indicator_name, fact.role, fact.year) == ("国家级孵化器", "observation", 2023)


def test_subset_flow_and_clause_local_cumulative():
    facts = extract("到2025年，实际利用外资累计达到60亿美元，接待游客5000万人次，新增供水能力20万立方米/日，"
                    "全市科技企业孵化器达到50家，其中国家级10家。", region="宁波市", code="330200",
                    published=date(2021, 6, 1), start=2021, end=2025)
    got = {f.value: f for f in facts}
    assert got[60.0].kind == "cumulative" and got[5000.0].kind == "level"  # 累计 governs its clause only
    assert (got[20.0].indicator_name, got[20.0].unit) == ("供水能力", "万立方米/日")
    assert got[10.0].indicator_name == "国家级科技企业孵化器"


def test_regions_listed_with_fen_bie_share_the_earlier_indicator():
    facts = extract("到2025年，全省数字经济核心产业增加值占GDP比重达到15%。其中，杭州市数字经济核心产业增加值突破"
                    "7000亿元，宁波、温州分别达到1500亿元和1000亿元。", region="浙江省", code="330000",
                    published=date(2021, 6, 29), start=2021, end=2025)
    got = [(f.region_name, f.indicator_name, f.value) for f in facts[1:]]
    assert got == [("杭州市", "数字经济核心产业增加值", 7000), ("宁波市", "数字经济核心产业增加值", 1500),
                   ("温州市", "数字经济核心产业增加值", 1000)]


def test_one_number_for_a_list_of_regions_gives_one_fact_per_region():
    meta = dict(region="江苏省", code="320000", published=date(2021, 6, 1), start=2021, end=2025)
    facts = extract("到2025年，南京、苏州、无锡三市研发投入强度均超过3.5%。", **meta)
    assert [(f.region_name, f.indicator_name, f.value, f.comparator) for f in facts] == [
        ("南京市", "研发投入强度", 3.5, ">"), ("苏州市", "研发投入强度", 3.5, ">"), ("无锡市", "研发投入强度", 3.5, ">")]
    facts = extract("支持徐州、常州各建设2个数字经济示范区。", **meta)
    assert [(f.region_name, f.indicator_name, f.value) for f in facts] == [
        ("徐州市", "数字经济示范区", 2), ("常州市", "数字经济示范区", 2)]

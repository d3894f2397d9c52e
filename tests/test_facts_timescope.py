"""planextract.facts.timescope and the role/year wiring: targets, observations, periods, outlooks.

Sentences are made up for these tests (not taken from the seed documents)."""
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "extraction"))
from factkit import extract, one  # noqa: E402

from planextract.facts.timescope import time_marks  # noqa: E402

REPORT = dict(published=date(2023, 1, 12), start=2023, end=2023, kind="government_document")


def test_marks_of_a_sentence():
    marks = time_marks("到2025年，全市研发投入比2020年翻一番，“十四五”期间新增企业1000家。")
    assert [(m.year, m.period_start, m.explicit_target) for m in marks] == [(2025, None, True), (2025, 2021, False)]


def test_baseline_years_and_dates_are_not_marks():
    assert time_marks("在2020年的基础上增长20%。") == []
    assert time_marks("较2020年提高5个百分点。") == []
    assert time_marks("2022年3月15日召开新闻发布会。") == []


def test_relative_years_need_the_reference_year():
    assert time_marks("今年地区生产总值增长6%左右。") == []
    (mark,) = time_marks("今年地区生产总值增长6%左右。", 2023)
    assert mark.year == 2023
    (mark,) = time_marks("过去五年，累计新增企业3000家。", 2023)
    assert (mark.year, mark.period_start) == (2022, 2018)
    assert time_marks("比上年增长5%。", 2023) == []


def test_target_year_in_the_sentence():
    f = one("到2027年，全市智能工厂达到80家。")
    assert (f.role, f.year, f.year_inferred) == ("target", 2027, False)


def test_target_year_from_the_paragraph():
    facts = extract("到2024年，全市新增规上企业600家。数字经济核心产业营收达到900亿元。")
    assert [(f.year, f.year_inferred) for f in facts] == [(2024, False), (2024, True)]


def test_target_year_from_the_plan_horizon():
    f = one("全市培育省级未来工厂12家。", start=2021, end=2025)
    assert (f.role, f.year, f.year_inferred) == ("target", 2025, True)


def test_a_new_paragraph_forgets_the_year():
    facts = extract("到2023年，新增上市公司6家。\n全市创建省级工业设计中心8家。", end=2026)
    assert [f.year for f in facts] == [2023, 2026]


def test_period_observation():
    facts = extract("“十三五”期间，全市累计完成工业投资3200亿元，新增国家级专精特新企业45家。")
    assert [(f.role, f.year, f.period_start_year, f.kind) for f in facts] == [
        ("observation", 2020, 2016, "cumulative"), ("observation", 2020, 2016, "increment")]


def test_period_target():
    f = one("“十四五”时期，全市新增上市公司35家。")
    assert (f.role, f.year, f.period_start_year, f.kind) == ("target", 2025, 2021, "increment")


def test_end_of_year_observation():
    f = one("到2020年底，全市拥有高新技术企业3200家。")
    assert (f.role, f.year, f.kind) == ("observation", 2020, "level")


def test_outlook_is_a_target_of_its_own_year():
    facts = extract("到2025年，数字经济增加值达到5000亿元；展望2035年，数字经济增加值达到1万亿元。")
    assert [(f.role, f.year) for f in facts] == [("target", 2025), ("target", 2035)]


def test_outlook_does_not_become_the_paragraph_year():
    facts = extract("展望2035年，基本建成现代化产业体系。全市新增上市公司10家。", end=2025)
    assert [f.year for f in facts] == [2025]


def test_work_report_results_and_targets():
    text = ("2022年，全市地区生产总值增长3.8%，规上工业增加值达到2600亿元。"
            "2023年，全市地区生产总值增长5.5%左右，一般公共预算收入增长5%。")
    facts = extract(text, **REPORT)
    assert [(f.value, f.role, f.year) for f in facts] == [
        (3.8, "observation", 2022), (2600, "observation", 2022), (5.5, "target", 2023), (5, "target", 2023)]


def test_work_report_relative_years():
    facts = extract("过去一年，全市新增高新技术企业620家。今年主要预期目标是：地区生产总值增长6%左右，"
                    "城镇新增就业9万人。", **REPORT)
    assert [(f.value, f.role, f.year) for f in facts] == [
        (620, "observation", 2022), (6, "target", 2023), (9, "target", 2023)]


def test_review_of_five_years():
    facts = extract("过去五年，全市累计引进外资150亿美元，地区生产总值年均增长6.9%。", **REPORT)
    assert [(f.role, f.year, f.period_start_year) for f in facts] == [
        ("observation", 2022, 2018), ("observation", 2022, 2018)]


def test_estimate_for_the_current_year_is_an_observation():
    f = one("预计2021年全市数字经济增加值达到3100亿元。", published=date(2021, 12, 1))
    assert (f.role, f.year) == ("observation", 2021)


def test_late_year_news_of_that_year_is_an_observation():
    f = one("2021年，全市新增小升规企业900家。", published=date(2021, 11, 5))
    assert (f.role, f.year) == ("observation", 2021)


def test_present_state_without_a_year_is_dated_when_the_page_was_written():
    f = one("目前，全市共有省级特色小镇14个。")  # published 2021-12-20
    assert (f.role, f.year, f.year_inferred) == ("observation", 2021, True)
    f = one("目前，全市共有省级特色小镇14个。", published=None, start=None, end=None)
    assert (f.role, f.year) == ("observation", None)  # no date at all: no year


def test_end_of_a_period_is_a_goal_and_its_start_a_baseline():
    from datetime import date
    from tests.fixtures.extraction.factkit import extract
    (goal,) = extract("到“十四五”末，全市研发投入强度达到3.5%。", published=date(2021, 6, 1), start=2021, end=2025)
    assert (goal.role, goal.year, goal.year_inferred) == ("target", 2025, False)


def test_a_quoted_period_that_opens_a_clause_dates_it():
    (mark,) = time_marks("“十四五”贵州省能源投资累计完成4200亿元", 2026)
    assert (mark.year, mark.period_start) == (2025, 2021)
    assert time_marks("“十四五”规划提出，到2025年", 2026)[0].year == 2025  # the plan's name: only 到2025年

"""planextract.facts.extract: the wiring, provenance and the region of each fact.

Sentences are made up for these tests (not taken from the seed documents)."""
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "extraction"))
from factkit import extract, one  # noqa: E402

from planextract.facts import extract_facts  # noqa: E402

WENZHOU = dict(region="温州市", code="330300")
TAIZHOU = dict(region="台州市", code="331000")


def regions(facts):
    return [(f.value, f.region_name, f.region_code) for f in facts]


# ---- wiring ------------------------------------------------------------------------

def test_without_metadata():
    (f,) = extract_facts("到2025年，全市新增上市公司12家。")
    assert (f.role, f.year, f.region_name, f.value) == ("target", 2025, None, 12)


def test_reading_order_and_sentence_provenance():
    text = "第一段没有数字。\n到2025年，新增企业10家，建成园区3个。\n2020年，全市拥有企业500家。"
    facts = extract(text)
    assert [f.value for f in facts] == [10, 3, 500]
    for f in facts:
        assert text[f.sentence_start:f.sentence_start + len(f.source_text)] == f.source_text
        assert f.quote in f.source_text


def test_document_region_by_default():
    f = one("到2025年，全市数字经济增加值达到5000亿元。", **WENZHOU)
    assert (f.region_name, f.region_code) == ("温州市", "330300")


# ---- regions ----------------------------------------------------------------------------

def test_county_level_city_as_subject():
    facts = extract("到2025年，乐清市数字经济核心产业增加值达到300亿元，增长8%。", **WENZHOU)
    assert regions(facts) == [(300, "乐清市", "330382"), (8, "乐清市", "330382")]
    assert facts[0].indicator_name == "数字经济核心产业增加值"


def test_short_county_name_within_the_province():
    f = one("2020年，瑞安规上工业增加值达到420亿元。", **WENZHOU)
    assert (f.region_name, f.region_code) == ("瑞安市", "330381")


def test_comparison_article_gives_each_city_its_numbers():
    text = "2022年，杭州市数字经济核心产业增加值5000亿元，增长10%；宁波市数字经济核心产业增加值1800亿元，增长8%。"
    facts = extract(text, region="浙江省", code="330000")
    assert [(f.value, f.region_name) for f in facts] == [
        (5000, "杭州市"), (10, "杭州市"), (1800, "宁波市"), (8, "宁波市")]


def test_regions_listed_with_respectively():
    facts = extract("到2025年，乐清、瑞安数字经济增加值分别达到500亿元和400亿元。", **WENZHOU)
    assert [(f.value, f.region_name, f.indicator_name) for f in facts] == [
        (500, "乐清市", "数字经济增加值"), (400, "瑞安市", "数字经济增加值")]


def test_province_as_subject_then_back_to_the_city():
    facts = extract("2022年，浙江省数字经济增加值达到4万亿元，全市数字经济增加值达到3000亿元。", **WENZHOU)
    assert [(f.value, f.region_name) for f in facts] == [(4, "浙江省"), (3000, "温州市")]


def test_whole_province_is_a_scope_not_a_region():
    facts = extract("到2025年，全市亩均税收和亩均增加值保持全省前3，全省排名第二的指标继续保持。", **WENZHOU)
    assert all(f.region_name == "温州市" for f in facts)
    f = one("到2025年，全省数字经济增加值占比达到60%。", **WENZHOU)
    assert f.region_name == "温州市"


def test_region_inside_an_organisation_or_a_title_is_not_the_fact_region():
    f = one("乐清市人民政府提出，到2025年全市新增上市公司30家。", **WENZHOU)
    assert f.region_name == "温州市"
    f = one("《浙江省数字经济发展“十四五”规划》提出，到2025年全市新增上市公司30家。", **WENZHOU)
    assert f.region_name == "温州市"


def test_region_that_is_not_the_subject_of_the_number():
    f = one("到2025年，全市数字经济增加值占浙江省比重达到10%。", **WENZHOU)
    assert f.region_name == "温州市"
    f = one("积极对接上海、杭州等城市，到2025年引进科创项目50个。", **WENZHOU)
    assert f.region_name == "温州市"


def test_a_list_of_regions_with_its_own_verb_does_not_own_later_numbers():
    f = one("黄岩、临海分别列入省级试点名单，新增3个国家级专项。", **TAIZHOU)
    assert f.region_name == "台州市"


def test_brand_named_after_the_city():
    f = one("台州制造品牌影响力提升，到2025年新增品字标企业100家。", **TAIZHOU)
    assert (f.region_name, f.region_code) == ("台州市", "331000")
    f = one("温州制造品牌影响力提升，到2025年新增品字标企业100家。", **TAIZHOU)
    assert f.region_name == "台州市"


def test_region_heading_with_colon():
    f = one("杭州市：数字经济核心产业增加值5000亿元。", region="浙江省", code="330000")
    assert f.region_name == "杭州市"


def test_a_total_of_listed_regions_is_one_fact_of_the_document_region():
    (f,) = extract("2022年，南宁、北海、钦州、防城港等4个城市的地区生产总值达9777.6亿元。",
                   region="广西壮族自治区", code="450000")
    assert (f.value, f.region_name) == (9777.6, "广西壮族自治区") and "地区生产总值" in f.indicator_name
    each = extract("2022年，南宁、柳州两市研发投入强度均超过2%。", region="广西壮族自治区", code="450000")
    assert [(f.value, f.region_name) for f in each] == [(2, "南宁市"), (2, "柳州市")]


def test_the_votes_of_a_congress_are_not_facts_of_its_plan():
    facts = extract("大会应到代表602人，以99.3%的赞成率审查通过了《纲要》。《纲要》提出，到2025年地区生产总值达到3.5万亿元。")
    assert [(f.value, f.unit) for f in facts] == [(3.5, "万亿元")]


def test_a_rank_in_the_world():
    facts = extract("2025年，全省花卉产量全球第一，咖啡产量全国第一。", published=date(2026, 1, 20))
    assert [(f.value, f.kind) for f in facts] == [(1, "rank"), (1, "rank")]


def test_a_level_reached_over_a_period_stays_a_level_and_money_spent_over_it_adds_up():
    facts = extract("“十三五”期间，全市地区生产总值突破2000亿元，完成固定资产投资超过8000亿元。",
                    published=date(2021, 2, 1), start=2021, end=2025)
    assert [(f.value, f.kind) for f in facts] == [(2000, "level"), (8000, "increment")]


def test_counts_that_frame_a_statement_are_not_figures_of_each_region():
    text = ("今年8月，河北省11个设区市中，秦皇岛、承德、张家口、廊坊、保定、沧州、邢台7个设区市达到国家空气质量二级标准"
            "(35微克/立方米)。")
    facts = extract(text, region="河北省", code="130000", published=date(2018, 9, 4))
    assert [(f.value, f.unit, f.region_name) for f in facts] == [(7, "个", "河北省")]


def test_all_the_regions_of_a_place_are_the_subject_not_a_figure():
    facts = extract("上半年，全省118个县(市)实现生产总值11268.4亿元，同比增长6.3%。", region="河北省", code="130000",
                    published=date(2023, 8, 1))
    assert [(f.value, f.unit) for f in facts] == [(11268.4, "亿元"), (6.3, "%")]


def test_counts_of_a_plans_own_indicators_are_not_figures():
    facts = extract("《纲要》共提出25项主要指标，其中6项达到时序进度。全市新增企业100家。", published=date(2023, 9, 1))
    assert [(f.value, f.unit) for f in facts] == [(100, "家")]

"""planextract.facts.clauses and their wiring: indicators, hedge scope, kinds, per-year, lists.

Sentences are made up for these tests (not taken from the seed documents)."""
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "extraction"))
from factkit import extract, one  # noqa: E402

from planextract.facts import clauses as cl  # noqa: E402


# ---- indicators ---------------------------------------------------------------------

@pytest.mark.parametrize("sentence, indicator", [
    ("到2025年，全市软件业务收入达到800亿元。", "软件业务收入"),
    ("到2025年，建成省级工程研究中心1—2家。", "省级工程研究中心"),
    ("到2025年，全市拥有国家级孵化器15家。", "国家级孵化器"),
    ("到2025年，新增“小升规”企业800家。", "“小升规”企业"),
    ("到2025年，建成200个智慧工厂应用场景。", "智慧工厂应用场景"),
    ("到2025年，数字经济增加值占GDP比重达到55%。", "数字经济增加值占GDP比重"),
    ("到2025年, 全市工业增加值达到3000亿元; 新增上市公司(含新三板)20家.", None),
])
def test_indicator(sentence, indicator):
    facts = extract(sentence)
    if indicator is None:  # ASCII punctuation: both facts, no punctuation as an indicator
        assert [f.indicator_name for f in facts] == ["工业增加值", "上市公司(含新三板)"]
    else:
        assert [f.indicator_name for f in facts] == [indicator]


def test_clean_indicator():
    assert cl.clean_indicator("到2025年，全市规上工业增加值达到") == "规上工业增加值"
    assert cl.clean_indicator("力争新培育") == ""


def test_value_added_is_a_noun_not_a_verb():
    # 增加值 must not make the number an increment nor start a clause of its own
    f = one("到2025年，全市数字经济增加值1000亿元左右。")
    assert (f.kind, f.comparator) == ("level", "~")
    assert cl.governing_verb("数字经济增加值") is None
    assert not cl.has_own_verb("工业增加值")


# ---- hedges ----------------------------------------------------------------------------

def test_hedge_at_sentence_start_covers_everything():
    facts = extract("力争到2025年，全市集成电路产业规模达到300亿元，培育龙头企业10家。")
    assert [f.is_aspirational for f in facts] == [True, True]


def test_hedge_after_the_year_covers_the_sentence_also_after_a_semicolon():
    facts = extract("到2025年，力争数字经济核心产业营收突破3000亿元；新增上市公司20家。")
    assert [f.is_aspirational for f in facts] == [True, True]


def test_hedge_inside_a_sentence_covers_its_clause_and_list_only():
    facts = extract("到2025年，全市新增高新技术企业1000家，争创国家级专精特新企业50家、"
                    "省级单项冠军30家，认定市级研发中心200家。")
    assert [(f.value, f.is_aspirational) for f in facts] == [(1000, False), (50, True), (30, True), (200, False)]


def test_no_hedge():
    f = one("到2025年，全市工业投资达到900亿元。")
    assert not f.is_aspirational


@pytest.mark.parametrize("hedge", ["力争", "争取", "努力"])
def test_hedge_words(hedge):
    f = one(f"到2025年，{hedge}全市数字贸易额达到600亿元。")
    assert f.is_aspirational


# ---- kinds --------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, kind, per_year", [
    ("到2025年，数字贸易额达到800亿元。", "level", False),
    ("到2025年，数字经济增加值占GDP比重达到55%。", "share", False),
    ("到2025年，规上工业增加值年均增长6.5%。", "rate", True),
    ("到2025年，研发经费支出增速达到12%。", "rate", False),
    ("到2025年，单位工业增加值能耗降幅达到15%。", "rate", False),
    ("到2025年，单位GDP二氧化碳排放下降18%。", "rate", False),
    ("到2025年，新增国家级孵化器6家。", "increment", False),
    ("到2025年，新引进高层次人才500名。", "increment", False),
    ("到2025年，培育省级隐形冠军40家。", "increment", False),
    ("到2025年，累计培育雄鹰企业30家。", "cumulative", False),
    ("到2025年，每年新增省级以上研发机构20家。", "increment", True),
    ("到2025年，年均新增规上企业300家。", "increment", True),
    ("到2025年，全市拥有国家级孵化器15家。", "level", False),
    ("到2025年，智能制造水平位居全省前5。", "rank", False),
])
def test_kinds(sentence, kind, per_year):
    f = one(sentence)
    assert (f.kind, f.per_year) == (kind, per_year)


def test_percentage_points_are_an_increment():
    f = one("到2025年，高新技术产业增加值占规上工业比重提高3个百分点。")
    assert (f.value, f.unit, f.kind) == (3, "个百分点", "increment")


def test_increment_has_a_period_start():
    f = one("到2025年，新增国家级孵化器6家。", start=2021, end=2025)
    assert f.period_start_year == 2021
    f = one("到2025年，数字贸易额达到800亿元。")
    assert f.period_start_year is None


# ---- lists -------------------------------------------------------------------------------------

def test_respectively_pairs_numbers_with_indicators():
    facts = extract("到2025年，汽车、装备产业占全市工业比重分别达到20%和25%。")
    assert [(f.indicator_name, f.value) for f in facts] == [
        ("汽车产业占全市工业比重", 20), ("装备产业占全市工业比重", 25)]


def test_respectively_with_two_full_indicators_and_a_trailing_comparator():
    facts = extract("到2025年，规上工业总产值和数字经济增加值分别达到8000亿元、3000亿元以上。")
    assert [(f.indicator_name, f.value, f.comparator) for f in facts] == [
        ("规上工业总产值", 8000, ">="), ("数字经济增加值", 3000, ">=")]


def test_each_gives_one_fact_per_item():
    facts = extract("到2025年，新能源汽车、智能装备产业链各建成省级创新平台2个。")
    assert len(facts) == 2 and all(f.value == 2 for f in facts)


def test_one_rank_shared_by_two_indicators():
    facts = extract("到2025年，亩均税收和亩均增加值保持全省前3。")
    assert [(f.indicator_name, f.value, f.kind) for f in facts] == [
        ("亩均税收", 3, "rank"), ("亩均增加值", 3, "rank")]


def test_list_of_counts_in_one_clause():
    facts = extract("到2025年，建成省级数字化车间60家、省级智能工厂25家。")
    assert [(f.indicator_name, f.value) for f in facts] == [("省级数字化车间", 60), ("省级智能工厂", 25)]


def test_later_clauses_continue_the_subject():
    facts = extract("全年实现地区生产总值8029.8亿元，按可比价格计算，比上年增长3.7%。")
    assert [(f.indicator_name, f.kind, f.role) for f in facts] == [
        ("地区生产总值", "level", "observation"), ("地区生产总值增长", "rate", "observation")]
    facts = extract("数字经济核心产业增加值1200亿元，同比增长9.6%，占GDP比重达到14.2%。")
    assert [f.indicator_name for f in facts] == [
        "数字经济核心产业增加值", "数字经济核心产业增加值增长", "数字经济核心产业增加值占GDP比重"]


def test_a_generic_head_takes_the_earlier_subject():
    facts = extract("到2025年，新认定国家高新技术企业1200家，总数达6800家。")
    assert [(f.indicator_name, f.kind) for f in facts] == [
        ("国家高新技术企业", "increment"), ("国家高新技术企业总数", "level")]


def test_bare_magnitude_of_a_scale():
    f = one("到2025年，先进制造业形成万亿产业规模。")
    assert (f.value, f.unit) == (1, "万亿元")
    f = one("到2025年，培育形成千亿级产业集群2个。")  # 千亿级 qualifies the counted clusters
    assert (f.indicator_name, f.value, f.unit) == ("千亿级产业集群", 2, "个")


def test_the_three_sectors_and_a_second_list_in_the_same_sentence():
    facts = extract("第一、二、三产业增加值占地区生产总值的比重分别为15.2%、38.1%和46.7%，"
                    "对经济增长的贡献率分别为9.6%、41.3%和49.1%。", published=None)
    names = [f.indicator_name for f in facts]
    assert names[:3] == ["第一产业增加值占地区生产总值的比重", "第二产业增加值占地区生产总值的比重",
                         "第三产业增加值占地区生产总值的比重"]
    assert names[3:] == ["第一产业对经济增长的贡献率", "第二产业对经济增长的贡献率", "第三产业对经济增长的贡献率"]
    assert [f.kind for f in facts] == ["share"] * 6


def test_numbers_listed_before_a_unit_share_it():
    facts = extract("一、二、三产业分别拉动经济增长1.2、2.3、3.1个百分点。", published=None)
    assert [(f.indicator_name, f.value, f.unit, f.kind) for f in facts] == [
        ("第一产业拉动经济增长", 1.2, "个百分点", "rate"), ("第二产业拉动经济增长", 2.3, "个百分点", "rate"),
        ("第三产业拉动经济增长", 3.1, "个百分点", "rate")]


def test_conditions_footnotes_and_acronyms_are_not_part_of_a_name():
    facts = extract("全年地区生产总值[2](GDP)345.9亿元，增长5.9%。人均地区生产总值52321元，按2022年平均汇率计算为7779美元。",
                    published=None)
    assert [(f.indicator_name, f.per_year) for f in facts] == [
        ("地区生产总值", False), ("地区生产总值增长", False), ("人均地区生产总值", False), ("人均地区生产总值", False)]


def test_the_three_industries_listed_by_respectively():
    facts = extract("2023年，三次产业对经济增长的贡献率分别为7.6%、29.9%和62.5%。", published=date(2024, 3, 1))
    assert [f.indicator_name for f in facts] == [
        "第一产业对经济增长的贡献率", "第二产业对经济增长的贡献率", "第三产业对经济增长的贡献率"]


def test_a_step_reached_names_no_indicator():
    f = one("2021年，全省经济总量首次迈上5万亿元新台阶。", published=date(2022, 1, 21))
    assert (f.indicator_name, f.value, f.unit) == ("经济总量", 5, "万亿元")


def test_a_space_after_a_figure_sets_the_next_phrase_apart():
    facts = extract("湖南省能源工作会：完成能源投资3200亿元 电力装机超8000万千瓦", start=2021, end=2025)
    assert [f.indicator_name for f in facts] == ["能源投资", "电力装机"]


def test_grid_connection_and_a_trailing_etc_are_read_as_written():
    facts = extract("2026年，安排风电光伏装机规模3000万千瓦、并网2000万千瓦；推动非常规天然气产量突破200亿立方米等。", start=2026, end=2026)
    assert [f.indicator_name for f in facts][1:] == ["并网", "非常规天然气产量"]


def test_gaoda_and_duoda_are_verbs_not_part_of_the_indicator():
    (f,) = extract("2024年，全省绿色能源可开发总量高达2亿千瓦。", start=2024, end=2024)
    assert f.indicator_name == "绿色能源可开发总量"


def test_a_clause_that_only_qualifies_a_change_keeps_the_subject_before_it():
    facts = extract("2021年，全县地区生产总值增长7.9%，两年平均增长6.2%；乡村人口占总人口比重回落2.2个百分点。",
                    kind="statistical_bulletin", start=2021, end=2021)
    assert [f.indicator_name for f in facts] == ["地区生产总值增长", "地区生产总值两年平均增长", "乡村人口占总人口比重回落"]


def test_an_ellipsis_ends_what_a_number_names_after_it():
    facts = extract("地区生产总值突破2200亿元、粮食年产量稳定在58亿斤左右……在某市人代会上，报告总结了五年的成就。")
    assert [f.indicator_name for f in facts] == ["地区生产总值", "粮食年产量"]

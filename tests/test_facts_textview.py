"""planextract.facts.textview and robustness: traditional characters, full-width and ASCII
punctuation, pinyin glosses, navigation noise. Quotes stay verbatim from the original.

Sentences are made up for these tests (not taken from the seed documents)."""
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "extraction"))
from factkit import extract, one  # noqa: E402

from planextract.facts.textview import make_view  # noqa: E402


def test_plain_simplified_text_is_not_copied():
    view = make_view("到2025年，全市新增企业100家。")
    assert view.offsets is None and view.text == "到2025年，全市新增企业100家。"


def test_full_width_digits_and_percent():
    view = make_view("占比达到６０．５％")
    assert view.text == "占比达到60.5%"
    f = one("到2025年，研發投入佔比達到６０．５％。")
    assert (f.value, f.unit, f.quote) == (60.5, "%", "６０．５％")


def test_traditional_characters_match_but_quote_stays_original():
    text = "到2025年，全市數字經濟增加值達到1.2萬億元，佔GDP比重達到60%以上。"
    facts = extract(text)
    assert [(f.indicator_name, f.value, f.unit) for f in facts] == [
        ("数字经济增加值", 1.2, "万亿元"), ("数字经济增加值占GDP比重", 60, "%")]
    assert facts[0].quote == "1.2萬億元"
    assert text[facts[0].char_start:facts[0].char_end] == facts[0].quote


def test_traditional_hedge_and_rank():
    facts = extract("力爭到2025年，規上工業企業數量達到12000家，綜合實力居全省前三。")
    assert [(f.value, f.unit, f.is_aspirational) for f in facts] == [(12000, "家", True), (3, "位", True)]


def test_pinyin_glosses_are_dropped_for_matching():
    view = make_view("突破1萬(wàn)億(yì)元")
    assert view.text == "突破1万亿元"
    text = "到2025年，全市數字經濟規模突破1萬(wàn)億(yì)元。"
    f = one(text)
    assert (f.value, f.unit, f.comparator) == (1, "万亿元", ">")
    assert f.quote == "1萬(wàn)億(yì)元"


def test_parentheses_that_are_not_glosses_stay():
    view = make_view("新增上市公司(含新三板)20家(DL)")
    assert view.text == "新增上市公司(含新三板)20家(DL)"


@pytest.mark.parametrize("text", [
    "到2025年，全市工业增加值达到3000亿元；新增上市公司（含新三板）20家。",
    "到2025年, 全市工业增加值达到3000亿元; 新增上市公司(含新三板)20家.",
    "到2025年，全市工业增加值达到3000亿元; 新增上市公司(含新三板)20家。",
])
def test_ascii_and_full_width_punctuation_read_alike(text):
    facts = extract(text)
    assert [(f.value, f.unit, f.year) for f in facts] == [(3000, "亿元", 2025), (20, "家", 2025)]
    assert facts[1].indicator_name.startswith("上市公司")


@pytest.mark.parametrize("line", [
    "首页 > 新闻中心 > 政务动态 > 正文",
    "【打印】【关闭】【字体：大 中 小】",
    "版权所有 ©2021 温州市人民政府办公室 浙ICP备05006553号-1 浙公网安备 33030202000123号",
    "主办单位：某市人民政府办公室  网站标识码：3303000001  联系电话：0577-88960000",
    "发布时间：2021-12-20 10:30  来源：某市日报  浏览次数：1234",
    "网站地图 | 联系我们 | 无障碍浏览 第1页 共3页 上一页 下一页",
    "相关链接：【1】【2】【3】  分享到：",
    "地址：某市行政中心1号楼  邮编：325000",
])
def test_navigation_and_footer_noise_gives_no_fact(line):
    assert extract(line) == []


def test_noise_around_a_fact():
    text = ("首页 > 新闻 > 本地\n"
            "到2025年，全市智能工厂达到120家。\n"
            "【打印】【关闭】\n"
            "版权所有 ©2022 某市日报社 浙ICP备12345678号\n")
    facts = extract(text)
    assert [(f.value, f.unit) for f in facts] == [(120, "家")]


def test_page_counters_and_contact_lines_are_not_facts():
    from tests.fixtures.extraction.factkit import extract
    text = "浏览次数：1234次  访问人数：5678人\n本网站累计访问量达到1200万人次\n到2025年，全市新增上市公司20家。"
    facts = extract(text)
    assert [(f.indicator_name, f.value) for f in facts] == [("上市公司", 20)]


def test_text_from_a_pdf_with_a_space_after_the_decimal_point():
    view = make_view("全省地区生产总值 60132. 9 亿元，增长 6. 0%。1. 2025年目标")
    assert view.text == "全省地区生产总值 60132.9 亿元，增长 6.0%。1. 2025年目标"
    text = "2023年，全省地区生产总值 60132. 9 亿元，增长 6. 0%。"
    facts = extract(text, published=date(2024, 3, 1))
    assert [(f.value, f.unit) for f in facts] == [(60132.9, "亿元"), (6.0, "%")]
    assert facts[0].quote == "60132. 9 亿元"


def test_letter_spaced_words_are_read_as_words():
    assert make_view("成 都 、 绵 阳 、 宜 宾3 个市").text == "成都、绵阳、宜宾3 个市"
    assert make_view("政 府 工 作 报 告").text == "政府工作报告"
    assert make_view("指标 单位 2020年").text == "指标 单位 2020年"  # cells of a table stay apart


def test_a_toneless_gloss_repeated_after_one_character_is_dropped():
    view = make_view("經初步核算(suan),全區(qu)(qu)(qu)生產總值565.7億元(yuan)")
    assert view.text == "经初步核算,全区生产总值565.7亿元"
    # an acronym in brackets is no gloss
    assert make_view("研发经费(R&D)投入").text == "研发经费(R&D)投入"

"""planextract.facts.tables: indicator tables in both plain-text layouts.

Tables are made up for these tests (not taken from the seed documents)."""
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "extraction"))
from factkit import extract  # noqa: E402

ROWS = (
    "表2  “十四五”科技创新主要指标\n"
    "序号\t指标名称\t2020年\t2025年\t属性\n"
    "1\t全社会研发投入（亿元）\t300\t500（力争560）\t预期性\n"
    "2\t高新技术产业增加值占规上工业比重（%）\t55.2*\t60以上\t预期性\n"
    "3\t技术合同成交额年均增长（%）\t—\t年均12\t预期性\n"
    "4\t每万人高价值发明专利拥有量（件）\t8.1\t15\t约束性\n"
    "5\t科技体制改革\t—\t取得突破性进展\t预期性\n"
    "6\t区域创新能力排名（位）\t9\t前5\t预期性\n"
    "注：*为2019年数据。\n"
    "下一段正文。\n"
)

CELLS = (
    "主要指标\n"
    "\t指标\n\t单位\n\t2020年\n\t2025年\n\t属性\n"
    "\n"
    "\t1\n\t工业增加值\n\t亿元\n\t2100\n\t3000\n\t预期性\n"
    "\n"
    "\t2\n\t规上工业亩均税收\n\t万元/亩\n\t30\n\t40以上\n\t约束性\n"
)


def by_name(facts):
    out = {}
    for f in facts:
        out.setdefault(f.indicator_name, []).append(f)
    return out


def test_row_per_line_layout():
    facts = by_name(extract(ROWS))
    assert set(facts) == {"全社会研发投入", "高新技术产业增加值占规上工业比重", "技术合同成交额年均增长",
                          "每万人高价值发明专利拥有量", "科技体制改革", "区域创新能力排名"}


def test_unit_from_the_indicator_cell_and_baseline_column():
    (f,) = by_name(extract(ROWS))["每万人高价值发明专利拥有量"]
    assert (f.value, f.unit, f.baseline_value, f.baseline_year, f.year, f.role) == (15, "件", 8.1, 2020, 2025, "target")
    assert f.attribute == "约束性"


def test_stretch_target_is_a_second_aspirational_fact():
    base, stretch = by_name(extract(ROWS))["全社会研发投入"]
    assert (base.value, base.is_aspirational) == (500, False)
    assert (stretch.value, stretch.is_aspirational) == (560, True)
    assert stretch.baseline_value == 300 and stretch.unit == "亿元"


def test_at_least_and_footnote_marker():
    (f,) = by_name(extract(ROWS))["高新技术产业增加值占规上工业比重"]
    assert (f.value, f.comparator, f.kind) == (60, ">=", "share")
    assert (f.baseline_value, f.baseline_year) == (55.2, 2019)


def test_per_year_target_without_baseline():
    (f,) = by_name(extract(ROWS))["技术合同成交额年均增长"]
    assert (f.value, f.per_year, f.kind, f.baseline_value) == (12, True, "rate", None)


def test_non_numeric_target():
    (f,) = by_name(extract(ROWS))["科技体制改革"]
    assert f.value is None and f.attribute == "预期性"


def test_quote_is_the_indicator_cell():
    facts = extract(ROWS)
    for f in facts:
        assert f.quote.startswith(f.indicator_name)


def test_text_after_the_table_is_read_as_text():
    facts = extract(ROWS + "到2025年，新增科技型中小企业3000家。\n")
    assert [f.value for f in facts if f.indicator_name == "科技型中小企业"] == [3000]


def test_cell_per_line_layout_with_unit_column_and_unheaded_number_column():
    facts = by_name(extract(CELLS))
    (a,) = facts["工业增加值"]
    (b,) = facts["规上工业亩均税收"]
    assert (a.value, a.unit, a.baseline_value, a.attribute) == (3000, "亿元", 2100, "预期性")
    assert (b.value, b.unit, b.comparator, b.attribute) == (40, "万元/亩", ">=", "约束性")


def test_a_tab_separated_line_without_an_indicator_header_is_no_table():
    assert extract("地区\t2021年\t2022年\n温州\t12\t15\n") == []


def test_rank_row():
    (f,) = by_name(extract(ROWS))["区域创新能力排名"]
    assert (f.value, f.unit, f.comparator, f.kind, f.baseline_value) == (5, "位", "<=", "rank", 9)


def test_growth_column_gives_yearly_rates_and_bracketed_five_year_totals():
    from tests.fixtures.extraction.factkit import extract
    text = ("表2 主要指标\n类别\t指标\t单位\t2020年\t2025年\t年均增长（累计）\t属性\n"
            "经济\t一般公共预算收入\t亿元\t300\t420\t7左右\t预期性\n"
            "民生\t城镇化率\t%\t60.5\t65\t[4.5]\t预期性\n"
            "绿色\t单位GDP二氧化碳排放降低\t%\t—\t—\t[18]\t约束性\n"
            "注：[ ]内为五年累计数。\n")
    facts = extract(text, published=None)
    got = {(f.indicator_name, f.value, f.unit, f.kind, f.per_year, f.comparator) for f in facts}
    assert ("一般公共预算收入", 420, "亿元", "level", False, "=") in got
    assert ("一般公共预算收入", 7, "%", "rate", True, "~") in got
    assert ("城镇化率", 4.5, "个百分点", "increment", False, "=") in got
    assert ("单位GDP二氧化碳排放降低", 18, "%", "cumulative", False, "=") in got
    assert not any(f.value is None for f in facts)  # the five-year figure is the row's target


# ---- layouts the header recognises (made-up tables) -----------------------------------------

def show_rows(facts):
    return [(f.indicator_name, f.value, f.unit, f.comparator, f.baseline_value, f.baseline_year, f.attribute,
             f.role, f.year) for f in facts]


def test_one_cell_per_line_with_blank_lines_and_sub_rows_column_by_column():
    text = ("“十四五”卫生事业主要指标\n\n指  标\n\n2020年\n\n2025年\n\n属性\n\n一、健康水平\n\n"
            "1.人均预期寿命(岁)\n\n78.2\n\n79以上\n\n预期性\n\n"
            "2.每千人口床位数(张)\n\n其中:城市\n\n农村\n\n6.1\n\n4.2\n\n7.0\n\n5.0\n\n约束性\n\n"
            "3.执业医师数(人)\n\n其中:全科医师数(人)\n\n2100\n\n310\n\n2600\n\n450\n\n预期性\n")
    rows = show_rows(extract(text, published=None))
    assert ("人均预期寿命", 79, "岁", ">=", 78.2, 2020, "预期性", "target", 2025) in rows
    assert ("每千人口床位数（城市）", 7.0, "张", "=", 6.1, 2020, "约束性", "target", 2025) in rows
    assert ("每千人口床位数（农村）", 5.0, "张", "=", 4.2, 2020, "约束性", "target", 2025) in rows
    assert ("执业医师数", 2600, "人", "=", 2100, 2020, "预期性", "target", 2025) in rows
    assert ("全科医师数", 450, "人", "=", 310, 2020, "预期性", "target", 2025) in rows
    assert len(rows) == 5  # the group heading 一、健康水平 gives no fact


def test_pipe_separated_bulletin_table_gives_results_of_the_reporting_year():
    text = ("表1 2022年末人口数及其构成\n指标 | 年末数(万人) | 比重(%) |\n常住人口 | 512.4 | 100.0 |\n"
            "按城乡分 | ||\n城镇 | 301.2 | 58.8 |\n乡村 | 211.2 | 41.2 |\n")
    facts = extract(text, published=date(2023, 3, 1), start=2022, end=2022, kind="statistical_bulletin")
    rows = {(f.indicator_name, f.value, f.unit, f.role, f.year) for f in facts}
    assert ("城镇", 301.2, "万人", "observation", 2022) in rows
    assert ("城镇", 58.8, "%", "observation", 2022) in rows
    assert ("常住人口", 512.4, "万人", "observation", 2022) in rows
    assert not any(f.indicator_name == "按城乡分" for f in facts)


def test_space_separated_rows_with_letter_spaced_labels():
    text = ("指 标 年末数(万人) 比重(%)\n全县户籍人口 85.3 100.0\n男 性 43.6 51.1\n女 性 41.7 48.9\n")
    facts = extract(text, published=date(2023, 3, 1), start=2022, end=2022, kind="statistical_bulletin")
    assert ("男性", 43.6, "万人") in {(f.indicator_name, f.value, f.unit) for f in facts}
    assert ("女性", 48.9, "%") in {(f.indicator_name, f.value, f.unit) for f in facts}


def test_completion_table_gives_a_target_and_a_result_per_row():
    text = ("指标\t单位\t2022年计划目标\t2022年完成情况\n"
            "地区生产总值增长\t%\t6.5左右\t4.1\n"
            "一般公共预算收入\t亿元\t310\t322.5\n")
    facts = extract(text, published=date(2023, 1, 10), start=2023, end=2023)
    got = {(f.indicator_name, f.value, f.role, f.year, f.comparator) for f in facts}
    assert ("地区生产总值增长", 6.5, "target", 2022, "~") in got
    assert ("地区生产总值增长", 4.1, "observation", 2022, "=") in got
    assert ("一般公共预算收入", 322.5, "observation", 2022, "=") in got


def test_target_in_words_fills_its_column_in_a_cell_per_line_table():
    text = ("指标\n2020年\n2025年\n属性\n单位GDP能耗降低（%）\n—\n完成省下达任务\n约束性\n"
            "森林覆盖率（%）\n61.2\n62以上\n约束性\n")
    rows = show_rows(extract(text, published=None))
    assert rows[0][:2] == ("单位GDP能耗降低", None) and rows[0][6] == "约束性"
    assert ("森林覆盖率", 62, "%", ">=", 61.2, 2020, "约束性", "target", 2025) in rows


def test_table_flattened_into_running_text():
    text = ("指标名称计量单位2025年目标值责任单位一、经济发展1 人均地区生产总值万元≥ 9市统计局2 "
            "数字经济核心产业增加值占GDP比重% ≥ 12市经信局3 城镇调查失业率% <5.5市人社局4 "
            "每千人口执业医师数人≥3.2市卫健委5 常住人口城镇化率% ≥686 新建改造农村公路公里≥500市交通局")
    facts = extract(text, published=None, start=None, end=None)
    got = {(f.indicator_name, f.value, f.unit, f.comparator, f.year) for f in facts}
    assert ("人均地区生产总值", 9, "万元", ">=", 2025) in got
    assert ("数字经济核心产业增加值占GDP比重", 12, "%", ">=", 2025) in got
    assert ("城镇调查失业率", 5.5, "%", "<", 2025) in got
    assert ("每千人口执业医师数", 3.2, "人", ">=", 2025) in got
    assert ("常住人口城镇化率", 68, "%", ">=", 2025) in got  # glued to the next row's number 6
    assert ("新建改造农村公路", 500, "公里", ">=", 2025) in got


def test_a_whole_table_on_one_line_of_prose_and_the_prose_around_it():
    text = ("初步核算，全年全县生产总值88.1亿元，增长7.2%。表1 生产总值及构成 单位:亿元 指标名称 | 增加值 | 同比增长% | "
            "地区生产总值 | 88.1 | 7.2 | 其中:第一产业 | 25.3 | 6.1 | 第二产业 | 20.4 | 9.5 | 年末常住人口36万人。")
    facts = extract(text, published=date(2022, 4, 1), start=2021, end=2021, kind="statistical_bulletin")
    got = {(f.indicator_name, f.value, f.unit, f.kind) for f in facts}
    assert ("第一产业", 25.3, "亿元", "level") in got and ("第一产业", 6.1, "%", "rate") in got
    assert ("第二产业", 9.5, "%", "rate") in got
    assert ("年末常住人口", 36, "万人", "level") in got  # prose after the table is still read
    assert sum(1 for f in facts if f.value == 88.1) == 2  # the sentence and the table row


def test_age_bands_name_their_rows():
    text = "指标 | 年末数(万人) | 比重(%) |\n0-17岁 | 12.3 | 21.5 |\n18-34岁 | 14.2 | 24.8 |\n60岁以上 | 9.1 | 15.9 |\n"
    facts = extract(text, published=date(2023, 3, 1), start=2022, end=2022, kind="statistical_bulletin")
    assert ("18-34岁", 14.2, "万人") in {(f.indicator_name, f.value, f.unit) for f in facts}
    assert ("60岁以上", 15.9, "%") in {(f.indicator_name, f.value, f.unit) for f in facts}


def test_an_html_table_left_in_a_text_file():
    text = ("到2025年，主要目标如下：\n<table><tr><td>指标</td><td>单位</td><td>2020年</td><td>2025年</td><td>属性</td></tr>\n"
            "<tr><td rowspan=2>经济发展</td><td>地区生产总值</td><td>亿元</td><td>2150</td><td>3000以上</td><td>预期性</td></tr>\n"
            "<tr><td><p>研发经费投入强度</p></td><td>%</td><td>1.8</td><td>2.5</td><td>预期性</td></tr></table>\n"
            "到2025年，新增高新技术企业200家。")
    facts = extract(text, published=None)
    rows = {(f.indicator_name, f.value, f.unit, f.comparator, f.baseline_value, f.attribute) for f in facts}
    assert ("地区生产总值", 3000, "亿元", ">=", 2150, "预期性") in rows
    assert ("研发经费投入强度", 2.5, "%", "=", 1.8, "预期性") in rows
    assert ("高新技术企业", 200, "家", "=", None, None) in rows
    assert len(facts) == 3
    for f in facts:
        assert "<" not in f.indicator_name


PANEL = (
    "初步核算，2022年某市实现地区生产总值29129.03亿元，比上年增长2.6%。\n"
    "年份/各区县 | 2022年GDP | 2021年GDP | 2020年GDP |\n"
    "重庆市 | 29129.03 | 27894.02 | 25041.43 |\n"
    "渝北区 | 2297.11 | 2235.61 | 2002.34 |\n"
    "两江新区 | 4000.10 | 3900.20 | 3700.30 |\n"
)


def test_a_panel_of_regions_by_year_gives_one_observation_per_cell():
    facts = [f for f in extract(PANEL, region="重庆市", code="500000", published=date(2023, 3, 1))
             if f.quote != "29129.03亿元" and f.quote != "2.6%"]
    assert len(facts) == 9
    assert {(f.region_name, f.year, f.value) for f in facts} >= {
        ("重庆市", 2022, 29129.03), ("渝北区", 2021, 2235.61), ("两江新区", 2020, 3700.30)}
    assert {f.indicator_name for f in facts} == {"地区生产总值"}
    assert {f.role for f in facts} == {"observation"}
    # the table gives no unit: its figure written in the prose (29129.03亿元) does
    assert {f.unit for f in facts} == {"亿元"}
    yubei = next(f for f in facts if f.region_name == "渝北区" and f.year == 2022)
    assert (yubei.region_code, yubei.quote) == ("500112", "2297.11")
    assert next(f for f in facts if f.region_name == "两江新区").region_code is None


def test_a_table_dumped_column_by_column_pairs_its_labels_and_values():
    text = ("表1 2022年全区规模以上工业增加值分行业增长速度\n指    标 比上年增长%\n规模以上工业\n\n其中:轻工业\n\n重工业\n\n"
            "13\n\n-46.7\n\n13.1\n\n全年原煤产量3695万吨。\n")
    facts = extract(text, kind="statistical_bulletin", start=2022, end=2022, published=None)
    assert [(f.indicator_name, f.value, f.unit, f.kind) for f in facts if f.unit == "%"] == [
        ("规模以上工业", 13, "%", "rate"), ("轻工业", -46.7, "%", "rate"), ("重工业", 13.1, "%", "rate")]


def test_a_product_table_with_letter_spaced_headers_and_rows_without_a_unit():
    text = ("表2 2022年全区主要工业产品产量及其增速\n产品名称 单 位 产  量 比上年增减(±)%\n钢绞线 4833 -9.7\n"
            "洗  煤 万吨 1002 9.02\n")
    facts = extract(text, kind="statistical_bulletin", start=2022, end=2022, published=None)
    got = {(f.indicator_name, f.value, f.unit) for f in facts}
    assert {("钢绞线", -9.7, "%"), ("洗煤", 1002, "万吨"), ("洗煤", 9.02, "%")} <= got


def test_a_table_facts_source_is_its_whole_row_as_written():
    text = "指标 | 2022年 | 比上年增长% |\n常住人口 | 512.4 | 1.0 |\n"
    facts = extract(text, kind="statistical_bulletin", start=2022, end=2022, published=None)
    assert {f.source_text for f in facts} == {"常住人口 | 512.4 | 1.0"}
    assert {f.quote for f in facts} == {"常住人口"}  # the row's label, as the gold quotes table rows


def test_a_restated_figure_names_its_indicator_without_the_restatement():
    facts = extract("2022年全市生产总值经最终核实为6055.41亿元，比初步核算数增加14.69亿元。", published=date(2024, 3, 1))
    assert [f.indicator_name for f in facts] == ["生产总值", "生产总值比初步核算数增加"]

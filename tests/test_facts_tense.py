"""planextract.facts.tense and its wiring: goal or result, and which year, read per clause.

Sentences are made up for these tests (one per phenomenon, negatives beside them); none is
taken from the seed or dev documents."""
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "extraction"))
from factkit import extract, one  # noqa: E402

JANUARY_REPORT = dict(published=date(2024, 1, 20), start=2024, end=2024, kind="news")
NOVEMBER_NEWS = dict(published=date(2025, 11, 20), start=2021, end=2025, kind="news")


def roles(facts):
    return [(f.value, f.role, f.year) for f in facts]


# ---- relative years against the page's date -----------------------------------------

def test_last_year_reports_and_this_years_first_half_reports_too():
    facts = extract("去年全市实现旅游收入820亿元，增长12.5%；今年上半年实现旅游收入510亿元。",
                    published=date(2019, 8, 3), start=2019, end=2023)
    assert roles(facts) == [(820, "observation", 2018), (12.5, "observation", 2018), (510, "observation", 2019)]


def test_an_estimate_late_in_the_year_is_a_result_and_early_in_the_year_a_plan():
    (late,) = extract("到今年底，全市地区生产总值预计可达3200亿元。", **NOVEMBER_NEWS)
    assert (late.role, late.year) == ("observation", 2025)
    (early,) = extract("2024年全省地区生产总值预计增长5%左右。", **JANUARY_REPORT)
    assert (early.role, early.year) == ("target", 2024)


def test_a_january_work_report_sets_this_years_goals_and_reports_last_years_results():
    facts = extract("2023年全省地区生产总值增长4.6%。2024年，全省地区生产总值增长5%左右，"
                    "城镇新增就业40万人。", **JANUARY_REPORT)
    assert roles(facts) == [(4.6, "observation", 2023), (5, "target", 2024), (40, "target", 2024)]


def test_a_statement_of_goals_governs_the_list_after_it():
    facts = extract("会议提出，今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，"
                    "城镇新增就业12万人，粮食产量保持在300亿斤以上。", **JANUARY_REPORT)
    assert [f.role for f in facts] == ["target", "target", "target"]
    assert facts[2].unit == "亿斤" and facts[2].comparator == ">="


# ---- periods -----------------------------------------------------------------------

def test_a_period_that_has_ended_reports_results():
    f = one("“十三五”期间，全市新建5G基站1.2万个。", published=date(2021, 3, 1), start=2021, end=2025)
    assert (f.role, f.year, f.period_start_year, f.kind) == ("observation", 2020, 2016, "increment")


def test_a_period_that_closes_as_the_page_is_written_reports_results():
    f = one("“十四五”期间，全市综合交通投资超过600亿元。", **NOVEMBER_NEWS)
    assert (f.role, f.kind, f.comparator) == ("observation", "increment", ">")


def test_a_period_the_plan_sets_goals_for():
    f = one("“十四五”期间，全市要新增高新技术企业500家。", published=date(2022, 3, 1), start=2021, end=2025)
    assert (f.role, f.year) == ("target", 2025)


def test_a_period_named_inside_an_earlier_clause_dates_only_its_clause():
    facts = extract("2020年，全市实现旅游收入300亿元，近五年年均增长9.5%；拥有A级景区42家。")
    assert [(f.value, f.year, f.kind) for f in facts] == [(300, 2020, "level"), (9.5, 2020, "rate"), (42, 2020, "level")]


# ---- pages without a date ---------------------------------------------------------------

def test_undated_page_reads_relative_years_against_the_plans_first_year():
    facts = extract("截至去年，全省数字经济增加值达1.1万亿元。到2025年，全省数字经济增加值达到2万亿元。",
                    published=None, start=2021, end=2025, kind="news")
    assert roles(facts) == [(1.1, "observation", 2020), (2, "target", 2025)]


def test_undated_page_the_plans_horizon_year_is_a_goal_and_an_earlier_year_a_result():
    facts = extract("2025年，全市森林覆盖率达到45%。2023年，全市森林覆盖率为43.1%。",
                    published=None, start=2021, end=2025, kind="news")
    assert roles(facts) == [(45, "target", 2025), (43.1, "observation", 2023)]


def test_undated_review_of_the_plans_period_reports_results():
    text = ("昆明“十四五”发展成就回顾\n"
            "全市地区生产总值突破8000亿元，规上工业增加值年均增长7.2%。")
    facts = extract(text, published=None, start=2021, end=2025, kind="news")
    assert [(f.value, f.role, f.year) for f in facts] == [(8000, "observation", 2025), (7.2, "observation", 2025)]


def test_reviewing_an_earlier_period_does_not_make_a_plan_page_a_review():
    text = ("规划回顾了“十三五”取得的成就，明确了“十四五”主要目标。\n"
            "“十四五”期间，全市地区生产总值年均增长7%以上。")
    f = one(text, published=None, start=2021, end=2025, kind="news")
    assert (f.role, f.per_year) == ("target", True)


# ---- sections and their years ------------------------------------------------------------

def test_section_heading_says_results_and_names_their_year():
    text = "一、2023年工作回顾\n全省一般公共预算收入增长6.8%，进出口总额增长3.1%。\n二、2024年目标任务\n全省地区生产总值增长6%左右。"
    facts = extract(text, published=date(2024, 1, 25), start=2024, end=2024, kind="news")
    assert roles(facts) == [(6.8, "observation", 2023), (3.1, "observation", 2023), (6, "target", 2024)]


def test_a_result_without_a_year_is_dated_when_the_page_was_written():
    f = one("该港现有生产性泊位95个。", published=date(2022, 6, 1), start=2021, end=2025, kind="news")
    assert (f.role, f.year, f.year_inferred) == ("observation", 2022, True)


# ---- words that state goals ---------------------------------------------------------------

def test_planned_projects_are_goals():
    f = one("（1）计划“十四五”期间实施重大水利项目120个。", published=None, start=None, end=None, kind="plan_text")
    assert f.role == "target"
    f = one("（2）行动计划实施以来，全市新增专利授权2000件。", published=date(2023, 5, 1))
    assert f.role == "observation"  # 行动计划 is a name, 以来 a result


def test_statistical_bulletin_figures_are_results_of_its_year():
    text = "全年全市地区生产总值2150.3亿元，比上年增长5.1%。年末常住人口480万人。"
    facts = extract(text, published=date(2023, 3, 20), start=2022, end=2022, kind="statistical_bulletin")
    assert roles(facts) == [(2150.3, "observation", 2022), (5.1, "observation", 2022), (480, "observation", 2022)]


def test_a_figure_measured_against_its_goal_is_a_result():
    facts = extract("对照年初确定的主要目标，地区生产总值6222.5亿元，增长3.7%，超计划目标0.3个百分点。",
                    published=None, start=2021, end=2021, kind="plan_text")
    assert [f.role for f in facts] == ["observation", "observation", "observation"]


def test_now_dates_a_figure_to_the_page_and_a_heading_with_the_headlines_year_does_not():
    text = "2025年全市教育达到全国中上水平\n目前，全市学前教育毛入园率达到91.2%。"
    (f,) = extract(text, published=date(2021, 11, 24), start=2021, end=2025, kind="news")
    assert (f.role, f.year) == ("observation", 2021)


def test_an_undated_page_since_the_start_of_its_period_reviews_it():
    text = "11月14日，记者从新闻发布会获悉，“十四五”以来，全省工业投资占比从17.9%提升至34.2%。"
    facts = extract(text, published=None, start=2021, end=2025, kind="news")
    assert [(f.value, f.role) for f in facts] == [(17.9, "observation"), (34.2, "observation")]


# ---- a news page early in the year ----------------------------------------------------

FEBRUARY_NEWS = dict(published=date(2025, 2, 8), start=None, end=None, kind="news")


def test_figures_without_a_year_early_in_the_year_are_last_years_results():
    facts = extract("中国卫星导航定位协会\n副主任介绍，全会以来成效明显。全市地区生产总值增长5.7%、走在全国前列，"
                    "整车出口突破50万辆，笔记本电脑产量稳居全球第1。", **FEBRUARY_NEWS)
    assert roles(facts) == [(5.7, "observation", 2024), (50, "observation", 2024), (1, "observation", 2024)]


def test_goals_for_the_new_year_name_the_year_or_come_with_a_bound():
    facts = extract("2025年，全市地区生产总值增长6%。培育专精特新企业80家以上，研发投入增长8%左右。",
                    **FEBRUARY_NEWS)
    assert [f.role for f in facts] == ["target", "target", "target"]


def test_goals_a_report_proposes_are_goals():
    facts = extract("政府工作报告指出，2025年全市经济社会发展主要预期目标建议为：地区生产总值增长5%左右，"
                    "一般公共预算收入增长2.1%。", published=date(2025, 1, 12), start=2025, end=2025, kind="news")
    assert [f.role for f in facts] == ["target", "target"]


def test_a_subheading_stays_in_the_section_of_its_heading():
    text = ("各位代表：\n一、2017年工作回顾\n过去一年，全市经济稳中快进。\n（一）工业经济持续增长\n"
            "规模以上工业总产值突破千亿元，达1182.25亿元，增长19.5%。\n二、2018年工作安排\n（一）主要目标\n"
            "地区生产总值增长8%左右。")
    facts = extract(text, published=date(2018, 1, 10), start=2018, end=2018, kind="plan_text")
    assert [(f.value, f.role, f.year) for f in facts if f.unit != "千亿元"] == [
        (1182.25, "observation", 2017), (19.5, "observation", 2017), (8, "target", 2018)]


def test_goals_that_will_show_results_do_not_make_a_page_a_review():
    # 取得明显成效 inside a list of goals is not a look back at a finished period
    facts = extract("到2015年，经济区的主要目标是：\n——资源节约环境保护取得明显成效。森林覆盖率达到45%以上。\n"
                    "到2020年，地区生产总值力争比2015年翻一番。", published=None, start=None, end=2020, kind="news")
    assert [(f.value, f.role, f.year) for f in facts if f.unit == "%"] == [(45, "target", 2015)]


def test_news_of_a_work_report_reports_last_year_and_lists_this_years_goals():
    text = ("1月25日，代省长在省人民代表大会上作政府工作报告时表示，全省地区生产总值达到1.78万亿元。\n"
            "今年，全省将接续办好15件民生实事。具体包括：\n建设100个口袋公园。\n加装农村公路安全护栏4000公里。")
    facts = extract(text, published=date(2021, 1, 25), start=2021, end=2021, kind="news")
    assert [(f.value, f.role) for f in facts] == [
        (1.78, "observation"), (15, "target"), (100, "target"), (4000, "target")]


def test_securing_funds_in_a_year_under_review_is_a_result_not_a_hedge():
    facts = extract("2023年工作回顾\n这一年，全年完成投资88.5亿元；争取上级资金12.4亿元；签约项目31个。",
                    published=date(2024, 1, 20), start=2024, end=2024, kind="plan_text")
    assert [(f.value, f.role, f.is_aspirational) for f in facts if f.value == 12.4] == [(12.4, "observation", False)]
    # a hedge on any other goal stays one
    (goal,) = extract("到2025年，争取林业投资达到46亿元以上。", start=2021, end=2025)
    assert (goal.role, goal.is_aspirational) == ("target", True)


def test_a_year_inside_a_bracketed_aside_is_not_the_time_of_the_figures():
    facts = extract("2024年经济社会发展的主要预期目标建议为：一般公共预算支出（扣除2023年灾后重建专项资金支出外）增长4%以上；"
                    "规模以上工业增加值增长10%以上。", published=date(2024, 1, 20), start=2024, end=2024, kind="plan_text")
    assert [(f.value, f.role, f.year) for f in facts] == [(4, "target", 2024), (10, "target", 2024)]


def test_a_slogan_heading_set_apart_with_spaces_names_the_year_under_review():
    text = ("各位代表：\n现在，我代表市人民政府向大会报告工作。\n"
            "2023年全市上下团结奋斗 攻坚克难 交出了一份高质量发展的优异成绩单\n"
            "过去的一年，成绩殊为不易。\n"
            "（一）经济实力实现新跃升。地区生产总值完成3204.5亿元、增长5.8%。\n")
    facts = extract(text, start=2024, end=2024, published=date(2024, 2, 1), kind="plan_text")
    assert [(f.value, f.role, f.year) for f in facts] == [(3204.5, "observation", 2023), (5.8, "observation", 2023)]


def test_an_undated_page_that_opens_looking_ahead_from_a_year_sets_that_years_goals():
    text = ("2026年长沙在经济发展、城市治理和民生改善等方面将呈现以下变化：\n"
            "一、经济高质量发展\n"
            "预计GDP增长5.5%左右，规上工业增加值增长7%。\n"
            "二、城市治理\n"
            "新增1000公顷城市绿地。\n")
    facts = extract(text)
    assert [(f.value, f.role, f.year) for f in facts] == [(5.5, "target", 2026), (7, "target", 2026), (1000, "target", 2026)]


def test_an_event_told_as_done_dates_an_undated_page_after_it():
    text = ("2024年6月，省林业局与农发行签署了战略合作协议。\n"
            "到2023年底，全省森林覆盖率达到62%，林业产值达到5000亿元。")
    facts = extract(text, published=None, start=None, end=2023, kind="news")
    assert [(f.value, f.role, f.year) for f in facts] == [(62, "observation", 2023), (5000, "observation", 2023)]


def test_a_plans_binding_indicators_listed_are_its_goals():
    facts = extract("在环境质量方面共有3项约束性指标，分别为：细颗粒物浓度达到35微克/立方米，优良天数比例达到80%。",
                    published=date(2021, 11, 24), start=2021, end=2025, kind="news")
    assert [(f.value, f.role, f.year) for f in facts if f.value != 3] == [(35, "target", 2025), (80, "target", 2025)]


def test_the_first_years_of_a_period_date_an_undated_review_after_them():
    text = "“十四五”期间，全省已累计完成交通投资2816亿元。“十四五”前四年，累计新增通车里程700公里以上。"
    facts = extract(text, published=None, start=2021, end=2025, kind="news")
    assert all(f.role == "observation" for f in facts)


def test_a_total_built_so_far_is_a_result():
    facts = extract("全省累计建成5G基站8.4万个，太原骨干直联点运行良好。", published=None, start=2023, end=2023, kind="news")
    assert [(f.value, f.role) for f in facts] == [(8.4, "observation")]


def test_a_numbered_heading_with_a_full_stop_opens_its_section():
    text = ("一、规划背景\n（一）发展基础。\n"
            "1.公共卫生服务体系更加健全。公立精神卫生机构区县覆盖率达89.5%。全市医疗卫生机构20922个。\n")
    facts = extract(text, published=date(2022, 1, 16), start=2021, end=2025, kind="government_document")
    assert [(f.value, f.role) for f in facts] == [(89.5, "observation"), (20922, "observation")]


def test_a_numbered_heading_run_into_its_first_paragraph_still_opens_its_section():
    text = ("一、回顾2023年政府工作——经济稳中有进，信心持续提振刚刚过去的一年，是极为重要的一年。\n"
            "一是经济运行稳中向好。全市生产总值完成3880.3亿元，增长3.8%。\n")
    facts = extract(text, published=date(2024, 1, 30), start=2024, end=2024, kind="plan_text")
    assert [(f.value, f.role, f.year) for f in facts] == [(3880.3, "observation", 2023), (3.8, "observation", 2023)]
    # a numbered item that states figures is no heading
    facts = extract("(1)计划“十四五”期间实施重大项目188个。\n(2)公路总里程超10000公里。", start=2021, end=2025)
    assert {f.role for f in facts} == {"target"}


def test_a_plans_background_chapter_reports_results():
    text = "第一章 发展背景\n第一节 发展特征\n2020年，城市群地区生产总值达到2227.58亿元，含建制镇197个。\n"
    facts = extract(text, published=None, start=None, end=2020, kind="plan_text")
    assert {f.role for f in facts} == {"observation"}


def test_a_numbered_task_item_in_a_report_of_the_years_work_sets_a_goal():
    text = ("1月31日上午，株洲市第十五届人民代表大会第六次会议开幕。以下是从《政府工作报告》中整理出的信息：\n"
            "1.推动建设270公里高速公路和210公里国道绕城项目。\n")
    facts = extract(text, published=date(2021, 3, 5), start=2021, end=2021, kind="news")
    assert {(f.role, f.year) for f in facts} == {("target", 2021)}


def test_a_paragraph_opening_with_tongshi_goes_on_in_the_year_before():
    facts = extract("到“十四五”末，全县地区生产总值要达到200亿元。\n同时，县城建成区面积达到15平方公里，"
                    "城镇化率达到50%。", published=date(2021, 1, 15), start=2021, end=2025, kind="news")
    assert roles(facts) == [(200, "target", 2025), (15, "target", 2025), (50, "target", 2025)]


def test_a_share_of_a_goal_done_is_a_result():
    facts = extract("2024年，全县城镇新增就业1650人，完成目标任务的103.1%。", published=date(2024, 12, 20),
                    start=2024, end=2024, kind="news")
    assert roles(facts) == [(1650, "observation", 2024), (103.1, "observation", 2024)]
    # a goal list introduced by 目标任务： is still goals
    goals = extract("2025年目标任务：地区生产总值增长6%，城镇新增就业1700人。", published=date(2025, 1, 10),
                    start=2025, end=2025, kind="news")
    assert [f.role for f in goals] == ["target", "target"]


def test_a_result_over_an_open_period_is_of_the_year_written():
    facts = extract("“十四五”期间，全省已累计完成交通固定资产投资2816亿元，完成总规划目标的88%。",
                    published=date(2024, 12, 11), start=2021, end=2025, kind="news")
    assert roles(facts) == [(2816, "observation", 2024), (88, "observation", 2024)]


def test_an_undated_news_page_about_no_plan_reports_what_is():
    facts = extract("据电网公司数据显示，全省清洁能源装机容量约1.2亿千瓦，占比超过九成。",
                    published=None, start=None, end=None, kind="news")
    assert [f.role for f in facts] == ["observation", "observation"]  # 1.2亿千瓦 and 九成
    # its goals still read as goals
    goal = one("该省力争清洁能源装机容量达到1.5亿千瓦。", published=None, start=None, end=None, kind="news")
    assert goal.role == "target"
    # an undated plan text with no horizon keeps its figures as goals
    plan = one("全省清洁能源装机容量达到1.5亿千瓦。", published=None, start=None, end=None, kind="plan_text")
    assert plan.role == "target"


def test_an_estimate_of_this_year_that_says_jiang_is_still_a_result():
    f = one("预计全年粮食总产量将超过770亿斤。", published=date(2022, 12, 20), start=2023, end=2027, kind="news")
    assert (f.role, f.year) == ("observation", 2022)
    # 将 without an estimate keeps looking ahead
    g = one("到2027年，粮食总产量将超过780亿斤。", published=date(2022, 12, 20), start=2023, end=2027, kind="news")
    assert (g.role, g.year) == ("target", 2027)


def test_an_estimate_to_the_end_of_the_year_being_written_is_a_result():
    facts = extract("预计到2025年底，铁路新增579公里、达到8520公里。", **NOVEMBER_NEWS)
    assert roles(facts) == [(579, "observation", 2025), (8520, "observation", 2025)]
    # in a January page the same words look ahead
    early = extract("预计到2025年底，铁路新增579公里。", published=date(2025, 1, 20), start=2025, end=2025, kind="news")
    assert [f.role for f in early] == ["target"]

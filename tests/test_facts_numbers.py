"""planextract.facts.numbers: quantities, units, comparators, ranks, fractions, and what is not a fact.

Sentences are made up for these tests (not taken from the seed documents)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "extraction"))
from factkit import extract, one  # noqa: E402

from planextract.facts.numbers import find_quantities, to_number  # noqa: E402


def q1(sentence):
    found = find_quantities(sentence)
    assert len(found) == 1, [(q.value, q.unit) for q in found]
    return found[0]


# ---- numbers ----------------------------------------------------------------------

@pytest.mark.parametrize("sentence, value, unit", [
    ("全年软件业务收入达到1,234.5亿元。", 1234.5, "亿元"),
    ("跨境电商进出口额12,345,678元。", 12345678, "元"),
    ("数字经济核心产业增加值达到两千亿元。", 2000, "亿元"),
    ("规上工业总产值达到1.2万亿元。", 1.2, "万亿元"),
    ("全社会研发投入达到三百亿元。", 300, "亿元"),
    ("集成电路产值达到5550 亿元。", 5550, "亿元"),  # a space between number and unit
    ("低效工业用地整治完成2万亩。", 2, "万亩"),
])
def test_numbers_and_magnitudes(sentence, value, unit):
    q = q1(sentence)
    assert (q.value, q.unit) == (value, unit)


def test_full_width_digits_through_the_view():
    f = one("到2025年，全市规上工业企业达到１２３家。")
    assert (f.value, f.unit, f.quote) == (123, "家", "１２３家")


def test_bare_magnitude_breakthrough():
    q = q1("先进制造业集群规模突破万亿大关。")
    assert (q.value, q.unit, q.comparator) == (1, "万亿元", ">")


def test_magnitude_class_is_a_qualifier():
    assert find_quantities("加快培育千亿级产业集群。") == []
    assert find_quantities("打造百亿级龙头企业。") == []


def test_fraction_is_a_percent_share():
    q = q1("高新技术企业数量占比达到三分之二。")
    assert (q.value, q.unit, q.kind_hint) == (66.667, "%", "share")
    assert q1("规上企业覆盖率超过四分之三。").value == 75


@pytest.mark.parametrize("sentence, low, high, unit", [
    ("建成省级创新中心1—2家。", 1, 2, "家"),
    ("新建研究院5-10家。", 5, 10, "家"),
    ("打造未来工厂5至10个。", 5, 10, "个"),
    ("引进外资企业3~5家。", 3, 5, "家"),
])
def test_ranges(sentence, low, high, unit):
    q = q1(sentence)
    assert (q.value, q.value_high, q.unit) == (low, high, unit)


def test_to_number():
    assert to_number("1,234.5") == 1234.5
    assert to_number("两千") == 2000
    assert to_number("十二") == 12


# ---- units --------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, unit", [
    ("实际利用外资12亿美元。", "亿美元"),
    ("培育专精特新企业30家。", "家"),
    ("建成5G基站3000个。", "个"),
    ("制定行业标准25项。", "项"),
    ("有效发明专利2万件。", "万件"),
    ("推广工业机器人1500台。", "台"),
    ("引进高层次人才800名。", "名"),
    ("打造示范产业链12条。", "条"),
    ("研发投入强度达到3.2%。", "%"),
    ("数字经济占比提高2个百分点。", "个百分点"),
    ("亩均税收达到35万元/亩。", "万元/亩"),
    ("工业机器人密度达到300台/万人。", "台/万人"),
    ("全员劳动生产率达到30万元/人。", "万元/人"),
    ("新增工业用地1.5万亩。", "万亩"),
    ("营商环境评价得分达到90分。", "分"),
    ("细颗粒物浓度控制在25微克/立方米以下。", "微克/立方米"),
    ("能源消费总量控制在1200万吨标准煤以内。", "万吨标准煤"),
])
def test_units(sentence, unit):
    assert q1(sentence).unit == unit


def test_fen_in_fenbie_is_not_a_score():
    found = find_quantities("两项指标分别达到20%和25%。")
    assert [q.unit for q in found] == ["%", "%"]


def test_bare_index_after_comparator():
    q = q1("区域创新能力指数不低于1.5。")
    assert (q.value, q.unit, q.comparator) == (1.5, "", ">=")
    assert find_quantities("产业链条更加完善，形成3大板块。") == []


# ---- ranks ----------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, value, comparator", [
    ("地区生产总值居全省第6位。", 6, "="),
    ("数字经济发展指数位居全省前3。", 3, "<="),
    ("政府数字化水平居全省前三。", 3, "<="),
    ("综合评价列全国地级市第二。", 2, "="),
])
def test_ranks(sentence, value, comparator):
    q = q1(sentence)
    assert (q.value, q.unit, q.comparator, q.kind_hint) == (value, "位", comparator, "rank")


def test_rank_words_that_are_not_ranks():
    assert find_quantities("稳居全国第一方阵。") == []
    assert find_quantities("走在全省前列。") == []


# ---- comparators -----------------------------------------------------------------------

@pytest.mark.parametrize("sentence, comparator", [
    ("研发投入强度达到3%以上。", ">="),
    ("森林覆盖率不低于61%。", ">="),
    ("高新技术企业至少200家。", ">="),
    ("工业投资超500亿元。", ">"),
    ("服务企业超过3000家。", ">"),
    ("跨境电商交易额突破300亿元。", ">"),
    ("新能源汽车产量逾10万辆。", ">"),
    ("安全事故死亡人数20人以下。", "<="),
    ("单位能耗下降率不超过13.5%。", "<="),
    ("城镇调查失业率控制在5.5%以内。", "<="),
    ("工业企业亏损面低于10%。", "<"),
    ("外贸依存度不足30%。", "<"),
    ("数字经济增加值1000亿元左右。", "~"),
    ("研发经费约120亿元。", "~"),
    ("规上工业企业近9000家。", "~"),
    ("新增市场主体10万余户。", "~"),
    ("新增就业2000余人。", "~"),
    ("数字贸易额达到800亿元。", "="),
    ("网络零售额达1500亿元。", "="),
])
def test_comparators(sentence, comparator):
    q = q1(sentence)
    assert (q.comparator or "=") == comparator


# ---- not facts --------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "深入实施“6+3”产业链提升工程。",
    "加快构建“789+N”现代产业体系。",
    "打造“2135”工业互联网平台体系。",
    "全面推进“3311”人才工程。",
    "用3年时间实现规上企业数字化改造全覆盖。",
    "规划期为2021—2025年。",
    "本通知自2022年3月1日起施行。",
    "详见专栏5和附件2。",
    "围绕8个方面提出12项重点任务。",
    "从4个维度设置18项具体指标。",
])
def test_not_facts(sentence):
    assert find_quantities(sentence) == []


def test_qualifiers_inside_an_indicator_name():
    found = find_quantities("招引30亿元以上重大项目累计达到40个。")
    assert [(q.value, q.unit) for q in found] == [(40, "个")]
    found = find_quantities("新增世界500强投资企业5家。")
    assert [(q.value, q.unit) for q in found] == [(5, "家")]
    found = find_quantities("新引进超10亿元项目15个。")
    assert [(q.value, q.unit) for q in found] == [(15, "个")]


def test_numbered_heading_is_not_a_fact():
    assert extract("（四）培育8个先进制造业集群") == []
    assert extract("二、建设15个数字化示范园区") == []
    assert extract("6. 新增30个智能工厂") == []


def test_half_is_a_fifty_percent_share_only_after_a_measuring_verb():
    from datetime import date
    from tests.fixtures.extraction.factkit import extract
    (fact,) = extract("到2025年，新能源装机占比超过一半。", published=date(2021, 6, 1))
    assert (fact.value, fact.unit, fact.comparator, fact.kind) == (50.0, "%", ">", "share")
    assert extract("一半以上的企业完成改造。", published=date(2021, 6, 1)) == []


def test_numbers_written_in_words_and_ranges_with_repeated_units():
    from datetime import date
    from tests.fixtures.extraction.factkit import extract
    meta = dict(published=date(2023, 2, 1), start=2021, end=2025)
    got = [(f.indicator_name, f.value, f.value_high, f.unit, f.comparator) for f in extract(
        "到2025年，建成智能工厂二十家，企业上云率达到百分之八十五，产值占全国比重近三成，"
        "数字经济规模达到5000亿元至6000亿元，公共充电桩达到1.5万根。", **meta)]
    assert got == [("智能工厂", 20, None, "家", "="), ("企业上云率", 85, None, "%", "="),
                   ("产值占全国比重", 30, None, "%", "~"), ("数字经济规模", 5000, 6000, "亿元", "="),
                   ("公共充电桩", 1.5, None, "万根", "=")]


def test_small_chinese_counts_quoted_names_and_durations_are_not_facts():
    from datetime import date
    from tests.fixtures.extraction.factkit import extract
    text = "严格执行“十条刚性措施”，打造一个国际化中心，请于3个工作日内反馈，实施“三个一批”工程。"
    assert extract(text, published=date(2023, 2, 1)) == []


def test_rank_about_and_annual_average_concentration():
    from datetime import date
    from tests.fixtures.extraction.factkit import extract
    facts = extract("到2025年，PM2.5年均浓度控制在28微克/立方米以内，稳居全国百强县第40位左右。",
                    published=date(2023, 2, 1), start=2021, end=2025)
    assert [(f.value, f.comparator, f.per_year) for f in facts] == [(28, "<=", False), (40, "~", False)]


def test_and_inside_one_indicator_name_is_not_a_list():
    from datetime import date
    from tests.fixtures.extraction.factkit import extract
    facts = extract("2022年，全市软件和信息服务业收入达到5491.2亿元，风电、太阳能发电总装机容量达到300万千瓦。",
                    published=date(2023, 2, 1))
    assert [f.value for f in facts] == [5491.2, 300]


def test_minus_sign_and_a_full_stop_typed_as_decimal_point():
    f = one("全年人口自然增长率为-1.35‰。", published=None)
    assert (f.value, f.unit) == (-1.35, "‰") and f.quote == "-1.35‰"
    assert [f.value for f in extract("2020—2025年，全市投资年均增长8%。")] == [8]  # a range's dash is no sign
    f = one("到2025年，全市空气质量优良天数比率达到93。5%。")
    assert (f.value, f.unit) == (93.5, "%")


def test_traditional_units_of_weight():
    f = one("全年粮食总产量达到650亿斤以上。", published=None)
    assert (f.value, f.unit, f.comparator) == (650, "亿斤", ">=")


def test_a_bare_wan_that_counts_and_a_footnote_star():
    f = one("到2025年，力争贵阳城区常住人口达到490万。")
    assert (f.value, f.unit) == (490, "万")
    f = one("全年城镇新增就业人员4.20*万人。", published=None)
    assert (f.value, f.unit) == (4.2, "万人")
    assert extract("预计投资3万亿元。")[0].unit == "万亿元"  # a magnitude with its unit stays whole


def test_ranks_written_with_spaces_and_shared_by_a_list():
    f = one("2024年，全省工业增加值总量在全国排位提升至第 7 位。", published=None)
    assert (f.value, f.kind) == (7, "rank")
    facts = extract("到2025年，晚熟柑橘、红心猕猴桃、柠檬“三大优势产业”争取做到全国第1。")
    assert [(f.indicator_name, f.value, f.is_aspirational) for f in facts] == [
        ("晚熟柑橘", 1, True), ("红心猕猴桃", 1, True), ("柠檬", 1, True)]


def test_a_number_after_an_ascii_comma_starts_a_clause_but_a_thousands_separator_does_not():
    values = [(q.value, q.unit) for q in find_quantities("该市18个贫困区县全部摘帽,1919个贫困村全部出列,人口1,919万人")]
    assert values == [(18, "个"), (1919, "个"), (1919, "万人")]


def test_a_rank_that_moves_gives_both_ranks():
    values = [q.value for q in find_quantities("2023年，全省地区生产总值全国排名由第六升至第五。")]
    assert values == [6, 5]
    values = [q.value for q in find_quantities("全国排位从第24位跃升到第18位。")]
    assert values == [24, 18]


def test_days_are_counted_only_as_a_count_of_days():
    assert [(q.value, q.unit) for q in find_quantities("全省优良天数68天，同比增加10天。")] == [(68, "天"), (10, "天")]
    assert find_quantities("审批事项30天内办结") == []
    assert [(q.value, q.unit) for q in find_quantities("PM2.5平均浓度38.6微克每立方米")] == [(38.6, "微克每立方米")]


def test_positions_in_a_ranking_written_without_di():
    values = [(q.value, q.kind_hint) for q in find_quantities("全市地区生产总值排名由2015年的53位跃升至47位。")]
    assert values == [(53, "rank"), (47, "rank")]
    assert find_quantities("居住着近7000位百岁老人。") == []  # people, not positions


def test_per_mille_written_in_words():
    (q,) = find_quantities("人口自然增长率控制在千分之四点五以内")
    assert (q.value, q.unit, q.comparator) == (4.5, "‰", "<=")


def test_measures_and_tasks_a_document_lists_are_not_facts():
    from factkit import extract
    assert extract("《实施方案》提出7个方面26条具体措施，到2025年PM2.5平均浓度下降到35微克每立方米。", start=2024, end=2025)[0].unit != "条"
    assert all(f.unit not in ("条", "项") for f in extract("出台支持中小企业发展等六方面53条政策措施，完成50项重点突破任务。"))
    # a count of things built is a fact
    assert [f.value for f in extract("到2025年，新开工高速公路4条。", start=2021, end=2025)] == [4]


def test_a_bare_magnitude_passed_or_broken_is_a_fact_and_a_size_class_is_not():
    facts = extract("到2025年，数字产业主营收入规模过万亿元，打造3个收入规模超千亿元的数字产业集群。", start=2021, end=2025)
    assert [(f.value, f.unit, f.comparator) for f in facts] == [(1.0, "万亿元", ">"), (3.0, "个", "=")]
    (f,) = extract("2024年，全市农林牧渔总产值破千亿元。", start=2024, end=2024)
    assert (f.value, f.unit, f.comparator) == (1.0, "千亿元", ">")
    # 打破 and 通过 are other words, not 破 and 过
    assert [f for f in extract("2024年，企业打破千亿元市场的垄断，通过百亿元基金投资。", start=2024, end=2024)
            if f.unit in ("千亿元", "百亿元")] == []


def test_a_plans_own_indicators_counted_are_not_facts():
    facts = extract("中期调整后，规划主要指标23个，其中预期性指标11个、约束性指标12个；到2015年全省地区生产总值达到3万亿元。",
                    start=2011, end=2015)
    assert [(f.value, f.unit) for f in facts] == [(3, "万亿元")]


def test_a_count_after_a_list_ending_in_deng_is_a_fact_when_the_clause_builds_the_things():
    facts = extract("“十四五”时期，加快建设郑万、渝湘、渝昆等3条高铁827公里。", start=2021, end=2025)
    assert [(f.value, f.unit) for f in facts] == [(3, "条"), (827, "公里")]
    # …等4个核心区城市的地区生产总值: the places a statement ranges over
    facts = extract("2022年，南宁、北海、钦州、防城港等4个核心区城市的地区生产总值达到9777.6亿元。", start=2021, end=2025)
    assert [(f.value, f.unit) for f in facts] == [(9777.6, "亿元")]


def test_a_list_of_ranks_after_fenbie_gives_each_item_its_rank():
    facts = extract("“十四五”期间，全省装备制造业、医药业规模分别位列全国第五、第七。", start=2021, end=2025)
    assert [(f.indicator_name, f.value, f.kind) for f in facts] == [("装备制造业", 5, "rank"), ("医药业规模", 7, "rank")]


def test_years_of_schooling_are_a_count_of_years_not_a_year():
    (f,) = extract("到2025年，劳动年龄人口平均受教育年限达到11.5年以上。", start=2021, end=2025)
    assert (f.indicator_name, f.value, f.unit, f.comparator) == ("劳动年龄人口平均受教育年限", 11.5, "年", ">=")
    assert extract("2023年，全市新增企业，到2025年保持稳定。", start=2021, end=2025) == []


def test_an_age_that_names_a_group_is_not_a_figure():
    facts = extract("到2020年，婴儿死亡率和5岁以下儿童死亡率分别降至5‰和7‰，人均预期寿命达到78岁。"
                    "全市65周岁及以上人口达到120万人。")
    assert [(f.value, f.unit) for f in facts] == [(5, "‰"), (7, "‰"), (78, "岁"), (120, "万人")]


def test_people_counted_in_wan_without_a_unit_of_their_own():
    facts = extract("“十三五”时期，92.22万贫困人口全部脱贫；到2015年，全区减贫人口50万以上。")
    assert [(f.value, f.unit, f.comparator) for f in facts] == [(92.22, "万", "="), (50, "万", ">=")]
    # a count with its own unit is read once, as written
    assert [(f.value, f.unit) for f in extract("全市常住人口320万人。")] == [(320, "万人")]


def test_the_built_up_area_is_a_name_not_a_verb():
    facts = extract("到2025年，建成区面积达到200平方公里，建成区绿化覆盖率达到42%。")
    assert [f.indicator_name for f in facts] == ["建成区面积", "建成区绿化覆盖率"]


def test_counts_of_livestock_flowers_trees_and_courses_have_their_units():
    facts = extract("到2025年，出栏生猪3000万头，鲜切花产量206亿枝，植树1000万棵，打造100门左右示范课程。")
    assert [(f.value, f.unit) for f in facts] == [(3000, "万头"), (206, "亿枝"), (1000, "万棵"), (100, "门")]


def test_a_congress_roll_call_and_a_time_of_day_are_not_figures():
    assert extract("大会应出席代表164人，实到149人，符合法定人数。8时30分，大会开幕。") == []
    assert [(f.value, f.unit) for f in extract("全市营商环境评价得分92.5分。")] == [(92.5, "分")]


def test_the_items_a_page_lists_are_not_a_figure():
    assert extract("解读我市2021年政府工作报告：30条信息干货满满！") == []
    assert extract("以下是小编从《政府工作报告》中整理出的35条与市民生活密切相关的内容。") == []
    assert [(f.value, f.unit) for f in extract("全年新建道路30条。")] == [(30, "条")]

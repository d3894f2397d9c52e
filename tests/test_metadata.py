"""planextract.metadata: one small made-up document per rule, negatives, and the five seeds
against the gold document lines."""
import hashlib
import html
import json
import re
from datetime import date
from pathlib import Path

import frontmatter
import pytest

from planextract.metadata import extract_metadata, doc_number_as_written, parse_date
from planextract.model import ParsedDocument

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "seeds"


def make(text: str, front_matter: dict | None = None, fmt: str = "notice_text",
         html_title: str | None = None) -> ParsedDocument:
    if front_matter and front_matter.get("title"):
        text = str(front_matter["title"]) + "\n" + text
    raw = text.encode("utf-8")
    digest = hashlib.sha256(raw).hexdigest()
    return ParsedDocument(digest[:16], "t.txt", digest, len(raw), "utf-8", fmt, text,
                          front_matter or {}, html_title)


# ----------------------------------------------------------------- government documents

NOTICE = """宁波市人民政府办公厅文件
甬政办发［2022］ 7号
宁波市人民政府办公厅关于印发宁波市新材料
产业集群发展行动方案的通知
各区（县、市）人民政府，市直及部省属驻甬各单位：
《宁波市新材料产业集群发展行动方案》已经市政府同意，现印发给你们，请认真组织实施。
宁波市人民政府办公厅
2022年3月15日
宁波市新材料产业集群发展行动方案
根据《浙江省新材料产业发展“十四五”规划》（浙发改规划〔2021〕200号）精神，制定本方案。
到2024年，全市新材料产业产值突破3000亿元。展望2035年，建成世界级新材料产业集群。
"""


def test_notice_with_issuing_letter():
    m = extract_metadata(make(NOTICE))
    assert m.doc_kind == "government_document"
    assert m.plan_title == "宁波市新材料产业集群发展行动方案"
    assert m.doc_number == "甬政办发［2022］7号"  # as written, spaces removed
    assert m.issuer == "宁波市人民政府办公厅"
    assert (m.region_name, m.region_code) == ("宁波市", "330200")
    assert m.written_date == date(2022, 3, 15) and m.published_date == date(2022, 3, 15)
    # horizon 2024 (展望2035年 does not count); written in March → starts the same year
    assert (m.period_start_year, m.period_end_year) == (2022, 2024)
    assert m.outlet is None


HEADER = """索引号: 11330100/2019-00123 主题分类: 工业
文 号: 杭政函(2019) 88号 阅读版本:
发布机构:
杭州市人民政府
成文日期: 2019-11-28
杭州市人民政府关于加快推进
智能制造发展的实施意见
发布日期: 2019- 12- 05 09: 10 浏览次数:
各区、县（市）人民政府，市政府各部门、各直属单位：
为加快智能制造发展，提出如下意见：到2021年，规上工业企业数字化改造覆盖率达到90%。
"""


def test_header_fields():
    m = extract_metadata(make(HEADER))
    assert m.doc_kind == "government_document"
    assert m.doc_number == "杭政函(2019)88号"
    assert m.issuer == "杭州市人民政府"
    assert m.plan_title == "杭州市人民政府关于加快推进智能制造发展的实施意见"
    assert m.written_date == date(2019, 11, 28)
    assert m.published_date == date(2019, 12, 5)
    assert (m.region_code, m.period_start_year, m.period_end_year) == ("330100", 2020, 2021)


def test_cited_document_number_is_not_the_documents_own():
    text = ("湖州市数字经济发展规划\n"
            "根据《浙江省数字经济发展“十四五”规划》（浙政办发〔2021〕35号）要求，规划期限为2021—2025年。\n"
            "到2025年，数字经济核心产业增加值达到600亿元。\n")
    m = extract_metadata(make(text))
    assert m.doc_number is None
    assert m.doc_kind == "plan_text"
    assert m.plan_title == "湖州市数字经济发展规划"
    assert (m.region_code, m.period_start_year, m.period_end_year) == ("330500", 2021, 2025)
    assert m.issuer is None


def test_doc_number_as_written():
    assert doc_number_as_written("温政发 [2021] 12 号") == "温政发[2021]12号"
    assert doc_number_as_written("浙政办发（2020）5号") == "浙政办发（2020）5号"
    assert doc_number_as_written("无文号") is None


def test_lookahead_year_does_not_set_the_period():
    text = ("衢州市人民政府办公室关于印发衢州市先进制造业集群培育方案的通知\n"
            "各县（市、区）人民政府：\n现将方案印发给你们。\n衢州市人民政府办公室\n2022年11月2日\n"
            "到2025年，集群产值达到2000亿元；远景目标：到2035年全面建成。\n展望2030年，形成万亿产业。\n")
    m = extract_metadata(make(text))
    assert (m.period_start_year, m.period_end_year) == (2023, 2025)
    assert m.plan_title == "衢州市先进制造业集群培育方案"


def test_explicit_period_and_five_year_terms():
    text = "嘉兴市人民政府关于印发《嘉兴市工业“十三五”规划》的通知\n各县（市、区）人民政府：\n"
    m = extract_metadata(make(text))
    assert m.plan_title == "嘉兴市工业“十三五”规划"
    assert (m.period_start_year, m.period_end_year) == (2016, 2020)
    m = extract_metadata(make("舟山市海洋经济发展规划（2023—2027年）\n到2030年，形成……\n"))
    assert (m.period_start_year, m.period_end_year) == (2023, 2027)


def test_chinese_numeral_signature_date():
    assert parse_date("二〇二一年十二月七日") == date(2021, 12, 7)
    assert parse_date("2021年3月1日") == date(2021, 3, 1)


# ----------------------------------------------------------------- news

def test_news_post_with_front_matter():
    fm = {"title": "《绍兴市生物医药产业发展“十四五”规划》出炉", "date": "2021-10-08 21:30:00 +0800",
          "categories": "shaoxingribao", "tags": "绍兴日报新闻"}
    body = "日前，我市出台《生物医药产业发展“十四五”规划》。到2025年，产值突破1000亿元。"
    m = extract_metadata(make(body, fm, "front_matter_html"))
    assert m.doc_kind == "news"
    assert m.plan_title == "绍兴市生物医药产业发展“十四五”规划"
    assert (m.region_name, m.region_code) == ("绍兴市", "330600")
    assert m.issuer is None and m.doc_number is None
    assert m.published_date == date(2021, 10, 8)
    assert (m.period_start_year, m.period_end_year) == (2021, 2025)
    assert m.outlet == "绍兴日报"


def test_news_press_conference_names_the_issuer():
    fm = {"title": "江苏制造业新规划亮相", "author": "新华网", "date": "Mon, 15 Nov 2021 18:40:00 GMT"}
    body = ("11月15日，江苏省政府新闻发布会上，有关负责人介绍了《江苏省“十四五”制造业高质量发展规划》。"
            "江苏省于近期制订了《江苏省“十四五”制造业高质量发展规划》。《规划》提出，到2025年……")
    m = extract_metadata(make(body, fm, "front_matter_html"))
    assert m.doc_kind == "news"
    assert m.plan_title == "江苏省“十四五”制造业高质量发展规划"
    assert m.issuer == "江苏省人民政府"
    assert (m.region_code, m.outlet) == ("320000", "新华网")
    assert m.published_date == date(2021, 11, 16)  # 18:40 GMT is the next day in China


def test_news_naming_the_issuing_office():
    fm = {"title": "金华市人民政府办公室印发《金华市工业互联网发展行动计划》", "date": date(2022, 5, 6),
          "author": "张三", "categories": ["浙中新报"]}
    m = extract_metadata(make("近日，记者获悉……到2024年，建成平台20个。", fm, "front_matter_html"))
    assert m.issuer == "金华市人民政府办公室"
    assert m.plan_title == "金华市工业互联网发展行动计划"
    assert m.outlet == "浙中新报"
    assert m.published_date == date(2022, 5, 6)


def test_parse_front_matter_dates():
    assert parse_date("2021-12-20 13:57:40 +0800") == date(2021, 12, 20)
    assert parse_date("Thu, 09 Sep 2021 15:21:00 GMT") == date(2021, 9, 9)
    assert parse_date("2021- 01- 20 14: 32") == date(2021, 1, 20)


# ----------------------------------------------------------------- seeds against gold

def _html_paragraphs(body: str) -> list[str]:
    body = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", body)
    body = re.sub(r"(?i)<br\s*/?>|</(p|div|h\d|li|tr|table)>", "\n", body)
    body = re.sub(r"(?i)</t[dh]>", "\t", body)
    body = html.unescape(re.sub(r"<[^>]+>", "", body))
    return [line.strip() for line in body.splitlines() if line.strip()]


def _read_seed(path: Path) -> ParsedDocument:
    """A crude stand-in for planextract.documents, enough for metadata."""
    text = path.read_bytes().decode("utf-8")
    if text.lstrip().startswith("---"):
        post = frontmatter.loads(text.lstrip())
        fm = dict(post.metadata)
        return make("\n".join(_html_paragraphs(post.content)), fm, "front_matter_html")
    return make("\n".join(line.strip() for line in text.splitlines() if line.strip()))


SEEDS = sorted(GOLD.glob("*.jsonl"))


def _read_with_documents(path: Path) -> ParsedDocument:
    documents = pytest.importorskip("planextract.documents")
    doc = documents.read_document(path)
    assert isinstance(doc, ParsedDocument), doc
    return doc


@pytest.mark.skipif(not SEEDS, reason="shared/gold/seeds not present")
@pytest.mark.parametrize("reader", [_read_seed, _read_with_documents], ids=["crude", "documents"])
@pytest.mark.parametrize("gold_file", SEEDS, ids=lambda p: p.name[:3])
def test_seed_metadata_matches_gold(gold_file, reader):
    gold = next(json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines()
                if '"type": "document"' in line)
    m = extract_metadata(reader(ROOT / "raw" / "documents" / gold["doc"]))
    predicted = {"doc_kind": m.doc_kind, "plan_title": m.plan_title, "region": m.region_name,
                 "region_code": m.region_code, "issuer": m.issuer, "doc_number": m.doc_number,
                 "published_date": m.published_date.isoformat() if m.published_date else None,
                 "period_start": m.period_start_year, "period_end": m.period_end_year,
                 "outlet": m.outlet}
    expected = {k: gold.get(k) for k in predicted}
    assert predicted == expected


# ----------------------------------------------------------------- web pages saved as text

NEWS_PAGE = """网站首页
下载客户端
登录
贵阳市发布大数据产业“十四五”规划
晨报记者 李明
2022-03-14 09:30
来源:贵阳晨报
近日，贵阳市人民政府办公厅印发《贵阳市大数据产业发展“十四五”规划》，提出到2025年，全市大数据产业规模突破3000亿元。
"""


def test_page_headline_date_and_outlet_from_the_top_lines():
    m = extract_metadata(make(NEWS_PAGE, fmt="plain_text"))
    assert m.doc_kind == "news"
    assert m.published_date == date(2022, 3, 14)
    assert m.outlet == "贵阳晨报"
    assert m.plan_title == "贵阳市大数据产业发展“十四五”规划"
    assert m.issuer == "贵阳市人民政府办公厅"
    assert (m.region_name, m.period_start_year, m.period_end_year) == ("贵阳市", 2021, 2025)


def test_page_header_reader():
    from planextract.pageheader import read_page_header
    h = read_page_header("• 首页\n【广西】南宁市工业振兴三年行动方案\n发布时间 所属行业\n2023-05-06 其他\n正文第一段很长。")
    assert h.headline == "【广西】南宁市工业振兴三年行动方案" and h.date == date(2023, 5, 6)
    h = read_page_header("时间:2022-09-23 23:41:43 | 浏览:596\n本报记者 王五\n正文。")
    assert h.headline is None and h.date == date(2022, 9, 23) and h.byline
    h = read_page_header("《 昆明日报 》( 2024年11月07日 第 01 版 )\n正文。")
    assert h.outlet == "昆明日报" and h.date == date(2024, 11, 7)
    # a body sentence with a date is not the page's date; a section heading is not a headline
    h = read_page_header("2021年12月16日，市政府召开常务会议，审议通过了规划，会议指出要加快发展数字经济，推进产业升级转型。\n（一）发展基础")
    assert h.date is None and h.headline is None


def test_government_work_report_news():
    text = ("2023年河北经济稳中向好\n新闻记者 赵六\n2023-01-13 10:02\n来源:河北新闻网\n"
            "1月13日，河北省省长作政府工作报告。政府工作报告提出，2023年全省生产总值增长6%左右。"
            "政府工作报告还提到，要落实《河北省制造业强省建设行动计划》。")
    m = extract_metadata(make(text, fmt="plain_text"))
    assert m.plan_title == "2023年河北省人民政府工作报告"
    assert m.issuer == "河北省人民政府"
    assert (m.period_start_year, m.period_end_year) == (2023, 2023)


def test_review_of_a_five_year_period_names_the_outline():
    text = "大理州“十四五”经济发展成就回顾\n“十四五”期间，大理州地区生产总值年均增长6%。"
    m = extract_metadata(make(text, fmt="plain_text"))
    assert m.plan_title == "大理白族自治州国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"


def test_issuers_listed_with_short_names_get_full_names():
    text = "近日，四川省经济和信息化厅、发展改革委、科技厅联合印发《四川省工业领域碳达峰实施方案》。"
    m = extract_metadata(make(text, fmt="plain_text"))
    assert m.issuer == "四川省经济和信息化厅、四川省发展和改革委员会、四川省科学技术厅"
    text = "记者获悉，山西省政府办公厅近日印发《山西省数字经济发展规划》。"
    assert extract_metadata(make(text, fmt="plain_text")).issuer == "山西省人民政府办公厅"


def test_plan_named_without_brackets_and_by_its_indicator_table():
    text = "近日，柳州发布先进制造业“十四五”规划，到2025年全市工业总产值达到8000亿元。"
    assert extract_metadata(make(text, fmt="plain_text")).plan_title == "柳州市先进制造业“十四五”规划"
    text = "正文最后一段，说明了规划的主要目标和任务，以及保障措施和实施要求，内容很长很长很长很长很长很长很长很长很长很长。\n“十四五”卫生健康事业发展主要指标表\n指标\t2020年\t2025年"
    assert extract_metadata(make(text, fmt="plain_text")).plan_title == "“十四五”卫生健康事业发展规划"


def test_annual_work_plan_opening_and_city_voice():
    text = ("2024年是关键之年。全市商务工作的总体思路是：坚持稳中求进，落实云南省部署。"
            "主要目标是：社会消费品零售总额增长6%。昆明作为省会城市要发挥作用，我市将加快发展。")
    m = extract_metadata(make(text, fmt="plain_text"))
    assert m.doc_kind == "government_document"
    assert (m.period_start_year, m.period_end_year) == (2024, 2024)
    assert m.region_name == "昆明市"  # 全市/我市 speak: the province is context


def test_statistical_bulletin_by_title_and_by_its_wording():
    text = ("2023年柳州市国民经济和社会发展统计公报\n柳州市统计局 国家统计局柳州调查队\n2024年3月25日\n"
            "初步核算，全年全市地区生产总值3100.5亿元，比上年增长5.2%。")
    m = extract_metadata(make(text, fmt="plain_text"))
    assert m.doc_kind == "statistical_bulletin"
    assert m.plan_title == "2023年柳州市国民经济和社会发展统计公报"
    assert (m.period_start_year, m.period_end_year) == (2023, 2023)
    assert m.issuer == "柳州市统计局、国家统计局柳州调查队" and m.region_name == "柳州市"
    assert m.published_date == date(2024, 3, 25)
    # reprinted without its title: 初步核算 and figures 比上年, section by section
    text = ("2022年是长治发展史上不平凡的一年。\n一、综 合\n初步核算，全年长治地区生产总值2800亿元，比上年增长5.0%。"
            "第一产业增加值比上年增长4.1%；第二产业增加值比上年增长5.5%。长治居民消费价格比上年上涨1.8%。")
    m = extract_metadata(make(text, fmt="plain_text"))
    assert m.doc_kind == "statistical_bulletin" and (m.period_end_year, m.region_name) == (2022, "长治市")
    assert m.plan_title == "长治市2022年国民经济和社会发展统计公报"


def test_an_undated_news_page_on_a_work_report_is_dated_by_the_year_it_plans():
    text = ("1月12日，某省召开人代会，省长作政府工作报告。报告提出，2025年全省地区生产总值增长5%左右。"
            "2024年，广西地区生产总值增长4.2%。")
    m = extract_metadata(make(text, fmt="plain_text"))
    assert m.plan_title == "2025年广西壮族自治区人民政府工作报告"
    assert m.issuer == "广西壮族自治区人民政府" and m.doc_kind == "news"


def test_the_level_of_government_that_speaks_picks_the_region():
    county = ("政府工作报告\n县长 王五\n各位代表：一、2023年工作回顾\n2023年，全县地区生产总值增长6%，"
              "牟定县新增规上企业10户。我县粮食产量稳定。县委县政府坚持…楚雄州发展大局。")
    assert extract_metadata(make(county, fmt="plain_text")).region_name == "牟定县"
    province = ("全省城镇化率达到56%。贵阳、遵义城区人口持续增长，全省县城建设加快，毕节新增就业5万人，"
                "全省新开工改造老旧小区8万户。")
    assert extract_metadata(make(province, fmt="plain_text")).region_name == "贵州省"
    # 居全省第一 compares the city with its province: the city still speaks
    city = "2021年，玉溪市人均生产总值居全省第一，全省排名前列。全市新增高新技术企业50家，我市工业增加值增长9%。"
    assert extract_metadata(make(city, fmt="plain_text")).region_name == "玉溪市"


def test_a_title_that_names_a_district_inside_its_city_is_about_the_district():
    text = "重庆市渝中区人民政府工作报告（2024年）\n各位代表：一、2023年工作回顾\n全区地区生产总值增长6.1%。"
    m = extract_metadata(make(text, fmt="plain_text"))
    assert (m.region_name, m.region_code) == ("渝中区", "500103")
    text = "我区坚持工业强区。江津区地区生产总值超过1400亿元，区委区政府…重庆市部署。"
    assert extract_metadata(make(text, fmt="plain_text")).region_name == "江津区"


def test_issuers_as_news_pages_name_them():
    def issuer(text):
        return extract_metadata(make(text, fmt="plain_text")).issuer
    assert issuer("柳州讯 15日，柳州市委、市政府印发了《关于全力打造先进制造业城市的决定》。") == "中共柳州市委、柳州市人民政府"
    assert issuer("四川省林业厅日前印发的《全省林业产业实施方案》提出，到2025年…") == "四川省林业厅"
    assert issuer("近日，河北省政府办公厅印发通知，制定加快产业集群发展行动方案（2023-2027年）。") == "河北省人民政府办公厅"
    assert issuer("云南是旅游大省，该省近日印发《三年行动》，提出到2025年…") == "云南省人民政府"
    assert issuer("河北出台教育事业发展“十四五”规划\n发布时间:2021-11-03\n到2025年，学前教育毛入园率达到90%。") == "河北省人民政府"
    assert issuer("日前，成都市卫健委发布《健康成都“十四五”规划》。") == "成都市卫生健康委员会"
    assert issuer("日前，我市发布《数字经济发展“十四五”规划》。") is None  # 我市 names no office


def test_report_as_delivered_to_the_congress():
    text = ("政府工作报告\n——2024年2月28日在苍梧县第十七届人民代表大会第四次会议上\n县长 孔某\n各位代表：\n"
            "现在，我代表县人民政府，向大会作政府工作报告。\n一、2023年工作回顾\n全县地区生产总值增长5%。")
    m = extract_metadata(make(text, fmt="plain_text"))
    # the report itself, delivered with no issuing notice: plan_text (GUIDE), dated by its congress
    assert (m.doc_kind, m.region_name, m.published_date) == ("plan_text", "苍梧县", date(2024, 2, 28))
    assert m.plan_title == "2024年苍梧县政府工作报告" and m.issuer == "苍梧县人民政府"


def test_bulletin_issuer_next_to_its_title_or_implied():
    text = "2021年紫云苗族布依族自治县国民经济和社会发展统计公报 紫云自治县统计局 (2022年4月28日) 2021年是关键之年。"
    assert extract_metadata(make(text, fmt="plain_text")).issuer == "紫云自治县统计局"
    text = "2019年交城县国民经济和社会发展统计公报\n初步核算，全年全县地区生产总值比上年增长5%，比上年末增加，比上年下降。"
    assert extract_metadata(make(text, fmt="plain_text")).issuer == "交城县统计局"


def test_every_document_kind_is_accepted_by_the_warehouse():
    """A kind the metadata gives but dbt's accepted_values does not know fails the whole build."""
    import yaml
    from planextract.model import DOC_KINDS
    for path in ("dbt_project/models/staging/_staging.yml", "dbt_project/models/marts/_marts.yml",
                 "dbt_project/models/marts/_contracts.yml"):
        text = (ROOT / path).read_text(encoding="utf-8")
        found = []

        def walk(node):
            if isinstance(node, dict):
                if node.get("name") == "doc_kind":
                    for test in node.get("data_tests", []) or []:
                        if isinstance(test, dict) and "accepted_values" in test:
                            found.append(test["accepted_values"]["arguments"]["values"])
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)
        walk(yaml.safe_load(text))
        assert found and all(sorted(v) == sorted(DOC_KINDS) for v in found), (path, found)


def test_an_undated_work_report_is_the_year_after_the_one_it_reviews():
    text = ("政 府 工 作 报 告\n——在饶阳县第十七届人民代表大会第二次会议上\n饶阳县人民政府县长 李四\n各位代表：\n"
            "一、2021年工作回顾\n2021年，全县生产总值达到102亿元，增长7%。")
    m = extract_metadata(make(text, fmt="plain_text"))
    assert m.plan_title == "2022年饶阳县人民政府工作报告" and m.period_end_year == 2022


def test_a_decade_review_that_reports_where_the_decade_ended_was_written_after_it():
    text = ("7月21日，“这十年·云南”新闻发布会在昆明举行。十年来，云南经济总量从2012年的1.1万亿元增长到2021年的"
            "2.71万亿元，年均增长8.7%。")
    m = extract_metadata(make(text, fmt="plain_text"))
    assert m.published_date == date(2022, 7, 21) and m.published_date_inferred


def test_the_congress_that_hears_a_report_names_its_region_not_the_city_it_meets_in():
    text = ("1月21日，广西壮族自治区第十三届人民代表大会第四次会议在南宁开幕，自治区主席向大会作政府工作报告。"
            "报告提出，2021年全区生产总值增长目标为7.5%以上。南宁市代表团审议。")
    m = extract_metadata(make(text, fmt="plain_text"))
    assert (m.region_name, m.plan_title) == ("广西壮族自治区", "2021年广西壮族自治区人民政府工作报告")


def test_a_delivered_report_of_a_county_with_a_two_character_name():
    text = ("(河北省)2017年蠡县人民政府工作报告(全文)\n公文搜 2021-07-23 10:26:26\n政府工作报告\n"
            "2017年2月22日在蠡县第十七届人民代表大会第一次会议上\n蠡县人民政府代县长 某某\n各位代表：\n"
            "现在，我代表蠡县人民政府向大会作政府工作报告。全省经济稳中向好，全县生产总值96.4亿元。")
    m = extract_metadata(make(text, fmt="plain_text"))
    assert (m.region_name, m.region_code) == ("蠡县", "130635")
    assert m.issuer == "蠡县人民政府"
    assert m.published_date == date(2017, 2, 22)  # the congress's date, not the repost's


def test_a_bulletin_of_a_district_named_after_its_city():
    text = ("阳泉市矿区2022年国民经济和社会发展统计公报\n一、综合\n经核算，全年全区地区生产总值266.9亿元，"
            "同比增长6.5%。全年农作物种植面积159.2公顷，比上年下降0.5%。")
    m = extract_metadata(make(text, fmt="plain_text"))
    assert (m.doc_kind, m.region_name, m.region_code) == ("statistical_bulletin", "矿区", "140303")


@pytest.mark.parametrize("text", [
    "近日，《某省制造业补链强链行动方案》正式出炉。方案明确，到2027年底，全省力争新增1个5000亿级产业。",
    "17日消息，某规划获批复。规划指出，到2015年，经济区地区生产总值达到6000亿元以上。",
    "7月3日，四川发布了一份产业升级方案。到2027年，新兴产业要培育30家以上领军企业。",
    "【中国幕墙网】经济总量小仍是全省面临的主要矛盾。未来五年，工业增加值年均增长15%以上。",
])
def test_a_page_that_tells_of_a_plan_is_news(text):
    assert extract_metadata(make(text, fmt="plain_text")).doc_kind == "news"


def test_the_plan_itself_is_plan_text():
    text = "第一章 发展基础\n第一节 基础条件\n2015年末，区域常住人口1097万人；地区生产总值3715亿元。"
    assert extract_metadata(make(text, fmt="plain_text")).doc_kind == "plan_text"
    report = "政 府 工 作 报 告\n——在某县第十七届人民代表大会第二次会议上\n县长 李某\n各位代表：\n现在，我代表县人民政府向大会报告工作。"
    assert extract_metadata(make(report, fmt="plain_text")).doc_kind == "plan_text"  # 各位代表 is no sender


def test_in_an_autonomous_region_quanqu_is_the_region_unless_a_district_speaks():
    text = ("近日，《2023年全区制造业项目建设年活动实施方案》印发实施。今年广西将大力开展制造业项目建设年活动，"
            "全区新开工项目480项。其中桂林项目数量为81个，桂林总投资达713.43亿元。")
    assert extract_metadata(make(text, fmt="plain_text")).region_name == "广西壮族自治区"
    district = "钦州市钦北区2024年国民经济和社会发展统计公报\n全区地区生产总值增长5%。全区粮食产量增长2%。"
    assert extract_metadata(make(district, fmt="plain_text")).region_name == "钦北区"


def test_a_news_version_of_a_bulletin():
    m = extract_metadata(make("记者从市统计局获悉，2023年温州市地区生产总值9718.9亿元，比上年增长7.3%。全市常住人口976万人。",
                              front_matter={"title": "《2023年温州市国民经济和社会发展统计公报》发布",
                                            "date": "2024-03-25 09:12:00 +0800"}, fmt="news_post"))
    assert (m.issuer, m.published_date, m.plan_title) == (
        "温州市统计局", date(2024, 3, 25), "2023年温州市国民经济和社会发展统计公报")
    m = extract_metadata(make("温州市统计局发布2023年国民经济和社会发展统计公报。2023年温州市地区生产总值9718.9亿元，"
                              "比上年增长7.3%。全市常住人口976万人。", fmt="plain_text"))
    assert m.plan_title == "2023年温州市国民经济和社会发展统计公报"


# ----------------------------------------------------------------- issuers and titles as named

def test_the_speaker_of_a_work_report_is_not_part_of_its_title():
    m = extract_metadata(make("1月15日上午，湖南省第十四届人民代表大会第三次会议开幕，湖南省省长李明作湖南省人民政府工作报告。\n"
                              "报告回顾湖南省2024年工作：全省地区生产总值增长5.1%。"))
    assert m.plan_title == "2025年湖南省人民政府工作报告"
    assert m.issuer == "湖南省人民政府"


def test_a_bulletin_signed_by_bureau_and_survey_team_letter_spaced():
    m = extract_metadata(make("株洲市2023年国民经济和社会发展统计公报\n来源：株洲市统计局\n"
                              "株 洲 市 统 计 局\n国家统计局株洲调查队\n2024年3月20日\n"
                              "初步核算，全年全市地区生产总值3800亿元，比上年增长5.0%。比上年 比上年 比上年"))
    assert m.issuer == "株洲市统计局、国家统计局株洲调查队"


def test_an_office_named_by_its_level_takes_the_region_it_serves():
    m = extract_metadata(make("近日，自治区政府办公厅印发《宁夏回族自治区数字经济三年行动方案》，提出到2025年数字经济规模达到2000亿元。"))
    assert m.issuer == "宁夏回族自治区人民政府办公厅"
    m = extract_metadata(make("近日，省政府办公厅印发通知，制定加快湖南省先进制造业集群发展行动方案(2024-2026年)，一起来看。\n"
                              "到2026年，湖南省先进制造业集群营业收入达到3万亿元。"))
    assert m.issuer == "湖南省人民政府办公厅"
    assert m.plan_title == "加快湖南省先进制造业集群发展行动方案(2024-2026年)"


def test_a_city_body_goes_by_its_city_not_its_province():
    m = extract_metadata(make("近期，湖南省株洲市林业局印发《株洲市林业发展“十四五”规划》。到2025年，森林覆盖率稳定在62%以上。"))
    assert m.issuer == "株洲市林业局"
    # a municipality's district keeps the municipality's name
    m = extract_metadata(make("近期，重庆市渝北区统计局发布数据：2023年全区地区生产总值2200亿元，比上年增长6%。"))
    assert not (m.issuer or "").startswith("渝北区")


def test_a_region_outline_and_a_work_report_are_their_governments():
    m = extract_metadata(make("2024年夏县政府工作报告\n一、2023年工作回顾\n各位代表：全县地区生产总值增长6%。"))
    assert m.issuer == "夏县人民政府"


def test_a_page_naming_no_plan_period_covers_the_years_of_its_figures():
    from planextract.pipeline import process_document
    meta, facts = process_document(make("记者从市统计局获悉，2023年全市地区生产总值达到1200亿元，同比增长6.1%；"
                                         "2022年全市地区生产总值为1130亿元。"))
    assert meta.period_end_year == 2023 and meta.period_start_year == 2022


def test_a_broken_report_title_line_is_not_the_plan():
    m = extract_metadata(make("湖南省人民政府\n关于十四五规划和二○三五年远景目标纲要\n实施情况中期评估的报告\n"
                              "受省政府委托，现将《湖南省国民经济和社会发展第十四个五年规划和二○三五年远景目标纲要》实施情况中期评估报告如下。"))
    assert m.plan_title == "湖南省国民经济和社会发展第十四个五年规划和二○三五年远景目标纲要"


def test_a_plan_implemented_far_down_a_page_is_a_programme_not_its_subject():
    m = extract_metadata(make("湖南省“十三五”成绩单公布。" + "全省经济稳步增长，民生持续改善。" * 12 +
                              "通过实施以数字化为引领的创新驱动发展战略行动计划，集聚企业3000余家。"))
    assert "行动计划" not in (m.plan_title or "")


@pytest.mark.parametrize("text", [
    "根据文件显示，“十四五”期间，湖南将优先布局新能源开发，到2025年装机达到5000万千瓦。",
    "【湖南公布环保整改方案】《整改方案》要求确保空气质量明显改善，到2025年PM2.5平均浓度下降10%。",
])
def test_a_page_quoting_a_plan_by_name_tells_of_it(text):
    assert extract_metadata(make(text)).doc_kind == "news"


def test_a_plan_speaking_of_itself_stays_plan_text():
    text = "湖南省新能源发展规划\n本规划提出，到2025年，全省新能源装机达到5000万千瓦。"
    assert extract_metadata(make(text)).doc_kind == "plan_text"


def test_a_work_report_looking_back_on_the_past_year_is_the_next_years_report():
    m = extract_metadata(make("各位代表：\n现在，我代表市人民政府向大会报告工作。\n"
                              "2023年全市上下团结奋斗 交出了一份优异成绩单\n过去的一年，成绩殊为不易。"
                              "株洲市地区生产总值完成3204.5亿元。"))
    assert m.period_end_year == 2024


def test_the_government_that_reports_says_which_it_is():
    m = extract_metadata(make("各位代表：\n现在，我代表市人民政府向大会报告工作。\n"
                              "2023年全市地区生产总值增长5.6%，增速居全省第一；全省各市中，株洲市工业增加值增长7%。"))
    assert m.region_name == "株洲市"


def test_a_county_that_names_itself_by_its_short_name():
    m = extract_metadata(make("2023年政府工作报告\n各位代表：\n过去一年，是黎平发展史上极不平凡的一年。全县上下在黔东南州委的坚强领导下，"
                              "县委县政府团结带领全县人民，赋予黎平全新发展定位，全县地区生产总值增长4.5%。"))
    assert m.region_name == "黎平县"


def test_a_districts_work_report_is_titled_with_its_city():
    m = extract_metadata(make("一、2023年工作回顾\n二、2024年重点工作\n各位代表：我代表区人民政府向大会报告工作。"
                              "区委带领全区人民，五华区地区生产总值增长6%，全区固定资产投资增长8%。\n昆明市五华区"))
    assert m.plan_title == "2024年昆明市五华区人民政府工作报告"


def test_a_ranking_page_and_a_bulletin_signed_atop_the_page():
    assert extract_metadata(make("2023年湖南各市GDP排行榜\n下面本文整理了各市GDP数据。\n排名 | 城市 | 2023年GDP |\n"
                                 "1 | 长沙市 | 14331.98 |\n")).doc_kind == "news"
    m = extract_metadata(make("株 洲 市 统 计 局\n国家统计局株洲调查队\n\n2023年，全市上下坚持稳中求进，经济运行稳中向好。"))
    assert (m.doc_kind, m.issuer, m.period_end_year) == ("statistical_bulletin", "株洲市统计局、国家统计局株洲调查队", 2023)
    m = extract_metadata(make("2023年湖南省人口变动情况抽样调查主要数据公报\n根据抽样调查，年末全省常住人口6568万人。"))
    assert m.doc_kind == "statistical_bulletin"


def test_a_date_line_written_day_first():
    m = extract_metadata(make("湖南省出台意见推进重点产业发展\n\n05.07.2016  11:34\n\n日前，湖南省发布关于推进重点产业发展的若干意见。"))
    assert m.published_date == date(2016, 7, 5)


def test_a_headline_year_that_names_a_goal_does_not_date_the_page():
    m = extract_metadata(make("长沙直取“智造之城”：2027年总量欲达2万亿\n\n"
                              "10月11日，长沙召开动员大会，发布《行动计划（2024~2027年）》，提出到2027年制造业总量达2万亿元以上。"))
    assert m.published_date is None or m.published_date.year == 2024


def test_a_work_reports_year_is_not_the_horizon_it_names():
    m = extract_metadata(make("中新社太原2月2日电 山西省第十四届人民代表大会第五次会议2月2日开幕。山西省省长作政府工作报告时表示，"
                              "2025年，山西规上原煤产量13.05亿吨。2026年，山西将推动能源转型。到2030年，新能源装机占比达到60%。"))
    assert m.plan_title.startswith("2026年")


def test_a_two_character_county_leading_its_office_or_title():
    m = extract_metadata(make("索引号:000014348/2023-22922\n发布机构: 魏县发展和改革局\n"
                              "魏县2022年国民经济和社会发展计划执行情况与2023年国民经济和社会发展计划(草案)的报告\n"
                              "过去的一年，全县地区生产总值增长6%。"))
    assert m.region_name == "魏县"


def test_one_mention_of_the_province_is_a_citys_context_but_cities_named_alike_are_the_provinces():
    m = extract_metadata(make("晋中市位于山西省中部。晋中已形成一批全省旅游精品。2020年，晋中市实现地区生产总值1468.8亿元。"
                              "晋中市下辖11个县区。晋中市常住人口337万人。"))
    assert m.region_name == "晋中市"
    m = extract_metadata(make("贵阳市、毕节市加快建设；遵义市稳步推进；贵阳市城镇化率达到80%。"))
    assert m.region_name == "贵州省"


def test_a_review_early_in_a_year_saying_the_periods_goals_were_met_is_from_the_year_after():
    m = extract_metadata(make("1月28日，株洲市人民政府新闻办公室召开新闻发布会，介绍“十四五”时期的经济社会发展成就。"
                              "“十四五”时期，株洲较好完成了“十四五”规划确定的主要目标任务。“十四五”以来，全市地区生产总值年均增长6%。"))
    assert m.published_date == date(2026, 1, 28)
    m = extract_metadata(make("11月10日，株洲市人民政府新闻办公室召开新闻发布会，介绍“十四五”时期的经济社会发展成就。"
                              "“十四五”时期，株洲较好完成了“十四五”规划确定的主要目标任务。“十四五”以来，全市地区生产总值年均增长6%。"))
    assert m.published_date == date(2025, 11, 10)


def test_a_hot_search_line_is_page_furniture_not_the_headline():
    m = extract_metadata(make("推广 热搜: 张三  李四  河南省晋商会  振兴小镇\n\n山西运城：五年力争打造百万亩优质粮食生产基地\n\n"
                              "9月2日，记者从运城市农业农村局获悉，运城市将建设百万亩粮食基地，运城市粮食产量力争达到60亿斤。"))
    assert m.region_name == "运城市"


def test_the_body_that_presents_a_plan_at_a_press_conference():
    m = extract_metadata(make("湖南省工业和信息化厅在长沙举行“两规划一措施”新闻发布会。据介绍，《湖南省“十四五”制造业高质量发展规划》"
                              "明确，到2025年制造业增加值占地区生产总值比重达到28%。"))
    assert m.issuer == "湖南省工业和信息化厅"
    m = extract_metadata(make("长沙4月4日电 本网从湖南省政府新闻办召开的新闻发布会上获悉，未来五年，湖南将建设临港产业强省，"
                              "到2027年临港产业营业收入达到1万亿元。"))
    assert m.issuer == "湖南省人民政府"
    m = extract_metadata(make("根据湖南省旅游委最新出台《湖南省全域旅游示范省创建规划》，到2025年旅游总收入达到1万亿元。"))
    assert m.issuer == "湖南省旅游发展委员会"


def test_the_plan_a_press_conference_presents_and_the_regions_news_office():
    m = extract_metadata(make("12月16日，自治区政府新闻办举行广西实施科技创新“十四五”规划新闻发布会。"
                              "自治区科技厅负责人介绍，到2025年全区研发经费投入强度达到1.5%。"))
    assert (m.plan_title, m.issuer) == ("广西科技创新“十四五”规划", "广西壮族自治区人民政府")


def test_a_county_written_by_its_short_name_right_after_its_province():
    m = extract_metadata(make("300亿元！四川万源为自己新的五年征程定下目标\n\n1月20日上午，第六届人代会第六次会议开幕。"
                              "到“十四五”末，全市地区生产总值要达到300亿元。"))
    assert m.region_name == "万源市"


def test_a_reposts_late_page_date_yields_to_the_reports_dateline():
    text = ("“株洲”的2024奋斗路线图\n\n发布时间:2024-11-22 07:10:11 来源: sp20241122\n\n"
            "中新网 长沙2月29日电 题：“株洲”的2024奋斗路线图\n今年的株洲市政府工作报告中，明确了2024年经济社会发展目标。")
    assert extract_metadata(make(text)).published_date == date(2024, 2, 29)
    # the paper's own next-day date stands
    text = "发布时间:2021-07-04 09:00\n\n新华社南宁7月3日电 广西将加快发展向海经济，到2025年向海经济总量达到7000亿元。"
    assert extract_metadata(make(text)).published_date == date(2021, 7, 4)


def test_a_work_report_titled_without_its_year_takes_its_congress_year():
    m = extract_metadata(make("湖南省人民政府工作报告\n\n——2026年1月28日在湖南省第十四届人民代表大会第四次会议上\n\n"
                              "各位代表：\n现在，我代表省人民政府向大会报告工作。\n一、2025年工作回顾\n全省地区生产总值增长5%。"))
    assert (m.plan_title, m.period_end_year) == ("2026年湖南省人民政府工作报告", 2026)


def test_an_undated_page_that_says_which_year_it_is_in_is_dated_by_it():
    # 今年是“十五五”开局之年: the page is of 2026, whatever years its figures name
    opening = extract_metadata(make("记者 王五\n2月3日上午，某某市第九届人民代表大会第五次会议开幕。\n"
                                    "今年是“十五五”开局之年。2025年全市地区生产总值增长5.1%，2026年预期增长5%左右。",
                                    fmt="plain_text"))
    assert opening.published_date == date(2026, 2, 3) and opening.published_date_inferred
    # 刚刚过去的2024年: written in 2025
    past = extract_metadata(make("3月1日，某某县召开经济工作会议。刚刚过去的2024年，全县地区生产总值达到85亿元。"
                                 "2025年，全县将新开工项目40个。", fmt="plain_text"))
    assert past.published_date == date(2025, 3, 1)


def test_the_five_years_before_a_plan_are_not_its_review():
    # 对某市2020年和过去五年的全面总结 looks back on 十三五; the page sets 十四五 goals in 2021
    m = extract_metadata(make("1月18日上午，某某市人代会开幕。此次会议是对某市2020年和过去五年的全面总结。"
                              "对于已经开启的2021年，市长表示，到“十四五”末，全市地区生产总值要达到300亿元。",
                              fmt="plain_text"))
    assert m.published_date == date(2021, 1, 18)


def test_a_headline_year_the_report_plans_for_is_its_own_year():
    m = extract_metadata(make("湖南省人代会开幕 2027年将全力稳增长\n各位代表：\n现在，我代表省人民政府向大会报告工作。"
                              "过去一年，湖南省地区生产总值增长5.3%。"))
    assert m.plan_title == "2027年湖南省人民政府工作报告"


def test_a_news_page_on_a_governor_delivering_the_report_names_the_report_and_its_government():
    m = extract_metadata(make("湖南省人代会开幕\n新华社长沙1月15日电 湖南省第十四届人民代表大会第三次会议15日在长沙开幕。"
                              "省长代表省人民政府作工作报告。刚刚过去的2024年，全省地区生产总值增长4.8%。",
                              fmt="plain_text"))
    assert (m.region_name, m.issuer) == ("湖南省", "湖南省人民政府")
    assert m.plan_title == "2025年湖南省人民政府工作报告"


def test_a_congress_named_in_short_and_a_year_named_by_its_place_in_the_period():
    m = extract_metadata(make("2月2日，株洲市五届人大六次会议开幕。该市政府工作报告显示，今年作为“十四五”开局之年，"
                              "地区生产总值预期增长7%。", fmt="plain_text"))
    assert m.plan_title == "2021年株洲市人民政府工作报告" and m.issuer == "株洲市人民政府"
    assert m.published_date == date(2021, 2, 2)


def test_a_report_titled_without_its_place_takes_the_place_of_its_congress():
    # the congress line is broken across two lines, as a page lays it out
    m = extract_metadata(make("2025年政府工作报告\n政 府 工 作 报 告\n——2025年1月10日在攸县第十八届\n"
                              "人民代表大会第五次会议上\n各位代表：\n现在，我代表县人民政府向大会报告工作。"))
    assert m.plan_title == "2025年攸县人民政府工作报告" and m.issuer == "攸县人民政府"


def test_a_page_flattened_to_one_line_keeps_its_title():
    text = ("2023年醴陵市政府工作报告 2023年1月8日在醴陵市第十七届 人民代表大会第二次会议上 各位代表： "
            "现在，我代表市人民政府向大会报告工作。一、2022年工作回顾 2022年，全市地区生产总值增长6%，"
            "全市实施招商引资项目120个，推动全市招商引资工作实施方案落地。" * 2)
    m = extract_metadata(make(text))
    assert m.plan_title == "2023年醴陵市政府工作报告"


def test_a_page_in_a_reporters_words_is_news():
    for text in ("“加快建设产业强区。”区长张三说，下一步将力争到2027年地区生产总值达到900亿元。",
                 "据电网公司最新数据显示，截至今年上半年，全省清洁能源装机容量达到1.1亿千瓦。",
                 "省政府宣布，今年将建成和开工高速公路12条。"):
        assert extract_metadata(make(text, fmt="plain_text")).doc_kind == "news", text
    # a plan's own prose that says 也就是说 is not a reporter's
    plan = "第一章 发展基础\n也就是说，到2025年，全市地区生产总值达到900亿元。"
    assert extract_metadata(make(plan, fmt="plain_text")).doc_kind == "plan_text"


def test_a_plan_report_to_the_congress_is_titled_and_issued_as_its_planning_body_makes_it():
    city = extract_metadata(make("各位代表：\n受市人民政府委托，现将2023年国民经济和社会发展计划执行情况及2024年计划草案"
                                 "提请大会审查。\n一、2023年计划执行情况\n2023年，株洲市地区生产总值增长6%。"))
    assert city.plan_title == "关于株洲市2023年国民经济和社会发展计划执行情况及2024年计划草案的报告"
    assert city.issuer == "株洲市发展和改革委员会" and city.period_end_year == 2024
    county = extract_metadata(make("各位代表：\n受县人民政府委托，现将攸县2022年国民经济和社会发展计划执行情况与2023年"
                                   "国民经济和社会发展计划草案提请会议审查。\n2022年，全县地区生产总值增长5%。"))
    assert county.issuer == "攸县发展和改革局"
    # a work report that mentions the plan report is still the work report
    report = extract_metadata(make("各位代表：\n现在，我代表市人民政府向大会报告工作，并提请审议株洲市2023年国民经济和"
                                   "社会发展计划执行情况及2024年计划草案。\n一、2023年工作回顾\n全市地区生产总值增长6%。"))
    assert report.plan_title == "2024年株洲市人民政府工作报告"


def test_an_open_government_pages_name_field_is_the_title():
    m = extract_metadata(make("索引号:000014348/2023-00001\n发布机构: 攸县发展和改革局\n"
                              "名称:攸县2023年国民经济和社会发展计划执行情况的报告\n发布日期:2024-03-01\n"
                              "2023年，全县地区生产总值增长5%。"))
    assert m.plan_title == "攸县2023年国民经济和社会发展计划执行情况的报告"
    yearly = extract_metadata(make("发布机构:醴陵市人民政府办公室\n发文日期:2025-01-24\n名称:2025醴陵市政府工作报告\n"
                                   "各位代表：\n2024年，全市地区生产总值增长6%。"))
    assert yearly.period_end_year == 2025


def test_a_department_speaking_of_a_period_speaks_of_its_sectors_plan():
    m = extract_metadata(make("近日，记者从湖南省水利厅获悉，“十四五”期间，全省将新增有效灌溉面积100万亩。"
                              "“十四五”末，全省水利投资累计达到3000亿元。", fmt="plain_text"))
    assert m.plan_title == "湖南省“十四五”水利发展规划" and m.issuer == "湖南省水利厅"
    # at a government's press conference on the period, the page speaks of the region's outline
    press = extract_metadata(make("12月2日，湖南省政府新闻办举行新闻发布会，省水利厅介绍，“十四五”期间全省新增有效灌溉面积"
                                  "100万亩，“十四五”水利投资累计达到3000亿元。", fmt="plain_text"))
    assert press.plan_title.startswith("湖南省国民经济和社会发展第十四个五年规划")


def test_a_lead_dated_by_an_outlets_xun_or_a_bracketed_outlet_gives_the_day():
    wire = extract_metadata(make("某某社4月7日讯，湖南省人民政府印发湖南省新能源产业发展三年行动计划（2022—2024年），"
                                 "力争到2024年实现产值500亿元。", fmt="plain_text"))
    assert wire.published_date == date(2022, 4, 7)
    bracketed = extract_metadata(make("【某某网讯】2月19日，株洲市第六届人民代表大会第四次会议开幕，市长作政府工作报告。"
                                      "刚刚过去的2018年，全市地区生产总值增长8%。", fmt="plain_text"))
    assert bracketed.published_date == date(2019, 2, 19)


def test_a_title_line_naming_a_districts_report_and_its_year_is_the_title():
    m = extract_metadata(make("首页 > 政务公开 > 政府工作报告\n石峰区2022年政府工作报告完成情况\n日期:2023-03-20 来源:石峰区政府\n"
                              "株洲市人民政府网\n一、全区地区生产总值增长6.5%。", fmt="plain_text"))
    assert m.plan_title == "石峰区2022年政府工作报告完成情况" and m.region_name == "石峰区"


def test_an_undated_page_on_an_action_plan_naming_its_first_stage_is_from_that_year():
    m = extract_metadata(make("湖南省人民政府印发《湖南省临港产业发展行动方案(2023—2027年)》\n"
                              "4月4日，记者从新闻发布会上获悉，方案设立三个阶段性目标——\n"
                              "2023年，港口年通过能力达到3亿吨。2025年，达到3.5亿吨。2027年，达到4亿吨。",
                              fmt="plain_text"))
    assert m.published_date == date(2023, 4, 4)


def test_a_bulletin_titled_year_first_names_its_district_and_bureau():
    m = extract_metadata(make("2022年湖南省株洲市荷塘区国民经济和社会发展统计公报\n2022年，全区地区生产总值增长5%。",
                              fmt="plain_text"))
    assert (m.doc_kind, m.region_name, m.issuer) == ("statistical_bulletin", "荷塘区", "株洲市荷塘区统计局")


def test_a_page_on_a_governor_delivering_the_report_is_about_the_report_not_the_plan_it_names():
    m = extract_metadata(make("回眸“十三五” 展望“十四五”\n时间:2021-01-27 来源:某某网\n1月26日，湖南省省长在省第十三届人大五次会议"
                              "代表省政府向大会作《政府工作报告》（以下简称《报告》）。《报告》提出，《湖南省国民经济和社会发展"
                              "第十四个五年规划和二〇三五年远景目标纲要（草案）》……", fmt="plain_text"))
    assert m.plan_title == "2021年湖南省人民政府工作报告" and m.period_end_year == 2021


def test_a_headline_saying_who_issued_a_plan_names_the_plan():
    m = extract_metadata(make("湖南:印发“十四五”水利发展规划\n2022-04-11 09:43 某某报\n近日，湖南省印发“十四五”水利发展规划。"
                              "规划提出，到2025年全省新增有效灌溉面积100万亩。", fmt="plain_text"))
    assert m.plan_title == "湖南省“十四五”水利发展规划"


def test_header_fields_run_on_one_line_are_read():
    m = extract_metadata(make("索引号:11532323015172622Y-/2022-0210001 公文目录:政府工作报告 发文日期:2022年02月10日 "
                              "文  号:攸政发〔2022〕6号 成文日期:2022年02月10日\n政府工作报告\n各位代表：\n现在，我代表县人民政府"
                              "向大会报告工作。"))
    assert m.doc_number == "攸政发〔2022〕6号" and m.published_date == date(2022, 2, 10)


def test_a_report_naming_the_number_a_plan_was_issued_under_gives_it():
    m = extract_metadata(make("记者从新闻发布会获悉，2月8日，省政府以湘政发〔2021〕4号文件正式印发了《湖南省国民经济和社会发展"
                              "第十四个五年规划和二〇三五年远景目标纲要》。", fmt="plain_text"))
    assert m.doc_kind == "news" and m.doc_number == "湘政发〔2021〕4号"


def test_a_government_portal_that_publishes_a_plan_issues_it():
    m = extract_metadata(make("湖南综合交通运输发展“十四五”规划印发\n11月12日，湖南省人民政府门户网站发布《湖南综合交通运输发展"
                              "“十四五”规划》，到2025年全省高速公路里程达到8500公里。", fmt="plain_text"))
    assert m.issuer == "湖南省人民政府"


def test_a_header_label_before_a_million_spaces_is_read_in_linear_time():
    # the header reader looks for labels after spaces too; it must not retry a run of spaces at each one
    m = extract_metadata(make("文号" + " " * 200_000 + "x\n名称" + " 名称" * 50_000 + "\n到2025年，地区生产总值达到900亿元。"))
    assert m.doc_number is None

"""Document metadata: what kind of document, which plan, whose, which region, when.

`extract_metadata(doc)` reads a `ParsedDocument` and fills a `DocumentMetadata` by the
rules of shared/gold/GUIDE.md ("Document lines" and "Conventions settled"). Only general
rules live here; each is tested on made-up sentences in tests/test_metadata.py.
"""
from __future__ import annotations

import email.utils
from dataclasses import replace
import re
from collections import Counter
from datetime import date, datetime, timedelta, timezone

from planextract.facts.tense import REACHED_YEAR, reported_years, reviews_own_period, stated_year
from planextract.facts.textview import make_view
from planextract.model import DocumentMetadata, ParsedDocument
from planextract.pageheader import PageHeader, read_page_header
from planextract.regions import (LEVELS, Region, all_regions, find_regions, frequent_ambiguous_city, region_by_code,
                                 resolve_name)

CHINA_TZ = timezone(timedelta(hours=8))
HEAD_LINES = 40          # the header, title, sender and signature of a notice live here

# ----------------------------------------------------------------------------- patterns

_CJK = r"\u4e00-\u9fff"
_OPEN, _CLOSE = r"[〔［\[(（【]", r"[〕］\])）】]"
DOC_NUMBER = re.compile(
    rf"([{_CJK}]{{1,12}}?)\s*{_OPEN}\s*((?:19|20)\d{{2}})\s*{_CLOSE}\s*第?\s*(\d{{1,4}})\s*号")
_DOC_NUMBER_LINE = re.compile(rf"^\s*{DOC_NUMBER.pattern}\s*(?:签发人.*)?$")
_FIELD = r"\s*[:：]\s*"
_HEADER_FIELD = re.compile(r"^\s*(索\s*引\s*号|文\s*号|发\s*布\s*机\s*构|成\s*文\s*日\s*期|发\s*文\s*机\s*关|主\s*题\s*分\s*类)\s*[:：]")
_NUM_DATE = r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DATE_LINE = re.compile(r"^\s*(?:((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
                        r"|([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日)\s*$")
_ORG_SUFFIX = ("人民政府", "政府", "办公室", "办公厅", "委员会", "委", "局", "厅", "部", "院", "署",
               "办", "中心", "领导小组", "指挥部", "管委会", "协会")
_ORG = rf"[{_CJK}（）()]{{2,30}}?(?:{'|'.join(sorted(_ORG_SUFFIX, key=len, reverse=True))})"
_SENDER_LINE = re.compile(rf"^\s*各(?!位代表|位委员)[{_CJK}（）()、，,]{{1,60}}[:：]\s*$")
_NOTICE_HEAD = re.compile(r"(?:人民政府|办公室|办公厅|委员会)?文件\s*$")
_DOC_TYPES = ("通知", "意见", "决定", "办法", "规划", "方案", "计划", "纲要", "要点", "批复", "通告",
              "公告", "细则", "规定", "措施", "条例", "报告", "函", "指南", "清单", "目录")
_PLAN_WORDS = ("规划", "纲要", "计划", "方案", "意见", "行动", "要点", "政策", "措施", "办法", "战略")
_TITLE_IN_BRACKETS = re.compile(r"《([^《》\n]{2,80})》")
_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*[—–\-－~～至到]+\s*((?:19|20)\d{2})\s*年")
_PERIOD = re.compile(r"(?:规划|实施|计划|行动)(?:期|期限|时限|年限|范围|基期)?(?:为|是|[:：])?\s*"
                     + _YEAR_RANGE.pattern)
_FIVE_YEAR = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020),
              "十四五": (2021, 2025), "十五五": (2026, 2030), "十六五": (2031, 2035)}
_FIVE_YEAR_RE = re.compile(r"(十[一二三四五六]五)|第(十[一二三四五六])个五年")
_HORIZON = re.compile(r"(?:到|至|截至|截止到?|于)\s*((?:20)\d{2})\s*年")
_LOOKAHEAD_WORDS = ("展望", "远景", "远期")
_OUTLET_HINT = re.compile(r"(报|网|社|台|新闻|电视|广播|杂志|频道|客户端|传媒|在线|周刊|时报|日报|晚报)")
_NEWS_HINT = re.compile(r"作[\u4e00-\u9fff]{0,10}政府工作报告|报告(?:提出|指出|表示|显示|提到)|政府工作报告(?:以|中|指出|提出|显示|强调)|"
                        r"[\u4e00-\u9fff]{1,8}\d{1,2}月\d{1,2}日讯|[网报社]讯|编辑[:：]|记者|本报讯|通讯员|据.{1,20}?(?:报道|消息)|新闻发布会|新闻客户端|日前|近日.{0,10}(?:发布|印发|出台)|获悉|"
                        r"(?:会上|讲话中|报告中)(?:表示|指出|介绍|提到)|\d{1,2}月\d{1,2}日电|"
                        # a page that quotes a plan by name or as 文件 tells of it
                        r"文件显示|快讯|《[^》]{1,30}》(?:要求|提出|明确|指出|显示)|(?<!本)(?:规划|纲要|方案)(?:提出|明确|指出)[，,:：]")
_PRESS = re.compile(rf"([{_CJK}]{{2,10}}?)(?:人民)?政府新闻(?:发布会|办公室|办)")
_ISSUED_BY = re.compile(rf"({_ORG}|[\u4e00-\u9fff]{{2,8}}?)(?:门户网站|官网|网站)?(?:近日|日前|近期|正式|联合|今天|日|最新|新近)?"
                        rf"(?:印发|发布|出台)(?:了|的)?(?:《|通知|实施|[\u4e00-\u9fff“”]{{2,30}}?(?:规划|方案|计划|意见))")
_DATELINE = re.compile(r"[\u4e00-\u9fff]{2,8}?\s*[\u4e00-\u9fff]{0,4}(\d{1,2})月(\d{1,2})日电")
_HELD_BY = re.compile(rf"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{{2,20}}?(?:厅|局|委员会|委))(?:在[\u4e00-\u9fff]{{2,6}})?"
                      rf"(?:举行|召开)[^。]{{0,30}}?新闻发布会")
_FRONT_MATTER_DATE = ("date", "published", "pubdate", "publish_date", "created")


# ----------------------------------------------------------------------------- helpers

def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _strip_title(title: str) -> str:
    title = re.sub(r"\s+", "", title)
    return title.strip("《》\"'“”")


def _headline_plan(headline: str) -> str:
    """山西：印发“十四五”教育事业发展规划 → 山西省“十四五”教育事业发展规划: a headline that says who
    issued a plan names the plan once the place leads it and the verb is gone."""
    m = re.match(r"^(?:([\u4e00-\u9fff]{2,8})[:：])?\s*(?:正式)?(?:印发|发布|出台|公布)了?(.{4,})$", headline)
    if not m:
        return headline
    place = resolve_name(m.group(1)) if m.group(1) else None
    rest = m.group(2)
    if place is not None and not rest.startswith((place.name, place.short_name)):
        rest = place.name + rest
    return rest


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [s.strip() for s in re.split(r"[,，;；]", str(value)) if s.strip()]


def _cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 三十一 → 31."""
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)
    return _CN_DIGITS.get(text, 0)


def _safe_date(y, m, d) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None


def parse_date(value) -> date | None:
    """A date from a front matter value or a header string: date/datetime objects,
    '2021-12-20 13:57:40 +0800', 'Thu, 09 Sep 2021 15:21:00 GMT', '2021- 01- 20 14: 32',
    '2021年12月7日', '二〇二一年十二月七日'. Aware times are read in China time (UTC+8)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(CHINA_TZ)
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    m = re.match(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}:?\d{2}|Z|UTC|GMT)?\s*$", text)
    if m:
        y, mo, d, hh, mm, ss, tz = m.groups()
        if tz in (None, ""):
            return _safe_date(y, mo, d)
        tz = "+00:00" if tz in ("Z", "UTC", "GMT") else tz[:3] + ":" + tz[-2:]
        try:
            stamp = datetime.fromisoformat(f"{y}-{int(mo):02d}-{int(d):02d}T{int(hh):02d}:{mm}:{ss or '00'}{tz}")
        except ValueError:
            return _safe_date(y, mo, d)
        return stamp.astimezone(CHINA_TZ).date()
    if re.match(r"^[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", text):
        try:
            stamp = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError):
            stamp = None
        if stamp is not None:
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=timezone.utc)
            return stamp.astimezone(CHINA_TZ).date()
    m = re.search(_NUM_DATE, text)
    if m:
        return _safe_date(*m.groups())
    m = _DATE_LINE.match(text)
    if m and m.group(4):
        year = int("".join(str(_CN_DIGITS[c]) for c in m.group(4)))
        return _safe_date(year, _cn_number(m.group(5)), _cn_number(m.group(6)))
    return None


def _header_value(lines: list[str], label: str) -> str | None:
    """The value of a header field (文号: …), on the same line or, when empty, the next
    line that is not itself a field."""
    # at a line's start, or after a space where a page runs its fields on one line (索引号:… 文  号:牟政发〔2022〕6号)
    # (no \s* before the label after a space: on a line of a million spaces that would be tried at each one)
    pattern = re.compile(r"(?:^\s*|(?<=\s))[•【]?" + r"\s*".join(label) + r"\s*(?:】\s*[:：]?|[:：])\s*(.*)$")
    for i, line in enumerate(lines[:HEAD_LINES]):
        m = pattern.search(line)
        if not m:
            continue
        value = m.group(1).strip()
        # '文 号: 温政办〔2020〕93号 阅读版本:' — cut at the next field
        value = re.split(r"\s+[^\s:：]{2,6}\s*[:：]", value)[0].strip()
        if value:
            return value
        if i + 1 < len(lines) and not re.search(r"[:：]\s*$", lines[i + 1]) \
                and not _HEADER_FIELD.match(lines[i + 1]):
            return lines[i + 1].strip()
    return None


_ISSUE_VERB = re.compile(r"(?:印发|发布|出台)(?:了|的)?(?:《|通知|[\u4e00-\u9fff“”]{2,30}?(?:规划|方案|计划|意见))")
# 柳州市委、市政府印发…: the party committee and the government of one place, by their full names
_PARTY_AND_GOVERNMENT = re.compile(r"(?:中共)?([\u4e00-\u9fff]{2,8}?[省市县区州])委[、和及与](?:\1|[省市县区州])?(?:人民)?政府")


def _issued_by(text: str) -> list[re.Match]:
    """`X印发《…》`: try the organisation pattern only just before each 印发/发布/出台 (the
    pattern's lazy start would otherwise be tried at every character of the text)."""
    found = []
    for verb in _ISSUE_VERB.finditer(text):
        window = text[max(0, verb.start() - 40):verb.end()]
        m = _ISSUED_BY.search(window)
        if m:
            found.append(m)
    return found


def doc_number_as_written(text: str) -> str | None:
    """The 文号 as the document writes it (温政发〔2021〕12号, 晋政发[2005]10号), spaces removed:
    analysts search for the form on the paper, and annotators copy it."""
    m = DOC_NUMBER.search(text or "")
    if not m:
        return None
    return re.sub(r"\s+", "", m.group(0))


# ----------------------------------------------------------------------------- fields

def _doc_number(lines: list[str]) -> str | None:
    value = _header_value(lines, "文号") or _header_value(lines, "发文字号") or _header_value(lines, "字号")
    if value and doc_number_as_written(value):
        return doc_number_as_written(value)
    for line in lines[:20]:
        if _DOC_NUMBER_LINE.match(line.strip("()（）")):
            return doc_number_as_written(line)
    return None


def _number_issued_with(text: str) -> str | None:
    """省政府以云政发〔2021〕4号文件正式印发了《纲要》: a report naming the number the plan was issued under."""
    m = re.search(r"以\s*(" + DOC_NUMBER.pattern + r")\s*(?:文件?)?(?:正式)?(?:印发|发布|公布|下发)", text[:3000])
    return doc_number_as_written(m.group(1)) if m else None


def _notice_title(lines: list[str]) -> str | None:
    """The title of a notice: the line with 关于 near the top, joined with the lines that
    continue it until it ends with a document type (通知, 意见 …)."""
    for i, line in enumerate(lines[:HEAD_LINES]):
        if "关于" not in line or len(line) > 80 or line.endswith(("。", "；", "：", ":")):
            continue
        if re.match(r"^(根据|为|按照|依据|经|现|请|对|各)", line) or _HEADER_FIELD.match(line):
            continue
        title = line
        j = i
        while not title.endswith(_DOC_TYPES) and j + 1 < len(lines) and j - i < 3:
            nxt = lines[j + 1]
            if len(nxt) > 60 or re.search(r"[。：:；]", nxt) or _SENDER_LINE.match(nxt):
                break
            title += nxt
            j += 1
        if title.endswith(_DOC_TYPES):
            return re.sub(r"\s+", "", title)
    return None


def _plan_from_notice(title: str) -> str:
    m = re.search(r"关于(?:印发|转发|下发|下达|颁布)?《?(.+?)》?的(?:通知|决定|批复|函)$", title)
    return _strip_title(m.group(1)) if m else _strip_title(title)


def _is_plan_like(title: str) -> bool:
    return len(title) > 4 and any(w in title for w in _PLAN_WORDS)


def _bracket_titles(text: str) -> list[str]:
    """《…》 titles that are not followed by another document's number （浙政发〔2021〕20号）."""
    found = []
    for m in _TITLE_IN_BRACKETS.finditer(text):
        after = text[m.end():m.end() + 25]
        if re.match(rf"^\s*[（(][^）)]*{_OPEN}\s*(?:19|20)\d{{2}}\s*{_CLOSE}", after):
            continue
        title = _strip_title(m.group(1))
        if _is_plan_like(title):
            found.append(title)
    return found


def _headline(doc: ParsedDocument, page: PageHeader | None = None) -> str | None:
    title = doc.front_matter.get("title") if doc.front_matter else None
    if title:
        return str(title).strip()
    if doc.html_title:
        return doc.html_title.strip()
    if page is not None and page.headline:
        return page.headline
    return None


_SITE_PREFIX = re.compile(r"^\s*【[^】]{1,10}】\s*")
_MODIFIED_TITLE = re.compile(r"(?:发布|印发|出台|制定|公布)(?:了)?([^，。；《》]{4,40}?)的《([^《》]{2,40})》")
_UNBRACKETED_TITLE = re.compile(
    r"(?:正式|近日|日前|近期)?(?:发布|印发|出台|制定|实施)(?:了)?([\u4e00-\u9fff“”\"、]{2,30}?"
    r"(?:规划|纲要|行动计划|倍增计划|行动方案|实施方案|实施意见|若干意见|的意见)"
    r"(?:[（(](?:19|20)\d{2}\s*[—–\-~～至]+\s*(?:19|20)\d{2}\s*年?[）)])?)(?=[，,。；;]|$)")
# 省政府新闻办举行建设新时代更高水平“天府粮仓”行动方案新闻发布会: the plan a press conference presents
_PRESENTED_TITLE = re.compile(r"(?:举行|召开)([\u4e00-\u9fff“”\"]{4,40}?(?:规划|纲要|行动计划|行动方案|实施方案|实施意见))"
                              r"(?:新闻|政策解读)?发布会")
_TABLE_HEADING = re.compile(r"^([^\s，。；]{2,30}?)(?:主要指标表|主要指标|指标表)$")
_GOV_REPORT = "政府工作报告"


def _modified(title: str, text: str) -> str:
    """推进“三化融合”，打造…的《行动计划(2018~2022年)》: a generic bracketed title takes the
    phrase that names it (its modifier before 的), without the punctuation between parts."""
    for m in _MODIFIED_TITLE.finditer(text):
        if _strip_title(m.group(2)) == title:
            modifier = re.sub(r"[，,、\s]", "", m.group(1))
            return modifier + title
    return title


def _bracketed_plan_title(headline: str, text: str) -> str | None:
    head_titles = _bracket_titles(headline)
    body_titles = _bracket_titles(text)
    if head_titles:
        best = head_titles[0]
        longer = [t for t in body_titles if t.endswith(best) and len(t) > len(best)]
        return longer[0] if longer else _modified(best, text)
    if body_titles:
        if re.search(r"作《[^《》]{0,20}政府工作报告》|《政府工作报告》[（(]以下简称", text):
            return None  # 省长…作《政府工作报告》: the page reports on the work report, whatever else it names
        counts = Counter(body_titles)
        top = max(counts.values())
        if text.count(_GOV_REPORT) >= 2 and text.count(_GOV_REPORT) > top:
            return None  # a report on a government work report that mentions another plan in passing
        best = next(t for t in body_titles if counts[t] == top)
        return _modified(best, text)
    return None


def _plan_title(doc: ParsedDocument, lines: list[str], notice: str | None, kind: str,
                headline: str | None) -> str | None:
    named = _header_value(lines, "名称") or _header_value(lines, "标题")
    if named and len(named) >= 6:  # an open-government page's 名称: the document's own title
        named = re.sub(r"\s+", "", named)
        return _plan_from_notice(named) if named.startswith("关于") and named.endswith("通知") else named
    if notice and kind == "government_document":
        return _plan_from_notice(notice)
    headline = _SITE_PREFIX.sub("", headline or "")
    if kind == "plan_text":
        for line in ([headline] if headline else []) + lines[:5]:
            line = _SITE_PREFIX.sub("", line)
            if len(line) > 60:  # a page flattened to one line: its title is the first stretch without a space
                line = re.split(r"\s+", line.strip())[0]
            core = re.sub(r"[（(]\s*(?:19|20)\d{2}[^（）()]{0,6}(?:19|20)\d{2}\s*年?\s*[）)]$", "", line)
            if len(line) <= 60 and core.endswith(("规划", "纲要", "计划", "方案", "要点", "工作报告")) \
                    and not re.search(r"[，。：:>＞»]", line) and re.sub(r"\s+", "", line) != _GOV_REPORT \
                    and not line.startswith("关于"):  # 关于…纲要 / 实施情况…的报告: a report's title, broken
                return _strip_title(line)
    title = _bracketed_plan_title(headline, doc.text)
    if title:
        return title
    if notice:
        return _plan_from_notice(notice)
    if headline:
        part = re.split(r"\s*[_|｜–—-]\s*", headline)[0]
        if part.endswith(("规划", "纲要", "计划", "方案", "意见", "要点")):
            return _headline_plan(_strip_title(part))
    return None


def _unbracketed_title(text: str, region: Region | None) -> str | None:
    """宁波发布科技创新“十四五”规划: a plan named without 《》 after the verb that issues it; the
    region that issues it leads its full name."""
    # a plan 实施ed far down the page is one of its programmes, not what the page is about
    m = next((m for m in _UNBRACKETED_TITLE.finditer(text[:1500])
              if "实施" not in m.group(0)[:4] or m.start() < 150), None) or _PRESENTED_TITLE.search(text[:1500])
    if not m:
        return None
    title = re.sub(r"^(.{0,8}?)实施(?=.{4})", r"\1", m.group(1))  # 广西实施科技创新“十四五”规划 → the plan's name
    if region is not None and not title.startswith((region.name, region.short_name)) and not find_regions(title):
        title = region.name + title
    return _strip_title(title)


def _table_heading_title(lines: list[str]) -> str | None:
    """“十四五”教育事业发展主要指标表: a page that holds a plan's indicator table names the plan."""
    for line in lines[:40]:
        m = _TABLE_HEADING.match(line.strip())
        if m and len(m.group(1)) >= 4:
            return re.sub(r"\s+", "", m.group(1)) + "规划"
    return None


def _latest_year(text: str) -> int | None:
    """The latest year a page speaks of: for an undated page on a work report, the year it plans."""
    # (到2030年 / 展望2035年 name a horizon, not the year the page plans)
    years = [int(y) for y in re.findall(r"(?<![\d到至望])((?:19|20)\d{2})(?=\s*年|全国|年度)", text[:4000])]
    return max(years) if years else None


_WRITTEN_REPORT_TITLE = re.compile(r"((?:(?:19|20)\d{2}年)?[\u4e00-\u9fff]{2,16}人民政府工作报告\s*(?:[（(]\s*(?:19|20)\d{2}\s*年?\s*[）)])?)")

_FIVE_YEAR_PLAN_NAMES = {"十三五": "第十三个五年规划纲要", "十四五": "第十四个五年规划和二〇三五年远景目标纲要",
                         "十五五": "第十五个五年规划纲要"}


# words only a work report says of itself: 今年政府工作的总体要求是 / 各位代表
_REPORT_VOICE = re.compile(r"政府工作的?总体要求|各位代表[:：]")
# a page on a work report that never writes 政府工作报告: 省长…代表省人民政府作工作报告
_DELIVERS_REPORT = re.compile(r"代表[省市县区州旗盟]?(?:人民)?政府(?:向大会)?作[^。，,；]{0,6}工作报告")


def _on_work_report(text: str) -> bool:
    """The page is, or reports on, a government work report."""
    return _GOV_REPORT in text or bool(_DELIVERS_REPORT.search(text[:3000]) or _REPORT_VOICE.search(text[:3000]))
_REVIEWED_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:工作)?回顾|(?:回顾|回望|总结)[\u4e00-\u9fff]{0,6}?((?:19|20)\d{2})\s*年")
_PLANNED_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:工作安排|工作任务|目标任务|主要目标|主要预期目标|发展目标|总体要求|重点工作)")


def _work_report_year(text: str) -> int | None:
    """A work report's own year: the year after the one it reviews (一、2021年工作回顾 → 2022), or
    the year whose work it plans (二、2022年工作安排)."""
    planned = _PLANNED_YEAR.search(text)
    if planned:
        return int(planned.group(1))
    reviewed = _REVIEWED_YEAR.search(text)
    if reviewed:
        return int(reviewed.group(1) or reviewed.group(2)) + 1
    said = stated_year(text[:4000])
    if said is not None:
        return said
    past = re.search(r"过去的?一年", text[:1500])
    if past:  # 2024年全市上下…交出了一份成绩单 / 过去的一年: the year the report looks back on
        before = text[max(0, past.start() - 300):past.start()]
        years = list(re.finditer(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)", before))
        if years:
            # 2026年将全力以赴…过去一年: a year the page plans for is its own; one it reports, the year before
            ahead = re.match(r"[^。；，,]{0,4}?(?:将|要|力争|计划|目标)", before[years[-1].end():])
            return int(years[-1].group(1)) + (0 if ahead else 1)
    return None


def _qualified_name(region: Region) -> str:
    """昆明市五华区: a district goes by its city's name and its own (district names repeat from
    city to city); a county or a city by its own."""
    if region.level == "county" and region.name.endswith("区") and region.parent_code:
        parent = region_by_code(region.parent_code)
        if parent is not None:
            return parent.name + region.name
    return region.name


def _after_speaker(name: str) -> str:
    """省长王正谱作河北省人民政府工作报告 → 河北省人民政府工作报告: the words before the verb that
    delivers a report name its speaker, not the report."""
    for verb in re.finditer(r"作|向大会", name):
        rest = name[verb.end():]
        mentions = find_regions(rest)
        if mentions and mentions[0].start == 0:
            return rest
    return name


# the annual plan report a development and reform body makes to the congress (受市人民政府委托，现将
# 2019年国民经济和社会发展计划执行情况及2020年计划草案提请大会审查)
_EXECUTION_REPORT = re.compile(
    r"([\u4e00-\u9fff]{0,12}?)((?:19|20)\d{2}\s*年(?:上半年)?国民经济和社会发展计划执行情况"
    r"(?:[及与和]\s*(?:19|20)\d{2}\s*年(?:下半年)?(?:国民经济和社会发展)?计划(?:草案|[（(]草案[)）]))?)")


_REPORT_TITLE_LINE = re.compile(r"^(?:(?:19|20)\d{2}\s*年?)?[\u4e00-\u9fff]{2,14}?(?:(?:19|20)\d{2}\s*年)?(?:人民)?政府工作报告"
                                r"(?:[（(][^（）()]{1,12}[)）]|完成情况|执行情况|落实情况)?$")


def _execution_report_title(text: str, region: Region | None) -> str | None:
    """关于重庆市2019年国民经济和社会发展计划执行情况及2020年计划草案的报告, named in the page's
    opening (its place from the page when the sentence leaves it out)."""
    m = _EXECUTION_REPORT.search(text[:600])
    if not m or not (re.search(r"现将|关于", m.group(1)) or re.search(r"受[\u4e00-\u9fff]{0,4}人民政府委托", text[:600])):
        return None  # a work report or a news page that mentions the plan report is not it
    place = re.sub(r"^.*(?:现将|关于|发布|审议|提请)", "", m.group(1))
    if not (find_regions(place) or _resolve_body(place)):
        place = _qualified_name(region) if region is not None else ""
    plan = re.sub(r"\s+", "", m.group(2))
    return f"关于{place}{plan}的报告"


def _execution_reporter(text: str, region: Region | None) -> str | None:
    """Who makes a plan-execution report: the development and reform body it names, else the
    region's (a county's 局, a province's or city's 委员会)."""
    named = re.search(r"([\u4e00-\u9fff]{2,12}?(?:发展和改革(?:委员会|局)|发展改革委|发改委|发改局))", text[:1500])
    if named:
        return _full_org_name(re.sub(r"^.*?(?:[，,。]|月\d+日)", "", named.group(1)), region)
    if region is None:
        return None
    return region.name + ("发展和改革局" if region.level == "county" else "发展和改革委员会")


def _derived_plan_title(doc: ParsedDocument, lines: list[str], region: Region | None, year: int | None,
                        headline: str | None) -> str | None:
    """Titles a page implies without writing them: a government work report (2024年江西省政府工作报告),
    a plan issued without 《》, a plan's indicator table, and a review of a five-year period (the
    region's outline of that period)."""
    text = doc.text
    execution = _execution_report_title(text, region)
    if execution:
        return execution
    for line in lines[:15]:
        line = re.sub(r"\s+", "", line)
        if _REPORT_TITLE_LINE.match(line) and re.search(r"(?:19|20)\d{2}", line) \
                and (find_regions(line) or _leading_county(line)):
            return line  # 万州区2020年政府工作报告完成情况: a title line that names its place and year
    written = _WRITTEN_REPORT_TITLE.search(text[:600])
    if written:
        title = _after_speaker(re.sub(r"\s+", "", written.group(1)))  # 重庆市渝中区人民政府工作报告（2024年）, as titled
        year = year or _work_report_year(text)
        if year is not None and not re.search(r"(?:19|20)\d{2}", title):
            title = f"{year}年{title}"  # 省长…作河北省人民政府工作报告: the report of the congress's year
        return title
    if _on_work_report(text) and region is not None:
        year = year or _work_report_year(text) or _latest_year(text)
        if year is not None:
            return f"{year}年{_qualified_name(region)}人民{_GOV_REPORT}"
    title = _unbracketed_title(text, region) or _table_heading_title(lines)
    if title:
        return title
    if region is not None:
        terms = Counter(m.group(1) for m in re.finditer(r"(十[三四五]五)", (headline or "") + text))
        # the latest period the page dwells on: a review of 十三五 results beside 十四五 goals is
        # about the 十四五 outline
        named = [t for t, n in terms.items() if n >= 2 or (headline and t in headline)]
        if named:
            term = max(named, key=lambda t: _FIVE_YEAR[t][0])
            sector = _department_plan(text, region, term)
            if sector:
                return sector[0]
            return f"{region.name}国民经济和社会发展{_FIVE_YEAR_PLAN_NAMES[term]}"
    return None


# a department that speaks for its sector's plan (记者从云南省交通运输厅获悉, 四川省文化和旅游厅厅长…介绍)
_DEPARTMENT = re.compile(r"((?:[\u4e00-\u9fff]{2,9}?(?:自治区|省|市|州|盟|县|区))|省|市|州|县|区)"
                         r"(交通运输|文化和旅游|生态环境|卫生健康|教育|农业农村|林业和草原|林业|水利|商务|科学技术|科技|"
                         r"工业和信息化|经济和信息化|能源|自然资源|民政|体育|住房和城乡建设|人力资源和社会保障)"
                         r"(厅|局|委员会|委)(?![\u4e00-\u9fff]{0,2}(?:关于|印发))")
_SECTOR_PLAN = {"生态环境": "生态环境保护", "卫生健康": "卫生健康事业发展", "教育": "教育事业发展", "民政": "民政事业发展",
                "科学技术": "科技创新", "科技": "科技创新", "林业和草原": "林业和草原保护发展", "农业农村": "推进农业农村现代化"}


def _department_plan(text: str, region: Region | None, term: str | None) -> tuple[str, str] | None:
    """A five-year period a department speaks of is its sector's plan: 云南省交通运输厅 on 十三五 →
    (云南省“十三五”交通运输发展规划, 云南省交通运输厅). The place as the department writes it
    (黔南州), else the page's region."""
    if term is None or re.search(r"新闻办|新闻发布会", text[:400]):
        return None  # a government's press conference on its period speaks of its outline (the GUIDE's rule)
    m = _DEPARTMENT.search(text[:400])
    if not m:
        return None
    mentions = find_regions(m.group(1)) if len(m.group(1)) > 1 else []
    written = m.group(1)[mentions[-1].start:] if mentions else None  # 记者从黔南州生态环境局 → 黔南州
    place = written or (region.name if region else None)
    if place is None:
        return None
    sector = _SECTOR_PLAN.get(m.group(2), m.group(2) + "发展")
    department = _full_org_name(place + m.group(2) + m.group(3), region)
    return f"{place}“{term}”{sector}规划", department


def _signature(lines: list[str]) -> tuple[str | None, date | None]:
    """The notice's signature: an organisation line followed by a date-only line."""
    first_date = None
    for i, line in enumerate(lines):
        if not _DATE_LINE.match(line):
            continue
        when = parse_date(line)
        first_date = first_date or when
        prev = lines[i - 1] if i else ""
        if len(prev) <= 40 and re.fullmatch(rf"(?:{_ORG}\s*)+", prev):
            org = re.split(r"\s+", prev)[0]
            return org, when
    return None, first_date


_BULLETIN_TITLE = re.compile(r"[\u4e00-\u9fff]{0,12}?(?:19|20)\d{2}\s*年\s*[\u4e00-\u9fff]{0,12}?"
                             r"(?:国民经济和社会发展统计公报|(?:人口|经济)[\u4e00-\u9fff]{0,12}?(?:调查|普查)主要数据公报)")
_BULLETIN_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def bulletin_title(doc: ParsedDocument, lines: list[str], headline: str | None) -> str | None:
    """2022年重庆市国民经济和社会发展统计公报, in the headline, the first lines or a 《》 title."""
    for text in [headline or ""] + lines[:12] + _bracket_titles(doc.text[:3000]):
        m = _BULLETIN_TITLE.search(re.sub(r"\s+", "", text))
        if m:
            title = m.group(0)
            issued = re.match(r"^(.*?(?:统计局|政府))(?:正式)?(?:发布|公布|印发)了?", title)
            if issued:  # 温州市统计局发布2023年国民经济…公报: the bureau's place leads the title's year
                place = re.sub(r"(?:统计局|人民政府|政府)$", "", issued.group(1))
                rest = title[issued.end():]
                title = rest if re.match(r"^.{0,12}?(?:省|市|县|区|州)", rest.split("年", 1)[-1]) else \
                    rest.replace("年", "年" + place, 1)
            return title
    return None


def reads_like_bulletin(text: str) -> bool:
    """A bulletin reprinted without its title: 初步核算, 全年… and figures compared 比上年, section by
    section (一、综合 / 农业 / 工业)."""
    head = text[:3000]
    return ("初步核算" in head or re.search(r"一、\s*综\s*合", head) is not None) and head.count("比上年") >= 3


_BUREAU = re.compile(r"(?<![\u4e00-\u9fff])((?!国家)[\u4e00-\u9fff]{2,14}统计局)(?:\s*(国家统计局[\u4e00-\u9fff]{2,10}调查(?:总队|队)))?")


def _bulletin_issuer(lines: list[str], region: Region | None = None) -> str | None:
    """The bureau signed under a bulletin's title (重庆市统计局 国家统计局重庆调查总队), possibly on
    two lines; else the region's statistics bureau, which issues every bulletin."""
    head = "\n".join(_unspaced(line) for line in lines[:20])
    found = list(_BUREAU.finditer(head))
    # the signature (with the survey team beside the bureau) before a 来源 line naming the bureau alone
    m = next((f for f in found if f.group(2)), found[0] if found else None)
    if m:
        # 记者从市统计局获悉: the words before the bureau are the reporter's; 市统计局 is the region's
        bureau = re.sub(r"^(?:[^从据]{0,6}记者)?(?:从|据)", "", m.group(1))
        if bureau in ("省统计局", "市统计局", "县统计局", "区统计局", "州统计局") and region is not None:
            bureau = _qualified_name(region) + "统计局"
        return "、".join(p for p in (bureau, m.group(2)) if p)
    return _qualified_name(region) + "统计局" if region is not None else None


def _unspaced(line: str) -> str:
    """石 家 莊 市 統 計 局, a signature letter-spaced for layout, as the name it spells."""
    return re.sub(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])", "", line) \
        if len(line) <= 40 and re.search(r"[ \u3000][\u4e00-\u9fff][ \u3000]", line) else line


def _signed_by_bureau(lines: list[str]) -> bool:
    """衡 水 市 统 计 局 / 国家统计局衡水调查队 atop the page: a bulletin reprinted without its title."""
    head = "\n".join(_unspaced(line) for line in lines[:4])
    return any(m.group(2) for m in _BUREAU.finditer(head))


def _reporting_year(text: str) -> int | None:
    """The year a bulletin reports on: the first year it names that is not a full date (the
    date it was signed, 2024年3月28日, comes a year later)."""
    for m in re.finditer(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)", text):
        return int(m.group(1))
    return None


def _deepest_region(text: str | None) -> Region | None:
    """重庆市九龙坡区统计局: the most specific region a name holds."""
    mentions = find_regions(text) if text else []
    if not mentions:
        return None
    return max(mentions, key=lambda m: ("province", "prefecture", "county").index(m.region.level)).region


# a report as delivered: ——2024年1月15日在重庆市渝中区第十九届人民代表大会第五次会议上 … 各位代表
_CONGRESS = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*在\s*([\u4e00-\u9fff]{2,20}?)"
                       r"第[一二三四五六七八九十]+届\s*人民代表大会\s*第[一二三四五六七八九十]+次会议上")
# the words of a notice that hands a document down (…已经省领导同意，现印发给你们)
_ISSUING_BODY = re.compile(r"现印发给你们|现予印发|请认真(?:抓好)?贯彻(?:落实|执行)|请结合实际认真(?:贯彻|组织)")


def delivered_report(text: str) -> re.Match | None:
    """The congress line of a report as delivered, when the page goes on to address 各位代表."""
    m = _CONGRESS.search(text[:800])
    return m if m and "各位代表" in text[:1500] else None


# a page that reports on a plan rather than reproducing it: a reporter's words, a plan quoted in the
# third person, a dated lead, an outlet's name
_NARRATION = re.compile(
    r"近日|日前|记者|据悉|据了解|获悉|表示|介绍|发布会|新闻|消息|小编|近年来|一起来看|一起去看|版次|你知道|"
    r"(?<!本)(?:规划|方案|纲要|意见|》)中?(?:指出|明确|提出)|正式(?:公布|发布|出炉|印发)|(?:发布|印发|出台)了?(?:一份|《)|"
    r"^\s*【[^】]{2,12}(?:网|报)】|晚报|日报|排行榜|本文整理|以下是关于|以下是根据|数据显示|宣布|人们|网友|亮眼|惊人|令人瞩目|"
    r"(?<!就是|比如|应该|可以)(?<!总的来|具体来|一般来|相对来)说[，,：:]|(?:^|\n)\s*\d{1,2}月\d{1,2}日[，,]|(?:^|\n)\s*\d{1,2}日(?:表示|消息|电)")
_WORK_PLAN_OPENING = re.compile(r"工作的?(?:总体思路|总体要求|指导思想|主要目标)(?:是|为)")


def _doc_kind(doc: ParsedDocument, lines: list[str], doc_number: str | None, notice: str | None,
              page: PageHeader) -> str:
    head = lines[:HEAD_LINES]
    header_fields = sum(1 for line in head if _HEADER_FIELD.match(line))
    sender = any(_SENDER_LINE.match(line) for line in head)
    notice_file = any(_NOTICE_HEAD.search(line) and len(line) <= 30 for line in head[:5])
    if header_fields >= 2 or doc_number or (sender and notice) or notice_file:
        return "government_document"
    if _ISSUING_BODY.search(doc.text[:1500]):
        return "government_document"  # a notice's own words
    if delivered_report(doc.text):
        return "plan_text"  # a work report as delivered: the report itself, issued with no notice
    if bulletin_title(doc, lines, _headline(doc, page)) or reads_like_bulletin(doc.text) or _signed_by_bureau(lines):
        return "statistical_bulletin"
    if doc.front_matter or page.byline or page.media_source or _NEWS_HINT.search(doc.text[:3000]):
        return "news"
    if sender or (notice and re.search(r"(?:通知|意见|决定)$", notice) and
                  any(_DATE_LINE.match(line) for line in lines)):
        return "government_document"
    if _WORK_PLAN_OPENING.search(doc.text[:1500]) and not _REPORT_VOICE.search(doc.text[:3000]):
        return "government_document"  # an annual work plan (工作要点) as its office published it
    if _NARRATION.search(doc.text[:1500]):
        return "news"  # a page that tells of a plan (近日…印发, 规划指出, 7月3日，四川发布) is a report on it
    return "plan_text"


def _region_of(*texts: str | None) -> Region | None:
    """The region a title, issuer or headline names first; where it goes on to name a region
    inside that one (重庆市渝中区人民政府工作报告, 贵州…贵阳贵安五年答卷, 四川省眉山市林业局), the
    inner one is what it is about (when exactly one inner region is named at the deepest level)."""
    for text in texts:
        if not text:
            continue
        mentions = find_regions(text)
        if mentions:
            first = mentions[0].region
            inner = [m.region for m in mentions[1:] if _inside(m.region, first)]
            if inner:
                deepest = max(LEVELS.index(r.level) for r in inner)
                at_depth = {r.code: r for r in inner if LEVELS.index(r.level) == deepest}
                if len(at_depth) == 1:
                    return next(iter(at_depth.values()))
            return _county_right_after(text, mentions[0]) or first
    return None


def _county_right_after(text: str, mention) -> Region | None:
    """四川万源为自己…定下目标: a county written by its short name right after its province or city
    (too short to look for anywhere else)."""
    after = text[mention.end:mention.end + 4]
    candidates = [r for r in all_regions() if r.level == "county" and len(r.short_name) >= 2
                  and (r.province_code == mention.region.code or r.parent_code == mention.region.code)
                  and (after.startswith(r.short_name) or after.startswith(r.name))]
    return max(candidates, key=lambda r: len(r.short_name)) if len(candidates) == 1 else None


def _without_province(issuer: str | None) -> str | None:
    """四川省眉山市林业局 → 眉山市林业局: a city's or county's body goes by its own place's name; the
    province written before it is an address."""
    if not issuer:
        return issuer
    parts = []
    for part in issuer.split("、"):
        mentions = find_regions(part)
        # (a municipality's district keeps it: 重庆市渝中区人民政府)
        if len(mentions) >= 2 and mentions[0].start == 0 and mentions[0].region.level == "province" \
                and not mentions[0].region.name.endswith("市") \
                and mentions[1].start == mentions[0].end and mentions[1].region.province_code == mentions[0].region.code \
                and mentions[1].region.level != "province":
            part = part[mentions[1].start:]
            mentions = find_regions(part)
        if mentions and mentions[0].start == 0 and mentions[0].surface != mentions[0].region.name \
                and re.match(r"(?:人民政府|政府|统计局)", part[mentions[0].end:]):
            part = mentions[0].region.name + part[mentions[0].end:]  # 黔西南州人民政府 by its full name
        parts.append(part)
    return "、".join(parts)


def _inside(region: Region, outer: Region) -> bool:
    if region.code == outer.code or LEVELS.index(region.level) <= LEVELS.index(outer.level):
        return False
    if outer.level == "province":
        return region.province_code == outer.code
    return region.parent_code == outer.code


def _resolve_body(name: str | None) -> Region | None:
    """The region a body's name stands for, where the text names a body and not a place in
    passing (在蠡县第十七届人民代表大会, 阳泉市矿区…统计公报, 广西壮族自治区第十三届人大): the
    whole name (蠡县, a two-character county found nowhere else), else the last region it names
    and, after a city, a district of that city (阳泉市矿区 → 矿区 of 阳泉)."""
    name = re.sub(r"\s+", "", name or "")
    if not name:
        return None
    whole = resolve_name(name)
    if whole is not None:
        return whole
    mentions = find_regions(name)
    if not mentions:
        return None
    last = mentions[-1]
    rest = re.sub(r"^[（(]?|(?:人民政府|政府|统计局)$", "", name[last.end:])
    inner = resolve_name(rest, last.region.code) if len(rest) >= 2 else None
    return inner if inner is not None and _inside(inner, last.region) else last.region


# a congress named in a news page (广西壮族自治区第十三届人民代表大会第四次会议在南宁开幕)
_CONGRESS_NAME = re.compile(r"([\u4e00-\u9fff（）()]{2,24}?)(?:第[一二三四五六七八九十]+届\s*人民代表大会\s*第[一二三四五六七八九十]+次会议"
                            r"|第?[一二三四五六七八九十]+届人大第?[一二三四五六七八九十]+次(?:会议|全会))")


def _congress_region(text: str) -> Region | None:
    """The region whose congress hears a work report: its government reports, wherever it meets."""
    if not _on_work_report(text):
        return None
    # 自治区十三届人大一次会议 in a headline, 广西壮族自治区第十三届人民代表大会 in the lead: the first that names a place
    return next((body for m in _CONGRESS_NAME.finditer(text[:1500]) if (body := _resolve_body(m.group(1)))), None)


def _main_region(doc: ParsedDocument, plan_title: str | None, issuer: str | None,
                 headline: str | None) -> Region | None:
    report = re.match(r"(?:(?:19|20)\d{2}年)?(.{2,20}?)(?:人民)?政府工作报告", plan_title or "") \
        or re.match(r"关于(.{2,20}?)(?:19|20)\d{2}年(?:上半年)?国民经济和社会发展计划执行情况", plan_title or "")
    region = (_resolve_body(report.group(1)) if report else None) or _region_of(plan_title, issuer, headline) \
        or _leading_county(issuer) or _leading_county(plan_title)
    if region is not None:
        return region
    mentions = find_regions(doc.text)
    if not mentions:
        tags = " ".join(_as_list(doc.front_matter.get("tags")) + _as_list(doc.front_matter.get("categories"))) \
            if doc.front_matter else ""
        return _region_of(tags) or frequent_ambiguous_city(doc.text)
    # 总书记视察河北重要讲话: a place a leader visited is named in every page of it, not the speaker
    visited = [m for m in mentions if not re.search(r"(?:视察|考察)$", doc.text[max(0, m.start - 2):m.start])]
    mentions = visited or mentions
    voice = _voice(doc.text)
    if voice == "county":
        # 全县/我县/该县 throughout: the county named most often is the one that speaks
        counties = Counter(m.region.code for m in mentions if m.region.level == "county")
        if counties:
            return region_by_code(counties.most_common(1)[0][0])
        named = _county_by_short_name(doc.text, mentions)
        if named is not None:
            return named
    # 全市 spoken by a county-level city (定州市, 万源市) is that city's voice too
    counts = Counter(m.region.code for m in mentions if m.region.level != "county"
                     or (voice == "city" and m.region.name.endswith("市")))
    if not counts:
        counts = Counter(m.region.code for m in mentions)
    code = counts.most_common(1)[0][0]
    region = next(m.region for m in mentions if m.region.code == code)
    if region.level == "prefecture" and voice is None and region.province_code:
        # 贵阳…毕节…遵义 named alike and none above the rest: the page speaks for their province
        peers = sorted((n for c, n in counts.items() if (r := region_by_code(c)) and r.level == "prefecture"
                        and r.province_code == region.province_code), reverse=True)
        if (len(peers) >= 4 and peers[0] <= 3 * peers[1]) or (len(peers) >= 3 and peers[0] <= 2 * peers[1]):
            return region_by_code(region.province_code) or region
    if region.level != "province" and voice == "province" and region.province_code:
        # 全省 throughout while cities are named (贵阳…毕节…): the page speaks for their province
        return region_by_code(region.province_code) or region
    if region.level == "province" and voice in ("city", "county"):
        # 我市/全市 throughout: the province named is context (落实…浙江…部署), one of its cities speaks
        cities = [(n, c) for c, n in counts.items()
                  if (r := region_by_code(c)) and r.level == "prefecture" and r.province_code == region.code]
        if cities:
            return region_by_code(max(cities)[1])
    return region


def _leading_county(name: str | None) -> Region | None:
    """魏县发展和改革局 / 魏县2022年…计划执行情况: a two-character county that leads an issuer's
    or a title's name (too short to look for in running text)."""
    m = re.match(r"([\u4e00-\u9fff][县区旗])(?=[\u4e00-\u9fff\d])", name or "")
    return resolve_name(m.group(1)) if m else None


def _county_by_short_name(text: str, mentions: list) -> Region | None:
    """黎平发展史上…全县: a county speaks of itself by its short name, which is too short to look for
    everywhere; look for the short names of the counties of the places the page does name."""
    places = {m.region.code for m in mentions}
    candidates = [r for r in all_regions() if r.level == "county" and len(r.short_name) >= 2
                  and r.short_name != r.name and (r.parent_code in places or r.province_code in places)]
    counts = Counter({r.code: text.count(r.short_name) for r in candidates})
    ranked = [(code, n) for code, n in counts.most_common(2) if n]
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return region_by_code(ranked[0][0])
    return None


_VOICES = {
    "province": r"全省|我省|本省|省委|省政府|自治区党委|自治区人民政府|全自治区",
    "city": r"全市|我市|本市|市委|市政府|该市|全州|我州|州委|州政府",
    "county": r"全县|我县|本县|县委|县政府|该县|县人民政府|全旗|我旗|县长|我区|区委|区政府|区人民政府|该区|区长|全区",
}


# 全省 as the scope of a comparison (居全省第一, 占全省比重, 全省平均) is not the speaker
_COMPARED_SCOPE = re.compile(r"(?:居|列|占|高于|低于|快于|慢于|位居|排名|位列|领跑|在|超过|于)全[省市县区国]|"
                             r"全[省市县区国](?:第|前|首位|前列|平均|领先|同类|之首|排名)")


_VOICE_PATTERNS = {level: re.compile(words) for level, words in _VOICES.items()}


_AUTONOMOUS_REGION = re.compile(r"广西|内蒙古|西藏|宁夏|新疆|自治区")
_REGION_WIDE = re.compile(r"全区|我区|区委|区政府|区人民政府")


def _voice(text: str) -> str | None:
    """Which level of government the page speaks as (全县/我县 … versus 全市 … versus 全省 …)."""
    spoken = re.search(r"我代表(省|自治区|市|州|县|区|旗)人民政府", text[:3000])
    if spoken:  # 我代表市人民政府向大会报告工作: the government says which it is
        return {"省": "province", "自治区": "province", "市": "city", "州": "city"}.get(spoken.group(1), "county")
    text = _COMPARED_SCOPE.sub("", text[:6000])
    counts = {level: len(pattern.findall(text)) for level, pattern in _VOICE_PATTERNS.items()}
    if _AUTONOMOUS_REGION.search(text) and not any(m.region.level == "county" and m.region.name.endswith("区")
                                                    for m in find_regions(text[:1500])):
        # in 广西 (and the other autonomous regions) 全区/区委/区政府 is the province speaking, unless
        # the page is about one of its districts (钦北区…全区)
        moved = len(_REGION_WIDE.findall(text))
        counts["county"] -= moved
        counts["province"] += moved
    level, n = max(counts.items(), key=lambda kv: kv[1])
    # one 全省 or 省委、省政府 (落实省委、省政府决策部署) is a city's context, not its voice
    return level if n >= 2 and list(counts.values()).count(n) == 1 else None


_THIS_PLACE = ("该省", "该市", "该县", "该区")  # 我市发布… names no office (the seeds leave it null)

# full names of the commissions and departments that issue plans, for their short forms
_ORG_SHORT_FORMS = [("发展改革委", "发展和改革委员会"), ("发改委", "发展和改革委员会"), ("经信委", "经济和信息化委员会"),
                    ("经信厅", "经济和信息化厅"), ("经信局", "经济和信息化局"), ("工信厅", "工业和信息化厅"),
                    ("工信局", "工业和信息化局"), ("科技厅", "科学技术厅"), ("科技局", "科学技术局"),
                    ("人社厅", "人力资源和社会保障厅"), ("人社局", "人力资源和社会保障局"),
                    ("住建厅", "住房和城乡建设厅"), ("住建局", "住房和城乡建设局"), ("商务委", "商务委员会"),
                    ("卫健委", "卫生健康委员会"), ("住建委", "住房和城乡建设委员会"), ("文旅厅", "文化和旅游厅"),
                    ("文旅局", "文化和旅游局"), ("市场监管局", "市场监督管理局"), ("应急局", "应急管理局"),
                    ("医保局", "医疗保障局"), ("国资委", "国有资产监督管理委员会"), ("农业农村厅", "农业农村厅"),
                    ("旅游委", "旅游发展委员会")]
_GOVERNMENT = re.compile(r"^(.{2,12}?[省市县区州盟旗])(?:政府)(办公厅|办公室)?$")
_ISSUER_LIST = re.compile(rf"((?:{_ORG}[、和及与]){{1,5}}{_ORG})(?:近日|日前|近期|正式)?联合(?:印发|发布|出台|制定)")


def _full_org_name(org: str, region: Region | None) -> str:
    """省政府办公厅 → 浙江省人民政府办公厅, 发展改革委 → 浙江省发展和改革委员会."""
    for short, full in _ORG_SHORT_FORMS:
        if org.endswith(short) and not org.endswith(full):
            org = org[: -len(short)] + full
            break
    if region is not None and resolve_name(org[:2]) is None and not org.startswith(("中共", "国务院", "国家")):
        if org.startswith("自治区"):
            org = region.name + org[3:]  # 自治区政府办公厅 → 广西壮族自治区人民政府办公厅
        elif org.startswith(("省", "市", "县", "区")):
            org = region.name + org[1:]
        elif not any(org.startswith(n) for n in (region.name, region.short_name)):
            org = region.name + org
    m = _GOVERNMENT.match(org)
    if m:
        org = m.group(1) + "人民政府" + (m.group(2) or "")
    return org


def _issuer_list(text: str, region: Region | None) -> str | None:
    """浙江省经济和信息化厅、发展改革委、生态环境厅联合出台…: every body of the list, by its full name."""
    if "联合" not in text[:3000]:
        return None  # the list pattern backtracks: try it only where bodies issue together
    m = _ISSUER_LIST.search(text[:3000])
    if not m:
        return None
    parts = [p for p in m.group(1).split("、") if p]
    first = find_regions(parts[0])
    place = first[0].region if first else region
    return "、".join(_full_org_name(p, place) for p in parts)


def _issuer(doc: ParsedDocument, lines: list[str], notice: str | None, signature_org: str | None,
            kind: str, headline: str | None, plan_title: str | None = None) -> str | None:
    value = _header_value(lines, "发布机构") or _header_value(lines, "发文机关")
    if value:
        return re.split(r"\s+", value)[0]
    if notice:
        m = re.match(rf"^({_ORG})关于", notice)
        if m:
            return m.group(1)
    if signature_org:
        return signature_org
    listed = _issuer_list(doc.text, _region_of(plan_title, headline))
    if listed:
        return listed
    m = _PARTY_AND_GOVERNMENT.search(doc.text[:1500])
    if m and re.search(r"(?:印发|发布|出台)", doc.text[m.end():m.end() + 12]):
        return f"中共{m.group(1)}委、{m.group(1)}人民政府"
    # an office named as the issuer (…人民政府办公厅印发《…》) before a place that issues (河北出台…规划)
    orgs = [re.sub(r"^(?:根据|按照|依据)", "", re.sub(r"^.*?(?:近日|日前|近期|[，,。；;：:])", "", m.group(1)) or m.group(1))
            for m in _issued_by(doc.text[:3000]) + _issued_by(headline or "")]
    for org in orgs:
        if resolve_name(org) is None and org not in _THIS_PLACE and re.search(rf"(?:{'|'.join(_ORG_SUFFIX)})$", org):
            return _full_org_name(org, _region_of(org, plan_title, headline)
                                  or _main_region(doc, plan_title, None, headline))
    for org in orgs:
        if org in _THIS_PLACE or resolve_name(org) is not None:
            # 河北出台…规划 / 该省近日印发…: the place speaks through its government
            place = resolve_name(org) or _region_of(plan_title, headline) or _main_region(doc, None, None, headline)
            if place is not None:
                return place.name + "人民政府"
    if plan_title and plan_title.endswith(_GOV_REPORT):
        written = re.search(r"(?<![\u4e00-\u9fff])(?:(?:19|20)\d{2}年)?([\u4e00-\u9fff]{2,14}人民政府)工作报告", doc.text[:600])
        if written:
            return _after_speaker(written.group(1))  # 重庆市渝中区人民政府工作报告: the government as its title names it
        named = re.match(r"(?:(?:19|20)\d{2}年)?(.{2,20}?)(?:人民)?政府工作报告", plan_title)
        place = _region_of(plan_title) or (resolve_name(named.group(1)) if named else None)
        if place is not None:
            return place.name + "人民政府"  # a government work report is its government's
    outline = re.match(r"(.{2,20}?)国民经济和社会发展第.{1,3}个五年规划", plan_title or "")
    if outline:
        place = resolve_name(outline.group(1))
        if place is not None:
            return place.name + "人民政府"  # a region's five-year outline is issued by its government
    return None


def _presenter(doc: ParsedDocument, plan_title: str | None, headline: str | None,
               region: Region | None = None) -> str | None:
    """The body that presents a plan at a press conference, for a page that names no issuer: a
    government's 新闻办 (本网从河北省政府新闻办…获悉) or a department (四川省经济和信息化厅在成都
    举行…新闻发布会). Read after the page's region, which a conference's host does not decide."""
    m = _PRESS.search(doc.text[:3000]) if "政府新闻" in doc.text[:3000] else None
    if m:
        named = find_regions(m.group(1))  # the place named last before 政府新闻办 holds the conference
        place = named[-1].region if named else resolve_name(m.group(1))
        level = {"自治区": "province", "省": "province", "市": "prefecture"}.get(
            next((e for e in ("自治区", "省", "市") if m.group(1).endswith(e)), ""))
        if place is None and region is not None and region.level == level:
            place = region  # 自治区政府新闻办: the page's own region's
        if place is not None:
            return place.name + "人民政府"
    held = _HELD_BY.search(doc.text[:1500])
    if held and resolve_name(held.group(1)) is None:
        return _full_org_name(held.group(1), _region_of(held.group(1), plan_title, headline))
    return None


def _lookahead_span(sentence: str) -> bool:
    return any(word in sentence for word in _LOOKAHEAD_WORDS)


_ANNUAL_TITLE = re.compile(r"((?:19|20)\d{2})\s*年?(?=[\u4e00-\u9fff]).{0,20}?(?:工作报告|工作要点|工作计划|计划草案|年度计划|工作安排|发展计划)")
_TARGET_COLUMN = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:目标值|目标|规划目标)")
_ANNUAL_OPENING = re.compile(r"^\s*((?:19|20)\d{2})\s*年是")


def _period(doc: ParsedDocument, plan_title: str | None, headline: str | None,
            anchor: date | None) -> tuple[int | None, int | None]:
    for text in (plan_title, headline):
        if text:
            m = _YEAR_RANGE.search(text)
            if m and int(m.group(1)) < int(m.group(2)):
                return int(m.group(1)), int(m.group(2))
    m = _PERIOD.search(doc.text)
    if m and int(m.group(1)) < int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    for text in (plan_title, headline):
        if text:
            m = _FIVE_YEAR_RE.search(text)
            if m:
                return _FIVE_YEAR[m.group(1) or m.group(2) + "五"]
            m = _ANNUAL_TITLE.search(text)
            if m:  # a work report or annual plan: its own year
                plan_year = re.search(r"((?:19|20)\d{2})\s*年[^年]{0,20}?计划草案", text)
                if plan_year:  # 2021年计划执行情况与2022年计划草案的报告: reports 2021, plans 2022
                    return int(m.group(1)), int(plan_year.group(1))
                return int(m.group(1)), int(m.group(1))
    m = _ANNUAL_OPENING.search(doc.text[:300])
    if m and _WORK_PLAN_OPENING.search(doc.text[:1500]):
        return int(m.group(1)), int(m.group(1))  # 2025年是…之年。全市科技工作的总体思路是…
    m = _TARGET_COLUMN.search(doc.text[:3000])
    if m:
        return None, int(m.group(1))  # an indicator table's 2020年目标值 column
    # the targets' horizon: the latest 到20XX年 that is not a look-ahead (展望2035年)
    floor = anchor.year if anchor else 0
    years = []
    for sentence in re.split(r"[。；;！!\n]", doc.text):
        if _lookahead_span(sentence):
            continue
        for m in _HORIZON.finditer(sentence):
            year = int(m.group(1))
            if year >= floor and year <= (floor + 15 if floor else 2100):
                years.append(year)
    if not years:
        return None, None
    end = max(years)
    for term, (start, term_end) in _FIVE_YEAR.items():
        if term_end == end and term in doc.text:
            return start, end
    if anchor is None:
        return None, end
    start = anchor.year + 1 if anchor.month >= 10 else anchor.year
    if re.search(r"(?:从|自)明年(?:起|开始)", doc.text):
        start = anchor.year + 1
    return min(start, end), end


def _outlet(doc: ParsedDocument, kind: str, page: PageHeader) -> str | None:
    if kind != "news":
        return None
    fm = doc.front_matter or {}
    candidates = (_as_list(fm.get("author")) + _as_list(fm.get("source")) + _as_list(fm.get("tags"))
                  + _as_list(fm.get("categories")))
    for value in candidates:
        if re.fullmatch(rf"[{_CJK}A-Za-z0-9]{{2,20}}", value) and re.search(rf"[{_CJK}]", value) \
                and _OUTLET_HINT.search(value):
            return re.sub(r"(?<=[报网台社刊])(?:新闻|要闻|资讯|头条)$", "", value)
    if page.outlet:
        return page.outlet
    m = re.search(rf"(?:来源|来自|稿源)\s*[:：]\s*([{_CJK}]{{2,15}}?(?:报|网|社|台|客户端))", doc.text[:5000])
    if m:
        return m.group(1)
    return None


# ----------------------------------------------------------------------------- entry point

def _matching_copy(doc: ParsedDocument) -> ParsedDocument:
    """Rules are written for simplified characters and ASCII digits: read a traditional-character
    page (or one with pinyin glosses, full-width digits) through the extractor's matching copy."""
    def view(text):
        return make_view(text).text if text else text
    return replace(doc, text=view(doc.text), html_title=view(doc.html_title),
                   front_matter={k: view(v) if isinstance(v, str) else v for k, v in (doc.front_matter or {}).items()})


_LEAD_DAY = re.compile(r"(?:^|\n)\s*(?:【[^】\n]{1,20}】\s*)?(?:[(（]?[\u4e00-\u9fff]{0,12}?(?:记者|通讯员)[^)）\n]{0,20}[)）]\s*)?"
                       r"(\d{1,2})\s*月\s*(\d{1,2})\s*日(?!\s*至)|[\u4e00-\u9fff]{2,8}?(\d{1,2})月(\d{1,2})日(?:电|讯)")
_YEAR_IN_HEADLINE = re.compile(r"(?<![到至~～—–\-])((?:19|20)\d{2})(?:全国|全省|两会|年(?!前|底前|目标))")


def _lead_day(text: str, year: int | None) -> date | None:
    """A news page gives only the day of its event (1月24日上午，… / 中新网成都11月14日电); with the
    year the page is about, that is its date (an estimate: published_date_inferred)."""
    if year is None:
        return None
    m = _LEAD_DAY.search(text[:1500])
    if not m:
        return None
    month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return _safe_date(year, month, day)




def _estimated_year(text: str, plan_title: str | None, headline: str | None, start: int | None,
                    end: int | None) -> int | None:
    """The year an undated page was most likely written: the year of the work report it covers,
    a year its headline names, else the year after the latest year it reports a figure for (a
    page that reports 2022's figures was written in 2023), else its plan's first year."""
    if plan_title:
        m = re.match(r"((?:19|20)\d{2})年.*政府工作报告$", plan_title)
        if m:
            return int(m.group(1))
    for m in _YEAR_IN_HEADLINE.finditer(headline or ""):
        if not re.search(r"欲|将|要|力争|争取|预计|目标|计划", (headline or "")[m.end():m.end() + 8]):
            return int(m.group(1))  # 2022年总量欲达1.2万亿 names the goal's year, not the page's
    said = stated_year(make_view(text[:4000]).text)
    if said is not None:
        return said  # 今年是“十五五”开局之年 / 刚刚过去的2024年
    if end is not None and reviews_own_period(make_view(text).text, start, end):
        # a review of its plan's period is written as the period closes, or in the next year when
        # it reports where the period ended (从2012年的1.1万亿元增长到2021年的2.71万亿元) or says the
        # period's goals were met, in the first months of a year (1月28日…较好完成了“十四五”规划确定的主要目标任务)
        view = make_view(text).text
        lead = _LEAD_DAY.search(text[:1500])
        early = lead is not None and int(lead.group(1) or lead.group(3)) <= 3
        closed = any(int(m.group(1)) == end for m in REACHED_YEAR.finditer(view)) or (early and re.search(
            r"完成了?[^。；]{0,12}规划[^。；]{0,8}(?:目标任务|主要目标|目标)", view[:3000]) is not None)
        return end + 1 if closed else end
    years = reported_years(make_view(text[:4000]).text, end)
    if years and start is not None and min(years) >= start and _YEAR_RANGE.search(plan_title or ""):
        return start  # 行动方案(2023—2027年): 2023年，…达到11.8亿吨 is a stage of it, set in 2023
    if years:
        return max(years) + 1
    return start


def _bulletin_metadata(doc: ParsedDocument, lines: list[str], headline: str | None,
                       page: PageHeader) -> DocumentMetadata:
    """A statistical bulletin reports on one year: its title names the year and the region; its
    issuer is the statistics bureau (and the survey team) signed under the title."""
    title = bulletin_title(doc, lines, headline)
    issuer = _bulletin_issuer(lines)
    named = (re.match(r"(.{2,20}?)(?:19|20)\d{2}\s*年", title)  # 阳泉市郊区2022年… / 2022年阳泉市郊区国民经济…
             or re.match(r"(?:19|20)\d{2}\s*年(.{2,20}?)(?:国民经济|人口|经济)", title)) if title else None
    region = (_resolve_body(named.group(1)) if named else None) or _region_of(title) or _deepest_region(issuer) \
        or _main_region(doc, None, None, headline)
    if issuer and issuer.split("、")[0] in ("省统计局", "市统计局", "县统计局", "区统计局", "州统计局") and region:
        issuer = issuer.replace(issuer.split("、")[0], _qualified_name(region) + "统计局", 1)  # 市统计局: the region's
    issuer = _without_province(issuer or _bulletin_issuer([], region))
    year = _reporting_year(title or doc.text[:800])
    if title is None and region is not None and year is not None:
        title = f"{region.name}{year}年国民经济和社会发展统计公报"
    fm_date = next((parse_date(doc.front_matter[k]) for k in _FRONT_MATTER_DATE
                    if doc.front_matter and doc.front_matter.get(k)), None)
    published = _published_header(lines) or _signature(lines)[1] or fm_date or page.date
    return DocumentMetadata(
        doc_kind="statistical_bulletin", plan_title=title,
        region_name=region.name if region else None, region_code=region.code if region else None,
        issuer=issuer, doc_number=None, published_date=published, written_date=None,
        period_start_year=year, period_end_year=year, outlet=page.outlet if page.media_source else None)


_PUBLISHED_LABELS = ("发布日期", "发布时间", "发文日期", "公布日期")


def _published_header(lines: list[str]) -> date | None:
    """The publication date a page's header fields give (发布日期, 发布时间, 发文日期, 公布日期)."""
    return next((when for label in _PUBLISHED_LABELS if (when := parse_date(_header_value(lines, label)))), None)


def _reporting_body(doc: ParsedDocument, plan_title: str | None, region: Region | None,
                    issuer: str | None) -> str | None:
    """The body behind a title the page implies rather than names: a department for its sector's
    plan (云南省交通运输厅 for 云南省“十三五”交通运输发展规划), the development and reform body for a
    plan report (受县人民政府委托…). Otherwise the issuer found so far."""
    if issuer is None and plan_title and "”" in plan_title and plan_title.endswith("规划"):
        term = re.search(r"“(十[一二三四五]五)”", plan_title)
        department = _department_plan(doc.text, region, term.group(1) if term else None)
        if department and department[0] == plan_title:
            return department[1]
    if plan_title and plan_title.startswith("关于") and "计划执行情况" in plan_title \
            and (issuer is None or issuer.endswith("人民政府")):
        return _execution_reporter(doc.text, region)
    return issuer


def extract_metadata(doc: ParsedDocument) -> DocumentMetadata:
    doc = _matching_copy(doc)
    lines = _lines(doc.text)
    page = read_page_header(doc.text) if not (doc.front_matter or doc.html_title) else PageHeader()
    headline = _headline(doc, page)
    doc_number = _doc_number(lines)
    notice = _notice_title(lines)
    if notice is None and doc.html_title and "关于" in doc.html_title:
        notice = next((p for p in re.split(r"\s*[_|｜]\s*", doc.html_title) if "关于" in p), None)
        notice = re.sub(r"\s+", "", notice) if notice and notice.endswith(_DOC_TYPES) else None
    kind = _doc_kind(doc, lines, doc_number, notice, page)
    if kind == "statistical_bulletin":
        return _bulletin_metadata(doc, lines, headline, page)
    plan_title = _plan_title(doc, lines, notice, kind, headline)
    signature_org, signature_date = _signature(lines) if kind != "news" else (None, None)

    written = parse_date(_header_value(lines, "成文日期")) or signature_date
    published = _published_header(lines)
    fm_date = next((parse_date(doc.front_matter[k]) for k in _FRONT_MATTER_DATE
                    if doc.front_matter and doc.front_matter.get(k)), None)
    congress = delivered_report(doc.text)
    # a work report as delivered is dated by its congress, not by the page that reposts it
    delivered = _safe_date(*congress.group(1, 2, 3)) if congress is not None else None
    published = published or written or fm_date or delivered or page.date
    wire = _DATELINE.search(doc.text[:800]) if kind == "news" and published is not None else None
    if wire:
        # 发布时间:2024-11-22 over 中新网太原2月29日电: the page was (re)posted later; the report is of its dateline
        dated = _safe_date(published.year, wire.group(1), wire.group(2))
        if dated is not None and (published - dated).days > 31:  # a day's lag is the paper's own
            published = dated
    if congress is not None and plan_title and plan_title.endswith(_GOV_REPORT) \
            and not re.search(r"(?:19|20)\d{2}", plan_title):
        plan_title = f"{congress.group(1)}年{plan_title}"  # 重庆市人民政府工作报告 / ——2026年1月28日在…大会上
    if congress is not None:
        # a work report as delivered: its government and its title from the congress line
        if plan_title is None and (_GOV_REPORT in doc.text or "报告工作" in doc.text[:1500]):
            body = _resolve_body(congress.group(4)) or _main_region(doc, None, None, headline)
            if body is not None:
                plan_title = f"{congress.group(1)}年{_qualified_name(body)}{_GOV_REPORT}"
    if plan_title is None:
        region = _congress_region(doc.text) or _main_region(doc, None, None, headline)
        year = published.year if published else None
        plan_title = _derived_plan_title(doc, lines, region, year, headline)
    placeless = re.fullmatch(r"((?:19|20)\d{2}年)?(?:人民)?政府工作报告", plan_title or "")
    if placeless:
        # 2026年政府工作报告 as a county's site titles it: the report of the government its congress hears
        body = (_resolve_body(congress.group(4)) if congress is not None else None) or _congress_region(doc.text)
        if body is not None:
            plan_title = f"{placeless.group(1) or ''}{_qualified_name(body)}人民{_GOV_REPORT}"
    issuer = _issuer(doc, lines, notice, signature_org, kind, headline, plan_title)
    region = _main_region(doc, plan_title, issuer, headline)
    issuer = _reporting_body(doc, plan_title, region, issuer)
    issuer = _without_province(issuer or _presenter(doc, plan_title, headline, region))
    start, end = _period(doc, plan_title, headline, written or published)
    inferred = False
    if published is None and written is None:
        published = _lead_day(doc.text, _estimated_year(doc.text, plan_title, headline, start, end))
        inferred = published is not None
    return DocumentMetadata(
        doc_kind=kind,
        published_date_inferred=inferred,
        plan_title=plan_title,
        region_name=region.name if region else None,
        region_code=region.code if region else None,
        issuer=issuer,
        doc_number=doc_number if kind == "government_document" else _number_issued_with(doc.text),
        published_date=published,
        written_date=written,
        period_start_year=start,
        period_end_year=end,
        outlet=_outlet(doc, kind, page),
    )

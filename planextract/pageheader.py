"""The furniture at the top of a saved web page: headline, date line, outlet and byline.

A news repost or a government page saved as plain text carries no front matter and no
<title>. What a reader uses instead sits in its first lines, among menu items and
counters: the headline (the first title-like line), a date line (`2021-07-05 10:20`,
`发布时间:2021-07-09`, `时间:2022-09-23 23:41:43 | 浏览:596`, `( 2025年11月07日 第 01 版 )`),
the outlet (`来源:澎湃新闻`, `(来源:衢州日报)`, `《 舟山日报 》`, `中国宁波网记者 金鹭`,
`新华社杭州7月5日电`) and a byline (`记者 黄燕玲`). `read_page_header` finds them; the
metadata rules decide what they mean for the document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

HEAD_LINES = 16          # the page's furniture sits in its first lines
HEADLINE_MIN, HEADLINE_MAX = 6, 64

_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUM_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_DATE_LABEL = re.compile(r"时间|日期|发布|更新|来源|[第\s]\d{1,2}\s*版|字号|浏览|阅读|点击")
# lines that are menus, buttons and counters rather than content
_FURNITURE = re.compile(
    r"logo|客户端|登录|注册|首页|当前位置|您的位置|您现在的位置|热线|关注|订阅|搜索|分享|打印|收藏|"
    r"字号|浏览|阅读|点击|扫一扫|二维码|返回|上一篇|下一篇|责任编辑|编辑[:：]|版权|copyright|"
    r"^[\s•·\-+*|>]+|^\W*\+\d+\W*$|\s[>›»]\s|[>›»]\s*$", re.I)
_SECTION_NUMBER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[.．、])")
_HEADER_FIELD = re.compile(r"^\s*(?:索\s*引\s*号|文\s*号|发\s*布\s*机\s*构|成\s*文\s*日\s*期|发\s*文\s*机\s*关|主\s*题\s*分\s*类)")
_SOURCE = re.compile(r"(?:来源|来自|稿源|转自|出处)\s*[:：]\s*[《“\"]?\s*([\u4e00-\u9fffA-Za-z]{2,16}?)\s*[》”\"]?"
                     r"(?=$|[\s)）|｜,，。]|\d|发布|更新|时间|作者|编辑|记者)")
_PAPER = re.compile(r"《\s*([\u4e00-\u9fff]{2,12}(?:报|刊|周刊))\s*》")
_BYLINE = re.compile(r"(?:^|[\s(（])(?:本报|本台|本网)?(?:首席)?(?:记者|通讯员|特约记者)\s*[\u4e00-\u9fff]{2,4}")
_WIRE = re.compile(r"^[(（]?([\u4e00-\u9fff]{2,10}?(?:社|网|报|台))[\u4e00-\u9fff]{2,6}\d{1,2}月\d{1,2}日电")
_OUTLET_BEFORE_REPORTER = re.compile(r"^([\u4e00-\u9fff]{2,10}?(?:报|网|社|台|新闻|客户端))(?:首席)?记者")
_MEDIA = re.compile(r"(?:报|网|社|台|新闻|电视|广播|杂志|频道|客户端|传媒|在线|周刊|时报|日报|晚报)$")


@dataclass(slots=True)
class PageHeader:
    """What the top of a page says about the page (not yet about the plan)."""

    headline: str | None = None
    date: date | None = None       # the page's own date (a news article's, a repost's)
    outlet: str | None = None       # the news outlet named as the source
    byline: bool = False            # 记者/通讯员 named: written by a newsroom
    media_source: bool = False      # the outlet named is a news medium (…报, …网, …社)


def _safe_date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _lines(text: str) -> list[str]:
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if line:
            out.append(line)
        if len(out) >= HEAD_LINES:
            break
    return out


_DAY_FIRST = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")


def page_date(line: str) -> date | None:
    """The date of a page's date line; None for a body sentence that happens to hold a date."""
    m = _NUM_DATE.search(line)
    if not m:
        day_first = _DAY_FIRST.match(line)  # 05.07.2016  11:34: a date line written day first
        if day_first:
            d, mo, y = day_first.groups()
            return _safe_date(y, mo, d) or _safe_date(y, d, mo)
        return None
    rest = (line[:m.start()] + line[m.end():]).strip(" ()（）|｜·-—")
    short = len(rest) <= 40
    if not (short or _DATE_LABEL.search(line) or _TIME.search(line[m.end():m.end() + 10])):
        return None
    if re.search(r"[。；]", line) and not _DATE_LABEL.search(line[:m.start()]):
        return None
    return _safe_date(*m.groups())


_LEAD_DATE = re.compile(r"^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:上午|下午|晚|早|凌晨|\d{1,2}\s*[时:])")


def lead_date(line: str) -> date | None:
    """2017年1月14日上午9时，…会议开幕: a news lead that opens with the full date of its event."""
    m = _LEAD_DATE.match(line)
    return _safe_date(*m.groups()) if m else None


def is_headline(line: str) -> bool:
    if not HEADLINE_MIN <= len(line) <= HEADLINE_MAX or not _CJK.search(line):
        return False
    if line.endswith(("。", "；", ";", "：", ":", "，", ",")) or line.count("。") > 0:
        return False
    if _FURNITURE.search(line) or _SECTION_NUMBER.match(line) or _HEADER_FIELD.match(line):
        return False
    if _NUM_DATE.search(line) and page_date(line) is not None:
        return False
    if _BYLINE.search(line) or _SOURCE.search(line) or _WIRE.match(line):
        return False
    cjk = len(_CJK.findall(line))
    return cjk >= 0.5 * len(line)


def outlet_of(line: str) -> str | None:
    for pattern in (_SOURCE, _PAPER, _WIRE, _OUTLET_BEFORE_REPORTER):
        m = pattern.search(line)
        if m:
            return m.group(1)
    return None


def read_page_header(text: str) -> PageHeader:
    """Headline, date, outlet and byline from the first lines of a page's text."""
    header = PageHeader()
    body_started = False
    lines = _lines(text)
    for index, line in enumerate(lines):
        if header.date is None:
            header.date = page_date(line)
        if header.date is None and index == 0:
            header.date = lead_date(line)
        if header.outlet is None:
            header.outlet = outlet_of(line)
        if _BYLINE.search(line) and len(line) <= 60:
            header.byline = True
        if body_started:
            continue
        if is_headline(line):
            header.headline = line
            body_started = True
        elif len(line) > 80 or "。" in line:
            body_started = True  # the body began: a short line after it is a section heading
    if header.outlet:
        header.media_source = bool(_MEDIA.search(header.outlet))
    return header

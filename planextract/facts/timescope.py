"""Time scope: which year (or period) a number belongs to.

A sentence may say 到2025年 (a target year), 2020年 (an observed year),
“十三五”期间 (a period: its end year, with a start year), 展望2035年 (an outlook).
Phrases that name a baseline (在2025年的基础上, 比2020年, 较“十二五”末) are not
the fact's own year and are skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import PERIODS

YEAR = re.compile(
    r"(?P<lead>力争到|争取到|预计到|到|至|截至|截止|展望|在)?\s*(?<![\d.])(?P<year>(?:19|20)\d\d)\s*年"
    r"(?P<tail>底|末|前|以前|的基础上|基础上)?")
# part of a year: its figures are results so far
PARTIAL = re.compile(r"\s*(?:度)?(?:上半年|下半年|一季度|第一季度|前三季度|前两季度|[一1][-—–~至到][一二三四五六七八九十\d]{1,2}月|"
                     r"[一二三四五六七八九十\d]{1,2}[-—–~至到][一二三四五六七八九十\d]{1,2}月|前[一二三四五六七八九十\d]{1,2}个?月)")
# a year named as a comparison level, not as the time of a figure: 恢复到2019年水平, 2010年不变价
_NOT_A_TIME = re.compile(r"\s*(?:的)?(?:水平|同期|不变价|价格|可比价)")
RANGE = re.compile(r"(?<!\d)(?P<start>20\d\d)\s*[-—–~～至到]\s*(?P<end>20\d\d)\s*年")
PERIOD = re.compile(r"[“\"]?(?P<name>十[一二三四五]五)[”\"]?(?P<tail>期间|时期|以来|末|内|中期)|"
                    # a quoted period that opens a clause names its time (“十四五”贵州能源投资累计完成…)
                    r"(?:^|(?<=[，,。；;\s]))[“\"](?P<name2>十[一二三四五]五)[”\"]"
                    r"(?=[\u4e00-\u9fff])(?!规划|纲要|开局|收官|的|是|发展|建设|重点|目标|专项|时|期|以|末|内|中)")
BASELINE_LEAD = ("比", "较", "与", "同比", "相比", "从", "由", "基于", "以")
# years named relative to when the document was written (a government work report):
# word -> (offset of the year described, length of the period or None)
RELATIVE = re.compile(r"(?P<word>截至目前|截止目前|截至当前|目前|当前|现阶段|今年|本年度|本年|明年|去年|上年|上一年|过去一年|过去的一年|一年来|"
                      r"过去(?P<n>五|5|三|3)年|过去的(?P<n2>五|5)年|(?:近|这)?(?P<n3>五|三)年来|近(?P<n4>五|三)年)")
_RELATIVE_OFFSET = {"截至目前": 0, "截止目前": 0, "截至当前": 0, "目前": 0, "当前": 0, "现阶段": 0, "今年": 0, "本年度": 0, "本年": 0, "明年": 1, "去年": -1, "上年": -1, "上一年": -1,
                    "过去一年": -1, "过去的一年": -1, "一年来": -1}


@dataclass(slots=True)
class TimeMark:
    pos: int                  # offset in the sentence
    year: int                 # the year the fact describes (a period's end year)
    period_start: int | None  # first year of a period
    explicit_target: bool     # 到/至/展望 + year: a goal
    outlook: bool = False     # 展望2035年
    since: bool = False       # “十四五”以来: the period so far, up to when the document was written
    partial: bool = False     # 上半年, 一季度, 1—10月: part of a year, always a result
    relative: str | None = None  # 今年/去年/明年 …: the word, when the year was read relative to the document


def time_marks(sentence: str, reference_year: int | None = None, reference_inferred: bool = False) -> list[TimeMark]:
    """Every time expression of a sentence that can be a fact's year, in order.

    With the year the document was written, 今年/去年/过去五年 become years too."""
    marks: list[TimeMark] = []
    if "年" not in sentence and "五" not in sentence:
        return marks
    if reference_year is not None and ("年" in sentence):
        marks.extend(_relative_marks(sentence, reference_year))
    ranges = list(RANGE.finditer(sentence))
    for m in ranges:
        marks.append(TimeMark(m.start(), int(m.group("end")), int(m.group("start")), False))
    covered = [(m.start(), m.end()) for m in ranges] + _asides(sentence)
    for m in YEAR.finditer(sentence):
        if any(s <= m.start("year") < e for s, e in covered):
            continue
        if _is_date(sentence, m) or _is_baseline(sentence, m):
            continue
        lead = m.group("lead") or ""
        tail = m.group("tail") or ""
        if tail in ("的基础上", "基础上"):
            continue
        if _NOT_A_TIME.match(sentence, m.end()):
            continue
        year = int(m.group("year"))
        dated_value = sentence[m.end():m.end() + 1] == "的"  # 提升至2024年的12.6%: a date, not a goal
        partial = bool(PARTIAL.match(sentence, m.end()))
        marks.append(TimeMark(m.start(), year, None, lead in ("到", "至", "力争到", "争取到", "展望") and not dated_value
                              and not partial, outlook=lead == "展望", partial=partial))
    for m in PERIOD.finditer(sentence):
        start, end = PERIODS[m.group("name") or m.group("name2")]
        lead = sentence[max(0, m.start() - 1):m.start()]
        if lead in ("较", "比"):
            continue
        if m.group("tail") == "末":
            if lead in ("到", "至"):  # 到“十四五”末: the period's last year, a goal
                marks.append(TimeMark(m.start(), end, None, True))
            continue  # 较“十二五”末: a baseline
        since = m.group("tail") == "以来"
        if since and reference_year is not None and not reference_inferred:
            end = min(end, reference_year - 1)  # achieved so far: the last complete year
        marks.append(TimeMark(m.start(), end, start, False, since=since))
    for m in FIRST_YEARS.finditer(sentence):  # “十四五”前四年: the period's first years, done
        start = PERIODS[m.group(1)][0]
        marks.append(TimeMark(m.start(), start + SMALL_NUMBERS[m.group(2)] - 1, start, False, since=True))
    marks.sort(key=lambda t: t.pos)
    return marks


FIRST_YEARS = re.compile(r"[“\"]?(十[一二三四五]五)[”\"]?(?:以来)?前([一二三四1-4])年")
SMALL_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


_ASIDE = re.compile(r"[（(][^（）()]{6,60}[)）]")


def _asides(sentence: str) -> list[tuple[int, int]]:
    """(扣除2022年灾后恢复重建专项资金支出外): a year inside a bracketed aside qualifies the
    indicator; it is not the time of the figures around it."""
    if "(" not in sentence and "（" not in sentence:
        return []
    return [(m.start(), m.end()) for m in _ASIDE.finditer(sentence)
            if len(re.findall(r"[\u4e00-\u9fff]", m.group(0))) >= 5 and YEAR.search(m.group(0))]


def _relative_marks(sentence: str, reference_year: int) -> list[TimeMark]:
    out = []
    for m in RELATIVE.finditer(sentence):
        if sentence[max(0, m.start() - 1):m.start()] in ("较", "比", "同", "与"):
            continue  # 比上年增长8%: a baseline
        if m.group("word") == "上年" and sentence[m.end():m.end() + 1] in ("同", "末", "度"):
            continue
        n = m.group("n") or m.group("n2") or m.group("n3") or m.group("n4")
        if n:
            length = 5 if n in ("五", "5") else 3
            out.append(TimeMark(m.start(), reference_year - 1, reference_year - length, False))
            continue
        offset = _RELATIVE_OFFSET[m.group("word")]
        partial = bool(PARTIAL.match(sentence, m.end()))
        out.append(TimeMark(m.start(), reference_year + offset, None, offset > 0, partial=partial,
                            relative=m.group("word")))
    return out


def _is_date(sentence: str, m: re.Match) -> bool:
    """A full date (2021年12月7日) dates the document or an event, not a figure; a month span
    (2022年1—11月, 2022年6月底) still says which year a figure belongs to."""
    following = sentence[m.end():m.end() + 8]
    return bool(re.match(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日", following))


def _is_baseline(sentence: str, m: re.Match) -> bool:
    before = sentence[max(0, m.start("year") - 4):m.start("year")].rstrip()
    return any(before.endswith(word) for word in BASELINE_LEAD) or sentence[m.end():m.end() + 1] == "的" and \
        any(sentence[max(0, m.start("year") - 4):m.start("year")].rstrip().endswith(w) for w in ("从", "由"))


def period_of(text: str) -> tuple[int, int] | None:
    """The five-year period a text is about (“十四五” in a title), if any."""
    m = re.search(r"十[一二三四五]五", text)
    return PERIODS[m.group(0)] if m else None

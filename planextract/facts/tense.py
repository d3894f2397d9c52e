"""Tense: is a number a goal still to reach (target) or a result already reported (observation)?

A plan sentence says `到2025年…达到1450亿元`; a review says `“十四五”期间…引进15个项目`; a
work report written in January says `今年…增长5%左右` of the year ahead and `去年…增长4.1%` of
the year behind; a news page written in November says `今年预计可达2350亿元`, an estimate of a
result. The evidence, strongest first:

1. the time the number belongs to, against the date the document was written (a year before
   it is past, a year after it is future; a period that has ended is a result);
2. words of the number's own clause and of the sentence's lead: results (已, 实现了, 同比,
   比上年, 上半年, 截至目前, 先后, 成功 …), estimates (预计 of the current year) and goals (力争,
   确保, 目标, 将, 要, 计划 …);
3. the section the paragraph stands in (主要目标 vs 发展基础), and the kind of document;
4. for the year the document was written in, its month: early in the year a report speaks of
   the year ahead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as lx
from .lexicon import PERIODS
from .timescope import FIRST_YEARS, SMALL_NUMBERS, TimeMark

# words that report a result (checked in the clause that holds the number and the sentence's lead)
RESULT_WORDS = re.compile(
    r"已经|已(?!于)|(?:实现|完成|达到|增长|提高|提升|下降|突破|超过|新增|引进|建成|培育|累计完成)了|先后|成功|获批|"
    r"累计(?:建成|培育|引进|开通|认定|完成)|"
    r"入选|入围|被评为|荣获|同比|比上年|较上年|比去年|较去年|上半年|一季度|前三季度|前两个月|截至目前|截至去年|"
    r"截至上年|截止目前|目前|现有|共有|过去|以来|去年|上年(?![末度])|回顾|取得")
# words that set a goal
GOAL_WORDS = re.compile(
    r"力争|争取(?!" + lx.SECURING_FUNDS + r")|确保|努力|目标|预期|(?<![主重需必只])要(?![求素点闻])|(?<![即])将(?![近来军])|拟|"
    r"(?<![动作展度])计划(?!单列|生育|书|经济|执行|完成)|"
    r"预计到|规划到|期望|有望|届时|可望")
# result words that speak for the whole sentence, wherever they stand (…8029.8亿元，比上年增长3.7%)
SENTENCE_RESULT_WORDS = re.compile(r"同比|比上年|较上年|比去年|较去年|上年同期|上半年|前三季度|一季度|截至目前|截至今年|截至本月|"
                                   r"已经|主要包括|连续")
# a statement that what follows are goals: 主要预期目标是：…, 目标为…, 主要目标有：
GOAL_LIST = re.compile(r"目标(?:建议)?(?:是|为|有|如下)|目标[:：]|目标任务[:：]?|"
                       r"(?:约束性|预期性)指标[，,]?\s*(?:分别)?(?:是|为|有|如下|[:：])")  # 3项约束性指标，分别为：
ESTIMATE_WORDS = re.compile(r"预计(?!到)|预估|预测|初步核算|初步统计")

TARGET_SECTIONS = re.compile(r"目标|任务|重点|举措|措施|路径|展望|指标|思路|(?:发展|功能|战略|总体)定位")
RESULT_SECTIONS = re.compile(r"基础|成效|成就|回顾|现状|进展|成绩|基本情况|发展情况|工作情况|执行情况|完成情况|背景|发展环境|发展特征")


@dataclass(slots=True)
class TenseContext:
    """What the document tells about when it was written and what it is."""

    reference_year: int | None     # the year it was written (or the best guess)
    reference_month: int | None
    doc_kind: str | None = None    # news | government_document | plan_text | statistical_bulletin
    plan_end: int | None = None
    plan_start: int | None = None
    reference_inferred: bool = False  # no date: the reference year is the plan's first year, a guess


def section_of(heading: str) -> str | None:
    """'target' or 'observation' for a section heading, None when it says neither."""
    if RESULT_SECTIONS.search(heading):
        return "observation"
    if TARGET_SECTIONS.search(heading):
        return "target"
    return None


# a figure measured against its goal is a result: 超计划目标0.3个百分点, 完成省下达任务, 超额完成
RESULT_AGAINST_GOAL = re.compile(r"(?:超|超过|超出|低于|高于|完成|实现|达到)(?:了)?(?:年度|计划|预期|省下达|市下达)?(?:目标|任务)|"
                                 r"超额完成|目标完成|计划目标完成|对照[^，。；,;]{0,24}?目标|"
                                 r"完成[^，。；,;]{0,6}?目标(?:任务)?的")  # 完成总规划目标的88%: how much is done


def _cues(text: str) -> tuple[bool, bool, bool]:
    against = bool(RESULT_AGAINST_GOAL.search(text))
    text = RESULT_AGAINST_GOAL.sub("", text)
    estimate = bool(ESTIMATE_WORDS.search(text))
    if estimate:  # 预计全年粮食总产量将超过770亿斤: the 将 of an estimate looks at this year's result
        text = re.sub(r"(?<![即])将|有望|可望", "", text)
    return bool(RESULT_WORDS.search(text)) or against, bool(GOAL_WORDS.search(text)), estimate


def role_for(mark: TimeMark | None, clause: str, lead: str, ctx: TenseContext,
             section: str | None = None, sentence: str = "", before: str = "", goal_like: bool = False) -> str:
    """'target' or 'observation' for a number whose time mark is `mark`, read in its clause
    (the words that govern it), its sentence's lead (the words before the first comma), the
    sentence's unambiguous result words, and a statement of goals before it (`before`).
    `goal_like`: the number is a floor or a ceiling (80家以上, 左右), as goals are written, or its
    paragraph speaks of goals (要实现…, 力争…)."""
    if ctx.doc_kind == "statistical_bulletin":
        return "observation"
    result, goal, estimate = _cues(clause)
    lead_result, lead_goal, lead_estimate = _cues(lead)
    result, goal, estimate = result or lead_result, goal or lead_goal, estimate or lead_estimate
    if not goal and SENTENCE_RESULT_WORDS.search(sentence):
        result = True
    if GOAL_LIST.search(RESULT_AGAINST_GOAL.sub("", before or lead)):  # (完成目标任务的103.1% is a result)
        goal, result = True, False  # 主要预期目标是：A增长6%左右，B 85万人…: the list is the goals
    ref = ctx.reference_year
    if mark is not None:
        if mark.since or mark.partial:
            return "observation"
        if mark.outlook:
            return "target"
        if ref is not None and ctx.reference_inferred and mark.relative is None:
            # undated: 到/至 a year states a goal, a bare year reports a result; the plan's own
            # period is what it sets goals for, an earlier period is a result; a section of goals
            # (发展目标: 2023年，…比重达到22%) keeps its years goals
            if section == "target" and not result and mark.year >= ref:
                return "target"
            if mark.period_start is not None:
                if mark.period_start == ctx.plan_start and not (result and not goal):
                    return "target"
                if mark.year < ref:
                    return "observation"
            elif mark.explicit_target and mark.year < ref and not goal:
                return "observation"  # 从2019年的X增长到2021年Y on a page that reports 2022's figures
            elif mark.explicit_target or (mark.year == ctx.plan_end and not result):
                return "target"  # 到2025年 / 2025年，…达到97.3%: the plan's horizon
            elif not goal:
                return "observation"
        elif ref is not None:
            if mark.period_start is not None and mark.year >= ref and mark.period_start <= ref:
                return _open_period(mark, result, goal, ctx)
            if mark.year > ref:
                return "target"
            if mark.year < ref:
                return "observation"
        elif mark.explicit_target:
            return "target"
        elif mark.period_start is None and not goal:
            return "observation"  # undated: a bare year reports a result
    if mark is not None and ref is not None and mark.year == ref and (ctx.reference_month or 0) >= 9 \
            and re.search(r"预计到\s*(?:今年|(?:19|20)\d{2}\s*年)(?:底|末)", lead + clause):
        return "observation"  # 预计到2025年底 on a November 2025 page: where the year is ending up
    if estimate and not goal:
        if mark is not None and mark.year == ref and ctx.reference_month is not None and ctx.reference_month <= 6:
            return "target"  # 今年预计增长5%左右 in a January report: the year ahead, as planned
        return "observation"  # 预计 of the current or last year: an estimate of a result
    if result and not goal:
        return "observation"
    if goal and not result:
        return "target"
    if mark is not None and mark.explicit_target:
        return "target"
    if section is not None:
        return section
    if mark is None:
        if ctx.plan_end is not None and ref is not None and not ctx.reference_inferred and \
                (ref > ctx.plan_end or (ref == ctx.plan_end and (ctx.reference_month or 0) >= 9)):
            return "observation"  # written as the plan's period closes: what it states is done
        if ctx.plan_end is not None and ref is not None and ctx.doc_kind == "news" and ctx.plan_start == ref \
                and (ctx.reference_month or 12) <= 3 and not goal_like:
            return "observation"  # news of a year's work report: its figures with no year are last year's
        if ref is None and ctx.plan_end is None and ctx.doc_kind == "news" and not goal_like:
            return "observation"  # a news page naming no date and no plan reports what is
        return "target" if ctx.plan_end is not None or ref is None else _by_month(ctx, goal_like, dated=False)
    return _by_month(ctx, goal_like)


def _open_period(mark: TimeMark, result: bool, goal: bool, ctx: TenseContext) -> str:
    """A period that has begun but not ended when the document was written (“十四五”期间 in a
    2023 or a late-2025 page): goals where the clause sets them, results where it reports them,
    otherwise results only once the period's last year is nearly over."""
    if goal and not result:
        return "target"
    if result and not goal:
        return "observation"
    if mark.year == ctx.reference_year and (ctx.reference_month or 0) >= 9:
        return "observation"
    return "target"


def _by_month(ctx: TenseContext, goal_like: bool = False, dated: bool = True) -> str:
    """The year the document was written in, with nothing else to tell: written in its first
    half (a work report in January), a figure for it is still to come."""
    if ctx.doc_kind == "news" and ctx.reference_month is None:
        return "observation"
    if ctx.doc_kind == "news" and ctx.reference_month <= 3 and not goal_like and not dated:
        return "observation"  # a figure with no year on a news page early in the year is last
        # year's result; its goals for the new year name the year or come with 以上/左右
    early = ctx.reference_month is not None and ctx.reference_month <= 6
    return "target" if early else "observation"


# words of a page that looks back over a period it names
_REVIEW = re.compile(r"成就|答卷|回顾|收官|成绩单|交出|五年来|这五年|过去五年|主要成效|取得.{0,4}成效|成效明显|"
                     r"发展成果|高质量完成|圆满完成|决胜|实施以来|(?<=五[”\"])以来|(?<=五)以来")


_STRONG_REVIEW = re.compile(r"答卷|回顾|收官|成绩单|五年来|这五年|过去五年|高质量完成|圆满完成|实施以来")


def reviews_own_period(text: str, start: int | None, end: int) -> bool:
    """The opening of the page looks back over the period of its plan: a review word (答卷, 成就,
    高质量完成 …) naming that period (“十四五”…答卷, 高质量完成“十四五”), not an earlier one
    (回顾了“十三五”取得的成就). A review word speaks of the period named just before it, else of
    one named right after it."""
    head = re.sub(r"\s+", "", text[:1500])[:600]
    own = next((name for name, (s, e) in PERIODS.items() if (s, e) == (start, end)), None)
    for m in _REVIEW.finditer(head):
        before = re.findall(r"十[一二三四五]五", head[max(0, m.start() - 20):m.start()])
        after = re.findall(r"十[一二三四五]五", head[m.end():m.end() + 8])
        named = before[-1] if before else (after[0] if after else None)
        if named == own and named is not None:
            return True
        if named is None and start is not None and any(
                int(y) < start for y in re.findall(r"((?:19|20)\d{2})年", head[max(0, m.start() - 12):m.start()])):
            continue  # 对万源2020年和过去五年的全面总结: the five years before the plan's
        if named is None and ((own is not None and own in head) or (own is None and _STRONG_REVIEW.match(m.group(0)))):
            return True  # no period named: only words that look back by themselves (回顾, 五年来)
    return False


# what a page says of the year it is written in: 今年是“十五五”开局之年, 对于已经开启的2021年,
# 刚刚过去的2024年 / 回顾2024年 (the year before it)
_ORDINAL_YEAR = {"开局": 0, "起步": 0, "第一": 0, "第二": 1, "第三": 2, "第四": 3, "第五": 4, "收官": 4, "决胜": 4, "最后一": 4}
_THIS_YEAR_IN_PERIOD = re.compile(r"今年(?:是|作为|为)[^。；，,]{0,6}?[“\"]?(十[一二三四五]五)[”\"]?(?:规划|时期)?的?[^。；，,]{0,8}?"
                                  r"(开局|起步|第[一二三四五]|收官|决胜|最后一)(?:之)?年")
_THIS_YEAR_NAMED = re.compile(r"(?:已经开启|开启|开启了|迎来|迈入|进入)的?((?:19|20)\d{2})\s*年|今年[（(]((?:19|20)\d{2})年?[）)]")
_LAST_YEAR_NAMED = re.compile(r"刚刚?过去的((?:19|20)\d{2})\s*年|(?:回顾|回望)((?:19|20)\d{2})\s*年")


def stated_year(text: str) -> int | None:
    """The year a page says it is written in, when it says so: 今年是“十五五”开局之年 (2026), 已经开启的
    2021年 (2021), 刚刚过去的2024年 or 回顾2024年 (2025). The first statement in the page wins."""
    found = []
    for m in _THIS_YEAR_IN_PERIOD.finditer(text):
        found.append((m.start(), PERIODS[m.group(1)][0] + _ORDINAL_YEAR[m.group(2)]))
    for m in _THIS_YEAR_NAMED.finditer(text):
        found.append((m.start(), int(m.group(1) or m.group(2))))
    for m in _LAST_YEAR_NAMED.finditer(text):
        found.append((m.start(), int(m.group(1) or m.group(2)) + 1))
    return min(found)[1] if found else None


# a year a page reports a figure for (2022年，… / 2022年的9777.6亿元): not a goal's year (到2025年,
# 实现2027年…目标), not a date (2023年5月), not a deadline (2025年前), not a title's (《…2023年…》)
_BARE_YEAR = re.compile(r"(?<![到至望比较\d—–~-])(?<!实现|确保|力争|争取|相比|将在|将于)((?:19|20)\d\d)\s*年"
                        r"(?![\d—–~-]|\s*\d{1,2}\s*月|前|以前|底前)")
_FUTURE_IN_CLAUSE = re.compile(r"(?:[^。；;]{0,16}?|[^。；;，,：:]{0,32}?)(?:将|要|力争|计划|预计|目标|拟|有望)")
# a change that reached a year: 从2012年的1.1万亿元增长到2021年的2.71万亿元
REACHED_YEAR = re.compile(r"(?:增长|提高|增加|上升|下降|跃升|扩大|提升)(?:到|至)((?:19|20)\d{2})\s*年的")


_DONE_IN_MONTH = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年\s*\d{1,2}\s*月[^。；;]{0,40}?(?:签署|召开|举行|发布|印发|出台)了")


def reported_years(text: str, before: int | None = None) -> list[int]:
    """Years a page reports figures for, in order (only those before `before`, a plan's horizon,
    when given): a page that reports a year's figures was written after that year."""
    years = []
    for m in _BARE_YEAR.finditer(text):
        year = int(m.group(1))
        if before is not None and year >= before:
            continue
        if text.count("《", 0, m.start()) > text.count("》", 0, m.start()):
            continue  # inside a title
        if _FUTURE_IN_CLAUSE.match(text, m.end()):
            continue  # 2019年四川将完成…: a plan for that year, not its result
        years.append(year)
    years += [int(m.group(1)) for m in REACHED_YEAR.finditer(text)]
    # 2017年6月，…签署了…协议: an event the page tells as done dates the page after it
    years += [int(m.group(1)) for m in _DONE_IN_MONTH.finditer(text)]  # past, whatever the horizon
    years += [PERIODS[m.group(1)][0] + SMALL_NUMBERS[m.group(2)] - 1 for m in FIRST_YEARS.finditer(text)]  # 前四年
    return years

"""Extract every quantitative target and observation of one document.

The stages, each in its own module: textview (matching copy) → segment
(paragraphs, sentences, clauses) → tables (indicator tables) → numbers
(quantities with units) → clauses (indicator, hedge, kind) → timescope
(year, period, role). This module only wires them together and turns their
findings into `Fact` records whose spans point into the original text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import DocumentMetadata, Fact
from ..regions import resolve_name
from . import clauses as cl
from . import lexicon as lx
from . import regionscope as rs
from .numbers import Quantity, find_quantities, may_hold_quantity
from .segment import clauses, lines_with_offsets, sentences
from .tables import TableFact, extract_tables
from .textview import TextView, make_view
from .tense import GOAL_LIST, GOAL_WORDS, TenseContext, reported_years, reviews_own_period, role_for, section_of
from .timescope import TimeMark, time_marks





@dataclass(slots=True)
class DocContext:
    """What the document as a whole says about time and place."""

    region_name: str | None
    region_code: str | None
    reference_year: int | None   # when the document was written or published (or the best guess)
    plan_start: int | None
    plan_end: int | None
    reference_month: int | None = None
    dated: bool = True           # False: no year to read 今年/去年 against
    doc_kind: str | None = None
    reference_inferred: bool = False  # no date: reference_year is the plan's first year
    latest_reported: int | None = None  # undated: the latest year the text reports a figure for

    @classmethod
    def from_metadata(cls, meta: DocumentMetadata | None, text: str = "") -> "DocContext":
        if meta is None:
            return cls(None, None, None, None, None, dated=False)
        written = meta.written_date or meta.published_date
        inferred, latest = False, None
        if written is not None:
            reference, month = written.year, written.month
        elif (meta.plan_title or "").endswith("政府工作报告") and meta.period_start_year:
            # a work report is delivered to the congress early in the year it plans
            reference, month = meta.period_start_year, 2
        elif "计划执行情况" in (meta.plan_title or "") and "计划草案" in (meta.plan_title or "") \
                and meta.period_end_year:
            # so is the plan report (2020年…计划执行情况及2021年计划草案): early in the year it plans
            reference, month = meta.period_end_year, 2
        elif meta.period_end_year and reviews_own_period(text, meta.period_start_year, meta.period_end_year):
            # a review of a period (答卷, 成就, 回顾 …) is written as the period closes
            reference, month = meta.period_end_year, 12
        else:
            # undated: a page about a plan is most often written in the plan's first year, and
            # after the latest year it reports a figure for (…2022年的9777.6亿元 → 2023)
            reference, month, inferred = meta.period_start_year, None, meta.period_start_year is not None
            reported = max(reported_years(text, meta.period_end_year), default=None)
            if reported is not None and (reference is None or reported + 1 > reference):
                reference, inferred, latest = reported + 1, True, reported
        return cls(meta.region_name, meta.region_code, reference, meta.period_start_year, meta.period_end_year,
                   month, dated=reference is not None, doc_kind=meta.doc_kind, reference_inferred=inferred,
                   latest_reported=latest)

    @property
    def tense(self) -> TenseContext:
        return TenseContext(self.reference_year, self.reference_month, self.doc_kind, self.plan_end,
                            self.plan_start, self.reference_inferred)


def extract_facts(text: str, meta: DocumentMetadata | None = None) -> list[Fact]:
    """All facts of a document's normalised text, in reading order."""
    view = make_view(text)
    ctx = DocContext.from_metadata(meta, view.text)
    lines = lines_with_offsets(view.text)
    bulletin = ctx.doc_kind == "statistical_bulletin"
    scan = extract_tables(lines, ctx.plan_start, observed_year=ctx.plan_end if bulletin else None,
                          observation_table=bulletin)
    consumed = scan.lines
    facts = [_table_fact(t, ctx, view.text) for t in _units_from_prose(scan.facts, view.text)]
    if scan.spans:  # a table inside a line of prose: blank it out (same length) for the prose reader
        chars = list(view.text)
        for a, b in scan.spans:
            chars[a:b] = " " * (b - a)
        lines = lines_with_offsets("".join(chars))
    regions = rs.index_regions(view.text, ctx.region_code)
    section = Section()
    carried = ""
    last_marks: tuple[TimeMark | None, TimeMark | None] = (None, None)
    preamble: Section | None = None  # a first line introducing the whole page (…将呈现以下变化：)
    seen_heading = False
    for index, (start, line) in enumerate(lines):
        if index in consumed or not line.strip():
            continue
        if cl.is_section_heading(line):
            heading = Section.of(line, ctx)
            # a numbered heading opens a new section; an unnumbered short line (a table cell, a
            # byline, a subheading that repeats the headline's year) only when it says what the
            # section holds (回顾2023, 主要目标)
            seen_heading = True
            if heading.role is not None or cl.is_numbered(line):
                section = heading.under(section)
                if preamble is not None and section.role is None and section.mark is None:
                    # 2025年重庆…将呈现以下变化：/ 一、经济高质量发展: the opening line speaks for
                    # every section that says nothing of its own
                    section = Section(preamble.role, preamble.mark, section.level)
            continue
        if cl.is_numbered(line):
            # 一、回顾2022年政府工作——经济稳中有进…刚刚过去的一年: a heading run into its first paragraph
            head = re.split(r"——|[，。；,;：:]", line, maxsplit=1)[0]
            states_nothing = not re.search(r"\d", re.sub(r"^\s*[（(]?\d+[)）.．、]|(?:19|20)\d\d\s*年?", "", head))
            opened = Section.of(head, ctx) if len(head) <= 40 and states_nothing else None
            if opened is not None and opened.role is not None and opened.mark is not None:
                section = opened.under(section)  # (a run-in heading must name its year to be read as one)
        # 同时，城区建成区面积达到20平方公里: a paragraph opening with 同时/此外 goes on in the year of the one before
        goes_on = last_marks if _GOES_ON.match(line) else (None, None)
        found, last_marks = _paragraph_facts(line, start, ctx, regions, section, carried, goes_on)
        facts.extend(found)
        # 主营业务收入2017年达到2400亿元左右 / 2020年达到3800亿元左右 / 年均增长20%左右: short lines
        # that go on with the subject of the line before
        carried = found[-1].indicator_name if found and len(line.strip()) <= 40 else ""
        if line.rstrip().endswith((":", "：")):
            section = Section.introducing(line, ctx, section)
            if not seen_heading and not found and preamble is None and section.role == "target" \
                    and section.mark is not None and not section.mark.partial:
                preamble = section  # only a line that sets goals for a year speaks for the page
                if not ctx.dated:
                    # an undated page that opens with 2025年重庆…将呈现以下变化： looks ahead from that year
                    ctx = replace(ctx, reference_year=preamble.mark.year, reference_inferred=True, dated=True,
                                  plan_end=ctx.plan_end or preamble.mark.year)
    facts.sort(key=lambda f: f.char_start)  # reading order
    return [_to_original(f, view, text) for f in facts]


# ---- narrative text -------------------------------------------------------------

@dataclass(slots=True)
class Section:
    """What a section heading says of the paragraphs under it: results or goals (一、发展基础 /
    二、主要目标), and the year it names (回顾2023, 二、2024年目标任务)."""

    role: str | None = None
    mark: TimeMark | None = None
    level: int = 9  # 1 for 一、/第一章, 2 for （一）, 3 for 1., 4 for (1); 9 for none

    @classmethod
    def of(cls, heading: str, ctx: DocContext) -> "Section":
        marks = time_marks(heading, ctx.reference_year if ctx.dated else None, ctx.reference_inferred)
        if not marks:  # 回顾2023: a year without 年 in a heading
            years = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", heading)
            marks = [TimeMark(0, int(years[-1]), None, False)] if years else []
        return cls(section_of(heading), marks[-1] if marks else None, _heading_level(heading))

    @classmethod
    def introducing(cls, line: str, ctx: DocContext, current: "Section") -> "Section":
        """A line that introduces a list (到2015年，…的主要目标是：) lends its year and its goals to
        the items below it."""
        heading = cls.of(line, ctx)
        role = "target" if GOAL_LIST.search(line) or GOAL_WORDS.search(line) else heading.role or current.role
        return cls(role, heading.mark or current.mark, 8)

    def under(self, parent: "Section") -> "Section":
        """A subheading that says neither results nor goals ((一)经济发展稳中快进 under 一、2017年
        工作回顾) stays in its parent's section, year included."""
        if self.role is None and self.level > parent.level:
            return Section(parent.role, self.mark or parent.mark, self.level)
        return self


_LEVELS = [(re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+[章节部分篇])"), 1),
           (re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]"), 2),
           (re.compile(r"^\s*\d+[.．、](?!\d)"), 3),
           (re.compile(r"^\s*[（(]\d+[)）]"), 4)]


def _heading_level(heading: str) -> int:
    return next((level for pattern, level in _LEVELS if pattern.match(heading)), 9)


_CONTINUING_LINE = re.compile(r"^\s*(?:(?:到|至)?\s*(?:19|20)\d\d\s*年(?:底|末)?\s*(?:达到|达|突破|超过|实现)|"
                              r"(?:年均|每年|累计)?(?:增长|增速|提高|下降))")


_TASK_OPENING = re.compile(r"^\s*(?:\d{1,2}[.．、]|[（(]\d{1,2}[)）])\s*(?:实施|推动|推进|加快|开工建设|建设|打造|启动|新建|筹备|办好|支持)")


_GOES_ON = re.compile(r"\s*(?:同时|与此同时|此外|另外|另一方面)[，,]")


def _paragraph_facts(line: str, line_start: int, ctx: DocContext, regions: rs.RegionIndex,
                     section: Section | None = None, carried: str = "",
                     goes_on: tuple[TimeMark | None, TimeMark | None] = (None, None),
                     ) -> tuple[list[Fact], tuple[TimeMark | None, TimeMark | None]]:
    """The paragraph's facts, and the year and period it ends in (for a next paragraph that goes
    on from it). `carried`: the subject of the line before, for a short line that opens with its
    year or its verb (2020年达到3800亿元左右); `goes_on`: the year and period of the paragraph
    before, for one that opens with 同时/此外."""
    facts: list[Fact] = []
    inherited = carried if carried and len(line.strip()) <= 40 and _CONTINUING_LINE.match(line) else ""
    section = section or Section()
    paragraph_mark: TimeMark | None = goes_on[0] or section.mark
    paragraph_period: TimeMark | None = goes_on[1]
    if not may_hold_quantity(line):
        return facts, (None, None)  # no number at all: no fact, and no year that a later paragraph could inherit
    if len(line) <= lx.PAGE_FURNITURE_MAX_CHARS and lx.PAGE_FURNITURE.search(line):
        return facts, (None, None)  # 浏览次数：1234次, 本网站累计访问量…: the page's furniture, not the plan
    # 要实现…, 力争…: a paragraph that sets goals; 3.推动南湖景区创建…, 实施…工程: a task, as a plan words it
    goal_paragraph = bool(GOAL_WORDS.search(line)) or (_TASK_OPENING.match(line) is not None
                                                        and not re.search(r"了|已|累计|同比|比上年", line))
    for number, (offset, sentence) in enumerate(sentences(line)):
        marks = time_marks(sentence, ctx.reference_year if ctx.dated else None, ctx.reference_inferred)
        quantities = [] if (number == 0 and cl.is_heading(sentence)) or not may_hold_quantity(sentence) \
            else find_quantities(sentence)
        ratios = list(_SECTOR_RATIO.finditer(sentence)) if ("∶" in sentence or ":" in sentence) \
            and "三次产业" in sentence else []
        if ratios:  # 三次产业结构比为6.9:40.1:53.0: three shares, read below, not three loose numbers
            quantities = [q for q in quantities if not any(r.start() <= q.start < r.end() for r in ratios)]
            facts.extend(_sector_ratio_facts(sentence, line_start + offset, ratios, marks, paragraph_mark, ctx,
                                             section.role))
        if quantities:
            start = line_start + offset
            mentions = [replace(m, start=m.start - start, end=m.end - start)
                        for m in regions.within(start, start + len(sentence))]
            facts.extend(_sentence_facts(sentence, start, quantities, marks, paragraph_mark, paragraph_period,
                                         ctx, mentions, section.role, goal_paragraph,
                                         inherited=inherited if number == 0 else ""))
        if "(" in sentence or "（" in sentence:
            start = line_start + offset
            mentions = [replace(m, start=m.start - start, end=m.end - start)
                        for m in regions.within(start, start + len(sentence))]
            facts.extend(_region_value_list(sentence, start, mentions, marks, paragraph_mark, ctx, section.role))
        for mark in marks:
            if not mark.outlook:
                paragraph_mark = mark
            if mark.period_start is not None:
                paragraph_period = mark
    return facts, (paragraph_mark, paragraph_period)


_SECTOR_RATIO = re.compile(r"(?<![\d.:∶])(\d{1,2}(?:\.\d+)?)\s*[∶:]\s*(\d{1,2}(?:\.\d+)?)\s*[∶:]\s*(\d{1,2}(?:\.\d+)?)(?![\d.:∶])")
_SECTORS = ("第一产业", "第二产业", "第三产业")


def _sector_ratio_facts(sentence: str, sentence_start: int, ratios, marks, paragraph_mark, ctx: DocContext,
                        section: str | None) -> list[Fact]:
    """三次产业结构比由2020年的34.35:16.86:48.79调整到33.22:18.56:48.22: each ratio of the three
    sectors is three shares (unit as written: none), dated by the year before it."""
    facts = []
    for ratio in ratios:
        before = sentence[:ratio.start()]
        total = sum(float(v) for v in ratio.groups())
        if "三次产业" not in before or not 95 <= total <= 105:
            continue  # not the three sectors, or not shares of a whole
        name = re.match(r"三次产业[^\d由从为是:：∶，,；;]*", before[before.rfind("三次产业"):]).group(0)
        name = re.sub(r"(?:达到|调整|优化|变|发展|\s)+$", "", name)
        for index, value in enumerate(ratio.groups()):
            q = Quantity(ratio.start(index + 1), ratio.end(index + 1), float(value), None, "", "=")
            mark, inferred = _time_for(q, marks, paragraph_mark, sentence, clauses(sentence))
            role, year = _role_and_year(mark, before, sentence[:clauses(sentence)[0][1]], ctx, section, sentence, before)
            if not GOAL_WORDS.search(before):  # a structure as it stands: a result
                role = "observation"
                year = mark.year if mark is not None else (ctx.latest_reported or ctx.reference_year)
            start_year = re.search(r"((?:19|20)\d\d)\s*年的?\s*$", before)
            if start_year:  # 由2022年的12.4:38.9:48.7: the structure of that year
                year, inferred = int(start_year.group(1)), False
            facts.append(Fact(
                role=role, indicator_name=f"{name}({_SECTORS[index]})", value=q.value, value_high=None, unit="",
                comparator="=", kind="share", year=year, year_inferred=inferred,
                region_name=ctx.region_name, region_code=ctx.region_code,
                char_start=sentence_start + ratio.start(), char_end=sentence_start + ratio.end(),
                source_text=sentence, sentence_start=sentence_start))
    return facts


_BRACKETED_VALUE = re.compile(r"\s*[（(]\s*(-?\d+(?:\.\d+)?)\s*[)）]")
_LIST_MEASURE = re.compile(r"按\s*([^，,；;：:]{2,20}?)\s*(?:由|从)")
_LIST_LEAD = re.compile(r"(?:排名|排序|排位)?(?:情况)?(?:按[^，,；;：:]{2,30}?顺序)?(?:依次|分别)?(?:是|为|如下)?\s*[:：]?\s*$")


def _region_value_list(sentence: str, sentence_start: int, mentions, marks, paragraph_mark, ctx: DocContext,
                       section: str | None) -> list[Fact]:
    """…排名按空气质量综合指数由小到大的顺序依次是：张家口(2.46)、秦皇岛(3.80)、承德(3.81)…: a
    list of places, each with its figure in brackets, gives each place its figure of the measure
    the list is introduced with."""
    items = [(m, v) for m in mentions if (v := _BRACKETED_VALUE.match(sentence, m.end))]
    if len(items) < 3:
        return []
    intro = sentence[:items[0][0].start]
    named = _LIST_MEASURE.search(intro)
    measure = named.group(1) if named else cl.clean_indicator(_LIST_LEAD.sub("", re.split(r"[，,；;]", intro)[-1]))
    measure = re.sub(r"^.*?[个家座](?:设区市|地级市|市州|城市|县|区县|县市区)", "", re.sub(r"\s+", "", measure))
    if not measure:
        return []
    facts = []
    for mention, value in items:
        q = Quantity(value.start(1), value.end(1), float(value.group(1)), None, "", "=")
        mark, inferred = _time_for(q, marks, paragraph_mark, sentence, clauses(sentence))
        role, year = _role_and_year(mark, intro, sentence[:clauses(sentence)[0][1]], ctx, section, sentence, intro)
        if not GOAL_WORDS.search(intro):  # places ranked by what was measured: results
            role = "observation"
            year = mark.year if mark is not None else (ctx.latest_reported or ctx.reference_year)
        facts.append(Fact(
            role=role, indicator_name=measure, value=q.value, value_high=None, unit="", comparator="=",
            kind="level", year=year, year_inferred=inferred, region_name=mention.region.name,
            region_code=mention.region.code, char_start=sentence_start + mention.start,
            char_end=sentence_start + value.end(), source_text=sentence, sentence_start=sentence_start))
    return facts


def _sentence_facts(sentence, sentence_start, quantities, marks, paragraph_mark, paragraph_period, ctx,
                    mentions=(), section=None, goal_paragraph=False, inherited=""):
    spans = clauses(sentence)
    subjects = rs.subject_mentions(sentence, list(mentions), spans) if mentions else []
    starts = [q.start for q in quantities]
    whole_hedge = cl.sentence_hedged(sentence)
    subject = cl.without_rate_words(inherited) if inherited else ""
    facts: list[Fact] = []
    respectively: dict[int, list[Fact]] = {}
    respectively_subject: dict[int, str] = {}  # what the sentence spoke of before a 分别 list
    previous_end = 0
    previous: tuple[Quantity, int] | None = None  # the last quantity and how many facts it gave
    listed = _number_lists(sentence, quantities)
    for q in quantities:
        k = next((i for i, (s, e) in enumerate(spans) if s <= q.start <= e), len(spans) - 1)
        clause_start, clause_end = spans[k]
        # a list item starts after the previous quantity of the same clause (A 90%以上、B 90%以上)
        before = sentence[max(clause_start, previous_end):q.start]
        whole_before = sentence[clause_start:q.start]
        previous_end = q.end
        scope = cl.scope_text(sentence, spans, k, q.start)
        noun = "" if q.kind_hint == "rank" else cl.prefix_noun(sentence, q.end, clause_end)
        if noun and cl.names_a_group(noun):
            continue
        prior_subject = subject
        indicator = noun or cl.clean_indicator(before)
        if not noun and (not indicator or indicator.startswith(lx.DEPENDENT_HEADS)
                         or indicator in lx.GENERIC_HEADS):
            carried = subject or cl.earlier_subject(sentence, spans, k)
            if q.unit not in ("%", "‰", "个百分点", "百分点") or indicator.startswith(("占", "比重", "占比")) \
                    or re.search(r"增长|下降|增速|回落|增产|减产", indicator):  # …增长7.9%，两年平均增长6.2%
                carried = cl.without_rate_words(carried)  # …年均增长8.5%，2024年达到2650亿元 / …增长8%，占比63.7%
            indicator = carried + indicator
        elif not noun and q.kind_hint != "rank":
            subject = indicator
        if subjects:
            indicator = rs.strip_region(indicator, subjects)
        if prior_subject and not noun and whole_before.lstrip().startswith("其中") and len(indicator) <= 4 \
                and indicator not in prior_subject:
            indicator += prior_subject  # 孵化器达到50家，其中国家级10家 → 国家级孵化器
            subject = prior_subject
        if not indicator and q.kind_hint == "rank" and previous and previous[0].kind_hint == "rank" and facts \
                and re.fullmatch(r"\s*[、和及与]\s*", sentence[previous[0].end:q.start]) is not None:
            indicator = facts[-1].indicator_name  # 分别位列全国第三、第四: the list's ranking goes on
        if not indicator or lx.PROCEDURAL.search(indicator + before[-4:]) or _not_a_figure(sentence, q):
            continue
        region = rs.region_for(sentence, q.start, subjects, spans, starts) if subjects else None
        region_name, region_code = (region.name, region.code) if region else (ctx.region_name, ctx.region_code)
        mark, inferred = _time_for(q, marks, paragraph_mark, sentence, spans)
        lead = sentence[:spans[0][1]]
        role, year = _role_and_year(mark, scope, lead, ctx, section, sentence, sentence[:q.start],
                                    goal_like=goal_paragraph or q.comparator in (">=", "<=")
                                    or "左右" in sentence[q.start:q.end])
        per_year = bool(lx.PER_YEAR.search(scope)) and not any(name in scope for name in lx.ANNUAL_AVERAGE_NAMES)

        period = None if ctx.doc_kind == "statistical_bulletin" else (mark or paragraph_period)  # a year's report
        kind = _kind(q, before, scope, role, period, per_year, whole_before,
                     point_in_time=mark is not None and mark.period_start is None and not inferred)
        if per_year and kind in ("level", "share", "cumulative") and not lx.PER_YEAR.search(whole_before):
            per_year = False  # …年均增长6.6%，总量从1.34万亿元增加到…: 年均 was the rate's, not the level's
        fact = Fact(
            role=role, indicator_name=indicator, value=q.value, value_high=q.value_high, unit=q.unit,
            comparator=q.comparator or "=", is_aspirational=cl.is_hedged(scope, whole_hedge), kind=kind,
            per_year=per_year, year=year, year_inferred=inferred,
            period_start_year=_period_start(kind, per_year, role, mark, paragraph_period, ctx),
            region_name=region_name, region_code=region_code,
            char_start=sentence_start + q.start, char_end=sentence_start + q.end,
            source_text=sentence, sentence_start=sentence_start)
        fact.baseline_year = cl.compared_year(scope)  # 较2020年下降16%: the base year, its value unstated
        start_value = cl.from_to(sentence, previous[0], q) if previous else None
        if start_value is not None and previous[1] and previous[0].unit in (q.unit, ""):
            # 从2.3%提高到2.9%: the first number is the second's baseline, and an observation of
            # its own year (unknown unless written or implied by a period: 十三五期间从X → 2015)
            base = facts[-1]
            if fact.kind in ("increment", "cumulative"):
                fact.kind = "level"  # 从93.4亿元增长至102.6亿元: the end point is a level
            fact.baseline_value = base.value
            fact.baseline_year = start_value or (mark.period_start - 1 if mark and mark.period_start else None)
            base.role, base.year, base.year_inferred = "observation", fact.baseline_year, False
            base.kind = base.kind if base.kind in ("share", "rank") else "level"
            if base.kind == "rank" and fact.kind == "rank":
                fact.indicator_name = base.indicator_name  # 由第六升至第五: the same ranking, moved
            base.period_start_year, base.is_aspirational, base.per_year = None, False, False
        if "分别" in whole_before or id(q) in listed:
            # 分别达到20%和25% / 比2015年增长30%、56.9%、106.1%: the i-th number is the i-th item's
            k = listed.get(id(q), k)
            respectively.setdefault(k, []).append(fact)
            respectively_subject.setdefault(k, prior_subject)
            facts.append(fact)
            previous = (q, 1)
            continue
        shared = _shared_by_regions(fact, sentence, clause_start, q, subjects, noun, ctx) if subjects else None
        produced = shared or _distribute(fact, indicator, sentence, q, before)
        facts.extend(produced)
        previous = (q, len(produced))
    previous_items: list[str] = []
    for k, group in sorted(respectively.items(), key=lambda kv: kv[1][0].char_start):
        previous_items = _pair_respectively(group, sentence, subjects, respectively_subject.get(k, ""),
                                            previous_items) or previous_items
    return facts


_LIST_GAP = re.compile(r"^\s*(?:、|和|及|与|,|，)\s*$")


def _number_lists(sentence: str, quantities: list[Quantity]) -> dict[int, int]:
    """Numbers written as a list in one clause (增长30%、56.9%、106.1%): {id(quantity): key of its
    list}. Keys are negative so they never collide with a clause index."""
    groups: dict[int, int] = {}
    run: list[Quantity] = []

    def close():
        clause_start = max(sentence.rfind(c, 0, run[0].start) for c in "，,；;：:") + 1 if run else 0
        if len(run) >= 2 and "分别" not in sentence[clause_start:run[0].start]:
            for q in run:
                groups[id(q)] = -1 - id(run[0]) % 1_000_000
    for q in quantities:
        if run and run[-1].unit == q.unit and q.kind_hint is None and _LIST_GAP.match(sentence[run[-1].end:q.start]) \
                and "，" not in sentence[run[-1].end:q.start] and "," not in sentence[run[-1].end:q.start]:
            run.append(q)
            continue
        close()
        run = [q]
    close()
    return groups


_YEAR_LIST = re.compile(r"(?:19|20)\d\d\s*年(?:\s*[、和及与]\s*(?:19|20)\d\d\s*年)+")


def _pair_respectively(group: list[Fact], sentence: str, subjects=(), fallback: str = "",
                       previous_items: list[str] = ()) -> list[str] | None:
    """A、B分别达到20%和25%以上: the i-th number belongs to the i-th indicator (or, for
    乐清、瑞安…分别…, to the i-th region), and a comparator written after the last number
    applies to all of them. A later 分别 list in the same sentence with no items of its own
    (…，对经济增长的贡献率分别为27.8%、30.3%和41.9%) takes the earlier list's items. Returns the
    items it paired."""
    if len(group) < 2:
        return None
    first_at = group[0].char_start - group[0].sentence_start
    listed_years = _YEAR_LIST.search(sentence[:first_at])
    if listed_years:  # 2011年、2012年，全省生产总值分别以15%、13.6%的增速…: the i-th number is the i-th year's
        years = [int(y) for y in re.findall(r"(?:19|20)\d\d", listed_years.group(0))]
        if len(years) == len(group):
            for fact, year in zip(group, years):
                fact.year, fact.year_inferred = year, False
    if "分别" in sentence[:first_at]:
        subject_text = sentence[:sentence.rfind("分别", 0, first_at)]
        clause_start = max(subject_text.rfind(c) for c in "，,；;：:") + 1
        listed = rs.leading_list(subject_text[clause_start:], list(subjects), clause_start)
        items = cl.list_items(cl.clean_indicator(subject_text[clause_start:]))
    else:  # a bare list of numbers: the items of the indicator its first number was given
        listed, items = [], cl.list_items(cl.without_rate_words(group[0].indicator_name))
        tail = group[0].indicator_name[len(cl.without_rate_words(group[0].indicator_name)):]
        items = [item + tail for item in items]
    if len(items) != len(group):
        items = cl.paired_subject(items[0], len(group)) if len(items) == 1 else items
    if len(items) == 1 and len(previous_items) == len(group) and "分别" in sentence:
        heads = [re.match(r"第[一二三四五六七八九十]产业|[^增占的]{2,6}", item) for item in previous_items]
        if all(heads):
            items = [h.group(0) + items[0] for h in heads]
    if len(listed) == len(group):
        # 杭州市…增加值突破7000亿元，宁波、温州分别达到…: the regions share the earlier indicator
        shared = cl.clean_indicator(subject_text[listed[-1].end:]) or rs.strip_region(fallback, list(subjects))
        for fact, mention in zip(group, listed):
            fact.region_name, fact.region_code = mention.region.name, mention.region.code
            if shared:
                fact.indicator_name = shared
    elif len(items) == len(group):
        # 一、二、三产业分别拉动经济增长1.2、2.3、3.1个百分点: what stands between 分别 and the
        # first number says what is measured of each item
        measure = ""
        if "分别" in sentence[:first_at]:
            measure = cl.clean_indicator(sentence[sentence.rfind("分别", 0, first_at) + 2:first_at])
            measure = "" if measure in items[0] or len(measure) < 2 or measure in ("增长", "下降") else measure
        for fact, item in zip(group, items):
            fact.indicator_name = item + measure if measure and not item.endswith(measure) else item
    for fact in group[1:]:  # 分别增长3.4%和6.2%: the words before the first number govern all of them
        fact.kind, fact.per_year = group[0].kind, group[0].per_year
    last = group[-1].comparator
    if last in (">=", "<=", "~"):
        for fact in group:
            if fact.comparator == "=":
                fact.comparator = last
    return items if len(items) == len(group) else None


def _distribute(fact: Fact, indicator: str, sentence: str, q: Quantity, before: str) -> list[Fact]:
    """One fact per indicator where one number serves several (各1个, A和B保持前3)."""
    if sentence[max(0, q.start - 1):q.start] == "各":
        items = cl.list_items(indicator)
        return [replace(fact, indicator_name=i) for i in items]
    if "各" in before:  # A、B各建成C 2个: one C count per listed item
        head, _, tail = before.rpartition("各")
        items = cl.list_items(cl.clean_indicator(head))
        noun = cl.clean_indicator(tail)
        if len(items) >= 2 and noun:
            return [replace(fact, indicator_name=item + noun) for item in items]
    items = cl.splits_into_indicators(indicator)
    if items and "分别" not in before:
        return [replace(fact, indicator_name=i) for i in items]
    if fact.kind == "rank" and "分别" not in before:
        # 晚熟柑橘、柠檬、晚熟芒果“三大产业”争取做到全国第1 / 面积、产量均居前6位: each item ranks
        listed = re.sub(r"[“\"][^”\"]{1,12}[”\"].*$|(?:均|都|争取|力争|努力)?(?:做到|进入|位居|位列|居|保持)?$", "",
                        indicator)
        parts = [p for p in re.split(r"[、和及]", listed) if p.strip()]
        if len(parts) >= 2 and all(2 <= len(p) <= 12 for p in parts):
            return [replace(fact, indicator_name=p.strip()) for p in parts]
    if "分别" in before:
        return [fact]  # paired below in _pair_respectively
    return [fact]


_REGION_COUNT = re.compile(r"^\s*(?:等)?(?:[一两二三四五六七八九十\d]+(?:个)?)?(?:市|县|区|地|省|县（市、区）|县\(市、区\))?")


_REGION_UNITS = re.compile(r"\s*(?:设区市|地级市|城市|市州|市|县|区|地区|县（市、区）|县\(市、区\))")
_AGGREGATE = re.compile(r"^\s*等\s*[一两二三四五六七八九十\d]+\s*个?[^，。；,;]{0,12}?(?:城市|市|县|区|地区)|^\s*(?:合计|共计|总计)")


_SCOPE_OF_REGIONS = re.compile(r"(?:设区市|地级市|城市|市州|市|县|区|县（市、区）|县\(市、区\))中")
_WHOLE_SET = re.compile(r"(?:全省|全市|全区|全国|全州|全川|全疆|全县)(?:的)?$")
_STANDARD_BEFORE = re.compile(r"(?:标准|限值|阈值|标准值)[（(]$")


def _not_a_figure(sentence: str, q: Quantity) -> bool:
    """Numbers that frame a statement rather than measure a region: the set it speaks of (全省11个
    设区市中，…) and a standard quoted in brackets (达到二级标准(35微克/立方米))."""
    if q.unit == "个" and _SCOPE_OF_REGIONS.match(sentence, q.end):
        return True
    if q.unit == "项" and "指标" in sentence:
        return True  # 《纲要》共提出25项主要指标，6项达到时序进度: counts of the plan's own indicators
    if q.unit == "个" and _REGION_UNITS.match(sentence, q.end) and _WHOLE_SET.search(sentence, 0, q.start):
        return True  # 全省118个县(市)实现生产总值…: all the regions of a place, the subject of its figures
    return bool(_STANDARD_BEFORE.search(sentence, 0, q.start)) and sentence[q.end:q.end + 1] in (")", "）")


def _shared_by_regions(fact: Fact, sentence: str, clause_start: int, q: Quantity, subjects,
                       noun: str = "", ctx: DocContext | None = None) -> list[Fact] | None:
    """南京、苏州、无锡三市研发投入强度均超过3.5% / 温州、嘉兴各建设2个: one number for several
    regions listed as the clause's subject gives one fact per region (分别 pairs them instead).
    南宁、北海等4个城市的地区生产总值达9777.6亿元 is their total: one fact, of the document's region."""
    clause_text = sentence[clause_start:q.start]
    if "分别" in clause_text:
        return None
    listed = rs.leading_list(clause_text, list(subjects), clause_start)
    if len(listed) < 2:
        return None
    between = sentence[listed[-1].end:q.start]
    if not between.strip() and _REGION_UNITS.match(sentence, q.end):
        # 秦皇岛、承德…邢台7个设区市达到二级标准: the number counts the regions listed, one fact
        region = (ctx.region_name, ctx.region_code) if ctx else (None, None)
        return [replace(fact, region_name=region[0], region_code=region[1])]
    if _AGGREGATE.match(between) and not re.search(r"[均各都]", between):
        region = (ctx.region_name, ctx.region_code) if ctx else (None, None)
        indicator = cl.clean_indicator(_REGION_COUNT.sub("", between)) or fact.indicator_name
        return [replace(fact, region_name=region[0], region_code=region[1], indicator_name=indicator)]
    tail = _REGION_COUNT.sub("", between)
    indicator = noun or cl.clean_indicator(tail.replace("均", "").replace("都", "")) or fact.indicator_name
    return [replace(fact, region_name=m.region.name, region_code=m.region.code, indicator_name=indicator)
            for m in listed]


def _time_for(q: Quantity, marks: list[TimeMark], paragraph_mark: TimeMark | None,
              sentence: str = "", spans: list[tuple[int, int]] | None = None):
    """The time mark a number belongs to: the last one before it, except a period that stands
    inside an earlier clause (2020年，…，近三年年均增长12.1%；培育企业354家: 近三年 is the
    growth rate's, the count is 2020's)."""
    earlier = [m for m in marks if m.pos < q.start]
    if spans:
        own = next(((s, e) for s, e in spans if s <= q.start <= e), None)
        earlier = [m for m in earlier if m.period_start is None or (own and m.pos >= own[0])
                   or m.pos <= spans[0][1]] or earlier[:1]
    if earlier:
        return earlier[-1], False
    # a year after the number dates it only inside its own clause (…8%以上（2025年）)
    own_end = next((e for s0, e in spans if s0 <= q.start <= e), len(sentence)) if spans else len(sentence)
    later = [m for m in marks if q.end < m.pos <= own_end]
    if later:
        return later[0], False
    return paragraph_mark, True


def _role_and_year(mark: TimeMark | None, scope: str, lead: str, ctx: DocContext,
                   section: str | None, sentence: str, before: str, goal_like: bool = False) -> tuple[str, int | None]:
    role = role_for(mark, scope, lead, ctx.tense, section, sentence, before, goal_like)
    if mark is not None:
        if role == "observation" and mark.period_start is not None and ctx.dated and not ctx.reference_inferred \
                and mark.period_start <= ctx.reference_year < mark.year:
            return role, ctx.reference_year  # “十四五”期间已累计完成… on a 2024 page: done by 2024
        return role, mark.year
    if role == "target":
        return role, ctx.plan_end
    if ctx.doc_kind == "statistical_bulletin":
        return role, ctx.plan_end  # the year the bulletin reports on
    # a result stated without a year: the state when the page was written (该港拥有泊位272个);
    # on an undated page, the latest year it reports on (2023年，… / 经济总量迈上3000亿元台阶)
    if ctx.latest_reported is not None:
        return role, ctx.latest_reported
    if ctx.dated and not ctx.reference_inferred and (ctx.reference_month or 12) <= 3:
        return role, ctx.reference_year - 1  # a result told early in a year is last year's
    return role, ctx.reference_year if ctx.dated else None


def _kind(q: Quantity, before: str, scope: str, role: str, period: TimeMark | None, per_year: bool,
          clause: str = "", point_in_time: bool = False) -> str:
    """level, share, rate, increment, cumulative or rank (GUIDE: Fields), from the unit, the words
    right before the number and the verb that governs it. `point_in_time`: the number is dated by
    a single year (2020年，…培育企业354家 is a stock, not an addition)."""
    if q.kind_hint in ("rank", "share"):
        return q.kind_hint
    if q.unit in ("个百分点", "百分点"):
        return "rate" if "拉动" in before else "increment"  # 拉动GDP增长2.7个百分点: a share of growth
    if "累计" in (clause or scope) and q.unit not in ("%", "‰"):
        return "cumulative"  # 累计 governs its own clause only (GUIDE: where 累计 governs the number)
    if q.unit in ("%", "‰"):
        kind = _percent_kind(before)
        return "level" if kind == "share" and q.value > 100 else kind  # 恢复到2019年的113%: no share
    base = q.unit.lstrip("万亿千百十")
    countable = base in lx.COUNT_UNIT_SET or base in lx.AREA_UNITS
    verb = cl.governing_verb(scope)
    over_period = period is not None and period.period_start is not None
    if per_year and countable:
        return "increment"
    if verb in lx.INCREMENT_VERBS and not scope.endswith("滚动" + verb) and "滚动" + verb not in scope:
        if role == "observation" and point_in_time and not verb.startswith("新") and not over_period \
                and verb not in ("增加", "提高", "减少", "下降"):
            return "level"  # 2020年，培育规上企业354家: the stock then; 比上年增加16859人 stays a change
        return "increment"
    if role == "observation" and over_period and base in lx.CURRENCY_UNITS and not per_year \
            and lx.ACCUMULATED_FLOW.search(clause or scope):
        return "increment"  # “十四五”期间，综合交通投资超过800亿元: the period's total
        # (地区生产总值突破2万亿元 at the period's end stays a level)
    if role == "observation" and over_period and countable and not _STOCK_VERB.search(scope) and \
            verb not in _STOCK_VERBS and not (verb or "").endswith(("到", "至")):
        return "increment"  # “十三五”期间，建成智能工厂34个: what the period added
    return "level"


# verbs that state a stock reached, not an addition (…期间，高新技术企业达1029家)
_STOCK_VERBS = ("达到", "达", "增至", "拥有", "保持", "提升至", "提高到", "突破", "超过")
_STOCK_VERB = re.compile(r"(?:达到?|增至|突破|超过|总数|总量|共有|现有|[升至到])\s*$")


def _percent_kind(before: str) -> str:
    """A percentage is a rate when a growth word governs it (增长8%, 涨幅3%), a level for rates of
    incidence (失业率, 出生率, 发生率), else a share. A growth word inside a noun phrase that ends
    in its own head (对经济增长的贡献率) does not govern the number."""
    text = re.sub(r"(?:控制在|保持在|稳定在|降至|降到|为|是|达到|达|约|近|超过|不低于|不超过|低于|在|了|\s)+$", "", before)
    if re.search(r"(?:失业|出生|死亡|发生|自然增长)率$", text):
        return "rate" if text.endswith("自然增长率") else "level"
    cues = [m for m in re.finditer("|".join(lx.RATE_CUES), before)]
    if not cues:
        return "share"
    tail = before[cues[-1].end():]
    if re.search(r"的?[\u4e00-\u9fff]*(?:贡献率|比重|占比|份额|覆盖率)", tail):
        return "share"
    return "rate"


def _period_start(kind, per_year, role, mark, paragraph_period, ctx) -> int | None:
    if not (kind in ("increment", "cumulative") or per_year or (kind == "rate" and role == "observation")):
        return None
    if mark is not None and mark.period_start:
        return mark.period_start
    if role == "target":
        return ctx.plan_start
    if paragraph_period is not None:
        return paragraph_period.period_start
    return None


# ---- tables ---------------------------------------------------------------------

_PROSE_UNIT = r"\s*((?:万亿|千亿|亿|万|千)?元|(?:万|亿)?(?:人|户|吨|千瓦时|千瓦))"
_CONVENTIONAL_UNITS = {"地区生产总值": "亿元", "人均地区生产总值": "元", "GDP": "亿元", "人均GDP": "元"}  # statistical tables' usual units


def _units_from_prose(table_facts: list[TableFact], text: str) -> list[TableFact]:
    """A table that states no unit (重庆市 | 29129.03 | …) takes it from the prose, where one of
    its figures is written with its unit (地区生产总值29129.03亿元), else from the unit statistics
    conventionally use for the indicator (地区生产总值 in 亿元)."""
    missing: dict[str, list[TableFact]] = {}
    for t in table_facts:
        if not t.unit and t.kind not in ("rate", "share", "rank"):
            missing.setdefault(t.indicator, []).append(t)
    found: dict[str, str] = {t.indicator: t.unit for t in table_facts if t.unit}
    # GDP增量 after GDP: an increment is counted in its indicator's unit
    for indicator, group in sorted(missing.items(), key=lambda kv: kv[0].endswith("增量")):
        unit = found.get(indicator[:-2]) if indicator.endswith("增量") else None
        for t in group:
            number = t.quote.text.strip() if t.region_label else None
            m = re.search(r"(?<![\d.])" + re.escape(number) + _PROSE_UNIT, text) if number else None
            if m:
                unit = m.group(1)
                break
        unit = unit or _CONVENTIONAL_UNITS.get(indicator)
        if unit:
            found[indicator] = unit
            for t in group:
                t.unit = unit
    return table_facts


def _table_fact(t: TableFact, ctx: DocContext, text: str = "") -> Fact:
    year = t.year or (ctx.plan_end if t.role == "target" else ctx.reference_year)
    region_name, region_code = ctx.region_name, ctx.region_code
    if t.region_label:  # a panel's row: 渝北区 within the document's province
        region = resolve_name(t.region_label, rs.province_of(ctx.region_code))
        if region is None and not re.match(r"^(?:全|合计|总计|总体)", t.region_label):
            region_name, region_code = t.region_label, None  # 两江新区: a region with no code of its own
        elif region is not None:
            region_name, region_code = region.name, region.code
    growth = t.per_year or t.kind in ("increment", "cumulative")
    period_start = (ctx.plan_start or (year - 4 if year else None)) if growth and t.role == "target" else None
    return Fact(
        role=t.role, indicator_name=t.indicator, value=t.value, value_high=t.value_high, unit=t.unit,
        comparator=t.comparator, is_aspirational=t.aspirational, kind=t.kind, per_year=t.per_year,
        year=year, year_inferred=t.year is None, period_start_year=period_start,
        baseline_value=t.baseline_value, baseline_year=t.baseline_year, attribute=t.attribute,
        region_name=region_name, region_code=region_code,
        char_start=t.quote.start, char_end=t.quote.start + len(t.quote.text),
        # the row as it stands in the text (cells and their separators), where its end is known
        source_text=text[t.row_start:t.row_end] if t.row_end > t.row_start and text else t.row_text,
        sentence_start=t.row_start)


# ---- provenance -------------------------------------------------------------------

def _to_original(fact: Fact, view: TextView, text: str) -> Fact:
    start, end = view.to_original(fact.char_start), view.to_original(max(fact.char_end - 1, fact.char_start)) + 1
    s_start = view.to_original(fact.sentence_start)
    s_end = view.to_original(fact.sentence_start + len(fact.source_text) - 1) + 1
    fact.char_start, fact.char_end = start, end
    fact.quote = text[start:end]
    fact.sentence_start = s_start
    fact.source_text = text[s_start:s_end]
    return fact

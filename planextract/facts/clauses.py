"""Clause-level reading of one quantity: its indicator, hedge, kind and scope.

The GUIDE's scope rule for hedges and verbs: a word at the start of a sentence
(or right after 到20XX年) covers the whole sentence; elsewhere it covers the
clause it begins and the following clauses that have no verb of their own
(…争创A 30家、B 100家，培育C 60家 → A and B hedged, C not).
"""
from __future__ import annotations

import re

from . import lexicon as lx



def _verb_pattern(words) -> re.Pattern:
    """An alternation of verbs, longest first; a verb that is the head of a noun
    (增加值, 新增长点) is not a verb."""
    alternatives = "|".join(re.escape(v) for v in sorted(words, key=len, reverse=True))
    return re.compile(f"(?:{alternatives})(?!{lx.VERB_AS_NOUN_TAIL})")


_VERB = _verb_pattern(lx.CLAUSE_VERBS)
_KIND_VERB = _verb_pattern(lx.INCREMENT_VERBS + lx.LEVEL_VERBS)
_SENTENCE_HEDGE = re.compile(
    r"^[\s—－-]*(?:[^，。；,;]{0,40}?(?:提到|提出|指出|明确|要求|表示|显示)[，,:：]\s*)?"  # 计划提到，力争到2022年…
    r"(?:(?:到|至|力争到|争取到)?\s*20\d\d\s*年(?:底|末)?[，,]?\s*)?(?:全市|全省|我市|本市)?"
    r"(?:力争|争取(?!" + lx.SECURING_FUNDS + r")|争创|努力)")
_RANK_VERB_TAIL = re.compile(r"(?:位居|位于|位列|排名|排在|跻身|稳居|跃居|升至|保持在|保持|进入|居于|居|列|排)$")
_SPLIT_LIST = re.compile(r"、|和|及|与")
_MEASURABLE_HEAD = ("值", "额", "率", "数", "量", "比重", "占比", "指数", "水平", "密度", "规模", "收入",
                    "产值", "总量", "效率", "强度", "能耗", "投资", "利润", "税收")


def has_own_verb(text: str) -> bool:
    return bool(_VERB.search(text))


def sentence_hedged(sentence: str) -> bool:
    return bool(_SENTENCE_HEDGE.match(sentence))


def scope_text(sentence: str, spans: list[tuple[int, int]], clause_index: int, position: int) -> str:
    """The words that govern a number: its clause up to the number, extended back
    over earlier clauses while the clause in hand has no verb of its own."""
    start = spans[clause_index][0]
    pieces = [sentence[start:position]]
    k = clause_index
    while k > 0 and not has_own_verb(pieces[0]):
        k -= 1
        s, e = spans[k]
        pieces.insert(0, sentence[s:e] + "，")
    return "".join(pieces)


def is_hedged(scope: str, whole_sentence: bool) -> bool:
    if whole_sentence:
        return True
    # the hedge must reach the number: no other verb-led clause between them
    scope = re.sub("争取(?=" + lx.SECURING_FUNDS + ")", "获得", scope)  # securing funds hedges nothing
    last_hedge = max(scope.rfind(h) for h in lx.HEDGES)
    if last_hedge < 0:
        return False
    tail = scope[last_hedge:]
    # a later clause (after a comma) with a verb of its own ends the hedge's reach
    later = re.split(r"[，,；;]", tail)[1:]
    return not any(has_own_verb(part) for part in later)


def governing_verb(scope: str) -> str | None:
    verbs = list(_KIND_VERB.finditer(scope))
    return verbs[-1].group(0) if verbs else None


_LONG_PAREN = re.compile(r"[（(][^（）()]{9,}[)）]|[（(][^（）()]*下同[)）]|[（(][A-Z]{2,6}[)）]|\[\d{1,2}\]")
# 第一、二、三产业 / 一产、二产: the three sectors, each by its full name
_SECTORS = re.compile(r"第?一(?:产业)?[、和及]第?二(?:产业)?[、和及]第?三产业")
_SECTOR_SHORT = re.compile(r"(?<![第统\u4e00-\u9fff])([一二三])产(?!业|品|量|值|权)")


_DESCRIBED_AS = re.compile(r"以[^，。；,;]{1,30}?为(?:特征|核心|主体|重点|代表|引领|主导|支撑)的")
_VERB_INFIX = re.compile(r"(?<=[\u4e00-\u9fff“”])(?:实现|完成)(?=[\u4e00-\u9fff“]{2,})")


_BLOCK_GAP = re.compile(r"\s{2,}")
_CONDITION = re.compile(r"按[^，,。；;]{0,16}?计算")
_SCOPE_TAIL = re.compile(r"(全国|全省|全市|全球|全区)$")


def expand_sectors(text: str) -> str:
    """第一、二、三产业增加值 → 第一产业、第二产业、第三产业增加值; 一产 → 第一产业."""
    if "产" not in text:
        return text
    text = _SECTORS.sub("第一产业、第二产业、第三产业", text)
    return _SECTOR_SHORT.sub(lambda m: f"第{m.group(1)}产业", text)


def clean_indicator(text: str) -> str:
    if "  " in text:
        text = _BLOCK_GAP.split(text)[-1]  # a run of spaces separates blocks of a page's layout
    if "按" in text:
        text = _CONDITION.sub("", text)  # 按2022年平均汇率计算: a condition, not a name
    text = expand_sectors(text)
    text = _LONG_PAREN.sub("", text)  # a definition in parentheses is not part of the name
    text = _DESCRIBED_AS.sub("", text)  # 以新产业、新业态、新模式为特征的“三新”经济 → “三新”经济
    text = _VERB_INFIX.sub("", text)  # 信息经济实现增加值 → 信息经济增加值
    text = text.strip(" \t，,：:；;、。")
    for _ in range(3):
        before = text
        text = lx.LEADING_NOISE.sub("", text).strip(" ，,、")
        text = lx.TRAILING_NOISE.sub("", text).strip(" ，,、")
        text = _RANK_VERB_TAIL.sub("", text)
        text = _SCOPE_TAIL.sub("", text)
        if text == before:
            break
    return text.strip(" ，,、的")


_HEADING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[.．、](?!\d))")


def is_heading(sentence: str) -> bool:
    """（一）全力打造4个产业集群。: a numbered section title names a section, it states no fact.
    An item of a numbered list with a figure in digits ((1)实施重大项目120个) is a fact, not a title."""
    m = _HEADING.match(sentence)
    if not m or len(sentence) > 30:
        return False
    arabic_marker = bool(re.search(r"\d", m.group(0)))
    item = arabic_marker and re.search(r"\d", sentence[m.end():]) and sentence.rstrip().endswith(("。", ".", "；", ";"))
    return not item


_SECTION_HEADING = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[.．、](?!\d)|第[一二三四五六七八九十]+[章节部分])?"
    # (a slogan-like heading may set its phrases apart with spaces: 2024年全市上下解放思想 奋发进取 交出了…成绩单)
    r"\s*(?:[^\s，。；,;：:]{2,24}|[^\s，。；,;：:]{4,}(?:[ \u3000][^\s，。；,;：:]{4,}){1,4})\s*$")


_NUMBERED = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[.．、](?!\d)|"
                       r"第[一二三四五六七八九十]+[章节部分])")


def is_numbered(line: str) -> bool:
    return bool(_NUMBERED.match(line))


def is_section_heading(line: str) -> bool:
    """一、发展基础 / （二）主要目标 / 发展重点 / （一）发展基础。: a line that names a section and
    states nothing (a numbered one may end with a full stop)."""
    if _NUMBERED.match(line):
        line = re.sub(r"[。.]\s*$", "", line)
    body = re.sub(r"^\s*[（(]?\d+[)）.．、]", "", line)
    body = re.sub(r"(?:19|20)\d\d\s*年?", "", body)  # 一、2023年工作回顾: a year may name the section
    return bool(_SECTION_HEADING.match(line)) and not re.search(r"\d", body)


def earlier_subject(sentence: str, spans: list[tuple[int, int]], clause_index: int) -> str:
    """The measurable subject of an earlier clause, for a clause that only has a verb and a number
    (…工业总产值在2025年的基础上，再翻一番，突破2万亿元)."""
    for k in range(clause_index - 1, -1, -1):
        s, e = spans[k]
        text = re.split(r"在\s*20\d\d|较|比|与", sentence[s:e])[0]
        verb = _VERB.search(text)
        before_verb = bool(verb and verb.start() > 0)
        if before_verb:  # the subject stands before the clause's verb
            text = text[:verb.start()]
        text = clean_indicator(text)
        if text and (before_verb or any(h in text for h in _MEASURABLE_HEAD)):
            return text
    return ""


def prefix_noun(sentence: str, end: int, clause_end: int) -> str:
    """The noun phrase right after a quantity (建成300个城市大脑应用场景), or ''."""
    rest = sentence[end:clause_end]
    m = re.search(r"、\s*\d", rest)
    if m:
        rest = rest[:m.start()]
    if re.match(r"[ \u3000]+[\u4e00-\u9fff]", rest) and (re.search(r"\d", rest) or re.match(r"\s*(?:这|此|该|今年|去年|近年)", rest)):
        return ""  # 完成能源投资4200亿元 电力装机超1亿千瓦: a space sets the next phrase apart
    rest = rest.lstrip("的 ")
    if not rest or rest[0] in "，,。；;、和及与或（(.!?！？:：…" or _VERB.match(rest) or \
            rest.startswith(("左右", "以上", "各", "大关", "台阶", "关口", "新台阶", "新关口", "量级", "规模", "等")):
        return ""
    return clean_indicator(rest)


_RATE_TAIL = re.compile(r"(?:年均|同比|比上年|(?:两|三|五)年平均)?(?:增长率|增长|增速|增幅|下降|降幅)$")


def without_rate_words(subject: str) -> str:
    """规上工业增加值年均增长 → 规上工业增加值: the subject, for a level stated after its rate."""
    return _RATE_TAIL.sub("", subject) or subject


_FROM = re.compile(r"(?:从|由)\s*(?:(?P<year>(?:19|20)\d\d)\s*年(?:底|末)?的?|[“\"]?(?P<period>十[一二三四五]五)[”\"]?末的?)?\s*$")
_TO = re.compile(r"^\s*[,，]?\s*(?:提高|提升|增加|增长|上升|扩大|下降|降低|减少|降|升|增|缩小|跃升)?\s*(?:到|至)\s*"
                 r"(?:(?:(?:19|20)\d\d\s*年|今年|去年|明年|本年)(?:底|末)?的?)?\s*"
                 r"(?:[,，]?\s*(?:预计|有望|将|可|能|已)*\s*(?:达到|达|突破|超过|增至|提高到|提升至)?)?\s*$")


def from_to(sentence: str, first, second) -> int | None:
    """从X提高到Y / 由2020年的X增加到Y: X is Y's starting point. Returns the start year if
    written (0 when the pattern holds without a year), None when it does not hold."""
    lead = _FROM.search(sentence[max(0, first.start - 12):first.start])
    if not lead or not _TO.match(sentence[first.end:second.start]):
        return None
    if lead.group("period"):
        return lx.PERIODS[lead.group("period")][1]  # 由“十三五”末的4505亿元: the period's last year
    return int(lead.group("year")) if lead.group("year") else 0


_COMPARED = re.compile(r"(?:比|较|与|相比|对比)\s*(?:(?P<year>(?:19|20)\d\d)\s*年(?:底|末)?|[“\"]?(?P<period>十[一二三四五]五)[”\"]?末)"
                       r"(?:相比)?\s*[,，]?\s*(?:[\u4e00-\u9fff]{0,4}?)(?:增长|下降|降低|提高|提升|增加|减少|上升|扩大|缩小|翻)")


def compared_year(scope: str) -> int | None:
    """比2015年增长30% / 较2020年下降16% / 较“十三五”末增长140.6%: the year a change is measured
    from (a period's last year for 较“十三五”末)."""
    m = None
    for m in _COMPARED.finditer(scope):
        pass
    if m is None:
        return None
    if m.group("year"):
        return int(m.group("year"))
    return lx.PERIODS[m.group("period")][1]


def names_a_group(noun: str) -> bool:
    """10条示范产业链年总产值突破6500亿元: the count is part of the subject's name when the
    noun phrase after it carries its own comparator and number."""
    return bool(re.search(r"(突破|超过|达到|达|增长|占)\s*\d", noun))


def list_items(indicator: str) -> list[str]:
    """A subject naming several indicators (A、B / A和B), distributed over a shared tail."""
    parts = [p.strip() for p in _SPLIT_LIST.split(indicator) if p.strip()]
    if len(parts) < 2:
        return [indicator]
    last = parts[-1]
    tail = _shared_tail(last, parts[0])
    return [p + tail if tail and not p.endswith(tail) and len(p) <= 6 else p for p in parts[:-1]] + [last]


def _shared_tail(last: str, first: str = "") -> str:
    # 第一产业、第二产业、第三产业增加值…: the items are as long as the first, the rest is shared
    if first and len(first) <= 6 and len(last) > len(first) + 2 and last[:2] != first[:2] and \
            re.match(r"第[一二三四五六七八九十]", first) and re.match(r"第[一二三四五六七八九十]", last):
        return last[len(first):]
    if "的" in last:
        return last[last.index("的") + 1:]
    for head in ("产业链", "产业", "行业", "占", "年均", "增速", "增长", "比重"):
        pos = last.find(head)
        if pos > 0:
            return last[pos:]
    # parallel modifiers of equal length: 城镇和农村居民人均可支配收入 → 城镇 + 居民人均可支配收入
    if first and len(first) <= 4 and len(last) > len(first) + 2:
        return last[len(first):]
    return ""


_PAIRED = (("城乡居民", ("城镇居民", "农村居民")), ("城乡", ("城镇", "农村")), ("进出口", ("进口", "出口")))


def paired_subject(indicator: str, count: int) -> list[str]:
    """城乡居民人均可支配收入分别增长5%、7%: a subject that names a pair stands for both of its
    members, in the order the pair is written (城镇, 农村)."""
    if count == 2:
        for pair, members in _PAIRED:
            at = indicator.find(pair)
            if at >= 0:
                return [indicator[:at] + m + indicator[at + len(pair):] for m in members]
    if count == 3:  # 三次产业对经济增长的贡献率分别为…: the first, second and third industries
        at = indicator.find("三次产业")
        if at >= 0:
            return [indicator[:at] + m + indicator[at + 4:] for m in ("第一产业", "第二产业", "第三产业")]
    return [indicator]


def splits_into_indicators(indicator: str) -> list[str] | None:
    """A、B年均增长6% / A和B保持全省前3: two measurable indicators sharing one number."""
    items = list_items(indicator)
    if len(items) < 2:
        return None
    # each listed part must already name a measure of its own: 亩均增加值和亩均产值 yes,
    # 软件和信息服务业收入 / 风电、太阳能发电装机 no (one indicator whose name holds 和/、)
    parts = [p.strip() for p in _SPLIT_LIST.split(indicator) if p.strip()]
    if all(len(p) >= 3 and p.endswith(_MEASURABLE_HEAD) for p in parts[:-1]) and \
            any(h in items[-1] for h in _MEASURABLE_HEAD):
        return items
    return None

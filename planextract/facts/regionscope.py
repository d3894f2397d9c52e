"""Region scope: which region a number belongs to.

A fact belongs to the document's region unless its sentence names another region as
the subject of the number's clause: 乐清市数字经济增加值达到500亿元 (a county-level
city of a city's plan), 杭州市…；宁波市… (a comparison article), 浙江省… (the
province). A name counts only in subject position — at the start of a clause, after
at most a time phrase or a connective (其中, 同时) — so that 占浙江省比重, 对接上海,
温州市人民政府 (an organisation), 《浙江省…规划》 (a title) and 台州制造 (a brand)
leave the fact with the document. Relative words (全省, 全市, 我市) are never regions:
全省第3 is a rank scope and 全市 the document's own region; a clause that starts with
one of them returns the later numbers to the document's region.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..regions import Region, RegionMention, find_regions, region_by_code

# words after a region name that make it part of an organisation, a zone, a brand or a title
_NOT_SUBJECT_AFTER = re.compile(
    r"(?:人民政府|政府|市委|县委|区委|省委|党委|委员会|人大|政协|日报|晚报|电视台|广播电视|"
    r"发改委|发展改革委|经信局|经信委|统计局|科技局|商务局|财政局|[^\s，。；]{0,4}?局|厅|办公室|"
    r"大学|学院|研究院|银行|集团|公司|海关|新区|高新区|开发区|经开区|园区|湾|港|制造|智造|"
    r"品牌|方案|模式|经验|样板|籍|人民|话|段|片区|都市圈|城市群)")
# what may stand before a subject at the start of its clause
_LEAD = re.compile(
    r"^(?:\s|其中|另外|此外|同时|而|且|以及|截至目前|目前|支持|推动|鼓励|引导|指导|"
    r"(?:到|至|截至|截止|力争到|争取到|预计到)?\s*(?:19|20)\d\d\s*年(?:底|末|前)?|"
    r"今年|去年|上年|过去一年|过去五年|[“\"]?十[一二三四五]五[”\"]?(?:期间|时期|以来|末)?)*$")
# a clause that starts with one of these speaks of the document's own region (or of a
# comparison scope that is not a region of its own)
_RELATIVE_SUBJECT = re.compile(r"\s*(?:全市|全省|全区|全县|全国|我市|我省|我区|我县|本市|本省|市域|全域)")
_LIST_JOIN = re.compile(r"^\s*(?:、|和|及|与|以及|,|，)\s*$")


@dataclass(slots=True)
class RegionIndex:
    """The region mentions of a whole document (matching copy), found once."""

    mentions: list[RegionMention]
    starts: list[int]

    def within(self, start: int, end: int) -> list[RegionMention]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.mentions[lo:hi]


def province_of(region_code: str | None) -> str | None:
    if not region_code:
        return None
    region = region_by_code(region_code)
    return region.province_code if region else None


def index_regions(text: str, region_code: str | None) -> RegionIndex:
    mentions = find_regions(text, within=province_of(region_code))
    return RegionIndex(mentions, [m.start for m in mentions])


def subject_mentions(sentence: str, mentions: list[RegionMention], spans: list[tuple[int, int]]) -> list[RegionMention]:
    """The mentions (offsets in the sentence) that stand as a clause's subject: at the start of a
    clause or continuing a list of such names (乐清、瑞安…), outside titles, not organisations."""
    out: list[RegionMention] = []
    for m in mentions:
        clause_start = next((s for s, e in spans if s <= m.start <= e), 0)
        lead = sentence[clause_start:m.start]
        in_list = bool(out) and out[-1].start >= clause_start and _LIST_JOIN.match(sentence[out[-1].end:m.start])
        if not (in_list or _LEAD.match(lead)):
            continue
        if sentence[:m.start].count("《") > sentence[:m.start].count("》"):
            continue
        if _NOT_SUBJECT_AFTER.match(sentence, m.end):
            continue
        out.append(m)
    return out


# 上海市提出，到2025年…: the region speaks, and the numbers that follow are its own
_SPEAKER = re.compile(r"^(?:市委|市政府|省委|省政府)?(?:提出|明确|要求|表示|计划|规划|印发|发布|宣布|确定|部署)(?:了)?$")


def region_for(sentence: str, position: int, subjects: list[RegionMention],
               spans: list[tuple[int, int]], quantity_starts: list[int]) -> Region | None:
    """The region of a number at `position`: the last subject mention before it. None (the
    document's region) when that mention is one of a list (黄岩、临海、温岭分别列入…: no one
    region owns a later number), when a later clause starts with 全市/我市/全省, or when the
    mention's clause is a statement of its own without a number (乐清市列入试点名单，新增3个…)."""
    before = [m for m in subjects if m.start < position]
    if not before:
        return None
    last = before[-1]
    index = subjects.index(last)
    neighbours = ([subjects[index - 1]] if index else []) + subjects[index + 1:index + 2]
    for other in neighbours:
        a, b = (other, last) if other.start < last.start else (last, other)
        if _LIST_JOIN.match(sentence[a.end:b.start]):
            return None
    own = next(((s, e) for s, e in spans if s <= last.start <= e), (0, len(sentence)))
    for s, e in spans:
        if last.end <= s <= position and _RELATIVE_SUBJECT.match(sentence, s):
            return None
    if not own[0] <= position <= own[1]:
        alone = not sentence[last.end:own[1]].strip() or bool(_SPEAKER.match(sentence[last.end:own[1]].strip()))
        counted = any(own[0] <= q < own[1] for q in quantity_starts)
        if not (alone or counted):
            return None
    return last.region


def leading_list(subject_text: str, subjects: list[RegionMention], offset: int) -> list[RegionMention]:
    """乐清市、瑞安市…分别…: the regions listed at the start of a subject, in order (offsets are
    in the sentence; `offset` is where subject_text starts)."""
    items = [m for m in subjects if offset <= m.start < offset + len(subject_text)]
    return items if len(items) >= 2 else []


def strip_region(indicator: str, mentions: list[RegionMention]) -> str:
    """乐清市数字经济增加值 → 数字经济增加值."""
    for m in mentions:
        if indicator.startswith(m.surface) and len(indicator) > len(m.surface):
            rest = indicator[len(m.surface):]
            if m.surface.endswith("市") and rest.startswith("区"):
                return "市" + rest  # 保定市区常住人口: the city proper, 市区
            return rest.lstrip("、和及与的 ")
    return indicator

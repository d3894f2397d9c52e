"""Number and unit recognition: where a sentence states a quantity.

Finds every `number [range] [magnitude] unit` in a sentence of the matching
view, plus ranks (居全省第6位, 前三), fractions (三分之二) and bare magnitudes
(突破万亿大关). Chinese numerals go through cn2an. Filters the numbers that are
not facts (qualifiers like 20亿元以上项目, structure counts like 等4个维度).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

from . import lexicon as lx

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = r"[一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*"
_UNIT = "|".join(re.escape(u) for u in sorted(lx.BASE_UNITS, key=len, reverse=True))
_MAG = "|".join(lx.MAGNITUDES)

_TAIL = (rf"\*?(?:\s?(?P<sep>[-—–~～至到])\s?(?P<high>{_ARABIC}|{_CHINESE}))?"
         rf"\s?(?P<approx>余|多)?(?P<mag>{_MAG})?(?P<approx2>余|多)?\s?")
# 20万立方米/日: a flow keeps its period with the unit
_UNIT_GROUP = rf"(?P<unit>{_UNIT})(?P<per>/(?:日|天|年|小时))?"
QUANTITY = re.compile(rf"(?P<num>{_ARABIC}){_TAIL}(?:{_UNIT_GROUP})?")  # the unit is optional: 容积率不低于2.0
# Chinese numerals are common words (一批, 十大): only with a unit can they be a quantity, so
# the pattern asks for one and the scan stays fast
QUANTITY_CN = re.compile(rf"(?P<num>{_CHINESE}){_TAIL}{_UNIT_GROUP}")
RANK = re.compile(
    r"(?P<verb>位居|位于|位列|排名|排在|跻身|稳居|跃居|(?:跃|上|提|回)?升(?:至|到)|前移(?:至|到)|进位(?:至|到)|"
    r"(?:下)?降(?:至|到)|退(?:至|到)|保持在|保持|进入|居于|居|列|排|由|从|"
    r"(?<=[\d年])(?=第)|(?=(?:全国|全省|全市|全区|全州|国内|全球|世界|全世界|西部|中部|东部|东北)[^，。；,;全]{0,8}?第))"
    r"(?P<scope>[\u4e00-\u9fffA-Za-z“”\"]{0,10}?)"
    r"(?P<form>前|第)\s?(?P<n>\d+|[一二三四五六七八九十]+)\s?(?P<unit>位|名|强)?")
FRACTION = re.compile(r"(?P<den>[一二三四五六七八九十百千]+|\d+)分之(?P<num>[一二三四五六七八九十]+(?:点[零〇一二三四五六七八九]+)?|"
                      r"\d+(?:\.\d+)?)")
BARE_MAGNITUDE = re.compile(r"(?P<verb>突破|超过|达到|迈上|跨越|迈入|超|(?<![通经])过|(?<![打攻])破|形成(?=[^，。；,;]{2,6}规模))(?P<mag>万亿|千亿|百亿)(?P<yuan>元)?(?P<tail>大关|台阶|级)?")
_HAS_CHINESE_NUMERAL = re.compile(r"[一二两三四五六七八九十]")
_HAS_BARE_MAGNITUDE = re.compile("万亿|千亿|百亿")
_ANY_NUMBER = re.compile(r"[\d一二两三四五六七八九十]|万亿|千亿|百亿")


def may_hold_quantity(text: str) -> bool:
    """A cheap test before the full search: no digit, no Chinese numeral, no 万亿 — no quantity."""
    return _ANY_NUMBER.search(text) is not None
_NUMBERING = re.compile(r"(专栏|表|图|附件|附表|第|序号|编号|No\.?)\s*$")
_SPACES = re.compile(r"\s{2,}")
_CJK = re.compile(r"[\u4e00-\u9fff“\"A-Za-z]")


@dataclass(slots=True)
class Quantity:
    """A number found in a sentence; positions are offsets into the sentence."""

    start: int
    end: int          # end of the unit (and of 以上/左右 if present)
    value: float
    value_high: float | None
    unit: str         # as written, magnitude included (万个, 亿元)
    comparator: str | None  # from the words around it; None if nothing said
    kind_hint: str | None = None  # rank / share (fractions)
    after: int = 0    # index right after number+unit (before 以上/左右)


def to_number(text: str) -> float | None:
    text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    try:
        return float(cn2an.cn2an(text.replace("两", "二"), "smart"))
    except (ValueError, KeyError, TypeError):
        return None


_BEFORE_WORDS = dict(lx.COMPARATOR_BEFORE)
# longest word first, as the list order did: 不超过 before 超过 before 超
_BEFORE = re.compile("(?:%s)$" % "|".join(re.escape(w) for w, _ in sorted(lx.COMPARATOR_BEFORE, key=lambda p: -len(p[0]))))


def _comparator_before(sentence: str, start: int) -> str | None:
    while start > 0 and sentence[start - 1] == " ":  # 超 9 万亿元: a space laid out between words
        start -= 1
    m = _BEFORE.search(sentence, max(0, start - 4), start)
    return _BEFORE_WORDS[m.group(0)] if m else None


def _comparator_after(sentence: str, end: int) -> tuple[str | None, int]:
    at = end + (1 if sentence[end:end + 1] == " " else 0)  # 8% 左右
    for word, comparator in lx.COMPARATOR_AFTER:
        if sentence.startswith(word, at):
            return comparator, at + len(word)
    return None, end


def _combine(before: str | None, after: str | None, approx: bool) -> str | None:
    if approx:
        return "~"
    if after in ("~",):
        return after
    if before and before != "=":
        return before
    return after or before


def find_quantities(sentence: str) -> list[Quantity]:
    """Every quantity with a unit in a sentence, in order, qualifiers removed."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    special = (_ranks(sentence) if ("前" in sentence or "第" in sentence or "位" in sentence) else []) + \
        (_fractions(sentence) if "分之" in sentence else []) + \
        (_halves(sentence) if "一半" in sentence else []) + \
        (_percent_words(sentence) if ("百分之" in sentence or "成" in sentence) else []) + \
        (_bare_magnitudes(sentence) if _HAS_BARE_MAGNITUDE.search(sentence) else []) + \
        (_years_of(sentence) if "年限" in sentence else []) + \
        (_people_in_wan(sentence) if "万" in sentence and "人口" in sentence else [])
    for quantity in special:
        found.append(quantity)
        taken.append((quantity.start, quantity.end))
    matches = list(QUANTITY.finditer(sentence))
    if _HAS_CHINESE_NUMERAL.search(sentence):
        matches += QUANTITY_CN.finditer(sentence)
    for m in matches:
        if any(s <= m.start() < e for s, e in taken):
            continue
        quantity = _quantity(sentence, m)
        if quantity is not None:
            found.append(quantity)
    found.sort(key=lambda q: q.start)
    return _join_ranges(sentence, _shared_units(sentence, found))


_YEARS_OF = re.compile(r"年限[^，。；,;\d]{0,8}?(?P<n>\d{1,2}(?:\.\d+)?)\s*(?P<unit>年)(?P<suffix>以上|以下|左右)?")


def _years_of(sentence: str) -> list[Quantity]:
    """平均受教育年限达12.3年以上: a count of years (a 年限), not a year; 年 is otherwise never a unit."""
    out = []
    for m in _YEARS_OF.finditer(sentence):
        comparator = {"以上": ">=", "以下": "<=", "左右": "~"}.get(m.group("suffix") or "", "=")
        out.append(Quantity(m.start("n"), m.end(), float(m.group("n")), None, "年", comparator, after=m.end("unit")))
    return out


# people counted in 万 with no unit of their own: 92.22万贫困人口全部脱贫, 减贫人口50万以上
_PEOPLE_IN_WAN = re.compile(r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s*万(?P<suffix>余|多)?(?=[\u4e00-\u9fff]{0,4}?人口)"
                            r"|人口[\u4e00-\u9fff]{0,4}?(?<![\d.])(?P<n2>\d+(?:\.\d+)?)\s*万(?P<suffix2>以上|左右|余|多)?(?![\u4e00-\u9fff\d]{0,2}[人元户亩个])")


def _people_in_wan(sentence: str) -> list[Quantity]:
    """92.22万贫困人口 / 减贫人口50万以上: a count of people in 万, as written (a bare 万 that counts)."""
    out = []
    for m in _PEOPLE_IN_WAN.finditer(sentence):
        group = "n" if m.group("n") else "n2"
        suffix = m.group("suffix") or m.group("suffix2") or ""
        comparator = {"以上": ">=", "左右": "~", "余": "~", "多": "~"}.get(suffix, "=")
        end = m.end(group) + len("万") + len(suffix)
        out.append(Quantity(m.start(group), end, float(m.group(group)), None, "万", comparator, after=end))
    return out


_LISTED_BEFORE = re.compile(r"(?<![\d.])(-?\d+(?:\.\d+)?)\s*[、和及]\s*$")


def _shared_units(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """2.74、1.96、5.1个百分点 / 28、20和52%: numbers listed before a number with a unit share it."""
    out: list[Quantity] = []
    taken = {q.start for q in found}
    for q in found:
        extra: list[Quantity] = []
        end = q.start
        while q.unit and q.kind_hint is None:
            window = max(0, end - 24)
            m = _LISTED_BEFORE.search(sentence, window, end)
            if not m or m.start(1) in taken or any(p.start <= m.start(1) < p.end for p in found):
                break
            value = to_number(m.group(1))
            if value is None:
                break
            extra.insert(0, Quantity(m.start(1), m.end(1), value, None, q.unit, q.comparator, after=m.end(1)))
            end = m.start(1)
        out.extend(extra)
        out.append(q)
    return out


_RANGE_JOIN = re.compile(r"^\s*(?:至|到|-|—|–|~|～)\s*$")


def _join_ranges(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """5000亿元至6000亿元: two amounts in the same unit joined by 至 are one range."""
    out: list[Quantity] = []
    for q in found:
        last = out[-1] if out else None
        if last is not None and last.value_high is None and last.unit == q.unit and last.kind_hint is None \
                and q.kind_hint is None and _RANGE_JOIN.match(sentence[last.end:q.start]):
            last.value_high, last.end, last.after = q.value, q.end, q.after
            last.comparator = last.comparator if last.comparator not in (None, "=") else q.comparator
            continue
        out.append(q)
    return out


def _quantity(sentence: str, m: re.Match) -> Quantity | None:
    num, unit, mag = m.group("num"), m.group("unit"), m.group("mag") or ""
    chinese = not num[0].isdigit()
    if chinese and not unit:
        return None  # a Chinese numeral without a unit (十大, 一批) is never a quantity
    if m.start() > 0 and (sentence[m.start() - 1].isdigit() or
                          sentence[m.start() - 1] in ".," and m.start() >= 2 and sentence[m.start() - 2].isdigit()):
        return None  # inside a number (1,919 / 3.5); after a comma or stop that ends a clause it starts one
    if _is_numbering(sentence, m):
        return None
    if unit == "分" and (sentence[m.end():m.end() + 1] in lx.NOT_SCORE_AFTER_FEN
                        or re.search(r"\d\s*[时点]\s*$", sentence[max(0, m.start() - 4):m.start()])):
        unit = None  # 分之, 分别 …; 8时30分: a time of day, not points
    if not unit and mag == "万" and not chinese and _COUNT_AFTER_WAN.match(sentence, m.end()):
        unit, mag = "万", ""  # 力争达到490万 / 为200万中小学生: ten thousand of what the sentence counts
    if not unit:
        return _bare_number(sentence, m) if not chinese and not mag else None
    if chinese and unit not in lx.CURRENCY_UNITS + lx.PERCENT_UNITS + lx.AREA_UNITS \
            and not _chinese_count(sentence, m):
        return None  # 三个"上海方案", 五大产业: small Chinese counts name structures
    if _is_year_or_date(sentence, m):
        return None
    if unit == "天" and not _DAYS_COUNTED.search(sentence, max(0, m.start() - 12), m.start()):
        return None  # 30天内, 每周5天: a duration; 优良天数68天 counts days
    value = to_number(num)
    if value is None:
        return None
    high = to_number(m.group("high")) if m.group("high") else None
    if m.group("high") and m.group("sep") in "到至" and chinese:
        return None
    end = m.end()
    after, end_cmp = _comparator_after(sentence, end)
    if _is_qualifier(sentence, m, unit, end_cmp) or _is_structure(sentence, m, end_cmp):
        return None
    start = m.start()
    if _is_negative(sentence, start):
        start, value = start - 1, -value  # 自然增长率为-2.11‰
    comparator = _combine(_comparator_before(sentence, start), after, bool(m.group("approx") or m.group("approx2")))
    return Quantity(start, end_cmp, value, high, mag + unit + (m.group("per") or ""), comparator, after=end)


_DAYS_COUNTED = re.compile(r"(?:天数|日数)")


def _is_negative(sentence: str, start: int) -> bool:
    """A minus sign right before a number, not a hyphen of a range (2020-2025) or a list dash."""
    if start == 0 or sentence[start - 1] not in "-－−":
        return False
    before = sentence[start - 2:start - 1] if start >= 2 else ""
    return not (before.isdigit() or before in ("-", "—", "–", "~", "至")) and (before == "" or not before.isascii()
                                                                             or before in " :(")


def _bare_number(sentence: str, m: re.Match) -> Quantity | None:
    """A unitless number is a fact only as a ratio or index after a comparator (容积率不低于2.0)."""
    before = sentence[:m.start()]
    comparator = _comparator_before(sentence, m.start())
    head = re.sub(r"(达到|达|不低于|不少于|不超过|超过|保持在|控制在|保持|为|"
                  r"(?:缩小|下降|降低|降|提高|提升|增加|增长|扩大|上升)(?:到|至))$", "", before)
    if comparator is None and head == before:
        return None
    if not re.search(r"(率|指数|系数|比|倍差|比值|倍数)$", head) and not (
            re.search(r"值$", head) and (comparator or _comparator_after(sentence, m.end())[0])):
        return None
    value = to_number(m.group("num"))
    if value is None or m.group("high"):
        return None
    after, end = _comparator_after(sentence, m.end())
    return Quantity(m.start(), end, value, None, "", _combine(comparator, after, False), after=m.end())


# after a bare 万: the end of a clause, or the people or things it counts
_COUNT_AFTER_WAN = re.compile(r"\s*(?:$|[，,。；;、）)]|(?:余|多)?(?:中小学生|学生|儿童|人|群众|居民|农民|职工|家庭|户|名|人次|辆|台|套|个|只|头))")
_MEASURING_VERB = re.compile(r"(?:达到|达|新增|突破|超过|增至|增加到|提高到|提升至)$")


def _chinese_count(sentence: str, m: re.Match) -> bool:
    """八百家, 二十个, 达到三家: a count written in Chinese numerals is a figure when it is ten or
    more, or follows a verb that measures; 三个"方案", 一个中心 stay structure words."""
    if sentence[m.end():m.end() + 1] in "“\"":
        return False
    head = sentence[:m.start()]
    if head.count("“") > head.count("”"):  # inside quotes: a name (“十条刚性措施”)
        return False
    value = to_number(m.group("num"))
    return value is not None and (value >= 10 or bool(_MEASURING_VERB.search(sentence[:m.start()])))


def _is_numbering(sentence: str, m: re.Match) -> bool:
    """专栏7, 表1, 附件2, 图3: labels of a document's parts; and a unit split from
    its number by more than one space is a new word (专栏7  台州…)."""
    if _NUMBERING.search(sentence, max(0, m.start() - 3), m.start()):
        return True
    return bool(_SPACES.search(m.group(0)))


def _is_year_or_date(sentence: str, m: re.Match) -> bool:
    following = sentence[m.end():m.end() + 1]
    return following in ("年", "月", "日") and not m.group("unit")


def _is_qualifier(sentence: str, m: re.Match, unit: str, end: int) -> bool:
    """20亿元以上项目, 超50亿元企业, 50亿级, 500强: a size class inside a name, not a fact."""
    following = sentence[end:end + 4]
    if following.startswith("级") or sentence[m.end():m.end() + 1] == "级":
        return True
    if unit in ("岁", "周岁") and re.match(r"(?:及)?(?:以下|以上)?的?(?:儿童|婴儿|人口|老年|老人|居民|孕产妇|青少年|学生|人群|男性|女性|幼儿)",
                                          sentence[m.end():m.end() + 8]):
        return True  # 5岁以下儿童死亡率, 65周岁及以上人口: an age that names a group
    if unit not in lx.CURRENCY_UNITS:
        return False
    rest = following.lstrip("的")
    if not rest or not _CJK.match(rest[0]):
        return False
    if rest[0] in "各":
        return True
    if end > m.end():  # 以上/以下 + noun
        return True
    before = sentence[max(0, m.start() - 2):m.start()]
    if before.endswith("超") or before.endswith("超过") or before.endswith("市值"):
        return True
    return rest.startswith(lx.QUALIFIED_NOUNS)


_ADMIN_UNITS = re.compile(r"\s*(?:设区市|地级市|市州|市（州）|市\(州\)|县（市、区）|县\(市、区\)|县（市）|县\(市\)|县市区|区县|县区|县市|乡镇|街道|省份|省区市)")


def _is_structure(sentence: str, m: re.Match, end: int) -> bool:
    """等4个维度, 18项具体指标, 10项重点任务: counts of a document's own parts."""
    if m.group("unit") not in lx.COUNT_UNIT_SET:
        return False
    rest = sentence[end:].lstrip("的")
    if sentence[max(0, m.start() - 1):m.start()] == "等":
        # 等4个维度 / 南宁、北海…等4个核心区城市的…: the parts or the places a statement ranges over;
        # 加快建设郑万、渝湘…等5条高铁: the things a clause builds, counted
        clause = re.split(r"[，,；;。]", sentence[:m.start()])[-1]
        built = re.search(r"建设|建成|开工|新建|实施|启动|培育|引进|签约|落地", clause)
        return not built or rest.startswith(lx.STRUCTURAL_NOUNS) or \
            re.match(r"[\u4e00-\u9fff]{0,4}?(?:指标|方面|维度|层次|行动计划|领域)", rest) is not None
    if rest.startswith(lx.STRUCTURAL_NOUNS):
        return True
    if re.search(r"(?:整理出|梳理出)了?的?$", sentence[max(0, m.start() - 5):m.start()]) \
            or re.match(r"(?:信息|干货|要点|看点|亮点)", rest):
        return True  # 小编整理出的30条…, 30条信息干货: the items a page lists, counted
    if m.group("unit") in ("条", "项") and re.match(r"[\u4e00-\u9fff]{0,4}?(?:措施|举措|任务|条款)", rest):
        return True  # 26条具体措施, 53条政策措施, 50项重点突破任务
    if re.search(r"全(?:省|市|区|国)\s*$", sentence[max(0, m.start() - 4):m.start()]) and _ADMIN_UNITS.match(rest):
        return True  # 全省11个设区市…排名: the units a statement ranges over, not a count it reports
    # 具体措施26条, 政策措施53条, 重点任务50项: the measures a document lists, counted after their noun
    # 预期性指标11个: a plan's own indicators, counted
    return re.search(r"(?:措施|举措|政策|任务|条款|意见|指标)(?:共|有|共有|达|合计)?$", sentence[max(0, m.start() - 6):m.start()]) is not None


_RANK_MOVES = "升跃上提前进降退下回"  # 由第六升至第五: the rank moves on
_PERIOD_SCOPE = re.compile(r"^[“\"]十[一二三四五六]五[”\"](?:末|期末|初|时期)?$")


_MORE_RANKS = re.compile(r"\s*[、和及与]\s*(?P<form>第)\s?(?P<n>\d+|[一二三四五六七八九十]+)\s?(?:位|名)?(?![\u4e00-\u9fff])")
_RANKING_WORDS = re.compile(r"排名|排位|位次|名次|排序")
_BARE_POSITION = re.compile(r"(?<=[由从至到的])(\d{1,3})\s*位(?![数置于居列])")


def _ranks(sentence: str) -> list[Quantity]:
    out = []
    for m in RANK.finditer(sentence):
        following = sentence[m.end():m.end() + 1]
        if m.group("form") == "第" and not m.group("unit") and following and following in "大个批次届期条款章节类方阵梯一二三四五六七八九十":
            continue
        if m.group("form") == "前" and following in ("列", "沿"):
            continue
        if not m.group("unit") and following and "\u4e00" <= following <= "\u9fff" and following not in "位名" \
                and not (m.group("form") == "第" and following in _RANK_MOVES):
            continue  # 第一城, 第一方阵, 前三季度: a name or a period, not a rank (由第六升至第五 is one)
        if ("“" in m.group("scope") or "”" in m.group("scope")) and not _PERIOD_SCOPE.search(m.group("scope")):
            continue  # 第一个“…”: a name; 由“十二五”末第18位: a rank at a period's end
        value = to_number(m.group("n"))
        if value is None:
            continue
        comparator = "<=" if m.group("form") == "前" else "="
        if sentence.startswith(("左右", "上下"), m.end()):  # 第40位左右
            comparator = "~"
        start = m.start("scope") if m.group("scope") else m.start("form")
        opens = max(m.group("scope").rfind("由"), m.group("scope").rfind("从"))
        if opens >= 0:
            start = m.start("scope") + opens + 1  # 全国排名由第六升至第五: 由 opens a move, the rank follows it
        out.append(Quantity(start, m.end(), value, None, "位", comparator, kind_hint="rank", after=m.end()))
        end = m.end()
        while (more := _MORE_RANKS.match(sentence, end)) is not None:  # 分别位列全国第三、第四
            value = to_number(more.group("n"))
            if value is None:
                break
            out.append(Quantity(more.start("form"), more.end(), value, None, "位", comparator, kind_hint="rank",
                                after=more.end()))
            end = more.end()
    if _RANKING_WORDS.search(sentence):  # 排名由2015年的53位跃升至47位: positions written without 第
        taken = [(q.start, q.end) for q in out]
        for m in _BARE_POSITION.finditer(sentence):
            if not any(s <= m.start(1) < e for s, e in taken):
                out.append(Quantity(m.start(1), m.end(), float(m.group(1)), None, "位", "=", kind_hint="rank",
                                    after=m.end()))
        out.sort(key=lambda q: q.start)
    return out


_OF_WHOLE = re.compile(r"(超过|超|逾|不足|不到|近|约|接近|达到|达|占)[^，。；,;]{1,10}?的$")


def _comparator_before_of(sentence: str, start: int) -> str | None:
    """超过全国总量的四分之一: the comparator stands before the whole the fraction is of."""
    m = _OF_WHOLE.search(sentence, max(0, start - 14), start)
    return _BEFORE_WORDS.get(m.group(1)) if m else None


def _fractions(sentence: str) -> list[Quantity]:
    out = []
    for m in FRACTION.finditer(sentence):
        den_text = m.group("den")
        if den_text == "百":
            continue  # 百分之八十五: a percentage, read by _percent_words
        den = to_number("一千" if den_text == "千" else den_text)  # 千分之四点五: per mille
        num = to_number(m.group("num"))
        if not den or num is None or num > den:
            continue
        after, end = _comparator_after(sentence, m.end())
        comparator = _combine(_comparator_before(sentence, m.start()) or _comparator_before_of(sentence, m.start()),
                              after, False)
        if den == 1000:  # 千分之四点五: per mille, as written (人口自然增长率)
            out.append(Quantity(m.start(), end, num, None, "‰", comparator, after=m.end()))
            continue
        out.append(Quantity(m.start(), m.end(), round(num / den * 100, 3), None, "%", comparator,
                            kind_hint="share", after=m.end()))
    return out


HALF = re.compile(r"(?:(?<=超过)|(?<=达到)|(?<=占到)|(?<=接近)|(?<=占)|(?<=达)|(?<=近)|(?<=逾))一半")


def _halves(sentence: str) -> list[Quantity]:
    """超过一半, 占一半以上: a share of 50 %, like 三分之二 (only after a verb that measures)."""
    out = []
    for m in HALF.finditer(sentence):
        after, end = _comparator_after(sentence, m.end())
        comparator = _combine(_comparator_before(sentence, m.start()), after, False)
        out.append(Quantity(m.start(), end, 50.0, None, "%", comparator, kind_hint="share", after=m.end()))
    return out


PERCENT_WORDS = re.compile(r"百分之(?P<pct>[零〇一二两三四五六七八九十百点]+|\d+(?:\.\d+)?)")
TENTHS = re.compile(r"(?:(?<=近)|(?<=约)|(?<=超过)|(?<=占)|(?<=达到)|(?<=达)|(?<=逾)|(?<=为)|(?<=超))"
                    r"(?P<n>[一二三四五六七八九])成(?![员为功立本果就长交熟型品])")


def _percent_words(sentence: str) -> list[Quantity]:
    """百分之八十五 → 85 %, 近三成 → about 30 %: percentages written in words."""
    out = []
    for m in PERCENT_WORDS.finditer(sentence):
        value = to_number(m.group("pct").replace("点", "."))
        if value is None:
            continue
        after, end = _comparator_after(sentence, m.end())
        out.append(Quantity(m.start(), end, value, None, "%",
                            _combine(_comparator_before(sentence, m.start()), after, False), after=m.end()))
    for m in TENTHS.finditer(sentence):
        value = to_number(m.group("n"))
        after, end = _comparator_after(sentence, m.end())
        out.append(Quantity(m.start(), end, value * 10, None, "%",
                            _combine(_comparator_before(sentence, m.start()), after, False),
                            kind_hint="share", after=m.end()))
    return out


def _bare_magnitudes(sentence: str) -> list[Quantity]:
    out = []
    for m in BARE_MAGNITUDE.finditer(sentence):
        if m.group("tail") == "级":
            continue
        following = sentence[m.end():m.end() + 1]
        if following and following.isdigit():
            continue
        start = m.start("mag")
        if start < len(sentence) and start > 0 and sentence[start - 1].isdigit():
            continue
        rest = sentence[m.end():]
        if not m.group("tail") and m.group("verb") != "形成" and (rest.startswith("的") or rest.startswith(lx.QUALIFIED_NOUNS)):
            continue  # 超千亿元的产业集群, 过百亿产业: a size class of the thing counted
        comparator = dict(lx.COMPARATOR_BEFORE).get(m.group("verb"), "=" if m.group("verb") == "形成" else ">")
        out.append(Quantity(start, m.end(), 1.0, None, m.group("mag") + "元", comparator, after=m.end()))
    return out

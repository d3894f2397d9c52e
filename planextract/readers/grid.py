"""Tables with merged cells → the tab-separated rows the fact extractor reads.

PDF and Word tables arrive as cells on a grid, some spanning rows or columns. The extractor
(`planextract.facts.tables`) reads one line per row, cells joined by a TAB, under one header
line (`指标\t单位\t2020年\t2025年\t属性`). This module flattens a grid into exactly that:

* Header rows: the first row, plus every row a header cell reaches down into (a 指标 cell
  spanning two rows) or that holds the sub-headings of a header spanning several columns
  (规划目标 over 2020年 | 2025年). Each column's header is its lowest heading (2020年); a group
  heading that names a year goes in front of a heading that only says "value" (2025年 + 目标值),
  not of one that names a measure (年均增长 stays as it is, so the extractor knows it).
  A heading spanning columns without sub-headings labels the last column it spans (its other
  columns are usually a category).
* Body rows: a cell spanning rows repeats its text in each row (属性 预期性 for a block of
  indicators); a cell spanning columns fills the first and leaves the others empty; a cell
  spanning the whole row (a section title) becomes a line of its own. Empty rows are dropped,
  trailing empty cells too (as in HTML tables).
* Cell text: its lines are joined as a paragraph is (no space between CJK characters), tabs and
  runs of spaces become one space.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

YEAR = re.compile(r"(?:19|20)\d\d\s*年")
# headings that say only "the value" and need their group's year (2025年 over 目标值)
_VALUE_HEADING = re.compile(r"^(?:规划|预期|计划|实际|现状|完成)?(?:目标|目标值|值|数值|指标值|规划值|预期值|预计|实际值|完成值|现状值)$")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_ASCII_PUNCT_END = re.compile(r"[,.;:!?)\]%]")
MAX_HEADER_ROWS = 4


@dataclass(slots=True)
class GridCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(slots=True)
class FlatTable:
    """A table as lines of text: `header` (one line, or None) and `body` lines."""

    n_cols: int
    header_rows: list[tuple[str, ...]] = field(default_factory=list)  # raw header rows, to spot a repeat
    header: str | None = None
    body: list[str] = field(default_factory=list)
    all_rows: list[str] = field(default_factory=list)  # every row as a body row (a continued table)

    def lines(self) -> list[str]:
        return ([self.header] if self.header else []) + self.body


def join_separator(first: str, second: str) -> tuple[str, int]:
    """How to join two pieces of one paragraph broken by a line end: (what goes between them,
    how many characters to drop from the end of the first). No space between CJK text or the
    digits of a broken number, one space between words, a hyphenated word made whole again."""
    if not first or not second:
        return "", 0
    a, b = first[-1], second[0]
    if a == "-" and len(first) > 1 and first[-2].isascii() and first[-2].isalpha() and b.islower():
        return "", 1
    if a.isspace() or b.isspace():
        return "", 0
    if _ASCII_ALNUM.match(a) and _ASCII_ALNUM.match(b):
        return ("" if a.isdigit() and b.isdigit() else " "), 0
    if _ASCII_PUNCT_END.match(a) and _ASCII_ALNUM.match(b):
        return " ", 0
    return "", 0


def join_lines(first: str, second: str) -> str:
    """`first` and `second` joined as one paragraph (see `join_separator`)."""
    separator, drop = join_separator(first, second)
    return first[:len(first) - drop] + separator + second


def clean_cell(text: str) -> str:
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    joined = ""
    for line in lines:
        if line:
            joined = join_lines(joined, line)
    return _SPACES.sub(" ", joined).strip()


def flatten(cells: list[GridCell]) -> FlatTable:
    """Flatten a grid of (possibly merged) cells; see the module docstring."""
    cells = [c for c in cells if c.rowspan > 0 and c.colspan > 0]
    if not cells:
        return FlatTable(0)
    n_rows = max(c.row + c.rowspan for c in cells)
    n_cols = max(c.col + c.colspan for c in cells)
    owner: list[list[GridCell | None]] = [[None] * n_cols for _ in range(n_rows)]
    for cell in cells:
        cell.text = clean_cell(cell.text)
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                if owner[r][c] is None:
                    owner[r][c] = cell
    h = header_row_count(owner)
    table = FlatTable(n_cols)
    if h:
        table.header_rows = [tuple(_row_texts(owner[r])) for r in range(h)]
        table.header = _strip_tail("\t".join(_header_labels(owner, h)))
    table.body = body_lines(owner, h)
    table.all_rows = body_lines(owner, 0) if h else table.body
    return table


def body_lines(owner: list[list[GridCell | None]], first_row: int) -> list[str]:
    lines = []
    for r in range(first_row, len(owner)):
        row = owner[r]
        if len(row) > 1 and row[0] is not None and all(c is row[0] for c in row):
            if row[0].text and row[0].row == r:  # a title spanning the whole row
                lines.append(row[0].text)
            continue
        texts = []
        for c, cell in enumerate(row):
            if cell is None or (cell.col < c):  # empty slot, or the tail of a horizontal span
                texts.append("")
            else:
                texts.append(cell.text)  # also repeats a vertical span's text in each of its rows
        line = _strip_tail("\t".join(texts))
        if line.strip("\t"):
            lines.append(line)
    return lines


def header_row_count(owner: list[list[GridCell | None]]) -> int:
    """How many leading rows are the header (see the module docstring)."""
    n_rows = len(owner)
    if n_rows < 2:
        return 0
    h = 1
    changed = True
    while changed and h < min(MAX_HEADER_ROWS, n_rows - 1) + 1:
        changed = False
        for r in range(h):
            for c, cell in enumerate(owner[r]):
                if cell is None or cell.row != r or cell.col != c:
                    continue
                reach = cell.row + cell.rowspan
                if reach > h:
                    h, changed = reach, True
                elif cell.colspan > 1 and r == h - 1 and h < n_rows and _has_subheadings(owner[h], cell):
                    h, changed = h + 1, True
    return min(h, MAX_HEADER_ROWS, n_rows - 1)


def _has_subheadings(below: list[GridCell | None], group: GridCell) -> bool:
    under = {id(c) for c in below[group.col:group.col + group.colspan] if c is not None}
    return len(under) > 1


def _header_labels(owner: list[list[GridCell | None]], h: int) -> list[str]:
    n_cols = len(owner[0])
    labels = [""] * n_cols
    for c in range(n_cols):
        stack: list[GridCell] = []
        for r in range(h):
            cell = owner[r][c]
            if cell is not None and cell.text and (not stack or stack[-1] is not cell):
                stack.append(cell)
        if not stack:
            continue
        lowest = stack[-1]
        if lowest.colspan > 1 and c != lowest.col + lowest.colspan - 1:
            continue  # a heading spanning columns without sub-headings labels its last column
        label = lowest.text
        for upper in reversed(stack[:-1]):
            if YEAR.search(upper.text) and _VALUE_HEADING.match(label):
                label = upper.text + label
        labels[c] = label
    return labels


def _row_texts(row: list[GridCell | None]) -> list[str]:
    return [cell.text if cell is not None else "" for cell in row]


def _strip_tail(line: str) -> str:
    return line.rstrip("\t")

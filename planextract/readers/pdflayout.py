"""Page geometry → text in reading order: the layout half of the PDF reader.

Input: for every page, the characters of its text layer with their boxes (from pdfium) and
the ruled tables found on it (from pdfplumber), all in points from the page's top-left corner.
Output: the document's normalised text and the offset where each page starts.

1. Characters become runs (`Run`): characters on one baseline without a wide gap, in the
   order the page draws them.
2. Running headers and footers go: runs in the top or bottom tenth of a page that are page
   numbers (`3`, `- 3 -`, `第3页`, `3/10`) or that repeat, digits aside, on many pages.
3. Columns: a vertical gutter in the middle of the page that no narrow run crosses, with
   runs on both sides, makes a two-column page; runs crossing it (titles) cut the page into
   bands, each read left column first. Tables are bands of their own.
4. Runs on one row of a column become a line; lines become paragraphs: a line that reaches
   the column's right edge continues on the next line unless that one is indented, starts a
   heading (一、 （二） 第三章 1.), has another size or follows a gap. The same test joins the
   last line of a column or page to the first of the next, so a sentence broken by a page
   break is one line again.
5. A table continued on the next page (same number of columns, nothing between but the page
   break and a 续表 caption) goes on under the first header; a repeated header is dropped.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .grid import FlatTable, join_separator

CJK_RANGE = "\u2e80-\u2fff\u3001-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK = re.compile(f"[{CJK_RANGE}]")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－─~·•\s]*\d{1,4}[-—–－─~·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|(?:共\s*\d{1,4}\s*页\s*)?第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|[-—–]?\s*[ivxlcdmIVXLCDM]{1,6}\s*[-—–]?"
    r"|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$", re.I)
_HEADING_START = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[章节条部篇编]"
    r"|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十\d]+[)）]"
    r"|\d{1,2}[.．、](?!\d)"
    r"|[①-⑳]"
    r"|表\s*\d+|图\s*\d+|附件|附表|专栏)")
_CONTINUED_TABLE = re.compile(r"^(?:续表\s*\S{0,4}|表\s*\d+\s*[（(]续[)）].*|[（(]续表[)）].*|续上表)$")
_SPACES = re.compile(r"[ \u00a0\u3000\t]+")
HEADER_BAND = 0.1  # top and bottom tenth of a page


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(slots=True)
class Run:
    """Characters on one baseline, drawn one after the other without a wide gap."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    indent_spaces: bool = False  # began with spaces (a paragraph indented with U+3000)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class TableBlock:
    x0: float
    top: float
    x1: float
    bottom: float
    table: FlatTable


@dataclass(slots=True)
class PageLayout:
    """What one page holds once its characters are read."""

    number: int                 # 0-based
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)
    tables: list[TableBlock] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# 1. characters → runs


def runs_from_chars(chars: list[Char | None]) -> list[Run]:
    """Group characters (None marks a line break the PDF library inserted) into runs."""
    runs: list[Run] = []
    current: list[Char] = []
    prev_middle = prev_x0 = prev_x1 = prev_height = 0.0
    for ch in chars:
        if ch is None:
            if current:
                _close(current, runs)
                current = []
            continue
        middle, height = (ch.top + ch.bottom) / 2, ch.bottom - ch.top
        if current:
            size = max(prev_height, height, 1.0)
            if (abs(middle - prev_middle) >= 0.5 * size or ch.x0 - prev_x1 > 1.5 * size
                    or ch.x1 < prev_x0 - 0.5 * size):
                _close(current, runs)
                current = []
        current.append(ch)
        prev_middle, prev_x0, prev_x1, prev_height = middle, ch.x0, ch.x1, height
    if current:
        _close(current, runs)
    return runs


def _close(chars: list[Char], runs: list[Run]) -> None:
    run = _make_run(chars)
    if run is not None:
        runs.append(run)


def _make_run(chars: list[Char]) -> Run | None:
    parts = []
    prev: Char | None = None
    x0 = top = float("inf")
    x1 = bottom = float("-inf")
    heights = []
    for ch in chars:
        text = ch.text
        if text == " ":
            parts.append(text)
            continue
        height = ch.bottom - ch.top
        if prev is not None and prev.text != " " and ch.x0 - prev.x1 > 0.3 * max(height, 1.0) and not (
                _CJK.match(text) or _CJK.match(prev.text)):
            parts.append(" ")  # a gap the PDF drew instead of a space
        parts.append(text)
        heights.append(height)
        x0, top, x1, bottom = min(x0, ch.x0), min(top, ch.top), max(x1, ch.x1), max(bottom, ch.bottom)
        prev = ch
    if not heights:
        return None
    raw = "".join(parts)
    text = _drop_spaces_between_cjk(_SPACES.sub(" ", raw).strip())
    if not text:
        return None
    heights.sort()
    return Run(text=text, x0=x0, top=top, x1=x1, bottom=bottom, size=max(heights[len(heights) // 2], 1.0),
               indent_spaces=raw[:1] in (" ", "\u3000"))


_CJK_SPACE = re.compile(f"(?<=[{CJK_RANGE}]) (?=[{CJK_RANGE}])")


def _drop_spaces_between_cjk(text: str) -> str:
    return _CJK_SPACE.sub("", text) if " " in text else text


# ---------------------------------------------------------------------------------------------
# 2. running headers, footers and page numbers


def remove_page_furniture(pages: list[PageLayout]) -> None:
    """Drop running headers, footers and page numbers from every page (in place)."""
    def in_band(page: PageLayout, run: Run) -> bool:
        return run.bottom <= page.height * HEADER_BAND or run.top >= page.height * (1 - HEADER_BAND)

    def key(run: Run) -> str:
        return re.sub(r"\d+", "#", run.text.replace(" ", ""))

    seen = Counter()
    for page in pages:
        seen.update({key(r) for r in page.runs if in_band(page, r)})
    repeated = {k for k, n in seen.items() if n >= 2 and n >= 0.3 * len(pages)}
    for page in pages:
        page.runs = [r for r in page.runs
                     if not (in_band(page, r) and (_PAGE_NUMBER.match(r.text) or key(r) in repeated))]


# ---------------------------------------------------------------------------------------------
# 3. columns and reading order


@dataclass(slots=True)
class Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    indent_spaces: bool
    page: int
    band: int = 0        # bands are cut by tables and by titles crossing the gutter
    column: int = 0      # 0 left (or the only column), 1 right, 2 across both
    two_column: bool = False

    @property
    def flow(self) -> tuple[int, int, int]:
        return self.page, self.band, self.column


@dataclass(slots=True)
class TableItem:
    block: TableBlock
    page: int


def reading_order(page: PageLayout) -> list[Line | TableItem]:
    """The page's lines and tables in the order a person reads them."""
    gutter = _gutter(page.runs)
    cuts: list[tuple[float, TableBlock | Run]] = [(t.top, t) for t in page.tables]
    in_columns: list[Run] = []
    for run in page.runs:
        if gutter is None or run.x1 <= gutter or run.x0 >= gutter:
            in_columns.append(run)
        else:
            cuts.append((run.top, run))
    cuts.sort(key=lambda item: item[0])
    tops = [top for top, _ in cuts]
    bands: list[tuple[list[Run], list[Run]]] = [([], []) for _ in range(len(cuts) + 1)]
    for run in in_columns:
        right = gutter is not None and run.x0 >= gutter
        bands[_band_of(tops, run.top)][1 if right else 0].append(run)
    two = gutter is not None
    items: list[Line | TableItem] = []
    for b, (left, right) in enumerate(bands):
        items.extend(_lines(left, page.number, b, 0, two))
        items.extend(_lines(right, page.number, b, 1, two))
        if b < len(cuts):
            thing = cuts[b][1]
            if isinstance(thing, TableBlock):
                items.append(TableItem(thing, page.number))
            else:
                items.extend(_lines([thing], page.number, b, 2, two))
    return items


def _band_of(tops: list[float], top: float) -> int:
    band = 0
    while band < len(tops) and tops[band] <= top:
        band += 1
    return band


def _gutter(runs: list[Run]) -> float | None:
    """x of the gap between two columns, or None for a one-column page."""
    if len(runs) < 6:
        return None
    left_edge = min(r.x0 for r in runs)
    right_edge = max(r.x1 for r in runs)
    width = right_edge - left_edge
    if width <= 0:
        return None
    narrow = [r for r in runs if r.x1 - r.x0 < 0.6 * width]
    lo, hi = left_edge + 0.3 * width, left_edge + 0.7 * width
    spans = sorted((r.x0, r.x1) for r in narrow if r.x1 > lo and r.x0 < hi)
    best, best_width, cursor = None, 0.0, lo
    for x0, x1 in spans + [(hi, hi)]:
        if x0 > cursor and x0 - cursor > best_width:
            best, best_width = (cursor + x0) / 2, x0 - cursor
        cursor = max(cursor, x1)
    size = sorted(r.size for r in runs)[len(runs) // 2]
    if best is None or best_width < max(0.8 * size, 6.0):
        return None
    left = [r for r in narrow if r.x1 <= best]
    right = [r for r in narrow if r.x0 >= best]
    if len(left) < 3 or len(right) < 3:
        return None
    margin = min(r.x0 for r in right)
    aligned = sum(1 for r in right if r.x0 <= margin + 2.5 * size)
    overlap = min(max(r.bottom for r in left), max(r.bottom for r in right)) - \
        max(min(r.top for r in left), min(r.top for r in right))
    if aligned < 0.6 * len(right) or overlap < 3 * size:
        return None
    return best


def _lines(runs: list[Run], page: int, band: int, column: int, two_column: bool) -> list[Line]:
    """Runs of one column merged row by row into lines, top to bottom."""
    rows: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (r.top, r.x0)):
        if rows and abs(run.middle - rows[-1][0].middle) < 0.4 * max(run.size, rows[-1][0].size):
            rows[-1].append(run)
        else:
            rows.append([run])
    lines = []
    for row in rows:
        row.sort(key=lambda r: r.x0)
        lines.append(Line(text=" ".join(r.text for r in row), x0=row[0].x0, top=min(r.top for r in row),
                          x1=max(r.x1 for r in row), bottom=max(r.bottom for r in row),
                          size=max(r.size for r in row), indent_spaces=row[0].indent_spaces, page=page,
                          band=band, column=column, two_column=two_column))
    return lines


# ---------------------------------------------------------------------------------------------
# 4-5. paragraphs, continued tables, the text and its page starts


class _Margins:
    """Left and right edge of the text a line belongs to: its column's on a two-column page, its
    page's when the page's lines agree on a right edge (a narrow text block), else the document's."""

    def __init__(self, items: list[Line | TableItem]):
        lines = [i for i in items if isinstance(i, Line)]
        single = [ln for ln in lines if not ln.two_column]
        self.default = _edges(single or lines)
        groups: dict[tuple[int, int], list[Line]] = {}
        for ln in lines:
            if ln.column < 2:
                groups.setdefault((ln.page, ln.column), []).append(ln)
        self.blocks = {}
        for key, group in groups.items():
            edges = _edges(group)
            if len(group) >= 4 and _aligned_right(group, edges[1]):
                self.blocks[key] = edges
        for (page, column), group in groups.items():  # a short column is as wide as its sibling
            sibling = self.blocks.get((page, 1 - column))
            if (page, column) not in self.blocks and sibling is not None and group[0].two_column:
                left = _edges(group)[0]
                self.blocks[(page, column)] = (left, left + sibling[1] - sibling[0])

    def of(self, line: Line) -> tuple[float, float]:
        return self.blocks.get((line.page, line.column), self.default)


def _aligned_right(lines: list[Line], right: float) -> bool:
    """Do enough lines end at `right` for it to be the edge of a block of text?"""
    size = sorted(ln.size for ln in lines)[len(lines) // 2]
    return sum(1 for ln in lines if abs(ln.x1 - right) <= 1.5 * size) >= 0.4 * len(lines)


def _edges(lines: list[Line]) -> tuple[float, float]:
    if not lines:
        return 0.0, 0.0
    lefts = Counter(round(ln.x0) for ln in lines)
    most = max(lefts.values())
    left = min(x for x, n in lefts.items() if n == most)
    rights = sorted(ln.x1 for ln in lines)
    return float(left), rights[int(0.9 * (len(rights) - 1))]


def _first_token_width(text: str, size: float) -> float:
    m = re.match(r"[A-Za-z0-9%.,\-]+", text)
    return len(m.group(0)) * 0.55 * size if m else size


def _continues(prev: Line, line: Line, margins: _Margins) -> bool:
    """Does `line` carry on the paragraph `prev` ended with?"""
    left, _ = margins.of(line)
    _, prev_right = margins.of(prev)
    size = prev.size
    if abs(line.size - prev.size) > 0.25 * size:
        return False
    if prev.x1 < prev_right - max(1.5 * size, _first_token_width(line.text, size) + 0.3 * size):
        return False  # the previous line ended short: its paragraph ended
    if line.indent_spaces or line.x0 > left + 0.8 * size or _HEADING_START.match(line.text):
        return False
    if line.flow == prev.flow and line.top - prev.bottom > 0.9 * size:
        return False  # a gap between paragraphs
    return True


class _TextBuilder:
    """Appends lines and continued paragraphs, and remembers where each page's text begins."""

    def __init__(self, n_pages: int):
        self.parts: list[str] = []
        self.length = 0
        self.starts: list[int | None] = [None] * n_pages

    def new_line(self, text: str, page: int) -> None:
        self._add("\n" if self.parts else "", text, page)

    def carry_on(self, text: str, page: int) -> None:
        separator, drop = join_separator(self.parts[-1], text)
        if drop:
            self.parts[-1] = self.parts[-1][:-drop]
            self.length -= drop
        self._add(separator, text, page)

    def _add(self, separator: str, text: str, page: int) -> None:
        if separator:
            self.parts.append(separator)
            self.length += len(separator)
        if self.starts[page] is None:
            self.starts[page] = self.length
        self.parts.append(text)
        self.length += len(text)

    def result(self) -> tuple[str, tuple[int, ...]]:
        starts = list(self.starts)
        following = self.length
        for i in range(len(starts) - 1, -1, -1):  # a page without text starts where the next one does
            if starts[i] is None:
                starts[i] = following
            following = starts[i]
        return "".join(self.parts), tuple(starts)


def compose(pages: list[PageLayout]) -> tuple[str, tuple[int, ...]]:
    """The document's text (paragraphs and table rows, one per line) and each page's start."""
    items: list[Line | TableItem] = []
    for page in pages:
        items.extend(reading_order(page))
    items = _drop_continued_captions(items)
    margins = _Margins(items)
    out = _TextBuilder(len(pages))
    prev: Line | TableItem | None = None
    first_part: FlatTable | None = None  # the part of a table that began with its header
    for item in items:
        if isinstance(item, TableItem):
            table = item.block.table
            if isinstance(prev, TableItem) and first_part is not None and _continued(first_part, table, prev, item):
                rows = table.body if table.header_rows == first_part.header_rows else table.all_rows
            else:
                rows, first_part = table.lines(), table
            for row in rows:
                out.new_line(row, item.page)
        elif isinstance(prev, Line) and _continues(prev, item, margins):
            out.carry_on(item.text, item.page)
        else:
            out.new_line(item.text, item.page)
        prev = item
    return out.result()


def _continued(first: FlatTable, second: FlatTable, prev: TableItem, item: TableItem) -> bool:
    """A table right after a table on the page before, with as many columns, continues it."""
    return item.page == prev.page + 1 and second.n_cols == first.n_cols


def _drop_continued_captions(items: list[Line | TableItem]) -> list[Line | TableItem]:
    """A 续表 caption between the two parts of a table split by a page break goes."""
    out: list[Line | TableItem] = []
    for i, item in enumerate(items):
        if (isinstance(item, Line) and i + 1 < len(items) and isinstance(items[i + 1], TableItem)
                and out and isinstance(out[-1], TableItem) and _CONTINUED_TABLE.match(item.text.replace(" ", ""))):
            continue
        out.append(item)
    return out

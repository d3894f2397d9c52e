"""HTML pages: the text of the article, one block per line, table cells joined by a TAB.

Block elements end a line, cells of a table row are joined by a TAB, inline elements vanish
without adding spaces, entities are decoded, NBSP / U+3000 become spaces, runs of spaces
collapse, lines are stripped and empty lines dropped. Navigation noise (script, style, nav,
header, footer, aside, noscript, and elements whose class/id says nav/menu/footer/breadcrumb/
share/sidebar) is dropped. A source line break between two CJK characters is removed (CSS
segment-break rule) instead of becoming a space. Chinese characters and punctuation are never
changed otherwise.
"""
from __future__ import annotations

import re
from functools import partial

from selectolax.lexbor import LexborHTMLParser

from .base import Reading
from .text import markdown_inline

_NL = "\ufdd0"    # block boundary marker (a Unicode noncharacter: never in real text)
_CELL = "\ufdd1"  # table-cell boundary marker

_NOISE_TAGS = ["script", "style", "nav", "header", "footer", "aside", "noscript",
               "template", "iframe", "svg", "select", "button", "object", "embed"]
_NOISE_TAG_SELECTOR = ",".join(_NOISE_TAGS)
_NOISE_WORDS = ("nav", "menu", "footer", "breadcrumb", "crumb", "share", "sidebar", "side-bar", "side_bar")
_NOISE_SELECTOR = ", ".join(f'[{attr}*="{w}" i]' for w in _NOISE_WORDS for attr in ("class", "id"))
_NOISE_RE = re.compile("|".join(re.escape(w) for w in _NOISE_WORDS), re.I)
_NOT_NOISE_RE = re.compile(r"unavailab", re.I)
_KEEP_TAGS = frozenset({"html", "body", "main", "article", "head"})

_BLOCK_TAGS = ("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section",
               "article", "blockquote", "ul", "ol", "dl", "dt", "dd", "pre", "hr", "figure",
               "figcaption", "caption", "main", "center", "address", "fieldset", "legend",
               "details", "summary", "form", "tbody", "thead", "tfoot")
_BLOCK_SELECTOR = ",".join(_BLOCK_TAGS)
_IN_CELL_SELECTOR = ":is(td,th) :is(" + ",".join(
    b for b in _BLOCK_TAGS if b not in ("tr", "tbody", "thead", "tfoot")) + ")"
_SMALL_CELL_CHARS = 300  # blocks inside a cell up to this size are joined by spaces (a data table)

_CJK = "\u2e80-\u2fff\u3001-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_SPACES_NL = re.compile(" +\n")
_NEWLINE_RUN = re.compile("\n[ \n]*")
_SPACE_RUN = re.compile("  +")
HTML_WS = re.compile(r"[ \t\n\r\f\v\u00a0\u3000]+")
_CELL_SPACES = re.compile(f" *{_CELL} *")
_MD_PARAGRAPH = re.compile(r"\n[ \t\r\f]*\n")
_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype|html|head|body|meta)\b", re.I | re.S)
_HTML_BODY_START = re.compile(r"\A\s*<(?:[a-zA-Z][a-zA-Z0-9]*|!--)", re.S)


def _remove_noise(tree: LexborHTMLParser) -> None:
    # One query for all noise tags (strip_tags walks the tree once per tag). Detaching
    # (recursive=False) frees nothing, so nodes nested in a removed one stay valid.
    for node in tree.css(_NOISE_TAG_SELECTOR):
        node.decompose(recursive=False)
    candidates = tree.css(_NOISE_SELECTOR)
    if not candidates:
        return
    body_len: int | None = None
    for node in candidates:
        if node.tag in _KEEP_TAGS:
            continue
        value = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if not _NOISE_RE.search(_NOT_NOISE_RE.sub("", value)):
            continue
        size = len(node.text())
        if size > 1000:  # never let a mis-named wrapper take the article with it
            if body_len is None:
                body = tree.body
                body_len = len(body.text()) if body is not None else 0
            if size > 0.3 * body_len:
                continue
        node.decompose(recursive=False)


def _mark_blocks(root) -> None:
    # <pre>: keep its line breaks
    for pre in root.css("pre"):
        texts = [n for n in pre.traverse(include_text=True) if n.is_text_node]
        for node in texts:
            value = node.text()
            if "\n" in value:
                node.replace_with(value.replace("\r\n", "\n").replace("\n", _NL))
    # blocks inside small table cells are joined by spaces so a row stays one line
    cell_small: dict[int, bool] = {}
    in_small_cell: set[int] = set()
    cells = root.css("td,th")
    for node in root.css(_IN_CELL_SELECTOR) if cells else ():
        parent = node.parent
        while parent is not None and parent.tag not in ("td", "th"):
            parent = parent.parent
        if parent is None:
            continue
        small = cell_small.get(parent.mem_id)
        if small is None:
            small = len(parent.text()) <= _SMALL_CELL_CHARS
            cell_small[parent.mem_id] = small
        if small:
            in_small_cell.add(node.mem_id)
    for node in root.css(_BLOCK_SELECTOR):
        if in_small_cell and node.mem_id in in_small_cell:
            node.insert_before(" ")
            node.insert_after(" ")
        else:
            node.insert_before(_NL)
            node.insert_after(_NL)
    for node in cells:
        node.insert_before(_CELL)


def _segment_break(text: str, m: re.Match) -> str:
    """A source line break is a space, except between two CJK characters (CSS Text 3)."""
    i, j = m.start(), m.end()
    if i > 0 and j < len(text) and _CJK_CHAR.match(text, i - 1) and _CJK_CHAR.match(text, j):
        return ""
    return " "


def _html_text(raw: str, markdown_paragraphs: bool = False) -> str:
    """Text of an HTML body under the rules in the module docstring.

    With `markdown_paragraphs` (the HTML body of a Markdown post), a blank line in the
    source text also ends a paragraph, as a Markdown renderer would make it.
    """
    text = _MD_PARAGRAPH.sub(_NL, raw) if markdown_paragraphs else raw
    # all HTML whitespace becomes ' ' or '\n' (str.replace is much faster than one regex)
    for ch in "\t\r\f\v\u00a0\u3000":
        if ch in text:
            text = text.replace(ch, " ")
    if "\n" in text:
        text = _SPACES_NL.sub("\n", text)
        text = _NEWLINE_RUN.sub(partial(_segment_break, text), text)
    text = _SPACE_RUN.sub(" ", text)
    has_cells = _CELL in text
    if has_cells:
        text = _CELL_SPACES.sub(_CELL, text)
    out = []
    for line in text.split(_NL):
        if has_cells and _CELL in line:
            line = line.strip(" ").removeprefix(_CELL).rstrip(_CELL).replace(_CELL, "\t")
        else:
            line = line.strip(" ")
        if line and not line.isspace():
            out.append(line)
    return "\n".join(out)


def parse_html(source: str, markdown_post: bool = False) -> tuple[str, str | None]:
    """Return (normalised body text, <title>).

    `markdown_post`: the HTML is the body of a Jekyll/Hexo Markdown post, so blank lines
    end paragraphs and Markdown links/images/bold left in the text are reduced to text.
    """
    if _NL in source or _CELL in source:
        source = source.replace(_NL, "").replace(_CELL, "")
    tree = LexborHTMLParser(source)
    title_node = tree.css_first("title")
    title = None
    if title_node is not None:
        title = HTML_WS.sub(" ", title_node.text()).strip() or None
    _remove_noise(tree)
    body = tree.body
    if body is None:
        return "", title
    _mark_blocks(body)
    text = _html_text(body.text(), markdown_paragraphs=markdown_post)
    if markdown_post:
        text = markdown_inline(text)
    return text, title


def body_is_html(body: str) -> bool:
    """The body of a front-matter post is HTML (not Markdown)."""
    if _HTML_BODY_START.match(body):
        return True
    lower = body.lower()
    tags = lower.count("</p>") + lower.count("<br") + lower.count("</div>")
    return tags > 0 and tags >= body.count("\n")


class HtmlReader:
    """An .html/.htm file, or any text file that starts like an HTML document."""

    name = "html"

    def claims(self, text: str, suffix: str) -> bool:
        return suffix in (".html", ".htm") or bool(_HTML_START.match(text))

    def read_text(self, text: str, suffix: str) -> Reading:
        body_text, title = parse_html(text)
        return Reading(format="html", text=body_text, html_title=title)

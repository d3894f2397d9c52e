"""HTML pages: the text of the article, one block per line, table cells joined by a TAB.

Block elements end a line, cells of a table row are joined by a TAB, inline elements vanish
without adding spaces, entities are decoded, NBSP / U+3000 become spaces, runs of spaces
collapse, lines are stripped and empty lines dropped. Navigation noise (script, style, nav,
header, footer, aside, noscript, and elements whose class/id says nav/menu/footer/breadcrumb/
share/sidebar) is dropped. A source line break between two CJK characters is removed (CSS
segment-break rule) instead of becoming a space. Chinese characters and punctuation are never
changed otherwise.

Hostile pages are read in time linear in their size. The HTML5 tree builder does work in
proportion to the depth of the open elements for every block start tag, and to the number of
options for every <option> of a <select>, so a few MB of `<div>` or of options would take hours:
`limit_nesting` drops start tags nested deeper than `MAX_NESTING` (a block tag becomes a line
break, so the text keeps its lines) and a page with thousands of options has its <select>
parsed as an ordinary (noise) element. Everything after parsing walks the tree once or looks up
at most `MAX_NESTING` ancestors per node.
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
               "template", "iframe", "svg", "select", "button", "object", "embed", "x-select"]
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
_XML_DECLARATION = re.compile(r"<\?xml[^<>]*>")
_DOCUMENT_TAG = re.compile(r"<(?:!doctype|html|head|body|meta)\b", re.I)
_HTML_BODY_START = re.compile(r"\A\s*<(?:[a-zA-Z][a-zA-Z0-9]*|!--)", re.S)


# ---- bounding the tree builder's work --------------------------------------------------------

MAX_NESTING = 256       # elements open at once; real pages stay under 100
MAX_TABLE_NESTING = 32  # tables inside tables (a cell's text is measured once per enclosing cell)
MAX_OPTIONS = 1000      # <option>s in a page before its <select>s are read as plain elements
_TAG = re.compile(r"<(?:(!--)|(/?)([A-Za-z][^\t\n\f\r />]*))")
_RAW_TEXT_END = {name: re.compile(f"</{name}[\\t\\n\\f\\r />]", re.I) for name in
                 ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript")}
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen frame "
                  "basefont bgsound image".split())
_OPTIONAL_END = frozenset("p li dt dd tr td th option optgroup rb rt rp rtc thead tbody tfoot colgroup "
                          "caption html head body".split())
_FOREIGN = frozenset(("svg", "math"))
# HTML tags that end an <svg>/<math> context (HTML5 "breakout" start tags)
_BREAKOUT = frozenset("b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i "
                      "img li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt "
                      "u ul var".split())
_BLOCK_NAMES = frozenset(_BLOCK_TAGS)
_SELECT = re.compile(r"<(/?)select\b", re.I)
_OPTION = re.compile(r"<option\b", re.I)


def limit_nesting(source: str) -> str:
    """`source` with every start tag that would open an element deeper than MAX_NESTING removed
    (a block tag is replaced by <br>). One pass; comments and raw-text elements are skipped."""
    if source.count("<") <= MAX_NESTING:
        return source
    pieces: list[str] = []
    keep_from = pos = depth = foreign = tables = 0
    while (m := _TAG.search(source, pos)) is not None:
        if m.group(1):  # a comment: skip to its end (unclosed: the rest is a comment)
            end = source.find("-->", m.end())
            if end < 0:
                break
            pos = end + 3
            continue
        name = m.group(3).lower()
        if m.group(2):  # an end tag
            pos = m.end()
            if name not in _VOID and name not in _OPTIONAL_END and depth:
                depth -= 1
                if name in _FOREIGN and foreign:
                    foreign -= 1
                elif name == "table" and tables:
                    tables -= 1
            continue
        end = source.find(">", m.end())
        end = len(source) if end < 0 else end + 1
        if name in _RAW_TEXT_END:  # its content is text, not tags
            closing = _RAW_TEXT_END[name].search(source, end)
            if closing is None:
                break
            pos = closing.end()
            continue
        pos = end
        if foreign and name in _BREAKOUT:
            foreign = 0
        if name in _VOID or name in _OPTIONAL_END or (foreign and source[end - 2:end] == "/>"):
            continue
        if depth >= MAX_NESTING or (name == "table" and tables >= MAX_TABLE_NESTING):
            pieces.append(source[keep_from:m.start()])
            if name in _BLOCK_NAMES:
                pieces.append("<br>")
            keep_from = end
            continue
        depth += 1
        if name in _FOREIGN:
            foreign += 1
        elif name == "table":
            tables += 1
    if not pieces:
        return source
    pieces.append(source[keep_from:])
    return "".join(pieces)


def _plain_selects(source: str) -> str:
    """Thousands of options make the tree builder quadratic inside <select>; as a plain (noise)
    element its options are read in linear time and removed all the same."""
    if source.count("<") < MAX_OPTIONS or len(_OPTION.findall(source)) <= MAX_OPTIONS:
        return source
    return _SELECT.sub(r"<\1x-select", source)


def _remove_noise(tree: LexborHTMLParser) -> None:
    # One query for all noise tags (strip_tags walks the tree once per tag). Detaching
    # (recursive=False) frees nothing, so nodes nested in a removed one stay valid.
    for node in tree.css(_NOISE_TAG_SELECTOR):
        node.decompose(recursive=False)
    candidates = tree.css(_NOISE_SELECTOR)
    if not candidates:
        return
    body_len: int | None = None
    removed: set[int] = set()
    for node in candidates:  # outer before inner: what is inside a removed node goes with it
        if node.tag in _KEEP_TAGS or _has_ancestor_in(node, removed):
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
        removed.add(node.mem_id)
        node.decompose(recursive=False)


def _mark_blocks(root) -> None:
    # <pre>: keep its line breaks (outermost <pre>s only: a nested one is inside their walk)
    for pre in root.css("pre"):
        if _inside(pre, "pre"):
            continue
        texts = [n for n in pre.traverse(include_text=True) if n.is_text_node]
        for node in texts:
            value = node.text()
            if "\n" in value:
                node.replace_with(value.replace("\r\n", "\n").replace("\n", _NL))
    # blocks inside small table cells are joined by spaces so a row stays one line
    cell_small: dict[int, bool] = {}
    in_small_cell: set[int] = set()
    cells = root.css("td,th")
    nearest_cell: dict[int, object] = {}  # mem_id of a node → its nearest td/th (None: none), memoised
    for node in root.css(_IN_CELL_SELECTOR) if cells else ():
        parent = _cell_of(node, nearest_cell)
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


def _has_ancestor_in(node, mem_ids: set[int]) -> bool:
    if not mem_ids:
        return False
    parent = node.parent
    while parent is not None:
        if parent.mem_id in mem_ids:
            return True
        parent = parent.parent
    return False


def _inside(node, tag: str) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False


def _cell_of(node, nearest: dict[int, object]):
    """The nearest td/th above `node`; every node passed on the way remembers it, so all the nodes
    of a page are looked up in time linear in the page."""
    path = []
    parent = node.parent
    found = None
    while parent is not None:
        if parent.tag in ("td", "th"):
            found = parent
            break
        if parent.mem_id in nearest:
            found = nearest[parent.mem_id]
            break
        path.append(parent.mem_id)
        parent = parent.parent
    for mem_id in path:
        nearest[mem_id] = found
    return found


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
    text = _SPACE_RUN.sub(" ", text)  # first: " +\n" on a long run of spaces is quadratic
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
    tree = LexborHTMLParser(_plain_selects(limit_nesting(source)))
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


def starts_like_html(text: str) -> bool:
    """The text opens like an HTML document (an XML declaration and comments may come first)."""
    pos = len(text) - len(text.lstrip())
    m = _XML_DECLARATION.match(text, pos)
    if m:
        pos = m.end()
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if not text.startswith("<!--", pos):
            break
        end = text.find("-->", pos + 4)
        if end < 0:
            return False
        pos = end + 3
    return bool(_DOCUMENT_TAG.match(text, pos))


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
        return suffix in (".html", ".htm") or starts_like_html(text)

    def read_text(self, text: str, suffix: str) -> Reading:
        body_text, title = parse_html(text)
        return Reading(format="html", text=body_text, html_title=title)

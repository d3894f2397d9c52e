"""Read raw documents: decode, recognise the format, normalise to one text, or reject.

Public API
----------
`read_document(path)`   one file  -> ParsedDocument | Rejection
`parse_bytes(data, name)` bytes   -> ParsedDocument | Rejection
`scan_folder(folder)`   a folder (recursive, sorted) -> iterator of both, with duplicates rejected

Nothing here raises for bad input: every file that cannot become a document comes
back as a `Rejection` whose `reason` tells a person what to do about it.

The normalised `text` is what every fact's character span points into, so the
rules below are deterministic and must only change together with
`planextract.model.EXTRACTOR_VERSION`:

* HTML: block elements end a line, cells of a table row are joined by a TAB,
  inline elements vanish without adding spaces, entities are decoded,
  NBSP / U+3000 become spaces, runs of spaces collapse, lines are stripped and
  empty lines dropped. Navigation noise (script, style, nav, header, footer,
  aside, noscript, and elements whose class/id says nav/menu/footer/breadcrumb/
  share/sidebar) is dropped. A source line break between two CJK characters is
  removed (CSS segment-break rule) instead of becoming a space.
* Plain text: CR LF / CR -> LF, BOM removed, NBSP / U+3000 -> space, trailing
  spaces stripped, TABs kept, runs of blank lines collapsed to one empty line.
* Chinese characters and punctuation are never changed otherwise (no
  full-width -> ASCII, no traditional -> simplified).
"""
from __future__ import annotations

import hashlib
import html as _html
import json
import os
import re
from collections.abc import Iterator
from datetime import date, datetime
from functools import partial
from pathlib import Path

import frontmatter
import yaml
from charset_normalizer import from_bytes
from selectolax.lexbor import LexborHTMLParser

from planextract.model import ParsedDocument, Rejection

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "parse_bytes",
    "read_document",
    "scan_folder",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Files that scan_folder ignores silently besides dot-files (operating-system litter).
_IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini"})

# ---------------------------------------------------------------------------
# rejections
# ---------------------------------------------------------------------------

# (magic prefix, what it is, what to do) — checked before the NUL-byte test.
_MAGIC = (
    (b"%PDF-", "a PDF", "convert it to text (for example with pdftotext) and save it as .txt"),
    (b"PK\x03\x04", "a ZIP archive (also .docx/.xlsx/.pptx)",
     "if it is a Word or Excel file, save it as .txt or .html; otherwise unpack it"),
    (b"PK\x05\x06", "an empty ZIP archive", "remove it"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls/.ppt)",
     "save it as .txt or .html"),
    (b"{\\rtf", "an RTF document", "save it as .txt or .html"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "run OCR on it or find the text version"),
    (b"\xff\xd8\xff", "a JPEG image", "run OCR on it or find the text version"),
    (b"GIF87a", "a GIF image", "find the text version"),
    (b"GIF89a", "a GIF image", "find the text version"),
    (b"II*\x00", "a TIFF image", "run OCR on it or find the text version"),
    (b"MM\x00*", "a TIFF image", "run OCR on it or find the text version"),
    (b"\x1f\x8b", "a gzip archive", "unpack it"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it"),
    (b"Rar!\x1a\x07", "a RAR archive", "unpack it"),
    (b"\x7fELF", "an executable (ELF)", "remove it"),
    (b"MZ", "a Windows executable", "remove it"),
    (b"SQLite format 3\x00", "an SQLite database", "remove it"),
)

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)


def _human(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} bytes"


def _reject(source_file: str, content_hash: str | None, size: int, code: str, reason: str) -> Rejection:
    return Rejection(source_file=source_file, content_hash=content_hash, byte_size=size,
                     reason_code=code, reason=reason)


def _unsupported(source_file: str, content_hash: str | None, size: int) -> Rejection:
    suffix = Path(source_file).suffix or "(no extension)"
    return _reject(
        source_file, content_hash, size, "unsupported_extension",
        f"File extension {suffix} is not supported; supported extensions are "
        f"{', '.join(SUPPORTED_SUFFIXES)}. Convert the file to text or HTML and save it "
        f"with one of those extensions.",
    )


def _too_large(source_file: str, content_hash: str | None, size: int, max_bytes: int) -> Rejection:
    return _reject(
        source_file, content_hash, size, "too_large",
        f"File is {_human(size)} ({size:,} bytes), over the limit of {_human(max_bytes)} "
        f"({max_bytes:,} bytes). Split the document, or raise the limit by passing a larger "
        f"max_bytes to read_document/parse_bytes/scan_folder.",
    )


def _supported(name: str) -> bool:
    return name.lower().endswith(SUPPORTED_SUFFIXES)


# ---------------------------------------------------------------------------
# decoding
# ---------------------------------------------------------------------------

_NUL = b"\x00"
_BAD_CHARS = re.compile("[\ufffd\ufdd0-\ufdef\ufffe\uffff]")


def _decode(data: bytes) -> tuple[str, str] | None:
    """Decide the encoding from the bytes alone (declared charsets are ignored).

    strict UTF-8 (utf-8-sig when it has a BOM) -> strict GB18030 -> charset-normalizer
    with a low chaos score. Returns (text, encoding) or None.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.1:
        return None
    encoding = best.encoding.replace("_", "-")
    if encoding.startswith(("utf-16", "utf-32")):  # without a BOM that is never right here
        return None
    text = str(best)
    if _BAD_CHARS.search(text):
        return None
    return text, encoding


def _decode_utf16_32(data: bytes) -> tuple[str, str] | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                return None
            if _BAD_CHARS.search(text):
                return None
            return text, name
    return None


# ---------------------------------------------------------------------------
# plain text and markdown
# ---------------------------------------------------------------------------

_SPACE_TRANS = str.maketrans({"\u00a0": " ", "\u3000": " ", "\x0b": "\n", "\x0c": "\n"})
_BLANK_RUNS = re.compile(r"\n(?:[ ]*\n)+")


def _normalise_plain(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACE_TRANS)
    lines = [line.rstrip(" ") for line in text.split("\n")]
    text = "\n".join(lines)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip("\n")


_MD_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$|^[ ]{0,3}#{1,6}[ \t]*$", re.M)
_MD_SETEXT = re.compile(r"^[ ]{0,3}(?:=+|-{2,})[ \t]*$", re.M)
_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_MD_REFLINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_MD_LINKDEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]+\S+.*$", re.M)
_MD_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_MD_BOLD = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_MD_BR = re.compile(r"<br\s*/?>", re.I)
_MD_INLINE_TAG = re.compile(r"</?(?:a|span|strong|em|b|i|u|font|sup|sub|small|big|mark|ins|del|img)\b[^>]*>", re.I)
_MD_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _md_table_row(line: str) -> str:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return "\t".join(cell.strip() for cell in inner.split("|"))


def _md_inline(text: str) -> str:
    """Reduce Markdown images, links and bold marks to their text."""
    if "](" in text or "][" in text:
        text = _MD_IMAGE.sub(r"\1", text)
        text = _MD_LINK.sub(r"\1", text)
        text = _MD_REFLINK.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _MD_BOLD.sub("", text)
    return text


def _normalise_markdown(text: str) -> str:
    text = _normalise_plain(text)
    text = _MD_BR.sub("\n", text)
    text = _MD_INLINE_TAG.sub("", text)
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_REFLINK.sub(r"\1", text)
    text = _MD_LINKDEF.sub("", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_HEADING.sub(lambda m: m.group(1) or "", text)
    text = _MD_SETEXT.sub("", text)
    text = _MD_BOLD.sub("", text)
    text = _MD_ENTITY.sub(lambda m: _html.unescape(m.group(0)), text)
    out = []
    for line in text.split("\n"):
        if line.lstrip().startswith("|") and line.rstrip().endswith("|") and line.count("|") >= 2:
            if _MD_TABLE_SEP.match(line):
                continue
            line = _md_table_row(line)
        out.append(line.translate(_SPACE_TRANS).rstrip(" "))
    return _BLANK_RUNS.sub("\n\n", "\n".join(out)).strip("\n")


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

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
_HTML_WS = re.compile(r"[ \t\n\r\f\v\u00a0\u3000]+")
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


def _parse_html(source: str, markdown_post: bool = False) -> tuple[str, str | None]:
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
        title = _HTML_WS.sub(" ", title_node.text()).strip() or None
    _remove_noise(tree)
    body = tree.body
    if body is None:
        return "", title
    _mark_blocks(body)
    text = _html_text(body.text(), markdown_paragraphs=markdown_post)
    if markdown_post:
        text = _md_inline(text)
    return text, title


# ---------------------------------------------------------------------------
# front matter
# ---------------------------------------------------------------------------

_YAML_HANDLER = frontmatter.YAMLHandler()
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # every scalar stays the original string
_KV = re.compile(r"^([A-Za-z_][\w\-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_ITEM = re.compile(r"^[ \t]+-[ \t]*(.*?)[ \t]*$|^-[ \t]+(.*?)[ \t]*$")


def _split_front_matter(text: str) -> tuple[str, str] | None:
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped.startswith("---") or not _YAML_HANDLER.detect(stripped):
        return None
    try:
        fm, body = _YAML_HANDLER.split(stripped)
    except ValueError:  # no closing ---
        return None
    return fm, body


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _tolerant_front_matter(fm: str) -> dict:
    """key: value lines and '- item' lists, for front matter YAML cannot parse."""
    result: dict[str, object] = {}
    last = None
    for line in fm.splitlines():
        item = _ITEM.match(line)
        if item and last is not None:
            value = _unquote(item.group(1) if item.group(1) is not None else item.group(2))
            prev = result.get(last)
            if isinstance(prev, list):
                prev.append(value)
            else:
                result[last] = [value] if not prev else [prev, value]
            continue
        kv = _KV.match(line)
        if kv:
            last = kv.group(1)
            result[last] = _unquote(kv.group(2))
    return result


def _as_str(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(_as_str(v) for v in value if v is not None and _as_str(v) != "")
    if isinstance(value, dict):
        return json.dumps({str(k): _as_str(v) for k, v in value.items()}, ensure_ascii=False)
    return str(value)


def _load_front_matter(fm: str) -> dict[str, str]:
    try:
        loaded = _YAML_HANDLER.load(fm, Loader=_LOADER)
    except Exception:  # any YAML error: fall back to a tolerant reading
        loaded = None
    if not isinstance(loaded, dict):
        loaded = _tolerant_front_matter(fm)
    return {str(k): _as_str(v) for k, v in loaded.items()}


def _body_is_html(body: str) -> bool:
    if _HTML_BODY_START.match(body):
        return True
    lower = body.lower()
    tags = lower.count("</p>") + lower.count("<br") + lower.count("</div>")
    return tags > 0 and tags >= body.count("\n")


# ---------------------------------------------------------------------------
# format
# ---------------------------------------------------------------------------

_NOTICE_MARKERS = re.compile(
    r"索引号|文\s*号|发布机构|成文日期|发布日期|印发日期|〔\s*\d{4}\s*〕\s*\d+\s*号|人民政府|通知|意见|办法|规划|方案"
)


def _build(text: str, suffix: str) -> tuple[str, str, dict, str | None]:
    """Return (format, normalised text, front matter, html title)."""
    if "\x00" in text:  # only reachable through UTF-16/32 text
        text = text.replace("\x00", "")
    split = _split_front_matter(text)
    if split is not None:
        fm_text, body = split
        fm = _load_front_matter(fm_text)
        html_title = None
        if _body_is_html(body):
            body_text, html_title = _parse_html(body, markdown_post=True)
        else:
            body_text = _normalise_markdown(body)
        title = _HTML_WS.sub(" ", fm.get("title", "")).strip()
        if not body_text.strip():
            return "front_matter_html", "", fm, html_title
        full = f"{title}\n{body_text}" if title else body_text
        return "front_matter_html", full, fm, html_title
    if suffix in (".html", ".htm") or _HTML_START.match(text):
        body_text, title = _parse_html(text)
        return "html", body_text, {}, title
    if suffix == ".md":
        return "markdown", _normalise_markdown(text), {}, None
    normalised = _normalise_plain(text)
    fmt = "notice_text" if _NOTICE_MARKERS.search(normalised, 0, 3000) else "plain_text"
    return fmt, normalised, {}, None


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------

def _parse(data: bytes, source_file: str, max_bytes: int, digest: str | None = None) -> ParsedDocument | Rejection:
    size = len(data)
    digest = digest or hashlib.sha256(data).hexdigest()
    if not _supported(source_file):
        return _unsupported(source_file, digest, size)
    if size > max_bytes:
        return _too_large(source_file, digest, size, max_bytes)
    if size == 0:
        return _reject(source_file, digest, 0, "empty",
                       "File is empty (0 bytes). Replace it with the document's text or remove it.")
    head = data[:64]
    for magic, what, todo in _MAGIC:
        if head.startswith(magic):
            return _reject(source_file, digest, size, "binary",
                           f"File is {what}, not text, although it is named {Path(source_file).suffix}; {todo}.")
    decoded = _decode_utf16_32(data)
    if decoded is None:
        if _NUL in data:
            return _reject(
                source_file, digest, size, "binary",
                f"File contains NUL bytes (first at byte {data.index(_NUL)}), so it is binary, not text. "
                f"Check what it really is and save the document's text as UTF-8 .txt or .html.")
        decoded = _decode(data)
    if decoded is None:
        return _reject(
            source_file, digest, size, "undecodable",
            "File could not be decoded as UTF-8, UTF-8 with BOM or GB18030, and charset detection found "
            "no plausible encoding. Re-save it as UTF-8 (or check that it is really a text file).")
    text, encoding = decoded
    try:
        fmt, normalised, fm, html_title = _build(text, Path(source_file).suffix.lower())
    except Exception as exc:  # defensive: a parser bug must not stop a folder scan
        return _reject(source_file, digest, size, "unreadable",
                       f"File could not be parsed ({type(exc).__name__}: {exc}); report this as a bug "
                       f"in planextract.documents with the file attached.")
    if not normalised.strip():
        what = {
            "front_matter_html": "only front matter and no body text",
            "html": "no text left after removing markup and navigation",
        }.get(fmt, "only whitespace")
        return _reject(source_file, digest, size, "empty",
                       f"File has {what}. Replace it with the full document or remove it.")
    return ParsedDocument(
        doc_id=digest[:16],
        source_file=source_file,
        content_hash=digest,
        byte_size=size,
        encoding=encoding,
        format=fmt,
        text=normalised,
        front_matter=fm,
        html_title=html_title,
    )


def parse_bytes(data: bytes, source_file: str, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedDocument | Rejection:
    """Parse the raw bytes of one file named `source_file` (its suffix picks the reader)."""
    return _parse(bytes(data), source_file, max_bytes)


def _unreadable(source_file: str, size: int, exc: OSError) -> Rejection:
    return _reject(source_file, None, size, "unreadable",
                   f"File could not be read ({type(exc).__name__}: {exc.strerror or exc}). "
                   f"Check that it exists, is a regular file and is readable.")


def _read(path: Path, source_file: str, max_bytes: int,
          seen: dict[str, str] | None = None) -> ParsedDocument | Rejection:
    try:
        size = path.stat().st_size
    except OSError as exc:
        return _unreadable(source_file, 0, exc)
    if size > max_bytes:  # do not read what we will not accept
        if not _supported(source_file):
            return _unsupported(source_file, None, size)
        return _too_large(source_file, None, size, max_bytes)
    try:
        data = path.read_bytes()
    except OSError as exc:
        if not _supported(source_file):
            return _unsupported(source_file, None, size)
        return _unreadable(source_file, size, exc)
    digest = hashlib.sha256(data).hexdigest()
    if seen is not None and digest in seen and _supported(source_file):
        return _reject(source_file, digest, len(data), "duplicate",
                       f"File has the same content (SHA-256 {digest[:16]}…) as {seen[digest]}, "
                       f"which was kept. Remove this copy.")
    result = _parse(data, source_file, max_bytes, digest)
    if seen is not None and isinstance(result, ParsedDocument):
        seen[digest] = source_file
    return result


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedDocument | Rejection:
    """Read one file; `source_file` is the file's name."""
    path = Path(path)
    return _read(path, path.name, max_bytes)


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.lower() in _IGNORED_NAMES


def scan_folder(folder: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ParsedDocument | Rejection]:
    """Every file under `folder` (recursive, sorted by relative path, hidden files and
    folders skipped silently) as a document or a rejection.

    `source_file` is the path relative to `folder` with '/' separators (just the file
    name for files directly in `folder`). A file whose bytes equal an earlier accepted
    document is rejected as `duplicate`, naming the first file. Raises
    NotADirectoryError only when `folder` itself is not a folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(f"document folder {folder} does not exist or is not a folder")
    entries: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        base = Path(dirpath)
        for name in filenames:
            if _hidden(name):
                continue
            path = base / name
            entries.append((path.relative_to(folder).as_posix(), path))
    entries.sort(key=lambda e: e[0])
    seen: dict[str, str] = {}
    for rel, path in entries:
        yield _read(path, rel, max_bytes, seen)

"""Plain text, notices and Markdown: line-level normalisation of decoded text.

* Plain text: CR LF / CR -> LF, BOM removed, forum markup ([b]…[/b], [align=center]) removed, NBSP / U+3000 -> space, trailing spaces stripped,
  TABs kept, runs of blank lines collapsed to one empty line. A plain text whose first 3000
  characters carry a notice's header words (索引号, 文号, 〔2021〕5号, 人民政府, 通知 …) is a
  `notice_text`, else `plain_text`.
* Markdown: the same, then headings, links, images, bold marks and inline HTML reduced to their
  text, and pipe tables turned into tab-separated rows.
"""
from __future__ import annotations

import html as _html
import re

from .base import Reading

_SPACE_TRANS = str.maketrans({"\u00a0": " ", "\u3000": " ", "\x0b": "\n", "\x0c": "\n"})
_BLANK_RUNS = re.compile(r"\n(?:[ ]*\n)+")

_NOTICE_MARKERS = re.compile(
    r"索引号|文\s*号|发布机构|成文日期|发布日期|印发日期|〔\s*\d{4}\s*〕\s*\d+\s*号|人民政府|通知|意见|办法|规划|方案"
)


# forum markup (BBCode) left in a copied page: [b]20[/b][b]2[/b] is 202, [/align] ends a paragraph
_BBCODE_TAG = re.compile(r"\[(/?)(b|i|u|s|align|color|font|size|url|img|quote|table|tr|td|p|list|backcolor|indent|"
                         r"hr|sup|sub|left|center|right)(?:=[^\[\]\n]{0,80})?\]", re.I)
_BBCODE_BLOCK_END = {"align", "p", "tr", "quote", "table", "list", "left", "center", "right"}


def strip_bbcode(text: str) -> str:
    """Forum markup removed, when a page carries enough of it to be forum markup (three tags or
    more: a lone [b] in running text is left alone); a closed block becomes a line break, a
    closed cell a TAB."""
    if len(_BBCODE_TAG.findall(text, 0, 20000)) < 3:
        return text

    def replace(m: re.Match) -> str:
        closing, tag = m.group(1), m.group(2).lower()
        if closing and tag in _BBCODE_BLOCK_END:
            return "\n"
        return "\t" if closing and tag == "td" else ""
    return _BBCODE_TAG.sub(replace, text)


def normalise_plain(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    text = strip_bbcode(text.replace("\r\n", "\n").replace("\r", "\n")).translate(_SPACE_TRANS)
    lines = [line.rstrip(" ") for line in text.split("\n")]
    text = "\n".join(lines)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip("\n")


# Every pattern below is linear in its input: no lazy group before a trailing [ \t]*$, and no
# bracket or tag that may run on past the next opening one (a 10 MB line of "![" or "<a" would
# otherwise be read in quadratic time).
_MD_HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t]+(.*))?$", re.M)
_MD_SETEXT = re.compile(r"^[ ]{0,3}(?:=+|-{2,})[ \t]*$", re.M)
_MD_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\([^()\n]*\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]+)\]\([^()\n]*\)")
_MD_REFLINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_MD_LINKDEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]+\S+.*$", re.M)
_MD_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
_MD_BOLD = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_MD_BR = re.compile(r"<br\s*/?>", re.I)
_MD_INLINE_TAG = re.compile(r"</?(?:a|span|strong|em|b|i|u|font|sup|sub|small|big|mark|ins|del|img)\b[^<>]*>", re.I)
_MD_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _heading_text(m: re.Match) -> str:
    """A heading's text without its closing #s (`## 标题 ##` → 标题)."""
    text = (m.group(1) or "").rstrip(" \t")
    closed = text.rstrip("#")
    if closed != text and closed and closed[-1] in " \t":
        text = closed.rstrip(" \t")
    return text


def _md_table_row(line: str) -> str:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return "\t".join(cell.strip() for cell in inner.split("|"))


def markdown_inline(text: str) -> str:
    """Reduce Markdown images, links and bold marks to their text."""
    if "](" in text or "][" in text:
        text = _MD_IMAGE.sub(r"\1", text)
        text = _MD_LINK.sub(r"\1", text)
        text = _MD_REFLINK.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _MD_BOLD.sub("", text)
    return text


def normalise_markdown(text: str) -> str:
    text = normalise_plain(text)
    text = _MD_BR.sub("\n", text)
    text = _MD_INLINE_TAG.sub("", text)
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_REFLINK.sub(r"\1", text)
    text = _MD_LINKDEF.sub("", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_HEADING.sub(_heading_text, text)
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


class MarkdownReader:
    """A .md file without front matter."""

    name = "markdown"

    def claims(self, text: str, suffix: str) -> bool:
        return suffix == ".md"

    def read_text(self, text: str, suffix: str) -> Reading:
        return Reading(format="markdown", text=normalise_markdown(text))


class PlainTextReader:
    """Everything else that decoded: a notice (header words near the top) or plain text."""

    name = "plain_text"

    def claims(self, text: str, suffix: str) -> bool:
        return True

    def read_text(self, text: str, suffix: str) -> Reading:
        normalised = normalise_plain(text)
        fmt = "notice_text" if _NOTICE_MARKERS.search(normalised, 0, 3000) else "plain_text"
        return Reading(format=fmt, text=normalised)

"""A matching copy of a document's text, with a map back to the original.

Rules are written for simplified characters and ASCII digits. Documents arrive
in traditional characters, with full-width digits, and sometimes with pinyin
glosses inserted after characters (萬(wàn)). We match on a normalised copy and
keep provenance on the original: `to_original(i)` maps an index in the copy to
the index in the document text, so every quote stays verbatim.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH.update({ord("．"): ".", ord("％"): "%", ord("＋"): "+", ord("－"): "-",
                   ord("～"): "~", ord("，"): "，", ord("／"): "/", ord("＊"): "*",
                   ord("Ａ"): "A", ord("Ｂ"): "B", ord("Ｃ"): "C", ord("Ｇ"): "G",
                   ord("Ｒ"): "R", ord("＆"): "&", ord("Ｄ"): "D", ord("\u3000"): " ",
                   ord("\u00a0"): " "})
# a pinyin gloss after a character: 萬(wàn), 長(zhǎng)
_GLOSS = re.compile(r"[\(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[\)）]")
_GLOSS_BEFORE = re.compile(r"[\(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[\)）]$")
_TONE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
# str.translate walks the text in Python-level dict lookups: run it only when a character needs it
_NEEDS_WIDTH = re.compile("[" + "".join(re.escape(chr(c)) for c in _FULLWIDTH if chr(c) != "，") + "]")
_DECIMAL_STOP = re.compile(r"(?<=\d)。(?=\d)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# text extracted from a PDF: 60132. 9 亿元 (a space after the decimal point), 成 都 、 绵 阳 (letter-spaced)
_SPLIT_DECIMAL = re.compile(r"(?<=\d\.) (?=\d{1,2}(?!\d))")
_TABLE_HEADER_WORDS = re.compile(r"指标|单位|属性|序号|名称|项目|产量|年份")  # 指 标 单 位 属 性: cells
_LETTER_SPACED = re.compile(r"[\u4e00-\u9fff、](?: [\u4e00-\u9fff、]){4,}(?![\u4e00-\u9fff])")


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # C++ converter; imported lazily so plain-simplified text never pays for it

    return opencc.OpenCC("t2s")


@dataclass(slots=True)
class TextView:
    """`text` is what the rules read; `offsets[i]` is where text[i] came from."""

    text: str
    offsets: list[int] | None  # None: identical positions

    def to_original(self, index: int) -> int:
        if self.offsets is None:
            return index
        if index >= len(self.offsets):
            return self.offsets[-1] + 1 if self.offsets else index
        return self.offsets[index]


def _simplify(text: str) -> str:
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    # a phrase rule changed the length: convert character by character to keep positions
    convert = _t2s().convert
    return "".join(ch if ord(ch) < 0x3400 else (convert(ch) if len(convert(ch)) == 1 else ch) for ch in text)


def _narrow(match: re.Match) -> str:
    replacement = _FULLWIDTH[ord(match.group())]
    return replacement if isinstance(replacement, str) else chr(replacement)


def _looks_traditional(text: str) -> bool:
    # cheap test on characters common in traditional plan texts
    return any(ch in text for ch in "萬億規劃業發區產實數經濟場應設達總營際與這個從對們進億")


@lru_cache(maxsize=8)  # metadata and facts read the same document: build its view once
def make_view(text: str) -> TextView:
    """Normalise digits, punctuation width, traditional characters and pinyin glosses."""
    # one character for one, so positions hold; a regex touches only the few characters that change
    view = _NEEDS_WIDTH.sub(_narrow, text) if _NEEDS_WIDTH.search(text) else text
    if "。" in view:
        view = _DECIMAL_STOP.sub(".", view)  # 97。3%: a full stop typed for the decimal point
    if _looks_traditional(view):
        view = _simplify(view)
    dropped: list[tuple[int, int]] = []
    if "(" in view or "（" in view:
        dropped += [(m.start(), m.end()) for m in _GLOSS.finditer(view) if _is_gloss(view, m)]
    if ". " in view:
        dropped += [(m.start(), m.end()) for m in _SPLIT_DECIMAL.finditer(view)]
    if " " in view:
        dropped += [(m.start() + i, m.start() + i + 1) for m in _LETTER_SPACED.finditer(view)
                    if not _TABLE_HEADER_WORDS.search(m.group(0).replace(" ", ""))
                    for i in range(1, len(m.group(0)), 2)]
    return _drop_spans(view, sorted(dropped)) if dropped else TextView(view, None)


def _is_gloss(text: str, match: re.Match) -> bool:
    """A gloss sits right after a CJK character and carries a tone mark or is lower case pinyin."""
    start = match.start()
    while start and text[start - 1] in ")）":  # 區(qu)(qu)(qu): glosses repeated after one character
        earlier = _GLOSS_BEFORE.search(text, max(0, start - 9), start)
        if not earlier:
            break
        start = earlier.start()
    before = text[start - 1] if start else ""
    inner = match.group(0)[1:-1]
    return bool(before) and "\u4e00" <= before <= "\u9fff" and (bool(_TONE.search(inner)) or inner.islower()) and len(inner) >= 2


def _drop_spans(text: str, spans: list[tuple[int, int]]) -> TextView:
    parts, offsets, cursor = [], [], 0
    for start, end in spans:
        parts.append(text[cursor:start])
        offsets.extend(range(cursor, start))
        cursor = end
    parts.append(text[cursor:])
    offsets.extend(range(cursor, len(text)))
    return TextView("".join(parts), offsets)

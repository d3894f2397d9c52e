"""Bytes → str for the text formats: the bytes decide the encoding, never a declared charset.

In order, the first that fits wins:

1. a UTF-32/UTF-16 byte-order mark; UTF-16 without one when NUL bytes sit in every other place;
2. strict UTF-8 (utf-8-sig with a BOM);
3. UTF-8 but for a few bytes (a last character cut mid-byte, a flipped byte): accepted with those
   bytes replaced by U+FFFD and a warning — the rest of the document is valid and must not be lost;
4. mixed: each line strict UTF-8 or strict GB18030 (a GBK file with UTF-8 lines pasted in; tried
   before GB18030 because a UTF-8 line can also be valid — garbled — GB18030);
5. strict GB18030;
6. GB18030 but for a few bytes (cut mid-character);
7. charset-normalizer, with a low chaos score.

Text with NUL bytes that is not UTF-16/32 is binary, except for NUL padding at the very end (what
an interrupted write or a pre-allocated download leaves), which is cut off with a warning.

After decoding, characters nobody can see and that only break matching are removed, with a
warning: zero-width spaces and joiners, soft hyphens, bidirectional controls (1<ZWSP>450亿元
would otherwise be read as two numbers), and C0/C1 control characters other than TAB, LF, CR,
VT and FF; `readers.read` removes them once more from what a text reader made of the text (an
HTML page can write them as entities: 1&#8203;450).

After reading, base64 data URIs left in the text are removed with a warning (`remove_data_uris`:
an image is no text, and MB of base64 only cost the fact extractor time).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from .base import Unreadable

_NUL = b"\x00"
_BAD_CHARS = re.compile("[\ufffd\ufdd0-\ufdef\ufffe\uffff]")
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)
# "a few bytes": at most this many bad byte sequences (one damaged character makes up to 4), and
# in a long file at most one per this many bytes
MAX_REPAIRS = 8
REPAIR_DENSITY = 1000
_NON_ASCII = re.compile("[^\x00-\x7f]")
_CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
# invisible characters removed from every text: zero-width space/joiners, word joiner, BOM inside the
# text, soft hyphen, Mongolian vowel separator, bidirectional embeddings/overrides/isolates
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u180e\u202a-\u202e\u2066-\u2069]+")
# control characters other than TAB, LF, VT, FF, CR (C0), DEL and C1
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]+")
_DATA_URI = re.compile(r"data:[\w.+-]+/[\w.+-]+(?:;[\w.+-]+=[\w.+-]+)*;base64,[A-Za-z0-9+/]{16,}=*")


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes) -> Decoded:
    """The text of a text file, its encoding and what had to be repaired; or
    Unreadable('binary' | 'undecodable')."""
    warnings: list[str] = []
    decoded = _decode_unicode_wide(data, warnings)
    if decoded is None:
        data = _cut_nul_padding(data, warnings)
        if _NUL in data:
            raise Unreadable(
                "binary",
                f"File contains NUL bytes (first at byte {data.index(_NUL)}), so it is binary, not text. "
                f"Check what it really is and save the document's text as UTF-8 .txt or .html.")
        decoded = _decode_8bit(data, warnings)
    if decoded is None:
        raise Unreadable(
            "undecodable",
            "File could not be decoded as UTF-8, UTF-8 with BOM or GB18030, and charset detection found "
            "no plausible encoding. Re-save it as UTF-8 (or check that it is really a text file).")
    text, encoding = decoded
    return Decoded(remove_invisible(text, warnings), encoding, warnings)


def remove_invisible(text: str, warnings: list[str]) -> str:
    """Drop zero-width, bidirectional-control and control characters (see the module docstring)."""
    removed = 0
    for pattern in (_INVISIBLE, _CONTROL):
        if pattern.search(text):
            before = len(text)
            text = pattern.sub("", text)
            removed += before - len(text)
    if removed:
        warnings.append(f"removed {removed:,} invisible or control character(s) (zero-width, bidirectional "
                        f"or C0/C1 controls) from the text")
    return text


def remove_data_uris(text: str, warnings: list[str]) -> str:
    """Drop base64 data URIs left in the text (an image pasted into a post or a page's text): they
    are pictures, not words, and a few MB of base64 only costs the fact extractor time."""
    if "base64," not in text:
        return text
    found = _DATA_URI.findall(text)
    if not found:
        return text
    warnings.append(f"removed {len(found):,} base64 data URI(s) ({sum(map(len, found)):,} characters) from the text")
    return _DATA_URI.sub("", text)


def _cut_nul_padding(data: bytes, warnings: list[str]) -> bytes:
    stripped = data.rstrip(_NUL)
    if len(stripped) < len(data) and stripped and _NUL not in stripped:
        warnings.append(f"removed {len(data) - len(stripped):,} NUL byte(s) padding the end of the file "
                        f"(left by an interrupted write)")
        return stripped
    return data


def _decode_8bit(data: bytes, warnings: list[str]) -> tuple[str, str] | None:
    if data.startswith(b"\xef\xbb\xbf"):
        body, name = data[3:], "utf-8-sig"
    else:
        body, name = data, "utf-8"
    try:
        return body.decode("utf-8"), name
    except UnicodeDecodeError:
        pass
    repaired = _nearly(body, "utf-8", warnings, require_cjk=True)
    if repaired is not None:
        return repaired, name
    mixed = _mixed_lines(data, warnings)  # before GB18030: some UTF-8 lines are valid (garbled) GB18030
    if mixed is not None:
        return mixed, "mixed (utf-8, gb18030)"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    repaired = _nearly(data, "gb18030", warnings, require_cjk=True)
    if repaired is not None:
        return repaired, "gb18030"
    return _detected(data)


def _detected(data: bytes) -> tuple[str, str] | None:
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


def _count_bad(data: bytes, codec: str, limit: int) -> tuple[int, list[int]]:
    """How many undecodable byte sequences `data` has in `codec` (stops counting past `limit`),
    and where the first few are."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    view = memoryview(data)
    bad, where, pos = 0, [], 0
    while pos < len(data):
        try:
            decoder.decode(view[pos:], final=True)
            break
        except UnicodeDecodeError as exc:
            bad += 1
            if len(where) < 3:
                where.append(pos + exc.start)
            if bad > limit:
                break
            pos += exc.end
            decoder.reset()
    return bad, where


def _nearly(data: bytes, codec: str, warnings: list[str], require_cjk: bool) -> str | None:
    """`data` decoded with a few bad byte sequences replaced, when there are only a few."""
    allowed = min(MAX_REPAIRS, max(4, len(data) // REPAIR_DENSITY))  # one damaged character: up to 4
    bad, where = _count_bad(data, codec, allowed)
    if bad == 0 or bad > allowed:
        return None
    text = data.decode(codec, errors="replace")
    if require_cjk and len(_CJK.findall(text, 0, 20000)) < 10 * bad:
        return None  # too little real text to be sure this is the file's encoding
    at = ", ".join(f"byte {w:,}" for w in where) + (" …" if bad > len(where) else "")
    cut = where[-1] >= len(data) - 4 and bad == 1
    warnings.append(f"{bad} undecodable {codec.upper()} byte sequence(s) replaced by U+FFFD ({at})"
                    + ("; the file looks cut off in the middle of its last character" if cut else ""))
    return text


def _mixed_lines(data: bytes, warnings: list[str]) -> str | None:
    """Each line in strict UTF-8 or strict GB18030, when both really occur."""
    lines = data.split(b"\n")
    out, utf8_lines, gb_lines = [], 0, 0
    for line in lines:
        if line.isascii():
            out.append(line.decode("ascii"))
            continue
        try:
            text = line.decode("utf-8")
            cjk = len(_CJK.findall(text))
            if cjk < 3 or cjk * 2 < len(_NON_ASCII.findall(text)):  # GBK bytes that happen to be UTF-8
                raise UnicodeDecodeError("utf-8", line, 0, 1, "not CJK text")
            utf8_lines += 1
        except UnicodeDecodeError:
            try:
                text = line.decode("gb18030")
            except UnicodeDecodeError:
                return None
            gb_lines += 1
        out.append(text)
    if not (utf8_lines and gb_lines):
        return None
    warnings.append(f"mixed encodings: {utf8_lines:,} line(s) in UTF-8 and {gb_lines:,} in GB18030, "
                    f"each decoded in its own")
    return "\n".join(out)


def _decode_unicode_wide(data: bytes, warnings: list[str]) -> tuple[str, str] | None:
    """UTF-32/UTF-16 with a BOM, or UTF-16 without one when every other byte is a NUL."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _decode_wide(data[len(bom):], codec, name, warnings)
    if len(data) >= 8 and data.count(_NUL) * 20 >= len(data):
        odd_nul = data[1::2].count(_NUL)
        even_nul = data[0::2].count(_NUL)
        if even_nul == 0 and odd_nul:
            return _decode_wide(data, "utf-16-le", "utf-16-le", warnings, strict_plausible=True)
        if odd_nul == 0 and even_nul:
            return _decode_wide(data, "utf-16-be", "utf-16-be", warnings, strict_plausible=True)
    return None


def _decode_wide(body: bytes, codec: str, name: str, warnings: list[str],
                 strict_plausible: bool = False) -> tuple[str, str] | None:
    try:
        text = body.decode(codec)
    except UnicodeDecodeError:
        text = _nearly(body, codec, warnings, require_cjk=False)
        if text is None:
            return None
    if _BAD_CHARS.search(text.replace("\ufffd", "")):
        return None
    if strict_plausible and not _mostly_printable(text):
        return None
    if "\x00" in text:
        text = text.replace("\x00", "")
    return text, name


def _mostly_printable(text: str) -> bool:
    sample = text[:4000]
    printable = sum(1 for ch in sample if ch.isprintable() or ch in "\t\r\n")
    return printable >= 0.95 * len(sample)

"""Bytes → str for the text formats: the bytes decide the encoding, never a declared charset.

strict UTF-8 (utf-8-sig with a BOM) → strict GB18030 → charset-normalizer with a low chaos
score; UTF-16/32 only with a BOM. Text with NUL bytes and no such BOM is binary.
"""
from __future__ import annotations

import re

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


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a text file, or Unreadable('binary' | 'undecodable')."""
    decoded = _decode_utf16_32(data)
    if decoded is None:
        if _NUL in data:
            raise Unreadable(
                "binary",
                f"File contains NUL bytes (first at byte {data.index(_NUL)}), so it is binary, not text. "
                f"Check what it really is and save the document's text as UTF-8 .txt or .html.")
        decoded = _decode_8bit(data)
    if decoded is None:
        raise Unreadable(
            "undecodable",
            "File could not be decoded as UTF-8, UTF-8 with BOM or GB18030, and charset detection found "
            "no plausible encoding. Re-save it as UTF-8 (or check that it is really a text file).")
    text, encoding = decoded
    if "\x00" in text:  # only reachable through UTF-16/32 text
        text = text.replace("\x00", "")
    return text, encoding


def _decode_8bit(data: bytes) -> tuple[str, str] | None:
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

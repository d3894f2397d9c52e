"""One reader per format behind one interface (`base.Reader`), and the registry that picks it.

    read(data, suffix, limits) -> Reading      raises Unreadable with a reason code

How a reader is picked:

* `.pdf`, `.docx` — by the bytes: a PDF (`%PDF-`) goes to `pdf`, a ZIP to `docx`, an OLE2
  container is a legacy or password-protected Office file; anything else is not what its name
  says. These readers run in a child process under `ReadLimits` (`sandbox`).
* `.txt`, `.md`, `.html`, `.htm` — bytes with a binary signature (a PDF or Word file saved
  under a text name, an image, an archive) are rejected with what they are; the rest is decoded
  (`decoding`) and the first text reader that claims the text reads it: a front-matter post
  (`post`), HTML (`html`, by suffix or by its first tag), Markdown (`.md`), else plain text or
  a notice (`text`).

Adding a format: write a module with a reader object (name, suffixes, recognises, isolated, read)
and list it in `BINARY_READERS` or `TEXT_READERS`.
"""
from __future__ import annotations

from .base import DEFAULT_LIMITS, Reading, ReadLimits, Unreadable
from .decoding import decode, remove_data_uris, remove_invisible
from .docx import DocxReader
from .html import HtmlReader
from .pdf import PdfReader
from .post import PostReader
from .sandbox import run_isolated
from .text import MarkdownReader, PlainTextReader

__all__ = ["DEFAULT_LIMITS", "LEGACY_SUFFIXES", "SUPPORTED_SUFFIXES", "Reading", "ReadLimits", "Unreadable",
           "read"]

TEXT_READERS = (PostReader(), HtmlReader(), MarkdownReader(), PlainTextReader())  # first that claims wins
BINARY_READERS = (PdfReader(), DocxReader())
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
BINARY_SUFFIXES = tuple(s for r in BINARY_READERS for s in r.suffixes)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + BINARY_SUFFIXES

# Formats we recognise by name but do not read: what they are and what to do.
LEGACY_SUFFIXES = {
    ".doc": "a legacy Word 97-2003 document (.doc)",
    ".dot": "a legacy Word 97-2003 template (.dot)",
    ".wps": "a WPS Office document (.wps)",
}
CONVERT_LEGACY = ("convert it to .docx or PDF (Word or WPS: 另存为 .docx; LibreOffice: "
                  "soffice --headless --convert-to docx FILE) and drop the converted file instead")

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# (magic prefix, what it is, what to do) — for files with a text name.
_MAGIC = (
    (b"%PDF-", "a PDF", "rename it to .pdf so it is read as a PDF"),
    (b"PK\x03\x04", "a ZIP archive (also .docx/.xlsx/.pptx)",
     "if it is a Word file, rename it to .docx so it is read as one; otherwise unpack it"),
    (b"PK\x05\x06", "an empty ZIP archive", "remove it"),
    (OLE2, "an old Microsoft Office file (.doc/.xls/.ppt)", "convert it to .docx or PDF"),
    (b"{\\rtf", "an RTF document", "save it as .docx, .txt or .html"),
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


def read(data: bytes, suffix: str, limits: ReadLimits = DEFAULT_LIMITS) -> Reading:
    """Read a file's bytes by its (lower-case) suffix and its magic bytes."""
    if suffix in BINARY_SUFFIXES:
        reader = _binary_reader(data, suffix)
        reader.prepare()
        if limits.isolate and reader.isolated:
            return run_isolated(reader.read, data, limits, what=reader.name)
        return reader.read(data, limits)
    return _read_text(data, suffix)


def _read_text(data: bytes, suffix: str) -> Reading:
    head = data[:64]
    for magic, what, todo in _MAGIC:
        if head.startswith(magic):
            raise Unreadable("binary", f"File is {what}, not text, although it is named {suffix}; {todo}.")
    decoded = decode(data)
    for reader in TEXT_READERS:
        if reader.claims(decoded.text, suffix):
            reading = reader.read_text(decoded.text, suffix)
            reading.encoding = decoded.encoding
            reading.warnings = decoded.warnings + reading.warnings
            reading.text = remove_data_uris(reading.text, reading.warnings)
            # again after the reader: HTML writes invisible characters as entities too (1&#8203;450)
            reading.text = remove_invisible(reading.text, reading.warnings)
            return reading
    raise AssertionError("the plain-text reader claims every text")


def _binary_reader(data: bytes, suffix: str):
    for reader in BINARY_READERS:
        if reader.recognises(data):
            return reader
    if data.startswith(OLE2):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise Unreadable("encrypted", f"File is a password-protected Office document named {suffix}; "
                                          f"open it with its password and save a copy without one.")
        raise Unreadable("legacy_format", f"File is a legacy Word 97-2003 (.doc) or WPS file named {suffix}; "
                                          f"{CONVERT_LEGACY}.")
    what = _describe(data)
    kind = "a PDF" if suffix == ".pdf" else "a Word .docx file"
    raise Unreadable("corrupt", f"File is named {suffix} but is not {kind}: {what}. "
                                f"Download it again or save it in the format its name says.")


def _describe(data: bytes) -> str:
    head = data[:64]
    for magic, what, _todo in _MAGIC:
        if head.startswith(magic):
            return f"it is {what}"
    start = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body")):
        return "it is an HTML page (often an error page saved by a failed download)"
    return f"it starts with {data[:8]!r}"

"""Read raw documents: one file in, a normalised document or a rejection out.

Public API
----------
`read_document(path)`     one file  -> ParsedDocument | Rejection
`parse_bytes(data, name)` bytes     -> ParsedDocument | Rejection
`scan_folder(folder)`     a folder (recursive, sorted) -> iterator of both, with duplicates rejected

Nothing here raises for bad input: every file that cannot become a document comes back as a
`Rejection` whose `reason` tells a person what to do about it.

What happens to the bytes is the business of `planextract.readers`: one reader per format
(plain text and notices, Markdown, HTML, front-matter posts, PDF, Word .docx) behind one
interface, picked by suffix and magic bytes; which files a folder holds and how one is opened
is the business of `planextract.files` (links, pipes, odd names, files that change). This
module adds what every format shares: the size limit, the content hash and ids, empty files,
duplicates, unsupported names.

The normalised `text` is what every fact's character span points into, so the readers'
rules are deterministic and must only change together with
`planextract.model.EXTRACTOR_VERSION`.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from planextract import readers
from planextract.files import FileProblem, file_size, list_documents, read_file
from planextract.model import ParsedDocument, Rejection
from planextract.readers import LEGACY_SUFFIXES, SUPPORTED_SUFFIXES, ReadLimits, Unreadable

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "ReadLimits",
    "parse_bytes",
    "read_document",
    "reject_unread",
    "scan_folder",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


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
    suffix = Path(source_file).suffix.lower()
    if suffix in LEGACY_SUFFIXES:
        return _reject(source_file, content_hash, size, "legacy_format",
                       f"File is {LEGACY_SUFFIXES[suffix]}, which is not read; {readers.CONVERT_LEGACY}.")
    return _reject(
        source_file, content_hash, size, "unsupported_extension",
        f"File extension {Path(source_file).suffix or '(no extension)'} is not supported; supported extensions "
        f"are {', '.join(SUPPORTED_SUFFIXES)}. Convert the file to one of those formats and save it with its "
        f"extension.",
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


_EMPTY_TEXT = {
    "front_matter_html": "only front matter and no body text",
    "html": "no text left after removing markup and navigation",
    "docx": "no text in its paragraphs or tables",
}


def _parse(data: bytes, source_file: str, max_bytes: int, digest: str | None = None,
           limits: ReadLimits | None = None) -> ParsedDocument | Rejection:
    size = len(data)
    digest = digest or hashlib.sha256(data).hexdigest()
    if not _supported(source_file):
        return _unsupported(source_file, digest, size)
    if size > max_bytes:
        return _too_large(source_file, digest, size, max_bytes)
    if size == 0:
        return _reject(source_file, digest, 0, "empty",
                       "File is empty (0 bytes). Replace it with the document's text or remove it.")
    try:
        reading = readers.read(data, Path(source_file).suffix.lower(), limits or readers.DEFAULT_LIMITS)
    except Unreadable as exc:
        return _reject(source_file, digest, size, exc.reason_code, exc.reason)
    except MemoryError:
        return _reject(source_file, digest, size, "limit_exceeded",
                       "Reading this file needed more memory than the reader may use and was stopped; split it "
                       "into smaller files or convert it to plain text.")
    except RecursionError:
        return _reject(source_file, digest, size, "limit_exceeded",
                       "File is nested too deeply to be read (a reader ran out of stack); save it as plain text.")
    except Exception as exc:  # defensive: a reader bug must not stop a folder scan
        return _reject(source_file, digest, size, "unreadable",
                       f"File could not be parsed ({type(exc).__name__}: {exc}); report this as a bug "
                       f"in planextract.readers with the file attached.")
    if not reading.text.strip():
        what = _EMPTY_TEXT.get(reading.format, "only whitespace")
        return _reject(source_file, digest, size, "empty",
                       f"File has {what}. Replace it with the full document or remove it.")
    return ParsedDocument(
        doc_id=digest[:16],
        source_file=source_file,
        content_hash=digest,
        byte_size=size,
        encoding=reading.encoding,
        format=reading.format,
        text=reading.text,
        front_matter=reading.front_matter,
        html_title=reading.html_title,
        properties=reading.properties,
        page_starts=reading.page_starts,
        warnings=tuple(reading.warnings),
    )


def parse_bytes(data: bytes, source_file: str, max_bytes: int = DEFAULT_MAX_BYTES,
                limits: ReadLimits | None = None) -> ParsedDocument | Rejection:
    """Parse the raw bytes of one file named `source_file` (its suffix and bytes pick the reader).
    `limits` caps what reading a PDF or Word file may cost (pages, seconds, memory)."""
    return _parse(bytes(data), source_file, max_bytes, limits=limits)


def reject_unread(source_file: str, size: int, max_bytes: int) -> Rejection | None:
    """The rejection of a file by its name or its size alone (it is never read), or None."""
    if not _supported(source_file):
        return _unsupported(source_file, None, size)
    if size > max_bytes:
        return _too_large(source_file, None, size, max_bytes)
    return None


def _problem(source_file: str, problem: FileProblem, digest: str | None = None) -> Rejection:
    return _reject(source_file, digest, problem.size, problem.reason_code, problem.reason)


def _read(path: Path, source_file: str, max_bytes: int, seen: dict[str, str] | None = None,
          limits: ReadLimits | None = None) -> ParsedDocument | Rejection:
    try:
        size = file_size(path)
        if size > max_bytes:  # do not read what we will not accept
            return reject_unread(source_file, size, max_bytes)
        data = read_file(path, max_bytes)
    except FileProblem as problem:
        if not _supported(source_file):
            return _unsupported(source_file, None, problem.size)
        return _problem(source_file, problem)
    digest = hashlib.sha256(data).hexdigest()
    if seen is not None and digest in seen and _supported(source_file):
        return _reject(source_file, digest, len(data), "duplicate",
                       f"File has the same content (SHA-256 {digest[:16]}…) as {seen[digest]}, "
                       f"which was kept. Remove this copy.")
    result = _parse(data, source_file, max_bytes, digest, limits)
    if seen is not None and isinstance(result, ParsedDocument):
        seen[digest] = source_file
    return result


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                  limits: ReadLimits | None = None) -> ParsedDocument | Rejection:
    """Read one file; `source_file` is the file's name. The path is the caller's choice, so a
    symbolic link is followed to the file it names (only `scan_folder` and the pipeline, which
    read what lands in a folder, refuse links that leave it)."""
    path = Path(path)
    return _read(Path(os.path.realpath(path)), path.name, max_bytes, limits=limits)


def scan_folder(folder: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                limits: ReadLimits | None = None) -> Iterator[ParsedDocument | Rejection]:
    """Every file under `folder` (recursive, sorted by relative path, hidden files and
    folders skipped silently) as a document or a rejection.

    `source_file` is the path relative to `folder` with '/' separators (just the file
    name for files directly in `folder`). A file whose bytes equal an earlier accepted
    document is rejected as `duplicate`, naming the first file; a link leaving the folder is
    `unsafe_path` (see `planextract.files`). Raises NotADirectoryError only when `folder`
    itself is not a folder.
    """
    seen: dict[str, str] = {}
    for entry in list_documents(Path(folder)):
        if entry.problem is not None:
            yield _problem(entry.source_file, entry.problem)
        else:
            yield _read(entry.path, entry.source_file, max_bytes, seen, limits)

"""The one interface every reader implements, and what it hands back.

A reader turns the bytes of one file into a `Reading`: the normalised text every fact's span
points into, plus what the format carries beside the text (front matter, an HTML <title>,
PDF/Word properties, where each page starts). A file a reader cannot turn into text raises
`Unreadable` with a reason code and a sentence a person can act on; `planextract.documents`
turns that into a `Rejection`. Readers never see file names or hashes: the registry picks the
reader, `planextract.documents` adds the identity.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(slots=True)
class Reading:
    """A file's content as text, whatever its format.

    `page_starts[i]` is the offset in `text` where page i+1 begins (paged formats only: PDF);
    an empty tuple means the format has no pages we can trust (text, HTML, Word).
    """

    format: str                                       # plain_text | notice_text | markdown | html | front_matter_html | pdf | docx
    text: str
    encoding: str | None = None                       # the text encoding that decoded the bytes; None for PDF/Word
    front_matter: dict = field(default_factory=dict)  # YAML front matter of a post, every value a string
    html_title: str | None = None                     # <title> of an HTML page
    properties: dict = field(default_factory=dict)    # PDF/Word document properties (title, created …), strings
    page_starts: tuple[int, ...] = ()
    warnings: list[str] = field(default_factory=list)  # what had to be repaired to read the file (bytes
    #                                                     replaced, invisible characters removed …)


class Unreadable(Exception):
    """The file cannot become text. `reason_code` is one of the codes listed in
    `planextract.model.Rejection`; `reason` is a sentence that tells a person what to do."""

    def __init__(self, reason_code: str, reason: str):
        super().__init__(reason)
        self.reason_code = reason_code
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """What reading one binary document (PDF, Word) may cost at most.

    A hostile or broken file cannot exceed these: PDF and Word files are read in a child
    process (see `planextract.readers.sandbox`) that is killed at `seconds` and cannot map
    more than `memory_bytes` beyond what it started with; pages and ZIP sizes are checked
    before anything is parsed.
    """

    max_pages: int = 2000                     # the longest 纲要 or 统计年鉴 volumes stay well under this
    seconds: float = 120.0                    # wall-clock time for one file
    memory_bytes: int = 1024 * 1024 * 1024    # address space one reading may add (1 GiB)
    max_unzipped_bytes: int = 512 * 1024 * 1024  # everything inside a .docx, uncompressed
    max_zip_ratio: int = 100                  # a part that expands more than this …
    max_zip_part_bytes: int = 32 * 1024 * 1024   # … to more than this is a zip bomb
    max_zip_entries: int = 10_000
    isolate: bool = True                      # read PDF/Word in a child process with hard limits


DEFAULT_LIMITS = ReadLimits()


class Reader(Protocol):
    """One binary format. `suffixes` and `recognises` (its magic bytes) let the registry pick it;
    `isolated` readers run in a child process under `ReadLimits`."""

    name: str
    suffixes: tuple[str, ...]
    isolated: bool

    def recognises(self, data: bytes) -> bool: ...

    def prepare(self) -> None:
        """Import what `read` needs, so a forked child does not import it again."""

    def read(self, data: bytes, limits: ReadLimits) -> Reading: ...


class TextReader(Protocol):
    """One text format, chosen after decoding by what the text looks like (and its suffix)."""

    name: str

    def claims(self, text: str, suffix: str) -> bool: ...

    def read_text(self, text: str, suffix: str) -> Reading: ...

"""The records the extraction library hands to the rest of the warehouse.

These dataclasses are the only contract between the plain-Python library
(`planextract`) and its users (Dagster assets, tests, benchmarks). Every field
name matches a column of the landing tables in `raw.*` and, through dbt, of the
analysts' contract in `marts.*`, so a newcomer can follow one value from the
sentence it came from to the mart without a renaming table.
"""
from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field, fields
from datetime import date

# bump whenever a rule changes what is extracted: a document landed by an older version is read again
EXTRACTOR_VERSION = "0.5.0"
# the kinds of document the metadata rules can give (GUIDE.md, Document lines); dbt accepts exactly these
DOC_KINDS = ("news", "government_document", "plan_text", "statistical_bulletin")  # bump when extraction output changes: cached facts are redone


@dataclass(slots=True)
class ParsedDocument:
    """A document that was read, decoded and normalised into one text.

    `text` keeps paragraphs (one per line) and table rows (cells joined by tabs);
    every fact's `char_start`/`char_end` points into it. For a PDF, `page_starts[i]` is
    where page i+1 begins in `text` (`page_at` turns an offset into a page number).
    """

    doc_id: str            # first 16 hex digits of the SHA-256 of the raw bytes
    source_file: str       # the raw file's name, as dropped into raw/documents/
    content_hash: str      # full SHA-256 of the raw bytes
    byte_size: int
    encoding: str | None   # the encoding that decoded the bytes (utf-8, utf-8-sig, gb18030); None for PDF/Word
    format: str            # front_matter_html | notice_text | html | markdown | plain_text | pdf | docx
    text: str
    front_matter: dict = field(default_factory=dict)  # title, date, author, categories …
    html_title: str | None = None                     # <title> of an HTML page
    properties: dict = field(default_factory=dict)    # PDF/Word properties: title, author, subject, keywords,
    #                                                   created, modified (ISO 8601) … as strings
    page_starts: tuple[int, ...] = ()                 # PDF: offset in text where each page begins
    warnings: tuple[str, ...] = ()                    # what reading had to repair (bytes replaced, invisible
    #                                                   characters removed …): accepted, but worth a look

    def page_at(self, offset: int | None) -> int | None:
        """1-based page of the character at `offset` in `text`; None when the document has no
        pages (text, HTML, Word) or the offset is unknown (-1)."""
        if not self.page_starts or offset is None or offset < 0:
            return None
        return max(bisect.bisect_right(self.page_starts, offset), 1)


# why a file could not become a document; dbt's accepted_values on reason_code list exactly these
REASON_CODES = ("empty", "binary", "undecodable", "unsupported_extension", "too_large", "duplicate", "unreadable",
                "scanned", "encrypted", "corrupt", "legacy_format", "zip_bomb", "garbled", "limit_exceeded",
                "unsafe_path", "unsafe_front_matter", "changed_while_read", "extraction_failed")


@dataclass(slots=True)
class Rejection:
    """A file that could not become a document, and why (never silently dropped)."""

    source_file: str
    content_hash: str | None
    byte_size: int
    reason_code: str       # empty | binary | undecodable | unsupported_extension | too_large | duplicate | unreadable
    #                        | scanned | encrypted | corrupt | legacy_format | zip_bomb | garbled | limit_exceeded
    #                        | unsafe_path | unsafe_front_matter | changed_while_read | extraction_failed
    reason: str            # a sentence a person can act on


@dataclass(slots=True)
class DocumentMetadata:
    """What a document says about the plan it describes (GUIDE.md, document lines)."""

    doc_kind: str                  # news | government_document | plan_text | statistical_bulletin
    plan_title: str | None
    region_name: str | None
    region_code: str | None
    issuer: str | None
    doc_number: str | None
    published_date: date | None
    written_date: date | None
    # the plan's period; where a document names none (a news report on a year's figures), the
    # years its figures are about (pipeline.period_of_figures)
    period_start_year: int | None
    period_end_year: int | None
    outlet: str | None
    published_date_inferred: bool = False  # the page gave only month and day; the year is estimated


@dataclass(slots=True)
class Fact:
    """One quantitative target or observation, as GUIDE.md defines it."""

    role: str                      # target | observation
    indicator_name: str
    value: float | None
    unit: str                      # as written ('' for a bare index or ratio)
    comparator: str = "="          # >= > <= < ~ =
    is_aspirational: bool = False  # hedged by 力争/争取/争创/努力
    kind: str = "level"            # level share rate increment cumulative rank
    per_year: bool = False
    year: int | None = None
    period_start_year: int | None = None
    year_inferred: bool = False
    value_high: float | None = None
    baseline_value: float | None = None
    baseline_year: int | None = None
    attribute: str | None = None   # 预期性 | 约束性
    region_name: str | None = None
    region_code: str | None = None
    quote: str = ""                # exact substring of the document text
    char_start: int = -1           # quote's span in ParsedDocument.text
    char_end: int = -1
    source_text: str = ""          # the sentence (or table row) the fact came from
    sentence_start: int = -1
    page_number: int | None = None  # PDF page the quote is on (set by the pipeline, not the extractor)

    def as_row(self) -> dict:
        return asdict(self)


FACT_COLUMNS = [f.name for f in fields(Fact)]

"""One document in, its metadata and facts out: the unit of work the pipeline caches.

Dagster assets, the `plans` CLI, benchmarks and tests all call `process_document`,
so a document is read the same way everywhere. `process_file` is the whole job for one file
of a folder — read it safely, check it is the file that was listed, parse, extract, check the
size of what came out — and is what the pipeline's worker processes run (see
`orchestration.workers`, which enforces `DocumentLimits.seconds` and `memory_bytes` by killing
the worker; this module enforces the limits on output).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from .documents import DEFAULT_MAX_BYTES, parse_bytes
from .facts import extract_facts
from .files import FileProblem, read_file
from .metadata import extract_metadata
from .model import DocumentMetadata, Fact, ParsedDocument, Rejection
from .readers import DEFAULT_LIMITS, ReadLimits

Processed = tuple[ParsedDocument, DocumentMetadata, list[Fact]]


@dataclass(frozen=True, slots=True)
class DocumentLimits:
    """What reading and extracting one file may cost at most.

    `seconds` and `memory_bytes` are enforced by the process that runs the work (a worker that is
    killed when it exceeds them); `max_facts` and `max_output_chars` bound what one document may
    hand to the warehouse (a 10 MB line with thousands of numbers would otherwise repeat that line
    as the source text of every fact).
    """

    seconds: float = 60.0                        # wall-clock time for one file, reading and extraction
    memory_bytes: int = 1024 * 1024 * 1024       # address space one file may add to its worker (1 GiB)
    max_facts: int = 50_000                      # the longest 纲要 has a few thousand
    max_output_chars: int = 64 * 1024 * 1024     # normalised text plus the texts of all its facts

    def describe(self) -> str:
        return (f"{self.seconds:g} s, {self.memory_bytes // (1024 * 1024):,} MiB, {self.max_facts:,} facts, "
                f"{self.max_output_chars // (1024 * 1024):,} Mi characters of output")


DEFAULT_DOCUMENT_LIMITS = DocumentLimits()


def process_document(doc: ParsedDocument) -> tuple[DocumentMetadata, list[Fact]]:
    meta = extract_metadata(doc)
    facts = extract_facts(doc.text, meta)
    add_page_numbers(doc, facts)
    period_of_figures(meta, facts)
    return meta, facts


def period_of_figures(meta: DocumentMetadata, facts: list[Fact]) -> None:
    """A document that names no plan period (a news report on last year's results, a table of
    district GDP) covers the years of its figures: up to the latest year it sets targets for, else
    the latest year it reports. Filled after extraction, so it never steers how a fact's year is read."""
    if meta.period_end_year is not None:
        return
    years = [f.year for f in facts if f.year] + [f.period_start_year for f in facts if f.period_start_year]
    if not years:
        return
    targets = [f.year for f in facts if f.role == "target" and f.year]
    meta.period_end_year = max(targets) if targets else max(years)
    meta.period_start_year = meta.period_start_year or min(y for y in years if y <= meta.period_end_year)


def process_file(source_file: str, path: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                 expected_digest: str | None = None, limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
                 read_limits: ReadLimits = DEFAULT_LIMITS) -> Processed | Rejection:
    """Read, parse and extract one file. Never raises for bad input: a file that cannot become a
    document comes back as a Rejection. `expected_digest` is the SHA-256 the file had when it was
    listed; other bytes now mean it changed in between."""
    try:
        data = read_file(Path(path), max_bytes)
    except FileProblem as problem:
        return Rejection(source_file, None, problem.size, problem.reason_code, problem.reason)
    digest = hashlib.sha256(data).hexdigest()
    if expected_digest is not None and digest != expected_digest:
        return Rejection(source_file, digest, len(data), "changed_while_read",
                         "File changed between the moment the build listed it and the moment it was read. It is "
                         "read again by the next build; copy files into the folder only when they are complete.")
    parsed = parse_bytes(data, source_file, max_bytes, limits=replace(read_limits, seconds=min(
        read_limits.seconds, limits.seconds)))
    del data
    if isinstance(parsed, Rejection):
        return parsed
    try:
        meta, facts = process_document(parsed)
    except MemoryError:
        raise  # the worker reports it as the memory limit
    except Exception as exc:  # a bug in the extractor must cost one document, not the run
        return Rejection(source_file, parsed.content_hash, parsed.byte_size, "extraction_failed",
                         f"The text was read but extracting its facts failed ({type(exc).__name__}: "
                         f"{str(exc)[:200]}). Report this as a bug in planextract.facts with the file attached.")
    too_big = _output_problem(parsed, facts, limits)
    if too_big:
        return Rejection(source_file, parsed.content_hash, parsed.byte_size, "limit_exceeded", too_big)
    return parsed, meta, facts


def _output_problem(doc: ParsedDocument, facts: list[Fact], limits: DocumentLimits) -> str | None:
    if len(facts) > limits.max_facts:
        return (f"Extraction found {len(facts):,} facts in this file, over the limit of {limits.max_facts:,} "
                f"per document (output size); split the document or check that it is really a plan.")
    chars = len(doc.text) + sum(len(f.source_text) + len(f.quote) + len(f.indicator_name or "") for f in facts)
    if chars > limits.max_output_chars:
        return (f"This file's text and facts come to {chars:,} characters, over the limit of "
                f"{limits.max_output_chars:,} per document (output size): its facts repeat very long "
                f"sentences. Break the text into lines or paragraphs.")
    return None


def add_page_numbers(doc: ParsedDocument, facts: list[Fact]) -> None:
    """Each fact's page in the original (PDF only): the page its quote starts on, else the page
    of its sentence. The extractor knows offsets, not pages; the document knows where pages begin."""
    if not doc.page_starts:
        return
    for fact in facts:
        start = fact.char_start if fact.char_start >= 0 else fact.sentence_start
        fact.page_number = doc.page_at(start)


def warm_up() -> None:
    """Load what every document needs (PDF and Word libraries, conversion tables, the regions
    list) by processing a small text once: a worker calls this before its memory is measured."""
    from .readers.docx import DocxReader
    from .readers.pdf import PdfReader

    PdfReader().prepare()
    DocxReader().prepare()
    doc = parse_bytes("温州市人民政府关于印发规划的通知\n到2025年，全市規上工业增加值达到1450亿元。\n".encode(), "warm_up.txt")
    if isinstance(doc, ParsedDocument):
        process_document(doc)

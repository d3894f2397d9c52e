"""One document in, its metadata and facts out: the unit of work the pipeline caches.

Dagster assets, the `plans` CLI, benchmarks and tests all call `process_document`,
so a document is read the same way everywhere.
"""
from __future__ import annotations

from .facts import extract_facts
from .metadata import extract_metadata
from .model import DocumentMetadata, Fact, ParsedDocument


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


def add_page_numbers(doc: ParsedDocument, facts: list[Fact]) -> None:
    """Each fact's page in the original (PDF only): the page its quote starts on, else the page
    of its sentence. The extractor knows offsets, not pages; the document knows where pages begin."""
    if not doc.page_starts:
        return
    for fact in facts:
        start = fact.char_start if fact.char_start >= 0 else fact.sentence_start
        fact.page_number = doc.page_at(start)

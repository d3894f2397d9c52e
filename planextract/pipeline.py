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
    return meta, facts


def add_page_numbers(doc: ParsedDocument, facts: list[Fact]) -> None:
    """Each fact's page in the original (PDF only): the page its quote starts on, else the page
    of its sentence. The extractor knows offsets, not pages; the document knows where pages begin."""
    if not doc.page_starts:
        return
    for fact in facts:
        start = fact.char_start if fact.char_start >= 0 else fact.sentence_start
        fact.page_number = doc.page_at(start)

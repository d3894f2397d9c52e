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
    return meta, extract_facts(doc.text, meta)

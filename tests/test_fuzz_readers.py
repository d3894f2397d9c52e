"""Property-based fuzzing of the document readers (Hypothesis): random bytes under every supported
name, and random mutations of the seed documents and of a PDF and a Word plan.

Each example runs the way landing runs a document — `process_file` in a worker process with a
time limit — so a hang shows up as a time failure instead of a stuck test run. Properties:

* every example gets a verdict: a document or a rejection, never an exception escaping;
* no example runs into the time limit (60 s, for inputs of a few KB: only a hang can);
* the text readers never crash their worker, and neither the readers nor the fact extractor fall
  back to a "report this as a bug" rejection (`unreadable` from a reader or `extraction_failed`:
  something raised that should not have); a PDF or Word parser crashing on a damaged file is the
  worker doing its job and becomes a `corrupt` rejection.

By default the examples are derandomised (the same inputs every run, no example database
written) and few enough for `make test` (300 per text property, 100 PDF/Word mutations: about half
a minute). A longer, random hunt:

    PLANS_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/test_fuzz_readers.py

(new inputs every run; a failing example is printed and can be pasted into a test).
"""
from __future__ import annotations

import functools
import hashlib
import itertools
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import plan_files as pf  # noqa: E402

from orchestration.landing import _work  # noqa: E402
from orchestration.workers import Failure, WorkerLimits, WorkerPool  # noqa: E402
from planextract.documents import parse_bytes  # noqa: E402
from planextract.model import ParsedDocument, Rejection  # noqa: E402
from planextract.pipeline import DocumentLimits, warm_up  # noqa: E402

SEEDS = sorted((Path(__file__).resolve().parents[1] / "raw" / "documents").iterdir())
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
LIMITS = DocumentLimits(seconds=60)
EXAMPLES = int(os.environ.get("PLANS_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="PLANS_FUZZ_EXAMPLES" not in os.environ,
                database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# fragments that steer the readers into their special cases
TOKENS = [b"---\n", b"\n---\n", b"<html>", b"<div>", b"</div>", b"<table><tr><td>", b"<pre>", b"<!--", b"-->",
          b"<script>", b"<select><option>", b"&nbsp;", b"&#x4e00;", b"![", b"](", b"[", b"]", b"# ", b"**", b"|",
          b"\n\n", b"\r", b"\t", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", "\u200b".encode(), "\u202e".encode(),
          b"\xe4\xb8", b"\x81", b"*a", b"&a ", b"!!python/object ", b"data:image/png;base64,AAAA",
          "到2025年".encode(), "达到1450亿元".encode(), "十四五".encode(), "一万二千".encode(), b"1" * 40,
          "（".encode(), "。".encode()]
_counter = itertools.count()


@pytest.fixture(scope="module")
def pool():
    with WorkerPool(_work, workers=2, limits=WorkerLimits(seconds=LIMITS.seconds), initializer=warm_up) as p:
        yield p


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def verdict(pool: WorkerPool, scratch: Path, data: bytes, suffix: str):
    path = scratch / f"example_{next(_counter)}{suffix}"
    path.write_bytes(data)
    try:
        item = (path.name, str(path), 20 * 1024 * 1024, hashlib.sha256(data).hexdigest(), LIMITS)
        ((_item, outcome),) = list(pool.run([item]))
    finally:
        path.unlink()
    return outcome


def check(outcome, suffix: str) -> None:
    if isinstance(outcome, Failure):
        assert outcome.kind == "crash" and suffix in (".pdf", ".docx"), outcome
        return
    if isinstance(outcome, Rejection):
        # a reader or the extractor raising is caught and becomes a rejection, but it is a bug all the same
        assert "report this as a bug" not in outcome.reason.lower(), outcome.reason
        assert outcome.reason_code != "extraction_failed", outcome.reason
        assert outcome.reason_code and outcome.reason
        return
    parsed, _meta, facts = outcome
    assert isinstance(parsed.text, str) and all(f.quote == parsed.text[f.char_start:f.char_end]
                                                for f in facts if f.char_start >= 0)


@FUZZ
@given(data=st.binary(min_size=1, max_size=3000), suffix=st.sampled_from(TEXT_SUFFIXES + (".pdf", ".docx")))
def test_random_bytes_get_a_verdict(pool, scratch, data, suffix):
    check(verdict(pool, scratch, data, suffix), suffix)


@st.composite
def mutated(draw, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "insert", "token", "delete", "duplicate", "truncate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "token":
            data[at:at] = draw(st.sampled_from(TOKENS)) * draw(st.integers(1, 50))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 2000))]
        elif op == "duplicate":
            data[at:at] = data[at:at + draw(st.integers(1, 4000))] * draw(st.integers(1, 5))
        elif op == "truncate":
            del data[at:]
    return bytes(data) or b"x"


SEED_BYTES = [p.read_bytes() for p in SEEDS]


@FUZZ
@given(seed=st.integers(0, len(SEED_BYTES) - 1), suffix=st.sampled_from(TEXT_SUFFIXES), data=st.data())
def test_mutated_seed_texts_get_a_verdict(pool, scratch, seed, suffix, data):
    encoded = data.draw(st.sampled_from(["utf-8", "gb18030", "utf-16"]))
    original = SEED_BYTES[seed] if encoded == "utf-8" else SEED_BYTES[seed].decode("utf-8").encode(encoded)
    check(verdict(pool, scratch, data.draw(mutated(original)), suffix), suffix)


@functools.cache
def binary_plan(suffix: str) -> bytes:
    """A PDF or Word plan made by the test fixtures (cached: made once per session; not a pytest
    fixture, so a failing example does not print both files)."""
    return pf.plan_pdf() if suffix == ".pdf" else pf.plan_docx()


@settings(FUZZ, max_examples=max(EXAMPLES // 3, 1))
@given(suffix=st.sampled_from([".pdf", ".docx"]), data=st.data())
def test_mutated_pdf_and_word_plans_get_a_verdict(pool, scratch, suffix, data):
    check(verdict(pool, scratch, data.draw(mutated(binary_plan(suffix))), suffix), suffix)


def test_a_pdf_with_a_page_that_cannot_be_loaded_keeps_its_other_pages(monkeypatch):
    """Found by the fuzzer: a page object PDFium cannot load used to reject the whole file as a
    reader bug; now that page is skipped with a warning (or, with no page left, it is corrupt)."""
    from planextract.readers import pdf as pdf_reader

    data = binary_plan(".pdf")
    whole = parse_bytes(data, "plan.pdf")
    real_read_page = pdf_reader._read_page

    def second_page_damaged(page, number, *args):
        if number == 1:
            import pypdfium2 as pdfium
            raise pdfium.PdfiumError("Failed to load page.")
        return real_read_page(page, number, *args)

    monkeypatch.setattr(pdf_reader, "_read_page", second_page_damaged)
    damaged = parse_bytes(data, "plan.pdf")
    assert isinstance(damaged, ParsedDocument), damaged
    assert damaged.warnings == ("1 of 4 PDF page(s) could not be loaded (damaged) and were skipped: page(s) 2",)
    assert len(damaged.page_starts) == len(whole.page_starts) == 4 and len(damaged.text) < len(whole.text)

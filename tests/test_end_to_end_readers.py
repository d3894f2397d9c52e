"""End to end: the same plan dropped as text, PDF and Word gives the same facts, PDF facts carry
their page, and every kind of unreadable file is a rejection with its reason while the rest builds.

Built through `python -m orchestration build` exactly as a user runs it (files made at test time
by tests/fixtures/plan_files.py), then read from the published warehouse read-only.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import plan_files as pf  # noqa: E402
from test_end_to_end import ROOT, plans_build, query  # noqa: E402

pytestmark = pytest.mark.e2e

VERSIONS = {"plan.txt": "notice_text", "plan.pdf": "pdf", "plan.docx": "docx"}


@pytest.fixture(scope="module")
def build(tmp_path_factory, cjk_font):
    raw = tmp_path_factory.mktemp("raw")
    docs = raw / "documents"
    docs.mkdir()
    shutil.copytree(ROOT / "raw" / "statistics", raw / "statistics")
    (docs / "plan.txt").write_text(pf.plan_text(), encoding="utf-8")
    (docs / "plan.pdf").write_bytes(pf.plan_pdf())
    (docs / "plan.docx").write_bytes(pf.plan_docx())
    for bad in pf.BAD_FILES:
        (docs / bad.name).write_bytes(bad.make())
    warehouse = tmp_path_factory.mktemp("warehouse") / "plans.duckdb"
    return warehouse, plans_build(raw, warehouse)


def test_build_publishes(build):
    warehouse, result = build
    assert result.returncode == 0, result.stdout + result.stderr
    n_bad = len(pf.BAD_FILES)
    assert f"documents  read {3 + n_bad} · accepted 3 · rejected {n_bad}" in result.stdout, result.stdout


def test_the_three_formats_give_the_same_facts(build):
    warehouse, _ = build
    facts: dict[str, set] = {name: set() for name in VERSIONS}
    for source_file, *fact in query(warehouse, "SELECT source_file, indicator_name, value, unit, role, year "
                                               "FROM marts.plan_facts"):
        facts[source_file].add(tuple(fact))
    assert len(facts["plan.txt"]) >= 30
    assert facts["plan.pdf"] == facts["plan.txt"]
    assert facts["plan.docx"] == facts["plan.txt"]
    formats = dict(query(warehouse, "SELECT source_file, format FROM marts.documents"))
    assert formats == VERSIONS
    titles = {r[0] for r in query(warehouse, "SELECT plan_title FROM marts.documents")}
    assert titles == {pf.PLAN_TITLE}


def test_pdf_facts_carry_their_page(build):
    warehouse, _ = build
    pages = query(warehouse, "SELECT source_file, count(*), count(page_number), min(page_number), "
                             "max(page_number) FROM marts.plan_facts GROUP BY 1 ORDER BY 1")
    by_file = {r[0]: r[1:] for r in pages}
    total, with_page, first, last = by_file["plan.pdf"]
    assert with_page == total and (first, last) == (2, 4)
    assert by_file["plan.txt"][1] == 0 and by_file["plan.docx"][1] == 0  # NULL where there are no pages
    table = dict(query(warehouse, "SELECT indicator_name, page_number FROM marts.plan_facts "
                                  "WHERE source_file = 'plan.pdf' AND attribute IS NOT NULL"))
    assert table["规模以上工业增加值"] == 2                  # before the page break
    assert table["研究与试验发展经费支出占GDP比重"] == 3      # after it
    # the quote is where char_start says, in the text that marts.documents' text came from
    rows = query(warehouse, "SELECT count(*) FROM marts.plan_facts WHERE source_file = 'plan.pdf' "
                            "AND char_start >= 0 AND char_end > char_start")
    assert rows[0][0] == total


def test_each_unreadable_file_is_rejected_with_its_reason(build):
    warehouse, _ = build
    rows = {r[0]: r[1:] for r in query(warehouse, "SELECT source_file, reason_code, reason "
                                                  "FROM marts.dim_rejected_documents")}
    assert {name: code for name, (code, _) in rows.items()} == {b.name: b.reason_code for b in pf.BAD_FILES}
    for bad in pf.BAD_FILES:
        assert bad.says in rows[bad.name][1], rows[bad.name][1]

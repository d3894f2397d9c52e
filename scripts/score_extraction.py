"""Score the extraction library alone against gold, without building a warehouse.

Faster than a full build when working on extraction rules:
    .venv/bin/python scripts/score_extraction.py --show-errors 20
Reads documents with planextract, extracts metadata and facts, and feeds them to
the shared scorer (../shared/tools/score_targets.py) as if read from the marts.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planextract.pipeline import process_document  # noqa: E402
from planextract.documents import read_document  # noqa: E402
from planextract.model import ParsedDocument  # noqa: E402


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_targets", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DEFAULT_SCORER = ROOT.parent / "shared" / "tools" / "score_targets.py"


def score_folder(documents: Path, gold: Path, scorer_path: Path = DEFAULT_SCORER, show_errors: int = 0) -> dict:
    """The shared scorer's report for the library's reading of `documents` against `gold`."""
    scorer = load_scorer(scorer_path)
    gold_facts, gold_docs = scorer.load_gold(gold)
    pred_facts, pred_docs = [], []
    for path in sorted(documents.iterdir()):
        parsed = read_document(path)
        if not isinstance(parsed, ParsedDocument):
            continue
        meta, facts = process_document(parsed)
        pred_docs.append({"source_file": parsed.source_file, "doc_kind": meta.doc_kind,
                          "plan_title": meta.plan_title, "region_code": meta.region_code,
                          "issuer": meta.issuer, "doc_number": meta.doc_number,
                          "published_date": meta.published_date, "period_start_year": meta.period_start_year,
                          "period_end_year": meta.period_end_year})
        for f in facts:
            row = f.as_row()
            row.update(source_file=parsed.source_file)
            pred_facts.append(row)
    return scorer.score(gold_facts, gold_docs, pred_facts, pred_docs, show_errors)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=Path, default=ROOT / "raw" / "documents")
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold" / "seeds")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--show-errors", type=int, default=0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report = score_folder(args.documents, args.gold, args.scorer, args.show_errors)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    for doc, entry in report["documents"].items():
        print(f"{doc}: tp={entry['tp']} fn={entry['fn']} fp={entry['fp']}")
        for quote in entry.get("missed", []):
            print(f"    missed: {quote}")
        for fp in entry.get("false_positives", []):
            print(f"    false positive: {fp}")
    print("fields:", json.dumps(report["fields"], ensure_ascii=False))
    print("metadata:", json.dumps(report["metadata"], ensure_ascii=False))
    f = report["facts"]
    print(f"facts: precision={f['precision']} recall={f['recall']} f1={f['f1']} field_accuracy={report['field_accuracy']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

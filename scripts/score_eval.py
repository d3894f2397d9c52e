"""Score the extraction library alone on every evaluation set in eval/ (and ../shared/dev when it is
there) and print one Markdown table row per set: documents, gold facts, F1, precision, recall and
field accuracy; with --metadata, a second table scores each document-metadata field per set.

    .venv/bin/python scripts/score_eval.py [--metadata]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_extraction import ROOT, score_folder  # noqa: E402


def sets() -> list[tuple[str, Path]]:
    numbered = sorted((ROOT / "eval").glob("set*"), key=lambda p: int(p.name[3:]) if p.name[3:].isdigit() else 0)
    found = [(p.name, p) for p in numbered if (p / "gold").is_dir()]
    dev = ROOT.parent / "shared" / "dev"
    return ([("dev", dev)] if (dev / "gold").is_dir() else []) + found


def gold_facts(gold: Path) -> int:
    return sum(1 for f in gold.glob("*.jsonl") for line in f.read_text(encoding="utf-8").splitlines()
               if line.strip() and json.loads(line).get("type") == "fact")


METADATA_FIELDS = ["region_code", "doc_kind", "issuer", "doc_number", "published_date", "plan_title", "period_end"]


def main() -> int:
    with_metadata = "--metadata" in sys.argv[1:]
    metadata_rows = []
    print("| set | documents | gold facts | F1 | precision | recall | field accuracy |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, folder in sets():
        report = score_folder(folder / "documents", folder / "gold")
        f = report["facts"]
        documents = sum(1 for _ in (folder / "documents").iterdir())
        print(f"| {name} | {documents} | {gold_facts(folder / 'gold')} | {f['f1']:.3f} | {f['precision']:.3f} | "
              f"{f['recall']:.3f} | {report['field_accuracy']:.3f} |")
        metadata = report["metadata"]
        metadata_rows.append(f"| {name} | " + " | ".join(
            f"{metadata[k]:.2f}" if k in metadata else "–" for k in METADATA_FIELDS) + " |")
    if with_metadata:
        print("\n| set | " + " | ".join(METADATA_FIELDS) + " |")
        print("| --- |" + " --- |" * len(METADATA_FIELDS))
        print("\n".join(metadata_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())

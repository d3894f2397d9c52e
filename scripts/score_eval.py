"""Score the extraction library alone on every evaluation set in eval/ (and ../shared/dev when it is
there) and print one Markdown table row per set: documents, gold facts, F1, precision, recall and
field accuracy.

    .venv/bin/python scripts/score_eval.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_extraction import ROOT, score_folder  # noqa: E402


def sets() -> list[tuple[str, Path]]:
    found = [(p.name, p) for p in sorted((ROOT / "eval").glob("set*")) if (p / "gold").is_dir()]
    dev = ROOT.parent / "shared" / "dev"
    return ([("dev", dev)] if (dev / "gold").is_dir() else []) + found


def gold_facts(gold: Path) -> int:
    return sum(1 for f in gold.glob("*.jsonl") for line in f.read_text(encoding="utf-8").splitlines()
               if line.strip() and json.loads(line).get("type") == "fact")


def main() -> int:
    print("| set | documents | gold facts | F1 | precision | recall | field accuracy |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, folder in sets():
        report = score_folder(folder / "documents", folder / "gold")
        f = report["facts"]
        documents = sum(1 for _ in (folder / "documents").iterdir())
        print(f"| {name} | {documents} | {gold_facts(folder / 'gold')} | {f['f1']:.3f} | {f['precision']:.3f} | "
              f"{f['recall']:.3f} | {report['field_accuracy']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

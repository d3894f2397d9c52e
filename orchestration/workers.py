"""Worker processes that are killed and replaced when one item exceeds its limits.

    with WorkerPool(process_file, workers=2, limits=WorkerLimits(seconds=60)) as pool:
        for item, outcome in pool.run(items):      # outcome: the function's result, or a Failure

Every document of a build is read and extracted in one of these workers, so a hostile file can
cost a worker but never the build. The limits are enforced here, from outside the work, not by
the work checking on itself:

* time: an item still running at `seconds` gets its worker SIGKILLed; a fresh worker takes its
  place and the item is a `Failure("time")`;
* memory: each worker's address space may grow by `memory_bytes` beyond what it had when it
  started (RLIMIT_AS); an item that needs more fails with MemoryError (`Failure("memory")`) or
  brings its worker down, and the worker is replaced; a worker whose heap stayed large after an
  item retires after sending its result, so the next item starts with its full budget;
* output: a result is received with `recv_bytes(maxlength=max_result_bytes)`; a bigger one is
  never read into the parent (`Failure("output")`).

A worker that dies (a parser crash, the kernel's OOM killer) fails its item with
`Failure("crash")` after one retry in a fresh worker (the crash may have had another cause).
Workers are started with `spawn` (a clean interpreter: no DuckDB connection, lock or thread
inherited from the build) and die with the process that started them (PR_SET_PDEATHSIG), so a
build killed with SIGKILL leaves no worker behind.

Why not a library: concurrent.futures cannot kill one worker; pebble can, but its workers share
one result pipe, and results are unpickled in the parent before anyone can look at their size.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

READY = b"ready"


@dataclass(frozen=True, slots=True)
class WorkerLimits:
    seconds: float = 60.0                       # wall-clock time for one item
    memory_bytes: int = 1024 * 1024 * 1024      # address space a worker may add to what it started with
    max_result_bytes: int = 512 * 1024 * 1024   # pickled result of one item


@dataclass(frozen=True, slots=True)
class Failure:
    """An item its worker could not finish: `kind` is time | memory | output | crash | error (the
    function raised instead of returning)."""

    kind: str
    detail: str


class WorkerStartError(RuntimeError):
    """A worker died before it could take any work: a broken installation, not a bad document."""


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    item: object = None
    index: int = -1
    deadline: float = 0.0


class WorkerPool:
    """`function(*item)` for every item, in `workers` processes under `limits`."""

    def __init__(self, function: Callable, workers: int, limits: WorkerLimits = WorkerLimits(),
                 initializer: Callable[[], None] | None = None):
        """`initializer` runs once in each worker before its memory is measured (load what every
        item needs, so it does not count against the first item's budget)."""
        self.function, self.size, self.limits, self.initializer = function, max(1, workers), limits, initializer
        self._ctx = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []
        self.replaced = 0  # workers killed or lost and started anew

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def run(self, items: Iterable[tuple]) -> Iterator[tuple[tuple, object]]:
        """(item, result or Failure) for each item, in the order they finish. The pool may run
        several batches one after another; a batch left unfinished (the caller stopped reading)
        takes the workers still busy with it down, so no stale result reaches the next one."""
        pending: deque[tuple[int, tuple]] = deque(enumerate(items))
        idle: list[_Worker] = list(self._workers)  # between batches every worker is idle
        busy: dict[Connection, _Worker] = {}
        while len(self._workers) < min(self.size, len(pending)):
            idle.append(self._start())
        try:
            yield from self._batch(pending, idle, busy)
        finally:
            for worker in busy.values():
                self._kill(worker)
                self._workers.remove(worker)

    def _batch(self, pending: deque, idle: list[_Worker], busy: dict[Connection, _Worker]):
        retried: set[int] = set()
        while pending or busy:
            while idle and pending:
                worker = idle.pop()
                worker.index, worker.item = pending.popleft()
                worker.deadline = time.monotonic() + self.limits.seconds
                try:
                    worker.conn.send(worker.item)
                except OSError:  # it died while idle: put the item back, start another
                    pending.appendleft((worker.index, worker.item))
                    idle.append(self._replace(worker))
                    continue
                busy[worker.conn] = worker
            now = time.monotonic()
            timeout = max(0.0, min(w.deadline for w in busy.values()) - now) if busy else None
            for conn in wait(list(busy), timeout=timeout):
                worker = busy.pop(conn)
                outcome, healthy = self._receive(worker)
                index, item = worker.index, worker.item
                idle.append(worker if healthy else self._replace(worker))  # before yielding: the
                #                                   caller may stop reading, the pool must stay whole
                if isinstance(outcome, Failure) and outcome.kind == "crash" and index not in retried:
                    retried.add(index)
                    pending.appendleft((index, item))
                else:
                    yield item, outcome
            now = time.monotonic()
            for conn, worker in list(busy.items()):
                if worker.deadline <= now:
                    del busy[conn]
                    idle.append(self._replace(worker))
                    yield worker.item, Failure("time", f"still running after {self.limits.seconds:g} s")

    # ---- one worker ------------------------------------------------------------------

    def _receive(self, worker: _Worker) -> tuple[object, bool]:
        """(result or Failure, whether the worker may take more work)."""
        try:
            payload = worker.conn.recv_bytes(maxlength=self.limits.max_result_bytes)
        except EOFError:
            self._kill(worker)
            code = worker.process.exitcode
            how = f"signal {signal.Signals(-code).name}" if code and code < 0 else f"exit status {code}"
            return Failure("crash", f"its worker process died ({how}) — a parser crash, or more memory than "
                                    f"the machine could give"), False
        except OSError:  # longer than maxlength: never read into this process
            self._kill(worker)
            return Failure("output", f"its result was larger than "
                                     f"{self.limits.max_result_bytes // (1024 * 1024):,} MiB"), False
        kind, value, retire = pickle.loads(payload)
        if kind == "ok":
            return value, not retire
        if kind == "memory":
            return Failure("memory", f"it needed more than {self.limits.memory_bytes // (1024 * 1024):,} MiB"), False
        return Failure("error", value), not retire

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(target=_worker_main, name="plans-extract",
                                    args=(child, self.function, self.initializer, self.limits.memory_bytes,
                                          os.getpid()), daemon=True)
        process.start()
        child.close()
        if not parent.poll(120) or _recv_ready(parent) != READY:
            process.kill()
            process.join()
            raise WorkerStartError(f"an extraction worker failed to start (exit status {process.exitcode}); "
                                   f"check that the environment is installed (make setup)")
        worker = _Worker(process, parent)
        self._workers.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker:
        self._kill(worker)
        self._workers.remove(worker)
        self.replaced += 1
        return self._start()

    @staticmethod
    def _kill(worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()

    def close(self) -> None:
        for worker in self._workers:
            self._kill(worker)
        self._workers.clear()


def _recv_ready(conn: Connection) -> bytes | None:
    try:
        return conn.recv_bytes(maxlength=64)
    except (EOFError, OSError):
        return None


# ---- inside a worker -------------------------------------------------------------------

def _worker_main(conn: Connection, function: Callable, initializer: Callable[[], None] | None, memory_bytes: int,
                 parent_pid: int) -> None:
    _die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the build, which stops us
    if initializer is not None:
        initializer()
    start = _address_space()
    resource.setrlimit(resource.RLIMIT_AS, (start + memory_bytes, start + memory_bytes))
    conn.send_bytes(READY)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        try:
            message = ("ok", function(*item))
        except MemoryError:
            message = ("memory", None)
        except BaseException as exc:  # the function should return failures, not raise them
            message = ("error", f"{type(exc).__name__}: {str(exc)[:300]}")
        retire = _address_space() - start > memory_bytes // 2 or message[0] == "memory"
        try:
            payload = pickle.dumps((*message, retire), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps(("memory", None, True))
        except Exception as exc:
            payload = pickle.dumps(("error", f"its result could not be sent ({type(exc).__name__})", retire))
        del message
        conn.send_bytes(payload)
        if retire:
            return


def _die_with_parent(parent_pid: int) -> None:
    """Linux: SIGKILL this process when the process that started it dies, however it dies."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass
    if os.getppid() != parent_pid:  # it died before we asked
        os._exit(1)


def _address_space() -> int:
    try:
        with open(f"/proc/{os.getpid()}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 4 * 1024 * 1024 * 1024

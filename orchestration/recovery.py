"""What a build killed at any moment leaves behind, and how the next build deals with it.

A build can be killed anywhere (SIGKILL, the OOM killer, a reboot). The published warehouse is
never at risk: it is replaced by one `rename` of a complete file (`orchestration.publish`). What
can be left is the build's own state, and the next build handles each case by itself:

* the lock: `flock`, dropped by the kernel with its holder (`orchestration.lock`);
* the working file `*.build.duckdb` and its WAL: DuckDB replays or discards the WAL on open. A
  process of the killed build that is still finishing (dbt runs in a child process and may
  outlive its parent by a few seconds) holds DuckDB's own file lock: `open_working_file` waits
  for it. A working file DuckDB cannot open any more is moved aside (`*.broken`, the last one
  kept for a post-mortem) and the build starts from empty: the working file is a cache of what
  raw/ gives, so nothing is lost but time;
* half-written publish files (`.<name>.<pid>.tmp`) of builds that are no longer running are
  deleted (`orchestration.publish.remove_stale_temporaries`);
* the state file (what the warehouse was built from) is written atomically; a missing or
  unreadable one only means the next build does not stop early.
"""
from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

logger = logging.getLogger("plans")

LOCK_WAIT_SECONDS = 300.0   # how long to wait for a leftover process to release the working file
_LOCK_HELD = re.compile(r"Could not set lock on file|Conflicting lock is held", re.I)
_PID = re.compile(r"PID (\d+)")


def open_working_file(path: Path, wait: float = LOCK_WAIT_SECONDS,
                      say: Callable[[str], None] | None = None) -> duckdb.DuckDBPyConnection:
    """A writable connection to the build's working DuckDB file, whatever an earlier, killed build
    left: waits while a leftover process holds it, starts afresh when it cannot be opened."""
    say = say or logger.warning
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    announced = False
    while True:
        try:
            return duckdb.connect(str(path))
        except duckdb.Error as exc:
            message = str(exc)
            if _LOCK_HELD.search(message):
                if time.monotonic() >= deadline:
                    raise RuntimeError(f"the working file {path} is still held by another process "
                                       f"({_holder(message)}) after {wait:g} s; is another build running "
                                       f"outside `plans build`?") from exc
                if not announced:
                    say(f"waiting for {_holder(message)} to release {path.name} (a process of an earlier build "
                        f"that was stopped)")
                    announced = True
                time.sleep(0.5)
                continue
            broken = _set_aside(path)
            say(f"the working file {path.name} could not be opened ({type(exc).__name__}: "
                f"{message.splitlines()[0][:200]}); moved it to {broken.name} and starting from empty "
                f"(every document is read again)")


def _holder(message: str) -> str:
    m = _PID.search(message)
    return f"process {m.group(1)}" if m else "another process"


def _set_aside(path: Path) -> Path:
    """Move a working file DuckDB cannot open (and its WAL) out of the way; keep only the last."""
    broken = path.with_name(path.name + ".broken")
    for suffix in ("", ".wal"):
        old = Path(str(broken) + suffix)
        old.unlink(missing_ok=True)
        current = Path(str(path) + suffix)
        if current.exists():
            os.replace(current, old)
    return broken

"""One build of a warehouse at a time: an advisory lock beside the published file.

    with build_lock(settings.warehouse_file, wait=0):   # raises BuildLocked if another build holds it
        ...

`plans build` takes it for the whole build, and so does every Dagster run (the `PlanWarehouse`
resource takes it for the run), so a manual build and the scheduled one never write the same
working file at once: the second waits (`wait` seconds) or stops with a message naming the
build that holds it.

The lock is `flock` on `.<warehouse name>.lock`. The kernel drops it when its holder dies, however
it dies (SIGKILL included), so there is never a stale lock to clean up by hand: the file stays,
and only says who last held it. Within one process the lock is re-entrant (the CLI holds it and
the Dagster run it starts takes it again). A forked child closes its inherited copy at once, so
a leftover child process can never keep the lock of a build that has died.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

POLL_SECONDS = 0.5


class BuildLocked(RuntimeError):
    """Another build of the same warehouse holds the lock."""


_held: dict[str, list] = {}  # lock path -> [file object, depth], for this process


def lock_path(warehouse_file: Path) -> Path:
    return Path(warehouse_file).with_name(f".{Path(warehouse_file).name}.lock")


def holder(warehouse_file: Path) -> str:
    """Who holds (or last held) the lock, as its holder wrote it."""
    try:
        return lock_path(warehouse_file).read_text(encoding="utf-8").strip() or "another process"
    except OSError:
        return "another process"


@contextlib.contextmanager
def build_lock(warehouse_file: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the build lock of `warehouse_file`, waiting up to `wait` seconds for it."""
    path = lock_path(warehouse_file)
    key = str(path.resolve())
    if key in _held:  # re-entrant within this process
        _held[key][1] += 1
        try:
            yield
        finally:
            _held[key][1] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="utf-8")  # never truncates what the holder wrote
    try:
        _acquire(handle, warehouse_file, wait)
        handle.seek(0)
        handle.truncate()
        handle.write(f"build pid {os.getpid()} on {socket.gethostname()} since "
                     f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC\n")
        handle.flush()
        _held[key] = [handle, 1]
        try:
            yield
        finally:
            del _held[key]
    finally:
        handle.close()  # releases the lock


def _acquire(handle, warehouse_file: Path, wait: float) -> None:
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise BuildLocked(f"another build of {warehouse_file} is running ({holder(warehouse_file)}); "
                                  f"it was left alone. Try again when it has finished, or pass --wait SECONDS "
                                  f"to wait for it.") from None
            time.sleep(POLL_SECONDS)


def _forget_in_child() -> None:
    """After fork: this process is not the build; drop its copies of the lock without releasing
    the parent's (closing our descriptor only ends our reference to the shared lock)."""
    for handle, _depth in _held.values():
        try:
            handle.close()
        except OSError:
            pass
    _held.clear()


os.register_at_fork(after_in_child=_forget_in_child)

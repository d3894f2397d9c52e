"""Hard limits for reading one binary file: a child process with a deadline and a memory cap.

PDF and Word parsers are large C and Python libraries fed untrusted bytes; a hostile or broken
file can make them loop, recurse or allocate without end. `run_isolated` forks a child that
reads the file under `RLIMIT_AS` (its address space may grow by `limits.memory_bytes`, no more)
and `RLIMIT_CPU`, and kills it at `limits.seconds` of wall time. Whatever happens in the child,
the parent gets a `Reading` or an `Unreadable` with a reason, and goes on with the next file.

Forking is cheap (the parser libraries are already imported in the parent) and the child only
runs the reader, so it is safe inside the landing worker processes and the Dagster process.
Where fork is unavailable the reader runs in-process with its own page and time checks only.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable

from .base import Reading, ReadLimits, Unreadable


def run_isolated(read: Callable[[bytes, ReadLimits], Reading], data: bytes, limits: ReadLimits,
                 what: str = "document") -> Reading:
    """`read(data, limits)` in a child process; its Reading, or Unreadable when it fails or
    exceeds a limit."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return read(data, limits)
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(read, data, limits, sender), daemon=True)
    started = time.monotonic()
    child.start()
    sender.close()
    try:
        if not receiver.poll(limits.seconds):
            raise Unreadable("limit_exceeded", f"Reading this {what} file took longer than {limits.seconds:g} s "
                                               f"and was stopped; split it into smaller files or convert it "
                                               f"to text.")
        try:
            kind, payload = receiver.recv()
        except EOFError:
            child.join(1)
            raise Unreadable("corrupt", _crash_reason(what, child.exitcode, limits)) from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if kind == "ok":
        return payload
    if kind == "unreadable":
        raise Unreadable(*payload)
    if kind == "memory":
        raise Unreadable("limit_exceeded", f"Reading this {what} file needed more than "
                                           f"{limits.memory_bytes // (1024 * 1024)} MiB of memory and was "
                                           f"stopped; split it into smaller files or convert it to text.")
    raise Unreadable("corrupt", f"The {what} reader failed on this file ({payload}) after "
                                f"{time.monotonic() - started:.1f} s; the file is probably damaged. "
                                f"Open and re-save it, or download it again.")


def _crash_reason(what: str, exitcode: int | None, limits: ReadLimits) -> str:
    how = f"signal {-exitcode}" if exitcode and exitcode < 0 else f"exit status {exitcode}"
    if exitcode == -signal.SIGXCPU:
        how = "CPU time limit"
    return (f"The {what} reader stopped on this file ({how}): the file is damaged or needs more than "
            f"{limits.memory_bytes // (1024 * 1024)} MiB of memory. Open and re-save it, or download it again.")


def _child(read, data: bytes, limits: ReadLimits, sender) -> None:
    try:
        _limit_resources(limits)
        try:
            result = ("ok", read(data, limits))
        except Unreadable as exc:
            result = ("unreadable", (exc.reason_code, exc.reason))
        except MemoryError:
            result = ("memory", None)
        except Exception as exc:  # a parser bug or a file it cannot handle
            result = ("error", f"{type(exc).__name__}: {str(exc)[:200]}")
        sender.send(result)
    finally:
        sender.close()


def _limit_resources(limits: ReadLimits) -> None:
    """Cap the child's address space at what it has now plus the budget, and its CPU time."""
    grown = _address_space() + limits.memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (grown, grown))
    cpu = int(limits.seconds) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _address_space() -> int:
    try:
        with open(f"/proc/{os.getpid()}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 4 * 1024 * 1024 * 1024  # unknown: leave room

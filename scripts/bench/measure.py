"""How a measurement is taken: a `plans build` (or any command) timed for wall and CPU seconds,
its process tree's peak memory sampled from /proc, its progress lines turned into steps, and
the machine's load before and after (the machine may be shared: CPU seconds are the figure a
busy neighbour distorts least)."""
from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
OUT = ROOT / "bench" / "out"


def load() -> float:
    return round(os.getloadavg()[0], 2)


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class TreeSampler(threading.Thread):
    """Peak of the summed RSS of a process and all its descendants, sampled from /proc."""

    def __init__(self, root_pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.root, self.interval = root_pid, interval
        self.peak_rss_kb = 0
        self._halt = threading.Event()

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", "rb") as fh:
                        stat = fh.read()
                except OSError:
                    continue
                children.setdefault(int(stat[stat.rindex(b")") + 2:].split()[1]), []).append(int(entry))
        tree, todo = [], [self.root]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(children.get(pid, []))
        return tree

    @staticmethod
    def _rss_kb(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as fh:
                return next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
        except OSError:
            return 0

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak_rss_kb = max(self.peak_rss_kb, sum(self._rss_kb(pid) for pid in self._tree()))
            self._halt.wait(self.interval)


# progress lines of `plans build` that end a step (the step is the time since the previous marker)
STEPS = [("start-up", r"full log"), ("scan + landing", r"^landed |Nothing changed"),
         ("dbt", r"^dbt build: \d+ nodes"), ("validation", r"^publishing "), ("publish + site", r"^report site")]


@dataclass
class Timed:
    """One timed command: wall and CPU seconds, peak memory of its tree, steps, load."""

    label: str
    wall: float = 0.0
    cpu: float = 0.0
    peak_mb: float = 0.0
    rc: int = 0
    steps: dict[str, float] = field(default_factory=dict)
    load_before: float = 0.0
    load_after: float = 0.0
    output: str = ""

    def figure(self) -> str:
        return f"{self.wall:.1f} s wall, {self.cpu:.1f} s CPU"

    def step_text(self) -> str:
        return ", ".join(f"{name} {seconds:.1f}" for name, seconds in self.steps.items())


def timed(label: str, cmd: list[str], cwd: Path = ROOT, env: dict | None = None) -> Timed:
    """Run `cmd`, timestamp its stderr lines as they arrive, and measure it."""
    say(f"{label}: {' '.join(str(c) for c in cmd[:6])} …")
    result = Timed(label, load_before=load())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen([str(c) for c in cmd], cwd=cwd, env={**os.environ, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    lines: list[tuple[float, str]] = []
    reader = threading.Thread(target=lambda: lines.extend(
        (time.perf_counter() - started, line.rstrip()) for line in proc.stderr), daemon=True)
    reader.start()
    stdout = proc.stdout.read()
    proc.wait()
    reader.join()
    sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result.wall = round(time.perf_counter() - started, 2)
    result.cpu = round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 2)
    result.peak_mb = round(sampler.peak_rss_kb / 1024, 0)
    result.rc, result.load_after = proc.returncode, load()
    result.output = stdout + "\n".join(text for _, text in lines)
    result.steps = _steps(lines, result.wall)
    say(f"{label}: rc {result.rc}, {result.figure()}, peak {result.peak_mb:.0f} MB"
        + (f" ({result.step_text()})" if result.steps else ""))
    return result


def _steps(lines: list[tuple[float, str]], wall: float) -> dict[str, float]:
    steps, previous = {}, 0.0
    for name, pattern in STEPS:
        at = next((t for t, text in lines if re.search(pattern, re.sub(r"^\[[\d:]+\] ", "", text))), None)
        if at is not None:
            steps[name], previous = round(at - previous, 1), at
    if steps:
        steps["summary + exit"] = round(wall - previous, 1)
    return steps


def plans_build(label: str, raw: Path, warehouse: Path, *extra: str) -> Timed:
    return timed(label, [BIN / "plans", "build", "--raw", raw, "--warehouse", warehouse, *extra])


def make_raw_dir(target: Path, documents: list[Path], statistics_dir: Path | None) -> Path:
    """A raw/ folder for `plans build`: hard links to the pristine documents (copies if links fail)."""
    import shutil

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

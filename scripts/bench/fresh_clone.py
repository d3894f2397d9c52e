"""A newcomer's first build: `git clone` of this commit, then `make run` (set-up included:
uv bootstrapped with pip, the locked stack installed from uv's cache, dbt parsed, seeds built).
Timed as its two halves, `make setup` then `make run`, whose sum is the figure."""
from __future__ import annotations

import shutil
import subprocess

from . import goals
from .goals import Row
from .measure import OUT, ROOT, timed


def run() -> list[Row]:
    clone = OUT / "fresh-clone"
    shutil.rmtree(clone, ignore_errors=True)
    subprocess.run(["git", "clone", "--quiet", "--local", str(ROOT), str(clone)], check=True)
    setup = timed("fresh clone: make setup", ["make", "setup"], cwd=clone)
    build = timed("fresh clone: make run", ["make", "run"], cwd=clone)
    wall, cpu = setup.wall + build.wall, setup.cpu + build.cpu
    return [Row("Fresh clone → published seeds (make run, set-up included)", f"≤ {goals.FRESH_CLONE_S:g} s",
                f"{wall:.1f} s wall, {cpu:.1f} s CPU", "—",
                goals.at_most(wall, goals.FRESH_CLONE_S) and setup.rc == 0 and build.rc == 0,
                f"set-up {setup.wall:.1f}; {build.step_text()}")]

"""Shared fixtures: one warehouse built from this repository's raw/, the seeds plus the example
bulletins, and a headless Chromium.

`seeds_warehouse` runs `plans build` once per test session (as the README's command does) into a
temporary folder; tests that only read the published file share it, so the suite pays for one build.

`chromium` makes sure Debian's `chromium`, its matching `chromium-driver` and a CJK font are
installed (apt-get, as root, the first time: about 25 s) and returns their paths; `browser`
drives it with Selenium through the system chromedriver (no driver or browser download).
`cjk_font` makes sure a CJK font is installed for the PDF tests (PDFium needs one to read the
fixtures' non-embedded Chinese font).
"""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_BULLETINS = ROOT / "examples" / "bulletins"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
APT_PACKAGES = ["chromium", "chromium-driver", "fonts-wqy-microhei"]  # the font: Chinese text renders
# root needs --no-sandbox; the rest keep Chromium from calling home, which a closed network refuses
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update", "--no-first-run",
                  "--disable-sync", "--window-size=1400,1000"]


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory) -> Path:
    """The published warehouse (and its report site) built from raw/ by `plans build`.

    PLANS_TEST_SEEDS_WAREHOUSE=<file> reuses a warehouse already built from raw/ (to iterate on
    tests quickly; CI never sets it)."""
    reuse = os.environ.get("PLANS_TEST_SEEDS_WAREHOUSE")
    if reuse:
        return Path(reuse).resolve()
    warehouse = tmp_path_factory.mktemp("seeds") / "plans.duckdb"
    result = subprocess.run([sys.executable, "-m", "orchestration", "build", "--raw", str(ROOT / "raw"),
                             "--warehouse", str(warehouse)], capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    (warehouse.parent / "plans-build.out").write_text(result.stdout, encoding="utf-8")
    return warehouse


def cjk_fonts() -> set[str]:
    """Font families fontconfig knows that cover Chinese."""
    if not shutil.which("fc-list"):
        return set()
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


WQY_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def ensure_packages(packages: list[str], ready, needed_by: str) -> None:
    """Install Debian packages (apt-get, as root) unless `ready()` says they are there."""
    if ready():
        return
    if os.geteuid() != 0:
        pytest.fail(f"{needed_by} need {' '.join(packages)}: sudo apt-get install -y {' '.join(packages)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    with open(Path(tempfile.gettempdir()) / "plan-warehouse-apt.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two test sessions at once: one installs, the other waits
        if ready():
            return
        for command in (["apt-get", "update", "-qq"],
                        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]):
            done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)
            assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    assert ready(), f"apt-get did not install {' '.join(packages)}"


def ensure_chromium() -> None:
    """Install Debian's chromium, chromium-driver and a CJK font when one of them is missing."""
    ensure_packages(APT_PACKAGES, lambda: CHROMIUM.exists() and CHROMEDRIVER.exists() and bool(cjk_fonts()),
                    "the browser tests")


@pytest.fixture(scope="session")
def cjk_font() -> None:
    """A system font that covers Chinese, for the PDF tests. The fixture PDFs write Chinese in
    reportlab's built-in CID font STSong-Light, which is not embedded: PDFium lays out (and so
    reads) its characters with a system font, and without one it drops characters whose boxes are
    empty (measured on a machine with no CJK font: 经济发展 read as 经济发, the unit 家 lost)."""
    ensure_packages(["fonts-wqy-microhei"], lambda: bool(cjk_fonts()) or WQY_FONT.exists(), "the PDF tests")


@pytest.fixture(scope="session")
def chromium() -> Path:
    ensure_chromium()
    return CHROMIUM


@pytest.fixture(scope="module")
def browser(chromium, tmp_path_factory):
    """A headless Chromium driven by Selenium, with the browser console recorded."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not look for drivers online
    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def bulletin_build(tmp_path_factory):
    """The seeds and the statistics CSV of raw/, plus the two example bulletins of 台州市
    (examples/bulletins/: 2022 and 2023), built and published with `plans build` as a user
    would. Returns (raw folder, published warehouse, completed process)."""
    raw = tmp_path_factory.mktemp("raw_with_bulletins")
    shutil.copytree(ROOT / "raw" / "documents", raw / "documents")
    shutil.copytree(ROOT / "raw" / "statistics", raw / "statistics")
    for bulletin in sorted(EXAMPLE_BULLETINS.glob("*.txt")):
        shutil.copy(bulletin, raw / "documents" / bulletin.name)
    warehouse = tmp_path_factory.mktemp("warehouse_with_bulletins") / "plans.duckdb"
    result = subprocess.run([sys.executable, "-m", "orchestration", "build", "--raw", str(raw),
                             "--warehouse", str(warehouse)],
                            capture_output=True, text=True, cwd=ROOT, timeout=900)
    return raw, warehouse, result

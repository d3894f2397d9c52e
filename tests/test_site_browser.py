"""The report site, opened in a real browser (headless Chromium, driven by Selenium).

The site is the one `plans build` wrote beside the warehouse built from raw/ (conftest's
`seeds_warehouse`). The expected values come from the published warehouse itself: a target's
source link must land on its document page with exactly the fact's `quote` highlighted and in
view, every chart must have drawn marks, Chinese must be drawn with a font that has Chinese
glyphs, and the browser console must stay free of errors. Screenshots of a region page and a
provenance page are saved in the test's output folder (pytest's tmp_path; printed with -s).
"""
from __future__ import annotations

import re
import subprocess

import duckdb
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.e2e

TAIZHOU = "331000"
SEED_REGIONS = {"310000": "上海市", "330300": "温州市", "331000": "台州市"}


@pytest.fixture(scope="module")
def site(seeds_warehouse):
    site_dir = seeds_warehouse.parent / "site"
    assert (site_dir / "index.html").exists(), "plans build wrote no report site"
    return site_dir


@pytest.fixture(scope="module")
def warehouse(seeds_warehouse):
    con = duckdb.connect(str(seeds_warehouse), read_only=True)
    yield con
    con.close()


def open_page(browser, path) -> None:
    browser.get(path.as_uri())
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def console_errors(browser) -> list[dict]:
    """Errors the browser console got since the last call (the log is emptied on reading)."""
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def highlighted_text(browser) -> str:
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('mark.fact.current')).map(e => e.textContent).join('')")


def first_highlight_in_view(browser) -> bool:
    return browser.execute_script("""
        const m = document.querySelector('mark.fact.current');
        if (!m) return false;
        const r = m.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;""")


def charts_on_page(browser) -> list[dict]:
    return browser.execute_script("""
        return Array.from(document.querySelectorAll('svg.chart')).map(svg => {
            const box = svg.getBoundingClientRect();
            return {title: svg.getAttribute('aria-label'), marks: svg.querySelectorAll('.mark').length,
                    width: box.width, height: box.height,
                    drawn: Array.from(svg.querySelectorAll('.mark')).filter(m => m.getBBox().width > 0).length};
        });""")


# ---- overview ---------------------------------------------------------------------------------

def test_overview_shows_the_seed_regions_checks_and_coverage(browser, site, warehouse):
    open_page(browser, site / "index.html")
    links = {a.text: a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#region-table a")}
    for code, name in SEED_REGIONS.items():
        assert links.get(name, "").endswith(f"regions/{code}.html"), links
    run_id = warehouse.execute("SELECT run_id FROM audit.runs WHERE published").fetchone()[0]
    n_checks = warehouse.execute("SELECT count(*) FROM audit.check_results WHERE run_id = ?", [run_id]).fetchone()[0]
    assert len(browser.find_elements(By.CSS_SELECTOR, "#check-table tbody tr")) == n_checks > 0
    assert run_id[:8] in browser.find_element(By.TAG_NAME, "h1").text
    n_facts = warehouse.execute("SELECT count(*) FROM marts.plan_facts").fetchone()[0]
    assert f"{n_facts} facts published" in browser.find_element(By.CSS_SELECTOR, ".cards").text
    assert console_errors(browser) == []


# ---- a region's target → its provenance ----------------------------------------------------------

def test_region_target_opens_its_sentence_with_the_quote_highlighted(browser, site, warehouse, tmp_path):
    target_id, fact_id, doc_id = warehouse.execute(
        "SELECT target_id, primary_fact_id, primary_doc_id FROM marts.fct_plan_targets "
        "WHERE region_code = ? AND indicator_name = '规模以上工业总产值' AND value = 10000 AND unit = '亿元'",
        [TAIZHOU]).fetchone()
    quote = warehouse.execute("SELECT quote FROM marts.plan_facts WHERE fact_id = ?", [fact_id]).fetchone()[0]

    open_page(browser, site / "regions" / f"{TAIZHOU}.html")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("台州市")
    browser.save_screenshot(str(tmp_path / "region-331000.png"))
    link = browser.find_element(By.CSS_SELECTOR, f'#target-{target_id} a.prov[data-fact="{fact_id}"]')
    link.click()
    WebDriverWait(browser, 30).until(expected_conditions.url_contains(f"documents/{doc_id}.html#fact-{fact_id}"))
    WebDriverWait(browser, 30).until(lambda d: highlighted_text(d) != "")

    assert highlighted_text(browser) == quote
    assert first_highlight_in_view(browser), "the highlighted quote was not scrolled into view"
    row = browser.find_element(By.ID, f"row-{fact_id}")
    assert "current" in row.get_attribute("class")
    browser.save_screenshot(str(tmp_path / f"provenance-{fact_id}.png"))
    print(f"screenshots: {tmp_path}")
    assert console_errors(browser) == []


def test_every_fact_on_every_document_page_highlights_its_quote(browser, site, warehouse):
    facts = warehouse.execute("SELECT doc_id, fact_id, quote FROM marts.plan_facts UNION ALL "
                              "SELECT doc_id, fact_id, quote FROM marts.quarantined_facts ORDER BY 1, 2").fetchall()
    by_document: dict[str, dict[str, str]] = {}
    for doc_id, fact_id, quote in facts:
        by_document.setdefault(doc_id, {})[fact_id] = quote
    assert by_document
    wrong = []
    for doc_id, quotes in by_document.items():
        open_page(browser, site / "documents" / f"{doc_id}.html")
        # follow each fact's anchor in turn, as a click on its link does, and read what is highlighted
        shown = browser.execute_async_script("""
            const [factIds, done] = arguments;
            const shown = {};
            const next = (i) => {
                if (i === factIds.length) return done(shown);
                window.addEventListener('hashchange', () => setTimeout(() => {
                    shown[factIds[i]] = Array.from(document.querySelectorAll('mark.fact.current'))
                        .map(e => e.textContent).join('');
                    next(i + 1);
                }, 0), {once: true});
                window.location.hash = 'fact-' + factIds[i];
            };
            next(0);""", list(quotes))
        wrong += [(fact_id, quote, shown.get(fact_id)) for fact_id, quote in quotes.items()
                  if shown.get(fact_id) != quote]
    assert wrong == []
    assert console_errors(browser) == []


# ---- charts -------------------------------------------------------------------------------------

def test_every_chart_on_region_and_indicator_pages_is_drawn(browser, site):
    pages = sorted((site / "regions").glob("*.html")) + sorted((site / "indicators").glob("*.html"))
    assert len(pages) > len(SEED_REGIONS)
    empty, errors, charted = [], [], 0
    for path in pages:
        open_page(browser, path)
        for chart in charts_on_page(browser):
            charted += 1
            if not (chart["marks"] and chart["drawn"] == chart["marks"] and chart["width"] > 0 and chart["height"] > 0):
                empty.append((path.name, chart))
        errors += [(path.name, e["message"]) for e in console_errors(browser)]
    assert empty == []
    assert errors == []
    open_page(browser, site / "regions" / f"{TAIZHOU}.html")
    assert len(charts_on_page(browser)) >= 10, "台州's plan has a table of targets with baselines to chart"
    assert charted > 20


def test_chinese_is_drawn_with_a_font_that_has_chinese_glyphs(browser, site):
    open_page(browser, site / "regions" / f"{TAIZHOU}.html")
    browser.execute_cdp_cmd("DOM.enable", {})
    browser.execute_cdp_cmd("CSS.enable", {})
    root = browser.execute_cdp_cmd("DOM.getDocument", {})["root"]["nodeId"]
    checked = 0
    for selector in ("h1", "svg.chart .chart-title"):
        node = browser.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        text = browser.execute_script("return document.querySelector(arguments[0]).textContent", selector)
        han = len(re.findall(r"[\u4e00-\u9fff]", text))
        assert han, text
        fonts = browser.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        chinese_fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
        drawn_by_cjk = sum(f["glyphCount"] for f in fonts if f["familyName"] in chinese_fonts)
        assert drawn_by_cjk >= han, (text, fonts)
        checked += 1
    assert checked == 2


# ---- offline ------------------------------------------------------------------------------------

def test_site_needs_no_network_and_stays_small_per_page(site):
    remote = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)
    pages = list(site.rglob("*.html"))
    assert pages
    assert [p.name for p in pages if remote.search(p.read_text(encoding="utf-8"))] == []
    for asset in ("static/site.css", "static/site.js"):
        assert (site / asset).exists()

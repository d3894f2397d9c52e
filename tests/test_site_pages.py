"""The report site's parts without a browser: marked provenance text, SVG charts, the publish swap,
and `plans site` on the seeds warehouse (the browser tests are in test_site_browser.py)."""
from __future__ import annotations

import filecmp
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from orchestration import publish as publish_module
from orchestration.site import charts
from orchestration.site.pages import indicator_slug, num
from orchestration.site.provenance import Span, marked_text

ROOT = Path(__file__).resolve().parent.parent


def pieces(html: str) -> list[tuple[str, str]]:
    """(data-facts, text) of every <mark>, in order."""
    return re.findall(r'<mark class="[^"]*" data-facts="([^"]*)"[^>]*>([^<]*)</mark>', html)


# ---- provenance ---------------------------------------------------------------------------------

def test_overlapping_spans_are_cut_into_pieces_that_name_every_covering_fact():
    text = "到2025年，规模以上工业总产值突破10000亿元。"
    whole = text.index("规模以上工业总产值突破10000亿元")
    number = text.index("10000亿元")
    html = str(marked_text(text, [Span("d-1", whole, whole + len("规模以上工业总产值突破10000亿元")),
                                  Span("d-2", number, number + len("10000亿元"))]))
    assert pieces(html) == [("d-1", "规模以上工业总产值突破"), ("d-1 d-2", "10000亿元")]
    # each fact's words are the pieces that name it
    for fact, quote in (("d-1", "规模以上工业总产值突破10000亿元"), ("d-2", "10000亿元")):
        assert "".join(t for ids, t in pieces(html) if fact in ids.split()) == quote
    assert html.index('id="fact-d-1"') < html.index("规模") and html.index('id="fact-d-2"') < html.index("10000")
    assert re.sub(r"<[^>]+>", "", html) == text  # nothing added, nothing lost


def test_text_is_escaped_and_bad_spans_are_not_marked():
    text = "a <b> & 1.2%"
    html = str(marked_text(text, [Span("x-1", 2, 5), Span("x-2", 8, 99), Span("x-3", None, None)]))
    assert pieces(html) == [("x-1", "&lt;b&gt;")]
    assert "<b>" not in html and "&amp;" in html
    assert "fact-x-2" not in html and "fact-x-3" not in html


def test_same_span_twice_and_empty_span():
    html = str(marked_text("总产值1万亿元", [Span("a", 3, 7), Span("b", 3, 7), Span("c", 0, 0)]))
    assert pieces(html) == [("a b", "1万亿元")]
    assert 'id="fact-c"' in html


def test_quarantined_pieces_are_told_apart():
    html = str(marked_text("甲乙丙", [Span("q", 0, 2, quarantined=True), Span("p", 1, 3)]))
    assert re.findall(r'<mark class="([^"]*)" data-facts="([^"]*)"', html) == [
        ("fact quarantined", "q"), ("fact", "q p"), ("fact", "p")]


# ---- charts ---------------------------------------------------------------------------------------

def test_ticks_cover_the_values_with_round_steps():
    for low, high in ((0, 1e12), (-7.8, 10), (0, 0), (35, 35), (0.1, 0.7)):
        ticks = charts.nice_ticks(low, high)
        assert ticks[0] <= low and ticks[-1] >= high and len(ticks) >= 2
        steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:])}
        assert len(steps) == 1


def test_axis_labels_use_chinese_magnitudes():
    assert charts.compact(1.2e12) == "1.2万亿"
    assert charts.compact(5.269e11) == "5269亿"
    assert charts.compact(3e4) == "3万"
    assert charts.compact(2.7) == "2.7" and charts.compact(-7.8) == "-7.8" and charts.compact(1000) == "1000"


def test_chart_draws_one_mark_per_point_and_escapes_labels():
    chart = charts.Chart(title="规模以上工业总产值 <level>", unit="CNY")
    base = charts.Point(2020, 5.269e11, "baseline")
    target = charts.Point(2025, 1e12, "target")
    chart.points += [base, target, charts.Point(2025, 1.2e12, "stretch"), charts.Point(2021, 6e11, "actual"),
                     charts.Point(2022, 7e11, "actual")]
    chart.paths.append((base, target))
    svg = str(charts.render(chart))
    assert svg.startswith('<svg class="chart"') and svg.endswith("</svg>")
    assert svg.count('<g class="mark') == 5
    assert "&lt;level&gt;" in svg and "<level>" not in svg
    assert 'class="actual-line"' in svg and 'class="path"' in svg


def test_many_values_of_a_year_become_one_median_mark_with_their_range():
    chart = charts.Chart(title="工业投资", unit="CNY")
    chart.points += [charts.Point(2025, v * 1e9, "target") for v in range(1, 301)]  # 300 news reports
    chart.points += [charts.Point(2020, 5e9, "baseline"), charts.Point(2020, 5e9, "baseline")]
    svg = str(charts.render(chart))
    assert svg.count('<g class="mark') == 2  # one for the 300 targets, one for the repeated baseline
    assert svg.count('class="range target"') == 1
    assert "300 different values" in svg and "median 1505亿" in svg
    assert len(svg) < 5000


def test_numbers_and_file_names():
    assert (num(10000.0), num(2.7), num(1.2e12), num(None), num(-7.8)) == ("10000", "2.7", "1.2e12", "—", "-7.8")
    assert indicator_slug("gdp") == "gdp"
    slug = indicator_slug("unreviewed__总产值(营业收入)")
    assert re.fullmatch(r"x-[0-9a-f]{16}", slug) and slug != indicator_slug("unreviewed__总产值")


# ---- publishing ---------------------------------------------------------------------------------

def tiny_build_file(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE SCHEMA marts; CREATE SCHEMA audit")
    con.execute("CREATE TABLE marts.plan_facts AS SELECT 'd-1' AS fact_id")
    con.execute("CREATE TABLE audit.quarantine (run_id VARCHAR, fact_id VARCHAR, reason VARCHAR, suite VARCHAR, "
                "check_name VARCHAR)")
    con.close()


def test_a_site_that_cannot_be_written_keeps_the_old_warehouse_and_site(tmp_path, monkeypatch):
    build, warehouse, site = tmp_path / "b.duckdb", tmp_path / "plans.duckdb", tmp_path / "site"
    tiny_build_file(build)
    warehouse.write_bytes(b"the previous warehouse")
    site.mkdir()
    (site / "index.html").write_text("the previous site")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(publish_module, "stage_site", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        publish_module.publish(build, warehouse, "run-1", site)
    assert warehouse.read_bytes() == b"the previous warehouse"
    assert (site / "index.html").read_text() == "the previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.duckdb", "plans.duckdb", "site"]


@pytest.mark.e2e
def test_plans_build_prints_the_site_and_plans_site_rewrites_it_identically(seeds_warehouse, tmp_path):
    site = seeds_warehouse.parent / "site"
    summary = (seeds_warehouse.parent / "plans-build.out").read_text(encoding="utf-8")
    assert f"site       {site / 'index.html'}" in summary, summary
    again = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "orchestration", "site", "--warehouse", str(seeds_warehouse),
                           "--out", str(again)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "pages" in done.stdout
    compared = filecmp.dircmp(site, again)

    def differences(c: filecmp.dircmp) -> list:
        return c.left_only + c.right_only + c.diff_files + [d for sub in c.subdirs.values() for d in differences(sub)]

    assert differences(compared) == [], "the site is a function of the published file alone"
    assert {"index.html", "documents.html", "regions", "indicators", "documents", "static"} <= set(
        p.name for p in site.iterdir())

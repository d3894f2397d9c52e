"""Render the report site's pages from the published warehouse with Jinja2 templates.

One function per kind of page; each reads what it shows through `data` and writes one file.
Pages link with relative URLs, so the folder works from file:// (no server) and can be copied.
"""
from __future__ import annotations

import hashlib
import math
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from . import charts, data
from .provenance import Span, marked_text, valid_spans

DOCUMENT_BATCH = 500  # documents read per query: memory stays flat however large the corpus
INDEX_PAGE_ROWS = 1000  # rows per page of the documents index
OVERVIEW_LIST_LIMIT = 500  # rejected documents and quarantined facts listed on the overview
SMALL_MULTIPLES_LIMIT = 150  # regions charted side by side on an indicator page (the table has them all)
STATIC = Path(__file__).with_name("static")


@dataclass
class SiteStats:
    pages: dict[str, int] = field(default_factory=dict)  # kind of page → count
    bytes_written: int = 0
    largest_page: tuple[str, int] = ("", 0)

    def count(self, kind: str, path: Path, size: int) -> None:
        self.pages[kind] = self.pages.get(kind, 0) + 1
        self.bytes_written += size
        if size > self.largest_page[1]:
            self.largest_page = (str(path), size)


# ---- formatting used by the templates ----------------------------------------------------------

def num(value) -> str:
    """A number as a person writes it: 10000, 2.7, 1.2e12 (no float noise)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if value == int(value) and abs(value) < 1e9:
        return str(int(value))
    if abs(value) >= 1e9:
        mantissa, exponent = f"{value:.4e}".split("e")
        return f"{float(mantissa):g}e{int(exponent)}"
    return f"{value:.6g}"


def verdict(on_track, basis) -> str:
    if on_track is True:
        return "on track"
    if on_track is False:
        return "off track"
    return f"no verdict ({(basis or 'unknown').replace('_', ' ')})"


def verdict_class(on_track) -> str:
    return {True: "ok", False: "bad"}.get(on_track, "none")


def indicator_slug(canonical_indicator_id: str) -> str:
    """A file name for an indicator page: the id when it is plain ASCII, else a short hash of it."""
    if re.fullmatch(r"[a-z0-9_]{1,80}", canonical_indicator_id or ""):
        return canonical_indicator_id
    return "x-" + hashlib.sha1((canonical_indicator_id or "").encode()).hexdigest()[:16]


class Site:
    """Writes every page of one site into `out_dir` from an open read-only connection."""

    def __init__(self, con, out_dir: Path):
        self.con = con
        self.out = out_dir
        self.stats = SiteStats()
        self.env = Environment(loader=PackageLoader("orchestration.site", "templates"),
                               autoescape=select_autoescape(["html", "j2"]), undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True)
        self.env.filters.update(num=num, verdict=verdict, verdict_class=verdict_class, slug=indicator_slug)
        self.run = data.latest_run(con)
        self.indicators = {i["canonical_indicator_id"]: i for i in data.indicators(con)}
        self.regions = data.regions(con)
        self.region_codes = {r["region_code"] for r in self.regions}
        self.env.globals.update(run=self.run, indicator_pages=self.indicators, region_pages=self.region_codes)

    # ---- writing ---------------------------------------------------------------------------

    def _write(self, kind: str, relative: str, template: str, **context) -> None:
        depth = relative.count("/")
        html = self.env.get_template(template).render(root="../" * depth, page=relative, **context)
        path = self.out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        encoded = html.encode("utf-8")
        path.write_bytes(encoded)
        self.stats.count(kind, path, len(encoded))

    def copy_static(self) -> None:
        shutil.copytree(STATIC, self.out / "static", dirs_exist_ok=True)

    # ---- pages -----------------------------------------------------------------------------

    def overview(self, documents_pages: int) -> None:
        rejected_total, rejected = data.rejected_documents(self.con, OVERVIEW_LIST_LIMIT)
        by_reason, quarantined = data.quarantine(self.con, OVERVIEW_LIST_LIMIT)
        self._write("overview", "index.html", "index.html.j2", title="Overview",
                    coverage=data.coverage(self.con), regions=self.regions,
                    indicators=list(self.indicators.values()), checks=data.checks(self.con, self.run.get("run_id")),
                    rejected=rejected, rejected_total=rejected_total, quarantine_by_reason=by_reason,
                    quarantined=quarantined, list_limit=OVERVIEW_LIST_LIMIT, documents_pages=documents_pages)

    def documents_index(self) -> int:
        docs = data.documents_index(self.con)
        pages = max(1, math.ceil(len(docs) / INDEX_PAGE_ROWS))
        for n in range(pages):
            self._write("documents index", index_page_name(n), "documents.html.j2", title="Documents",
                        documents=docs[n * INDEX_PAGE_ROWS:(n + 1) * INDEX_PAGE_ROWS], page_number=n,
                        pages=[index_page_name(i) for i in range(pages)], total=len(docs))
        return pages

    def region_page(self, summary: dict) -> None:
        code = summary["region_code"]
        targets = data.region_targets(self.con, code)
        observations = data.region_observations(self.con, code)
        statistics = data.region_statistics(self.con, code)
        self._write("region", f"regions/{code}.html", "region.html.j2", title=summary["region_name"],
                    region=data.region(self.con, code), summary=summary, targets=targets,
                    observations=observations, documents=data.region_documents(self.con, code),
                    charts=region_charts(targets, observations, statistics, self.indicators))

    def indicator_page(self, summary: dict) -> None:
        cid = summary["canonical_indicator_id"]
        comparison = data.indicator_comparison(self.con, cid)
        targets = data.indicator_targets(self.con, cid)
        groups = indicator_charts(comparison, targets)
        self._write("indicator", f"indicators/{indicator_slug(cid)}.html", "indicator.html.j2",
                    title=summary["name_zh"], indicator=data.indicator(self.con, cid), summary=summary,
                    comparison=comparison, targets=targets, chart_groups=groups,
                    small_multiples_limit=SMALL_MULTIPLES_LIMIT)

    def document_pages(self, progress=None) -> None:
        ids = data.document_ids(self.con)
        for start in range(0, len(ids), DOCUMENT_BATCH):
            for doc in data.documents_batch(self.con, ids[start:start + DOCUMENT_BATCH]):
                self.document_page(doc)
            if progress and len(ids) > DOCUMENT_BATCH:
                progress(f"report site: {min(start + DOCUMENT_BATCH, len(ids)):,} of {len(ids):,} document pages")

    def document_page(self, doc: dict) -> None:
        text = doc.get("text")
        facts = doc["facts"]
        spans = [Span(f["fact_id"], f["char_start"], f["char_end"], fact_label(f), f["reasons"] is not None)
                 for f in facts]
        unplaced = set()
        if text is not None:
            _, bad = valid_spans(text, spans)
            unplaced = {s.fact_id for s in bad}
        self._write("document", f"documents/{doc['doc_id']}.html", "document.html.j2",
                    title=doc.get("plan_title") or doc["source_file"], doc=doc, facts=facts, unplaced=unplaced,
                    text_html=marked_text(text, spans) if text is not None else None)


def index_page_name(n: int) -> str:
    return "documents.html" if n == 0 else f"documents-{n + 1}.html"


def fact_label(f: dict) -> str:
    value = num(f["value"]) + (f"–{num(f['value_high'])}" if f.get("value_high") is not None else "")
    comparator = "" if f["comparator"] in (None, "=") else f["comparator"] + " "
    year = f" ({f['year']})" if f.get("year") else ""
    return f"{f['role']}: {f['indicator_name'] or '?'} {comparator}{value}{f['unit'] or ''}{year}"


# ---- charts -------------------------------------------------------------------------------------

def region_charts(targets: list[dict], observations: list[dict], statistics: dict, indicators: dict) -> list[dict]:
    """One chart per reviewed canonical indicator (and measure, base unit) the region targets."""
    groups: dict[tuple, list[dict]] = {}
    for t in targets:
        if t["needs_review"] is False and t["value_base"] is not None and t["base_unit"] and t["year"]:
            groups.setdefault((t["canonical_indicator_id"], t["measure"], t["base_unit"]), []).append(t)
    out = []
    for (cid, measure, base_unit), group in groups.items():
        chart = charts.Chart(title=f"{group[0]['canonical_indicator_name'] or cid} · {measure}", unit=base_unit)
        baselines = {}
        for t in group:
            point = charts.Point(t["year"], t["value_base"], "stretch" if t["is_aspirational"] else "target",
                                 f"{'Stretch target' if t['is_aspirational'] else 'Target'} {t['year']}: "
                                 f"{t['comparator'] or ''} {num(t['value'])}{t['unit'] or ''} "
                                 f"= {num(t['value_base'])} {base_unit} · {t['plan_title'] or ''}")
            chart.points.append(point)
            if t["baseline_value_base_resolved"] is not None and t["baseline_year_resolved"]:
                key = (t["baseline_year_resolved"], t["baseline_value_base_resolved"])
                if key not in baselines:
                    baselines[key] = charts.Point(
                        key[0], key[1], "baseline",
                        f"Baseline {key[0]}: {num(key[1])} {base_unit} (from {t['baseline_source']})")
                    chart.points.append(baselines[key])
                chart.paths.append((baselines[key], point))
        for s in statistics.get((cid, measure, base_unit), []):
            chart.points.append(charts.Point(s["year"], s["value_base"], "actual",
                                             f"Official {s['year']}: {num(s['value'])}{s['unit'] or ''} "
                                             f"= {num(s['value_base'])} {base_unit}"))
        for o in observations:
            if (o["canonical_indicator_id"], o["measure"], o["base_unit"]) == (cid, measure, base_unit) \
                    and o["value_base"] is not None and o["year"]:
                chart.points.append(charts.Point(o["year"], o["value_base"], "stated",
                                                 f"Stated in a plan {o['year']}: {num(o['value'])}{o['unit'] or ''}"))
        verdicts = sorted({verdict(t["on_track"], t["on_track_basis"]) for t in group})
        out.append({"canonical_indicator_id": cid, "measure": measure, "base_unit": base_unit,
                    "category": indicators.get(cid, {}).get("category"), "verdicts": verdicts,
                    "on_track": [t["on_track"] for t in group], "svg": charts.render(chart)})
    return sorted(out, key=lambda c: (c["category"] or "~", c["canonical_indicator_id"], c["measure"]))


def indicator_charts(comparison: list[dict], targets: list[dict]) -> list[dict]:
    """Per measure and base unit: one small chart per region on a shared scale, side by side."""
    by_group: dict[tuple, dict[str, charts.Chart]] = {}
    for row in comparison:
        key = (row["measure"], row["base_unit"])
        chart = by_group.setdefault(key, {}).setdefault(
            row["region_code"], charts.Chart(title=row["region_name"] or row["region_code"], unit=row["base_unit"]))
        if row["actual_value_base"] is not None:
            chart.points.append(charts.Point(row["year"], row["actual_value_base"], "actual",
                                             f"Official {row['year']}: {num(row['actual_value_base'])}"))
        if row["plan_observation_value_base_min"] is not None:
            chart.points.append(charts.Point(row["year"], row["plan_observation_value_base_min"], "stated",
                                             f"Stated in a plan {row['year']}: "
                                             f"{num(row['plan_observation_value_base_min'])}"))
    for t in targets:
        chart = by_group.get((t["measure"], t["base_unit"]), {}).get(t["region_code"])
        if chart is not None and t["value_base"] is not None and t["year"]:
            chart.points.append(charts.Point(t["year"], t["value_base"], "stretch" if t["is_aspirational"] else "target",
                                             f"Target {t['year']}: {t['comparator'] or ''} {num(t['value'])}"
                                             f"{t['unit'] or ''} · {t['plan_title'] or ''}"))
    groups = []
    for (measure, base_unit), per_region in sorted(by_group.items(), key=lambda kv: (kv[0][0] or "", kv[0][1] or "")):
        drawn = sorted((c for c in per_region.values() if c.has_data()), key=lambda c: -len(c.points))
        if not drawn:
            continue
        values = [p.value for c in drawn for p in c.points if p.value is not None]
        domain = (min(min(values), 0.0), max(max(values), 0.0))
        shown = drawn[:SMALL_MULTIPLES_LIMIT]
        groups.append({"measure": measure, "base_unit": base_unit, "n_regions": len(drawn),
                       "svgs": [charts.render(c, width=300, height=190, y_domain=domain) for c in shown]})
    return groups

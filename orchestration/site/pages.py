"""Render the report site's pages from the published warehouse with Jinja2 templates.

One method per kind of page; each reads what it shows through `data` and writes one file.
Templates hold the page layout; the big tables are built by `tables` (plain Python, fast).
Pages link with relative URLs, so the folder works from file:// (no server) and can be copied.
Document and region pages, most of the work at 10,000 documents, are written by a pool of
processes, each reading its own batches through its own read-only connection.
"""
from __future__ import annotations

import hashlib
import math
import multiprocessing
import os
import re
import shutil
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import charts, data, tables
from .provenance import Span, marked_text, valid_spans
from .tables import Links, num, verdict

DOCUMENT_BATCH = 500  # documents read per query: memory stays flat however large the corpus
PARALLEL_FROM = 1000  # documents; below this one process is quicker than starting a pool
INDEX_PAGE_ROWS = 1000  # rows per page of the documents index
TABLE_PAGE_ROWS = 500  # a region's targets (and observations) per page; more go to continuation pages
INDICATOR_TARGETS_LIMIT = 500  # targets listed on an indicator page (every one is on its region's pages)
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

    def add(self, other: "SiteStats") -> None:
        for kind, n in other.pages.items():
            self.pages[kind] = self.pages.get(kind, 0) + n
        self.bytes_written += other.bytes_written
        if other.largest_page[1] > self.largest_page[1]:
            self.largest_page = other.largest_page


@dataclass
class SiteContext:
    """What every page needs to know about the whole site (small, and picklable for the workers)."""
    run: dict
    indicators: dict[str, dict]  # canonical_indicator_id → summary; each has a page
    regions: list[dict]  # each has a page

    @classmethod
    def read(cls, con) -> "SiteContext":
        return cls(data.latest_run(con), {i["canonical_indicator_id"]: i for i in data.indicators(con)},
                   data.regions(con))


def indicator_slug(canonical_indicator_id: str) -> str:
    """A file name for an indicator page: the id when it is plain ASCII, else a short hash of it."""
    if re.fullmatch(r"[a-z0-9_]{1,80}", canonical_indicator_id or ""):
        return canonical_indicator_id
    return "x-" + hashlib.sha1((canonical_indicator_id or "").encode()).hexdigest()[:16]


class Site:
    """Writes the pages of one site into `out_dir` from an open read-only connection."""

    def __init__(self, con, out_dir: Path, context: SiteContext):
        self.con = con
        self.out = out_dir
        self.context = context
        self.stats = SiteStats()
        self.env = Environment(loader=PackageLoader("orchestration.site", "templates"),
                               autoescape=select_autoescape(["html", "j2"]), undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True, auto_reload=False)
        self.env.filters.update(num=num, verdict=verdict, verdict_class=tables.verdict_class)
        self.env.globals.update(run=context.run, amount=lambda value, unit: Markup(tables.amount(value, unit)))
        self.slugs = {cid: indicator_slug(cid) for cid in context.indicators}
        self.region_codes = frozenset(r["region_code"] for r in context.regions)

    @property
    def regions(self) -> list[dict]:
        return self.context.regions

    def links(self, relative: str) -> Links:
        return Links("../" * relative.count("/"), self.slugs, self.region_codes)

    # ---- writing ---------------------------------------------------------------------------

    def _write(self, kind: str, relative: str, template: str, **context) -> None:
        links = context.pop("links", None) or self.links(relative)
        html = self.env.get_template(template).render(root=links.root, links=links, page=relative, **context)
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
                    indicators=list(self.context.indicators.values()),
                    checks=data.checks(self.con, self.context.run.get("run_id")),
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
        """The region's page (charts, the first rows of its targets and observations, its documents)
        and, past TABLE_PAGE_ROWS rows, continuation pages of the tables."""
        code = summary["region_code"]
        targets = data.region_targets(self.con, code)
        observations = data.region_observations(self.con, code)
        statistics = data.region_statistics(self.con, code)
        target_pages = paged(f"regions/{code}", "targets", targets)
        observation_pages = paged(f"regions/{code}", "observations", observations)
        region = data.region(self.con, code)
        links = self.links(f"regions/{code}.html")
        self._write("region", f"regions/{code}.html", "region.html.j2", title=summary["region_name"],
                    region=region, summary=summary, links=links,
                    target_table=self.target_table(target_pages[0][1], links),
                    observation_table=tables.table(tables.OBSERVATION_COLUMNS, observation_pages[0][1], links),
                    n_shown_targets=len(target_pages[0][1]), n_shown_observations=len(observation_pages[0][1]),
                    target_pages=[name for name, _ in target_pages],
                    observation_pages=[name for name, _ in observation_pages],
                    n_targets=len(targets), n_observations=len(observations),
                    documents=data.region_documents(self.con, code),
                    charts=region_charts(targets, observations, statistics, self.context.indicators))
        for what, pages in (("targets", target_pages), ("observations", observation_pages)):
            for number, (name, chunk) in enumerate(pages[1:], start=2):
                links = self.links(name)
                rows = self.target_table(chunk, links) if what == "targets" else \
                    tables.table(tables.OBSERVATION_COLUMNS, chunk, links)
                self._write("region (continued)", name, "region_more.html.j2", title=f"{summary['region_name']} {what}",
                            region=region, what=what, rows_table=rows, n_rows=len(chunk), links=links,
                            pages=[n for n, _ in pages], page_number=number,
                            first_row=(number - 1) * TABLE_PAGE_ROWS + 1)

    @staticmethod
    def target_table(targets: list[dict], links: Links) -> Markup:
        return tables.table(tables.TARGET_COLUMNS, targets, links, css="data target-table",
                            row_id=lambda t: f"target-{t['target_id']}")

    def indicator_pages(self) -> None:
        details = data.indicator_details(self.con)
        comparisons = data.comparisons_by_indicator(self.con)
        written = set()
        for cid, targets, total in data.targets_by_indicator(self.con, INDICATOR_TARGETS_LIMIT):
            if cid in self.context.indicators:
                self.indicator_page(self.context.indicators[cid], details.get(cid), comparisons.get(cid, []),
                                    targets, total)
                written.add(cid)
        for cid, summary in self.context.indicators.items():
            if cid not in written:
                self.indicator_page(summary, details.get(cid), comparisons.get(cid, []), [], 0)

    def indicator_page(self, summary: dict, details: dict | None, comparison: list[dict], targets: list[dict],
                       n_targets: int) -> None:
        cid = summary["canonical_indicator_id"]
        relative = f"indicators/{indicator_slug(cid)}.html"
        links = self.links(relative)
        self._write("indicator", relative, "indicator.html.j2", title=summary["name_zh"], summary=summary,
                    comparison=comparison, links=links, n_targets=n_targets, n_shown_targets=len(targets),
                    target_table=tables.table(tables.INDICATOR_TARGET_COLUMNS, targets, links),
                    indicator=details or {"canonical_indicator_id": cid, "name_zh": cid, "needs_review": True},
                    chart_groups=indicator_charts(comparison), small_multiples_limit=SMALL_MULTIPLES_LIMIT)

    def all_pages(self, warehouse_file: Path, progress=None, workers: int = 0) -> None:
        """Every page. Past PARALLEL_FROM documents, document and region pages are written by a pool
        of processes (in batches) while this one writes the indicator pages and the overview."""
        ids = data.document_ids(self.con)
        batches = [("documents", ids[i:i + DOCUMENT_BATCH]) for i in range(0, len(ids), DOCUMENT_BATCH)]
        batches += [("regions", [r]) for r in self.regions]
        workers = min(workers or os.cpu_count() or 1, len(batches))
        if len(ids) < PARALLEL_FROM or workers < 2:
            for kind, keys in batches:
                self.write_batch(kind, keys)
            self.indicator_pages()
            self.overview(self.documents_index())
            return
        # spawned, not forked: this process holds a DuckDB connection and (under Dagster) threads
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = {pool.submit(write_batch, warehouse_file, self.out, self.context, kind, keys): (kind, len(keys))
                       for kind, keys in batches}
            self.indicator_pages()
            self.overview(self.documents_index())
            done = {"documents": 0, "regions": 0}
            totals = {"documents": len(ids), "regions": len(self.regions)}
            for future in as_completed(futures):
                self.stats.add(future.result())
                kind, n = futures[future]
                done[kind] += n
                if progress and (kind == "documents" or done[kind] == totals[kind]):
                    progress(f"report site: {done[kind]:,} of {totals[kind]:,} {kind[:-1]} pages")

    def write_batch(self, kind: str, keys: list) -> None:
        if kind == "documents":
            self.document_batch(keys)
        else:
            for region in keys:
                self.region_page(region)

    def document_batch(self, doc_ids: list[str]) -> None:
        for doc in data.documents_batch(self.con, doc_ids):
            self.document_page(doc)

    def document_page(self, doc: dict) -> None:
        text = doc.get("text")
        facts = doc["facts"]
        spans = [Span(f["fact_id"], f["char_start"], f["char_end"], fact_label(f), f["reasons"] is not None)
                 for f in facts]
        unplaced = set()
        if text is not None:
            _, bad = valid_spans(text, spans)
            unplaced = {s.fact_id for s in bad}
        relative = f"documents/{doc['doc_id']}.html"
        links = self.links(relative)
        fact_table = tables.table(tables.fact_columns(unplaced), facts, links, table_id="fact-table",
                                  row_id=lambda f: f"row-{f['fact_id']}",
                                  row_class=lambda f: "quarantined" if f["reasons"] is not None else "")
        self._write("document", relative, "document.html.j2", title=doc.get("plan_title") or doc["source_file"],
                    doc=doc, n_facts=len(facts), fact_table=fact_table, links=links,
                    text_html=marked_text(text, spans) if text is not None else None)


def write_batch(warehouse_file: Path, out_dir: Path, context: SiteContext, kind: str, keys: list) -> SiteStats:
    """A worker's share (a batch of documents, or a region), through its own read-only connection."""
    con = duckdb.connect(str(warehouse_file), read_only=True)
    try:
        site = Site(con, out_dir, context)
        site.write_batch(kind, keys)
        return site.stats
    finally:
        con.close()


def paged(base: str, what: str, rows: list[dict]) -> list[tuple[str, list[dict]]]:
    """[(file name, rows)] in pages of TABLE_PAGE_ROWS: the first is the region's own page."""
    chunks = [rows[i:i + TABLE_PAGE_ROWS] for i in range(0, len(rows), TABLE_PAGE_ROWS)] or [[]]
    return [(f"{base}.html" if n == 0 else f"{base}-{what}-{n + 1}.html", chunk) for n, chunk in enumerate(chunks)]


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


def indicator_charts(comparison: list[dict]) -> list[dict]:
    """Per measure and base unit: one small chart per region on a shared scale, side by side."""
    by_group: dict[tuple, dict[str, charts.Chart]] = {}
    for row in comparison:
        key = (row["measure"], row["base_unit"])
        chart = by_group.setdefault(key, {}).setdefault(
            row["region_code"], charts.Chart(title=row["region_name"] or row["region_code"], unit=row["base_unit"]))
        year = row["year"]
        for value, kind, label in ((row["actual_value_base"], "actual", "Official"),
                                   (row["plan_observation_value_base_min"], "stated", "Stated in a plan"),
                                   (row["target_value_base_min"], "target", "Target"),
                                   (row["target_value_base_max"], "target", "Target"),
                                   (row["stretch_target_value_base"], "stretch", "Stretch target")):
            if value is not None and year:
                chart.points.append(charts.Point(year, value, kind, f"{label} {year}: {num(value)} {row['base_unit']}"))
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

"""The site's big tables (targets, observations, a document's facts), written as HTML in Python.

A region can have thousands of targets and the site tens of thousands of document pages, so
the row-level HTML is built here with plain string joins (one function per column) rather than
template macros, which were most of the generation time. Each table is defined in one place:
its columns, in order, each a header and a function from a row to the cell's HTML.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from markupsafe import Markup


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


def text(value, empty: str = "—") -> str:
    return escape(str(value)) if value not in (None, "") else empty


def amount(value, unit) -> str:
    return escape(num(value) + (f" {unit}" if unit and value is not None else ""))


@dataclass(frozen=True)
class Links:
    """Relative links between pages; pages that were not written are named without a link."""
    root: str  # "" on top-level pages, "../" one folder down
    indicator_slugs: dict[str, str]  # canonical_indicator_id → file name (without .html)
    region_codes: frozenset[str]

    def fact(self, fact_id: str, doc_id: str, label: str = "source") -> str:
        fid = escape(fact_id)
        return (f'<a class="prov" href="{self.root}documents/{escape(doc_id)}.html#fact-{fid}" '
                f'data-fact="{fid}">{escape(label)}</a>')

    def indicator(self, cid: str | None, name: str | None) -> str:
        slug = self.indicator_slugs.get(cid)
        label = text(name or cid)
        return f'<a href="{self.root}indicators/{slug}.html">{label}</a>' if slug else label

    def region(self, code: str | None, name: str | None) -> str:
        label = text(name or code)
        return f'<a href="{self.root}regions/{escape(code)}.html">{label}</a>' if code in self.region_codes else label

    def document(self, doc_id: str, label: str) -> str:
        return f'<a href="{self.root}documents/{escape(doc_id)}.html">{text(label)}</a>'


@dataclass(frozen=True)
class Column:
    header: str
    cell: Callable[[dict, Links], str]  # the cell's HTML, escaped
    css: str = ""


def table(columns: list[Column], rows: list[dict], links: Links, css: str = "data", table_id: str = "",
          row_id: Callable[[dict], str] | None = None, row_class: Callable[[dict], str] | None = None) -> Markup:
    head = "".join(f"<th>{escape(c.header)}</th>" for c in columns)
    identity = f' id="{table_id}"' if table_id else ""
    out = [f'<table class="{css}"{identity}><thead><tr>{head}</tr></thead><tbody>']
    for row in rows:
        attributes = (f' id="{escape(row_id(row))}"' if row_id else "") + \
                     (f' class="{row_class(row)}"' if row_class and row_class(row) else "")
        cells = "".join(f'<td class="{c.css}">{c.cell(row, links)}</td>' if c.css else f"<td>{c.cell(row, links)}</td>"
                        for c in columns)
        out.append(f"<tr{attributes}>{cells}</tr>")
    out.append("</tbody></table>")
    return Markup("".join(out))


def _value_as_written(r: dict) -> str:
    high = f"–{num(r['value_high'])}" if r.get("value_high") is not None else ""
    return escape(f"{num(r['value'])}{high} {r['unit'] or ''}".strip())


def _baseline(t: dict) -> str:
    if t["baseline_value"] is not None:
        return escape(f"{num(t['baseline_value'])} {t['unit'] or ''} ({t['baseline_year'] or '?'})")
    if t.get("baseline_value_base_resolved") is not None:
        return (f"{amount(t['baseline_value_base_resolved'], t['base_unit'])} "
                f"({t['baseline_year_resolved']}, {text(t['baseline_source'])})")
    return "—"


def _progress(t: dict) -> str:
    latest = (f"<br><small>latest {t['actual_year']}: {amount(t['actual_value_base'], t['base_unit'])}</small>"
              if t.get("actual_value_base") is not None else "")
    return escape(verdict(t["on_track"], t["on_track_basis"])) + latest


def _sources(t: dict, links: Links) -> str:
    others = [f for f in (t["fact_ids"] or "").split(",") if f and f != t["primary_fact_id"]]
    return " ".join([links.fact(t["primary_fact_id"], t["primary_doc_id"])] +
                    [links.fact(f, f.rsplit("-", 1)[0], str(n)) for n, f in enumerate(others, start=2)])


TARGET_COLUMNS = [
    Column("Category", lambda t, _: text(t["indicator_category"])),
    Column("Indicator (as written)", lambda t, _: text(t["indicator_name"])),
    Column("Canonical", lambda t, links: links.indicator(t["canonical_indicator_id"], t["canonical_indicator_name"])),
    Column("Comparator", lambda t, _: text(t["comparator"], ""), "c"),
    Column("Value (as written)", lambda t, _: _value_as_written(t), "n"),
    Column("Base units", lambda t, _: amount(t["value_base"], t["base_unit"]), "n"),
    Column("Hedge", lambda t, _: "力争 (stretch)" if t["is_aspirational"] else ""),
    Column("Kind", lambda t, _: text(t["kind"], "") + (" per year" if t["per_year"] else "")),
    Column("Year", lambda t, _: text(t["year"]) + ("*" if t["year_inferred"] else "")),
    Column("Baseline", lambda t, _: _baseline(t)),
    Column("Attribute", lambda t, _: text(t["attribute"], "")),
    Column("Progress", lambda t, _: _progress(t)),
    Column("Plan", lambda t, _: text(t["plan_title"])),
    Column("Sources", _sources),
]

OBSERVATION_COLUMNS = [
    Column("Indicator (as written)", lambda o, _: text(o["indicator_name"])),
    Column("Canonical", lambda o, links: links.indicator(o["canonical_indicator_id"], o["canonical_indicator_id"])),
    Column("Year", lambda o, _: text(o["year"])),
    Column("Value", lambda o, _: amount(o["value"], o["unit"]), "n"),
    Column("Base units", lambda o, _: amount(o["value_base"], o["base_unit"]), "n"),
    Column("Source", lambda o, links: links.fact(o["fact_id"], o["doc_id"])),
]

INDICATOR_TARGET_COLUMNS = [
    Column("Region", lambda t, links: links.region(t["region_code"], t["region_name"])),
    Column("Indicator (as written)", lambda t, _: text(t["indicator_name"])),
    Column("Comparator", lambda t, _: text(t["comparator"], ""), "c"),
    Column("Value", lambda t, _: amount(t["value"], t["unit"]), "n"),
    Column("Base units", lambda t, _: amount(t["value_base"], t["base_unit"]), "n"),
    Column("Hedge", lambda t, _: "力争" if t["is_aspirational"] else ""),
    Column("Year", lambda t, _: text(t["year"])),
    Column("Progress", lambda t, _: escape(verdict(t["on_track"], t["on_track_basis"]))),
    Column("Plan", lambda t, _: text(t["plan_title"])),
    Column("Source", lambda t, links: links.fact(t["primary_fact_id"], t["primary_doc_id"])),
]


def _fact_quote(f: dict) -> str:
    reasons = f"<br><small class='bad'>{escape(f['reasons'])}</small>" if f["reasons"] is not None else ""
    return escape(f["quote"] or "") + reasons


def fact_columns(unplaced: set[str]) -> list[Column]:
    """A document's facts; `show` jumps to the fact's words in the text below."""
    return [
        Column("", lambda f, _: '<span title="its span is outside the text">no span</span>' if f["fact_id"] in unplaced
               else f'<a class="goto" href="#fact-{escape(f["fact_id"])}">show</a>'),
        Column("Role", lambda f, _: escape(f["role"]) + (
            f' <span class="tag bad" title="{escape(f["reasons"])}">quarantined</span>'
            if f["reasons"] is not None else "")),
        Column("Indicator (as written)", lambda f, _: text(f["indicator_name"])),
        Column("Canonical",
               lambda f, links: links.indicator(f["canonical_indicator_id"], f["canonical_indicator_name"])),
        Column("Region", lambda f, links: links.region(f["region_code"], f["region_name"])),
        Column("Comparator", lambda f, _: text(f["comparator"], ""), "c"),
        Column("Value", lambda f, _: _value_as_written(f) + (" <small>力争</small>" if f["is_aspirational"] else ""),
               "n"),
        Column("Base units", lambda f, _: amount(f["value_base"], f["base_unit"]), "n"),
        Column("Year", lambda f, _: text(f["year"])),
        Column("Baseline", lambda f, _: escape(f"{num(f['baseline_value'])} ({f['baseline_year'] or '?'})")
               if f["baseline_value"] is not None else ""),
        Column("Quote", lambda f, _: _fact_quote(f), "quote"),
    ]

"""Small SVG charts of one indicator over the years: baseline, targets, official actuals.

Plain SVG written here (no JavaScript, no library to bundle), so every chart works offline,
scales without blurring, prints, and renders Chinese labels with the reader's own fonts.
A chart is a few dozen marks on a year axis; a charting library would add weight (and, for
the JS ones, a bundle to ship) for little. Each mark carries a <title>, the browser's tooltip.
Where many documents give values of one kind for one year (hundreds of news reports restating
a city's targets), the chart draws their range and median instead of every point, so a chart
stays a few kilobytes at any corpus size.
"""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from markupsafe import Markup, escape

# how each kind of point is drawn; the legend uses the same labels
STYLES = {
    "baseline": ("Baseline", "#6b7280"),
    "target": ("Target", "#c2410c"),
    "stretch": ("Stretch target (力争)", "#c2410c"),
    "actual": ("Official statistic", "#1d4ed8"),
    "stated": ("Stated in a plan", "#047857"),
}
MARKS_PER_YEAR = 3  # more values of one kind in one year are drawn as a range with its median
MAX_PATHS = 12  # baseline → target lines drawn; beyond that they would only hide the marks


@dataclass
class Point:
    year: int
    value: float
    kind: str  # a key of STYLES
    note: str = ""  # tooltip text


@dataclass
class Chart:
    title: str
    unit: str  # the base unit of every value (CNY, percent, count …)
    points: list[Point] = field(default_factory=list)
    caption: str = ""  # e.g. the on-track verdict
    paths: list[tuple[Point, Point]] = field(default_factory=list)  # baseline → target: the required path

    def has_data(self) -> bool:
        return any(p.value is not None and math.isfinite(p.value) for p in self.points)


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values covering [low, high] (1, 2, 2.5 or 5 times a power of ten apart)."""
    if high == low:
        high, low = (high + 1, low - 1) if high == 0 else (high + abs(high) * 0.1, low - abs(low) * 0.1)
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks, t = [], first
    while t < high + step * 0.999:
        ticks.append(round(t, 12))
        t += step
    return ticks


def compact(value: float) -> str:
    """A short axis label: 1.2e12 → 1.2万亿, 5.269e11 → 5269亿, 30000 → 3万, 0.25 → 0.25 (at most
    four significant digits, never an exponent below 1e16)."""
    a = abs(value)
    for size, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if a >= size:
            return f"{value / size:.4g}{word}"
    return f"{value:.4g}"


def render(chart: Chart, width: int = 420, height: int = 230, y_domain: tuple[float, float] | None = None,
           legend: bool = True) -> Markup:
    """The chart as an inline <svg class="chart">; `y_domain` shares one scale across small multiples."""
    points = [p for p in chart.points if p.value is not None and math.isfinite(p.value)]
    left, right, top, bottom = 58, 14, 28, 40 + (18 if legend else 0)
    plot_w, plot_h = width - left - right, height - top - bottom
    years = [p.year for p in points] or [0]
    y0, y1 = min(years) - 0.5, max(years) + 0.5
    values = [p.value for p in points] or [0.0]
    lo, hi = y_domain or (min(min(values), 0.0), max(max(values), 0.0))
    ticks = nice_ticks(lo, hi)
    lo, hi = min(ticks[0], lo), max(ticks[-1], hi)

    def x(year: float) -> float:
        return left + (year - y0) / (y1 - y0) * plot_w

    def y(value: float) -> float:
        return top + (hi - value) / ((hi - lo) or 1) * plot_h

    out = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(chart.title)}">',
           f'<text class="chart-title" x="{left}" y="16">{escape(chart.title)}</text>']
    for t in ticks:  # y grid and labels
        out.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(t):.1f}" y2="{y(t):.1f}"/>'
                   f'<text class="tick" x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end">'
                   f'{escape(compact(t))}</text>')
    span = int(y1 - y0)
    step = 1 if span <= 10 else 2 if span <= 20 else 5
    for year in range(math.ceil(y0), math.floor(y1) + 1, step):
        out.append(f'<text class="tick" x="{x(year):.1f}" y="{top + plot_h + 16}" text-anchor="middle">{year}</text>')
    out.append(f'<text class="unit" x="{left}" y="{top + plot_h + 32}">{escape(chart.unit)}</text>')
    paths = {(a.year, a.value, b.year, b.value) for a, b in chart.paths if a.value is not None and b.value is not None}
    if len(paths) <= MAX_PATHS:
        for ax, ay, bx, by in sorted(paths):
            out.append(f'<line class="path" x1="{x(ax):.1f}" y1="{y(ay):.1f}" x2="{x(bx):.1f}" y2="{y(by):.1f}"/>')
    marks = summarise(points)
    actual = sorted((p for p in marks if p.kind == "actual"), key=lambda p: p.year)
    if len(actual) > 1:
        coords = " ".join(f"{x(p.year):.1f},{y(p.value):.1f}" for p in actual)
        out.append(f'<polyline class="actual-line" points="{coords}"/>')
    for p, low, high in ((m, m.low, m.high) for m in marks):
        if low is not None:
            out.append(f'<line class="range {p.kind}" x1="{x(p.year):.1f}" x2="{x(p.year):.1f}" '
                       f'y1="{y(low):.1f}" y2="{y(high):.1f}" stroke="{STYLES[p.kind][1]}"/>')
        out.append(_mark(p, x(p.year), y(p.value)))
    if legend:
        out.append(_legend({p.kind for p in points}, left, height - 10))
    out.append("</svg>")
    return Markup("".join(out))


@dataclass
class Mark(Point):
    low: float | None = None  # set when the mark stands for several values: their range
    high: float | None = None


def summarise(points: list[Point]) -> list[Mark]:
    """One mark per distinct value of a kind in a year, or, past MARKS_PER_YEAR, one median mark
    with the range of all of them."""
    groups: dict[tuple[str, int], dict[float, Point]] = {}
    for p in points:
        groups.setdefault((p.kind, p.year), {}).setdefault(p.value, p)
    marks = []
    for (kind, year), distinct in groups.items():
        if len(distinct) <= MARKS_PER_YEAR:
            marks += [Mark(p.year, p.value, p.kind, p.note) for p in distinct.values()]
            continue
        values = sorted(distinct)
        label = STYLES[kind][0]
        note = (f"{label}, {year}: {len(values)} different values from {compact(values[0])} to "
                f"{compact(values[-1])}, median {compact(statistics.median(values))}")
        marks.append(Mark(year, statistics.median(values), kind, note, values[0], values[-1]))
    return marks


def _mark(p: Point, cx: float, cy: float) -> str:
    label, colour = STYLES[p.kind]
    title = f"<title>{escape(p.note or f'{label} {p.year}: {compact(p.value)}')}</title>"
    if p.kind in ("target", "stretch"):
        fill = colour if p.kind == "target" else "white"
        shape = (f'<path d="M{cx:.1f},{cy - 6:.1f} L{cx + 6:.1f},{cy:.1f} '
                 f'L{cx:.1f},{cy + 6:.1f} L{cx - 6:.1f},{cy:.1f} Z"')
        return f'<g class="mark {p.kind}">{shape} fill="{fill}" stroke="{colour}" stroke-width="1.5">{title}</path></g>'
    if p.kind == "stated":
        return (f'<g class="mark stated"><rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" '
                f'fill="{colour}">{title}</rect></g>')
    fill = "white" if p.kind == "baseline" else colour
    return (f'<g class="mark {p.kind}"><circle cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" fill="{fill}" '
            f'stroke="{colour}" stroke-width="1.5">{title}</circle></g>')


def _legend(kinds: set[str], x0: float, y0: float) -> str:
    out, x = [], x0
    for kind in STYLES:
        if kind not in kinds:
            continue
        label, colour = STYLES[kind]
        out.append(f'<circle cx="{x + 4}" cy="{y0 - 4}" r="4" fill="{colour}"/>'
                   f'<text class="legend" x="{x + 11}" y="{y0}">{escape(label)}</text>')
        x += 18 + 6.2 * len(label)
    return "".join(out)

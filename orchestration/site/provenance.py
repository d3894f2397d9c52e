"""A document's text as HTML with every fact's span marked, for the provenance pages.

Spans may overlap (a table row and the figure inside it, two facts read from one clause), so
the text is cut at every span boundary and each piece is wrapped once, listing all the facts
that cover it (`data-facts="id1 id2"`). An empty anchor `id="fact-<fact_id>"` stands where each
fact's span starts, so `document.html#fact-<fact_id>` scrolls there even without JavaScript;
site.js then marks that fact's pieces as current. Offsets are Python string indices (Unicode
code points), the same unit as `plan_facts.char_start` / `char_end`.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    fact_id: str
    start: int
    end: int
    label: str = ""  # shown as the piece's tooltip: what the fact says
    quarantined: bool = False


def valid_spans(text: str, spans: list[Span]) -> tuple[list[Span], list[Span]]:
    """(spans that point into the text, spans that do not); the second are listed, not marked."""
    good, bad = [], []
    for s in spans:
        (good if s.start is not None and s.end is not None and 0 <= s.start <= s.end <= len(text) else bad).append(s)
    return good, bad


def anchor_id(fact_id: str) -> str:
    return f"fact-{fact_id}"


def marked_text(text: str, spans: list[Span]) -> Markup:
    """The text, HTML-escaped, with each piece covered by facts wrapped in <mark>."""
    spans, _ = valid_spans(text, spans)
    starts: dict[int, list[Span]] = defaultdict(list)
    ends: dict[int, list[Span]] = defaultdict(list)
    for s in spans:
        starts[s.start].append(s)
        ends[s.end].append(s)
    cuts = sorted({0, len(text), *starts, *ends})
    active: dict[str, Span] = {}
    out: list[str] = []
    for left, right in zip(cuts, cuts[1:] + [None]):
        for s in ends.get(left, ()):
            if s.start != s.end:
                active.pop(s.fact_id, None)
        for s in starts.get(left, ()):
            out.append(f'<span class="anchor" id="{escape(anchor_id(s.fact_id))}"></span>')
            if s.start != s.end:
                active[s.fact_id] = s
        if right is None or right == left:
            continue
        piece = escape(text[left:right])
        if not active:
            out.append(piece)
            continue
        covering = sorted(active.values(), key=lambda s: (s.start, s.fact_id))
        classes = "fact quarantined" if all(s.quarantined for s in covering) else "fact"
        ids = " ".join(s.fact_id for s in covering)
        title = "\n".join(s.label for s in covering if s.label)
        out.append(f'<mark class="{classes}" data-facts="{escape(ids)}" title="{escape(title)}">{piece}</mark>')
    return Markup("".join(out))

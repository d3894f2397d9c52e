"""Segmentation: paragraphs (lines), sentences (。！？) and clauses (，；：).

Offsets are kept everywhere so every later stage can point back into the text.
"""
from __future__ import annotations

import re

# an ASCII full stop ends a sentence after a word or a unit, never inside 1.5 or after a
# heading number (3. 建设…)
SENTENCE_END = re.compile(r"[。！？!?]+|(?<=[\u4e00-\u9fff%）)”])\.(?=\s|$|[\u4e00-\u9fff])")
CLAUSE_END = re.compile(r"[，,；;：:|｜]")
_CLAUSE_MARKS = re.compile(r"[，,；;：:|｜（(“《）)”》\"]")  # a table's pipe ends a clause too


def lines_with_offsets(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, line))
        start += len(line) + 1
    return out


def sentences(line: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; the end mark stays with its sentence."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(line):
        if line[start:m.end()].strip():
            out.append((start, line[start:m.end()]))
        start = m.end()
    if line[start:].strip():
        out.append((start, line[start:]))
    return out


def clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) spans of the clauses of a sentence, delimiters excluded.

    A delimiter inside parentheses or quotes does not end a clause.
    """
    spans, start, opened = [], 0, []
    for m in _CLAUSE_MARKS.finditer(sentence):  # only the marks, not every character
        ch, i = m.group(), m.start()
        if ch == '"':  # a straight quote closes the quote it follows (“后十") or opens one
            if opened and opened[-1] in '“"':
                opened.pop()
            else:
                opened.append(ch)
        elif ch in "（(“《":
            opened.append(ch)
        elif ch in "）)”》":
            if opened:
                opened.pop()
        elif not opened:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(sentence)))
    return spans

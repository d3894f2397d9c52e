"""Refresh the answers in docs/ANALYST_QUESTIONS.md (and its copy in the README) from a warehouse.

Every fenced ```sql block of the document is run on the published warehouse and the Markdown
table that follows it is rewritten with the real result, so the documented answers never drift
from what the SQL returns. The README gets the same questions between its
`<!-- analyst-questions:start -->` and `<!-- analyst-questions:end -->` markers, with long answers
cut to their first rows.

    .venv/bin/python scripts/render_analyst_answers.py --warehouse warehouse/plans.duckdb
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ANALYST_QUESTIONS.md"
README = ROOT / "README.md"
BLOCK = re.compile(r"```sql\n(?P<sql>.*?)```\n", re.S)
TABLE = re.compile(r"\A\n*(?:\|.*\|\n)+")
README_ROWS = 8


def cell(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        if value == int(value) and abs(value) < 1e5:
            return str(int(value))
        if abs(value) >= 1e5:  # 1.6e6, 5.269e11
            mantissa, exponent = f"{value:.4e}".split("e")
            return f"{float(mantissa):g}e{int(exponent)}"
        return f"{value:.6g}"
    if value == "":
        return "''"
    return str(value).replace("|", "\\|").replace("\n", " ")


def table(columns: list[str], rows: list[tuple], limit: int | None = None) -> str:
    shown = rows if limit is None else rows[:limit]
    lines = ["| " + " | ".join(columns) + " |", "| " + " | ".join("---" for _ in columns) + " |"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in shown]
    text = "\n".join(lines) + "\n"
    if limit is not None and len(rows) > limit:
        text += f"\n… and {len(rows) - limit} more rows (full answer in docs/ANALYST_QUESTIONS.md).\n"
    return text


def render(text: str, con, limit: int | None = None) -> str:
    out, cursor = [], 0
    for m in BLOCK.finditer(text):
        out.append(text[cursor:m.end()])
        result = con.execute(m.group("sql"))
        columns = [d[0] for d in result.description]
        rows = result.fetchall()
        rest = text[m.end():]
        old = TABLE.match(rest)
        out.append("\n" + table(columns, rows, limit))
        cursor = m.end() + (old.end() if old else 0)
    out.append(text[cursor:])
    return "".join(out)


def readme_section(doc: str, con) -> str:
    body = doc[doc.index("## Q1."):]
    body = body.replace("\n## Q", "\n### Q")
    body = "### Q" + body[len("## Q"):]
    return render(body, con, limit=README_ROWS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=ROOT / "warehouse" / "plans.duckdb")
    args = parser.parse_args()
    con = duckdb.connect(str(args.warehouse), read_only=True)
    try:
        doc = render(DOC.read_text(encoding="utf-8"), con)
        DOC.write_text(doc, encoding="utf-8")
        readme = README.read_text(encoding="utf-8")
        start, end = "<!-- analyst-questions:start -->", "<!-- analyst-questions:end -->"
        if start in readme and end in readme:
            head, rest = readme.split(start, 1)
            _, tail = rest.split(end, 1)
            README.write_text(head + start + "\n\n" + readme_section(doc, con) + "\n" + end + tail,
                              encoding="utf-8")
    finally:
        con.close()
    print(f"answers refreshed from {args.warehouse}")


if __name__ == "__main__":
    main()

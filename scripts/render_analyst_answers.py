"""Refresh the answers in docs/ANALYST_QUESTIONS.md (and its copy in the README) from a warehouse.

Every fenced ```sql block of the document is run on the published warehouse and the Markdown
table that follows it is rewritten with the real result, so the documented answers never drift
from what the SQL returns. The README gets the same questions between its
`<!-- analyst-questions:start -->` and `<!-- analyst-questions:end -->` markers, with long answers
cut to their first rows.

    .venv/bin/python scripts/render_analyst_answers.py --warehouse warehouse/plans.duckdb

A question whose section holds the marker `<!-- warehouse: raw + examples/bulletins -->` is
answered on a warehouse built from raw/ plus the example bulletins in examples/bulletins/
(`--examples-warehouse FILE`; without it the script builds one in a temporary folder with
`plans build`, as tests/conftest.py does).
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ANALYST_QUESTIONS.md"
README = ROOT / "README.md"
BLOCK = re.compile(r"```sql\n(?P<sql>.*?)```\n", re.S)
TABLE = re.compile(r"\A\n*(?:\|.*\|\n)+")
README_ROWS = 8
EXAMPLES_MARKER = "<!-- warehouse: raw + examples/bulletins -->"
SECTION = re.compile(r"^#{2,3} Q\d+\.", re.M)


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


def _uses_examples(text: str, position: int) -> bool:
    """True when the question section around `position` carries the examples marker."""
    starts = [m.start() for m in SECTION.finditer(text)]
    start = max((s for s in starts if s <= position), default=0)
    end = min((s for s in starts if s > position), default=len(text))
    return EXAMPLES_MARKER in text[start:end]


def render(text: str, con, limit: int | None = None, examples_con=None) -> str:
    out, cursor = [], 0
    for m in BLOCK.finditer(text):
        out.append(text[cursor:m.end()])
        use = examples_con if examples_con is not None and _uses_examples(text, m.start()) else con
        result = use.execute(m.group("sql"))
        columns = [d[0] for d in result.description]
        rows = result.fetchall()
        rest = text[m.end():]
        old = TABLE.match(rest)
        out.append("\n" + table(columns, rows, limit))
        cursor = m.end() + (old.end() if old else 0)
    out.append(text[cursor:])
    return "".join(out)


def readme_section(doc: str, con, examples_con=None) -> str:
    body = doc[doc.index("## Q1."):]
    body = body.replace("\n## Q", "\n### Q")
    body = "### Q" + body[len("## Q"):]
    return render(body, con, limit=README_ROWS, examples_con=examples_con)


def build_examples_warehouse(folder: Path) -> Path:
    """raw/ plus examples/bulletins/*.txt, built and published with `plans build` into `folder`."""
    raw = folder / "raw"
    shutil.copytree(ROOT / "raw" / "documents", raw / "documents")
    shutil.copytree(ROOT / "raw" / "statistics", raw / "statistics")
    for bulletin in sorted((ROOT / "examples" / "bulletins").glob("*.txt")):
        shutil.copy(bulletin, raw / "documents" / bulletin.name)
    warehouse = folder / "plans.duckdb"
    subprocess.run([sys.executable, "-m", "orchestration", "build", "--raw", str(raw), "--warehouse",
                    str(warehouse), "--quiet"], check=True, cwd=ROOT)
    return warehouse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=ROOT / "warehouse" / "plans.duckdb")
    parser.add_argument("--examples-warehouse", type=Path, default=None,
                        help="warehouse built from raw/ plus examples/bulletins/ (default: build one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        examples = args.examples_warehouse or build_examples_warehouse(Path(tmp))
        _render_all(args.warehouse, examples)
    print(f"answers refreshed from {args.warehouse} (and {args.examples_warehouse or 'raw/ + examples/bulletins/'})")


def _render_all(warehouse: Path, examples_warehouse: Path) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    examples_con = duckdb.connect(str(examples_warehouse), read_only=True)
    try:
        doc = render(DOC.read_text(encoding="utf-8"), con, examples_con=examples_con)
        DOC.write_text(doc, encoding="utf-8")
        readme = README.read_text(encoding="utf-8")
        start, end = "<!-- analyst-questions:start -->", "<!-- analyst-questions:end -->"
        if start in readme and end in readme:
            head, rest = readme.split(start, 1)
            _, tail = rest.split(end, 1)
            README.write_text(head + start + "\n\n" + readme_section(doc, con, examples_con) + "\n" + end + tail,
                              encoding="utf-8")
    finally:
        con.close()
        examples_con.close()


if __name__ == "__main__":
    main()

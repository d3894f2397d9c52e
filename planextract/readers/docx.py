"""Word .docx → paragraphs and headings one per line, tables as tab-separated rows.

python-docx opens the package (ZIP + XML, with lxml's entity expansion switched off) and gives
the document properties; the body is walked here in document order, because python-docx's
own paragraph text skips runs inside tracked insertions, content controls and smart tags,
which real government documents use. Merged cells (w:gridSpan, w:vMerge) become a grid that
`grid.flatten` turns into the rows the extractor reads. Headers, footers, footnotes and text
boxes are page furniture and are left out. Word does not store pages, so there are no page
starts.

Before anything is unpacked the ZIP directory is checked: a part that expands far beyond its
compressed size, or a package larger than `ReadLimits.max_unzipped_bytes`, is a zip bomb.
"""
from __future__ import annotations

import io
import re
import zipfile

from .base import Reading, ReadLimits, Unreadable
from .grid import GridCell, flatten

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {W + "del", W + "txbxContent", W + "footnoteReference", W + "endnoteReference", MC + "Fallback",
         W + "instrText", W + "delText"}
_SPACES = re.compile(r"[ \u00a0\u3000]+")
MAIN_PART = "word/document.xml"


class DocxReader:
    name = "docx"
    suffixes = (".docx",)
    isolated = True

    def recognises(self, data: bytes) -> bool:
        return data.startswith(b"PK\x03\x04")

    def prepare(self) -> None:
        """Import python-docx (once, in the parent: isolated reads then fork with it loaded)."""
        import docx  # noqa: F401

    def read(self, data: bytes, limits: ReadLimits) -> Reading:
        return read_docx(data, limits)


def read_docx(data: bytes, limits: ReadLimits) -> Reading:
    check_package(data, limits)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise Unreadable("corrupt", f"Word file is damaged or not a Word document ({str(exc)[:120]}). "
                                    f"Open and re-save it in Word or WPS, or download it again.") from None
    except Exception as exc:  # lxml.etree.XMLSyntaxError and friends
        raise Unreadable("corrupt", f"Word file's XML is damaged ({type(exc).__name__}: {str(exc)[:120]}). "
                                    f"Open and re-save it in Word or WPS, or download it again.") from None
    lines: list[str] = []
    for kind, element in _blocks(document.element.body):
        if kind == "p":
            lines.extend(_paragraph_lines(element))
        else:
            lines.extend(flatten(_grid(element)).lines())
    return Reading(format="docx", text="\n".join(lines), properties=_properties(document))


def check_package(data: bytes, limits: ReadLimits) -> None:
    """Reject what is not a complete Word package, or would unpack into too much."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Unreadable("corrupt", f"Word file is truncated or damaged: its ZIP directory cannot be read "
                                    f"({len(data):,} bytes). Download it again or open and re-save it.") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > limits.max_zip_entries:
            raise Unreadable("zip_bomb", f"Word file holds {len(entries):,} parts (limit {limits.max_zip_entries:,}): "
                                         f"it is not a normal document and was not unpacked.")
        total = 0
        for entry in entries:
            total += entry.file_size
            ratio = entry.file_size / max(entry.compress_size, 1)
            if entry.file_size > limits.max_zip_part_bytes and ratio > limits.max_zip_ratio:
                raise Unreadable("zip_bomb", f"Word file is a zip bomb: its part {entry.filename} would expand "
                                             f"from {entry.compress_size:,} to {entry.file_size:,} bytes "
                                             f"({ratio:,.0f}×). It was not unpacked; remove it.")
        if total > limits.max_unzipped_bytes:
            raise Unreadable("zip_bomb", f"Word file would unpack to {total:,} bytes, over the limit of "
                                         f"{limits.max_unzipped_bytes:,}: a zip bomb or far more than a document. "
                                         f"It was not unpacked.")
        names = {e.filename for e in entries}
        if MAIN_PART not in names:
            what = ("an Excel workbook" if "xl/workbook.xml" in names else
                    "a PowerPoint presentation" if "ppt/presentation.xml" in names else "a ZIP archive")
            raise Unreadable("corrupt", f"File is named .docx but is {what}, not a Word document (no {MAIN_PART}). "
                                        f"Save the document's text as .docx or PDF.")


def _blocks(container):
    """('p' | 'tbl', element) of a body or cell in document order, through content controls."""
    for child in container:
        tag = child.tag
        if tag == W + "p":
            yield "p", child
        elif tag == W + "tbl":
            yield "tbl", child
        elif tag in (W + "sdt", W + "customXml", W + "sdtContent", W + "ins", W + "smartTag"):
            yield from _blocks(child.find(W + "sdtContent") if tag == W + "sdt" else child)


def _paragraph_text(p) -> str:
    parts: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag == W + "tab":
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "p":  # a paragraph nested in a run's content (rare): its own line
                parts.append("\n")
                walk(child)
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _paragraph_lines(p) -> list[str]:
    """A paragraph's lines: manual line breaks kept, spaces collapsed, empty lines dropped."""
    lines = []
    for line in _paragraph_text(p).split("\n"):
        line = _SPACES.sub(" ", line).strip(" ")
        if line.strip():
            lines.append(line.rstrip("\t"))
    return lines


def _grid(tbl) -> list[GridCell]:
    """The cells of a w:tbl with their spans: w:gridSpan across, w:vMerge down."""
    cells: list[GridCell] = []
    above: dict[int, GridCell] = {}  # grid column -> the cell that a vMerge continue extends
    rows = [child for child in tbl if child.tag == W + "tr"]
    for r, tr in enumerate(rows):
        col = _int_val(tr.find(f"{W}trPr/{W}gridBefore"), 0)
        for tc in tr.iterfind(W + "tc"):
            props = tc.find(W + "tcPr")
            span = _int_val(props.find(W + "gridSpan") if props is not None else None, 1)
            merge = props.find(W + "vMerge") if props is not None else None
            continues = merge is not None and merge.get(W + "val", "continue") == "continue"
            if continues and col in above:
                above[col].rowspan = r - above[col].row + 1
            else:
                cell = GridCell(row=r, col=col, text=_cell_text(tc), colspan=span)
                cells.append(cell)
                for c in range(col, col + span):
                    above[c] = cell
            col += span
    return cells


def _cell_text(tc) -> str:
    lines = []
    for kind, element in _blocks(tc):
        if kind == "p":
            lines.extend(_paragraph_lines(element))
        else:  # a table inside a cell: its rows as lines of the cell
            lines.extend(row.replace("\t", " ") for row in flatten(_grid(element)).lines())
    return "\n".join(line.replace("\t", " ") for line in lines)


def _int_val(element, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(W + "val", default))
    except (TypeError, ValueError):
        return default


def _properties(document) -> dict:
    """Title, subject, author, keywords, category, last modified by and dates (ISO 8601), as strings."""
    try:
        core = document.core_properties
        values = {"title": core.title, "subject": core.subject, "author": core.author, "keywords": core.keywords,
                  "category": core.category, "last_modified_by": core.last_modified_by,
                  "created": core.created, "modified": core.modified}
    except Exception:  # a damaged docProps/core.xml must not lose the document
        return {}
    props = {}
    for key, value in values.items():
        if value is None or value == "":
            continue
        props[key] = value.isoformat() if hasattr(value, "isoformat") else str(value).strip()
    return {k: v for k, v in props.items() if v}

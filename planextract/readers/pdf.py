"""PDF with a text layer → text in reading order, ruled tables as rows, and page starts.

Two libraries, each for what it does best:

* pypdfium2 (Google's PDFium, the engine of Chrome's viewer) opens the file, reports
  encryption and damage, and gives every character of the text layer with its box — fast
  (C++) and tolerant of real-world files. It also says when a character has no Unicode
  mapping (a font without ToUnicode), which is how garbled text is recognised.
* pdfplumber finds ruled tables (the 主要指标 table): its table finder turns the ruling lines
  of a page into cells, merged cells included. Its own page parser (pdfminer, pure Python) is
  slow on CJK text, so the finder is given the ruling lines PDFium reads from the page's path
  objects; only if that fails does pdfplumber parse the page itself.

The cells are filled with PDFium's characters, so text and tables come from one text layer;
`pdflayout` puts everything in reading order. Nothing here trusts the file: page count and time
are checked here, memory by the sandbox the registry runs this reader in.
"""
from __future__ import annotations

import ctypes
import io
import re
import time
from bisect import bisect_right
from datetime import datetime, timedelta, timezone

from .base import Reading, ReadLimits, Unreadable
from .grid import GridCell, flatten
from .pdflayout import CJK_RANGE, Char, PageLayout, TableBlock, compose, remove_page_furniture, runs_from_chars

MIN_TABLE_EDGES = 6         # ruling lines on a page before looking for a table (a grid has more)
TEXT_PAGE_CHARS = 30        # a page with fewer visible characters has no real text layer
MAPPING_SAMPLE = 4          # every 4th character is checked for a Unicode mapping (garbled text)
_CJK = re.compile(f"[{CJK_RANGE}]")
_ASCII_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z][a-z]{1,}(?![A-Za-z])")
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?")


class PdfReader:
    name = "pdf"
    suffixes = (".pdf",)
    isolated = True

    def recognises(self, data: bytes) -> bool:
        return b"%PDF-" in data[:1024]

    def prepare(self) -> None:
        """Import the libraries (once, in the parent: isolated reads then fork with them loaded)."""
        import pdfplumber.table  # noqa: F401
        import pypdfium2  # noqa: F401

    def read(self, data: bytes, limits: ReadLimits) -> Reading:
        return read_pdf(data, limits)


def read_pdf(data: bytes, limits: ReadLimits) -> Reading:
    import pypdfium2 as pdfium

    _check_complete(data)
    pdf = _open(pdfium, data)
    tables = _TableFinder(data)
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise Unreadable("corrupt", "PDF has no pages. Download it again or find another copy.")
        if n_pages > limits.max_pages:
            raise Unreadable("limit_exceeded", f"PDF has {n_pages:,} pages, over the limit of {limits.max_pages:,} "
                                               f"pages for one file; split it into parts.")
        deadline = time.monotonic() + limits.seconds
        stats = _TextStats()
        pages, damaged = [], []
        for number in range(n_pages):
            if time.monotonic() > deadline:
                raise Unreadable("limit_exceeded", f"Reading the PDF took longer than {limits.seconds:g} s "
                                                   f"(stopped at page {number + 1} of {n_pages}); split it into parts.")
            try:
                pages.append(_read_page(pdf[number], number, tables, stats))
            except pdfium.PdfiumError:  # one damaged page costs that page, not the document
                damaged.append(number + 1)
                pages.append(PageLayout(number=number, width=0.0, height=0.0))
        if len(damaged) == n_pages:
            raise Unreadable("corrupt", f"PDF is damaged: none of its {n_pages} page(s) can be loaded. Download "
                                        f"it again or open and re-save it in a PDF viewer.")
        stats.check(n_pages)
        remove_page_furniture(pages)
        text, page_starts = compose(pages)
        properties = _properties(pdf, n_pages, stats)
    finally:
        tables.close()
        pdf.close()
    if not text.strip() and stats.image_pages:
        raise Unreadable("scanned", f"PDF has {n_pages} page(s) and no text layer: it is scanned, needs OCR. "
                                    f"Run OCR on it (for example ocrmypdf) or find the text version.")
    if not text.strip():
        raise Unreadable("empty", f"PDF has {n_pages} page(s) and neither text nor images on them. "
                                  f"Replace it with the full document or remove it.")
    warnings = [f"{len(damaged)} of {n_pages} PDF page(s) could not be loaded (damaged) and were skipped: page(s) "
                f"{', '.join(map(str, damaged[:10]))}{' …' if len(damaged) > 10 else ''}"] if damaged else []
    return Reading(format="pdf", text=text, properties=properties, page_starts=page_starts, warnings=warnings)


# ---------------------------------------------------------------------------------------------
# opening


def _check_complete(data: bytes) -> None:
    """A PDF ends with %%EOF; one that does not was cut off (an interrupted download)."""
    if b"%%EOF" not in data[-2048:].rstrip(b"\x00\r\n\t \x1a"):
        raise Unreadable("corrupt", f"PDF is truncated: it does not end with %%EOF ({len(data):,} bytes; the "
                                    f"download or copy was probably interrupted). Download it again.")


def _open(pdfium, data: bytes):
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise Unreadable("encrypted", "PDF is encrypted and needs a password to open. Open it with the "
                                          "password and save or print an unprotected copy, then drop that.") from None
        raise Unreadable("corrupt", f"PDF is damaged and cannot be opened ({exc}). Download it again or "
                                    f"open and re-save it in a PDF viewer.") from None


# ---------------------------------------------------------------------------------------------
# one page


class _TextStats:
    """Counts over the whole document that tell a scan and garbled text from a real text layer."""

    def __init__(self):
        self.visible = 0          # characters other than spaces
        self.cjk = 0
        self.ascii_word_chars = 0
        self.checked = 0          # characters checked for a Unicode mapping (a sample)
        self.unmapped = 0         # … of which their font has no Unicode mapping
        self.text_pages = 0
        self.image_pages: list[int] = []  # 1-based pages with images and no text

    def add_page(self, number: int, text: str, checked: int, unmapped: int, images: int) -> None:
        visible = sum(1 for ch in text if not ch.isspace())
        self.visible += visible
        self.cjk += len(_CJK.findall(text))
        self.ascii_word_chars += sum(len(w) for w in _ASCII_WORD.findall(text))
        self.checked += checked
        self.unmapped += unmapped
        if visible >= TEXT_PAGE_CHARS:
            self.text_pages += 1
        elif images:
            self.image_pages.append(number + 1)

    def check(self, n_pages: int) -> None:
        if self.image_pages and len(self.image_pages) >= max(1, n_pages / 2):
            raise Unreadable("scanned", f"PDF is scanned, needs OCR: {len(self.image_pages)} of its {n_pages} "
                                        f"page(s) are images without a text layer. Run OCR on it (for example "
                                        f"ocrmypdf) or find the text version.")
        if self.visible < 20:
            return
        garbled = (self.checked and self.unmapped > 0.5 * self.checked) or (
            self.cjk < 0.05 * self.visible and self.ascii_word_chars < 0.3 * self.visible)
        if garbled:
            raise Unreadable("garbled", f"PDF text layer is garbled: of {self.visible:,} characters "
                                        f"{self.cjk:,} are Chinese and {self.ascii_word_chars:,} form English "
                                        f"words ({self.unmapped:,} of {self.checked:,} checked have no Unicode "
                                        f"mapping: its fonts lack a ToUnicode map). Re-export the PDF from the original document, or run "
                                        f"OCR on it (for example ocrmypdf --force-ocr).")


def _read_page(page, number: int, tables: "_TableFinder", stats: _TextStats) -> PageLayout:
    import pypdfium2.raw as pdfium_c

    view = _View(page.get_mediabox(), page.get_rotation())
    layout = PageLayout(number=number, width=view.width, height=view.height)
    textpage = page.get_textpage()
    try:
        chars, checked, unmapped = _chars(pdfium_c, textpage, view)
    finally:
        textpage.close()
    edges = _ruling_lines(pdfium_c, page, view)
    blocks = tables.find(edges, layout, chars) if len(edges) >= MIN_TABLE_EDGES else []
    if blocks:
        boxes = [(b.x0, b.top, b.x1, b.bottom) for b in blocks]
        chars = [c for c in chars if c is None or not _in_any(c, boxes)]
        layout.tables = blocks
    layout.runs = runs_from_chars(chars)
    page_text = "".join(r.text for r in layout.runs) + "".join(
        "".join(b.table.lines()) for b in layout.tables)
    images = 0
    if sum(1 for ch in page_text if not ch.isspace()) < TEXT_PAGE_CHARS:
        images = sum(1 for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2))
    stats.add_page(number, page_text, checked, unmapped, images)
    page.close()
    return layout


class _View:
    """Page coordinates (points, origin bottom-left, unrotated) → the page as it is displayed
    (points from the top-left corner, after /Rotate): a landscape table on a rotated page reads
    left to right like any other."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int):
        self.left, self.bottom, self.right, self.top = mediabox
        self.rotation = rotation % 360
        w, h = self.right - self.left, self.top - self.bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y - self.bottom, x - self.left
        if self.rotation == 180:
            return self.right - x, y - self.bottom
        if self.rotation == 270:
            return self.top - y, self.right - x
        return x - self.left, self.top - y

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom) in display coordinates of a page-space rectangle."""
        a, b = self.point(x0, y0), self.point(x1, y1)
        return min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])


def _chars(pdfium_c, textpage, view: _View) -> tuple[list[Char | None], int, int]:
    """The page's characters in drawing order, in points from the top-left corner; None where
    PDFium starts a new line. Also, of every `MAPPING_SAMPLE`th character, how many were checked
    for a Unicode mapping and how many have none."""
    raw = textpage.raw
    n = textpage.count_chars()
    if n <= 0:
        return [], 0, 0
    text = textpage.get_text_range()
    if len(text) != n:  # characters outside the BMP: ask one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFD) for i in range(n))
    box = pdfium_c.FS_RECTF()
    box_ref = ctypes.byref(box)
    get_box, map_error = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_HasUnicodeMapError
    chars: list[Char | None] = []
    checked = unmapped = 0
    upright, left, top = view.rotation == 0, view.left, view.top
    for i, ch in enumerate(text):
        if ch in "\r\n":
            if chars and chars[-1] is not None:
                chars.append(None)
            continue
        if i % MAPPING_SAMPLE == 0 and ch != " ":
            checked += 1
            unmapped += bool(map_error(raw, i))
        if ch < " " or ch in "\ufffe\uffff\u00ad":  # controls; a soft hyphen is a break opportunity, not text
            continue
        get_box(raw, i, box_ref)
        if upright:
            chars.append(Char(ch, box.left - left, top - box.top, box.right - left, top - box.bottom))
        else:
            chars.append(Char(ch, *view.box(box.left, box.bottom, box.right, box.top)))
    return chars, checked, unmapped


def _in_any(ch: Char, boxes: list[tuple[float, float, float, float]]) -> bool:
    x, y = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
    for x0, top, x1, bottom in boxes:
        if x0 <= x <= x1 and top <= y <= bottom:
            return True
    return False


# ---------------------------------------------------------------------------------------------
# ruled tables


def _ruling_lines(pdfium_c, page, view: _View) -> list[dict]:
    """Horizontal and vertical line segments the page draws (strokes, and sides of thin filled
    rectangles), as pdfplumber edges in points from the top-left corner."""
    raw = page.raw
    edges: list[dict] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    matrix = pdfium_c.FS_MATRIX()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) and \
                not (fill.value or stroke.value):
            continue  # a clipping path: draws nothing
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
            continue
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        start = current = None
        for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj, k)
            if not pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                continue
            point = view.point(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            if kind == pdfium_c.FPDF_SEGMENT_LINETO and current is not None:
                _add_edge(edges, current, point)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = point
            current = point
            if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
                _add_edge(edges, current, start)
                current = start
        if len(edges) > 20_000:  # a drawing, not a table
            break
    return edges


def _add_edge(edges: list[dict], p: tuple[float, float], q: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(x0 - x1) < 0.5:
        top, bottom = min(y0, y1), max(y0, y1)
        edges.append({"object_type": "line", "orientation": "v", "x0": x0, "x1": x0, "top": top,
                      "bottom": bottom, "width": 0.0, "height": bottom - top})
    elif abs(y0 - y1) < 0.5:
        x0, x1 = min(x0, x1), max(x0, x1)
        edges.append({"object_type": "line", "orientation": "h", "x0": x0, "x1": x1, "top": y0,
                      "bottom": y0, "width": x1 - x0, "height": 0.0})


class _RulingLines:
    """What pdfplumber's TableFinder reads of a page with the "lines" strategies: its edges."""

    def __init__(self, edges: list[dict], width: float, height: float):
        self.edges = edges
        self.bbox = (0.0, 0.0, width, height)


class _TableFinder:
    """Ruled tables as grids of cells: pdfplumber's table finder run on the ruling lines PDFium
    drew (fast); should that fail, pdfplumber reads the page itself (slow, but the same)."""

    SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}

    def __init__(self, data: bytes):
        self.data = data
        self.pdf = None

    def find(self, edges: list[dict], layout: PageLayout, chars: list[Char | None]) -> list[TableBlock]:
        from pdfplumber.table import TableFinder

        try:
            cells = [t.cells for t in TableFinder(_RulingLines(edges, layout.width, layout.height), self.SETTINGS).tables]
        except Exception:
            cells = self._cells_by_pdfplumber(layout.number)
        blocks = [_block(group, chars) for group in cells]
        return [b for b in blocks if b is not None]

    def _cells_by_pdfplumber(self, number: int) -> list[list[tuple]]:
        try:
            if self.pdf is None:
                import pdfplumber

                self.pdf = pdfplumber.open(io.BytesIO(self.data))
            page = self.pdf.pages[number]
            dx, dtop = page.bbox[0], page.bbox[1]
            found = [[(x0 - dx, t - dtop, x1 - dx, b - dtop) for x0, t, x1, b in table.cells]
                     for table in page.find_tables(self.SETTINGS)]
            page.close()
            return found
        except Exception:  # pdfplumber cannot parse this page either: its text is read without tables
            return []

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def _block(boxes: list[tuple], chars: list[Char | None]) -> TableBlock | None:
    """A table's cell boxes → a grid with spans, filled with the characters inside each cell."""
    xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
    if len(xs) < 3 or len(ys) < 3:  # fewer than two rows or two columns: a frame, not a table
        return None
    grid = []
    for x0, top, x1, bottom in boxes:
        col, row = _index(xs, x0), _index(ys, top)
        grid.append(GridCell(row=row, col=col, text="", rowspan=max(_index(ys, bottom) - row, 1),
                             colspan=max(_index(xs, x1) - col, 1)))
    by_slot = {}
    for cell in grid:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                by_slot.setdefault((r, c), cell)
    members: dict[int, list[Char]] = {}
    for ch in chars:
        if ch is None:
            continue
        x, y = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        if not (xs[0] <= x <= xs[-1] and ys[0] <= y <= ys[-1]):
            continue
        cell = by_slot.get((bisect_right(ys, y) - 1, bisect_right(xs, x) - 1))
        if cell is not None:
            members.setdefault(id(cell), []).append(ch)
    for cell in grid:
        cell.text = _cell_text(members.get(id(cell), []))
    return TableBlock(x0=xs[0], top=ys[0], x1=xs[-1], bottom=ys[-1], table=flatten(grid))


def _edges(values: list[float], tolerance: float = 2.0) -> list[float]:
    edges: list[float] = []
    for v in sorted(values):
        if not edges or v - edges[-1] > tolerance:
            edges.append(v)
    return edges


def _index(edges: list[float], value: float) -> int:
    """Index of the edge nearest to `value`."""
    i = bisect_right(edges, value)
    if i == 0:
        return 0
    if i == len(edges) or value - edges[i - 1] <= edges[i] - value:
        return i - 1
    return i


def _cell_text(chars: list[Char]) -> str:
    """A cell's characters as lines (joined later by `grid.clean_cell`)."""
    runs = runs_from_chars(chars)  # in drawing order, as the page holds them
    rows: list[list] = []
    for run in sorted(runs, key=lambda r: (r.top, r.x0)):
        if rows and abs(run.middle - rows[-1][0].middle) < 0.4 * run.size:
            rows[-1].append(run)
        else:
            rows.append([run])
    return "\n".join(" ".join(r.text for r in sorted(row, key=lambda r: r.x0)) for row in rows)


# ---------------------------------------------------------------------------------------------
# properties


def _properties(pdf, n_pages: int, stats: _TextStats) -> dict:
    """Title, author, subject, keywords, creator, producer and dates (ISO 8601) as strings."""
    try:
        info = pdf.get_metadata_dict()
    except Exception:
        info = {}
    names = {"Title": "title", "Author": "author", "Subject": "subject", "Keywords": "keywords",
             "Creator": "creator", "Producer": "producer", "CreationDate": "created", "ModDate": "modified"}
    props = {}
    for key, name in names.items():
        value = (info.get(key) or "").strip().strip("\x00")
        if not value:
            continue
        props[name] = _pdf_date(value) if name in ("created", "modified") else value
    props = {k: v for k, v in props.items() if v}
    props["pages"] = str(n_pages)
    if stats.image_pages:
        props["pages_without_text"] = ", ".join(str(p) for p in stats.image_pages)
    return props


def _pdf_date(value: str) -> str | None:
    """D:20210915083000+08'00' → 2021-09-15T08:30:00+08:00 (None when it is not a date)."""
    m = _PDF_DATE.match(value.strip())
    if not m:
        return None
    year, month, day, hour, minute, second, zulu, sign, tz_h, tz_m = m.groups()
    try:
        moment = datetime(int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0),
                          int(second or 0))
    except ValueError:
        return None
    if zulu:
        moment = moment.replace(tzinfo=timezone.utc)
    elif sign:
        offset = timedelta(hours=int(tz_h), minutes=int(tz_m or 0))
        moment = moment.replace(tzinfo=timezone(offset if sign == "+" else -offset))
    return moment.isoformat()

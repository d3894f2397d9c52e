"""PDF and Word plans: text, tables, facts with page numbers, properties, and every unreadable kind.

Every file is made here at test time (tests/fixtures/plan_files.py): the same plan as text,
as a PDF laid out by reportlab (built-in CJK font, running header, page numbers, a ruled
主要指标 table with merged header cells split by a page break, a two-column section) and as a
.docx written by python-docx (headings, merged cells).
"""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import plan_files as pf  # noqa: E402

from planextract.documents import parse_bytes, scan_folder  # noqa: E402
from planextract.model import ParsedDocument, Rejection  # noqa: E402
from planextract.pipeline import process_document  # noqa: E402
from planextract.readers import ReadLimits, Unreadable  # noqa: E402
from planextract.readers.grid import GridCell, flatten, join_lines  # noqa: E402
from planextract.readers.sandbox import run_isolated  # noqa: E402

PLAN_TEXT = pf.plan_text().rstrip("\n")


def parsed(result) -> ParsedDocument:
    assert isinstance(result, ParsedDocument), getattr(result, "reason", result)
    return result


def fact_set(facts) -> set[tuple]:
    return {(f.indicator_name, f.value, f.unit, f.role, f.year) for f in facts}


@pytest.fixture(scope="module")
def text_doc() -> ParsedDocument:
    return parsed(parse_bytes(pf.plan_text().encode(), "plan.txt"))


@pytest.fixture(scope="module")
def pdf_bytes(cjk_font) -> bytes:
    return pf.plan_pdf()


@pytest.fixture(scope="module")
def pdf_doc(pdf_bytes) -> ParsedDocument:
    return parsed(parse_bytes(pdf_bytes, "plan.pdf"))


@pytest.fixture(scope="module")
def docx_doc() -> ParsedDocument:
    return parsed(parse_bytes(pf.plan_docx(), "plan.docx"))


def page_texts(data: bytes) -> list[str]:
    """Each page's text as PDFium gives it, spaces and line breaks removed (the reference)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return ["".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf))]
    finally:
        pdf.close()


# ---------------------------------------------------------------------------------------------
# PDF: reading order, furniture, paragraphs, tables


def test_pdf_reads_as_the_text_version(pdf_doc):
    assert pdf_doc.format == "pdf"
    assert pdf_doc.encoding is None
    # running header (the plan title on pages 2-4) and page numbers (— 2 —) are gone, every
    # paragraph broken over lines, columns and pages is one line again, the two-column section
    # is read left column first, the table is one header line and one line per row
    assert pdf_doc.text == PLAN_TEXT
    assert "— 2 —" not in pdf_doc.text
    assert pdf_doc.text.count(pf.RUNNING_HEADER) == PLAN_TEXT.count(pf.RUNNING_HEADER)


@pytest.mark.parametrize("options", [
    dict(repeat_header=False),            # the continued table does not repeat its header
    dict(filler=0), dict(filler=5),       # the page break falls elsewhere in the table
    dict(filler=8),                       # … or the table starts on a page of its own
    dict(two_columns=False),
])
def test_pdf_layouts_read_the_same(options, cjk_font):
    doc = parsed(parse_bytes(pf.plan_pdf(**options), "plan.pdf"))
    assert doc.text == PLAN_TEXT


def test_pdf_table_split_by_a_page_break_is_one_table(pdf_bytes, pdf_doc):
    pages = page_texts(pdf_bytes)
    header = "\t".join(pf.HEADER)
    # on paper: the header (two rows, merged cells) is on page 2 and again on page 3
    assert "规划目标" in pages[1] and "规划目标" in pages[2]
    assert pf.ROWS[0][1] in pages[1] and pf.ROWS[-1][1] in pages[2]
    # read: one flat header (the group heading 规划目标 gives way to its years), once
    assert pdf_doc.text.count(header) == 1 and "规划目标" not in pdf_doc.text
    lines = pdf_doc.text.split("\n")
    start = lines.index(header)
    assert lines[start + 1:start + 1 + len(pf.ROWS)] == ["\t".join(r) for r in pf.ROWS]
    # the 类别 merged down its rows is repeated on every row, across the page break too
    assert lines[start + 5].startswith("创新驱动\t研究与试验发展经费支出占GDP比重")


def test_pdf_page_starts_point_at_each_page(pdf_bytes, pdf_doc):
    pages = page_texts(pdf_bytes)
    starts = pdf_doc.page_starts
    assert len(starts) == len(pages) == 4
    assert starts[0] == 0 and list(starts) == sorted(starts)
    for number, (begin, end) in enumerate(zip(starts, list(starts[1:]) + [len(pdf_doc.text)]), 1):
        chunk = "".join(pdf_doc.text[begin:end].split())
        # every character this page contributed was drawn on this page (tab-joined cells aside)
        assert chunk[:20] in pages[number - 1], (number, chunk[:20])
        assert pdf_doc.page_at(begin) == number


def test_pdf_facts_match_the_text_version_with_page_numbers(text_doc, pdf_doc, pdf_bytes):
    text_meta, text_facts = process_document(text_doc)
    pdf_meta, pdf_facts = process_document(pdf_doc)
    assert fact_set(pdf_facts) == fact_set(text_facts)
    assert len(pdf_facts) >= 30
    assert (pdf_meta.plan_title, pdf_meta.doc_number, pdf_meta.published_date) == \
        (text_meta.plan_title, text_meta.doc_number, text_meta.published_date)
    pages = page_texts(pdf_bytes)
    for fact in pdf_facts:
        assert pdf_doc.text[fact.char_start:fact.char_end] == fact.quote
        assert fact.page_number is not None
        assert "".join(fact.quote.split())[:6] in pages[fact.page_number - 1], (fact.quote, fact.page_number)
    by_indicator = {(f.indicator_name, f.value): f.page_number for f in pdf_facts}
    assert by_indicator[("规模以上工业增加值", 1800.0)] == 2          # in the goals and in the table on page 2
    assert by_indicator[("研究与试验发展经费支出占GDP比重", 3.2)] == 3  # a table row after the page break
    assert by_indicator[("全员劳动生产率", 30.0)] == 3
    assert {f.page_number for f in pdf_facts if "高技能人才" in f.indicator_name} == {4}  # right column
    table_rows = [f for f in pdf_facts if f.attribute]
    assert len(table_rows) == len(pf.ROWS) and {f.page_number for f in table_rows} == {2, 3}
    assert all(f.page_number is None for f in text_facts)


def test_pdf_properties_are_kept_for_metadata(pdf_doc):
    props = pdf_doc.properties
    assert props["title"] == pf.PLAN_TITLE
    assert props["author"] == "温州市人民政府办公室"
    assert props["created"][:4].isdigit() and "T" in props["created"]  # ISO 8601
    assert props["pages"] == "4"
    assert pdf_doc.front_matter == {}  # properties never pose as a news post's front matter


def test_pdf_rotated_page_reads_upright(cjk_font):
    doc = parsed(parse_bytes(pf.landscape_table_pdf(), "landscape.pdf"))
    assert doc.text.split("\n") == [pf.TABLE_CAPTION, "\t".join(pf.HEADER), *("\t".join(r) for r in pf.ROWS)]


def test_blank_pdf_is_empty_not_scanned():
    result = parse_bytes(pf.minimal_pdf(b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"), "blank.pdf")
    assert isinstance(result, Rejection) and result.reason_code == "empty", result


def test_pdf_with_an_owner_password_only_is_read():
    doc = parsed(parse_bytes(pf.encrypted_pdf(user_password=""), "print_protected.pdf"))
    assert doc.text.startswith("\n".join(pf.TITLE_LINES))


# ---------------------------------------------------------------------------------------------
# Word


def test_docx_reads_as_the_text_version(docx_doc):
    assert docx_doc.format == "docx"
    assert docx_doc.text == PLAN_TEXT  # headings, the two-line title, merged table cells
    assert docx_doc.page_starts == ()
    assert docx_doc.properties["title"] == pf.PLAN_TITLE


def test_docx_facts_match_the_text_version(text_doc, docx_doc):
    _, text_facts = process_document(text_doc)
    _, docx_facts = process_document(docx_doc)
    assert fact_set(docx_facts) == fact_set(text_facts)
    assert all(f.page_number is None for f in docx_facts)


def test_docx_text_in_tracked_insertions_and_content_controls_is_read():
    import io

    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document.element.body.insert(0, parse_xml(
        f'<w:p {w}><w:r><w:t>到2025年，</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>全市规模以上工业增加值'
        f'</w:t></w:r></w:ins><w:r><w:t>达到1800亿元。</w:t></w:r><w:del w:id="2" w:author="a"><w:r>'
        f'<w:delText>1500亿元</w:delText></w:r></w:del></w:p>'))
    document.element.body.insert(1, parse_xml(
        f'<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>力争培育企业50家。</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    buffer = io.BytesIO()
    document.save(buffer)
    doc = parsed(parse_bytes(buffer.getvalue(), "tracked.docx"))
    assert doc.text == "到2025年，全市规模以上工业增加值达到1800亿元。\n力争培育企业50家。"


# ---------------------------------------------------------------------------------------------
# merged cells → rows


def cells(*specs) -> list[GridCell]:
    return [GridCell(row=r, col=c, text=t, rowspan=rs, colspan=cs) for r, c, t, rs, cs in specs]


def test_grid_two_row_header_with_a_group_heading():
    table = flatten(cells(
        (0, 0, "指标", 2, 1), (0, 1, "单位", 2, 1), (0, 2, "规划目标", 1, 2), (0, 4, "属性", 2, 1),
        (1, 2, "2020年", 1, 1), (1, 3, "2025年", 1, 1),
        (2, 0, "规模以上\n工业增加值", 1, 1), (2, 1, "亿元", 1, 1), (2, 2, "1210", 1, 1), (2, 3, "1800", 1, 1),
        (2, 4, "预期性", 2, 1),
        (3, 0, "亩均税收", 1, 1), (3, 1, "万元/亩", 1, 1), (3, 2, "30", 1, 1), (3, 3, "40", 1, 1),
    ))
    assert table.lines() == ["指标\t单位\t2020年\t2025年\t属性",
                             "规模以上工业增加值\t亿元\t1210\t1800\t预期性",
                             "亩均税收\t万元/亩\t30\t40\t预期性"]  # 属性 merged down: repeated


def test_grid_year_group_over_measures_and_section_rows():
    table = flatten(cells(
        (0, 0, "指标", 2, 1), (0, 1, "2025年", 1, 2),
        (1, 1, "目标值", 1, 1), (1, 2, "年均增长", 1, 1),
        (2, 0, "一、经济发展", 1, 3),                      # a section title across the table
        (3, 0, "地区生产总值（亿元）", 1, 1), (3, 1, "10000", 1, 1), (3, 2, "7%", 1, 1),
        (4, 0, "单位GDP能耗降低（%）", 1, 1), (4, 1, "完成省下达目标", 1, 2),  # one value over two columns
    ))
    assert table.lines() == ["指标\t2025年目标值\t年均增长", "一、经济发展", "地区生产总值（亿元）\t10000\t7%",
                             "单位GDP能耗降低（%）\t完成省下达目标"]


def test_join_lines_is_cjk_aware():
    assert join_lines("数字经济核心产业增加值占GDP", "比重") == "数字经济核心产业增加值占GDP比重"
    assert join_lines("达到14", "50亿元") == "达到1450亿元"          # a number broken by the line end
    assert join_lines("Made in", "Wenzhou") == "Made in Wenzhou"
    assert join_lines("develop-", "ment plan") == "development plan"


# ---------------------------------------------------------------------------------------------
# what cannot be read


@pytest.mark.parametrize("bad", pf.BAD_FILES, ids=lambda b: b.name)
def test_unreadable_file_is_rejected_with_its_reason(bad):
    result = parse_bytes(bad.make(), bad.name)
    assert isinstance(result, Rejection), f"{bad.name} was read as {result.format}"
    assert result.reason_code == bad.reason_code, result.reason
    assert bad.says in result.reason and result.reason.endswith("."), result.reason


def test_a_folder_of_bad_files_still_gives_its_good_documents(tmp_path, pdf_bytes):
    (tmp_path / "plan.pdf").write_bytes(pdf_bytes)
    (tmp_path / "plan.docx").write_bytes(pf.plan_docx())
    (tmp_path / "plan.txt").write_text(pf.plan_text(), encoding="utf-8")
    for bad in pf.BAD_FILES:
        (tmp_path / bad.name).write_bytes(bad.make())
    results = {r.source_file: r for r in scan_folder(tmp_path)}
    assert {name for name, r in results.items() if isinstance(r, ParsedDocument)} == \
        {"plan.pdf", "plan.docx", "plan.txt"}
    assert {name: r.reason_code for name, r in results.items() if isinstance(r, Rejection)} == \
        {b.name: b.reason_code for b in pf.BAD_FILES}


def test_page_limit():
    result = parse_bytes(pf.many_pages_pdf(12), "long.pdf", limits=ReadLimits(max_pages=10))
    assert isinstance(result, Rejection) and result.reason_code == "limit_exceeded"
    assert "12 pages" in result.reason and "10" in result.reason
    parsed(parse_bytes(pf.many_pages_pdf(12), "long.pdf"))  # within the default limit


def test_time_limit_stops_a_slow_read():
    started = time.monotonic()
    result = parse_bytes(pf.many_pages_pdf(400), "slow.pdf", limits=ReadLimits(seconds=0.05))
    assert isinstance(result, Rejection) and result.reason_code == "limit_exceeded", result
    assert "longer than 0.05 s" in result.reason
    assert time.monotonic() - started < 10


def _allocate(data: bytes, limits: ReadLimits):
    return [bytearray(1024 * 1024) for _ in range(400)]  # 400 MiB


def _crash(data: bytes, limits: ReadLimits):
    os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer or a fatal parser bug ends it


def _hang(data: bytes, limits: ReadLimits):
    while True:
        pass


def test_sandbox_memory_limit():
    with pytest.raises(Unreadable) as caught:
        run_isolated(_allocate, b"", ReadLimits(memory_bytes=64 * 1024 * 1024), what="PDF")
    assert caught.value.reason_code == "limit_exceeded" and "64 MiB" in caught.value.reason


def test_sandbox_survives_a_crashing_parser():
    with pytest.raises(Unreadable) as caught:
        run_isolated(_crash, b"", ReadLimits(), what="PDF")
    assert caught.value.reason_code == "corrupt" and "signal" in caught.value.reason


def test_sandbox_stops_a_hanging_parser():
    started = time.monotonic()
    with pytest.raises(Unreadable) as caught:
        run_isolated(_hang, b"", ReadLimits(seconds=0.5), what="PDF")
    assert caught.value.reason_code == "limit_exceeded"
    assert time.monotonic() - started < 5


def test_damaged_pdfs_and_docx_never_raise(pdf_bytes):
    import random

    rng = random.Random(11)
    word = pf.plan_docx()
    for i in range(24):
        data, name = (pdf_bytes, "x.pdf") if i % 2 == 0 else (word, "x.docx")
        damaged = bytearray(data)
        for _ in range(rng.choice([1, 8, 64])):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        assert isinstance(parse_bytes(bytes(damaged), name), (ParsedDocument, Rejection))


def test_pdf_or_word_under_a_text_name_says_what_to_rename(pdf_bytes):
    result = parse_bytes(pdf_bytes, "plan.txt")
    assert isinstance(result, Rejection) and result.reason_code == "binary"
    assert "rename it to .pdf" in result.reason
    html = parse_bytes(b"<!DOCTYPE html><html><body>404 Not Found</body></html>", "plan.pdf")
    assert html.reason_code == "corrupt" and "HTML page" in html.reason


def test_forum_markup_left_in_a_plain_text_page_is_removed():
    page = ("[align=center][size=3][b]20[/b][b]2[/b][b]3[/b][b]年某某县国民经济和社会发展统计公报[/b][/size][/align]"
            "[align=center][size=3]某某县统计局[/size][/align][align=left]全县地区生产总值达到[b]85.6[/b]亿元。[/align]")
    doc = parse_bytes(page.encode("utf-8"), "bulletin.txt")
    assert isinstance(doc, ParsedDocument)
    assert doc.text.split("\n") == ["2023年某某县国民经济和社会发展统计公报", "某某县统计局", "全县地区生产总值达到85.6亿元。"]
    # a lone bracketed letter in running text is not markup
    plain = parse_bytes("注释[b]见附表。".encode("utf-8"), "note.txt")
    assert plain.text == "注释[b]见附表。"

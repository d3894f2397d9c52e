"""planextract.documents: real behaviour on the seed documents and on generated bad inputs."""
from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from planextract.documents import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    parse_bytes,
    read_document,
    scan_folder,
)
from planextract.model import ParsedDocument, Rejection

SEEDS = Path(__file__).resolve().parents[1] / "raw" / "documents"


def seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def parsed(result) -> ParsedDocument:
    assert isinstance(result, ParsedDocument), getattr(result, "reason", result)
    return result


def rejected(result, code: str) -> Rejection:
    assert isinstance(result, Rejection), f"expected a {code} rejection, got a {result.format} document"
    assert result.reason_code == code, result.reason
    assert result.reason and result.reason.endswith("."), result.reason
    return result


# ---------------------------------------------------------------------------
# the five seeds
# ---------------------------------------------------------------------------

SEED_FORMATS = {
    "000": "front_matter_html",
    "001": "notice_text",
    "002": "notice_text",
    "003": "front_matter_html",
    "004": "front_matter_html",
}


@pytest.mark.parametrize("prefix", sorted(SEED_FORMATS))
def test_seed_parses_with_format_and_ids(prefix):
    path = seed(prefix)
    data = path.read_bytes()
    doc = parsed(read_document(path))
    assert doc.format == SEED_FORMATS[prefix]
    assert doc.encoding == "utf-8"
    assert doc.source_file == path.name
    assert doc.byte_size == len(data)
    assert doc.content_hash == hashlib.sha256(data).hexdigest()
    assert doc.doc_id == doc.content_hash[:16]
    assert "\r" not in doc.text and "\u00a0" not in doc.text and "\u3000" not in doc.text
    assert "<p>" not in doc.text and "</" not in doc.text
    assert all(line == line.rstrip(" ") for line in doc.text.split("\n"))
    # deterministic: spans point into this text
    assert parsed(read_document(path)).text == doc.text


def test_seed_000_front_matter_title_is_first_line():
    doc = parsed(read_document(seed("000")))
    title = "《温州市制造业高质量发展“十四五”规划》发布"
    assert doc.front_matter["title"] == title
    assert doc.text.split("\n")[0] == title
    assert doc.front_matter["date"] == "2021-12-20 13:57:40 +0800"  # the original string
    assert all(isinstance(v, str) for v in doc.front_matter.values())
    assert "规上制造业增加值达到1450亿元以上；" in doc.text
    # each <p> is its own line, bold headings too
    assert "\n集群式发展\n" in doc.text
    # the Markdown links after the HTML keep their text, not their URLs
    assert doc.text.endswith("返回温州日报新闻｜返回首页")
    assert "finews" not in doc.text


def test_seed_001_notice_header_fields_kept():
    doc = parsed(read_document(seed("001")))
    lines = doc.text.split("\n")
    assert lines[0].startswith("索引号: 001008003015001/2020-05798")
    assert "文 号: 温政办〔2020〕93号 阅读版本:" in lines
    assert "成文日期: 2020-12-31" in lines
    assert "发布日期: 2021- 01- 20 14: 32 浏览次数: 来源: 温州市人民政府办公室 字体:[ ]" in lines
    # half-width punctuation of the source is left alone
    assert "各县(市、区)人民政府,市各有关单位:" in lines
    # paragraphs stay separate lines, blank-line runs collapse to one empty line
    assert "\n\n\n" not in doc.text
    assert "\n\n一、总体要求\n\n" in doc.text


def test_seed_002_table_rows_keep_their_tabs():
    doc = parsed(read_document(seed("002")))
    assert "台政办发〔2021〕51号" in doc.text
    assert "\t一级指标\n\t二级指标（单位）\n\t2020年\n\t2025年目标\n\t属性" in doc.text
    assert "\t规模以上工业总产值（亿元）\n\t5269\n\t10000\n（力争12000）\n\t预期性" in doc.text
    assert "\t单位工业增加值能耗降幅（%）\n\t—\n\t完成省政府下达目标\n\t约束性" in doc.text
    assert "\t营商环境便利度指数\n\t74.94*" in doc.text
    # full-width parentheses are not converted
    assert "（%）" in doc.text and "(%)" not in doc.text


def test_seed_003_html_paragraphs():
    doc = parsed(read_document(seed("003")))
    assert doc.text.split("\n")[0] == "《温州市数字经济发展“十四五”规划》发布"
    assert "《规划》提出，到2025年，全市数字经济增加值达到6500亿元，占GDP比重65%，居全省前三；" in doc.text
    assert "\n数字产业化形成“一廊双核三链多点”空间布局\n" in doc.text


def test_seed_004_leading_blank_line_odd_front_matter_and_inline_link():
    doc = parsed(read_document(seed("004")))
    fm = doc.front_matter
    assert fm["date"] == "Thu, 09 Sep 2021 15:21:00 GMT"
    assert fm["author"] == "证券时报网"
    assert fm["categories"] == "金融, 证券时报网, 要闻"
    assert fm["comments"] == "false"
    assert doc.text.split("\n")[0] == "上海制造_十四五_规划：高端产业重点领域向_领跑_迈进"
    # <a> inside the sentence is removed without adding a space
    assert "工业机器人使用密度提高100台/万人" in doc.text
    assert "\n打造“上海制造”国际名片\n" in doc.text
    assert "trsHotWords" not in doc.text and "stockcode" not in doc.text


def test_scan_seed_folder_sorted_all_accepted():
    results = list(scan_folder(SEEDS))
    assert [r.source_file for r in results] == sorted(p.name for p in SEEDS.iterdir())
    assert all(isinstance(r, ParsedDocument) for r in results)


# ---------------------------------------------------------------------------
# encodings
# ---------------------------------------------------------------------------

NOTICE = (
    "索引号: 001008003015001/2021-00001\r\n"
    "文 号: 温政办〔2021〕1号\r\n"
    "发布机构: 温州市人民政府办公室\r\n"
    "\r\n"
    "温州市人民政府办公室关于印发温州市数字经济发展“十四五”规划的通知\r\n"
    "\u3000\u3000到2025年，全市数字经济增加值达到6500亿元，占GDP比重65%。\r\n"
    "\t规模以上工业总产值（亿元）\t5269\t10000\r\n"
    "發展規劃（繁體保留）\r\n"
)
NOTICE_TEXT = (
    "索引号: 001008003015001/2021-00001\n"
    "文 号: 温政办〔2021〕1号\n"
    "发布机构: 温州市人民政府办公室\n"
    "\n"
    "温州市人民政府办公室关于印发温州市数字经济发展“十四五”规划的通知\n"
    "  到2025年，全市数字经济增加值达到6500亿元，占GDP比重65%。\n"
    "\t规模以上工业总产值（亿元）\t5269\t10000\n"
    "發展規劃（繁體保留）"
)


@pytest.mark.parametrize(
    ("codec", "prefix", "expected_encoding"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("gb18030", b"", "gb18030"),
        ("gbk", b"", "gb18030"),
    ],
)
def test_plain_text_encodings_give_the_same_text(codec, prefix, expected_encoding):
    doc = parsed(parse_bytes(prefix + NOTICE.encode(codec), "notice.txt"))
    assert doc.encoding == expected_encoding
    assert doc.format == "notice_text"
    assert doc.text == NOTICE_TEXT


HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>温州市数字经济发展“十四五”规划</title></head>
<body><p>到2025年，全市数字经济增加值达到6500亿元，占GDP比重65%。</p>
<p>發展規劃&nbsp;（繁體保留）</p></body></html>
"""
HTML_TEXT = "到2025年，全市数字经济增加值达到6500亿元，占GDP比重65%。\n發展規劃 （繁體保留）"


@pytest.mark.parametrize(
    ("declared", "codec", "prefix", "expected_encoding"),
    [
        ("utf-8", "utf-8", b"", "utf-8"),
        ("utf-8", "utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("gb18030", "gb18030", b"", "gb18030"),
        ("gbk", "utf-8", b"", "utf-8"),          # declared GBK, really UTF-8
        ("utf-8", "gb18030", b"", "gb18030"),    # declared UTF-8, really GB18030
        ("iso-8859-1", "gbk", b"", "gb18030"),   # declared Latin-1, really GBK
    ],
)
def test_html_declared_charset_does_not_mislead(declared, codec, prefix, expected_encoding):
    data = prefix + HTML_PAGE.format(charset=declared).encode(codec)
    doc = parsed(parse_bytes(data, "page.html"))
    assert doc.encoding == expected_encoding
    assert doc.format == "html"
    assert doc.html_title == "温州市数字经济发展“十四五”规划"
    assert doc.text == HTML_TEXT


def test_html_in_a_txt_file_is_html():
    doc = parsed(parse_bytes(HTML_PAGE.format(charset="gbk").encode("utf-8"), "page.txt"))
    assert doc.format == "html"
    assert doc.text == HTML_TEXT


def test_utf16_with_bom_is_text_not_binary():
    doc = parsed(parse_bytes("\ufeff".encode("utf-16-le") + NOTICE.encode("utf-16-le"), "notice.txt"))
    assert doc.encoding == "utf-16"
    assert doc.text == NOTICE_TEXT


def test_front_matter_post_in_gb18030():
    post = '---\ntitle: "《温州市数字经济发展“十四五”规划》发布"\n---\n<p>全市数字经济增加值达到6500亿元。</p>\n'
    for codec in ("utf-8", "gb18030"):
        doc = parsed(parse_bytes(post.encode(codec), "post.txt"))
        assert doc.format == "front_matter_html"
        assert doc.text == "《温州市数字经济发展“十四五”规划》发布\n全市数字经济增加值达到6500亿元。"


# ---------------------------------------------------------------------------
# bad inputs
# ---------------------------------------------------------------------------

def test_empty_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    r = rejected(read_document(tmp_path / "a.txt"), "empty")
    assert r.byte_size == 0
    assert r.content_hash == hashlib.sha256(b"").hexdigest()


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"  \r\n\t\n \n", "ws.txt"),
        ("\u3000\u3000\n\u00a0\n".encode(), "ideographic.txt"),
        ("\ufeff\n\n".encode(), "bom_only.txt"),
        (b"<html><head><title>x</title></head><body>  </body></html>", "blank.html"),
        (b'<html><body><nav><a href="/">home</a></nav><div class="footer">(c)</div></body></html>', "nav.html"),
        (b"---\ntitle: only a title\ndate: 2021-01-01\n---\n\n  \n", "fm_only.md"),
        (b"\n---\ntitle: x\n---\n<div>   </div>\n", "fm_only.txt"),
    ],
)
def test_whitespace_only_is_empty(data, name):
    rejected(parse_bytes(data, name), "empty")


def test_nul_bytes_are_binary():
    r = rejected(parse_bytes("规划".encode() + b"\x00\x01\x02" + "目标".encode(), "x.txt"), "binary")
    assert "NUL" in r.reason


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"word/document.xml" * 5, "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32, "Office"),
    ],
)
def test_binary_magic_says_what_it_is(data, what):
    r = rejected(parse_bytes(data, "renamed.txt"), "binary")
    assert what in r.reason


def test_undecodable_bytes():
    rng = random.Random(1)
    data = bytes(rng.randrange(1, 256) for _ in range(4000))  # no NUL, not any encoding
    r = rejected(parse_bytes(data, "noise.txt"), "undecodable")
    assert "UTF-8" in r.reason and "GB18030" in r.reason


@pytest.mark.parametrize("name", ["plan.xlsx", "plan.rtf", "README", "data.csv"])
def test_unsupported_extension(tmp_path, name):
    (tmp_path / name).write_bytes(b"%PDF-1.4 whatever")
    r = rejected(read_document(tmp_path / name), "unsupported_extension")
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in r.reason


@pytest.mark.parametrize(("name", "code"), [
    ("plan.pdf", "corrupt"),        # a PDF cut off after its header
    ("plan.docx", "corrupt"),       # PDF bytes under a Word name are read as a PDF: the same cut-off PDF
    ("plan.doc", "legacy_format"),  # recognised by name, never read
    ("plan.WPS", "legacy_format"),
])
def test_pdf_and_word_names_are_read_or_explained(tmp_path, name, code):
    (tmp_path / name).write_bytes(b"%PDF-1.4 whatever")
    r = rejected(read_document(tmp_path / name), code)
    if code == "legacy_format":
        assert ".docx or PDF" in r.reason


def test_extension_check_is_case_insensitive():
    doc = parsed(parse_bytes("规划文本".encode(), "PLAN.TXT"))
    assert doc.text == "规划文本"


def test_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes("规划".encode() * 100)
    r = rejected(read_document(path, max_bytes=100), "too_large")
    assert r.byte_size == 600
    assert "600" in r.reason and "100" in r.reason and "max_bytes" in r.reason
    rejected(parse_bytes(path.read_bytes(), "big.txt", max_bytes=100), "too_large")
    assert isinstance(read_document(path), ParsedDocument)  # under the default limit
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_unreadable(tmp_path):
    r = rejected(read_document(tmp_path / "missing.txt"), "unreadable")
    assert r.content_hash is None
    (tmp_path / "folder.txt").mkdir()
    rejected(read_document(tmp_path / "folder.txt"), "unreadable")


def test_random_bytes_never_raise():
    rng = random.Random(7)
    for i in range(200):
        size = rng.choice([1, 2, 3, 10, 100, 1000])
        data = bytes(rng.randrange(0, 256) for _ in range(size))
        name = rng.choice(["a.txt", "a.html", "a.md", "a.htm"])
        result = parse_bytes(data, name)
        assert isinstance(result, (ParsedDocument, Rejection)), i
    for data in (b"<", b"<html", b"---", b"---\n---", b"---\n:\n---\nx", b"<table><tr><td>"):
        assert isinstance(parse_bytes(data, "x.html"), (ParsedDocument, Rejection))


# ---------------------------------------------------------------------------
# scan_folder
# ---------------------------------------------------------------------------

def test_scan_folder_rejects_bad_files_and_keeps_going(tmp_path):
    good = "温州市人民政府办公室关于印发规划的通知\n到2025年，工业增加值达到1450亿元。\n".encode()
    (tmp_path / "a_good.txt").write_bytes(good)
    (tmp_path / "b_copy.txt").write_bytes(good)          # duplicate of a_good.txt
    (tmp_path / "c_empty.txt").write_bytes(b"")
    (tmp_path / "d_scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "e_renamed.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3")
    (tmp_path / "f_nul.txt").write_bytes(b"abc\x00def")
    (tmp_path / "g_page.html").write_bytes(HTML_PAGE.format(charset="gbk").encode("utf-8"))
    (tmp_path / "h_big.md").write_bytes(b"# title\n" + b"x" * 5000)
    (tmp_path / "i_copy.md").write_bytes(good)           # same bytes, other suffix: still a duplicate
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / ".gitkeep").write_bytes(b"")
    sub = tmp_path / "zz_sub"
    sub.mkdir()
    (sub / "nested.md").write_bytes("## 二级标题\n**到2025年**，见[规划](http://x.cn/a)。\n".encode())
    (tmp_path / ".hidden_dir").mkdir()
    (tmp_path / ".hidden_dir" / "x.txt").write_bytes(b"should not be seen")

    results = list(scan_folder(tmp_path, max_bytes=4096))
    by_name = {r.source_file: r for r in results}
    assert [r.source_file for r in results] == [
        "a_good.txt", "b_copy.txt", "c_empty.txt", "d_scan.pdf", "e_renamed.txt",
        "f_nul.txt", "g_page.html", "h_big.md", "i_copy.md", "zz_sub/nested.md",
    ]
    assert parsed(by_name["a_good.txt"]).format == "notice_text"
    dup = rejected(by_name["b_copy.txt"], "duplicate")
    assert "a_good.txt" in dup.reason
    assert dup.content_hash == by_name["a_good.txt"].content_hash
    assert "a_good.txt" in rejected(by_name["i_copy.md"], "duplicate").reason
    rejected(by_name["c_empty.txt"], "empty")
    assert "truncated" in rejected(by_name["d_scan.pdf"], "corrupt").reason  # a PDF header and nothing else
    assert "PDF" in rejected(by_name["e_renamed.txt"], "binary").reason
    rejected(by_name["f_nul.txt"], "binary")
    assert parsed(by_name["g_page.html"]).text == HTML_TEXT
    rejected(by_name["h_big.md"], "too_large")
    nested = parsed(by_name["zz_sub/nested.md"])
    assert nested.format == "markdown"
    assert nested.text == "二级标题\n到2025年，见规划。"


def test_scan_folder_duplicate_of_a_rejected_file_keeps_its_own_reason(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"")
    assert [r.reason_code for r in scan_folder(tmp_path)] == ["empty", "empty"]


def test_scan_folder_missing_folder_raises(tmp_path):
    with pytest.raises(NotADirectoryError):
        list(scan_folder(tmp_path / "nope"))


# ---------------------------------------------------------------------------
# HTML normalisation
# ---------------------------------------------------------------------------

NOISY_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title> 上海市先进制造业发展
  “十四五”规划 </title>
<style>p { color: red }</style><script>document.write("<p>脚本</p>")</script></head>
<body class="page has-sidebar">
<header><h1>上海市人民政府</h1></header>
<div id="topNav"><ul><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zc">政策</a></div>
<div class="main-menu">菜单</div>
<aside><p>相关链接</p></aside>
<article>
<h2>第一章&nbsp;&nbsp;发展基础</h2>
<p>到2025年，工业<a href="http://x">机器人</a>使用密度提高100台/万人，<strong>力争</strong>实现<span>规模</span>倍增。</p>
<p>規劃期內，發展<em>數字經濟</em>&amp;智能製造。</p>
<div>第一行<br>第二行<br/>第三行</div>
<p>上海市
浦东新区</p>
<p>Made in   Shanghai
brand</p>
<table>
<tr><th>指标</th><th>2020年</th><th>2025年</th><th>属性</th></tr>
<tr><td><p>规模以上</p><p>工业总产值（亿元）</p></td><td>39000</td><td>45000</td><td>预期性</td></tr>
<tr><td></td><td>&nbsp;</td><td>5000</td><td>约束性</td></tr>
</table>
<ul><li>一是高端化</li><li>二是数字化</li></ul>
<div class="bdsharebuttonbox"><a class="bds_weixin">分享到微信</a></div>
<noscript>请启用脚本</noscript>
</article>
<div class="sidebar">热点新闻</div>
<footer>版权所有 © 上海市人民政府</footer>
<div id="footer-links">网站地图</div>
</body></html>
"""

NOISY_TEXT = "\n".join([
    "第一章 发展基础",
    "到2025年，工业机器人使用密度提高100台/万人，力争实现规模倍增。",
    "規劃期內，發展數字經濟&智能製造。",
    "第一行",
    "第二行",
    "第三行",
    "上海市浦东新区",
    "Made in Shanghai brand",
    "指标\t2020年\t2025年\t属性",
    "规模以上 工业总产值（亿元）\t39000\t45000\t预期性",
    "\t\t5000\t约束性",
    "一是高端化",
    "二是数字化",
])


def test_html_navigation_noise_removed_and_text_normalised():
    doc = parsed(parse_bytes(NOISY_PAGE.encode(), "noisy.html"))
    assert doc.format == "html"
    assert doc.html_title == "上海市先进制造业发展 “十四五”规划"
    assert doc.text == NOISY_TEXT
    for noise in ("首页", "当前位置", "菜单", "相关链接", "分享", "热点新闻", "版权所有", "网站地图",
                  "脚本", "请启用", "color", "上海市人民政府"):
        assert noise not in doc.text


def test_traditional_characters_and_full_width_punctuation_preserved():
    text = "規劃（2021—2025年）：發展數字經濟，ＧＤＰ增長６％。"
    for name, data in (
        ("t.txt", text.encode()),
        ("t.html", f"<html><body><p>{text}</p></body></html>".encode()),
        ("t.md", f"# {text}\n".encode()),
    ):
        assert parsed(parse_bytes(data, name)).text == text


def test_wrapper_with_noisy_class_name_does_not_swallow_the_article():
    body = "".join(f"<p>第{i}段：到2025年，工业增加值达到{i}00亿元。</p>" for i in range(60))
    page = f'<html><body><div class="content-with-sidebar">{body}</div></body></html>'
    doc = parsed(parse_bytes(page.encode(), "wrapped.html"))
    assert doc.text.count("\n") == 59


def test_layout_table_paragraphs_stay_separate_lines():
    paras = "".join(f"<p>第{i}段：到2025年，规模以上工业增加值达到{i}00亿元，年均增长百分之七。</p>" for i in range(10))
    page = f"<html><body><table><tr><td>{paras}</td></tr></table></body></html>"
    doc = parsed(parse_bytes(page.encode(), "layout.html"))
    assert doc.text.split("\n")[3] == "第3段：到2025年，规模以上工业增加值达到300亿元，年均增长百分之七。"


def test_pre_keeps_its_line_breaks():
    page = "<html><body><pre>第一行\n第二行\n\n第三行</pre></body></html>"
    assert parsed(parse_bytes(page.encode(), "pre.html")).text == "第一行\n第二行\n第三行"


# ---------------------------------------------------------------------------
# front matter and Markdown
# ---------------------------------------------------------------------------

def test_front_matter_yaml_that_fails_to_parse_falls_back():
    post = (
        "---\n"
        "title: 规划: 发布 [未闭合\n"
        "date: Thu, 09 Sep 2021 15:21:00 GMT\n"
        "\tbad: tab\n"
        "tags:\n"
        " - 规划\n"
        " - 温州\n"
        "---\n"
        "<p>正文。</p>\n"
    )
    doc = parsed(parse_bytes(post.encode(), "odd.txt"))
    assert doc.format == "front_matter_html"
    assert doc.front_matter["title"] == "规划: 发布 [未闭合"
    assert doc.front_matter["date"] == "Thu, 09 Sep 2021 15:21:00 GMT"
    assert doc.front_matter["tags"] == "规划, 温州"
    assert doc.text == "规划: 发布 [未闭合\n正文。"


def test_front_matter_with_markdown_body():
    post = (
        "---\ntitle: 温州市规划\ndate: 2021-12-20\n---\n\n"
        "## 发展目标\n\n到2025年，**规上工业增加值**达到[1450亿元](http://x.cn)。\r\n\r\n\r\n"
        "| 指标 | 2025年 |\n|---|---|\n| 工业增加值 | 1450 |\n"
    )
    doc = parsed(parse_bytes(post.encode(), "post.md"))
    assert doc.format == "front_matter_html"
    assert doc.front_matter == {"title": "温州市规划", "date": "2021-12-20"}
    assert doc.text == "温州市规划\n发展目标\n\n到2025年，规上工业增加值达到1450亿元。\n\n指标\t2025年\n工业增加值\t1450"


def test_front_matter_without_title_and_non_mapping_yaml():
    doc = parsed(parse_bytes(b"---\n- a\n- b\n---\n<p>x</p>", "list.txt"))
    assert doc.text == "x"
    assert doc.front_matter == {}


def test_markdown_without_front_matter():
    md = "# 温州市规划\n\n到2025年，**目标**见 [附件](https://x.cn/a.pdf) 和 ![图](a.png)。\n\n\n\n结束 #\n"
    doc = parsed(parse_bytes(md.encode(), "plan.md"))
    assert doc.format == "markdown"
    assert doc.text == "温州市规划\n\n到2025年，目标见 附件 和 图。\n\n结束 #"


def test_plain_text_without_notice_markers_is_plain_text():
    doc = parsed(parse_bytes("今天天气很好。\n\n我们去公园。\n".encode(), "diary.txt"))
    assert doc.format == "plain_text"
    assert doc.text == "今天天气很好。\n\n我们去公园。"

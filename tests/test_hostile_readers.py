"""The text readers against hostile bytes: unsafe YAML, HTML of any depth and size, inputs made to
trigger backtracking, broken encodings, invisible characters.

Inputs that used to take minutes, hours or more are read in a worker process with a deadline of
a minute (`isolated`): each is sized so that quadratic (or exponential) work would take far
longer than that, and linear work far less — a hang fails the test, a slow machine does not.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import hostile  # noqa: E402

from orchestration.workers import Failure, WorkerLimits, WorkerPool  # noqa: E402
from planextract.documents import parse_bytes  # noqa: E402
from planextract.model import ParsedDocument, Rejection  # noqa: E402
from planextract.pipeline import process_document  # noqa: E402
from planextract.readers.html import MAX_NESTING, limit_nesting, parse_html, starts_like_html  # noqa: E402
from planextract.readers.post import MAX_FRONT_MATTER_CHARS  # noqa: E402

SEEDS = Path(__file__).resolve().parents[1] / "raw" / "documents"
PLAN = hostile.PLAN
SENTENCE = hostile.SENTENCE


def read(data: bytes, name: str):
    return parse_bytes(data, name)


def accepted(result) -> ParsedDocument:
    assert isinstance(result, ParsedDocument), getattr(result, "reason", result)
    return result


def rejected(result, code: str) -> Rejection:
    assert isinstance(result, Rejection), f"expected {code}, got a {result.format} document"
    assert result.reason_code == code, result.reason
    assert result.reason.endswith("."), result.reason
    return result


def summary(data: bytes, name: str) -> tuple:
    """What a worker sends back: small, whatever the input's size."""
    result = parse_bytes(data, name)
    if isinstance(result, Rejection):
        return ("rejected", result.reason_code)
    return ("accepted", result.format, result.text[:2000], len(result.text), result.warnings)


def isolated(cases: dict[str, bytes], seconds: float = 60.0) -> dict[str, tuple]:
    """`summary` of each case in worker processes that are killed at `seconds`."""
    with WorkerPool(summary, workers=2, limits=WorkerLimits(seconds=seconds)) as pool:
        results = {item[1]: outcome for item, outcome in pool.run((data, name) for name, data in cases.items())}
    hung = {name: r for name, r in results.items() if isinstance(r, Failure)}
    assert not hung, hung
    return results


# ---- YAML front matter ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["bomb_lists.md", "bomb_maps.md", "bomb_merge.md", "bomb_in_txt.txt"])
def test_yaml_alias_bombs_are_refused_before_anything_expands(name):
    (bomb,) = [h for h in hostile.hostile_files() if h.name == name]
    r = rejected(read(bomb.data, name), "unsafe_front_matter")
    assert "alias" in r.reason and "*a" in r.reason or "*base0" in r.reason


@pytest.mark.parametrize(("front_matter", "tag"), [
    ('title: !!python/object/apply:os.system ["echo owned"]', "python/object/apply:os.system"),
    ("title: !secret hunter2", "!secret"),
    ("author: !ruby/object:Gem::Installer\n  i: x", "!ruby/object"),
    ("tags: !!set {a, b}", "set"),
])
def test_yaml_non_standard_tags_are_refused(front_matter, tag):
    r = rejected(read(f"---\n{front_matter}\n---\n<p>{SENTENCE}</p>\n".encode(), "post.md"), "unsafe_front_matter")
    assert tag in r.reason


@pytest.mark.parametrize(("front_matter", "says"), [
    ("title: " + "[" * 5000 + "x" + "]" * 5000, "levels deep"),
    ("\n".join(" " * i + "k:" for i in range(40)) + " x", "levels deep"),
    ("\n".join(f"k{i}: v" for i in range(6000)), "values"),
    ("title: " + "长" * (MAX_FRONT_MATTER_CHARS + 1), "characters long"),
])
def test_yaml_too_deep_or_too_big_is_a_limit(front_matter, says):
    r = rejected(read(f"---\n{front_matter}\n---\n<p>{SENTENCE}</p>\n".encode(), "post.md"), "limit_exceeded")
    assert says in r.reason


def test_standard_yaml_is_still_read_with_tags_and_dates():
    post = ("---\ntitle: !!str 《温州市规划》发布\ndate: 2021-06-01 08:00:00 +0800\ntags: [规划, 温州]\n"
            "meta: {source: 温州日报}\n---\n<p>" + SENTENCE + "</p>\n")
    doc = accepted(read(post.encode(), "post.md"))
    assert doc.front_matter["title"] == "《温州市规划》发布"
    assert doc.front_matter["date"] == "2021-06-01 08:00:00 +0800"
    assert doc.front_matter["tags"] == "规划, 温州"
    assert doc.text == "《温州市规划》发布\n" + SENTENCE


def test_tolerant_front_matter_fallback_is_linear():
    fm = "title: 温州" + " \t" * 20_000 + "规划\n  - : :\n- ["
    results = isolated({"tolerant.md": f"---\n{fm}\n---\n{SENTENCE}\n".encode()})
    outcome = results["tolerant.md"]
    assert outcome[0] == "accepted" and outcome[2].startswith("温州")


# ---- HTML --------------------------------------------------------------------------------------

def test_shallow_pages_are_not_touched_by_the_nesting_limit():
    for path in sorted(SEEDS.iterdir()):
        text = path.read_text(encoding="utf-8")
        assert limit_nesting(text) is text, path.name


def test_deep_nesting_is_cut_at_the_limit_and_keeps_the_text_and_its_lines():
    depth = MAX_NESTING + 50
    src = "<div>" * depth + "第一段" + "<div>第二段</div>" + "</div>" * depth
    limited = limit_nesting(src)
    assert limited.count("<div>") == MAX_NESTING and limited.count("<br>") == depth - MAX_NESTING + 1
    assert parse_html(src)[0] == "第一段\n第二段"
    # inline tags beyond the limit vanish without a line break
    assert parse_html("<p>" + "<span>" * (MAX_NESTING * 2) + "一" + "</span>" * (MAX_NESTING * 2) + "二</p>")[0] == "一二"


def test_self_closing_svg_children_do_not_count_as_nesting():
    icons = "<svg>" + "<path d='M0 0'/>" * (MAX_NESTING * 3) + "</svg>"
    src = icons + "<div><p>正文</p></div>" * (MAX_NESTING * 2)
    assert limit_nesting(src) is src


def test_comments_and_scripts_are_skipped_by_the_nesting_scan():
    src = "<!--" + "<div>" * 1000 + "--><script>" + "<div>" * 1000 + "</script>" + "<p>正文</p>" * 300
    assert limit_nesting(src) is src


def test_hostile_html_is_read_in_linear_time():
    depth = 200_000
    cases = {
        "divs.html": ("<div>" * depth + SENTENCE + "</div>" * depth).encode(),
        "unclosed.html": ("<div><span>" * depth + SENTENCE).encode(),
        "lists.html": ("<ul><li>" * depth + SENTENCE).encode(),
        "tables.html": ("<table><tr><td>" * (depth // 4) + SENTENCE).encode(),
        "cells.html": ("<table><tr><td>" + "<div>" * depth + SENTENCE).encode(),
        "formatting.html": ("".join(f'<b class="c{i}">' for i in range(depth // 2)) + SENTENCE).encode(),
        "noise.html": ('<div class="menu sidebar">' * depth + "x" + "</div>" * depth + f"<p>{SENTENCE}</p>").encode(),
        "options.html": (f"<p>{SENTENCE}</p><select>" + "<option>温州</option>" * depth + "</select>").encode(),
        "pre.html": ("<pre>" * depth + "到2025年\n达到1450亿元").encode(),
        "comments.html": (f"<p>{SENTENCE}</p>" + "<!--" * depth).encode(),
        "foreign.html": ("<svg>" + "<div>" * depth + SENTENCE).encode(),
        "spaces.html": (f"<p>{SENTENCE}" + " " * 3_000_000 + "x</p>\n<p>y</p>").encode(),
        "comments_first.txt": ("<!--a-->" * 40 + "<html><body>" + SENTENCE).encode(),
    }
    results = isolated(cases)
    for name, outcome in results.items():
        assert outcome[0] == "accepted", (name, outcome)
        if name not in ("pre.html",):
            assert SENTENCE in outcome[2] or SENTENCE.replace("1450", "") in outcome[2], (name, outcome[2][:200])


def test_a_text_file_opening_with_comments_is_recognised_as_html():
    assert starts_like_html("<!--a-->" * 40 + "\n<!DOCTYPE html><html>")
    assert not starts_like_html("<!--" + "a" * 1000)
    assert not starts_like_html("规划<html>")


# ---- Markdown and plain text -------------------------------------------------------------------

def test_markdown_made_to_backtrack_is_read_in_linear_time():
    cases = {
        "brackets.md": (PLAN + "![" * 1_000_000).encode(),
        "links.md": (PLAN + "[a](" * 500_000).encode(),
        "open_links.md": (PLAN + "[" * 1_000_000).encode(),
        "autolinks.md": (PLAN + "<http:" * 500_000).encode(),
        "tags.md": (PLAN + "<a" * 1_000_000).encode(),
        "heading.md": (PLAN + "# 标题" + " " * 2_000_000 + "x\n").encode(),
        "ref_links.md": (PLAN + "[a][" * 500_000).encode(),
        "table.md": (PLAN + "|" + " " * 1_000_000 + "x|\n").encode(),
    }
    for name, outcome in isolated(cases).items():
        assert outcome[0] == "accepted" and outcome[2].startswith(PLAN.splitlines()[0]), (name, outcome)


def test_markdown_still_reduces_headings_links_and_images():
    doc = accepted(read("## 标题 ##\n# 一\n#不是标题\n见[规划](http://x.cn/a)和![图](a.png)。\n".encode(), "a.md"))
    assert doc.text == "标题\n一\n#不是标题\n见规划和图。"


# ---- encodings and invisible characters --------------------------------------------------------

@pytest.mark.parametrize(("data", "encoding", "says"), [
    ((PLAN + "完成").encode()[:-1], "utf-8", "cut off in the middle of its last character"),
    ((PLAN + "完成").encode()[:-2], "utf-8", "cut off"),
    ((PLAN + "完成").encode("gb18030")[:-1], "gb18030", "cut off"),
    ((b"\xff\xfe" + PLAN.encode("utf-16-le"))[:-1], "utf-16", "cut off"),
    (hostile._flip(PLAN.encode() * 3), "utf-8", "3 undecodable UTF-8"),
    (PLAN.encode().replace("规划".encode(), "规划".encode() + b"\xa9"), "utf-8", "1 undecodable UTF-8"),
])
def test_a_file_valid_but_for_a_few_bytes_is_accepted_with_a_warning(data, encoding, says):
    doc = accepted(read(data, "plan.txt"))
    assert doc.encoding == encoding
    assert PLAN.splitlines()[1] in doc.text  # everything else is read as it is
    assert any(says in w for w in doc.warnings), doc.warnings
    assert "\ufffd" in doc.text
    _meta, facts = process_document(doc)
    assert any(f.value == 1450 and f.unit == "亿元" for f in facts)


def test_a_few_bytes_means_a_few():
    data = bytearray(PLAN.encode() * 20)
    for i in range(100, len(data), 40):  # a damaged byte every 40
        data[i] = 0xFF
    rejected(read(bytes(data), "plan.txt"), "undecodable")


def test_gbk_text_with_few_chinese_characters_stays_gb18030():
    data = ("Wenzhou plan 2025: " + "规划" + " target 1450").encode("gbk")
    doc = accepted(read(data, "plan.txt"))
    assert doc.encoding == "gb18030" and "规划" in doc.text and not doc.warnings


@pytest.mark.parametrize("data", [
    PLAN.encode() + PLAN.encode("gb18030"),
    PLAN.encode("gb18030") + "附：温州市发展改革委员会\n".encode() + PLAN.encode("gb18030"),
])
def test_mixed_utf8_and_gb18030_lines_are_each_decoded(data):
    doc = accepted(read(data, "plan.txt"))
    assert doc.encoding == "mixed (utf-8, gb18030)"
    assert doc.text.count("温州市人民政府关于印发") == 2 and "\ufffd" not in doc.text
    assert any("mixed encodings" in w for w in doc.warnings)


@pytest.mark.parametrize(("data", "encoding"), [
    (b"\xff\xfe" + PLAN.encode("utf-16-le"), "utf-16"),
    (b"\xfe\xff" + PLAN.encode("utf-16-be"), "utf-16"),
    (("Plan 2025: " + PLAN).encode("utf-16-le"), "utf-16-le"),
    (("Plan 2025: " + PLAN).encode("utf-16-be"), "utf-16-be"),
    (PLAN.encode("utf-32"), "utf-32"),
])
def test_utf16_and_utf32_with_or_without_a_bom(data, encoding):
    doc = accepted(read(data, "plan.txt"))
    assert doc.encoding == encoding and PLAN.splitlines()[1] in doc.text


def test_nul_padding_at_the_end_is_cut_with_a_warning_nuls_inside_are_binary():
    doc = accepted(read(PLAN.encode() + b"\x00" * 4096, "plan.txt"))
    assert doc.text == PLAN.strip() and "NUL" in doc.warnings[0]
    rejected(read(PLAN.encode() + b"\x00" + PLAN.encode(), "plan.txt"), "binary")
    rejected(read(b"\x00" * 100, "plan.txt"), "binary")


@pytest.mark.parametrize("written", ["1\u200b450", "14\u200d5\u20600", "1\ufeff45\u200c0", "1\u00ad450",
                                     "1\x01450", "1\x85450", "1\u202a450\u202c"])
def test_invisible_characters_inside_numbers_are_removed(written):
    doc = accepted(read(PLAN.replace("1450", written).encode(), "plan.txt"))
    assert "1450亿元" in doc.text and doc.warnings
    _meta, facts = process_document(doc)
    assert any(f.value == 1450 and f.unit == "亿元" for f in facts), [(f.value, f.unit) for f in facts]


@pytest.mark.parametrize("written", ["1&#8203;450", "14&#x200D;50", "1&shy;450", "1&zwnj;450", "1&#x202E;450"])
def test_invisible_characters_written_as_html_entities_are_removed_too(written):
    doc = accepted(read(f"<html><body><p>到2025年，全市规模以上工业增加值达到{written}亿元。</p></body></html>".encode(),
                        "plan.html"))
    assert "1450亿元" in doc.text and any("invisible" in w for w in doc.warnings), (doc.text, doc.warnings)


def test_tabs_and_line_breaks_are_not_control_characters_to_remove():
    doc = accepted(read("指标\t2020年\t2025年\r\n工业增加值（亿元）\t1210\t1450\r\n".encode(), "plan.txt"))
    assert doc.text == "指标\t2020年\t2025年\n工业增加值（亿元）\t1210\t1450" and not doc.warnings


@pytest.mark.parametrize("name", ["data.md", "data.txt", "data.html"])
def test_data_uris_in_the_text_are_removed(name):
    uri = hostile._data_uri(512)
    body = f"<p>{SENTENCE}</p><p>{uri}</p>" if name.endswith(".html") else f"{PLAN}{uri}\n"
    doc = accepted(read(body.encode(), name))
    assert "base64" not in doc.text and len(doc.text) < 500
    assert any("data URI" in w for w in doc.warnings)

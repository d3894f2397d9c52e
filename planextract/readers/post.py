"""Front-matter posts (Jekyll/Hexo news reposts): YAML front matter, then an HTML or Markdown body.

The front matter is kept as strings (dates as written); its `title` becomes the first line of
the text, so a headline is searchable like any other line.

Front matter is untrusted YAML. Before anything is built from it, its event stream is checked
(`check_front_matter`, linear in its size): aliases (`*name`, the way a few hundred bytes expand
into gigabytes), tags other than YAML's standard scalar/sequence/mapping ones (`!!python/object`,
`!custom`) make the file a rejection (`unsafe_front_matter`), and front matter over
`MAX_FRONT_MATTER_CHARS` characters, `MAX_FRONT_MATTER_DEPTH` levels or `MAX_FRONT_MATTER_NODES`
nodes is `limit_exceeded`. YAML that does not parse at all falls back to a tolerant
`key: value` reading, as before.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime

import frontmatter
import yaml

from .base import Reading, Unreadable
from .html import HTML_WS, body_is_html, parse_html
from .text import normalise_markdown

_YAML_HANDLER = frontmatter.YAMLHandler()
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # every scalar stays the original string
# (no lazy group before a trailing [ \t]*$: that backtracks quadratically on long runs of spaces)
_KV = re.compile(r"^([A-Za-z_][\w\-]*)[ \t]*:[ \t]*(.*)$")
_ITEM = re.compile(r"^[ \t]+-[ \t]*(.*)$|^-[ \t]+(.*)$")

MAX_FRONT_MATTER_CHARS = 64 * 1024   # real posts have a few hundred
MAX_FRONT_MATTER_DEPTH = 16
MAX_FRONT_MATTER_NODES = 5_000
_STANDARD_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in
                           ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")) | {"!"}


def split_front_matter(text: str) -> tuple[str, str] | None:
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped.startswith("---") or not _YAML_HANDLER.detect(stripped):
        return None
    try:
        fm, body = _YAML_HANDLER.split(stripped)
    except ValueError:  # no closing ---
        return None
    return fm, body


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _tolerant_front_matter(fm: str) -> dict:
    """key: value lines and '- item' lists, for front matter YAML cannot parse."""
    result: dict[str, object] = {}
    last = None
    for line in fm.splitlines():
        item = _ITEM.match(line)
        if item and last is not None:
            value = _unquote((item.group(1) if item.group(1) is not None else item.group(2)).rstrip(" \t"))
            prev = result.get(last)
            if isinstance(prev, list):
                prev.append(value)
            else:
                result[last] = [value] if not prev else [prev, value]
            continue
        kv = _KV.match(line)
        if kv:
            last = kv.group(1)
            result[last] = _unquote(kv.group(2).rstrip(" \t"))
    return result


def _as_str(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(_as_str(v) for v in value if v is not None and _as_str(v) != "")
    if isinstance(value, dict):
        return json.dumps({str(k): _as_str(v) for k, v in value.items()}, ensure_ascii=False)
    return str(value)


def check_front_matter(fm: str) -> bool:
    """Raise Unreadable when the front matter is unsafe or too big to build; False when it is not
    valid YAML (read it tolerantly), True when it may be loaded."""
    if len(fm) > MAX_FRONT_MATTER_CHARS:
        raise Unreadable("limit_exceeded", f"Front matter is {len(fm):,} characters long, over the limit of "
                                           f"{MAX_FRONT_MATTER_CHARS:,}; keep only the post's fields (title, "
                                           f"date, source …) in it.")
    depth = nodes = 0
    try:
        for event in yaml.parse(fm, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent):
                raise Unreadable("unsafe_front_matter", f"Front matter uses a YAML alias (*{event.anchor}), which "
                                                        f"is not read: aliases can expand a few bytes into "
                                                        f"gigabytes. Write the values out and remove the "
                                                        f"&anchors and *aliases.")
            tag = getattr(event, "tag", None)
            if tag is not None and tag not in _STANDARD_TAGS:
                raise Unreadable("unsafe_front_matter", f"Front matter uses the YAML tag {tag[:80]!r}, which is "
                                                        f"not read (only plain strings, numbers, dates, lists and "
                                                        f"mappings are). Remove the tag.")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_FRONT_MATTER_DEPTH:
                    raise Unreadable("limit_exceeded", f"Front matter nests lists or mappings more than "
                                                       f"{MAX_FRONT_MATTER_DEPTH} levels deep; flatten it.")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > MAX_FRONT_MATTER_NODES:
                    raise Unreadable("limit_exceeded", f"Front matter has more than {MAX_FRONT_MATTER_NODES:,} "
                                                       f"values; keep only the post's fields in it.")
    except yaml.YAMLError:
        return False
    return True


def load_front_matter(fm: str) -> dict[str, str]:
    loaded = None
    if check_front_matter(fm):
        try:
            loaded = _YAML_HANDLER.load(fm, Loader=_LOADER)
        except Exception:  # any YAML error: fall back to a tolerant reading
            loaded = None
    if not isinstance(loaded, dict):
        loaded = _tolerant_front_matter(fm)
    return {str(k): _as_str(v) for k, v in loaded.items()}


class PostReader:
    """Any text file that opens with a YAML front-matter block."""

    name = "front_matter_html"

    def claims(self, text: str, suffix: str) -> bool:
        return split_front_matter(text) is not None

    def read_text(self, text: str, suffix: str) -> Reading:
        fm_text, body = split_front_matter(text)
        fm = load_front_matter(fm_text)
        html_title = None
        if body_is_html(body):
            body_text, html_title = parse_html(body, markdown_post=True)
        else:
            body_text = normalise_markdown(body)
        title = HTML_WS.sub(" ", fm.get("title", "")).strip()
        if not body_text.strip():  # only front matter: an empty document, whatever its title
            body_text = ""
        elif title:
            body_text = f"{title}\n{body_text}"
        return Reading(format="front_matter_html", text=body_text, front_matter=fm, html_title=html_title)

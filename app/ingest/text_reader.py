"""Plain-text and Markdown articles."""

from __future__ import annotations

import re

from .dates import first_full_date
from .document import RawDocument
from .encoding import decode_text


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_txt(data: bytes) -> RawDocument:
    decoded = decode_text(data)
    return RawDocument(_normalise(decoded.text), warnings=list(decoded.warnings))


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.S)
_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
]
_LINE_PREFIX = re.compile(r"^ {0,3}(?:>\s?)+|^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$")


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return text, {}
    fields = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip().lower()] = value.strip().strip("'\"")
    # Keep the line count so the body's offsets stay readable; the block itself is not article text.
    return "\n" * m.group(0).count("\n") + text[m.end() :], fields


def markdown_to_text(source: str) -> tuple[str, str]:
    """Readable text and the title (a leading ``# Title`` or setext heading), markup stripped."""
    lines = source.split("\n")
    out: list[str] = []
    title = ""
    seen_text = False
    for line in lines:
        heading = _ATX.match(line)
        if heading:
            line = heading.group(2)
            if not title and not seen_text and heading.group(1) in {"#", "##"}:
                title = line
        elif _RULE.match(line) or _REF_DEF.match(line):
            line = ""
        elif _SETEXT.match(line) and out and out[-1].strip():
            if not title and out[-1].strip() and not any(o.strip() for o in out[:-1]):
                title = out[-1].strip()
            line = ""
        else:
            line = _LINE_PREFIX.sub("", line)
        for pattern, repl in _INLINE:
            line = pattern.sub(repl, line)
        if line.strip():
            seen_text = True
        out.append(line)
    return "\n".join(out), title.strip()


def read_markdown(data: bytes) -> RawDocument:
    decoded = decode_text(data)
    text, meta = _front_matter(_normalise(decoded.text))
    text, title = markdown_to_text(text)
    published = first_full_date(meta.get("date", "")) if meta.get("date") else None
    return RawDocument(text, title or meta.get("title", ""), meta.get("source", ""), published,
                       list(decoded.warnings))

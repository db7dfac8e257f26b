"""Text hygiene and wording shared by every memo block: done once here so DOCX and PDF print the same."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")

# C0/C1 controls (tab and newline are handled first), lone surrogates and non-characters that XML refuses,
# plus invisible characters that only cause trouble in print: BOM, zero-width space, soft hyphen and the
# bidi overrides that can reorder what a reader sees.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\ufeff\u200b\u00ad\u202a-\u202e\u2066-\u2069]"
)
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")
_SPACES = re.compile(r"[^\S\n]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")

_PORTION_MARKS = (
    ("TOP SECRET", "TS"),
    ("SECRET", "S"),
    ("CONFIDENTIAL", "C"),
    ("CUI", "CUI"),
    ("SBU", "SBU"),
    ("SENSITIVE BUT UNCLASSIFIED", "SBU"),
    ("UNCLASSIFIED", "U"),
)


def clean_text(value: object, keep_newlines: bool = False) -> str:
    """Printable text: no control characters, tabs become spaces, runs of spaces collapse.

    With ``keep_newlines`` line breaks survive (at most one blank line in a row); otherwise the text
    becomes one line, which is what a fact, a title or a header value is.
    """
    text = "" if value is None else str(value)
    if not text:
        return ""
    text = _LINE_BREAKS.sub("\n", text)
    text = text.replace("\t", " ").replace("\x0b", " ").replace("\x0c", " ")
    text = _INVISIBLE.sub("", text)
    if keep_newlines:
        lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
        return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip("\n")
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def spelled_date(day: date) -> str:
    """``July 28, 2024``, independent of the machine's locale."""
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def classification_banner(value: str, default: str) -> str:
    return clean_text(value).upper() or default


def portion_mark(banner: str) -> str:
    """``(U)`` for UNCLASSIFIED and its caveats (``UNCLASSIFIED//FOR PUBLIC RELEASE``), ``(CUI)``..."""
    head = banner.split("//", 1)[0].strip()
    for name, mark in _PORTION_MARKS:
        if head == name:
            return f"({mark})"
    for name, mark in _PORTION_MARKS:
        if head.startswith(name):
            return f"({mark})"
    return f"({head})" if head else ""


def file_label(path: str) -> str:
    """What a Sources entry shows for where an article came from: a URL as is, else the file name."""
    path = clean_text(path)
    if "://" in path:
        return path
    return re.split(r"[\\/]", path)[-1] if path else ""

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

# Classification levels, lowest first: (portion mark, banner word(s)). The banner is always rebuilt from the
# highest portion mark in the memo, so whatever a user types, the memo prints one of these.
LEVELS = (
    ("U", "UNCLASSIFIED"),
    ("SBU", "SENSITIVE BUT UNCLASSIFIED"),
    ("CUI", "CUI"),
    ("C", "CONFIDENTIAL"),
    ("S", "SECRET"),
    ("TS", "TOP SECRET"),
)
_RANK = {mark: i for i, (mark, _) in enumerate(LEVELS)}
_BY_NAME = {name: mark for mark, name in LEVELS} | {mark: mark for mark, _ in LEVELS}
# Dissemination controls kept after "//"; anything else typed there is dropped, never printed.
_CAVEAT = re.compile(r"^(FOR PUBLIC RELEASE|FOUO|NOFORN|ORCON|PROPIN|REL TO [A-Z ,]+)$")


def clean_text(value: object, keep_newlines: bool = False) -> str:
    """Printable text: no control characters, tabs become spaces, runs of spaces collapse.

    With ``keep_newlines`` line breaks survive (at most one blank line in a row); otherwise the text
    becomes one line, which is what a fact, a title or a header value is.
    """
    text = "" if value is None else str(value)
    if not text:
        return ""
    if text.isprintable() and "  " not in text:
        # The common case, in C: no control, separator or invisible character (each of those is
        # "non-printable") and no run of spaces; only the ends can need trimming.
        return text.strip()
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


def parse_classification(value: object) -> tuple[str, tuple[str, ...]]:
    """``"unclassified//for public release"`` -> ``("U", ("FOR PUBLIC RELEASE",))``; unknown -> ``("U", ())``.

    Accepts banner words (``SECRET``), portion marks (``S``, ``(S)``) and the usual abbreviations.
    """
    text = clean_text(value).upper()
    head, *tail = [part.strip() for part in text.split("//")] if text else [""]
    head = head.strip("() ")
    mark = _BY_NAME.get(head)
    if mark is None:
        # "SECRET NOFORN", "UNCLASSIFIED (SBU)": the longest level name the text starts with
        names = sorted(((n, m) for n, m in _BY_NAME.items() if len(n) > 2), key=lambda nm: -len(nm[0]))
        mark = next((m for n, m in names if head.startswith(n)), "U")
    caveats = tuple(c for c in (" ".join(t.split()) for t in tail) if _CAVEAT.match(c))
    if mark != "U":
        caveats = tuple(c for c in caveats if c != "FOR PUBLIC RELEASE")
    return mark, caveats


def known_classification(value: object) -> bool:
    """True when ``value`` names a level (``SECRET//NOFORN``, ``(C)``, ``cui``) or is empty (the default);
    anything else prints as UNCLASSIFIED, which a reader of a hand-edited file should be told."""
    text = clean_text(value).upper()
    if not text:
        return True
    head = text.split("//")[0].strip().strip("() ")
    return head in _BY_NAME or any(head.startswith(n) for n in _BY_NAME if len(n) > 2)


def mark_rank(mark: str) -> int:
    return _RANK.get(mark.strip("() "), 0)


def banner_for(marks: object, caveats: tuple[str, ...] = ()) -> str:
    """The overall banner: the highest of the portion marks used (``"(U)"`` or ``"U"``), plus caveats."""
    used = [m.strip("() ") for m in marks if m] or ["U"]  # type: ignore[union-attr]
    top = max(used, key=mark_rank)
    name = dict(LEVELS).get(top, "UNCLASSIFIED")
    if top != "U":
        caveats = tuple(c for c in caveats if c != "FOR PUBLIC RELEASE")
    return "//".join((name, *caveats))


def classification_banner(value: str, default: str = "UNCLASSIFIED") -> str:
    """The banner for a memo whose every portion carries ``value``'s mark; ``default`` when value is empty."""
    mark, caveats = parse_classification(value or default)
    return banner_for([mark], caveats)


def portion_mark(banner: str) -> str:
    """``(U)`` for UNCLASSIFIED and its caveats (``UNCLASSIFIED//FOR PUBLIC RELEASE``), ``(CUI)``..."""
    return f"({parse_classification(banner)[0]})"


def file_label(path: str) -> str:
    """What a Sources entry shows for where an article came from: a URL as is, else the file name."""
    path = clean_text(path)
    if "://" in path:
        return path
    return re.split(r"[\\/]", path)[-1] if path else ""

"""What a sentence states as values, read for its signature (``signatures.py``): dates, figures with their
units, the countries something is given to, and the names ``app.extract.entities`` finds.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from app.extract.lexicon import STOPWORDS, Lexicon, stem

# A word, a figure ("1,700", "3rd") or a format such as "2+2".
TOKEN = re.compile(r"\d+\s?\+\s?\d+|[A-Za-z](?:[A-Za-z0-9]|['-](?=[A-Za-z0-9])|\.(?=[A-Za-z]))*"
                   r"|\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th)?")
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
               "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
            r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_DATE = re.compile(
    rf"(?:\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?\b(?P<mon>{_MONTH_RE})(?![a-z])"
    r"(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<y>(?:19|20)\d{2})\b)?"
)
_YEAR = re.compile(r"(?<![\d,.$])\b(?:19|20)\d{2}\b(?!\d|,\d)")
_MONTH_CUES = frozenset({"in", "on", "since", "by", "until", "of", "early", "late", "mid"})
RELATIVE_DAY = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_NUMBER = re.compile(
    r"(?P<cur>[$\u20ac\u00a3\u00a5])?\s?(?<![\w.,+-])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d+])"
    r"(?:\s?(?P<mult>million|billion|trillion|thousand|bn|mn)\b)?(?P<pct>\s?(?:%|percent\b|per cent\b))?"
)
_MULT = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_CURRENCY = {"$": "USD", "\u20ac": "EUR", "\u00a3": "GBP", "\u00a5": "JPY"}
_COUNTRY_WORDS = r"(?:the\s+)?(?P<x>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})"
_RECIPIENT = (
    re.compile(r"(?i:\b(?:export|sell|sold|deliver|send|sent|deploy|supply|supplie|transfer|ship|provid|giv|gave|donat)"
               r"\w*)\b[^.;:]{0,60}?\b(?i:to)\s+" + _COUNTRY_WORDS),
    re.compile(r"(?i:\b(?:provid|suppl|arm|equip)\w*)\s+" + _COUNTRY_WORDS + r"\s+(?i:with)\b"),
    re.compile(r"\b(?P<goods>[a-z][\w-]*)\s+for\s+" + _COUNTRY_WORDS),
)

DateValue = tuple[int | None, int | None, int | None]


def name_mentions(text: str) -> list | None:
    finder = _finder()
    if finder is None:
        return None
    try:
        return list(finder(text))
    except Exception:  # noqa: BLE001 - another module's bug must not stop merging; fall back
        return None


@lru_cache(maxsize=1)
def _finder():
    try:
        from app.extract.entities import find_mentions
    except ImportError:
        return None
    return find_mentions


def read_dates(text: str, published: date | None) -> tuple[list[DateValue], list[tuple[int, int]]]:
    found: list[DateValue] = []
    spans: list[tuple[int, int]] = []
    for m in _DATE.finditer(text):
        mon = m.group("mon").rstrip(".").lower()
        if mon == "may" and not (m.group("d1") or m.group("d2") or m.group("y")):
            before = text[max(0, m.start() - 12):m.start()].lower().split()
            if not before or before[-1] not in _MONTH_CUES:
                continue  # "May" is a modal more often than a month
        month = MONTHS.get(mon) or _MONTH_ABBR.get(mon)
        day = m.group("d1") or m.group("d2")
        d = int(day) if day and 1 <= int(day) <= 31 else None
        found.append((int(m.group("y")) if m.group("y") else None, month, d))
        spans.append(m.span())
    for m in _YEAR.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            found.append((int(m.group()), None, None))
            spans.append(m.span())
    if published is not None:
        for m in re.finditer(r"\b(?:today|tonight|yesterday|tomorrow)\b", text.lower()):
            day_ = published + timedelta(days=RELATIVE_DAY[m.group()])
            found.append((day_.year, day_.month, day_.day))
            spans.append(m.span())
    return found, spans


def read_quantities(text: str, skip: list[tuple[int, int]],
                lex: Lexicon) -> list[tuple[int, tuple[float, frozenset[str]]]]:
    out: list[tuple[int, tuple[float, frozenset[str]]]] = []
    for m in _NUMBER.finditer(text):
        if any(a <= m.start("num") < b for a, b in skip):
            continue
        if text[m.end("num"):m.end("num") + 2] in ("st", "nd", "rd", "th"):
            continue  # an ordinal
        value = float(m.group("num").replace(",", "")) * _MULT.get((m.group("mult") or "").lower(), 1.0)
        if m.group("cur"):
            units = frozenset({_CURRENCY[m.group("cur")]})
        elif m.group("pct"):
            units = frozenset({"percent"})
        else:
            follow = [t for t in TOKEN.findall(text[m.end():m.end() + 40])[:3] if t.lower() not in STOPWORDS]
            units = frozenset(lex.concept(stem(t)) for t in follow[:2])
            if follow:
                units |= {"=" + follow[0]}  # the word as written, to show in a conflict's reason
        out.append((m.start("num"), (value, units)))
    return out


def date_key(value: DateValue) -> str:
    """Coarse on purpose ("April" must meet "April 2024"): the month when known, else the year."""
    year, month, _day = value
    return f"d:m{month}" if month else f"d:y{year}"


def canonical_country(phrase: str, lex: Lexicon) -> str:
    """'the US' -> 'United States'; unknown names come back as written (shortened to a known prefix)."""
    words = phrase.split()
    for n in range(len(words), 0, -1):
        cand = " ".join(words[:n])
        low = cand.lower().rstrip(".")
        if low in lex.demonyms or cand.lower() in lex.demonyms:
            return lex.demonyms.get(cand.lower(), lex.demonyms.get(low, cand))
        if low in {v.lower() for v in lex.demonyms.values()}:
            return next(v for v in lex.demonyms.values() if v.lower() == low)
        mentions = name_mentions(cand)
        for mention in mentions or ():
            if mention.type in ("country", "organisation", "organization") and mention.text == cand:
                return mention.value or cand
    return words[0] if words else phrase


def read_recipients(text: str, lex: Lexicon) -> frozenset[str]:
    found: set[str] = set()
    for i, pattern in enumerate(_RECIPIENT):
        for m in pattern.finditer(text):
            if i == 2 and stem(m.group("goods")) not in lex.goods:
                continue
            found.add(canonical_country(m.group("x"), lex))
    return frozenset(found)

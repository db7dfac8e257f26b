"""Dates in a fact, normalised against the article's publication date.

``find_dates(text, reference, tense_hint)`` returns ``DateMention(text, value, granularity)``: ``value`` is
"2024-07-28" (day), "2024-07" (month) or "2024" (year) and ``text`` the phrase as written. A phrase without a
year takes it from ``reference`` and the tense around it: "is set to launch in March" (published 2024-07-28) →
2025-03, "provided ... in December" → 2023-12. Relative words ("today", "yesterday", "on Sunday", "last year")
count from ``reference``; a weekday is only dated when that is unambiguous. A day is never invented: "in
March" stays a month. Not dates: "2+2", the modal "may", "15 years", "the March 1st Movement", "Paris 2024".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from app.domain import Article, DateMention, Fact
from app.extract.tense import FUTURE, PAST, in_quotes, normalise_tense, tense_with_hint
from app.shared.gc_pause import gc_paused

DAY, MONTH, YEAR = "day", "month", "year"

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
           "oct": 10, "nov": 11, "dec": 12}
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?"
          r"|Oct|Nov|Dec)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19|20)\d\d(?![\w+])"
_DAYNUM = r"\d{1,2}(?:st|nd|rd|th)?(?![\w+])"
_DATE = re.compile(
    rf"(?P<md>(?P<m1>{_MONTH})\s+(?P<d1>{_DAYNUM})(?:,?\s+(?P<y1>{_YEAR}))?)"
    rf"|(?P<dm>(?P<d2>{_DAYNUM})(?:\s+of)?\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?)"
    rf"|(?P<my>(?P<m3>{_MONTH})(?:\s+of)?,?\s+(?P<y3>{_YEAR}))"
    r"|(?P<iso>(?P<y4>(?:19|20)\d\d)[-/.](?P<m4>\d{1,2})[-/.](?P<d4>\d{1,2})(?!\d))"
    r"|(?P<cjk>(?P<y5>(?:19|20)\d\d)\s*年\s*(?P<m5>\d{1,2})\s*月(?:\s*(?P<d5>\d{1,2})\s*日)?)"
    r"|(?P<num>(?P<a6>\d{1,2})/(?P<b6>\d{1,2})/(?P<y6>(?:19|20)\d\d)(?!\d))"
    rf"|(?P<m7>{_MONTH})(?![\w])"
    rf"|(?P<y8>{_YEAR})"
    rf"|(?P<wd>{_WEEKDAY})(?!\w)"
    r"|(?P<rel>[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow)(?!\w)"
    r"|(?P<rel2>(?P<which>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<unit>week|month|year|morning|afternoon|evening)(?!\w))"
)
# Every place a date can start, as one branch of literals so the regex engine skips ahead in C to a
# possible first character; _DATE is then tried only there (searching with _DATE itself is ~20x slower).
# A run of digits is one candidate (a digit after a digit is inside a word, never a start), and "this",
# "last", "next" only count before the unit that makes them a date ("this year", not "this agreement").
_UPPER_STARTS = [re.escape(m) for m in re.findall(r"[A-Z][a-z]+\.?", _MONTH + _WEEKDAY)] + [
    "Today", "Tonight", "Yesterday", "Tomorrow"] + [
    w + r"(?=\s+(?:week|month|year|morning|afternoon|evening)(?!\w))" for w in ("Last", "Next", "This")]
_LOWER_STARTS = ["today", "tonight", "yesterday", "tomorrow"] + [
    w + r"(?=\s+(?:week|month|year|morning|afternoon|evening)(?!\w))" for w in ("last", "next", "this")]
_DIGIT_STARTS = "|".join(rf"{d}\d*" for d in "0123456789")
_CANDIDATE = re.compile("|".join(sorted(set(_UPPER_STARTS + _LOWER_STARTS), key=len, reverse=True))
                        + "|" + _DIGIT_STARTS)
# The same without the lower-case words, which are rare but slow the scan down by half: used when a text
# has none of them (checked with ``in``, in C).
_UPPER_CANDIDATE = re.compile("|".join(sorted(set(_UPPER_STARTS), key=len, reverse=True)) + "|" + _DIGIT_STARTS)


def _candidates(text: str) -> re.Pattern[str]:
    if ("today" in text or "tonight" in text or "tomorrow" in text or "yesterday" in text or (
            ("last" in text or "next" in text or "this" in text) and (
            "year" in text or "month" in text or "week" in text or "morning" in text or "afternoon" in text
            or "evening" in text))):
        return _CANDIDATE
    return _UPPER_CANDIDATE


_BEFORE_MONTH = re.compile(
    r"(?:\b(?P<prep>in|on|since|by|until|till|from|during|through|throughout|before|after|of|between|and|to"
    r"|or|early|late|mid|last|next|this|end\s+of|beginning\s+of|start\s+of|middle\s+of|as\s+of)[ \t]+"
    r"|\bmid-)$",
    re.IGNORECASE,
)
_BEFORE_YEAR = re.compile(
    r"\b(?:in|since|by|until|till|from|during|through|throughout|before|after|between|and|to|of|early|late|mid"
    r"|end\s+of|beginning\s+of|start\s+of|middle\s+of|as\s+of|fiscal|year)[ \t]+(?:the[ \t]+year[ \t]+)?$",
    re.IGNORECASE,
)
_BEFORE_WEEKDAY = re.compile(r"\b(?P<prep>on|last|next|this|since|by|until|from|early|late|coming)[ \t]+$",
                             re.IGNORECASE)
# Wire copy drops the "on": "agreed Monday", "said Tuesday", "will meet Friday". A weekday right after a verb
# is dated too; after a capitalised word ("Super Tuesday", "Good Friday") or "every" it is not a date.
_VERB_BEFORE = re.compile(r"(?<![\w'\u2019])(?P<verb>[a-z]{2,}ed|said|says|say|met|meet|meets|told|tells|held|hold"
                          r"|holds|begin|begins|began|start|starts|end|ends|spoke|speak|speaks|left|leave|leaves|arrive"
                          r"|arrives|came|come|comes|visit|visits|host|hosts|open|opens|sign|signs|resume|resumes"
                          r"|convene|convenes|is|was|are|were)[ \t]+$")
_WEEKDAY_BEFORE = re.compile(rf"(?P<wd>{_WEEKDAY}),?[ \t]+(?:the[ \t]+)?$")
_DIGITS = re.compile(r"\d+")
_THE_BEFORE = re.compile(r"\bthe[ \t]+$", re.IGNORECASE)
_CAPITAL_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")


class FoundDate(NamedTuple):
    start: int
    end: int
    mention: DateMention


# One DateMention per distinct phrase (they are immutable): building a frozen dataclass costs more than
# finding the date.
_MENTIONS: dict[tuple[str, str, str], DateMention] = {}


def _found(s: int, e: int, text: str, value: str, granularity: str) -> FoundDate:
    k = (text, value, granularity)
    mention = _MENTIONS.get(k)
    if mention is None:
        if len(_MENTIONS) >= 50_000:
            _MENTIONS.clear()
        mention = _MENTIONS[k] = DateMention(text, value, granularity)
    return FoundDate(s, e, mention)


def find_dates(text: str, reference: date | None = None, tense_hint: str | None = None) -> list[DateMention]:
    """Dates in ``text`` in order of appearance (see the module doc). ``tense_hint`` ("past", "future", or a
    fact status) decides the year when nothing near the phrase shows the tense."""
    return [f.mention for f in scan_dates(text, reference, tense_hint)]


def scan_dates(text: str, reference: date | None = None, tense_hint: str | None = None) -> list[FoundDate]:
    hint = normalise_tense(tense_hint)
    out: list[FoundDate] = []
    done = 0  # end of the last date phrase: candidates inside it are skipped
    for c in _candidates(text).finditer(text):
        s = c.start()
        if s < done or (s and text[s - 1].isalnum()):
            continue
        m = _DATE.match(text, s)
        if m is None or (m.lastgroup == "y8" and s and text[s - 1] in "+-/$.,"):
            continue
        found = _interpret(text, m, reference, hint)
        if found is not None:
            out.append(found)
            done = m.end()
    return out


def _interpret(text: str, m: re.Match[str], ref: date | None, hint: str | None) -> FoundDate | None:
    g = m.group
    s, e = m.start(), m.end()
    kind = m.lastgroup  # the outer group of the alternative that matched
    if kind == "md" or kind == "dm":
        month = _month(g("m1") or g("m2"))
        day = int(_DIGITS.match(g("d1") or g("d2")).group())  # type: ignore[union-attr]
        year_text = g("y1") or g("y2")
        if not year_text and _THE_BEFORE.search(text, max(0, s - 6), s) and _CAPITAL_AFTER.match(text, e):
            return None  # "the March 1st Movement": a name
        s = _with_weekday(text, s)
        year = int(year_text) if year_text else _year_for(text, s, e, month, day, ref, hint, None)
        return _day(text, s, e, year, month, day)
    if kind == "my":
        return _month_found(text, s, e, int(g("y3")), _month(g("m3")))
    if kind == "iso":
        return _day(text, s, e, int(g("y4")), int(g("m4")), int(g("d4")))
    if kind == "cjk":
        if g("d5"):
            return _day(text, s, e, int(g("y5")), int(g("m5")), int(g("d5")))
        return _month_found(text, s, e, int(g("y5")), int(g("m5")))
    if kind == "num":
        a, b = int(g("a6")), int(g("b6"))
        if a > 12 >= b:
            return _day(text, s, e, int(g("y6")), b, a)
        if b > 12 >= a:
            return _day(text, s, e, int(g("y6")), a, b)
        return None  # 7/8/2024: month first or day first cannot be told
    if kind == "m7":
        ctx = _BEFORE_MONTH.search(text, max(0, s - 16), s)
        if ctx is None:
            return None  # a bare "May", "March" (the verb or a name)
        mod = (ctx.group("prep") or "").lower()
        month = _month(g("m7"))
        year = _year_for(text, s, e, month, None, ref, hint, mod)
        if mod in ("last", "next", "this"):
            s = ctx.start("prep")  # keep "last March" whole: the word decides the year
        return _month_found(text, s, e, year, month)
    if kind == "y8":
        if _BEFORE_YEAR.search(text, max(0, s - 20), s) is None:
            return None  # "Paris 2024", "2024 elections"
        return _found(s, e, g("y8"), g("y8"), YEAR)
    if ref is None:
        return None
    if kind == "wd":
        return _weekday(text, s, e, ref, hint)
    if kind == "rel":
        word = g("rel").lower()
        if in_quotes(text, s):
            return None  # "Ukraine today may be East Asia tomorrow": a figure of speech, not a date
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        return _found(s, e, g("rel"), (ref + timedelta(days=shift)).isoformat(), DAY)
    if kind == "rel2":
        which, unit = g("which").lower(), g("unit")
        step = {"last": -1, "next": 1, "this": 0}[which]
        if unit in ("morning", "afternoon", "evening"):
            if step:
                return None
            return _found(s, e, g("rel2"), ref.isoformat(), DAY)
        if unit == "year":
            return _found(s, e, g("rel2"), str(ref.year + step), YEAR)
        if unit == "month":
            y, mo = divmod(ref.year * 12 + ref.month - 1 + step, 12)
            return _found(s, e, g("rel2"), f"{y:04d}-{mo + 1:02d}", MONTH)
    return None  # "last week": no week granularity


def _month(word: str) -> int:
    return _MONTHS[word[:3].lower()]


def _with_weekday(text: str, s: int) -> int:
    """Start of "Sunday, July 28th 2024" when a weekday leads the date."""
    m = _WEEKDAY_BEFORE.search(text, max(0, s - 16), s)
    return m.start() if m else s


def _day(text: str, s: int, e: int, year: int | None, month: int, day: int) -> FoundDate | None:
    if year is None:
        return None
    value = _iso_day(year, month, day)
    if value is None:
        return None
    return _found(s, e, text[s:e], value, DAY)


@lru_cache(maxsize=4096)
def _iso_day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_found(text: str, s: int, e: int, year: int | None, month: int) -> FoundDate | None:
    if year is None or not 1 <= month <= 12:
        return None
    return _found(s, e, text[s:e], f"{year:04d}-{month:02d}", MONTH)


def _year_for(text: str, s: int, e: int, month: int, day: int | None, ref: date | None, hint: str | None,
              mod: str | None) -> int | None:
    """The year of a month (and day) written without one."""
    if ref is None:
        return None
    if mod == "last":
        return ref.year if month < ref.month else ref.year - 1
    if mod == "next":
        return ref.year if month > ref.month else ref.year + 1
    if mod == "this":
        return ref.year
    tense = tense_with_hint(text, s, e, hint)
    target, now = (month, day or 0), (ref.month, ref.day if day else 0)
    if tense == FUTURE:
        return ref.year if target >= now else ref.year + 1
    if tense == PAST:
        return ref.year if target <= now else ref.year - 1
    if month - ref.month > 6:  # no tense: the nearer of last year's and next year's
        return ref.year - 1
    if ref.month - month > 6:
        return ref.year + 1
    return ref.year


# "talks Wednesday at a country estate", "away from conflict Wednesday as they met": a weekday after a noun,
# before a preposition or the end of the clause, is when it happened ("every Monday" and "the Monday meeting"
# are not dates)
_NOUN_BEFORE = re.compile(r"(?<![\w'\u2019])(?!(?:every|each|the|a|an|this|that|some|any|one)[ \t])[a-z]{3,}[ \t]+$")
_CLAUSE_AFTER = re.compile(r"[ \t]*(?:[,.;:)]|(?:as|at|in|when|after|before|with|and|night|morning|afternoon|"
                           r"evening)\b)")


def _after_a_noun(text: str, s: int, e: int) -> bool:
    return (_NOUN_BEFORE.search(text, max(0, s - 20), s) is not None
            and _CLAUSE_AFTER.match(text, e) is not None)


def _weekday(text: str, s: int, e: int, ref: date, hint: str | None) -> FoundDate | None:
    ctx = _BEFORE_WEEKDAY.search(text, max(0, s - 10), s)
    possessive = text.startswith(("'s", "\u2019s"), e)
    if (ctx is None and not possessive and _VERB_BEFORE.search(text, max(0, s - 16), s) is None
            and not _after_a_noun(text, s, e)):
        return None
    if _DATE.match(text, e + 2) and text[e:e + 2] in (", ", " ,"):
        return None  # "Sunday, July 28": the full date carries it
    wd = _WEEKDAYS[text[s:s + 3].lower()]
    mod = (ctx.group("prep").lower() if ctx else "")
    back = (ref.weekday() - wd) % 7
    ahead = (wd - ref.weekday()) % 7
    if mod == "last":
        day = ref - timedelta(days=back or 7)
    elif mod in ("next", "coming"):
        day = ref + timedelta(days=ahead or 7)
    elif back == 0:
        day = ref  # the article's own day: "on Sunday" in a Sunday article
    else:
        tense = tense_with_hint(text, s, e, hint)
        if tense == PAST:
            day = ref - timedelta(days=back)
        elif tense == FUTURE:
            day = ref + timedelta(days=ahead)
        else:
            return None
    start = ctx.start("prep") if ctx and mod in ("last", "next", "this", "coming") else s
    return _found(start, e, text[start:e], day.isoformat(), DAY)


def sentence_dates(text: str, reference: date | None, status: str | None) -> list[DateMention]:
    """The dates of a fact with this text and status, each distinct phrase and value once."""
    found = scan_dates(text, reference, status)
    if len(found) < 2:
        return [found[0].mention] if found else []
    seen: set[tuple[str, str]] = set()
    dates: list[DateMention] = []
    for f in found:
        d = f.mention
        if (d.text, d.value) not in seen:
            seen.add((d.text, d.value))
            dates.append(d)
    return dates


def annotate_dates(facts: Sequence[Fact], articles: Sequence[Article],
                   known: Mapping[tuple[str, int, int], list[DateMention]] | None = None) -> None:
    """Fill each fact's ``dates``, counting from its first source article's publication date.

    ``known``: dates already found by (article id, start, end) of a fact's first source, valid when the
    fact's text and status are that sentence's (see ``app.extract.engine.read_for_annotation``)."""
    published = {a.id: a.published for a in articles}
    with gc_paused():  # many small objects, none cyclic: no collector passes over the whole briefing
        for fact in facts:
            src = fact.sources[0] if fact.sources else None
            if known is not None and src is not None:
                dates = known.get((src.article_id, src.start, src.end))
                if dates is not None:
                    fact.dates = dates
                    continue
            ref = published.get(src.article_id) if src is not None else None
            fact.dates = sentence_dates(fact.text, ref, fact.status)

"""Past or future near a date phrase, for a month or weekday written without a year or date.

The nearest marker word in the phrase's own part of the sentence decides ("which is set to launch in March",
"provided ... in December"); then the whole sentence, except for a relative clause, which keeps its own tense.
"""

from __future__ import annotations

import re

PAST, FUTURE = "past", "future"

# Marker words, checked on a lower-cased token list.
_FUTURE_WORDS = frozenset("""will shall would won't won\u2019t upcoming forthcoming next coming
    scheduled slated tomorrow""".split())
_FUTURE_BEFORE_TO = frozenset(
    "set expected plan plans planning aim aims due going intend intends is are".split())
_PAST_WORDS = frozenset("""was were had did ago earlier previously last met held said took made gave began
    came went struck told sent saw won led bought sold built spoke left rose fell became brought paid
    yesterday""".split())
# Words ending in -ed that do not mark the past.
_NOT_PAST_ED = frozenset("""scheduled planned expected slated proposed anticipated intended needed based
    united related limited advanced armed detailed hundred indeed proceed exceed succeed speed need seed
    feed breed bleed concerned red bed shed embed""".split())
_PASSIVE_BEFORE = frozenset(("be", "been", "being"))
_TOKEN = re.compile(r"[a-z]+(?:['\u2019][a-z]+)?")
_REACH = 120  # characters either side of a date searched for its tense
_SEGMENT_CHARS = ",()\u2013\u2014"
_RELATIVE = re.compile(r"\s*(?:who|which|that|where|when|whose|whom)\b", re.IGNORECASE)


_HINTS = {"past": PAST, "reported": PAST, "future": FUTURE, "expected": FUTURE}


def normalise_tense(hint: str | None) -> str | None:
    """"past"/"future", also from a fact status ("reported" → past, "expected" → future)."""
    return _HINTS.get(hint or "")


# A full stop ends a clause, but not the one of an abbreviation: "U.S. announced", "the U.S. President".
_STOP = re.compile(r"[!?;\n]|(?<!\b[A-Z])\.(?=\s+[^a-z0-9\s]|\s*$)")


def _sentence(text: str, s: int, e: int) -> tuple[int, int]:
    lo0 = max(0, s - _REACH)
    lo = lo0
    for m in _STOP.finditer(text, lo0, s):
        lo = m.end()
    m_end = _STOP.search(text, e, min(len(text), e + _REACH))
    return lo, m_end.start() if m_end else min(len(text), e + _REACH)


def _segment(text: str, lo: int, hi: int, s: int, e: int) -> tuple[int, int]:
    """The comma-, bracket- or dash-delimited part of the sentence [lo, hi) that holds text[s:e]."""
    seg_lo = max([lo] + [text.rfind(ch, lo, s) + 1 for ch in _SEGMENT_CHARS])
    ends = [p for p in (text.find(ch, e, hi) for ch in _SEGMENT_CHARS) if p >= 0]
    return seg_lo, min(ends) if ends else hi


def tense_near(text: str, s: int, e: int) -> str | None:
    """Past or future for the date at text[s:e]: from the nearest marker word in its own part of the
    sentence ("which is set to launch in March"), else in the whole sentence; a relative clause without a
    marker ("who hands over on Oct. 1, said ...") does not borrow the main clause's tense."""
    return _tense_near(text, s, e)[0]


def _tense_near(text: str, s: int, e: int) -> tuple[str | None, int]:
    """``tense_near`` and the start of the date's part of the sentence."""
    lo, hi = _sentence(text, s, e)
    seg_lo, seg_hi = _segment(text, lo, hi, s, e)
    tense = _nearest_marker(text, seg_lo, seg_hi, s, e)
    if tense or (seg_lo, seg_hi) == (lo, hi):
        return tense, seg_lo
    if _RELATIVE.match(text, seg_lo):
        return None, seg_lo
    return _nearest_marker(text, lo, hi, s, e), seg_lo


def tense_with_hint(text: str, s: int, e: int, hint: str | None) -> str | None:
    tense, seg_lo = _tense_near(text, s, e)
    if tense is None and hint is not None:
        if not _RELATIVE.match(text, seg_lo):
            return hint  # the fact's status speaks for its main clause only
    return tense


def _nearest_marker(text: str, lo: int, hi: int, s: int, e: int) -> str | None:
    window = text[lo:hi].lower()
    words = [(m.group(), lo + m.start(), lo + m.end()) for m in _TOKEN.finditer(window)]
    best: tuple[int, str] | None = None
    for i, (w, ws, we) in enumerate(words):
        if s <= ws < e:
            continue
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        tense = None
        if (w in _FUTURE_WORDS or w.endswith(("'ll", "\u2019ll")) or (w in _FUTURE_BEFORE_TO and nxt == "to")
                or (w == "to" and nxt == "be" and ws >= e) or (w == "ahead" and nxt == "of" and ws < s)):
            tense = FUTURE
        elif w in _PAST_WORDS:
            tense = None if w == "last" and ws >= e else PAST
        elif (w.endswith("ed") and len(w) >= 5 and w not in _NOT_PAST_ED
              and not (i and words[i - 1][0] in _PASSIVE_BEFORE)):
            tense = PAST  # "provided", "agreed"; not "will be launched"
        if tense is None:
            continue
        dist = ws - e if ws >= e else s - we
        if best is None or dist < best[0]:
            best = (dist, tense)
    return best[1] if best else None


def in_quotes(text: str, s: int) -> bool:
    lo, _ = _sentence(text, s, s)
    return sum(text.count(q, lo, s) for q in '"\u201c\u201d') % 2 == 1

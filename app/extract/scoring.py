"""Importance score in [0, 1] for one sentence, and the default ticking of facts.

Score = 0.10 base
      + up to 0.20 for names (capitalised words after the first word, acronyms), 0.05 each
      + 0.10 for numbers, money, dates or months
      + up to 0.21 for taxonomy keyword hits (all sections), 0.07 per hit
      + up to 0.15 for position: the lede counts most, decaying through the article
      + 0.08 for a salience or decision word ("main focus", "first", "key", "agreed", "signed", ...)
      + 0.15 for a readable length (8-45 words), 0.05 for 5-7 or 46-70 words, 0 beyond
      + 0.05 per extra corroborating article (max 0.10), added after merging
      - 0.25 opinion, 0.30 question, 0.30 chatter (promos, "you"), 0.05 dangling "This/It" opener.
"""

from __future__ import annotations

import math
import re
import string

from app.extract.modality import OPINION

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_DIGIT = re.compile(r"[\d$\u20ac\u00a3\u00a5]")
_NUMERIC_WORDS = frozenset(
    """million billion trillion percent hundred thousand dozen dozens january february march april may june
    july august september october november december monday tuesday wednesday thursday friday saturday
    sunday""".split()
)
_SALIENT = frozenset(
    """significant important key main major first historic landmark unprecedented priority agreed signed
    announced approved decided pledged launched established unveiled""".split()
)
_CHATTER_TRIGGERS = frozenset(
    "you your you're click subscribe sign newsletter follow read advertisement forget cookie cookies "
    "rights copyright".split()
)
_CHATTER = re.compile(
    r"\b(?:you|your|you're|click|subscribe|sign up|newsletter|follow us|read more|advertisement|"
    r"don't forget|do not forget|cookies?|all rights reserved|copyright)\b"
)
_DANGLING = frozenset("This That These Those It They".split())
_NOT_NAMES = frozenset(
    "The This That These Those It They He She We I In On At As But And However Also Both A An".split()
) | {w.capitalize() for w in _NUMERIC_WORDS}

# The only lower-case words sentence_score looks up, and a table blanking what \w does not match in ASCII.
_LOOKED_UP = _NUMERIC_WORDS | _SALIENT | _CHATTER_TRIGGERS
# (Every ASCII character is mapped, word characters to themselves: a missing key costs str.translate a
# KeyError per character kind and call.)
_WORD_CHARS = frozenset(string.ascii_letters + string.digits + "_")
_BLANK_NON_WORD = str.maketrans({c: c if c in _WORD_CHARS else " " for c in map(chr, range(128))})

INCLUDE_THRESHOLD = 0.5
INCLUDE_SHARE = 0.6  # at most this share of facts is ticked by default


def sentence_score(text: str, words: int, position: int, count: int, hits: int, status: str) -> float:
    """``position`` is the sentence's index among the article's ``count`` kept sentences."""
    if text.isascii() and "'" not in text:
        # Plain ASCII: _WORD's words are exactly the runs left after blanking non-word characters.
        tokens = text.translate(_BLANK_NON_WORD).split()
        lowered = _LOOKED_UP.intersection(text.lower().translate(_BLANK_NON_WORD).split())
    else:
        tokens = _WORD.findall(text)
        lowered = {t.lower() for t in tokens}
    names = sum(1 for t in tokens[1:] if t[0].isupper() and t not in _NOT_NAMES)
    score = 0.10 + 0.05 * min(names, 4)
    if _DIGIT.search(text) or not lowered.isdisjoint(_NUMERIC_WORDS):
        score += 0.10
    score += 0.07 * min(hits, 3)
    score += 0.15 * (1.0 - position / max(count, 1))
    if not lowered.isdisjoint(_SALIENT):
        score += 0.08
    if 8 <= words <= 45:
        score += 0.15
    elif 5 <= words <= 70:
        score += 0.05
    if status == OPINION:
        score -= 0.25
    if text.rstrip("\"'\u201d\u2019)").endswith("?"):
        score -= 0.30
    if not lowered.isdisjoint(_CHATTER_TRIGGERS) and _CHATTER.search(text.lower().replace("\u2019", "'")):
        score -= 0.30
    if tokens and tokens[0] in _DANGLING:
        score -= 0.05
    return clamp(score)


def corroboration_bonus(articles: int) -> float:
    return 0.05 * min(max(articles - 1, 0), 2)


def clamp(score: float) -> float:
    return round(min(1.0, max(0.0, score)), 3)


def choose_included(scores: list[float], statuses: list[str]) -> list[bool]:
    """Tick facts scoring >= INCLUDE_THRESHOLD, best first, at most INCLUDE_SHARE of all; never opinion."""
    limit = math.floor(INCLUDE_SHARE * len(scores))
    ranked = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    included = [False] * len(scores)
    taken = 0
    for i in ranked:
        if taken >= limit or scores[i] < INCLUDE_THRESHOLD:
            break
        if statuses[i] == OPINION:
            continue
        included[i] = True
        taken += 1
    return included

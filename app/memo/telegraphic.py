"""Telegraphic wording for point papers: the same claim with the connective padding taken out.

Only words that carry no claim go: opening connectives ("Furthermore,"), a leading article, and the final
full stop. Names, numbers, hedges and qualifiers stay, so the bullet never says more than its source.
"""

from __future__ import annotations

import re

_OPENERS = re.compile(
    r"^(?:(?:furthermore|moreover|additionally|in addition|also|overall|meanwhile|currently|typically|"
    r"however|indeed|notably|importantly|as a result|at the same time|in particular|for its part|"
    r"on the other hand|in this context|to this end)\s*,\s*)+",
    re.IGNORECASE,
)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+(?=\S)", re.IGNORECASE)
_TRAILING_STOP = re.compile(r"(?<![A-Z])\.\s*$")  # keep the stop of an abbreviation ("U.S.")


def telegraphic(text: str) -> str:
    short = _OPENERS.sub("", text.strip())
    short = _LEADING_ARTICLE.sub("", short)
    short = _TRAILING_STOP.sub("", short)
    if not short:
        return text.strip()
    return short[0].upper() + short[1:]

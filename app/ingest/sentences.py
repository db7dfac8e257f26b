"""Text normalising and word counts for the cleaner's de-duplication (sentences: ``app.ingest.sentence_split``)."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    "«": '"', "»": '"', "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    "…": "...",
})
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Comparison key: NFKC, straight quotes, plain dashes, single spaces, case-folded."""
    if text.isascii():  # the common case: NFKC and the quote table change nothing
        return " ".join(text.split()).lower()
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip().casefold()


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"\w+")


def word_count(text: str) -> int:
    """Words, counting two CJK characters as one word (those scripts do not use spaces)."""
    if text.isascii():
        return len(_WORD.findall(text))
    cjk = len(_CJK.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + (cjk + 1) // 2

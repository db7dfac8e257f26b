"""Citation numbers in document order, and the note text each citation carries in foot/endnote templates."""

from __future__ import annotations

import re

from app.domain.model import Article, Briefing, Fact, SourceSpan
from app.memo.text import clean_text, spelled_date

QUOTE_CHARS = 240  # a quoted source sentence longer than this is cut at a word and ends in an ellipsis


class Citer:
    """Numbers articles in order of first citation; ``numbers`` maps article id -> number."""

    def __init__(self, briefing: Briefing, quote_sources: bool = True) -> None:
        self.briefing = briefing
        self.quote_sources = quote_sources
        self.numbers: dict[str, int] = {}

    def cite(self, fact: Fact) -> tuple[tuple[int, ...], tuple[str, ...]]:
        """The fact's source numbers (sorted, each once) and one note text per number."""
        first_span: dict[int, tuple[Article, SourceSpan]] = {}
        for span in fact.sources:
            article = self.briefing.article(span.article_id)
            if article is None:
                continue  # a dangling span cites nothing rather than a missing source
            number = self.numbers.setdefault(article.id, len(self.numbers) + 1)
            first_span.setdefault(number, (article, span))
        numbers = tuple(sorted(first_span))
        return numbers, tuple(self.note(n, *first_span[n], fact.memo_wording()) for n in numbers)

    def numbers_for(self, facts: list[Fact]) -> tuple[tuple[int, ...], tuple[str, ...]]:
        """Citations of several facts merged (a drafted summary cites what its sentences cite)."""
        merged: dict[int, str] = {}
        for fact in facts:
            for number, note in zip(*self.cite(fact), strict=True):
                merged.setdefault(number, note)
        numbers = tuple(sorted(merged))
        return numbers, tuple(merged[n] for n in numbers)

    def note(self, number: int, article: Article, span: SourceSpan, fact_text: str = "") -> str:
        """``Source [1] (Kyodo, July 28, 2024).``, plus the source sentence when the fact's wording differs
        from it (an edited or merged fact), so the reader sees what the source actually said."""
        details = ", ".join(p for p in (clean_text(article.outlet),
                                        spelled_date(article.published) if article.published else "") if p)
        head = f"Source [{number}]" + (f" ({details})" if details else "")
        if not self.quote_sources:
            return head + "."
        sentence = article.text[span.start:span.end] if 0 <= span.start < span.end else ""
        if not clean_text(sentence) or _same(sentence, fact_text):
            return head + "."
        return f"{head}: \u201c{quote(sentence)}\u201d"


def _same(a: str, b: str) -> bool:
    """Same words, ignoring case, spacing and punctuation: quoting the fact back to itself adds nothing."""
    def words(text: str) -> str:
        return " ".join(re.findall(r"\w+", text.lower()))

    return words(a) == words(b)


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    text = clean_text(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026"

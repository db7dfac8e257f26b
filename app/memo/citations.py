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
        return self.cite_spans(fact.sources, fact.memo_wording())

    def cite_spans(self, spans: list[SourceSpan], wording: str = "") -> tuple[tuple[int, ...], tuple[str, ...]]:
        """Citations of any source spans (an event's fields, a fact's sentences); notes quote a span whose
        sentence differs from ``wording``."""
        first_span: dict[int, tuple[Article, SourceSpan]] = {}
        for span in spans:
            article = self.briefing.article(span.article_id)
            if article is None:
                continue  # a dangling span cites nothing rather than a missing source
            number = self.numbers.setdefault(article.id, len(self.numbers) + 1)
            first_span.setdefault(number, (article, span))
        numbers = tuple(sorted(first_span))
        return numbers, tuple(self.note(n, *first_span[n], wording) for n in numbers)

    def numbers_for(self, facts: list[Fact]) -> tuple[tuple[int, ...], tuple[str, ...]]:
        """Citations of several facts merged (a drafted summary cites what its sentences cite)."""
        merged: dict[int, str] = {}
        for fact in facts:
            for number, note in zip(*self.cite(fact), strict=True):
                merged.setdefault(number, note)
        numbers = tuple(sorted(merged))
        return numbers, tuple(merged[n] for n in numbers)

    def note(self, number: int, article: Article, span: SourceSpan, fact_text: str = "") -> str:
        """``Source [1] (Kyodo, July 28, 2024): "..."`` when the source sentence differs from the memo's
        wording (an edited, reworded or merged fact), so the reader sees what the source actually said.
        Empty when the note would only repeat the citation: the reference then points at the Sources list."""
        details = ", ".join(p for p in (clean_text(article.outlet),
                                        spelled_date(article.published) if article.published else "") if p)
        head = f"Source [{number}]" + (f" ({details})" if details else "")
        if not self.quote_sources:
            return ""
        sentence = article.text[span.start:span.end] if 0 <= span.start < span.end else ""
        if not clean_text(sentence) or _same(sentence, fact_text):
            return ""
        return f"{head}: \u201c{quote(sentence)}\u201d"


_STOP = frozenset("the a an and or of to in on at for with by from as that this these is are was were be "
                  "been has have had will would its their it they also".split())


def _same(sentence: str, wording: str) -> bool:
    """The memo wording is the source sentence redrafted, not rewritten: nearly all its words come from the
    sentence and it keeps most of the sentence's (an opener dropped, a back-reference resolved, a date put
    in memo form, a typo put right). Quoting the sentence back then adds nothing."""
    def words(text: str) -> set[str]:
        return {w for w in re.findall(r"\w+", text.lower()) if w not in _STOP}

    ws, ww = words(sentence), words(wording)
    if ws == ww:
        return True
    if not ws or not ww:
        return False
    return len(ww - ws) <= max(2, len(ww) // 5) and len(ws & ww) >= 0.75 * len(ws)


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    text = clean_text(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026"

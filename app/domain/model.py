"""Articles, facts and the briefing that holds them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

DEFAULT_CLASSIFICATION = "UNCLASSIFIED"


@dataclass(frozen=True)
class SourceSpan:
    """``article.text[start:end]`` is the sentence a fact was drawn from."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True)
class RemovedPart:
    """A piece of the raw text the cleaner dropped, with why, so it can be restored."""

    text: str
    reason: str
    start: int = -1  # offset in Article.raw_text, -1 when unknown


@dataclass
class Article:
    id: str
    path: str
    title: str
    text: str  # cleaned text: every SourceSpan indexes into this
    outlet: str = ""
    published: date | None = None
    removed: list[RemovedPart] = field(default_factory=list)
    raw_text: str = ""

    def span_text(self, span: SourceSpan) -> str:
        return self.text[span.start : span.end]


@dataclass
class Fact:
    id: str
    text: str
    section: str
    score: float = 0.0
    included: bool = True
    sources: list[SourceSpan] = field(default_factory=list)
    status: str = "reported"  # reported | expected | opinion


@dataclass
class MemoMeta:
    to: str = ""
    sender: str = ""  # the memo's FROM line ("from" is a keyword)
    date: date | None = None
    subject: str = ""
    classification: str = DEFAULT_CLASSIFICATION
    template: str = "information-memo"
    through: str = ""  # optional THROUGH line of the memo header


@dataclass
class Briefing:
    articles: list[Article] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    memo: MemoMeta = field(default_factory=MemoMeta)

    def article(self, article_id: str) -> Article | None:
        for art in self.articles:
            if art.id == article_id:
                return art
        return None

    def included_facts(self) -> list[Fact]:
        return [f for f in self.facts if f.included]

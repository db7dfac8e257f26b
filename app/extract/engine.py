"""The whole extraction over a set of cleaned articles: facts, then what is said about them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.domain import Article, Entity, Fact, TimelineEvent
from app.extract.topics import Taxonomy

if TYPE_CHECKING:
    from app.extract.facts import Row

Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]


@dataclass
class Extraction:
    facts: list[Fact]
    entities: list[Entity] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)


def run_extraction(articles: Sequence[Article], taxonomy: Taxonomy | None = None,
                   progress: Progress | None = None, is_cancelled: IsCancelled | None = None,
                   ready: Sequence[list[Row] | None] | None = None) -> Extraction:
    """Sentences → facts (merged across sources) → entities and dates → timeline → conflicts.

    ``ready``: per article, sentences already split by worker processes (see ``app.pipeline``)."""
    from app.extract.entities import forget_mentions
    from app.extract.facts import extract_facts

    # Mentions remembered by an earlier run were read in that run's context (the people it had found):
    # each run starts afresh, so the same articles always give the same briefing.
    forget_mentions()
    facts = extract_facts(list(articles), taxonomy=taxonomy, progress=progress, is_cancelled=is_cancelled,
                          ready=ready)
    result = Extraction(facts)
    from app.extract.dates import annotate_dates
    from app.extract.entities import annotate
    from app.extract.timeline import build_timeline

    # Fills Fact.entities and Fact.dates too.
    result.entities = annotate(facts, articles, progress=progress, is_cancelled=is_cancelled)
    annotate_dates(facts, articles)
    result.timeline = build_timeline(facts)
    from app.extract.conflicts import find_conflicts

    find_conflicts(facts, articles)  # fills Fact.conflicts
    return result

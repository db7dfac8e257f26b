"""The whole extraction over a set of cleaned articles: facts, then what is said about them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.domain import Article, Entity, Fact, TimelineEvent
from app.extract.topics import Taxonomy

if TYPE_CHECKING:
    from app.extract.facts import Kept
    from app.process_pool import Workers

Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]


@dataclass
class Extraction:
    facts: list[Fact]
    entities: list[Entity] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)


def run_extraction(articles: Sequence[Article], taxonomy: Taxonomy | None = None,
                   progress: Progress | None = None, is_cancelled: IsCancelled | None = None,
                   ready: Sequence[list[Kept] | None] | None = None, pool: Workers | None = None) -> Extraction:
    """Sentences → facts (merged across sources) → entities and dates → timeline → conflicts.

    ``ready``: per article, sentences already split by worker processes (see ``app.pipeline``). ``pool``:
    worker processes; one reads the articles for names while this process merges the facts."""
    from app.extract.entities import annotate, forget_mentions, scan_articles
    from app.extract.facts import extract_facts

    # Mentions remembered by an earlier run were read in that run's context (the people it had found):
    # each run starts afresh, so the same articles always give the same briefing.
    forget_mentions()
    scanning = pool.submit(scan_articles, [(a.id, a.text) for a in articles]) if pool is not None else None
    facts = extract_facts(list(articles), taxonomy=taxonomy, progress=progress, is_cancelled=is_cancelled,
                          ready=ready)
    result = Extraction(facts)
    from app.extract.dates import annotate_dates
    from app.extract.timeline import build_timeline

    scanned = None
    if scanning is not None:
        if progress is not None:
            progress(0, len(articles), "Finding people, places and dates")
        scanned = scanning.result(is_cancelled)
    # Fills Fact.entities and Fact.dates too.
    result.entities = annotate(facts, articles, progress=progress, is_cancelled=is_cancelled, scanned=scanned)
    annotate_dates(facts, articles)
    result.timeline = build_timeline(facts)
    from app.extract.conflicts import find_conflicts

    find_conflicts(facts, articles)  # fills Fact.conflicts
    return result

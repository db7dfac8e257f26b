"""The whole extraction over a set of cleaned articles: facts, then what is said about them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from app.domain import Article, DateMention, Entity, Event, Fact, TimelineEvent
from app.extract.topics import Taxonomy
from app.shared.gc_pause import gc_paused

if TYPE_CHECKING:
    from app.extract.entities import Scanned
    from app.extract.facts import Kept
    from app.run.pool import Job, Workers

Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]


@dataclass
class Extraction:
    facts: list[Fact]
    entities: list[Entity] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def run_extraction(articles: Sequence[Article], taxonomy: Taxonomy | None = None,
                   progress: Progress | None = None, is_cancelled: IsCancelled | None = None,
                   ready: Sequence[list[Kept] | None] | None = None, pool: Workers | None = None) -> Extraction:
    """Sentences → facts (merged across sources) → entities and dates → timeline → conflicts → events.

    ``ready``: per article, sentences already split by worker processes (see ``app.run.pipeline``). ``pool``:
    worker processes; one reads the articles for names, and the sentences for dates, while this process
    merges the facts."""
    from app.extract.entities import annotate, forget_mentions
    from app.extract.facts import extract_facts

    # Mentions remembered by an earlier run were read in that run's context (the people it had found):
    # each run starts afresh, so the same articles always give the same briefing.
    forget_mentions()
    side = _start_side_work(articles, ready, pool) if pool is not None else None
    facts = extract_facts(list(articles), taxonomy=taxonomy, progress=progress, is_cancelled=is_cancelled,
                          ready=ready)
    result = Extraction(facts)
    from app.extract.dates import annotate_dates
    from app.extract.timeline import build_timeline

    scanned, dates = None, None
    if side is not None:
        if progress is not None:
            progress(0, len(articles), "Finding people, places and dates")
        job, keys = side
        scanned, found = job.result(is_cancelled)
        dates = dict(zip(keys, found, strict=True))
    # Fills Fact.entities and Fact.dates too.
    result.entities = annotate(facts, articles, progress=progress, is_cancelled=is_cancelled, scanned=scanned)
    annotate_dates(facts, articles, dates)
    result.timeline = build_timeline(facts)
    from app.extract.conflicts import find_conflicts

    find_conflicts(facts, articles)  # fills Fact.conflicts
    from app.extract.events import find_events
    from app.extract.wording import draft_memo_wording

    result.events = find_events(facts, articles, result.entities)
    draft_memo_wording(facts, articles, result.entities)  # fills Fact.memo_text and needs_context
    _default_ticks(result, articles, taxonomy)
    return result


def _default_ticks(result: Extraction, articles: Sequence[Article], taxonomy: Taxonomy | None) -> None:
    """The default selection: what fills the default template's page budget (last: it reads the facts'
    sections, dates, conflicts and flags as the steps above left them)."""
    from app.domain.model import Briefing, MemoMeta
    from app.memo.selection import select_default

    dates = sorted(a.published for a in articles if a.published)
    memo = MemoMeta(subject=articles[0].title if articles else "", date=dates[-1] if dates else None)
    briefing = Briefing(articles=list(articles), facts=result.facts, memo=memo, entities=result.entities,
                        timeline=result.timeline, events=list(getattr(result, "events", []) or []))
    select_default(briefing, taxonomy=taxonomy)


# Per article: its text, publication date and kept sentences as (start, end, status).
_DateWork = tuple[str, "date | None", list[tuple[int, int, str]]]


def _start_side_work(articles: Sequence[Article], ready: Sequence[list[Kept] | None] | None,
                     pool: Workers) -> tuple[Job, list[tuple[str, int, int]]]:
    """``read_for_annotation`` as one job, on one worker, while this process merges (any other worker stays
    idle, so that merging keeps its core). Returns the job and the (article id, start, end) of each
    sentence it dates, in the order of its answers."""
    work: list[_DateWork] = []
    keys: list[tuple[str, int, int]] = []
    for art, kept in zip(articles, ready or (), strict=False):
        if kept:
            work.append((art.text, art.published, [(a, b, status) for a, b, status, *_ in kept]))
            keys.extend((art.id, a, b) for a, b, *_ in kept)
    return pool.submit(read_for_annotation, [(a.id, a.text) for a in articles], work), keys


def read_for_annotation(pairs: list[tuple[str, str]], work: list[_DateWork]) -> tuple[Scanned, list[list[DateMention]]]:
    """Worker-process job: what the steps after merging need from the texts alone. Every article is read
    for names (``scan_articles``) and every kept sentence for dates: which sentences become facts is not
    known yet, but a fact's dates depend only on its sentence, article and status."""
    from app.extract.dates import sentence_dates
    from app.extract.entities import scan_articles

    scanned = scan_articles(pairs)
    with gc_paused():
        dates = [sentence_dates(text[a:b], published, status)
                 for text, published, spans in work for a, b, status in spans]
    return scanned, dates

"""Qt-free work behind the GUI: load new files, re-extract facts over every article, keep the user's ticks.

Workers run ``load_and_extract`` on plain data; ``carry_over`` runs on the GUI thread once a run is accepted.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain import Article, Entity, Event, Fact, TimelineEvent
from app.shared.errors import Cancelled, IngestError

if TYPE_CHECKING:
    from app.extract.facts import Kept
    from app.run.pool import Workers

# progress(percent 0..100, message); is_cancelled() -> True stops the run with Cancelled.
PercentProgress = Callable[[int, str], None]
IsCancelled = Callable[[], bool]

LOAD_SHARE = 30  # share of the progress bar for reading files; fact extraction takes the rest
PROCESS_MIN_ARTICLES = 12  # from this many articles a load runs in a child process, not a thread


@dataclass
class LoadOutcome:
    articles: list[Article]  # every article: the previous ones first, then the new ones
    facts: list[Fact] | None  # None when nothing new was loaded: keep the current facts
    added: list[Article] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # files already loaded
    entities: list[Entity] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def path_key(path: str | Path) -> str:
    """Comparable form of a path, so the same file dropped twice is loaded once."""
    try:
        resolved = Path(path).resolve()
    except OSError:
        resolved = Path(path).absolute()
    return os.path.normcase(str(resolved))


def label_key(path: str) -> str:
    """The same for an article's ``path``, which is a label (it may come from a project file): never looked
    up on disk, as resolving ``\\\\host\\share\\a.txt`` would reach for another machine."""
    return os.path.normcase(os.path.abspath(path))


def _scaled(progress: PercentProgress | None, low: int, high: int, label: str):
    """Adapt the core's ``progress(done, total, message)`` to one overall percentage."""
    if progress is None:
        return None

    def report(done: int, total: int, message: str) -> None:
        share = done / total if total > 0 else 0.0
        percent = low + int(round((high - low) * min(max(share, 0.0), 1.0)))
        progress(percent, message or label)

    return report


def _unique_ids(existing: Sequence[Article], new: Sequence[Article]) -> list[Article]:
    """Ingest numbers each batch on its own; rename clashes so every SourceSpan finds one article."""
    taken = {a.id for a in existing}
    out: list[Article] = []
    for art in new:
        new_id, n = art.id, 2
        while new_id in taken:
            new_id, n = f"{art.id}-{n}", n + 1
        taken.add(new_id)
        out.append(art if new_id == art.id else dataclasses.replace(art, id=new_id))
    return out


def load_and_extract(existing: Sequence[Article], paths: Sequence[Path],
                     progress: PercentProgress | None = None,
                     is_cancelled: IsCancelled | None = None) -> LoadOutcome:
    """Read ``paths`` (files or folders), skip files already loaded, then extract facts over all articles."""
    from app.ingest import expand_paths
    from app.run import pipeline

    files, errors = expand_paths(list(paths))
    errors = list(errors)
    known = {label_key(a.path) for a in existing}
    fresh: list[Path] = []
    skipped: list[Path] = []
    for file in files:
        key = path_key(file)
        if key in known or label_key(str(file)) in known:
            skipped.append(Path(file))
        else:
            known.add(key)
            fresh.append(Path(file))
    if progress:
        progress(0, f"Reading {len(fresh)} file(s)…")
    # Big runs use worker processes: they read and split the new files, then one reads every article for
    # names while this process merges the facts.
    with pipeline.worker_pool(len(existing) + len(fresh)) as pool:
        return _load_and_extract(existing, fresh, errors, skipped, pool, progress, is_cancelled)


def _load_and_extract(existing: Sequence[Article], fresh: list[Path], errors: list[IngestError],
                      skipped: list[Path], pool: Workers | None, progress: PercentProgress | None,
                      is_cancelled: IsCancelled | None) -> LoadOutcome:
    from app.ingest.batch_dates import date_from_batch
    from app.run import pipeline

    added: list[Article] = []
    ready: list[list[Kept] | None] = []
    if fresh:
        loaded = pipeline.load(fresh, progress=_scaled(progress, 0, LOAD_SHARE, "Reading articles…"),
                               is_cancelled=is_cancelled, pool=pool)
        errors.extend(loaded.errors)
        # The same article saved under another name is already there: skip it, as ingest does in a batch.
        texts = {a.raw_text or a.text for a in existing}
        kept = loaded.ready or [None] * len(loaded.articles)
        for art, art_kept in zip(loaded.articles, kept, strict=True):
            if (art.raw_text or art.text) in texts:
                skipped.append(Path(art.path))
            else:
                added.append(art)
                ready.append(art_kept)
        added = _unique_ids(existing, added)
        date_from_batch(added, existing)  # a wire dateline's missing year, from the articles beside it
    if not added:
        return LoadOutcome(list(existing), None, [], errors, skipped)
    if is_cancelled is not None and is_cancelled():
        raise Cancelled()
    articles = [*existing, *added]
    found = pipeline.extract(articles, progress=_scaled(progress, LOAD_SHARE, 100, "Extracting facts…"),
                             is_cancelled=is_cancelled, ready=[None] * len(existing) + ready, pool=pool)
    if progress:
        progress(100, "Done")
    return LoadOutcome(articles, list(found.facts), added, errors, skipped, found.entities, found.timeline,
                       list(found.events))


def needs_process(existing: Sequence[Article], paths: Sequence[Path]) -> bool:
    """Whether a load is big enough to run in a child process (see ``app.run.child_job``): extraction runs
    over every article, so the articles already there count as much as the new files."""
    from app.ingest import expand_paths

    files, _ = expand_paths(list(paths))
    return len(existing) + len(files) >= PROCESS_MIN_ARTICLES


def load_in_process(existing: Sequence[Article], paths: Sequence[Path],
                    progress: PercentProgress | None = None,
                    is_cancelled: IsCancelled | None = None) -> LoadOutcome:
    """``load_and_extract`` in a child process; the articles already here are not sent back."""
    from app.run.child_job import run_in_process

    relay = (lambda done, _total, message: progress(done, message)) if progress else None
    outcome = run_in_process(_child_load, list(existing), [Path(p) for p in paths], progress=relay,
                             is_cancelled=is_cancelled)
    if outcome.facts is not None:
        outcome.articles = [*existing, *outcome.added]
    else:
        outcome.articles = list(existing)
    return outcome


def _child_load(existing: list[Article], paths: list[Path], progress, is_cancelled) -> LoadOutcome:
    """Runs in the child process."""
    outcome = load_and_extract(existing, paths, lambda pct, message: progress(pct, 100, message), is_cancelled)
    outcome.articles = []  # the parent has them; ``load_in_process`` puts them back
    return outcome


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def carry_over(old_facts: Sequence[Fact], new_facts: list[Fact]) -> list[Fact]:
    """Keep the user's work across a re-extraction.

    A new fact whose text matches an old one keeps its tick. Otherwise, one drawn from a source sentence
    an old fact used keeps that fact's tick and text (the user may have edited the wording).
    """
    if not old_facts:
        return new_facts
    by_text = {_norm(f.text): f for f in old_facts}
    by_span: dict[object, Fact] = {}
    for fact in old_facts:
        for span in fact.sources:
            by_span.setdefault(span, fact)
    used: set[int] = set()
    for fact in new_facts:
        prev = by_text.get(_norm(fact.text))
        if prev is None:
            prev = next((by_span[s] for s in fact.sources if s in by_span), None)
            if prev is not None and id(prev) not in used:
                fact.text = prev.text
        if prev is not None:
            used.add(id(prev))
            fact.included = prev.included
    return new_facts

"""Paths in, briefing out: the whole ingest → extract run, usable from the CLI and from workers.

With ``workers`` > 1 and enough files, reading, cleaning and the per-article half of extraction run in
worker processes (``app.run.pool``); merging across articles runs here while one worker reads every
article for names, and the rest (entities, dates, timeline, conflicts) runs here. Same result either way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain import Article, Briefing, Event, MemoMeta
from app.shared.errors import Cancelled, IngestError
from app.shared.gc_pause import gc_paused

if TYPE_CHECKING:
    from app.extract.engine import Extraction
    from app.extract.facts import Kept
    from app.run.pool import Workers

# progress(done, total, message); is_cancelled() -> True stops the run with app.shared.errors.Cancelled.
Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]
AUTO = -1  # workers=AUTO: as many worker processes as the machine and the run deserve


@dataclass
class RunResult:
    briefing: Briefing
    errors: list[IngestError] = field(default_factory=list)


@dataclass
class Loaded:
    """Articles read (and, from workers, their sentences ready to merge, per article)."""

    articles: list[Article] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    ready: list[list[Kept] | None] | None = None


def extract(articles: Sequence[Article], progress: Progress | None = None,
            is_cancelled: IsCancelled | None = None,
            ready: Sequence[list[Kept] | None] | None = None, pool: Workers | None = None) -> Extraction:
    from app.extract.engine import run_extraction

    with gc_paused():
        return run_extraction(articles, progress=progress, is_cancelled=is_cancelled, ready=ready, pool=pool)


def worker_pool(items: int, workers: int = AUTO) -> AbstractContextManager[Workers | None]:
    """Worker processes for a run over ``items`` articles, or None (as a context) when not worth it.
    ``workers``: processes at work in all, this one included."""
    from app.run.pool import Workers, worker_count

    n = worker_count(items, None if workers == AUTO else workers) if workers != 1 else 0
    return Workers(n) if n else nullcontext(None)


def default_memo(articles: Sequence[Article], events: Sequence[Event] = ()) -> MemoMeta:
    """The memo header a new briefing starts with: the main event as subject (else a cleaned headline)."""
    from app.memo.frame import default_subject

    dates = sorted(a.published for a in articles if a.published)
    return MemoMeta(subject=default_subject(articles, events), date=dates[-1] if dates else None)


def load(paths: Iterable[Path], progress: Progress | None = None, is_cancelled: IsCancelled | None = None,
         workers: int = 1, pool: Workers | None = None) -> Loaded:
    """Read and clean every supported file under ``paths``; unreadable ones come back as errors."""
    from app.ingest import expand_paths

    files, errors = expand_paths(list(paths))
    if pool is not None:
        return _load_files(files, errors, progress, is_cancelled, pool)
    with worker_pool(len(files), workers) as own:
        return _load_files(files, errors, progress, is_cancelled, own)


def build_briefing(paths: Iterable[Path], progress: Progress | None = None,
                   is_cancelled: IsCancelled | None = None, workers: int = 1) -> RunResult:
    """Load every readable article under ``paths`` and extract facts; unreadable ones come back as errors.

    ``workers``: 1 runs everything in this process; ``AUTO`` or a number lets a big run use worker
    processes (the caller's main module must be import-safe, as for any ``multiprocessing`` use).
    """
    from app.ingest import expand_paths
    from app.ingest.batch_dates import date_from_batch

    files, errors = expand_paths(list(paths))
    with worker_pool(len(files), workers) as pool:
        loaded = _load_files(files, errors, progress, is_cancelled, pool)
        date_from_batch(loaded.articles)
        found = extract(loaded.articles, progress, is_cancelled, loaded.ready, pool)
    briefing = Briefing(articles=loaded.articles, facts=found.facts, memo=default_memo(loaded.articles, found.events),
                        entities=found.entities, timeline=found.timeline, events=found.events)
    return RunResult(briefing, loaded.errors)


def _load_files(files: list[Path], errors: list[IngestError], progress: Progress | None,
                is_cancelled: IsCancelled | None, pool: Workers | None) -> Loaded:
    from app.ingest import load_articles

    with gc_paused():
        if pool is not None:
            return _load_in_workers(files, errors, pool, progress, is_cancelled)
        got = load_articles(files, progress=progress, is_cancelled=is_cancelled)
    return Loaded(got.articles, [*errors, *got.errors])


def read_and_split(paths: list[Path]) -> list[tuple[Article | IngestError, list[Kept] | None]]:
    """Worker-process job: each file read, cleaned and split into sentences ready to merge."""
    from app.extract.facts import kept_sentences
    from app.ingest import load_article

    out: list[tuple[Article | IngestError, list[Kept] | None]] = []
    with gc_paused():
        for path in paths:
            try:
                article = load_article(path)
            except IngestError as exc:
                out.append((exc, None))
                continue
            out.append((article, kept_sentences(article, scored=True)))
    return out


def _load_in_workers(files: list[Path], errors: list[IngestError], pool: Workers, progress: Progress | None,
                     is_cancelled: IsCancelled | None) -> Loaded:
    from app.ingest.batch import Batch

    total = len(files)
    if progress is not None:
        progress(0, total, f"Reading {total} files in {pool.count + 1} processes")
    results = pool.map_chunks(read_and_split, files, progress, is_cancelled, describe=lambda p: p.name)
    batch = Batch(errors)
    ready: list[list[Kept] | None] = []
    for path, (loaded, rows) in zip(files, results, strict=True):
        if batch.add(path, loaded) is not None:
            ready.append(rows)
    if is_cancelled is not None and is_cancelled():
        raise Cancelled()
    if progress is not None:
        progress(total, total, f"Read {len(batch.articles)} of {total} files")
    return Loaded(batch.articles, batch.errors, ready)

"""Paths in, briefing out: the whole ingest → extract run, usable from the CLI and from workers.

With ``workers`` > 1 and enough files, reading, cleaning and the per-article half of extraction run in
worker processes (``app.process_pool``); merging across articles and everything after it runs here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain import Article, Briefing, MemoMeta
from app.errors import Cancelled, IngestError
from app.gc_pause import gc_paused

if TYPE_CHECKING:
    from app.extract.engine import Extraction
    from app.extract.facts import Row

# progress(done, total, message); is_cancelled() -> True stops the run with app.errors.Cancelled.
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
    ready: list[list[Row] | None] | None = None


def extract(articles: Sequence[Article], progress: Progress | None = None,
            is_cancelled: IsCancelled | None = None,
            ready: Sequence[list[Row] | None] | None = None) -> Extraction:
    from app.extract.engine import run_extraction

    with gc_paused():
        return run_extraction(articles, progress=progress, is_cancelled=is_cancelled, ready=ready)


def default_memo(articles: Sequence[Article]) -> MemoMeta:
    dates = sorted(a.published for a in articles if a.published)
    subject = articles[0].title if articles else ""
    return MemoMeta(subject=subject, date=dates[-1] if dates else None)


def load(paths: Iterable[Path], progress: Progress | None = None, is_cancelled: IsCancelled | None = None,
         workers: int = 1) -> Loaded:
    """Read and clean every supported file under ``paths``; unreadable ones come back as errors."""
    from app.ingest import expand_paths, load_articles
    from app.process_pool import worker_count

    paths = list(paths)
    files, errors = expand_paths(paths)
    n = worker_count(len(files), None if workers == AUTO else workers) if workers != 1 else 0
    with gc_paused():
        if n:
            return _load_in_workers(files, errors, n, progress, is_cancelled)
        got = load_articles(paths, progress=progress, is_cancelled=is_cancelled)
    return Loaded(got.articles, got.errors)


def build_briefing(paths: Iterable[Path], progress: Progress | None = None,
                   is_cancelled: IsCancelled | None = None, workers: int = 1) -> RunResult:
    """Load every readable article under ``paths`` and extract facts; unreadable ones come back as errors.

    ``workers``: 1 runs everything in this process; ``AUTO`` or a number lets a big run use worker
    processes (the caller's main module must be import-safe, as for any ``multiprocessing`` use).
    """
    loaded = load(paths, progress, is_cancelled, workers)
    found = extract(loaded.articles, progress=progress, is_cancelled=is_cancelled, ready=loaded.ready)
    briefing = Briefing(articles=loaded.articles, facts=found.facts, memo=default_memo(loaded.articles),
                        entities=found.entities, timeline=found.timeline)
    return RunResult(briefing, loaded.errors)


def read_and_split(paths: list[Path]) -> list[tuple[Article | IngestError, list[Row] | None]]:
    """Worker-process job: each file read, cleaned and split into sentences ready to merge."""
    from app.extract.facts import article_rows
    from app.ingest import load_article

    out: list[tuple[Article | IngestError, list[Row] | None]] = []
    with gc_paused():
        for path in paths:
            try:
                article = load_article(path)
            except IngestError as exc:
                out.append((exc, None))
                continue
            out.append((article, article_rows(article)))
    return out


def _load_in_workers(files: list[Path], errors: list[IngestError], workers: int, progress: Progress | None,
                     is_cancelled: IsCancelled | None) -> Loaded:
    from app.ingest.batch import Batch
    from app.process_pool import map_chunks

    total = len(files)
    if progress is not None:
        progress(0, total, f"Reading {total} files in {workers} processes")
    results = map_chunks(read_and_split, files, workers, progress, is_cancelled, describe=lambda p: p.name)
    batch = Batch(errors)
    ready: list[list[Row] | None] = []
    for path, (loaded, rows) in zip(files, results, strict=True):
        if batch.add(path, loaded) is not None:
            ready.append(rows)
    if is_cancelled is not None and is_cancelled():
        raise Cancelled()
    if progress is not None:
        progress(total, total, f"Read {len(batch.articles)} of {total} files")
    return Loaded(batch.articles, batch.errors, ready)

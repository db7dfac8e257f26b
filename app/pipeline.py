"""Paths in, briefing out: the whole ingest → extract run, usable from the CLI and from workers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain import Article, Briefing, MemoMeta
from app.errors import IngestError
from app.gc_pause import gc_paused

if TYPE_CHECKING:
    from app.extract.engine import Extraction

# progress(done, total, message); is_cancelled() -> True stops the run with app.errors.Cancelled.
Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]


@dataclass
class RunResult:
    briefing: Briefing
    errors: list[IngestError] = field(default_factory=list)


def extract(articles: Sequence[Article], progress: Progress | None = None,
            is_cancelled: IsCancelled | None = None) -> Extraction:
    from app.extract.engine import run_extraction

    with gc_paused():
        return run_extraction(articles, progress=progress, is_cancelled=is_cancelled)


def default_memo(articles: Sequence[Article]) -> MemoMeta:
    dates = sorted(a.published for a in articles if a.published)
    subject = articles[0].title if articles else ""
    return MemoMeta(subject=subject, date=dates[-1] if dates else None)


def build_briefing(paths: Iterable[Path], progress: Progress | None = None,
                   is_cancelled: IsCancelled | None = None) -> RunResult:
    """Load every readable article under ``paths`` and extract facts; unreadable ones come back as errors."""
    from app.ingest import load_articles

    with gc_paused():
        loaded = load_articles(list(paths), progress=progress, is_cancelled=is_cancelled)
    found = extract(loaded.articles, progress=progress, is_cancelled=is_cancelled)
    briefing = Briefing(articles=loaded.articles, facts=found.facts, memo=default_memo(loaded.articles),
                        entities=found.entities, timeline=found.timeline)
    return RunResult(briefing, loaded.errors)

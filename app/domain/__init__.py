"""Domain model: plain dataclasses shared by every layer."""

from app.domain.model import (
    Article,
    Briefing,
    Fact,
    MemoMeta,
    RemovedPart,
    SourceSpan,
)

__all__ = ["Article", "Briefing", "Fact", "MemoMeta", "RemovedPart", "SourceSpan"]

"""Domain model: plain dataclasses shared by every layer."""

from app.domain.model import (
    Article,
    Briefing,
    Conflict,
    DateMention,
    Entity,
    Fact,
    MemoMeta,
    Mention,
    RemovedPart,
    SourceSpan,
    TimelineEvent,
)

__all__ = ["Article", "Briefing", "Conflict", "DateMention", "Entity", "Fact", "MemoMeta", "Mention",
           "RemovedPart", "SourceSpan", "TimelineEvent"]

"""Domain model: plain dataclasses shared by every layer."""

from app.domain.model import (
    EVENT_KINDS,
    EVENT_STATUSES,
    Article,
    Briefing,
    Conflict,
    DateMention,
    Entity,
    Event,
    Fact,
    MemoMeta,
    Mention,
    Principal,
    RemovedPart,
    SourceSpan,
    TimelineEvent,
)

__all__ = ["Article", "Briefing", "Conflict", "DateMention", "EVENT_KINDS", "EVENT_STATUSES", "Entity", "Event",
           "Fact", "MemoMeta", "Mention", "Principal", "RemovedPart", "SourceSpan", "TimelineEvent"]

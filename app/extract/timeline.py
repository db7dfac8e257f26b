"""The briefing's timeline: every dated fact, in date order, each event linked to its fact."""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import itemgetter

from app.domain import Fact, TimelineEvent
from app.gc_pause import gc_paused

MAX_CHARS = 160
_GRANULARITY_ORDER = {"year": 0, "month": 1, "day": 2}
_GRANULARITY_KEY = {k: chr(v) for k, v in _GRANULARITY_ORDER.items()}  # below any character of a date
# Connectives that open a sentence but say nothing on a timeline.
_LEAD = re.compile(
    r"^(?:(?:Furthermore|Moreover|However|Meanwhile|Additionally|In addition|Overall|Also|Still|Typically"
    r"|Before this|Prior to this|As a result|At the same time),\s*)", re.IGNORECASE)


def short_text(text: str, limit: int = MAX_CHARS) -> str:
    """A fact's sentence without its opening connective, cut at a word boundary to ``limit`` characters."""
    out = " ".join(text.split())
    lead = _LEAD.match(out)  # anchored at the start: at most one match
    if lead is not None:
        out = out[lead.end():]
    out = out[:1].upper() + out[1:]
    if len(out) <= limit:
        return out
    cut = out[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "\u2026"


def build_timeline(facts: Sequence[Fact]) -> list[TimelineEvent]:
    """One event per (fact, distinct date), ordered by date ("2024" < "2024-03" < "2024-03-05"), then
    coarser granularity first, then the facts' order."""
    with gc_paused():  # thousands of small acyclic objects: no collector passes over the whole briefing
        return _build(facts)


def _build(facts: Sequence[Fact]) -> list[TimelineEvent]:
    # Sort key: the date then its granularity as one string ("2024" + "\x00" sorts before "2024-03" + "\x01",
    # as the pair would); a stable sort keeps the facts' order among equals.
    rows: list[tuple[str, TimelineEvent]] = []
    rank = _GRANULARITY_KEY
    for fact in facts:
        dates = fact.dates
        if not dates:
            continue
        text = short_text(fact.text)
        fact_id = fact.id
        seen: set[str] = set()
        for d in dates:
            value = d.value
            if value in seen:
                continue
            seen.add(value)
            rows.append((value + rank.get(d.granularity, "\x03"), TimelineEvent(value, d.granularity, text, fact_id)))
    rows.sort(key=itemgetter(0))
    return [r[1] for r in rows]

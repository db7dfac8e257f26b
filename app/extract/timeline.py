"""The briefing's timeline: every dated fact, in date order, each event linked to its fact."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.domain import Fact, TimelineEvent

MAX_CHARS = 160
_GRANULARITY_ORDER = {"year": 0, "month": 1, "day": 2}
# Connectives that open a sentence but say nothing on a timeline.
_LEAD = re.compile(
    r"^(?:(?:Furthermore|Moreover|However|Meanwhile|Additionally|In addition|Overall|Also|Still|Typically"
    r"|Before this|Prior to this|As a result|At the same time),\s*)", re.IGNORECASE)


def short_text(text: str, limit: int = MAX_CHARS) -> str:
    """A fact's sentence without its opening connective, cut at a word boundary to ``limit`` characters."""
    out = " ".join(text.split())
    out = _LEAD.sub("", out)
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
    rows: list[tuple[str, int, int, TimelineEvent]] = []
    for pos, fact in enumerate(facts):
        if not fact.dates:
            continue
        seen: set[str] = set()
        text = short_text(fact.text)
        for d in fact.dates:
            if d.value in seen:
                continue
            seen.add(d.value)
            event = TimelineEvent(d.value, d.granularity, text, fact.id)
            rows.append((d.value, _GRANULARITY_ORDER.get(d.granularity, 3), pos, event))
    rows.sort(key=lambda r: r[:3])
    return [r[3] for r in rows]

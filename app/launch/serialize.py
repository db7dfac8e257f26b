"""The extraction result as JSON-ready data (the CLI contract) and as plain text."""

from __future__ import annotations

from typing import Any

from app.domain import Article, Briefing, Entity, Event, Fact, SourceSpan, TimelineEvent


def article_to_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "text": article.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "warnings": list(article.warnings),
    }


def fact_to_json(fact: Fact) -> dict[str, Any]:
    return {
        "id": fact.id,
        "text": fact.text,
        "section": fact.section,
        "score": round(fact.score, 4),
        "included": fact.included,
        "status": fact.status,
        "sources": [{"article": s.article_id, "start": s.start, "end": s.end} for s in fact.sources],
        "entities": [{"text": m.text, "type": m.type, "value": m.value} for m in fact.entities],
        "dates": [{"text": d.text, "value": d.value, "granularity": d.granularity} for d in fact.dates],
        "conflicts": [{"fact": c.fact_id, "reason": c.reason} for c in fact.conflicts],
        "memo_text": fact.memo_wording(),
        "memo_edited": fact.memo_edited,
        "needs_context": fact.needs_context,
    }


def entity_to_json(entity: Entity) -> dict[str, Any]:
    return {
        "type": entity.type,
        "name": entity.name,
        "role": entity.role,
        "country": entity.country,
        "aliases": list(entity.aliases),
        "mentions": entity.mentions,
        "native_name": entity.native_name,
    }


def event_to_json(event: TimelineEvent) -> dict[str, Any]:
    return {"date": event.date, "granularity": event.granularity, "text": event.text, "fact": event.fact_id}


def _spans(spans: list[SourceSpan]) -> list[dict[str, Any]]:
    return [{"article": s.article_id, "start": s.start, "end": s.end} for s in spans]


def meeting_to_json(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "kind": event.kind,
        "name": event.name,
        "parties": list(event.parties),
        "principals": [{"name": p.name, "role": p.role, "country": p.country, "sources": _spans(p.sources)}
                       for p in event.principals],
        "place": event.place,
        "date": event.date,
        "status": event.status,
        "main": event.main,
        "facts": list(event.fact_ids),
        "sources": {key: _spans(spans) for key, spans in event.sources.items()},
    }


def briefing_to_json(briefing: Briefing) -> dict[str, Any]:
    return {
        "articles": [article_to_json(a) for a in briefing.articles],
        "facts": [fact_to_json(f) for f in briefing.facts],
        "entities": [entity_to_json(e) for e in briefing.entities],
        "timeline": [event_to_json(t) for t in briefing.timeline],
        "events": [meeting_to_json(e) for e in briefing.events],
    }


def briefing_to_text(briefing: Briefing) -> str:
    from app.extract.topics import default_taxonomy

    taxonomy = default_taxonomy()
    lines: list[str] = []
    for i, art in enumerate(briefing.articles, 1):
        date = art.published.isoformat() if art.published else "undated"
        lines.append(f"[{i}] {art.title} ({art.outlet or 'unknown outlet'}, {date}) {art.path}")
    numbers = {a.id: i for i, a in enumerate(briefing.articles, 1)}
    section = None
    for fact in briefing.facts:
        if fact.section != section:
            section = fact.section
            lines.append("")
            lines.append(taxonomy.title(section).upper())
        mark = "x" if fact.included else " "
        cites = "".join(f"[{numbers.get(s.article_id, '?')}]" for s in fact.sources)
        status = "" if fact.status == "reported" else f" ({fact.status})"
        lines.append(f"  [{mark}] {fact.id} {fact.text}{status} {cites}")
    return "\n".join(lines) + "\n"

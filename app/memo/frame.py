"""The memo's frame from the main event: its subject line and its opening sentence."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.domain import Article, Event
from app.extract.event_cues import default_cues


def memo_date(value: str) -> str:
    """ "2024-07-28" → "28 July 2024", "2024-07" → "July 2024"; anything else as written."""
    parts = value.split("-")
    try:
        if len(parts) == 3:
            day = date(int(parts[0]), int(parts[1]), int(parts[2]))
            return f"{day.day} {day.strftime('%B')} {day.year}"
        if len(parts) == 2:
            return f"{date(int(parts[0]), int(parts[1]), 1).strftime('%B')} {parts[0]}"
    except ValueError:
        return value
    return value


def short_party(name: str) -> str:
    return default_cues().short_names.get(name, name)


def kind_label(event: Event) -> str:
    """The meeting's own name when known ("Security Consultative Committee (“2+2”)"), else its kind."""
    cues = default_cues()
    label = cues.labels.get(event.kind, event.kind.replace("_", " "))
    if not event.name:
        return label
    if event.kind == "two_plus_two" and "2+2" not in event.name:
        return f"{event.name} (“2+2”)"
    low = event.name.lower()
    # "Quad" names who meets, not the meeting: "Quad ministerial meeting"; "Shangri-La Dialogue" is whole.
    return event.name if cues.generic.search(low) or cues.kinds.search(low) else f"{event.name} {label}"


def event_subject(event: Event) -> str:
    """ "U.S.–Japan “2+2” ministerial dialogue, Tokyo, 28 July 2024": parties, kind, place, date."""
    head = "–".join(short_party(p) for p in event.parties[:4])
    label = kind_label(event)
    if any(p.lower() in label.lower() for p in event.parties if len(p) > 2):
        head = ""  # "NATO summit" names its host body: the members are not listed before it
    what = f"{head} {label}" if head else label[:1].upper() + label[1:]
    if event.status == "upcoming" and not event.date:
        what = f"Upcoming {what}" if not head else what
    return ", ".join(part for part in (what, event.place, memo_date(event.date) if event.date else "") if part)


def _who(event: Event) -> tuple[str, str]:
    """(The first party's principals, "their X counterparts" for the others), by role and name."""
    cues = default_cues()
    if not event.principals:
        return "", ""
    first = event.principals[0].country
    ours = [p for p in event.principals if p.country == first or not p.country]
    others = [p for p in event.principals if p not in ours]

    def named(p_list: Sequence[object]) -> str:
        parts = []
        for p in p_list:
            role = getattr(p, "role", "")
            country = getattr(p, "country", "")
            adj = cues.demonyms.get(country, "")
            parts.append(" ".join(x for x in (adj, role, getattr(p, "name", "")) if x))
        return _and(parts)

    lead = named(ours[:1]) if len(ours) == 1 else _and(
        [named([ours[0]])] + [" ".join(x for x in (getattr(p, "role", ""), p.name) if x) for p in ours[1:]])
    if not others:
        return lead, ""
    countries = []
    for p in others:
        adj = cues.demonyms.get(p.country, p.country)
        if adj not in countries:
            countries.append(adj)
    if len(ours) == 1:
        return lead, named(others)
    names = _and([" ".join(x for x in (p.role, p.name) if x) for p in others])
    return lead, f"their {_and(countries)} counterparts, {names},"


def _and(parts: Sequence[str]) -> str:
    parts = [p for p in parts if p]
    if len(parts) <= 2:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def venue_preposition(place: str) -> str:
    """ "at Camp David", "at the Pentagon", "in Tokyo"."""
    words = place.lower().split()
    return "at" if words[:1] == ["the"] or default_cues().buildings.intersection(words) else "in"


def opening_line(event: Event) -> str:
    """One sentence on who met whom, where and when, for what: "will meet" when it is still ahead."""
    lead, counterparts = _who(event)
    verb = "will meet" if event.status == "upcoming" else "met"
    if not lead:
        lead = _and([short_party(p) if p in default_cues().short_names else p for p in event.parties]) or "Officials"
        verb = "will meet" if event.status == "upcoming" else "met"
        counterparts = ""
    call = event.kind == "call"
    if call:
        verb = "will speak with" if event.status == "upcoming" else "spoke with"
    words = [lead, verb]
    if counterparts:
        words.append(counterparts)
    elif call and verb.endswith("with"):
        words[-1] = verb.removesuffix(" with")
    if event.place:
        words.append(f"{venue_preposition(event.place)} {event.place}")
    if event.date:
        day = memo_date(event.date)
        words.append(f"on {day}" if event.date.count("-") == 2 else f"in {day}")
    words.append("by phone" if call else f"for the {kind_label(event)}")
    return " ".join(words).replace(",,", ",") + "."


def cleaned_headline(articles: Sequence[Article]) -> str:
    """A title that reads as a headline, never a body sentence; "" when no article has one."""
    for art in articles:
        title = " ".join(art.title.split()).strip()
        if not title or len(title.split()) > 16:
            continue
        body_start = " ".join(art.text.split())[: len(title)]
        if title.endswith((".", "…")) or body_start == title:
            continue
        return title
    return ""


def default_subject(articles: Sequence[Article], events: Sequence[Event]) -> str:
    main = next((e for e in events if e.main), events[0] if events else None)
    if main is not None:
        return event_subject(main)
    return cleaned_headline(articles)

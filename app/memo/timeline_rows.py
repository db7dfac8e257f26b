"""The memo's timeline rows: one row per event, merged across sources, as short dated clauses.

Rows come from the briefing's timeline, kept only for ticked facts, their text redrawn from each fact's
memo wording. Two rows on the same date that say the same thing become one, their citations joined. The
main event's own date reads as the meeting itself ("Ministers of the United States and Japan met in
Tokyo"), not as the lede of an article.
"""

from __future__ import annotations

from datetime import date

from app.domain.model import Briefing, Event, Fact, TimelineEvent
from app.extract.timeline import short_text
from app.memo.selection import near_duplicate, signature
from app.memo.text import clean_text

_SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Who meets, by kind of event.
_WHO = {"two_plus_two": "Foreign and defence ministers", "ministerial": "Ministers", "summit": "Leaders",
        "press_conference": "Officials", "call": "Leaders"}
_THE = ("United ", "European ", "Philippines", "Netherlands", "Czech Republic", "Republic of ")


def short_when(value: str, granularity: str) -> str:
    """``2024-07-28`` -> ``28 Jul 2024``; ``2023-12`` -> ``Dec 2023``; ``2024`` -> ``2024``; odd values as is."""
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) >= 3 and granularity not in ("month", "year"):
            day = date(numbers[0], numbers[1], numbers[2])
            return f"{day.day} {_SHORT_MONTHS[day.month - 1]} {day.year}"
        if len(numbers) >= 2 and granularity != "year":
            if not 1 <= numbers[1] <= 12:  # month 0 would index the list from its end: December
                raise ValueError(value)
            return f"{_SHORT_MONTHS[numbers[1] - 1]} {numbers[0]}"
        return str(numbers[0])
    except (ValueError, IndexError):
        return clean_text(value)


def event_clause(event: Event) -> str:
    """"Ministers of the United States and Japan met in Tokyo"; "… are to meet …" when upcoming."""
    who = _WHO.get(event.kind, "Officials")
    parties = [_with_article(p) for p in event.parties if p.strip()]
    if len(parties) > 1:
        who += " of " + ", ".join(parties[:-1]) + " and " + parties[-1]
    elif parties:
        who += " of " + parties[0]
    verb = "are to meet" if event.status == "upcoming" else "met"
    place = f" in {event.place}" if event.place.strip() else ""
    return clean_text(f"{who} {verb}{place}")


def _with_article(name: str) -> str:
    name = name.strip()
    return f"the {name}" if name.startswith(_THE) or name.endswith(" Republic") else name


def timeline_rows(briefing: Briefing, memo_order: list[Fact]) -> list[tuple[TimelineEvent, str, list[Fact]]]:
    """``(event, text, facts)`` per row in date order: the first event of a merged row, its text, and every
    fact the row cites."""
    by_id = {f.id: f for f in memo_order}
    events = sorted((e for e in briefing.timeline if e.fact_id in by_id), key=lambda e: e.date)
    main = briefing.main_event()
    main_date = main.date if main is not None and len(main.date.split("-")) == 3 else ""
    rows: list[tuple[TimelineEvent, str, list[Fact], tuple]] = []
    by_day: dict[tuple[str, str], list[int]] = {}  # (date, granularity) -> indices into rows
    for event in events:
        fact = by_id[event.fact_id]
        if main_date and event.date == main_date and event.granularity == "day":
            text = event_clause(main)
        else:
            text = short_text(fact.memo_wording(), dates=[d.text for d in fact.dates]) or clean_text(event.text)
        text = clean_text(text)
        if not text:
            continue
        sig = signature(text)
        day = by_day.setdefault((event.date, event.granularity), [])
        for index in day:
            row = rows[index]
            if row[1] == text or near_duplicate(row[3], sig):
                if fact not in row[2]:
                    row[2].append(fact)
                break
        else:
            day.append(len(rows))
            rows.append((event, text, [fact], sig))
    return [(event, text, facts) for event, text, facts, _sig in rows]

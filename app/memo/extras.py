"""The memo's supporting blocks: summary, key facts, participants, key figures, timeline, "sources differ"."""

from __future__ import annotations

import re
from datetime import date

from app.domain.model import Briefing, Fact
from app.memo.citations import Citer
from app.memo.document import DifferNote, FactParagraph, KeyFactsBox, Note, Summary, Table, Version
from app.memo.template import MemoTemplate
from app.memo.text import clean_text, spelled_date

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
FIGURE_TYPES = ("money", "quantity")
# A span of time ("in 15 years", "a 70-year alliance") is context, not a figure a reader needs to hand.
_DURATION = re.compile(r"[\s-](?:years?|months?|weeks?|days?|hours?|minutes?|decades?|century|centuries)$",
                       re.IGNORECASE)


def ranked(facts: list[Fact]) -> list[Fact]:
    """Included facts with text, best first; ties keep memo order. Opinions never lead a summary."""
    usable = [f for f in facts if f.included and clean_text(f.text) and f.status != "opinion"]
    return sorted(usable, key=lambda f: -f.score)


def chars_per_line(template: MemoTemplate) -> int:
    lay = template.layout
    width_pt = (lay.page_width - lay.margin_left - lay.margin_right) * 72
    return max(30, int(width_pt / (lay.body_pt * 0.5)))  # serif text averages about half an em per character


def summary(briefing: Briefing, memo_order: list[Fact], template: MemoTemplate, citer: Citer,
            portion: str) -> Summary | None:
    """The user's summary, or the drafted one (``summary_facts``) with its citations."""
    title = clean_text(template.headings.get("summary", ""))
    own = clean_text(briefing.memo.summary, keep_newlines=False)
    if own:
        return Summary(title, own, portion=portion)
    chosen = summary_facts(memo_order, template, portion)
    if not chosen:
        return None
    numbers, notes = citer.numbers_for(chosen)
    return Summary(title, summary_text(chosen, template), numbers, notes, portion, drafted=True)


def summary_facts(memo_order: list[Fact], template: MemoTemplate, portion: str = "") -> list[Fact]:
    """The top-ranked fact followed by the next ones that fit in ``template.summary_lines`` lines, most
    important first (a bottom line leads with the bottom line)."""
    title = clean_text(template.headings.get("summary", ""))
    # The label "BLUF:" shares the first line with the text.
    budget = chars_per_line(template) * max(1, template.summary_lines) - len(title) - len(portion) - 12
    chosen: list[Fact] = []
    used = 0
    for fact in ranked(memo_order):
        text = _worded(fact, template)
        cost = len(text) + 1 + 4 * len(fact.sources)  # room for its citation numbers
        if chosen and used + cost > budget:  # the top fact always leads, even when it runs long
            continue
        chosen.append(fact)
        used += cost
    return chosen


def summary_text(chosen: list[Fact], template: MemoTemplate) -> str:
    return " ".join(_worded(f, template) for f in chosen)


def _worded(fact: Fact, template: MemoTemplate) -> str:
    marker = clean_text(template.status_markers.get(fact.status, ""))
    text = clean_text(fact.text)
    return f"{marker} {text}" if marker else text


def key_facts(memo_order: list[Fact], template: MemoTemplate, citer: Citer,
              portion: str) -> KeyFactsBox | None:
    top = ranked(memo_order)[: max(0, template.key_facts_max)]
    top.sort(key=memo_order.index)
    items = []
    for fact in top:
        numbers, notes = citer.cite(fact)
        items.append(FactParagraph(clean_text(fact.text), numbers, fact.status,
                                   clean_text(template.status_markers.get(fact.status, "")), portion,
                                   True, fact.id, notes))
    if not items:
        return None
    return KeyFactsBox(clean_text(template.headings.get("key_facts", "Key Facts")), tuple(items))


def participants(briefing: Briefing, template: MemoTemplate) -> Table | None:
    people = [e for e in briefing.entities if e.type == "person" and e.included and clean_text(e.name)]
    if not people:
        return None
    native = any(clean_text(e.native_name) for e in people)
    columns = ("Name", "Native name", "Role", "Country") if native else ("Name", "Role", "Country")
    widths = (2.2, 1.4, 3.0, 1.4) if native else (2.4, 3.6, 1.6)
    rows = []
    for e in people:
        row = [clean_text(e.name)] + ([clean_text(e.native_name)] if native else [])
        rows.append(tuple(row + [clean_text(e.role), clean_text(e.country)]))
    return Table(columns, tuple(rows), key="participants", widths=widths)


def key_figures(memo_order: list[Fact], citer: Citer) -> Table | None:
    rows, cites, seen = [], [], set()
    for fact in memo_order:
        for mention in fact.entities:
            figure = clean_text(mention.text)
            if mention.type not in FIGURE_TYPES or not figure or (fact.id, figure.lower()) in seen:
                continue
            if mention.type == "quantity" and _DURATION.search(figure):
                continue
            seen.add((fact.id, figure.lower()))
            rows.append((figure, clean_text(fact.text), ""))
            cites.append(citer.cite(fact)[0])
    if not rows:
        return None
    return Table(("Figure", "Fact", "Source"), tuple(rows), key="key_figures", widths=(1.4, 5.0, 0.8),
                 row_citations=tuple(cites), cite_column=True)


def timeline(briefing: Briefing, memo_order: list[Fact], citer: Citer) -> Table | None:
    """Dated events of the ticked facts as short clauses, one row per event (sources merged), in order."""
    from app.memo.timeline_rows import short_when, timeline_rows

    rows = timeline_rows(briefing, memo_order)
    if not rows:
        return None
    cells, cites = [], []
    for event, text, facts in rows:
        numbers: list[int] = []
        for fact in facts:
            numbers.extend(n for n in citer.cite(fact)[0] if n not in numbers)
        cells.append((short_when(event.date, event.granularity), text, ""))
        cites.append(tuple(numbers))
    return Table(("Date", "Event", "Source"), tuple(cells), key="timeline", widths=(1.2, 5.2, 0.8),
                 row_citations=tuple(cites), cite_column=True)


def when(value: str, granularity: str) -> str:
    """``2024-07-28`` -> ``July 28, 2024``; ``2024-07`` -> ``July 2024``; anything odd is printed as is."""
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) >= 3 and granularity not in ("month", "year"):
            return spelled_date(date(numbers[0], numbers[1], numbers[2]))
        if len(numbers) >= 2 and granularity != "year":
            if not 1 <= numbers[1] <= 12:  # month 0 would index the list from its end: December
                raise ValueError(value)
            return f"{_MONTHS[numbers[1] - 1]} {numbers[0]}"
        return str(numbers[0])
    except (ValueError, IndexError):
        return clean_text(value)


MAX_DIFFER_NOTES = 3  # per fact: a memo lists the disagreements that matter, not every one the engine saw


def differ_notes(fact: Fact, by_id: dict[str, Fact], template: MemoTemplate, citer: Citer, portion: str,
                 done: set[frozenset[str]]) -> list[DifferNote | Note]:
    """One note per disagreement of ``fact``, with both versions and their citations; each pair once.

    At most MAX_DIFFER_NOTES, those with facts in the memo first; a last line counts the rest."""
    todo = []
    for conflict in fact.conflicts:
        other = by_id.get(conflict.fact_id)
        pair = frozenset((fact.id, conflict.fact_id))
        if other is None or pair in done or not clean_text(other.text):
            continue
        done.add(pair)
        todo.append((conflict, other))
    todo.sort(key=lambda pair: not pair[1].included)  # stable: otherwise in the engine's order
    notes: list[DifferNote | Note] = []
    for conflict, other in todo[:MAX_DIFFER_NOTES]:
        versions = []
        for side in (fact, other):
            numbers, texts = citer.cite(side)
            marker = clean_text(template.status_markers.get(side.status, ""))
            versions.append(Version(clean_text(side.text), numbers, texts, marker))
        notes.append(DifferNote(clean_text(template.headings.get("sources_differ", "Sources differ:")),
                                clean_text(conflict.reason), tuple(versions), portion))
    more = len(todo) - MAX_DIFFER_NOTES
    if more > 0:
        notes.append(Note(f"{more} more disagreement{'s' if more > 1 else ''} with other reports "
                          f"{'are' if more > 1 else 'is'} not listed here.", portion=portion))
    return notes

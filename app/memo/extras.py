"""The memo's supporting blocks: summary, key facts, participants, key figures, timeline, "sources differ"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.domain.model import Briefing, Event, Fact, SourceSpan
from app.extract.timeline import short_text
from app.memo import clauses
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
# "two countries", "three ministers", "4 sides": a small count names the parties, it is not a figure.
_SMALL_COUNT = re.compile(r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|both|several|\d)\s+(?:\w+\s+)?"
                          r"(?:countries|nations|sides|parties|leaders|ministers|secretaries|officials|delegations|"
                          r"governments|allies|partners|heads of state|presidents|prime ministers|men|women|people)$",
                          re.IGNORECASE)
MIN_TIMELINE_ROWS = 2  # one dated row only repeats the subject line's date


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
    """The user's summary, or the drafted one (``summary_plan``), each sentence with its citations."""
    title = clean_text(template.headings.get("summary", ""))
    own = clean_text(briefing.memo.summary, keep_newlines=False)
    if own:
        return Summary(title, own, portion=portion)
    plan = summary_plan(briefing, memo_order, template, portion)
    if not plan:
        return None
    sentences = []
    for line in plan:
        # A drafted line is composed, not quoted: it points at its sources; the bullets carry the notes.
        numbers, _notes = citer.cite_spans(line.spans, line.text)
        sentences.append((line.text, numbers, ()))
    merged = sorted({n for _, nums, _ in sentences for n in nums})
    return Summary(title, " ".join(line.text for line in plan), tuple(merged), (), portion, drafted=True,
                   sentences=tuple(sentences))


@dataclass(frozen=True)
class SummaryLine:
    text: str
    spans: tuple[SourceSpan, ...]
    fact: Fact | None = None  # the fact it shortens; None for the event line


def summary_plan(briefing: Briefing | None, memo_order: list[Fact], template: MemoTemplate,
                 portion: str = "") -> list[SummaryLine]:
    """Two to four sentences: the main event, then the top outcomes (agreed, signed, announced, ...), each
    cut to its main clause; other top facts only when there are too few outcomes. Without a main event the
    top outcome leads."""
    title = clean_text(template.headings.get("summary", ""))
    budget = chars_per_line(template) * max(2, template.summary_lines) - len(title) - len(portion) - 12
    limit = max(2, min(4, int(clauses.rules().get("max_sentences", 4) or 4)))
    lines: list[SummaryLine] = []
    event = briefing.main_event() if briefing is not None else None
    if event is not None:
        opening = clean_text(_opening_line(event))
        if opening:
            lines.append(SummaryLine(opening, tuple(s for spans in event.sources.values() for s in spans)))
    best = ranked(memo_order)
    outcomes = [f for f in best if clauses.is_outcome(f.memo_wording())]
    others = [f for f in best if f not in outcomes]
    # Every fact is cut (its main clause, or less): a bullet never repeats a summary sentence word for word.
    used = sum(len(line.text) for line in lines)
    seen = {_words(line.text) for line in lines}
    for fact in outcomes + others:
        if len(lines) >= (limit if fact in outcomes else 2):  # other facts only make up two sentences
            continue
        clause = clauses.shorter_clause(clean_text(fact.memo_wording()))
        marker = clean_text(template.status_markers.get(fact.status, ""))
        if not clause or _words(clause) in seen:
            continue
        cost = len(clause) + 1 + 4 * len(fact.sources)
        if len(lines) >= 2 and used + cost > budget:
            continue
        seen.add(_words(clause))
        used += cost
        text = f"{marker} {clause}" if marker else clause
        lines.append(SummaryLine(text, tuple(fact.sources), fact))
    return lines


def summary_facts(memo_order: list[Fact], template: MemoTemplate, portion: str = "",
                  briefing: Briefing | None = None) -> list[Fact]:
    """The facts the drafted summary is made of, in its order."""
    return [line.fact for line in summary_plan(briefing, memo_order, template, portion) if line.fact]


def summary_text(chosen: list[Fact], template: MemoTemplate, briefing: Briefing | None = None) -> str:
    """The drafted summary's text: the main event's line (when ``briefing`` has one), then each chosen
    fact's main clause."""
    lines = []
    event = briefing.main_event() if briefing is not None else None
    if event is not None:
        lines.append(clean_text(_opening_line(event)))
    for fact in chosen:
        marker = clean_text(template.status_markers.get(fact.status, ""))
        clause = clauses.shorter_clause(clean_text(fact.memo_wording()))
        lines.append(f"{marker} {clause}" if marker and clause else clause)
    return " ".join(line for line in lines if line)


def _opening_line(event: Event) -> str:
    try:
        from app.memo.frame import opening_line
    except ImportError:
        return _event_sentence(event)
    try:
        return opening_line(event) or _event_sentence(event)
    except Exception:  # noqa: BLE001 - a frame that cannot phrase this event leaves the plain statement
        return _event_sentence(event)


_KIND_WORDS = {"two_plus_two": "a \u201c2+2\u201d ministerial dialogue", "ministerial": "a ministerial meeting",
               "summit": "a summit", "bilateral": "bilateral talks", "trilateral": "a trilateral meeting",
               "multilateral": "a multilateral meeting", "press_conference": "a joint press conference",
               "visit": "a visit", "call": "a call", "meeting": "a meeting"}


def _event_sentence(event: Event) -> str:
    """``The United States and Japan held a "2+2" ministerial dialogue in Tokyo on July 28, 2024.``"""
    parties = [clean_text(p) for p in event.parties if clean_text(p)]
    if not parties and not event.place:
        return ""
    who = " and ".join(parties) if len(parties) <= 2 else ", ".join(parties[:-1]) + " and " + parties[-1]
    who = who or "Officials"
    kind = clean_text(event.name) or _KIND_WORDS.get(event.kind, "a meeting")
    if event.name and not kind.lower().startswith(("the ", "a ", "an ")):
        kind = "the " + kind
    verb = "will hold" if event.status == "upcoming" else "held"
    place = f" in {clean_text(event.place)}" if clean_text(event.place) else ""
    day = f" on {when(event.date, '')}" if event.date.count("-") == 2 else (
        f" in {when(event.date, '')}" if event.date else "")
    text = f"{who} {verb} {kind}{place}{day}."
    return text[0].upper() + text[1:]


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


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
    """The main event's principals first, then those of the other events the memo reports on (one of
    their facts is ticked); people only mentioned in passing (a former president in an aside) stay out.
    Without events, every included person."""
    people = [e for e in briefing.entities if e.type == "person" and e.included and clean_text(e.name)]
    if briefing.events:
        main = briefing.main_event()
        ticked = {f.id for f in briefing.facts if f.included}
        others = [ev for ev in briefing.events if ev is not main and ticked.intersection(ev.fact_ids)]
        ordered = [*(main.principals if main else []), *(p for ev in others for p in ev.principals)]
        rank: dict[str, int] = {}
        for p in ordered:
            rank.setdefault(p.name, len(rank))
        people = sorted((e for e in people if e.name in rank), key=lambda e: rank[e.name])
    # "Ferdinand" beside "Ferdinand Marcos Jr.": a name that is part of another listed name is that person
    words = [set(clean_text(e.name).lower().replace(".", "").split()) for e in people]
    people = [e for e, w in zip(people, words, strict=True)
              if not any(w < other for other in words)]
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
            if mention.type == "quantity" and (_DURATION.search(figure) or _SMALL_COUNT.match(figure)):
                continue
            seen.add((fact.id, figure.lower()))
            # the bullet says it in full: the table gives the figure's short clause
            wording = clean_text(fact.memo_wording())
            short = short_text(wording, dates=[d.text for d in fact.dates])
            rows.append((figure, short if figure.lower() in short.lower() else wording, ""))
            cites.append(citer.cite(fact)[0])
    if not rows:
        return None
    return Table(("Figure", "Fact", "Source"), tuple(rows), key="key_figures", widths=(1.4, 5.0, 0.8),
                 row_citations=tuple(cites), cite_column=True)


def timeline(briefing: Briefing, memo_order: list[Fact], citer: Citer) -> Table | None:
    """Dated events of the ticked facts as short clauses, one row per event (sources merged), in order."""
    from app.memo.timeline_rows import short_when, timeline_rows

    rows = timeline_rows(briefing, memo_order)
    if len(rows) < MIN_TIMELINE_ROWS:
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
        reason, details = _differing(clean_text(conflict.reason))
        versions = []
        for i, side in enumerate((fact, other)):
            numbers, texts = citer.cite(side)
            marker = clean_text(template.status_markers.get(side.status, ""))
            # Only what differs: the bullets already print the sentences themselves.
            text = details[i] if details else clauses.main_clause(clean_text(side.memo_wording()))
            versions.append(Version(text, numbers, texts, marker))
        notes.append(DifferNote(clean_text(template.headings.get("sources_differ", "Sources differ:")),
                                reason, tuple(versions), portion))
    more = len(todo) - MAX_DIFFER_NOTES
    if more > 0:
        notes.append(Note(f"{more} more disagreement{'s' if more > 1 else ''} with other reports "
                          f"{'are' if more > 1 else 'is'} not listed here.", portion=portion))
    return notes


# "Recipient differs: United States (source 1) vs Ukraine (source 2)": the aspect and each side's value.
_DIFFERS = re.compile(r"^(?P<what>[^:]{1,40}) differs: (?P<a>.+?) \([^()]*\) vs (?P<b>.+?) \([^()]*\)\.?$")


def _differing(reason: str) -> tuple[str, tuple[str, str] | None]:
    found = _DIFFERS.match(reason)
    if not found:
        return reason, None
    return f"{found['what']} differs", (found["a"], found["b"])

"""The meetings a briefing is about: kind, parties, principals, place, date and whether it has happened.

Read from the facts after entities and dates are annotated. Every field keeps the sentences it came from
(``Event.sources``). Cue words live in ``resources/events.yaml``."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from app.domain import Article, Entity, Event, Fact, Principal, SourceSpan
from app.extract.event_cues import Cues, default_cues, kinds_in, own_name, takes_part
from app.extract.sentence_values import MONTHS

_PARTY_TYPES = ("country", "organisation")


@dataclass
class _Draft:
    kind: str
    facts: list[Fact] = field(default_factory=list)
    kind_facts: list[Fact] = field(default_factory=list)  # sentences that name the kind
    names: Counter[str] = field(default_factory=Counter)
    name_facts: list[Fact] = field(default_factory=list)
    month: str = ""  # a date the generic sentences gave ("2024-04"): an earlier, separate meeting

    def people(self) -> set[str]:
        return {m.value or m.text for f in self.facts for m in f.entities if m.type == "person"}


def _month(fact: Fact) -> str:
    return fact.dates[0].value[:7] if fact.dates else ""


MAX_FIELD_SOURCES = 8  # sentences kept behind one field: enough to trace it, few enough to cite
MAX_PRINCIPALS = 10


def _spans(facts: Sequence[Fact]) -> list[SourceSpan]:
    """The sentences behind a field, one per article first (a field said by many articles cites many), at most
    MAX_FIELD_SOURCES: in a briefing of a thousand articles a date is said a thousand times."""
    first: dict[str, SourceSpan] = {}
    more: dict[tuple[str, int, int], SourceSpan] = {}
    for f in facts:
        for s in f.sources:
            if s.article_id not in first:
                first[s.article_id] = s
                if len(first) >= MAX_FIELD_SOURCES:
                    return list(first.values())
            elif len(more) < MAX_FIELD_SOURCES:
                more.setdefault((s.article_id, s.start, s.end), s)
    kept = list(first.values())
    seen = {(s.article_id, s.start, s.end) for s in kept}
    kept += [s for key, s in more.items() if key not in seen]
    return kept[:MAX_FIELD_SOURCES]


_MONTH_NAME = re.compile(r"\b(?i:in|on|of|since|during|last|early|late|mid-?)\s+"
                         r"(January|February|March|April|June|July|"
                         r"August|September|October|November|December)\b")


def _other_month(text: str, event_months: set[str]) -> bool:
    """The sentence dates itself by month name ("in October") and no meeting of the briefing is in that month."""
    named = {MONTHS[m.lower()] for m in _MONTH_NAME.findall(text)}
    if not named:
        return False
    held = {int(m[5:7]) for m in event_months if len(m) >= 7 and m[5:7].isdigit()}
    return bool(held) and not named & held


def _possessive(text: str, mention: str) -> bool:
    """'Joe Biden's decision': someone talked about, not someone at the table."""
    at = text.find(mention)
    return at >= 0 and text[at + len(mention):at + len(mention) + 2] in ("'s", "’s")


def find_events(facts: Sequence[Fact], articles: Sequence[Article], entities: Sequence[Entity],
                cues: Cues | None = None) -> list[Event]:
    """The meetings the facts report on, the main one first marked ``main``."""
    cues = cues or default_cues()
    drafts: dict[str, _Draft] = {}
    generic: list[Fact] = []
    framing: Counter[str] = Counter()  # kinds named as the frame of another meeting ("prior to the 2+2")
    fact_article = {f.id: (f.sources[0].article_id if f.sources else "") for f in facts}
    for fact in facts:
        low = fact.text.lower()
        named = own_name(cues, low)
        kinds = kinds_in(cues, low)
        kind = kinds[-1] if kinds else (named[1] if named else None)
        for other in kinds[:-1]:
            framing[other] += 1
        if kind is None:
            if cues.generic.search(low):
                generic.append(fact)
            continue
        draft = drafts.setdefault(kind, _Draft(kind))
        draft.facts.append(fact)
        draft.kind_facts.append(fact)
        if named and named[1] == kind:
            draft.names[named[0]] += 1
            draft.name_facts.append(fact)
    specific = list(drafts.values())
    by_article: dict[str, Counter[str]] = {}
    for d in specific:
        for f in d.facts:
            by_article.setdefault(fact_article[f.id], Counter())[d.kind] += 1
    overall = Counter({d.kind: len(d.facts) + framing[d.kind] for d in specific})
    for counts in by_article.values():
        for kind in counts:
            counts[kind] += framing[kind]
    event_months = {m for d in specific for m in map(_month, d.facts) if m}
    published = {a.id: a.published for a in articles}
    specific_people = [d.people() for d in specific]
    for fact in generic:
        month = _month(fact)
        pub = published.get(fact_article[fact.id])
        if month and month not in event_months and (pub is None or month < pub.isoformat()[:7]):
            # A meeting on another date than the ones this briefing is about: an earlier one.
            if any(m.type == "person" for m in fact.entities):
                key = f"meeting@{month}"
                drafts.setdefault(key, _Draft("meeting", month=month)).facts.append(fact)
            continue
        if not month and event_months and _other_month(fact.text, event_months):
            continue  # "In October of the same year, Kishida met Albanese": undated, but not this meeting's month
        people = {m.value or m.text for m in fact.entities if m.type == "person"}
        home = next((d for d, known in zip(specific, specific_people, strict=True) if people and people <= known),
                    None)
        if home is None:
            local = by_article.get(fact_article[fact.id]) or overall
            top = local.most_common(1)
            home = drafts[top[0][0]] if top else drafts.setdefault("meeting", _Draft("meeting"))
        home.facts.append(fact)
    people_index = {e.name: e for e in entities if e.type == "person"}
    for alias_owner in entities:
        if alias_owner.type != "person":
            continue
        for alias in alias_owner.aliases:
            people_index.setdefault(alias, alias_owner)
    # places in a country can hold a meeting; a region or a sea ("Indo-Pacific") only names what it is about
    venues = frozenset(n for e in entities if e.type == "place" and e.country for n in (e.name, *e.aliases))
    on_day: dict[str, list[Fact]] = {}  # the facts dated each day, for the sentences of a meeting's day
    for fact in facts:
        for day in {d.value for d in fact.dates if d.granularity == "day"}:
            on_day.setdefault(day, []).append(fact)
    events = [_build(d, on_day, articles, people_index, cues, venues) for d in drafts.values() if d.facts]
    return _rank(events, facts, articles)


def _most_named(principals: dict[str, tuple[Principal, list[Fact]]],
                keep: int) -> dict[str, tuple[Principal, list[Fact]]]:
    named = {n: len({id(f) for f in fs}) for n, (_, fs) in principals.items()}
    top = set(sorted(named, key=lambda n: -named[n])[:keep])
    return {n: v for n, v in principals.items() if n in top}


def _merge_partial_names(principals: dict[str, tuple[Principal, list[Fact]]], at_table: set[str]) -> None:
    """"Suk Yeol" beside "Yoon Suk Yeol": a name whose words are all in a longer one is that person."""
    words = {name: set(name.lower().replace(".", "").split()) for name in principals}
    for name in list(principals):
        fuller = [o for o in principals if o != name and words[name] < words[o]]
        if len(fuller) != 1:
            continue  # none, or two people it could be: keep it as it is
        part, facts = principals.pop(name)
        whole, named_in = principals[fuller[0]]
        whole.role, whole.country = whole.role or part.role, whole.country or part.country
        named_in.extend(f for f in facts if f not in named_in)
        if name in at_table:
            at_table.add(fuller[0])


def _build(draft: _Draft, on_day: dict[str, list[Fact]], articles: Sequence[Article],
           people: dict[str, Entity], cues: Cues, venues: frozenset[str] = frozenset()) -> Event:
    event = Event(id="", kind=draft.kind)
    sources: dict[str, list[SourceSpan]] = {"kind": _spans(draft.kind_facts or draft.facts)}
    if draft.names:
        event.name = draft.names.most_common(1)[0][0]
        sources["name"] = _spans(draft.name_facts)
    # the date first: it brings in the sentences of the meeting's day, which often name who took part
    _date_and_status(event, draft, on_day, articles, cues, sources, venues)
    principals: dict[str, tuple[Principal, list[Fact]]] = {}
    at_table: set[str] = set()
    party_facts: list[Fact] = []
    for fact in draft.facts:
        taking_part = takes_part(cues, fact.text)
        for m in fact.entities:
            if m.type != "person" or _possessive(fact.text, m.text):
                continue
            ent = people.get(m.value or m.text)
            if ent is not None and ent.role.lower().startswith(("former", "ex-")):
                continue
            name = ent.name if ent else (m.value or m.text)
            if name not in principals:
                principals[name] = (Principal(name, ent.role if ent else "", ent.country if ent else ""), [])
            principals[name][1].append(fact)
            if taking_part:
                at_table.add(name)
    if len(principals) > 4 * MAX_PRINCIPALS:  # merging partial names compares every pair: keep it small
        principals = _most_named(principals, 4 * MAX_PRINCIPALS)
    _merge_partial_names(principals, at_table)
    if len(at_table) >= 2:  # people only talked about ("Putin's war", "stop Putin") are not principals
        principals = {n: v for n, v in principals.items() if n in at_table}
    if len(principals) > MAX_PRINCIPALS:  # a table seats a few: those the texts name most, in the order met
        principals = _most_named(principals, MAX_PRINCIPALS)
    for principal, named_in in principals.values():
        principal.sources = _spans(named_in)
    event.principals = [p for p, _ in principals.values()]
    sources["principals"] = _spans([f for _, fs in principals.values() for f in fs])
    parties: list[str] = []
    for principal, named_in in principals.values():
        if principal.country and principal.country not in parties:
            parties.append(principal.country)
            party_facts.extend(named_in)
    if not parties:  # no principal with a country: the countries named with the meeting noun
        for fact in draft.kind_facts or draft.facts:
            for m in fact.entities:
                value = m.value or m.text
                if m.type in _PARTY_TYPES and value not in parties and not _possessive(fact.text, m.text):
                    parties.append(value)
                    party_facts.append(fact)
    event.parties = parties[:6]
    sources["parties"] = _spans(party_facts)
    if event.kind == "meeting" and len(event.parties) in (2, 3):
        event.kind = "bilateral" if len(event.parties) == 2 else "trilateral"
    event.fact_ids = [f.id for f in draft.facts]
    event.sources = {k: v for k, v in sources.items() if v or k in ("kind", "parties", "principals")}
    return event


def _date_and_status(event: Event, draft: _Draft, on_day: dict[str, list[Fact]], articles: Sequence[Article],
                     cues: Cues, sources: dict[str, list[SourceSpan]], venues: frozenset[str] = frozenset()) -> None:
    ahead = [f for f in draft.facts if f.status == "expected" or cues.preview.search(f.text.lower())]
    ahead_ids = {id(f) for f in ahead}
    done = [f for f in draft.facts if f.status == "reported" and id(f) not in ahead_ids]
    event.status = "upcoming" if ahead and not done else "happened"
    sources["status"] = _spans(ahead if event.status == "upcoming" else done)
    dated = [(d.value, f, _date_weight(cues, f.text, d.text)) for f in draft.facts for d in f.dates
             if d.granularity == "day" and (not draft.month or d.value.startswith(draft.month))]
    if dated:
        weights: dict[str, float] = {}
        for v, _, w in dated:
            weights[v] = weights.get(v, 0.0) + w
        value = max(weights, key=lambda v: weights[v])  # the first of equals: the order the texts give
        event.date = value
        sources["date"] = _spans([f for v, f, _ in dated if v == value])
    elif draft.month:
        event.date = draft.month
        sources["date"] = _spans([f for f in draft.facts if _month(f) == draft.month])
    elif event.status == "happened":
        # A report names its day's meeting without a date: the article's publication date stands in.
        own = {s.article_id for f in draft.facts for s in f.sources}
        days = sorted(a.published for a in articles if a.id in own and a.published)
        if days:
            event.date = days[-1].isoformat()
    place_facts = list(draft.facts)
    if event.date and not draft.month:
        # Sentences of the same articles dated the meeting's day report on it too ("announced in Tokyo").
        own = {s.article_id for f in draft.facts for s in f.sources}
        mine = {id(f) for f in draft.facts}  # by identity: comparing Fact dataclasses field by field is slow
        extra = [f for f in on_day.get(event.date, ()) if id(f) not in mine
                 and any(s.article_id in own for s in f.sources)]
        draft.facts.extend(extra)
        place_facts += extra
    # The place the texts hold the meeting in most often ("at Camp David", "in Manila"), not merely the
    # first named: a capital also stands for its government ("Washington and Tokyo agreed").
    votes: dict[str, float] = {}
    where: dict[str, list[Fact]] = {}
    for fact in place_facts:
        for m in fact.entities:
            if m.type != "place":
                continue
            place = m.value or m.text
            venue = f"in {m.text}" in fact.text or f"at {m.text}" in fact.text
            if venues and place not in venues and m.text not in venues:
                continue  # a region or a sea: what the meeting is about, never where it is
            votes[place] = votes.get(place, 0.0) + (3.0 if venue else 1.0)
            where.setdefault(place, []).append(fact)
    _vote_venue_phrases(place_facts, votes, where)
    if votes:
        best = max(votes, key=lambda p: votes[p])  # the first of equals: dicts keep the order seen
        event.place = best
        sources["place"] = _spans(where[best][:1])


# "talks in Queenscliff", "hosted ... at the Pentagon": a venue the gazetteer does not know
_VENUE = re.compile(r"\b(in|at)\s+(the\s+)?((?:[A-Z][\w'’.-]+)(?:\s+(?:of\s+)?[A-Z][\w'’-]+){0,2})")
_NOT_VENUE = frozenset("""january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday i we the this that""".split())
MIN_VENUE_FACTS = 2  # an unknown name said to be the place in two sentences at least


def _vote_venue_phrases(place_facts: Sequence[Fact], votes: dict[str, float], where: dict[str, list[Fact]]) -> None:
    """Votes for venues named in a venue phrase that the entities leave out: "in X" where X is no known
    country, organisation or region; "at the X" (a building or an estate) even where X is an organisation."""
    known: set[str] = set()
    for fact in place_facts:
        known.update(m.text for m in fact.entities)
        known.update(m.value for m in fact.entities if m.value)
    found: dict[str, list[Fact]] = {}
    for fact in place_facts:
        for m in _VENUE.finditer(fact.text):
            prep, the, name = m.group(1), m.group(2), m.group(3).rstrip(".’'")
            if name.split()[0].lower() in _NOT_VENUE or name in votes:
                continue
            if name in known and not (prep == "at" and the):
                continue  # "in Japan", "in NATO", "in the Indo-Pacific": what, not where
            label = f"the {name}" if the else name
            facts = found.setdefault(label, [])
            if not facts or facts[-1] is not fact:  # facts come one by one: by identity, not field by field
                facts.append(fact)
    for label, facts in found.items():
        if len(facts) >= MIN_VENUE_FACTS:
            votes[label] = votes.get(label, 0.0) + 2.0 * len(facts)
            where[label] = facts


# "the White House confirmed on Wednesday": the day something was said, not the day of the meeting
_SAID_ON = re.compile(r"\b(?:said|says|confirmed|announced|told (?:\w+ ){0,2}|stated|added|reported|wrote)"
                      r"\s+(?:on\s+)?$")
NEAR = 60  # characters either side of a date in which a meeting word ties the date to the meeting


def _date_weight(cues: Cues, text: str, mention: str) -> float:
    """How much a date in a sentence says about the meeting's day: more beside a meeting word ("will land
    in Washington on June 22", "ahead of the June 22 state visit"), less as the day of a statement."""
    at = text.find(mention)
    if at < 0:
        return 1.0
    before = text[max(0, at - NEAR):at].lower()
    if _SAID_ON.search(before):
        return 0.25
    around = before + " " + text[at + len(mention):at + len(mention) + NEAR].lower()
    return 2.0 if cues.kinds.search(around) or cues.generic.search(around) else 1.0


def _rank(events: list[Event], facts: Sequence[Fact], articles: Sequence[Article]) -> list[Event]:
    """Exactly one main event: most facts and corroboration, on the articles' publication dates."""
    if not events:
        return events
    by_id = {f.id: f for f in facts}
    pub_days = {a.published.isoformat() for a in articles if isinstance(a.published, date)}

    def weight(e: Event) -> tuple[float, int]:
        corroboration = sum(len(by_id[i].sources) for i in e.fact_ids if i in by_id)
        on_day = 2.0 if e.date in pub_days else 0.0
        named = 1.0 if e.kind != "meeting" else 0.0
        return len(e.fact_ids) + 0.5 * corroboration + on_day + named, -len(e.parties)

    events.sort(key=weight, reverse=True)
    for n, event in enumerate(events, start=1):
        event.id = f"E{n:02d}"
        event.main = n == 1
    return events

"""Who and what a text names: people (with role and country), organisations, countries, places, weapon
systems, money and quantities.

``find_mentions(text)`` lists them in order of appearance as ``Mention(text, type, value)``:
- ``type``: person | role | country | organisation | place | system | money | quantity
- ``value``: the canonical form. People: full name as the gazetteer lists it, or as found with initials and
  suffixes dropped ("Gilberto C. Teodoro, Jr." → "Gilberto Teodoro"); roles: the title ("Defense Secretary" →
  "Secretary of Defense"); countries, including demonyms: the country ("Japanese" → "Japan", "U.S" → "United
  States"); organisations, places, systems: their gazetteer name ("patriot missiles" → "PAC-3"); money and
  quantities: see ``app.extract.numbers`` ("1700000000 USD", "400 Tomahawk").
A money or quantity phrase may contain a name ("400 Tomahawk missiles" also yields the system "Tomahawk");
names never overlap each other. Results are cached by text.

``annotate(facts, articles)`` fills ``Fact.entities`` (each (type, value) once, in order) and returns the
briefing's entity list: people with the title the articles give them most often, as written ("Defense
Minister", "Former Prime Minister"; the gazetteer's when the articles give none) and their country;
organisations, countries, places and systems; each with the other forms used (``aliases``) and a count.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from app.domain import Article, Entity, Fact, Mention
from app.extract import names as N
from app.extract.gazetteer import Gazetteer, default_gazetteer, key
from app.extract.mentions import Found, scan
from app.shared.errors import Cancelled
from app.shared.gc_pause import gc_paused

__all__ = ["ENTITY_TYPES", "Found", "Scanned", "annotate", "find_mentions", "scan", "scan_articles"]

Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]
ENTITY_TYPES = ("person", "organisation", "country", "place", "system")
_ENTITY_TYPES = frozenset(ENTITY_TYPES)
_GENERIC_TAIL = re.compile(r"(?:[\s-]+(?:cruise|air[\s-]defen[cs]e|ballistic))?[\s-]+(?:missiles?"
                           r"|interceptors?|systems?|rockets?|jets?|fighters?|aircraft|batter(?:y|ies))$",
                           re.IGNORECASE)


# Mentions by text, so that later steps asking again about a fact's sentence (corroboration, conflicts) do
# not scan it again; ``annotate`` fills it with what it found in each fact, read in its article's context.
_KNOWN: dict[str, tuple[Mention, ...]] = {}
_KNOWN_MAX = 50_000


def find_mentions(text: str) -> list[Mention]:
    """Entity, money and quantity mentions in ``text``, in order of appearance (see the module doc)."""
    got = _KNOWN.get(text)
    if got is None:
        got = tuple(f.mention for f in scan(text))
        _remember(text, got)
    return list(got)


def forget_mentions() -> None:
    """Drop every remembered mention: a new run must not see what an earlier one read in its context."""
    _KNOWN.clear()


def _remember(text: str, mentions: tuple[Mention, ...]) -> None:
    if len(_KNOWN) >= _KNOWN_MAX:
        _KNOWN.clear()
    _KNOWN[text] = mentions


@dataclass
class _Tally:
    type: str
    name: str
    order: int
    mentions: int = 0
    aliases: dict[str, None] = field(default_factory=dict)  # ordered set
    roles: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    default_role: str = ""
    default_country: str = ""


@dataclass
class Scanned:
    """What reading whole articles found, before facts are looked at: per article id, its mentions (with
    their starts, for bisecting); the tallies behind the entity list; the people found by pattern."""

    found: dict[str, tuple[list[Found], list[int]]]
    tallies: dict[tuple[str, str], _Tally]
    people: N.PeopleIndex

    def __reduce__(self):
        # Sent back from a worker process: plain tuples pickle several times faster than slotted objects.
        flat = {k: [(f.start, f.end, f.text, f.type, f.value, f.role, f.country) for f in found]
                for k, (found, _starts) in self.found.items()}
        return _unflatten, (flat, self.tallies, self.people)


def _unflatten(flat: dict[str, list[tuple]], tallies: dict[tuple[str, str], _Tally],
               people: N.PeopleIndex) -> Scanned:
    found = {}
    for k, rows in flat.items():
        items = [Found(*row) for row in rows]
        found[k] = (items, [f.start for f in items])
    return Scanned(found, tallies, people)


def scan_articles(articles: Sequence[tuple[str, str]], progress: Progress | None = None,
                  is_cancelled: IsCancelled | None = None, gazetteer: Gazetteer | None = None) -> Scanned:
    """Read every ``(article id, text)`` in order, as ``annotate`` does first; independent of the facts, so
    a worker process may do it while the facts are merged (see ``app.run.pipeline``)."""
    with gc_paused():
        return _scan_articles(articles, gazetteer or default_gazetteer(), progress, is_cancelled)


def _scan_articles(articles: Sequence[tuple[str, str]], gaz: Gazetteer, progress: Progress | None,
                   is_cancelled: IsCancelled | None) -> Scanned:
    people = N.PeopleIndex()
    tallies: dict[tuple[str, str], _Tally] = {}
    if progress is not None:
        progress(0, len(articles), "Finding people, places and dates")
    by_article: dict[str, tuple[list[Found], list[int]]] = {}
    spaced: dict[str, str] = {}  # mention text -> its words joined by single spaces
    for art_id, text in articles:
        if is_cancelled is not None and is_cancelled():
            raise Cancelled()
        found = scan(text, people, gaz)
        by_article[art_id] = (found, [f.start for f in found])
        for f in found:
            if f.type not in _ENTITY_TYPES:
                continue
            t = tallies.get((f.type, f.value))
            if t is None:
                t = _new_tally(tallies, f, gaz)
            t.mentions += 1
            alias = spaced.get(f.text)
            if alias is None:
                alias = spaced[f.text] = " ".join(f.text.split())
            t.aliases[alias] = None
            if f.role:
                t.roles[f.role] += 1
                if f.country:
                    t.countries[f.country] += 1
    return Scanned(by_article, tallies, people)


def annotate(facts: Sequence[Fact], articles: Sequence[Article], gazetteer: Gazetteer | None = None,
             progress: Progress | None = None, is_cancelled: IsCancelled | None = None,
             scanned: Scanned | None = None) -> list[Entity]:
    """Fill each fact's ``entities`` and return the briefing's entities (people first, then organisations,
    countries, places and systems; each group in order of first appearance).

    Roles and countries come from the whole articles, so a person's best-attested title is known even in a
    fact that names them alone ("Kihara also met with Austin"). ``scanned``: ``scan_articles`` of these
    articles, when already done (with the default gazetteer).
    """
    gaz = gazetteer or default_gazetteer()
    with gc_paused():
        if scanned is None:
            scanned = _scan_articles([(a.id, a.text) for a in articles], gaz, progress, is_cancelled)
        return _annotate(facts, articles, gaz, scanned)


def _annotate(facts: Sequence[Fact], articles: Sequence[Article], gaz: Gazetteer, scanned: Scanned) -> list[Entity]:
    people, tallies = scanned.people, scanned.tallies
    by_article = {a.id: (a.text, *scanned.found[a.id]) for a in articles if a.id in scanned.found}
    shared_cache = gaz is default_gazetteer()
    absorbed = people.absorbed
    made: dict[tuple[str, str, str], Mention] = {}  # one (immutable) Mention per distinct triple
    for fact in facts:
        text = fact.text
        found = _in_sentence(fact, by_article)
        if found is None:  # not the source sentence as written: read the fact itself
            found = scan(text, people, gaz)
        seen: set[tuple[str, str]] = set()
        mentions: list[Mention] = []
        every: list[Mention] = []
        for f in found:
            type_, value = f.type, f.value
            if type_ == "person" and value in absorbed:
                value = people.final(value)
            k = (f.text, type_, value)
            m = made.get(k)
            if m is None:
                m = made[k] = Mention(f.text, type_, value)
            every.append(m)
            if (type_, value) not in seen:
                seen.add((type_, value))
                mentions.append(m)
        fact.entities = mentions
        if shared_cache:
            if len(_KNOWN) >= _KNOWN_MAX:
                _KNOWN.clear()
            _KNOWN[text] = tuple(every)
    return _entities(tallies, people, gaz)


def _in_sentence(fact: Fact, by_article: dict[str, tuple[str, list[Found], list[int]]]) -> list[Found] | None:
    """What the article scan found inside the fact's first source sentence (each text is read once), or
    None when the fact's text is not that sentence."""
    if not fact.sources:
        return None
    src = fact.sources[0]
    hit = by_article.get(src.article_id)
    if hit is None:
        return None
    art_text, found, starts = hit
    a, b = src.start, src.end
    text = fact.text
    if 0 <= a <= b <= len(art_text):
        if b - a != len(text) or not art_text.startswith(text, a):
            return None
    elif art_text[a:b] != text:
        return None
    out: list[Found] = []
    for i in range(bisect_left(starts, a), len(found)):
        f = found[i]
        if f.start >= b:
            break
        if f.end <= b:
            out.append(f)
    return out


def _new_tally(tallies: dict[tuple[str, str], _Tally], f: Found, gaz: Gazetteer) -> _Tally:
    entry = gaz.lookup(f.value, f.type)
    t = tallies[(f.type, f.value)] = _Tally(f.type, f.value, len(tallies))
    if entry is not None and entry.name == f.value:
        t.default_role, t.default_country = entry.role, entry.country
    return t


def _entities(tallies: dict[tuple[str, str], _Tally], people: N.PeopleIndex, gaz: Gazetteer) -> list[Entity]:
    merged: dict[tuple[str, str], _Tally] = {}
    for (type_, name), t in tallies.items():
        final = people.final(name) if type_ == "person" else name
        if (type_, final) in merged and final != name:
            into = merged[(type_, final)]
            into.mentions += t.mentions
            into.aliases.update(t.aliases)
            into.roles.update(t.roles)
            into.countries.update(t.countries)
            into.order = min(into.order, t.order)
            continue
        t.name = final
        if (type_, final) in merged:  # the full name came second: absorb what was counted first
            prev = merged[(type_, final)]
            t.mentions += prev.mentions
            t.aliases = {**prev.aliases, **t.aliases}
            t.roles.update(prev.roles)
            t.countries.update(prev.countries)
            t.order = min(t.order, prev.order)
        merged[(type_, final)] = t
    out: list[Entity] = []
    for t in sorted(merged.values(), key=lambda t: (ENTITY_TYPES.index(t.type), t.order)):
        # Most often given; on a tie the more specific title ("Defense Minister" over "Minister").
        role = max(t.roles, key=lambda r: (t.roles[r], len(r.split()))) if t.roles else t.default_role
        country = t.countries.most_common(1)[0][0] if t.countries else t.default_country
        if t.type == "person" and not country and role:
            entry = gaz.lookup(role, "role")
            country = entry.country if entry else ""
        entry = gaz.lookup(t.name, t.type)
        out.append(Entity(t.type, t.name, role if t.type == "person" else "", country,
                          _aliases(t, gaz), t.mentions, entry.native_name if entry else ""))
    return out


def _aliases(t: _Tally, gaz: Gazetteer) -> list[str]:
    """The other forms the articles used, first seen first, one per spelling ("The Philippines" = "the
    Philippines")."""
    out: dict[str, str] = {key(t.name): ""}
    for text in t.aliases:
        if t.type == "system":  # "patriot missiles" → "Patriot": the listed alias, without the generic noun
            bare = _GENERIC_TAIL.sub("", text)
            entry = gaz.lookup(t.name, "system")
            listed = [a for a in (entry.aliases if entry else ()) if key(a) == key(bare)]
            text = listed[0] if listed else bare
        out.setdefault(key(text), text)
    return [text for text in out.values() if text]

"""Scanning one text for names, titles, money and quantities: the engine under ``app.extract.entities``.

One pass of the gazetteer matcher gives names, titles, cue words and number words; people the gazetteer
does not know are then found next to titles and reporting verbs (``app.extract.names``), and amounts next to
digits and number words (``app.extract.numbers``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from app.domain import Mention
from app.extract import names as N
from app.extract.gazetteer import CUE, FAMILY, NUMBER, Gazetteer, Hit, default_gazetteer
from app.extract.numbers import AmountFinder

_ROLE_COUNTRY_GAP = re.compile(r"(?:['\u2019]s)?(?:[ \t]+[A-Z][\w-]*){0,3}[ \t]+$")
_FORMER = re.compile(r"\b(?:former|ex-?)[ \t]*$", re.IGNORECASE)
_APPOSITION_GAP = re.compile(r",[ \t]+(?:(?:the|who[ \t]+is|who[ \t]+was)[ \t]+(?:also[ \t]+)?)?$")
_ADJACENT = re.compile(r"[ \t]+$")
_GIVEN_BEFORE = re.compile(rf"(?<![\w.'\u2019])({N.WORD})[ \t]+$")


@dataclass(slots=True)
class Found:
    start: int
    end: int
    text: str
    type: str
    value: str
    role: str = ""  # people: the title the text gives them here, as written ("Former Prime Minister")
    country: str = ""  # people: the country the text or the gazetteer gives them

    @property
    def mention(self) -> Mention:
        return Mention(self.text, self.type, self.value)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


class FoundPeople:
    """People found by pattern in one text, in the order found, with their spans sorted by start.

    A new candidate is checked against those it overlaps; a long text finds thousands of people, and a
    scan of them all for every candidate made ``scan`` quadratic in the text's length. Found spans never
    overlap (a candidate overlapping one is not added), so the sorted starts find the few it can meet.
    """

    __slots__ = ("found", "_starts", "_order")

    def __init__(self) -> None:
        self.found: list[Found] = []
        self._starts: list[int] = []
        self._order: list[int] = []  # index in ``found`` of each of ``_starts``

    def __bool__(self) -> bool:
        return bool(self.found)

    def first_overlapping(self, start: int, end: int) -> Found | None:
        """The earliest found of the people whose span overlaps [start, end), or None."""
        i = bisect_right(self._starts, start) - 1
        if i < 0 or self.found[self._order[i]].end <= start:
            i += 1
        hit = self._order[i:bisect_left(self._starts, end)]
        return self.found[min(hit)] if hit else None

    def append(self, f: Found) -> None:
        i = bisect_left(self._starts, f.start)
        self._starts.insert(i, f.start)
        self._order.insert(i, len(self.found))
        self.found.append(f)


@lru_cache(maxsize=4)
def _amounts(units: tuple[str, ...]) -> AmountFinder:
    return AmountFinder(units)


def scan(text: str, people: N.PeopleIndex | None = None, gazetteer: Gazetteer | None = None) -> list[Found]:
    """Everything ``find_mentions`` reports, with offsets and, for people, role and country.

    ``people`` carries people found by pattern in other texts (so "Teodoro" alone is known); new ones are
    added to it.
    """
    gaz = gazetteer or default_gazetteer()
    people = people if people is not None else N.PeopleIndex()
    hits: list[Hit] = []
    cues: list[Hit] = []
    shared: list[Hit] = []
    number_words: list[int] = []
    for h in gaz.find(text):
        t = h.entry.type
        if t == NUMBER:
            number_words.append(h.start)
        elif t == CUE:
            cues.append(h)
        elif t == FAMILY:
            shared.append(h)
        else:
            hits.append(h)
    if shared:
        hits = _shared_family_names(hits, shared, people, gaz)
    lone_family = [i for i, h in enumerate(hits) if h.entry.type == "person" and h.entry.family
                   and h.end - h.start == len(h.entry.family) and h.start and text[h.start - 1] in " \t"]
    found_people = FoundPeople()
    if lone_family:  # "Daniel Blinken" is not Antony Blinken: someone else with the same family name
        hits = _other_bearers(text, gaz, hits, lone_family, people, found_people)
    # A role is only what the text says here; the gazetteer's is the entity's fallback.
    names = [Found(s, e, text[s:e], en.type, en.name, "", en.country) for s, e, en, _ in hits]
    people.known.update(f.value for f in names if f.type == "person")
    starts = [h.start for h in hits]
    for i, h in enumerate(hits):
        if h.entry.type == "role":
            _around_role(text, gaz, hits, names, starts, i, people, found_people)
    for c in cues:
        if c.entry.name[0].isupper():  # "Mr. Tanaka"
            m = N.NAME_AFTER.match(text, c.end)
            if m:
                _new_person(text, gaz, m.start("name"), m.end("name"), hits, starts, people, found_people)
            continue
        after = N.NAME_AFTER_VERB.match(text, c.end)  # "said Penny Wong"
        lo = max(0, c.start - 60)  # "Penny Wong said"
        before = N.NAME_BEFORE_VERB.search(text, lo, c.start) if _name_may_end(text, lo, c.start) else None
        for m in (after, before):
            if m:
                _new_person(text, gaz, m.start("name"), m.end("name"), hits, starts, people, found_people, 2)
    if found_people:
        names.extend(found_people.found)
    names.extend(_family_mentions(text, people, names))
    names.sort(key=attrgetter("start"))

    systems = [(f.start, f.end, f.value) for f in names if f.type == "system"]
    amounts = _amounts(gaz.units).find(text, number_words, systems)
    money = [(a.start, a.end) for a in amounts if a.type == "money"]
    if money:  # "US$5bn" is money, not also the United States
        names = _outside(names, money)
    out = names + [Found(a.start, a.end, a.text, a.type, a.value) for a in amounts]
    out.sort(key=lambda f: (f.start, -(f.end - f.start)))
    return out


def _other_bearers(text: str, gaz: Gazetteer, hits: list[Hit], lone: list[int], people: N.PeopleIndex,
                   found_people: FoundPeople) -> list[Hit]:
    """Hits less the family names that follow a given name not the listed one; those become new people."""
    drop: set[int] = set()
    starts: list[int] | None = None
    for i in lone:
        h = hits[i]
        lo = max(0, h.start - 30)
        # The given name is one capitalised word right before: no capital in the word before, no search.
        before = text[lo:h.start].rstrip(" \t")
        word = before.rsplit(None, 1)[-1] if before else ""
        if word == word.lower():
            continue
        m = _GIVEN_BEFORE.search(text, lo, h.start)
        if m is None or m.group(1) in gaz.not_names or (i and hits[i - 1].end > m.start(1)):
            continue
        drop.add(i)
        if starts is None:
            starts = [x.start for x in hits]
        # The hits not dropped so far (``skip`` spares building that list for every drop).
        _new_person(text, gaz, m.start(1), h.end, hits, starts, people, found_people, 2, drop)
    return [h for j, h in enumerate(hits) if j not in drop] if drop else hits


def _shared_family_names(hits: list[Hit], shared: list[Hit], people: N.PeopleIndex,
                         gaz: Gazetteer) -> list[Hit]:
    """Hits plus the shared family names ("Wong") whose one candidate the text or briefing names in full."""
    named = {h.entry.name for h in hits if h.entry.type == "person"} | people.known
    for h in shared:
        chosen = [c for c in h.entry.candidates if c in named]
        if len(chosen) == 1:
            entry = gaz.lookup(chosen[0], "person")
            if entry is not None:
                hits.append(Hit(h.start, h.end, entry))
    hits.sort(key=attrgetter("start"))
    return hits


def _outside(names: list[Found], spans: list[tuple[int, int]]) -> list[Found]:
    """``names`` (sorted by start) less those lying inside one of ``spans``."""
    starts = [f.start for f in names]
    drop: set[int] = set()
    for s, e in spans:
        i = bisect_left(starts, s)
        while i < len(names) and names[i].start < e:
            if names[i].end <= e:
                drop.add(i)
            i += 1
    return [f for i, f in enumerate(names) if i not in drop] if drop else names


def _overlaps(hits: list[Hit], starts: list[int], start: int, end: int, skip: set[int] | None = None) -> int:
    """Index of the first hit overlapping [start, end) (those in ``skip`` left out), or -1.

    Hits never overlap each other, so only the last one starting before ``start`` can reach into the span.
    """
    i = max(0, bisect_left(starts, start) - 1)
    n = len(hits)
    while i < n and hits[i].start < end:
        if hits[i].end > start and (skip is None or i not in skip):
            return i
        i += 1
    return -1


def _around_role(text: str, gaz: Gazetteer, hits: list[Hit], names: list[Found], starts: list[int], i: int,
                 people: N.PeopleIndex, found_people: FoundPeople) -> None:
    """Give the person next to a title that title (and the country before it); find unknown ones."""
    role = hits[i].entry
    group_start, country = hits[i].start, ""
    prev = hits[i - 1] if i > 0 else None
    if prev is not None and _ROLE_COUNTRY_GAP.fullmatch(text, prev.end, hits[i].start):
        if prev.entry.type == "country":
            group_start, country = prev.start, prev.entry.name
        elif prev.entry.type == "organisation" and prev.entry.country:  # "Japan's Foreign Ministry spokesman"
            group_start, country = prev.start, prev.entry.country
    country = country or role.country
    title = _title_case(text[hits[i].start:hits[i].end])  # as written: "External Affairs Minister"
    if _FORMER.search(text, max(0, group_start - 8), group_start):
        title = f"Former {title}"  # "former Dutch Prime Minister Mark Rutte"
    target: Found | None = None
    # "Defense Minister Minoru Kihara": the person right after the title.
    nxt = hits[i + 1] if i + 1 < len(hits) else None
    if nxt is not None and nxt.entry.type == "person" and _ADJACENT.fullmatch(text, hits[i].end, nxt.start):
        target = names[i + 1]
    elif nxt is None or not _ADJACENT.fullmatch(text, hits[i].end, nxt.start):
        m = N.NAME_AFTER.match(text, hits[i].end)
        if m:
            target = _new_person(text, gaz, m.start("name"), m.end("name"), hits, starts, people,
                                 found_people)
    # "Shin Won-sik, South Korea's defense minister": the person right before.
    if target is None:
        j = i - 1 if group_start == hits[i].start else i - 2
        if j >= 0 and hits[j].entry.type == "person" and _APPOSITION_GAP.fullmatch(text, hits[j].end,
                                                                                   group_start):
            target = names[j]
        else:
            lo = max(0, group_start - 80)
            m = N.NAME_BEFORE.search(text, lo, group_start) if _apposition_may_end(text, lo, group_start) else None
            if m:
                target = _new_person(text, gaz, m.start("name"), m.end("name"), hits, starts, people,
                                     found_people, 2)
    if target is not None and target.type == "person":
        target.role = title
        target.country = country or target.country


def _trailing_space(text: str, lo: int, hi: int) -> str | None:
    """text[lo:hi] less the spaces and tabs it ends with (before a final newline, where "$" also matches),
    or None when it ends with none: the cheap test before the "...[ \\t]+$" searches below."""
    seg = text[lo:hi]
    if seg.endswith("\n"):
        seg = seg[:-1]
    body = seg.rstrip(" \t")
    return None if len(body) == len(seg) else body


def _name_may_end(text: str, lo: int, hi: int) -> bool:
    """Whether ``NAME_BEFORE_VERB`` can match in text[lo:hi]: it ends with a name, a comma maybe, then
    spaces; the name's last word has a capital ("Jr." too)."""
    body = _trailing_space(text, lo, hi)
    if body is None:
        return False
    parts = body.removesuffix(",").rsplit(None, 1)
    return bool(parts) and parts[-1] != parts[-1].lower()


def _apposition_may_end(text: str, lo: int, hi: int) -> bool:
    """Whether ``NAME_BEFORE`` can match in text[lo:hi]: it ends with ", " or ", the "."""
    body = _trailing_space(text, lo, hi)
    return body is not None and body.endswith((",", "the"))


_SMALL_WORDS = frozenset(("of", "the", "for", "and", "on", "to"))


@lru_cache(maxsize=4096)
def _title_case(role: str) -> str:
    """A title as written, capitalised like one: "defense minister" → "Defense Minister"."""
    words = role.split()
    return " ".join(w if (w.lower() in _SMALL_WORDS and i) or not w[:1].islower() else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


def _new_person(text: str, gaz: Gazetteer, start: int, end: int, hits: list[Hit], starts: list[int],
                people: N.PeopleIndex, found_people: FoundPeople, min_words: int = 1,
                skip: set[int] | None = None) -> Found | None:
    """A person the gazetteer does not know, at text[start:end] (cut before any known name in it).

    ``min_words``: 1 right after a title ("Minister Teodoro"), 2 where only a reporting verb or a comma
    suggests a name ("Joint Chiefs said" is not a person)."""
    j = _overlaps(hits, starts, start, end, skip)
    if j >= 0:
        if hits[j].start <= start:
            return None
        end = hits[j].start
    f = found_people.first_overlapping(start, end)
    if f is not None:
        return f if f.start == start else None
    raw = text[start:end].rstrip(" ,\t")
    n, single, first, last, canonical = _name_parts(raw, gaz.not_names)
    if n < min_words or not n or (n == 1 and gaz.lookup(single) is not None):
        return None
    name = people.add(canonical)
    f = Found(start + first, start + last, raw[first:last], "person", name)
    found_people.append(f)
    return f


@lru_cache(maxsize=8192)
def _name_parts(raw: str, not_names: frozenset[str]) -> tuple[int, str, int, int, str]:
    """A found name's word count, its word when only one, where it starts and ends in ``raw`` and its
    canonical form; cached, since the same names come back in every article."""
    words = N.name_words(raw, not_names)
    if not words:
        return 0, "", 0, 0, ""
    first = raw.find(words[0])
    last = raw.rfind(words[-1]) + len(words[-1])
    if N._SUFFIX_TAIL.search(raw) is not None:  # keep ", Jr." in the mention text
        last = len(raw)
    return len(words), words[0] if len(words) == 1 else "", first, last, N.canonical(words)


def _family_mentions(text: str, people: N.PeopleIndex, taken: list[Found]) -> list[Found]:
    """Family names alone ("Teodoro") of people found by pattern, where nothing else was found."""
    found = people.find_family_names(text)
    if not found:
        return []
    spans = sorted((f.start, f.end) for f in taken)
    starts = [s for s, _ in spans]
    out: list[Found] = []
    for s, e, name in found:
        i = max(0, bisect_left(starts, s) - 1)
        if any(a < e and s < b for a, b in spans[i:i + 3]):
            continue
        out.append(Found(s, e, text[s:e], "person", name))
    return out

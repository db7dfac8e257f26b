"""What a sentence says, in comparable parts: concepts, names, figures, dates, negation, recipients.

Used to find the same fact in two articles (corroboration.py) and facts that disagree (conflicts.py).
Names come from ``app.extract.entities.find_mentions`` when that module is present (canonical values,
so "Lloyd J. Austin III" = "Lloyd Austin"), else from capitalised words and the demonym table. A person's
title ("Secretary of State") is left out: it says who speaks, not what is said.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

from app.extract.lexicon import NEGATIONS, STOPWORDS, Lexicon, default_lexicon, stem
from app.extract.sentence_values import (
    MONTHS,
    RELATIVE_DAY,
    TOKEN,
    DateValue,
    date_key,
    name_mentions,
    read_dates,
    read_quantities,
    read_recipients,
)

PAIR_WINDOW = 4
NAME_TYPES = frozenset({"person", "country", "organisation", "organization", "place", "system"})
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2010": "-",
                       "\u2011": "-", "\u2013": "-", "\u2014": "-", "\u00a0": " "})
# "failed to agree" says it did not happen, like "did not agree".
_FAILED = frozenset("fail fails failed refuse refuses refused unable".split())
# Spelled-out figures: never read as values, but two sentences must spell the same ones to merge.
_NUMBER_WORDS = frozenset(
    """three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred
    hundreds thousand thousands million millions billion dozen dozens""".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_TITLES = frozenset(
    """secretary minister president prime vice general admiral gen adm mr ms mrs dr chief deputy foreign
    defense defence state senator ambassador commander chairman spokesperson spokesman spokeswoman
    lieutenant colonel captain king queen prince premier chancellor director""".split()
)
# Capitalised in "East and South China seas", but directions, not names of their own.
_COMPASS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern eastern western".split())
@dataclass
class Signature:
    concepts: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # "person:lloyd austin", "country:japan", "name:austin" (fallback)
    typed: dict[str, frozenset[str]] = field(default_factory=dict)  # type -> canonical values
    quantities: tuple[tuple[float, frozenset[str]], ...] = ()  # (value, unit concepts)
    dates: tuple[DateValue, ...] = ()
    negated: bool = False
    recipients: frozenset[str] = frozenset()
    order: tuple[str, ...] = ()  # concepts and names in reading order
    spelled: tuple[str, ...] = ()  # numbers written as words ("four hundred"), compared as words
    _pairs: frozenset[tuple[str, str]] | None = field(default=None, repr=False, compare=False)
    _keys: frozenset[str] | None = field(default=None, repr=False, compare=False)

    def pairs(self) -> frozenset[tuple[str, str]]:
        """Ideas that sit close together ("upgrade" near "command"): a paraphrase keeps most of them."""
        if self._pairs is None:
            out: set[tuple[str, str]] = set()
            seq = self.order
            for i, a in enumerate(seq):
                for b in seq[i + 1:i + 1 + PAIR_WINDOW]:
                    if a != b:
                        out.add((a, b) if a < b else (b, a))
            self._pairs = frozenset(out)
        return self._pairs

    @property
    def keys(self) -> frozenset[str]:
        if self._keys is None:
            self._keys = self.concepts | self.names | self.extras
        return self._keys

    @property
    def extras(self) -> frozenset[str]:
        """Dates and figures as keys ("d:m4", "q:400"), so that they count as shared content."""
        return frozenset(k for k in self.order if k.startswith(("d:", "q:")))

    @property
    def values(self) -> frozenset[float]:
        return frozenset(v for v, _ in self.quantities)


@dataclass(frozen=True)
class Vocabulary:
    """Capitalised words never written in lower case in the corpus: names, even at a sentence start."""

    names: frozenset[str]


def vocabulary(texts) -> Vocabulary:
    lower: set[str] = set()
    capital: set[str] = set()
    for text in texts:
        for i, tok in enumerate(TOKEN.findall(text.translate(_FOLD))):
            low = tok.lower()[:-2] if tok.endswith("'s") else tok.lower()
            if tok[0].islower():
                lower.add(low)
            elif i > 0 and tok[0].isupper():
                capital.add(low)
    return Vocabulary(frozenset(capital - lower))


def signature(text: str, published: date | None = None, vocab: Vocabulary | None = None,
              lex: Lexicon | None = None) -> Signature:
    lex = lex or default_lexicon()
    text = text.translate(_FOLD)
    dates, date_spans = read_dates(text, published)
    names: set[str] = set()
    typed: dict[str, set[str]] = {}
    order: list[tuple[int, str]] = []  # (offset, key): where each idea sits, for pairs of neighbours
    spans: list[tuple[int, int]] = []  # character spans of recognised names
    cursor = 0
    mentions = name_mentions(text)
    for mention in mentions or ():
        if mention.type not in NAME_TYPES:
            continue
        value = (mention.value or mention.text).lower()
        kind = "organisation" if mention.type == "organization" else mention.type
        names.add(f"{kind}:{value}")
        typed.setdefault(kind, set()).add(value)
        at = text.find(mention.text, cursor)
        if at < 0:
            at = text.find(mention.text)
        if at >= 0:
            spans.append((at, at + len(mention.text)))
            order.append((at, f"{kind}:{value}"))
            cursor = at + len(mention.text)
    matches = list(TOKEN.finditer(text))
    if spans:
        spans.sort()
        titles = _title_words(text, matches, [at for at, key in order if key.startswith("person:")], spans, lex)
        kept, k = [], 0
        for i, m in enumerate(matches):  # drop words inside a recognised name; spans and words are both in order
            while k < len(spans) and spans[k][1] <= m.start():
                k += 1
            if (k >= len(spans) or m.start() < spans[k][0]) and i not in titles:
                kept.append(m)
        matches = kept
    tokens = [m.group() for m in matches]
    lowered = [t.lower()[:-2] if t.endswith("'s") else t.lower() for t in tokens]
    name_words = (vocab or vocabulary([text])).names
    concepts: set[str] = set()
    i = 0
    while i < len(tokens):
        tok, low, at = tokens[i], lowered[i], matches[i].start()
        i += 1
        if low in _WEEKDAYS or low in MONTHS or low in RELATIVE_DAY:
            continue
        pair = f"{low} {lowered[i]}" if i < len(tokens) and tok[0].isupper() else ""
        if pair in lex.demonyms:  # "United States", "South Korean"
            i += 1
            low = pair
        if low in lex.demonyms and (tok[0].isupper() or "." in tok):
            country = lex.demonyms[low].lower()
            names.add(f"country:{country}")
            typed.setdefault("country", set()).add(country)
            order.append((at, f"country:{country}"))
            continue
        if "+" in tok:
            concepts.add("fmt:" + tok.replace(" ", ""))  # "2+2" talks
            order.append((at, "fmt:" + tok.replace(" ", "")))
            continue
        if tok[0].isdigit():
            continue
        word_stem = stem(low)
        if word_stem in lex.phrase_heads:
            following = tuple(stem(w) for w in lowered[i - 1:i - 1 + lex.longest_phrase])
            concept = next((lex.phrases[following[:n]] for n in range(len(following), 1, -1)
                            if following[:n] in lex.phrases), None)
            if concept:
                concepts.add(concept)
                order.append((at, concept))
                i += next(n for n in range(len(following), 1, -1) if following[:n] in lex.phrases) - 1
                continue
        if low in STOPWORDS or low in NEGATIONS or len(low) < 2:
            continue
        if (tok[0].isupper() and low in name_words and low not in _TITLES and low not in _COMPASS
                and word_stem not in lex.concepts):
            key = f"name:{low}"
            names.add(key)
        else:
            key = lex.concept(word_stem)
            concepts.add(key)
        order.append((at, key))
    quantities = read_quantities(text, date_spans, lex)
    for (at, _end), value in zip(date_spans, dates, strict=False):
        order.append((at, date_key(value)))
    for at, (value, _units) in quantities:
        order.append((at, f"q:{value:g}"))
    order.sort()
    negated = not (NEGATIONS.isdisjoint(lowered) and _FAILED.isdisjoint(lowered)) or "n't" in text.lower()
    spelled = tuple(sorted(t for t in lowered if t in _NUMBER_WORDS))
    return Signature(
        concepts=frozenset(concepts), names=frozenset(names),
        typed={k: frozenset(v) for k, v in typed.items()},
        quantities=tuple(q for _, q in quantities), dates=tuple(dict.fromkeys(dates)),
        negated=negated, recipients=read_recipients(text, lex), spelled=spelled, order=tuple(k for _, k in order),
    )


def _title_words(text: str, matches: list[re.Match[str]], people: list[int], spans: list[tuple[int, int]],
                 lex: Lexicon) -> set[int]:
    """Indexes of the words that title a person named at each of ``people`` ("Secretary of State" in "U.S.
    Secretary of State Antony Blinken"): they describe who speaks, not what is said, so two sentences
    must not look alike for naming the same office holder. The country before a title stays."""
    starts = [m.start() for m in matches]
    out: set[int] = set()
    for at in people:
        i, end = bisect_left(starts, at) - 1, at
        while i >= 0:
            m = matches[i]
            tok, low = m.group(), m.group().lower()
            if text[m.end():end].strip() or _inside(spans, m.start()) or low in lex.demonyms:
                break
            before = matches[i - 1].group() if i > 0 else ""
            if f"{before.lower()} {low}" in lex.demonyms:
                break
            if low == "of":
                if not (i + 1 in out and before[:1].isupper()):
                    break
            elif low in STOPWORDS or low in _WEEKDAYS or low in MONTHS or not (tok[0].isupper() or low in _TITLES):
                break
            out.add(i)
            i, end = i - 1, m.start()
    return out


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    k = bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def dates_compatible(a: DateValue, b: DateValue) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))


def dates_disagree(a: Signature, b: Signature) -> bool:
    """Both give dates and one of the fewer has no compatible date in the other."""
    if not a.dates or not b.dates:
        return False
    small, large = (a, b) if len(a.dates) <= len(b.dates) else (b, a)
    return any(not any(dates_compatible(d, e) for e in large.dates) for d in small.dates)


def numbers_disagree(a: Signature, b: Signature) -> bool:
    """Both give figures and neither set of values contains the other; spelled numbers must match."""
    if a.spelled != b.spelled:
        return True
    va, vb = a.values, b.values
    return bool(va and vb and not (va <= vb or vb <= va))


def names_disagree(a: Signature, b: Signature) -> bool:
    """Each names a person (or weapon system) the other does not: different actors, not one fact."""
    for kind in ("person", "system"):
        x, y = a.typed.get(kind, frozenset()), b.typed.get(kind, frozenset())
        if x and y and (x - y) and (y - x):
            return True
    return False


def _kind(key: str) -> str:
    kind = key.split(":", 1)[0]
    return {"organization": "place", "organisation": "place", "name": "place"}.get(kind, kind)


def _shares_person(people: tuple[set[str], set[str]] | None) -> bool:
    """Whether a person on one side shares a name word with one on the other ("Biden", "Joe Biden")."""
    if not people:
        return False
    words = {w for v in people[1] for w in v.split()}
    return any(not words.isdisjoint(v.split()) for v in people[0])


def _leading_country(sig: Signature) -> str:
    """The sentence's first named idea, when that is a country (its key), else ""."""
    first = next((k for k in sig.order if k.split(":", 1)[0] in NAME_TYPES), "")
    return first if first.startswith("country:") else ""


def actors_disagree(a: Signature, b: Signature) -> bool:
    """Each side names someone or somewhere (of one kind) the other never mentions: different actors.

    Names match on any shared word, so "Biden" matches "Joe Biden" and "Kihara" matches "Minoru Kihara".
    """
    kinds: dict[str, tuple[set[str], set[str]]] = {}
    for side, sig in enumerate((a, b)):
        for key in sig.names:
            kinds.setdefault(_kind(key), (set(), set()))[side].add(key.split(":", 1)[1])
    # Two sentences led by different countries, neither named in the other and no person in common, tell
    # of different actors ("North Korea fired ..." vs "South Korea fired ..."), whatever place they share.
    lead_a, lead_b = _leading_country(a), _leading_country(b)
    if (lead_a and lead_b and lead_a != lead_b and lead_a not in b.names and lead_b not in a.names
            and not _shares_person(kinds.get("person"))):
        return True
    # Countries differ only when nothing else is shared: people imply their countries ("Marles" with
    # "Australian" in one, with "US Secretary Blinken" in the other is still one meeting).
    shared_other = any(x & y for kind, (x, y) in kinds.items() if kind != "country")
    for kind, (x, y) in kinds.items():
        if kind == "country":
            if x - y and y - x and not shared_other:
                return True
            continue
        wx = {w for v in x for w in v.split()}
        wy = {w for v in y for w in v.split()}
        if any(wy.isdisjoint(v.split()) for v in x) and any(wx.isdisjoint(v.split()) for v in y):
            return True
    return False

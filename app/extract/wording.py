"""Memo wording for facts: each source sentence redrafted to stand alone as a bullet (``Fact.memo_text``).

Rules are data (``resources/rewriting.yaml``): openers such as "Furthermore," are dropped, "also" after
the subject goes, a leading back-reference ("They", "These steps", "He") is replaced from the previous
sentence of the article when that is unambiguous, day-of-week chatter goes and dates take the memo's form,
and small typos are normalised outside quotation marks. A fact whose reference cannot be resolved, and
that has no other self-contained source sentence, is marked ``needs_context`` and unticked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import yaml

from app.domain import Article, Entity, Fact
from app.shared.paths import resource_path

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")
_OPENS_QUOTE = ("“", '"', "‘")


@dataclass(frozen=True)
class Rules:
    openers: re.Pattern
    conjunctions: re.Pattern
    also: re.Pattern
    reference: re.Pattern
    people_plural: frozenset[str]
    person_singular: frozenset[str]
    demonstratives: frozenset[str]
    things: frozenset[str]
    event_nouns: frozenset[str]
    announced: re.Pattern
    sentence_end: re.Pattern
    abbreviation: re.Pattern
    weekday_date: re.Pattern
    leading_weekday: re.Pattern
    us_date: re.Pattern
    typos: tuple[tuple[re.Pattern, str, str], ...]  # pattern, replacement, a literal it needs
    month_names: tuple[str, ...]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted({str(w) for w in words}, key=len, reverse=True))


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The rules of ``resources/rewriting.yaml``, compiled once."""
    with open(resource_path("rewriting.yaml"), encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    refs = data.get("references", {})
    people = refs.get("people_plural", [])
    single = refs.get("person_singular", [])
    demo = refs.get("demonstrative_nouns", [])
    things = refs.get("things", [])
    months = _alternation(data.get("months", []))
    days = _alternation(data.get("weekdays", []))
    us = rf"(?P<month>{months})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
    uk = rf"(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{months})(?:,?\s+(?P<year2>\d{{4}}))?"
    within = int(data.get("also_within_words", 8))
    return Rules(
        openers=re.compile(rf"^(?:{_alternation(data.get('openers', []))}),\s+", re.I),
        conjunctions=re.compile(rf"^(?:{_alternation(data.get('conjunction_openers', []))})\s+(?=[\w“\"‘])"),
        also=re.compile(rf"^((?:[^\s,;:“\"]+\s+){{1,{within}}}?)(?<!but )also\s+"),
        reference=re.compile(rf"^(?P<ref>{_alternation(people + single + demo + things)})\b\s*(?P<rest>.*)$",
                             re.S),
        people_plural=frozenset(w.lower() for w in people),
        person_singular=frozenset(w.lower() for w in single),
        demonstratives=frozenset(w.lower() for w in demo),
        things=frozenset(w.lower() for w in things),
        event_nouns=frozenset(str(w).lower() for w in data.get("event_nouns", [])),
        announced=re.compile(rf"\b({_alternation(data.get('announcement_verbs', []))})\b", re.I),
        sentence_end=re.compile(r"[.!?][”\"’)]?\s+(?=[“\"‘(]?[A-Z0-9])"),
        abbreviation=re.compile(rf"(?:\b(?:{_alternation(data.get('abbreviations', []))})|\b[A-Z])$"),
        weekday_date=re.compile(rf"\b(?P<on>[Oo]n\s+)?(?:{days}),?\s+(?:the\s+)?(?:{us}|{uk})"),
        leading_weekday=re.compile(rf"^On\s+(?:{days})(?:\s+(?:morning|afternoon|evening|night))?,?\s+"
                                   rf"(?!(?:the\s+)?(?:\d|{months}))"),
        us_date=re.compile(rf"\b{us}\b"),
        typos=tuple((re.compile(t[0]), t[1], t[2] if len(t) > 2 else "") for t in data.get("typos", [])),
        month_names=tuple(str(m) for m in data.get("months", [])),
    )


def _memo_date(m: re.Match) -> str:
    g = m.groupdict()  # the US form alone has no day2/month2/year2 groups
    day, month, year = g["day"] or g.get("day2"), g["month"] or g.get("month2"), g["year"] or g.get("year2")
    return " ".join(p for p in (str(int(day)), month.capitalize(), year) if p)


def _outside_quotes(text: str, edit) -> str:
    """``edit`` applied to the parts of ``text`` outside quotation marks only."""
    if not any(q in text for q in ("“", '"', "‘")):
        return edit(text)
    out, last = [], 0
    for m in _QUOTED.finditer(text):
        out.extend((edit(text[last:m.start()]), m.group()))
        last = m.end()
    out.append(edit(text[last:]))
    return "".join(out)


def _tidy(part: str) -> str:
    r = rules()
    if any(month in part for month in r.month_names):  # a substring test is far cheaper than the regexes
        part = r.weekday_date.sub(lambda m: ("on " if m["on"] else "") + _memo_date(m), part)
        part = r.us_date.sub(_memo_date, part)
    for pattern, repl, when in r.typos:
        if when in part:
            part = pattern.sub(repl, part)
    return part


_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
_CONTINUED = re.compile(r"([,;]) (And|But|Or|Nor|Then)\b")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def polish(sentence: str) -> str:
    """Openers, "also", day-of-week chatter and typos: everything that needs no context."""
    r = rules()
    text = sentence.strip()
    if "\n" in text:  # a transcript's line breaks: "..., \nAnd around 700 personnel" is one sentence
        text = _CONTINUED.sub(lambda m: m[1] + " " + m[2].lower(), _LINE_BREAK.sub(" ", text))
    if text.startswith(_OPENS_QUOTE):  # the sentence is a quotation: only the attribution is tidied
        return _outside_quotes(text, _tidy)
    if text.startswith("On "):
        text = r.weekday_date.sub(lambda m: ("on " if m["on"] else "") + _memo_date(m), text, count=1)
        text = r.leading_weekday.sub("", text, count=1)
    text = r.conjunctions.sub("", text, count=1)
    for _ in range(3 if "," in text[:40] else 0):  # "However, in addition, ..."
        stripped = r.openers.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    if " also " in text:
        text = r.also.sub(r"\1", text, count=1)
    return _capital(_outside_quotes(text, _tidy))


def previous_sentence(text: str, start: int, window: int = 800) -> str:
    """The sentence before ``text[start:]`` (``""`` at the start of the article)."""
    return previous_at(text, start, window)[0]


def previous_at(text: str, start: int, window: int = 800) -> tuple[str, int]:
    """The sentence before ``text[start:]`` and where it starts."""
    r = rules()
    base = max(0, start - window)
    before = text[base:start].rstrip()
    if not before:
        return "", start
    cut = 0
    for m in r.sentence_end.finditer(before):
        if m.end() >= len(before):
            break
        if m.group()[0] == "." and r.abbreviation.search(before, max(0, m.start() - 12), m.start()):
            continue
        cut = m.end()
    if cut == 0 and base > 0:
        return "", start  # no sentence start inside the window: too long to trust
    return before[cut:].strip(), base + cut


_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")


class Names:
    """People, countries and organisations by the first word of each name variant, so that finding those
    named in a sentence costs one scan of its capitalised words, whatever the number of entities."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.by_word: dict[str, list[tuple[str, str, str]]] = {}
        for ent in entities:
            for variant in {ent.name, *ent.aliases}:
                if variant:
                    self.by_word.setdefault(variant.split()[0], []).append((variant, ent.name, ent.type))
        for variants in self.by_word.values():
            variants.sort(key=lambda v: len(v[0]), reverse=True)

    def in_sentence(self, sentence: str, types: tuple[str, ...]) -> list[str]:
        found: list[str] = []
        for m in _CAPITALISED.finditer(sentence):
            for variant, name, type_ in self.by_word.get(m.group(), ()):
                if type_ in types and sentence.startswith(variant, m.start()):
                    if name not in found:
                        found.append(name)
                    break
        return found


def _names_in(sentence: str, names: Names, types: tuple[str, ...]) -> list[str]:
    return names.in_sentence(sentence, types)


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def resolve(text: str, previous: str, entities: Names) -> str | None:
    """``text`` with its leading back-reference replaced, ``text`` itself when it has none, ``None`` when
    the reference cannot be resolved from ``previous``."""
    r = rules()
    m = r.reference.match(text)
    if m is None:
        return text
    ref, rest = m["ref"], m["rest"]
    key = ref.lower()
    if key in r.demonstratives:
        noun, _, tail = rest.partition(" ")
        if noun.endswith(","):  # "This meeting, known as ..., is"
            noun, tail = noun[:-1], ", " + tail
        sep = "" if tail.startswith(",") else " "
        plural = key in ("these", "those")
        is_noun = noun.isalpha() and noun.islower() and (noun.endswith("s") == plural) \
            and not noun.endswith("ed") and noun not in ("is", "was", "has", "does", "are", "were", "have")
        if is_noun and tail:
            if noun in r.event_nouns:
                return f"The {noun}{sep}{tail}"
            verb = r.announced.search(previous) if previous else None
            if verb is not None and plural:
                return f"The {noun} {verb.group(1).lower()}{sep}{tail}"
            if previous and re.search(rf"\b{re.escape(noun)}\b", previous):
                return f"The {noun}{sep}{tail}"
            if verb is not None:
                return f"The {noun} {verb.group(1).lower()}{sep}{tail}"
            return None
    if key in r.people_plural:
        for types in (("person",), ("country", "organisation")):
            names = _names_in(previous, entities, types) if previous else []
            if len(names) >= 2:
                return f"{_listing(names)} {rest}"
        return None
    if key in r.person_singular:
        names = _names_in(previous, entities, ("person",)) if previous else []
        return f"{names[0]} {rest}" if len(names) == 1 else None
    return None  # a thing or an action: only another source sentence says what it is


_CAPS_LEAD = re.compile(r"^([A-Z]{3,})(?= [a-z])")


def _caps_lead(text: str, article: Article | None) -> str:
    """ "TWO ranking officials arrived ...": a newspaper's capitalised first word, written as a word again
    when the article uses it in lower case elsewhere (so "NATO leaders" and "ASEAN members" stay)."""
    m = _CAPS_LEAD.match(text)
    if m is None or article is None:
        return text
    word = m.group(1)
    if re.search(rf"\b{word.lower()}\b", article.text) is None:
        return text
    return word.capitalize() + text[m.end():]


def _draft(sentence: str, article: Article | None, start: int, entities: Names) -> str | None:
    text = _caps_lead(polish(sentence), article)
    if text.startswith(_OPENS_QUOTE) or rules().reference.match(text) is None:
        return text
    if article is None:
        return resolve(text, "", entities)
    raw, at = previous_at(article.text, start)
    previous = polish(raw)
    if previous and rules().reference.match(previous):  # a chain: "They signed X. This X ..."
        previous = resolve(previous, polish(previous_sentence(article.text, at)), entities) or previous
    return resolve(text, previous, entities)


_NON_SPACE = re.compile(r"\S")


def _cut_off(text: str, end: int) -> bool:
    """The sentence ending at ``end`` is the article's last and stops in a word, with no final punctuation."""
    if _NON_SPACE.search(text, end) is not None:  # stops at the first character after the sentence
        return False
    last = end - 1
    while last >= 0 and text[last].isspace():
        last -= 1
    return last >= 0 and text[last].isalpha()


def draft_memo_wording(facts: Sequence[Fact], articles: Sequence[Article],
                       entities: Sequence[Entity] = ()) -> None:
    """Fill ``memo_text`` (and ``needs_context``) of every fact the analyst has not worded."""
    by_id = {a.id: a for a in articles}
    people = Names(e for e in entities if e.type in ("person", "country", "organisation"))
    for fact in facts:
        if fact.memo_edited:
            continue
        sources = fact.sources or []
        first = sources[0] if sources else None
        article = by_id.get(first.article_id) if first is not None else None
        drafted = _draft(fact.text, article, first.start if first is not None else 0, people)
        if drafted is not None and article is not None and _cut_off(article.text, first.end):
            drafted = None  # the pasted text stops mid-sentence ("... in a new chip asse"): half a claim
        for span in sources[1:] if drafted is None else ():
            other = by_id.get(span.article_id)
            if other is not None and not _cut_off(other.text, span.end):
                drafted = _draft(other.text[span.start:span.end], other, span.start, people)
                if drafted is not None:
                    break  # another source says it whole and on its own
        fact.needs_context = drafted is None
        if drafted is None:
            fact.included = False
            drafted = polish(fact.text)
        fact.memo_text = drafted

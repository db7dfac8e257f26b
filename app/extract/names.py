"""People the gazetteer does not know: name patterns, canonical names and one record per person.

A name is found next to a title ("South Korean Defense Minister Shin Won-sik"), in an apposition
("Gilberto Teodoro, the Philippine defense secretary"), or beside a reporting verb ("said Penny Wong").
Its canonical form drops initials and suffixes ("Gilberto C. Teodoro, Jr." → "Gilberto Teodoro"), and its
family name alone ("Teodoro") then finds later mentions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_LOW = "a-z\u00df-\u00f6\u00f8-\u00ff\u0101-\u017f"
_CAP = "A-Z\u00c0-\u00d6\u00d8-\u00de"
# One capitalised name word (McCain, O'Neill, Won-sik) or an initial ("J.").
WORD = rf"(?:(?:Mc|Mac|O['\u2019]|D['\u2019])?[{_CAP}][{_LOW}]+(?:-[{_CAP}{_LOW}][{_LOW}]+)*|[{_CAP}]\.)"
SUFFIX = r"(?:,?\s+(?:Jr\.?|Sr\.?|II|III|IV)(?![\w.]))"
NAME = rf"{WORD}(?:[ \t]+{WORD}){{0,3}}{SUFFIX}?"
NAME_AFTER = re.compile(rf"[ \t]+(?P<name>{NAME})")
NAME_BEFORE = re.compile(rf"(?P<name>{WORD}(?:[ \t]+{WORD}){{1,3}}{SUFFIX}?)(?P<gap>,[ \t]+(?:the[ \t]+)?)$")
NAME_AFTER_VERB = re.compile(rf"[ \t]+(?P<name>{WORD}(?:[ \t]+{WORD}){{1,3}}{SUFFIX}?)")
NAME_BEFORE_VERB = re.compile(rf"(?P<name>{WORD}(?:[ \t]+{WORD}){{1,3}}{SUFFIX}?),?[ \t]+$")
_INITIAL = re.compile(rf"^[{_CAP}]\.$")
_SUFFIX_TAIL = re.compile(SUFFIX + "$")
_KOREAN_GIVEN = re.compile(rf"^[{_CAP}][{_LOW}]+-[{_LOW}]+$")  # "Won-sik": a Korean given name


def name_words(raw: str, not_names: frozenset[str]) -> list[str]:
    """The words of a found name, suffix and stray title words removed; [] when it is not a name."""
    words = _SUFFIX_TAIL.sub("", raw.strip()).split()
    while words and words[0].rstrip(".") in not_names:
        words.pop(0)
    while words and (words[-1].rstrip(".") in not_names or _INITIAL.match(words[-1])):
        words.pop()
    if not words or all(_INITIAL.match(w) for w in words):
        return []
    return words


def fold(name: str) -> str:
    """``name`` without accents: outlets spell "Sánchez" and "Sanchez" for one person."""
    if name.isascii():
        return name
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def canonical(words: list[str]) -> str:
    return " ".join(w for w in words if not _INITIAL.match(w))


def family_of(name: str) -> str:
    words = name.split()
    if len(words) >= 2 and _KOREAN_GIVEN.match(words[-1]):
        return words[0]  # "Shin Won-sik": family name first
    return words[-1] if words else ""


@dataclass
class Person:
    name: str
    family: str
    aliases: set[str] = field(default_factory=set)


class PeopleIndex:
    """People found by pattern across a set of texts, merged by family name."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}  # canonical name -> person
        # A family name, or any trailing words of a full name ("Cruz", "Dela Cruz") -> canonical names.
        self.families: dict[str, set[str]] = {}
        self.absorbed: dict[str, str] = {}  # a family-name-only record -> the full name that took it over
        self.by_first: dict[str, set[str]] = {}  # first word of each key of ``families`` -> those keys
        self.known: set[str] = set()  # gazetteer people named in full so far (resolves shared family names)
        self.by_folded: dict[str, str] = {}  # a name without accents -> the person ("Pedro Sanchez" is Sánchez)

    def add(self, name: str) -> str:
        """Record a found name; returns the canonical name it belongs to (a family name alone joins the one
        full name that has it)."""
        if name in self.people:
            return name
        known = self.families.get(name, ())
        if len(known) == 1:
            return next(iter(known))  # "Teodoro" or "Dela Cruz" after "Juan Dela Cruz"
        folded = fold(name)
        same = self.by_folded.get(folded)
        if same is not None:  # one person spelt with and without accents: the first spelling names them
            return same
        family = family_of(name)
        # A full name absorbs an earlier family-name-only record ("Teodoro" then "Gilberto Teodoro").
        lone = self.people.pop(family, None) if family != name else None
        person = Person(name, family)
        if lone is not None:
            person.aliases |= lone.aliases | {lone.name}
            self.families.get(family, set()).discard(family)
            self.absorbed[family] = name
        self.people[name] = person
        words = name.split()
        keys = {family} | {" ".join(words[i:]) for i in range(1, len(words))}
        if family != words[-1]:
            keys -= {" ".join(words[i:]) for i in range(1, len(words))}  # "Won-sik" alone is not Shin
        keys |= {fold(k) for k in keys}  # "Sanchez" alone finds "Pedro Sánchez" too
        self.by_folded[folded] = name
        for k in keys:
            self.families.setdefault(k, set()).add(name)
            self.by_first.setdefault(k.split(" ", 1)[0], set()).add(k)
        return name

    def final(self, name: str) -> str:
        """The name a person recorded as ``name`` is known by now."""
        seen = 0
        while name in self.absorbed and seen < 10:
            name, seen = self.absorbed[name], seen + 1
        return name

    def resolve(self, word: str) -> str | None:
        """The one person whose family name ``word`` is, if exactly one."""
        names = self.families.get(word, ())
        return next(iter(names)) if len(names) == 1 else None

    def find_family_names(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical name) of every family name alone in ``text`` that names one person."""
        if not self.families:
            return []
        firsts = self.by_first.keys() & set(_CAP_WORD.findall(text))  # set work in C, not a loop per word
        keys = [k for w in firsts for k in self.by_first[w] if len(self.families.get(k, ())) == 1]
        if not keys:
            return []
        keys.sort(key=len, reverse=True)  # "Dela Cruz" before "Cruz"
        out: list[tuple[int, int, str]] = []
        taken = bytearray(len(text))  # 1 where a family name was taken: an overlap test in C
        size = len(text)
        for k in keys:
            name = next(iter(self.families[k]))
            n = len(k)
            pos = text.find(k)
            while pos >= 0:
                end = pos + n
                before = text[pos - 1] if pos else " "
                after = text[end] if end < size else " "
                if not (before.isalnum() or before in "._" or after.isalnum() or after in "_-") and taken.find(
                        1, pos, end) < 0:
                    out.append((pos, end, name))
                    taken[pos:end] = b"\x01" * n
                pos = text.find(k, end)
        out.sort()
        return out


_CAP_WORD = re.compile(rf"[{_CAP}][{_LOW}]+(?:-[{_CAP}{_LOW}][{_LOW}]+)*(?![\w-])")

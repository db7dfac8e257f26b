"""Known names from ``resources/gazetteer.yaml``, found in text by compiled trie regexes.

All aliases (in the case variants they may take) are folded into two regexes shaped like a trie (shared
prefixes written once), so a text costs two C-level scans however long the list is; each hit maps to its
entry through a dictionary. The same scan also reports cue words (reporting verbs, honorifics), number
words and shared family names for ``app.extract.mentions``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import yaml

from app.shared.errors import BriefingError
from app.shared.paths import resource_path

TYPES = ("person", "role", "country", "organisation", "place", "system")
_SECTIONS = {"people": "person", "roles": "role", "countries": "country", "organisations": "organisation",
             "places": "place", "systems": "system"}
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013]+")
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_SEP_ATOM = r"[-\s\u2010-\u2013]*"
_QUOTE_ATOM = r"['\u2019\u2018\u02bc]"
# Family names that are also ordinary words: alone, they name someone only where the briefing names
# them in full.
_COMMON_WORDS = frozenset({"may", "long", "young", "power", "rice", "little", "brown", "white", "black",
                           "green", "king", "bush", "hope", "wing", "law", "moon", "park", "lee", "kim"})


# Not names but cues other steps need, found in the same scan so a text is read once: reporting verbs and
# honorifics (a person's name is next to them) and number words (a quantity may start there).
CUE, NUMBER = "cue", "number"
# A family name two listed people share ("Wong": Penny Wong, Lawrence Wong) or that is also a word ("Park"):
# it names a person only when the text (or the briefing) names exactly one of its candidates in full.
FAMILY = "family"
_CUE_WORDS = ("said", "says", "told", "added", "noted", "stressed", "stated", "explained",
              "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Dr.", "Dr")


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """Comparison form of a name: lower case, no spaces or hyphens, straight apostrophes."""
    return _SEPARATORS.sub("", text.translate(_FOLD)).lower()


@dataclass(frozen=True)
class Entry:
    type: str  # one of TYPES
    name: str
    aliases: tuple[str, ...] = ()
    role: str = ""
    country: str = ""
    native_name: str = ""
    family: str = ""  # people: the family name, used alone as an alias when unambiguous
    candidates: tuple[str, ...] = ()  # FAMILY entries: the people it may stand for


class Hit(NamedTuple):
    """One alias found in a text. A named tuple: a scan makes ~100 per article, and a tuple is the cheapest
    immutable record to build (``_hit`` below builds it without the Python-level ``__new__``)."""

    start: int
    end: int
    entry: Entry
    demonym: bool = False  # "Japanese" rather than "Japan"


_hit = tuple.__new__


@dataclass(frozen=True)
class _Alias:
    text: str
    entry: Entry
    demonym: bool
    strict_case: bool


class AliasMatcher:
    """Finds every listed alias in a text, longest first, never overlapping.

    The regexes are case-sensitive over the case variants an alias may take (as written, Capitalised, Title
    Case, and lower case for titles) and are shaped like a trie. Variants that start with a capital or a digit
    go in one regex that starts with a plain branch of literals, so the engine skips in C to the few
    positions where one may begin (the word boundary is checked here); the few lower-case ones ("said", "two",
    "defense minister") go in a second regex. Two passes cost half of one regex holding both.
    """

    def __init__(self, aliases: list[_Alias]) -> None:
        self.by_key: dict[str, list[_Alias]] = {}
        upper: set[tuple[str, ...]] = set()
        lower: set[tuple[str, ...]] = set()
        for al in aliases:
            k = key(al.text)
            if not k:
                continue
            self.by_key.setdefault(k, []).append(al)
            for variant in _variants(al.text, al.strict_case):
                (lower if variant[:1].islower() else upper).add(tuple(_atoms(variant)))
        # Lower-case variants start with a small letter; upper-case ones (nearly always) do not, so no two hits
        # share a start and merging the two lists needs no tie-break ("-foo" would be the exception).
        self._disjoint = not any(atoms and atoms[0].islower() for atoms in upper)
        self.upper = re.compile(rf"(?:{_trie_regex(sorted(upper))})(?!\w)" if upper else r"(?!x)x")
        self.lower = re.compile(rf"\b(?:{_trie_regex(sorted(lower))})(?!\w)" if lower else r"(?!x)x")
        self._cache: dict[str, tuple[Entry, bool] | None] = {}

    def _resolve(self, found: str) -> tuple[Entry, bool] | None:
        for al in self.by_key.get(key(found), ()):
            if not al.strict_case or _case_ok(al.text, found):
                return al.entry, al.demonym
        return None

    def find(self, text: str) -> list[Hit]:
        hits = self._find(self.upper, text)
        low = self._find(self.lower, text)
        if not low:
            return hits
        if not hits:
            return low
        merged = hits + low
        if self._disjoint:
            merged.sort(key=itemgetter(0))  # distinct starts: by start alone is longest first too
        else:
            merged.sort(key=lambda h: (h.start, h.start - h.end))
        out: list[Hit] = []
        for h in merged:
            if not out or h.start >= out[-1].end:
                out.append(h)
        return out

    def _find(self, regex: re.Pattern[str], text: str) -> list[Hit]:
        hits: list[Hit] = []
        append = hits.append
        cache = self._cache
        for m in regex.finditer(text):
            start = m.start()
            if start:
                before = text[start - 1]
                if before.isalnum() or before == "_":
                    continue  # inside a word
            found = m.group()
            res = cache.get(found, False)
            if res is False:
                if len(cache) > 20000:
                    cache.clear()
                res = cache[found] = self._resolve(found)
            if res is not None:
                append(_hit(Hit, (start, m.end(), res[0], res[1])))
        return hits


def _variants(alias: str, strict: bool) -> set[str]:
    text = alias.strip()
    out = {text}  # no ALL-CAPS variant: it would double the regex (and its compile time) for headlines only
    if not strict or text[:1].islower():
        out.add(text[:1].upper() + text[1:])
        out.add(" ".join(w[:1].upper() + w[1:] for w in text.split(" ")))
    if not strict:
        out.add(text.lower())
        out.add(text[:1].upper() + text[1:].lower())
    return out


def _atoms(alias: str) -> list[str]:
    out: list[str] = []
    for ch in _SEPARATORS.sub(" ", alias.translate(_FOLD).strip()):
        if ch in " -":
            if out and out[-1] != _SEP_ATOM:
                out.append(_SEP_ATOM)
        elif ch == "'":
            out.append(_QUOTE_ATOM)
        else:
            out.append(re.escape(ch))
    return out


def _trie_regex(words: list[tuple[str, ...]]) -> str:
    trie: dict = {}
    for atoms in words:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [atom + emit(child) for atom, child in node.items() if atom]
        if not alts:
            return ""
        if "" in node:
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)


def _case_ok(alias: str, found: str) -> bool:
    """A capital in the alias needs a capital in the text; lower-case alias letters match either case."""
    a, f = key_keep_case(alias), key_keep_case(found)
    if len(a) != len(f):
        return True
    return all(not x.isupper() or y.isupper() for x, y in zip(a, f, strict=True))


def key_keep_case(text: str) -> str:
    return _SEPARATORS.sub("", text.translate(_FOLD))


@dataclass(frozen=True)
class Gazetteer:
    entries: tuple[Entry, ...]
    matcher: AliasMatcher = field(compare=False, repr=False)
    units: tuple[str, ...] = ()
    not_names: frozenset[str] = frozenset()
    demonyms: dict[str, str] = field(default_factory=dict, compare=False)  # key(demonym) -> country

    def find(self, text: str) -> list[Hit]:
        return self.matcher.find(text)

    def lookup(self, name: str, type_: str | None = None) -> Entry | None:
        """The entry ``name`` (or one of its aliases) stands for, if any."""
        for al in self.matcher.by_key.get(key(name), ()):
            if type_ is None or al.entry.type == type_:
                return al.entry
        return None

    def country_of(self, word: str) -> str:
        """Country named by a country name, alias or demonym ("Philippine" → "Philippines"), else ""."""
        k = key(word.removesuffix("'s").removesuffix("\u2019s"))
        for al in self.matcher.by_key.get(k, ()):
            if al.entry.type == "country":
                return al.entry.name
        return ""


def _strs(raw: object) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (raw,)
    return tuple(str(x) for x in raw if x is not None and str(x).strip())


def _person(raw: dict) -> Entry:
    name = str(raw["name"]).strip()
    words = name.split()
    family_first = bool(raw.get("family_first"))
    family = raw.get("family")
    if family is None:
        family = words[0] if family_first else words[-1].rstrip(".")
        if family in {"Jr", "Sr", "III", "II"} and len(words) > 2:
            family = words[-2]
    aliases = list(_strs(raw.get("aliases")))
    if len(words) == 2:
        aliases.append(f"{words[1]} {words[0]}")  # "Kihara Minoru", "Won-sik Shin"
    return Entry("person", name, tuple(aliases), str(raw.get("role") or ""), str(raw.get("country") or ""),
                 str(raw.get("native_name") or ""), str(family or ""))


def parse_gazetteer(data: object, origin: str = "gazetteer.yaml") -> Gazetteer:
    if not isinstance(data, dict):
        raise BriefingError(f"{origin}: expected a mapping of sections (people, roles, countries, ...)")
    entries: list[Entry] = []
    demonyms: dict[str, str] = {}
    aliases: list[_Alias] = []
    for section, type_ in _SECTIONS.items():
        for i, raw in enumerate(data.get(section) or []):
            if not isinstance(raw, dict) or not str(raw.get("name") or "").strip():
                raise BriefingError(f"{origin}: entry {i + 1} under '{section}' needs a 'name'")
            if type_ == "person":
                entry = _person(raw)
            else:
                entry = Entry(type_, str(raw["name"]).strip(), _strs(raw.get("aliases")),
                              country=str(raw.get("country") or ""))
            entries.append(entry)
            for text in (entry.name, *entry.aliases):
                aliases.append(_Alias(text, entry, False, _strict(type_, text)))
            for dem in _strs(raw.get("demonyms")) if type_ == "country" else ():
                demonyms[key(dem)] = entry.name
                aliases.append(_Alias(dem, entry, True, True))
    _add_family_names(entries, aliases)
    from app.extract.numbers import NUMBER_WORDS

    for word in _CUE_WORDS:
        aliases.append(_Alias(word, Entry(CUE, word.rstrip(".")), False, True))
    for word, n in NUMBER_WORDS.items():
        aliases.append(_Alias(word, Entry(NUMBER, str(n)), False, True))
    units = _strs(data.get("quantity_units"))
    not_names = frozenset(_strs(data.get("not_names")))
    return Gazetteer(tuple(entries), AliasMatcher(aliases), units, not_names, demonyms)


def _strict(type_: str, alias: str) -> bool:
    # Multi-word titles are often lower case ("Japan's defense minister"); single words ("General") are not.
    return not (type_ == "role" and len(alias.split()) > 1)


def _add_family_names(entries: list[Entry], aliases: list[_Alias]) -> None:
    taken: dict[str, int] = {}
    for al in aliases:
        taken[key(al.text)] = taken.get(key(al.text), 0) + 1
    families: dict[str, list[Entry]] = {}
    for e in entries:
        if e.type == "person" and e.family:
            families.setdefault(key(e.family), []).append(e)
    for k, people in families.items():
        if k in taken:
            continue  # also a place, a country, an alias of someone else: never alone
        if len(people) == 1 and k not in _COMMON_WORDS:
            aliases.append(_Alias(people[0].family, people[0], False, True))
        else:
            entry = Entry(FAMILY, people[0].family, candidates=tuple(p.name for p in people))
            aliases.append(_Alias(people[0].family, entry, False, True))


def load_gazetteer_file(path: Path) -> Gazetteer:
    # The libyaml-backed safe loader when PyYAML has it (same safe subset as yaml.safe_load, ~10x faster on
    # a list this long); the pure-Python SafeLoader otherwise.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as exc:
        raise BriefingError(f"{path.name}: cannot read the gazetteer", str(exc)) from exc
    return parse_gazetteer(data, path.name)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return load_gazetteer_file(resource_path("gazetteer.yaml"))

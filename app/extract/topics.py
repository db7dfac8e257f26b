"""The section taxonomy, loaded from ``resources/topics.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from app.errors import BriefingError
from app.paths import resource_path

FALLBACK_KEY = "other"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    keywords: tuple[str, ...] = ()


_TOKEN = re.compile(r"\w+|[^\w\s]")
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-"})


def tokens(text: str) -> list[str]:
    """Lower-case words and single punctuation marks: the unit keywords are matched on."""
    return _TOKEN.findall(text.translate(_FOLD).lower())


@dataclass(frozen=True)
class _Keyword:
    section: int
    words: tuple[str, ...]
    prefix: bool  # the last word may run on ("deter*" matches "deterrence")


class _Matcher:
    """Counts keyword hits per section in one pass over a sentence's tokens.

    Keywords are indexed by their first word (or its stem for one-word wildcards), so a sentence
    costs a few dictionary look-ups per token instead of one regex scan per section.
    """

    def __init__(self, sections: tuple[Section, ...]) -> None:
        self.size = len(sections)
        self.exact: dict[str, list[_Keyword]] = {}
        self.stems: dict[str, list[_Keyword]] = {}
        self.stem_lengths: set[int] = set()
        for si, sec in enumerate(sections):
            for raw in sec.keywords:
                text = raw.strip()
                prefix = text.endswith("*")
                words = tuple(tokens(text.rstrip("*")))
                if not words:
                    continue
                kw = _Keyword(si, words, prefix)
                if prefix and len(words) == 1:
                    self.stems.setdefault(words[0], []).append(kw)
                    self.stem_lengths.add(len(words[0]))
                else:
                    self.exact.setdefault(words[0], []).append(kw)
        for table in (self.exact, self.stems):
            for entries in table.values():
                entries.sort(key=lambda k: len(k.words), reverse=True)  # longest phrase first
        self._by_token: dict[str, tuple[_Keyword, ...]] = {}  # memo of _candidates: tokens recur a lot

    def _candidates(self, tok: str) -> tuple[_Keyword, ...]:
        """Keywords that may start at a token: exact first word, then one-word stems by length."""
        found = self._by_token.get(tok)
        if found is None:
            more = list(self.exact.get(tok, ()))
            for n in self.stem_lengths:
                if len(tok) >= n:
                    more.extend(self.stems.get(tok[:n], ()))
            if len(self._by_token) > 100_000:  # bound the memo on endless vocabularies
                self._by_token.clear()
            found = self._by_token[tok] = tuple(more)
        return found

    @staticmethod
    def _length(kw: _Keyword, toks: list[str], i: int) -> int:
        """Tokens ``kw`` covers at position ``i``, or 0 when it does not match there."""
        n = len(kw.words)
        if i + n > len(toks) or toks[i : i + n - 1] != list(kw.words[:-1]):
            return 0
        last = toks[i + n - 1]
        ok = last.startswith(kw.words[-1]) if kw.prefix else last == kw.words[-1]
        return n if ok else 0

    def hits(self, sentence: str) -> list[int]:
        toks = tokens(sentence)
        counts = [0] * self.size
        busy_until = [0] * self.size  # within a section, hits do not overlap
        for i, candidates in enumerate(map(self._by_token.get, toks)):
            if candidates is None:
                candidates = self._candidates(toks[i])
            if not candidates:
                continue
            for kw in candidates:
                if i < busy_until[kw.section]:
                    continue
                # A one-word keyword is found by its word (or stem) itself: it always matches here.
                used = 1 if len(kw.words) == 1 else self._length(kw, toks, i)
                if used:
                    counts[kw.section] += 1
                    busy_until[kw.section] = i + used
        return counts


@dataclass(frozen=True)
class Taxonomy:
    sections: tuple[Section, ...]
    _matcher: _Matcher | None = field(default=None, compare=False, repr=False, hash=False)

    def title(self, key: str) -> str:
        for sec in self.sections:
            if sec.key == key:
                return sec.title
        return key.replace("_", " ").capitalize()

    def order(self, key: str) -> int:
        for i, sec in enumerate(self.sections):
            if sec.key == key:
                return i
        return len(self.sections)

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.sections]

    def section_hits(self, sentence: str) -> list[int]:
        """Keyword hits per section, in taxonomy order."""
        return (self._matcher or _Matcher(self.sections)).hits(sentence)

    def classify(self, sentence: str, hits: list[int] | None = None) -> str:
        """Key of the section whose keywords the sentence matches most; ties go to the earlier section."""
        counts = self.section_hits(sentence) if hits is None else hits
        best, best_hits = FALLBACK_KEY, 0
        for sec, n in zip(self.sections, counts, strict=True):
            if n > best_hits:
                best, best_hits = sec.key, n
        return best


def parse_taxonomy(data: object, origin: str = "topics.yaml") -> Taxonomy:
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise BriefingError(f"{origin}: expected a mapping with a 'sections' list")
    sections: list[Section] = []
    for i, raw in enumerate(data["sections"]):
        if not isinstance(raw, dict) or not raw.get("key"):
            raise BriefingError(f"{origin}: section {i + 1} needs a 'key'")
        keywords = tuple(str(k) for k in (raw.get("keywords") or []))
        sections.append(Section(str(raw["key"]), str(raw.get("title") or raw["key"]), keywords))
    if not any(s.key == FALLBACK_KEY for s in sections):
        sections.append(Section(FALLBACK_KEY, "Other"))
    frozen = tuple(sections)
    return Taxonomy(frozen, _Matcher(frozen))


def load_taxonomy_file(path: Path) -> Taxonomy:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BriefingError(f"{path.name}: cannot read the topic taxonomy", str(exc)) from exc
    return parse_taxonomy(data, path.name)


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    return load_taxonomy_file(resource_path("topics.yaml"))

"""The section taxonomy, loaded from ``resources/topics.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import compress
from pathlib import Path

import yaml

from app.extract.sections import SectionModel, default_model
from app.shared.errors import BriefingError
from app.shared.paths import resource_path

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
    if not text.isascii():  # _FOLD maps only non-ASCII characters
        text = text.translate(_FOLD)
    return _TOKEN.findall(text.lower())


@dataclass(frozen=True)
class _Keyword:
    section: int
    words: tuple[str, ...]
    prefix: bool  # the last word may run on ("deter*" matches "deterrence")


_Entry = tuple[int, int, list[str], str, bool]  # a _Keyword unpacked: section, words, middle, last, prefix


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
        # Memo of _candidates (tokens recur a lot), each keyword as (section, length, middle words, last
        # word, prefix): the hot loop in ``hits`` then needs no attribute look-ups.
        self._by_token: dict[str, tuple[_Entry, ...]] = {}
        self.last: tuple[str, list[str]] = ("", [])

    def _candidates(self, tok: str) -> tuple[_Entry, ...]:
        """Keywords that may start at a token: exact first word, then one-word stems by length."""
        found = self._by_token.get(tok)
        if found is None:
            more = list(self.exact.get(tok, ()))
            for n in self.stem_lengths:
                if len(tok) >= n:
                    more.extend(self.stems.get(tok[:n], ()))
            if len(self._by_token) > 100_000:  # bound the memo on endless vocabularies
                self._by_token.clear()
            found = self._by_token[tok] = tuple(
                (kw.section, len(kw.words), list(kw.words[1:-1]), kw.words[-1], kw.prefix) for kw in more)
        return found

    def hits(self, sentence: str) -> list[int]:
        toks = tokens(sentence)
        self.last = (sentence, toks)  # classify usually follows for the same sentence: spare a re-tokenising
        try:
            found = list(map(self._by_token.__getitem__, toks))
        except KeyError:  # a word not seen before
            found = [self._candidates(tok) for tok in toks]
        counts = [0] * self.size
        busy_until = [0] * self.size  # within a section, hits do not overlap
        size = len(toks)
        for i in compress(range(size), found):  # only positions where some keyword may start
            for section, n, middle, last, prefix in found[i]:
                if i < busy_until[section]:
                    continue
                # A one-word keyword is found by its word (or stem) itself: it always matches here.
                # A phrase's first word is the token itself (phrases are indexed by exact first word).
                if n > 1:
                    end = i + n - 1
                    if end >= size or (n > 2 and toks[i + 1:end] != middle):
                        continue
                    if not (toks[end].startswith(last) if prefix else toks[end] == last):
                        continue
                counts[section] += 1
                busy_until[section] = i + n
        return counts


@dataclass(frozen=True)
class Taxonomy:
    sections: tuple[Section, ...]
    _matcher: _Matcher | None = field(default=None, compare=False, repr=False, hash=False)
    # the trained section model, used when its sections are exactly this taxonomy's keys
    _model: SectionModel | None = field(default=None, compare=False, repr=False, hash=False)

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
    def _keys(self) -> list[str]:
        return [s.key for s in self.sections]

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.sections]

    def section_hits(self, sentence: str) -> list[int]:
        """Keyword hits per section, in taxonomy order."""
        return (self._matcher or _Matcher(self.sections)).hits(sentence)

    def classify(self, sentence: str, hits: list[int] | None = None) -> str:
        """Key of the section the sentence is about: the trained model's choice when there is one for
        this taxonomy, else keyword voting."""
        counts = self.section_hits(sentence) if hits is None else hits
        if self._model is not None:
            last = self._matcher.last if self._matcher is not None else ("", [])
            toks = last[1] if last[0] is sentence else tokens(sentence)
            return self._model.classify(toks, counts, self._keys) or FALLBACK_KEY
        return self.vote(sentence, counts)

    def vote(self, sentence: str, hits: list[int] | None = None) -> str:
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
    taxonomy = load_taxonomy_file(resource_path("topics.yaml"))
    model = default_model()
    if model is not None and set(model.sections) == set(taxonomy.keys):
        return replace(taxonomy, _model=model)
    return taxonomy

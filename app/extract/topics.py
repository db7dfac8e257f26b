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


@dataclass(frozen=True)
class Taxonomy:
    sections: tuple[Section, ...]
    _patterns: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)

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

    def classify(self, sentence: str) -> str:
        """Key of the section whose keywords the sentence matches most; ties go to the earlier section."""
        best, best_hits = FALLBACK_KEY, 0
        for sec in self.sections:
            pattern = self._patterns.get(sec.key)
            if pattern is None:
                continue
            hits = len(pattern.findall(sentence))
            if hits > best_hits:
                best, best_hits = sec.key, hits
        return best


def _keyword_regex(keyword: str) -> str:
    kw = keyword.strip().lower()
    if kw.endswith("*"):
        return r"(?<!\w)" + re.escape(kw[:-1]) + r"\w*"
    return r"(?<!\w)" + re.escape(kw) + r"(?!\w)"


def _compile(sections: tuple[Section, ...]) -> dict[str, re.Pattern[str]]:
    patterns: dict[str, re.Pattern[str]] = {}
    for sec in sections:
        if sec.keywords:
            # Longest first so "command and control" wins over "command*" inside one alternation.
            alts = sorted((_keyword_regex(k) for k in sec.keywords), key=len, reverse=True)
            patterns[sec.key] = re.compile("|".join(alts), re.IGNORECASE)
    return patterns


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
    return Taxonomy(frozen, _compile(frozen))


def load_taxonomy_file(path: Path) -> Taxonomy:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BriefingError(f"{path.name}: cannot read the topic taxonomy", str(exc)) from exc
    return parse_taxonomy(data, path.name)


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    return load_taxonomy_file(resource_path("topics.yaml"))

"""Recognise boilerplate lines (promos, disclaimers, counters, credits): see resources/boilerplate.yaml."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.paths import resource_path

from .literals import required_literals, required_prefixes
from .sentences import word_count

_TIDY = str.maketrans({
    "‘": "'", "’": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-", "…": "...",
})
_BULLETS = re.compile(r"^[\s•·▪◦*>-]+(?=\S)")
_BULLET_CHARS = frozenset("•·▪◦*>-")


@dataclass(frozen=True)
class Category:
    key: str
    reason: str
    max_words: int
    sentences: bool
    pattern: re.Pattern[str]  # all the category's patterns as one alternation
    # For speed the same patterns are split three ways (see literals.py). ``prefixed``: patterns every
    # match of which starts with one of ``prefixes``, as one alternation tried only on lines starting so.
    # ``floating``: each pattern alone, tried only when the line contains one of its required literals.
    # ``anchored``: the rest, as one alternation tried on every line.
    prefixes: tuple[str, ...] = ()
    prefixed: re.Pattern[str] | None = None
    anchored: re.Pattern[str] | None = None
    floating: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = ()


class BoilerplateError(ValueError):
    """The boilerplate file is malformed (a user may have edited it)."""


def tidy(line: str) -> str:
    """The form patterns are matched against: see the header of boilerplate.yaml."""
    text = line if line.isascii() else unicodedata.normalize("NFKC", line).translate(_TIDY)
    text = " ".join(text.split())
    return _BULLETS.sub("", text) if text[:1] in _BULLET_CHARS else text


@lru_cache(maxsize=4)
def read_rules_file(path: Path) -> dict:
    """The parsed boilerplate file (parsed once: the line and transcript rules share it)."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise BoilerplateError(f"{path.name} is not a valid boilerplate file: {exc}") from exc
    if not isinstance(data, dict):
        raise BoilerplateError(f"{path.name} is not a valid boilerplate file: not a mapping")
    return data


def load_categories(path: Path) -> tuple[Category, ...]:
    """Compile the categories of a boilerplate file (read afresh: a user may have just edited it)."""
    return _compile_categories(path, read_rules_file.__wrapped__(path))


def _compile_categories(path: Path, data: dict) -> tuple[Category, ...]:
    try:
        categories = []
        for entry in data.get("categories", []):
            patterns = [str(p) for p in entry.get("patterns", [])]
            if not patterns:
                continue
            joined = "|".join(f"(?:{p})" for p in patterns)
            prefixes, prefixed, anchored, floating = _split(patterns)
            categories.append(Category(
                key=str(entry["key"]),
                reason=str(entry.get("reason") or entry["key"]),
                max_words=int(entry.get("max_words", 40)),
                sentences=bool(entry.get("sentences", False)),
                pattern=re.compile(joined, re.IGNORECASE),
                prefixes=prefixes,
                prefixed=prefixed,
                anchored=anchored,
                floating=floating,
            ))
    except (AttributeError, KeyError, TypeError, ValueError, re.error) as exc:
        raise BoilerplateError(f"{path.name} is not a valid boilerplate file: {exc}") from exc
    return tuple(categories)


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


def _split(patterns: list[str]) -> tuple[tuple[str, ...], re.Pattern[str] | None, re.Pattern[str] | None,
                                         tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]]:
    prefixes: set[str] = set()
    prefixed, anchored, floating = [], [], []
    for p in patterns:
        starts = required_prefixes(p)
        needed = None if starts else required_literals(p)
        if starts:
            prefixes |= starts
            prefixed.append(p)
        elif needed:
            floating.append((tuple(sorted(needed)), re.compile(p, re.IGNORECASE)))
        else:
            anchored.append(p)
    return tuple(sorted(prefixes)), _alternation(prefixed), _alternation(anchored), tuple(floating)


@lru_cache(maxsize=1)
def default_categories() -> tuple[Category, ...]:
    """Compiled once per process."""
    path = resource_path("boilerplate.yaml")
    return _compile_categories(path, read_rules_file(path))


def has_sentence_literals(paragraph: str, categories: tuple[Category, ...] | None = None) -> bool:
    """Could any sentence of ``paragraph`` match a ``floating`` pattern of a sentence category? When not,
    its sentences can be classified with ``floating=False`` (one check per paragraph, not per sentence)."""
    cats = default_categories() if categories is None else categories
    low = tidy(paragraph).lower()
    return any(literal in low
               for cat in cats if cat.sentences for needed, _ in cat.floating for literal in needed)


def classify(line: str, categories: tuple[Category, ...] | None = None, *,
             sentence: bool = False, floating: bool = True) -> str | None:
    """The removal reason when ``line`` is boilerplate, else None.

    With ``sentence=True`` only categories marked ``sentences: true`` are tried (the text is one
    sentence of a longer paragraph). ``floating=False`` skips the patterns gated by literals: only for
    sentences of a paragraph that ``has_sentence_literals`` rules out.
    """
    cats = default_categories() if categories is None else categories
    text = tidy(line)
    if not text:
        return None
    words = word_count(text)
    low = text.lower()
    for cat in cats:
        if (sentence and not cat.sentences) or words > cat.max_words:
            continue
        if not (cat.prefixed or cat.anchored or cat.floating):
            if cat.pattern.fullmatch(text):  # a Category built by hand
                return cat.reason
            continue
        if cat.prefixed is not None and low.startswith(cat.prefixes) and cat.prefixed.fullmatch(text):
            return cat.reason
        if cat.anchored is not None and cat.anchored.fullmatch(text):
            return cat.reason
        for needed, pattern in (cat.floating if floating else ()):
            for literal in needed:
                if literal in low:
                    if pattern.fullmatch(text):
                        return cat.reason
                    break
    return None


def is_link_header(line: str, categories: tuple[Category, ...] | None = None) -> bool:
    """A bare "Related coverage:" / "See also" line: the short lines after it are links, not text."""
    cats = default_categories() if categories is None else categories
    text = tidy(line)
    if word_count(text) > 4 or re.search(r"[:>|-]\s*\S", text):
        return False
    keys = {"related", "navigation"} if text.endswith(":") else {"related"}
    return any(c.key in keys and c.pattern.fullmatch(text) for c in cats)

"""Recognise boilerplate lines (promos, disclaimers, counters, credits): see resources/boilerplate.yaml."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.paths import resource_path

from .sentences import word_count

_TIDY = str.maketrans({
    "‘": "'", "’": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-", "…": "...",
})
_BULLETS = re.compile(r"^[\s•·▪◦*>-]+(?=\S)")


@dataclass(frozen=True)
class Category:
    key: str
    reason: str
    max_words: int
    sentences: bool
    pattern: re.Pattern[str]  # all the category's patterns as one alternation


class BoilerplateError(ValueError):
    """The boilerplate file is malformed (a user may have edited it)."""


def tidy(line: str) -> str:
    """The form patterns are matched against: see the header of boilerplate.yaml."""
    text = unicodedata.normalize("NFKC", line).translate(_TIDY)
    text = " ".join(text.split())
    return _BULLETS.sub("", text)


def load_categories(path: Path) -> tuple[Category, ...]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        categories = []
        for entry in data.get("categories", []):
            patterns = [str(p) for p in entry.get("patterns", [])]
            if not patterns:
                continue
            joined = "|".join(f"(?:{p})" for p in patterns)
            categories.append(Category(
                key=str(entry["key"]),
                reason=str(entry.get("reason") or entry["key"]),
                max_words=int(entry.get("max_words", 40)),
                sentences=bool(entry.get("sentences", False)),
                pattern=re.compile(joined, re.IGNORECASE),
            ))
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, re.error) as exc:
        raise BoilerplateError(f"{path.name} is not a valid boilerplate file: {exc}") from exc
    return tuple(categories)


@lru_cache(maxsize=1)
def default_categories() -> tuple[Category, ...]:
    """Compiled once per process."""
    return load_categories(resource_path("boilerplate.yaml"))


def classify(line: str, categories: tuple[Category, ...] | None = None, *,
             sentence: bool = False) -> str | None:
    """The removal reason when ``line`` is boilerplate, else None.

    With ``sentence=True`` only categories marked ``sentences: true`` are tried (the text is one
    sentence of a longer paragraph).
    """
    cats = default_categories() if categories is None else categories
    text = tidy(line)
    if not text:
        return None
    words = word_count(text)
    for cat in cats:
        if sentence and not cat.sentences:
            continue
        if words <= cat.max_words and cat.pattern.fullmatch(text):
            return cat.reason
    return None


def is_link_header(line: str, categories: tuple[Category, ...] | None = None) -> bool:
    """A bare "Related coverage:" / "See also" line: the short lines after it are links, not text."""
    cats = default_categories() if categories is None else categories
    text = tidy(line)
    if word_count(text) > 4 or re.search(r"[:>|-]\s*\S", text):
        return False
    keys = {"related", "navigation"} if text.endswith(":") else {"related"}
    return any(c.key in keys and c.pattern.fullmatch(text) for c in cats)

"""Recognise boilerplate lines (promos, disclaimers, counters, credits): see resources/boilerplate.yaml."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.shared.paths import resource_path

from .literals import has_backreference, leading_wildcard, required_chars, required_literals, required_prefixes
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
    return any(map(low.__contains__, _plan(cats).sentence_literals))


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
    return classify_tidied(text, text.lower(), cats, sentence=sentence, floating=floating)


def classify_tidied(text: str, low: str, categories: tuple[Category, ...] | None = None, *,
                    sentence: bool = False, floating: bool | Callable[[], bool] = True) -> str | None:
    """``classify`` for a line already tidied (``text``, non-empty) and lower-cased (``low``).

    ``floating`` may be a callable: it is called only when a literal-gated pattern really matches
    (a paragraph's ``has_sentence_literals`` is then computed for the rare sentence that needs it)."""
    plan = _plan(default_categories() if categories is None else categories)
    mode = plan.sentence if sentence else plan.line
    first = low[0]
    # Most lines match no floating pattern: one regex and a few substring tests say so for all
    # categories at once; then only the categories that have a prefix starting with the line's first
    # character (or anchored patterns) need a look.
    if floating and ((mode.any_head is None or mode.any_head.fullmatch(text) is not None)
                     or any(map(low.__contains__, mode.wild_first))):
        steps = mode.steps
    else:
        floating = False
        steps = mode.by_first.get(first, mode.no_prefix)
    words = -1  # counted only when some category matches: most lines match none
    for step in steps:
        cat = step.category
        if step.by_hand:
            hit = cat.pattern.fullmatch(text) is not None
        else:
            starts = cat.prefixes if step.by_char is None else step.by_char.get(first, ())
            hit = (cat.prefixed is not None and low.startswith(starts)
                   and cat.prefixed.fullmatch(text) is not None) or (
                cat.anchored is not None and cat.anchored.fullmatch(text) is not None)
            if not hit and floating:
                hit = any(pattern.fullmatch(text) and any(lit in low for lit in needed)
                          for needed, pattern in step.heads) or any(
                    all(ch in text for ch in chars) and any(lit in low for lit in needed)
                    and pattern.fullmatch(text) for chars, needed, pattern in step.wild)
                if hit and callable(floating):
                    hit = floating()
        if hit:
            if words < 0:
                words = word_count(text)
            if words <= cat.max_words:
                return cat.reason
    return None


@dataclass(frozen=True)
class _Step:
    """One category prepared for ``classify_tidied``: its prefixes by first character; its floating
    patterns split into ``heads`` (no leading wildcard: their fullmatch fails at once on most lines)
    and ``wild`` (opening with ``.*``: gated by required characters and literals first)."""
    category: Category
    by_hand: bool  # built without the prefixed/anchored/floating split: try ``pattern`` whole
    by_char: dict[str, tuple[str, ...]] | None  # None: use ``category.prefixes`` as they are
    heads: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = ()
    wild: tuple[tuple[tuple[str, ...], tuple[str, ...], re.Pattern[str]], ...] = ()


@dataclass(frozen=True)
class _Mode:
    steps: tuple[_Step, ...]
    any_head: re.Pattern[str] | None  # all the steps' heads as one alternation; None: not combinable
    wild_first: tuple[str, ...]  # one of these is in every line a ``wild`` pattern of a step matches
    # Without floating patterns, the steps worth trying on a line starting with a given (lower-case)
    # character: those with a prefix starting so, with anchored patterns, or built by hand.
    by_first: dict[str, tuple[_Step, ...]]
    no_prefix: tuple[_Step, ...]


@dataclass(frozen=True)
class _Plan:
    line: _Mode
    sentence: _Mode
    sentence_literals: tuple[str, ...]


_PLANS: dict[int, tuple[tuple[Category, ...], _Plan]] = {}
_NEVER = re.compile(r"(?!)")  # no heads at all: nothing to match


def _plan(cats: tuple[Category, ...]) -> _Plan:
    cached = _PLANS.get(id(cats))
    if cached is not None and cached[0] is cats:
        return cached[1]
    steps = tuple(_step(cat) for cat in cats)
    plan = _Plan(_mode(steps), _mode(tuple(s for s in steps if s.category.sentences)),
                 tuple(lit for cat in cats if cat.sentences for needed, _ in cat.floating for lit in needed))
    if len(_PLANS) > 16:
        _PLANS.clear()
    _PLANS[id(cats)] = (cats, plan)  # the tuple is kept, so its id is not reused while cached
    return plan


def _mode(steps: tuple[_Step, ...]) -> _Mode:
    heads = [pattern for step in steps for _, pattern in step.heads]
    combinable = heads and len({p.flags for p in heads}) == 1 and not any(map(has_backreference, heads))
    any_head = re.compile("|".join(f"(?:{p.pattern})" for p in heads), heads[0].flags) if combinable else None
    wild_first: list[str] = []
    for step in steps:
        for chars, needed, _ in step.wild:
            wild_first.extend(chars[:1] or needed)  # a required character (rare), else the literals
    always = [s for s in steps if s.by_hand or s.by_char is None or s.category.anchored is not None]
    firsts = {ch for s in steps if s.by_char for ch in s.by_char}
    by_first = {ch: tuple(s for s in steps if s in always or (s.by_char and ch in s.by_char)) for ch in firsts}
    return _Mode(steps, any_head if heads else _NEVER, tuple(dict.fromkeys(wild_first)), by_first, tuple(always))


def _step(cat: Category) -> _Step:
    if not (cat.prefixed or cat.anchored or cat.floating):
        return _Step(cat, True, None)
    by_char: dict[str, tuple[str, ...]] | None = {}
    for prefix in cat.prefixes:
        if not prefix:  # cannot happen with literals.py; stay exact anyway
            by_char = None
            break
        by_char[prefix[0]] = by_char.get(prefix[0], ()) + (prefix,)
    heads, wild = [], []
    for needed, pattern in cat.floating:
        if leading_wildcard(pattern.pattern, pattern.flags):
            wild.append((tuple(sorted(required_chars(pattern.pattern, pattern.flags))), needed, pattern))
        else:
            heads.append((needed, pattern))
    return _Step(cat, False, by_char, tuple(heads), tuple(wild))


def is_link_header(line: str, categories: tuple[Category, ...] | None = None) -> bool:
    """A bare "Related coverage:" / "See also" line: the short lines after it are links, not text."""
    cats = default_categories() if categories is None else categories
    text = tidy(line)
    if word_count(text) > 4 or re.search(r"[:>|-]\s*\S", text):
        return False
    keys = {"related", "navigation"} if text.endswith(":") else {"related"}
    return any(c.key in keys and c.pattern.fullmatch(text) for c in cats)

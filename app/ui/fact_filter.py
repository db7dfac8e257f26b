"""What the facts filter box matches (Qt-free, so it is cheap to test and fast on 10,000 facts).

A query is words (or "quoted phrases"); a fact matches when every word is found in its text, section title,
entities or source (article title or outlet). ``section:``, ``entity:``, ``source:`` and ``text:`` prefixes
restrict a word to one field, e.g. ``entity:kihara source:reuters``.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from app.domain import Article, Fact

FIELDS = ("text", "section", "entity", "source")
_ALIASES = {"sec": "section", "topic": "section", "ent": "entity", "who": "entity", "src": "source",
            "outlet": "source", "article": "source"}


@dataclass(frozen=True)
class FactFilter:
    query: str = ""
    ticked_only: bool = False

    @property
    def active(self) -> bool:
        return bool(self.query.strip()) or self.ticked_only


def parse_query(query: str) -> list[tuple[str | None, str]]:
    """``'entity:kihara "command upgrade"'`` -> ``[("entity", "kihara"), (None, "command upgrade")]``."""
    try:
        words = shlex.split(query)
    except ValueError:  # an unbalanced quote while the user is still typing
        words = query.replace('"', " ").split()
    terms: list[tuple[str | None, str]] = []
    for word in words:
        field, sep, rest = word.partition(":")
        field = _ALIASES.get(field.casefold(), field.casefold())
        if sep and field in FIELDS:
            if rest.strip():
                terms.append((field, rest.casefold()))
        else:
            terms.append((None, word.casefold()))
    return terms


class FactMatcher:
    """Compiles a FactFilter once; caches each fact's searchable fields until its text or section changes."""

    def __init__(self, titles: Callable[[str], str], articles: Mapping[str, Article]) -> None:
        self._titles, self._articles = titles, articles
        # id(fact) -> (fact, text, section, fields); holding the fact keeps its id from being reused
        self._cache: dict[int, tuple[Fact, str, str, dict[str, str]]] = {}

    def fields(self, fact: Fact) -> dict[str, str]:
        cached = self._cache.get(id(fact))
        if cached is not None and cached[0] is fact and cached[1] == fact.text and cached[2] == fact.section:
            return cached[3]
        sources = []
        for span in fact.sources:
            art = self._articles.get(span.article_id)
            if art is not None:
                sources.append(f"{art.outlet} {art.title} {art.path.rsplit('/', 1)[-1]}")
        fields = {
            "text": fact.text.casefold(),
            "section": f"{self._titles(fact.section)} {fact.section}".casefold(),
            "entity": " | ".join(f"{m.text} {m.value}" for m in fact.entities).casefold(),
            "source": " | ".join(sources).casefold(),
        }
        fields["all"] = "\n".join(fields.values())
        self._cache[id(fact)] = (fact, fact.text, fact.section, fields)
        return fields

    def forget(self) -> None:
        self._cache.clear()

    def predicate(self, flt: FactFilter) -> Callable[[Fact], bool] | None:
        """A test for one fact, or None when the filter lets everything through."""
        if not flt.active:
            return None
        terms = parse_query(flt.query)
        ticked_only = flt.ticked_only

        def matches(fact: Fact) -> bool:
            if ticked_only and not fact.included:
                return False
            if not terms:
                return True
            fields = self.fields(fact)
            return all(word in fields[field or "all"] for field, word in terms)

        return matches

"""Upgrades of older project files, one format version at a time.

``MIGRATIONS[n]`` turns a version-``n`` document (the whole parsed JSON) into a version ``n + 1`` one.
Loading applies them in turn up to ``FORMAT_VERSION``; the file on disk is only rewritten when the user
saves. Add a step here (and a hand-written sample to tests/test_store.py) whenever the format changes
incompatibly;
adding an optional field with a default needs no step: missing entries take the model's defaults.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

FORMAT_NAME = "briefing-builder-project"
FORMAT_VERSION = 1

Document = dict[str, Any]


def _renamed(item: Any, old: str, new: str) -> Any:
    if isinstance(item, dict) and old in item and new not in item:
        item = dict(item)
        item[new] = item.pop(old)
    return item


def _each(items: Any, change: Callable[[Any], Any]) -> Any:
    return [change(i) for i in items] if isinstance(items, list) else items


def _v0_to_v1(doc: Document) -> Document:
    """Version 0 (development builds): the CLI's JSON at the top level, memo "from", sources "article"."""
    def fact(item: Any) -> Any:
        if not isinstance(item, dict):
            return item
        item = dict(item)
        item["sources"] = _each(item.get("sources", []), lambda s: _renamed(s, "article", "article_id"))
        item["conflicts"] = _each(item.get("conflicts", []), lambda c: _renamed(c, "fact", "fact_id"))
        return item

    def event(item: Any) -> Any:
        return _renamed(item, "fact", "fact_id")

    briefing = {
        "articles": doc.get("articles", []),
        "facts": _each(doc.get("facts", []), fact),
        "memo": _renamed(doc.get("memo", {}), "from", "sender"),
        "entities": doc.get("entities", []),
        "timeline": _each(doc.get("timeline", []), event),
    }
    out = {k: v for k, v in doc.items() if k not in briefing}
    out["version"] = 1
    out["briefing"] = briefing
    return out


MIGRATIONS: dict[int, Callable[[Document], Document]] = {
    0: _v0_to_v1,
}


def migrate(doc: Document, version: int) -> Document:
    """Bring a version-``version`` document up to FORMAT_VERSION (version <= FORMAT_VERSION)."""
    while version < FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise LookupError(f"no upgrade from format {version}")
        doc = step(doc)
        version += 1
        doc["version"] = version
    return doc

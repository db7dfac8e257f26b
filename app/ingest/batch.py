"""Collecting loaded articles into one batch: same-text copies skipped, ids kept unique.

Shared by the one-process reader (``load_articles``) and the worker-process reader (``app.run.pipeline``),
so both give the same batch for the same files.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from app.domain.model import Article
from app.shared.errors import IngestError

log = logging.getLogger(__name__)


class Batch:
    def __init__(self, errors: list[IngestError] | None = None) -> None:
        self.articles: list[Article] = []
        self.errors: list[IngestError] = list(errors or [])
        self._seen_text: dict[str, str] = {}
        self._ids: set[str] = set()

    def add(self, path: Path, loaded: Article | IngestError) -> Article | None:
        """Keep ``loaded`` (an article or the error reading it); the article kept, or None."""
        if isinstance(loaded, IngestError):
            self.errors.append(loaded)
            return None
        key = hashlib.sha1(loaded.raw_text.encode("utf-8", "surrogatepass")).hexdigest()
        if key in self._seen_text:
            log.info("skipping %s: same text as %s", path, self._seen_text[key])
            return None
        self._seen_text[key] = str(path)
        base, n = loaded.id, 1
        while loaded.id in self._ids:  # same name and text cannot happen (skipped above); stay safe anyway
            n += 1
            loaded.id = f"{base}-{n}"
        self._ids.add(loaded.id)
        self.articles.append(loaded)
        return loaded

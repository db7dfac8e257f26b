"""Reading article files into cleaned ``Article`` objects (Qt-free).

Public API: ``SUPPORTED_SUFFIXES``, ``expand_paths``, ``load_article``, ``load_articles`` /
``LoadResult``, and ``clean_text`` / ``CleanResult`` for cleaning any text.
Format libraries (trafilatura, python-docx, pypdf) are imported only when a file of that kind is read.
"""

from __future__ import annotations

import hashlib
import logging
import re
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.model import Article
from app.shared.errors import Cancelled, IngestError

from . import outlets
from .batch import Batch
from .cleaning import CleanResult, clean_text
from .dates import date_from_filename
from .document import RawDocument, ReadProblem
from .files import (
    MAX_FILE_BYTES,
    MAX_TEXT_CHARS,
    SUPPORTED_SUFFIXES,
    expand_paths,
    read_bytes,
    text_limit_problem,
    unsupported_problem,
)

__all__ = [
    "SUPPORTED_SUFFIXES", "MAX_FILE_BYTES", "MAX_TEXT_CHARS", "CleanResult", "LoadResult", "clean_text", "expand_paths",
    "load_article", "load_articles",
]

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def _read(path: Path, data: bytes) -> RawDocument:
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm"}:
        from .html_reader import read_html

        return read_html(data)
    if suffix == ".docx":
        from .docx_reader import read_docx

        return read_docx(data)
    if suffix == ".pdf":
        from .pdf_reader import read_pdf

        return read_pdf(data)
    from .text_reader import read_markdown, read_txt

    return read_markdown(data) if suffix == ".md" else read_txt(data)


def article_id(path: Path, raw_text: str) -> str:
    """Stable short id: the same file with the same content always gets the same id."""
    digest = hashlib.sha1(f"{path.name}\n{raw_text}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:10]


_FILE_DATE = re.compile(r"^\d{4}[-_.]?\d{2}[-_.]?\d{2}(?=[-_ .]|$)")
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with"}
_TWO_LETTER_WORDS = {"an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my", "no",
                     "of", "on", "or", "so", "to", "up", "vs", "we"}  # other two-letter words are codes: US, EU


def _fallback_title(path: Path) -> str:
    """A readable title from the file name: ``2024-07-28_us-japan_talks`` -> ``Us Japan Talks``; words
    already capitalised keep their case."""
    stem = _FILE_DATE.sub("", path.stem)
    words = stem.replace("_", " ").replace("-", " ").split() or path.stem.split()
    shown = [w if w[:1].isupper() or (i and w.lower() in _SMALL_WORDS)
             else w.upper() if len(w) == 2 and w.isalpha() and w.lower() not in _TWO_LETTER_WORDS
             else w[:1].upper() + w[1:] for i, w in enumerate(words)]
    return " ".join(shown)


def load_article(path: Path) -> Article:
    """Read and clean one article file. Raises IngestError (and only IngestError) when it cannot."""
    path = Path(path)
    try:
        if path.suffix.lower() not in SUPPORTED_SUFFIXES and not path.is_dir():
            raise IngestError(path, unsupported_problem(path))
        data = read_bytes(path)
        if not data.strip():
            raise IngestError(path, "is empty")
        doc = _read(path, data)
        if not doc.text.strip():
            raise IngestError(path, "is empty")
        if len(doc.text) > MAX_TEXT_CHARS:  # every later step's time and memory grow with the text
            raise IngestError(path, text_limit_problem(len(doc.text)))
        file_date = date_from_filename(path.name)
        cleaned = clean_text(doc.text, title_hint=doc.title or None, date_hint=doc.published or file_date)
        if not cleaned.text.strip():
            raise IngestError(path, "has no article text left after removing boilerplate")
        return Article(
            id=article_id(path, cleaned.raw),
            path=str(path),
            title=cleaned.title or doc.title or _fallback_title(path),
            text=cleaned.text,
            outlet=outlets.display_name(doc.outlet or cleaned.outlet) or outlets.find_outlet(cleaned.raw),
            published=doc.published or cleaned.published,
            removed=cleaned.removed,
            raw_text=cleaned.raw,
            warnings=list(doc.warnings),
        )
    except IngestError:
        raise
    except ReadProblem as exc:
        raise IngestError(path, exc.problem, exc.detail) from exc
    except MemoryError as exc:
        raise IngestError(path, "is too large to read into memory") from exc
    except Exception as exc:  # never let a library's own error type reach the caller
        log.exception("unexpected error reading %s", path)
        raise IngestError(path, f"could not be read (unexpected {type(exc).__name__})",
                          traceback.format_exc()) from exc


def load_articles(paths: Iterable[Path], progress: Progress | None = None,
                  is_cancelled: IsCancelled | None = None) -> LoadResult:
    """Load every supported file under ``paths`` (files and folders).

    Unreadable files come back in ``errors``; the rest load. A file whose raw text is identical to one
    already loaded (the same article saved twice) is skipped silently, with a log message.
    """
    files, errors = expand_paths(paths)
    batch = Batch(errors)
    total = len(files)
    for i, path in enumerate(files):
        if is_cancelled is not None and is_cancelled():
            raise Cancelled()
        if progress is not None:
            progress(i, total, f"Reading {path.name}")
        try:
            batch.add(path, load_article(path))
        except IngestError as exc:
            batch.add(path, exc)
    result = LoadResult(batch.articles, batch.errors)
    if is_cancelled is not None and is_cancelled():
        raise Cancelled()
    if progress is not None:
        progress(total, total, f"Read {len(result.articles)} of {total} files")
    return result

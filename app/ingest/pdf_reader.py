"""PDF articles: text page by page with pypdf, hard-wrapped lines joined back into paragraphs.

Bounded, since a few kilobytes of PDF can expand to gigabytes or loop forever: at most ``MAX_PAGES``
pages (refused beyond, not cut: no part of an article is dropped unannounced), every stream pypdf
decodes at most ``MAX_STREAM_BYTES`` once unpacked, at most ``MAX_PAGE_TEXT_OPS`` text-drawing
operations a page and ``MAX_TEXT_OPS`` in all (pypdf's text extraction costs about 0.1 ms each, and
more than linearly within one page), and reading stops once the text passes ``MAX_TEXT_CHARS``.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections.abc import Iterator
from contextlib import nullcontext
from typing import Any

from .document import RawDocument, ReadProblem
from .files import MAX_TEXT_CHARS, human_size, text_limit_problem

log = logging.getLogger(__name__)

DAMAGED = "is a damaged or encrypted PDF"
NO_TEXT = "has no extractable text (scanned PDF?)"
_JUNK_TITLES = re.compile(
    r"^(?:\(anonymous\)|(?:anonymous|untitled|microsoft word|document\d*|\S+\.(?:docx?|pdf|indd|rtf|txt))\b)",
    re.I,
)

MAX_PAGES = 500  # a news article is 1-20 pages; past 500 it is a book or a report
MAX_STREAM_BYTES = 16 * 1024 * 1024  # a page of text is ~10 KB of drawing operations, a dense map a few MB
MAX_PAGE_TEXT_OPS = 10_000  # a printed page shows text in 50-500 operations (one per line or per word)
MAX_TEXT_OPS = 50_000  # about 5 s of pypdf's text extraction
MAX_FORMS_PER_PAGE = 500  # form XObjects drawn in one page's text extraction (pypdf's default: 5,000)
# pypdf's own bounds (pypdf.Configuration, 6.18+), tightened from its defaults of 75 MB a stream.
_PYPDF_LIMITS = {
    **{name: MAX_STREAM_BYTES for name in (
        "zlib_maximum_output_length", "lzw_maximum_output_length", "run_length_maximum_output_length",
        "brotli_maximum_output_length", "array_based_stream_maximum_output_length",
        "jbig2_maximum_output_length", "image_maximum_buffer_size")},
    "stream_parsing_work_maximum_count": 1_000_000,
    "xform_maximum_invocations_per_extraction": MAX_FORMS_PER_PAGE,
}
TOO_BIG_UNPACKED = (f"is too large once unpacked (a part of it expands past {human_size(MAX_STREAM_BYTES)} "
                    "or takes too much work to read); save it again as a plain PDF and try again")
PAGE_TOO_BUSY = (f"has a page with far more text than a printed page holds (over {MAX_PAGE_TEXT_OPS:,} pieces "
                 "of text); save it again as a plain PDF and try again")

TOO_MUCH_TEXT_WORK = (f"places too many pieces of text to read as one article (over {MAX_TEXT_OPS:,}); "
                      "save the pages with the article as a separate PDF")


def _bounded() -> Any:
    """pypdf with this reader's limits, for the current thread (or its own defaults before 6.18)."""
    try:
        from pypdf import Configuration, apply_configuration
    except ImportError:
        return nullcontext()
    known = set(Configuration.__dataclass_fields__)
    return apply_configuration(**{k: v for k, v in _PYPDF_LIMITS.items() if k in known})


def _limit_error() -> type[Exception]:
    try:
        from pypdf.errors import LimitReachedError
    except ImportError:  # older pypdf
        return ReadProblem
    return LimitReachedError


def _page_count(reader) -> int | None:
    """What the page tree declares, read before pypdf walks it (None when it says nothing usable)."""
    try:
        count = reader.trailer["/Root"]["/Pages"]["/Count"]
        return int(count)
    except Exception:  # a missing or odd /Count: the walk itself decides
        return None


def _pages_problem(count: int) -> str:
    return (f"has too many pages for one article ({count:,}; the limit is {MAX_PAGES}); "
            "save the pages with the article as a separate PDF")


def _open(data: bytes):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about sloppy files are noise to users
    if b"%PDF" not in data[:1024]:
        raise ReadProblem(DAMAGED, "no %PDF header")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")  # many PDFs are "encrypted" with an empty user password
            except (DependencyError, NotImplementedError) as exc:
                raise ReadProblem("is an encrypted PDF this app cannot open", repr(exc)) from exc
            if not ok:
                raise ReadProblem("is a password-protected PDF; remove the password and try again")
        declared = _page_count(reader)
        if declared is not None and declared > MAX_PAGES:
            raise ReadProblem(_pages_problem(declared))
        pages = list(reader.pages)
        if len(pages) > MAX_PAGES:
            raise ReadProblem(_pages_problem(len(pages)))
    except ReadProblem:
        raise
    except _limit_error() as exc:
        raise ReadProblem(TOO_BIG_UNPACKED, repr(exc)) from exc
    except (PdfReadError, FileNotDecryptedError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadProblem(DAMAGED, repr(exc)) from exc
    except Exception as exc:  # pypdf raises many kinds of error on broken files (RecursionError on loops too)
        raise ReadProblem(DAMAGED, repr(exc)) from exc
    return reader, pages


def _metadata_title(reader) -> str:
    try:
        title = str((reader.metadata or {}).get("/Title") or "").strip()
    except Exception:  # damaged info dictionaries are common and harmless
        return ""
    return "" if len(title) < 4 or _JUNK_TITLES.match(title) else title


def unwrap(page_text: str) -> list[str]:
    """Paragraphs of one page: a line that fills the width and does not end a sentence continues."""
    lines = [" ".join(line.split()) for line in page_text.split("\n")]
    lengths = [len(line) for line in lines if line]
    if not lengths:
        return []
    full = statistics.quantiles(lengths, n=4)[2] if len(lengths) >= 4 else max(lengths)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current:
            sep = "" if current.endswith("-") and line[:1].islower() else " "
            current = current + sep + line
        else:
            current = line
        if len(line) < 0.75 * full:  # a short line closes its paragraph (or is a heading)
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _text_ops(page) -> int:
    """How many text-drawing operations (Tj, TJ) the page's content has: a cheap count of the decoded
    bytes (it may count a few inside strings), so that a page's cost is known before extracting it."""
    contents = page.get_contents()
    if contents is None:
        return 0
    data = contents.get_data()
    return data.count(b"Tj") + data.count(b"TJ")


def _page_texts(pages: list) -> Iterator[str | None]:
    """Each page's text (None for a page that fails), within the bounds in the module docstring."""
    limit_error = _limit_error()
    ops = chars = 0
    for page in pages:
        try:
            page_ops = _text_ops(page)
            if page_ops > MAX_PAGE_TEXT_OPS:
                raise ReadProblem(PAGE_TOO_BUSY, f"{page_ops} text operations on one page")
            ops += page_ops
            if ops > MAX_TEXT_OPS:
                raise ReadProblem(TOO_MUCH_TEXT_WORK)
            text = page.extract_text() or ""
        except ReadProblem:
            raise
        except limit_error as exc:
            raise ReadProblem(TOO_BIG_UNPACKED, repr(exc)) from exc
        except Exception as exc:  # one bad page should not lose the rest
            log.info("PDF page text failed: %r", exc)
            yield None
            continue
        chars += len(text)
        if chars > MAX_TEXT_CHARS:  # stop here rather than extract the rest for nothing
            raise ReadProblem(text_limit_problem(None))
        yield text


def read_pdf(data: bytes) -> RawDocument:
    with _bounded():
        return _read_pdf(data)


def _read_pdf(data: bytes) -> RawDocument:
    reader, pages = _open(data)
    paragraphs: list[str] = []
    failed = 0
    for text in _page_texts(pages):
        if text is None:
            failed += 1
            continue
        paragraphs.extend(unwrap(text.replace("\r\n", "\n").replace("\r", "\n")))
    if not any(p.strip() for p in paragraphs):
        if pages and failed == len(pages):
            raise ReadProblem(DAMAGED, "every page failed")
        raise ReadProblem(NO_TEXT)
    return RawDocument("\n\n".join(paragraphs), _metadata_title(reader))

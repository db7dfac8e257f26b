"""PDF articles: text page by page with pypdf, hard-wrapped lines joined back into paragraphs."""

from __future__ import annotations

import io
import logging
import re
import statistics

from .document import RawDocument, ReadProblem

log = logging.getLogger(__name__)

DAMAGED = "is a damaged or encrypted PDF"
NO_TEXT = "has no extractable text (scanned PDF?)"
_JUNK_TITLES = re.compile(
    r"^(?:\(anonymous\)|(?:anonymous|untitled|microsoft word|document\d*|\S+\.(?:docx?|pdf|indd|rtf|txt))\b)",
    re.I,
)


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
        pages = list(reader.pages)
    except ReadProblem:
        raise
    except (PdfReadError, FileNotDecryptedError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadProblem(DAMAGED, repr(exc)) from exc
    except Exception as exc:  # pypdf raises many kinds of error on broken files
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


def read_pdf(data: bytes) -> RawDocument:
    reader, pages = _open(data)
    paragraphs: list[str] = []
    failed = 0
    for page in pages:
        try:
            text = page.extract_text() or ""
        except Exception as exc:  # one bad page should not lose the rest
            log.info("PDF page text failed: %r", exc)
            failed += 1
            continue
        paragraphs.extend(unwrap(text.replace("\r\n", "\n").replace("\r", "\n")))
    if not any(p.strip() for p in paragraphs):
        if pages and failed == len(pages):
            raise ReadProblem(DAMAGED, "every page failed")
        raise ReadProblem(NO_TEXT)
    return RawDocument("\n\n".join(paragraphs), _metadata_title(reader))

"""Export a briefing as a memo file: DOCX or PDF chosen by suffix, written atomically.

Renderers draw an ``app.memo.MemoDocument`` and never look at the Briefing, so both formats say the same.
Heavy libraries (python-docx, reportlab) are imported only when a memo is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.domain.model import Briefing
from app.extract.topics import Taxonomy
from app.memo import MemoDocument, build_memo
from app.render.atomic import write_atomically
from app.shared.errors import ExportError

SUPPORTED_EXPORT_SUFFIXES = (".docx", ".pdf")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    pages: int | None  # None when the format does not know its page count (DOCX)


def render_docx(memo: MemoDocument, path: Path) -> None:
    """Write ``memo`` as a Word file at ``path`` (not atomic: use export_memo for that)."""
    from app.render.docx_writer import render_docx as _render

    _render(memo, Path(path))


def render_pdf(memo: MemoDocument, path: Path) -> int:
    """Write ``memo`` as a PDF at ``path`` and return its page count (not atomic: use export_memo)."""
    from app.render.pdf_writer import render_pdf as _render

    return _render(memo, Path(path))


def warm_up(fallback_fonts: bool = True) -> None:
    """Import the renderers and register the PDF fonts now (e.g. from a worker thread after start-up),
    so the first export is as quick as the later ones. Safe to call more than once, and from any thread."""
    import docx  # noqa: F401
    import reportlab.platypus  # noqa: F401

    from app.memo.template import load_template
    from app.render import pdf_writer  # noqa: F401
    from app.render.pdf_fonts import font_set, register_font

    layout = load_template().layout
    font_set(layout)
    if fallback_fonts:
        for file in layout.pdf_fallback:
            register_font(file)


def export_memo(briefing: Briefing, path: Path, taxonomy: Taxonomy | None = None) -> ExportResult:
    """Write the briefing's memo to ``path`` (.docx or .pdf). The old file stays intact if anything fails.

    Raises ExportError with a sentence for the user, e.g. "Cannot write memo.pdf: permission denied".
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXPORT_SUFFIXES:
        shown = suffix or f"'{path.name}' has no suffix"
        raise ExportError(f"Unsupported export format: {shown} (choose .docx or .pdf)")
    memo = build_memo(briefing, taxonomy)
    if suffix == ".pdf":
        pages = write_atomically(path, lambda tmp: render_pdf(memo, tmp))
        return ExportResult(path, pages)
    write_atomically(path, lambda tmp: render_docx(memo, tmp))
    return ExportResult(path, None)

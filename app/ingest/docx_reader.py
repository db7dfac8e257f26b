"""Word (.docx) articles: body paragraphs in order; a Title/Heading 1 paragraph is the title."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator

from .document import RawDocument, ReadProblem
from .docx_package import NOT_WORD, word_parts
from .files import MAX_TEXT_CHARS, text_limit_problem

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc files and password-protected Office files
_TITLE_STYLES = {"title", "heading 1", "heading1", "titre", "überschrift 1"}


def _paragraphs(document) -> Iterator[tuple[str, str]]:
    """(text, style name) of each body paragraph, as python-docx's ``paragraph.style`` names it.

    The style names are looked up once: ``paragraph.style`` scans every style of the document for each
    paragraph (25 s for 26,000 paragraphs)."""
    from docx.enum.style import WD_STYLE_TYPE

    first: dict[str, object] = {}
    for style in document.styles:
        first.setdefault(style.style_id, style)
    names = {sid: style.name or "" for sid, style in first.items() if style.type == WD_STYLE_TYPE.PARAGRAPH}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    default_name = (default.name or "") if default is not None else ""
    for p in document.element.body.p_lst:
        yield p.text, names.get(p.style, default_name) if p.style else default_name


def read_docx(data: bytes) -> RawDocument:
    if data.startswith(_OLE_MAGIC):
        raise ReadProblem("is an old-format (.doc) or password-protected Word file; save it as an "
                          "unprotected .docx and try again")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadProblem(NOT_WORD)
    slim = word_parts(data)  # checked and capped before python-docx sees any of it
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(slim))
        kept, title = _body(_paragraphs(document))
        core_title = (document.core_properties.title or "").strip()
    except ReadProblem:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadProblem(NOT_WORD, repr(exc)) from exc
    except Exception as exc:  # python-docx surfaces damaged XML as lxml or attribute errors
        raise ReadProblem(f"{NOT_WORD} (it may be damaged)", repr(exc)) from exc
    if not kept:
        raise ReadProblem("has no text (the Word document is empty)")
    return RawDocument("\n\n".join(kept), title or core_title)


def _body(paragraphs: Iterable[tuple[str, str]]) -> tuple[list[str], str]:
    """The non-empty paragraphs and the title among them; stops once the text passes the article limit."""
    kept: list[str] = []
    title = ""
    chars = 0
    for text, style in paragraphs:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").strip()
        if not text:
            continue
        chars += len(text) + 2
        if chars > MAX_TEXT_CHARS + 2:  # reading the rest would only be thrown away
            raise ReadProblem(text_limit_problem(None))
        style = style.strip().lower()
        # A Title paragraph near the top is the title; a Heading 1 only when nothing but short lines
        # (kicker, date) comes before it, otherwise it is a section heading.
        near_top = len(kept) < 3 and (style == "title" or all(len(k.split()) <= 12 for k in kept))
        if not title and near_top and style in _TITLE_STYLES:
            title = " ".join(text.split())
        kept.append(text)
    return kept, title

"""Word (.docx) articles: body paragraphs in order; a Title/Heading 1 paragraph is the title."""

from __future__ import annotations

import io
import zipfile

from .document import RawDocument, ReadProblem

NOT_WORD = "is not a valid Word document"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc files and password-protected Office files
_TITLE_STYLES = {"title", "heading 1", "heading1", "titre", "überschrift 1"}


def read_docx(data: bytes) -> RawDocument:
    if data.startswith(_OLE_MAGIC):
        raise ReadProblem("is an old-format (.doc) or password-protected Word file; save it as an "
                          "unprotected .docx and try again")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadProblem(NOT_WORD)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [(p.text, (p.style.name if p.style is not None else "") or "")
                      for p in document.paragraphs]
        core_title = (document.core_properties.title or "").strip()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadProblem(NOT_WORD, repr(exc)) from exc
    except Exception as exc:  # python-docx surfaces damaged XML as lxml or attribute errors
        raise ReadProblem(f"{NOT_WORD} (it may be damaged)", repr(exc)) from exc

    kept: list[str] = []
    title = ""
    for text, style in paragraphs:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").strip()
        if not text:
            continue
        style = style.strip().lower()
        # A Title paragraph near the top is the title; a Heading 1 only when nothing but short lines
        # (kicker, date) comes before it, otherwise it is a section heading.
        near_top = len(kept) < 3 and (style == "title" or all(len(k.split()) <= 12 for k in kept))
        if not title and near_top and style in _TITLE_STYLES:
            title = " ".join(text.split())
        kept.append(text)
    if not kept:
        raise ReadProblem("has no text (the Word document is empty)")
    return RawDocument("\n\n".join(kept), title or core_title)

"""The memo document model: one Qt-free description of the memo that every renderer draws."""

from __future__ import annotations

from app.memo.build import build_memo
from app.memo.document import (
    Block,
    DocMeta,
    DocTypeLine,
    DraftedBy,
    FactParagraph,
    HeaderBlock,
    HeaderRow,
    MemoDocument,
    Note,
    SectionHeading,
    SourceEntry,
    SourcesList,
    Table,
)
from app.memo.template import DEFAULT_TEMPLATE, Layout, MemoTemplate, load_template
from app.memo.text import clean_text, spelled_date

__all__ = [
    "DEFAULT_TEMPLATE", "Block", "DocMeta", "DocTypeLine", "DraftedBy", "FactParagraph", "HeaderBlock",
    "HeaderRow", "Layout", "MemoDocument", "MemoTemplate", "Note", "SectionHeading", "SourceEntry",
    "SourcesList", "Table", "build_memo", "clean_text", "load_template", "spelled_date",
]

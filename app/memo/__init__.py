"""The memo document model: one Qt-free description of the memo that every renderer draws."""

from __future__ import annotations

from app.memo.build import build_memo, draft_summary
from app.memo.document import (
    Block,
    DifferNote,
    DocMeta,
    DocTypeLine,
    DraftedBy,
    FactParagraph,
    HeaderBlock,
    HeaderRow,
    KeyFactsBox,
    MemoDocument,
    Note,
    SectionHeading,
    SourceEntry,
    SourcesList,
    SubjectTitle,
    Summary,
    Table,
    Version,
)
from app.memo.template import DEFAULT_TEMPLATE, Layout, MemoTemplate, list_templates, load_template
from app.memo.text import banner_for, clean_text, parse_classification, portion_mark, spelled_date

__all__ = [
    "DEFAULT_TEMPLATE", "Block", "DifferNote", "DocMeta", "DocTypeLine", "DraftedBy", "FactParagraph",
    "HeaderBlock", "HeaderRow", "KeyFactsBox", "Layout", "MemoDocument", "MemoTemplate", "Note",
    "SectionHeading", "SourceEntry", "SourcesList", "SubjectTitle", "Summary", "Table", "Version",
    "banner_for", "build_memo", "clean_text", "draft_summary", "list_templates", "load_template",
    "parse_classification", "portion_mark", "spelled_date",
]

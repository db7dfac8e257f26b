"""The PDF links citations only to targets it has: a template may leave the Sources list out (templates are
YAML the user edits), and reportlab refuses to write a link to a missing target, which stopped the export."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from app.domain import Article, Briefing, Fact, SourceSpan
from app.memo import build
from app.memo.template import load_template
from app.render import export_memo

TEMPLATES = ("information-memo", "executive-brief", "point-paper")
TEXT = "Ministers met in Tokyo on Sunday. They agreed to upgrade command links."


def _briefing(template: str) -> Briefing:
    article = Article("a1", "/news/tokyo.txt", "Ministers meet", TEXT, "Wire", date(2024, 7, 28))
    facts = [Fact("F1", "Ministers met in Tokyo (edited).", "date_venue", 0.9, True, [SourceSpan("a1", 0, 32)]),
             Fact("F2", "They agreed to upgrade command links.", "command_and_control", 0.8, True,
                  [SourceSpan("a1", 33, len(TEXT))])]
    briefing = Briefing([article], facts)
    briefing.memo.template = template
    return briefing


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_template_without_a_sources_list_still_exports(template, tmp_path, monkeypatch):
    def without_sources(name: str):
        loaded = load_template(name)
        return replace(loaded, blocks=tuple(b for b in loaded.blocks if b != "sources"))

    monkeypatch.setattr(build, "load_template", without_sources)
    path = tmp_path / "memo.pdf"
    assert export_memo(_briefing(template), path).pages >= 1
    reader = PdfReader(str(path))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "[1]" in text and "Sources" not in text.replace("Sourcing", "")
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            assert "/Dest" in annot.get_object()  # every link lands somewhere in the memo (its Notes)
    export_memo(_briefing(template), tmp_path / "memo.docx")  # Word ignores a link to a missing bookmark


def test_citations_still_link_to_the_sources_list(tmp_path):
    path = tmp_path / "memo.pdf"
    export_memo(_briefing("point-paper"), path)  # brackets: [1] linked to the Sources entry
    links = [a.get_object() for page in PdfReader(str(path)).pages for a in page.get("/Annots") or []]
    assert len(links) >= 2 and all("/Dest" in link for link in links)

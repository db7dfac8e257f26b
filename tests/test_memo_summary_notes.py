"""Drafted BLUF, notes and header read back from the exported DOCX and PDF, on briefings about other meetings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from app.domain.model import Article, Briefing, Event, Fact, MemoMeta, SourceSpan
from app.ingest import load_article
from app.ingest.outlets import find_outlet
from app.memo import build_memo
from app.memo.clauses import main_clause, shorter_clause
from app.memo.document import Summary
from app.render import render_docx, render_pdf

TEXT = ("Germany and France launched a joint satellite programme on 12 March, which will cost 2 billion euros. "
        "The ministers signed a memorandum on ammunition production in Paris. "
        "Officials discussed the war in Ukraine at length during the meeting.")


def _briefing(event: bool, template: str = "information-memo") -> Briefing:
    art = Article(id="A1", path="/x/2025-03-12_paris-talks.txt", title="Paris talks", text=TEXT,
                  outlet="Reuters")
    facts = []
    for i, sentence in enumerate(re.findall(r"[^.]+\.", TEXT)):
        start = TEXT.index(sentence.strip())
        facts.append(Fact(id=f"F{i}", text=sentence.strip(), section="defence_industry", included=True,
                          score=1.0 - i / 10, sources=[SourceSpan("A1", start, start + len(sentence.strip()))]))
    events = [Event(id="E1", kind="ministerial", parties=["Germany", "France"], place="Paris", date="2025-03-12",
                    main=True, sources={"place": [facts[1].sources[0]]})] if event else []
    return Briefing(articles=[art], facts=facts, events=events, memo=MemoMeta(template=template))


def test_clauses_drop_leading_dates_connectives_and_trailing_subordinates() -> None:
    assert main_clause("On Sunday, July 28, the ministers agreed to X, which will Y.") == "The ministers agreed to X."
    assert main_clause("Furthermore, Spain and Italy signed a maritime pact, as expected.") == \
        "Spain and Italy signed a maritime pact."
    # the opening phrase runs past an apposition: no cut rather than a clause that starts with a stray name
    kept = main_clause("After talks with the Ukrainian president, Volodymyr Zelensky, at the summit in Rome, "
                       "Starmer confirmed the aid would continue.")
    assert kept.startswith("After talks with the Ukrainian president, Volodymyr Zelensky,")
    assert main_clause("After talks with the president in Rome, the ministers signed a defence pact.") == \
        "The ministers signed a defence pact."
    # a cut never leaves a word that promised more: "..., particularly." reads as a sentence cut short
    assert not shorter_clause("The allies showed unity, particularly in relation to Ukraine.").endswith(
        "particularly.")
    assert shorter_clause("The ministers signed a memorandum on ammunition production in Paris.") == \
        "The ministers signed a memorandum on ammunition production."


@pytest.mark.parametrize("event", [True, False])
def test_bluf_is_two_to_four_cited_sentences_none_a_bullet(event: bool) -> None:
    memo = build_memo(_briefing(event))
    summary = next(b for b in memo.blocks if isinstance(b, Summary))
    assert 2 <= len(summary.sentences) <= 4 and all(nums for _, nums, _ in summary.sentences)
    bullets = {f.text for f in memo.facts()}
    assert not any(s in bullets for s, _, _ in summary.sentences)
    first = summary.sentences[0][0]
    assert ("Paris" in first and "France" in first) if event else first.startswith("Germany and France launched")


@pytest.mark.parametrize("template", ["information-memo", "point-paper", "executive-brief"])
def test_exports_have_no_empty_label_no_citation_only_note_no_repeated_sentence(tmp_path: Path,
                                                                               template: str) -> None:
    b = _briefing(True, template)
    docx_path, pdf_path = tmp_path / "m.docx", tmp_path / "m.pdf"
    render_docx(build_memo(b), docx_path)
    render_pdf(build_memo(b), pdf_path)
    pdf = " ".join(p.extract_text() for p in PdfReader(str(pdf_path)).pages)
    doc = Document(str(docx_path))
    paras = [p.text.strip() for p in doc.paragraphs] + [c.text.strip() for t in doc.tables for r in t.rows
                                                        for c in r.cells]
    for text in (pdf, "\n".join(paras)):
        assert not re.search(r"\bSource \[\d+\](?: \([^)]*\))?\.(?!\S)", text)  # citation-only note
        for label in ("TO:", "FROM:", "Drafted:"):
            assert not re.search(re.escape(label) + r"\s*(?:\n|$)", text)
    sentences = [s for p in paras for s in re.findall(r"[A-Z][^.]{20,}\.", p)]
    assert len(sentences) == len(set(sentences)) or template == "executive-brief"  # its box restates facts
    assert "Paris talks" in pdf and "Reuters" in pdf


def test_untitled_article_is_named_by_its_file_and_outlet_read_from_the_text(tmp_path: Path) -> None:
    path = tmp_path / "2025-03-12_nato-summit-vilnius.txt"
    path.write_text("By Jane Doe | Reuters\n\nAllied leaders met in Vilnius on Tuesday. They agreed on a plan.\n",
                    encoding="utf-8")
    art = load_article(path)
    assert art.title == "Nato Summit Vilnius" and art.outlet == "Reuters"
    assert find_outlet("Leaders met.\nSource: https://www.defensenews.com/x\n") == "Defense News"

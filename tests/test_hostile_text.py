"""Markup in article and user text is text: every line of tests/data/hostile/markup.txt (reportlab and HTML
tags, entities, Word field codes) prints literally in the PDF and the DOCX of every template, read back with
pypdf and python-docx, and nothing in it is interpreted: no image, no link out, no font or colour change,
no field but the page numbers."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from app import store
from app.memo import build_memo, list_templates
from app.render import export_memo

HOSTILE = Path(__file__).parent / "data" / "hostile"
MARKUP = (HOSTILE / "markup.txt").read_text(encoding="utf-8").splitlines()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEMPLATES = [name for name, _ in list_templates()]


def _squeezed(text: str) -> str:
    """Without whitespace: a long tag split over two lines of a narrow table cell still reads as one."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def hostile():
    return store.read_project(HOSTILE / "hostile.briefing").briefing


def _briefing(hostile, template: str):
    return replace(hostile, memo=replace(hostile.memo, template=template))


def test_the_fixture_carries_markup_into_every_kind_of_text(hostile):
    memo = build_memo(hostile)
    kinds = {type(b).__name__ for b in memo.blocks}
    assert {"HeaderBlock", "Summary", "FactParagraph", "DifferNote", "SourcesList", "Table"} <= kinds
    assert len(MARKUP) >= 15 and '<img src="/etc/passwd">' in MARKUP


def _resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


@pytest.mark.parametrize("template", TEMPLATES)
def test_pdf_prints_markup_literally_and_interprets_none(tmp_path, hostile, template):
    path = tmp_path / "memo.pdf"
    export_memo(_briefing(hostile, template), path)
    reader = PdfReader(path)
    text = _squeezed("\n".join(page.extract_text() for page in reader.pages))
    for line in MARKUP:
        assert _squeezed(line) in text, line
    raw = path.read_bytes()
    for forbidden in (b"/URI", b"/Launch", b"/GoToR", b"/JavaScript", b"/Subtype /Image", b"/SubmitForm",
                      b"example.invalid", b"/etc/passwd"):
        # the path and host occur only as printed glyphs, never as a reference (PDF strings are not plain)
        if forbidden in (b"example.invalid", b"/etc/passwd"):
            continue
        assert forbidden not in raw, forbidden
    fonts, links = set(), 0
    for page in reader.pages:
        resources = _resolve(page.get("/Resources")) or {}
        xobjects = _resolve(resources.get("/XObject")) or {}
        assert not xobjects, "no image or form is drawn from text"
        for font in (_resolve(resources.get("/Font")) or {}).values():
            fonts.add(str(_resolve(font)["/BaseFont"]))
        for annot in page.get("/Annots") or []:
            annot = _resolve(annot)
            action = _resolve(annot.get("/A")) or {}
            assert action.get("/S") in (None, "/GoTo"), action  # internal jumps only (citations)
            assert "/Dest" in annot or "/D" in action
            links += 1
        content = page.get_contents().get_data()
        assert not re.search(rb"\b1 0 0 (rg|RG)\b", content), "no red text"
    assert links > 0  # the citations are still linked to the Sources list
    bundled = r"(LiberationSerif|DejaVuSerif)(-Bold|-Italic|-BoldItalic)?|IPAexMincho|NanumMyeongjo"
    assert fonts and all(re.fullmatch(rf"/[A-Z]{{6}}\+({bundled})", f) for f in fonts), fonts  # embedded


def _docx_texts(path: Path) -> list[str]:
    from docx import Document

    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        texts += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    for section in doc.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    with zipfile.ZipFile(path) as z:
        for name in ("word/endnotes.xml", "word/footnotes.xml"):
            if name in z.namelist():
                root = etree.fromstring(z.read(name))
                texts += ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    return texts


@pytest.mark.parametrize("template", TEMPLATES)
def test_docx_prints_markup_literally_and_interprets_none(tmp_path, hostile, template):
    path = tmp_path / "memo.docx"
    export_memo(_briefing(hostile, template), path)
    texts = _docx_texts(path)
    for line in MARKUP:
        assert any(line in t for t in texts), line
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert not [n for n in names if n.startswith("word/media/") or n.startswith("word/embeddings/")]
        for name in names:
            if name.endswith(".rels"):
                rels = etree.fromstring(z.read(name))
                assert not [r.get("Target") for r in rels if r.get("TargetMode") == "External"], name
                assert not [r for r in rels if r.get("Type", "").endswith("/hyperlink")], name
            elif name.endswith(".xml"):
                root = etree.fromstring(z.read(name))
                fields = [" ".join((t.text or "").split()) for t in root.iter(f"{W}instrText")]
                assert set(fields) <= {"PAGE", "NUMPAGES"}, fields
                assert not list(root.iter(f"{W}fldSimple")) and not list(root.iter(f"{W}drawing"))
                assert not list(root.iter(f"{W}pict")) and not list(root.iter(f"{W}object"))
                for link in root.iter(f"{W}hyperlink"):
                    assert link.get(f"{W}anchor", "").startswith("source_")  # citation jumps only
                if re.fullmatch(r"word/(document|endnotes|footnotes|header\d*|footer\d*)\.xml", name):
                    colours = {c.get(f"{W}val") for c in root.iter(f"{W}color")}
                    assert colours <= {"000000", "auto"}, (name, colours)  # text where the markup is


def test_a_bracketed_number_in_a_quoted_sentence_is_no_link():
    """A PDF note links its own "Source [n]" to the Sources list; "[3]" quoted from the article stays text."""
    from app.memo.document import FactParagraph, MemoDocument, SourceEntry, SourcesList
    from app.memo.template import load_template
    from app.render.pdf_fonts import font_set
    from app.render.pdf_writer import _StoryBuilder

    layout = load_template().layout
    note = "Source [1] (Wire): \u201cAs table [3] shows, see <a href=\"#source-2\">[2]</a>\u201d"
    sources = SourcesList("Sources", (SourceEntry(1, "Wire", "Ministers meet", "", "a.txt"),))
    memo = MemoDocument(banner="UNCLASSIFIED", blocks=[FactParagraph("A fact.", (1,), notes=(note,)), sources],
                        layout=layout, citation_style="endnotes")
    story = _StoryBuilder(memo, font_set(layout)).build()
    notes = [p.text for p in story if 'name="note-' in getattr(p, "text", "")]
    assert len(notes) == 1
    assert notes[0].count("<a href=") == 1 and '<a href="#source-1">[1]</a>' in notes[0]
    assert "[3]" in notes[0] and "&lt;a href=" in notes[0]

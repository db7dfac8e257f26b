"""The Word memo, read back with python-docx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from app.domain.model import Article, Briefing, Fact, MemoMeta, SourceSpan
from app.memo import MemoDocument, Table, build_memo
from app.render import export_memo, render_docx

JAPANESE = ("岸田文雄", "木原稔", "上川陽子")


def _briefing(n_extra: int = 0) -> Briefing:
    articles = [
        Article("A1", "/in/2024-07-28_kyodo.txt", "Japan, U.S. upgrade command ties", "x" * 200, "Kyodo",
                date(2024, 7, 28)),
        Article("A2", "/in/preview.txt", "Ministers to meet in Tokyo", "y" * 200, "", date(2024, 7, 27)),
    ]
    facts = [
        Fact("F1", "Foreign Minister Yoko Kamikawa (上川陽子) hosted the talks.", "participants",
             sources=[SourceSpan("A1", 0, 10)]),
        Fact("F2", "Prime Minister Fumio Kishida (岸田文雄) met the delegation; "
                   "Defence Minister Minoru Kihara (木原稔) attended.", "participants",
             sources=[SourceSpan("A2", 0, 10), SourceSpan("A1", 10, 20)]),
        Fact("F3", "An unticked fact that must not print.", "participants", included=False,
             sources=[SourceSpan("A1", 0, 5)]),
        Fact("F4", "The ministers will discuss missile co-production.", "defence_industry",
             sources=[SourceSpan("A2", 0, 5)], status="expected"),
        Fact("F5", "U.S. Forces Japan will become a joint force headquarters & gain <new> duties.",
             "command_and_control", sources=[SourceSpan("A1", 30, 60)]),
    ]
    for i in range(n_extra):
        text = (f"Extra fact number {i} about alliance cooperation with partners in the region, "
                "long enough to wrap onto a second line of the memo.")
        facts.append(Fact(f"X{i:02d}", text, "alliances_regional", sources=[SourceSpan("A1", 0, 5)]))
    memo = MemoMeta(to="The Secretary", sender="EAP/J - Analyst", date=date(2024, 7, 28),
                    subject="U.S.-Japan 2+2, Tokyo, July 28, 2024")
    return Briefing(articles, facts, memo)


@pytest.fixture
def docx_path(tmp_path: Path) -> Path:
    path = tmp_path / "memo.docx"
    result = export_memo(_briefing(), path)
    assert result.path == path and result.pages is None
    return path


def _fact_paragraphs(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]


def test_uses_word_styles_in_memo_order(docx_path: Path) -> None:
    doc = Document(str(docx_path))
    styled = [(p.style.name, p.text) for p in doc.paragraphs if p.text.strip()]
    assert styled[0] == ("Title", "INFORMATION MEMO")
    headings = [t for s, t in styled if s == "Heading 1"]
    assert headings == ["Participants", "Command and control", "Defence industry and procurement", "Sources"]
    # facts follow the included facts' order, grouped by section, portion-marked; citations are footnotes
    assert _fact_paragraphs(doc) == [
        "(U) Foreign Minister Yoko Kamikawa (上川陽子) hosted the talks.",
        "(U) Prime Minister Fumio Kishida (岸田文雄) met the delegation; "
        "Defence Minister Minoru Kihara (木原稔) attended.,",  # the superscript comma between its two notes
        "(U) U.S. Forces Japan will become a joint force headquarters & gain <new> duties.",
        "(U) (expected) The ministers will discuss missile co-production.",
    ]
    refs = [len(p._p.findall(".//" + qn("w:footnoteReference"))) for p in doc.paragraphs
            if p.style.name == "List Bullet"]
    assert refs == [1, 2, 1, 1]
    assert not any("unticked" in p.text for p in doc.paragraphs)
    expected = next(p for p in doc.paragraphs if p.text.startswith("(U) (expected)"))
    assert [r.italic for r in expected.runs[:2]] == [None, True]


def test_header_block_is_a_table_with_labels(docx_path: Path) -> None:
    doc = Document(str(docx_path))
    rows = [(r.cells[0].text, r.cells[1].text) for r in doc.tables[0].rows]
    assert rows == [("TO:", "The Secretary"), ("FROM:", "EAP/J - Analyst"), ("DATE:", "July 28, 2024"),
                    ("SUBJECT:", "(U) U.S.-Japan 2+2, Tokyo, July 28, 2024")]
    assert doc.tables[0].rows[0].cells[0].paragraphs[0].runs[0].bold is True


def test_sources_are_numbered_in_citation_order(docx_path: Path) -> None:
    doc = Document(str(docx_path))
    sources = [p.text for p in doc.paragraphs if p.style.name == "Memo Source"]
    assert sources == [
        "[1]\tKyodo. \u201cJapan, U.S. upgrade command ties.\u201d July 28, 2024. 2024-07-28_kyodo.txt",
        "[2]\t\u201cMinisters to meet in Tokyo.\u201d July 27, 2024. preview.txt",
    ]
    texts = [p.text for p in doc.paragraphs]
    assert texts.index("Sources") < texts.index(next(t for t in texts if t.startswith("Drafted:")))


def test_banner_in_header_and_footer_with_page_fields(docx_path: Path) -> None:
    doc = Document(str(docx_path))
    section = doc.sections[0]
    assert [p.text for p in section.header.paragraphs] == ["UNCLASSIFIED"]
    footer = [p.text for p in section.footer.paragraphs]
    assert footer[-1] == "UNCLASSIFIED"
    assert footer[0].startswith("Page ") and " of " in footer[0]
    xml = section.footer._element.xml
    instructions = [el.text.strip() for el in section.footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert xml.count('w:fldCharType="begin"') == 2 and xml.count('w:fldCharType="end"') == 2
    # letter paper, one-inch margins
    assert round(section.page_width.inches, 2) == 8.5 and round(section.left_margin.inches, 2) == 1.0


def test_core_properties(docx_path: Path) -> None:
    props = Document(str(docx_path)).core_properties
    assert props.title == "U.S.-Japan 2+2, Tokyo, July 28, 2024"
    assert props.subject == "U.S.-Japan 2+2, Tokyo, July 28, 2024"
    assert props.author == "EAP/J - Analyst"
    assert "Participants" in props.keywords and "Command and control" in props.keywords
    assert props.category == "INFORMATION MEMO"


def test_japanese_text_uses_the_east_asian_font(docx_path: Path) -> None:
    doc = Document(str(docx_path))
    body = "\n".join(p.text for p in doc.paragraphs)
    for name in JAPANESE:
        assert name in body
    run = next(r for p in doc.paragraphs for r in p.runs if "岸田文雄" in r.text)
    fonts = run._r.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "MS Mincho"
    assert fonts.get(qn("w:ascii")) == "Times New Roman"
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "MS Mincho" and normal.get(qn("w:asciiTheme")) is None


def test_markup_and_control_characters_survive_as_text(tmp_path: Path) -> None:
    briefing = _briefing()
    briefing.facts[0].text = "Raw & <img src='http://example.invalid/x.png'> and a bell\x07 and\x00 nul"
    path = tmp_path / "odd.docx"
    export_memo(briefing, path)
    texts = _fact_paragraphs(Document(str(path)))
    assert texts[0] == "(U) Raw & <img src='http://example.invalid/x.png'> and a bell and nul"


def test_extra_blocks_render_and_unknown_blocks_fail(tmp_path: Path) -> None:
    memo = build_memo(_briefing())
    rows = (("Yoko Kamikawa", "Foreign Minister"), ("木原稔", "Defence"))
    memo.blocks.append(Table(("Name", "Role"), rows))
    path = tmp_path / "table.docx"
    render_docx(memo, path)
    table = Document(str(path)).tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Name", "Role"]
    assert table.rows[2].cells[0].text == "木原稔"
    broken = MemoDocument(banner="UNCLASSIFIED", blocks=[object()])
    with pytest.raises(TypeError, match="does not know"):
        render_docx(broken, tmp_path / "broken.docx")


def test_long_memo_keeps_every_fact(tmp_path: Path) -> None:
    export_memo(_briefing(n_extra=30), tmp_path / "memo.docx")  # timing: bench/export_bench.py
    assert len(_fact_paragraphs(Document(str(tmp_path / "memo.docx")))) == 34


def _full_briefing():
    from test_memo_blocks import briefing

    b = briefing()
    b.facts[0].text = "Philippine Defence Secretary Gilberto Teodoro greeted Minoru Kihara (木原稔)."
    return b


def test_tables_have_a_style_and_widths_on_columns_and_cells(tmp_path: Path) -> None:
    path = tmp_path / "tables.docx"
    export_memo(_full_briefing(), path)
    doc = Document(str(path))
    header, *tables = doc.tables
    assert [t.rows[0].cells[0].text for t in tables] == ["Name", "Figure", "Date"]
    participants = tables[0]
    assert participants.style.name == "Table Grid"
    row = [c.text for c in participants.rows[1].cells]
    assert row == ["Minoru Kihara", "木原稔", "Defence Minister", "Japan"]
    for table in (header, *tables):
        grid = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert all(w > 0 for w in grid)
        assert sum(grid) == pytest.approx(6.5 * 1440, abs=len(grid) * 2)  # the text width, in twips
        for row in table.rows:
            cells = [int(c._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for c in row.cells]
            assert cells == grid  # the same widths on every cell (Word) and on the grid (LibreOffice)
        assert table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:type")) == "dxa"
    first_row = participants.rows[0]._tr.trPr
    assert first_row.find(qn("w:tblHeader")) is not None  # the header row repeats on a new page
    figures = tables[1]
    assert [c.text for c in figures.rows[1].cells][0] == "$500 million"
    assert figures.rows[1].cells[2].text.startswith("[")  # the source number, a link to Sources


@pytest.mark.parametrize("kind", ["footnote", "endnote"])
def test_notes_are_numbered_styled_and_use_the_east_asian_font(tmp_path: Path, kind: str) -> None:
    """The information memo's footnotes, and the same memo with endnotes (a template may choose them)."""
    import dataclasses

    from docx.oxml import parse_xml

    path = tmp_path / "notes.docx"
    memo = build_memo(_full_briefing())
    assert memo.citation_style == "footnotes"
    render_docx(dataclasses.replace(memo, citation_style=f"{kind}s"), path)
    doc = Document(str(path))
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith(f"/{kind}s"))
    assert part.content_type.endswith(f"wordprocessingml.{kind}s+xml")
    root = parse_xml(part.blob)
    notes = root.findall(qn(f"w:{kind}"))[2:]
    assert [n.get(qn("w:id")) for n in notes] == [str(i) for i in range(1, len(notes) + 1)]
    for note in notes:
        assert note.find(".//" + qn(f"w:{kind}Ref")) is not None
        assert note.find(".//" + qn("w:pStyle")).get(qn("w:val")) == f"{kind.title()}Text"
        assert note.find(".//" + qn("w:rFonts")).get(qn("w:eastAsia")) == "MS Mincho"
    assert doc.styles[f"{kind.title()} Reference"].font.superscript is True
    refs = list(doc.element.body.iter(qn(f"w:{kind}Reference")))
    assert len(refs) == len(notes)
    run = refs[0].getparent()
    assert run.find(qn("w:rPr")).find(qn("w:rStyle")).get(qn("w:val")) == f"{kind.title()}Reference"
    sect = doc.sections[0]._sectPr.find(qn(f"w:{kind}Pr"))
    assert sect.find(qn("w:numFmt")).get(qn("w:val")) == "decimal"
    texts = ["".join(t.text for t in n.iter(qn("w:t"))) for n in notes]
    assert any("\u201cTeodoro greeted Kihara at Camp Aguinaldo.\u201d" in t for t in texts)  # edited fact
    # the "sources differ" note names both differing values, each cited; a note that would only repeat the
    # citation is not written: the reference links to the Sources entry instead
    differ = next(p for p in doc.paragraphs if "Sources differ:" in p.text)
    refs = differ._p.findall(".//" + qn(f"w:{kind}Reference")) + differ._p.findall(".//" + qn("w:hyperlink"))
    assert len(refs) == 2 and "$500 million" in differ.text and "“" + "The talks" not in differ.text
    assert differ.text.startswith("(U) Sources differ: Amount differs")

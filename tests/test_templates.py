"""Each bundled template, exported to DOCX and PDF and read back; page 1 rendered to PNG (one test per
template); the template files' documentation; a new template is just a new YAML file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from pypdf import PdfReader
from test_memo_blocks import S1, S2, T3, briefing

import app.memo.template as template_module
from app.memo import list_templates, load_template
from app.render import export_memo
from app.shared.paths import resource_path

BASE14 = ("Courier", "Helvetica", "Times", "Symbol", "ZapfDingbats")


def _export(tmp_path: Path, name: str, **memo) -> tuple[Path, Path, int]:
    b = briefing(template=name, **memo)
    b.facts[0].text = "Philippine Defence Secretary Gilberto Teodoro greeted Minoru Kihara (木原稔)."
    pdf, docx_path = tmp_path / f"{name}.pdf", tmp_path / f"{name}.docx"
    pages = export_memo(b, pdf).pages
    export_memo(b, docx_path)
    return pdf, docx_path, pages


def _png_of_page_one(pdf: Path, out: Path, size: tuple[int, int]) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[0].render(scale=1).to_pil().convert("L")
    finally:
        doc.close()
    assert image.size == size
    assert sum(image.histogram()[:128]) > 5000  # real text, not a blank page
    image.save(out)
    assert out.stat().st_size > 1000


def _text(pdf: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages))


def _check_pdf_common(pdf: Path, pages: int, banner: str = "UNCLASSIFIED") -> str:
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == pages
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert text.count(banner) >= 2 and f"Page {number} of {pages}" in text
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            base = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
            assert not base.startswith(BASE14)
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
    text = _text(pdf)
    assert "木原稔" in text  # Japanese, set in the IPAex fallback font, extracts intact
    assert "99 billion" not in text  # unticked
    # the bullets follow the summary, whose clauses open like the bullets they shorten: the last match
    # (the tables after the bullets repeat a fact in a row or a timeline clause: look above them)
    ends = [at for at in (text.find(h) for h in ("Key Participants", "Key Figures", "Timeline")) if at > 0]
    body = text[: min(ends)] if ends else text
    positions = [body.lower().rfind(s[4:30].lower()) for s in (S1, S2, T3)]  # telegraphic: "The" dropped
    assert -1 not in positions and positions == sorted(positions)  # facts in memo order
    return text


def _docx_notes(path: Path, kind: str) -> list[str]:
    doc = Document(str(path))
    rel = next((r for r in doc.part.rels.values() if r.reltype.endswith(f"/{kind}s")), None)
    assert rel is not None, f"no {kind}s part"
    root = parse_xml(rel.target_part.blob)
    notes = root.findall(qn(f"w:{kind}"))
    ids = [int(n.get(qn("w:id"))) for n in notes]
    assert ids[:2] == [-1, 0] and ids[2:] == list(range(1, len(ids) - 1))  # separators, then 1, 2, 3...
    refs = [int(r.get(qn("w:id"))) for r in doc.element.body.iter(qn(f"w:{kind}Reference"))]
    assert refs == ids[2:]  # every note is referenced once, in order
    return ["".join(t.text for t in n.iter(qn("w:t"))).strip() for n in notes[2:]]


def test_information_memo_template(tmp_path: Path) -> None:
    pdf, docx_path, pages = _export(tmp_path, "information-memo")
    text = _check_pdf_common(pdf, pages)
    assert "INFORMATION MEMO" in text and "(U) BLUF:" in text and "SUBJECT: (U) Japan-Philippines" in text
    assert "Sources differ:" in text and "Notes" in text
    _png_of_page_one(pdf, tmp_path / "information-memo.png", (612, 792))  # Letter
    notes = _docx_notes(docx_path, "footnote")
    assert notes and notes[0].startswith("Source [")
    doc = Document(str(docx_path))
    facts = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert facts and all(f.startswith("(U) ") for f in facts)
    settings = doc.settings.element.find(qn("w:footnotePr"))
    assert settings.find(qn("w:numFmt")).get(qn("w:val")) == "decimal"


def test_point_paper_template(tmp_path: Path) -> None:
    pdf, docx_path, pages = _export(tmp_path, "point-paper")
    text = _check_pdf_common(pdf, pages)
    assert "POINT PAPER" in text and "BOTTOM LINE:" in text and "ON: (U) Japan-Philippines" in text
    reader = PdfReader(str(pdf))
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])
             if a.get_object().get("/Subtype") == "/Link"]
    assert len(links) >= 6  # every [n] is a link...
    sources_page = next(i for i, page in enumerate(reader.pages) if "SOURCES" in page.extract_text())
    for link in links:  # ...that lands on the Sources list, at the entry's height
        dest = link["/Dest"]
        assert reader.get_page_number(dest[0].get_object()) == sources_page and dest[1] == "/XYZ"
    _png_of_page_one(pdf, tmp_path / "point-paper.png", (612, 792))
    doc = Document(str(docx_path))
    assert round(doc.sections[0].left_margin.inches, 2) == 1.25
    anchors = {h.get(qn("w:anchor")) for h in doc.element.body.iter(qn("w:hyperlink"))}
    marks = {b.get(qn("w:name")) for b in doc.element.body.iter(qn("w:bookmarkStart"))}
    assert anchors and anchors <= marks  # every [n] link has its Sources entry
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings and all(h == h.upper() for h in headings)
    assert not any(r.reltype.endswith(("/footnotes", "/endnotes")) for r in doc.part.rels.values())


def test_executive_brief_template(tmp_path: Path) -> None:
    pdf, docx_path, pages = _export(tmp_path, "executive-brief")
    text = _check_pdf_common(pdf, pages)
    assert "EXECUTIVE BRIEF" in text and "Updated September 3, 2024" in text and "Key Facts" in text
    assert "(U)" not in text  # no portion marks
    _png_of_page_one(pdf, tmp_path / "executive-brief.png", (612, 792))
    # every fact's wording is its source sentence: no note would add anything, so none is written and the
    # references point at the Sources list
    assert all("Source [" not in p.text for p in Document(str(docx_path)).paragraphs)
    doc = Document(str(docx_path))
    box = doc.tables[0]  # the Key Facts box comes before any other table
    assert box.rows[0].cells[0].paragraphs[0].text == "Key Facts"
    assert box._tbl.find(".//" + qn("w:shd")) is not None
    assert [p.style.name for p in doc.paragraphs if p.text][:2] == ["Title", "Normal"]
    assert any(p.style.name == "Subtitle" and "Japan-Philippines" in p.text for p in doc.paragraphs)


def test_a4_template_and_new_yaml_file_is_a_new_template(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    for path in resource_path("templates").glob("*.yaml"):
        shutil.copy(path, folder)
    (folder / "cable-note.yaml").write_text(
        "name: Cable note\ndoc_type: NOTE\npage: {size: a4}\ncitations: brackets\nportion_marks: none\n"
        "blocks: [doc_type, header, facts, sources]\n", encoding="utf-8")
    (folder / "broken.yaml").write_text("blocks: [doc_type, nonsense]\n", encoding="utf-8")

    def fake_resource_path(*parts: str) -> Path:
        return tmp_path.joinpath(*parts)

    monkeypatch.setattr(template_module, "resource_path", fake_resource_path)
    names = dict(list_templates())
    assert names["cable-note"] == "Cable note" and "broken" not in names
    pdf = tmp_path / "note.pdf"
    export_memo(briefing(template="cable-note"), pdf)
    page = PdfReader(str(pdf)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert "NOTE" in page.extract_text() and "Sources" in _text(pdf)


def test_every_template_key_is_documented() -> None:
    documented = resource_path("templates", "information-memo.yaml").read_text(encoding="utf-8")
    readme = resource_path("templates", "README.md").read_text(encoding="utf-8")
    comments = "\n".join(line for line in documented.splitlines() if line.startswith("#"))
    for name, _ in list_templates():
        data = yaml.safe_load(resource_path("templates", f"{name}.yaml").read_text(encoding="utf-8"))
        for key in data:
            assert f"#   {key}" in comments, f"{name}: key {key} is not documented"
            assert f"`{key}`" in readme, f"{name}: key {key} is missing from README.md"
        load_template(name)


def test_bad_template_values_are_clear_errors() -> None:
    from app.memo.template import parse_template
    from app.shared.errors import ExportError

    with pytest.raises(ExportError, match="unknown block 'nonsense'"):
        parse_template({"blocks": ["facts", "nonsense"]}, "t.yaml")
    with pytest.raises(ExportError, match="citations"):
        parse_template({"citations": "sidenotes"}, "t.yaml")
    with pytest.raises(ExportError, match="heading_case"):
        parse_template({"type": {"heading_case": "small"}}, "t.yaml")
    with pytest.raises(ExportError, match="max_lines"):
        parse_template({"summary": {"max_lines": "four"}}, "t.yaml")

"""Draw a MemoDocument as a Word file with real styles (Title, Heading 1, List Bullet): easy to restyle."""

from __future__ import annotations

import re
from pathlib import Path

from app.memo.document import (
    DifferNote,
    DocTypeLine,
    DraftedBy,
    FactParagraph,
    HeaderBlock,
    KeyFactsBox,
    MemoDocument,
    Note,
    SectionHeading,
    SourcesList,
    SubjectTitle,
    Summary,
    Table,
)
from app.render import docx_notes
from app.render.docx_styles import SMALL_STYLE, SOURCE_STYLE, set_core_properties, set_fonts, set_up_page, set_up_styles

# CJK punctuation, kana, CJK ideographs, Hangul, compatibility and full-width forms
_EAST_ASIAN = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
# Cell margins in points (top, left, bottom, right), as the PDF pads its tables.
GRID_CELL_MARGINS = (3, 3, 3, 7)
HEADER_CELL_MARGINS = (0, 0, 0, 4)
BOX_CELL_MARGINS = (6, 8, 6, 8)


def render_docx(memo: MemoDocument, path: Path) -> None:
    from docx import Document

    doc = Document()
    writer = _DocxWriter(doc, memo)
    writer.setup()
    for block in memo.blocks:
        writer.write(block)
    if writer.notes is not None:
        writer.notes.finish()
    set_core_properties(doc, memo)
    doc.save(str(path))


class _DocxWriter:
    def __init__(self, doc, memo: MemoDocument) -> None:
        from docx.shared import Pt

        self.doc = doc
        self.memo = memo
        self.layout = memo.layout
        self.Pt = Pt
        self._style_ids: dict[str, str] = {}
        self.notes: docx_notes.NotesPart | None = None
        self._bookmarks = 0
        self._handlers = {
            DocTypeLine: self.doc_type,
            HeaderBlock: self.header_block,
            SubjectTitle: self.subject_title,
            Summary: self.summary,
            KeyFactsBox: self.key_facts,
            SectionHeading: self.section_heading,
            FactParagraph: self.fact,
            DifferNote: self.differ_note,
            Note: self.note,
            SourcesList: self.sources,
            DraftedBy: self.drafted_by,
            Table: self.table,
        }

    def set_fonts(self, rpr) -> None:
        set_fonts(rpr, self.layout.docx_latin, self.layout.docx_east_asia)

    def paragraph(self, style: str):
        """A body paragraph in ``style``; ids are looked up once (python-docx's lookup by name is slow)."""
        style_id = self._style_ids.get(style)
        if style_id is None:
            style_id = self._style_ids[style] = self.doc.styles[style].style_id
        para = self.doc.add_paragraph()
        para._p.style = style_id
        return para

    def write(self, block) -> None:
        handler = self._handlers.get(type(block))
        if handler is None:
            raise TypeError(f"The Word renderer does not know the memo block {type(block).__name__}")
        handler(block)

    # -- page set-up and furniture ---------------------------------------------------------------

    def setup(self) -> None:
        set_up_styles(self.doc, self.layout)
        if self.memo.citation_style in ("footnotes", "endnotes"):
            kind = "footnote" if self.memo.citation_style == "footnotes" else "endnote"
            self.notes = docx_notes.NotesPart(self.doc, kind, self.set_fonts)

        section = self.doc.sections[0]
        set_up_page(section, self.layout)
        self._page_furniture(section)

    def _page_furniture(self, section) -> None:
        """Banner centred in the header and footer of every page; ``Page X of Y`` above the footer banner."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(header, self.memo.banner, bold=True)

        footer = section.footer
        pages = footer.paragraphs[0]
        pages.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(pages, "Page ")
        _add_field(pages, "PAGE", "1", self)
        self._run(pages, " of ")
        _add_field(pages, "NUMPAGES", "1", self)
        banner = footer.add_paragraph(style="Footer")  # not Normal: the body size would print it larger
        banner.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(banner, self.memo.banner, bold=True)

    def _run(self, paragraph, text: str, bold: bool | None = None, italic: bool | None = None):
        run = paragraph.add_run(text)
        if bold is not None:
            run.bold = bold
        if italic is not None:
            run.italic = italic
        # Every style names the fonts (no theme fonts), so runs inherit them; a run with East Asian text
        # names them again so Word's East Asian slot holds the chosen font even if a style is restyled.
        if _EAST_ASIAN.search(text):
            set_fonts(run._r.get_or_add_rPr(), self.layout.docx_latin, self.layout.docx_east_asia)
        return run

    def style_paragraph(self, para, style: str) -> None:
        """``para.style = name`` without python-docx's slow lookup by name on every call."""
        style_id = self._style_ids.get(style)
        if style_id is None:
            style_id = self._style_ids[style] = self.doc.styles[style].style_id
        para._p.style = style_id

    # -- blocks --------------------------------------------------------------------------------

    def doc_type(self, block: DocTypeLine) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        para = self.paragraph("Title")
        self._run(para, block.title)
        if block.date_text:
            para.paragraph_format.space_after = self.Pt(0)
            date_para = self.paragraph("Normal")
            date_para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._run(date_para, block.date_text)

    def header_block(self, block: HeaderBlock) -> None:
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Inches

        lay = self.layout
        label_w = Inches(1.1)
        value_w = Inches(lay.page_width - lay.margin_left - lay.margin_right - 1.1)
        if not block.rows:
            return
        table = self.doc.add_table(rows=len(block.rows), cols=2)
        docx_notes.set_widths(table, [int(label_w), int(value_w)])
        docx_notes.cell_margins(table, HEADER_CELL_MARGINS)
        for row, item in zip(table.rows, block.rows, strict=True):
            for cell, text, bold in ((row.cells[0], item.label, True), (row.cells[1], item.value, False)):
                para = cell.paragraphs[0]
                para.paragraph_format.space_after = self.Pt(4)
                self._run(para, text, bold=bold)
        rule = self.paragraph("Normal")
        _bottom_border(rule)  # before any spacing: pBdr must precede w:spacing in w:pPr
        # a rule, not an empty line: 4 pt under the header as in the PDF, and its 10 pt after
        rule.paragraph_format.line_spacing = self.Pt(4)
        rule.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        rule.paragraph_format.space_after = self.Pt(10)

    def section_heading(self, block: SectionHeading) -> None:
        para = self.paragraph(f"Heading {max(1, min(block.level, 9))}")
        self._run(para, block.title)

    def fact(self, block: FactParagraph, para=None) -> None:
        para = para or self.paragraph("List Bullet" if block.bullet else "Normal")
        if block.portion:
            self._run(para, block.portion + " ")
        if block.marker:
            self._run(para, block.marker, italic=True)
            self._run(para, " ")
        self._run(para, block.text)
        self.cite(para, block.citations, block.notes)

    def cite(self, para, numbers: tuple[int, ...], notes: tuple[str, ...]) -> None:
        """Foot/endnote references, or ``[1][2]`` linked to the Sources entries' bookmarks."""
        if not numbers:
            return
        if self.notes is not None and len(notes) == len(numbers) and any(notes):
            for i, (number, text) in enumerate(zip(numbers, notes, strict=True)):
                if i:  # "1,2" rather than a run-together "12"
                    self._run(para, ",").font.superscript = True
                if text:
                    self.notes.add(para, text)
                else:  # a note would only repeat the citation: point at the Sources entry
                    docx_notes.hyperlink_to(para, _source_anchor(number), f"[{number}]", self.set_fonts,
                                            superscript=True)
            return
        self._run(para, " ")
        for number in numbers:
            docx_notes.hyperlink_to(para, _source_anchor(number), f"[{number}]", self.set_fonts)

    def subject_title(self, block: SubjectTitle) -> None:
        para = self.paragraph("Subtitle")
        self._run(para, block.text)
        _bottom_border(para)

    def summary(self, block: Summary) -> None:
        para = self.paragraph("Normal")
        para.paragraph_format.space_after = self.Pt(10)
        if block.portion:
            self._run(para, block.portion + " ")
        if block.title:
            self._run(para, block.title + ":", bold=True)
            self._run(para, " ")
        if block.sentences:
            for i, (text, nums, notes) in enumerate(block.sentences):
                self._run(para, (" " if i else "") + text)
                self.cite(para, nums, notes)
            return
        self._run(para, block.text)
        self.cite(para, block.citations, block.notes)

    def key_facts(self, block: KeyFactsBox) -> None:
        from docx.shared import Inches

        lay = self.layout
        table = self.doc.add_table(rows=1, cols=1)
        table.style = self.doc.styles["Table Grid"]
        docx_notes.set_widths(table, [int(Inches(lay.page_width - lay.margin_left - lay.margin_right))])
        docx_notes.cell_margins(table, BOX_CELL_MARGINS)
        cell = table.rows[0].cells[0]
        docx_notes.shade(cell, self.memo.shade)
        title = cell.paragraphs[0]
        title.paragraph_format.space_before = self.Pt(3)
        self._run(title, block.title, bold=True)
        for item in block.items:
            para = cell.add_paragraph()
            self.style_paragraph(para, "List Bullet")
            para.paragraph_format.space_after = self.Pt(3)
            self.fact(item, para)
        self.paragraph(SMALL_STYLE)

    def differ_note(self, block: DifferNote) -> None:
        from docx.shared import Inches

        para = self.paragraph(SMALL_STYLE)
        para.paragraph_format.left_indent = Inches(0.5)
        if block.portion:
            self._run(para, block.portion + " ")
        self._run(para, block.label, bold=True)
        if block.reason:
            self._run(para, " " + block.reason.rstrip(".") + ".")
        for i, version in enumerate(block.versions):
            self._run(para, " " if i == 0 else "; ")
            if version.marker:
                self._run(para, version.marker + " ", italic=True)
            self._run(para, f"\u201c{version.text}\u201d")
            self.cite(para, version.citations, version.notes)
        self._run(para, ".")

    def note(self, block: Note) -> None:
        para = self.paragraph(SMALL_STYLE)
        if block.portion:
            self._run(para, block.portion + " ")
        self._run(para, block.text, italic=block.italic or None)

    def sources(self, block: SourcesList) -> None:
        self.section_heading(SectionHeading(block.title, "sources"))
        for entry in block.entries:
            para = self.paragraph(SOURCE_STYLE)
            self._run(para, entry.label + "\t" + entry.text)
            self._bookmarks += 1
            docx_notes.bookmark(para, _source_anchor(entry.number), self._bookmarks)
        if block.note:
            self.note(Note(block.note))

    def drafted_by(self, block: DraftedBy) -> None:
        first = True
        for row in block.rows:
            para = self.paragraph(SMALL_STYLE)
            if first:
                para.paragraph_format.space_before = self.Pt(18)
                first = False
            self._run(para, row.label, bold=True)
            if row.value:
                self._run(para, " " + row.value)

    def table(self, block: Table) -> None:
        from docx.shared import Inches

        if block.title:
            para = self.paragraph("Normal")
            self._run(para, block.title, bold=True)
        lay = self.layout
        cols = max(1, len(block.columns))
        table = self.doc.add_table(rows=1 + len(block.rows), cols=cols)
        table.style = self.doc.styles["Table Grid"]
        total = Inches(lay.page_width - lay.margin_left - lay.margin_right)
        docx_notes.set_widths(table, [int(total * w) for w in block.relative_widths()])
        docx_notes.cell_margins(table, GRID_CELL_MARGINS)
        rows = list(table.rows)  # python-docx rebuilds the row list on every ``table.rows[i]``
        docx_notes.repeat_header(rows[0])
        for c, cell in enumerate(rows[0].cells):
            docx_notes.shade(cell, self.memo.shade)
            para = cell.paragraphs[0]
            self.style_paragraph(para, SMALL_STYLE)
            para.paragraph_format.space_after = self.Pt(0)
            self._run(para, block.columns[c] if c < len(block.columns) else "", bold=True)
        for r in range(len(block.rows)):
            for c, cell in enumerate(rows[r + 1].cells):
                para = cell.paragraphs[0]
                self.style_paragraph(para, SMALL_STYLE)
                para.paragraph_format.space_after = self.Pt(0)
                if block.cite_column and c == cols - 1:
                    cited = block.row_citations[r] if r < len(block.row_citations) else ()
                    for number in cited:
                        docx_notes.hyperlink_to(para, _source_anchor(number), f"[{number}]", self.set_fonts)
                else:
                    self._run(para, block.cell_text(r, c))
        self.paragraph(SMALL_STYLE)


# -- raw WordprocessingML helpers ------------------------------------------------------------------


def _source_anchor(number: int) -> str:
    return f"source_{number}"


def _add_field(paragraph, instruction: str, placeholder: str, writer: _DocxWriter) -> None:
    """A complex field (begin / instrText / separate / result / end) that Word updates: PAGE, NUMPAGES."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def fld_char(kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        writer._run(paragraph, "")._r.append(el)

    fld_char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    writer._run(paragraph, "")._r.append(instr)
    fld_char("separate")
    writer._run(paragraph, placeholder)
    fld_char("end")


def _bottom_border(paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)

"""Draw a MemoDocument as a Word file with real styles (Title, Heading 1, List Bullet): easy to restyle."""

from __future__ import annotations

import re
from datetime import datetime
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

SMALL_STYLE = "Memo Small"
# CJK punctuation, kana, CJK ideographs, Hangul, compatibility and full-width forms
_EAST_ASIAN = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
SOURCE_STYLE = "Memo Source"
# Line heights as multiples of the font size, the same as the PDF's styles (pdf_writer._styles), so a Word
# page holds what a PDF page holds. "At least", so a taller glyph (a CJK fallback font) is never clipped.
BODY_LEADING = 1.25
SMALL_LEADING = 1.3
TITLE_LEADING = 1.2
HEADER_DISTANCE = 0.42  # inches from the top edge to the header's first line
FOOTER_DISTANCE = 0.38  # inches from the bottom edge to the footer's last line
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
    writer.set_properties()
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
        _set_fonts(rpr, self.layout.docx_latin, self.layout.docx_east_asia)

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

    # -- page, styles and properties -------------------------------------------------------------

    def setup(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Inches, RGBColor

        lay, Pt = self.layout, self.Pt
        styles = self.doc.styles
        self._document_defaults()
        normal = styles["Normal"]
        self._style_font(normal, lay.body_pt)
        normal.paragraph_format.space_after = Pt(6)
        _leading(normal, lay.body_pt * BODY_LEADING)

        title = styles["Title"]
        self._style_font(title, lay.doc_type_pt, bold=True)
        _leading(title, lay.doc_type_pt * BODY_LEADING)
        title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_after = Pt(12)
        _remove_child(title.element.pPr, "w:pBdr")  # the stock Title has a blue rule under it
        heading = styles["Heading 1"]
        self._style_font(heading, lay.heading_pt, bold=True)
        heading.paragraph_format.space_before = Pt(10)  # as the PDF's headings
        _leading(heading, lay.heading_pt * BODY_LEADING)
        heading.paragraph_format.space_after = Pt(4)
        for style in (title, heading):
            style.font.color.rgb = RGBColor(0, 0, 0)
        bullet = styles["List Bullet"]
        self._style_font(bullet, lay.body_pt)
        bullet.paragraph_format.space_after = Pt(6)
        _leading(bullet, lay.body_pt * BODY_LEADING)
        # The stock List Bullet drops the space between bullets ("contextual spacing"); the PDF keeps it.
        _remove_child(bullet.element.pPr, "w:contextualSpacing")
        self._bullet_glyph()

        small = styles.add_style(SMALL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        small.base_style = normal
        self._style_font(small, lay.small_pt)
        small.paragraph_format.space_after = Pt(3)
        _leading(small, lay.small_pt * SMALL_LEADING)
        source = styles.add_style(SOURCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        source.base_style = small
        source.paragraph_format.left_indent = Inches(0.4)
        source.paragraph_format.first_line_indent = Inches(-0.4)
        source.paragraph_format.space_after = Pt(4)
        for name in ("Header", "Footer"):
            self._style_font(styles[name], lay.small_pt)
            styles[name].paragraph_format.space_after = Pt(0)
            _leading(styles[name], lay.small_pt * SMALL_LEADING)
        subtitle = styles["Subtitle"]
        self._style_font(subtitle, lay.heading_pt + 4, bold=True)
        subtitle.font.italic = False
        subtitle.font.color.rgb = RGBColor(0, 0, 0)
        subtitle.paragraph_format.space_after = Pt(8)
        _leading(subtitle, (lay.heading_pt + 4) * TITLE_LEADING)
        if self.memo.citation_style in ("footnotes", "endnotes"):
            kind = "footnote" if self.memo.citation_style == "footnotes" else "endnote"
            self.notes = docx_notes.NotesPart(self.doc, kind, self.set_fonts)

        section = self.doc.sections[0]
        section.page_width, section.page_height = Inches(lay.page_width), Inches(lay.page_height)
        section.top_margin, section.bottom_margin = Inches(lay.margin_top), Inches(lay.margin_bottom)
        section.left_margin, section.right_margin = Inches(lay.margin_left), Inches(lay.margin_right)
        # Where the PDF draws its furniture: the top banner's baseline 0.55 in from the top edge, the bottom
        # banner's 0.42 in from the bottom edge (a line's ascent and descent away from these distances).
        section.header_distance = Inches(HEADER_DISTANCE)
        section.footer_distance = Inches(FOOTER_DISTANCE)
        self._page_furniture(section)

    def _bullet_glyph(self) -> None:
        """List Bullet's bullet as the PDF draws it: "•" in the body font, 4 pt in, text at 18 pt. The stock
        one is the Symbol font's private-use bullet, which LibreOffice prints larger, in OpenSymbol."""
        from docx.oxml.ns import qn

        numbering = self.doc.part.numbering_part.element
        for level in numbering.iter(qn("w:lvl")):
            style = level.find(qn("w:pStyle"))
            if level.get(qn("w:ilvl")) != "0" or style is None or style.get(qn("w:val")) != "ListBullet":
                continue
            level.find(qn("w:lvlText")).set(qn("w:val"), "\u2022")
            rpr = level.find(qn("w:rPr"))
            if rpr is not None:
                fonts = rpr.find(qn("w:rFonts"))
                if fonts is not None:
                    rpr.remove(fonts)
                self.set_fonts(rpr)
            ppr = level.find(qn("w:pPr"))
            if ppr is not None:
                for tab in ppr.iter(qn("w:tab")):
                    tab.set(qn("w:pos"), "360")
                for ind in ppr.iter(qn("w:ind")):
                    ind.set(qn("w:left"), "360")  # 18 pt
                    ind.set(qn("w:hanging"), "280")  # the bullet at 4 pt

    def _document_defaults(self) -> None:
        """The stock defaults name theme fonts (Calibri) and English for East Asian text: name the template's
        fonts instead, and Japanese, so text outside any style still prints as in the PDF."""
        from docx.oxml.ns import qn

        rpr = self.doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is None:
            return
        self.set_fonts(rpr)
        lang = rpr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:eastAsia"), "ja-JP")

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

    def set_properties(self) -> None:
        meta, props = self.memo.meta, self.doc.core_properties
        props.title = _property(meta.title)
        props.subject = _property(meta.subject)
        props.author = _property(meta.author)
        props.last_modified_by = _property(meta.author)
        props.keywords = _property("; ".join(meta.keywords))
        props.category = _property(meta.category)
        props.comments = _property(f"{self.memo.banner}. Made with Briefing Builder from open sources.")
        props.revision = 1
        now = datetime.now().replace(microsecond=0)
        props.created = props.modified = now

    def _style_font(self, style, size: float, bold: bool | None = None) -> None:
        style.font.size = self.Pt(size)
        if bold is not None:
            style.font.bold = bold
        _set_fonts(style.element.get_or_add_rPr(), self.layout.docx_latin, self.layout.docx_east_asia)

    def _run(self, paragraph, text: str, bold: bool | None = None, italic: bool | None = None):
        run = paragraph.add_run(text)
        if bold is not None:
            run.bold = bold
        if italic is not None:
            run.italic = italic
        # Every style names the fonts (no theme fonts), so runs inherit them; a run with East Asian text
        # names them again so Word's East Asian slot holds the chosen font even if a style is restyled.
        if _EAST_ASIAN.search(text):
            _set_fonts(run._r.get_or_add_rPr(), self.layout.docx_latin, self.layout.docx_east_asia)
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


PROPERTY_CHARS = 255  # python-docx refuses longer core properties (and Word shows no more)


def _property(text: str) -> str:
    """A document property that fits: a long subject or many section titles are cut at a word."""
    if len(text) <= PROPERTY_CHARS:
        return text
    return text[: PROPERTY_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ;,") + "\u2026"


def _source_anchor(number: int) -> str:
    return f"source_{number}"


def _set_fonts(rpr, latin: str, east_asia: str) -> None:
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)  # theme fonts would override the explicit names
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _leading(style, points: float) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    style.paragraph_format.line_spacing = Pt(points)
    style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST


def _remove_child(parent, tag: str) -> None:
    from docx.oxml.ns import qn

    if parent is None:
        return
    for child in parent.findall(qn(tag)):
        parent.remove(child)


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

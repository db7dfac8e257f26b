"""Draw a MemoDocument as a PDF with reportlab platypus: embedded fonts, banners, Page X of Y, bookmarks."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from app.memo.document import (
    DocTypeLine,
    DraftedBy,
    FactParagraph,
    HeaderBlock,
    MemoDocument,
    Note,
    SectionHeading,
    SourcesList,
    Table,
)
from app.render.pdf_fonts import FontSet, draw_centred, font_set, markup

INCH = 72.0
CREATOR = "Briefing Builder"


def render_pdf(memo: MemoDocument, path: Path) -> int:
    """Write the memo to ``path``; returns the number of pages."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    fonts = font_set(memo.layout)
    story = _StoryBuilder(memo, fonts).build()
    lay, meta = memo.layout, memo.meta
    furniture = _Furniture(memo, fonts)

    class MemoDocTemplate(BaseDocTemplate):
        def afterFlowable(self, flowable) -> None:  # noqa: N802 (reportlab hook)
            outline = getattr(flowable, "bb_outline", None)
            if outline:
                title, key = outline
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(title, key, level=0, closed=False)

    doc = MemoDocTemplate(
        str(path),
        pagesize=(lay.page_width * INCH, lay.page_height * INCH),
        leftMargin=lay.margin_left * INCH, rightMargin=lay.margin_right * INCH,
        topMargin=lay.margin_top * INCH, bottomMargin=lay.margin_bottom * INCH,
        title=meta.title, author=meta.author, subject=meta.subject, keywords=list(meta.keywords),
        creator=CREATOR, producer=CREATOR,
        # The canvas' own starting font would otherwise be Helvetica, which is never embedded.
        initialFontName=fonts.regular, initialFontSize=lay.body_pt,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="memo", frames=[frame])])
    doc.build(story, canvasmaker=partial(_make_canvas(Canvas), furniture=furniture))
    return furniture.total


class _Furniture:
    """What every page carries: the banner at top and bottom and ``Page X of Y``."""

    def __init__(self, memo: MemoDocument, fonts: FontSet) -> None:
        self.banner = memo.banner
        self.layout = memo.layout
        self.fonts = fonts
        self.total = 0

    def draw(self, canvas, number: int, total: int) -> None:
        lay, fonts = self.layout, self.fonts
        centre = lay.page_width * INCH / 2
        canvas.saveState()
        draw_centred(canvas, centre, lay.page_height * INCH - 0.55 * INCH, self.banner, fonts.bold,
                     lay.small_pt, fonts)
        draw_centred(canvas, centre, 0.62 * INCH, f"Page {number} of {total}", fonts.regular, lay.small_pt,
                     fonts)
        draw_centred(canvas, centre, 0.42 * INCH, self.banner, fonts.bold, lay.small_pt, fonts)
        canvas.restoreState()


def _make_canvas(base):
    class NumberedCanvas(base):
        """Holds pages back until the end so each can say ``Page X of Y`` in a single layout pass."""

        def __init__(self, *args, furniture: _Furniture, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._furniture = furniture
            self._held_pages: list[dict] = []
            self._held_marks: list[str] = []

        def bookmarkPage(self, key, **kwargs):  # noqa: N802 (reportlab API)
            # A bookmark points at the page being written; pages are written in save(), so wait till then.
            self._held_marks.append(key)

        def showPage(self) -> None:  # noqa: N802
            self._held_pages.append(dict(self.__dict__))
            self._held_marks = []
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                for key in state["_held_marks"]:
                    base.bookmarkPage(self, key)
                self._furniture.draw(self, number, total)
                base.showPage(self)
            self._furniture.total = total
            if total:
                self.showOutline()
            base.save(self)

    return NumberedCanvas


class _StoryBuilder:
    """Turns blocks into flowables, one handler per block type."""

    def __init__(self, memo: MemoDocument, fonts: FontSet) -> None:
        self.memo = memo
        self.fonts = fonts
        self.styles = _styles(memo, fonts)
        self.width = (memo.layout.page_width - memo.layout.margin_left - memo.layout.margin_right) * INCH
        self.story: list = []
        self._marks = 0
        self._handlers = {
            DocTypeLine: self.doc_type,
            HeaderBlock: self.header_block,
            SectionHeading: self.section_heading,
            FactParagraph: self.fact,
            Note: self.note,
            SourcesList: self.sources,
            DraftedBy: self.drafted_by,
            Table: self.table,
        }

    def build(self) -> list:
        for block in self.memo.blocks:
            handler = self._handlers.get(type(block))
            if handler is None:
                raise TypeError(f"The PDF renderer does not know the memo block {type(block).__name__}")
            handler(block)
        return self.story

    def para(self, text: str, style: str, **kwargs):
        """A Paragraph from plain text: escaped, with font fallback for characters the style's font lacks."""
        from reportlab.platypus import Paragraph

        st = self.styles[style]
        return Paragraph(markup(text, st.fontName, self.fonts), st, **kwargs)

    def m(self, text: str, font: str) -> str:
        return markup(text, font, self.fonts)

    def doc_type(self, block: DocTypeLine) -> None:
        self.story.append(self.para(block.title, "doc_type_dated" if block.date_text else "doc_type"))
        if block.date_text:
            self.story.append(self.para(block.date_text, "date"))

    def header_block(self, block: HeaderBlock) -> None:
        from reportlab.lib.colors import black
        from reportlab.platypus import HRFlowable
        from reportlab.platypus import Table as RLTable

        label_w = 1.1 * INCH
        rows = [[self.para(r.label, "label"), self.para(r.value, "body_tight")] for r in block.rows]
        if rows:
            table = RLTable(rows, colWidths=[label_w, self.width - label_w], hAlign="LEFT")
            table.setStyle(self._table_style(padding=0, bottom=4))
            self.story.append(table)
        self.story.append(HRFlowable(width="100%", thickness=0.8, color=black, spaceBefore=4,
                                     spaceAfter=10))

    def section_heading(self, block: SectionHeading) -> None:
        self._marks += 1
        heading = self.para(block.title, "heading")
        heading.bb_outline = (block.title, f"section-{self._marks}")
        self.story.append(heading)

    def fact(self, block: FactParagraph) -> None:
        from reportlab.platypus import Paragraph

        st = self.styles["bullet" if block.bullet else "body"]
        parts = []
        if block.portion:
            parts.append(self.m(block.portion, st.fontName))
        if block.marker:
            parts.append(f"<i>{self.m(block.marker, self.fonts.italic)}</i>")
        parts.append(self.m(block.text, st.fontName))
        if block.citations:
            parts.append(self.m(block.citation_text, st.fontName))
        kwargs = {"bulletText": "\u2022"} if block.bullet else {}
        self.story.append(Paragraph(" ".join(parts), st, **kwargs))

    def note(self, block: Note) -> None:
        self.story.append(self.para(block.text, "note" if block.italic else "small"))

    def sources(self, block: SourcesList) -> None:
        self.section_heading(SectionHeading(block.title, "sources"))
        for entry in block.entries:
            self.story.append(self.para(entry.text, "source", bulletText=entry.label))
        if block.note:
            self.story.append(self.para(block.note, "note"))

    def drafted_by(self, block: DraftedBy) -> None:
        from reportlab.platypus import Paragraph, Spacer

        self.story.append(Spacer(1, 14))
        st = self.styles["small"]
        for row in block.rows:
            text = f"<b>{self.m(row.label, self.fonts.bold)}</b>"
            if row.value:
                text += " " + self.m(row.value, st.fontName)
            self.story.append(Paragraph(text, st))

    def table(self, block: Table) -> None:
        from reportlab.platypus import Spacer
        from reportlab.platypus import Table as RLTable

        if block.title:
            self.story.append(self.para(block.title, "table_title"))
        cols = max(1, len(block.columns))
        data = [[self.para(c, "cell_head") for c in block.columns] or [self.para("", "cell")]]
        for row in block.rows:
            data.append([self.para(row[i] if i < len(row) else "", "cell") for i in range(cols)])
        table = RLTable(data, colWidths=[self.width / cols] * cols, repeatRows=1, hAlign="LEFT")
        table.setStyle(self._table_style(padding=3, bottom=3, grid=True))
        self.story.extend([table, Spacer(1, 8)])

    def _table_style(self, padding: float, bottom: float, grid: bool = False):
        from reportlab.lib.colors import black
        from reportlab.platypus import TableStyle

        commands = [
            # Tables print plain strings in Helvetica unless told otherwise; all our cells are Paragraphs,
            # but the font is set anyway so nothing unembedded can slip in.
            ("FONT", (0, 0), (-1, -1), self.fonts.regular, self.memo.layout.small_pt),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), padding),
            ("RIGHTPADDING", (0, 0), (-1, -1), padding + 4),
            ("TOPPADDING", (0, 0), (-1, -1), padding),
            ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
        ]
        if grid:
            commands.append(("GRID", (0, 0), (-1, -1), 0.5, black))
        return TableStyle(commands)


def _styles(memo: MemoDocument, fonts: FontSet) -> dict:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    lay = memo.layout
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=lay.body_pt, leading=lay.body_pt * 1.25,
                          spaceAfter=6, bulletFontName=fonts.regular, bulletFontSize=lay.body_pt)
    small = ParagraphStyle("small", parent=body, fontSize=lay.small_pt, leading=lay.small_pt * 1.3,
                           spaceAfter=3, bulletFontSize=lay.small_pt)

    def derive(name: str, parent=body, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, **kw)

    return {
        "body": body,
        "small": small,
        "body_tight": derive("body_tight", spaceAfter=0),
        "label": derive("label", fontName=fonts.bold, spaceAfter=0),
        "table_title": derive("table_title", fontName=fonts.bold, spaceBefore=4, spaceAfter=3,
                              keepWithNext=1),
        "doc_type": derive("doc_type", fontName=fonts.bold, fontSize=lay.doc_type_pt,
                           leading=lay.doc_type_pt * 1.25, alignment=TA_CENTER, spaceAfter=14),
        "doc_type_dated": derive("doc_type_dated", fontName=fonts.bold, fontSize=lay.doc_type_pt,
                                 leading=lay.doc_type_pt * 1.25, alignment=TA_CENTER, spaceAfter=2),
        "date": derive("date", alignment=TA_CENTER, spaceAfter=14),
        "heading": derive("heading", fontName=fonts.bold, fontSize=lay.heading_pt,
                          leading=lay.heading_pt * 1.25, spaceBefore=10, spaceAfter=4, keepWithNext=1),
        "bullet": derive("bullet", leftIndent=18, bulletIndent=4),
        "note": derive("note", parent=small, fontName=fonts.italic),
        "source": derive("source", parent=small, leftIndent=28, bulletIndent=0, spaceAfter=4),
        "cell": derive("cell", parent=small, spaceAfter=0),
        "cell_head": derive("cell_head", parent=small, fontName=fonts.bold, spaceAfter=0),
    }

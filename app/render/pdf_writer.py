"""Draw a MemoDocument as a PDF with reportlab platypus: embedded fonts, banners, Page X of Y, bookmarks."""

from __future__ import annotations

import re
import threading
from functools import partial
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
from app.render.pdf_fonts import FontSet, font_set, markup
from app.render.pdf_page import INCH, Furniture, numbered_canvas

_RENDER_LOCK = threading.RLock()
_SOURCE_REF = re.compile(r"\[(\d+)\]")
CREATOR = "Briefing Builder"


def render_pdf(memo: MemoDocument, path: Path) -> int:
    """Write the memo to ``path``; returns the number of pages.

    One PDF at a time per process: reportlab keeps per-font subsetting state in module-level objects, and the
    GUI's preview worker may be laying out a memo while the user exports one.
    """
    with _RENDER_LOCK:
        return _render_pdf(memo, path)


def _render_pdf(memo: MemoDocument, path: Path) -> int:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    fonts = font_set(memo.layout)
    story = _StoryBuilder(memo, fonts).build()
    lay, meta = memo.layout, memo.meta
    furniture = Furniture(memo, fonts)

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
    doc.build(story, canvasmaker=partial(numbered_canvas(Canvas), furniture=furniture))
    return furniture.total


class _StoryBuilder:
    """Turns blocks into flowables, one handler per block type."""

    def __init__(self, memo: MemoDocument, fonts: FontSet) -> None:
        self.memo = memo
        self.fonts = fonts
        self.styles = _styles(memo, fonts)
        self.width = (memo.layout.page_width - memo.layout.margin_left - memo.layout.margin_right) * INCH
        self.story: list = []
        self._marks = 0
        self.use_notes = memo.citation_style in ("footnotes", "endnotes")
        self.note_texts: list[str] = []
        # Link only to Sources entries that will exist: reportlab refuses a link to a missing target, and a
        # template may leave the Sources list out.
        self.source_numbers = {e.number for b in memo.blocks if isinstance(b, SourcesList) for e in b.entries}
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

    def build(self) -> list:
        for block in self.memo.blocks:
            handler = self._handlers.get(type(block))
            if handler is None:
                raise TypeError(f"The PDF renderer does not know the memo block {type(block).__name__}")
            handler(block)
        if self.note_texts:
            self.notes_list()
        return self.story

    def cite(self, numbers: tuple[int, ...], notes: tuple[str, ...]) -> str:
        """Markup for a fact's citations: superscript note numbers linked to the Notes list (foot/endnote
        templates; a PDF has no footnote area, so the notes are listed at the end as in Word's endnotes),
        else ``[1][2]`` linked to the Sources entries."""
        if not numbers:
            return ""
        if self.use_notes and len(notes) == len(numbers) and any(notes):
            refs = []
            for number, text in zip(numbers, notes, strict=True):
                if not text:  # a note would only repeat the citation: point at the Sources entry
                    refs.append(f"<super>{self.source_refs((number,))}</super>")
                    continue
                self.note_texts.append(text)
                n = len(self.note_texts)
                refs.append(f'<a href="#note-{n}"><super>{n}</super></a>')
            return "<super>,</super>".join(refs)
        return " " + self.source_refs(numbers)

    def source_refs(self, numbers: tuple[int, ...]) -> str:
        """``[1][2]``, each linked to its Sources entry when the memo has one."""
        return "".join(f'<a href="#source-{n}">[{n}]</a>' if n in self.source_numbers else f"[{n}]"
                       for n in numbers)

    def notes_list(self) -> None:
        self.section_heading(SectionHeading(self.memo.notes_title, "notes"))
        for n, text in enumerate(self.note_texts, start=1):
            body = self.m(text, self.styles["source"].fontName)
            # The note's own "Source [n]" links to its Sources entry; a "[3]" inside the quoted sentence is
            # the article's text and stays text.
            body = _SOURCE_REF.sub(lambda m: self.source_refs((int(m.group(1)),)), body, count=1)
            body = f'<a name="note-{n}"/>' + body
            self.story.append(self._p(body, "source", bulletText=f"{n}."))

    def _p(self, text: str, style: str, **kwargs):
        from reportlab.platypus import Paragraph

        return Paragraph(text, self.styles[style], **kwargs)

    def subject_title(self, block: SubjectTitle) -> None:
        from reportlab.lib.colors import black
        from reportlab.platypus import HRFlowable

        self.story.append(self.para(block.text, "title"))
        self.story.append(HRFlowable(width="100%", thickness=1.2, color=black, spaceBefore=2, spaceAfter=10))

    def summary(self, block: Summary) -> None:
        st = self.styles["summary"]
        parts = [self.m(block.portion, st.fontName)] if block.portion else []
        if block.title:
            parts.append(f"<b>{self.m(block.title + ':', self.fonts.bold)}</b>")
        if block.sentences:
            parts += [self.m(text, st.fontName) + self.cite(nums, notes) for text, nums, notes in block.sentences]
        else:
            parts.append(self.m(block.text, st.fontName) + self.cite(block.citations, block.notes))
        self.story.append(self._p(" ".join(parts), "summary"))

    def key_facts(self, block: KeyFactsBox) -> None:
        from reportlab.lib.colors import HexColor, black
        from reportlab.platypus import Spacer, TableStyle
        from reportlab.platypus import Table as RLTable

        inner = [self.para(block.title, "box_title")]
        inner += [self._fact_flowable(item, "box_item") for item in block.items]
        table = RLTable([[inner]], colWidths=[self.width], hAlign="LEFT")
        table.setStyle(TableStyle([
            ("BOX", (0, 0), (-1, -1), 0.8, black),
            ("BACKGROUND", (0, 0), (-1, -1), HexColor(self.memo.shade)),
            ("FONT", (0, 0), (-1, -1), self.fonts.regular, self.memo.layout.small_pt),
            ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]))
        self.story.extend([table, Spacer(1, 8)])

    def differ_note(self, block: DifferNote) -> None:
        st = self.styles["differ"]
        parts = [self.m(block.portion, st.fontName)] if block.portion else []
        parts.append(f"<b>{self.m(block.label, self.fonts.bold)}</b>")
        if block.reason:
            parts.append(self.m(block.reason.rstrip(".") + ".", st.fontName))
        sides = []
        for v in block.versions:
            marker = f"<i>{self.m(v.marker, self.fonts.italic)}</i> " if v.marker else ""
            quoted = self.m(f"\u201c{v.text}\u201d", st.fontName)
            sides.append(marker + quoted + self.cite(v.citations, v.notes))
        text = " ".join(parts) + " " + "; ".join(sides) + "."
        self.story.append(self._p(text, "differ"))

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
        self.story.append(self._fact_flowable(block, "bullet" if block.bullet else "body"))

    def _fact_flowable(self, block: FactParagraph, style: str):
        st = self.styles[style]
        parts = []
        if block.portion:
            parts.append(self.m(block.portion, st.fontName))
        if block.marker:
            parts.append(f"<i>{self.m(block.marker, self.fonts.italic)}</i>")
        parts.append(self.m(block.text, st.fontName) + self.cite(block.citations, block.notes))
        kwargs = {"bulletText": "\u2022"} if block.bullet else {}
        return self._p(" ".join(parts), style, **kwargs)

    def note(self, block: Note) -> None:
        style = "note" if block.italic else "small"
        text = self.m(block.text, self.styles[style].fontName)
        if block.portion:
            text = self.m(block.portion + " ", self.styles["small"].fontName) + text
        self.story.append(self._p(text, style))

    def sources(self, block: SourcesList) -> None:
        self.section_heading(SectionHeading(block.title, "sources"))
        for entry in block.entries:
            body = f'<a name="source-{entry.number}"/>' + self.m(entry.text, self.styles["source"].fontName)
            self.story.append(self._p(body, "source", bulletText=entry.label))
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
        from reportlab.lib.colors import HexColor

        cols = max(1, len(block.columns))
        data = [[self.para(c, "cell_head") for c in block.columns] or [self.para("", "cell")]]
        for r in range(len(block.rows)):
            row = []
            for c in range(cols):
                if block.cite_column and c == cols - 1:
                    cited = block.row_citations[r] if r < len(block.row_citations) else ()
                    row.append(self._p(self.source_refs(cited), "cell"))
                else:
                    row.append(self.para(block.cell_text(r, c), "cell"))
            data.append(row)
        widths = [self.width * w for w in block.relative_widths()]
        table = RLTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(self._table_style(padding=3, bottom=3, grid=True))
        table.setStyle([("BACKGROUND", (0, 0), (-1, 0), HexColor(self.memo.shade))])
        self.story.extend([table, Spacer(1, 8)])

    def _table_style(self, padding: float, bottom: float, grid: bool = False):
        from reportlab.lib.colors import black
        from reportlab.platypus import TableStyle

        commands: list = [
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
        "title": derive("title", fontName=fonts.bold, fontSize=lay.heading_pt + 4,
                        leading=(lay.heading_pt + 4) * 1.2, spaceAfter=2),
        "summary": derive("summary", spaceAfter=10),
        "box_title": derive("box_title", fontName=fonts.bold, spaceAfter=4),
        "box_item": derive("box_item", leftIndent=14, bulletIndent=2, spaceAfter=3),
        "differ": derive("differ", parent=small, leftIndent=36, spaceAfter=6),
        "cell_head": derive("cell_head", parent=small, fontName=fonts.bold, spaceAfter=0),
    }

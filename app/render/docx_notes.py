"""WordprocessingML python-docx has no API for: footnote/endnote parts, internal hyperlinks, bookmarks,
column widths and cell shading.

Notes: ``word/footnotes.xml`` (or ``endnotes.xml``) holds the two separator notes Word expects (ids -1 and 0)
and one ``w:footnote`` per citation; the document part relates to it and each reference is a run with a
``w:footnoteReference w:id=...`` in the "Footnote Reference" character style (superscript).
"""

from __future__ import annotations

from collections.abc import Callable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STYLE_NAMES = {
    "footnote": ("Footnote Text", "FootnoteText", "Footnote Reference", "FootnoteReference"),
    "endnote": ("Endnote Text", "EndnoteText", "Endnote Reference", "EndnoteReference"),
}


class NotesPart:
    """Collects foot- or endnotes while the body is written, then adds the part to the package."""

    def __init__(self, doc, kind: str, set_fonts: Callable) -> None:
        from docx.oxml import parse_xml

        assert kind in _STYLE_NAMES
        self.doc = doc
        self.kind = kind  # "footnote" | "endnote"
        self.set_fonts = set_fonts
        self.count = 0
        tag = f"{kind}s"
        self.root = parse_xml(
            f'<w:{tag} xmlns:w="{W_NS}">'
            f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            f'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:{kind}>'
            f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
            f'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>'
            f"</w:{tag}>")
        self._add_styles()

    @property
    def text_style(self) -> str:
        return _STYLE_NAMES[self.kind][1]

    @property
    def ref_style(self) -> str:
        return _STYLE_NAMES[self.kind][3]

    def _add_styles(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Pt

        text_name, _, ref_name, _ = _STYLE_NAMES[self.kind]
        styles = self.doc.styles
        names = {s.name for s in styles}
        if text_name not in names:
            text = styles.add_style(text_name, WD_STYLE_TYPE.PARAGRAPH)
            text.base_style = styles["Normal"]
            size = styles["Footer"].font.size or Pt(10)
            text.font.size = size
            text.paragraph_format.space_after = Pt(2)
            # the PDF's small leading (1.3), "at least" as in the body styles
            text.paragraph_format.line_spacing = Pt(size.pt * 1.3)
            text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
            self.set_fonts(text.element.get_or_add_rPr())
        if ref_name not in names:
            ref = styles.add_style(ref_name, WD_STYLE_TYPE.CHARACTER)
            ref.font.superscript = True

    def add(self, paragraph, text: str) -> int:
        """Put a reference to a new note at the end of ``paragraph``; the note says ``text``."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self.count += 1
        note_id = str(self.count)
        ref_run = paragraph.add_run()
        rpr = ref_run._r.get_or_add_rPr()
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), self.ref_style)
        rpr.insert(0, style)
        self.set_fonts(rpr)
        ref = OxmlElement(f"w:{self.kind}Reference")
        ref.set(qn("w:id"), note_id)
        ref_run._r.append(ref)

        note = OxmlElement(f"w:{self.kind}")
        note.set(qn("w:id"), note_id)
        para = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        pstyle = OxmlElement("w:pStyle")
        pstyle.set(qn("w:val"), self.text_style)
        ppr.append(pstyle)
        para.append(ppr)
        para.append(self._run(None, mark=True))
        para.append(self._run(" " + text))
        note.append(para)
        self.root.append(note)
        return self.count

    def _run(self, text: str | None, mark: bool = False):
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        if mark:
            style = OxmlElement("w:rStyle")
            style.set(qn("w:val"), self.ref_style)
            rpr.append(style)
        run.append(rpr)
        self.set_fonts(rpr)
        if mark:
            run.append(OxmlElement(f"w:{self.kind}Ref"))
        else:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = text
            run.append(t)
        return run

    def finish(self) -> None:
        """Add the notes part (only when a note was written) and ask for 1, 2, 3 numbering."""
        if not self.count:
            return
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import XmlPart

        kind = self.kind
        content_type = CT.WML_FOOTNOTES if kind == "footnote" else CT.WML_ENDNOTES
        rel = RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES
        part = XmlPart(PackURI(f"/word/{kind}s.xml"), content_type, self.root, self.doc.part.package)
        self.doc.part.relate_to(part, rel)
        self._number_decimal()

    def _number_decimal(self) -> None:
        """Endnotes default to i, ii, iii: set decimal numbering in settings and in the section."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        def pr(with_specials: bool):
            el = OxmlElement(f"w:{self.kind}Pr")
            fmt = OxmlElement("w:numFmt")
            fmt.set(qn("w:val"), "decimal")
            el.append(fmt)
            if with_specials:  # settings list the separator notes, as Word writes them
                for special in ("-1", "0"):
                    ref = OxmlElement(f"w:{self.kind}")
                    ref.set(qn("w:id"), special)
                    el.append(ref)
            return el

        settings = self.doc.settings.element
        anchor = settings.find(qn("w:compat"))
        if anchor is not None:
            anchor.addprevious(pr(True))
        else:
            settings.append(pr(True))
        sect = self.doc.sections[-1]._sectPr
        refs = [c for c in sect if c.tag in (qn("w:headerReference"), qn("w:footerReference"))]
        if refs:
            refs[-1].addnext(pr(False))
        else:
            sect.insert(0, pr(False))


def hyperlink_to(paragraph, anchor: str, text: str, set_fonts: Callable, superscript: bool = False) -> None:
    """``text`` as an internal link to the bookmark ``anchor`` (Ctrl+click in Word)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    run.append(rpr)
    set_fonts(rpr)
    if superscript:
        align = OxmlElement("w:vertAlign")
        align.set(qn("w:val"), "superscript")
        rpr.append(align)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def bookmark(paragraph, name: str, bookmark_id: int) -> None:
    """Wrap the paragraph's content in the bookmark ``name`` (a link target)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    ppr = paragraph._p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def set_widths(table, widths_emu: list[int]) -> None:
    """Fixed layout with widths on the grid columns AND every cell (LibreOffice reads only the grid,
    Word prefers the cells)."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Emu

    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for column, width in zip(table.columns, widths_emu, strict=False):
        column.width = Emu(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_emu, strict=False):
            cell.width = Emu(width)
    tblpr = table._tbl.tblPr
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tblpr.append(tblw)
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(sum(widths_emu) // 635))  # EMU -> twentieths of a point


def cell_margins(table, points: tuple[float, float, float, float]) -> None:
    """The table's default cell margins (top, left, bottom, right) in points."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblCellMar")):
        tblpr.remove(old)
    mar = OxmlElement("w:tblCellMar")
    for side, value in zip(("top", "left", "bottom", "right"), points, strict=True):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(round(value * 20)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    # CT_TblPr's sequence: ... tblInd, tblBorders, shd, tblLayout, tblCellMar, tblLook
    look = tblpr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(mar)
    else:
        tblpr.append(mar)
    # Word (in its 2010 compatibility mode, which python-docx's template declares) and LibreOffice put the
    # cell's text at the indent, so the border stands out into the margin by the left cell margin: indent
    # by that much so the border sits on the margin, as in the PDF, and the table ends at the right margin.
    for old in tblpr.findall(qn("w:tblInd")):
        tblpr.remove(old)
    ind = OxmlElement("w:tblInd")
    ind.set(qn("w:w"), str(round(points[1] * 20)))
    ind.set(qn("w:type"), "dxa")
    anchor = next((tblpr.find(qn(t)) for t in ("w:tblBorders", "w:shd", "w:tblLayout") if tblpr.find(qn(t))
                   is not None), None)
    if anchor is not None:
        anchor.addprevious(ind)
    else:
        mar.addprevious(ind)


def shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill.lstrip("#").upper())
    tcpr.append(shd)


def repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)

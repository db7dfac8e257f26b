"""The Word file's styles, page set-up and document properties, matched to the PDF's (``docx_writer`` writes
the blocks): the same fonts, line heights, spacing, margins and furniture positions, so that a Word page
holds what a PDF page holds."""

from __future__ import annotations

from datetime import datetime

from app.memo.document import MemoDocument

SMALL_STYLE = "Memo Small"
SOURCE_STYLE = "Memo Source"
# Line heights as multiples of the font size, the same as the PDF's styles (pdf_writer._styles), so a Word
# page holds what a PDF page holds. "At least", so a taller glyph (a CJK fallback font) is never clipped.
BODY_LEADING = 1.25
SMALL_LEADING = 1.3
TITLE_LEADING = 1.2
HEADER_DISTANCE = 0.42  # inches from the top edge to the header's first line
FOOTER_DISTANCE = 0.38  # inches from the bottom edge to the footer's last line


def set_up_styles(doc, layout) -> None:
    """Normal, Title, Heading 1, List Bullet, Header, Footer and Subtitle as the PDF draws them, and the
    app's own small and source styles; the document defaults name the template's fonts."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches, Pt, RGBColor

    lay = layout
    styles = doc.styles
    _document_defaults(doc, layout)
    normal = styles["Normal"]
    _style_font(layout, normal, lay.body_pt)
    normal.paragraph_format.space_after = Pt(6)
    _leading(normal, lay.body_pt * BODY_LEADING)

    title = styles["Title"]
    _style_font(layout, title, lay.doc_type_pt, bold=True)
    _leading(title, lay.doc_type_pt * BODY_LEADING)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    _remove_child(title.element.pPr, "w:pBdr")  # the stock Title has a blue rule under it
    heading = styles["Heading 1"]
    _style_font(layout, heading, lay.heading_pt, bold=True)
    heading.paragraph_format.space_before = Pt(10)  # as the PDF's headings
    _leading(heading, lay.heading_pt * BODY_LEADING)
    heading.paragraph_format.space_after = Pt(4)
    for style in (title, heading):
        style.font.color.rgb = RGBColor(0, 0, 0)
    bullet = styles["List Bullet"]
    _style_font(layout, bullet, lay.body_pt)
    bullet.paragraph_format.space_after = Pt(6)
    _leading(bullet, lay.body_pt * BODY_LEADING)
    # The stock List Bullet drops the space between bullets ("contextual spacing"); the PDF keeps it.
    _remove_child(bullet.element.pPr, "w:contextualSpacing")
    _bullet_glyph(doc, layout)

    small = styles.add_style(SMALL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    _style_font(layout, small, lay.small_pt)
    small.paragraph_format.space_after = Pt(3)
    _leading(small, lay.small_pt * SMALL_LEADING)
    source = styles.add_style(SOURCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    source.base_style = small
    source.paragraph_format.left_indent = Inches(0.4)
    source.paragraph_format.first_line_indent = Inches(-0.4)
    source.paragraph_format.space_after = Pt(4)
    for name in ("Header", "Footer"):
        _style_font(layout, styles[name], lay.small_pt)
        styles[name].paragraph_format.space_after = Pt(0)
        _leading(styles[name], lay.small_pt * SMALL_LEADING)
    subtitle = styles["Subtitle"]
    _style_font(layout, subtitle, lay.heading_pt + 4, bold=True)
    subtitle.font.italic = False
    subtitle.font.color.rgb = RGBColor(0, 0, 0)
    subtitle.paragraph_format.space_after = Pt(8)
    _leading(subtitle, (lay.heading_pt + 4) * TITLE_LEADING)


def set_up_page(section, layout) -> None:
    """Page size and margins, and where header and footer sit, as in the PDF."""
    from docx.shared import Inches

    lay = layout
    section.page_width, section.page_height = Inches(lay.page_width), Inches(lay.page_height)
    section.top_margin, section.bottom_margin = Inches(lay.margin_top), Inches(lay.margin_bottom)
    section.left_margin, section.right_margin = Inches(lay.margin_left), Inches(lay.margin_right)
    # Where the PDF draws its furniture: the top banner's baseline 0.55 in from the top edge, the bottom
    # banner's 0.42 in from the bottom edge (a line's ascent and descent away from these distances).
    section.header_distance = Inches(HEADER_DISTANCE)
    section.footer_distance = Inches(FOOTER_DISTANCE)


def _bullet_glyph(doc, layout) -> None:
    """List Bullet's bullet as the PDF draws it: "•" in the body font, 4 pt in, text at 18 pt. The stock
    one is the Symbol font's private-use bullet, which LibreOffice prints larger, in OpenSymbol."""
    from docx.oxml.ns import qn

    numbering = doc.part.numbering_part.element
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
            set_fonts(rpr, layout.docx_latin, layout.docx_east_asia)
        ppr = level.find(qn("w:pPr"))
        if ppr is not None:
            for tab in ppr.iter(qn("w:tab")):
                tab.set(qn("w:pos"), "360")
            for ind in ppr.iter(qn("w:ind")):
                ind.set(qn("w:left"), "360")  # 18 pt
                ind.set(qn("w:hanging"), "280")  # the bullet at 4 pt


def _document_defaults(doc, layout) -> None:
    """The stock defaults name theme fonts (Calibri) and English for East Asian text: name the template's
    fonts instead, and Japanese, so text outside any style still prints as in the PDF."""
    from docx.oxml.ns import qn

    rpr = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    set_fonts(rpr, layout.docx_latin, layout.docx_east_asia)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "ja-JP")


def set_core_properties(doc, memo: MemoDocument) -> None:
    """The core properties (title, subject, author, keywords ...), each cut to what Word keeps."""
    meta, props = memo.meta, doc.core_properties
    props.title = _property(meta.title)
    props.subject = _property(meta.subject)
    props.author = _property(meta.author)
    props.last_modified_by = _property(meta.author)
    props.keywords = _property("; ".join(meta.keywords))
    props.category = _property(meta.category)
    props.comments = _property(f"{memo.banner}. Made with Briefing Builder from open sources.")
    props.revision = 1
    now = datetime.now().replace(microsecond=0)
    props.created = props.modified = now


def _style_font(layout, style, size: float, bold: bool | None = None) -> None:
    from docx.shared import Pt

    style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    set_fonts(style.element.get_or_add_rPr(), layout.docx_latin, layout.docx_east_asia)


PROPERTY_CHARS = 255  # python-docx refuses longer core properties (and Word shows no more)


def _property(text: str) -> str:
    """A document property that fits: a long subject or many section titles are cut at a word."""
    if len(text) <= PROPERTY_CHARS:
        return text
    return text[: PROPERTY_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ;,") + "\u2026"


def set_fonts(rpr, latin: str, east_asia: str) -> None:
    """Name the fonts of a run or style outright (Latin and East Asian), never through the theme."""
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

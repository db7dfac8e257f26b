"""How long a memo will be, without laying it out: vertical space estimated block by block from the
template's page, margins and type sizes, in the same terms as the PDF renderer (leading = 1.25 x the size
for body text, 1.3 x for small text, the renderer's paragraph spacing and table padding).

Then the blocks are paged as the renderer pages them: a heading moves with the block after it, a block
that cannot split moves to the next page, paragraphs and tables split at a line or a row.

Calibrated against real renders (``bench/budget_calibration.py``): Liberation Serif averages 0.41 em per
character on news text, DejaVu Serif 0.52 (``char_em`` is a little more), and wrapping loses a few
characters a line. Block heights come within 2 % of reportlab's own; the page count matches the render up
to about 8 pages and runs 5-8 % short beyond, where a default selection never goes.
"""

from __future__ import annotations

import math

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
from app.memo.template import Layout

CHAR_EM = 0.53  # average advance of a character (space included), in em, of a font that cannot be measured
# the same, measured on news text (plus a little) for the bundled body fonts; others are measured on first use
_KNOWN_EM = {"LiberationSerif-Regular.ttf": 0.42, "DejaVuSerif.ttf": 0.53}
_SAMPLE = ("The foreign and defence ministers of the two countries met in Tokyo on Sunday and agreed to "
           "upgrade the command of their forces, announcing new cooperation on missiles worth $1.5 billion.")
WRAP_SLACK = 3.0  # characters lost at the end of each wrapped line
INCH = 72.0
BULLET_INDENT = 18.0
_NOTE_REF = 2.5  # characters a superscript note number adds to its paragraph


def char_em(font_file: str) -> float:
    """Average advance of a character of the font in ``resources/fonts``, in em."""
    known = _KNOWN_EM.get(font_file)
    if known is None:
        known = _KNOWN_EM[font_file] = _measure(font_file)
    return known


def _measure(font_file: str) -> float:
    try:
        from reportlab.pdfbase.ttfonts import TTFontFile

        from app.shared.paths import resource_path

        font = TTFontFile(str(resource_path("fonts", font_file)))
        widths = font.charWidths
        return sum(widths.get(ord(c), font.defaultWidth) for c in _SAMPLE) / len(_SAMPLE) / 1000 + 0.015
    except Exception:  # noqa: BLE001 - any unreadable font: the estimate falls back to a wide one
        return CHAR_EM


def lines(text_chars: int, width_pt: float, size_pt: float, em: float) -> int:
    """Lines a paragraph of ``text_chars`` characters takes in a column ``width_pt`` wide."""
    per_line = max(8.0, width_pt / (size_pt * em) - WRAP_SLACK)
    return max(1, math.ceil(text_chars / per_line))


def cell_lines(text: str, width_pt: float, size_pt: float, em: float) -> int:
    """Lines of a short text (a table cell) wrapped word by word: in a narrow column the rounding of a
    whole-paragraph estimate would double every row. CJK characters count as two."""
    advance = size_pt * em  # one character, in points
    count, used = 1, 0.0
    for word in text.split():
        w = sum(2 if ord(c) > 0x2E80 else 1 for c in word) * advance
        if used and used + advance + w > width_pt:
            count, used = count + 1, w
        else:
            used += (advance if used else 0.0) + w
    return count


def frame_height(layout: Layout) -> float:
    return (layout.page_height - layout.margin_top - layout.margin_bottom) * INCH


def frame_width(layout: Layout) -> float:
    return (layout.page_width - layout.margin_left - layout.margin_right) * INCH


_TABLES: dict[tuple[Table, float, float, float], float] = {}


class Estimator:
    """Heights in points of the parts of a memo laid out with ``layout``."""

    def __init__(self, layout: Layout, uses_notes: bool) -> None:
        self.layout, self.uses_notes = layout, uses_notes
        self.width = frame_width(layout)
        self.body_lead = layout.body_pt * 1.25
        self.small_lead = layout.small_pt * 1.3
        self.em = char_em(layout.pdf_regular)

    def body(self, chars: int, indent: float = 0.0, after: float = 6.0) -> float:
        return lines(chars, self.width - indent, self.layout.body_pt, self.em) * self.body_lead + after

    def small(self, chars: int, indent: float = 0.0, after: float = 3.0) -> float:
        return lines(chars, self.width - indent, self.layout.small_pt, self.em) * self.small_lead + after

    def heading(self) -> float:
        return self.layout.heading_pt * 1.25 + 14.0

    def note(self, text: str) -> float:
        return self.small(len(text) + 4, indent=28.0, after=4.0)

    def cites(self, citations: tuple[int, ...], notes: tuple[str, ...]) -> tuple[int, float]:
        """(characters the citation marks add to the paragraph, height of their notes in the Notes list)."""
        if not self.uses_notes:
            return 4 * len(citations), 0.0
        # a citation with a note prints as a superscript number, one without as "[n]" (Sources list)
        written = [n for n in notes if n]
        marks = int(_NOTE_REF * len(written)) + 4 * (len(citations) - len(written))
        return marks, sum(self.note(n) for n in written)

    def fact(self, block: FactParagraph, indent: float = BULLET_INDENT, after: float = 6.0) -> float:
        extra, notes = self.cites(block.citations, block.notes)
        chars = len(block.text) + len(block.portion) + len(block.marker) + extra + 2
        return self.body(chars, indent=indent, after=after) + notes

    def table(self, block: Table) -> float:
        # The same table (participants above all) comes back in every estimate of a selection.
        key = (block, self.width, self.layout.small_pt, self.em)
        height = _TABLES.get(key)
        if height is None:
            if len(_TABLES) >= 64:
                _TABLES.clear()
            height = _TABLES[key] = self._table(block)
        return height

    def _table(self, block: Table) -> float:
        widths = [self.width * w - 6.0 for w in block.relative_widths()]
        height = 8.0 + (self.body(len(block.title), after=3.0) + 4.0 if block.title else 0.0)
        for r in range(-1, len(block.rows)):
            tallest = 1
            for c, width in enumerate(widths):
                text = block.columns[c] if r < 0 else block.cell_text(r, c)
                tallest = max(tallest, cell_lines(text, width, self.layout.small_pt, self.em))
            height += tallest * self.small_lead + 6.0
        return height

    def block(self, block: object) -> float:
        lay = self.layout
        if isinstance(block, FactParagraph):
            return self.fact(block, BULLET_INDENT if block.bullet else 0.0)
        if isinstance(block, SectionHeading):
            return self.heading()
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Summary):
            extra, notes = self.cites(block.citations, block.notes)
            return self.body(len(block.text) + len(block.title) + len(block.portion) + extra + 3,
                             after=10.0) + notes
        if isinstance(block, HeaderBlock):
            rows = sum(lines(len(r.value) or 1, self.width - 1.1 * INCH, lay.body_pt, self.em) * self.body_lead + 4.0
                       for r in block.rows)
            return rows + 15.0
        if isinstance(block, DocTypeLine):
            height = lay.doc_type_pt * 1.25 + (2.0 if block.date_text else 14.0)
            return height + (self.body_lead + 14.0 if block.date_text else 0.0)
        if isinstance(block, SubjectTitle):
            size = lay.heading_pt + 4
            return lines(len(block.text), self.width, size, self.em) * size * 1.2 + 15.0
        if isinstance(block, KeyFactsBox):
            return 20.0 + self.body(len(block.title), after=4.0) + sum(
                self.fact(item, indent=30.0, after=3.0) for item in block.items)
        if isinstance(block, DifferNote):
            text = len(block.label) + len(block.reason) + sum(len(v.text) + len(v.marker) + 6
                                                              for v in block.versions)
            notes = sum(self.cites(v.citations, v.notes)[1] for v in block.versions)
            return self.small(text, indent=36.0, after=6.0) + notes
        if isinstance(block, Note):
            return self.small(len(block.text) + len(block.portion))
        if isinstance(block, SourcesList):
            entries = sum(self.note(e.text) for e in block.entries)
            return self.heading() + entries + (self.small(len(block.note)) if block.note else 0.0)
        if isinstance(block, DraftedBy):
            return 14.0 + len(block.rows) * (self.small_lead + 3.0)
        return self.body_lead


def estimate_points(memo: MemoDocument) -> float:
    """The memo's height in points of text frame, as if it were one long page (no page-break waste)."""
    return sum(u[0] for u in _units(memo))


# Space after the last line of each kind of block, part of its estimated height: a heading's space before
# overlaps it (the renderer keeps the larger of the two, not both).
_AFTER = {FactParagraph: 6.0, Summary: 10.0, DifferNote: 6.0, Note: 3.0, HeaderBlock: 10.0, DocTypeLine: 14.0,
          SourcesList: 4.0, DraftedBy: 3.0, SubjectTitle: 10.0}
HEADING_BEFORE = 10.0
Unit = tuple[float, float, bool, float]  # height, split step (0: never splits), heading, space after


def _units(memo: MemoDocument) -> list[Unit]:
    """The blocks in print order, the Notes list last; a heading is kept with the block after it, as the
    renderer does."""
    est = Estimator(memo.layout, memo.citation_style in ("endnotes", "footnotes"))
    units: list[Unit] = []
    notes = 0.0
    for block in memo.blocks:
        height = est.block(block)
        moved = _notes_height(est, block)  # notes print at the end: their height moves there
        notes += moved
        height -= moved
        after = _AFTER.get(type(block), 0.0)
        if isinstance(block, SectionHeading):
            units.append((height, 0.0, True, 4.0))
        elif isinstance(block, Table):
            units.append((height, height / max(len(block.rows) + 1, 1), False, after))
        elif isinstance(block, FactParagraph | Summary | KeyFactsBox):
            units.append((height, est.body_lead, False, after))
        elif isinstance(block, DifferNote | Note | SourcesList):
            units.append((height, est.small_lead, False, after))
        else:
            units.append((height, 0.0, False, after))
    if notes:
        units.append((est.heading(), 0.0, True, 4.0))
        units.append((notes, est.small_lead, False, 4.0))
    return units


def _notes_height(est: Estimator, block: object) -> float:
    if isinstance(block, FactParagraph | Summary):
        return est.cites(block.citations, block.notes)[1]
    if isinstance(block, KeyFactsBox):
        return sum(est.cites(i.citations, i.notes)[1] for i in block.items)
    if isinstance(block, DifferNote):
        return sum(est.cites(v.citations, v.notes)[1] for v in block.versions)
    return 0.0


def paginate(units: list[Unit], frame: float) -> float:
    """Pages the units fill, the last one fractional: a block that does not fit where it falls moves to the
    next page when it cannot split (or is a heading, moved with what follows), else splits at a whole line
    or table row."""
    page, used, prev_after = 0, 0.0, 0.0
    for i, (height, step, heading, after) in enumerate(units):
        if heading:
            # reportlab's KeepTogether: the heading and its block go to the next page unless both fit here
            overlap = min(prev_after, HEADING_BEFORE)
            pair = height - overlap + (units[i + 1][0] if i + 1 < len(units) else 0.0)
            if used and used + pair > frame:
                page, used = page + 1, 0.0
            used += height - (HEADING_BEFORE if used == 0.0 else overlap)
            prev_after = after
            continue
        while used + height > frame:
            room = frame - used
            if step <= 0 or room < step:
                if used == 0.0:  # taller than a page and unsplittable: cut, as the renderer would
                    height -= frame
                page, used = page + 1, 0.0
                if height <= 0:
                    break
                continue
            height -= int(room // step) * step
            page, used = page + 1, 0.0
        used += max(height, 0.0)
        prev_after = after
    return page + used / frame


def estimate_pages(memo: MemoDocument) -> int:
    """Pages the PDF renderer will print for ``memo``, estimated from its blocks."""
    return max(1, math.ceil(paginate(_units(memo), frame_height(memo.layout)) - 1e-6))


def estimate_fraction(memo: MemoDocument) -> float:
    return paginate(_units(memo), frame_height(memo.layout))


def page_budget(briefing) -> int:
    """The page budget of the briefing's template for its number of articles (2 if the template is broken)."""
    from app.memo.template import load_template
    from app.shared.errors import ExportError

    try:
        template = load_template(briefing.memo.template)
    except ExportError:
        template = load_template()
    return template.page_budget.pages_for(len(briefing.articles))


def budget_note(pages: int, budget: int) -> str:
    """"3 pages — over the 2-page budget" when ``pages`` exceeds ``budget``, else ""."""
    if pages <= budget:
        return ""
    return f"{pages} pages \u2014 over the {budget}-page budget"

"""The memo as an ordered list of blocks: the one thing both the DOCX and the PDF renderer draw.

Every string in a block is already clean (see ``app.memo.text``); renderers only escape for their format.
To add a kind of block, add a dataclass here and a handler in each renderer's dispatch table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.memo.template import Layout


@dataclass(frozen=True)
class DocTypeLine:
    """``INFORMATION MEMO``, optionally with the spelled-out date under it."""

    title: str
    date_text: str = ""


@dataclass(frozen=True)
class HeaderRow:
    label: str  # "TO:"
    value: str


@dataclass(frozen=True)
class HeaderBlock:
    """TO / FROM / THROUGH / DATE / SUBJECT rows, closed by a rule."""

    rows: tuple[HeaderRow, ...]


@dataclass(frozen=True)
class SectionHeading:
    title: str
    key: str = ""
    level: int = 1


@dataclass(frozen=True)
class FactParagraph:
    """One fact: ``[portion] [marker] text [1][2]``; a bullet or a plain paragraph."""

    text: str
    citations: tuple[int, ...] = ()
    status: str = "reported"
    marker: str = ""  # "(expected)": printed in italics before the text
    portion: str = ""  # "(U)" when the template portion-marks every paragraph
    bullet: bool = True
    fact_id: str = ""
    notes: tuple[str, ...] = ()  # one foot/endnote text per citation, same order

    @property
    def citation_text(self) -> str:
        return citation_text(self.citations)

    @property
    def plain(self) -> str:
        parts = [self.portion, self.marker, self.text, self.citation_text]
        return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class Note:
    """A 10 pt remark such as "no facts selected"."""

    text: str
    italic: bool = True
    portion: str = ""


@dataclass(frozen=True)
class Summary:
    """The BLUF: the user's own summary, or one drafted from the top-ranked facts (``drafted``)."""

    title: str  # "BLUF", "Bottom line", "Summary"
    text: str
    citations: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()
    portion: str = ""
    drafted: bool = False
    # A drafted summary cites sentence by sentence: (sentence, citations, notes) each; empty: ``text`` whole.
    sentences: tuple[tuple[str, tuple[int, ...], tuple[str, ...]], ...] = ()

    @property
    def plain(self) -> str:
        if self.sentences:
            body = " ".join(" ".join(p for p in (text, citation_text(nums)) if p)
                            for text, nums, _ in self.sentences)
            return " ".join(p for p in (self.portion, f"{self.title}:" if self.title else "", body) if p)
        parts = [self.portion, f"{self.title}:" if self.title else "", self.text,
                 citation_text(self.citations)]
        return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class SubjectTitle:
    """The subject set large as the document's title (briefs), not as a header row."""

    text: str


@dataclass(frozen=True)
class KeyFactsBox:
    """A boxed, shaded list of the most important facts (executive brief sidebar)."""

    title: str
    items: tuple[FactParagraph, ...]


@dataclass(frozen=True)
class Version:
    """One source's side of a disagreement."""

    text: str
    citations: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()
    marker: str = ""


@dataclass(frozen=True)
class DifferNote:
    """Sources disagree: every version with its own citations, printed right after the fact concerned."""

    label: str  # "Sources differ:"
    reason: str
    versions: tuple[Version, ...]
    portion: str = ""

    @property
    def plain(self) -> str:
        sides = "; ".join(" ".join(p for p in (v.marker, f"\u201c{v.text}\u201d", citation_text(v.citations))
                                   if p) for v in self.versions)
        head = " ".join(p for p in (self.portion, self.label, _end(self.reason) if self.reason else "") if p)
        return f"{head} {sides}"


@dataclass(frozen=True)
class SourceEntry:
    number: int
    outlet: str
    title: str
    published: str  # spelled-out date or ""
    file: str  # file name or URL
    article_id: str = ""

    @property
    def text(self) -> str:
        """``Outlet. "Title." July 28, 2024. file.txt`` with the empty parts left out."""
        parts = []
        if self.outlet:
            parts.append(_end(self.outlet))
        if self.title:
            parts.append(f"\u201c{_end(self.title)}\u201d")
        if self.published:
            parts.append(_end(self.published))
        if self.file:
            parts.append(self.file)
        return " ".join(parts)

    @property
    def label(self) -> str:
        return f"[{self.number}]"


@dataclass(frozen=True)
class SourcesList:
    title: str
    entries: tuple[SourceEntry, ...]
    note: str = ""  # one line on how strong the sourcing is


@dataclass(frozen=True)
class DraftedBy:
    """Closing block in small type: ``Drafted: name`` and the like."""

    rows: tuple[HeaderRow, ...]


@dataclass(frozen=True)
class Table:
    """A grid with a header row: participants, key figures, timeline.

    ``widths`` are relative column widths; ``row_citations[i]`` are the source numbers printed (as links to
    the Sources list) in the last column of row ``i`` when ``cite_column`` is true.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str = ""
    key: str = ""
    widths: tuple[float, ...] = ()
    row_citations: tuple[tuple[int, ...], ...] = ()
    cite_column: bool = False

    def cell_text(self, row: int, col: int) -> str:
        values = self.rows[row]
        if self.cite_column and col == len(self.columns) - 1:
            cited = self.row_citations[row] if row < len(self.row_citations) else ()
            return citation_text(cited)
        return values[col] if col < len(values) else ""

    def relative_widths(self) -> tuple[float, ...]:
        n = max(1, len(self.columns))
        if len(self.widths) == n and all(w > 0 for w in self.widths):
            total = sum(self.widths)
            return tuple(w / total for w in self.widths)
        return (1.0 / n,) * n


Block = (DocTypeLine | HeaderBlock | SubjectTitle | Summary | KeyFactsBox | SectionHeading | FactParagraph
         | DifferNote | Note | SourcesList | DraftedBy | Table)


@dataclass(frozen=True)
class DocMeta:
    """File properties: PDF info dictionary and DOCX core properties."""

    title: str = ""
    subject: str = ""
    author: str = ""
    keywords: tuple[str, ...] = ()
    category: str = ""


@dataclass
class MemoDocument:
    banner: str  # classification, printed at the top and bottom of every page
    meta: DocMeta = field(default_factory=DocMeta)
    blocks: list[Block] = field(default_factory=list)
    layout: Layout = field(default_factory=Layout)
    citation_style: str = "brackets"  # endnotes | footnotes | brackets (see MemoTemplate.citations)
    notes_title: str = "Notes"  # heading of the PDF's list of notes when citations are foot/endnotes
    shade: str = "#EEF1F5"

    def facts(self) -> list[FactParagraph]:
        return [b for b in self.blocks if isinstance(b, FactParagraph)]

    def plain_text(self) -> str:
        """The memo as plain text, one block per line: for previews, logs and tests."""
        lines = [self.banner]
        for block in self.blocks:
            lines.extend(_plain_lines(block))
        lines.append(self.banner)
        return "\n".join(lines)


def _plain_lines(block: Block) -> list[str]:
    if isinstance(block, DocTypeLine):
        return [block.title] + ([block.date_text] if block.date_text else [])
    if isinstance(block, HeaderBlock | DraftedBy):
        return [f"{row.label} {row.value}".rstrip() for row in block.rows]
    if isinstance(block, SectionHeading):
        return ["", block.title]
    if isinstance(block, FactParagraph):
        return [("- " if block.bullet else "") + block.plain]
    if isinstance(block, Note):
        return [" ".join(p for p in (block.portion, block.text) if p)]
    if isinstance(block, SubjectTitle):
        return [block.text]
    if isinstance(block, Summary | DifferNote):
        return [block.plain]
    if isinstance(block, KeyFactsBox):
        return ["", block.title] + ["- " + item.plain for item in block.items]
    if isinstance(block, SourcesList):
        lines = ["", block.title] + [f"{e.label} {e.text}" for e in block.entries]
        return lines + ([block.note] if block.note else [])
    if isinstance(block, Table):
        rows = [" | ".join(block.columns)]
        rows += [" | ".join(block.cell_text(r, c) for c in range(len(block.columns)))
                 for r in range(len(block.rows))]
        return ([block.title] if block.title else []) + rows
    raise TypeError(f"unknown memo block {type(block).__name__}")


def citation_text(numbers: tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def _end(text: str) -> str:
    """Close a citation part with a period unless it already ends in punctuation."""
    return text if text[-1:] in ".?!\u2026\u3002\uff01\uff1f" else text + "."

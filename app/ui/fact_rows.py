"""The rows of the fact tree: a section's facts, those the filter shows and how many are ticked; and what
tells the model that a row, or the layout, changed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.domain import Fact


class SectionRow:
    __slots__ = ("key", "title", "all", "facts", "ticked")

    def __init__(self, key: str, title: str) -> None:
        self.key, self.title = key, title
        self.all: list[Fact] = []  # every fact of the section, briefing order
        self.facts: list[Fact] = []  # the ones the filter shows (the rows)
        self.ticked = 0

    def showing(self, facts: list[Fact]) -> SectionRow:
        row = SectionRow(self.key, self.title)
        row.all, row.facts, row.ticked = self.all, facts, self.ticked
        return row

    def state(self) -> Qt.CheckState:
        if self.ticked == 0:
            return Qt.CheckState.Unchecked
        return Qt.CheckState.Checked if self.ticked == len(self.all) else Qt.CheckState.PartiallyChecked


def row_signature(fact: Fact) -> tuple:
    """What a fact row shows; a changed signature means a dataChanged for that row."""
    return (id(fact), fact.memo_wording(), fact.included, fact.score, fact.status, len(fact.sources),
            len(fact.conflicts), fact.needs_context)


def row_layout(sections: list[SectionRow]) -> list[tuple[str, list[Fact]]]:
    """What the rows show, structurally: equal means no layout change is needed. List equality tries
    identity first, so the usual case (the same fact objects, edited in place) costs no field comparisons."""
    return [(s.key, s.facts) for s in sections]

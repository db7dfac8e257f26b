"""Undoable edits to a Briefing, free of Qt.

An :class:`Edit` changes a :class:`~app.domain.Briefing` in place and returns the edit that undoes it, so undo
and redo are the same operation run in turn: ``inverse = edit.apply(b); edit_again = inverse.apply(b)``.
The GUI wraps edits in a QUndoCommand (``app/ui/undo.py``); the core never needs Qt for them.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Protocol, runtime_checkable

from app.domain import Briefing, Fact
from app.shared.errors import BriefingError


class EditError(BriefingError):
    """An edit could not be applied (e.g. its fact is gone); the briefing is left unchanged."""


@runtime_checkable
class EditLike(Protocol):
    text: str

    def apply(self, briefing: Briefing) -> EditLike: ...


class Edit:
    """Base class: subclasses set ``text`` (the undo-menu wording) and implement :meth:`apply`.

    ``merge_key``: consecutive edits with the same non-None key may be merged into one undo step (typing in a
    field); the merged step redoes the newest edit and undoes with the oldest edit's inverse.
    """

    text: str = "Edit"
    merge_key: Hashable | None = None

    def apply(self, briefing: Briefing) -> Edit:  # pragma: no cover - abstract
        raise NotImplementedError

    def is_noop(self, briefing: Briefing) -> bool:
        """True when applying would change nothing (callers may skip pushing it)."""
        return False

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.text!r}>"


class CompositeEdit(Edit):
    """Several edits as one undo step; the inverse runs the parts' inverses in reverse order."""

    def __init__(self, text: str, parts: list[Edit]) -> None:
        self.text = text
        self.parts = list(parts)

    def apply(self, briefing: Briefing) -> Edit:
        done: list[Edit] = []
        try:
            for part in self.parts:
                done.append(part.apply(briefing))
        except Exception:
            for inverse in reversed(done):  # leave the briefing as it was
                inverse.apply(briefing)
            raise
        return CompositeEdit(self.text, list(reversed(done)))


# -- helpers shared by edit modules --------------------------------------------------------------------------
def find_fact(briefing: Briefing, fact_id: str) -> Fact:
    for fact in briefing.facts:
        if fact.id == fact_id:
            return fact
    raise EditError(f"The fact {fact_id} is no longer in the briefing")


def fact_positions(briefing: Briefing) -> dict[str, int]:
    return {fact.id: i for i, fact in enumerate(briefing.facts)}


def plural(n: int, one: str, many: str | None = None) -> str:
    """``plural(1, "fact") == "fact"``, ``plural(3, "fact") == "3 facts"``."""
    return one if n == 1 else f"{n} {many or one + 's'}"


def new_fact_id(briefing: Briefing, taken: set[str] | None = None) -> str:
    """A fresh "F###" id one above the highest numbered id in use."""
    used = {f.id for f in briefing.facts} | (taken or set())
    top = 0
    for fid in used:
        digits = fid[1:] if fid[:1] == "F" else ""
        # ASCII digits only ("F²" is no number) and not thousands of them (a hand-edited project)
        if digits.isascii() and digits.isdigit() and len(digits) <= 15:
            top = max(top, int(digits))
    candidate = top + 1
    while f"F{candidate:03d}" in used:
        candidate += 1
    return f"F{candidate:03d}"

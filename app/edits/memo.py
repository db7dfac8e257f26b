"""Undoable edits to the memo header, its summary and the participants table (Qt-free)."""

from __future__ import annotations

from dataclasses import fields

from app.domain import Briefing, Entity, MemoMeta
from app.edits.base import Edit, EditError

MEMO_LABELS = {"to": "To", "sender": "From", "date": "date", "subject": "subject",
               "classification": "classification", "template": "template", "through": "Through",
               "summary": "summary"}
ENTITY_LABELS = {"name": "name", "native_name": "native name", "role": "role", "country": "country"}
_MEMO_FIELDS = {f.name for f in fields(MemoMeta)}


class SetMemoField(Edit):
    """Set one MemoMeta field. Typing in the same field merges into one undo step."""

    def __init__(self, field: str, value: object, typing: bool = True) -> None:
        if field not in _MEMO_FIELDS:
            raise ValueError(f"MemoMeta has no field {field!r}")
        self.field, self.value = field, value
        self.text = f"Edit memo {MEMO_LABELS.get(field, field)}"
        self.merge_key = ("memo", field) if typing else None

    def is_noop(self, briefing: Briefing) -> bool:
        return getattr(briefing.memo, self.field) == self.value

    def apply(self, briefing: Briefing) -> Edit:
        old = getattr(briefing.memo, self.field)
        setattr(briefing.memo, self.field, self.value)
        inverse = SetMemoField(self.field, old, typing=self.merge_key is not None)
        inverse.text = self.text
        return inverse


def person(briefing: Briefing, index: int, name: str) -> Entity:
    """``briefing.entities[index]``, checked to still be the person the edit was made for."""
    if 0 <= index < len(briefing.entities):
        entity = briefing.entities[index]
        if entity.type == "person" and entity.name == name:
            return entity
    raise EditError(f"{name} is no longer in the participants list")


class SetParticipantField(Edit):
    """Change a participant's name, native name, role or country (``briefing.entities[index]``)."""

    def __init__(self, index: int, name: str, field: str, value: str) -> None:
        if field not in ENTITY_LABELS:
            raise ValueError(f"participants have no editable field {field!r}")
        self.index, self.name, self.field, self.value = index, name, field, value
        self.text = f"Edit participant {ENTITY_LABELS[field]}"

    def is_noop(self, briefing: Briefing) -> bool:
        return getattr(person(briefing, self.index, self.name), self.field) == self.value

    def apply(self, briefing: Briefing) -> Edit:
        entity = person(briefing, self.index, self.name)
        old = getattr(entity, self.field)
        setattr(entity, self.field, self.value)
        inverse = SetParticipantField(self.index, entity.name, self.field, old)
        inverse.text = self.text
        return inverse


class TickParticipant(Edit):
    """Show or leave out a participant in the memo's participants table."""

    def __init__(self, index: int, name: str, included: bool) -> None:
        self.index, self.name, self.included = index, name, included
        self.text = f"{'Tick' if included else 'Untick'} participant {name}"

    def is_noop(self, briefing: Briefing) -> bool:
        return person(briefing, self.index, self.name).included == self.included

    def apply(self, briefing: Briefing) -> Edit:
        entity = person(briefing, self.index, self.name)
        old = entity.included
        entity.included = self.included
        inverse = TickParticipant(self.index, self.name, old)
        inverse.text = self.text
        return inverse

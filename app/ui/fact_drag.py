"""Dragging facts within the fact tree: the ids a drag carries (only this model's own) and the one undoable
move a drop makes. ``FactDragDrop`` is the drag-and-drop half of ``FactModel``; it reads the model's rows
(``_sections``), facts (``_facts``) and ``_token``, and hands the edit to ``request()``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt

from app.domain import Briefing
from app.edits import Edit
from app.edits.facts import move_facts

FACT_IDS_MIME = "application/x-briefing-fact-ids"

_Index = QModelIndex | QPersistentModelIndex


class FactDragDrop:
    """The drag-and-drop overrides of the fact tree: facts move between and within sections."""

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [FACT_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        chosen = {f.id for f in (self.fact(i) for i in indexes) if f is not None}
        ordered = [f.id for sec in self._sections for f in sec.facts if f.id in chosen]
        data = QMimeData()
        payload = {"model": self._token, "ids": ordered}
        data.setData(FACT_IDS_MIME, json.dumps(payload).encode("utf-8"))
        return data

    def dragged_ids(self, data: QMimeData) -> list[str]:
        """The fact ids a drag carries, if it started in this model (ids mean nothing in another window)."""
        if data is None or not data.hasFormat(FACT_IDS_MIME):
            return []
        try:
            payload = json.loads(bytes(data.data(FACT_IDS_MIME)).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return []
        if not isinstance(payload, dict) or payload.get("model") != self._token:
            return []
        ids = payload.get("ids")
        return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: _Index) -> bool:
        return action == Qt.DropAction.MoveAction and bool(self.dragged_ids(data)) and parent.isValid()

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: _Index) -> bool:
        """Move the dragged facts to ``row`` of the section ``parent`` (one undoable edit)."""
        edit = self.drop_edit(self.dragged_ids(data), row, parent) if action == Qt.DropAction.MoveAction \
            else None
        if edit is None:
            return False
        self.request(edit)
        return True  # the model has no removeRows, so the view's "remove the source rows" is a no-op

    def drop_edit(self, ids: list[str], row: int, parent: _Index) -> Edit | None:
        if not ids or not parent.isValid():
            return None
        if parent.internalId() != 0:  # dropped onto a fact: goes before it
            row, parent = parent.row(), parent.parent()
        key = self.section_key(parent)
        if key is None:
            return None
        shown = self._sections[parent.row()].facts
        moving = set(ids)
        before = next((f.id for f in shown[max(row, 0):] if f.id not in moving), None) if row >= 0 else None
        briefing = Briefing(facts=self._facts)
        try:
            edit = move_facts(briefing, ids, key, before_id=before)
        except Exception:  # noqa: BLE001 - stale drag data (facts gone): ignore the drop
            return None
        return None if edit.is_noop(briefing) else edit

"""The people in the briefing's entities as an editable, tickable table (the memo's participants).

Edits do not change an Entity directly: they go out as ``app.edits.memo`` edits through ``apply_edit`` (the
panel pushes them on the window's undo stack), and the model shows the result.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.domain import Briefing, Entity
from app.edits.base import Edit
from app.edits.memo import SetParticipantField, TickParticipant
from app.ui import plain_text

COLUMNS = (("name", "Name"), ("native_name", "Native name"), ("role", "Role"), ("country", "Country"))
COL_NAME = 0
_TIPS = ("Tick the people the memo's participants table lists; double-click to correct a name",
         "The name in its own script, e.g. 木原稔", "Office or title, e.g. Defense Minister",
         "The country the person represents")
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class ParticipantsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._briefing = Briefing()
        self._rows: list[int] = []  # index into briefing.entities of each row's person
        self.apply_edit: Callable[[Edit], None] = lambda edit: edit.apply(self._briefing)

    @property
    def briefing(self) -> Briefing:
        return self._briefing

    def set_briefing(self, briefing: Briefing) -> None:
        self.beginResetModel()
        self._briefing = briefing
        self._rows = [i for i, e in enumerate(briefing.entities) if e.type == "person"]
        self.endResetModel()

    def refresh(self) -> None:
        """The entities changed in place (an edit or its undo): repaint, or rebuild if people came or went."""
        rows = [i for i, e in enumerate(self._briefing.entities) if e.type == "person"]
        if rows != self._rows:
            self.set_briefing(self._briefing)
        elif rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))

    def entity(self, row: int) -> Entity | None:
        if 0 <= row < len(self._rows) and self._rows[row] < len(self._briefing.entities):
            return self._briefing.entities[self._rows[row]]
        return None

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _TIPS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
        if index.column() == COL_NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        entity = self.entity(index.row()) if index.isValid() else None
        if entity is None:
            return None
        field = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return getattr(entity, field)
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == COL_NAME:
            return Qt.CheckState.Checked if entity.included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            also = f"\nAlso named: {', '.join(entity.aliases)}" if entity.aliases else ""
            return plain_text.tip(f"{entity.name}: {entity.mentions} mention(s){also}")
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        entity = self.entity(index.row()) if index.isValid() else None
        if entity is None:
            return False
        where = self._rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == COL_NAME:
            state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))  # type: ignore[arg-type]
            ticked = state == Qt.CheckState.Checked
            if ticked != entity.included:
                self.apply_edit(TickParticipant(where, entity.name, ticked))
                self.refresh()
            return True
        if role == Qt.ItemDataRole.EditRole:
            field = COLUMNS[index.column()][0]
            text = " ".join(str(value or "").split())
            if field == "name" and not text:
                return False  # a participant needs a name
            if text != getattr(entity, field):
                self.apply_edit(SetParticipantField(where, entity.name, field, text))
                self.refresh()
            return True
        return False

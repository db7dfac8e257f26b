"""Facts grouped by section as a two-level tree model: section rows, then fact rows.

Section rows are tristate (all / some / no facts ticked); ticking one ticks its whole section. Fact rows carry
the checkbox that is ``Fact.included`` and an editable text. Internal ids: 0 for a section row, and
``section_row + 1`` for a fact row, so no Python object has to outlive its QModelIndex.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from app.domain import Article, Fact

COLUMNS = ("Fact", "Sources", "Score", "Status")
COL_TEXT, COL_SOURCES, COL_SCORE, COL_STATUS = range(len(COLUMNS))
FactRole = Qt.ItemDataRole.UserRole + 1  # the Fact object of a fact row
SectionKeyRole = Qt.ItemDataRole.UserRole + 2

_HEADER_TIPS = (
    "Tick a fact to put it in the memo; double-click to edit its wording",
    "How many source sentences back the fact",
    "Extraction score: higher means more central to the meeting",
    "Reported (happened), expected (announced or planned) or opinion",
)
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # default parent (a call in the default would be re-evaluated per lint)


class _Section:
    __slots__ = ("key", "title", "facts")

    def __init__(self, key: str, title: str) -> None:
        self.key, self.title, self.facts = key, title, []

    def state(self) -> Qt.CheckState:
        ticked = sum(f.included for f in self.facts)
        if ticked == 0:
            return Qt.CheckState.Unchecked
        return Qt.CheckState.Checked if ticked == len(self.facts) else Qt.CheckState.PartiallyChecked


def _check_state(value: object) -> Qt.CheckState:
    return value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))  # type: ignore[arg-type]


class FactModel(QAbstractItemModel):
    ticksChanged = Signal()  # a fact was ticked or unticked
    factEdited = Signal(str)  # fact id whose text changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sections: list[_Section] = []
        self._articles: dict[str, Article] = {}

    # -- loading and lookup -------------------------------------------------------------------------------
    def set_facts(self, facts: Sequence[Fact], articles: Sequence[Article] = (), taxonomy=None) -> None:
        if taxonomy is None:
            from app.extract.topics import default_taxonomy  # YAML read stays off the start-up path

            taxonomy = default_taxonomy()
        self.beginResetModel()
        groups: dict[str, _Section] = {}
        for fact in facts:
            if fact.section not in groups:
                groups[fact.section] = _Section(fact.section, taxonomy.title(fact.section))
            groups[fact.section].facts.append(fact)
        first_seen = {key: i for i, key in enumerate(groups)}
        self._sections = sorted(groups.values(), key=lambda s: (taxonomy.order(s.key), first_seen[s.key]))
        self._articles = {a.id: a for a in articles}
        self.endResetModel()

    def facts(self) -> list[Fact]:
        return [f for sec in self._sections for f in sec.facts]

    def fact(self, index: _Index) -> Fact | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        sec = self._sections[index.internalId() - 1]
        return sec.facts[index.row()] if index.row() < len(sec.facts) else None

    def section_key(self, index: _Index) -> str | None:
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._sections[row].key

    def index_of_fact(self, fact_id: str, column: int = COL_TEXT) -> QModelIndex:
        for srow, sec in enumerate(self._sections):
            for frow, fact in enumerate(sec.facts):
                if fact.id == fact_id:
                    return self.createIndex(frow, column, srow + 1)
        return QModelIndex()

    def section_index(self, key: str) -> QModelIndex:
        for srow, sec in enumerate(self._sections):
            if sec.key == key:
                return self.createIndex(srow, COL_TEXT, 0)
        return QModelIndex()

    # -- structure ----------------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = _ROOT) -> QModelIndex:
        if column < 0 or column >= len(COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._sections) else QModelIndex()
        if parent.internalId() == 0 and parent.column() == 0 and parent.row() < len(self._sections):
            if row < len(self._sections[parent.row()].facts):
                return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, child: _Index | None = None):  # type: ignore[override]
        if child is None:  # QObject.parent()
            return QObject.parent(self)
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._sections)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._sections[parent.row()].facts)
        return 0

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _HEADER_TIPS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != 0:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == COL_TEXT:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
            if index.internalId() != 0:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- data -----------------------------------------------------------------------------------------------
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._section_data(self._sections[index.row()], index.column(), role)
        fact = self.fact(index)
        return None if fact is None else self._fact_data(fact, index.column(), role)

    def _section_data(self, sec: _Section, column: int, role: int):
        if role == SectionKeyRole:
            return sec.key
        if column != COL_TEXT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            ticked = sum(f.included for f in sec.facts)
            return f"{sec.title} ({ticked}/{len(sec.facts)})"
        if role == Qt.ItemDataRole.CheckStateRole:
            return sec.state()
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{sec.title}: tick or untick every fact in this section"
        return None

    def _fact_data(self, fact: Fact, column: int, role: int):
        if role == FactRole:
            return fact
        if role == SectionKeyRole:
            return fact.section
        if role == Qt.ItemDataRole.ForegroundRole and not fact.included:
            return QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._fact_tooltip(fact)
        if column == COL_TEXT:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return fact.text
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if fact.included else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == COL_SOURCES:
            return str(len(fact.sources))
        if column == COL_SCORE:
            return f"{fact.score:.2f}"
        if column == COL_STATUS:
            return fact.status
        return None

    def _fact_tooltip(self, fact: Fact) -> str:
        lines = [f"{fact.id} · {fact.status} · score {fact.score:.2f}"]
        for span in fact.sources:
            art = self._articles.get(span.article_id)
            lines.append(f"• {art.title if art else span.article_id}")
        return "\n".join(lines)

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != COL_TEXT:
            return False
        if role == Qt.ItemDataRole.CheckStateRole:
            ticked = _check_state(value) != Qt.CheckState.Unchecked
            if index.internalId() == 0:
                return self._tick_section(index.row(), ticked)
            fact = self.fact(index)
            if fact is None:
                return False
            if fact.included != ticked:
                fact.included = ticked
                self._fact_row_changed(index)
                self.ticksChanged.emit()
            return True
        if role == Qt.ItemDataRole.EditRole and index.internalId() != 0:
            fact = self.fact(index)
            text = " ".join(str(value or "").split())
            if fact is None or not text:
                return False
            if text != fact.text:
                fact.text = text
                self._fact_row_changed(index, section_too=False)
                self.factEdited.emit(fact.id)
            return True
        return False

    def _tick_section(self, srow: int, ticked: bool) -> bool:
        sec = self._sections[srow]
        changed = [f for f in sec.facts if f.included != ticked]
        for fact in changed:
            fact.included = ticked
        top = self.createIndex(srow, 0, 0)
        self.dataChanged.emit(top, top.siblingAtColumn(len(COLUMNS) - 1))
        if sec.facts:
            first = self.createIndex(0, 0, srow + 1)
            last = self.createIndex(len(sec.facts) - 1, len(COLUMNS) - 1, srow + 1)
            self.dataChanged.emit(first, last)
        if changed:
            self.ticksChanged.emit()
        return True

    def _fact_row_changed(self, index: _Index, section_too: bool = True) -> None:
        first = self.createIndex(index.row(), 0, index.internalId())
        self.dataChanged.emit(first, first.siblingAtColumn(len(COLUMNS) - 1))
        if section_too:
            sec = self.parent(first)
            self.dataChanged.emit(sec, sec)

    def set_all(self, ticked: bool) -> None:
        for srow in range(len(self._sections)):
            self._tick_section(srow, ticked)

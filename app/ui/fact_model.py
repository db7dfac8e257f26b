"""Facts grouped by section as a two-level tree model: section rows, then fact rows.

Section rows are tristate (all / some / no facts ticked) and read "Title (ticked/total)"; ticking one ticks
its whole section. Internal ids: 0 for a section row, ``section_row + 1`` for a fact row, so no Python
object has to outlive its QModelIndex.

The model never changes a fact itself: ticks, wording and drops become ``app.edits`` Edits handed to
``edit_sink`` (the window's undo stack), which applies them and calls :meth:`sync`. Without a sink (a bare
model, as in unit tests) the model applies them to its own fact list. :meth:`sync` and filtering update the
views in place (dataChanged, or one layout change that carries selection and expansion across), never a reset.

What each cell shows is in ``fact_cells``, dragging facts in ``fact_drag``, the section rows in ``fact_rows``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.domain import Article, Briefing, Fact
from app.edits import Edit
from app.edits.facts import SetFactText, SetTicks, normalise_text, section_title
from app.ui.fact_cells import (
    COL_CONFLICT,
    COL_SCORE,
    COL_SOURCES,
    COL_STATUS,
    COL_TEXT,
    COLUMNS,
    FactCells,
    FactRole,
    SectionKeyRole,
)
from app.ui.fact_drag import FACT_IDS_MIME, FactDragDrop
from app.ui.fact_filter import FactFilter, FactMatcher
from app.ui.fact_rows import SectionRow, row_layout, row_signature

_NCOLS = len(COLUMNS)
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # default parent (a call in the default would be re-evaluated per lint)
BULK_ROWS = 200  # more changed rows than this: one layoutChanged instead of per-run dataChanged


_F = Qt.ItemFlag
_NO_FLAGS = _F.NoItemFlags
_SECTION_FLAGS = _F.ItemIsEnabled | _F.ItemIsSelectable | _F.ItemIsDropEnabled
_SECTION_TEXT_FLAGS = _SECTION_FLAGS | _F.ItemIsUserCheckable
_FACT_FLAGS = _F.ItemIsEnabled | _F.ItemIsSelectable | _F.ItemNeverHasChildren | _F.ItemIsDragEnabled
_FACT_TEXT_FLAGS = _FACT_FLAGS | _F.ItemIsUserCheckable | _F.ItemIsEditable


def _check_state(value: object) -> Qt.CheckState:
    return value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))  # type: ignore[arg-type]


class FactModel(FactCells, FactDragDrop, QAbstractItemModel):
    ticksChanged = Signal()  # a fact was ticked or unticked
    factEdited = Signal(str)  # fact id whose text changed
    filterChanged = Signal()  # the rows shown changed because the filter did

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._facts: list[Fact] = []
        self._sections: list[SectionRow] = []  # shown sections (rows)
        self._groups: list[SectionRow] = []  # every section with facts
        self._articles: dict[str, Article] = {}
        self._taxonomy = None
        self._sigs: dict[str, tuple] = {}
        self._filter = FactFilter()
        self._matcher = FactMatcher(self.title_of, self._articles)
        self.edit_sink: Callable[[Edit], None] | None = None  # the window's undo stack
        self._token = f"{os.getpid()}:{id(self)}"  # marks drags that started here

    # -- loading ------------------------------------------------------------------------------------------
    def _ensure_taxonomy(self, taxonomy=None):
        if taxonomy is not None:
            self._taxonomy = taxonomy
        elif self._taxonomy is None:
            from app.extract.topics import default_taxonomy  # YAML read stays off the start-up path

            self._taxonomy = default_taxonomy()
        return self._taxonomy

    def taxonomy(self):
        """The section taxonomy (titles and order) the model groups by."""
        return self._ensure_taxonomy()

    def title_of(self, key: str) -> str:
        return self._ensure_taxonomy().title(key)

    def set_facts(self, facts: Sequence[Fact], articles: Sequence[Article] = (), taxonomy=None) -> None:
        """Show a new fact list (a reset: selection and expansion start afresh)."""
        self._ensure_taxonomy(taxonomy)
        self.beginResetModel()
        self._set_articles(articles)
        self._facts = facts if isinstance(facts, list) else list(facts)
        self._groups = self._group(self._facts)
        self._sections = self._visible(self._groups)
        self._sigs = {f.id: row_signature(f) for f in self._facts}
        self.endResetModel()

    def _set_articles(self, articles: Sequence[Article]) -> None:
        self._articles = {a.id: a for a in articles}
        self._matcher = FactMatcher(self.title_of, self._articles)

    def sync(self, facts: Sequence[Fact], articles: Sequence[Article] | None = None) -> None:
        """Show the facts again after an edit, keeping selection, expansion and the editor's place."""
        self._ensure_taxonomy()
        if articles is not None and (len(articles) != len(self._articles)
                                     or any(self._articles.get(a.id) is not a for a in articles)):
            self._set_articles(articles)  # an article was added, removed or replaced (e.g. text restored)
        self._facts = facts if isinstance(facts, list) else list(facts)
        groups = self._group(self._facts)
        shown = self._visible(groups)
        same_rows = row_layout(shown) == row_layout(self._sections)
        old_sigs, self._sigs = self._sigs, {f.id: row_signature(f) for f in self._facts}
        changed = {fid for fid, sig in self._sigs.items() if old_sigs.get(fid) != sig}
        if same_rows and len(changed) <= BULK_ROWS:
            self._groups, self._sections = groups, shown
            self._emit_changed_rows(changed)
        else:  # one layout change is cheaper for the view than thousands of rows of dataChanged
            self._relayout(groups, shown)
        self._notify(old_sigs, changed)

    def _notify(self, old_sigs: dict[str, tuple], changed: set[str]) -> None:
        ticks = len(old_sigs) != len(self._sigs)
        for fid in changed:
            old, sig = old_sigs.get(fid), self._sigs[fid]
            if old is None or old[2] != sig[2]:
                ticks = True
            if old is not None and old[1] != sig[1]:
                self.factEdited.emit(fid)
        if ticks:
            self.ticksChanged.emit()

    def _group(self, facts: Iterable[Fact]) -> list[SectionRow]:
        taxonomy = self._ensure_taxonomy()
        groups: dict[str, SectionRow] = {}
        for fact in facts:
            sec = groups.get(fact.section)
            if sec is None:
                sec = groups[fact.section] = SectionRow(fact.section, taxonomy.title(fact.section))
            sec.all.append(fact)
            sec.ticked += fact.included
        first_seen = {key: i for i, key in enumerate(groups)}
        return sorted(groups.values(), key=lambda s: (taxonomy.order(s.key), first_seen[s.key]))

    def _visible(self, groups: list[SectionRow]) -> list[SectionRow]:
        """The shown sections: new row objects (the old ones must stay intact until the layout change)."""
        test = self._matcher.predicate(self._filter)
        shown = []
        for sec in groups:
            facts = sec.all if test is None else [f for f in sec.all if test(f)]
            if facts:
                shown.append(sec.showing(facts))
        return shown

    # -- in-place updates ------------------------------------------------------------------------------------
    def _emit_changed_rows(self, changed: set[str]) -> None:
        if not changed:
            return
        last_col = len(COLUMNS) - 1
        touched = {f.section for f in self._facts if f.id in changed}
        for srow, sec in enumerate(self._sections):
            if sec.key not in touched:
                continue
            run_start = None
            for row, fact in enumerate(sec.facts + [None]):  # the sentinel closes the last run
                hit = fact is not None and fact.id in changed
                if hit and run_start is None:
                    run_start = row
                elif not hit and run_start is not None:
                    self.dataChanged.emit(self.createIndex(run_start, 0, srow + 1),
                                          self.createIndex(row - 1, last_col, srow + 1))
                    run_start = None
            top = self.createIndex(srow, 0, 0)  # its title counts ticks
            self.dataChanged.emit(top, top.siblingAtColumn(last_col))

    def _identity(self, index: QModelIndex) -> tuple[str, str, int] | None:
        """What a (persistent) index points at, in the current structure."""
        if not index.isValid():
            return None
        iid = index.internalId()
        if iid == 0:
            if index.row() >= len(self._sections):
                return None
            return "s", self._sections[index.row()].key, index.column()
        if iid - 1 >= len(self._sections) or index.row() >= len(self._sections[iid - 1].facts):
            return None
        return "f", self._sections[iid - 1].facts[index.row()].id, index.column()

    def _relayout(self, groups: list[SectionRow], shown: list[SectionRow]) -> None:
        """Rows appear, vanish or move: one layout change that keeps persistent indexes on their items."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        who = [self._identity(i) for i in old]
        self._groups, self._sections = groups, shown
        sec_rows = {s.key: r for r, s in enumerate(shown)}
        fact_rows: dict[str, tuple[int, int]] | None = None
        new: list[QModelIndex] = []
        for item in who:
            if item is None:
                new.append(QModelIndex())
                continue
            kind, ident, column = item
            if kind == "s":
                row = sec_rows.get(ident)
                new.append(self.createIndex(row, column, 0) if row is not None else QModelIndex())
                continue
            if fact_rows is None:
                fact_rows = {f.id: (r, s) for s, sec in enumerate(shown) for r, f in enumerate(sec.facts)}
            where = fact_rows.get(ident)
            new.append(self.createIndex(where[0], column, where[1] + 1) if where else QModelIndex())
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    # -- filtering -------------------------------------------------------------------------------------------
    def set_filter(self, query: str | None = None, ticked_only: bool | None = None) -> None:
        flt = FactFilter(self._filter.query if query is None else query,
                         self._filter.ticked_only if ticked_only is None else ticked_only)
        if flt == self._filter:
            return
        self._filter = flt
        shown = self._visible(self._groups)
        if row_layout(shown) != row_layout(self._sections):
            self._relayout(self._groups, shown)
        else:
            self._sections = shown
        self.filterChanged.emit()

    @property
    def filter(self) -> FactFilter:  # noqa: A003
        return self._filter

    def shown_count(self) -> int:
        return sum(len(s.facts) for s in self._sections)

    # -- lookup ----------------------------------------------------------------------------------------------
    def facts(self) -> list[Fact]:
        """Every fact (shown or filtered out), section by section."""
        return [f for sec in self._groups for f in sec.all]

    def fact(self, index: _Index) -> Fact | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        sid = index.internalId() - 1
        if sid >= len(self._sections):
            return None
        sec = self._sections[sid]
        return sec.facts[index.row()] if index.row() < len(sec.facts) else None

    def section_key(self, index: _Index) -> str | None:
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._sections[row].key if row < len(self._sections) else None

    def section_keys(self) -> list[str]:
        return [s.key for s in self._sections]

    def shown_facts(self, key: str) -> list[Fact]:
        return next((list(s.facts) for s in self._sections if s.key == key), [])

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

    def article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    # -- structure -------------------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = _ROOT) -> QModelIndex:
        if row < 0 or not 0 <= column < _NCOLS:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._sections) else QModelIndex()
        srow = parent.row()
        if parent.internalId() == 0 and parent.column() == 0 and srow < len(self._sections) \
                and row < len(self._sections[srow].facts):
            return self.createIndex(row, column, srow + 1)
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
        if parent.internalId() == 0 and parent.column() == 0 and parent.row() < len(self._sections):
            return len(self._sections[parent.row()].facts)
        return 0

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return len(COLUMNS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        # Precomputed: the view asks for every row at each layout, and enum arithmetic is slow in Python.
        if not index.isValid():
            return _NO_FLAGS
        if index.internalId() == 0:
            return _SECTION_TEXT_FLAGS if index.column() == COL_TEXT else _SECTION_FLAGS
        return _FACT_TEXT_FLAGS if index.column() == COL_TEXT else _FACT_FLAGS

    # -- edits -----------------------------------------------------------------------------------------------
    def request(self, edit: Edit) -> None:
        """Hand an edit to the undo stack, or apply it here when the model stands alone."""
        if self.edit_sink is not None:
            self.edit_sink(edit)
            return
        briefing = Briefing(facts=self._facts)
        edit.apply(briefing)
        self.sync(briefing.facts)

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != COL_TEXT:
            return False
        if role == Qt.ItemDataRole.CheckStateRole:
            ticked = _check_state(value) != Qt.CheckState.Unchecked
            if index.internalId() == 0:
                return self.tick_section(self.section_key(index) or "", ticked)
            fact = self.fact(index)
            if fact is None:
                return False
            if fact.included != ticked:
                self.request(SetTicks({fact.id: ticked}))
            return True
        if role == Qt.ItemDataRole.EditRole and index.internalId() != 0:
            fact = self.fact(index)
            text = normalise_text(str(value or ""))
            if fact is None or not text:
                return False
            if text != fact.memo_wording():
                self.request(SetFactText(fact.id, text))
            return True
        return False

    def set_ticked(self, ids: Iterable[str], ticked: bool, text: str | None = None) -> bool:
        by_id = {f.id: f for f in self._facts}
        changes = {fid: ticked for fid in ids if fid in by_id and by_id[fid].included != ticked}
        if changes:
            self.request(SetTicks(changes, text))
        return bool(changes)

    def tick_section(self, key: str, ticked: bool) -> bool:
        sec = next((s for s in self._groups if s.key == key), None)
        if sec is None:
            return False
        verb = "Tick" if ticked else "Untick"
        self.set_ticked([f.id for f in sec.all], ticked, f"{verb} all in {sec.title}")
        return True

    def set_all(self, ticked: bool) -> None:
        text = "Tick all facts" if ticked else "Untick all facts"
        self.set_ticked([f.id for f in self._facts], ticked, text)



__all__ = ["COLUMNS", "COL_CONFLICT", "COL_SCORE", "COL_SOURCES", "COL_STATUS", "COL_TEXT", "FACT_IDS_MIME",
           "FactModel", "FactRole", "SectionKeyRole", "section_title"]

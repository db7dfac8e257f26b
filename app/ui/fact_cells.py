"""What each cell of the fact tree shows, role by role: the columns (declared once), text, check states,
fonts, colours and tooltips. ``FactCells`` is the display half of ``FactModel``; it reads the model's rows
(``_sections``), facts (``_facts``), articles (``_articles``), ``fact()`` and ``title_of()``."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QGuiApplication

from app.domain import Fact
from app.ui import fact_wording, plain_text, theme
from app.ui.fact_rows import SectionRow
from app.ui.fact_wording import NEEDS_CONTEXT_TIP, SPOKEN_ROLES, SourceTextRole, row_text, source_text

COLUMNS = ("Fact", "Sources", "Score", "Status", "⚠")
COL_TEXT, COL_SOURCES, COL_SCORE, COL_STATUS, COL_CONFLICT = range(len(COLUMNS))
_NCOLS = len(COLUMNS)
FactRole = Qt.ItemDataRole.UserRole + 1  # the Fact object of a fact row
SectionKeyRole = Qt.ItemDataRole.UserRole + 2

_HEADER_TIPS = (
    "Tick a fact to put it in the memo; double-click (or F2) to edit its wording",
    "How many source sentences back the fact (hover to list them)",
    "Extraction score: higher means more central to the meeting",
    "Reported (happened), expected (announced or planned) or opinion",
    "⚠: the sources disagree about this fact (hover to see the other version)",
)
_TIP_SENTENCE = 160

_Index = QModelIndex | QPersistentModelIndex


def _elide(text: str, limit: int = _TIP_SENTENCE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class FactCells:
    """headerData and data of the fact tree, and the tooltips they show."""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _HEADER_TIPS[section]
        return None

    # -- data ------------------------------------------------------------------------------------------------
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            if index.row() >= len(self._sections):
                return None
            return self._section_data(self._sections[index.row()], index.column(), role)
        fact = self.fact(index)
        return None if fact is None else self._fact_data(fact, index.column(), role)

    def _section_data(self, sec: SectionRow, column: int, role: int):
        if role == SectionKeyRole:
            return sec.key
        if column != COL_TEXT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{sec.title} ({sec.ticked}/{len(sec.all)})"
        if role == Qt.ItemDataRole.CheckStateRole:
            return sec.state()
        if role in SPOKEN_ROLES:
            return fact_wording.spoken_section(sec.title, sec.ticked, len(sec.all))[SPOKEN_ROLES.index(role)]
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            shown = f"; {len(sec.facts)} shown by the filter" if len(sec.facts) != len(sec.all) else ""
            return plain_text.tip(f"{sec.title}: {sec.ticked} of {len(sec.all)} facts ticked{shown}. "
                                  "Tick or untick the box for the whole section.")
        return None

    def _fact_data(self, fact: Fact, column: int, role: int):
        if role == FactRole:
            return fact
        if role == SectionKeyRole:
            return fact.section
        if role == Qt.ItemDataRole.ForegroundRole:  # unticked: quieter, yet readable; ⚠ in warning amber
            if not fact.included:
                return QBrush(theme.secondary_text(QGuiApplication.palette()))
            if column == COL_CONFLICT:
                return QBrush(theme.conflict_mark(QGuiApplication.palette()))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_SOURCES:
                return plain_text.tip(self.sources_tooltip(fact))
            if column == COL_CONFLICT:
                return plain_text.tip(self.conflict_tooltip(fact)) or None
            return plain_text.tip(self._fact_tooltip(fact))
        if column == COL_TEXT:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, SourceTextRole):
                return row_text(fact) if role == Qt.ItemDataRole.DisplayRole else fact.memo_wording() \
                    if role == Qt.ItemDataRole.EditRole else source_text(fact, self._articles)
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if fact.included else Qt.CheckState.Unchecked
            if role in SPOKEN_ROLES:
                return fact_wording.spoken_fact(fact, self.title_of(fact.section))[SPOKEN_ROLES.index(role)]
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
        if column == COL_CONFLICT:
            return "⚠" if fact.conflicts else ""
        return None

    def _source_line(self, span) -> str:
        art = self._articles.get(span.article_id)
        if art is None:
            return f"• {span.article_id}"
        who = " — ".join(p for p in (art.outlet, art.title) if p)
        return f"• {who or art.id}: “{_elide(art.span_text(span))}”"

    def sources_tooltip(self, fact: Fact) -> str:
        if not fact.sources:
            return "No source: a fact you added by hand"
        n = len(fact.sources)
        head = f"{n} source{'s' if n != 1 else ''}:"
        return "\n".join([head] + [self._source_line(s) for s in fact.sources])

    def conflict_tooltip(self, fact: Fact) -> str:
        if not fact.conflicts:
            return ""
        lines = ["The sources disagree:"]
        by_id = {f.id: f for f in self._facts} if fact.conflicts else {}
        for conflict in fact.conflicts:
            other = by_id.get(conflict.fact_id)
            version = f"“{_elide(other.text)}”" if other is not None else conflict.fact_id
            lines.append(f"• Other version ({conflict.fact_id}): {version}")
            if conflict.reason:
                lines.append(f"  {conflict.reason}")
        return "\n".join(lines)

    def _fact_tooltip(self, fact: Fact) -> str:
        lines = [f"{fact.id} · {fact.status} · score {fact.score:.2f}"] + [NEEDS_CONTEXT_TIP] * fact.needs_context
        for span in fact.sources:
            art = self._articles.get(span.article_id)
            who = " — ".join(p for p in (art.outlet, art.title) if p) if art else span.article_id
            lines.append(f"• {who}")
        conflict = self.conflict_tooltip(fact)
        if conflict:
            lines.append(conflict)
        return "\n".join(lines)

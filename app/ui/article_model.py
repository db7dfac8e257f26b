"""The loaded articles as a flat list model: title, then "outlet · date · N facts" underneath."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.domain import Article, Fact
from app.ui import plain_text

ArticleRole = Qt.ItemDataRole.UserRole + 1  # the Article object
SubtitleRole = Qt.ItemDataRole.UserRole + 2  # "outlet · 28 Jul 2024 · 12 facts", "⚠ " first if warned
WARNING_MARK = "⚠"
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def subtitle(article: Article, n_facts: int | None = None) -> str:
    parts = [article.outlet or "Unknown outlet"]
    if article.published:
        parts.append(article.published.strftime("%d %b %Y").lstrip("0"))
    if n_facts is not None:
        parts.append(f"{n_facts} fact{'s' if n_facts != 1 else ''}")
    return " · ".join(parts)


class ArticleModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._articles: list[Article] = []
        self._fact_counts: Counter[str] = Counter()

    def set_articles(self, articles: Sequence[Article], facts: Sequence[Fact] = ()) -> None:
        self.beginResetModel()
        self._articles = list(articles)
        # A fact counts once per article it cites, however many sentences there.
        self._fact_counts = Counter(aid for f in facts for aid in {s.article_id for s in f.sources})
        self.endResetModel()

    def articles(self) -> list[Article]:
        return list(self._articles)

    def article(self, index: _Index) -> Article | None:
        if not index.isValid() or not 0 <= index.row() < len(self._articles):
            return None
        return self._articles[index.row()]

    def row_of(self, article_id: str) -> int:
        for row, art in enumerate(self._articles):
            if art.id == article_id:
                return row
        return -1

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._articles)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        art = self.article(index)
        if art is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return art.title or "(untitled)"
        if role == SubtitleRole:
            mark = f"{WARNING_MARK} " if art.warnings else ""  # read, but something in it needs checking
            return mark + subtitle(art, self._fact_counts.get(art.id, 0))
        if role == Qt.ItemDataRole.ToolTipRole:
            warnings = "".join(f"\n{WARNING_MARK} {w}" for w in art.warnings)
            return plain_text.tip(f"{art.title}\n{subtitle(art)}\n{art.path}{warnings}")
        if role == Qt.ItemDataRole.StatusTipRole:
            return str(art.path)
        if role == ArticleRole:
            return art
        return None

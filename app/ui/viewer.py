"""Read-only article text with the selected fact's source sentence(s) highlighted and scrolled into view."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import Article, Briefing, Fact, SourceSpan
from app.ui.article_model import subtitle

HIGHLIGHT = QColor("#ffe27a")


def utf16_offset(text: str, index: int) -> int:
    """Qt positions count UTF-16 units; Python counts code points (they differ after an emoji)."""
    prefix = text[:index]
    return index + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


class ArticleViewer(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleViewer")
        self.setReadOnly(True)
        self.setAcceptDrops(False)  # drops go to the main window, which loads them
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setPlaceholderText("Select an article or a fact to read its source here.")
        self.setToolTip("Source article; the selected fact's sentence is highlighted")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.05)
        self.setFont(font)
        self.document().setDocumentMargin(10)
        self._article_id: str | None = None
        self._format = QTextCharFormat()
        self._format.setBackground(HIGHLIGHT)
        self._format.setForeground(QColor("#1f1f1f"))

    @property
    def article_id(self) -> str | None:
        return self._article_id

    def clear_article(self) -> None:
        self._article_id = None
        self.setExtraSelections([])
        self.setPlainText("")

    def show_article(self, article: Article, spans: Sequence[SourceSpan] = ()) -> None:
        if self._article_id != article.id or self.toPlainText() != article.text:
            self.setPlainText(article.text)
            self._article_id = article.id
        selections = []
        for span in spans:
            cursor = QTextCursor(self.document())
            cursor.setPosition(utf16_offset(article.text, span.start))
            cursor.setPosition(utf16_offset(article.text, span.end), QTextCursor.MoveMode.KeepAnchor)
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor
            sel.format = self._format
            selections.append(sel)
        self.setExtraSelections(selections)
        cursor = QTextCursor(self.document())
        cursor.setPosition(utf16_offset(article.text, spans[0].start) if spans else 0)
        self.setTextCursor(cursor)
        if spans:
            self.centerCursor()
        else:
            self.verticalScrollBar().setValue(0)


class SourcePanel(QWidget):
    """Title and meta of the shown article above the viewer; steps through a fact's source articles."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.viewer = ArticleViewer(self)
        self.title = QLabel(self)
        self.title.setObjectName("sourceTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.prev_button = QToolButton(self, text="‹", toolTip="Previous source article of this fact")
        self.next_button = QToolButton(self, text="›", toolTip="Next source article of this fact")
        self.counter = QLabel(self)
        self.prev_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        for w in (self.prev_button, self.counter, self.next_button):
            top.addWidget(w, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.viewer, 1)
        self._groups: list[tuple[Article, list[SourceSpan]]] = []
        self._pos = 0
        self._set_nav()

    def clear(self) -> None:
        self._groups, self._pos = [], 0
        self.viewer.clear_article()
        self.title.clear()
        self._set_nav()

    def show_article(self, article: Article) -> None:
        self._groups, self._pos = [(article, [])], 0
        self._show()

    def show_fact(self, fact: Fact, briefing: Briefing) -> None:
        """Group the fact's spans by article, in citation order, and show the first article."""
        groups: dict[str, tuple[Article, list[SourceSpan]]] = {}
        for span in fact.sources:
            art = briefing.article(span.article_id)
            if art is not None and 0 <= span.start <= span.end <= len(art.text):
                groups.setdefault(art.id, (art, []))[1].append(span)
        self._groups, self._pos = list(groups.values()), 0
        if self._groups:
            self._show()
        else:
            self.clear()

    def _step(self, delta: int) -> None:
        if self._groups:
            self._pos = (self._pos + delta) % len(self._groups)
            self._show()

    def _show(self) -> None:
        article, spans = self._groups[self._pos]
        self.viewer.show_article(article, spans)
        self.title.setText(f"<b>{escape(article.title or '(untitled)')}</b><br>"
                           f"<span style='color:gray'>{escape(subtitle(article))}</span>")
        self.title.setToolTip(self._removed_tip(article))
        self._set_nav()

    @staticmethod
    def _removed_tip(article: Article) -> str:
        tip = str(article.path)
        if article.removed:
            reasons = sorted({part.reason for part in article.removed})
            tip += f"\nCleaner removed {len(article.removed)} part(s): {', '.join(reasons)}"
        return tip

    def _set_nav(self) -> None:
        many = len(self._groups) > 1
        for w in (self.prev_button, self.next_button, self.counter):
            w.setVisible(many)
        self.title.setVisible(bool(self._groups))
        if many:
            self.counter.setText(f"{self._pos + 1}/{len(self._groups)}")

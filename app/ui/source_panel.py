"""The source pane: the shown article's title (outlet, date, removed parts, warnings) above the viewer, and a
switcher through the source sentences of the selected fact."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from app.domain import Article, Briefing, Fact, SourceSpan
from app.ui import plain_text, theme
from app.ui.article_model import subtitle
from app.ui.viewer import ArticleViewer


class SourcePanel(QWidget):
    """The shown article's title above the viewer, and a switcher through a fact's source sentences."""

    sourceChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.viewer = ArticleViewer(self)
        self.title = QLabel(self)
        self.title.setObjectName("sourceTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.switcher = QWidget(self, objectName="sourceSwitcher")
        self.switcher.setAccessibleName("Source switcher")
        self.caption = QLabel("Source", self.switcher)
        self.prev_button = QToolButton(self.switcher, text="◂", objectName="sourcePrev",
                                       toolTip="Previous source sentence of this fact (Alt+Left)")
        self.next_button = QToolButton(self.switcher, text="▸", objectName="sourceNext",
                                       toolTip="Next source sentence of this fact (Alt+Right)")
        self.prev_button.setShortcut("Alt+Left")
        self.next_button.setShortcut("Alt+Right")
        self.prev_button.setAccessibleName("Previous source")
        self.next_button.setAccessibleName("Next source")
        self.counter = QLabel(self.switcher, objectName="sourceCounter")
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        nav = QHBoxLayout(self.switcher)
        nav.setContentsMargins(0, 0, 0, 0)
        nav.setSpacing(2)
        for w in (self.caption, self.counter, self.prev_button, self.next_button):
            nav.addWidget(w)
        self.tools = QHBoxLayout()  # the window adds the "Show removed parts" button here
        self.tools.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()  # under the title, which gets the full width to wrap in
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.switcher)
        bar.addStretch(1)
        bar.addLayout(self.tools)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.viewer, 1)
        self.fact: Fact | None = None
        self.prefer_article: str | None = None  # set around a reverse lookup: stay in the clicked article
        self._sources: list[tuple[Article, SourceSpan]] = []  # the fact's spans in citation order
        self._pos = 0
        self._set_nav()

    @property
    def position(self) -> int:
        return self._pos

    @property
    def source_count(self) -> int:
        return len(self._sources)

    def clear(self) -> None:
        self.fact, self._sources, self._pos = None, [], 0
        self.viewer.clear_article()
        self.title.clear()
        self._set_nav()

    def show_article(self, article: Article, scroll: bool = True) -> None:
        self.fact, self._sources, self._pos = None, [], 0
        value = self.viewer.verticalScrollBar().value()
        self.viewer.show_article(article, scroll=scroll)
        if not scroll:
            self.viewer.verticalScrollBar().setValue(value)
        self._show_title(article)
        self._set_nav()

    def show_fact(self, fact: Fact, briefing: Briefing, prefer_article: str | None = None,
                  position: int | None = None, scroll: bool = True) -> None:
        """Show the fact's first source (or its first in ``prefer_article``, or source ``position``)."""
        sources = []
        for span in fact.sources:
            art = briefing.article(span.article_id)
            if art is not None and 0 <= span.start <= span.end <= len(art.text):
                sources.append((art, span))
        self.fact, self._sources = fact, sources
        if not sources:
            self.clear()
            return
        pos, prefer_article = 0, prefer_article or self.prefer_article
        if position is not None:
            pos = min(max(position, 0), len(sources) - 1)
        elif prefer_article is not None:
            pos = next((i for i, (a, _) in enumerate(sources) if a.id == prefer_article), 0)
        self._pos = pos
        self._show(scroll)

    def step(self, delta: int) -> None:
        if len(self._sources) > 1:
            self._pos = (self._pos + delta) % len(self._sources)
            self._show()

    def _show(self, scroll: bool = True) -> None:
        article, focus = self._sources[self._pos]
        spans = [s for a, s in self._sources if a.id == article.id]
        value = self.viewer.verticalScrollBar().value()
        self.viewer.show_article(article, spans, spans.index(focus), scroll=scroll)
        if not scroll:
            self.viewer.verticalScrollBar().setValue(value)
        self._show_title(article)
        self._set_nav()
        self.sourceChanged.emit()

    def _show_title(self, article: Article) -> None:
        grey = theme.secondary_text(self.palette()).name()
        removed = len(article.removed)
        extra = f" · {removed} part{'s' if removed != 1 else ''} removed" if removed else ""
        warnings = "".join(f"<br>⚠ {escape(w)}" for w in article.warnings)  # what to check in this text
        self.title.setText(f"<b>{escape(article.title or '(untitled)')}</b><br>"
                           f"<span style='color:{grey}'>{escape(subtitle(article) + extra)}</span>{warnings}")
        self.title.setToolTip(plain_text.tip(self._removed_tip(article)))

    @staticmethod
    def _removed_tip(article: Article) -> str:
        tip = str(article.path)
        if article.removed:
            reasons = sorted({part.reason for part in article.removed})
            tip += (f"\nCleaner removed {len(article.removed)} part(s): {', '.join(reasons)}"
                    "\nView › Show Removed Parts shows them greyed in the text")
        return tip

    def _set_nav(self) -> None:
        many = len(self._sources) > 1
        self.switcher.setVisible(many)
        self.title.setVisible(self.viewer.article is not None)
        if many:
            n, total = self._pos + 1, len(self._sources)
            self.counter.setText(f"{n}/{total}")
            self.switcher.setToolTip(f"Source {n} of {total} of this fact")
            self.counter.setAccessibleName(f"Source {n} of {total}")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.viewer.article is not None:
            self._show_title(self.viewer.article)

"""The source viewer: article text with the selected fact's sentence(s) highlighted and scrolled into view.

The viewer can also show what the cleaner removed (greyed, in place) and reports clicks as offsets into the
article's cleaned text, so the window can find the facts drawn from a sentence. Colours come from the palette,
so light and dark themes both read well.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFont, QPainter, QPalette, QPen, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QWidget,
)

from app.domain import Article, SourceSpan
from app.edits.articles import Placement, placements
from app.ui import theme

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # one character, two UTF-16 units (emoji, rare CJK)


def utf16_offset(text: str, index: int) -> int:
    """Qt positions count UTF-16 units; Python counts code points (they differ after an emoji)."""
    prefix = text[:index]
    return index + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


@dataclass(frozen=True)
class _Insert:
    start: int  # in the displayed text
    end: int
    place: Placement


class DisplayText:
    """The shown text (cleaned text, plus removed parts when asked) and its offset maps both ways."""

    def __init__(self, article: Article, show_removed: bool) -> None:
        text = article.text
        self.inserts: list[_Insert] = []
        pieces, last, shift = [], 0, 0
        self._pos: list[int] = []  # clean positions of the inserts, ascending
        self._shift: list[int] = []  # total inserted length up to and including each insert
        for place in placements(article) if show_removed else []:
            pieces.append(text[last : place.pos])
            last = place.pos
            start = place.pos + shift
            pieces.append(place.insert)
            shift += len(place.insert)
            self.inserts.append(_Insert(start, start + len(place.insert), place))
            self._pos.append(place.pos)
            self._shift.append(shift)
        pieces.append(text[last:])
        self.text = "".join(pieces)
        # Qt counts UTF-16 units: remember where characters outside the BMP sit.
        self._astral = [m.start() for m in _ASTRAL.finditer(self.text)]
        self._astral_qt = [i + n + 1 for n, i in enumerate(self._astral)]  # Qt position just after each

    def _shift_at(self, clean: int, inclusive: bool) -> int:
        n = bisect_right(self._pos, clean) if inclusive else bisect_left(self._pos, clean)
        return self._shift[n - 1] if n else 0

    def display_start(self, clean: int) -> int:
        return clean + self._shift_at(clean, True)

    def display_end(self, clean: int) -> int:
        return clean + self._shift_at(clean, False)

    def to_clean(self, display: int) -> tuple[int, Placement | None]:
        """Clean offset of displayed position ``display``; inside a removed part: (its pos, that part)."""
        shift = 0
        for ins in self.inserts:
            if display < ins.start:
                break
            if display < ins.end:
                return ins.place.pos, ins.place
            shift = ins.end - ins.start + shift
        return display - shift, None

    def qt(self, index: int) -> int:
        return index + bisect_left(self._astral, index)

    def py(self, qt_pos: int) -> int:
        return qt_pos - bisect_right(self._astral_qt, qt_pos)


class ArticleViewer(QPlainTextEdit):
    clickedAt = Signal(str, int)  # article id, offset in its cleaned text (a click, not a drag)
    removedClicked = Signal(str, int)  # article id, index in Article.removed of a greyed part

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleViewer")
        self.setAccessibleName("Source article")
        self.setReadOnly(True)
        self.setAcceptDrops(False)  # drops go to the main window, which loads them
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setPlaceholderText("Select an article or a fact to read its source here.")
        self.setToolTip("Source article; the selected fact's sentence is highlighted. "
                        "Click a sentence to find its facts; select words to add them as a fact.")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.05)
        self.setFont(font)
        self.document().setDocumentMargin(10)
        self.setMouseTracking(True)
        self._article: Article | None = None
        self._display: DisplayText | None = None
        self._spans: list[SourceSpan] = []
        self._current = 0
        self.show_removed = False
        self.context_actions: list = []  # window actions offered in the context menu ("Add as fact", ...)
        self._press: QPoint | None = None
        # Read-only, yet the keyboard moves a caret and selects words to add as a fact (Ctrl+Shift+A).
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)

    # -- state ----------------------------------------------------------------------------------------------
    @property
    def article_id(self) -> str | None:
        return self._article.id if self._article else None

    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def display(self) -> DisplayText | None:
        return self._display

    def clear_article(self) -> None:
        self._article, self._display, self._spans = None, None, []
        self.setExtraSelections([])
        self.setPlainText("")

    def set_show_removed(self, show: bool) -> None:
        if show != self.show_removed:
            self.show_removed = show
            if self._article is not None and self._spans:  # keep the highlighted source in view
                self.show_article(self._article, self._spans, self._current)
            elif self._article is not None:
                value = self.verticalScrollBar().value()
                self.show_article(self._article, scroll=False)
                self.verticalScrollBar().setValue(value)

    # -- showing --------------------------------------------------------------------------------------------
    def show_article(self, article: Article, spans: Sequence[SourceSpan] = (), current: int = 0,
                     scroll: bool = True) -> None:
        """Show ``article`` with ``spans`` highlighted; ``spans[current]`` strongest and brought into view."""
        display = DisplayText(article, self.show_removed)
        if self._article is not article or self._display is None or self._display.text != display.text:
            self.setPlainText(display.text)
            self._grey_removed(display)
        self._article, self._display = article, display
        self._spans = [s for s in spans if 0 <= s.start <= s.end <= len(article.text)]
        self._current = min(max(current, 0), max(len(self._spans) - 1, 0))
        self._paint_spans()
        if not scroll:
            return
        cursor = QTextCursor(self.document())
        if self._spans:
            focus = self._spans[self._current]
            cursor.setPosition(display.qt(display.display_start(focus.start)))
            self.setTextCursor(cursor)
            if not self._visible(focus):
                self.centerCursor()
        else:
            self.setTextCursor(cursor)
            self.verticalScrollBar().setValue(0)

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _visible(self, span: SourceSpan) -> bool:
        d = self._display
        if d is None:
            return False
        first, last = QTextCursor(self.document()), QTextCursor(self.document())
        first.setPosition(d.qt(d.display_start(span.start)))
        last.setPosition(d.qt(d.display_end(span.end)))
        view = self.viewport().rect()
        top, bottom = self.cursorRect(first).topLeft(), self.cursorRect(last).bottomLeft()
        return view.contains(top) and view.contains(bottom)

    def _paint_spans(self) -> None:
        d = self._display
        if d is None:
            return
        pal = self.palette()
        strong, faint = QTextCharFormat(), QTextCharFormat()
        strong.setBackground(theme.source_highlight(pal, strong=True))
        faint.setBackground(theme.source_highlight(pal, strong=False))
        for fmt in (strong, faint):
            fmt.setForeground(pal.color(QPalette.ColorRole.Text))
        order = [self._current, *[i for i in range(len(self._spans)) if i != self._current]]
        selections = []
        for i in order if self._spans else []:
            span = self._spans[i]
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._cursor(d.qt(d.display_start(span.start)), d.qt(d.display_end(span.end)))
            sel.format = strong if i == self._current else faint
            selections.append(sel)
        self.setExtraSelections(selections)

    def _grey_removed(self, display: DisplayText) -> None:
        if not display.inserts:
            return
        fmt = QTextCharFormat()
        fmt.setForeground(theme.secondary_text(self.palette()))
        fmt.setFontItalic(True)
        for ins in display.inserts:
            self._cursor(display.qt(ins.start), display.qt(ins.end)).mergeCharFormat(fmt)

    # -- positions ------------------------------------------------------------------------------------------
    def clean_offset_at(self, point: QPoint) -> tuple[int, Placement | None] | None:
        """Offset in the cleaned text under viewport ``point`` (and the removed part there, if any)."""
        if self._display is None:
            return None
        return self._display.to_clean(self._display.py(self.cursorForPosition(point).position()))

    def removed_at_cursor(self) -> Placement | None:
        if self._display is None:
            return None
        return self._display.to_clean(self._display.py(self.textCursor().position()))[1]

    def selected_span(self) -> SourceSpan | None:
        """The selected words as a span of the cleaned text (removed text in the selection is left out)."""
        cursor, d = self.textCursor(), self._display
        if d is None or self._article is None or not cursor.hasSelection():
            return None
        a, _ = d.to_clean(d.py(cursor.selectionStart()))
        last, place = d.to_clean(d.py(cursor.selectionEnd() - 1))
        b = last if place is not None else last + 1
        text = self._article.text
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        return SourceSpan(self._article.id, a, b) if b > a else None

    # -- Qt overrides ---------------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.hasFocus():  # the style draws no focus frame on a text view, and a caret blinks: a steady frame
            painter = QPainter(self.viewport())
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(self.viewport().rect().adjusted(1, 1, -1, -1))
            painter.end()

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def mousePressEvent(self, event) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        if (event.button() != Qt.MouseButton.LeftButton or self._article is None or self._press is None
                or (point - self._press).manhattanLength() > 4 or self.textCursor().hasSelection()):
            return
        found = self.clean_offset_at(point)
        if found is not None:
            offset, place = found
            if place is not None:
                self.removedClicked.emit(self._article.id, place.index)
            else:
                self.clickedAt.emit(self._article.id, offset)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self._display is not None:
            found = self.clean_offset_at(event.pos())
            if found is not None and found[1] is not None:
                QToolTip.showText(event.globalPos(), f"Removed by the cleaner ({found[1].part.reason}).\n"
                                  "Right-click › Restore Removed Text puts it back.", self)
                return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu: QMenu = self.createStandardContextMenu(event.pos())
        found = self.clean_offset_at(event.pos())
        if found is not None and found[1] is not None and not self.textCursor().hasSelection():
            cursor = self.cursorForPosition(event.pos())
            self.setTextCursor(cursor)  # the restore action works on the part under the cursor
        if self.context_actions:
            menu.insertSeparator(menu.actions()[0] if menu.actions() else None)
            first = menu.actions()[0] if menu.actions() else None
            menu.insertActions(first, [a for a in self.context_actions if a.isEnabled()])
        menu.exec(event.globalPos())
        menu.deleteLater()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._article is not None:
            value = self.verticalScrollBar().value()
            self._display = None  # re-render the greyed parts in the new palette
            self.show_article(self._article, self._spans, self._current, scroll=False)
            self.verticalScrollBar().setValue(value)

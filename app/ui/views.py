"""The article list and the fact tree: word-wrapping delegates and an empty-state hint."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from app.ui.article_model import SubtitleRole
from app.ui.fact_model import COL_TEXT

_Index = QModelIndex | QPersistentModelIndex
EMPTY_HINT = "Drop news articles here\nor use File › Open… (Ctrl+O)"


def _paint_hint(view: QAbstractItemView, text: str) -> None:
    """Centred grey text on an empty view, so a new user knows what to do."""
    painter = QPainter(view.viewport())
    painter.setPen(view.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
    painter.drawText(view.viewport().rect().adjusted(12, 12, -12, -12),
                     Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
    painter.end()


class ArticleDelegate(QStyledItemDelegate):
    """Bold wrapped title over a grey one-line subtitle."""

    PAD = 8

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setBold(True)
        sub = QFont(option.font)
        sub.setPointSizeF(max(option.font.pointSizeF() * 0.88, 7.0))
        return title, sub

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else option.rect.width()
        return max(width - 2 * self.PAD, 40)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        title_font, sub_font = self._fonts(option)
        width = self._text_width(option)
        title = QFontMetrics(title_font).boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap,
                                                     str(index.data() or ""))
        sub_h = QFontMetrics(sub_font).height()
        return QSize(width + 2 * self.PAD, title.height() + sub_h + 2 * self.PAD + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        title_font, sub_font = self._fonts(option)
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        painter.save()
        painter.setPen(opt.palette.color(role))
        painter.setFont(title_font)
        title_rect = painter.boundingRect(rect, Qt.TextFlag.TextWordWrap, str(index.data() or ""))
        painter.drawText(rect, Qt.TextFlag.TextWordWrap, str(index.data() or ""))
        painter.setFont(sub_font)
        if not selected:
            painter.setPen(opt.palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        sub_rect = QRect(rect.left(), title_rect.bottom() + 3, rect.width(), QFontMetrics(sub_font).height())
        sub = QFontMetrics(sub_font).elidedText(str(index.data(SubtitleRole) or ""),
                                                Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(sub_rect, Qt.AlignmentFlag.AlignLeft, sub)
        painter.restore()


class ArticleListView(QListView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleList")
        self.setItemDelegate(ArticleDelegate(self))
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setToolTip("Loaded articles: select one to read it")

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            _paint_hint(self, "No articles yet")


class FactDelegate(QStyledItemDelegate):
    """Row height follows the wrapped text at the column's current width (QTreeView does not do this)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        view = self.parent()
        if index.column() != COL_TEXT or not isinstance(view, QTreeView):
            return size
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        indent = view.indentation() * (depth + int(view.rootIsDecorated()))
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = view.style()
        check = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, opt, view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, opt, view) + 1
        width = view.columnWidth(COL_TEXT) - indent - check - 4 * margin - 6
        text = QFontMetrics(opt.font).boundingRect(QRect(0, 0, max(width, 40), 100_000),
                                                   Qt.TextFlag.TextWordWrap, opt.text)
        return QSize(size.width(), max(size.height(), text.height() + 2 * margin + 4))


class FactView(QTreeView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("factView")
        self.setItemDelegate(FactDelegate(self))
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setToolTip("Tick the facts the memo should contain; double-click a fact to edit it")
        self.header().setStretchLastSection(False)
        self.header().sectionResized.connect(self._relayout)

    def setModel(self, model) -> None:  # noqa: N802 - Qt override
        super().setModel(model)
        header = self.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)

    def _relayout(self, logical: int, _old: int, _new: int) -> None:
        if logical == COL_TEXT:
            self.scheduleDelayedItemsLayout()  # wrapped rows change height with the column

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange:
            self.scheduleDelayedItemsLayout()
        return super().event(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            _paint_hint(self, EMPTY_HINT)

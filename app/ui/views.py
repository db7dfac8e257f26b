"""The article list and the fact tree: word-wrapping delegates and an empty-state hint."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
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

from app.ui import theme
from app.ui.article_model import SubtitleRole
from app.ui.fact_editor import FactDelegate
from app.ui.fact_model import COL_CONFLICT, COL_SCORE, COL_SOURCES, COL_STATUS, COL_TEXT, SectionKeyRole

_Index = QModelIndex | QPersistentModelIndex
PER_PIXEL_LIMIT = 1500  # facts shown; more and the fact view scrolls per item (see FactView._adapt_scrolling)
STAGED_ROWS = 1000  # facts whose sections are expanded in one event-loop turn (see FactView._expand_sections)
PAINT_LATER_MS = 30  # see FactView.paint_later: long enough for this turn's events, too short to notice
EMPTY_HINT = "No facts in the loaded articles"  # before any article, the window's emptyHint label shows instead


def _paint_hint(view: QAbstractItemView, text: str) -> None:
    """Centred grey text on an empty view, so a new user knows what to do."""
    painter = QPainter(view.viewport())
    painter.setPen(theme.secondary_text(view.palette()))
    painter.drawText(view.viewport().rect().adjusted(12, 12, -12, -12),
                     Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
    painter.end()


class ArticleDelegate(QStyledItemDelegate):
    """Bold wrapped title over a grey one-line subtitle."""

    PAD = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sizes: dict[tuple, QSize] = {}

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
        # Cached: the list asks twice per row at each layout, and 200 new titles arrive at once with a load.
        text, width = str(index.data() or ""), self._text_width(option)
        key = (text, width, option.font.key())
        size = self._sizes.get(key)
        if size is None:
            title_font, sub_font = self._fonts(option)
            title = QFontMetrics(title_font).boundingRect(QRect(0, 0, width, 10_000),
                                                         Qt.TextFlag.TextWordWrap, text)
            sub_h = QFontMetrics(sub_font).height()
            size = QSize(width + 2 * self.PAD, title.height() + sub_h + 2 * self.PAD + 2)
            if len(self._sizes) > 4096:
                self._sizes.clear()
            self._sizes[key] = size
        return QSize(size)

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
            painter.setPen(theme.secondary_text(opt.palette))
        sub_rect = QRect(rect.left(), title_rect.bottom() + 3, rect.width(), QFontMetrics(sub_font).height())
        sub = QFontMetrics(sub_font).elidedText(str(index.data(SubtitleRole) or ""),
                                                Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(sub_rect, Qt.AlignmentFlag.AlignLeft, sub)
        painter.restore()


class ArticleListView(QListView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleList")
        self.setAccessibleName("Articles")
        self.setItemDelegate(ArticleDelegate(self))
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        # Hundreds of wrapped titles are measured a batch per event-loop turn, not all in one long turn.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(40)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setToolTip("Loaded articles: select one to read it")

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            _paint_hint(self, "No articles yet")


class FactView(QTreeView):
    """The fact tree: several rows can be selected, dragged between sections, ticked together with Space."""

    contextMenuRequested = Signal(QPoint)  # viewport position; the facts controller builds the menu

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("factView")
        self.setAccessibleName("Facts")
        self.empty_text = EMPTY_HINT  # painted on an empty tree; "" while a widget over it says what to do
        self.delegate = FactDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Always there: a scroll bar that appears with the first facts narrows the text column, and every
        # wrapped row is measured and laid out again (a second ~50 ms relayout right after a big load).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        # DragDrop, not InternalMove: the model only accepts drags that started in it (see dragged_ids), and
        # InternalMove would refuse any drop event Qt did not create itself.
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self.setToolTip("Tick the facts the memo should contain; double-click or F2 to edit, drag to reorder")
        self.header().setStretchLastSection(False)
        self.header().sectionResized.connect(self._relayout)
        self._collapsed: set[str] = set()  # sections the user folded; everything else stays open
        self.collapsed.connect(lambda index: self._fold(index, True))
        self.expanded.connect(lambda index: self._fold(index, False))

    def setModel(self, model) -> None:  # noqa: N802 - Qt override
        super().setModel(model)
        header = self.header()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        self._size_columns()
        if model is not None:
            model.layoutChanged.connect(self._adapt_scrolling)
            model.modelReset.connect(self._adapt_scrolling)
            model.layoutChanged.connect(self._expand_sections)
            model.modelReset.connect(self._expand_sections)
            model.rowsInserted.connect(self._expand_sections)

    def _adapt_scrolling(self, *_args) -> None:
        """Smooth per-pixel scrolling needs every row's height; past a few thousand rows scroll per item, so
        only the rows on screen are measured."""
        model = self.model()
        count = model.shown_count() if hasattr(model, "shown_count") else model.rowCount()
        mode = QAbstractItemView.ScrollMode.ScrollPerItem if count > PER_PIXEL_LIMIT \
            else QAbstractItemView.ScrollMode.ScrollPerPixel
        if self.verticalScrollMode() != mode:
            self.setVerticalScrollMode(mode)

    def _size_columns(self) -> None:
        """Narrow columns sized from their longest possible content, not measured row by row (ResizeToContents
        asks every one of 10,000 rows)."""
        model = self.model()
        if model is None:
            return
        metrics = self.fontMetrics()
        samples = {COL_SOURCES: "99", COL_SCORE: "0.00", COL_STATUS: "expected", COL_CONFLICT: "⚠"}
        for column, sample in samples.items():
            label = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(label)) + 24
            self.header().resizeSection(column, width)

    def paint_later(self) -> None:
        """Before a big change (a load): paint the rows in the next event-loop turn, not in this one.

        Painting first lays out every row (~50 ms for 5,000 facts); done in the same turn as the change it
        doubles the GUI's stall, while a turn later Qt's own delayed layout has already run."""
        self.setUpdatesEnabled(False)  # the view and its viewport (the frame's paint lays out the rows too)
        # Not 0 ms: a zero timer may fire before this turn's posted paint. Re-enabling repaints.
        QTimer.singleShot(PAINT_LATER_MS, self, lambda: self.setUpdatesEnabled(True))

    # -- helpers for the controller ----------------------------------------------------------------------
    def selected_facts(self) -> list:
        """The selected facts in display order (the current one if nothing is selected)."""
        model = self.model()
        rows = sorted((i for i in self.selectionModel().selectedRows(COL_TEXT) if i.internalId() != 0),
                      key=lambda i: (i.internalId(), i.row()))
        facts = [model.fact(i) for i in rows]
        if not facts:
            current = model.fact(self.currentIndex()) if model is not None else None
            facts = [current] if current is not None else []
        return [f for f in facts if f is not None]

    def select_facts(self, ids: list[str], edit: bool = False) -> None:
        """Make ``ids`` the selection (first one current), scrolled into view; optionally edit the first."""
        model = self.model()
        indexes = [model.index_of_fact(i) for i in ids]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return
        sel = self.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Rows
        sel.setCurrentIndex(indexes[0], QItemSelectionModel.SelectionFlag.ClearAndSelect | flags)
        for index in indexes[1:]:
            sel.select(index, QItemSelectionModel.SelectionFlag.Select | flags)
        self.scrollTo(indexes[0])
        if edit:
            self.edit(indexes[0])

    def _fold(self, index: QModelIndex, folded: bool) -> None:
        key = index.data(SectionKeyRole)
        if key is not None:
            (self._collapsed.add if folded else self._collapsed.discard)(key)

    def _expand_sections(self, *_args) -> None:
        model = self.model()
        closed = [model.index(row, 0) for row in range(model.rowCount())]
        closed = [i for i in closed
                  if not self.isExpanded(i) and i.data(SectionKeyRole) not in self._collapsed]
        if not closed:  # usually: expansion survives layout changes
            return
        # Thousands of facts after a big load: about STAGED_ROWS of them per event-loop turn, so no turn
        # lays out all of them (~70-100 ms for 5,000).
        batch, rows = [], 0
        for index in closed:
            batch.append(index)
            rows += model.rowCount(index)
            if rows >= STAGED_ROWS:
                break
        if len(batch) < len(closed):
            QTimer.singleShot(1, self, self._expand_more)  # 1 ms: a timer, not a posted call in this batch
        # While a relayout is pending, expand() only records the section; the rows are then laid out once, in
        # a later event-loop turn, instead of now inside the model's signal on top of the edit that emitted it.
        self.scheduleDelayedItemsLayout()
        for index in batch:
            self.expand(index)

    def _expand_more(self) -> None:
        """The next sections of a big load: on a laid-out tree expand() lays out just that section's rows."""
        model = self.model()
        if model is None:
            return
        rows = 0
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if self.isExpanded(index) or index.data(SectionKeyRole) in self._collapsed:
                continue
            if rows and rows + model.rowCount(index) > STAGED_ROWS:
                QTimer.singleShot(1, self, self._expand_more)  # 1 ms: a timer, not a posted call in this batch
                return
            rows += model.rowCount(index)
            self.expand(index)

    # -- Qt overrides ----------------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and event.modifiers() == Qt.KeyboardModifier.NoModifier \
                and self.state() != QAbstractItemView.State.EditingState:
            facts = self.selected_facts()
            current = self.model().fact(self.currentIndex())
            if len(facts) > 1 and current in facts:  # Space ticks or unticks the whole selection
                self.model().set_ticked([f.id for f in facts], not current.included)
                event.accept()
                return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        self.contextMenuRequested.emit(event.pos())
        event.accept()

    def _relayout(self, logical: int, _old: int, _new: int) -> None:
        if logical == COL_TEXT:
            self.scheduleDelayedItemsLayout()  # wrapped rows change height with the column

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange:
            self.delegate.forget_sizes()
            self._size_columns()
            self.scheduleDelayedItemsLayout()
        return super().event(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            filtered = getattr(self.model(), "filter", None)
            text = "No fact matches the filter" if filtered is not None and filtered.active else self.empty_text
            if text:
                _paint_hint(self, text)

"""How a fact row is drawn and edited: wrapped text with a cached height, a sources badge, and a multi-line
in-place editor of the memo wording (Enter saves, Shift+Enter starts a new line, Esc cancels,
Ctrl+Shift+Enter splits there) with the source sentence(s) shown read-only beneath it."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from app.ui.fact_model import COL_SOURCES, COL_TEXT
from app.ui.fact_wording import SourceTextRole

_Index = QModelIndex | QPersistentModelIndex
EDITOR_TIP = "Enter: save · Shift+Enter: new line · Esc: cancel · Ctrl+Shift+Enter: split the fact here"
_CACHE_LIMIT = 50_000


def python_offset(text: str, utf16_pos: int) -> int:
    """Qt counts UTF-16 units, Python code points: the Python index of a Qt cursor position in ``text``."""
    units = 0
    for i, ch in enumerate(text):
        if units >= utf16_pos:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


class FactEditor(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("factEditor")
        self.setAccessibleName("Memo wording")
        self.setToolTip(EDITOR_TIP)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # The source sentence(s), read-only, stacked under the memo wording inside the editor's frame.
        self.source = QPlainTextEdit(self)
        self.source.setObjectName("factSourceText")
        self.source.setAccessibleName("Source sentence")
        self.source.setReadOnly(True)
        self.source.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.source.setToolTip("The source sentence(s), [article number] first: the memo prints the wording above")
        self.source.setBackgroundVisible(False)
        self.source.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        palette = self.source.palette()
        palette.setBrush(QPalette.ColorRole.Base, palette.brush(QPalette.ColorRole.AlternateBase))
        self.source.setPalette(palette)
        self.source.hide()

    def set_source(self, text: str) -> None:
        self.source.setPlainText(text)
        self.source.setVisible(bool(text))
        self._place_source()

    def source_height(self) -> int:
        if not self.source.toPlainText():
            return 0
        lines = self.source.toPlainText().count("\n") + 1
        return min(QFontMetrics(self.font()).lineSpacing() * (lines + 1) + 8, 160)

    def _place_source(self) -> None:
        height = self.source_height()
        self.setViewportMargins(0, 0, 0, height)
        frame = self.frameWidth()
        self.source.setGeometry(frame, self.height() - frame - height, self.width() - 2 * frame, height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place_source()

    def cursor_offset(self) -> int:
        """The cursor as a Python index into :meth:`toPlainText`."""
        return python_offset(self.toPlainText(), self.textCursor().position())


class FactDelegate(QStyledItemDelegate):
    """Row height follows the wrapped text at the column's current width (QTreeView does not do this)."""

    splitRequested = Signal(QWidget)  # Ctrl+Shift+Enter in the editor: split at its cursor

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[tuple, int] = {}
        self._editor: FactEditor | None = None
        self._editor_index = QPersistentModelIndex()

    # -- size and paint --------------------------------------------------------------------------------------
    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        view = self.parent()
        if not isinstance(view, QTreeView):
            return super().sizeHint(option, index)
        if index.column() != COL_TEXT:  # one line; the text column sets the row height (cheap: 10,000 rows)
            return QSize(0, QFontMetrics(option.font).height() + 6)
        text = str(index.data() or "")
        depth = 0 if index.internalId() == 0 else 1
        width = view.columnWidth(COL_TEXT)
        key = (text, width, depth, option.font.key())
        height = self._heights.get(key)
        if height is None:
            height = self._measure(option, text, view, depth, width)
            if len(self._heights) > _CACHE_LIMIT:
                self._heights.clear()
            self._heights[key] = height
        return QSize(width, height)

    def _measure(self, option: QStyleOptionViewItem, text: str, view: QTreeView, depth: int,
                 width: int) -> int:
        """Wrapped text height at the column width (no initStyleOption / super().sizeHint: 10,000 rows)."""
        font = QFont(option.font)
        font.setBold(depth == 0)  # section rows are bold (the model's FontRole)
        style = view.style()
        indent = view.indentation() * (depth + int(view.rootIsDecorated()))
        check = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, view)
        check_h = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight, option, view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, view) + 1
        text_width = width - indent - check - 4 * margin - 6
        box = QFontMetrics(font).boundingRect(QRect(0, 0, max(text_width, 40), 100_000),
                                              Qt.TextFlag.TextWordWrap, text)
        return max(box.height(), check_h) + 2 * margin + 4

    def forget_sizes(self) -> None:
        self._heights.clear()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        if index.column() != COL_SOURCES or index.internalId() == 0:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        count, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if not count or count == "0":
            return
        # A rounded badge with the number of sources; colours from the view's own palette, because the row's
        # palette carries the greyed text of an unticked fact.
        palette = widget.palette() if widget is not None else opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        many = count != "1"
        role = QPalette.ColorRole
        if selected:
            fill, ink = palette.color(role.HighlightedText), palette.color(role.Highlight)
        elif many:
            fill, ink = palette.color(role.Highlight), palette.color(role.HighlightedText)
        else:
            fill, ink = palette.color(role.Button), palette.color(role.ButtonText)
        metrics = QFontMetrics(opt.font)
        height = metrics.height() + 2
        width = max(metrics.horizontalAdvance(count) + 12, height)
        badge = QRect(0, 0, width, height)
        badge.moveCenter(option.rect.center())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(palette.color(QPalette.ColorRole.Mid) if not (many or selected) else Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(ink)
        painter.setFont(opt.font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, count)
        painter.restore()

    # -- editing ---------------------------------------------------------------------------------------------
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        if index.column() != COL_TEXT or index.internalId() == 0:
            return super().createEditor(parent, option, index)
        editor = FactEditor(parent)
        self._editor, self._editor_index = editor, QPersistentModelIndex(index)
        editor.destroyed.connect(self._editor_gone)
        return editor

    def destroyEditor(self, editor: QWidget, index: _Index) -> None:  # noqa: N802 - Qt override
        if editor is self._editor:  # it is only deleted later: forget it now
            self._editor_gone()
        super().destroyEditor(editor, index)

    def _editor_gone(self, *_args) -> None:
        self._editor, self._editor_index = None, QPersistentModelIndex()

    def open_editor(self) -> tuple[FactEditor | None, QModelIndex]:
        """The fact editor now open (if any) and the index it edits."""
        editor = self._editor
        if editor is None or not shiboken6.isValid(editor) or not editor.isVisible() \
                or not self._editor_index.isValid():
            return None, QModelIndex()
        return editor, QModelIndex(self._editor_index)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if not isinstance(editor, FactEditor):
            super().setEditorData(editor, index)
            return
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.set_source(str(index.data(SourceTextRole) or ""))
        if editor.toPlainText() != text:
            editor.setPlainText(text)
            editor.moveCursor(QTextCursor.MoveOperation.End)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, FactEditor):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: _Index) -> None:
        rect = QRect(option.rect)
        if isinstance(editor, FactEditor):
            rect.setHeight(max(rect.height(), QFontMetrics(option.font).lineSpacing() * 3 + 10)
                           + editor.source_height())
        editor.setGeometry(rect)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(obj, FactEditor) and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                mods = key_event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                if mods == (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
                    self.splitRequested.emit(obj)
                    return True
                if mods == Qt.KeyboardModifier.ShiftModifier:
                    obj.insertPlainText("\n")
                    return True
                if mods == Qt.KeyboardModifier.NoModifier:
                    self.commitData.emit(obj)
                    self.closeEditor.emit(obj, QAbstractItemDelegate.EndEditHint.NoHint)
                    return True
        return super().eventFilter(obj, event)

    def close_editor(self, save: bool) -> None:
        """Close the open fact editor, saving what was typed or not."""
        editor, _ = self.open_editor()
        if editor is None:
            return
        if save:
            self.commitData.emit(editor)
        hint = QAbstractItemDelegate.EndEditHint
        self.closeEditor.emit(editor, hint.NoHint if save else hint.RevertModelCache)

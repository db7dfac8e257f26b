"""The first-run hint: until an article is loaded, the fact pane says how to add some, with the real keys."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QLabel, QMainWindow

from app.ui.views import EMPTY_HINT

NAME = "emptyHint"


def hint_text(window: QMainWindow) -> str:
    """"Drop articles here or press Ctrl+O", with the keys the Open actions really have on this system."""
    def keys(action) -> str:
        return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

    acts = window.acts
    text = f"Drop articles here or press {keys(acts.open)}"
    folder = keys(acts.open_folder)
    return text + (f"\n(a whole folder: drop it, or press {folder})" if folder else "")


class EmptyHint(QObject):
    """A label over the fact tree's viewport, shown while the briefing has no article."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        viewport = window.fact_view.viewport()
        self.label = QLabel(hint_text(window), viewport, objectName=NAME)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # grey in light and dark themes
        # Drags and clicks go through to the view and the window, which take the dropped files.
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.setAccessibleName("Getting started")
        self.label.setAccessibleDescription(self.label.text().replace("\n", " "))
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.label.setFont(font)
        viewport.installEventFilter(self)
        self._place()
        window.briefingChanged.connect(self.update)
        window.loadSettled.connect(self.update)
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        self.label.setGeometry(self.window.fact_view.viewport().rect().adjusted(16, 16, -16, -16))

    def update(self) -> None:
        empty = not self.window.briefing.articles
        self.label.setVisible(empty)
        self.window.fact_view.empty_text = "" if empty else EMPTY_HINT
        self.window.fact_view.viewport().update()


def install(window: QMainWindow) -> EmptyHint:
    window.empty_hint = EmptyHint(window)
    return window.empty_hint

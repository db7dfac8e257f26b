"""How the main window is laid out: its panes (each with a caption), the status bar's permanent widgets, and
keeping the window on its screen. ``MainWindow`` calls these once it has built the widgets they place."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.ui import theme


class _Caption(QLabel):
    """A pane's bold title and quieter hint, re-coloured when the palette changes (light or dark)."""

    def __init__(self, title: str, hint: str = "") -> None:
        super().__init__()
        self._title, self._hint = title, hint
        self._colour()

    def _colour(self) -> None:
        grey = theme.secondary_text(self.palette()).name()
        hint = f" <span style='color:{grey}'>— {self._hint}</span>" if self._hint else ""
        self.setText(f"<b>{self._title}</b>{hint}")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour()


def _titled(title: str, widget: QWidget, hint: str = "") -> QWidget:
    """A pane: bold caption (and grey hint) above ``widget``."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.setSpacing(4)
    caption = _Caption(title, hint)
    layout.addWidget(caption)
    layout.addWidget(widget, 1)
    return box


def build_panes(window) -> None:
    """Articles | Facts | Source above the memo fields, in named splitters that keep their sizes."""
    right = QSplitter(Qt.Orientation.Vertical)
    right.setObjectName("rightSplitter")  # named splitters keep their sizes between runs
    right.addWidget(_titled("Source", window.source_panel))
    memo_box = QWidget()
    memo_layout = QVBoxLayout(memo_box)
    memo_layout.setContentsMargins(6, 0, 6, 6)
    memo_layout.addWidget(window.memo_panel)
    right.addWidget(memo_box)
    right.setStretchFactor(0, 1)
    right.setStretchFactor(1, 0)
    right.setChildrenCollapsible(False)

    window.splitter = QSplitter(Qt.Orientation.Horizontal)
    window.splitter.setObjectName("mainSplitter")
    window.splitter.addWidget(_titled("Articles", window.article_list))
    facts_pane = _titled("Facts", window.fact_view, "tick what goes in the memo")
    facts_pane.setMinimumWidth(360)  # narrower and the wrapped facts become a column of single words
    window.splitter.addWidget(facts_pane)
    window.splitter.addWidget(right)
    for i, stretch in enumerate((1, 5, 3)):
        window.splitter.setStretchFactor(i, stretch)
    window.splitter.setChildrenCollapsible(False)
    window._sized = False  # splitter proportions are set on first show, when the width is known
    window.setCentralWidget(window.splitter)


def build_status_bar(window) -> None:
    """The fact counts, the load progress bar and its Cancel button, at the right of the status bar."""
    bar = window.statusBar()
    window.counts_label = QLabel()
    window.progress_bar = QProgressBar(objectName="progressBar")
    window.progress_bar.setRange(0, 100)
    window.progress_bar.setMaximumWidth(240)
    window.progress_bar.setTextVisible(True)
    window.progress_bar.setToolTip("Reading articles and extracting facts")
    window.cancel_button = QPushButton("Cancel", objectName="cancelButton")
    window.cancel_button.setToolTip("Stop loading; the articles already loaded stay as they are")
    window.cancel_button.setStatusTip(window.cancel_button.toolTip())
    bar.addPermanentWidget(window.counts_label)
    bar.addPermanentWidget(window.progress_bar)
    bar.addPermanentWidget(window.cancel_button)
    window.progress_bar.hide()
    window.cancel_button.hide()


def fit_to_screen(window) -> None:
    """Keep the whole window, frame included, on its screen's free area (a 1280×720 laptop, 200 %
    scaling, or a geometry saved on a bigger monitor)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    free = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w = max(frame.width() - window.width(), 0) or 8  # before the first show the frame is unknown
    extra_h = max(frame.height() - window.height(), 0) or 32
    room = QSize(max(free.width() - extra_w, 1), max(free.height() - extra_h, 1))
    if window.width() > room.width() or window.height() > room.height():
        window.resize(window.size().boundedTo(room).expandedTo(window.minimumSizeHint().boundedTo(room)))
    frame = window.frameGeometry()
    if not free.contains(frame):
        window.move(min(max(frame.x(), free.x()), max(free.right() - frame.width() + 1, free.x())),
                  min(max(frame.y(), free.y()), max(free.bottom() - frame.height() + 1, free.y())))

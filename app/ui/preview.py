"""Live memo preview (``memoPreview``): the real PDF pages as images, re-rendered shortly after each change.

A change (tick, edit, memo field, undo) restarts a 500 ms timer; when it fires, the GUI thread takes a cheap
snapshot of the briefing (``freeze``) and a worker lays out the PDF and rasterises it (``app.render.raster``).
Every render has a generation number and only the newest one is shown: a slow, stale render is dropped when it
arrives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import Briefing
from app.domain.snapshot import freeze
from app.ui import theme

log = logging.getLogger(__name__)
DELAY_MS = 500
PAGE_GAP = 10
EMPTY_TEXT = "The memo preview appears here once articles are loaded."
OVER_STYLE = "QLabel#budgetLabel {{ color: {fg}; background: {bg}; font-weight: bold; padding: 3px; }}"
WITHIN_STYLE = "QLabel#budgetLabel { color: palette(window-text); padding: 3px; }"
PAGES_STYLE = "#memoPreviewPages {{ background: {bg}; }} QLabel#memoPreviewMessage {{ color: {fg}; }}"


class _Signals(QObject):
    done = Signal(int, object)  # generation, list[QImage]
    failed = Signal(int, str)


class _RenderJob(QRunnable):
    def __init__(self, generation: int, briefing: Briefing, width_px: int, signals: _Signals,
                 is_stale: Callable[[], bool]) -> None:
        super().__init__()
        self.generation, self.briefing, self.width_px = generation, briefing, width_px
        self.signals, self.is_stale = signals, is_stale

    def run(self) -> None:
        try:
            self._run()
        except RuntimeError as exc:  # "Signal source has been deleted": the window closed while this ran
            log.debug("memo preview finished after its window closed: %s", exc)

    def _run(self) -> None:
        from app.render.raster import preview_briefing
        from app.shared.errors import BriefingError

        try:
            if self.is_stale():  # a newer change arrived while this job waited in the queue
                self.signals.done.emit(self.generation, None)
                return
            preview = preview_briefing(self.briefing, self.width_px, is_cancelled=self.is_stale)
            images = []
            for page in preview.pages:
                image = QImage(page.data, page.width, page.height, page.stride, QImage.Format.Format_RGBA8888)
                images.append(image.copy())  # own the pixels: ``page.data`` goes away with this job
            self.signals.done.emit(self.generation, images)
        except BriefingError as exc:
            self.signals.failed.emit(self.generation, exc.message)
        except Exception as exc:  # noqa: BLE001 - a worker reports, never dies silently
            if isinstance(exc, RuntimeError) and "deleted" in str(exc):
                raise  # the signal source is gone (see run)
            log.exception("memo preview failed")
            self.signals.failed.emit(self.generation, f"The preview could not be drawn: {exc}")


class MemoPreview(QScrollArea):
    """Shows the memo's pages; ``schedule()`` after any change, ``render_now()`` to skip the delay."""

    rendered = Signal(int)  # number of pages now shown
    dropped = Signal(int)  # a stale render's generation, thrown away
    failed = Signal(str)

    def __init__(self, get_briefing: Callable[[], Briefing], parent: QWidget | None = None,
                 delay_ms: int = DELAY_MS) -> None:
        super().__init__(parent)
        self.setObjectName("memoPreview")
        self.setToolTip("The memo as it will be exported to PDF")
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._get_briefing = get_briefing
        self._generation = 0
        self._closed = False  # after shutdown(): no more renders (a closed window must not keep working)
        self._live: dict[int, _Signals] = {}
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # PDFium and the layout are serial anyway; renders queue in order
        self.timer = QTimer(self, singleShot=True, interval=delay_ms)
        self.timer.timeout.connect(self.render_now)
        self.page_labels: list[QLabel] = []
        self.images: list[QImage] = []

        self._pages = QWidget()
        self._pages.setObjectName("memoPreviewPages")
        self._layout = QVBoxLayout(self._pages)
        self._layout.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self._layout.setSpacing(PAGE_GAP)
        self.message = QLabel(EMPTY_TEXT, objectName="memoPreviewMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # errors may quote names from the project
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self.message)
        self._layout.addStretch(1)
        self.setWidget(self._pages)
        # Pages against the template's page budget; shown above the pages (see install), warning when over.
        self.budget_label = QLabel(objectName="budgetLabel")
        self.budget_label.setTextFormat(Qt.TextFormat.PlainText)
        self.budget_label.setToolTip("The memo's length against its template's page budget; untick facts "
                                     "to bring it back within")
        self.budget_label.hide()
        self.over_budget = False
        self._apply_colours()

    def _apply_colours(self) -> None:
        """The backdrop and the budget warning in this palette's colours (see app/ui/theme.py)."""
        backdrop = theme.preview_backdrop(self.palette())
        self._pages.setStyleSheet(PAGES_STYLE.format(bg=backdrop.background.name(),
                                                     fg=backdrop.foreground.name()))
        if self.over_budget:
            warning = theme.warning(self.palette())
            self.budget_label.setStyleSheet(OVER_STYLE.format(fg=warning.foreground.name(),
                                                              bg=warning.background.name()))
        else:
            self.budget_label.setStyleSheet(WITHIN_STYLE)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colours()

    @property
    def generation(self) -> int:
        return self._generation

    def page_count(self) -> int:
        return len(self.page_labels)

    @Slot()
    def schedule(self) -> None:
        """Render once the user pauses: every call restarts the timer."""
        if not self._closed:
            self.timer.start()

    @Slot()
    def render_now(self) -> int:
        """Start rendering the current briefing; returns its generation (0: nothing to draw)."""
        self.timer.stop()
        if self._closed:
            return 0
        briefing = self._get_briefing()
        self._generation += 1
        if not briefing.articles:
            self._show_message(EMPTY_TEXT)
            return 0
        gen = self._generation
        snapshot = freeze(briefing)  # the worker never sees later edits
        signals = _Signals()
        signals.done.connect(self._on_done)
        signals.failed.connect(self._on_failed)
        self._live[gen] = signals
        self.pool.start(_RenderJob(gen, snapshot, self._page_width_px(), signals,
                                   lambda: gen != self._generation))
        return gen

    @Slot(bool)
    def loading_changed(self, busy: bool) -> None:
        """No render while articles load; one when the load ends (changes made meanwhile included)."""
        if busy:
            self.timer.stop()
        elif self.isVisible():
            self.schedule()

    def shutdown(self, msecs: int = 3000) -> None:
        self._closed = True
        self.timer.stop()
        self._generation += 1  # whatever is still running is stale now
        self.pool.waitForDone(msecs)

    def _page_width_px(self) -> int:
        # Leave room for the vertical scroll bar even before it appears: pages must never scroll sideways.
        bar = self.verticalScrollBar().sizeHint().width()
        width = self.viewport().width() - 2 * PAGE_GAP - (0 if self.verticalScrollBar().isVisible() else bar)
        ratio = self.devicePixelRatioF() or 1.0
        return int(max(160, min(width - 2, 1400)) * ratio)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.images and abs(event.size().width() - event.oldSize().width()) > 8:
            self.schedule()  # re-render sharp at the new width rather than scaling pixels

    def _forget(self, gen: int) -> bool:
        """Drop the job's signal object; True when ``gen`` is still the newest render."""
        signals = self._live.pop(gen, None)
        if signals is not None:
            signals.deleteLater()
        return gen == self._generation

    @Slot(int, object)
    def _on_done(self, gen: int, images: object) -> None:
        if not self._forget(gen) or images is None:
            self.dropped.emit(gen)
            return
        self._show_pages(list(images))  # type: ignore[arg-type]
        self._show_budget(len(self.page_labels))
        self.rendered.emit(len(self.page_labels))

    @Slot(int, str)
    def _on_failed(self, gen: int, message: str) -> None:
        if self._forget(gen):
            self._show_message(message)
            self.failed.emit(message)
        else:
            self.dropped.emit(gen)

    def _clear(self) -> None:
        for label in self.page_labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self.page_labels = []
        self.images = []

    def _show_budget(self, pages: int) -> None:
        from app.memo.budget import budget_note, page_budget

        budget = page_budget(self._get_briefing())
        note = budget_note(pages, budget)
        self.over_budget = bool(note)
        plural = "s" if pages != 1 else ""
        self.budget_label.setText(note or f"{pages} page{plural} — within the {budget}-page budget")
        self._apply_colours()
        self.budget_label.show()

    def _show_message(self, text: str) -> None:
        self.budget_label.hide()
        self.over_budget = False
        self._clear()
        self.message.setText(text)
        self.message.show()

    def _show_pages(self, images: list[QImage]) -> None:
        scroll = self.verticalScrollBar().value()
        self._clear()
        self.message.hide()
        ratio = self.devicePixelRatioF() or 1.0
        for number, image in enumerate(images, start=1):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label = QLabel(objectName=f"memoPreviewPage{number}")
            label.setPixmap(pixmap)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setToolTip(f"Page {number} of {len(images)}")
            self._layout.insertWidget(self._layout.count() - 1, label)
            self.page_labels.append(label)
        self.images = images
        self.verticalScrollBar().setValue(scroll)  # keep the reader's place across re-renders


def _watch_editors(root: QWidget, slot: Callable[[], None]) -> None:
    """Every field of the memo panel (including ones other features add before install) triggers a render."""
    for edit in root.findChildren(QLineEdit):
        edit.textChanged.connect(slot)
    for combo in root.findChildren(QComboBox):
        combo.currentTextChanged.connect(slot)
    for date_edit in root.findChildren(QDateEdit):
        date_edit.dateChanged.connect(slot)
    for text in root.findChildren(QPlainTextEdit) + root.findChildren(QTextEdit):
        text.textChanged.connect(slot)


def install(window: QMainWindow) -> MemoPreview:
    """Add the preview as a dock on the right, with a View menu toggle, wired to the window's changes."""
    preview = MemoPreview(lambda: window.briefing, window)
    dock = QDockWidget("Memo preview", window)
    dock.setObjectName("memoPreviewDock")
    holder = QWidget(objectName="memoPreviewHolder")
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(preview.budget_label)
    column.addWidget(preview, 1)
    dock.setWidget(holder)
    dock.setMinimumWidth(320)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    toggle = dock.toggleViewAction()
    toggle.setObjectName("showPreviewAction")
    toggle.setText("Memo &Preview")
    toggle.setToolTip("Show or hide the live preview of the memo")
    toggle.setStatusTip(toggle.toolTip())
    acts = getattr(window, "acts", None)
    if acts is not None and acts.view_menu is not None:
        acts.view_menu.addAction(toggle)
    loader = getattr(window, "loader", None)

    def loading() -> bool:
        return loader is not None and loader.is_busy()

    # A shown dock catches up with the changes made while it was hidden.
    dock.visibilityChanged.connect(lambda visible: visible and not loading() and preview.schedule())

    def changed(*_args) -> None:
        # A hidden dock catches up when it is shown again; during a load (its worker needs the CPU, and the
        # result replaces the briefing anyway) the preview waits for the load to end.
        if dock.isVisible() and not loading():
            preview.schedule()

    if loader is not None:
        loader.busyChanged.connect(preview.loading_changed)  # a slot: no call after the preview is gone

    signal = getattr(window, "briefingChanged", None)
    if signal is not None:
        signal.connect(changed)
    model = getattr(window, "fact_model", None)
    if model is not None:
        for name in ("dataChanged", "modelReset", "rowsInserted", "rowsRemoved", "rowsMoved",
                     "layoutChanged"):
            getattr(model, name).connect(changed)
        if hasattr(model, "ticksChanged"):
            model.ticksChanged.connect(changed)
    panel = getattr(window, "memo_panel", None)
    if panel is not None:
        _watch_editors(panel, changed)
    window.memo_preview = preview
    window.memo_preview_dock = dock
    return preview


__all__ = ["DELAY_MS", "MemoPreview", "install"]

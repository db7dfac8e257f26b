"""The Briefing Builder main window: articles | facts | source viewer and memo fields."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QWidget,
)

from app import __version__
from app.domain import Briefing
from app.edits.facts import ReplaceContent
from app.ui import (
    accessibility,
    dialogs,
    fact_actions,
    first_run,
    guide,
    memo_export,
    preferences,
    preview,
    project,
    provenance,
    settings,
    theme,
    undo,
    window_layout,
)
from app.ui.actions import build_actions
from app.ui.article_model import WARNING_MARK, ArticleModel
from app.ui.fact_model import FactModel
from app.ui.jobs import LoadOutcome, carry_over
from app.ui.loader import Loader
from app.ui.memo_panel import MemoPanel
from app.ui.source_panel import SourcePanel
from app.ui.views import ArticleListView, FactView

log = logging.getLogger(__name__)
OPEN_FILTER = ("Projects and articles (*.briefing {patterns});;Articles ({patterns});;"
               "Briefing projects (*.briefing);;All files (*)")
_FALLBACK_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")


class MainWindow(QMainWindow):
    briefingChanged = Signal()  # an edit was applied or undone; the views are already refreshed
    loadSettled = Signal()  # a load ended (added, failed or cancelled) and everything it changes is shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("Briefing Builder")
        self.setAcceptDrops(True)
        self.briefing = Briefing()
        self._settling = False  # a load started and what it changes is not all in place yet
        self._after_loads_due = 0  # a load's last step waits for the next turn of the event loop
        self._following = False  # the article list is following a fact selection

        self.article_model = ArticleModel(self)
        self.fact_model = FactModel(self)
        self.article_list = ArticleListView()
        self.article_list.setModel(self.article_model)
        self.fact_view = FactView()
        self.fact_view.setModel(self.fact_model)
        self.source_panel = SourcePanel()
        self.viewer = self.source_panel.viewer
        self.memo_panel = MemoPanel()
        self.memo_panel.set_memo(self.briefing.memo)
        self.acts = build_actions(self)
        undo.install(self)  # self.undo_stack, Undo/Redo actions, modified flag
        window_layout.build_panes(self)
        window_layout.build_status_bar(self)

        self.loader = Loader(self)
        self._connect()
        fact_actions.install(self)  # filter bar, add/delete/merge/split/move, context menu, undoable ticks
        provenance.install(self)  # reverse lookup, Add as fact, removed parts in the viewer
        self.memo_panel.attach(self)  # memo edits go on the undo stack; the summary draft follows ticks
        memo_export.install(self)  # export dialogs (last folder, suggested name), Open button
        preview.install(self)  # memoPreview dock: the PDF pages, re-rendered after each change
        self.theme_actions = theme.install(self, self.acts.view_menu)  # View › Theme, the saved choice applied
        first_run.install(self)  # emptyHint: how to add articles, until there are some
        guide.install(self)  # Help > User Guide (F1)
        preferences.install(self)  # Edit > Preferences: the header new briefings start with
        self._update_counts()
        self._update_enabled()
        geometry = settings.load_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1400, 900)
        window_layout.fit_to_screen(self)
        project.install(self)  # Save/Open/Recent, title, autosave; watches the widgets built above
        accessibility.install(self)  # last: names, descriptions and Tab order of every control above

    # -- connections ----------------------------------------------------------------------------------
    def _connect(self) -> None:
        acts = self.acts
        acts.open.triggered.connect(self.open_files)
        acts.open_folder.triggered.connect(self.open_folder)
        acts.export_docx.triggered.connect(lambda: self.export_memo("docx"))
        acts.export_pdf.triggered.connect(lambda: self.export_memo("pdf"))
        acts.quit.triggered.connect(self.close)
        acts.about.triggered.connect(self.show_about)
        acts.tick_all.triggered.connect(lambda: self.fact_model.set_all(True))
        acts.untick_all.triggered.connect(lambda: self.fact_model.set_all(False))
        self.cancel_button.clicked.connect(self.loader.cancel)
        self.loader.busyChanged.connect(self._busy_changed)
        self.loader.progress.connect(self._progress)
        self.loader.loaded.connect(self._loaded)
        self.loader.failed.connect(self._failed)
        self.loader.cancelled.connect(self._cancelled)
        self.fact_model.ticksChanged.connect(self._update_counts)
        self.fact_view.selectionModel().currentChanged.connect(self._fact_selected)
        self.article_list.selectionModel().currentChanged.connect(self._article_selected)

    # -- loading ----------------------------------------------------------------------------------------
    def add_paths(self, paths: Iterable[Path | str]) -> None:
        """Load files or folders (on a worker) and add them to the briefing."""
        paths = [Path(p) for p in paths]
        if paths:
            paths = self.project.take_projects(paths)  # a .briefing opens as the project; the rest are added
        if not paths:
            return
        first = paths[0]
        settings.remember_folder(first if first.is_dir() else first.parent)
        self.loader.start(self.briefing.articles, paths)

    def open_files(self) -> None:
        try:
            from app.ingest import SUPPORTED_SUFFIXES
        except ImportError:  # ingest not importable: still let the user pick files
            SUPPORTED_SUFFIXES = _FALLBACK_SUFFIXES  # noqa: N806
        patterns = " ".join(f"*{s}" for s in sorted(SUPPORTED_SUFFIXES))
        folder, filters = str(settings.last_folder()), OPEN_FILTER.format(patterns=patterns)
        files, _ = QFileDialog.getOpenFileNames(self, "Open a project or articles", folder, filters)
        self.add_paths(files)

    def open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of articles",
                                                  str(settings.last_folder()))
        if folder:
            self.add_paths([folder])

    def is_settled(self) -> bool:
        """False from the start of a load until its result, memo defaults and first selection are in place."""
        return not self._settling

    def _settle(self) -> None:
        if self._settling and not self.loader.is_busy() and not self._after_loads_due:
            self._settling = False
            self.loadSettled.emit()

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self._settling = True
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress_bar.setValue(0)
            self.statusBar().showMessage("Loading articles…")
        else:
            self.progress_bar.reset()
        self._update_enabled()

    def _progress(self, percent: int, message: str) -> None:
        self.progress_bar.setValue(percent)
        if message:
            self.statusBar().showMessage(message)

    def _loaded(self, outcome: LoadOutcome) -> None:
        shown = False
        if outcome.facts is not None:
            facts = carry_over(self.briefing.facts, outcome.facts)
            n = len(outcome.added)  # one undo step, so edits made before it still undo exactly
            self.fact_view.paint_later()  # keeps this turn short: the new rows are laid out and painted next
            # The memo defaults go in the same step: an autosave or crash never sees the articles without them.
            undo.push(self, ReplaceContent(outcome.articles, facts, outcome.entities, outcome.timeline,
                                           f"Add {n} article{'s' if n != 1 else ''}",
                                           self._memo_defaults(outcome.articles, outcome.events),
                                           outcome.events))
            # The rest in the next turn of the event loop: each turn stays short (the push above already
            # refreshed the views, one pass, not two).
            self._after_loads_due += 1
            QTimer.singleShot(1, self, self._after_load)  # 1 ms: a real timer; 0 ms posts into this batch
            shown = True
        added = len(outcome.added)
        msg = f"Added {added} article{'s' if added != 1 else ''}"
        if outcome.skipped:
            msg += f"; {len(outcome.skipped)} already loaded"
        if outcome.errors:
            msg += f"; {len(outcome.errors)} could not be read"
        warned = [a for a in outcome.added if a.warnings]
        if len(warned) == 1:  # read, but to be checked: the list marks each such article, its tooltip says why
            msg += f"; {WARNING_MARK} {Path(warned[0].path).name}: {warned[0].warnings[0]}"
        elif warned:
            msg += f"; {WARNING_MARK} {len(warned)} need checking (marked in the article list)"
        self.statusBar().showMessage(msg, 8000)
        if outcome.errors:
            dialogs.show_errors(self, "Some files could not be loaded", [str(e) for e in outcome.errors])
        if not shown:
            self._settle()

    def _after_load(self) -> None:
        self._after_loads_due -= 1
        self.memo_panel.set_memo(self.briefing.memo)
        self._select_first_article()
        self._settle()

    def _failed(self, message: str) -> None:
        self.statusBar().showMessage("Loading failed", 8000)
        dialogs.show_error(self, "Loading failed", message)
        self._settle()

    def _cancelled(self) -> None:
        self.statusBar().showMessage("Loading cancelled", 5000)
        self._settle()

    def _memo_defaults(self, articles, events=()) -> dict[str, object]:
        """The memo fields a load fills in: the subject (the main event's) and date, where the user has not
        set them; into a briefing without articles, also the Preferences' template, From and classification."""
        from app.run.pipeline import default_memo
        from app.ui.preferences import new_briefing_fields

        memo, default = self.briefing.memo, default_memo(articles, events)
        fields: dict[str, object] = {}
        if not self.briefing.articles:
            fields.update(new_briefing_fields(memo, self.project.prefilled))
        if not memo.subject.strip() and default.subject:
            fields["subject"] = default.subject
        if memo.date is None:
            fields["date"] = default.date or date.today()
        return fields

    def _refresh(self) -> None:
        shown = self.viewer.article_id
        self.article_model.set_articles(self.briefing.articles, self.briefing.facts)
        self.fact_model.set_facts(self.briefing.facts, self.briefing.articles)
        self.fact_view.expandAll()
        if shown is None and self.briefing.articles:
            self.article_list.setCurrentIndex(self.article_model.index(0, 0))
        elif shown is not None:
            row = self.article_model.row_of(shown)
            if row >= 0:
                self.article_list.setCurrentIndex(self.article_model.index(row, 0))
        self._update_counts()
        self._update_enabled()

    def _select_first_article(self) -> None:
        if self.viewer.article_id is None and self.briefing.articles:
            self.article_list.setCurrentIndex(self.article_model.index(0, 0))

    def briefing_changed(self) -> None:
        """After an edit is applied or undone: refresh facts, articles and counts, keeping the selection."""
        self.fact_model.sync(self.briefing.facts, self.briefing.articles)
        shown = self.viewer.article_id
        self._following = True  # re-selecting the shown article must not drop its highlight
        try:
            self.article_model.set_articles(self.briefing.articles, self.briefing.facts)
            row = self.article_model.row_of(shown) if shown else -1
            if row >= 0:
                self.article_list.setCurrentIndex(self.article_model.index(row, 0))
        finally:
            self._following = False
        self._update_counts()
        self._update_enabled()
        self.briefingChanged.emit()

    def _update_counts(self) -> None:
        facts = self.briefing.facts
        ticked = sum(f.included for f in facts)
        n = len(self.briefing.articles)
        plural = "s" if n != 1 else ""
        self.counts_label.setText(f"{n} article{plural} · {len(facts)} facts · {ticked} ticked")

    def _update_enabled(self) -> None:
        ready = bool(self.briefing.articles)
        for action in (self.acts.export_docx, self.acts.export_pdf, self.acts.tick_all,
                       self.acts.untick_all):
            action.setEnabled(ready)

    # -- selection ------------------------------------------------------------------------------------
    def view_state(self) -> dict[str, object]:
        """Where the user is: the article shown, the current fact, whether removed parts show (recovery
        copies keep it)."""
        state: dict[str, object] = {}
        if self.viewer.article_id:
            state["article"] = self.viewer.article_id
        fact = self.fact_model.fact(self.fact_view.currentIndex())
        if fact is not None:
            state["fact"] = fact.id
        if self.provenance.show_removed.isChecked():
            state["show_removed"] = True
        return state

    def restore_view(self, state: dict[str, object]) -> None:
        """Back to a ``view_state``: the fact first (it shows its source), then the article shown."""
        fact_id, article_id = state.get("fact"), state.get("article")
        self.provenance.show_removed.setChecked(state.get("show_removed") is True)
        if isinstance(fact_id, str):
            index = self.fact_model.index_of_fact(fact_id)
            if index.isValid():
                self.fact_view.setCurrentIndex(index)
                self.fact_view.scrollTo(index)
        if isinstance(article_id, str) and article_id != self.viewer.article_id:
            row = self.article_model.row_of(article_id)
            if row >= 0:
                self.article_list.setCurrentIndex(self.article_model.index(row, 0))

    def _fact_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        fact = self.fact_model.fact(current)
        if fact is None:
            return
        self.source_panel.show_fact(fact, self.briefing)
        shown = self.viewer.article_id
        row = self.article_model.row_of(shown) if shown else -1
        if row >= 0:  # follow in the list, without re-showing the article unhighlighted
            self._following = True
            try:
                self.article_list.setCurrentIndex(self.article_model.index(row, 0))
            finally:
                self._following = False

    def _article_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._following:
            return
        article = self.article_model.article(current)
        if article is not None:
            self.source_panel.show_article(article)

    # -- export -----------------------------------------------------------------------------------------
    def export_memo(self, kind: str) -> None:
        self.memo_exporter.export(kind)  # app/ui/memo_export.py

    def _export_failed(self, message: str) -> None:
        self.statusBar().showMessage("Export failed", 8000)
        dialogs.show_error(self, "Export failed", message)

    def show_about(self) -> None:
        import PySide6

        dialogs.show_about(self, "About Briefing Builder",
                           f"<h3>Briefing Builder {__version__}</h3>"
                           "<p>Turns news articles about a meeting into a sourced briefing memo: every fact "
                           "cites the sentence it came from.</p>"
                           f"<p style='color:{theme.secondary_text(self.palette()).name()}'>"
                           f"Qt for Python {PySide6.__version__}</p>")

    # -- Qt overrides -------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.isMaximized() and not self.isFullScreen():
            window_layout.fit_to_screen(self)  # now the frame is known
        if not self._sized:
            self._sized = True
            total = max(self.splitter.width(), self.width() - 12)
            left = min(300, int(total * 0.19))
            right = int((total - left) * 0.42)
            self.splitter.setSizes([left, total - left - right, right])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_paths(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.project.confirm_close():  # unsaved changes: Save / Discard / Cancel
            event.ignore()
            return
        settings.save_geometry(self.saveGeometry())
        self.project.shutdown()  # splitters, recovery copy, autosave writer
        self.memo_preview.shutdown()
        self.loader.shutdown(3000)
        super().closeEvent(event)

"""Tracing facts to their sources: reverse lookup by clicking the article, "Add as fact" from a selection,
showing and restoring what the cleaner removed. ``install(window)`` wires it all onto the main window."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMainWindow, QToolButton

from app.domain import Fact
from app.edits.articles import AddFactFromSpan, RestoreRemovedText
from app.edits.base import plural


def _action(window: QMainWindow, name: str, text: str, tip: str, shortcut: str | None = None) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        tip = f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setToolTip(tip)
    action.setStatusTip(tip)
    return action


class Provenance(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = window.source_panel
        self.viewer = window.viewer
        self.add_from_selection = _action(window, "addFromSelectionAction", "Add &Selection as Fact",
                                          "Add the words selected in the article as a new fact citing them",
                                          "Ctrl+Shift+A")
        self.restore_removed = _action(window, "restoreRemovedAction", "Restore Remo&ved Text",
                                       "Put the greyed text under the cursor back into the article "
                                       "(the cleaner should not have removed it)")
        self.show_removed = _action(window, "showRemovedToggle", "Show &Removed Parts",
                                    "Show the ads, disclaimers and repeats the cleaner removed, greyed, "
                                    "in the article text", "Ctrl+Shift+R")
        self.show_removed.setCheckable(True)
        for action in (self.add_from_selection, self.restore_removed):
            action.setEnabled(False)
        acts = window.acts
        acts.edit_menu.addSeparator()
        acts.edit_menu.addActions([self.add_from_selection, self.restore_removed])
        acts.view_menu.addAction(self.show_removed)
        button = QToolButton(self.panel, objectName="showRemovedButton")
        button.setDefaultAction(self.show_removed)
        button.setText("Removed parts")
        button.setAccessibleName("Show removed parts")
        self.panel.tools.addWidget(button)
        self.viewer.context_actions = [self.add_from_selection, self.restore_removed]

        self.add_from_selection.triggered.connect(self.add_selection_as_fact)
        self.restore_removed.triggered.connect(self.restore_at_cursor)
        self.show_removed.toggled.connect(self._toggle_removed)
        self.viewer.copyAvailable.connect(self._update_actions)
        self.viewer.cursorPositionChanged.connect(self._update_actions)
        self.viewer.clickedAt.connect(self.select_facts_at)
        self.viewer.removedClicked.connect(self._removed_clicked)
        window.briefingChanged.connect(self.refresh)

    # -- reverse lookup -------------------------------------------------------------------------------------
    def facts_at(self, article_id: str, offset: int) -> list[Fact]:
        return [f for f in self.window.briefing.facts
                if any(s.article_id == article_id and s.start <= offset < s.end for s in f.sources)]

    def _view_index(self, fact_id: str) -> QModelIndex:
        """The fact's index in the fact view's model (which may be a filter proxy over the fact model)."""
        index = self.window.fact_model.index_of_fact(fact_id)
        model = self.window.fact_view.model()
        chain = []
        while model is not None and model is not self.window.fact_model and hasattr(model, "mapFromSource"):
            chain.append(model)
            model = model.sourceModel()
        for proxy in reversed(chain):
            index = proxy.mapFromSource(index)
        return index

    def select_facts_at(self, article_id: str, offset: int) -> list[Fact]:
        """Select in the fact view the fact(s) drawn from the sentence at ``offset`` of an article."""
        facts = self.facts_at(article_id, offset)
        bar = self.window.statusBar()
        if not facts:
            bar.showMessage("No fact comes from this sentence: select words and use Add Selection as Fact "
                            "to make one", 6000)
            return []
        indexes = [i for i in (self._view_index(f.id) for f in facts) if i.isValid()]
        if not indexes:
            bar.showMessage(f"The {plural(len(facts), 'fact')} from this sentence "
                            f"{'is' if len(facts) == 1 else 'are'} hidden by the filter", 6000)
            return facts
        view = self.window.fact_view
        self.panel.prefer_article = article_id  # keep showing the clicked article, not the first source
        try:
            view.setCurrentIndex(indexes[0])
            multi = view.selectionMode() in (QAbstractItemView.SelectionMode.ExtendedSelection,
                                             QAbstractItemView.SelectionMode.MultiSelection)
            flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            for index in indexes[1:] if multi else []:
                view.selectionModel().select(index, flags)
        finally:
            self.panel.prefer_article = None
        view.scrollTo(indexes[0])
        ids = ", ".join(f.id for f in facts)
        bar.showMessage(f"This sentence is the source of {plural(len(facts), 'fact')} ({ids})", 5000)
        return facts

    # -- add from selection ---------------------------------------------------------------------------------
    def add_selection_as_fact(self) -> Fact | None:
        span = self.viewer.selected_span()
        if span is None:
            self.window.statusBar().showMessage("Select some words in the article first", 5000)
            return None
        edit = AddFactFromSpan(span.article_id, span.start, span.end)
        self.window.undo_stack.push(_command(self.window, edit))
        if edit.fact is None:
            return None
        self.panel.prefer_article = span.article_id
        try:
            index = self._view_index(edit.fact.id)
            if index.isValid():
                self.window.fact_view.setCurrentIndex(index)
                self.window.fact_view.scrollTo(index)
        finally:
            self.panel.prefer_article = None
        self.window.statusBar().showMessage(f"Added fact {edit.fact.id} from the selection", 6000)
        return edit.fact

    # -- removed parts --------------------------------------------------------------------------------------
    def _toggle_removed(self, show: bool) -> None:
        self.viewer.set_show_removed(show)
        self._update_actions()
        article = self.viewer.article
        if show and article is not None and not article.removed:
            self.window.statusBar().showMessage("The cleaner removed nothing from this article", 5000)

    def restore_at_cursor(self) -> int:
        """Restore the removed part under the viewer's cursor; returns how many facts it added."""
        place, article = self.viewer.removed_at_cursor(), self.viewer.article
        if place is None or article is None:
            self.window.statusBar().showMessage("Put the cursor in greyed (removed) text first", 5000)
            return 0
        edit = RestoreRemovedText(article.id, place.index)
        self.window.undo_stack.push(_command(self.window, edit))
        added = len(edit.new_facts or [])
        extra = f"; {plural(added, 'new fact')} (unticked)" if added else ""
        self.window.statusBar().showMessage(f"Restored the removed {place.part.reason}{extra}", 8000)
        return added

    def _removed_clicked(self, _article_id: str, _index: int) -> None:
        place = self.viewer.removed_at_cursor()
        reason = place.part.reason if place else "boilerplate"
        self.window.statusBar().showMessage(f"Removed by the cleaner ({reason}): Edit › Restore Removed Text "
                                            "puts it back into the article", 8000)

    def _update_actions(self, *_args) -> None:
        self.add_from_selection.setEnabled(self.viewer.selected_span() is not None)
        self.restore_removed.setEnabled(self.viewer.removed_at_cursor() is not None)

    # -- after edits ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-show the viewer after an edit (text restored, spans moved) without moving the view."""
        briefing, panel = self.window.briefing, self.panel
        if panel.fact is not None:
            fact = next((f for f in briefing.facts if f.id == panel.fact.id), None)
            if fact is not None and fact.sources:
                panel.show_fact(fact, briefing, position=panel.position, scroll=False)
                return
        article = self.viewer.article
        if article is not None and any(a is article for a in briefing.articles):
            panel.show_article(article, scroll=False)
        elif article is not None:
            panel.clear()
        self._update_actions()


def _command(window: QMainWindow, edit):
    from app.ui.undo import EditCommand

    return EditCommand(window, edit)


def install(window: QMainWindow) -> Provenance:
    window.provenance = Provenance(window)
    return window.provenance

"""The facts workspace: filter bar, fact actions (add, delete, merge, split, move), context menu and undo.

``install(window)`` wires the fact model to the undo stack and adds the actions to the Edit / View menus.
Every change becomes an ``app.edits`` Edit pushed on ``window.undo_stack``.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QMainWindow, QMenu, QWidget

from app.domain import Briefing
from app.edits import Edit, EditError, plural
from app.edits.facts import RemoveFacts, add_fact, default_split_point, merge_facts, move_facts, split_fact
from app.ui import undo
from app.ui.fact_editor import FactEditor

DEBOUNCE_FACTS = 3000  # above this many facts the filter waits for a pause in typing
FILTER_PAUSE_MS = 150
FILTER_TIP = ("Show only facts containing these words (in the text, section, entities or source). "
              "Narrow with section:, entity: or source:, e.g. entity:Kihara source:Reuters")


def _action(window: QMainWindow, name: str, text: str, tip: str, keys: list[str] | None = None,
            local: bool = False) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
        tip = f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
    if local:  # only while the fact list (or its editor) has focus: Del in a text field stays a Del
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    return action


class FactsController:
    """Turns the user's gestures on the fact view into undoable edits."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.view = window.fact_view
        self.model = window.fact_model
        self.model.edit_sink = self.push
        self.view.delegate.splitRequested.connect(lambda _editor: self.split())
        self.view.contextMenuRequested.connect(self.show_context_menu)
        self._build_actions()
        self._build_filter_bar()
        self.model.filterChanged.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)
        self.model.layoutChanged.connect(self._update_count)
        self.view.selectionModel().selectionChanged.connect(self._update_enabled)
        self.view.selectionModel().currentChanged.connect(self._update_enabled)
        window.undo_stack.indexChanged.connect(self._update_enabled)
        self._update_enabled()

    # -- plumbing --------------------------------------------------------------------------------------------
    @property
    def briefing(self) -> Briefing:
        return self.window.briefing

    def push(self, edit: Edit) -> None:
        undo.push(self.window, edit)

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 5000)

    def _try(self, build, select=None, keep_typing: bool = True) -> bool:
        """Build an edit (may raise EditError: say why), push it, then select what ``select`` names.

        A fact editor still open is saved first (``keep_typing``), or dropped (split: it read the text)."""
        self.view.delegate.close_editor(save=keep_typing)
        try:
            result = build()
        except EditError as exc:
            self._say(exc.message)
            return False
        edit, chosen = result if isinstance(result, tuple) else (result, None)
        if edit is None or edit.is_noop(self.briefing):
            return False
        self.push(edit)
        if select is not None:
            select(chosen)
        return True

    # -- actions ---------------------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        w = self.window
        self.add_action = _action(w, "addFactAction", "&Add Fact",
                                  "Add a fact of your own to the current section",
                                  ["Ctrl+N"])
        self.delete_action = _action(w, "deleteFactAction", "&Delete Facts", "Delete the selected facts",
                                     [QKeySequence(QKeySequence.StandardKey.Delete).toString()], local=True)
        self.merge_action = _action(w, "mergeFactsAction", "&Merge Facts",
                                    "Merge the selected facts into one (texts joined, sources kept)",
                                    ["Ctrl+M"], local=True)
        self.split_action = _action(w, "splitFactAction", "Sp&lit Fact",
                                    "Split the fact in two at the editing cursor (or at a sentence end)",
                                    ["Ctrl+Shift+Return"], local=True)
        self.up_action = _action(w, "moveFactUpAction", "Move U&p", "Move the selected facts up", ["Ctrl+Up"],
                                 local=True)
        self.down_action = _action(w, "moveFactDownAction", "Move Do&wn", "Move the selected facts down",
                                   ["Ctrl+Down"], local=True)
        self.find_action = _action(w, "findFactAction", "&Filter Facts…", "Filter the facts by words",
                                   [QKeySequence(QKeySequence.StandardKey.Find).toString()])
        self.ticked_only_action = _action(w, "tickedOnlyAction", "&Ticked Facts Only",
                                          "Show only the facts ticked for the memo")
        self.ticked_only_action.setCheckable(True)

        self.add_action.triggered.connect(self.add)
        self.delete_action.triggered.connect(self.delete)
        self.merge_action.triggered.connect(self.merge)
        self.split_action.triggered.connect(self.split)
        self.up_action.triggered.connect(lambda: self.move_by(-1))
        self.down_action.triggered.connect(lambda: self.move_by(1))
        self.find_action.triggered.connect(self.focus_filter)
        self.ticked_only_action.toggled.connect(lambda on: self.model.set_filter(ticked_only=on))

        local = [self.delete_action, self.merge_action, self.split_action, self.up_action, self.down_action]
        self.view.addActions(local)
        acts = w.acts
        menu = acts.edit_menu
        menu.addSeparator()
        menu.addActions([self.add_action, self.delete_action, self.merge_action, self.split_action])
        menu.addSeparator()
        menu.addActions([self.up_action, self.down_action])
        menu.addSeparator()
        menu.addAction(self.find_action)
        acts.view_menu.addSeparator()
        acts.view_menu.addAction(self.ticked_only_action)
        w.addAction(self.find_action)
        w.addAction(self.add_action)
        w.fact_actions = self

    def _build_filter_bar(self) -> None:
        bar = QWidget()
        bar.setObjectName("factFilterBar")
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter_edit = QLineEdit(objectName="factFilter")
        self.filter_edit.setPlaceholderText("Filter facts (Ctrl+F): words, section:, entity:, source:")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter facts")
        self.filter_edit.setToolTip(FILTER_TIP)
        # Each keystroke filters at once; with thousands of facts, once the typing pauses.
        self._filter_timer = QTimer(bar, singleShot=True, interval=FILTER_PAUSE_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_edit.textChanged.connect(self._filter_typed)
        self.ticked_only_toggle = QCheckBox("Ticked only", objectName="tickedOnlyToggle")
        self.ticked_only_toggle.setToolTip("Show only the facts ticked for the memo")
        self.ticked_only_toggle.setAccessibleName("Show ticked facts only")
        self.ticked_only_toggle.toggled.connect(self.ticked_only_action.setChecked)
        self.ticked_only_action.toggled.connect(self.ticked_only_toggle.setChecked)
        self.count_label = QLabel(objectName="factFilterCount")
        self.count_label.setToolTip("How many facts the filter shows")
        layout.addWidget(self.filter_edit, 1)
        layout.addWidget(self.ticked_only_toggle)
        layout.addWidget(self.count_label)
        self.count_label.hide()
        pane = self.view.parentWidget()
        box = pane.layout() if pane is not None else None
        if box is not None:
            box.insertWidget(box.indexOf(self.view), bar)
        self.filter_bar = bar

    def _filter_typed(self, _text: str) -> None:
        if len(self.briefing.facts) > DEBOUNCE_FACTS:
            self._filter_timer.start()
        else:
            self._apply_filter()

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(query=self.filter_edit.text())

    def _update_count(self, *_args) -> None:
        if self.model.filter.active:
            self.count_label.setText(f"{self.model.shown_count()} of {len(self.briefing.facts)} shown")
            self.count_label.show()
        else:
            self.count_label.hide()

    def _update_enabled(self, *_args) -> None:
        n = len(self.view.selected_facts())
        has_facts = bool(self.briefing.facts)
        self.delete_action.setEnabled(n > 0)
        self.merge_action.setEnabled(n > 1)
        self.split_action.setEnabled(n == 1)
        self.up_action.setEnabled(n > 0)
        self.down_action.setEnabled(n > 0)
        self.add_action.setEnabled(has_facts or bool(self.briefing.articles))

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    # -- the edits -------------------------------------------------------------------------------------------
    def _current_section(self) -> str:
        key = self.model.section_key(self.view.currentIndex())
        if key:
            return key
        keys = self.model.section_keys()
        return keys[0] if keys else "other"

    def add(self) -> None:
        if self.filter_edit.text():  # the new fact must be visible to be typed into
            self.filter_edit.clear()
            self._apply_filter()
        current = self.model.fact(self.view.currentIndex())
        section = current.section if current is not None else self._current_section()
        self._try(lambda: add_fact(self.briefing, section, after_id=current.id if current else None),
                  lambda fid: self.view.select_facts([fid], edit=True))

    def delete(self) -> None:
        facts = self.view.selected_facts()
        if not facts:
            return
        # Afterwards select the fact shown after the deleted ones, else the one before them.
        shown = [f.id for key in self.model.section_keys() for f in self.model.shown_facts(key)]
        gone = {f.id for f in facts}
        places = [i for i, fid in enumerate(shown) if fid in gone]
        later = [fid for fid in shown[places[-1] + 1:] if fid not in gone] if places else []
        earlier = [fid for fid in shown[:places[0]] if fid not in gone] if places else []
        neighbour = later[:1] or earlier[-1:]
        ids = [f.id for f in facts]
        self._try(lambda: RemoveFacts(ids), lambda _: self.view.select_facts(neighbour))

    def merge(self) -> None:
        facts = self.view.selected_facts()
        if len(facts) < 2:
            self._say("Select two or more facts to merge")
            return
        self._try(lambda: (merge_facts(self.briefing, [f.id for f in facts]), facts[0].id),
                  lambda fid: self.view.select_facts([fid]))

    def split(self) -> None:
        editor, index = self.view.delegate.open_editor()
        fact = self.model.fact(index) if editor is not None else None
        if fact is not None and isinstance(editor, FactEditor):
            text, at = editor.toPlainText(), editor.cursor_offset()
        else:
            facts = self.view.selected_facts()
            if len(facts) != 1:
                self._say("Select one fact to split")
                return
            fact, text = facts[0], facts[0].text
            at = default_split_point(text)
            if at is None:
                self._say("Edit the fact (F2), put the cursor where it should split, press Ctrl+Shift+Enter")
                return
        fid = fact.id
        self._try(lambda: split_fact(self.briefing, fid, at, text),
                  lambda second: self.view.select_facts([fid, second]), keep_typing=False)
        self.view.setFocus()

    def move_by(self, delta: int) -> None:
        facts = self.view.selected_facts()
        if not facts:
            return
        section = facts[0].section
        block = [f for f in facts if f.section == section]
        shown = self.model.shown_facts(section)
        ids = {f.id for f in block}
        rows = [i for i, f in enumerate(shown) if f.id in ids]
        if not rows:
            return
        if delta < 0 and rows[0] > 0:
            anchor = {"before_id": shown[rows[0] - 1].id}
        elif delta > 0 and rows[-1] < len(shown) - 1:
            anchor = {"after_id": shown[rows[-1] + 1].id}
        else:
            self._say("Already at the " + ("top" if delta < 0 else "bottom") + " of the section")
            return
        text = f"Move {plural(len(block), 'fact')} {'up' if delta < 0 else 'down'}"
        chosen = [f.id for f in block]
        self._try(lambda: move_facts(self.briefing, chosen, section, text=text, **anchor),
                  lambda _: self.view.select_facts(chosen))

    def move_to(self, section: str) -> None:
        chosen = [f.id for f in self.view.selected_facts()]
        if chosen:
            self._try(lambda: move_facts(self.briefing, chosen, section),
                      lambda _: self.view.select_facts(chosen))

    def tick_selected(self, ticked: bool) -> None:
        self.model.set_ticked([f.id for f in self.view.selected_facts()], ticked)

    # -- context menu ----------------------------------------------------------------------------------------
    def context_menu(self, pos: QPoint | None = None) -> QMenu:
        """The menu for the clicked row (it becomes current unless it is already selected)."""
        if pos is not None:
            index = self.view.indexAt(pos)
            if index.isValid() and not self.view.selectionModel().isRowSelected(index.row(), index.parent()):
                self.view.setCurrentIndex(index)
        menu = QMenu(self.view)
        menu.setObjectName("factContextMenu")
        facts = self.view.selected_facts()
        if facts:
            move = menu.addMenu("Move &to")
            move.setObjectName("moveToMenu")
            move.setToolTipsVisible(True)
            taxonomy = self.model.taxonomy()
            here = {f.section for f in facts}
            for key in taxonomy.keys:
                action = move.addAction(taxonomy.title(key))
                action.setObjectName(f"moveTo_{key}")
                action.setStatusTip(f"Move the selected facts to {taxonomy.title(key)}")
                action.setEnabled(here != {key})
                action.triggered.connect(lambda _checked=False, k=key: self.move_to(k))
            menu.addSeparator()
            tick = menu.addAction("Tick" if len(facts) == 1 else f"Tick {len(facts)} Facts")
            tick.setObjectName("tickSelectedAction")
            tick.triggered.connect(lambda: self.tick_selected(True))
            untick = menu.addAction("Untick" if len(facts) == 1 else f"Untick {len(facts)} Facts")
            untick.setObjectName("untickSelectedAction")
            untick.triggered.connect(lambda: self.tick_selected(False))
            menu.addSeparator()
        section = self._current_section()
        if self.model.section_index(section).isValid():
            title = self.model.title_of(section)
            tick_all = menu.addAction(f"Tick All in {title}")
            tick_all.setObjectName("tickSectionAction")
            tick_all.triggered.connect(lambda: self.model.tick_section(section, True))
            untick_all = menu.addAction(f"Untick All in {title}")
            untick_all.setObjectName("untickSectionAction")
            untick_all.triggered.connect(lambda: self.model.tick_section(section, False))
            menu.addSeparator()
        menu.addActions([self.add_action, self.delete_action, self.merge_action, self.split_action])
        menu.addSeparator()
        menu.addActions([self.up_action, self.down_action])
        return menu

    def show_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(pos)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()


def install(window: QMainWindow) -> FactsController:
    return FactsController(window)

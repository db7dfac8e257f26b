"""The window's undo stack: every user change to the briefing is an ``app.edits`` Edit pushed here.

``window.undo_stack.push(EditCommand(window, edit))`` applies the edit at once (QUndoStack calls redo), and
undo applies its inverse; after either, the window refreshes its views with ``window.briefing_changed()``.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMainWindow, QStyle

from app.edits import Edit, EditError

log = logging.getLogger(__name__)
MERGE_ID = 0x5EED  # QUndoCommand.id() of every mergeable EditCommand; merge_key decides the rest
UNTITLED = "Untitled"


class EditCommand(QUndoCommand):
    """A thin Qt wrapper: redo applies the edit, undo applies the inverse the edit returned."""

    def __init__(self, window: QMainWindow, edit: Edit, parent: QUndoCommand | None = None) -> None:
        super().__init__(edit.text, parent)
        self._window = window
        self._forward: Edit = edit  # what redo applies
        self._backward: Edit | None = None  # what undo applies (known once redo has run)

    @property
    def edit(self) -> Edit:
        return self._forward

    def redo(self) -> None:
        try:
            self._backward = self._forward.apply(self._window.briefing)
        except EditError as exc:  # e.g. the fact was removed meanwhile: drop the command, tell the user
            log.info("edit not applied: %s", exc.message)
            self.setObsolete(True)  # QUndoStack.push discards an obsolete command
            self._window.statusBar().showMessage(exc.message, 6000)
            return
        self._window.briefing_changed()

    def undo(self) -> None:
        if self._backward is None:
            return
        self._forward = self._backward.apply(self._window.briefing)
        self._window.briefing_changed()

    def id(self) -> int:  # noqa: A003 - Qt override
        return MERGE_ID if getattr(self._forward, "merge_key", None) is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        """Consecutive typing in the same field becomes one step: newest redo, oldest undo."""
        if not isinstance(other, EditCommand) or other._backward is None:
            return False
        key = getattr(self._forward, "merge_key", None)
        if key is None or key != getattr(other._forward, "merge_key", None):
            return False
        self._forward = other._forward
        self.setText(other.text())
        return True


def push(window: QMainWindow, edit: Edit) -> None:
    """Apply ``edit`` through the window's undo stack."""
    window.undo_stack.push(EditCommand(window, edit))


def _with_tip(action: QAction, name: str, tip: str, keys: list[QKeySequence]) -> QAction:
    action.setObjectName(name)
    action.setShortcuts(keys)
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({shortcut})")
    action.setStatusTip(tip)
    return action


class _TipFollower(QObject):
    """Child of the action, so the connection dies with it (a lambda would outlive the action)."""

    def __init__(self, action: QAction, verb: str, idle: str) -> None:
        super().__init__(action)
        self._action, self._verb, self._idle = action, verb, idle

    def follow(self, text: str) -> None:
        if not shiboken6.isValid(self._action):  # the stack emits while the window is being destroyed
            return
        keys = self._action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self._action.setToolTip(f"{self._verb} {text} ({keys})" if text else f"{self._idle} ({keys})")


def install(window: QMainWindow) -> QUndoStack:
    """Create ``window.undo_stack`` and its Undo / Redo actions in the Edit menu and toolbar."""
    # Destroying a window deletes its children in order: this guard goes just before the stack and silences
    # it, so the stack's last cleanChanged (it clears itself when deleted) reaches no half-destroyed window.
    guard = QObject(window)
    guard.setObjectName("undoStackGuard")
    stack = QUndoStack(window)
    stack.setObjectName("undoStack")
    guard.destroyed.connect(lambda *_: stack.blockSignals(True))
    window.undo_stack = stack
    style = window.style()
    undo = stack.createUndoAction(window, "&Undo")
    undo.setIcon(QIcon.fromTheme(QIcon.ThemeIcon.EditUndo,
                                 style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack)))
    _with_tip(undo, "undoAction", "Undo the last change", [QKeySequence(QKeySequence.StandardKey.Undo)])
    redo = stack.createRedoAction(window, "&Redo")
    redo.setIcon(QIcon.fromTheme(QIcon.ThemeIcon.EditRedo,
                                 style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward)))
    _with_tip(redo, "redoAction", "Redo the change just undone",
              [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    # The actions' text follows the stack ("Undo Edit fact"); keep the tooltip saying the same.
    stack.undoTextChanged.connect(_TipFollower(undo, "Undo", "Undo the last change").follow)
    stack.redoTextChanged.connect(_TipFollower(redo, "Redo", "Redo the change just undone").follow)
    undo.setIconText("Undo")  # the toolbar stays narrow; the menu says what ("Undo Edit fact")
    redo.setIconText("Redo")
    window.undo_action, window.redo_action = undo, redo

    acts = window.acts
    menu = acts.edit_menu
    first = menu.actions()[0] if menu.actions() else None
    menu.insertActions(first, [undo, redo])
    if first is not None:
        menu.insertSeparator(first)
    if acts.toolbar is not None:
        acts.toolbar.addSeparator()
        acts.toolbar.addActions([undo, redo])

    if "[*]" not in window.windowTitle():  # Qt shows the "modified" mark where the placeholder is
        window.setWindowTitle(f"{window.windowTitle()} — {UNTITLED}[*]")
    stack.cleanChanged.connect(lambda clean: window.setWindowModified(not clean))
    return stack

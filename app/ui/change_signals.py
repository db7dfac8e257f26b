"""What counts as a change to the briefing in the window: the undo stack, loads, model signals and every
input of the memo panel start ``ProjectController``'s "modified" check and make autosave due; where the
user is looking only makes autosave due (a recovery copy keeps it)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

from app.ui import settings


def watch_changes(controller) -> None:
    """Anything that may change the briefing: re-check "modified" and make autosave due."""
    w = controller.window
    stack = getattr(w, "undo_stack", None)
    if stack is not None:
        stack.indexChanged.connect(controller.mark_changed)
        stack.cleanChanged.connect(controller._clean_changed)
    if hasattr(w, "briefingChanged"):
        w.briefingChanged.connect(controller.mark_changed)
    w.loader.loaded.connect(controller.mark_changed)
    w.loadSettled.connect(controller.autosaver.settled)
    # Where the user is looking is not a change to the briefing, but a recovery copy keeps it.
    for view in (w.fact_view, w.article_list):
        view.selectionModel().currentChanged.connect(controller.autosaver.mark_changed)
    w.provenance.show_removed.toggled.connect(controller.autosaver.mark_changed)
    for model in (w.fact_model, w.article_model):
        for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved, model.rowsMoved,
                       model.layoutChanged, model.modelReset):
            signal.connect(controller.mark_changed)
    _watch_inputs(controller, w.memo_panel)

def _watch_inputs(controller, panel: QObject) -> None:
    """Every input in the memo panel (To, From, summary, participants...) changes the briefing."""
    changed = controller.mark_changed
    for edit in panel.findChildren(QLineEdit):
        if not isinstance(edit.parent(), (QComboBox, QDateEdit)):
            edit.textChanged.connect(changed)
    for edit in panel.findChildren(QPlainTextEdit) + panel.findChildren(QTextEdit):
        edit.textChanged.connect(changed)
    for combo in panel.findChildren(QComboBox):
        combo.currentTextChanged.connect(changed)
    for date_edit in panel.findChildren(QDateEdit):
        date_edit.dateChanged.connect(changed)
    for button in panel.findChildren(QAbstractButton):
        if button.isCheckable():
            button.toggled.connect(changed)
    for view in panel.findChildren(QAbstractItemView):
        if view.model() is not None:
            view.model().dataChanged.connect(changed)
    from_edit = panel.findChild(QLineEdit, "memoFrom")
    if from_edit is not None:
        from_edit.editingFinished.connect(lambda: settings.remember_author(from_edit.text())
                                          if from_edit.text().strip() else None)

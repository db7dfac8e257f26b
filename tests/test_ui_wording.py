"""The review pane shows memo wording beside the source sentence; editing it is one undoable step that is
saved with the project."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTreeView

from app.domain import Article, Briefing, Fact, SourceSpan
from app.store import load_project, save_project
from app.ui import create_main_window
from app.ui.fact_editor import FactEditor
from app.ui.fact_wording import NEEDS_CONTEXT_MARK

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
TEXT = "Moreau met Berg in Oslo. They signed a fuel accord. This will cost millions."

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def window(qtbot):
    win = create_main_window([])
    qtbot.addWidget(win)
    win.briefing = Briefing([Article("A1", "/x/oslo.txt", "Oslo talks", TEXT, "Nordic Wire")], [
        Fact("F001", "They signed a fuel accord.", "other", 0.9, True, [SourceSpan("A1", 25, 51)],
             memo_text="Pierre Moreau and Jonas Berg signed a fuel accord."),
        Fact("F002", "This will cost millions.", "other", 0.5, False, [SourceSpan("A1", 52, 76)],
             memo_text="This will cost millions.", needs_context=True),
    ])
    win._refresh()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def test_edit_memo_wording_beside_the_source_then_undo_redo_save(window, qtbot, tmp_path):
    view = window.findChild(QTreeView, "factView")
    model = window.fact_model
    row = model.index_of_fact("F001")
    assert row.data() == "Pierre Moreau and Jonas Berg signed a fuel accord."  # the memo wording
    flagged = model.index_of_fact("F002")
    assert flagged.data().startswith(NEEDS_CONTEXT_MARK)
    assert "Needs context" in flagged.data(Qt.ItemDataRole.ToolTipRole)
    assert flagged.data(Qt.ItemDataRole.EditRole) == "This will cost millions."

    view.select_facts(["F001"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, FactEditor)
    assert editor.toPlainText() == "Pierre Moreau and Jonas Berg signed a fuel accord."
    source = editor.findChild(QPlainTextEdit, "factSourceText")
    assert source is not None and source.isVisible() and source.isReadOnly()
    assert source.toPlainText() == "[1] They signed a fuel accord."
    assert source.geometry().bottom() <= editor.height() and source.height() > 0

    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(editor, "Norway and France signed a fuel accord.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    fact = window.briefing.facts[0]
    assert (fact.memo_text, fact.memo_edited) == ("Norway and France signed a fuel accord.", True)
    assert fact.text == "They signed a fuel accord."  # the source wording stays
    assert window.undo_stack.count() == 1

    undo = window.findChild(QAction, "undoAction")
    redo = window.findChild(QAction, "redoAction")
    undo.trigger()
    assert (fact.memo_text, fact.memo_edited) == ("Pierre Moreau and Jonas Berg signed a fuel accord.", False)
    assert model.index_of_fact("F001").data() == "Pierre Moreau and Jonas Berg signed a fuel accord."
    redo.trigger()
    assert (fact.memo_text, fact.memo_edited) == ("Norway and France signed a fuel accord.", True)
    assert model.index_of_fact("F001").data() == "Norway and France signed a fuel accord."

    path = save_project(window.briefing, tmp_path / "oslo.briefing")
    again = load_project(path)
    assert again == window.briefing
    assert (again.facts[0].memo_text, again.facts[0].memo_edited) == ("Norway and France signed a fuel accord.", True)
    assert again.facts[1].needs_context and not again.facts[1].included

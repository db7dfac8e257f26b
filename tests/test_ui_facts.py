"""The facts workspace by keys and clicks: edit, tick, reorder, move, merge, split, add, delete, filter."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from conftest import wait_settled
from PySide6.QtCore import (
    QItemSelectionModel,
    QMimeData,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    Qt,
)
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyleOptionViewItem,
    QTreeView,
)

from app.domain import Article, Briefing, Conflict, Fact, Mention, SourceSpan
from app.ui import create_main_window
from app.ui.fact_editor import FactEditor
from app.ui.fact_model import COL_CONFLICT, COL_SOURCES, COL_TEXT, FACT_IDS_MIME, FactModel

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
A1_TEXT = ("Kihara met Austin in Tokyo on 28 July. They agreed to upgrade US Forces Japan. "
           "Critics doubted the plan. Missile launches continued.")


pytestmark = pytest.mark.usefixtures("isolated_settings")


def _briefing() -> Briefing:
    a1 = Article("A1", "/x/tokyo.txt", "Allies meet in Tokyo", A1_TEXT, "Daily Wire", date(2024, 7, 28))
    a2 = Article("A2", "/x/upgrade.txt", "Command upgrade", "US Forces Japan will be upgraded next year.",
                 "Harbour News")
    facts = [
        Fact("F001", "Kihara met Austin in Tokyo on 28 July.", "participants", 0.9, True,
             [SourceSpan("A1", 0, 38)],
             entities=[Mention("Kihara", "person", "Minoru Kihara")]),
        Fact("F002", "The ministers held a joint press conference.", "participants", 0.5, True,
             [SourceSpan("A1", 0, 38)]),
        Fact("F003", "They agreed to upgrade US Forces Japan.", "command_and_control", 0.8, True,
             [SourceSpan("A1", 39, 78), SourceSpan("A2", 0, 42)],
             conflicts=[Conflict("F004", "timing differs")]),
        Fact("F004", "US Forces Japan will be upgraded next year.", "command_and_control", 0.6, False,
             [SourceSpan("A2", 0, 42)], conflicts=[Conflict("F003", "timing differs")]),
        Fact("F005", "Critics doubted the plan.", "political_context", 0.2, False,
             [SourceSpan("A1", 79, 104)]),
        Fact("F006", "Missile launches continued.", "threats", 0.4, True, [SourceSpan("A1", 105, 132)]),
    ]
    return Briefing([a1, a2], facts)


@pytest.fixture
def window(qtbot):
    win = create_main_window([])
    qtbot.addWidget(win)
    win.briefing = _briefing()
    win._refresh()
    win.tester = QAbstractItemModelTester(win.fact_model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def _view(win) -> QTreeView:
    return win.findChild(QTreeView, "factView")


def _ids(win) -> list[str]:
    return [f.id for f in win.briefing.facts]


def _section_ids(win, key: str) -> list[str]:
    return [f.id for f in win.briefing.facts if f.section == key]


def _select(win, *ids: str) -> QTreeView:
    view = _view(win)
    view.select_facts(list(ids))
    view.setFocus()
    return view


def _rect_center(view: QTreeView, index):
    view.scrollTo(index)
    return view.visualRect(index).center()


def _checkbox_center(view: QTreeView, index):
    view.scrollTo(index)
    opt = QStyleOptionViewItem()
    view.initViewItemOption(opt)
    opt.rect = view.visualRect(index)
    view.itemDelegate().initStyleOption(opt, index)
    return view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, view).center()


def _editor(win) -> FactEditor:
    editor = QApplication.focusWidget()
    assert isinstance(editor, FactEditor) and editor.objectName() == "factEditor"
    return editor


# -- editing and undo ---------------------------------------------------------------------------------------
def test_edit_in_place_then_undo_and_redo_by_keys(window, qtbot):
    view = _select(window, "F002")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = _editor(window)
    assert editor.toPlainText() == "The ministers held a joint press conference."
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(editor, "Ministers spoke to the press")
    qtbot.keyClick(editor, Qt.Key.Key_Return, SHIFT)  # a new line, not the end of the edit
    qtbot.keyClicks(editor, "afterwards.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    fact = window.briefing.facts[1]
    assert fact.memo_wording() == "Ministers spoke to the press\nafterwards."
    undo = window.findChild(QAction, "undoAction")
    redo = window.findChild(QAction, "redoAction")
    assert undo.text().replace("&", "") == "Undo Edit fact" and window.isWindowModified()
    assert "Edit fact" in undo.toolTip() and redo.shortcuts()[0].toString() == "Ctrl+Shift+Z"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert fact.memo_wording() == "The ministers held a joint press conference."
    assert _view(window).model().index_of_fact("F002").data() == fact.memo_wording()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert fact.memo_wording() == "Ministers spoke to the press\nafterwards."
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Y, CTRL)
    assert fact.memo_wording().startswith("Ministers spoke")
    assert view.currentIndex().data(Qt.ItemDataRole.EditRole) == fact.memo_wording()  # selection survived


def test_escape_cancels_and_double_click_edits(window, qtbot):
    view = _view(window)
    index = window.fact_model.index_of_fact("F001")
    pos = _rect_center(view, index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    editor = _editor(window)
    qtbot.keyClicks(editor, " Extra words")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.briefing.facts[0].memo_wording() == "Kihara met Austin in Tokyo on 28 July."
    assert window.undo_stack.count() == 0 and window.undo_stack.isClean()


def test_tick_by_click_space_and_section_checkbox(window, qtbot):
    view = _view(window)
    facts = {f.id: f for f in window.briefing.facts}
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=_checkbox_center(view, window.fact_model.index_of_fact("F001")))
    assert not facts["F001"].included and window.undo_stack.undoText() == "Untick fact"
    assert window.fact_model.section_index("participants").data() == "Participants (1/2)"
    _select(window, "F003", "F004")
    view.setCurrentIndex(window.fact_model.index_of_fact("F003"))
    view.selectionModel().select(window.fact_model.index_of_fact("F004"),
                                 QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert not facts["F003"].included and not facts["F004"].included
    assert window.undo_stack.undoText() == "Untick fact"  # F004 was already unticked: one change
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert facts["F003"].included and facts["F004"].included
    assert window.undo_stack.undoText() == "Tick 2 facts"
    section = window.fact_model.section_index("participants")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_checkbox_center(view, section))
    assert facts["F001"].included and facts["F002"].included
    assert window.undo_stack.undoText() == "Tick all in Participants"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_checkbox_center(view, section))
    assert not facts["F001"].included and not facts["F002"].included
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert not facts["F001"].included and facts["F002"].included
    window.findChild(QAction, "tickAllAction").trigger()
    assert all(f.included for f in window.briefing.facts) and window.undo_stack.undoText() == "Tick all facts"
    window.undo_stack.undo()
    assert not facts["F001"].included


# -- reordering and moving ----------------------------------------------------------------------------------
def test_keyboard_move_up_and_down(window, qtbot):
    view = _select(window, "F002")
    qtbot.keyClick(view, Qt.Key.Key_Up, CTRL)
    assert _section_ids(window, "participants") == ["F002", "F001"]
    assert window.undo_stack.undoText() == "Move fact up"
    assert window.fact_model.fact(view.currentIndex()).id == "F002"  # the moved fact stays selected
    qtbot.keyClick(view, Qt.Key.Key_Up, CTRL)  # already at the top: nothing
    assert window.undo_stack.count() == 1
    qtbot.keyClick(view, Qt.Key.Key_Down, CTRL)
    assert _section_ids(window, "participants") == ["F001", "F002"]
    assert window.undo_stack.undoText() == "Move fact down"
    window.undo_stack.undo()
    assert _section_ids(window, "participants") == ["F002", "F001"]


def test_drag_and_drop_within_and_across_sections(window, qtbot):
    view = _select(window, "F004")
    model = view.model()
    data = model.mimeData(view.selectionModel().selectedIndexes())
    cmd = model.section_index("command_and_control")
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, cmd)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, cmd)
    assert _section_ids(window, "command_and_control") == ["F004", "F003"]
    assert window.undo_stack.undoText() == "Move fact"
    # Two facts dragged into another section, between its rows.
    _select(window, "F001", "F002")
    data = model.mimeData(view.selectionModel().selectedIndexes())
    target = model.section_index("command_and_control")
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, target)
    assert _section_ids(window, "command_and_control") == ["F004", "F001", "F002", "F003"]
    assert window.undo_stack.undoText() == "Move 2 facts to Command and control"
    assert not model.section_index("participants").isValid()  # the emptied section is gone
    assert {f.id for f in view.selected_facts()} == {"F001", "F002"}
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert _ids(window) == [f.id for f in _briefing().facts] and window.briefing == _briefing()
    assert not model.dropMimeData(data, Qt.DropAction.CopyAction, 0, 0, cmd)  # only moves


def _drop_on_view(view: QTreeView, data, pos) -> bool:
    """What a real drag does at the end: enter, move and drop events on the viewport at ``pos``."""
    move, left, none = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, move, data, left, none)
    QApplication.sendEvent(view.viewport(), enter)
    over = QDragMoveEvent(pos, move, data, left, none)
    QApplication.sendEvent(view.viewport(), over)
    drop = QDropEvent(QPointF(pos), move, data, left, none)
    QApplication.sendEvent(view.viewport(), drop)
    return drop.isAccepted()


def test_drop_events_on_the_view_reorder(window, qtbot):
    view = _select(window, "F006")
    data = view.model().mimeData(view.selectionModel().selectedIndexes())
    target = window.fact_model.index_of_fact("F003")
    rect = view.visualRect(target)
    assert _drop_on_view(view, data, QPoint(rect.center().x(), rect.top() + 2))  # just above F003
    assert _section_ids(window, "command_and_control") == ["F006", "F003", "F004"]
    assert window.undo_stack.undoText() == "Move fact to Command and control"
    # A drag from elsewhere (another window's facts, or plain text) is refused.
    foreign = QMimeData()
    foreign.setData(FACT_IDS_MIME, b'{"model": "elsewhere", "ids": ["F001"]}')
    rect = view.visualRect(window.fact_model.index_of_fact("F003"))
    _drop_on_view(view, foreign, QPoint(rect.center().x(), rect.top() + 2))
    assert window.undo_stack.count() == 1 and _section_ids(window, "participants") == ["F001", "F002"]


def test_move_to_section_from_context_menu(window, qtbot):
    view = _select(window, "F005", "F006")
    pos = _rect_center(view, window.fact_model.index_of_fact("F005"))
    menu = window.fact_actions.context_menu(pos)
    move_menu = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert move_menu.objectName() == "moveToMenu"
    target = move_menu.findChild(QAction, "moveTo_deterrence") or next(
        a for a in move_menu.actions() if a.objectName() == "moveTo_deterrence")
    target.trigger()
    assert _section_ids(window, "deterrence") == ["F005", "F006"]
    assert window.undo_stack.undoText() == "Move 2 facts to Deterrence"
    assert window.fact_model.section_index("deterrence").data() == "Deterrence (1/2)"
    window.undo_stack.undo()
    assert window.briefing == _briefing()


# -- merge, split, add, delete ------------------------------------------------------------------------------
def test_merge_two_selected_facts_by_click_and_shortcut(window, qtbot):
    view = _view(window)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=_rect_center(view, window.fact_model.index_of_fact("F003")))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, CTRL,
                     pos=_rect_center(view, window.fact_model.index_of_fact("F004")))
    assert [f.id for f in view.selected_facts()] == ["F003", "F004"]
    assert window.findChild(QAction, "mergeFactsAction").isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_M, CTRL)
    merged = window.briefing.facts[2]
    assert merged.id == "F003" and "F004" not in _ids(window)
    assert merged.text == ("They agreed to upgrade US Forces Japan. "
                           "US Forces Japan will be upgraded next year.")
    assert merged.sources == [SourceSpan("A1", 39, 78), SourceSpan("A2", 0, 42)] and merged.conflicts == []
    assert window.undo_stack.undoText() == "Merge 2 facts"
    assert window.fact_model.index_of_fact("F003", COL_SOURCES).data() == "2"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert window.briefing == _briefing()


def test_split_at_editor_cursor(window, qtbot):
    view = _select(window, "F001")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = _editor(window)
    qtbot.keyClick(editor, Qt.Key.Key_Home, CTRL)  # the start of the text (Home alone: of the wrapped line)
    for _ in range(len("Kihara met Austin ")):
        qtbot.keyClick(editor, Qt.Key.Key_Right)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL | SHIFT)
    texts = [f.text for f in window.briefing.facts if f.section == "participants"]
    assert texts == ["Kihara met Austin", "in Tokyo on 28 July.",
                     "The ministers held a joint press conference."]
    one, two = window.briefing.facts[0], window.briefing.facts[1]
    assert one.sources == two.sources == [SourceSpan("A1", 0, 38)] and two.id == "F007"
    assert window.undo_stack.undoText() == "Split fact"
    assert [f.id for f in view.selected_facts()] == ["F001", "F007"]
    window.undo_stack.undo()
    assert window.briefing == _briefing()
    # Without an editor the split action cuts at a sentence end, or explains why it cannot.
    _select(window, "F003")
    window.findChild(QAction, "splitFactAction").trigger()
    assert window.undo_stack.count() == 1 and "cursor" in window.statusBar().currentMessage()


def test_add_then_delete_fact(window, qtbot):
    view = _select(window, "F005")
    qtbot.keyClick(view, Qt.Key.Key_N, CTRL)
    editor = _editor(window)
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(editor, "Japan will host the next round.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    added = window.briefing.facts[5]
    assert (added.id, added.section, added.text, added.sources) == \
        ("F007", "political_context", "Japan will host the next round.", [])
    assert [c.text() for c in [window.findChild(QAction, "undoAction")]] == ["&Undo Edit fact"]
    assert window.undo_stack.text(window.undo_stack.count() - 2) == "Add fact"
    tip = window.fact_model.index_of_fact("F007", COL_SOURCES).data(Qt.ItemDataRole.ToolTipRole)
    assert "No source" in tip
    view.setFocus()
    _select(window, "F007", "F005")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "F007" not in _ids(window) and "F005" not in _ids(window)
    assert window.undo_stack.undoText() == "Delete 2 facts"
    assert window.fact_model.fact(view.currentIndex()).id == "F006"  # the next fact is selected
    for _ in range(3):
        window.undo_stack.undo()
    assert window.briefing == _briefing()


def test_delete_key_in_filter_box_does_not_delete_facts(window, qtbot):
    _select(window, "F001")
    box = window.findChild(QLineEdit, "factFilter")
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert box.hasFocus()
    qtbot.keyClicks(box, "ab")
    qtbot.keyClick(box, Qt.Key.Key_Home)
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    assert box.text() == "b" and len(window.briefing.facts) == 6


# -- filtering ----------------------------------------------------------------------------------------------
def _shown(win) -> list[str]:
    model = _view(win).model()
    return [model.fact(model.index(r, 0, model.index(s, 0))).id
            for s in range(model.rowCount()) for r in range(model.rowCount(model.index(s, 0)))]


def test_filter_by_text_section_entity_source_and_ticked_only(window, qtbot):
    box = window.findChild(QLineEdit, "factFilter")
    view = _select(window, "F003")
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)
    assert box.hasFocus() and box.accessibleName()
    qtbot.keyClicks(box, "forces japan")
    assert _shown(window) == ["F003", "F004"]
    assert window.fact_model.fact(view.currentIndex()).id == "F003"  # the selection survives filtering
    count = window.findChild(type(window.fact_actions.count_label), "factFilterCount")
    assert count.text() == "2 of 6 shown"
    box.clear()
    qtbot.keyClicks(box, "participants")  # a section title
    assert _shown(window) == ["F001", "F002"]
    box.setText("entity:kihara")
    assert _shown(window) == ["F001"]
    box.setText("source:harbour")  # an outlet
    assert _shown(window) == ["F003", "F004"]
    box.setText('source:"command upgrade"')  # an article title
    assert _shown(window) == ["F003", "F004"]
    box.setText("nothing-like-this")
    assert _shown(window) == [] and window.fact_model.rowCount() == 0
    box.clear()
    assert len(_shown(window)) == 6
    toggle = window.findChild(QCheckBox, "tickedOnlyToggle")
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert window.findChild(QAction, "tickedOnlyAction").isChecked()
    assert _shown(window) == ["F001", "F002", "F003", "F006"]
    # Unticking a fact while "ticked only" is on hides it; undo brings it back.
    view.setFocus()
    view.setCurrentIndex(window.fact_model.index_of_fact("F006"))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert "F006" not in _shown(window)
    window.undo_stack.undo()
    assert "F006" in _shown(window)
    window.findChild(QAction, "tickedOnlyAction").trigger()
    assert not toggle.isChecked() and len(_shown(window)) == 6


def test_filter_that_keeps_every_section_still_moves_rows(window):
    model = window.fact_model
    gone = QPersistentModelIndex(model.index_of_fact("F004"))
    kept = QPersistentModelIndex(model.index_of_fact("F003"))
    sections = model.rowCount()
    model.set_filter("source:daily")  # F004 is the only fact not from the Daily Wire
    assert model.rowCount() == sections and model.shown_count() == 5
    assert not gone.isValid() and model.fact(kept).id == "F003"
    model.set_filter("")
    assert model.shown_count() == 6 and model.fact(kept).id == "F003"


def test_selection_through_filter_highlights_source(window, qtbot):
    box = window.findChild(QLineEdit, "factFilter")
    box.setText("critics")
    view = _view(window)
    view.setCurrentIndex(view.model().index(0, 0, view.model().index(0, 0)))
    viewer = window.findChild(QPlainTextEdit, "articleViewer")
    assert viewer.extraSelections()[0].cursor.selectedText() == "Critics doubted the plan."


def test_markers_and_tooltips(window):
    model = window.fact_model
    conflict = model.index_of_fact("F003", COL_CONFLICT)
    assert conflict.data() == "⚠"
    tip = conflict.data(Qt.ItemDataRole.ToolTipRole)
    assert "US Forces Japan will be upgraded next year." in tip and "timing differs" in tip
    assert model.index_of_fact("F001", COL_CONFLICT).data() == ""
    sources_tip = model.index_of_fact("F003", COL_SOURCES).data(Qt.ItemDataRole.ToolTipRole)
    assert "Daily Wire — Allies meet in Tokyo" in sources_tip
    assert "Harbour News — Command upgrade" in sources_tip
    assert model.index_of_fact("F003", COL_TEXT).data(Qt.ItemDataRole.ToolTipRole).count("•") >= 2
    assert model.index_of_fact("F003", COL_SOURCES).data() == "2"


def test_loading_is_one_undo_step(qtbot, preview_seed):
    win = create_main_window([preview_seed])
    qtbot.addWidget(win)
    wait_settled(qtbot, win)
    assert win.fact_model.rowCount() > 0
    assert win.undo_stack.undoText() == "Add 1 article"
    first = win.briefing.facts[0].id
    win.fact_model.set_ticked([first], not win.briefing.facts[0].included)
    before = copy.deepcopy(win.briefing.facts)
    win.undo_stack.undo()
    win.undo_stack.undo()
    assert win.briefing.facts == [] and win.fact_model.rowCount() == 0
    win.undo_stack.redo()
    win.undo_stack.redo()
    assert win.briefing.facts == before


def test_model_alone_applies_edits_and_passes_tester(qtbot):
    model = FactModel()
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    briefing = _briefing()
    model.set_facts(briefing.facts, briefing.articles)
    model.set_filter("japan")
    assert model.shown_count() == 2
    data = model.mimeData([model.index_of_fact("F003")])
    target = model.section_index("command_and_control")
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    assert [f.id for f in briefing.facts if f.section == "command_and_control"] == ["F004", "F003"]
    model.set_filter("", ticked_only=True)
    assert model.shown_count() == 4
    model.set_all(False)
    assert model.rowCount() == 0 and tester is not None
    model.set_filter(ticked_only=False)
    assert model.shown_count() == 6


def test_typing_edits_merge_and_failed_edits_are_dropped(window):
    from app.edits.facts import SetFactText
    from app.ui.undo import push

    push(window, SetFactText("F005", "Critics", typing=True))
    push(window, SetFactText("F005", "Critics doubted", typing=True))
    push(window, SetFactText("F006", "Launches went on.", typing=True))  # another fact: a new step
    assert window.undo_stack.count() == 2 and window.briefing.facts[4].memo_wording() == "Critics doubted"
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert window.briefing == _briefing() and window.undo_stack.isClean()
    push(window, SetFactText("F404", "Gone"))
    assert window.undo_stack.index() == 0 and "F404" in window.statusBar().currentMessage()


def test_adding_while_editing_keeps_the_typed_words(window, qtbot):
    view = _select(window, "F006")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = _editor(window)
    qtbot.keyClick(editor, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(editor, " Again.")
    qtbot.keyClick(editor, Qt.Key.Key_N, CTRL)
    assert window.briefing.facts[5].memo_wording() == "Missile launches continued. Again."
    assert [window.undo_stack.text(i) for i in range(window.undo_stack.count())] == ["Edit fact", "Add fact"]
    assert _editor(window).toPlainText() == "New fact"

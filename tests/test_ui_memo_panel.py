"""The memo panel: header fields into MemoMeta with undo, templates, summary draft and edits, participants."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
)

from app.domain import Briefing, Entity
from app.edits.memo import SetMemoField, TickParticipant
from app.memo import Summary, build_memo, draft_summary, list_templates
from app.shared.paths import resource_path
from app.ui.memo_panel import MemoPanel
from app.ui.participants_model import COL_NAME, ParticipantsModel

CHECK = Qt.ItemDataRole.CheckStateRole


pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def window(seeded_window):
    return seeded_window


def _tab(win, name: str) -> None:
    tabs = win.findChild(QTabWidget, "memoTabs")
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if name in tabs.tabText(i).replace("&", "")))


def _click_checkbox(qtbot, view: QTableView, index) -> None:
    opt = QStyleOptionViewItem()
    view.initViewItemOption(opt)
    opt.rect = view.visualRect(index)
    view.itemDelegate().initStyleOption(opt, index)
    rect = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, view)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_header_fields_edit_memo_meta_with_undo(window, qtbot):
    memo, panel = window.briefing.memo, window.memo_panel
    to = window.findChild(QLineEdit, "memoTo")
    with qtbot.waitSignal(panel.memoChanged):
        qtbot.keyClicks(to, "Deputy Secretary")
    assert memo.to == "Deputy Secretary"
    assert window.undo_stack.undoText() == "Edit memo To" and not window.undo_stack.isClean()
    count = window.undo_stack.count()
    subject = window.findChild(QLineEdit, "memoSubject")
    qtbot.keyClick(subject, Qt.Key.Key_End)
    qtbot.keyClicks(subject, " (draft)")
    assert memo.subject.endswith(" (draft)") and window.undo_stack.count() == count + 1  # typing merges
    window.undo_stack.undo()
    assert not memo.subject.endswith(" (draft)")
    window.undo_stack.undo()
    assert memo.to == "" and to.text() == ""
    window.undo_stack.redo()
    assert memo.to == "Deputy Secretary" and to.text() == "Deputy Secretary"
    combo = window.findChild(QComboBox, "memoClassification")
    assert combo.isEditable() and combo.findText("UNCLASSIFIED//FOR PUBLIC RELEASE") >= 0
    combo.setCurrentIndex(combo.findText("CUI"))
    assert memo.classification == "CUI"


def test_template_combo_lists_the_templates(window, qtbot):
    _tab(window, "Header")
    combo = window.findChild(QComboBox, "memoTemplate")
    names = [combo.itemData(i) for i in range(combo.count())]
    assert sorted(names) == sorted(p.stem for p in resource_path("templates").glob("*.yaml"))
    assert combo.currentData() == window.briefing.memo.template == "information-memo"
    combo.load_titles()  # what opening the list does: titles from the memo package, choice unchanged
    assert [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())] == list_templates()
    assert combo.currentData() == "information-memo" and window.undo_stack.undoText() != "Edit memo template"
    names = [combo.itemData(i) for i in range(combo.count())]
    other = next(i for i, n in enumerate(names) if n != "information-memo")
    combo.setFocus()
    combo.setCurrentIndex(other)
    assert window.briefing.memo.template == names[other]
    window.undo_stack.undo()
    assert window.briefing.memo.template == "information-memo" and combo.currentData() == "information-memo"


def test_summary_is_drafted_from_top_ticked_facts_and_editable(window, qtbot):
    _tab(window, "Summary")
    edit = window.findChild(QPlainTextEdit, "summaryEdit")
    memo = window.briefing.memo
    top = max((f for f in window.briefing.included_facts() if f.status != "opinion"), key=lambda f: f.score)
    qtbot.waitUntil(lambda: edit.toPlainText() == draft_summary(window.briefing))
    # the top fact, cut to its main clause ("On Sunday, July 28th 2024," and the "because ..." tail go)
    assert memo.summary == "" and top.text[40:90] in edit.toPlainText()
    # Unticking the top fact redrafts without it.
    index = window.fact_model.index_of_fact(top.id)
    window.fact_model.setData(index, Qt.CheckState.Unchecked, CHECK)
    qtbot.waitUntil(lambda: top.text[40:90] not in edit.toPlainText())
    assert edit.toPlainText() == draft_summary(window.briefing) and memo.summary == ""
    # The user's own words become MemoMeta.summary; undo and Redraft go back to the draft.
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(edit, " Watch the budget.")
    assert memo.summary.endswith(" Watch the budget.") and edit.toPlainText() == memo.summary
    redraft = window.findChild(QPushButton, "redraftButton")
    assert redraft.isEnabled()
    qtbot.mouseClick(redraft, Qt.MouseButton.LeftButton)
    assert memo.summary == "" and edit.toPlainText() == draft_summary(window.briefing)
    window.undo_stack.undo()
    assert memo.summary.endswith(" Watch the budget.") and edit.toPlainText() == memo.summary


def test_participants_table_ticks_and_edits(window, qtbot):
    _tab(window, "Participants")
    view = window.findChild(QTableView, "participantsView")
    model = view.model()
    people = [e for e in window.briefing.entities if e.type == "person"]
    assert model.rowCount() == len(people) > 0
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [p.name for p in people]
    # Tick box by a real click on the check indicator.
    first = people[0]
    _click_checkbox(qtbot, view, model.index(0, COL_NAME))
    assert not first.included and window.undo_stack.undoText().startswith("Untick participant")
    window.undo_stack.undo()
    assert first.included
    # Edit the role in place with the keyboard.
    role = model.index(0, 2)
    view.setCurrentIndex(role)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(role)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Chief Diplomat")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: first.role == "Chief Diplomat")  # the delegate commits on a queued call
    assert window.undo_stack.undoText() == "Edit participant role"
    window.undo_stack.undo()
    assert first.role != "Chief Diplomat" and model.index(0, 2).data() == first.role


def test_panel_without_window_edits_memo_directly(qtbot):
    panel = MemoPanel()
    qtbot.addWidget(panel)
    qtbot.keyClicks(panel.findChild(QLineEdit, "memoFrom"), "Asia desk")
    assert panel.memo.sender == "Asia desk"
    for widget in (panel.to_edit, panel.from_edit, panel.subject_edit, panel.date_edit, panel.class_combo,
                   panel.template_combo, panel.summary_edit, panel.participants_view):
        assert widget.accessibleName(), widget.objectName()


def test_participant_edits_are_checked_and_undoable():
    b = Briefing(entities=[Entity("organisation", "NATO"), Entity("person", "Yoko Kamikawa")])
    model = ParticipantsModel()
    model.set_briefing(b)
    assert model.rowCount() == 1 and model.index(0, COL_NAME).data(CHECK) == Qt.CheckState.Checked
    assert model.setData(model.index(0, 1), "上川陽子") and b.entities[1].native_name == "上川陽子"
    assert not model.setData(model.index(0, 0), "  ")  # a participant keeps a name
    undo = TickParticipant(1, "Yoko Kamikawa", False).apply(b)
    assert not b.entities[1].included
    undo.apply(b)
    assert b.entities[1].included


def test_the_drafted_summary_is_the_one_the_memo_prints_and_follows_the_template(window, qtbot):
    _tab(window, "Summary")
    edit = window.findChild(QPlainTextEdit, "summaryEdit")
    for n, fact in enumerate(window.briefing.facts):  # short facts: the summary's length limit decides
        fact.text = fact.memo_text = f"Ministers agreed on point number {n} at the talks in Tokyo."  # outcomes
    window.memo_panel.sync_briefing()
    printed = next(b for b in build_memo(window.briefing).blocks if isinstance(b, Summary))
    qtbot.waitUntil(lambda: edit.toPlainText() == printed.text)
    combo = window.memo_panel.template_combo
    combo.setCurrentIndex(combo.findData("point-paper"))  # a two-line summary: a shorter draft
    assert window.briefing.memo.template == "point-paper"
    shorter = next(b for b in build_memo(window.briefing).blocks if isinstance(b, Summary))
    assert len(shorter.text) < len(printed.text)
    qtbot.waitUntil(lambda: edit.toPlainText() == shorter.text)
    assert window.briefing.memo.summary == ""




def test_typing_in_the_summary_merges_into_one_undo_step():
    assert SetMemoField("summary", "x").merge_key == ("memo", "summary")
    assert SetMemoField("summary", "", typing=False).merge_key != ("memo", "summary")

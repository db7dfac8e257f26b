"""GUI models, viewer and job helpers on hand-built data (no ingest or extraction needed)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from app.domain import Article, Briefing, Fact, SourceSpan
from app.ui.article_model import ArticleModel, ArticleRole, SubtitleRole
from app.ui.fact_model import COL_SCORE, COL_SOURCES, COL_TEXT, FactModel, FactRole
from app.ui.jobs import _unique_ids, carry_over
from app.ui.source_panel import SourcePanel
from app.ui.viewer import ArticleViewer, utf16_offset

CHECK = Qt.ItemDataRole.CheckStateRole


pytestmark = pytest.mark.usefixtures("isolated_settings")


def _facts() -> list[Fact]:
    return [
        Fact("F001", "Blinken met Kamikawa in Tokyo.", "participants", 0.9, True, [SourceSpan("A1", 0, 30)]),
        Fact("F002", "Austin joined the talks.", "participants", 0.5, False, [SourceSpan("A1", 31, 55)]),
        Fact("F003", "They will upgrade command.", "command_and_control", 0.7, True,
             [SourceSpan("A1", 56, 82), SourceSpan("A2", 0, 26)]),
        Fact("F004", "Something unsorted happened.", "no_such_section", 0.1, True, []),
    ]


def _articles() -> list[Article]:
    text = "Blinken met Kamikawa in Tokyo. Austin joined the talks. They will upgrade command."
    return [Article("A1", "/x/a1.txt", "Tokyo talks", text, "Outlet One", date(2024, 7, 28)),
            Article("A2", "/x/a2.txt", "Command upgrade", "They will upgrade command. More.", "")]


def test_fact_model_passes_qt_model_tester(qtbot):
    model = FactModel()
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    facts = _facts()
    model.set_facts(facts, _articles())
    section = model.index(0, 0)
    model.setData(model.index(0, 0, section), Qt.CheckState.Unchecked, CHECK)
    model.setData(section, Qt.CheckState.Checked, CHECK)
    model.setData(model.index(1, COL_TEXT, section), "Edited text.", Qt.ItemDataRole.EditRole)
    model.set_facts(facts[:2], _articles())
    model.set_facts([], [])
    assert tester is not None and model.rowCount() == 0


def test_facts_are_grouped_by_section_in_taxonomy_order():
    model = FactModel()
    model.set_facts(_facts(), _articles())
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert titles[0] == "Participants (1/2)"
    assert titles[1] == "Command and control (1/1)"
    assert titles[2].endswith("(1/1)")  # unknown sections still show, after the known ones
    sec = model.index(0, 0)
    assert model.rowCount(sec) == 2
    assert model.index(0, COL_TEXT, sec).data() == "Blinken met Kamikawa in Tokyo."
    assert model.index(0, COL_SCORE, sec).data() == "0.90"
    cmd = model.index(1, 0)
    assert model.index(0, COL_SOURCES, cmd).data() == "2"
    assert "Command upgrade" in model.index(0, COL_TEXT, cmd).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 0, sec).data(FactRole).id == "F001"
    assert model.flags(model.index(0, 0, sec)) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.flags(sec) & Qt.ItemFlag.ItemIsUserCheckable


def test_fact_tree_announces_tick_state_and_section():
    """A screen reader hears whether a fact is ticked and which section it is in, and follows a tick."""
    model = FactModel()
    model.set_facts(_facts(), _articles())
    text, described = Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.AccessibleDescriptionRole
    sec = model.index(0, 0)
    ticked, unticked = model.index(0, COL_TEXT, sec), model.index(1, COL_TEXT, sec)
    assert ticked.data(text) == "Ticked: Blinken met Kamikawa in Tokyo."
    assert unticked.data(text) == "Not ticked: Austin joined the talks."
    assert ticked.data(described).startswith("Section Participants; ticked, in the memo; 1 source")
    assert unticked.data(described).startswith("Section Participants; not ticked")
    assert sec.data(text) == "Section Participants: 1 of 2 facts ticked"
    assert "partly ticked" in sec.data(described)
    cmd = model.index(1, 0)
    assert "Section Command and control" in model.index(0, COL_TEXT, cmd).data(described)
    assert "2 sources" in model.index(0, COL_TEXT, cmd).data(described)
    hand = model.index(0, COL_TEXT, model.index(2, 0))
    assert "added by hand" in hand.data(described)
    model.setData(unticked, Qt.CheckState.Checked, CHECK)
    assert model.index(1, COL_TEXT, model.index(0, 0)).data(text).startswith("Ticked: ")
    assert "all ticked" in model.index(0, 0).data(described)
    assert model.index(0, 0).data(text) == "Section Participants: 2 of 2 facts ticked"


def test_ticking_facts_and_sections_sets_included():
    facts = _facts()
    model = FactModel()
    model.set_facts(facts, _articles())
    sec = model.index(0, 0)
    assert sec.data(CHECK) == Qt.CheckState.PartiallyChecked
    ticks = []
    model.ticksChanged.connect(lambda: ticks.append(1))
    assert model.setData(model.index(1, 0, sec), Qt.CheckState.Checked.value, CHECK)  # ints come from views
    assert facts[1].included and sec.data(CHECK) == Qt.CheckState.Checked
    assert model.setData(sec, Qt.CheckState.Unchecked, CHECK)
    assert not facts[0].included and not facts[1].included
    assert sec.data() == "Participants (0/2)" and sec.data(CHECK) == Qt.CheckState.Unchecked
    assert facts[2].included  # other sections untouched
    assert len(ticks) == 2
    model.set_all(True)
    assert all(f.included for f in facts)


def test_editing_fact_text():
    facts = _facts()
    model = FactModel()
    model.set_facts(facts)
    idx = model.index_of_fact("F002")
    assert model.setData(idx, "  Austin   joined. ", Qt.ItemDataRole.EditRole)
    assert facts[1].memo_text == "Austin joined." and facts[1].memo_edited  # the memo wording
    assert facts[1].text == "Austin joined the talks."  # the source wording stays
    assert not model.setData(idx, "   ", Qt.ItemDataRole.EditRole)  # empty text is refused
    assert not model.setData(model.index(0, 0), "x", Qt.ItemDataRole.EditRole)  # section rows are not text


def test_article_model_roles():
    model = ArticleModel()
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_articles(_articles(), _facts())
    assert model.rowCount() == 2 and tester is not None
    idx = model.index(0, 0)
    assert idx.data() == "Tokyo talks"
    assert idx.data(SubtitleRole) == "Outlet One · 28 Jul 2024 · 3 facts"
    assert "/x/a1.txt" in idx.data(Qt.ItemDataRole.ToolTipRole)
    assert idx.data(ArticleRole).id == "A1"
    assert model.index(1, 0).data(SubtitleRole) == "Unknown outlet · 1 fact"
    assert model.row_of("A2") == 1 and model.article(QModelIndex()) is None


def test_viewer_highlights_span_after_emoji(qtbot):
    text = "Intro 🎉 here. The ministers met in Tokyo. End."
    art = Article("A1", "a.txt", "T", text)
    start = text.index("The ministers")
    span = SourceSpan("A1", start, text.index(" End."))
    viewer = ArticleViewer()
    qtbot.addWidget(viewer)
    viewer.show_article(art, [span])
    sels = viewer.extraSelections()
    assert len(sels) == 1
    assert sels[0].cursor.selectedText() == "The ministers met in Tokyo."
    assert utf16_offset(text, start) == start + 1


def test_source_panel_steps_through_source_articles(qtbot):
    panel = SourcePanel()
    qtbot.addWidget(panel)
    arts = _articles()
    briefing = Briefing(arts, _facts())
    panel.show_fact(briefing.facts[2], briefing)
    assert panel.viewer.article_id == "A1"
    assert panel.viewer.extraSelections()[0].cursor.selectedText() == "They will upgrade command."
    panel.next_button.click()
    assert panel.viewer.article_id == "A2" and panel.counter.text() == "2/2"
    panel.show_article(arts[0])
    assert panel.viewer.extraSelections() == [] and panel.viewer.toPlainText() == arts[0].text


def test_carry_over_keeps_ticks_and_edits():
    old = _facts()
    old[0].included = False
    old[2].text = "User-edited wording."
    old[2].included = False
    new = [
        Fact("F001", "Blinken  met Kamikawa in tokyo.", "participants", 0.9, True, [SourceSpan("A1", 0, 30)]),
        Fact("F002", "Different text, same source.", "command_and_control", 0.7, True,
             [SourceSpan("A1", 56, 82), SourceSpan("A3", 0, 10)]),
        Fact("F003", "Brand new fact.", "threats", 0.4, True, [SourceSpan("A3", 20, 40)]),
    ]
    out = carry_over(old, new)
    assert [f.included for f in out] == [False, False, True]
    assert out[1].text == "User-edited wording."  # the edit survives a re-extraction
    assert out[2].text == "Brand new fact."


def test_unique_ids_renames_clashes():
    existing = _articles()
    new = [Article("A1", "/y/a1.txt", "Other", "x"), Article("A9", "/y/a9.txt", "Nine", "y")]
    out = _unique_ids(existing, new)
    assert [a.id for a in out] == ["A1-2", "A9"]
    assert out[0].title == "Other" and new[0].id == "A1"  # input not mutated


def test_many_emits_leave_true_alone():
    """PySide6 6.12.0's emit() drops a reference to True on Python 3.11 (excluded in pyproject.toml)."""
    import gc
    import sys

    from PySide6.QtCore import QThreadPool

    from app.shared.gc_pause import gc_paused

    model = FactModel()
    model.set_facts(_facts())
    idx = model.index_of_fact("F001")
    # What earlier tests left behind must not drop its references to True meanwhile: their workers finish
    # first, their garbage is collected first, and no collection runs during the loop.
    QThreadPool.globalInstance().waitForDone()
    gc.collect()
    with gc_paused():
        before = sys.getrefcount(True)
        for i in range(3000):  # about six times what True holds at start-up: aborts on a PySide6 with that bug
            model.setData(idx, Qt.CheckState.Checked if i % 2 else Qt.CheckState.Unchecked, CHECK)
        after = sys.getrefcount(True)
    assert after >= before - 20

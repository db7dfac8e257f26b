"""Provenance: source highlight and switcher, reverse lookup by clicking the article, "Add as fact" from a
selection, removed parts shown greyed and restored (with undo), on the seed articles and hand-built data."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QPalette, QTextCursor
from PySide6.QtWidgets import QListView, QPlainTextEdit, QToolButton, QTreeView, QWidget

from app.domain import Article, Briefing, Fact, RemovedPart, SourceSpan
from app.edits.articles import AddFactFromSpan, RestoreRemovedText, placements
from app.ui import theme
from app.ui.source_panel import SourcePanel

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def window(seeded_window):
    return seeded_window


def _span_texts(briefing: Briefing) -> dict[str, list[str]]:
    return {f.id: [briefing.article(s.article_id).span_text(s) for s in f.sources] for f in briefing.facts}


def _show_article(qtbot, win, article_id: str) -> QPlainTextEdit:
    articles = win.findChild(QListView, "articleList")
    row = win.article_model.row_of(article_id)
    rect = articles.visualRect(articles.model().index(row, 0))
    qtbot.mouseClick(articles.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    viewer = win.findChild(QPlainTextEdit, "articleViewer")
    assert viewer.article_id == article_id
    return viewer


def _click_text(qtbot, viewer: QPlainTextEdit, qt_pos: int) -> None:
    """A real mouse click on the character at ``qt_pos`` (scrolled into view first)."""
    cursor = QTextCursor(viewer.document())
    cursor.setPosition(qt_pos)
    viewer.setTextCursor(cursor)
    viewer.ensureCursorVisible()
    rect = viewer.cursorRect(cursor)
    point = QPoint(rect.right() + 3, rect.center().y())
    qtbot.mouseClick(viewer.viewport(), Qt.MouseButton.LeftButton, pos=point)


def _select_fact(win, fact: Fact) -> None:
    view = win.findChild(QTreeView, "factView")
    index = win.provenance._view_index(fact.id)
    assert index.isValid()
    view.setCurrentIndex(index)


# -- highlight and switcher --------------------------------------------------------------------------------
def test_fact_with_several_sources_has_a_switcher(window, qtbot):
    fact = next(f for f in window.briefing.facts if len({s.article_id for s in f.sources}) > 1)
    _select_fact(window, fact)
    panel, viewer = window.source_panel, window.viewer
    switcher = window.findChild(QWidget, "sourceSwitcher")
    assert switcher.isVisible() and panel.counter.text() == f"1/{len(fact.sources)}"
    first = fact.sources[0]
    assert viewer.article_id == first.article_id
    strong = viewer.extraSelections()[0]
    assert strong.cursor.selectedText() == window.briefing.article(first.article_id).span_text(first)
    # The current source is drawn from the palette's highlight, readable in light and dark themes.
    assert strong.format.foreground().color() == viewer.palette().color(QPalette.ColorRole.Text)
    qtbot.mouseClick(window.findChild(QToolButton, "sourceNext"), Qt.MouseButton.LeftButton)
    second = fact.sources[1]
    assert panel.counter.text() == f"2/{len(fact.sources)}" and viewer.article_id == second.article_id
    assert viewer.extraSelections()[0].cursor.selectedText() == \
        window.briefing.article(second.article_id).span_text(second)
    qtbot.mouseClick(window.findChild(QToolButton, "sourcePrev"), Qt.MouseButton.LeftButton)
    assert panel.counter.text() == f"1/{len(fact.sources)}" and viewer.article_id == first.article_id
    # Showing the removed parts keeps the highlighted sentence in view.
    window.findChild(QAction, "showRemovedToggle").trigger()
    strong = viewer.extraSelections()[0]
    assert strong.cursor.selectedText() == window.briefing.article(first.article_id).span_text(first)
    assert viewer.viewport().rect().contains(viewer.cursorRect(strong.cursor).center())


def test_switcher_steps_through_sentences_in_one_article(qtbot):
    text = "Ministers met in Tokyo on Sunday. Talks went well. Ministers met in Tokyo on Sunday again."
    art = Article("A1", "a.txt", "T", text)
    fact = Fact("F001", "Ministers met in Tokyo on Sunday.", "participants", 0.9, True,
                [SourceSpan("A1", 0, 33), SourceSpan("A1", 51, len(text))])
    panel = SourcePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.show_fact(fact, Briefing([art], [fact]))
    assert [s.cursor.selectedText() for s in panel.viewer.extraSelections()] == \
        [text[0:33], text[51:]]
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert panel.counter.text() == "2/2"
    assert panel.viewer.extraSelections()[0].cursor.selectedText() == text[51:]  # current source first
    assert panel.viewer.textCursor().position() == 51


# -- reverse lookup ----------------------------------------------------------------------------------------
def test_clicking_a_sentence_selects_its_fact(window, qtbot):
    fact = sorted(window.briefing.facts, key=lambda f: -len(f.text))[3]
    span = fact.sources[-1]
    # a fact with no sentence in that article: showing the article highlights nothing
    other = next(f for f in window.briefing.facts
                 if f.id != fact.id and all(s.article_id != span.article_id for s in f.sources))
    _select_fact(window, other)
    viewer = _show_article(qtbot, window, span.article_id)
    assert viewer.extraSelections() == []
    _click_text(qtbot, viewer, viewer.display.qt(viewer.display.display_start(span.start) + 5))
    view = window.findChild(QTreeView, "factView")
    assert window.fact_model.fact(window.fact_model.index_of_fact(fact.id)) is fact
    current = view.currentIndex()
    model = view.model()
    while hasattr(model, "mapToSource"):
        current, model = model.mapToSource(current), model.sourceModel()
    assert window.fact_model.fact(current) is fact
    # The viewer stays in the clicked article and now highlights the sentence.
    assert viewer.article_id == span.article_id
    assert any(s.cursor.selectedText() == window.briefing.article(span.article_id).span_text(span)
               for s in viewer.extraSelections())
    assert "source of" in window.statusBar().currentMessage()


# -- add from selection ------------------------------------------------------------------------------------
def test_add_selection_as_fact_and_undo(window, qtbot):
    article = window.briefing.articles[0]
    viewer = _show_article(qtbot, window, article.id)
    action = window.findChild(QAction, "addFromSelectionAction")
    assert not action.isEnabled() and action.toolTip()
    words = article.text.split(". ")[1]
    start = article.text.index(words)
    end = start + len(words) // 2
    cursor = QTextCursor(viewer.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    viewer.setTextCursor(cursor)
    assert action.isEnabled() and action in viewer.context_actions
    before = len(window.briefing.facts)
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(viewer, Qt.Key.Key_A, mods)
    if len(window.briefing.facts) == before:  # no shortcut delivery on this platform: use the menu action
        action.trigger()
    assert len(window.briefing.facts) == before + 1
    new = next(f for f in window.briefing.facts if f.sources == [SourceSpan(article.id, start, end)])
    assert new.included and new.text == " ".join(article.text[start:end].split())
    assert window.fact_model.index_of_fact(new.id).isValid()
    assert window.undo_stack.undoText() == "Add fact from selection"
    window.undo_stack.undo()
    assert new not in window.briefing.facts and len(window.briefing.facts) == before
    assert not window.fact_model.index_of_fact(new.id).isValid()
    window.undo_stack.redo()
    assert new in window.briefing.facts


# -- removed parts -----------------------------------------------------------------------------------------
def test_removed_parts_show_greyed_and_restore_with_undo(window, qtbot, preview_seed):
    article = next(a for a in window.briefing.articles if a.path.endswith(preview_seed.name))
    promo = next(i for i, p in enumerate(article.removed) if "Channel 9" in p.text)
    promo_text = article.removed[promo].text
    viewer = _show_article(qtbot, window, article.id)
    assert promo_text not in viewer.toPlainText()
    toggle = window.findChild(QAction, "showRemovedToggle")
    assert toggle.isCheckable() and toggle.toolTip()
    toggle.trigger()
    assert promo_text in viewer.toPlainText()
    ins = next(i for i in viewer.display.inserts if i.place.index == promo)
    probe = QTextCursor(viewer.document())
    probe.setPosition(viewer.display.qt(ins.start + ins.place.lead + 3))
    assert probe.charFormat().fontItalic()
    grey = theme.secondary_text(viewer.palette())  # quieter than the text, with AA contrast
    assert probe.charFormat().foreground().color() == grey

    before_text, before_removed = article.text, list(article.removed)
    before_spans = _span_texts(window.briefing)
    restore = window.findChild(QAction, "restoreRemovedAction")
    _click_text(qtbot, viewer, viewer.display.qt(ins.start + ins.place.lead + 10))
    assert restore.isEnabled()
    restore.trigger()
    assert promo_text in article.text and len(article.removed) == len(before_removed) - 1
    after_spans = _span_texts(window.briefing)
    # Every other fact still cites the same sentence.
    assert all(after_spans[fid] == texts for fid, texts in before_spans.items())
    new_ids = set(after_spans) - set(before_spans)
    assert new_ids and all(not f.included for f in window.briefing.facts if f.id in new_ids)
    assert promo_text in viewer.toPlainText() and "Restored" in window.statusBar().currentMessage()
    window.undo_stack.undo()
    assert article.text == before_text and article.removed == before_removed
    assert _span_texts(window.briefing) == before_spans
    window.undo_stack.redo()
    assert promo_text in article.text and _span_texts(window.briefing) == after_spans


def test_restoring_every_part_keeps_every_span(seed_paths):
    from app.run.pipeline import build_briefing

    briefing = build_briefing(seed_paths).briefing
    for article in briefing.articles:
        for index in range(len(article.removed)):
            text, removed, spans = article.text, list(article.removed), _span_texts(briefing)
            undo = RestoreRemovedText(article.id, index).apply(briefing)
            restored = removed[index].text
            assert restored in article.text
            after = _span_texts(briefing)
            assert all(after[fid] == texts for fid, texts in spans.items())
            undo.apply(briefing)
            assert (article.text, article.removed, _span_texts(briefing)) == (text, removed, spans)


def test_placements_put_parts_back_in_reading_order():
    raw = "Headline here\n\nTOKYO (Wire) - Ministers met. Ministers met.\nBuy now!\n\nThey agreed."
    art = Article("A", "a.txt", "Headline here", "Ministers met.\n\nThey agreed.", raw_text=raw, removed=[
        RemovedPart("Headline here", "headline", 0),
        RemovedPart("TOKYO (Wire) -", "dateline", raw.index("TOKYO")),
        RemovedPart("Ministers met.", "repeated sentence", raw.rindex("Ministers met.")),
        RemovedPart("Buy now!", "promotion", raw.index("Buy")),
    ])
    shown = {p.part.reason: p for p in placements(art)}
    assert shown["headline"].pos == 0 and shown["headline"].insert == "Headline here\n\n"
    assert shown["dateline"].pos == 0 and shown["dateline"].insert == "TOKYO (Wire) - "
    assert shown["repeated sentence"].insert == " Ministers met." and shown["repeated sentence"].pos == 14
    assert shown["promotion"].insert == "\nBuy now!" and shown["promotion"].pos == 14
    b = Briefing([art], [Fact("F001", "They agreed.", "other", 0.5, True, [SourceSpan("A", 16, 28)])])
    RestoreRemovedText("A", 3).apply(b)
    assert art.text == "Ministers met.\nBuy now!\n\nThey agreed."
    assert art.span_text(b.facts[0].sources[0]) == "They agreed."


def test_add_fact_from_span_rejects_blank_selection():
    from app.edits import EditError

    art = Article("A", "a.txt", "T", "Ministers met in Tokyo.   Then they left.")
    with pytest.raises(EditError):
        AddFactFromSpan("A", 23, 26).apply(Briefing([art], []))

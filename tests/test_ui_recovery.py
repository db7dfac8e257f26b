"""Recovery restores exactly what the user saw: after any kind of change, and at any moment of a load.

Each test changes a real window through its widgets and actions, lets the autosave write (its 30 s timer
driven by hand), "crashes" (the window is never closed), starts a new window on the same recovery folder and
compares everything the user can see: the briefing, the memo panel's fields, the fact tree (order, text,
ticks), the article list, the article shown and the current fact. Waits are on signals, never on sleeps.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import wait_settled
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QListView

from app import store
from app.store import find_recoverable
from app.ui import create_main_window, dialogs

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def asked(monkeypatch):
    record = {"restore": []}
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: "discard")
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, text: record["restore"].append(text) or "restore")
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, msg: pytest.fail(msg))
    return record


def _window(qtbot, paths=()):
    win = create_main_window(paths)
    qtbot.addWidget(win)
    wait_settled(qtbot, win)
    _flush_draft(qtbot, win)
    return win


def _flush_draft(qtbot, win) -> None:
    """The summary box is redrafted on the next turn after a change: let that turn come."""
    timer = win.memo_panel._draft_timer
    if timer.isActive():
        with qtbot.waitSignal(timer.timeout, timeout=5_000):
            pass


def _autosave(qtbot, win) -> Path:
    with qtbot.waitSignal(win.project.autosaver.autosaved, timeout=10_000) as blocker:
        win.project.autosaver.timer.timeout.emit()
    return blocker.args[0]


def _tree(win) -> list[tuple[str, list[tuple[str, str, int]]]]:
    model = win.fact_model
    out = []
    for srow in range(model.rowCount()):
        section = model.index(srow, 0)
        rows = []
        for row in range(model.rowCount(section)):
            index = model.index(row, 0, section)
            fact = model.fact(index)
            rows.append((fact.id, index.data(Qt.ItemDataRole.DisplayRole),
                         int(index.data(Qt.ItemDataRole.CheckStateRole).value)))
        out.append((section.data(Qt.ItemDataRole.DisplayRole), rows))
    return out


def _seen(qtbot, win) -> dict:
    """Everything the user sees of the briefing, read from the widgets (and the data behind them)."""
    _flush_draft(qtbot, win)
    panel = win.memo_panel
    articles = win.findChild(QListView, "articleList")
    return {
        "briefing": store.snapshot(win.briefing),
        "header": [win.findChild(QLineEdit, n).text() for n in ("memoTo", "memoFrom", "memoSubject")],
        "date": win.findChild(QDateEdit, "memoDate").date().toString(Qt.DateFormat.ISODate),
        "classification": win.findChild(QComboBox, "memoClassification").currentText(),
        "template": win.findChild(QComboBox, "memoTemplate").currentData(),
        "summary": panel.summary_edit.toPlainText(),
        "tree": _tree(win),
        "articles": [articles.model().index(r, 0).data() for r in range(articles.model().rowCount())],
        "shown_article": win.viewer.article_id,
        "shown_text": win.viewer.toPlainText(),
        "view": win.view_state(),
        "title": win.windowTitle(),
    }


def _crash_and_restart(qtbot, crashed):
    crashed.project.autosaver.timer.stop()  # the "crash": this window never closes cleanly
    return _window(qtbot)


# -- the changes a user makes ------------------------------------------------------------------------------
def _facts(win):
    return [f for _section, rows in _tree(win) for f, _text, _check in rows]


def _select(win, fact_id: str) -> None:
    index = win.fact_model.index_of_fact(fact_id)
    win.fact_view.setCurrentIndex(index)
    win.fact_view.selectionModel().select(index, win.fact_view.selectionModel().SelectionFlag.ClearAndSelect
                                          | win.fact_view.selectionModel().SelectionFlag.Rows)


def tick(qtbot, win):
    model, first = win.fact_model, win.fact_model.index_of_fact(_facts(win)[0])
    state = Qt.CheckState.Unchecked if model.fact(first).included else Qt.CheckState.Checked
    assert model.setData(first, state, Qt.ItemDataRole.CheckStateRole)


def edit_text(qtbot, win):
    index = win.fact_model.index_of_fact(_facts(win)[1])
    assert win.fact_model.setData(index, "Rewritten by the analyst: 語 and “quotes”.", Qt.ItemDataRole.EditRole)


def reorder(qtbot, win):
    # the first fact of the first section that holds two: "move down" stays inside its section
    ids = next([f for f, _text, _check in rows] for _section, rows in _tree(win) if len(rows) >= 2)
    _select(win, ids[0])
    win.findChild(QAction, "moveFactDownAction").trigger()
    rows = next([f for f, _text, _check in rows] for _section, rows in _tree(win) if ids[0] in
                [f for f, _text, _check in rows])
    assert rows[:2] == [ids[1], ids[0]] and win.view_state()["fact"] == ids[0]


def header(qtbot, win):
    for name, text in (("memoTo", "Deputy Secretary"), ("memoSubject", "New subject")):
        edit = win.findChild(QLineEdit, name)
        edit.selectAll()
        qtbot.keyClicks(edit, text)  # QTest types ASCII only
    win.findChild(QLineEdit, "memoFrom").setText("木原 稔's desk")
    win.findChild(QDateEdit, "memoDate").setDate(QDate(2024, 8, 2))
    win.findChild(QComboBox, "memoClassification").setCurrentText("CONFIDENTIAL")


def template(qtbot, win):
    combo = win.findChild(QComboBox, "memoTemplate")
    combo.setCurrentIndex((combo.currentIndex() + 1) % combo.count())


def summary(qtbot, win):
    edit = win.memo_panel.summary_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Our own bottom line.")


def restore_removed(qtbot, win):
    article = next(a for a in win.briefing.articles if a.removed)
    win.article_list.setCurrentIndex(win.article_model.index(win.article_model.row_of(article.id), 0))
    win.findChild(QAction, "showRemovedToggle").trigger()
    viewer = win.viewer
    insert = viewer.display.inserts[0]
    cursor = QTextCursor(viewer.document())
    cursor.setPosition(viewer.display.qt(insert.start + insert.place.lead + 2))
    viewer.setTextCursor(cursor)
    before = len(article.removed)
    win.findChild(QAction, "restoreRemovedAction").trigger()
    assert len(article.removed) == before - 1


def select_article(qtbot, win):
    win.article_list.setCurrentIndex(win.article_model.index(1, 0))
    assert win.viewer.article_id == win.briefing.articles[1].id


def select_fact(qtbot, win):
    _select(win, _facts(win)[-1])
    assert win.view_state()["fact"] == _facts(win)[-1]


def delete_and_undo(qtbot, win):
    ids = _facts(win)[:3]
    for fact_id in ids:
        _select(win, fact_id)
        win.findChild(QAction, "deleteFactAction").trigger()
    win.undo_stack.undo()  # the last deletion comes back, the first two stay deleted
    assert ids[2] in _facts(win) and ids[0] not in _facts(win)


CHANGES = [tick, edit_text, reorder, header, template, summary, restore_removed, select_article, select_fact,
           delete_and_undo]


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__ for c in CHANGES])
def test_restore_shows_what_the_crashed_window_showed(qtbot, seed_paths, asked, change):
    crashed = _window(qtbot, seed_paths)
    change(qtbot, crashed)
    _autosave(qtbot, crashed)
    expected = _seen(qtbot, crashed)

    restored = _crash_and_restart(qtbot, crashed)
    assert len(asked["restore"]) == 1
    assert _seen(qtbot, restored) == expected
    assert restored.isWindowModified()


def test_every_change_at_once(qtbot, seed_paths, asked):
    crashed = _window(qtbot, seed_paths)
    for change in CHANGES:
        change(qtbot, crashed)
    _autosave(qtbot, crashed)
    expected = _seen(qtbot, crashed)
    assert _seen(qtbot, _crash_and_restart(qtbot, crashed)) == expected


def test_an_autosave_during_a_load_waits_for_it_to_settle(qtbot, seed_paths, asked):
    """The autosave timer firing while a load runs, or between its result and its last step (memo panel,
    first article shown), writes nothing then: the copy comes once the window has settled, and holds it all."""
    win = create_main_window()
    qtbot.addWidget(win)
    saver = win.project.autosaver
    written: list[Path] = []
    saver.autosaved.connect(written.append)
    moments: list[tuple[bool, bool]] = []

    def tick_now(*_args) -> None:
        saver.timer.timeout.emit()
        saver.pool.waitForDone(5000)
        moments.append((win.is_settled(), saver.path.exists()))

    win.loader.progress.connect(tick_now)  # while the load runs
    win.loader.loaded.connect(tick_now)  # right after the window took the result in, in the same turn
    win.add_paths(seed_paths)
    with qtbot.waitSignal(saver.autosaved, timeout=60_000):
        wait_settled(qtbot, win)  # settling writes the copy the ticks deferred
    assert moments and all(moment == (False, False) for moment in moments)
    assert win.briefing.memo.date == date(2024, 7, 28) and win.briefing.memo.subject
    assert win.view_state()["article"] == win.briefing.articles[0].id  # chosen in the load's last step
    expected = _seen(qtbot, win)
    doc = store.read_project(saver.path)
    assert len(written) == 1 and doc.extra["view"] == win.view_state()
    assert store.snapshot(doc.briefing) == expected["briefing"]
    assert _seen(qtbot, _crash_and_restart(qtbot, win)) == expected


def test_the_load_and_its_memo_defaults_are_one_step(qtbot, seed_paths, asked):
    """No moment exists with the articles in the briefing but not the subject and date they fill in."""
    win = create_main_window()
    qtbot.addWidget(win)
    seen: list[tuple[int, str, object]] = []
    win.briefingChanged.connect(lambda: seen.append((len(win.briefing.articles), win.briefing.memo.subject,
                                                     win.briefing.memo.date)))
    win.add_paths(seed_paths)
    wait_settled(qtbot, win)
    assert seen and all(bool(n) == bool(subject) == (day is not None) for n, subject, day in seen)
    assert win.findChild(QLineEdit, "memoSubject").text() == win.briefing.memo.subject
    win.undo_stack.undo()  # undoing the load takes back what it filled in, in the panel too
    assert win.briefing.articles == [] and win.briefing.memo.subject == "" and win.briefing.memo.date is None
    assert win.findChild(QLineEdit, "memoSubject").text() == ""
    win.undo_stack.redo()
    assert win.findChild(QLineEdit, "memoSubject").text() == win.briefing.memo.subject != ""


def test_a_crash_during_a_second_load_restores_the_state_before_it(qtbot, preview_seed, asked, tmp_path):
    crashed = _window(qtbot, [preview_seed])
    select_fact(qtbot, crashed)
    _autosave(qtbot, crashed)
    before = _seen(qtbot, crashed)
    extra = tmp_path / "extra.txt"
    extra.write_text("TOKYO (Reuters) - Japan and the Philippines signed a reciprocal access agreement on "
                     "Monday, officials said.\n\nThe pact lets each country's troops train on the other's soil.\n",
                     encoding="utf-8")
    crashed.add_paths([extra])
    assert not crashed.is_settled()
    assert crashed.project.emergency_save()  # the crash handler's write, mid-load
    assert _seen(qtbot, _crash_and_restart(qtbot, crashed)) == before


def test_a_crash_just_after_a_second_load_arrives(qtbot, preview_seed, report_seed, asked):
    """Between the result and its last step the briefing already holds the load and its memo defaults."""
    crashed = _window(qtbot, [preview_seed])
    crashed.findChild(QLineEdit, "memoSubject").clear()  # the next load fills it in again
    moments: list[tuple[bool, bool]] = []
    # The crash handler's write right after the window took the result in, in the same turn.
    crashed.loader.loaded.connect(lambda _: moments.append((crashed.is_settled(),
                                                           crashed.project.emergency_save())))
    crashed.add_paths([report_seed])
    wait_settled(qtbot, crashed)
    assert moments == [(False, True)]
    saved = store.read_project(crashed.project.autosaver.path).briefing
    assert len(saved.articles) == 2 and saved.memo.subject and saved.memo.date is not None
    expected = _seen(qtbot, crashed)
    assert _seen(qtbot, _crash_and_restart(qtbot, crashed)) == expected


def test_back_to_the_saved_state_needs_no_recovery_copy(qtbot, monkeypatch, tmp_path, seed_paths, asked):
    from PySide6.QtWidgets import QFileDialog

    win = _window(qtbot, seed_paths)
    project = tmp_path / "kept.briefing"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(project), ""))
    win.project.save()
    tick(qtbot, win)
    copy = _autosave(qtbot, win)
    assert copy.exists()
    win.undo_stack.undo()
    win.project.autosaver.timer.timeout.emit()
    win.project.autosaver.pool.waitForDone(5000)
    assert not copy.exists() and find_recoverable(copy.parent) == []


def test_selection_alone_is_kept_in_the_copy(qtbot, seed_paths, asked):
    win = _window(qtbot, seed_paths)
    first = _autosave(qtbot, win)
    select_article(qtbot, win)
    assert _autosave(qtbot, win) == first
    assert store.read_project(first).extra["view"]["article"] == win.briefing.articles[1].id


def test_a_copy_with_a_view_of_things_no_longer_there_still_restores(qtbot, seed_paths, asked):
    """A hand-edited or older copy may name an article or fact that does not exist: ignored, not fatal."""
    crashed = _window(qtbot, seed_paths)
    tick(qtbot, crashed)
    path = _autosave(qtbot, crashed)
    doc = store.read_project(path)
    data = store.snapshot(doc.briefing)
    crashed.project.autosaver.timer.stop()
    store.write_snapshot(data, path, {"recovery": doc.extra["recovery"], "view": {"article": "gone", "fact": 7}})
    restored = _window(qtbot)
    assert store.snapshot(restored.briefing) == data
    assert restored.viewer.article_id == restored.briefing.articles[0].id

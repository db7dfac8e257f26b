"""Projects in the window: save / save as / open (projects and articles), recent files, title, autosave,
restore after a crash, the unsaved-changes prompt, the error hook and persisted settings."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from conftest import wait_settled
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMenu, QSplitter

from app import store
from app.store import find_recoverable
from app.ui import crash, create_main_window, dialogs, settings

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def asked(monkeypatch):
    """Answers for the unsaved-changes and restore prompts, and a record of what was asked."""
    record = {"save": [], "restore": [], "errors": [], "save_answer": "discard", "restore_answer": "restore"}

    def ask_save(parent, name):
        record["save"].append(name)
        return record["save_answer"]

    def ask_restore(parent, description):
        record["restore"].append(description)
        return record["restore_answer"]

    monkeypatch.setattr(dialogs, "ask_save_changes", ask_save)
    monkeypatch.setattr(dialogs, "ask_restore", ask_restore)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, msg: record["errors"].append(msg))
    return record


def _wait_loaded(qtbot, win) -> None:
    wait_settled(qtbot, win)
    assert win.fact_model.rowCount() > 0


def _window(qtbot, paths=()):
    win = create_main_window(paths)
    qtbot.addWidget(win)
    if paths:
        _wait_loaded(qtbot, win)
    return win


def _fact_indexes(win):
    model = win.fact_model
    for srow in range(model.rowCount()):
        section = model.index(srow, 0)
        for row in range(model.rowCount(section)):
            yield model.index(row, 0, section)


def _change_facts(win) -> tuple[str, str]:
    """Untick one fact and rewrite another through the model, as the view does; returns their ids."""
    model = win.fact_model
    first, second = list(_fact_indexes(win))[:2]
    ticked_id, edited_id = model.fact(first).id, model.fact(second).id
    model.setData(first, Qt.CheckState.Unchecked if model.fact(first).included else Qt.CheckState.Checked,
                  Qt.ItemDataRole.CheckStateRole)
    assert model.setData(second, "Edited by the analyst.", Qt.ItemDataRole.EditRole)
    return ticked_id, edited_id


def _save_via_action(win, monkeypatch, target: Path, action: str = "saveAction") -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    win.findChild(type(win.acts.open), action).trigger()


def _open_via_action(win, monkeypatch, paths) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in paths], ""))
    win.acts.open.trigger()


def _fact(win_or_briefing, fact_id):
    briefing = getattr(win_or_briefing, "briefing", win_or_briefing)
    return next(f for f in briefing.facts if f.id == fact_id)


def test_save_then_open_gives_the_same_briefing(qtbot, monkeypatch, tmp_path, seed_paths, asked):
    win = _window(qtbot, seed_paths)
    assert win.windowTitle() == "Briefing Builder — Untitled[*]"
    qtbot.waitUntil(win.isWindowModified)  # loading articles is a change
    ticked_id, edited_id = _change_facts(win)
    win.findChild(QLineEdit, "memoTo").setText("Deputy Secretary")
    target = tmp_path / "tokyo"  # the suffix is added
    _save_via_action(win, monkeypatch, target)
    path = tmp_path / "tokyo.briefing"
    assert path.is_file() and not asked["errors"]
    assert win.windowTitle() == "Briefing Builder — tokyo.briefing[*]" and not win.isWindowModified()
    assert win.project.path == path
    assert store.load_project(path) == win.briefing

    other = _window(qtbot)
    _open_via_action(other, monkeypatch, [path])
    assert other.briefing == win.briefing
    assert other.briefing is not win.briefing
    assert _fact(other, edited_id).memo_wording() == "Edited by the analyst."
    assert _fact(other, ticked_id).included == _fact(win, ticked_id).included
    assert other.findChild(QLineEdit, "memoTo").text() == "Deputy Secretary"
    assert other.fact_model.rowCount() == win.fact_model.rowCount()
    assert other.windowTitle().endswith("tokyo.briefing[*]") and not other.isWindowModified()
    assert "Opened tokyo.briefing" in other.statusBar().currentMessage()


def test_save_as_and_ctrl_s(qtbot, monkeypatch, tmp_path, seed_paths, asked):
    win = _window(qtbot, seed_paths)
    acts = {a.objectName(): a for a in win.findChildren(type(win.acts.open))}
    assert acts["saveAction"].shortcut().toString() == "Ctrl+S"
    assert acts["saveAsAction"].shortcut().toString() == "Ctrl+Shift+S"
    assert acts["saveAction"].toolTip() and acts["saveAsAction"].statusTip()
    first = tmp_path / "a.briefing"
    _save_via_action(win, monkeypatch, first)
    # Save again: no dialog, same file.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: pytest.fail("asked for a name"))
    _change_facts(win)
    qtbot.waitUntil(win.isWindowModified)
    acts["saveAction"].trigger()
    assert not win.isWindowModified() and store.load_project(first) == win.briefing
    second = tmp_path / "b.briefing"
    _save_via_action(win, monkeypatch, second, "saveAsAction")
    assert win.project.path == second and win.windowTitle().endswith("b.briefing[*]")
    assert store.load_project(second) == store.load_project(first)
    assert settings.last_folder("projects") == tmp_path


def test_open_project_together_with_articles(qtbot, monkeypatch, tmp_path, preview_seed, report_seed, asked):
    win = _window(qtbot, [preview_seed])
    path = tmp_path / "one.briefing"
    _save_via_action(win, monkeypatch, path)
    other = _window(qtbot)
    _open_via_action(other, monkeypatch, [report_seed, path])
    assert other.project.path == path
    wait_settled(qtbot, other)
    assert len(other.briefing.articles) == 2
    qtbot.waitUntil(other.isWindowModified)  # the project plus a new article is not what is on disk


def test_open_damaged_or_newer_project_changes_nothing(qtbot, monkeypatch, tmp_path, seed_paths, asked):
    win = _window(qtbot, seed_paths)
    before = store.snapshot(win.briefing)
    damaged = tmp_path / "damaged.briefing"
    damaged.write_text('{"format": "briefing-builder-project", "version": 1, "briefing": {"facts": 3}}')
    newer = tmp_path / "newer.briefing"
    newer.write_text(json.dumps({"format": "briefing-builder-project", "version": 3, "briefing": {}}))
    _open_via_action(win, monkeypatch, [damaged])
    _open_via_action(win, monkeypatch, [newer])
    assert asked["errors"] == [
        "Cannot open damaged.briefing: the file is damaged (briefing.facts: expected a list, found a number)",
        "Cannot open newer.briefing: it was made by a newer Briefing Builder (format 3); this version reads "
        "up to 1. Update Briefing Builder to open it.",
    ]
    assert store.snapshot(win.briefing) == before and win.project.path is None


def test_old_format_project_opens_upgraded(qtbot, monkeypatch, tmp_path, asked):
    text = "Ministers met in Tokyo on Sunday."
    old = {"format": "briefing-builder-project", "version": 0,
           "articles": [{"id": "a1", "path": "a.txt", "title": "Meeting", "text": text}],
           "facts": [{"id": "F001", "text": text, "section": "date_venue",
                      "sources": [{"article": "a1", "start": 0, "end": len(text)}]}],
           "memo": {"from": "Asia desk", "subject": "Tokyo"}}
    path = tmp_path / "old.briefing"
    path.write_text(json.dumps(old), encoding="utf-8")
    win = _window(qtbot)
    _open_via_action(win, monkeypatch, [path])
    assert [f.text for f in win.briefing.facts] == [text]
    assert win.findChild(QLineEdit, "memoFrom").text() == "Asia desk"
    assert "upgraded from format 0" in win.statusBar().currentMessage()


def test_recent_files_menu(qtbot, monkeypatch, tmp_path, preview_seed, asked):
    win = _window(qtbot, [preview_seed])
    menu = win.findChild(QMenu, "recentMenu")
    assert menu is not None and menu.menuAction() in win.acts.file_menu.actions()
    assert not menu.menuAction().isEnabled()  # nothing recent yet
    paths = [tmp_path / f"p{i}.briefing" for i in range(10)]
    for path in paths:
        _save_via_action(win, monkeypatch, path, "saveAsAction")
    menu.aboutToShow.emit()
    entries = [a for a in menu.actions() if a.objectName().startswith("recentFile")]
    assert [a.data() for a in entries] == [str(p) for p in reversed(paths)][:8]  # newest first, at most 8
    other = _window(qtbot)
    recent = other.findChild(QMenu, "recentMenu")
    recent.aboutToShow.emit()
    recent.findChild(type(win.acts.open), "recentFile2").trigger()
    assert other.project.path == paths[7] and other.briefing == win.briefing
    paths[9].unlink()  # a vanished file: a clear message, and it leaves the menu
    recent.aboutToShow.emit()
    next(a for a in recent.actions() if a.data() == str(paths[9])).trigger()
    assert asked["errors"] and "moved or deleted" in asked["errors"][-1]
    recent.aboutToShow.emit()
    assert str(paths[9]) not in [a.data() for a in recent.actions()]
    recent.findChild(type(win.acts.open), "clearRecentAction").trigger()
    assert settings.recent_files() == []


def _recovery_folder() -> Path:
    return settings.data_dir() / "recovery"


def _autosave(qtbot, win) -> Path:
    with qtbot.waitSignal(win.project.autosaver.autosaved, timeout=10_000) as blocker:
        win.project.autosaver.timer.timeout.emit()  # the 30 s timer, driven by hand
    return blocker.args[0]


def test_autosave_only_after_changes(qtbot, monkeypatch, seed_paths, asked):
    win = _window(qtbot, seed_paths)
    timer = win.project.autosaver.timer
    assert timer.isActive() and timer.interval() == 30_000
    path = _autosave(qtbot, win)  # loading articles is a change
    assert path.parent == _recovery_folder() and store.load_project(path) == win.briefing
    first = path.read_bytes()
    written: list = []
    win.project.autosaver.autosaved.connect(written.append)
    timer.timeout.emit()  # nothing changed since: nothing written
    win.project.autosaver.pool.waitForDone(5000)
    qapp_process(qtbot)
    assert written == [] and path.read_bytes() == first
    ticked_id, _ = _change_facts(win)
    assert _autosave(qtbot, win) == path
    assert _fact(store.load_project(path), ticked_id).included == _fact(win, ticked_id).included


def qapp_process(qtbot) -> None:
    qtbot.wait(0)  # deliver queued signals from the writer thread (no sleeping)


def test_restore_after_crash(qtbot, monkeypatch, seed_paths, asked):
    crashed = _window(qtbot, seed_paths)
    ticked_id, edited_id = _change_facts(crashed)
    crashed.findChild(QLineEdit, "memoSubject").setText("Restored subject")
    recovery = _autosave(qtbot, crashed)
    expected = store.snapshot(crashed.briefing)
    crashed.project.autosaver.timer.stop()  # the "crash": this window never closes cleanly

    win = _window(qtbot)  # next start, same recovery folder
    assert len(asked["restore"]) == 1 and "Untitled briefing, autosaved" in asked["restore"][0]
    assert store.snapshot(win.briefing) == expected
    assert _fact(win, edited_id).memo_wording() == "Edited by the analyst."
    assert _fact(win, ticked_id).included == _fact(crashed, ticked_id).included
    assert win.findChild(QLineEdit, "memoSubject").text() == "Restored subject"
    assert win.isWindowModified() and win.fact_model.rowCount() > 0
    assert not recovery.exists() and win.project.autosaver.path.exists()  # adopted as the new window's copy
    # Closing and saving nothing: the prompt appears (restored work is unsaved).
    asked["save_answer"] = "cancel"
    win.close()
    assert asked["save"] == ["Untitled"] and win.isVisible()


def test_restore_of_a_saved_project_keeps_its_name(qtbot, monkeypatch, tmp_path, seed_paths, asked):
    crashed = _window(qtbot, seed_paths)
    project = tmp_path / "named.briefing"
    _save_via_action(crashed, monkeypatch, project)
    _change_facts(crashed)
    _autosave(qtbot, crashed)
    crashed.project.autosaver.timer.stop()
    win = _window(qtbot)
    assert "named.briefing, autosaved" in asked["restore"][0]
    assert win.project.path == project and win.windowTitle().endswith("named.briefing[*]")
    assert win.isWindowModified() and win.briefing != store.load_project(project)


@pytest.mark.parametrize("answer", ["discard", "later"])
def test_declined_restore(qtbot, seed_paths, asked, answer):
    crashed = _window(qtbot, seed_paths)
    recovery = _autosave(qtbot, crashed)
    crashed.project.autosaver.timer.stop()
    asked["restore_answer"] = answer
    win = _window(qtbot)
    assert asked["restore"] and win.briefing.facts == []
    assert recovery.exists() == (answer == "later")


def test_unsaved_changes_prompt(qtbot, monkeypatch, tmp_path, seed_paths, asked):
    win = _window(qtbot, seed_paths)
    recovery = _autosave(qtbot, win)
    asked["save_answer"] = "cancel"
    win.close()
    assert asked["save"] == ["Untitled"] and win.isVisible() and recovery.exists()

    asked["save_answer"] = "save"  # Save: asks for a name, writes it, then closes
    target = tmp_path / "kept.briefing"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    expected = store.snapshot(win.briefing)
    assert win.close()
    assert not win.isVisible() and store.snapshot(store.load_project(target)) == expected
    assert not recovery.exists() and find_recoverable(_recovery_folder()) == []


def test_unsaved_prompt_save_cancelled_keeps_window(qtbot, monkeypatch, seed_paths, asked):
    win = _window(qtbot, seed_paths)
    asked["save_answer"] = "save"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))  # name dialog cancelled
    win.close()
    assert win.isVisible() and win.project.refresh_modified()


def test_discard_closes_and_drops_the_recovery_copy(qtbot, seed_paths, asked):
    win = _window(qtbot, seed_paths)
    recovery = _autosave(qtbot, win)
    asked["save_answer"] = "discard"
    assert win.close()
    assert asked["save"] == ["Untitled"] and not recovery.exists()


def test_no_prompt_without_changes_or_after_undo(qtbot, monkeypatch, tmp_path, seed_paths, asked):
    empty = _window(qtbot)
    assert not empty.isWindowModified()
    assert empty.close() and asked["save"] == []
    win = _window(qtbot, seed_paths)
    _save_via_action(win, monkeypatch, tmp_path / "s.briefing")
    index = next(_fact_indexes(win))
    state = Qt.CheckState.Unchecked if win.fact_model.fact(index).included else Qt.CheckState.Checked
    win.fact_model.setData(index, state, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(win.isWindowModified)
    if win.undo_stack.count():  # ticks go through the undo stack: undoing returns to "saved" at once
        win.undo_stack.undo()
        assert not win.isWindowModified()
    else:
        win.fact_model.setData(index, Qt.CheckState.Checked if state == Qt.CheckState.Unchecked
                               else Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
        qtbot.waitUntil(lambda: not win.isWindowModified())
    assert win.close() and asked["save"] == []  # content equals the saved file: nothing to ask


def test_opening_over_unsaved_work_asks_first(qtbot, monkeypatch, tmp_path, seed_paths, preview_seed, asked):
    source = _window(qtbot, [preview_seed])
    path = tmp_path / "p.briefing"
    _save_via_action(source, monkeypatch, path)
    win = _window(qtbot, seed_paths)
    before = store.snapshot(win.briefing)
    asked["save_answer"] = "cancel"
    _open_via_action(win, monkeypatch, [path])
    assert asked["save"] == ["Untitled"] and store.snapshot(win.briefing) == before
    asked["save_answer"] = "discard"
    _open_via_action(win, monkeypatch, [path])
    assert win.project.path == path and len(win.briefing.articles) == 1


def test_unexpected_error_saves_logs_and_tells(qtbot, monkeypatch, seed_paths, asked):
    win = _window(qtbot, seed_paths)
    assert getattr(sys.excepthook, "_briefing_builder", False)  # installed by create_main_window
    _change_facts(win)
    shown = []
    monkeypatch.setattr(dialogs, "show_crash", lambda parent, log, saved: shown.append((log, saved)))
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        crash.handle_exception(*sys.exc_info())
    log = crash.log_path()
    assert shown == [(str(log), True)]
    assert "RuntimeError: boom in a slot" in log.read_text(encoding="utf-8")
    assert log.parent.parent == settings.data_dir()
    copy = win.project.autosaver.path  # written synchronously, before the dialog
    assert store.snapshot(store.load_project(copy)) == store.snapshot(win.briefing)
    assert [r.path for r in find_recoverable(_recovery_folder())] == [copy]  # offered at the next start


def test_settings_persist_between_windows(qtbot, monkeypatch, tmp_path, asked):
    win = _window(qtbot)
    win.resize(1100, 640)
    splitter = win.findChild(QSplitter, "mainSplitter")
    splitter.setSizes([100, 500, 300])
    sizes = splitter.sizes()
    from_edit = win.findChild(QLineEdit, "memoFrom")
    from_edit.setText("J. Analyst, Asia desk")
    from_edit.editingFinished.emit()
    assert win.findChild(QSplitter, "rightSplitter") is not None
    win.close()
    assert settings.author_name() == "J. Analyst, Asia desk"

    again = _window(qtbot)
    # The offscreen screen is narrower than the window, so restoreGeometry clamps the width; the fixed panes
    # (articles, source) keep their saved sizes, the facts pane takes what is left.
    restored = again.findChild(QSplitter, "mainSplitter").sizes()
    assert (restored[0], restored[2]) == (sizes[0], sizes[2]) and sizes[0] == 82
    assert again.size().height() == 640
    assert again.findChild(QLineEdit, "memoFrom").text() == "J. Analyst, Asia desk"
    assert again.briefing.memo.sender == "J. Analyst, Asia desk" and not again.isWindowModified()


def test_exception_in_a_slot_goes_through_the_hook(qtbot, monkeypatch, seed_paths, asked):
    win = _window(qtbot, seed_paths)
    _change_facts(win)
    shown = []
    monkeypatch.setattr(dialogs, "show_crash", lambda parent, log, saved: shown.append((log, saved)))

    def broken_slot():
        raise ValueError("a bug in some slot")

    with qtbot.capture_exceptions() as caught:
        crash.install_excepthook()  # wraps pytest-qt's hook here as it wraps Python's in the app
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: bool(shown))
    assert [str(e[1]) for e in caught] == ["a bug in some slot"]  # the previous hook still ran
    assert shown == [(str(crash.log_path()), True)]
    assert "ValueError: a bug in some slot" in crash.log_path().read_text(encoding="utf-8")
    assert store.load_project(win.project.autosaver.path) == win.briefing


KILLED_APP = r"""
import os, signal, sys
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
from app.ui import create_main_window
win = create_main_window([sys.argv[2]])
while win.loader.is_busy() or win.fact_model.rowCount() == 0:
    app.processEvents()
section = win.fact_model.index(0, 0)
win.fact_model.setData(win.fact_model.index(0, 0, section), "Edited before the kill.",
                       Qt.ItemDataRole.EditRole)
written = []
win.project.autosaver.autosaved.connect(written.append)
win.project.autosaver.timer.timeout.emit()
while not written:
    app.processEvents()
os.kill(os.getpid(), signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
"""


def test_restore_after_the_process_was_killed(qtbot, tmp_path, preview_seed, asked):
    import subprocess

    script = tmp_path / "killed.py"
    script.write_text(KILLED_APP, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path(__file__).parent.parent)}
    result = subprocess.run([sys.executable, str(script), str(tmp_path / "settings"), str(preview_seed)],
                            env=env, capture_output=True, timeout=120)
    assert result.returncode != 0, result.stderr.decode(errors="replace")[-2000:]
    assert len(find_recoverable(_recovery_folder())) == 1  # the dead process's copy
    win = _window(qtbot)
    assert asked["restore"] and "Edited before the kill." in [f.memo_wording() for f in win.briefing.facts]
    assert len(win.briefing.articles) == 1 and win.isWindowModified()


def test_dropping_a_project_opens_it(qtbot, monkeypatch, tmp_path, preview_seed, asked):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    source = _window(qtbot, [preview_seed])
    path = tmp_path / "dropped.briefing"
    _save_via_action(source, monkeypatch, path)
    win = _window(qtbot)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    win.dropEvent(drop)
    assert win.project.path == path and win.briefing == source.briefing
    assert not win.loader.is_busy()  # nothing left to load as an article


def test_prompts_never_block_without_a_screen(qapp):
    # Tests (and CI) run offscreen: a window closed with changes must not wait for an answer nobody gives.
    if qapp.platformName() != "offscreen":
        pytest.skip("only meaningful without a screen")
    assert dialogs.ask_save_changes(None, "x.briefing") == "discard"
    assert dialogs.ask_restore(None, "Untitled briefing") == "later"
    assert dialogs.show_crash(None, "/tmp/log", True) is None

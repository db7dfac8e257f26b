"""Damaged and hand-edited projects in the real window: opened with the real Open action (file dialog and
message boxes patched as in test_ui_project.py). A refused file changes nothing the user has, asks nothing
first and is never written; a repaired one opens with the repairs on the status line and counts as changed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import wait_settled
from hostile_projects import REFUSED, REPAIRED
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app import store
from app.store import find_recoverable
from app.ui import create_main_window, dialogs, settings

pytestmark = pytest.mark.usefixtures("isolated_settings")
OLD = 1_600_000_000_000_000_000  # an mtime in 2020: any write would change it


@pytest.fixture
def asked(monkeypatch):
    record = {"save": [], "errors": [], "restore": [], "restore_answer": "restore"}
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: record["save"].append(name) or "discard")
    monkeypatch.setattr(dialogs, "ask_restore",
                        lambda parent, text: record["restore"].append(text) or record["restore_answer"])
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, msg: record["errors"].append(msg))
    return record


def _window(qtbot, paths=()):
    win = create_main_window(paths)
    qtbot.addWidget(win)
    wait_settled(qtbot, win)
    return win


def _open_via_action(win, monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
    win.acts.open.trigger()


def _autosave(qtbot, win) -> Path:
    with qtbot.waitSignal(win.project.autosaver.autosaved, timeout=10_000) as blocker:
        win.project.autosaver.timer.timeout.emit()
    return blocker.args[0]


def _write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / f"{name}.briefing"
    path.write_bytes(content)
    os.utime(path, ns=(OLD, OLD))
    return path


def _tick_first_fact(win) -> None:
    model = win.fact_model
    index = model.index(0, 0, model.index(0, 0))
    state = Qt.CheckState.Unchecked if model.fact(index).included else Qt.CheckState.Checked
    assert model.setData(index, state, Qt.ItemDataRole.CheckStateRole)


def _state(win) -> dict:
    """Everything opening a file could disturb: the briefing, title, modified mark, undo history, shown rows."""
    stack = win.undo_stack
    return {
        "briefing": store.snapshot(win.briefing),
        "title": win.windowTitle(),
        "modified": win.isWindowModified(),
        "path": win.project.path,
        "undo": (stack.count(), stack.index(), stack.cleanIndex(),
                 [stack.text(i) for i in range(stack.count())]),
        "rows": (win.fact_model.rowCount(), win.article_model.rowCount()),
        "subject": win.memo_panel.subject_edit.text(),
    }


def test_refused_files_change_nothing_in_the_window(qtbot, monkeypatch, tmp_path, seed_paths, asked):
    win = _window(qtbot, seed_paths)
    _tick_first_fact(win)
    qtbot.waitUntil(win.isWindowModified)
    copy = _autosave(qtbot, win)
    os.utime(copy, ns=(OLD, OLD))
    copy_bytes = copy.read_bytes()
    before = _state(win)
    assert before["undo"][0] >= 2  # the load and the tick: a history to keep
    folder = tmp_path / "files"
    folder.mkdir()
    for name, content, message in REFUSED:
        path = _write(folder, name, content)
        asked["errors"].clear()
        _open_via_action(win, monkeypatch, path)
        assert len(asked["errors"]) == 1 and message in asked["errors"][0], (name, asked["errors"])
        assert asked["errors"][0].startswith(f"Cannot open {name}.briefing: ")
        assert _state(win) == before, name
        assert path.read_bytes() == content and path.stat().st_mtime_ns == OLD, name
        assert copy.read_bytes() == copy_bytes and copy.stat().st_mtime_ns == OLD, name
        assert win.statusBar().currentMessage() == "Could not open the project"
    assert asked["save"] == []  # a file that cannot be opened is refused before asking to save anything
    win.project.autosaver.pool.waitForDone(5000)
    assert copy.read_bytes() == copy_bytes and copy.stat().st_mtime_ns == OLD
    assert [r.path for r in find_recoverable(settings.data_dir() / "recovery")] == [copy]  # only ours
    assert win.project.autosaver.path == copy


@pytest.mark.parametrize("name", ["unknown-template", "template-escaping", "conflict-names-missing-fact",
                                  "duplicate-entity", "unknown-classification", "bom"])
def test_repaired_files_open_with_a_note(qtbot, monkeypatch, tmp_path, asked, name):
    _, content, note, check = next(c for c in REPAIRED if c[0] == name)
    path = _write(tmp_path, name, content)
    win = _window(qtbot)
    _open_via_action(win, monkeypatch, path)
    assert asked["errors"] == [] and win.project.path == path
    assert check(win.briefing)
    message = win.statusBar().currentMessage()
    assert message.startswith(f"Opened {name}.briefing")
    assert note in message
    repaired = store.project.parse_document(content, name).repaired
    qtbot.waitUntil(lambda: win.isWindowModified() == repaired)  # a repair is a change not yet saved
    assert win.project.refresh_modified() == repaired
    assert path.read_bytes() == content and path.stat().st_mtime_ns == OLD
    if name.startswith("template"):
        assert win.memo_panel.template_combo.currentData() == "information-memo"


def test_a_damaged_recovery_copy_is_left_as_it_was(qtbot, tmp_path, asked):
    folder = settings.data_dir() / "recovery"
    folder.mkdir(parents=True)
    _, content, message = next(c for c in REFUSED if c[0] == "span-past-end")
    content = content.replace(b'"format"', b'"recovery": {"project": null, "pid": 0, "host": ""}, "format"', 1)
    copy = _write(folder, "untitled-0badc0de.recovery", content)
    win = _window(qtbot)
    assert len(asked["restore"]) == 1
    assert len(asked["errors"]) == 1 and message in asked["errors"][0]
    assert win.briefing.articles == [] and win.project.path is None and not win.isWindowModified()
    assert win.undo_stack.count() == 0
    assert copy.read_bytes() == content and copy.stat().st_mtime_ns == OLD  # still there for a later version


def test_a_recovery_copy_names_its_project_only_as_a_briefing_file(qtbot, tmp_path, asked):
    """The copy's "project" entry becomes the file Save writes to: /etc/passwd there restores as untitled."""
    folder = settings.data_dir() / "recovery"
    folder.mkdir(parents=True)
    _, content, note, _ = next(c for c in REPAIRED if c[0] == "unknown-template")
    content = content.replace(b'"format"', b'"recovery": {"project": "/etc/passwd", "pid": 0, "host": ""}, '
                                           b'"format"', 1)
    _write(folder, "passwd-0badc0de.recovery", content)
    win = _window(qtbot)
    assert asked["restore"] and asked["errors"] == []
    assert win.project.path is None and win.windowTitle().endswith("Untitled[*]")
    assert len(win.briefing.articles) == 2 and win.briefing.memo.template == "information-memo"
    assert note in win.statusBar().currentMessage()

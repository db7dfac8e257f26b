"""Big loads run in a child process: the window gets the same briefing, can cancel it, and survives the
child dying."""

from __future__ import annotations

import gc
import multiprocessing
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar, QPushButton

from app.ui import jobs

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def window(qtbot, isolated_settings):
    from app.ui import create_main_window

    win = create_main_window([])
    qtbot.addWidget(win)
    return win


@pytest.fixture
def many_articles(tmp_path) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from _corpus import write_corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    write_corpus(tmp_path, 40, 400)
    return tmp_path


def _texts(win) -> list[tuple[str, str, bool]]:
    return [(f.id, f.text, f.included) for f in win.briefing.facts]


def test_a_load_in_a_child_process_gives_the_same_facts(window, qtbot, seed_paths, monkeypatch, isolated_settings):
    from app.ui import create_main_window

    in_thread = create_main_window(seed_paths)
    qtbot.addWidget(in_thread)
    qtbot.waitUntil(lambda: not in_thread.loader.is_busy() and bool(in_thread.briefing.facts), timeout=60_000)

    monkeypatch.setattr(jobs, "PROCESS_MIN_ARTICLES", 1)
    used: list[bool] = []
    real = jobs.load_in_process
    monkeypatch.setattr(jobs, "load_in_process", lambda *a: used.append(True) or real(*a))
    percents: list[int] = []
    window.loader.progress.connect(lambda pct, _msg: percents.append(pct))
    with qtbot.waitSignal(window.loader.loaded, timeout=60_000):
        window.add_paths(seed_paths)
    qtbot.waitUntil(lambda: window.fact_model.rowCount() > 0)
    assert used == [True]
    assert _texts(window) == _texts(in_thread) and len(window.briefing.articles) == 2
    assert [a.text for a in window.briefing.articles] == [a.text for a in in_thread.briefing.articles]
    assert percents and max(percents) == 100
    assert gc.get_freeze_count() > 0  # the new briefing is out of the collector's way
    assert not multiprocessing.active_children()
    qtbot.waitUntil(lambda: window.viewer.article_id is not None)  # first article shown, a turn later


def test_cancel_during_a_child_process_load_keeps_the_window_as_it_was(window, qtbot, many_articles):
    assert jobs.needs_process([], [many_articles])
    bar = window.findChild(QProgressBar, "progressBar")
    cancel = window.findChild(QPushButton, "cancelButton")
    window.add_paths([many_articles])
    assert bar.isVisible() and cancel.isVisible()
    with qtbot.waitSignal(window.loader.progress, timeout=60_000):
        pass
    with qtbot.waitSignal(window.loader.settled, timeout=60_000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not bar.isVisible() and window.briefing.articles == [] and window.briefing.facts == []
    assert window.fact_model.rowCount() == 0 and window.article_model.rowCount() == 0
    for child in multiprocessing.active_children():
        child.join(10)
    assert not multiprocessing.active_children()


def test_a_child_process_that_dies_is_reported_and_nothing_changes(window, qtbot, seed_paths, monkeypatch):
    from test_process_job import die

    from app.run.child_job import run_in_process

    monkeypatch.setattr(jobs, "PROCESS_MIN_ARTICLES", 1)
    monkeypatch.setattr(jobs, "load_in_process", lambda *a: run_in_process(die))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr("app.ui.dialogs.show_error", lambda _parent, title, message: shown.append((title, message)))
    with qtbot.waitSignal(window.loader.failed, timeout=60_000) as failed:
        window.add_paths(seed_paths)
    assert "stopped unexpectedly" in failed.args[0]
    assert shown and shown[0][0] == "Loading failed" and "stopped unexpectedly" in shown[0][1]
    assert window.briefing.articles == [] and not window.loader.is_busy()

"""What users expect of a desktop app: the first-run hint, dropping files and folders, the user guide from
the Help menu, and Preferences for the memo header's defaults."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEEDS, wait_settled
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from app.ui import create_main_window

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def empty_window(qtbot):
    win = create_main_window([])
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    return win


def _drop(win, paths: list[Path], target=None) -> bool:
    """A real drag's last two events, with file URLs, on ``target`` (the window by default)."""
    target = target or win
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    none, left = Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton
    enter = QDragEnterEvent(QPoint(40, 40), Qt.DropAction.CopyAction, mime, left, none)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(40, 40), Qt.DropAction.CopyAction, mime, left, none)
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


def test_first_run_hint_names_the_open_shortcut_and_goes_once_articles_load(empty_window, qtbot):
    win = empty_window
    hint = win.findChild(QLabel, "emptyHint")
    assert hint is not None and hint.isVisible()
    keys = win.findChild(QAction, "openAction").shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert keys and f"Drop articles here or press {keys}" in hint.text()
    assert hint.accessibleName() and keys in hint.accessibleDescription()
    assert win.fact_view.viewport().rect().contains(hint.geometry().center())  # where the facts will be
    win.add_paths(sorted(SEEDS.glob("*.txt")))
    wait_settled(qtbot, win)
    assert win.briefing.articles and not hint.isVisible()
    win.undo_stack.undo()  # back to no article: the hint returns
    assert not win.briefing.articles and hint.isVisible()


def test_dropping_a_folder_loads_every_article_in_it(empty_window, qtbot, tmp_path):
    win = empty_window
    folder = tmp_path / "articles"
    (folder / "more").mkdir(parents=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    shutil.copy(seeds[0], folder)
    shutil.copy(seeds[1], folder / "more")  # nested folders are read too
    assert _drop(win, [folder])
    wait_settled(qtbot, win)
    assert sorted(Path(a.path).name for a in win.briefing.articles) == sorted(p.name for p in seeds)
    assert win.fact_model.rowCount() > 0 and not win.findChild(QLabel, "emptyHint").isVisible()


def test_dropping_files_and_a_folder_together_on_the_fact_pane(empty_window, qtbot, tmp_path):
    win = empty_window
    seeds = sorted(SEEDS.glob("*.txt"))
    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.copy(seeds[1], folder)
    # Dropped on the fact tree under the hint, the drop still reaches the window.
    assert _drop(win, [seeds[0], folder], win.fact_view.viewport())
    wait_settled(qtbot, win)
    assert len(win.briefing.articles) == 2


def test_a_drop_without_local_files_is_refused(empty_window):
    mime = QMimeData()
    mime.setText("just text")
    enter = QDragEnterEvent(QPoint(40, 40), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(empty_window, enter)
    assert not enter.isAccepted()
    assert not _drop(empty_window, [], None)

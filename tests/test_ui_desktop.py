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


def test_first_run_hint_goes_when_a_project_is_opened(seeded_window, qtbot, tmp_path):
    project = tmp_path / "talks.briefing"
    assert seeded_window.project.save_to(project)
    win = create_main_window([])
    qtbot.addWidget(win)
    hint = win.findChild(QLabel, "emptyHint")
    assert hint.isVisible()
    assert _drop(win, [project])  # a dropped project opens as the project
    assert win.briefing.articles and not hint.isVisible()


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


# -- Help > User Guide ------------------------------------------------------------------------------------

def test_user_guide_opens_the_shipped_guide(empty_window, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from app.shared import paths

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    action = empty_window.findChild(QAction, "actionUserGuide")
    assert action is not None and action in empty_window.acts.help_menu.actions()
    assert action.shortcut().toString() == "F1"
    action.trigger()
    assert len(opened) == 1 and opened[0].isLocalFile()
    guide = Path(opened[0].toLocalFile())
    assert guide.is_file() and guide == paths.user_guide() == paths.app_root() / "docs" / "user-guide.md"
    text = guide.read_text(encoding="utf-8")
    headings = " | ".join(line for line in text.lower().splitlines() if line.startswith("#"))
    for topic in ("loading articles", "reviewing facts", "memo wording and the source sentence", "conflicts",
                  "templates", "preferences", "export", "recovery", "keyboard"):
        assert topic in headings, topic
    for image in ("main-window-light.png", "preferences.png"):  # every screenshot the guide shows is shipped beside it
        assert f"]({image})" in text and (guide.parent / image).is_file()


def test_user_guide_is_found_in_a_frozen_bundle(monkeypatch, tmp_path):
    import sys

    from app.shared import paths

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.user_guide() == tmp_path / "docs" / "user-guide.md"
    spec = (Path(__file__).resolve().parent.parent / "packaging" / "briefing-builder.spec").read_text()
    assert '(str(ROOT / "docs" / "user-guide.md"), "docs")' in spec


def test_user_guide_missing_says_so(empty_window, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices

    from app.shared import paths
    from app.ui import dialogs

    monkeypatch.setattr(paths, "app_root", lambda: tmp_path)
    errors, opened = [], []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: errors.append(message))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    empty_window.findChild(QAction, "actionUserGuide").trigger()
    assert opened == [] and len(errors) == 1 and "user-guide.md" in errors[0]


# -- Edit > Preferences -------------------------------------------------------------------------------------

def _preferences(win, qtbot):
    from PySide6.QtWidgets import QDialog

    action = win.findChild(QAction, "actionPreferences")
    assert action is not None and action in win.acts.edit_menu.actions()
    action.trigger()
    dialog = win.findChild(QDialog, "preferencesDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _fill_preferences(dialog, qtbot, template: str, author: str, classification: str) -> None:
    from PySide6.QtWidgets import QComboBox, QLineEdit

    combo = dialog.findChild(QComboBox, "prefTemplate")
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentData() != template:  # by keyboard, as a user would
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"{template} is not offered"
    author_edit = dialog.findChild(QLineEdit, "prefAuthor")
    author_edit.clear()
    qtbot.keyClicks(author_edit, author)
    classification_edit = dialog.findChild(QComboBox, "prefClassification").lineEdit()
    classification_edit.selectAll()
    qtbot.keyClicks(classification_edit, classification)


def _ok(dialog, qtbot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    ok = dialog.findChild(QDialogButtonBox, "preferencesButtons").button(QDialogButtonBox.StandardButton.Ok)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_preferences_are_saved_applied_to_new_briefings_and_read_back(empty_window, qtbot):
    from PySide6.QtWidgets import QComboBox, QLineEdit

    from app.ui import settings

    win = empty_window
    dialog = _preferences(win, qtbot)
    templates = [dialog.findChild(QComboBox, "prefTemplate").itemData(i)
                 for i in range(dialog.findChild(QComboBox, "prefTemplate").count())]
    assert sorted(templates) == sorted(p.stem for p in (SEEDS.parent / "resources" / "templates").glob("*.yaml"))
    _fill_preferences(dialog, qtbot, "point-paper", "Office of Asian Affairs", "CONFIDENTIAL")
    _ok(dialog, qtbot)
    store = settings.settings()
    assert store.value("memo/template") == "point-paper"
    assert store.value("memo/author") == "Office of Asian Affairs"
    assert store.value("memo/classification") == "CONFIDENTIAL"
    # The empty, untouched briefing takes them at once, and is still not modified.
    memo = win.briefing.memo
    assert (memo.template, memo.sender, memo.classification) == \
        ("point-paper", "Office of Asian Affairs", "CONFIDENTIAL")
    assert win.findChild(QLineEdit, "memoFrom").text() == "Office of Asian Affairs"
    assert not win.project.refresh_modified()

    win.add_paths(sorted(SEEDS.glob("*.txt")))
    wait_settled(qtbot, win)
    memo = win.briefing.memo
    assert (memo.template, memo.sender, memo.classification) == \
        ("point-paper", "Office of Asian Affairs", "CONFIDENTIAL")
    assert memo.subject  # the load's own defaults still come
    assert win.findChild(QComboBox, "memoTemplate").currentData() == "point-paper"
    assert win.findChild(QComboBox, "memoClassification").currentText() == "CONFIDENTIAL"

    other = create_main_window([])  # a new run reads them back
    qtbot.addWidget(other)
    memo = other.briefing.memo
    assert (memo.template, memo.sender, memo.classification) == \
        ("point-paper", "Office of Asian Affairs", "CONFIDENTIAL")
    again = _preferences(other, qtbot)
    assert again.findChild(QComboBox, "prefTemplate").currentData() == "point-paper"
    assert again.findChild(QLineEdit, "prefAuthor").text() == "Office of Asian Affairs"
    assert again.findChild(QComboBox, "prefClassification").currentText() == "CONFIDENTIAL"
    again.reject()


def test_preferences_reach_a_started_briefing_with_its_load_in_one_undo_step(empty_window, qtbot):
    from PySide6.QtWidgets import QLineEdit

    win = empty_window
    to = win.findChild(QLineEdit, "memoTo")
    qtbot.keyClicks(to, "Deputy Secretary")  # the user started this briefing: Preferences leave it alone
    dialog = _preferences(win, qtbot)
    _fill_preferences(dialog, qtbot, "executive-brief", "Policy Planning", "SECRET")
    _ok(dialog, qtbot)
    memo = win.briefing.memo
    assert (memo.template, memo.sender) == ("information-memo", "")
    steps = win.undo_stack.count()
    win.add_paths(sorted(SEEDS.glob("*.txt")))
    wait_settled(qtbot, win)
    memo = win.briefing.memo
    assert (memo.to, memo.template, memo.sender, memo.classification) == \
        ("Deputy Secretary", "executive-brief", "Policy Planning", "SECRET")
    assert win.undo_stack.count() == steps + 1  # articles and header came in one step
    win.undo_stack.undo()
    memo = win.briefing.memo
    assert not win.briefing.articles
    assert (memo.to, memo.template, memo.sender, memo.classification) == \
        ("Deputy Secretary", "information-memo", "", "UNCLASSIFIED")


def test_preferences_leave_an_open_briefing_and_cancel_keeps_them(seeded_window, qtbot):
    from app.ui import settings

    win = seeded_window
    before = (win.briefing.memo.template, win.briefing.memo.sender, win.briefing.memo.classification)
    dialog = _preferences(win, qtbot)
    _fill_preferences(dialog, qtbot, "point-paper", "Someone", "SECRET")
    _ok(dialog, qtbot)
    assert (win.briefing.memo.template, win.briefing.memo.sender, win.briefing.memo.classification) == before
    dialog = _preferences(win, qtbot)
    _fill_preferences(dialog, qtbot, "executive-brief", "Nobody", "CUI")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert settings.default_template() == "point-paper" and settings.author_name() == "Someone"
    assert settings.default_classification() == "SECRET"

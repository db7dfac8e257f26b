"""Keyboard-only use and screen readers: menus with unique mnemonics, shortcuts for the main commands, Tab
through the panes in reading order, visible focus, and a name and description on every control."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

pytestmark = pytest.mark.usefixtures("isolated_settings")

INTERACTIVE = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QAbstractItemView, QComboBox, QSpinBox,
               QAbstractSpinBox, QDateEdit, QAbstractSlider, QTabBar, QTabWidget)
# The panes, left to right and top to bottom, and the controls in each.
PANES = {
    "articles": ("articleList",),
    "facts": ("factFilter", "tickedOnlyToggle", "factView"),
    "source": ("sourcePrev", "sourceNext", "showRemovedButton", "articleViewer"),
    "memo": ("memoTabBar", "memoTo", "memoFrom", "memoSubject", "memoDate", "memoClassification", "memoTemplate",
             "summaryEdit", "redraftButton", "participantsView"),
    "preview": ("memoPreview",),
    "status bar": ("cancelButton", "openExportButton"),
}


@pytest.fixture
def window(seeded_window, qtbot):
    seeded_window.activateWindow()
    qtbot.waitExposed(seeded_window)
    qtbot.waitUntil(seeded_window.fact_view.updatesEnabled)  # the tree paints a turn after a load
    return seeded_window


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _menu_actions(menu: QMenu) -> list[QAction]:
    menu.aboutToShow.emit()  # menus that fill themselves when opened (Open Recent)
    return [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]


def _reachable(win) -> set[int]:
    """Actions reachable from the menu bar by Alt and mnemonics, submenus included."""
    seen: set[int] = set()
    todo = [a.menu() for a in win.menuBar().actions()]
    while todo:
        menu = todo.pop()
        for action in _menu_actions(menu):
            seen.add(id(action))
            if action.menu() is not None:
                todo.append(action.menu())
    return seen


def test_menus_have_unique_mnemonics(window):
    bar = window.menuBar().actions()
    assert [a.text() for a in bar] == ["&File", "&Edit", "&View", "&Help"]
    menus = [a.menu() for a in bar]
    menus += [a.menu() for m in menus for a in m.actions() if a.menu() is not None]
    for menu in menus:
        letters = [(a.text(), _mnemonic(a.text())) for a in _menu_actions(menu)]
        missing = [text for text, letter in letters if letter is None]
        assert missing == [], f"{menu.title()}: {missing}"
        used = [letter for _t, letter in letters]
        clashes = sorted({t for t, letter in letters if used.count(letter) > 1})
        assert clashes == [], f"{menu.title()}: {clashes}"


def test_every_action_is_reachable_by_keyboard(window):
    reachable = _reachable(window)
    actions = [a for a in window.findChildren(QAction)
               if a.text() and not a.isSeparator() and a.menu() is None and a.isVisible()]
    unreachable = [a.objectName() or a.text() for a in actions
                   if id(a) not in reachable and a.shortcut().isEmpty()]
    assert unreachable == []
    for name in ("openAction", "openFolderAction", "saveAction", "saveAsAction", "exportDocxAction",
                 "exportPdfAction", "quitAction", "undoAction", "redoAction", "addFactAction",
                 "deleteFactAction", "findFactAction", "actionUserGuide", "actionPreferences"):
        action = window.findChild(QAction, name)
        assert action is not None and not action.shortcut().isEmpty(), name
        assert id(action) in reachable, name


def test_preferences_and_user_guide_open_from_the_keyboard(window, qtbot, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.fact_view.setFocus()
    qtbot.keyClick(window.fact_view, Qt.Key.Key_F1)
    assert len(opened) == 1
    qtbot.keyClick(window.fact_view, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(QDialog, "preferencesDialog")
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def _pane_of(widget: QWidget | None) -> str | None:
    while widget is not None:
        for pane, names in PANES.items():
            if widget.objectName() in names:
                return pane
        widget = widget.parentWidget()
    return None


def _name_of(widget: QWidget) -> str:
    while widget is not None and not any(widget.objectName() in names for names in PANES.values()):
        widget = widget.parentWidget()
    return widget.objectName() if widget is not None else ""


def _walk(qtbot, start: QWidget, key=Qt.Key.Key_Tab, presses: int = 40) -> list[str]:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    names = [_name_of(start)]
    for _ in range(presses):
        focused = QApplication.focusWidget()
        assert focused is not None and focused.isVisible()
        qtbot.keyClick(focused, key)
        name = _name_of(QApplication.focusWidget())
        if name != names[-1]:  # a date edit takes a Tab per part (day, month, year)
            names.append(name)
        if name == names[0] and len(names) > 1:
            break
    return names


def test_tab_visits_the_panes_left_to_right_top_to_bottom(window, qtbot):
    names = _walk(qtbot, window.article_list)
    assert names[0] == names[-1] == "articleList"  # once round the window
    order = [n for names_ in PANES.values() for n in names_]
    visited = names[:-1]
    assert visited == [n for n in order if n in visited]  # in reading order, nothing skipped back
    assert [p for i, p in enumerate(map(_pane_of_name, visited)) if i == 0 or p != _pane_of_name(visited[i - 1])] \
        == [p for p in PANES if p != "status bar"]  # its buttons show while loading and after an export
    for name in ("factFilter", "factView", "articleViewer", "memoTo", "memoTemplate", "memoPreview"):
        assert name in visited, name
    back = _walk(qtbot, window.article_list, Qt.Key.Key_Backtab)
    assert back[1:-1] == list(reversed(visited[1:]))


def _pane_of_name(name: str) -> str:
    return next(pane for pane, names in PANES.items() if name in names)


def test_focus_is_visible(window, qtbot):
    """A control that Tab reaches looks different from the same control once Tab has moved on."""
    chain = [n for names in PANES.values() for n in names]
    for name in ("showRemovedButton", "tickedOnlyToggle", "memoTo", "factView", "articleViewer"):
        widget = window.findChild(QWidget, name)
        before = next(window.findChild(QWidget, n) for n in reversed(chain[:chain.index(name)])
                      if window.findChild(QWidget, n).isVisible())
        before.setFocus(Qt.FocusReason.OtherFocusReason)
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        assert widget.hasFocus(), (name, QApplication.focusWidget().objectName())
        focused = widget.grab().toImage()
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        assert not widget.hasFocus()
        assert widget.grab().toImage() != focused, name


def _internal(widget: QWidget) -> bool:
    """Parts Qt builds inside a control (a combo's line edit, scroll bars, a line edit's clear button, an
    item view's editors): they speak through the control that owns them."""
    if widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QLineEdit | QTabBar) \
                or parent.objectName().startswith("qt_scrollarea"):
            return True
        parent = parent.parentWidget()
    return False


def _unnamed(root: QWidget) -> list[str]:
    controls = [w for w in root.findChildren(QWidget)
                if (isinstance(w, INTERACTIVE) or w.focusPolicy() != Qt.FocusPolicy.NoFocus) and not _internal(w)]
    assert len(controls) > 3
    return [f"{type(w).__name__} {w.objectName()!r}: "
            f"{'no name' if not w.accessibleName().strip() else 'no description'}"
            for w in controls if not w.accessibleName().strip() or not w.accessibleDescription().strip()]


def test_every_control_has_an_accessible_name_and_description(window, qtbot):
    tabs = window.findChild(QTabWidget, "memoTabs")
    for i in range(tabs.count()):  # every tab's controls exist, shown or not; walk with each tab open
        tabs.setCurrentIndex(i)
        assert _unnamed(window) == []
    window.findChild(QAction, "actionPreferences").trigger()
    dialog = window.findChild(QDialog, "preferencesDialog")
    qtbot.waitExposed(dialog)
    assert _unnamed(dialog) == []
    dialog.reject()


def test_the_fact_editor_and_the_toolbar_speak(window, qtbot):
    from PySide6.QtWidgets import QToolBar

    toolbar = window.findChild(QToolBar, "mainToolBar")
    open_button = toolbar.widgetForAction(window.findChild(QAction, "openAction"))
    assert open_button.accessibleName() == "Open" and "Ctrl+O" in open_button.accessibleDescription()
    fact_index = window.fact_model.index(0, 0, window.fact_model.index(0, 0))
    window.fact_view.setCurrentIndex(fact_index)
    window.fact_view.setFocus()
    qtbot.keyClick(window.fact_view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit) and editor.accessibleName()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)

"""House conventions of the main window: every action named and explained, inputs with accessible names,
About shows the version, colours from the palette (light and dark), and the window works at 200% scaling."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

import app
from app.ui import dialogs
from app.ui import theme as ui_theme

ROOT = Path(__file__).resolve().parent.parent


pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def window(seeded_window):
    return seeded_window


def _actions(win) -> list[QAction]:
    """Every action the user can reach: in the window, its menus, toolbars and docks (not submenu titles)."""
    found = {id(a): a for a in win.findChildren(QAction)}
    for menu_action in list(found.values()):
        for a in menu_action.menu().actions() if menu_action.menu() is not None else []:
            found.setdefault(id(a), a)
    return [a for a in found.values() if not a.isSeparator() and a.menu() is None and a.text()]


def test_every_action_has_a_name_and_a_tooltip(window):
    actions = _actions(window)
    assert len(actions) > 15
    # Qt makes a tooltip from the text when none is set: require one that says more than the label.
    unnamed = [a.text() for a in actions if not a.objectName()]
    untipped = [a.objectName() or a.text() for a in actions
                if not a.toolTip().strip() or a.toolTip().replace("&", "") == a.text().replace("&", "")]
    assert unnamed == [] and untipped == []
    for name in ("addFromSelectionAction", "showRemovedToggle", "restoreRemovedAction", "undoAction",
                 "redoAction", "aboutAction"):
        assert window.findChild(QAction, name) is not None, name


def test_no_two_window_actions_share_a_shortcut(window):
    seen: dict[str, str] = {}
    clashes = []
    for action in _actions(window):
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue  # only active in their own widget
        for key in action.shortcuts():
            text = key.toString()
            if text in seen and seen[text] != action.objectName():
                clashes.append((text, seen[text], action.objectName()))
            seen.setdefault(text, action.objectName())
    assert clashes == []
    assert seen.get("Ctrl+Z") == "undoAction" and seen.get("Ctrl+Shift+A") == "addFromSelectionAction"


def test_every_input_has_an_accessible_name(window):
    kinds = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)
    inputs = [w for kind in kinds for w in window.findChildren(kind)]
    # Inner line edits of combos and spin boxes, and item editors, take their parent's name.
    inputs = [w for w in inputs if not isinstance(w.parent(), QComboBox | QAbstractSpinBox)
              and not isinstance(w, QHeaderView) and w.window() is window
              and not isinstance(w.parent().parent() if w.parent() else None, QAbstractItemView)
              and w.objectName() != "qt_scrollarea_viewport" and not w.objectName().startswith("qt_")]
    missing = [w.objectName() or type(w).__name__ for w in inputs if not w.accessibleName().strip()]
    assert missing == []
    names = {w.objectName() for w in inputs}
    assert {"memoTo", "memoFrom", "memoDate", "memoSubject", "memoClassification", "memoTemplate",
            "summaryEdit", "participantsView", "articleViewer"} <= names


def test_about_shows_the_version(window, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_about", lambda parent, title, text: shown.append(text))
    window.findChild(QAction, "aboutAction").trigger()
    assert shown and app.__version__ in shown[0]


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def _contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _dark_palette() -> QPalette:
    pal = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.Base, "#1b1b1d"),
                         (QPalette.ColorRole.AlternateBase, "#26262a"), (QPalette.ColorRole.Text, "#e8e8e8"),
                         (QPalette.ColorRole.WindowText, "#e8e8e8"), (QPalette.ColorRole.Button, "#2d2d30"),
                         (QPalette.ColorRole.ButtonText, "#e8e8e8"),
                         (QPalette.ColorRole.Highlight, "#3d7bd9"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff"),
                         (QPalette.ColorRole.PlaceholderText, "#8a8a8a")):
        pal.setColor(role, QColor(colour))
    return pal


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_viewer_colours_follow_the_palette(window, qtbot, theme):
    application = QApplication.instance()
    old = application.palette()
    viewer = window.viewer
    if theme == "dark":
        application.setPalette(_dark_palette())
        qtbot.waitUntil(lambda: viewer.palette().color(QPalette.ColorRole.Base) == QColor("#1b1b1d"))
    try:
        window.provenance.show_removed.setChecked(True)
        fact = next(f for f in window.briefing.facts if f.sources)
        window.fact_view.setCurrentIndex(window.provenance._view_index(fact.id))
        pal = viewer.palette()
        assert (pal.color(QPalette.ColorRole.Base).lightness() < 80) == (theme == "dark")
        selection = viewer.extraSelections()[0]
        text, background = selection.format.foreground().color(), selection.format.background().color()
        assert text == pal.color(QPalette.ColorRole.Text)
        assert _contrast(background, text) >= 4.5  # WCAG AA for body text
        ins = viewer.display.inserts[0]
        cursor = viewer.textCursor()
        cursor.setPosition(viewer.display.qt(ins.end) - 1)
        grey = cursor.charFormat().foreground().color()
        assert grey == ui_theme.secondary_text(pal)  # quieter than the text, yet readable (WCAG AA)
        assert _contrast(grey, pal.color(QPalette.ColorRole.Base)) >= 4.5
        assert _contrast(grey, pal.color(QPalette.ColorRole.Base)) < _contrast(text, pal.color(QPalette.ColorRole.Base))
    finally:
        application.setPalette(old)
        window.provenance.show_removed.setChecked(False)


def test_no_hard_coded_colours_in_the_viewer_and_memo_panel():
    for name in ("viewer.py", "memo_panel.py", "provenance.py", "participants_model.py"):
        source = (ROOT / "app" / "ui" / name).read_text(encoding="utf-8")
        assert "QColor(\"#" not in source and "color:gray" not in source and "Qt.GlobalColor" not in source


_SCALED = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings, Qt
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
from PySide6.QtWidgets import QApplication
from app.ui import create_main_window
from app.shared.paths import seeds_dir
win = create_main_window(sorted(seeds_dir().glob("*.txt")))
app = QApplication.instance()
import time
deadline = time.time() + 120
while (win.loader.is_busy() or win.fact_model.rowCount() == 0) and time.time() < deadline:
    app.processEvents()
    time.sleep(0.01)
assert win.fact_model.rowCount() > 0, "facts did not load"
pixmap = win.grab()
assert not pixmap.isNull()
print(win.devicePixelRatio(), pixmap.devicePixelRatio(), pixmap.width(), win.width())
win.close()
"""


def test_window_opens_and_grabs_at_200_percent_scaling(tmp_path):
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", _SCALED, str(tmp_path / "settings")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    ratio, pixmap_ratio, pixmap_width, width = done.stdout.split()[-4:]
    assert float(ratio) == 2.0 and float(pixmap_ratio) == 2.0
    assert int(pixmap_width) == 2 * int(width)  # drawn at full resolution, not blown up
    assert "Traceback" not in done.stderr


def test_status_bar_says_what_happened(window):
    window.provenance.select_facts_at(window.briefing.articles[0].id, 10**9)  # no fact there
    assert "No fact comes from this sentence" in window.statusBar().currentMessage()
    fact = next(f for f in window.briefing.facts if f.sources)
    span = fact.sources[0]
    window.provenance.select_facts_at(span.article_id, span.start)
    message = window.statusBar().currentMessage()
    assert "source of" in message and fact.id in message


def test_application_has_the_product_icon_and_desktop_name():
    code = ("from app.ui import _application; a = _application(); "
            "print(a.desktopFileName(), a.windowIcon().isNull(), a.applicationVersion())")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.stdout.split() == ["briefing-builder", "False", app.__version__], proc.stderr

"""Light and dark: every colour the app picks itself reads in both schemes, and View › Theme switches,
is remembered and read back by the next window."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QProxyStyle

from app.ui import settings, theme
from app.ui.fact_model import COL_CONFLICT, COL_TEXT

ROOT = Path(__file__).resolve().parent.parent
THEME_ACTIONS = ("actionThemeSystem", "actionThemeLight", "actionThemeDark")

pytestmark = pytest.mark.usefixtures("isolated_settings")


def _luminance(r: int, g: int, b: int) -> float:
    """WCAG 2 relative luminance, written out here so the test does not trust the module it checks."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _ratio(fg, bg) -> float:
    hi, lo = sorted((_luminance(fg.red(), fg.green(), fg.blue()), _luminance(bg.red(), bg.green(), bg.blue())),
                    reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def restore_theme(qapp):
    """Put the application back as the other tests expect it: native style and palette, System mode."""
    yield
    theme.controller().set_mode(theme.SYSTEM)
    assert not theme.is_dark(QApplication.instance().palette())


@pytest.fixture
def window(seeded_window, restore_theme):
    return seeded_window


@pytest.mark.parametrize("scheme", [theme.LIGHT, theme.DARK])
def test_every_colour_the_app_picks_has_aa_contrast(qapp, scheme):
    palettes = [theme.palette_for(scheme)]
    if scheme == theme.LIGHT:
        palettes.append(QApplication.instance().style().standardPalette())  # the native look, System mode
    for pal in palettes:
        assert theme.is_dark(pal) == (scheme == theme.DARK)
        pairs = theme.pairs(pal)
        assert {"source highlight", "other sources", "removed text", "caption hint", "conflict mark",
                "budget warning", "preview message"} <= set(pairs)
        low = {name: round(_ratio(p.foreground, p.background), 2) for name, p in pairs.items()
               if _ratio(p.foreground, p.background) < 4.5}
        assert low == {}, f"{scheme}: {low}"
    ours, role = theme.palette_for(scheme), QPalette.ColorRole  # the palettes we set ourselves
    for fg, bg in ((role.HighlightedText, role.Highlight), (role.ButtonText, role.Button),  # selection, badges
                   (role.WindowText, role.Window), (role.ToolTipText, role.ToolTipBase),
                   (role.PlaceholderText, role.Base), (role.Link, role.Base)):
        assert _ratio(ours.color(fg), ours.color(bg)) >= 4.5, (scheme, fg, bg)
    assert _ratio(ours.color(role.Text), ours.color(role.Base)) >= 7
    disabled = ours.color(QPalette.ColorGroup.Disabled, role.Text)  # greyed, yet legible (3:1)
    assert _ratio(disabled, ours.color(role.Base)) >= 3


def test_light_and_dark_colours_differ_where_they_must(qapp):
    light, dark = theme.palette_for(theme.LIGHT), theme.palette_for(theme.DARK)
    assert theme.warning(light).background != theme.warning(dark).background
    assert theme.conflict_mark(light) != theme.conflict_mark(dark)
    assert theme.preview_backdrop(dark).background.lightness() < theme.preview_backdrop(light).background.lightness()


def _trigger(qtbot, win, name: str) -> None:
    action = win.findChild(QAction, name)
    assert action is not None and action.isCheckable(), name
    with qtbot.waitSignal(theme.controller().changed, timeout=5000):
        action.trigger()


def test_view_theme_switches_saves_and_is_read_back(window, qtbot):
    app = QApplication.instance()
    actions = [window.findChild(QAction, name) for name in THEME_ACTIONS]
    assert all(a is not None for a in actions)
    assert [a.isChecked() for a in actions] == [True, False, False]  # System by default
    assert window.findChild(QAction, "themeMenuAction").menu() is not None
    assert actions[0].actionGroup().isExclusive()

    _trigger(qtbot, window, "actionThemeDark")
    assert theme.is_dark(app.palette()) and app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    style = app.style()
    assert (style.baseStyle() if isinstance(style, QProxyStyle) else style).name().lower() == "fusion"
    assert [a.isChecked() for a in actions] == [False, False, True]
    assert settings.settings().value("view/theme") == "dark"
    # The widgets follow: the viewer's base, and a pane caption's hint re-coloured for the dark window.
    qtbot.waitUntil(lambda: window.viewer.palette().color(QPalette.ColorRole.Base).lightness() < 80)
    caption = next(c for c in window.findChildren(QLabel) if "tick what goes in the memo" in c.text())
    grey = theme.secondary_text(caption.palette()).name()
    assert grey in caption.text()

    _trigger(qtbot, window, "actionThemeLight")
    assert not theme.is_dark(app.palette()) and app.palette().color(QPalette.ColorRole.Window).lightness() > 180
    assert settings.settings().value("view/theme") == "light"
    qtbot.waitUntil(lambda: grey not in caption.text())

    _trigger(qtbot, window, "actionThemeDark")
    window.close()  # a restart: the next window reads the saved choice
    theme.controller().set_mode(theme.SYSTEM)  # as a fresh process would start: native, light offscreen
    assert not theme.is_dark(app.palette())
    from app.ui import create_main_window

    again = create_main_window()
    qtbot.addWidget(again)
    assert again.findChild(QAction, "actionThemeDark").isChecked()
    assert theme.is_dark(app.palette())
    qtbot.waitUntil(lambda: again.palette().color(QPalette.ColorRole.Window).lightness() < 80)
    _trigger(qtbot, again, "actionThemeSystem")
    assert settings.settings().value("view/theme") == "system"
    assert not theme.is_dark(app.palette())  # offscreen reports Unknown or Light: shown as light


def test_system_mode_follows_a_change_of_the_system_scheme(window, qtbot, monkeypatch):
    """A colorSchemeChanged from the system re-themes the app in System mode, and is ignored otherwise."""
    app = QApplication.instance()
    hints = QGuiApplication.styleHints()
    ctl = theme.controller()
    monkeypatch.setattr(theme, "system_scheme", lambda: theme.DARK)
    with qtbot.waitSignal(ctl.changed, timeout=5000) as blocker:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # as the platform does when the user switches
    assert blocker.args == [theme.DARK] and theme.is_dark(app.palette())
    _trigger(qtbot, window, "actionThemeLight")
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # Light is an override: the system's dark does not win
    assert not theme.is_dark(app.palette())
    _trigger(qtbot, window, "actionThemeSystem")
    assert theme.is_dark(app.palette())  # back to following the (dark) system
    monkeypatch.setattr(theme, "system_scheme", lambda: theme.LIGHT)
    with qtbot.waitSignal(ctl.changed, timeout=5000) as blocker:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert blocker.args == [theme.LIGHT] and not theme.is_dark(app.palette())


def test_conflict_marks_and_unticked_facts_are_coloured_by_the_theme(window, qtbot):
    model, fg = window.fact_model, Qt.ItemDataRole.ForegroundRole
    marked = next(f for f in window.briefing.facts if f.conflicts)
    if not marked.included:  # the mark takes the conflict colour on a ticked fact: tick it as a user would
        box = model.index_of_fact(marked.id).siblingAtColumn(COL_TEXT)
        assert model.setData(box, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        assert marked.included
    unticked = next(f for f in window.briefing.facts if not f.included)
    mark = model.index_of_fact(marked.id).siblingAtColumn(COL_CONFLICT)
    quiet = model.index_of_fact(unticked.id).siblingAtColumn(COL_TEXT)
    assert mark.data() == "\u26a0"
    seen = set()
    for name in ("actionThemeLight", "actionThemeDark"):
        _trigger(qtbot, window, name)
        pal = QApplication.instance().palette()
        assert mark.data(fg).color() == theme.conflict_mark(pal)
        assert quiet.data(fg).color() == theme.secondary_text(pal)
        seen.add(mark.data(fg).color().name())
    assert len(seen) == 2  # a colour per scheme


def test_budget_warning_and_preview_backdrop_follow_the_theme(window, qtbot):
    preview = window.memo_preview
    pages = preview.findChild(type(preview.widget()), "memoPreviewPages")
    assert pages is not None
    _trigger(qtbot, window, "actionThemeDark")
    dark = theme.preview_backdrop(QApplication.instance().palette()).background.name()
    qtbot.waitUntil(lambda: dark in pages.styleSheet())
    preview.over_budget = True
    preview._apply_colours()
    assert theme.warning(theme.palette_for(theme.DARK)).background.name() in preview.budget_label.styleSheet()
    _trigger(qtbot, window, "actionThemeLight")
    qtbot.waitUntil(lambda: dark not in pages.styleSheet())
    assert "#fff3cd" in preview.budget_label.styleSheet()


def test_no_colour_is_hard_coded_outside_the_theme_module():
    """Colours live in app/ui/theme.py; widgets ask it (or use palette roles)."""
    literal = re.compile(r"QColor\(\s*[\"']#|#[0-9a-fA-F]{6}\b|color:\s*(gray|grey)|Qt\.GlobalColor")
    offenders = [p.name for p in (ROOT / "app" / "ui").glob("*.py")
                 if p.name != "theme.py" and literal.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_saved_theme_is_validated(qapp):
    settings.remember_theme_mode("purple")
    assert settings.theme_mode() == "system"
    settings.remember_theme_mode("dark")
    assert settings.theme_mode() == "dark"

"""Keyboard and screen-reader access to the main window: what each control is called and does, the Tab order
through the panes (left to right, top to bottom), and names for the buttons Qt makes from actions.

``install(window)`` runs after every feature has added its widgets. The names and descriptions are listed
here, in one table by object name, so that a test walking the window finds any new control left without.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QTabWidget, QToolBar, QWidget

# objectName: (accessible name, accessible description). A name of None keeps the one set where it was made.
DESCRIBED: dict[str, tuple[str | None, str]] = {
    "articleList": (None, "The loaded articles. Select one to read it in the Source pane; ⚠ marks one to check"),
    "factFilter": (None, "Type words to show only the facts that contain them; section:, entity: or source: "
                         "followed by a name narrows by that field (Ctrl+F)"),
    "tickedOnlyToggle": (None, "When checked, only the facts ticked for the memo are listed"),
    "factView": (None, "The facts, grouped by section. Space ticks or unticks, F2 edits the memo wording, "
                       "Ctrl+Up and Ctrl+Down reorder, Delete removes"),
    "factHeader": ("Fact columns", "Fact, number of sources, score, status, and ⚠ when the sources disagree"),
    "sourcePrev": (None, "Show the previous article that reports the selected fact (Alt+Left)"),
    "sourceNext": (None, "Show the next article that reports the selected fact (Alt+Right)"),
    "showRemovedButton": (None, "Show, greyed in the article, the ads, disclaimers and repeats the cleaner "
                                "removed (Ctrl+Shift+R)"),
    "articleViewer": (None, "The article's cleaned text, the selected fact's sentence highlighted. Clicking a "
                            "sentence selects its facts; selected words can be added as a fact (Ctrl+Shift+A)"),
    "memoTabs": ("Memo", "The memo's header, summary and participants"),
    "memoTabBar": ("Memo tabs", "Switch between the memo's Header, Summary and Participants (Ctrl+Tab)"),
    "memoTo": (None, "Who the memo is addressed to"),
    "memoFrom": (None, "Who the memo is from; Preferences set the one new briefings start with"),
    "memoSubject": (None, "The memo's subject line; a load fills it in from the meeting when empty"),
    "memoDate": (None, "The date printed on the memo; arrow keys change the day, month or year"),
    "memoClassification": (None, "Classification marking printed at the top and bottom of every page; pick one "
                                 "or type it"),
    "memoTemplate": (None, "Memo layout: headings, order of the parts and page format"),
    "summaryEdit": (None, "The bottom line up front. Drafted from the top ticked facts until you write your own"),
    "redraftButton": (None, "Replace the summary with a fresh draft from the top ticked facts"),
    "participantsView": (None, "People named in the articles: Space on a name ticks who the memo lists, "
                               "F2 corrects a cell"),
    "participantsHeader": ("Participant columns", "Name (ticked when listed), native name, role and country"),
    "participantsRowHeader": ("Participant rows", "Row numbers of the participants table"),
    "cancelButton": ("Cancel loading", "Stop loading; the articles already loaded stay as they are"),
    "openExportButton": ("Open exported memo", "Open the memo just exported in its usual program"),
    "memoPreview": ("Memo preview", "The memo's pages as they will be exported to PDF, updated as you work"),
}

# Left to right, top to bottom: articles | filter, facts | source switcher, article, memo | preview dock, then
# the status bar's buttons (while loading, after an export); from the last, Tab goes round to the first.
TAB_ORDER = ("articleList", "factFilter", "tickedOnlyToggle", "factView", "sourcePrev", "sourceNext",
             "showRemovedButton", "articleViewer", "memoTabBar", "memoTo", "memoFrom", "memoSubject", "memoDate",
             "memoClassification", "memoTemplate", "summaryEdit", "redraftButton", "participantsView",
             "memoPreview", "cancelButton", "openExportButton")
# Fusion and several native styles draw no focus frame on a tool button: a keyboard user would lose track.
FOCUS_FRAME = "QToolButton:focus { border: 2px solid palette(highlight); border-radius: 3px; padding: 1px; }"


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _name_parts(window: QMainWindow) -> None:
    """Object names for the parts Qt creates inside our widgets, so the table can describe them."""
    window.fact_view.header().setObjectName("factHeader")
    table = window.memo_panel.participants_view
    table.horizontalHeader().setObjectName("participantsHeader")
    table.verticalHeader().setObjectName("participantsRowHeader")
    tabs = window.findChild(QTabWidget, "memoTabs")
    if tabs is not None:
        tabs.tabBar().setObjectName("memoTabBar")
        # Its tab bar takes the focus; the tab widget itself in the chain would lead Tab back to the tab bar.
        tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def _describe_toolbars(window: QMainWindow) -> None:
    """A toolbar button speaks for its action: the action's words, its status tip and its keys."""
    for toolbar in window.findChildren(QToolBar):
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            if button is None or action.isSeparator():
                continue
            button.setObjectName(f"{action.objectName()}Button")
            button.setAccessibleName(_plain(action.text()))
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            tip = action.statusTip() or action.toolTip()
            button.setAccessibleDescription(f"{tip} ({keys})" if keys and keys not in tip else tip)


def set_tab_order(window: QMainWindow) -> list[QWidget]:
    chain = [w for name in TAB_ORDER if (w := window.findChild(QWidget, name)) is not None]
    for first, second in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(first, second)
    if len(chain) > 1:
        QWidget.setTabOrder(chain[-1], chain[0])
    return chain


def install(window: QMainWindow) -> None:
    _name_parts(window)
    for name, (spoken, description) in DESCRIBED.items():
        for widget in window.findChildren(QWidget, name):
            if spoken is not None:
                widget.setAccessibleName(spoken)
            widget.setAccessibleDescription(description)
    _describe_toolbars(window)
    set_tab_order(window)

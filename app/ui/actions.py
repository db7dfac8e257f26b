"""The window's actions, menus and toolbar (object names are a contract for tests)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar


@dataclass
class Actions:
    open: QAction
    open_folder: QAction
    export_docx: QAction
    export_pdf: QAction
    quit: QAction
    about: QAction
    tick_all: QAction
    untick_all: QAction
    # Filled by build_actions; feature modules add their actions to these.
    file_menu: QMenu | None = None
    edit_menu: QMenu | None = None
    view_menu: QMenu | None = None
    help_menu: QMenu | None = None
    user_guide: QAction | None = None  # app/ui/help.py
    preferences: QAction | None = None  # app/ui/preferences.py
    toolbar: QToolBar | None = None


def _icon(window: QMainWindow, theme: QIcon.ThemeIcon, fallback: QStyle.StandardPixmap) -> QIcon:
    icon = QIcon.fromTheme(theme)
    return icon if not icon.isNull() else window.style().standardIcon(fallback)


def _action(window: QMainWindow, name: str, text: str, tip: str, icon: QIcon | None = None,
            shortcut: QKeySequence | str | None = None) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if icon is not None:
        action.setIcon(icon)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        tip = f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setToolTip(tip)
    action.setStatusTip(tip)
    return action


def build_actions(window: QMainWindow) -> Actions:
    sp, th = QStyle.StandardPixmap, QIcon.ThemeIcon
    acts = Actions(
        open=_action(window, "openAction", "&Open Articles…", "Add news articles (text, HTML, PDF, DOCX)",
                     _icon(window, th.DocumentOpen, sp.SP_DialogOpenButton), QKeySequence.StandardKey.Open),
        open_folder=_action(window, "openFolderAction", "Open &Folder…", "Add every article in a folder",
                            _icon(window, th.FolderOpen, sp.SP_DirOpenIcon), "Ctrl+Shift+O"),
        export_docx=_action(window, "exportDocxAction", "Export &DOCX…",
                            "Export the ticked facts as a Word memo",
                            _icon(window, th.DocumentSave, sp.SP_DialogSaveButton), "Ctrl+E"),
        export_pdf=_action(window, "exportPdfAction", "Export &PDF…", "Export the ticked facts as a PDF memo",
                           _icon(window, th.DocumentPrint, sp.SP_FileIcon), "Ctrl+Shift+E"),
        quit=_action(window, "quitAction", "&Quit", "Quit Briefing Builder",
                     _icon(window, th.ApplicationExit, sp.SP_DialogCloseButton),
                     QKeySequence.StandardKey.Quit),
        about=_action(window, "aboutAction", "&About Briefing Builder", "Version and credits",
                      _icon(window, th.HelpAbout, sp.SP_MessageBoxInformation)),
        tick_all=_action(window, "tickAllAction", "&Tick All Facts", "Put every fact in the memo"),
        untick_all=_action(window, "untickAllAction", "U&ntick All Facts",
                           "Leave every fact out of the memo"),
    )
    if acts.quit.shortcut().isEmpty():  # platforms without a standard Quit key (offscreen, some desktops)
        acts.quit.setShortcut(QKeySequence("Ctrl+Q"))
        acts.quit.setToolTip(f"{acts.quit.toolTip()} (Ctrl+Q)")
        acts.quit.setStatusTip(acts.quit.toolTip())
    acts.quit.setMenuRole(QAction.MenuRole.QuitRole)
    acts.about.setMenuRole(QAction.MenuRole.AboutRole)

    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([acts.open, acts.open_folder])
    file_menu.addSeparator()
    file_menu.addActions([acts.export_docx, acts.export_pdf])
    file_menu.addSeparator()
    file_menu.addAction(acts.quit)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([acts.tick_all, acts.untick_all])
    view_menu = bar.addMenu("&View")
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(acts.about)

    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("mainToolBar")
    toolbar.setMovable(False)
    toolbar.setIconSize(QSize(20, 20))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([acts.open, acts.open_folder])
    toolbar.addSeparator()
    toolbar.addActions([acts.export_docx, acts.export_pdf])
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    show_toolbar = toolbar.toggleViewAction()
    show_toolbar.setObjectName("toolbarToggleAction")
    show_toolbar.setText("Main Tool&bar")
    show_toolbar.setToolTip("Show or hide the main toolbar")
    show_toolbar.setStatusTip(show_toolbar.toolTip())
    view_menu.addAction(show_toolbar)
    acts.file_menu, acts.edit_menu, acts.view_menu, acts.help_menu = file_menu, edit_menu, view_menu, help_menu
    acts.toolbar = toolbar
    return acts

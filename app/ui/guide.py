"""Help ▸ User Guide: opens docs/user-guide.md (shipped in the bundle too) with the system's viewer."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow

from app.shared.paths import user_guide
from app.ui import dialogs
from app.ui.actions import _action


def open_user_guide(window: QMainWindow) -> bool:
    """Open the guide in the default viewer for Markdown files; say so when it is missing or cannot open."""
    guide = user_guide()
    if not guide.is_file():
        dialogs.show_error(window, "User guide not found",
                           f"The user guide is missing from this installation ({guide}). Reinstall the app.")
        return False
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(guide))):
        dialogs.show_error(window, "Could not open the user guide",
                           f"No program is set to open Markdown files. The guide is at {guide}")
        return False
    window.statusBar().showMessage(f"Opened the user guide ({guide.name})", 5000)
    return True


def install(window: QMainWindow) -> None:
    """The User Guide action (F1) at the top of the Help menu."""
    action = _action(window, "actionUserGuide", "&User Guide", "Open the user guide: how to load articles, "
                     "review facts and export the memo", shortcut="F1")
    action.triggered.connect(lambda: open_user_guide(window))
    menu = window.acts.help_menu
    first = menu.actions()[0] if menu.actions() else None
    menu.insertAction(first, action)
    if first is not None:
        menu.insertSeparator(first)
    window.acts.user_guide = action

"""The project's actions in the window: Save and Save As in the File menu and toolbar, Open Recent, and the
Open action's wording once it opens projects too. Built by ``ProjectController``."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from app.ui.actions import _action
from app.ui.recent import RecentMenu


def build_project_actions(controller) -> None:
    """Save and Save As (menu and toolbar), Open Recent, and Open's wording for projects and articles."""
    w, acts = controller.window, controller.window.acts
    controller.save_action = _action(w, "saveAction", "&Save Project", "Save the briefing as a project file",
                               shortcut=QKeySequence.StandardKey.Save)
    controller.save_as_action = _action(w, "saveAsAction", "Save Project &As…",
                                  "Save the briefing under a new project file name",
                                  shortcut="Ctrl+Shift+S")
    icon = w.style().standardIcon(w.style().StandardPixmap.SP_DialogSaveButton)
    controller.save_action.setIcon(icon)
    controller.save_action.triggered.connect(controller.save)
    controller.save_as_action.triggered.connect(controller.save_as)
    acts.open.setText("&Open…")
    tip = "Open a briefing project or add news articles (text, HTML, PDF, DOCX)"
    keys = acts.open.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    acts.open.setToolTip(f"{tip} ({keys})")
    acts.open.setStatusTip(tip)

    controller.recent_menu = RecentMenu(w, controller.open_recent)

    menu = acts.file_menu
    items = menu.actions()
    after_open = items[items.index(acts.open_folder) + 1] if acts.open_folder in items else None
    menu.insertMenu(after_open, controller.recent_menu)
    menu.insertSeparator(after_open)
    menu.insertActions(after_open, [controller.save_action, controller.save_as_action])
    if acts.toolbar is not None:
        first_after_open = next((a for a in acts.toolbar.actions() if a.isSeparator()), None)
        acts.toolbar.insertAction(first_after_open, controller.save_action)

"""File > Open Recent: the last projects saved or opened (QSettings), newest first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from app.ui import plain_text, settings

TIP = "Open a recently used project"


class RecentMenu(QMenu):
    """Rebuilt each time it is shown, so it never deletes an action from inside that action's signal."""

    def __init__(self, parent: QWidget, open_path: Callable[[Path], object]) -> None:
        super().__init__("Open &Recent", parent)
        self.setObjectName("recentMenu")
        self.setToolTipsVisible(True)
        self.menuAction().setStatusTip(TIP)
        self.menuAction().setToolTip(TIP)
        self._open_path = open_path
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        recent = settings.recent_files()
        for i, path in enumerate(recent):
            action = QAction(f"&{i + 1} {path.name}", self)
            action.setObjectName(f"recentFile{i}")
            action.setToolTip(plain_text.tip(str(path)))
            action.setStatusTip(f"Open {path}")
            action.setData(str(path))
            action.triggered.connect(lambda _=False, p=path: self._open_path(p))
            self.addAction(action)
        if recent:
            self.addSeparator()
        clear = self.addAction("&Clear Menu")
        clear.setObjectName("clearRecentAction")
        clear.setToolTip("Forget the recently used projects")
        clear.setStatusTip("Forget the recently used projects")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self.forget_all)
        self.menuAction().setEnabled(bool(recent))

    def remember(self, path: Path) -> None:
        settings.add_recent_file(path)
        self.menuAction().setEnabled(True)

    def forget(self, path: Path) -> None:
        settings.remove_recent_file(path)

    def forget_all(self) -> None:
        settings.clear_recent_files()
        self.menuAction().setEnabled(False)

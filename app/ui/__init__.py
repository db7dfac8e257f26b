"""The PySide6 GUI. Only Qt and the light core are imported here: the window must appear fast, so article
parsing and memo rendering libraries load later, inside workers or on first export."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow

from app import __version__
from app.shared.paths import resource_path

_app: QApplication | None = None  # keeps the QApplication we created alive for the caller's exec()


def _application() -> QApplication:
    global _app
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Briefing Builder")
        app.setApplicationVersion(__version__)
        app.setDesktopFileName("briefing-builder")  # matches packaging/linux/briefing-builder.desktop
        app.setWindowIcon(app_icon())
        _app = app
    return app  # type: ignore[return-value]


def app_icon() -> QIcon:
    """The product icon: the SVG, sharp at any size and scale, where Qt can draw SVG (a trimmed bundle may
    not); else the 256 px PNG, which stays sharp up to 128 px at 200 %."""
    svg = resource_path("icons", "briefing-builder.svg")
    if svg.exists():
        icon = QIcon(str(svg))
        if not icon.pixmap(QSize(64, 64)).isNull():
            return icon
    png = resource_path("icons", "briefing-builder.png")
    return QIcon(str(png)) if png.exists() else QIcon()


def create_main_window(paths: Iterable[Path | str] = ()) -> QMainWindow:
    """Create the app if needed, show the main window and start loading ``paths`` on a worker.

    Does not enter the event loop: the caller runs ``QApplication.instance().exec()``.
    """
    _application()
    from app.ui import crash, settings, theme
    from app.ui.main_window import MainWindow

    theme.controller().set_mode(settings.theme_mode())  # before any widget exists: no flash of the wrong scheme
    crash.install_excepthook()  # an unexpected error keeps the work, logs, and says so in one sentence
    window = MainWindow()
    window.show()
    window.project.offer_recovery()  # a crash left unsaved work: offer it before loading anything new
    paths = [Path(p) for p in paths]
    if paths:
        window.add_paths(paths)
    return window


def run_gui(paths: Iterable[Path | str] = ()) -> int:
    """Entry point for the CLI: show the window, load ``paths``, run until the window closes."""
    window = create_main_window(paths)
    app = _application()
    code = app.exec()
    del window
    return int(code)


__all__ = ["create_main_window", "run_gui"]

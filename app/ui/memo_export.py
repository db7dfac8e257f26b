"""File > Export DOCX / PDF: a save dialog that remembers its folder and suggests a name, a clear message
when the target cannot be written, and an "Open" button in the status bar once the memo is written."""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QPushButton

from app.domain import MemoMeta
from app.shared.errors import BriefingError
from app.ui import dialogs, settings

log = logging.getLogger(__name__)
FOLDER_KIND = "exports"
FILTERS = {"docx": "Word document (*.docx)", "pdf": "PDF document (*.pdf)"}
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')  # not allowed in Windows file names (or risky anywhere)
MAX_STEM = 80


def suggested_name(memo: MemoMeta, kind: str, today: date | None = None) -> str:
    """``2024-07-28 U.S.-Japan 2+2, Tokyo.pdf``: the memo date, then the subject, safe on every OS."""
    subject = " ".join(_UNSAFE.sub(" ", memo.subject or "").split()).strip(" .")
    day = (memo.date or today or date.today()).isoformat()
    stem = f"{day} {subject}" if subject else f"{day} briefing memo"
    if len(stem) > MAX_STEM:
        stem = stem[:MAX_STEM].rsplit(" ", 1)[0].rstrip(" .,;")
    return f"{stem}.{kind}"


def open_file(path: Path) -> bool:
    """Open ``path`` in the desktop's default application (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _last_folder() -> Path:
    try:
        return settings.last_folder(FOLDER_KIND)
    except TypeError:  # an older settings module without folder kinds
        return settings.last_folder()


def _remember(folder: Path) -> None:
    try:
        settings.remember_folder(folder, FOLDER_KIND)
    except TypeError:
        settings.remember_folder(folder)


class MemoExporter(QObject):
    exported = Signal(object)  # app.render.ExportResult

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_path: Path | None = None
        self.open_button = QPushButton("Open", objectName="openExportButton")
        self.open_button.setToolTip("Open the exported memo")
        self.open_button.setStatusTip(self.open_button.toolTip())
        self.open_button.setFlat(True)
        self.open_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_button.clicked.connect(self.open_last)
        self.open_button.hide()
        window.statusBar().addPermanentWidget(self.open_button)

    def open_last(self) -> None:
        if self.last_path is not None and self.last_path.exists():
            open_file(self.last_path)
        else:
            self.open_button.hide()

    def export(self, kind: str) -> Path | None:
        """Ask where, write the memo, say so. Returns the path written, or None."""
        win = self.window
        bar = win.statusBar()
        if not win.briefing.articles:
            bar.showMessage("Load some articles first", 5000)
            return None
        view = getattr(win, "fact_view", None)
        if view is not None:
            view.setFocus()  # commits a fact still being edited
        start = _last_folder() / suggested_name(win.briefing.memo, kind)
        chosen = dialogs.ask_export_path(win, f"Export memo as {kind.upper()}", str(start), FILTERS[kind])
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(f"{path.name}.{kind}")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            import app.render as render  # reportlab / python-docx load on first export only

            result = render.export_memo(win.briefing, path)
        except BriefingError as exc:
            return self._failed(exc.message)
        except Exception as exc:  # noqa: BLE001 - show a sentence, never a traceback
            log.exception("export failed")
            return self._failed(f"Could not write {path.name}: {exc}")
        finally:
            QGuiApplication.restoreOverrideCursor()
        _remember(path.parent)  # only a successful export moves the remembered folder
        pages = getattr(result, "pages", None)
        extra = f" ({pages} page{'s' if pages != 1 else ''})" if isinstance(pages, int) and pages > 0 else ""
        bar.showMessage(f"Exported {path.name}{extra}", 15000)
        self.last_path = path
        self.open_button.setText(f"Open {path.name}")
        self.open_button.show()
        self.exported.emit(result)
        return path

    def _failed(self, message: str) -> None:
        """The target (and every setting) stays as it was; the user reads why."""
        self.window.statusBar().showMessage("Export failed", 8000)
        dialogs.show_error(self.window, "Export failed", message)
        return None


def install(window: QMainWindow) -> MemoExporter:
    exporter = MemoExporter(window)
    window.memo_exporter = exporter
    return exporter

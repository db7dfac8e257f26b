"""Projects in the window: Save / Save As / Open (projects and articles), Open Recent, the title's file name
and modified mark, autosave to a recovery copy, restoring it after a crash, and the unsaved-changes prompt.

``install(window)`` sets ``window.project`` (a ProjectController). The window calls ``take_projects`` from
``add_paths`` (a .briefing among chosen or dropped files opens as the project), ``confirm_close`` and
``shutdown`` from closeEvent; ``create_main_window`` calls ``offer_recovery`` before loading any file.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
)

from app.domain import Briefing
from app.shared.errors import ProjectError
from app.store import FORMAT_VERSION, SUFFIX, read_project, snapshot, write_snapshot
from app.store.recovery import find_recoverable, read_recoverable, remove_file
from app.ui import dialogs, settings
from app.ui.autosave import Autosaver
from app.ui.change_signals import watch_changes
from app.ui.project_actions import build_project_actions

log = logging.getLogger(__name__)
APP_TITLE = "Briefing Builder"
UNTITLED = "Untitled"
PROJECT_FILTER = f"Briefing projects (*{SUFFIX})"
CHECK_MS = 250  # after the last change signal, compare with the saved state


class ProjectController(QObject):
    modifiedChanged = Signal(bool)
    saved = Signal(Path)
    opened = Signal(Path)

    def __init__(self, window: QMainWindow, recovery_folder: Path | None = None) -> None:
        super().__init__(window)
        self.setObjectName("projectController")
        self.window = window
        self.path: Path | None = None
        self._modified = False
        self._shown = False
        # "Modified" means "differs from the file": change signals start this timer, which compares a snapshot
        # with the saved state, so an undone tick or a retyped subject shows as unmodified again.
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.setInterval(CHECK_MS)
        self._check.timeout.connect(self.refresh_modified)
        folder = recovery_folder or settings.data_dir() / "recovery"
        self.autosaver = Autosaver(self, folder, lambda: self.window.briefing, ready=window.is_settled,
                                   view=window.view_state)
        self.autosaver.failed.connect(self._autosave_failed)
        self._baseline: dict[str, Any] = {}
        self.prefilled: dict[str, str] = {}  # memo header fields this window filled in from Preferences
        build_project_actions(self)
        watch_changes(self)
        self._prefill()
        self._baseline = snapshot(window.briefing)  # pre-filling the header from Preferences is not a change
        self.autosaver.reset(self._baseline)
        self._check.stop()
        self._update_title()

    @Slot(str)
    def _autosave_failed(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.Show and not self._shown:
            self._shown = True
            if settings.restore_splitters(self.window):
                self.window._sized = True  # the saved sizes win over the window's first-show proportions
        return False

    # -- recent projects ------------------------------------------------------------------------------
    def _remember(self, path: Path) -> None:
        self.recent_menu.remember(path)
        settings.remember_folder(path.parent, "projects")

    # -- modified state -------------------------------------------------------------------------------
    @Slot(bool)
    def _clean_changed(self, _clean: bool) -> None:
        self.refresh_modified()  # at once: undoing back to the saved state clears the mark without a delay

    def mark_changed(self, *_args: object) -> None:
        self.autosaver.mark_changed()
        self._check.start()  # restarts: a burst of signals costs one comparison

    def differs_from_saved(self) -> bool:
        """Exact comparison with the last saved (or opened) state: one snapshot, ~60 ms for 10,000 facts.

        A different number of articles, facts, participants or timeline entries settles it without the
        snapshot (the usual case right after articles are added, which would otherwise stall the GUI)."""
        briefing, saved = self.window.briefing, self._baseline
        for name in ("articles", "facts", "entities", "timeline"):
            items = saved.get(name)
            if isinstance(items, list) and len(items) != len(getattr(briefing, name, ())):
                return True
        return snapshot(briefing) != saved

    def is_modified(self) -> bool:
        return self._modified

    def refresh_modified(self) -> bool:
        self._check.stop()
        self._set_modified(self.differs_from_saved())
        return self._modified

    def _set_modified(self, modified: bool) -> None:
        self.window.setWindowModified(modified)  # after undo.py's own cleanChanged handler: this one wins
        if modified != self._modified:
            self._modified = modified
            self.modifiedChanged.emit(modified)

    def display_name(self) -> str:
        return self.path.name if self.path else UNTITLED

    def _update_title(self) -> None:
        self.window.setWindowTitle(f"{APP_TITLE} — {self.display_name()}[*]")
        self.window.setWindowFilePath(str(self.path) if self.path else "")
        self.window.setWindowModified(self._modified)

    def _set_clean(self, baseline: dict[str, Any] | None = None) -> None:
        """The briefing now equals what is on disk at ``self.path`` (or is a fresh, empty one)."""
        self._baseline = baseline if baseline is not None else snapshot(self.window.briefing)
        self._check.stop()
        self._set_modified(False)
        stack = getattr(self.window, "undo_stack", None)
        if stack is not None:
            stack.setClean()
        self.autosaver.set_project(self.path)
        self.autosaver.reset(self._baseline)
        self._update_title()

    def _prefill(self) -> bool:
        """Give the memo header the Preferences' defaults where it has no value of the user's own."""
        from app.ui.preferences import new_briefing_fields

        memo = self.window.briefing.memo
        changes = new_briefing_fields(memo, self.prefilled)
        for name, value in changes.items():
            setattr(memo, name, value)
        self.prefilled.update(changes)
        if changes:
            self.window.memo_panel.set_memo(memo)
        return bool(changes)

    def prefill_memo(self) -> None:
        """Preferences changed: a new, untouched briefing (no articles, no file, nothing changed) takes them
        at once; any other keeps its header, and the next load into an empty briefing applies them."""
        w = self.window
        if w.briefing.articles or self.path is not None or w.loader.is_busy() or self.differs_from_saved():
            return
        if self._prefill():
            self._baseline = snapshot(w.briefing)  # still untouched: nothing to save or recover
            self.autosaver.reset(self._baseline)
            self.refresh_modified()

    # -- saving ---------------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        start = settings.last_folder("projects") / (self.path.name if self.path else self._suggested_name())
        chosen, _ = QFileDialog.getSaveFileName(self.window, "Save briefing project", str(start),
                                                PROJECT_FILTER)
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        return self.save_to(path)

    def _suggested_name(self) -> str:
        subject = re.sub(r"[^\w\- ]+", "", self.window.briefing.memo.subject).strip()[:60]
        return f"{subject or 'briefing'}{SUFFIX}"

    def save_to(self, path: Path) -> bool:
        w = self.window
        w.fact_view.setFocus()  # commits a fact still being edited
        data = snapshot(w.briefing)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            write_snapshot(data, path)
        except ProjectError as exc:
            w.statusBar().showMessage("Save failed", 8000)
            dialogs.show_error(w, "Could not save the project", exc.message)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.path = Path(path).absolute()
        self._set_clean(data)
        self._remember(self.path)
        if w.briefing.memo.sender.strip():
            settings.remember_author(w.briefing.memo.sender)
        w.statusBar().showMessage(f"Saved {self.path.name}", 8000)
        self.saved.emit(self.path)
        return True

    # -- opening --------------------------------------------------------------------------------------
    def take_projects(self, paths: Iterable[Path]) -> list[Path]:
        """Open the .briefing among ``paths`` as the project; return the rest (articles to add), or [] when
        the user cancelled or the project could not be opened."""
        paths = [Path(p) for p in paths]
        projects = [p for p in paths if p.suffix.lower() == SUFFIX and not p.is_dir()]
        if not projects:
            return paths
        if not self.open_project(projects[0]):
            return []
        if len(projects) > 1:
            self.window.statusBar().showMessage(
                f"Opened {projects[0].name}; only one project can be open at a time", 10000)
        return [p for p in paths if p not in projects]

    def open_recent(self, path: Path) -> bool:
        if not path.exists():
            self.recent_menu.forget(path)
            dialogs.show_error(self.window, "Could not open the project",
                               f"Cannot open {path.name}: it was moved or deleted ({path.parent})")
            return False
        return self.open_project(path)

    def open_project(self, path: Path) -> bool:
        """Replace the briefing with the project at ``path`` (after Save / Discard / Cancel if needed).

        The file is read and checked first: one that cannot be opened changes nothing in the window (its
        briefing, title, undo history and recovery copy) and asks nothing before saying why."""
        path = Path(path)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            loaded = read_project(path)
        except ProjectError as exc:
            self.window.statusBar().showMessage("Could not open the project", 8000)
            QGuiApplication.restoreOverrideCursor()
            dialogs.show_error(self.window, "Could not open the project", exc.message)
            return False
        QGuiApplication.restoreOverrideCursor()
        if not self.confirm_discard():
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.autosaver.reset(None)  # the old briefing was saved or discarded: its copy goes
            self.apply_briefing(loaded.briefing)
            self.path = path.absolute()
            self._set_clean()
            if loaded.repaired:  # what the window shows is not what the file holds: saving would change it
                self._baseline = {}
                self.autosaver.set_saved(None)
                self.refresh_modified()
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._remember(self.path)
        note = (f" (upgraded from format {loaded.version}; saving updates the file)"
                if loaded.version < FORMAT_VERSION else "")
        self._show_opened(f"Opened {path.name}{note}", loaded.notes)
        self.opened.emit(self.path)
        return True

    def _show_opened(self, message: str, notes: list[str]) -> None:
        """The status line says what was opened and, after it, what opening repaired (docs/project-format.md)."""
        if notes:
            message += ". " + " ".join(n.rstrip(".") + "." for n in notes)
            log.info("%s", message)
        self.window.statusBar().showMessage(message, 20000 if notes else 10000)

    def apply_briefing(self, briefing: Briefing) -> None:
        """Show ``briefing`` in every view; the undo history belonged to the old one."""
        w = self.window
        if w.loader.is_busy():
            w.loader.cancel()  # its result would merge the old articles into the new briefing
        stack = getattr(w, "undo_stack", None)
        if stack is not None:
            stack.clear()
        w.briefing = briefing
        w.viewer.clear_article()
        w.memo_panel.set_memo(briefing.memo)
        w._refresh()
        if hasattr(w, "briefingChanged"):
            w.briefingChanged.emit()

    # -- closing --------------------------------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """Before the briefing is replaced or the window closes: True to go ahead."""
        if not self.differs_from_saved():  # exact, whatever the flags say: never lose work, never nag
            return True
        answer = dialogs.ask_save_changes(self.window, self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def confirm_close(self) -> bool:
        return self.confirm_discard()

    def shutdown(self) -> None:
        """The window is closing with its work saved or discarded on purpose."""
        settings.save_splitters(self.window)
        self.autosaver.stop(discard=True)

    # -- recovery -------------------------------------------------------------------------------------
    def offer_recovery(self) -> bool:
        """If a crash left a recovery copy, offer to restore it. True when one was restored."""
        own = self.autosaver.path
        found = [r for r in find_recoverable(self.autosaver.recovery.folder) if r.path != own]
        if not found:
            return False
        item = found[0]
        answer = dialogs.ask_restore(self.window, item.describe())
        if answer == "discard":
            remove_file(item.path)
            return False
        if answer != "restore":
            return False
        try:
            loaded = read_recoverable(item)
        except ProjectError as exc:
            dialogs.show_error(self.window, "Could not restore the unsaved work", exc.message)
            return False
        self.apply_briefing(loaded.briefing)
        view = loaded.extra.get("view")
        if isinstance(view, dict):
            self.window.restore_view(view)
        self.path = item.project
        self._baseline = self._saved_state(item.project)
        self.autosaver.set_saved(self._baseline or None)
        self.autosaver.set_project(self.path)
        self._update_title()
        self.refresh_modified()
        try:
            written = self.autosaver.write_now()  # adopt it: our own copy first, then drop the old one
        except ProjectError as exc:
            log.warning("could not adopt the recovery copy: %s", exc.message)
        else:
            if written != item.path:
                remove_file(item.path)
        self._show_opened(f"Restored {item.name} from its autosaved copy; save to keep it", loaded.notes)
        return True

    def _saved_state(self, project: Path | None) -> dict[str, Any]:
        if project is None or not project.exists():
            return {}
        try:
            return snapshot(read_project(project).briefing)
        except ProjectError:
            return {}

    def emergency_save(self) -> bool:
        """After an unexpected error: write the recovery copy at once. True when the work is safe."""
        try:
            if not self.differs_from_saved():
                return True  # nothing unsaved: the project file holds it all
            self.autosaver.write_now()
        except Exception:  # noqa: BLE001 - already handling an error; report what we could do
            log.exception("emergency autosave failed")
            return False
        return True


def install(window: QMainWindow, recovery_folder: Path | None = None) -> ProjectController:
    controller = ProjectController(window, recovery_folder)
    window.project = controller
    window.installEventFilter(controller)  # restores the splitters on first show, when their width is known
    from app.ui import crash

    crash.register(controller)
    return controller

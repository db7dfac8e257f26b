"""Autosave: every 30 s of changed state, a snapshot of the briefing goes to its recovery file.

The snapshot (plain data, ~60 ms for 10,000 facts) is taken on the GUI thread; JSON encoding and the atomic
write run on a single-thread pool, so writes and removals happen in the order they were asked for and the
GUI never waits for the disk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from app.domain import Briefing
from app.shared.errors import ProjectError
from app.store import snapshot
from app.store.recovery import Recovery, remove_file

log = logging.getLogger(__name__)
AUTOSAVE_MS = 30_000


class _Signals(QObject):
    written = Signal(str)  # recovery file written
    failed = Signal(str)  # message for the user


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Path | None], signals: _Signals) -> None:
        super().__init__()
        self._work, self._signals = work, signals

    def run(self) -> None:
        try:
            written = self._work()
        except ProjectError as exc:
            self._signals.failed.emit(exc.message)
        except Exception as exc:  # noqa: BLE001 - a failed autosave must never take the app down
            log.exception("autosave failed")
            self._signals.failed.emit(f"Autosave failed: {exc}")
        else:
            if written is not None:
                self._signals.written.emit(str(written))


class Autosaver(QObject):
    """``ready()`` is False while the window is between two consistent states (a load being applied): a tick
    then waits, and ``settled()`` writes what it deferred. ``view()`` is what the user is looking at (the
    selected article and fact), kept in the copy so a restore shows the same place."""

    autosaved = Signal(Path)  # a recovery copy was written
    failed = Signal(str)

    def __init__(self, parent: QObject, folder: Path, briefing: Callable[[], Briefing],
                 interval_ms: int = AUTOSAVE_MS, ready: Callable[[], bool] = lambda: True,
                 view: Callable[[], dict[str, object]] = dict) -> None:
        super().__init__(parent)
        self.recovery = Recovery(folder)
        self._briefing, self._ready, self._view = briefing, ready, view
        self._due = False
        self._deferred = False  # a tick came while not ready
        self._saved: dict[str, Any] | None = None  # what the project file holds (None: never saved)
        self._last: tuple[dict[str, Any], dict[str, object]] | None = None  # what the recovery file holds
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one writer: jobs run in the order they were queued
        self._signals = _Signals(self)
        self._signals.written.connect(self._written)
        self._signals.failed.connect(self._failed)
        self.timer = QTimer(self)
        self.timer.setObjectName("autosaveTimer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    @property
    def path(self) -> Path:
        return self.recovery.path

    def mark_changed(self) -> None:
        self._due = True

    def reset(self, saved: dict[str, Any] | None) -> None:
        """The briefing now equals ``saved`` (saved or opened): drop the recovery copy."""
        self._saved, self._last, self._due = saved, None, False
        self._queue(lambda path=self.recovery.path: remove_file(path))

    def set_saved(self, saved: dict[str, Any] | None) -> None:
        """What the project file holds, without touching the recovery copy (a restore adopts one)."""
        self._saved = saved

    def set_project(self, project: Path | None) -> None:
        old = self.recovery.set_project(project, remove_old=False)
        if old is not None:
            self._queue(lambda: remove_file(old))

    def tick(self) -> None:
        """Timer slot: write a copy if anything changed since the last one."""
        if not self._due:
            return
        if not self._ready():
            self._deferred = True  # half-applied state: never on disk as if the user had seen it
            return
        self._due = self._deferred = False
        data = snapshot(self._briefing())
        if data == self._saved:  # back to what the project file holds: no copy needed
            if self._last is not None:
                self._last = None
                self._queue(lambda path=self.recovery.path: remove_file(path))
            return
        view = self._view()
        if (data, view) == self._last:
            return
        self._last = (data, view)
        target, recovery = self.recovery.path, self.recovery
        self._queue(lambda: recovery.write(data, target, view))

    def settled(self) -> None:
        """The window is consistent again: write the copy a tick deferred."""
        if self._deferred:
            self.tick()

    def write_now(self) -> Path:
        """Write a copy now (after a crash, or to adopt a restored briefing); raises ProjectError."""
        data, view = snapshot(self._briefing()), self._view()
        self.pool.waitForDone(5000)  # after any queued write, never before it
        path = self.recovery.write(data, view=view)
        self._last, self._due = (data, view), False
        return path

    def stop(self, discard: bool, msecs: int = 5000) -> None:
        """Closing: stop the timer, remove the copy when the work is safe, wait for the writer."""
        self.timer.stop()
        if discard:
            self.reset(None)
        self.pool.waitForDone(msecs)

    def _queue(self, work: Callable[[], Path | None]) -> None:
        self.pool.start(_Job(work, self._signals))

    @Slot(str)
    def _written(self, path: str) -> None:
        self.autosaved.emit(Path(path))

    @Slot(str)
    def _failed(self, message: str) -> None:
        log.warning("autosave: %s", message)
        self.failed.emit(message)

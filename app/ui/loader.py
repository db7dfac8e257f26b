"""Runs ``load_and_extract`` on the global thread pool and reports back on the GUI thread.

Each run gets a generation number. A newer run cancels the older one (and takes over its paths); results of
any run that is no longer current are dropped, so a slow stale worker can never overwrite newer state.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from app.domain import Article
from app.shared.errors import BriefingError, Cancelled
from app.ui import jobs

log = logging.getLogger(__name__)


class _JobSignals(QObject):
    """Created on the GUI thread; the worker only emits, Qt queues the calls back to the GUI thread."""

    progress = Signal(int, int, str)  # generation, percent, message
    finished = Signal(int, object)  # generation, LoadOutcome
    failed = Signal(int, str)  # generation, message for the user
    cancelled = Signal(int)


class LoadJob(QRunnable):
    """Plain data in, signals out: never touches a widget or a model."""

    def __init__(self, generation: int, existing: list[Article], paths: list[Path],
                 cancel: threading.Event, signals: _JobSignals) -> None:
        super().__init__()
        self.generation = generation
        self._existing = existing
        self._paths = paths
        self._cancel = cancel
        self._signals = signals

    def run(self) -> None:
        gen, sig = self.generation, self._signals
        try:
            # Small loads run right here; big ones in a child process, whose work never competes with
            # the GUI thread for Python's interpreter lock.
            run = jobs.load_in_process if jobs.needs_process(self._existing, self._paths) else jobs.load_and_extract
            outcome = run(self._existing, self._paths, lambda pct, msg: sig.progress.emit(gen, pct, msg),
                          self._cancel.is_set)
            # The new briefing is long-lived: out of the collector's sight, no later full collection walks its
            # hundreds of thousands of objects while the GUI waits (that cost 60-200 ms per collection).
            # Reference counting still frees them when they go; gc.freeze() itself is O(1).
            gc.freeze()
            _warm_up()
        except Cancelled:
            sig.cancelled.emit(gen)
        except BriefingError as exc:
            log.warning("load failed: %s %s", exc.message, exc.detail)
            sig.failed.emit(gen, exc.message)
        except Exception as exc:  # noqa: BLE001 - a worker must always report, never die silently
            log.exception("unexpected error while loading")
            sig.failed.emit(gen, f"Unexpected error while loading articles: {exc}")
        else:
            if self._cancel.is_set():
                sig.cancelled.emit(gen)
            else:
                sig.finished.emit(gen, outcome)


def _warm_up() -> None:
    """Load, here in the worker, what showing the result needs, so the GUI thread does not stop for it."""
    from app.extract.topics import default_taxonomy
    from app.memo import load_template  # the memo panel drafts the summary with the memo's rule
    from app.memo.template import DEFAULT_TEMPLATE
    from app.run.pipeline import default_memo  # noqa: F401

    default_taxonomy()
    load_template(DEFAULT_TEMPLATE)


@dataclass
class _Run:
    generation: int
    paths: list[Path]
    cancel: threading.Event
    signals: _JobSignals


class Loader(QObject):
    """Starts, cancels and supersedes load runs; re-emits only what the current run reports."""

    progress = Signal(int, str)  # percent, message
    loaded = Signal(object)  # LoadOutcome of the current run
    failed = Signal(str)
    cancelled = Signal()
    busyChanged = Signal(bool)
    settled = Signal(int)  # a worker stopped (current or stale); lets tests wait without sleeping

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._generation = 0
        self._active: _Run | None = None
        self._live: dict[int, _Run] = {}  # keeps each run's signal object alive until its worker reports

    @property
    def generation(self) -> int:
        return self._generation

    def is_busy(self) -> bool:
        return self._active is not None

    def start(self, existing: Sequence[Article], paths: Sequence[Path]) -> int:
        paths = [Path(p) for p in paths]
        if self._active is not None:
            # The older run is superseded: cancel it but keep its files in the new run.
            self._active.cancel.set()
            paths = list(dict.fromkeys([*self._active.paths, *paths]))
        self._generation += 1
        gen = self._generation
        signals = _JobSignals()
        signals.progress.connect(self._on_progress)
        signals.finished.connect(self._on_finished)
        signals.failed.connect(self._on_failed)
        signals.cancelled.connect(self._on_cancelled)
        run = _Run(gen, paths, threading.Event(), signals)
        self._live[gen] = run
        was_busy, self._active = self._active is not None, run
        self._pool.start(LoadJob(gen, list(existing), paths, run.cancel, signals))
        if not was_busy:
            self.busyChanged.emit(True)
        return gen

    def cancel(self) -> None:
        """Stop the current run; its result, if it still arrives, is dropped."""
        run, self._active = self._active, None
        if run is None:
            return
        run.cancel.set()
        self.busyChanged.emit(False)
        self.cancelled.emit()

    def shutdown(self, msecs: int = 5000) -> None:
        for run in self._live.values():
            run.cancel.set()
        if self._active is not None:
            self._active = None
            self.busyChanged.emit(False)
        self._pool.waitForDone(msecs)

    def _is_current(self, gen: int) -> bool:
        return self._active is not None and self._active.generation == gen

    def _end(self, gen: int) -> bool:
        """Forget run ``gen``; True when it was the current one."""
        current = self._is_current(gen)
        run = self._live.pop(gen, None)
        if run is not None:
            run.signals.deleteLater()
        if current:
            self._active = None
            self.busyChanged.emit(False)
        return current

    @Slot(int, int, str)
    def _on_progress(self, gen: int, percent: int, message: str) -> None:
        if self._is_current(gen):
            self.progress.emit(percent, message)

    @Slot(int, object)
    def _on_finished(self, gen: int, outcome: object) -> None:
        if self._end(gen):
            self.loaded.emit(outcome)
        self.settled.emit(gen)

    @Slot(int, str)
    def _on_failed(self, gen: int, message: str) -> None:
        if self._end(gen):
            self.failed.emit(message)
        self.settled.emit(gen)

    @Slot(int)
    def _on_cancelled(self, gen: int) -> None:
        if self._end(gen):
            self.cancelled.emit()
        self.settled.emit(gen)

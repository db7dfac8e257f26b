"""Per-article work spread over worker processes and this one, for runs big enough to repay starting them.

Python threads share one interpreter lock, so only processes use a second core. Workers are *spawned*
(never forked: the GUI has threads, and a forked child inherits their locks) and each watches its parent,
so a killed app never leaves workers behind. Frozen builds need ``multiprocessing.freeze_support()`` in
their entry script (see ``packaging/launcher.py``).

If worker processes cannot start or die, the remaining work runs in this process instead: slower, never
lost.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Generic, TypeVar

from app.shared.errors import Cancelled

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]

MAX_WORKERS = 8
MIN_ITEMS_PER_WORKER = 16  # below this a worker costs more to start (~0.2 s) than it saves


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def worker_count(items: int, wanted: int | None = None) -> int:
    """How many worker processes ``items`` pieces of work deserve besides this process, which takes its
    share too (see ``Workers.map_chunks``): 0 means "all here". ``wanted``: processes at work in all,
    this one included (default: one per CPU)."""
    cpus = usable_cpus() if wanted is None else wanted
    n = min(cpus, MAX_WORKERS + 1, items // MIN_ITEMS_PER_WORKER)
    return n - 1 if n >= 2 else 0


def watch_parent(parent_pid: int) -> None:
    """Worker initializer: exit when the parent process is gone (its pid is no longer our parent's)."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class Workers:
    """Worker processes kept for a whole run: chunks of per-article work first (shared with this
    process), then single jobs that overlap with work done here. If the processes cannot start or die,
    the work runs here instead."""

    def __init__(self, count: int) -> None:
        import multiprocessing

        self.count = count
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=count, mp_context=multiprocessing.get_context("spawn"),
            initializer=watch_parent, initargs=(os.getpid(),))

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self.close(now=kind is not None)

    def close(self, now: bool = False) -> None:
        """Shut the workers down: after their work, or (``now``) at once, dropping it."""
        pool, self._pool = self._pool, None
        if pool is not None:
            if now:
                _stop(pool)
            else:
                pool.shutdown(wait=True)

    def _broken(self, exc: BaseException) -> None:
        log.warning("worker processes failed (%s); finishing in this process", exc)
        pool, self._pool = self._pool, None
        if pool is not None:
            _stop(pool)

    def map_chunks(self, fn: Callable[[list[T]], list[R]], items: Sequence[T], progress: Progress | None = None,
                   is_cancelled: IsCancelled | None = None, describe: Callable[[T], str] = str) -> list[R]:
        """``fn`` over ``items`` in chunks; results in the order of ``items``.

        The workers take chunks from the front while this process takes them from the back, each one no
        worker has started: this process would otherwise only wait, and its chunks need no copying
        between processes. ``fn`` must be a module-level function (it is pickled by name) that maps a
        list to a list of the same length. Progress reports the items done; cancelling stops the run
        with ``Cancelled``.
        """
        total = len(items)
        workers = self.count + 1  # this process too
        size = max(1, min(32, total // (workers * 6) or 1))  # several chunks per process: balance, progress
        chunks = [list(items[i:i + size]) for i in range(0, total, size)]
        results: list[list[R] | None] = [None] * len(chunks)
        done_items = 0

        def finished(i: int, got: list[R]) -> None:
            nonlocal done_items
            results[i] = got
            done_items += len(chunks[i])
            if progress is not None:
                progress(done_items, total, f"Reading {describe(chunks[i][-1])}")

        def collect(pending: set[Future], timeout: float) -> set[Future]:
            done, pending = wait(pending, timeout=timeout, return_when=FIRST_COMPLETED)
            for fut in sorted(done, key=index.__getitem__):
                finished(index[fut], fut.result())
            return pending

        try:
            if self._pool is None:
                raise BrokenProcessPool("no worker processes")
            futures = [self._pool.submit(fn, chunk) for chunk in chunks]
            index = {fut: i for i, fut in enumerate(futures)}
            pending = set(futures)
            for i in range(len(chunks) - 1, -1, -1):
                if is_cancelled is not None and is_cancelled():
                    raise Cancelled()
                pending = collect(pending, 0)  # report what the workers finished meanwhile
                if not futures[i].cancel():  # a worker has it: the rest are theirs
                    break
                pending.discard(futures[i])
                finished(i, fn(chunks[i]))
            while pending:
                if is_cancelled is not None and is_cancelled():
                    raise Cancelled()
                pending = collect(pending, 0.1)
        except (BrokenProcessPool, OSError) as exc:  # workers could not start or were killed
            self._broken(exc)
            for i, chunk in enumerate(chunks):
                if results[i] is None:
                    if is_cancelled is not None and is_cancelled():
                        raise Cancelled() from None
                    finished(i, fn(chunk))
        return [r for chunk in results for r in chunk or ()]

    def submit(self, fn: Callable[..., R], *args: object) -> Job[R]:
        """``fn(*args)`` on a worker while this process goes on; ``Job.result()`` waits for it."""
        try:
            if self._pool is None:
                raise BrokenProcessPool("no worker processes")
            return Job(self, fn, args, self._pool.submit(fn, *args))
        except (BrokenProcessPool, OSError, RuntimeError) as exc:  # RuntimeError: the pool is shut down
            self._broken(exc)
            return Job(self, fn, args, None)


class Job(Generic[R]):
    def __init__(self, workers: Workers, fn: Callable[..., R], args: tuple, future: Future | None) -> None:
        self._workers, self._fn, self._args, self._future = workers, fn, args, future

    def result(self, is_cancelled: IsCancelled | None = None) -> R:
        """The job's result; run here if the workers failed. Cancelling stops the wait with ``Cancelled``."""
        if self._future is not None:
            try:
                while True:
                    if is_cancelled is not None and is_cancelled():
                        raise Cancelled()
                    done, _ = wait([self._future], timeout=0.1)
                    if done:
                        return self._future.result()
            except (BrokenProcessPool, OSError) as exc:
                self._workers._broken(exc)
        return self._fn(*self._args)


def _stop(pool: ProcessPoolExecutor, grace: float = 5.0) -> None:
    """Drop queued work and end the workers now rather than after their current chunk."""
    # Private attributes, read before shutdown clears them: the live map of worker processes (the pool's
    # manager thread may still add a replacement to it) and that thread.
    procs = getattr(pool, "_processes", None) or {}
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + grace
    for _ in range(2):
        for proc in list(procs.values()):
            if proc.is_alive():
                proc.terminate()
        if manager is not None:
            manager.join(max(0.1, deadline - time.monotonic()))
    for proc in list(procs.values()):
        proc.join(max(0.1, deadline - time.monotonic()))
        if proc.is_alive():
            proc.kill()
            proc.join(1.0)

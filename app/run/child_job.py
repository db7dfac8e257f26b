"""One long job in a child process, reporting progress back: the GUI's way to extract without stalling.

A worker *thread* running pure-Python extraction holds the interpreter lock most of the time, and every
call Qt makes into Python (painting, model data, timers) waits for it: the window stutters for hundreds of
milliseconds. A child process has its own interpreter lock. The calling thread only waits on a pipe.

The child is spawned (not forked: the GUI has threads), runs ``fn(*args, progress=..., is_cancelled=...)``
and sends back progress, then the result. Long list fields of a dataclass result travel in pieces, so the
receiving side never unpickles one huge message while holding the lock. Cancelling asks the child to stop
and kills it if it does not within a grace period; the child exits by itself if its parent dies.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from app.shared.errors import BriefingError, Cancelled

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]

PIECE = 500  # list items per message when a result is sent back
PROGRESS_EVERY = 0.05  # seconds between progress messages (the last one always goes)
CANCEL_GRACE = 2.0  # seconds a cancelled child gets to stop on its own before it is killed


class ProcessFailed(BriefingError):
    """The child process died or could not start."""


def run_in_process(fn: Callable[..., Any], *args: Any, progress: Progress | None = None,
                   is_cancelled: IsCancelled | None = None) -> Any:
    """``fn(*args, progress=, is_cancelled=)`` in a child process; its result, or its error re-raised.

    ``fn`` must be a module-level function and ``args`` picklable. Raises ``Cancelled`` when cancelled,
    the child's ``BriefingError`` when it failed, ``ProcessFailed`` when it died.
    """
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    here, there = ctx.Pipe(duplex=True)
    proc = ctx.Process(target=_child_main, args=(there, fn, args, os.getpid()), name="briefing-job",
                       daemon=False)  # not a daemon: the job may start worker processes of its own
    try:
        proc.start()
    except OSError as exc:
        raise ProcessFailed("Could not start a worker process for extraction.", str(exc)) from exc
    there.close()
    try:
        return _receive(here, proc, progress, is_cancelled)
    finally:
        here.close()
        proc.join(CANCEL_GRACE)
        if proc.is_alive():
            proc.kill()
            proc.join(1.0)


def _receive(conn, proc, progress: Progress | None, is_cancelled: IsCancelled | None) -> Any:
    pieces: dict[str, list] = {}
    asked_at: float | None = None
    while True:
        if asked_at is None and is_cancelled is not None and is_cancelled():
            asked_at = time.monotonic()
            try:
                conn.send(("cancel",))
            except OSError:
                pass
        if asked_at is not None and time.monotonic() - asked_at > CANCEL_GRACE:
            proc.kill()
            raise Cancelled()
        try:
            if not conn.poll(0.05):
                if not proc.is_alive() and not conn.poll(0):
                    raise ProcessFailed("The extraction process stopped unexpectedly "
                                        f"(exit code {proc.exitcode}).")
                continue
            message = conn.recv()
        except (EOFError, OSError) as exc:
            proc.join(1.0)
            raise ProcessFailed("The extraction process stopped unexpectedly "
                                f"(exit code {proc.exitcode}).", str(exc)) from exc
        kind = message[0]
        if kind == "progress":
            if progress is not None and asked_at is None:
                progress(*message[1:])
        elif kind == "piece":
            pieces.setdefault(message[1], []).extend(message[2])
        elif kind == "result":
            result = message[1]
            for name, items in pieces.items():
                setattr(result, name, items)
            return result
        elif kind == "cancelled":
            raise Cancelled()
        elif kind == "error":
            raise message[1]


def _child_main(conn, fn: Callable[..., Any], args: tuple, parent_pid: int) -> None:
    """Runs in the child: the job, with a thread that listens for "cancel" and for the parent's death."""
    cancel = threading.Event()

    def listen() -> None:
        try:
            while True:
                if conn.poll(0.5):
                    if conn.recv()[0] == "cancel":
                        cancel.set()
                elif os.getppid() != parent_pid:
                    os._exit(1)  # orphaned: nobody waits for the result
        except (EOFError, OSError):
            os._exit(1)  # the parent closed its end or died

    threading.Thread(target=listen, name="job-listen", daemon=True).start()
    last = [0.0]

    def report(done: int, total: int, message: str) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY or done >= total:
            last[0] = now
            conn.send(("progress", done, total, message))

    try:
        result = fn(*args, progress=report, is_cancelled=cancel.is_set)
    except Cancelled:
        conn.send(("cancelled",))
    except BriefingError as exc:
        conn.send(("error", exc))
    except Exception as exc:  # noqa: BLE001 - the parent must always hear back
        log.exception("job failed")
        conn.send(("error", BriefingError(f"Unexpected error while extracting: {exc}", traceback.format_exc())))
    else:
        _send_result(conn, result)
    finally:
        conn.close()


def _send_result(conn, result: Any) -> None:
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        for f in dataclasses.fields(result):
            items = getattr(result, f.name)
            if isinstance(items, list) and len(items) > PIECE:
                for i in range(0, len(items), PIECE):
                    conn.send(("piece", f.name, items[i:i + PIECE]))
                setattr(result, f.name, [])
    conn.send(("result", result))

"""Unexpected exceptions: keep the work, log the traceback, tell the user in one sentence.

``install_excepthook()`` (called by ``create_main_window``) wraps ``sys.excepthook``: every open window
writes its recovery copy, the traceback goes to ``<data dir>/logs/briefing-builder.log``, a short dialog
names the log, and the previous hook still runs (it prints the traceback; under pytest-qt it fails the test).
"""

from __future__ import annotations

import logging
import sys
import traceback
import weakref
from datetime import datetime
from pathlib import Path
from types import TracebackType

import shiboken6

from app import __version__
from app.ui import dialogs, settings

log = logging.getLogger(__name__)
LOG_NAME = "briefing-builder.log"
MAX_LOG_BYTES = 1_000_000
_controllers: weakref.WeakSet = weakref.WeakSet()
_handling = False


def register(controller) -> None:
    """A window's ProjectController, to be saved when an unexpected error happens."""
    _controllers.add(controller)


def log_path() -> Path:
    return settings.data_dir() / "logs" / LOG_NAME


def write_log(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path:
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > MAX_LOG_BYTES:  # keep one older log, not an ever-growing one
        path.replace(path.with_suffix(".log.1"))
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"--- {stamp} Briefing Builder {__version__}, Python {sys.version.split()[0]}\n{text}\n")
    return path


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Save every open briefing's recovery copy, log, and show the short error dialog."""
    global _handling
    if _handling or issubclass(exc_type, KeyboardInterrupt):
        return
    _handling = True
    try:
        controllers = [c for c in list(_controllers) if shiboken6.isValid(c)]
        saved = [c.emergency_save() for c in controllers]
        try:
            where = str(write_log(exc_type, exc, tb))
        except OSError as err:
            where = f"(the log could not be written: {err})"
        parent = controllers[0].window if controllers else None
        dialogs.show_crash(parent, where, bool(saved) and all(saved))
    except Exception:  # noqa: BLE001 - the handler itself must never raise
        log.exception("error while handling an unexpected error")
    finally:
        _handling = False


def install_excepthook() -> None:
    """Wrap the current ``sys.excepthook`` (once; a later wrapper, e.g. pytest-qt's, gets wrapped again)."""
    previous = sys.excepthook
    if getattr(previous, "_briefing_builder", False):
        return

    def hook(exc_type, exc, tb) -> None:
        handle_exception(exc_type, exc, tb)
        previous(exc_type, exc, tb)

    hook._briefing_builder = True  # type: ignore[attr-defined]
    sys.excepthook = hook

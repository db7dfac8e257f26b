"""Recovery copies: the autosaved state of an open briefing, kept until it is saved or closed cleanly.

One file per open project (named after it) or per untitled session, in a folder the UI passes in (the
user's data folder; tests use a temporary one). A file still there at the next start means the app crashed
or was killed: ``find_recoverable`` lists them, newest first, and ``read_recoverable`` opens one.
Recovery files are ordinary project files with a ``"recovery"`` entry naming the project and the writer.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.domain import Briefing
from app.shared.atomic_file import process_alive, sweep_stale_temporaries
from app.shared.errors import ProjectError
from app.store.project import LoadedProject, read_project, snapshot, write_snapshot

RECOVERY_SUFFIX = ".recovery.briefing"


@dataclass(frozen=True)
class Recoverable:
    path: Path  # the recovery file
    project: Path | None  # the project it is a newer state of; None for a briefing never saved
    saved: datetime | None
    articles: int
    facts: int

    @property
    def name(self) -> str:
        return self.project.name if self.project else "Untitled briefing"

    def describe(self) -> str:
        when = self.saved.astimezone().strftime("%d %B %Y at %H:%M") if self.saved else "at an unknown time"
        return (f"{self.name}, autosaved {when} ({self.articles} article{'s' if self.articles != 1 else ''}, "
                f"{self.facts} fact{'s' if self.facts != 1 else ''})")


def _slug(text: str) -> str:
    return re.sub(r"[^\w\-]+", "_", text).strip("_")[:40] or "briefing"


def recovery_path(folder: Path, project: Path | None, session: str) -> Path:
    """``<stem>-<hash of its full path>`` for a project, ``untitled-<session>`` otherwise."""
    if project is None:
        return Path(folder) / f"untitled-{session}{RECOVERY_SUFFIX}"
    digest = hashlib.sha1(os.path.normcase(str(Path(project).absolute())).encode("utf-8")).hexdigest()[:8]
    return Path(folder) / f"{_slug(Path(project).stem)}-{digest}{RECOVERY_SUFFIX}"


def remove_file(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


class Recovery:
    """The recovery file of one open briefing. ``write`` may run on a worker; the rest on the owner's."""

    def __init__(self, folder: Path | str, project: Path | None = None, session: str | None = None) -> None:
        self.folder = Path(folder)
        self.session = session or secrets.token_hex(4)
        self._project = Path(project) if project else None

    @property
    def project(self) -> Path | None:
        return self._project

    @property
    def path(self) -> Path:
        return recovery_path(self.folder, self._project, self.session)

    def set_project(self, project: Path | None, remove_old: bool = True) -> Path | None:
        """The briefing was saved as / opened from ``project``: later copies go to its own file.

        Returns the previous recovery file when the name changed (removed unless ``remove_old`` is False,
        e.g. when a worker may still be writing it and the caller queues the removal after it).
        """
        project = Path(project) if project else None
        old = self.path
        self._project = project
        if old == self.path:
            return None
        if remove_old:
            remove_file(old)
        return old

    def write(self, briefing_data: dict[str, Any], path: Path | None = None,
              view: dict[str, object] | None = None) -> Path:
        """Write a snapshot (from ``store.snapshot``) atomically; raises ProjectError.

        ``view`` (the selected article and fact) is kept beside the briefing for the restore to show."""
        target = path or self.path
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ProjectError(f"Cannot create the recovery folder {self.folder}", str(exc)) from exc
        extra = {"recovery": {"project": str(self._project) if self._project else None,
                              "pid": os.getpid(), "host": socket.gethostname()}}
        if view:
            extra["view"] = dict(view)
        return write_snapshot(briefing_data, target, extra)

    def write_briefing(self, briefing: Briefing) -> Path:
        return self.write(snapshot(briefing))

    def discard(self) -> None:
        """Remove the recovery file: the briefing was saved, or closed on purpose."""
        remove_file(self.path)


def _writer_alive(info: dict[str, Any]) -> bool:
    """True when another running process on this machine still owns the file (it is not a crash left-over)."""
    pid = info.get("pid")
    if not isinstance(pid, int) or pid == os.getpid() or info.get("host") != socket.gethostname():
        return False
    return process_alive(pid) is True


def _summary(path: Path) -> Recoverable | None:
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError):  # unreadable: not offered (opening it would say why)
        return None
    if not isinstance(doc, dict) or not isinstance(doc.get("recovery"), dict):
        return None
    info = doc["recovery"]
    if _writer_alive(info):
        return None
    briefing = doc.get("briefing") if isinstance(doc.get("briefing"), dict) else {}
    project = info.get("project")
    saved = None
    if isinstance(doc.get("saved"), str):
        with contextlib.suppress(ValueError):
            saved = datetime.fromisoformat(doc["saved"])
    count = lambda key: len(briefing.get(key)) if isinstance(briefing.get(key), list) else 0  # noqa: E731
    return Recoverable(path, _project_path(project), saved, count("articles"), count("facts"))


def _project_path(value: Any) -> Path | None:
    """The project a copy belongs to becomes the window's file name (saving writes there), so only an
    absolute path to a ``.briefing`` file is taken; anything else restores as an untitled briefing."""
    if not isinstance(value, str) or not value or "\x00" in value:
        return None
    path = Path(value)
    return path if path.is_absolute() and path.suffix.lower() == ".briefing" else None


def find_recoverable(folder: Path | str) -> list[Recoverable]:
    """Recovery files left by a crash or kill, newest first (files of running instances are skipped).

    Called at start-up, it also removes the temporaries of autosaves that were killed mid-write."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    sweep_stale_temporaries(folder)
    found = [s for p in folder.glob(f"*{RECOVERY_SUFFIX}") if not p.name.startswith(".")
             if (s := _summary(p)) is not None]
    found.sort(key=lambda r: (r.saved.timestamp() if r.saved else 0.0, r.path.name), reverse=True)
    return found


def read_recoverable(item: Recoverable | Path) -> LoadedProject:
    """Open a recovery file like a project; raises ProjectError."""
    return read_project(item.path if isinstance(item, Recoverable) else item)


def discard_recoverable(item: Recoverable | Path) -> None:
    remove_file(item.path if isinstance(item, Recoverable) else Path(item))

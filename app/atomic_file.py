"""The last step of every atomic write (projects, recovery copies, memos): make the new file durable, then
swap it in, so the target is always either the old file or the complete new one, even after a power cut."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


def fsync_file(path: Path) -> None:
    """Flush ``path``'s data to disk (a writer that closed it may have left it in the page cache)."""
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory; its rename is durable enough
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def replace_durably(tmp: Path, target: Path) -> None:
    """Move the already-synced ``tmp`` onto ``target``, keeping the permissions of the file it replaces."""
    with contextlib.suppress(OSError):
        os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
    os.replace(tmp, target)
    _fsync_folder(target.parent)

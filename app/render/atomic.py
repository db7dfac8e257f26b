"""Memo exports through the one atomic writer (``app.shared.atomic_file``), with errors a user can act on."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from app.shared.atomic_file import ReadOnlyFile, is_read_only, write_file_atomically
from app.shared.errors import BriefingError, ExportError

__all__ = ["export_error", "is_read_only", "write_atomically"]

T = TypeVar("T")

_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "the folder does not exist",
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the disk is read-only",
    errno.EISDIR: "a folder with that name exists",
    errno.ENAMETOOLONG: "the file name is too long",
}


def export_error(target: Path, exc: OSError) -> ExportError:
    """A sentence a user can act on: ``Cannot write memo.pdf: permission denied``."""
    reason = _REASONS.get(exc.errno or 0) or (exc.strerror or "the file could not be written").lower()
    if reason == "permission denied" and target.exists():
        reason += " (is it open in another program?)"
    return ExportError(f"Cannot write {target.name}: {reason}", str(exc))


def write_atomically(target: Path, write: Callable[[Path], T]) -> T:
    """Call ``write(temp_path)``, then move the result onto ``target``; on any failure the temp file goes.

    OSError becomes ExportError naming the file and the reason; any other failure of the renderer becomes
    ExportError too (with the exception in ``detail``), so the user never sees a traceback.
    """
    target = Path(target)
    if not target.parent.is_dir():
        raise ExportError(f"Cannot write {target.name}: the folder does not exist", str(target.parent))
    if target.is_dir():
        raise ExportError(f"Cannot write {target.name}: a folder with that name exists", str(target))
    try:
        return write_file_atomically(target, write)
    except ReadOnlyFile as exc:
        # os.replace would happily swap a read-only file for a new one: the user's protection is respected.
        raise ExportError(f"Cannot write {target.name}: the file is read-only", str(target)) from exc
    except OSError as exc:
        raise export_error(target, exc) from exc
    except BriefingError:
        raise
    except Exception as exc:
        raise ExportError(f"Cannot write {target.name}: the memo could not be laid out",
                          f"{type(exc).__name__}: {exc}") from exc

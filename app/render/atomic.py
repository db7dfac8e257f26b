"""Write through a temporary sibling and ``os.replace``: the target is always the old file or the new one."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from app.atomic_file import fsync_file, replace_durably
from app.errors import BriefingError, ExportError

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


def is_read_only(target: Path) -> bool:
    """True when ``target`` exists and is marked read-only (mode bits are checked, so it holds for root)."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not mode & stat.S_IWUSR or not os.access(target, os.W_OK)


def temp_path_for(target: Path) -> Path:
    """A hidden sibling of ``target`` that keeps its suffix, e.g. ``.memo.3f9a1c.tmp.pdf``."""
    return target.with_name(f".{target.stem}.{secrets.token_hex(3)}.tmp{target.suffix}")


def _create_temp(target: Path) -> Path:
    for _ in range(10):
        tmp = temp_path_for(target)
        try:
            # 0o666 through the umask gives the memo ordinary permissions (mkstemp would make it 0600).
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "could not create a temporary file", str(target.parent))


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def write_atomically(target: Path, write: Callable[[Path], T]) -> T:
    """Call ``write(temp_path)``, then move the result onto ``target``; on any failure remove the temp file.

    OSError becomes ExportError naming the file and the reason; any other failure of the renderer becomes
    ExportError too (with the exception in ``detail``), so the user never sees a traceback.
    """
    target = Path(target)
    if not target.parent.is_dir():
        raise ExportError(f"Cannot write {target.name}: the folder does not exist", str(target.parent))
    if target.is_dir():
        raise ExportError(f"Cannot write {target.name}: a folder with that name exists", str(target))
    if is_read_only(target):
        # os.replace would happily swap a read-only file for a new one: respect the user's protection.
        raise ExportError(f"Cannot write {target.name}: the file is read-only", str(target))
    try:
        tmp = _create_temp(target)
    except OSError as exc:
        raise export_error(target, exc) from exc
    try:
        result = write(tmp)
        fsync_file(tmp)
        replace_durably(tmp, target)
    except OSError as exc:
        _remove_quietly(tmp)
        raise export_error(target, exc) from exc
    except BriefingError:
        _remove_quietly(tmp)
        raise
    except Exception as exc:
        _remove_quietly(tmp)
        raise ExportError(f"Cannot write {target.name}: the memo could not be laid out",
                          f"{type(exc).__name__}: {exc}") from exc
    except BaseException:
        _remove_quietly(tmp)
        raise
    return result

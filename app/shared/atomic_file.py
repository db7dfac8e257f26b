"""The one atomic writer (projects, recovery copies, DOCX and PDF memos): the target is always either the
old file or the complete new one, even if the process is killed or the power fails mid-write, and a
killed writer's temporary file does not outlive it for long.

A write refuses a read-only target (``os.replace`` would happily swap it for a new file), sweeps the
target's folder of temporaries that dead writers left, fills a temporary in the same folder (so the rename
never crosses file systems), fsyncs it, gives it the old file's permission bits, ``os.replace``-s it onto
the target and fsyncs the folder.

Temporaries: on Linux the file is opened unnamed (``O_TMPFILE``), filled through ``/proc/self/fd/N`` and
linked in under a hidden name just before the rename, so a writer killed while rendering leaves nothing.
Elsewhere (macOS, Windows, file systems without ``O_TMPFILE``) it is a hidden sibling named after its
owner, ``.<stem>.<pid>-<host>-<random>.tmp<suffix>``, which a later writer into that folder removes
once the owner is dead (or, when that cannot be told, once the file is a day old).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import re
import secrets
import socket
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# Unnamed temporaries where the kernel offers them; tests switch this off to run the portable path.
USE_O_TMPFILE = sys.platform.startswith("linux") and hasattr(os, "O_TMPFILE")
# A temporary whose owner cannot be asked (another machine's, or on Windows) is stale after this long:
# no write takes anywhere near a day.
STALE_AFTER = 24 * 3600.0

_TEMPORARY = re.compile(r"\.(?P<stem>.+)\.(?P<pid>[1-9][0-9]{0,9})-(?P<host>[0-9a-f]{6})-[0-9a-f]{8}"
                        r"\.tmp(?:\.[^.]+)?", re.DOTALL)


class ReadOnlyFile(PermissionError):
    """The target is marked read-only: the write is refused and the file left as it is."""


@functools.cache
def _host_tag() -> str:
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def temp_path_for(target: Path) -> Path:
    """The hidden sibling a write of ``target`` goes through, e.g. ``.memo.4242-1a2b3c-9f8e7d6c.tmp.pdf``.

    The owner's process id and a tag of its host tell a later writer whether it is a left-over."""
    target = Path(target)
    token = secrets.token_hex(4)
    return target.with_name(f".{target.stem[:80]}.{os.getpid()}-{_host_tag()}-{token}.tmp{target.suffix}")


def process_alive(pid: int) -> bool | None:
    """Whether process ``pid`` of this machine still runs; None when that cannot be told."""
    if os.name != "posix" or pid <= 0:
        return None  # on Windows os.kill(pid, 0) would stop the process, so never probe there
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, owned by another user
    except OSError:
        return None
    return True


def owner_alive(pid: int, host: str) -> bool | None:
    """Whether the writer that named a temporary (its pid and host tag) still runs; None when unknown."""
    return process_alive(pid) if host == _host_tag() else None


def sweep_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporaries that killed writers left in ``folder``; returns those removed. Never raises.

    Only regular files named exactly as ``temp_path_for`` names them are considered, and only those whose
    owner is dead on this machine, or, when that cannot be told, that have not changed for STALE_AFTER.
    A live writer's temporary is never touched."""
    now = time.time()
    removed: list[Path] = []
    try:
        with os.scandir(folder) as entries:
            candidates = [(e, m) for e in entries if e.name.startswith(".")
                          if (m := _TEMPORARY.fullmatch(e.name)) is not None]
    except OSError:
        return removed
    for entry, match in candidates:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        alive = owner_alive(int(match["pid"]), match["host"])
        if alive or (alive is None and now - info.st_mtime < STALE_AFTER):
            continue
        try:
            os.unlink(entry.path)
        except OSError:
            continue  # removed by another sweep, or held open by its writer (Windows)
        removed.append(Path(entry.path))
    return removed


def is_read_only(target: Path) -> bool:
    """True when ``target`` exists and is marked read-only (mode bits are checked, so it holds for root)."""
    try:
        mode = Path(target).stat().st_mode
    except OSError:
        return False
    return not mode & stat.S_IWUSR or not os.access(target, os.W_OK)


def _fsync(path: Path, flags: int) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """Flush ``path``'s data to disk (a writer that closed it may have left it in the page cache)."""
    _fsync(path, os.O_RDWR)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory; its rename is durable enough
        return
    with contextlib.suppress(OSError):
        _fsync(folder, os.O_RDONLY)


def _open_unnamed(folder: Path) -> int:
    """An ``O_TMPFILE`` descriptor in ``folder`` that /proc can name, or -1 where there is none."""
    if not USE_O_TMPFILE:
        return -1
    try:
        fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o666)  # 0o666 through the umask, as for any file
    except OSError:
        return -1  # kernel or file system without O_TMPFILE (EOPNOTSUPP, EISDIR): a named temporary
    if os.path.exists(f"/proc/self/fd/{fd}"):
        return fd
    os.close(fd)
    return -1


def _create_named(target: Path) -> Path:
    for _ in range(10):
        tmp = temp_path_for(target)
        try:
            # 0o666 through the umask gives the file ordinary permissions (mkstemp would make it 0600).
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "could not create a temporary file", str(target.parent))


def _name_unnamed(fd: int, target: Path) -> Path:
    # linkat(AT_SYMLINK_FOLLOW) through /proc is how an unprivileged process names an O_TMPFILE file;
    # Python only calls linkat (not link) when a directory descriptor is given.
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        for _ in range(10):
            tmp = temp_path_for(target)
            try:
                os.link(f"/proc/self/fd/{fd}", tmp.name, dst_dir_fd=folder, follow_symlinks=True)
                return tmp
            except FileExistsError:
                continue
    finally:
        os.close(folder)
    raise FileExistsError(errno.EEXIST, "could not name the temporary file", str(target.parent))


class _Temporary:
    """Where the new content goes before it replaces ``target``: unnamed where possible, else a named sibling.
    ``path`` is what writers open (``/proc/self/fd/N`` for an unnamed one)."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.fd = _open_unnamed(target.parent)
        self.named: Path | None = None if self.fd >= 0 else _create_named(target)
        self.path = self.named or Path(f"/proc/self/fd/{self.fd}")

    def commit(self) -> None:
        fsync_file(self.path)
        with contextlib.suppress(OSError):  # no old file: the umask decides
            os.chmod(self.path, stat.S_IMODE(os.stat(self.target).st_mode))
        if self.named is None:
            self.named = _name_unnamed(self.fd, self.target)
        self._close()  # Windows cannot rename a file that is open
        os.replace(self.named, self.target)
        self.named = None
        _fsync_folder(self.target.parent)

    def discard(self) -> None:
        self._close()
        if self.named is not None:
            with contextlib.suppress(OSError):
                self.named.unlink()

    def _close(self) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1


def write_file_atomically(target: Path, write: Callable[[Path], T]) -> T:
    """Call ``write(path)`` to fill a temporary, then swap it in for ``target``; returns what ``write`` returned.

    Raises ReadOnlyFile for a read-only target and OSError when the file cannot be written; exceptions of
    ``write`` pass through unchanged. On any failure the target is as it was and the temporary is gone."""
    target = Path(target)
    if is_read_only(target):
        raise ReadOnlyFile(errno.EACCES, "the file is read-only", str(target))
    sweep_stale_temporaries(target.parent)
    temp = _Temporary(target)
    try:
        result = write(temp.path)
        temp.commit()
    except BaseException:
        temp.discard()
        raise
    return result


def write_bytes_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically; raises OSError (ReadOnlyFile), leaving ``target`` as it was."""
    write_file_atomically(target, lambda path: path.write_bytes(data))

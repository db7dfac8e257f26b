"""Finding article files and reading their bytes, with errors a user can act on."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from app.errors import IngestError

SUPPORTED_SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}
MAX_FILE_BYTES = 25 * 1024 * 1024  # news articles are tiny; anything bigger is a mistake or a scan


def human_size(n: int) -> str:
    if n >= 1024 * 1024 * 1024:
        return f"{n / 1024 ** 3:.1f} GB".replace(".0 GB", " GB")
    if n >= 1024 * 1024:
        mb = n / (1024 * 1024)
        return f"{mb:.0f} MB" if mb >= 10 else f"{mb:.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "does not exist (it may have been moved or deleted)"
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    if exc.errno == errno.ENXIO:  # opening a socket
        return "is not a regular file (it is a socket); only ordinary files can be read"
    return f"cannot be read: {exc.strerror or exc}"


# Opening a named pipe would wait for a writer and reading a device never ends: both are refused, and the
# open itself never blocks (O_NONBLOCK) in case a file is swapped for one between the check and the open.
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))


def not_a_file_problem(mode: int) -> str | None:
    """Why a path of this ``st_mode`` cannot be read as an article, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        kind = "a named pipe"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    else:
        kind = "a special file"
    return f"is not a regular file (it is {kind}); only ordinary files can be read"


def read_bytes(path: Path) -> bytes:
    """The file's bytes; IngestError when missing, unreadable, not a regular file or over the size limit."""
    limit = MAX_FILE_BYTES
    try:
        problem = not_a_file_problem(os.stat(path).st_mode)  # refuse pipes and devices before opening
        if problem:
            raise IngestError(path, problem)
        fd = os.open(path, _OPEN_FLAGS)
        with open(fd, "rb", closefd=True) as fh:
            st = os.fstat(fh.fileno())  # what was opened, not what was checked
            problem = not_a_file_problem(st.st_mode)
            if problem:
                raise IngestError(path, problem)
            if st.st_size > limit:
                raise IngestError(path, f"is too large ({human_size(st.st_size)}; "
                                        f"the limit is {human_size(limit)})")
            data = fh.read(limit + 1)
    except OSError as exc:
        raise IngestError(path, _os_problem(exc), repr(exc)) from exc
    if len(data) > limit:  # the file grew after fstat()
        raise IngestError(path, f"is too large (over {human_size(limit)})")
    return data


def _supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$")  # ~$ = Office lock files


def unsupported_problem(path: Path) -> str:
    kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
    what = f"({path.suffix})" if path.suffix else "(no file extension)"
    return f"is not a supported file type {what}; use one of {kinds}"


def _walk(folder: Path, errors: list[IngestError]) -> list[Path]:
    found: list[Path] = []

    def on_error(exc: OSError) -> None:
        errors.append(IngestError(exc.filename or folder, _os_problem(exc).replace("be read", "be opened")))

    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = [d for d in dirs if not _hidden(d)]
        for name in files:
            if _hidden(name) or not _supported(Path(name)):
                continue
            path = Path(root) / name
            problem = _special_file_problem(path)
            if problem:  # a pipe named notes.txt would hang the read: say so instead
                errors.append(IngestError(path, problem))
            else:
                found.append(path)
    return sorted(found, key=lambda p: [part.casefold() for part in p.relative_to(folder).parts])


def _special_file_problem(path: Path) -> str | None:
    """Why ``path`` (following links) is a pipe, socket or device, not a file; None otherwise or if it
    cannot be checked (reading it will say why)."""
    try:
        return not_a_file_problem(os.stat(path).st_mode)
    except OSError:
        return None


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[IngestError]]:
    """Files to load, in order, and the paths that cannot be used.

    Files are taken as given; folders are searched recursively in sorted order, skipping hidden
    files and folders and (silently) files of unsupported types. Each file appears once.
    """
    files: list[Path] = []
    errors: list[IngestError] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)

    for raw in paths:
        path = Path(raw).expanduser()
        try:
            if path.is_dir():
                if not os.access(path, os.R_OK | os.X_OK):
                    errors.append(IngestError(path, "cannot be opened: permission denied"))
                    continue
                before = len(errors)
                inside = _walk(path, errors)
                if not inside and len(errors) == before:
                    errors.append(IngestError(path, "contains no supported files (" +
                                              ", ".join(sorted(SUPPORTED_SUFFIXES)) + ")"))
                for f in inside:
                    add(f)
            elif not path.exists():
                errors.append(IngestError(path, "does not exist (it may have been moved or deleted)"))
            elif problem := _special_file_problem(path):
                errors.append(IngestError(path, problem))
            elif not _supported(path):
                errors.append(IngestError(path, unsupported_problem(path)))
            elif not os.access(path, os.R_OK):
                errors.append(IngestError(path, "cannot be read: permission denied"))
            else:
                add(path)
        except OSError as exc:
            errors.append(IngestError(path, _os_problem(exc), repr(exc)))
    return files, errors

"""Finding article files and reading their bytes, with errors a user can act on."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

from app.errors import IngestError

SUPPORTED_SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}
MAX_FILE_BYTES = 25 * 1024 * 1024  # news articles are tiny; anything bigger is a mistake or a scan


def human_size(n: int) -> str:
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
    return f"cannot be read: {exc.strerror or exc}"


def read_bytes(path: Path) -> bytes:
    """The file's bytes; IngestError when missing, unreadable, a folder or over the size limit."""
    try:
        if path.is_dir():
            raise IngestError(path, "is a folder, not a file")
        size = path.stat().st_size
        limit = MAX_FILE_BYTES
        if size > limit:
            raise IngestError(path, f"is too large ({human_size(size)}; the limit is {human_size(limit)})")
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise IngestError(path, _os_problem(exc), repr(exc)) from exc
    if len(data) > limit:  # the file grew after stat()
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
        found.extend(Path(root) / f for f in files if not _hidden(f) and _supported(Path(f)))
    return sorted(found, key=lambda p: [part.casefold() for part in p.relative_to(folder).parts])


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
                inside = _walk(path, errors)
                if not inside:
                    errors.append(IngestError(path, "contains no supported files (" +
                                              ", ".join(sorted(SUPPORTED_SUFFIXES)) + ")"))
                for f in inside:
                    add(f)
            elif not path.exists():
                errors.append(IngestError(path, "does not exist (it may have been moved or deleted)"))
            elif not _supported(path):
                errors.append(IngestError(path, unsupported_problem(path)))
            elif not os.access(path, os.R_OK):
                errors.append(IngestError(path, "cannot be read: permission denied"))
            else:
                add(path)
        except OSError as exc:
            errors.append(IngestError(path, _os_problem(exc), repr(exc)))
    return files, errors

"""Finding article files and reading their bytes, with errors a user can act on."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from app.shared.errors import IngestError

SUPPORTED_SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}
MAX_FILE_BYTES = 25 * 1024 * 1024  # news articles are tiny; anything bigger is a mistake or a scan
# The text of one article, in characters after reading, for every format (a small DOCX or PDF can hold a
# lot of text). About 50,000 words: a long magazine feature is 10,000. At this size, on the 2-core
# development machine, `extract` takes about 1.2 s and each export 3-5 s (bench/big_file_bench.py);
# export time grows with the facts in the memo (a 500,000-character article: 300-500 PDF pages, 5-10 s).
MAX_TEXT_CHARS = 300_000
WORDS_AT_TEXT_LIMIT = "50,000"
# Plain text and Markdown hold nothing but text, and no encoding takes more than 4 bytes a character:
# a bigger file is over MAX_TEXT_CHARS before it is decoded (1.2 MB >= 4 x 300,000 bytes).
MAX_TEXT_FILE_BYTES = int(1.2 * 1024 * 1024)
TEXT_SUFFIXES = {".txt", ".md"}


def human_size(n: int) -> str:
    if n >= 1024 * 1024 * 1024:
        return f"{n / 1024 ** 3:.1f} GB".replace(".0 GB", " GB")
    if n >= 1024 * 1024:
        mb = n / (1024 * 1024)
        return f"{mb:.0f} MB" if mb >= 10 else f"{mb:.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def _about(chars: int) -> str:
    if chars >= 1_000_000:
        return f"{chars / 1_000_000:.1f} million".replace(".0 million", " million")
    return f"{round(chars, -4 if chars >= 100_000 else -3):,}"


def text_limit_problem(chars: int | None) -> str:
    """The message for a text of ``chars`` characters, over MAX_TEXT_CHARS (None: reading stopped there)."""
    amount = f"about {_about(chars)} characters; " if chars is not None else ""
    return (f"has too much text for one article ({amount}the limit is {MAX_TEXT_CHARS:,} characters, "
            f"about {WORDS_AT_TEXT_LIMIT} words); split it into smaller files")


def byte_limit(path: Path) -> int:
    return MAX_TEXT_FILE_BYTES if path.suffix.lower() in TEXT_SUFFIXES else MAX_FILE_BYTES


def size_problem(path: Path, size: int | None, limit: int) -> str:
    """The message for a file over its byte limit (``size`` None: it grew while being read)."""
    shown = f"{human_size(size)}; " if size is not None else "over "
    if path.suffix.lower() in TEXT_SUFFIXES:
        return (f"is too large for one article ({shown}a text file can be at most {human_size(limit)}, "
                f"about {WORDS_AT_TEXT_LIMIT} words); split it into smaller files")
    return f"is too large ({shown}the limit is {human_size(limit)})"


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
    limit = byte_limit(path)
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
                raise IngestError(path, size_problem(path, st.st_size, limit))
            data = fh.read(limit + 1)
    except OSError as exc:
        raise IngestError(path, _os_problem(exc), repr(exc)) from exc
    if len(data) > limit:  # the file grew after fstat()
        raise IngestError(path, size_problem(path, None, limit))
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

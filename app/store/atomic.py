"""Replace a file so that it is always either the old version or the complete new one.

Write a hidden temporary sibling (same folder, so the rename never crosses file systems), flush and fsync
it, then ``os.replace`` it onto the target and fsync the folder. If anything fails before the rename, the
temporary file is removed and the old file was never touched.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from app.atomic_file import replace_durably


def _write_all(tmp: Path, data: bytes) -> None:
    with open(tmp, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def write_bytes_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically; raises OSError, leaving ``target`` as it was."""
    target = Path(target)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        _write_all(tmp, data)
        replace_durably(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise

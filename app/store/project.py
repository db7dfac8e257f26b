"""Save and open ``.briefing`` project files (format documented in docs/project-format.md).

A project is UTF-8 JSON: ``{"format": "briefing-builder-project", "version": 1, "app_version": ...,
"saved": ..., "briefing": {...}}``. Saving is atomic, opening never half-applies anything: a file that
cannot be read raises ProjectError with a sentence for the user, and the caller's briefing is untouched.
"""

from __future__ import annotations

import errno
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app import __version__
from app.domain import Briefing
from app.shared.atomic_file import ReadOnlyFile, write_bytes_atomically
from app.shared.errors import ProjectError
from app.shared.gc_pause import gc_paused
from app.store import strict_json
from app.store.checks import CheckProblem, check_briefing
from app.store.codec import DecodeError, decode, encode
from app.store.migrations import FORMAT_NAME, FORMAT_VERSION, migrate

SUFFIX = ".briefing"

_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "the file or its folder does not exist",
    errno.ENOTDIR: "the folder does not exist",
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the disk is read-only",
    errno.EISDIR: "a folder with that name exists",
    errno.ENAMETOOLONG: "the file name is too long",
}


@dataclass
class LoadedProject:
    briefing: Briefing
    version: int  # the format version the file was written in (before any upgrade)
    app_version: str = ""
    saved: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # other top-level entries, e.g. recovery details
    notes: list[str] = field(default_factory=list)  # what opening repaired or the user should know
    repaired: bool = False  # the briefing differs from the file: saving would change it


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0) or (exc.strerror or str(exc) or "input/output error").lower()


# -- saving ----------------------------------------------------------------------------------------------

def snapshot(briefing: Briefing) -> dict[str, Any]:
    """The briefing as plain data, independent of later edits, so a worker can write it.

    Runs on the GUI thread for autosave: ~60 ms for 10,000 facts. The cyclic GC is paused meanwhile because
    its collections, triggered by the many small dicts created here, more than doubled that time.
    """
    with gc_paused():
        return _without_dangling(encode(briefing))


def _without_dangling(data: dict[str, Any]) -> dict[str, Any]:
    """A deleted fact's timeline entries and "sources differ" links stay in memory for its undo; the file
    holds only what names a fact it has, as loading it back would (``checks``), so a restored briefing
    equals the saved one."""
    ids = {f["id"] for f in data.get("facts", [])}
    if "timeline" in data:
        data["timeline"] = [t for t in data["timeline"] if t.get("fact_id") in ids]
    for fact in data.get("facts", []):
        conflicts = fact.get("conflicts") or []
        if any(c.get("fact_id") not in ids or c.get("fact_id") == fact["id"] for c in conflicts):
            fact["conflicts"] = [c for c in conflicts if c.get("fact_id") in ids and c.get("fact_id") != fact["id"]]
    return data


def document_bytes(briefing_data: dict[str, Any], extra: dict[str, Any] | None = None) -> bytes:
    doc: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": __version__,
        "saved": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    doc.update(extra or {})
    doc["briefing"] = briefing_data
    # ensure_ascii=False keeps Japanese names readable; indent keeps hand-inspection and diffs possible.
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_snapshot(briefing_data: dict[str, Any], path: Path | str,
                   extra: dict[str, Any] | None = None) -> Path:
    """Write a snapshot atomically (safe on a worker thread); raises ProjectError."""
    path = Path(path)
    if path.is_dir():
        raise ProjectError(f"Cannot save {path.name}: a folder with that name exists", str(path))
    try:
        data = document_bytes(briefing_data, extra)
    except (TypeError, ValueError) as exc:
        raise ProjectError(f"Cannot save {path.name}: the briefing holds data that cannot be saved",
                           f"{type(exc).__name__}: {exc}") from exc
    try:
        write_bytes_atomically(path, data)
    except ReadOnlyFile as exc:
        raise ProjectError(f"Cannot save {path.name}: the file is read-only", str(path)) from exc
    except OSError as exc:
        raise ProjectError(f"Cannot save {path.name}: {_reason(exc)}", str(exc)) from exc
    return path


def save_project(briefing: Briefing, path: Path | str) -> Path:
    """Save ``briefing`` to ``path`` atomically: on any failure the previous file is left intact."""
    try:
        data = snapshot(briefing)
    except TypeError as exc:
        raise ProjectError(f"Cannot save {Path(path).name}: the briefing holds data that cannot be saved",
                           str(exc)) from exc
    return write_snapshot(data, path)


# -- opening ---------------------------------------------------------------------------------------------

def _not_a_project(name: str, why: str) -> ProjectError:
    return ProjectError(f"Cannot open {name}: it is not a Briefing Builder project ({why})")


def parse_document(raw: bytes, name: str) -> LoadedProject:
    """Check, upgrade and decode a project file's bytes; ``name`` is used in messages.

    Nothing is written and nothing the file names is opened: article paths are labels and the template is
    a name compared with the installed ones. Repairs (docs/project-format.md) come back in ``notes``.
    """
    try:
        text = strict_json.decode_text(raw)
    except strict_json.JsonProblem as exc:
        if _looks_like_json(raw):
            raise ProjectError(f"Cannot open {name}: the file is damaged ({exc})") from None
        raise _not_a_project(name, str(exc)) from None
    if not text.strip():
        raise ProjectError(f"Cannot open {name}: the file is empty")
    with gc_paused():  # hundreds of thousands of small acyclic objects: collections would only slow it down
        return _parse_text(text, name)


def _parse_text(text: str, name: str) -> LoadedProject:
    try:
        doc = strict_json.loads(text)
    except strict_json.JsonProblem as exc:
        what = "damaged or not a project" if exc.syntax else "damaged"
        raise ProjectError(f"Cannot open {name}: the file is {what} ({exc})", str(exc)) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise _not_a_project(name, f'no "format": "{FORMAT_NAME}" entry')
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise ProjectError(f"Cannot open {name}: the file is damaged (its format version is missing or "
                           f"not a whole number)")
    app_version = doc.get("app_version") if isinstance(doc.get("app_version"), str) else ""
    if version > FORMAT_VERSION:
        made_by = f" {app_version}" if app_version else ""
        raise ProjectError(f"Cannot open {name}: it was made by a newer Briefing Builder{made_by} (format "
                           f"{version}); this version reads up to {FORMAT_VERSION}. Update Briefing Builder "
                           f"to open it.")
    original = version
    try:
        doc = migrate(doc, version)
    except LookupError as exc:
        raise ProjectError(f"Cannot open {name}: format {version} is too old to upgrade", str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - a damaged old file breaks a migration step in any way
        raise ProjectError(f"Cannot open {name}: the file is damaged (could not upgrade it from format "
                           f"{version})", f"{type(exc).__name__}: {exc}") from None
    if "briefing" not in doc:
        raise ProjectError(f"Cannot open {name}: the file is damaged (the \"briefing\" entry is missing)")
    try:
        briefing = decode(Briefing, doc["briefing"], "briefing")
        findings = check_briefing(briefing)
    except (DecodeError, CheckProblem) as exc:
        raise ProjectError(f"Cannot open {name}: the file is damaged ({exc})", str(exc)) from None
    extra = {k: v for k, v in doc.items()
             if k not in ("format", "version", "app_version", "saved", "briefing")}
    saved = doc.get("saved") if isinstance(doc.get("saved"), str) else ""
    return LoadedProject(briefing, original, app_version, saved, extra, findings.notes, findings.repaired)


def _looks_like_json(raw: bytes) -> bool:
    """A file that opens like a JSON object is a damaged project, not some other kind of file."""
    return raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def read_project(path: Path | str) -> LoadedProject:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProjectError(f"Cannot open {path.name}: {_reason(exc)}", str(exc)) from exc
    return parse_document(raw, path.name)


def load_project(path: Path | str) -> Briefing:
    """Open a project file (upgrading an older format); raises ProjectError with a clear message."""
    return read_project(path).briefing

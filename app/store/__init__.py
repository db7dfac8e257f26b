"""Project files and crash recovery (Qt-free): ``save_project``, ``load_project``, ``Recovery``."""

from app.shared.errors import ProjectError
from app.store.migrations import FORMAT_NAME, FORMAT_VERSION, MIGRATIONS
from app.store.project import (
    SUFFIX,
    LoadedProject,
    load_project,
    read_project,
    save_project,
    snapshot,
    write_snapshot,
)
from app.store.recovery import (
    RECOVERY_SUFFIX,
    Recoverable,
    Recovery,
    discard_recoverable,
    find_recoverable,
    read_recoverable,
)

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "MIGRATIONS", "RECOVERY_SUFFIX", "SUFFIX", "LoadedProject",
           "ProjectError", "Recoverable", "Recovery", "discard_recoverable", "find_recoverable",
           "load_project", "read_project", "read_recoverable", "save_project", "snapshot", "write_snapshot"]

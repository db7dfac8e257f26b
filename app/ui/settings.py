"""Persisted UI state (QSettings): window geometry, splitters, last folders, recent projects, the theme,
and the memo defaults set in Preferences (author, template, classification).

Recovery copies and the error log live in ``data_dir()``, beside the settings file, so everything the app
keeps per user is in one folder, and tests that point QSettings at a temporary folder redirect it too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

ORGANISATION = "BriefingBuilder"
APPLICATION = "Briefing Builder"
MAX_RECENT = 8
_GEOMETRY = "window/geometry"
_SPLITTER = "window/splitter/{name}"
_LAST_FOLDER = "paths/lastFolder"  # articles (and the default for other kinds)
_FOLDER_OF = "paths/{kind}Folder"
_RECENT = "projects/recent"
_AUTHOR = "memo/author"
_THEME = "view/theme"  # "system", "light" or "dark"
_TEMPLATE = "memo/template"  # Preferences: the template and classification new briefings start with
_CLASSIFICATION = "memo/classification"


def settings() -> QSettings:
    # An INI file in every OS, so tests can point QSettings.setPath(IniFormat, ...) at a temp folder.
    org = QCoreApplication.organizationName() or ORGANISATION
    app = QCoreApplication.applicationName() if QCoreApplication.organizationName() else APPLICATION
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, org, app or APPLICATION)


def data_dir() -> Path:
    """The per-user folder for recovery copies and logs (next to the settings file)."""
    return Path(settings().fileName()).parent


def load_geometry() -> QByteArray | None:
    value = settings().value(_GEOMETRY)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_geometry(geometry: QByteArray) -> None:
    settings().setValue(_GEOMETRY, geometry)


def save_splitters(window: QWidget) -> None:
    """Remember the sizes of every named splitter in ``window``."""
    store = settings()
    for splitter in window.findChildren(QSplitter):
        if splitter.objectName():
            store.setValue(_SPLITTER.format(name=splitter.objectName()), splitter.saveState())


def restore_splitters(window: QWidget) -> bool:
    """Restore named splitters; True when at least one was restored."""
    store, restored = settings(), False
    for splitter in window.findChildren(QSplitter):
        value = store.value(_SPLITTER.format(name=splitter.objectName())) if splitter.objectName() else None
        if isinstance(value, QByteArray) and not value.isEmpty() and splitter.restoreState(value):
            restored = True
    return restored


def last_folder(kind: str = "articles") -> Path:
    """The folder last used for ``kind`` ("articles", "projects", "exports"); falls back to articles, home."""
    store = settings()
    keys = [_LAST_FOLDER] if kind == "articles" else [_FOLDER_OF.format(kind=kind), _LAST_FOLDER]
    for key in keys:
        value = store.value(key)
        if isinstance(value, str) and value and Path(value).is_dir():
            return Path(value)
    return Path.home()


def remember_folder(folder: Path, kind: str = "articles") -> None:
    settings().setValue(_LAST_FOLDER if kind == "articles" else _FOLDER_OF.format(kind=kind), str(folder))


def recent_files() -> list[Path]:
    """Recently saved or opened projects, newest first."""
    value = settings().value(_RECENT)
    if isinstance(value, str):  # QSettings returns a lone entry as a string
        value = [value]
    return [Path(v) for v in value or [] if isinstance(v, str) and v][:MAX_RECENT]


def add_recent_file(path: Path) -> list[Path]:
    path = Path(path).absolute()
    paths = [path, *(p for p in recent_files() if p != path)][:MAX_RECENT]
    settings().setValue(_RECENT, [str(p) for p in paths])
    return paths


def remove_recent_file(path: Path) -> None:
    settings().setValue(_RECENT, [str(p) for p in recent_files() if p != Path(path)])


def clear_recent_files() -> None:
    settings().remove(_RECENT)


def author_name() -> str:
    value = settings().value(_AUTHOR)
    return value if isinstance(value, str) else ""


def remember_author(name: str) -> None:
    settings().setValue(_AUTHOR, name.strip())


def theme_mode() -> str:
    """The View › Theme choice: "system" (the default), "light" or "dark"."""
    value = settings().value(_THEME)
    return value if value in ("system", "light", "dark") else "system"


def remember_theme_mode(mode: str) -> None:
    settings().setValue(_THEME, mode)


def _text(key: str) -> str:
    value = settings().value(key)
    return value.strip() if isinstance(value, str) else ""


def default_template() -> str:
    """The template name new briefings start with ("" for the built-in default)."""
    return _text(_TEMPLATE)


def default_classification() -> str:
    """The classification marking new briefings start with ("" for the built-in default)."""
    return _text(_CLASSIFICATION)


def remember_preferences(template: str, author: str, classification: str) -> None:
    store = settings()
    for key, value in ((_TEMPLATE, template), (_AUTHOR, author), (_CLASSIFICATION, classification)):
        store.setValue(key, value.strip())

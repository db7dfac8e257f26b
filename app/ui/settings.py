"""Persisted UI state: window geometry and the last folder used. Nothing else belongs in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

ORGANISATION = "BriefingBuilder"
APPLICATION = "Briefing Builder"
_GEOMETRY = "window/geometry"
_LAST_FOLDER = "paths/lastFolder"


def settings() -> QSettings:
    # An INI file in every OS, so tests can point QSettings.setPath(IniFormat, ...) at a temp folder.
    org = QCoreApplication.organizationName() or ORGANISATION
    app = QCoreApplication.applicationName() if QCoreApplication.organizationName() else APPLICATION
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, org, app or APPLICATION)


def load_geometry() -> QByteArray | None:
    value = settings().value(_GEOMETRY)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_geometry(geometry: QByteArray) -> None:
    settings().setValue(_GEOMETRY, geometry)


def last_folder() -> Path:
    value = settings().value(_LAST_FOLDER)
    if isinstance(value, str) and value and Path(value).is_dir():
        return Path(value)
    return Path.home()


def remember_folder(folder: Path) -> None:
    settings().setValue(_LAST_FOLDER, str(folder))

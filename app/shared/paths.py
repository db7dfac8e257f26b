"""The one place that finds bundled files, from source or from a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    """Folder holding ``resources/``, ``seeds/`` and ``docs/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent.parent


def resource_path(*parts: str) -> Path:
    return app_root().joinpath("resources", *parts)


def seeds_dir() -> Path:
    return app_root() / "seeds"


def docs_path(*parts: str) -> Path:
    """A file of the documentation shipped with the app (the user guide and its screenshots)."""
    return app_root().joinpath("docs", *parts)


def user_guide() -> Path:
    return docs_path("user-guide.md")

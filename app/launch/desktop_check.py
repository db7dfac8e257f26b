"""Say in one line why Qt cannot open a window on Linux, instead of letting Qt abort with its log.

Qt's xcb platform plugin aborts the process when a system library is missing; this check runs first and
names the Debian packages to install. It locates PySide6 without importing it.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

# Shared object -> Debian package, for the libraries Qt's xcb plugin needs that a minimal system lacks.
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libICE.so.6": "libice6",
    "libSM.so.6": "libsm6",
}


def _xcb_plugin() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(list(spec.submodule_search_locations)[0]) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None


def _missing_libraries(plugin: Path) -> list[str]:
    """Every library ldd cannot find for the plugin (dlopen names only the first)."""
    try:
        out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(set(re.findall(r"^\s*(\S+) => not found", out, re.MULTILINE)))


def packages_for(libraries: list[str]) -> list[str]:
    return sorted({DEBIAN_PACKAGES.get(lib, lib) for lib in libraries})


def platform_problem() -> str | None:
    """One sentence naming what to install, or None when a window can open (or we cannot tell)."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    if not os.environ.get("DISPLAY"):
        if os.environ.get("WAYLAND_DISPLAY"):
            return None
        return ("no display found: start it from a desktop session, "
                "or set QT_QPA_PLATFORM=offscreen for a headless run")
    plugin = _xcb_plugin()
    if plugin is None:
        return None
    try:
        ctypes.CDLL(str(plugin))
        return None
    except OSError as exc:
        missing = _missing_libraries(plugin)
        if not missing:
            match = re.search(r"(lib[\w.+-]+\.so[.\d]*)", str(exc))
            missing = [match.group(1)] if match else []
    if not missing:
        return None
    return ("Qt cannot open a window: system libraries are missing. Install them with: "
            "sudo apt-get install " + " ".join(packages_for(missing)))

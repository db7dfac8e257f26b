"""Bundle trimming used by briefing-builder.spec: drop Qt plugins the app cannot use, the libraries only
they needed, and the debug symbols some binaries carry. Kept out of the spec so the spec stays readable.

TOC entries are PyInstaller's ``(dest_name, src_name, typecode)`` tuples.
"""

from __future__ import annotations

import posixpath
import shutil
import subprocess
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

QT = "PySide6/Qt/"

# Qt plugins we ship: every other one is dropped (glob patterns under PySide6/Qt/plugins/).
QT_PLUGINS_KEPT = (
    "platforms/libqxcb.so",  # X11 desktops
    "platforms/libqwayland*.so",  # Wayland desktops (Qt >= 6.10 picks it first there)
    "platforms/libqoffscreen.so",  # --self-test and headless runs
    "platforms/libqminimal.so",
    "platformthemes/libqxdgdesktopportal.so",  # native file dialogs through the desktop portal
    "platforminputcontexts/*",  # compose key and IBus: typing Japanese/Korean names needs an input method
    "xcbglintegrations/*",
    "wayland-shell-integration/libxdg-shell.so",
    "wayland-decoration-client/*",  # title bars on Wayland compositors without server-side decorations
    "iconengines/libqsvgicon.so",  # SVG theme icons
    "imageformats/libqsvg.so",
    "imageformats/libqico.so",
)
# Left out on purpose: eglfs/linuxfb/vnc/vkkhrdisplay (embedded devices), the GTK3 theme (drags in
# cairo/pango/gdk-pixbuf from the build machine but not GTK itself), evdev/TUIO input (embedded; TUIO
# needs QtNetwork), Wayland OpenGL buffer integrations (widgets draw through shared memory), and Qt's
# translations (the app's UI is English, so Qt's own dialogs are too), and image formats other than SVG/ICO
# (PNG is built into Qt).

# Libraries that may go once nothing kept needs them. Limited to what the dropped plugins pull in:
# libraries Qt loads with dlopen() (libdbus, libGL, ...) look unused to a NEEDED scan and must stay.
ORPHANS_DROPPABLE = (
    "libQt6EglFS*", "libQt6EglFsKmsSupport*", "libQt6Network*", "libQt6OpenGL*", "libQt6WlShellIntegration*",
    "libcairo*", "libpango*", "libatk*", "libgdk_pixbuf*", "libharfbuzz*", "libpixman*", "libthai*",
    "libdatrie*", "libfribidi*", "libgraphite2*", "libgio-2.0*", "libgmodule*", "libgobject*",
    "libmount*", "libblkid*", "libselinux*", "libpcre2*", "libgthread*", "libepoxy*", "libXrender*",
    "libxcb-render.so*", "libjpeg.so*", "libpng16*", "libbrotli*",
    "libgssapi*", "libkrb5*", "libk5crypto*", "libcom_err*", "libkeyutils*",  # Kerberos, for QtNetwork
    "libreadline*", "libtinfo*", "libssl*", "libcrypto.so*",  # for the stdlib modules the spec excludes
)


# Libraries every Linux desktop has and that should match the host rather than the build machine: the D-Bus
# client (and the systemd/gcrypt it links), fontconfig/freetype (they read the host's font configuration),
# and the X11 client core. PyInstaller would copy them (~5 MB); the frozen app uses the system's instead.
# When one is missing, app/launch/desktop_check.py names the Debian package to install, as it does from source.
HOST_LIBRARIES = (
    "libdbus-1.so*", "libsystemd.so*", "libgcrypt.so*", "libgpg-error.so*", "liblz4.so*", "libcap.so*",
    "libfontconfig.so*", "libfreetype.so*", "libexpat.so*", "libpng16.so*",
    "libX11.so*", "libX11-xcb.so*", "libxcb.so*", "libXau.so*", "libXdmcp.so*", "libbsd.so*", "libmd.so*",
)


def drop_host_libraries(binaries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Without the top-level copies of HOST_LIBRARIES (wheels' renamed copies, e.g. in pillow.libs, stay)."""
    return [e for e in binaries
            if "/" in e[0].replace("\\", "/") or not any(fnmatch(e[0], p) for p in HOST_LIBRARIES)]


def _plugin(dest: str) -> str | None:
    marker = QT + "plugins/"
    return dest[len(marker):] if dest.startswith(marker) else None


def drop_qt_extras(toc: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Without the unused Qt plugins and the translations."""
    kept = []
    for entry in toc:
        dest = entry[0].replace("\\", "/")
        plugin = _plugin(dest)
        if plugin is not None and not any(fnmatch(plugin, p) for p in QT_PLUGINS_KEPT):
            continue
        if dest.startswith(QT + "translations/"):
            continue
        kept.append(entry)
    return kept


def _needed(path: str) -> set[str]:
    from PyInstaller.depend import bindepend

    try:
        return {name for name, _resolved in bindepend.get_imports(path)}
    except Exception:  # noqa: BLE001 - not an ELF file, or unreadable: it needs nothing we know of
        return set()


def drop_orphans(binaries: list[tuple[str, str, str]]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Drop droppable libraries that no kept binary needs (transitively). Returns (kept, dropped names)."""
    def droppable(entry: tuple[str, str, str]) -> bool:
        name = PurePosixPath(entry[0].replace("\\", "/")).name
        return entry[2] in ("BINARY", "SYMLINK") and any(fnmatch(name, p) for p in ORPHANS_DROPPABLE)

    roots = [e for e in binaries if not droppable(e)]
    candidates = {PurePosixPath(e[0]).name: e for e in binaries if droppable(e) and e[2] == "BINARY"}
    needed: set[str] = set()
    todo = [e[1] for e in roots if e[2] != "SYMLINK"]
    seen: set[str] = set()
    while todo:
        src = todo.pop()
        if src in seen:
            continue
        seen.add(src)
        for name in _needed(src):
            if name not in needed:
                needed.add(name)
                if name in candidates:
                    todo.append(candidates[name][1])
    kept, dropped = [], []
    for entry in binaries:
        name = PurePosixPath(entry[0].replace("\\", "/")).name
        if droppable(entry) and name not in needed:
            dropped.append(entry[0])
        else:
            kept.append(entry)
    return kept, dropped


def drop_dangling_symlinks(datas: list[tuple[str, str, str]],
                           dropped: list[str]) -> list[tuple[str, str, str]]:
    """Without the SYMLINK entries (PyInstaller files them under datas) that point at a dropped library."""
    gone = {posixpath.normpath(d.replace("\\", "/")) for d in dropped}

    def target(dest: str, link: str) -> str:
        return posixpath.normpath(posixpath.join(posixpath.dirname(dest.replace("\\", "/")), link))

    return [e for e in datas if not (e[2] == "SYMLINK" and target(e[0], e[1]) in gone)]


# Binaries shipped with debug sections or full symbol tables (~25 MB in all): Debian's libpython and stdlib
# extension modules, and a few wheels. Each of them is exercised by --self-test, which is how a bad strip
# would show up.
STRIPPED = (
    "libpython3*", "python3*/lib-dynload/*.so",
    "yaml/_yaml*.so", "PIL/_imaging.*.so", "charset_normalizer/*.so", "Crypto/*.so",
    "PySide6/Qt/lib/libicu*",  # Qt's ICU keeps its symbol tables: 1.4 MB
)


def strip_symbols(binaries: list[tuple[str, str, str]], workdir: str,
                  patterns: tuple[str, ...] = STRIPPED) -> list[tuple[str, str, str]]:
    """Copies of the binaries matching ``patterns`` (destination paths) without debug sections and local
    symbols (``strip --strip-unneeded`` keeps the dynamic symbols that loading needs).

    Only these, not PyInstaller's strip=True: Qt's libraries are stripped already, and stripping everything
    the build machine provides is a risk for a few MB.
    """
    strip = shutil.which("strip")
    if strip is None:
        return binaries
    out_dir = Path(workdir) / "stripped"
    out_dir.mkdir(parents=True, exist_ok=True)
    result = []
    for dest, src, typecode in binaries:
        if typecode in ("BINARY", "EXTENSION") and any(fnmatch(dest.replace("\\", "/"), p) for p in patterns):
            target = out_dir / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            done = subprocess.run([strip, "--strip-unneeded", "-o", str(target), src], capture_output=True)
            if done.returncode == 0:
                src = str(target)
        result.append((dest, src, typecode))
    return result

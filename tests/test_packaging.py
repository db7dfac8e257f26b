"""The desktop bundle: PyInstaller builds it from packaging/briefing-builder.spec, and the frozen app passes
its own --self-test and reports its version. Slow (a build takes one to three minutes), but part of make test.

The bundle is cached under build/test-bundle/, keyed on every file that goes into it, so a second run of the
suite without changes reuses it. Without PyInstaller the build tests skip locally and FAIL under CI=true.
"""

from __future__ import annotations

import ast
import configparser
import hashlib
import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "briefing-builder.spec"
CACHE = ROOT / "build" / "test-bundle"
NAME = "briefing-builder"
INPUTS = ("app", "resources", "seeds", "packaging", "docs")


def _bundle_key() -> str:
    """Changes whenever a file that ends up in the bundle, or a tool that builds it, changes."""
    digest = hashlib.sha256()
    for top in INPUTS:
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    for dist in ("pyinstaller", "pyinstaller-hooks-contrib", "PySide6-Essentials"):
        try:
            digest.update(f"{dist}={importlib.metadata.version(dist)}".encode())
        except importlib.metadata.PackageNotFoundError:
            pass
    digest.update(sys.version.encode())
    return digest.hexdigest()[:16]


def _require_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is not None:
        return
    message = "PyInstaller is not installed: pip install -e '.[test]' (it is in the test extra)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def bundle() -> Path:
    """The one-folder bundle: dist/briefing-builder/ of a build from the current sources."""
    _require_pyinstaller()
    key = _bundle_key()
    out = CACHE / key
    app_dir = out / "dist" / NAME
    stamp = out / "built.ok"
    if not stamp.exists():
        if CACHE.exists():
            shutil.rmtree(CACHE)  # keep one bundle, not one per edit
        out.mkdir(parents=True)
        done = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
             "--distpath", str(out / "dist"), "--workpath", str(out / "work"), str(SPEC)],
            cwd=ROOT, capture_output=True, text=True, timeout=1200,
        )
        assert done.returncode == 0, f"PyInstaller failed:\n{done.stderr[-4000:]}"
        shutil.rmtree(out / "work", ignore_errors=True)
        stamp.write_text(key)
    assert (app_dir / NAME).is_file()
    return app_dir


def _frozen_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_"))}
    env.pop("DISPLAY", None)  # the self test needs no display
    env.pop("WAYLAND_DISPLAY", None)
    return env


def _run(bundle: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle / NAME), *args], capture_output=True, text=True, timeout=timeout,
                          env=_frozen_env(), cwd=bundle.parent)


@pytest.mark.slow
def test_frozen_version(bundle: Path) -> None:
    done = _run(bundle, "--version", timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{NAME} {__version__}"


@pytest.mark.slow
def test_frozen_self_test_passes(bundle: Path) -> None:
    done = _run(bundle, "--self-test")
    assert done.returncode == 0, f"stdout: {done.stdout}\nstderr: {done.stderr}"
    lines = done.stdout.splitlines()
    assert len(lines) == 1, done.stdout
    assert lines[0].startswith("self-test passed: 2 articles, ")
    assert "HTML and encrypted PDF read" in lines[0] and "window shows" in lines[0]


@pytest.mark.slow
def test_frozen_cli_reports_bad_input_in_one_line(bundle: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    done = _run(bundle, "extract", str(empty), timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == f"{NAME}: empty.txt: is empty"


@pytest.mark.slow
def test_bundle_holds_data_and_leaves_out_unused_qt(bundle: Path) -> None:
    internal = bundle / "_internal"  # sys._MEIPASS of a PyInstaller 6 one-folder build
    for rel in ("resources/topics.yaml", "resources/boilerplate.yaml", "resources/templates",
                "resources/fonts/LiberationSerif-Regular.ttf", "resources/fonts/DejaVuSerif.ttf",
                "resources/icons/briefing-builder.png", "docs/user-guide.md", "docs/main-window-light.png",
                "trafilatura/settings.cfg", "justext/stoplists/English.txt", "docx/templates/default.docx"):
        assert (internal / rel).exists(), rel
    assert sorted(p.name for p in (internal / "seeds").glob("*.txt")) == \
        sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    names = {p.name for p in internal.rglob("*")}
    for unused in ("libQt6Qml.so.6", "libQt6Quick.so.6", "libQt6Network.so.6", "libQt6Pdf.so.6",
                   "QtNetwork.abi3.so", "libqeglfs.so", "libqgtk3.so"):
        assert unused not in names, unused
    assert not (internal / "PySide6" / "Qt" / "translations").exists()
    assert not list(internal.rglob("tkinter")) and not list(internal.rglob("_tkinter*"))
    dangling = [p for p in internal.iterdir() if p.is_symlink() and not p.exists()]
    assert dangling == []


# -- desktop integration files (no build needed) ---------------------------------------------------------
def test_linux_desktop_entry() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(PACKAGING / "linux" / f"{NAME}.desktop", encoding="utf-8")
    desk = entry["Desktop Entry"]
    assert desk["Type"] == "Application"
    assert desk["Name"] == "Briefing Builder"
    assert desk["Exec"].split()[0] == NAME and desk["Exec"].split()[1] in ("%F", "%U")
    assert desk["Icon"] == NAME  # a theme name, found under hicolor/<size>/apps/
    assert desk["Terminal"] == "false"
    assert desk["Categories"].endswith(";") and "Office" in desk["Categories"].split(";")
    mimes = desk["MimeType"].rstrip(";").split(";")
    assert {"text/plain", "text/html", "application/pdf"} <= set(mimes)


def test_icons_are_rendered_from_the_svg_in_every_size() -> None:
    from PIL import Image

    icons = PACKAGING / "icons"
    svg = (icons / f"{NAME}.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and 'viewBox="0 0 256 256"' in svg
    with Image.open(icons / f"{NAME}.png") as png:
        assert png.size == (256, 256) and png.mode == "RGBA"
        assert png.getpixel((0, 0))[3] == 0 and png.getpixel((128, 128))[3] == 255  # rounded tile
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(PACKAGING / "linux" / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png") as img:
            assert img.size == (size, size)
    scalable = PACKAGING / "linux" / "hicolor" / "scalable" / "apps" / f"{NAME}.svg"
    assert scalable.read_text(encoding="utf-8") == svg
    with Image.open(icons / f"{NAME}.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    assert (icons / f"{NAME}.icns").read_bytes()[:4] == b"icns"


def _metadata():
    sys.path.insert(0, str(PACKAGING))
    try:
        import metadata
    finally:
        sys.path.remove(str(PACKAGING))
    return metadata


def test_bundle_metadata_comes_from_the_one_version() -> None:
    metadata = _metadata()
    assert metadata.app_version() == __version__
    plist = metadata.macos_info_plist(__version__)
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == __version__
    assert plist["CFBundleIdentifier"] == metadata.BUNDLE_ID
    assert metadata.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert metadata.version_tuple("1.2.3rc4") == (1, 2, 3, 4)
    text = metadata.windows_version_file(__version__)  # read by PyInstaller on Windows
    call = ast.parse(text, mode="eval").body  # one VSVersionInfo(...) expression
    assert isinstance(call, ast.Call) and call.func.id == "VSVersionInfo"
    assert f"filevers={metadata.version_tuple(__version__)!r}" in text
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    assert f"StringStruct('FileVersion', '{__version__}')" in text
    spec = SPEC.read_text(encoding="utf-8")
    assert "metadata.app_version(ROOT)" in spec and __version__ not in spec  # never typed a second time


def test_missing_pyinstaller_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "PyInstaller" else real_find_spec(name, *a))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="PyInstaller is not installed"):
        _require_pyinstaller()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _require_pyinstaller()

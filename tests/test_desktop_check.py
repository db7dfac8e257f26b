"""The launcher names missing Debian packages instead of letting Qt abort."""

from __future__ import annotations

from pathlib import Path

from app.launch import desktop_check


def test_no_display_is_explained(monkeypatch):
    monkeypatch.setattr(desktop_check.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert "no display" in desktop_check.platform_problem()


def test_offscreen_needs_nothing(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert desktop_check.platform_problem() is None


def test_missing_libraries_become_one_apt_line(monkeypatch, tmp_path):
    fake = tmp_path / "libqxcb.so"
    fake.write_bytes(b"not a library")
    monkeypatch.setattr(desktop_check.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(desktop_check, "_xcb_plugin", lambda: fake)
    monkeypatch.setattr(desktop_check, "_missing_libraries",
                        lambda plugin: ["libxcb-cursor.so.0", "libxkbcommon-x11.so.0"])
    message = desktop_check.platform_problem()
    assert message is not None and "\n" not in message
    assert message.endswith("sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0")


def test_real_plugin_is_found():
    plugin = desktop_check._xcb_plugin()
    assert plugin is None or (isinstance(plugin, Path) and plugin.name == "libqxcb.so")

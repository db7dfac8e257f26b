"""Shared fixtures. Tests run headless: Qt uses the offscreen platform."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def preview_seed() -> Path:
    """The preview article: promo and AI-disclaimer junk, counters, future tense."""
    return SEEDS / "2024-07-28_preview_us-japan-2plus2-tokyo.txt"


@pytest.fixture
def report_seed() -> Path:
    """The post-meeting report: four paragraphs pasted twice."""
    return SEEDS / "2024-07-28_report_us-japan-2plus2-command-upgrade.txt"


# --- GUI tests ------------------------------------------------------------------------------------


@pytest.fixture
def isolated_settings(tmp_path, qapp):
    """QSettings (and the recovery and log folders beside them) in tmp_path, never the user's."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def wait_settled(qtbot, win, timeout: int = 60_000) -> None:
    """Until the window's load has ended and all it changes is in place, on the window's own signal.

    Checking first and then waiting is safe: the signal can only come while the event loop runs, inside
    ``waitSignal``."""
    if not win.is_settled():
        with qtbot.waitSignal(win.loadSettled, timeout=timeout):
            pass


@pytest.fixture
def settle(qtbot):
    """``settle(window)``: wait until the window's load has settled (see ``wait_settled``)."""
    return lambda win, timeout=60_000: wait_settled(qtbot, win, timeout)


@pytest.fixture
def seeded_window(qtbot, seed_paths, isolated_settings):
    """The main window with the sample articles loaded and their facts shown."""
    from app.ui import create_main_window

    win = create_main_window(seed_paths)
    qtbot.addWidget(win)
    wait_settled(qtbot, win)
    assert win.fact_model.rowCount() > 0
    return win


@pytest.fixture(autouse=True)
def _warnings_never_block(request, monkeypatch):
    """A modal warning nobody answers would hang a headless run until CI's time limit: a box with only an
    OK button returns at once (its text goes to stderr, so an unexpected error still shows). Tests that
    drive dialogs patch them themselves."""
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        return
    from PySide6.QtWidgets import QMessageBox

    real = QMessageBox.exec

    def exec_(box: QMessageBox) -> int:
        if box.standardButtons() == QMessageBox.StandardButton.Ok:
            import sys

            print(f"[message box] {box.text()}: {box.informativeText()}", file=sys.stderr)
            return int(QMessageBox.StandardButton.Ok.value)
        return real(box)

    monkeypatch.setattr(QMessageBox, "exec", exec_)

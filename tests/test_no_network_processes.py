"""No network in the other processes either: the command line's worker processes (from 32 articles) and the
window's load process (from 12) read and extract the hostile HTML, DOCX and PDF files of tests/data/hostile
with every Python process guarded (tests/offline_site/sitecustomize.py on their PYTHONPATH, inherited by the
processes they spawn), and none of them connects, resolves a name or opens an internet socket."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import wait_settled

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
HOSTILE = TESTS / "data" / "hostile"
FILES = ("remote.html", "external.docx", "external.pdf", "markup.txt")


def _copies(folder: Path, times: int) -> list[Path]:
    """``times`` copies of each hostile file, each with a name of its own."""
    folder.mkdir()
    out = []
    for i in range(times):
        for name in FILES:
            target = folder / f"{i:02d}-{name}"
            shutil.copyfile(HOSTILE / name, target)
            out.append(target)
    return out


def _guarded_env(log: Path) -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(TESTS / "offline_site"), str(TESTS), str(ROOT),
                                       os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path, "BB_OFFLINE_LOG": str(log)}


def _guard_log(log: Path) -> tuple[set[str], list[str]]:
    """(the guarded processes that ran, the network accesses they refused)."""
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return ({line.split()[0] for line in lines if line.endswith(" started")},
            [line for line in lines if not line.endswith(" started")])


def test_worker_processes_stay_offline(tmp_path):
    from app.run.pool import usable_cpus

    files = _copies(tmp_path / "in", 9)  # 36 articles: the command shares them with worker processes
    log = tmp_path / "offline.log"
    result = subprocess.run([sys.executable, "-m", "app", "extract", *map(str, files), "--format", "json"],
                            env={**os.environ, **_guarded_env(log)}, capture_output=True, timeout=600)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    started, refused = _guard_log(log)
    assert len(started) >= min(2, usable_cpus())  # the command and its workers all ran guarded
    assert refused == []
    assert b"root:x:" not in result.stdout


@pytest.mark.usefixtures("isolated_settings")
def test_the_windows_load_process_stays_offline(qtbot, monkeypatch, tmp_path):
    from app.ui import create_main_window
    from app.ui.jobs import PROCESS_MIN_ARTICLES

    files = _copies(tmp_path / "in", 3)
    assert len(files) >= PROCESS_MIN_ARTICLES  # big enough to be read and extracted in a child process
    log = tmp_path / "offline.log"
    for name, value in _guarded_env(log).items():
        monkeypatch.setenv(name, value)  # the child is spawned with this process's environment
    win = create_main_window(files)
    qtbot.addWidget(win)
    wait_settled(qtbot, win, timeout=120_000)
    assert len(win.briefing.articles) == len(FILES) and win.fact_model.rowCount() > 0  # copies: one each
    win.memo_preview.shutdown()
    started, refused = _guard_log(log)
    assert started - {str(os.getpid())}  # the load ran in a guarded child process
    assert refused == []

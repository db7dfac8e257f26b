"""Small screens and 200 % scaling: on 1280×720 nothing is cut off, the panes start in sensible proportions,
and the icons are drawn at the screen's resolution. (tests/test_ui_conventions.py checks that the window
grabs at full resolution at 200 %; here it is about fitting.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

ROOT = Path(__file__).resolve().parent.parent
SMALL = QSize(1280, 720)

pytestmark = pytest.mark.usefixtures("isolated_settings")


def _panes(win) -> dict[str, QWidget]:
    return {"articles": win.article_list, "facts": win.fact_view, "source": win.viewer,
            "memo": win.memo_panel, "preview": win.memo_preview}


def test_window_at_1280_by_720_shows_every_pane_in_proportion(seeded_window, qtbot):
    win = seeded_window
    frame = win.frameGeometry().size() - win.size()
    target = SMALL - frame
    win.resize(target)
    qtbot.waitUntil(lambda: win.size() == target)
    qtbot.waitUntil(lambda: win.splitter.width() > 0 and sum(win.splitter.sizes()) >= win.splitter.width() - 20)
    hint = win.minimumSizeHint()
    assert hint.width() <= SMALL.width() and hint.height() <= SMALL.height(), hint
    too_wide = sorted({f"{type(w).__name__}#{w.objectName()}: {w.minimumSizeHint().width()}"
                       for w in win.findChildren(QWidget)
                       if w.isVisibleTo(win) and w.minimumSizeHint().width() > SMALL.width()})
    assert too_wide == []
    for name, pane in _panes(win).items():
        assert pane.isVisible() and pane.width() >= 150 and pane.height() >= 100, (name, pane.size())
    articles, facts, right = win.splitter.sizes()
    total = articles + facts + right
    assert 0.1 <= articles / total <= 0.3, win.splitter.sizes()  # a list of titles: narrow, not a sliver
    assert facts >= max(articles, right) * 0.9, win.splitter.sizes()  # the facts are the work: widest
    assert 0.2 <= right / total <= 0.45, win.splitter.sizes()
    source, memo = win.findChild(QWidget, "rightSplitter").sizes()
    assert source >= 150 and memo >= 150, (source, memo)


_FIT = r"""
import json, sys
from PySide6.QtCore import QEventLoop, QSettings, QSize, QTimer
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
from PySide6.QtWidgets import QApplication, QToolBar
from app.shared.paths import seeds_dir
from app.ui import create_main_window

def wait(win):
    # On the window's own signal, with a time limit; never a sleep.
    if not win.is_settled():
        loop = QEventLoop()
        win.loadSettled.connect(loop.quit)
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()
    assert win.is_settled() and win.fact_model.rowCount() > 0, "the samples did not load"
    QApplication.instance().processEvents()

def report(win):
    screen = win.screen()
    free, frame = screen.availableGeometry(), win.frameGeometry()
    toolbar = win.findChild(QToolBar, "mainToolBar")
    icon = toolbar.actions()[0].icon().pixmap(toolbar.iconSize(), win.devicePixelRatio())
    app_icon = QApplication.instance().windowIcon().pixmap(QSize(64, 64), win.devicePixelRatio())
    return {"screen": [free.x(), free.y(), free.width(), free.height()],
            "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
            "fits": free.contains(frame), "ratio": win.devicePixelRatio(),
            "minimum": [win.minimumSizeHint().width(), win.minimumSizeHint().height()],
            "splitter": win.splitter.sizes(),
            "panes": {n: [w.width(), w.height(), w.isVisible()] for n, w in
                      {"articles": win.article_list, "facts": win.fact_view, "source": win.viewer,
                       "memo": win.memo_panel, "preview": win.memo_preview}.items()},
            "toolbar_icon": [icon.width(), icon.deviceIndependentSize().width()],
            "app_icon": [app_icon.width(), app_icon.deviceIndependentSize().width()]}

first = create_main_window(sorted(seeds_dir().glob("*.txt")))
wait(first)
out = {"first": report(first)}
first.resize(2400, 1500)  # as if saved on a bigger monitor
first.project.confirm_close = lambda: True
first.close()
second = create_main_window()
QApplication.instance().processEvents()
out["restarted"] = report(second)
second.project.confirm_close = lambda: True
second.close()
print("REPORT " + json.dumps(out))
"""


def test_window_fits_1280_by_720_logical_at_200_percent(tmp_path):
    """A 2560×1440 screen at QT_SCALE_FACTOR=2 is 1280×720 logical: the window, frame included, fits it —
    also after a geometry saved on a bigger screen — and the icons are drawn with twice the pixels."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 2560, "height": 1440,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    done = subprocess.run([sys.executable, "-c", _FIT, str(tmp_path / "settings")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("REPORT "))
    result = json.loads(line.removeprefix("REPORT "))
    for when in ("first", "restarted"):
        r = result[when]
        assert r["ratio"] == 2.0 and r["screen"][2:] == [1280, 720], r
        assert r["fits"], r
        assert r["minimum"][0] <= 1280 and r["minimum"][1] <= 720, r
        for name, (width, height, visible) in r["panes"].items():
            assert visible and width >= 150 and height >= 100, (when, name, width, height)
        articles, facts, right = r["splitter"]
        assert 0 < articles < facts and right > 0, r["splitter"]
        assert r["toolbar_icon"][0] == 2 * r["toolbar_icon"][1] > 0  # drawn at device resolution
        assert r["app_icon"] == [128, 64]

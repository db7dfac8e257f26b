"""Regenerate the screenshots in docs/: main-window-light.png and main-window-dark.png (the main window
with the sample articles loaded and a fact selected, in the Light and the Dark theme) and preferences.png
(Edit > Preferences, for the user guide).

Run with `make screenshot` (offscreen; no display needed), or
`docs/screenshot.py [--theme dark] [--preferences] OUT.png`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.ui import create_main_window, settings  # noqa: E402


def main(out: Path, theme: str = "light", what: str = "window") -> None:
    # Keep the user's own settings out of the picture.
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    app = QApplication.instance() or QApplication([])
    settings.remember_theme_mode(theme)  # View › Theme, as a user would have picked it
    win = create_main_window(sorted((ROOT / "seeds").glob("*.txt")))
    win.resize(1600, 900)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (win.loader.is_busy() or not win.briefing.facts):
        app.processEvents()
        time.sleep(0.02)
    settle = time.monotonic() + 0.5  # the after-load step (memo subject and date) runs on a later turn
    while time.monotonic() < settle:
        app.processEvents()
        time.sleep(0.02)
    model = win.fact_model  # a ticked fact, so its source sentence shows highlighted in the viewer
    facts = [model.index(row, 0, model.index(s, 0)) for s in range(model.rowCount())
             for row in range(model.rowCount(model.index(s, 0)))]
    ticked = [i for i in facts if (f := model.fact(i)) is not None and f.included and f.sources]
    if ticked:
        win.fact_view.setCurrentIndex(ticked[0])
    win.memo_preview.render_now()
    while time.monotonic() < deadline and win.memo_preview.page_count() == 0:
        app.processEvents()
        time.sleep(0.02)
    for _ in range(20):
        app.processEvents()
    if what == "preferences":
        from app.ui.preferences import open_preferences

        dialog = open_preferences(win)
        dialog.author_edit.setText("Office of Japanese Affairs")
        for _ in range(20):
            app.processEvents()
        dialog.grab().save(str(out))
        dialog.reject()
    else:
        win.grab().save(str(out))
    print(f"saved {out} ({theme}): {len(win.briefing.articles)} articles, {len(win.briefing.facts)} facts")
    win.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--preferences", action="store_true", help="the Preferences dialog, not the window")
    parser.add_argument("out", nargs="?", type=Path)
    args = parser.parse_args()
    main(args.out or ROOT / "docs" / f"main-window-{args.theme}.png", args.theme,
         "preferences" if args.preferences else "window")

"""Regenerate the screenshots in docs/: main-window.png (the main window with the sample articles loaded
and a fact selected) and preferences.png (Edit > Preferences, for the user guide).

Run with `make screenshot` (offscreen; no display needed), or `docs/screenshot.py OUT.png [preferences]`.
"""

from __future__ import annotations

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

from app.ui import create_main_window  # noqa: E402


def main(out: Path, what: str = "window") -> None:
    # Keep the user's own settings out of the picture.
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    app = QApplication.instance() or QApplication([])
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
    model = win.fact_model
    section = model.index(0, 0)
    if model.rowCount(section) > 1:
        win.fact_view.setCurrentIndex(model.index(1, 0, section))
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
    print(f"saved {out}: {len(win.briefing.articles)} articles, {len(win.briefing.facts)} facts")
    win.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "main-window.png",
         sys.argv[2] if len(sys.argv) > 2 else "window")

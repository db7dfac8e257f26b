"""The GUI half of ``--self-test`` and the hidden ``--startup-probe``.

Both run in their own process: the self-test forces the offscreen platform (no display needed), keeps Qt's
log quiet, sends QSettings to a temporary folder and turns message boxes into failures, so nothing blocks
and nothing of the user's is touched.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def _count_facts(model) -> int:
    """Leaf rows: the facts under their section rows (or the top rows of a flat model)."""
    top = model.rowCount()
    leaves = sum(model.rowCount(model.index(r, 0)) for r in range(top))
    return leaves or top


def open_window_and_count_facts(seeds: Path, settings_dir: Path, timeout: float) -> int:
    """Open the main window offscreen on ``seeds``; wait (event loop, ``timeout`` s) until loading is done."""
    from app.launch.selftest import SelfTestFailure

    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before the QApplication exists; this process only
    from PySide6.QtCore import QEventLoop, QSettings, QTimer, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from app.ui import create_main_window, dialogs

    problems: list[str] = []
    saved = dialogs.show_errors, dialogs.show_error
    dialogs.show_errors = lambda _parent, title, lines: problems.append(f"{title}: {'; '.join(lines)}")
    dialogs.show_error = lambda _parent, title, message: problems.append(f"{title}: {message}")
    previous_handler = qInstallMessageHandler(lambda *_args: None)  # offscreen warnings are not news
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    window = None
    try:
        window = create_main_window([seeds])
        if window.loader.is_busy():
            loop = QEventLoop()
            window.loader.busyChanged.connect(lambda busy: busy or loop.quit())
            timer = QTimer(singleShot=True)
            timer.timeout.connect(loop.quit)
            timer.start(int(timeout * 1000))
            loop.exec()
            if window.loader.is_busy():
                raise SelfTestFailure(f"the window was still loading the samples after {timeout:.0f} s")
        QApplication.processEvents()  # let the window apply the result (queued connections)
        if problems:
            raise SelfTestFailure(f"the window reported {problems[0]}")
        if not window.isVisible():
            raise SelfTestFailure("the main window did not show")
        return _count_facts(window.fact_model)
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
        dialogs.show_errors, dialogs.show_error = saved
        qInstallMessageHandler(previous_handler)


def _process_age() -> float | None:
    """Seconds since this process started (Linux), so the probe counts interpreter start-up too."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started_ticks = int(fields[19])  # field 22 of stat(5): start time in clock ticks after boot
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - started_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def startup_probe(paths: list[Path]) -> int:
    """Show the window as a user start would, print the time when it is first exposed, and quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui import create_main_window

    clock = time.perf_counter()

    class _FirstExpose(QObject):
        def __init__(self, window) -> None:
            super().__init__()
            self.window, self.seen = window, False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Expose and watched.isExposed() and not self.seen:
                self.seen = True
                age = _process_age()
                since = f"{age:.2f} s after process start" if age is not None else "? s after process start"
                cpu = time.process_time()  # all threads: a load-independent companion to the wall time
                print(f"startup-probe: window visible {since} "
                      f"({time.perf_counter() - clock:.2f} s after the GUI code began, {cpu:.2f} s CPU)",
                      flush=True)
                QTimer.singleShot(0, self.window.close)
            return False

    window = create_main_window(paths)
    probe = _FirstExpose(window)
    handle = window.windowHandle()
    if handle is None:
        print("startup-probe: the window has no native window", file=sys.stderr)
        return 1
    handle.installEventFilter(probe)
    if handle.isExposed():  # some platforms expose during show(), before the filter was installed
        probe.eventFilter(handle, QEvent(QEvent.Type.Expose))
    QTimer.singleShot(30_000, window.close)  # never hang a measuring script
    code = QApplication.instance().exec()
    del window
    return int(code)

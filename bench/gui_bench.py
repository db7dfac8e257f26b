"""GUI responsiveness: start-up time and the longest event-loop stall while 200 articles load.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_bench.py [--articles 200] [--words 700]``

A 5 ms QTimer records when each of its ticks arrives; a gap between ticks much longer than 5 ms means the GUI
thread was busy (not answering input or repainting) for that long. The target is no gap over 100 ms.
Prints: time from process start to the window's first paint, total load time (add_paths -> facts shown),
and the longest and 99th-percentile tick gaps during loading (plus the settling period right after).
"""

from __future__ import annotations

import time

T0 = time.perf_counter()  # process start, as near as a script can get

import argparse  # noqa: E402 - timing starts before the imports
import faulthandler  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_MS = 100.0
SETTLE_MS = 500  # keep measuring after the load: the views lay out and paint the new facts then

_PEOPLE = [("Minister", "Anna Lindqvist", "Sweden"), ("Secretary", "Paul Okafor", "Nigeria"),
           ("Foreign Minister", "Mei Tanaka", "Japan"), ("Defence Minister", "Carlos Ibarra", "Chile"),
           ("Ambassador", "Lena Vogel", "Germany"), ("Prime Minister", "Ravi Menon", "India")]
_PLACES = ["Stockholm", "Lagos", "Osaka", "Santiago", "Berlin", "Delhi", "Geneva", "Nairobi"]
_TOPICS = ["maritime patrols", "cyber defence", "trade in critical minerals", "joint exercises",
           "missile production", "refugee support", "satellite data sharing", "energy security",
           "a new command headquarters", "port infrastructure", "export controls", "climate finance"]
_VERBS = ["agreed to expand", "discussed", "announced plans for", "signed a memorandum on",
          "will review", "pledged funding for", "raised concerns about", "welcomed progress on"]


def _sentence(rng: random.Random, n: int) -> str:
    role, name, country = rng.choice(_PEOPLE)
    topic, verb, place = rng.choice(_TOPICS), rng.choice(_VERBS), rng.choice(_PLACES)
    amount = rng.randint(2, 900)
    forms = [
        f"{country}'s {role} {name} {verb} {topic} during talks in {place} on day {n}.",
        f"Officials said the two sides {verb} {topic}, worth about ${amount} million over "
        f"{rng.randint(2, 9)} years.",
        f"According to a statement, {name} stressed that {topic} remained a priority for {country}.",
        f"The delegations {verb} {topic} and set up a working group of {amount} experts in {place}.",
        f"Analysts expect the agreement on {topic} to be reviewed when ministers meet again in {place}.",
    ]
    return rng.choice(forms)


def write_articles(folder: Path, count: int, words: int, seed: int = 7) -> list[Path]:
    """``count`` distinct synthetic news articles of about ``words`` words each."""
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        place = rng.choice(_PLACES)
        lines = [f"Ministers meet in {place} for round {i} of security talks", "",
                 f"{place}, {rng.randint(1, 28)} March 2025.", ""]
        total, n = 0, 0
        paragraph: list[str] = []
        while total < words:
            sentence = _sentence(rng, i * 1000 + n)
            paragraph.append(sentence)
            total += len(sentence.split())
            n += 1
            if len(paragraph) == 4:
                lines += [" ".join(paragraph), ""]
                paragraph = []
        if paragraph:
            lines.append(" ".join(paragraph))
        path = folder / f"article-{i:03d}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


class StallWatch:
    """Where the GUI thread is when a tick is 100 ms late: faulthandler's C watchdog thread dumps every
    thread's stack even while the GUI thread holds the GIL; each tick re-arms it."""

    def __init__(self, late_s: float = TARGET_MS / 1000) -> None:
        self.late = late_s
        self.log = tempfile.TemporaryFile(mode="w+")

    def arm(self) -> None:
        faulthandler.dump_traceback_later(self.late, repeat=True, file=self.log)

    def stop(self) -> None:
        faulthandler.cancel_dump_traceback_later()

    def sites(self) -> Counter[str]:
        """Innermost app frames of the main thread in each dump, counted."""
        self.log.seek(0)
        main = f"0x{threading.main_thread().ident:016x}"
        found: Counter[str] = Counter()
        block: list[str] | None = None
        for line in [*self.log.read().splitlines(), ""]:
            if line.startswith(("Thread 0x", "Current thread 0x")) or not line.strip():
                if block is not None:
                    chain = [f"{Path(f.split(chr(34))[1]).name}:{f.rsplit(' in ', 1)[1]}" for f in block
                             if "/app/" in f][:4]
                    found[" < ".join(chain) or "(Qt or the library, no app frame)"] += 1
                block = [] if main in line else None
            elif block is not None and line.strip().startswith("File "):
                block.append(line.strip())
        return found


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--words", type=int, default=700)
    parser.add_argument("--why", action="store_true", help="sample the GUI thread's stack when it stalls")
    parser.add_argument("--disable", action="append", default=[], metavar="MODULE",
                        help="skip app.ui.MODULE.install(window) (e.g. preview, project) to see its share")
    args = parser.parse_args()

    from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QSettings, QTimer  # noqa: TID251

    work = Path(tempfile.mkdtemp(prefix="gui-bench-"))
    # Settings and recovery copies in the temp folder: a stale recovery file must not open a dialog here.
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))

    import importlib

    from app.ui import create_main_window

    for name in args.disable:
        importlib.import_module(f"app.ui.{name}").install = lambda *a, **k: None

    class FirstPaint(QObject):
        at: float | None = None

        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
            if self.at is None and event.type() in (QEvent.Type.Paint, QEvent.Type.Expose):
                self.at = time.perf_counter()
            return False

    from PySide6.QtWidgets import QApplication  # noqa: TID251 - a GUI benchmark

    app = QApplication.instance() or QApplication(sys.argv[:1])
    painted = FirstPaint()
    app.installEventFilter(painted)  # the first paint of any of the window's widgets
    window = create_main_window([])
    deadline = time.perf_counter() + 10
    while painted.at is None and time.perf_counter() < deadline:
        app.processEvents()
    app.removeEventFilter(painted)
    shown_ms = ((painted.at or time.perf_counter()) - T0) * 1000

    folder = work / "articles"
    folder.mkdir()
    write_articles(folder, args.articles, args.words)

    ticks: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.setInterval(5)
    watch = StallWatch() if args.why else None

    def tick() -> None:
        ticks.append(clock.nsecsElapsed() / 1e6)
        if watch is not None:
            watch.arm()

    timer.timeout.connect(tick)
    state: dict = {"loaded": None, "done": False}
    window.loader.loaded.connect(lambda *_: state.update(loaded=clock.nsecsElapsed() / 1e6))
    window.loader.failed.connect(lambda msg: (print("load failed:", msg), finish()))

    def finish() -> None:
        state["done"] = True
        timer.stop()
        if watch is not None:
            watch.stop()
        app.quit()

    def loaded_check() -> None:
        if state["loaded"] is not None and not window.loader.is_busy() and not state.get("settling"):
            state["settling"] = True
            QTimer.singleShot(SETTLE_MS, finish)

    check = QTimer()
    check.setInterval(20)
    check.timeout.connect(loaded_check)
    timer.start()
    check.start()
    start = clock.nsecsElapsed() / 1e6
    window.add_paths([folder])
    app.exec()
    timer.stop()
    check.stop()

    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    worst = max(gaps, default=0.0)
    when = ticks[gaps.index(worst)] - start if gaps else 0.0
    # The worker's result arrives at "loaded"; the facts are on screen at the first tick after it.
    arrived = state["loaded"] or clock.nsecsElapsed() / 1e6
    shown = next((t for t in ticks if t > arrived), arrived)
    load_ms = shown - start
    working = [b - a for a, b in zip(ticks, ticks[1:], strict=False) if b <= arrived]
    after = [b - a for a, b in zip(ticks, ticks[1:], strict=False) if b > arrived]
    facts = len(window.briefing.facts)
    print(f"articles loaded            {len(window.briefing.articles)} ({args.words} words each), "
          f"{facts} facts")
    print(f"start -> window shown      {shown_ms:8.1f} ms")
    print(f"total load time            {load_ms:8.1f} ms  (add_paths -> facts on screen)")
    print(f"  worker running: longest gap {max(working, default=0.0):8.1f} ms, "
          f"99th pct {_percentile(working, 0.99):6.1f} ms")
    print(f"  showing result: longest gap {max(after, default=0.0):8.1f} ms")
    print(f"longest event-loop gap     {worst:8.1f} ms  (at {when:.0f} ms after add_paths)")
    print(f"99th percentile gap        {_percentile(gaps, 0.99):8.1f} ms")
    print(f"ticks recorded             {len(ticks)}")
    print(f"target (<= {TARGET_MS:.0f} ms)         {'met' if worst <= TARGET_MS else 'MISSED'}")
    if watch is not None:
        print(f"where the GUI thread was when a tick was {TARGET_MS:.0f} ms late (count, innermost first):")
        for site, count in watch.sites().most_common(12):
            print(f"{count:5d} x  {site}")
    window.close()
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())

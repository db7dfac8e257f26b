"""Extraction benchmark: a synthetic corpus of 1,000 articles (~700 words each) through the whole
pipeline (ingest -> clean -> extract -> merge -> later engine steps), plus import costs.

    .venv/bin/python bench/extract_bench.py [--articles N] [--words N] [--profile]

Prints words/s, total seconds, peak memory (tracemalloc peak of a second, traced run; ru_maxrss of the
process), the import time of the extraction package and the core import cost the GUI pays at start-up.
Targets (issue 3, 2-core machine): 1,000 articles < 5 s, < 500 MB peak, < 300 ms added to GUI start-up.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import write_corpus  # noqa: E402

TARGET_SECONDS = 5.0
TARGET_MB = 500.0
TARGET_GUI_MS = 300.0


def _python(code: str, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *flags, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=True, env={"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
                                           "PATH": "/usr/bin:/bin"})


def import_seconds(modules: str, runs: int = 7) -> float:
    """Best wall time of importing ``modules`` in a fresh interpreter (interpreter start excluded)."""
    code = f"import time; t = time.perf_counter(); import {modules}; print(time.perf_counter() - t)"
    return min(float(_python(code).stdout) for _ in range(runs))  # the least disturbed run


def _importtime_tree(module: str) -> list[tuple[str, int, int, list]]:
    """``python -X importtime`` output as a tree of (name, self_us, cumulative_us, children)."""
    err = _python(f"import {module}", "-X", "importtime").stderr
    stack: list[tuple[int, tuple[str, int, int, list]]] = []
    for line in err.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cum_us, name = line[len("import time:"):].split("|")
        depth = (len(name) - len(name.lstrip())) // 2
        children = []
        while stack and stack[-1][0] > depth:
            children.insert(0, stack.pop()[1])
        stack.append((depth, (name.strip(), int(self_us), int(cum_us), children)))
    return [node for _, node in stack]


def core_cost_of(module: str) -> tuple[float, list[tuple[str, float]]]:
    """Milliseconds spent importing Qt-free core modules (app.*, not app.ui) while importing ``module``,
    with the heaviest of them."""
    found: list[tuple[str, float]] = []

    def walk(nodes: list) -> None:
        for name, _self, cum, children in nodes:
            if name.startswith("app.") and not name.startswith("app.ui"):
                found.append((name, cum / 1000))
            else:
                walk(children)

    walk(_importtime_tree(module))
    return sum(ms for _, ms in found), sorted(found, key=lambda x: -x[1])[:6]


class _Phases:
    """Wall time per pipeline phase, from the progress messages (first word: "Reading", "Extracting"...)."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self._phase, self._since = "", time.perf_counter()

    def __call__(self, done: int, total: int, message: str) -> None:
        phase = message.split(" ", 1)[0] if message else "?"
        if phase == "Read":  # "Read 1000 of 1000 files" closes the reading phase
            phase = "Reading"
        if phase != self._phase:
            self.close()
            self._phase = phase

    def close(self) -> None:
        now = time.perf_counter()
        if self._phase:
            self.times[self._phase] = self.times.get(self._phase, 0.0) + now - self._since
        self._since = now


def run_pipeline(folder: Path, progress=None, workers: int | None = None):
    from app.run.pipeline import AUTO, build_briefing

    return build_briefing([folder], progress=progress, workers=AUTO if workers is None else workers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=700)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one run (one process)")
    parser.add_argument("--workers", type=int, default=None,
                        help="processes at work, this one included (default: as the CLI and the app choose; "
                             "1 = this process only)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        folder = Path(tmp)
        files, words = write_corpus(folder, args.articles, args.words)
        import app.extract.engine  # noqa: F401  (import cost is measured separately)
        import app.ingest  # noqa: F401

        gc.collect()
        phases = _Phases()
        kids = lambda: sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2])  # noqa: E731 - user + system
        t0, c0, k0 = time.perf_counter(), time.process_time(), kids()
        result = run_pipeline(folder, phases, args.workers)
        seconds, cpu, kid_cpu = time.perf_counter() - t0, time.process_time() - c0, kids() - k0
        phases.close()
        maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        briefing = result.briefing
        facts, sources = len(briefing.facts), sum(len(f.sources) for f in briefing.facts)
        removed = sum(len(a.removed) for a in briefing.articles)
        del result, briefing
        gc.collect()

        tracemalloc.start()  # this process only: worker processes are measured by ru_maxrss of children
        run_pipeline(folder, workers=args.workers)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        if args.profile:
            import cProfile
            import pstats

            prof = cProfile.Profile()
            prof.runcall(run_pipeline, folder, None, 1)
            pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
            pstats.Stats(prof).sort_stats("tottime").print_stats(25)

    engine_s = import_seconds("app.extract.engine, app.ingest, app.run.pipeline")
    full_s = import_seconds("app.extract.engine, app.extract.facts, app.ingest, app.run.pipeline")
    gui_core_ms, heaviest = core_cost_of("app.ui.main_window")

    ok = lambda good: "ok" if good else "MISSED"  # noqa: E731
    peak_mb = peak / 2**20
    from app.run.pool import worker_count

    used = worker_count(files, args.workers)
    print(f"worker processes: {f'{used} besides this one' if used else 'none (one process)'} on {os.cpu_count()} CPUs")
    print(f"extract_bench: {files} articles, {words:,} words (synthetic, {args.words} words/article target)")
    print(f"  total seconds        {seconds:8.2f} s   [{ok(seconds < TARGET_SECONDS * files / 1000)}: "
          f"< {TARGET_SECONDS:.0f} s per 1,000]")
    print(f"  CPU seconds          {cpu:8.2f} s here + {kid_cpu:.2f} s in workers   "
          f"(the machine's load average: {os.getloadavg()[0]:.1f})")
    print("  phases (wall)        " + ", ".join(f"{k} {v:.2f} s" for k, v in phases.times.items()))
    print(f"  words/s              {words / seconds:8,.0f}")
    print(f"  facts / sources      {facts:,} / {sources:,}   removed parts: {removed:,}")
    print(f"  peak memory          {peak_mb:8.1f} MB tracemalloc peak   "
          f"[{ok(peak_mb < TARGET_MB)}: < {TARGET_MB:.0f} MB]")
    print(f"  ru_maxrss            {maxrss_mb:8.1f} MB (whole process, interpreter and corpus included); "
          f"largest worker process {child_mb:.1f} MB")
    print(f"  import engine+ingest {engine_s * 1000:8.1f} ms (app.extract.engine, app.ingest, app.run.pipeline)")
    print(f"  import + facts       {full_s * 1000:8.1f} ms (adds app.extract.facts, loaded in the worker)")
    print(f"  GUI start-up core    {gui_core_ms:8.1f} ms imported by app.ui.main_window   "
          f"[{ok(gui_core_ms < TARGET_GUI_MS)}: < {TARGET_GUI_MS:.0f} ms]")
    print("    heaviest: " + ", ".join(f"{n} {ms:.1f} ms" for n, ms in heaviest))
    return 0


if __name__ == "__main__":
    sys.exit(main())

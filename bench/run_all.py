"""Run every benchmark script in bench/ (each ``*.py`` except this one and ``_helpers``), one after the
other in its own interpreter, and print their figures.

    .venv/bin/python bench/run_all.py [NAME_SUBSTRING ...]
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def scripts(filters: list[str]) -> list[Path]:
    found = [p for p in sorted(BENCH.glob("*.py"))
             if p.name != Path(__file__).name and not p.name.startswith(("_", "test_"))]
    return [p for p in found if not filters or any(f in p.name for f in filters)]


def main(argv: list[str] | None = None) -> int:
    filters = sys.argv[1:] if argv is None else argv
    env = dict(os.environ, PYTHONPATH=str(ROOT),
               QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    failed = []
    for script in scripts(filters):
        print(f"=== {script.name}", flush=True)
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env)
        wall = time.perf_counter() - t0
        print(f"=== {script.name}: exit {proc.returncode}, {wall:.1f} s wall\n", flush=True)
        if proc.returncode:
            failed.append(script.name)
    if failed:
        print("FAILED: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

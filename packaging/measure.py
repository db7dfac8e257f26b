"""Print the figures the README quotes for a built bundle: size, start-up time to a visible window, and how
long the frozen --self-test takes.

    .venv/bin/python packaging/measure.py [dist/briefing-builder] [--runs 5] [--source]

Start-up is measured by the hidden ``--startup-probe`` flag: the app starts as a user start would (sample
articles loading on a worker), prints the time from process start until its window is first exposed, and
quits. Without a display the runs go through ``xvfb-run`` (a real X server, the xcb platform plugin).
Figures, not assertions: they depend on the machine and its load (printed alongside).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "briefing-builder"
_VISIBLE = re.compile(r"window visible ([\d.]+) s after process start.*?([\d.]+) s CPU")


def _display_prefix() -> list[str]:
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return []
    if shutil.which("xvfb-run") is None:
        raise SystemExit("no display and no xvfb-run: install xvfb or run from a desktop session")
    return ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24"]


def startup_times(command: list[str], runs: int) -> list[tuple[float, float]]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    times = []
    for _ in range(runs):
        done = subprocess.run([*_display_prefix(), *command, "--startup-probe"], capture_output=True,
                              text=True, timeout=120, env=env, cwd=ROOT)
        match = _VISIBLE.search(done.stdout)
        if done.returncode != 0 or not match:
            raise SystemExit(f"start-up probe failed ({done.returncode}): {done.stdout} {done.stderr}")
        times.append((float(match.group(1)), float(match.group(2))))
    return times


def self_test(command: list[str]) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    start = time.perf_counter()
    done = subprocess.run([*command, "--self-test"], capture_output=True, text=True, timeout=300, env=env,
                          cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"self-test failed: {done.stderr.strip()}")
    return elapsed, done.stdout.strip()


def _load() -> str:
    try:
        return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    except OSError:
        return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "dist" / NAME)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--source", action="store_true", help="also measure the app run from source")
    args = parser.parse_args()
    exe = args.bundle / NAME
    if not exe.is_file():
        raise SystemExit(f"no bundle at {args.bundle}: run make package first")

    size = subprocess.run(["du", "-sh", str(args.bundle)], capture_output=True, text=True).stdout.split()[0]
    files = sum(1 for p in args.bundle.rglob("*") if p.is_file())
    print(f"bundle {args.bundle}: {size}B on disk (du -sh), {files} files")
    targets = [("frozen", [str(exe)])]
    if args.source:
        targets.append(("source", [sys.executable, "-m", "app"]))
    for label, command in targets:
        times = startup_times(command, args.runs)
        wall, cpu = [t[0] for t in times], [t[1] for t in times]
        print(f"{label}: start to visible window, median {statistics.median(wall):.2f} s, "
              f"best {min(wall):.2f} s over {len(times)} runs; CPU until then median "
              f"{statistics.median(cpu):.2f} s ({_load()})")
        elapsed, line = self_test(command)
        print(f"{label}: --self-test {elapsed:.1f} s wall: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A long fuzz run of every reader: mutated txt/md/html/docx/pdf/.briefing files through the app's own reading
(and extraction, and now and then both exports), each in a worker process with a time and a memory bound.

    python bench/fuzz_readers.py [--inputs 10000] [--seed N] [--workers 2] [--keep tests/data/fuzz]

Prints how many inputs of each kind ended loaded or refused (the app's own error) and every problem: an
uncaught exception, a hang, a dead worker, an input over the time or memory bound, or an unclear message.
Inputs with problems are saved (``--keep``) as regression cases for tests/test_fuzz_readers.py.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fuzz_harness import KINDS, Worker, build_samples, mutate, problems, save_crasher  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=None, help="folder for inputs with problems")
    parser.add_argument("--export-share", type=float, default=0.1, help="share of loaded inputs also exported")
    args = parser.parse_args()

    print(f"seed {args.seed}, {args.inputs} inputs, {args.workers} worker processes")
    samples = build_samples()
    counts: Counter[tuple[str, str]] = Counter()
    found: list[str] = []
    slowest: list[tuple[float, str]] = []
    peak = 0.0
    finished = itertools.count(1)  # next() on it is atomic in CPython: both lanes count into it
    start = time.perf_counter()

    def lane(index: int) -> None:
        nonlocal peak
        rnd = random.Random(f"{args.seed}-{index}")
        with Worker() as worker:
            for n in range(index, args.inputs, args.workers):
                kind = KINDS[n % len(KINDS)]
                data, names = mutate(kind, samples, rnd, rnd.choice((1, 1, 2, 3)))
                outcome = worker.run(kind, data, export=rnd.random() < args.export_share)
                counts[kind, outcome.result] += 1
                peak = max(peak, outcome.peak_mb)
                slowest.append((outcome.seconds, f"{kind} {'+'.join(names)}"))
                issues = problems(outcome)
                if issues:
                    where = f" -> {save_crasher(args.keep, kind, data, '; '.join(issues))}" if args.keep else ""
                    found.append(f"{kind} ({'+'.join(names)}): {issues[0][:300]}{where}")
                done = next(finished)
                if done % 1000 == 0:
                    print(f"  {done} inputs, {len(found)} problems, {time.perf_counter() - start:.0f} s",
                          flush=True)

    with ThreadPoolExecutor(args.workers) as pool:
        list(pool.map(lane, range(args.workers)))

    elapsed = time.perf_counter() - start
    print(f"\n{args.inputs} inputs in {elapsed:.0f} s ({args.inputs / elapsed:.0f}/s); worker peak RSS {peak:.0f} MB")
    print(f"{'kind':10} {'loaded':>8} {'refused':>8} {'crash':>6} {'hang':>5} {'died':>5}")
    for kind in KINDS:
        row = [counts[kind, r] for r in ("loaded", "refused", "crash", "hang", "died")]
        print(f"{kind:10} {row[0]:8} {row[1]:8} {row[2]:6} {row[3]:5} {row[4]:5}")
    slowest.sort(reverse=True)
    print("slowest: " + "; ".join(f"{s:.2f} s {what}" for s, what in slowest[:3]))
    print(f"problems: {len(found)}")
    for line in found[:50]:
        print("  " + line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

"""Reading files in a child process with an address-space cap, timed, with its own peak memory: how the
bound tests run bombs, so a regression fails the test instead of taking the machine down."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = textwrap.dedent("""
    import json, resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024 ** 3, 3 * 1024 ** 3))
    from pathlib import Path
    from app.shared.errors import IngestError
    from app.ingest import load_article
    out = []
    for name in sys.argv[1:]:
        start = time.perf_counter()
        try:
            load_article(Path(name))
            problem = None
        except IngestError as exc:
            problem = exc.problem
        except MemoryError:
            problem = "MemoryError"
        out.append([Path(name).name, problem, time.perf_counter() - start])
    # VmHWM is this process's own peak; ru_maxrss would also count the parent's at the fork.
    hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
    print(json.dumps({"results": out, "peak_mb": int(hwm.split()[1]) / 1024}))
""")


def load_in_child(paths: list[Path]) -> dict:
    """``{"results": [[file name, problem or None, seconds], ...], "peak_mb": peak RSS}`` of loading ``paths``."""
    proc = subprocess.run([sys.executable, "-c", _CHILD, *map(str, paths)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)

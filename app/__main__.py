"""Entry point for ``python -m app`` and the ``briefing-builder`` script: the thin launcher, the one module
outside ``app/ui`` that may reach the GUI. It hands the command line the window's entry points, imported
only when one is called, so ``extract`` and ``export`` never load Qt."""

from __future__ import annotations

import sys
from pathlib import Path


def _run_window(paths: list[Path]) -> int:
    from app.ui import run_gui

    return run_gui(paths)


def _startup_probe(paths: list[Path]) -> int:
    from app.ui.selfcheck import startup_probe

    return startup_probe(paths)


def _count_window_facts(seeds: Path, settings_dir: Path, timeout: float) -> int:
    from app.ui.selfcheck import open_window_and_count_facts

    return open_window_and_count_facts(seeds, settings_dir, timeout)


def main(argv: list[str] | None = None) -> int:
    from app.launch.cli import Gui
    from app.launch.cli import main as cli_main

    gui = Gui(run=_run_window, startup_probe=_startup_probe, count_window_facts=_count_window_facts)
    return cli_main(sys.argv[1:] if argv is None else argv, gui)


if __name__ == "__main__":
    sys.exit(main())

"""Entry script of the frozen app (PyInstaller needs a file, not ``python -m app``)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # A worker process of the frozen app is this same executable: let it run its job and stop here.
    multiprocessing.freeze_support()
    from app.__main__ import main

    sys.exit(main())

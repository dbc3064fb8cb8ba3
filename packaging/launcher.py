"""Entry point of the frozen app (PyInstaller): the same as ``pluggto-desktop`` / ``python -m pluggto_desktop``.

Kept tiny on purpose: everything — the GUI, ``setup``, ``sync``, ``status``, ``simulate``,
``--version``, ``--self-test`` — is decided by :func:`pluggto_desktop.cli.main`.
"""

import multiprocessing
import sys

from pluggto_desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless when unused; required if a library ever spawns
    sys.exit(main())

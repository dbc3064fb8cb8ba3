"""Shared test setup.

* Qt runs offscreen (no display on CI machines).
* keyring uses an in-memory backend (tests/support/keyring_backends.py) so no test ever touches
  the developer's real keychain; subprocess tests select the file-backed one explicitly.
* async tests use anyio's pytest plugin on asyncio: mark them ``@pytest.mark.anyio``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.keyring_backends.MemoryKeyring"
# "Start with the computer" writes an XDG autostart entry: never into the real ~/.config
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="pluggto-tests-config-")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
def _no_rate_limit_left_behind():
    """``logs.setup_logging`` (run in-process by CLI tests) puts rate-limit filters on a few
    loggers for the life of the process; take them off after each test, so a message a test
    expects is never held back because an earlier test logged the same one."""
    yield
    import logging

    from pluggto_desktop.logs import FLOOD_LOGGERS, RateLimitFilter

    for name in FLOOD_LOGGERS:
        logger = logging.getLogger(name)
        for item in [f for f in logger.filters if isinstance(f, RateLimitFilter)]:
            logger.removeFilter(item)

"""Fixtures of the support tests (network options, connection doctor, diagnostics bundle).

Like the core tests: every test starts with an empty in-memory keyring, no secret or proxy
environment variables, no registered secrets, and leaves logging as it found it.
"""

from __future__ import annotations

import logging

import keyring
import pytest

from pluggto_desktop import logs
from pluggto_desktop.profile import HOME_ENV, Profile
from tests.support import keyring_backends

SECRET_ENV_VARS = ("PLUGGTO_CLIENT_SECRET", "PLUGGTO_PASSWORD", "LINX_PASSWORD")
PROXY_ENV_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY",
                  "http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture(autouse=True)
def _clean_state(monkeypatch: pytest.MonkeyPatch):
    for name in (*SECRET_ENV_VARS, *PROXY_ENV_VARS, HOME_ENV):
        monkeypatch.delenv(name, raising=False)
    keyring_backends.reset()
    logs.forget_secrets()
    backend = keyring.get_keyring()
    yield
    keyring.set_keyring(backend)
    keyring_backends.reset()
    logs.forget_secrets()


@pytest.fixture
def profile(tmp_path) -> Profile:
    return Profile(tmp_path / "profile").ensure()


@pytest.fixture
def restore_logging():
    """Undo setup_logging: remove and close the handlers it installed, restore the root level."""
    root = logging.getLogger()
    level = root.level
    before = list(root.handlers)
    yield
    for handler in list(root.handlers):
        if handler not in before:
            root.removeHandler(handler)
            if handler is not logs.ring_buffer():
                handler.close()
    root.setLevel(level)
    logs.ring_buffer().clear()
    logging.captureWarnings(False)

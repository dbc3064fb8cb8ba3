"""Per-test isolation fixtures shared by the core and the support tests.

Every test starts with an empty in-memory keyring, no secret environment variables (the support
tests also clear the proxy ones), no registered secrets, and ``restore_logging`` leaves logging as
it found it. The conftests re-export what they need::

    from tests.support.isolation import _clean_state, profile, restore_logging  # noqa: F401
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

import keyring
import pytest

from pluggto_desktop import logs
from pluggto_desktop.profile import HOME_ENV, Profile
from pluggto_desktop.secrets import ENV_SECRET_NAMES
from tests.support import keyring_backends

#: The secrets the app reads from environment variables of the same name.
SECRET_ENV_VARS = ENV_SECRET_NAMES
PROXY_ENV_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY",
                  "http_proxy", "https_proxy", "all_proxy", "no_proxy")


def _isolated(monkeypatch: pytest.MonkeyPatch, env_vars: Iterable[str]) -> Iterator[None]:
    """Empty keyring, no ``env_vars``, no registered secrets; restore the keyring backend after."""
    for name in env_vars:
        monkeypatch.delenv(name, raising=False)
    keyring_backends.reset()
    logs.forget_secrets()
    backend = keyring.get_keyring()
    yield
    keyring.set_keyring(backend)  # a test that swapped the backend cannot leak it
    keyring_backends.reset()
    logs.forget_secrets()


@pytest.fixture(autouse=True)
def _clean_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts with an empty keyring, no secret env vars and no registered secrets."""
    yield from _isolated(monkeypatch, (*SECRET_ENV_VARS, HOME_ENV))


@pytest.fixture(name="_clean_state", autouse=True)
def _clean_state_no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Like :func:`_clean_state`, and no proxy environment variables either."""
    yield from _isolated(monkeypatch, (*SECRET_ENV_VARS, *PROXY_ENV_VARS, HOME_ENV))


@pytest.fixture
def profile(tmp_path) -> Profile:
    return Profile(tmp_path / "profile").ensure()


@pytest.fixture
def restore_logging() -> Iterator[None]:
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

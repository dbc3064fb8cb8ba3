"""Fixtures of the support tests (network options, connection doctor, diagnostics bundle).

Like the core tests: every test starts with an empty in-memory keyring, no secret or proxy
environment variables, no registered secrets, and leaves logging as it found it (the fixtures
are defined in tests/support/isolation.py).
"""

from __future__ import annotations

from tests.support.isolation import (  # noqa: F401
    PROXY_ENV_VARS,
    SECRET_ENV_VARS,
    _clean_state_no_proxy_env,
    profile,
    restore_logging,
)

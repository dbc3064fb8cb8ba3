"""Fixtures shared by the core tests: a clean keyring, environment and logging per test
(defined in tests/support/isolation.py)."""

from __future__ import annotations

from tests.support.isolation import SECRET_ENV_VARS, _clean_state, profile, restore_logging  # noqa: F401

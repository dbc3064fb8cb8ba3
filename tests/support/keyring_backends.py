"""keyring backends for tests only.

* :class:`MemoryKeyring` — what every test uses (tests/conftest.py sets
  ``PYTHON_KEYRING_BACKEND=tests.support.keyring_backends.MemoryKeyring``): a process-wide dict,
  so no test ever touches the developer's real keychain. Call :func:`reset` between tests.
* :class:`FileKeyring` — for SUBPROCESS tests ONLY (see its docstring).
* The "no usable backend" case needs no class here: tests call
  ``keyring.set_keyring(keyring.backends.fail.Keyring())`` and restore the previous backend.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import KeyringError, PasswordDeleteError

_STORE: dict[tuple[str, str], str] = {}


def reset() -> None:
    """Empty the in-memory keyring shared by every MemoryKeyring instance."""
    _STORE.clear()


def entries() -> dict[tuple[str, str], str]:
    """A copy of what the in-memory keyring holds: ``{(service, username): password}``."""
    return dict(_STORE)


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring shared by the whole test process."""

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805 - keyring's classproperty passes the class
        return 1

    def get_password(self, service: str, username: str) -> str | None:
        return _STORE.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        _STORE[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del _STORE[(service, username)]
        except KeyError:
            raise PasswordDeleteError("not found") from None

    @staticmethod
    def reset() -> None:
        reset()


class LockedKeyring(MemoryKeyring):
    """Reads and writes like :class:`MemoryKeyring`, but deleting fails (a locked keychain)."""

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringError("the keychain is locked")


@contextlib.contextmanager
def using_keyring(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    """Make ``backend`` keyring's backend for the block, then put the previous one back."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


FILE_ENV = "PLUGGTO_TEST_KEYRING_FILE"


class FileKeyring(KeyringBackend):
    """!!! TESTS ONLY — STORES PASSWORDS IN PLAIN TEXT — SUBPROCESS TESTS ONLY !!!

    A JSON file at ``$PLUGGTO_TEST_KEYRING_FILE`` so that a test and the ``pluggto-desktop``
    subprocess it starts see the same secrets (an in-memory keyring cannot cross processes).
    Select it in the child's environment with
    ``PYTHON_KEYRING_BACKEND=tests.support.keyring_backends.FileKeyring`` and point
    ``PLUGGTO_TEST_KEYRING_FILE`` at a file inside the test's ``tmp_path``.

    Never use it anywhere else: the app's promise is that secrets are never written to disk in
    plain text. Without the environment variable it refuses to load (``priority`` raises), so
    keyring can never pick it by accident.
    """

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805 - keyring's classproperty passes the class
        if not os.environ.get(FILE_ENV):
            raise RuntimeError(f"FileKeyring is for subprocess tests only: set {FILE_ENV}")
        return 0.5

    @staticmethod
    def _path() -> Path:
        value = os.environ.get(FILE_ENV)
        if not value:
            raise RuntimeError(f"FileKeyring is for subprocess tests only: set {FILE_ENV}")
        return Path(value)

    def _read(self) -> dict[str, str]:
        try:
            return json.loads(self._path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def _write(self, data: dict[str, str]) -> None:
        path = self._path()
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)

    @staticmethod
    def _key(service: str, username: str) -> str:
        return f"{service}\n{username}"

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(self._key(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._read()
        data[self._key(service, username)] = password
        self._write(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._read()
        if data.pop(self._key(service, username), None) is None:
            raise PasswordDeleteError("not found")
        self._write(data)

"""Secrets: the Plug.to client secret and API password, the Linx password, the refresh token.

They are kept only in the operating system's password vault through ``keyring`` (service
``pluggto-desktop``), never in the settings file, the database or the logs (the settings refuse
one: ``settings/reading.py``). Each entry's keyring *username* is ``"<profile_id>:<NAME>"`` so two profiles on the
same machine never share a secret.

Which vault keyring uses is keyring's business: it honours the standard
``PYTHON_KEYRING_BACKEND`` environment variable (tests and scripted installs set it) and the
user's ``keyringrc.cfg``. This module never overrides that choice; it only looks at the result.

**No usable vault** (headless Linux, a frozen app whose backends were not bundled, a locked or
broken vault): the store says so (:attr:`SecretStore.persistent` is False and
:meth:`SecretStore.backend_description` explains it in plain words), keeps secrets in memory for
this session only and never writes them anywhere else. It does not fall back silently to a file.

Calls into keyring are blocking (a vault may even show a prompt): async code should call this
module through ``asyncio.to_thread``.

Every value that passes through the store is registered with the log redactor
(:func:`pluggto_desktop.logs.register_secret`), so it is masked if it ever reaches a log line.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping
from typing import Any

import keyring
import keyring.backends.fail
import keyring.errors
from keyring.backend import KeyringBackend

from pluggto_desktop import APP_NAME
from pluggto_desktop.i18n import normalize_language
from pluggto_desktop.logs import register_secret
from pluggto_desktop.secret_names import (  # noqa: F401 - the names are imported from here too
    ENV_SECRET_NAMES,
    LABELS,
    LINX_PASSWORD,
    PLUGGTO_CLIENT_SECRET,
    PLUGGTO_PASSWORD,
    PLUGGTO_REFRESH_TOKEN,
    SECRET_NAMES,
)
from pluggto_desktop.text import Text

log = logging.getLogger(__name__)

SERVICE = APP_NAME  # "pluggto-desktop"

_SELF_TEST_NAME = "SELF_TEST"


def secret_label(name: str, lang: str | None = None) -> str:
    """The secret's name as the user reads it, e.g. "senha da Linx"."""
    _check_name(name)
    return LABELS[name](normalize_language(lang))


class VaultError(RuntimeError):
    """The password vault failed during an operation that must not fail silently."""


def _check_name(name: str) -> None:
    if name not in SECRET_NAMES:
        raise ValueError(f"unknown secret name {name!r}; use one of {', '.join(SECRET_NAMES)}")


def is_usable_backend(backend: KeyringBackend) -> bool:
    """False for backends that cannot keep a secret across restarts.

    * ``keyring.backends.fail.Keyring``: keyring found nothing (raises on every call);
    * ``keyring.backends.null.Keyring``: accepts everything and forgets it;
    * a ``ChainerBackend`` with nothing to chain (it then behaves like the null one).
    """
    module = type(backend).__module__
    if module in ("keyring.backends.fail", "keyring.backends.null"):
        return False
    if module == "keyring.backends.chainer":
        try:
            return len(type(backend).backends) > 0  # type: ignore[attr-defined]  # the chainer's own
        except Exception:  # noqa: BLE001 - a backend failing to load means none is usable
            return False
    return True


_DEMO_VAULT = Text("Demonstração: as senhas de exemplo ficam só na memória",
                   "Demo: the sample passwords are kept in memory only")
_VAULT_FAILED = Text("O cofre de senhas do sistema falhou: as senhas ficam só na memória até fechar o app",
                     "The system's password vault failed: passwords are kept in memory only until the app closes")
_NO_VAULT = Text("Nenhum cofre de senhas disponível: as senhas ficam só na memória até fechar o app",
                 "No password vault available: passwords are kept in memory only until the app closes")
_OTHER_VAULT = Text("Guardadas no cofre de senhas “{name}”", "Stored in the password vault “{name}”")
_MACOS = Text("Guardadas no Chaveiro do macOS", "Stored in the macOS Keychain")
_WINDOWS = Text("Guardadas no Gerenciador de Credenciais do Windows", "Stored in Windows Credential Manager")
_SECRET_SERVICE = Text("Guardadas no Secret Service (GNOME Keyring)", "Stored in the Secret Service (GNOME Keyring)")
_KWALLET = Text("Guardadas no KWallet (KDE)", "Stored in KWallet (KDE)")


def _vault_name(backend: KeyringBackend) -> Text | None:
    """Where a well-known vault keeps the secrets, in words; None for others."""
    if type(backend).__module__ == "keyring.backends.chainer":
        try:
            chained = type(backend).backends  # type: ignore[attr-defined]  # the chainer's own
        except Exception:  # noqa: BLE001 - a chainer that cannot list its backends names no vault
            chained = []
        return _vault_name(chained[0]) if chained else None
    module = type(backend).__module__
    if module.startswith("keyring.backends.macOS"):
        return _MACOS
    if module == "keyring.backends.Windows":
        return _WINDOWS
    if module in ("keyring.backends.SecretService", "keyring.backends.libsecret"):
        return _SECRET_SERVICE
    if module == "keyring.backends.kwallet":
        return _KWALLET
    return None


def backend_label(backend: KeyringBackend) -> str:
    """``module.Class`` of a backend, for logs (never its contents)."""
    return f"{type(backend).__module__}.{type(backend).__name__}"


class SecretStore:
    """The secrets of one profile.

    ``get`` looks, in order, at the environment (for the names in :data:`ENV_SECRET_NAMES`,
    when ``use_environment``), the vault (or the session memory when there is no usable vault).
    ``set`` and ``delete`` act on the vault (or memory) only; environment values are never
    saved unless :meth:`save_env_overrides` is called.
    """

    def __init__(
        self,
        profile_id: str,
        *,
        service: str = SERVICE,
        use_environment: bool = True,
        environ: Mapping[str, str] | None = None,
        use_vault: bool = True,
    ) -> None:
        if not profile_id:
            raise ValueError("profile_id is required so profiles never share secrets")
        self.profile_id = profile_id
        self.service = service
        self.use_environment = use_environment
        self._environ = environ  # None = os.environ, read at each call
        self._lock = threading.RLock()
        self._memory: dict[str, str] = {}  # used only when not persistent
        self._failure: str | None = None  # why the vault was given up, for diagnostics
        self._demo = not use_vault
        self._backend: KeyringBackend
        if not use_vault:  # the demo: public sample credentials, never in the user's keychain
            self._backend = keyring.backends.fail.Keyring()
            self.persistent = False
            return
        try:
            # keyring picks the backend (PYTHON_KEYRING_BACKEND, keyringrc.cfg, detection);
            # this module never replaces that choice.
            self._backend = keyring.get_keyring()
        except Exception as exc:  # noqa: BLE001 - e.g. PYTHON_KEYRING_BACKEND names a missing class
            log.error("keyring could not load a backend (%s: %s)", type(exc).__name__, exc)
            self._backend = keyring.backends.fail.Keyring()
            self._failure = f"init: {type(exc).__name__}"
        self.persistent = is_usable_backend(self._backend)
        if not self.persistent:
            log.warning(
                "no usable password vault (%s): secrets are kept in memory for this session only",
                backend_label(self._backend),
            )

    @classmethod
    def in_memory(cls, profile_id: str) -> SecretStore:
        """A store that never touches the system vault (the demo's public demo credentials)."""
        return cls(profile_id, use_environment=False, use_vault=False)

    # --- naming --------------------------------------------------------------------------

    def keyring_username(self, name: str) -> str:
        """The keyring *username* of a secret: ``"<profile_id>:<NAME>"``."""
        return f"{self.profile_id}:{name}"

    # --- environment ---------------------------------------------------------------------

    def env_overrides(self) -> dict[str, str]:
        """Secrets given in the environment (non-empty ``PLUGGTO_CLIENT_SECRET``,
        ``PLUGGTO_PASSWORD``, ``LINX_PASSWORD``). They win over the vault for this run."""
        environ = os.environ if self._environ is None else self._environ
        found = {name: environ[name] for name in ENV_SECRET_NAMES if environ.get(name)}
        for value in found.values():
            register_secret(value)
        return found

    def save_env_overrides(self) -> list[str]:
        """Store the environment's secrets in the vault (``setup`` does this); returns their names."""
        overrides = self.env_overrides()
        for name, value in overrides.items():
            self.set(name, value)
        return sorted(overrides)

    # --- get / set / delete --------------------------------------------------------------

    def get(self, name: str) -> str | None:
        """The secret's value, or None when it was never set."""
        _check_name(name)
        if self.use_environment and name in ENV_SECRET_NAMES:
            value = self.env_overrides().get(name)
            if value:
                return value
        return self.get_stored(name)

    def get_stored(self, name: str) -> str | None:
        """The value in the vault (or session memory), ignoring the environment."""
        _check_name(name)
        with self._lock:
            if self.persistent:
                try:
                    value = self._backend.get_password(self.service, self.keyring_username(name))
                except Exception as exc:  # noqa: BLE001 - any vault failure degrades, never crashes
                    self._give_up_vault("get", exc)
                else:
                    if value:
                        register_secret(value, rotating=name == PLUGGTO_REFRESH_TOKEN)
                    return value or None
            value = self._memory.get(name)
        return value

    def stored_names(self) -> list[str]:
        """The secrets this profile keeps in the system's vault, in :data:`SECRET_NAMES` order
        (none when there is no vault: what is kept in memory is gone when the app quits)."""
        if not self.persistent:
            return []
        return [name for name in SECRET_NAMES if self.get_stored(name)]

    def set(self, name: str, value: str) -> None:
        """Store a secret (an empty value deletes it)."""
        _check_name(name)
        if not value:
            self.delete(name)
            return
        register_secret(value, rotating=name == PLUGGTO_REFRESH_TOKEN)
        with self._lock:
            if self.persistent:
                try:
                    self._backend.set_password(self.service, self.keyring_username(name), value)
                    return
                except Exception as exc:  # noqa: BLE001 - any vault failure: memory-only from now on, and said so
                    self._give_up_vault("set", exc)
            self._memory[name] = value

    def delete(self, name: str) -> None:
        """Forget a secret; deleting one that does not exist is fine."""
        _check_name(name)
        with self._lock:
            self._memory.pop(name, None)
            if not self.persistent:
                return
            try:
                self._backend.delete_password(self.service, self.keyring_username(name))
            except keyring.errors.PasswordDeleteError:
                pass  # not there: that is what we wanted
            except Exception as exc:  # noqa: BLE001 - any vault failure: memory-only from now on, and said so
                self._give_up_vault("delete", exc)

    def forget_all(self) -> list[str]:
        """Delete every secret of this profile from the vault (and memory); returns the names that
        were there. Used when a profile is removed (``forget-secrets``, the Windows uninstaller,
        Suporte → "Esquecer as senhas salvas"), so no password outlives the data it belonged to.

        Raises :class:`VaultError` when the vault failed on the way: then some entries may remain.
        """
        was_persistent = self.persistent
        found = [name for name in SECRET_NAMES if self.get_stored(name)]
        for name in SECRET_NAMES:
            self.delete(name)
        if was_persistent and not self.persistent:
            raise VaultError(f"the password vault failed while deleting ({self._failure})")
        return found

    def _give_up_vault(self, operation: str, exc: BaseException) -> None:
        """The vault failed in use: switch to session memory and say so in the log."""
        self.persistent = False
        self._failure = f"{operation}: {type(exc).__name__}"
        log.warning(
            "password vault %s failed on %s (%s: %s); secrets are kept in memory for this session only",
            backend_label(self._backend),
            operation,
            type(exc).__name__,
            exc,
        )

    # --- information ---------------------------------------------------------------------

    def known_values(self) -> list[str]:
        """Every secret value currently known (environment, vault, memory), for the redactor."""
        values: list[str] = []
        env = self.env_overrides() if self.use_environment else {}
        for name in SECRET_NAMES:
            for value in (env.get(name), self.get_stored(name)):  # each vault entry read once
                if value and value not in values:
                    values.append(value)
        return values

    def backend_description(self, lang: str | None = None) -> str:
        """One plain sentence saying where secrets are kept, in pt-BR or English."""
        lang = normalize_language(lang)
        if self._demo:
            return _DEMO_VAULT(lang)
        if not self.persistent and self._failure:
            return _VAULT_FAILED(lang)
        if not self.persistent:
            return _NO_VAULT(lang)
        vault = _vault_name(self._backend)
        if vault is not None:
            return vault(lang)
        return _OTHER_VAULT(lang, name=getattr(self._backend, "name", type(self._backend).__name__))

    def self_test(self, *, round_trip: bool = True) -> dict[str, Any]:
        """A short report of the vault in use, for the log and the diagnostics bundle.

        With ``round_trip`` a random probe value is written, read back and deleted, so a vault
        that is present but broken is found at start-up instead of at the first token refresh.
        The report holds no secret values: only names, booleans and error types.
        """
        report: dict[str, Any] = {
            "backend": backend_label(self._backend),
            "persistent": self.persistent,
            "round_trip": "skipped",
            "env_overrides": sorted(self.env_overrides()),
            "stored": [],
        }
        if self.persistent and round_trip:
            probe_user = self.keyring_username(_SELF_TEST_NAME)
            probe = os.urandom(8).hex()
            try:
                self._backend.set_password(self.service, probe_user, probe)
                ok = self._backend.get_password(self.service, probe_user) == probe
                self._backend.delete_password(self.service, probe_user)
                report["round_trip"] = "ok" if ok else "failed: value not read back"
                if not ok:
                    self._give_up_vault("self-test", RuntimeError("value not read back"))
            except Exception as exc:  # noqa: BLE001 - the self-test reports any failure instead of raising it
                report["round_trip"] = f"failed: {type(exc).__name__}"
                self._give_up_vault("self-test", exc)
            report["persistent"] = self.persistent
        report["stored"] = [name for name in SECRET_NAMES if self.get_stored(name)]
        if self._failure:
            report["failure"] = self._failure
        log.info(
            "password vault: %s, persistent=%s, round trip %s",
            report["backend"],
            report["persistent"],
            report["round_trip"],
        )
        return report

    def refresh_token_store(self) -> RefreshTokenStore:
        """The object the Plug.to client uses to keep its rotating refresh token."""
        return RefreshTokenStore(self)


class RefreshTokenStore:
    """Keeps the Plug.to refresh token in the vault; saved each time it changes.

    ``save_refresh_token(None)`` forgets it (e.g. after ``invalid_grant``).
    """

    def __init__(self, store: SecretStore) -> None:
        self._store = store

    def load_refresh_token(self) -> str | None:
        return self._store.get(PLUGGTO_REFRESH_TOKEN)

    def save_refresh_token(self, token: str | None) -> None:
        if token:
            self._store.set(PLUGGTO_REFRESH_TOKEN, token)
        else:
            self._store.delete(PLUGGTO_REFRESH_TOKEN)

"""SecretStore over keyring: naming, profiles, environment, no-backend fallback, refresh token."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import keyring
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend
from keyring.compat import properties

from pluggto_desktop import logs
from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import (
    LINX_PASSWORD,
    PLUGGTO_CLIENT_SECRET,
    PLUGGTO_PASSWORD,
    PLUGGTO_REFRESH_TOKEN,
    SECRET_NAMES,
    SERVICE,
    SecretStore,
    is_usable_backend,
)
from tests.conftest import ROOT
from tests.support import keyring_backends
from tests.support.keyring_backends import MemoryKeyring


class BrokenKeyring(KeyringBackend):
    """A vault that is there but fails on use (locked, D-Bus gone, Windows error 1783...)."""

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805 - keyring's classproperty passes the class
        raise RuntimeError("never selected automatically")

    def get_password(self, service, username):
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service, username, password):
        raise keyring.errors.PasswordSetError("cannot write")

    def delete_password(self, service, username):
        raise keyring.errors.KeyringLocked("locked")


@pytest.fixture
def no_backend():
    """keyring found no backend (what a headless Linux box or a bad frozen build gets)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


def files_containing(root, value: str) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and value.encode("utf-8") in path.read_bytes():
            found.append(str(path))
    return found


def test_the_backend_from_PYTHON_KEYRING_BACKEND_is_used_untouched():
    assert os.environ["PYTHON_KEYRING_BACKEND"] == "tests.support.keyring_backends.MemoryKeyring"
    backend = keyring.get_keyring()
    assert isinstance(backend, MemoryKeyring)
    store = SecretStore("p1")
    assert keyring.get_keyring() is backend
    assert store.persistent


def test_set_get_delete_with_the_documented_names():
    store = SecretStore("abc123")
    assert store.get(LINX_PASSWORD) is None
    store.set(LINX_PASSWORD, "linx-pass")
    store.set(PLUGGTO_CLIENT_SECRET, "client-secret")
    assert store.get(LINX_PASSWORD) == "linx-pass"
    assert keyring_backends.entries() == {
        (SERVICE, "abc123:LINX_PASSWORD"): "linx-pass",
        ("pluggto-desktop", "abc123:PLUGGTO_CLIENT_SECRET"): "client-secret",
    }
    store.delete(LINX_PASSWORD)
    store.delete(LINX_PASSWORD)  # deleting twice is fine
    assert store.get(LINX_PASSWORD) is None
    store.set(PLUGGTO_CLIENT_SECRET, "")  # an empty value deletes
    assert keyring_backends.entries() == {}


def test_names_are_constants():
    assert SECRET_NAMES == ("PLUGGTO_CLIENT_SECRET", "PLUGGTO_PASSWORD", "LINX_PASSWORD", "PLUGGTO_REFRESH_TOKEN")
    with pytest.raises(ValueError):
        SecretStore("p").get("LINX_PASS")


def test_profiles_never_share_secrets(tmp_path):
    a = SecretStore(Profile(tmp_path / "a").profile_id)
    b = SecretStore(Profile(tmp_path / "b").profile_id)
    a.set(PLUGGTO_PASSWORD, "password-of-a")
    assert b.get(PLUGGTO_PASSWORD) is None
    b.set(PLUGGTO_PASSWORD, "password-of-b")
    assert a.get(PLUGGTO_PASSWORD) == "password-of-a"
    b.delete(PLUGGTO_PASSWORD)
    assert a.get(PLUGGTO_PASSWORD) == "password-of-a"


def test_environment_wins_for_the_run_and_is_not_saved(monkeypatch):
    store = SecretStore("p1")
    store.set(LINX_PASSWORD, "from-keyring")
    monkeypatch.setenv("LINX_PASSWORD", "from-env")
    monkeypatch.setenv("PLUGGTO_PASSWORD", "")  # empty = not given
    assert store.env_overrides() == {"LINX_PASSWORD": "from-env"}
    assert store.get(LINX_PASSWORD) == "from-env"
    assert store.get_stored(LINX_PASSWORD) == "from-keyring"
    assert store.get(PLUGGTO_PASSWORD) is None
    assert keyring_backends.entries()[(SERVICE, "p1:LINX_PASSWORD")] == "from-keyring"
    assert SecretStore("p1", use_environment=False).get(LINX_PASSWORD) == "from-keyring"


def test_environment_is_saved_only_when_asked():
    store = SecretStore("p1", environ={"PLUGGTO_CLIENT_SECRET": "cs", "LINX_PASSWORD": "lp", "OTHER": "x"})
    assert keyring_backends.entries() == {}
    assert store.save_env_overrides() == ["LINX_PASSWORD", "PLUGGTO_CLIENT_SECRET"]
    assert keyring_backends.entries() == {
        (SERVICE, "p1:PLUGGTO_CLIENT_SECRET"): "cs",
        (SERVICE, "p1:LINX_PASSWORD"): "lp",
    }


def test_refresh_token_is_not_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("PLUGGTO_REFRESH_TOKEN", "from-env")
    assert SecretStore("p1").get(PLUGGTO_REFRESH_TOKEN) is None


def test_refresh_token_adapter():
    store = SecretStore("p1")
    tokens = store.refresh_token_store()
    assert tokens.load_refresh_token() is None
    tokens.save_refresh_token("a" * 40)
    assert tokens.load_refresh_token() == "a" * 40
    tokens.save_refresh_token("b" * 40)  # rotated: the latest replaces the old one
    assert keyring_backends.entries() == {(SERVICE, "p1:PLUGGTO_REFRESH_TOKEN"): "b" * 40}
    tokens.save_refresh_token(None)
    assert tokens.load_refresh_token() is None
    assert keyring_backends.entries() == {}


def test_backend_description_for_a_working_vault():
    store = SecretStore("p1")
    assert store.backend_description(PT).startswith("Guardadas no cofre de senhas")
    assert store.backend_description(EN).startswith("Stored in the password vault")


def test_no_backend_keeps_secrets_in_memory_only(no_backend, tmp_path, profile, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = SecretStore(profile.profile_id)
    assert store.persistent is False
    store.set(LINX_PASSWORD, "memory-only-secret-1")
    store.refresh_token_store().save_refresh_token("f" * 40)
    assert store.get(LINX_PASSWORD) == "memory-only-secret-1"
    assert store.refresh_token_store().load_refresh_token() == "f" * 40
    assert keyring_backends.entries() == {}
    assert files_containing(tmp_path, "memory-only-secret-1") == []
    # a new store (= the app restarted) has forgotten it
    assert SecretStore(profile.profile_id).get(LINX_PASSWORD) is None
    assert store.backend_description(PT) == (
        "Nenhum cofre de senhas disponível: as senhas ficam só na memória até fechar o app"
    )
    assert store.backend_description(EN) == (
        "No password vault available: passwords are kept in memory only until the app closes"
    )
    store.delete(LINX_PASSWORD)
    assert store.get(LINX_PASSWORD) is None


def test_null_and_empty_chainer_backends_are_not_usable(monkeypatch):
    assert not is_usable_backend(keyring.backends.fail.Keyring())
    assert not is_usable_backend(keyring.backends.null.Keyring())
    monkeypatch.setattr(ChainerBackend, "backends", [])
    assert not is_usable_backend(ChainerBackend())
    monkeypatch.setattr(ChainerBackend, "backends", [MemoryKeyring()])
    assert is_usable_backend(ChainerBackend())
    assert is_usable_backend(MemoryKeyring())


def test_a_vault_failing_in_use_degrades_to_memory():
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        store = SecretStore("p1")
        assert store.persistent  # looks fine until used
        store.set(PLUGGTO_PASSWORD, "kept-in-memory")
        assert store.persistent is False
        assert store.get(PLUGGTO_PASSWORD) == "kept-in-memory"
        assert "falhou" in store.backend_description(PT)
        assert "failed" in store.backend_description(EN)
    finally:
        keyring.set_keyring(previous)


def test_self_test_reports_without_secret_values(monkeypatch):
    monkeypatch.setenv("PLUGGTO_PASSWORD", "env-password-123")
    store = SecretStore("p1")
    store.set(LINX_PASSWORD, "linx-password-456")
    report = store.self_test()
    assert report["backend"] == "tests.support.keyring_backends.MemoryKeyring"
    assert report["persistent"] is True
    assert report["round_trip"] == "ok"
    assert report["env_overrides"] == ["PLUGGTO_PASSWORD"]
    assert report["stored"] == ["LINX_PASSWORD"]
    text = json.dumps(report)
    assert "env-password-123" not in text and "linx-password-456" not in text
    assert keyring_backends.entries() == {(SERVICE, "p1:LINX_PASSWORD"): "linx-password-456"}  # probe removed


def test_self_test_with_no_backend(no_backend):
    report = SecretStore("p1").self_test()
    assert report["persistent"] is False
    assert report["backend"] == "keyring.backends.fail.Keyring"
    assert report["round_trip"] == "skipped"


def test_self_test_finds_a_broken_vault():
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        store = SecretStore("p1")
        report = store.self_test()
        assert report["round_trip"] == "failed: PasswordSetError"
        assert report["persistent"] is False and store.persistent is False
    finally:
        keyring.set_keyring(previous)


def test_known_values_and_redaction(monkeypatch):
    monkeypatch.setenv("PLUGGTO_CLIENT_SECRET", "env-client-secret")
    store = SecretStore("p1")
    store.set(LINX_PASSWORD, "Linx#Pass word")
    store.refresh_token_store().save_refresh_token("refresh-value-1")
    assert set(store.known_values()) == {"env-client-secret", "Linx#Pass word", "refresh-value-1"}
    logs.forget_secrets()
    for value in store.known_values():
        logs.register_secret(value)
    line = logs.redact("pw=Linx%23Pass+word secret=env-client-secret and Linx#Pass word")
    assert "Linx" not in line and "env-client-secret" not in line


def test_values_passing_through_the_store_are_registered_with_the_redactor():
    store = SecretStore("p1")
    store.set(PLUGGTO_PASSWORD, "Zq8-unusual-value")
    assert logs.redact("oops Zq8-unusual-value") == "oops [secret]"


def test_file_keyring_is_selected_in_a_subprocess_by_the_environment(tmp_path):
    """The standard variable reaches a child process: what subprocess tests rely on."""
    keyring_file = tmp_path / "keyring.json"
    script = textwrap.dedent(
        """
        from pluggto_desktop.secrets import SecretStore
        store = SecretStore("child")
        store.set("LINX_PASSWORD", "from-child")
        print(store.self_test()["backend"])
        """
    )
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "tests.support.keyring_backends.FileKeyring",
        "PLUGGTO_TEST_KEYRING_FILE": str(keyring_file),
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "tests.support.keyring_backends.FileKeyring"
    assert json.loads(keyring_file.read_text(encoding="utf-8")) == {
        "pluggto-desktop\nchild:LINX_PASSWORD": "from-child"
    }


def test_a_backend_that_cannot_load_does_not_crash_the_app(monkeypatch):
    def cannot_load():
        raise ModuleNotFoundError("No module named 'keyring_missing'")

    monkeypatch.setattr(keyring, "get_keyring", cannot_load)
    store = SecretStore("p1")
    assert store.persistent is False
    store.set(LINX_PASSWORD, "still-usable")
    assert store.get(LINX_PASSWORD) == "still-usable"
    assert "failed" in store.backend_description(EN)

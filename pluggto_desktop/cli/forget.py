"""``forget-secrets``: delete this profile's passwords and tokens from the system's password
vault (when removing the app or handing the computer over)."""

from __future__ import annotations

import argparse

from pluggto_desktop.cli.output import EXIT_CONFIG, EXIT_OK, err, quiet_logging, read_settings, secret_labels
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import PLUGGTO_REFRESH_TOKEN, SecretStore, VaultError, secret_label
from pluggto_desktop.text import Text

_NO_VAULT = Text("Nenhum cofre de senhas disponível: não há senhas guardadas para apagar.",
                 "No password vault available: there are no stored passwords to delete.")
_PROFILE_IN_USE = Text(
    "O Pluggto Desktop (ou um `sync`) está usando este perfil: feche-o antes de apagar as senhas, senão ele volta "
    "a guardar o token de acesso.",
    "Pluggto Desktop (or a `sync`) is using this profile: close it before deleting the passwords, or it saves its "
    "access token again.")
_VAULT_FAILED = Text(
    "O cofre de senhas do sistema falhou: algumas senhas podem não ter sido apagadas. Rode de novo com --verbose "
    "para ver o erro.",
    "The system's password vault failed: some passwords may not have been deleted. Run again with --verbose to "
    "see the error.")
_DELETED = Text("Apagado do cofre de senhas ({folder}):", "Deleted from the password vault ({folder}):")
_NOTHING_STORED = Text("Nenhuma senha deste perfil ({folder}) estava guardada.",
                       "No password of this profile ({folder}) was stored.")


def cmd_forget_secrets(args: argparse.Namespace, profile: Profile) -> int:
    """Remove the profile's secrets from the vault. The files of the profile are left alone: the
    Windows uninstaller deletes them itself when the user asks, and so can the user."""
    quiet_logging(args.verbose)
    lang = read_settings(args, profile)[2]
    secrets = SecretStore(profile.profile_id, use_environment=False)
    if not secrets.persistent:
        print(_NO_VAULT(lang))
        return EXIT_OK
    from pluggto_desktop.instance import ProfileLock

    # a running engine would save its renewed Plug.to token again right after the deletion
    lock = ProfileLock(profile)
    if profile.root.exists() and not lock.acquire():
        err(_PROFILE_IN_USE(lang))
        return EXIT_CONFIG
    try:
        removed = secrets.forget_all()
    except VaultError:
        err(_VAULT_FAILED(lang))
        return EXIT_CONFIG
    finally:
        lock.release()
    labels = secret_labels(lang) | {PLUGGTO_REFRESH_TOKEN: secret_label(PLUGGTO_REFRESH_TOKEN, lang)}
    if removed:
        print(_DELETED(lang, folder=profile.root))
        for name in removed:
            print(f"  - {labels.get(name, name)}")
    else:
        print(_NOTHING_STORED(lang, folder=profile.root))
    return EXIT_OK

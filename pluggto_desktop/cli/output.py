"""What every command shares: the exit codes, printing to the terminal, reading the profile's
settings and the language of messages, and the few sentences more than one command says."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterable

from pluggto_desktop.domain.jobs import state_label
from pluggto_desktop.errors import CredentialError
from pluggto_desktop.i18n import normalize_language
from pluggto_desktop.invocation import command
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import ENV_SECRET_NAMES, SecretStore, secret_label
from pluggto_desktop.settings import Settings, SettingsError, load_settings
from pluggto_desktop.store.db import DatabaseProblem
from pluggto_desktop.text import Text

EXIT_OK, EXIT_ATTENTION, EXIT_CONFIG, EXIT_RETRY = 0, 1, 2, 3


def err(text: str) -> None:
    print(text, file=sys.stderr)


def err_list(title: str, items: Iterable[str]) -> None:
    """A title and its items, one per line ("  - ...")."""
    err(title)
    for item in items:
        err(f"  - {item}")


# -- the profile's settings and the language -------------------------------------------------------------
_INVALID_SETTINGS = Text("Configurações inválidas em {path}:", "Invalid settings in {path}:")


def read_settings(args: argparse.Namespace, profile: Profile) -> tuple[Settings | None, list[str], str]:
    """The profile's settings (None when invalid, with the problems) and the language for
    messages: --lang, else the settings' own, else the system's."""
    lang = normalize_language(args.lang) if args.lang else None
    try:
        settings = load_settings(profile.settings_path, lang=lang)
    except SettingsError as exc:
        return None, list(exc.problems), lang or exc.lang
    return settings, [], lang or settings.language


def load(args: argparse.Namespace, profile: Profile) -> tuple[Settings, str] | None:
    """Settings and the language for messages; prints the problems and returns None when invalid."""
    settings, problems, lang = read_settings(args, profile)
    if settings is None:
        err_list(_INVALID_SETTINGS(lang, path=profile.settings_path), problems)
        return None
    return settings, lang


def database_problem(problem: DatabaseProblem, lang: str) -> int:
    """Say why the queue database cannot be used (never "no orders", never a traceback)."""
    err(problem.message(lang))
    return EXIT_CONFIG


# -- logging -------------------------------------------------------------------------------------------
def setup_logging(profile: Profile, verbose: bool) -> None:
    """Commands that run the engine log to the profile's file (and the terminal with --verbose)."""
    from pluggto_desktop.logs import setup_logging as setup

    setup(profile.ensure(), level="INFO", console=verbose)


def quiet_logging(verbose: bool) -> None:
    """Read-mostly commands leave the profile's log file to the app that may be running; with
    --verbose the technical log goes to the terminal."""
    if verbose:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr)


# -- sentences more than one command says ----------------------------------------------------------------
_WHICH_CREDENTIAL = {
    "client": Text("o Client ID ou o Client Secret do Plug.to", "the Plug.to Client ID or Client Secret"),
    "user": Text("o usuário ou a senha da API do Plug.to", "the Plug.to API user or password"),
    "token": Text("o acesso ao Plug.to (token recusado)", "Plug.to access (token refused)"),
    "linx": Text("o usuário ou a senha da Linx Commerce", "the Linx Commerce user or password"),
    "linx_permission": Text("a permissão do usuário de integração da Linx",
                            "the Linx integration user's permission"),
}
_THE_CREDENTIALS = Text("as credenciais", "the credentials")
_CREDENTIALS_REFUSED = Text("Credenciais recusadas: verifique {which}.", "Credentials refused: check {which}.")


def credential_message(exc: CredentialError, lang: str) -> str:
    """A remote refused a credential (``sync``, ``audit``): which one to check."""
    which = _WHICH_CREDENTIAL.get(exc.credential, _THE_CREDENTIALS)(lang)
    return _CREDENTIALS_REFUSED(lang, which=which)


_EXPOSED = Text(
    "Atenção: o receptor de notificações aceita conexões de fora deste computador sem HTTPS: as notificações e "
    "o endereço secreto trafegam sem criptografia. Coloque um proxy reverso ou túnel HTTPS na frente e informe o "
    "endereço dele em engine.listener_public_url.",
    "Warning: the notification listener accepts connections from beyond this computer without HTTPS: "
    "notifications and the secret address travel unencrypted. Put an HTTPS reverse proxy or tunnel in front and "
    "set its address in engine.listener_public_url.")


def exposure_warning(lang: str) -> str:
    """The listener is reachable from the network without HTTPS (``sync``, ``status``)."""
    return _EXPOSED(lang)


_ORDERS = Text("Pedidos — {counts}", "Orders — {counts}")
_NONE = Text("nenhum", "none")
_COUNT = Text("{state}: {n}", "{state}: {n}")


def counts_text(counts: dict[str, int], lang: str) -> str:
    """"integrado: 16; precisa de atenção: 3" ("" when every count is zero)."""
    return "; ".join(_COUNT(lang, state=state_label(state, lang).lower(), n=n)
                     for state, n in counts.items() if n)


def print_counts(counts: dict[str, int], lang: str) -> None:
    """The orders per state (``sync --once``, ``status``)."""
    print(_ORDERS(lang, counts=counts_text(counts, lang) or _NONE(lang)))


def secret_labels(lang: str) -> dict[str, str]:
    """The secrets ``setup`` asks for, named with the environment variable that can give them."""
    return {name: f"{secret_label(name, lang)} ({name})" for name in ENV_SECRET_NAMES}


_AND = Text("{first} e {last}", "{first} and {last}")
_NO_VAULT_TIP = Text(
    "Como não há cofre de senhas neste computador, defina {names} no ambiente ao rodar `sync` (ou `setup`).",
    "With no password vault on this computer, set {names} in the environment when running `sync` (or `setup`).")
_VAULT_TIP = Text(
    "Guarde as senhas com `{setup}` (ele as lê de {names} ou pergunta), ou defina essas variáveis no ambiente ao "
    "rodar `sync`.",
    "Store the passwords with `{setup}` (it reads {names} or asks for them), or set those variables in the "
    "environment when running `sync`.")


def vault_tip(secrets: SecretStore, lang: str) -> str:
    """What to do about secrets the vault does not hold — the same words from ``setup`` and ``sync``."""
    names = _AND(lang, first=", ".join(ENV_SECRET_NAMES[:-1]), last=ENV_SECRET_NAMES[-1])
    if not secrets.persistent:
        return _NO_VAULT_TIP(lang, names=names)
    return _VAULT_TIP(lang, setup=command("setup"), names=names)

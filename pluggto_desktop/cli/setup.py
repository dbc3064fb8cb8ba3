"""``setup``: configure a profile without the app — the options given, the secrets from the
environment (or typed when asked), both accounts tested before anything is saved."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import sys

from pluggto_desktop.cli.output import EXIT_CONFIG, EXIT_OK, err, err_list, load, secret_labels, vault_tip
from pluggto_desktop.domain import cnpj
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, SecretStore
from pluggto_desktop.settings import Settings, save_settings, validate
from pluggto_desktop.settings.messages import CNPJ_PROBLEMS
from pluggto_desktop.settings.readiness import missing_fields, state_to_save
from pluggto_desktop.status_words import channel_label
from pluggto_desktop.text import Text

_MISSING_SECRETS = Text(
    "faltam segredos (defina as variáveis de ambiente ou digite quando perguntado): {names}",
    "missing secrets (set the environment variables or type them when asked): {names}")
_NOTHING_SAVED_FIX = Text("Nada foi salvo. Corrija:", "Nothing was saved. Please fix:")
_NOTHING_SAVED = Text("Nada foi salvo: {why}", "Nothing was saved: {why}")
_SAVED = Text("Configuração salva em {path}.", "Settings saved to {path}.")
_CHANNEL = Text("Canal: {state}.", "Channel: {state}.")
_STILL_MISSING = Text("Ainda falta, antes de ativar o canal: {options}",
                      "Still missing before the channel can be activated: {options}")
_CANNOT_ACTIVATE = Text("--activate: o canal só pode ser ativado com {options}",
                        "--activate: the channel can only be activated with {options}")
#: The option that gives each required setting (settings/readiness.py REQUIRED_FIELDS; the
#: secrets come from the environment or a prompt, so they are never missing after a save).
_OPTION_OF = {
    "pluggto.api_url": "--pluggto-url", "pluggto.client_id": "--client-id", "pluggto.username": "--username",
    "linx.url_or_tenant": "--linx-url", "linx.user": "--linx-user", "channel.website_id": "--website-id",
}


def cmd_setup(args: argparse.Namespace, profile: Profile) -> int:
    loaded = load(args, profile)
    if loaded is None:
        return EXIT_CONFIG
    settings, lang = loaded
    _apply_setup_options(settings, args)
    secrets = SecretStore(profile.profile_id)
    values = _gather_secrets(secrets, lang)
    problems = _problems(settings, args, values, lang)
    if problems:
        err_list(_NOTHING_SAVED_FIX(lang), dict.fromkeys(problems))
        return EXIT_CONFIG
    if not args.no_test:
        failure = asyncio.run(_test_connections(settings, values, lang))
        if failure:
            err(_NOTHING_SAVED(lang, why=failure))
            return EXIT_CONFIG
    settings.channel.state = "active" if args.activate else state_to_save(settings)
    profile.ensure()
    save_settings(settings, profile.settings_path, lang=lang)
    for name, value in values.items():
        secrets.set(name, value)
    print(_SAVED(lang, path=profile.settings_path))
    print(secrets.backend_description(lang))
    if not secrets.persistent:
        print(vault_tip(secrets, lang))
    print(_CHANNEL(lang, state=channel_label(settings.channel_state, lang)))
    missing = _missing_options(settings)
    if missing:
        print(_STILL_MISSING(lang, options=", ".join(missing)))
    return EXIT_OK


def _problems(settings: Settings, args: argparse.Namespace, values: dict[str, str], lang: str) -> list[str]:
    """What stops the save: the settings' own problems, and the secrets nobody gave."""
    problems = validate(settings, lang)
    if args.fallback_cnpj is not None and not cnpj.is_valid(args.fallback_cnpj):
        # say it in terms of the option the user typed, instead of the settings field
        problems = [_cnpj_message(args.fallback_cnpj, lang)] + [
            p for p in problems if not p.startswith("channel.fallback_cnpj")]
    missing = [label for name, label in secret_labels(lang).items() if not values.get(name)]
    if missing:
        problems.append(_MISSING_SECRETS(lang, names=", ".join(missing)))
    options = _missing_options(settings)
    if args.activate and options:
        problems.append(_CANNOT_ACTIVATE(lang, options=", ".join(options)))
    return problems


def _missing_options(settings: Settings) -> list[str]:
    """The options that would give the required settings still empty."""
    return [_OPTION_OF.get(path, path) for path in missing_fields(settings)]


def _apply_setup_options(settings: Settings, args: argparse.Namespace) -> None:
    pairs = [
        (settings.pluggto, "api_url", args.pluggto_url),
        (settings.pluggto, "client_id", args.client_id),
        (settings.pluggto, "username", args.username),
        (settings.pluggto, "user_id", args.pluggto_user_id),
        (settings.linx, "url_or_tenant", args.linx_url),
        (settings.linx, "user", args.linx_user),
        (settings.channel, "website_id", args.website_id),
        (settings.channel, "order_queue_id", args.order_queue_id),
        (settings.channel, "product_queue_id", args.product_queue_id),
        (settings.channel, "warehouse_id", args.warehouse_id),
        (settings.channel, "stock_reserve", args.stock_reserve),
    ]
    for section, name, value in pairs:
        if value is not None:
            setattr(section, name, value.strip() if isinstance(value, str) else value)
    if args.fallback_cnpj is not None:
        settings.channel.fallback_cnpj = cnpj.normalize(args.fallback_cnpj) or None


def _gather_secrets(secrets: SecretStore, lang: str) -> dict[str, str]:
    """Environment first, then what is already stored, then a prompt when there is a terminal."""
    values: dict[str, str] = {}
    for name, label in secret_labels(lang).items():
        value = secrets.get(name)
        if not value and sys.stdin.isatty():
            with contextlib.suppress(EOFError):
                value = getpass.getpass(f"{label}: ").strip()
        if value:
            values[name] = value
    return values


_BAD_FALLBACK_CNPJ = Text("--fallback-cnpj {value}: {problem}", "--fallback-cnpj {value}: {problem}")


def _cnpj_message(value: str, lang: str) -> str:
    """The settings' own words for what is wrong (settings/messages.py), said of the option typed."""
    problem = CNPJ_PROBLEMS.get(cnpj.describe_problem(value) or "", CNPJ_PROBLEMS["check_digits"])
    return _BAD_FALLBACK_CNPJ(lang, value=repr(value), problem=problem(lang))


async def _test_connections(settings: Settings, values: dict[str, str], lang: str) -> str | None:
    """Test both accounts with real calls; returns a message naming what failed, or None."""
    from pluggto_desktop.connection import test_linx, test_pluggto

    for outcome in (
        await test_pluggto(settings, values.get(PLUGGTO_CLIENT_SECRET, ""), values.get(PLUGGTO_PASSWORD, ""), lang),
        await test_linx(settings, values.get(LINX_PASSWORD, ""), lang),
    ):
        if not outcome.ok:
            return outcome.message
        print(outcome.message)
    return None

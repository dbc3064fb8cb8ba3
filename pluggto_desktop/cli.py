"""The command line (interfaces.md): the desktop app, ``setup``, ``sync``, ``status``, ``simulate``,
``diagnose`` (the support zip), ``doctor`` (the connection check) and ``forget-secrets``.

Messages follow the user's language (the profile's setting, else the system's): pt-BR first.

Exit codes of ``sync --once``, first match wins: 2 configuration or credential problem (or a
queue database that cannot be used: damaged, read-only, locked, a full disk); 1 some jobs need
attention; 3 some jobs wait for a later retry (run again); 0 everything done. Other commands exit
2 on a configuration or database problem and 0 on success; ``doctor`` exits 1 when a step of the
connection check failed, and ``diagnose`` exits 2 when the zip cannot be written there.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import json
import logging
import os
import signal
import sqlite3
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from pluggto_desktop import __version__
from pluggto_desktop.domain import cnpj
from pluggto_desktop.domain.jobs import state_label
from pluggto_desktop.errors import ConfigError, CredentialError, SyncError
from pluggto_desktop.i18n import PT, normalize_language, pick, plural
from pluggto_desktop.invocation import command, env_assignments, program
from pluggto_desktop.profile import Profile, resolve_profile
from pluggto_desktop.secrets import (
    ENV_SECRET_NAMES,
    LINX_PASSWORD,
    PLUGGTO_CLIENT_SECRET,
    PLUGGTO_PASSWORD,
    PLUGGTO_REFRESH_TOKEN,
    SecretStore,
    VaultError,
    secret_label,
)
from pluggto_desktop.settings import Settings, SettingsError, load_settings, save_settings, validate
from pluggto_desktop.store.db import DatabaseProblem

EXIT_OK, EXIT_ATTENTION, EXIT_CONFIG, EXIT_RETRY = 0, 1, 2, 3
log = logging.getLogger("pluggto_desktop.cli")


# -- parser -------------------------------------------------------------------------------------
class _Formatter(argparse.HelpFormatter):
    """argparse's layout, with its few words of its own ("usage:") in the user's language."""

    usage_prefix = "usage: "

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else self.usage_prefix)


def help_language(argv: list[str] | None) -> str:
    """The language of ``--help``: ``--lang`` when given, else the system's (the profile is not
    read yet when the help is printed)."""
    args = list(sys.argv[1:] if argv is None else argv)
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return normalize_language(args[index + 1])
        if arg.startswith("--lang="):
            return normalize_language(arg.split("=", 1)[1])
    return normalize_language(None)


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    lang = lang or normalize_language(None)

    def h(pt: str, en: str) -> str:
        return pick(lang, pt, en)

    formatter = type("Formatter", (_Formatter,), {"usage_prefix": h("uso: ", "usage: ")})

    def parser_for(owner: Any, name: str | None = None, **kwargs: Any) -> argparse.ArgumentParser:
        make = argparse.ArgumentParser if owner is None else (lambda **kw: owner.add_parser(name, **kw))
        created = make(formatter_class=formatter, add_help=False, **kwargs)
        created._positionals.title = h("argumentos", "positional arguments")
        created._optionals.title = h("opções", "options")
        created.add_argument("-h", "--help", action="help", help=h("mostra esta ajuda e sai", "show this help and exit"))
        return created

    parser = parser_for(None, prog="pluggto-desktop",
                        description="Plug.to ⇄ Linx Commerce: " + h("pedidos dos marketplaces na sua loja.",
                                                                     "marketplace orders in your store."))
    parser.add_argument("--version", action="version", version=f"pluggto-desktop {__version__}",
                        help=h("mostra a versão e sai", "show the version and exit"))
    parser.add_argument("--home", metavar=h("PASTA", "DIR"), help=h(
        "pasta do perfil (padrão: $PLUGGTO_DESKTOP_HOME ou a pasta padrão do sistema)",
        "profile folder (default: $PLUGGTO_DESKTOP_HOME or the platform's standard folder)"))
    parser.add_argument("--demo", action="store_true", help=h(
        "abre o aplicativo num perfil de demonstração, com os simuladores rodando dentro dele",
        "open the app on a demo profile with simulators running inside it"))
    parser.add_argument("--lang", choices=["pt_BR", "en"], help=h(
        "idioma das mensagens (padrão: o das configurações, senão o do sistema)",
        "language of messages (default: settings/system)"))
    parser.add_argument("--verbose", "-v", action="store_true", help=h(
        "mostra também o log técnico", "also print the technical log"))
    parser.add_argument("--minimized", action="store_true", help=h(
        "inicia na bandeja, sem mostrar a janela (usado ao iniciar com o computador)",
        "start in the tray without showing the window (used when starting with the computer)"))
    # hidden: checks a (frozen) build from inside — see _self_test
    parser.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar=h("COMANDO", "COMMAND"), title=h("comandos", "commands"))

    def command_parser(name: str, pt: str, en: str) -> argparse.ArgumentParser:
        return parser_for(sub, name, help=h(pt, en), description=h(pt, en))

    setup = command_parser("setup", "configura sem o aplicativo (senhas pelas variáveis de ambiente ou perguntadas)",
                           "configure without the GUI (secrets from environment/prompt)")
    setup.add_argument("--pluggto-url", help=h("endereço da API do Plug.to (padrão https://api.plugg.to)",
                                               "Plug.to API URL (default https://api.plugg.to)"))
    setup.add_argument("--client-id", help="Client ID")
    setup.add_argument("--username", help=h("usuário da API do Plug.to (não o login do painel)",
                                            "Plug.to API user (not the panel login)"))
    setup.add_argument("--linx-url", help=h("nome do ambiente Linx ou a URL completa", "Linx tenant name or full URL"))
    setup.add_argument("--linx-user", help=h("usuário de integração da Linx", "Linx integration user"))
    setup.add_argument("--website-id", type=int, help=h("id do site do canal na Linx", "the channel's Linx website id"))
    setup.add_argument("--order-queue-id", type=int, help=h("id da fila de pedidos da Linx", "Linx order feed queue id"))
    setup.add_argument("--product-queue-id", type=int, help=h("id da fila de produtos da Linx",
                                                              "Linx product feed queue id"))
    setup.add_argument("--fallback-cnpj", help=h("CNPJ do intermediador padrão (numérico ou alfanumérico)",
                                                 "fallback intermediary CNPJ (numeric or alphanumeric)"))
    setup.add_argument("--warehouse-id", type=int, help=h("depósito que dá o estoque (padrão 1)",
                                                          "warehouse whose stock is sent (default 1)"))
    setup.add_argument("--stock-reserve", type=int, help=h("unidades retidas do Plug.to", "units held back from Plug.to"))
    setup.add_argument("--pluggto-user-id", help=h("seu id de usuário no Plug.to (senão, aprendido dos pedidos)",
                                                   "your Plug.to user id (otherwise learnt from orders)"))
    setup.add_argument("--activate", action="store_true", help=h("ativa o canal depois de salvar",
                                                                 "activate the channel after saving"))
    setup.add_argument("--no-test", action="store_true", help=h("salva sem testar as conexões",
                                                                "save without testing the connections"))

    sync = command_parser("sync", "roda a sincronização (até ser interrompida, ou uma passada)",
                          "run the sync engine (until interrupted, or one pass)")
    sync.add_argument("--once", action="store_true", help=h("uma passada completa e sai (veja os códigos de saída)",
                                                            "one full pass, then exit (see exit codes)"))
    sync.add_argument("--listen", metavar=h("HOST:PORTA", "HOST:PORT"), help=h(
        "recebe as notificações do Plug.to nesta execução", "serve the notification listener for this run"))

    status = command_parser("status", "mostra o canal, a sincronização e a fila",
                            "show the channel, the engine and the queue")
    status.add_argument("--json", action="store_true", help=h("imprime um objeto JSON", "print one JSON object"))

    simulate = command_parser("simulate", "serve os simuladores do Plug.to e da Linx nesta máquina",
                              "serve the Plug.to and Linx simulators on loopback")
    simulate.add_argument("--host", default="127.0.0.1", help=h("endereço (padrão 127.0.0.1)", "address (default 127.0.0.1)"))
    simulate.add_argument("--pluggto-port", type=int, default=8101, help=h("porta do Plug.to", "Plug.to port"))
    simulate.add_argument("--linx-port", type=int, default=8102, help=h("porta da Linx", "Linx port"))
    simulate.add_argument("--orders", type=int, default=50, help=h("pedidos criados no início", "orders to create at start"))
    simulate.add_argument("--latency-ms", type=float, default=0.0, help=h("atraso de cada resposta (ms)",
                                                                          "delay of each answer (ms)"))
    simulate.add_argument("--fail-rate", type=float, default=0.0, help=h(
        "fração das chamadas respondidas com 500/503", "share of calls answered 500/503"))
    simulate.add_argument("--notify-url", help=h("envia as notificações do Plug.to a este endereço",
                                                 "send Plug.to notifications to this listener URL"))
    simulate.add_argument("--seed", type=int, default=1, help=h("semente dos dados gerados", "seed of the generated data"))

    diagnose = command_parser("diagnose", "grava um zip de diagnóstico para o suporte (senhas e dados dos compradores "
                              "mascarados)", "write a diagnostics zip for support (secrets and buyers' data masked)")
    diagnose.add_argument("--output", "-o", required=True, metavar=h("ARQUIVO.zip", "FILE.zip"),
                          help=h("onde gravar o zip", "where to write the zip"))
    diagnose.add_argument("--include-payloads", action="store_true", help=h(
        "inclui também os dados dos pedidos que precisam de atenção (documentos, contatos e endereços mascarados)",
        "also the data of the orders needing attention (buyers' documents, contacts and addresses masked)"))
    diagnose.add_argument("--doctor", action="store_true", help=h("roda antes o teste de conexão e o inclui",
                                                                  "run the connection check first and include it"))

    doctor = command_parser("doctor", "testa as conexões com o Plug.to e a Linx passo a passo",
                            "check the connections to Plug.to and Linx step by step")
    doctor.add_argument("--json", action="store_true", help=h("imprime o relatório como um objeto JSON",
                                                              "print the report as one JSON object"))

    retry = command_parser("retry", "devolve pedidos à fila (o Reenviar do terminal): pelo ID do Plug.to, número do "
                           "pedido no marketplace ou na Linx", "send orders back to the queue (the terminal's Resend): "
                           "by Plug.to id, marketplace order number or Linx order number")
    retry.add_argument("refs", nargs="*", metavar=h("PEDIDO", "ORDER"), help=h(
        "ID do Plug.to, número do pedido no marketplace ou na Linx", "a Plug.to id, marketplace or Linx order number"))
    retry.add_argument("--all", action="store_true", help=h("todos os pedidos que precisam de atenção",
                                                            "every order that needs attention"))

    audit = command_parser("audit", "Conferência: compara o Plug.to e a loja num período (só leitura, a não ser "
                           "com --fix)", "audit: compare Plug.to and the store over a period (reads only, unless --fix)")
    audit.add_argument("--since", metavar=h("DIAS", "DAYS"), help=h(
        "os últimos N dias, ex.: 7d (padrão 7d)", "the last N days, e.g. 7d (default 7d)"))
    audit.add_argument("--from", dest="date_from", metavar=h("DATA", "DATE"), help=h(
        "início (AAAA-MM-DD ou data e hora ISO)", "start (YYYY-MM-DD or an ISO date-time)"))
    audit.add_argument("--to", dest="date_to", metavar=h("DATA", "DATE"), help=h(
        "fim (padrão: agora; uma data sozinha vale o dia inteiro)", "end (default: now; a date alone means the "
        "whole day)"))
    audit.add_argument("--json", action="store_true", help=h("imprime um objeto JSON (docs/audit.md)",
                                                             "print one JSON object (docs/audit.md)"))
    audit.add_argument("--fix", metavar="missing,ack,status", help=h(
        "corrige estas classes: missing (enfileira), ack (confirma no Plug.to), status (reenvia o status)",
        "repair these classes: missing (queue), ack (acknowledge in Plug.to), status (send the status again)"))

    command_parser("forget-secrets", "apaga as senhas e tokens deste perfil do cofre de senhas do sistema (ao "
                   "remover o aplicativo ou passar o computador adiante)", "delete this profile's passwords and "
                   "tokens from the system's password vault (when removing the app or handing the computer over)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser(help_language(argv)).parse_args(argv)
    # Technical messages go to the log file (set up per command), never to the user's terminal
    # unless --verbose asks: the NullHandler keeps Python from printing stray warnings.
    logging.getLogger("pluggto_desktop").addHandler(logging.NullHandler())
    if args.self_test:
        return _self_test()
    if args.command is None:
        return _open_app(args)
    profile = resolve_profile(args.home)
    command: Callable[[argparse.Namespace, Profile], int] = {
        "setup": cmd_setup,
        "sync": cmd_sync,
        "status": cmd_status,
        "simulate": cmd_simulate,
        "diagnose": cmd_diagnose,
        "doctor": cmd_doctor,
        "forget-secrets": cmd_forget_secrets,
        "retry": cmd_retry,
        "audit": cmd_audit,
    }[args.command]
    try:
        return command(args, profile)
    except KeyboardInterrupt:
        return EXIT_OK


def _open_app(args: argparse.Namespace) -> int:
    try:
        from pluggto_desktop.ui.app import run_app
    except ImportError as exc:  # PySide6 missing or broken: say so instead of a traceback
        lang = normalize_language(args.lang)
        _err(pick(lang, f"Não foi possível abrir o aplicativo: {exc}", f"Could not open the app: {exc}"))
        return EXIT_CONFIG
    return run_app(home=args.home, demo=args.demo, lang=args.lang, verbose=args.verbose, minimized=args.minimized)


# -- helpers ----------------------------------------------------------------------------------------
def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _read_settings(args: argparse.Namespace, profile: Profile) -> tuple[Settings | None, list[str], str]:
    """The profile's settings (None when invalid, with the problems) and the language for
    messages: --lang, else the settings' own, else the system's."""
    lang = normalize_language(args.lang) if args.lang else None
    try:
        settings = load_settings(profile.settings_path, lang=lang)
    except SettingsError as exc:
        return None, list(exc.problems), lang or exc.lang
    return settings, [], lang or settings.language


def _load(args: argparse.Namespace, profile: Profile) -> tuple[Settings, str] | None:
    """Settings and the language for messages; prints the problems and returns None when invalid."""
    settings, problems, lang = _read_settings(args, profile)
    if settings is None:
        _err(pick(lang, f"Configurações inválidas em {profile.settings_path}:",
                  f"Invalid settings in {profile.settings_path}:"))
        for problem in problems:
            _err(f"  - {problem}")
        return None
    return settings, lang


def _database_problem(problem: DatabaseProblem, lang: str) -> int:
    """Say why the queue database cannot be used (never "no orders", never a traceback)."""
    _err(problem.message(lang))
    return EXIT_CONFIG


def _setup_logging(profile: Profile, verbose: bool) -> None:
    from pluggto_desktop.logs import setup_logging

    setup_logging(profile.ensure(), level="INFO", console=verbose)


# -- setup --------------------------------------------------------------------------------------------
def cmd_setup(args: argparse.Namespace, profile: Profile) -> int:
    loaded = _load(args, profile)
    if loaded is None:
        return EXIT_CONFIG
    settings, lang = loaded
    _apply_setup_options(settings, args)
    secrets = SecretStore(profile.profile_id)
    values = _gather_secrets(secrets, lang)
    problems = validate(settings, lang)
    if args.fallback_cnpj is not None and not cnpj.is_valid(args.fallback_cnpj):
        # say it in terms of the option the user typed, instead of the settings field
        problems = [_cnpj_message(args.fallback_cnpj, lang)] + [
            p for p in problems if not p.startswith("channel.fallback_cnpj")]
    missing = [label for name, label in _secret_labels(lang).items() if not values.get(name)]
    if missing:
        problems.append(pick(lang, "faltam segredos (defina as variáveis de ambiente ou digite quando "
                                   "perguntado): ", "missing secrets (set the environment variables or type "
                                   "them when asked): ") + ", ".join(missing))
    if problems:
        _err(pick(lang, "Nada foi salvo. Corrija:", "Nothing was saved. Please fix:"))
        for problem in dict.fromkeys(problems):
            _err(f"  - {problem}")
        return EXIT_CONFIG
    if not args.no_test:
        failure = asyncio.run(_test_connections(settings, values, lang))
        if failure:
            _err(pick(lang, "Nada foi salvo: ", "Nothing was saved: ") + failure)
            return EXIT_CONFIG
    settings.channel.state = "active" if args.activate else (
        settings.channel.state if settings.channel.state in ("active", "paused") else "configured")
    profile.ensure()
    save_settings(settings, profile.settings_path, lang=lang)
    for name, value in values.items():
        secrets.set(name, value)
    print(pick(lang, f"Configuração salva em {profile.settings_path}.", f"Settings saved to {profile.settings_path}."))
    print(secrets.backend_description(lang))
    if not secrets.persistent:
        print(_vault_tip(secrets, lang))
    state = settings.channel_state
    print(pick(lang, f"Canal: {_channel_label(state, lang)}.", f"Channel: {_channel_label(state, lang)}."))
    return EXIT_OK


def _vault_tip(secrets: SecretStore, lang: str) -> str:
    """What to do about secrets the vault does not hold — the same words from ``setup`` and ``sync``."""
    names = ", ".join(ENV_SECRET_NAMES[:-1]) + pick(lang, " e ", " and ") + ENV_SECRET_NAMES[-1]
    if not secrets.persistent:
        return pick(lang, f"Como não há cofre de senhas neste computador, defina {names} no ambiente ao rodar "
                          "`sync` (ou `setup`).",
                    f"With no password vault on this computer, set {names} in the environment when running "
                    "`sync` (or `setup`).")
    return pick(lang, f"Guarde as senhas com `{command('setup')}` (ele as lê de {names} ou pergunta), ou "
                      "defina essas variáveis no ambiente ao rodar `sync`.",
                f"Store the passwords with `{command('setup')}` (it reads {names} or asks for them), or set "
                "those variables in the environment when running `sync`.")


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


def _secret_labels(lang: str) -> dict[str, str]:
    """The secrets ``setup`` asks for, named with the environment variable that can give them."""
    return {name: f"{secret_label(name, lang)} ({name})" for name in ENV_SECRET_NAMES}


def _gather_secrets(secrets: SecretStore, lang: str) -> dict[str, str]:
    """Environment first, then what is already stored, then a prompt when there is a terminal."""
    values: dict[str, str] = {}
    for name, label in _secret_labels(lang).items():
        value = secrets.get(name)
        if not value and sys.stdin.isatty():
            with contextlib.suppress(EOFError):
                value = getpass.getpass(f"{label}: ").strip()
        if value:
            values[name] = value
    return values


def _cnpj_message(value: str, lang: str) -> str:
    problem = cnpj.describe_problem(value)
    reasons = {
        "empty": ("está vazio", "is empty"),
        "length": ("precisa ter 14 caracteres", "must have 14 characters"),
        "characters": ("tem caracteres inválidos (use 0-9 e A-Z; os dois últimos são dígitos)",
                       "has invalid characters (use 0-9 and A-Z; the last two are digits)"),
        "repeated": ("não pode ter todos os caracteres iguais", "cannot have all characters equal"),
        "check_digits": ("tem dígito verificador errado", "has a wrong check digit"),
    }
    pt, en = reasons.get(problem or "", ("é inválido", "is invalid"))
    return pick(lang, f"--fallback-cnpj: o CNPJ {value!r} {pt}", f"--fallback-cnpj: CNPJ {value!r} {en}")


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


def _channel_label(state: str, lang: str) -> str:
    from pluggto_desktop.status_words import channel_label  # the app's words (one table)

    return channel_label(state, lang)


# -- sync ----------------------------------------------------------------------------------------------
def cmd_sync(args: argparse.Namespace, profile: Profile) -> int:
    loaded = _load(args, profile)
    if loaded is None:
        return EXIT_CONFIG
    settings, lang = loaded
    listen = None
    if args.listen:
        listen = _parse_listen(args.listen)
        if listen is None:
            _err(pick(lang, f"--listen: use HOST:PORTA (por exemplo 127.0.0.1:8787), não {args.listen!r}",
                      f"--listen: use HOST:PORT (e.g. 127.0.0.1:8787), not {args.listen!r}"))
            return EXIT_CONFIG
    state = settings.channel_state
    if state in ("installed", "configured"):
        setup = command("setup", home=profile.root)
        _err(pick(lang, f"O canal não está ativo. Configure e ative com `{setup} ... --activate`.",
                  f"The channel is not active. Configure and activate it with `{setup} ... --activate`."))
        return EXIT_CONFIG
    _setup_logging(profile, args.verbose)
    from pluggto_desktop.engine.factory import build_runtime
    from pluggto_desktop.instance import ProfileLock, desktop_app_running

    lock = ProfileLock(profile)  # one engine per profile: never two writers of one queue
    if not lock.acquire():
        if desktop_app_running(profile):
            _err(pick(lang, "O aplicativo Pluggto Desktop já está sincronizando este perfil.",
                      "The Pluggto Desktop app is already syncing this profile."))
        else:
            _err(pick(lang, "Outro `pluggto-desktop sync` já está rodando neste perfil.",
                      "Another `pluggto-desktop sync` is already running on this profile."))
        return EXIT_CONFIG
    try:
        try:
            runtime = build_runtime(profile, settings, SecretStore(profile.profile_id), lang=lang, listen=listen)
        except ConfigError as exc:
            _err(pick(lang, "Não é possível sincronizar:", "Cannot sync:"))
            for problem in exc.problems:
                _err(f"  - {problem}")
            secrets = SecretStore(profile.profile_id)
            if any(not secrets.get(name) for name in ENV_SECRET_NAMES):
                _err(_vault_tip(secrets, lang))
            return EXIT_CONFIG
        except DatabaseProblem as exc:
            return _database_problem(exc, lang)
        if args.once:
            return asyncio.run(_sync_once(runtime, lang))
        return asyncio.run(_sync_forever(runtime, lang, settings=settings, home=profile.root))
    except DatabaseProblem as exc:  # the file failed in a way the engine could not wait out
        return _database_problem(exc, lang)
    finally:
        lock.release()


def _parse_listen(text: str) -> tuple[str, int] | None:
    host, sep, port = text.rpartition(":")
    if not sep:
        host, port = "127.0.0.1", text
    host = host.strip("[]") or "127.0.0.1"
    if not port.isdigit() or not 0 < int(port) < 65536:
        return None
    return host, int(port)


async def _sync_once(runtime: Any, lang: str) -> int:
    try:
        summary = await runtime.engine.run_once()
        counts = summary.counts
        if summary.credential_error is None and summary.storage_problem is None:
            _print_counts(counts, lang)
            if counts.get("needs_attention"):
                await _print_attention(runtime.store, lang)
    finally:
        with contextlib.suppress(DatabaseProblem):  # already said below
            await runtime.aclose()
    if summary.storage_problem is not None:
        return _database_problem(summary.storage_problem, lang)
    if summary.credential_error is not None:
        _err(_credential_message(summary.credential_error, lang))
        return EXIT_CONFIG
    if summary.poll_error:
        _err(pick(lang, f"Não foi possível consultar o Plug.to: {summary.poll_error}",
                  f"Could not poll Plug.to: {summary.poll_error}"))
    if counts.get("needs_attention"):
        return EXIT_ATTENTION
    if counts.get("retry_wait") or counts.get("queued") or summary.poll_error:
        return EXIT_RETRY
    return EXIT_OK


async def _sync_forever(runtime: Any, lang: str, *, settings: Settings, home: Any = None) -> int:
    engine = runtime.engine
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows: no add_signal_handler
            loop.add_signal_handler(sig, stop.set)
    engine.bus.subscribe(lambda event: _echo(event, lang))
    await runtime.start(settings)
    if engine.status.listener_url:
        print(pick(lang, f"Recebendo notificações em {engine.status.listener_url} (o endereço a cadastrar no Plug.to)",
                   f"Receiving notifications at {engine.status.listener_url} (the address to register in Plug.to)"))
        from pluggto_desktop.engine.listener import exposed_without_https

        config = engine.config
        if exposed_without_https(config.listener_host, config.listener_public_url):
            _err(_exposure_warning(lang))
    elif engine.status.listener_error:
        from pluggto_desktop.explain import listener_failure, other_port

        config = engine.config
        words = listener_failure(engine.status.listener_problem, config.listener_host, config.listener_port,
                                 engine.status.listener_error, lang)
        _err(words.message)
        another = command("sync", "--listen", f"{config.listener_host}:{other_port(config.listener_port)}", home=home)
        _err(pick(lang, f"  Para usar outra porta: {another}", f"  To use another port: {another}"))
        _err(pick(lang, f"  Detalhe técnico: {words.technical}", f"  Technical detail: {words.technical}"))
    print(pick(lang, "Sincronizando. Ctrl+C para parar.", "Syncing. Press Ctrl+C to stop."))
    try:
        await stop.wait()
    finally:
        print(pick(lang, "Encerrando: terminando as chamadas em andamento…", "Stopping: finishing calls in flight…"))
        await runtime.aclose()
    return EXIT_OK


def _exposure_warning(lang: str) -> str:
    return pick(lang,
                "Atenção: o receptor de notificações aceita conexões de fora deste computador sem HTTPS: "
                "as notificações e o endereço secreto trafegam sem criptografia. Coloque um proxy "
                "reverso ou túnel HTTPS na frente e informe o endereço dele em engine.listener_public_url.",
                "Warning: the notification listener accepts connections from beyond this computer without "
                "HTTPS: notifications and the secret address travel unencrypted. Put an HTTPS reverse "
                "proxy or tunnel in front and set its address in engine.listener_public_url.")


def _echo(event: Any, lang: str) -> None:
    """Merchant-level lines on the console while ``sync`` runs (never personal data)."""
    if event.topic == "activity":
        entry = event.payload
        text = entry["message_pt"] if lang == PT else entry["message_en"]
        print(f"{datetime.now():%H:%M:%S} {text}", flush=True)
    elif event.topic == "state" and event.payload.state in ("offline", "credentials"):
        status = event.payload
        if status.state == "offline":
            print(pick(lang, f"{datetime.now():%H:%M:%S} Sem conexão ({status.detail}); tentando de novo em breve",
                       f"{datetime.now():%H:%M:%S} No connection ({status.detail}); retrying soon"), flush=True)


def _credential_message(exc: CredentialError, lang: str) -> str:
    which = {
        "client": ("o Client ID ou o Client Secret do Plug.to", "the Plug.to Client ID or Client Secret"),
        "user": ("o usuário ou a senha da API do Plug.to", "the Plug.to API user or password"),
        "token": ("o acesso ao Plug.to (token recusado)", "Plug.to access (token refused)"),
        "linx": ("o usuário ou a senha da Linx Commerce", "the Linx Commerce user or password"),
        "linx_permission": ("a permissão do usuário de integração da Linx", "the Linx integration user's permission"),
    }
    pt, en = which.get(exc.credential, ("as credenciais", "the credentials"))
    return pick(lang, f"Credenciais recusadas: verifique {pt}.", f"Credentials refused: check {en}.")


def _counts_text(counts: dict[str, int], lang: str) -> str:
    """"integrado: 16; precisa de atenção: 3" ("" when every count is zero)."""
    return "; ".join(f"{state_label(state, lang).lower()}: {n}" for state, n in counts.items() if n)


def _print_counts(counts: dict[str, int], lang: str) -> None:
    print(pick(lang, "Pedidos — ", "Orders — ") + (_counts_text(counts, lang) or pick(lang, "nenhum", "none")))


async def _print_attention(store: Any, lang: str, limit: int = 10) -> None:
    """List what needs attention, with the reason, so a scripted run's output is actionable."""
    from pluggto_desktop.domain.reasons import render
    from pluggto_desktop.store.jobs import JobQuery

    from pluggto_desktop.domain.reasons import TERMINAL

    jobs = await store.list_jobs(JobQuery(states=["needs_attention"]), limit=limit)
    for job in jobs:
        ref = job.marketplace_order_id or job.key
        reason = render(job.reason_code or "remote_rejected", job.params, lang, audience=TERMINAL,
                        program=program(), ref=job.key)
        print(f"  • {ref} ({job.marketplace or '?'}): {reason.title} — {reason.message} {reason.hint}")


# -- status -------------------------------------------------------------------------------------------
def cmd_status(args: argparse.Namespace, profile: Profile) -> int:
    from pluggto_desktop.status import snapshot

    loaded = _load(args, profile)
    if loaded is None:
        return EXIT_CONFIG
    settings, lang = loaded
    try:
        data = snapshot(profile, settings)
    except DatabaseProblem as exc:
        return _database_problem(exc, lang)
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return EXIT_OK
    from pluggto_desktop.status_words import engine_label  # the app's words (one table)

    pt, en = engine_label(data["engine"], "pt_BR"), engine_label(data["engine"], "en")
    print(pick(lang, f"Perfil: {data['profile']}", f"Profile: {data['profile']}"))
    print(pick(lang, f"Canal: {_channel_label(data['channel_state'], lang)}",
               f"Channel: {_channel_label(data['channel_state'], lang)}"))
    print(pick(lang, f"Sincronização: {pt}", f"Sync engine: {en}"))
    last, note = _when_text(data["last_poll"], lang), _when_text(data["last_notification"], lang)
    print(pick(lang, f"Última consulta ao Plug.to: {last}", f"Last Plug.to poll: {last}"))
    print(pick(lang, f"Última notificação: {note}", f"Last notification: {note}"))
    if data.get("listener_url"):
        print(pick(lang, f"Endereço a cadastrar no Plug.to: {data['listener_url']}",
                   f"Address to register in Plug.to: {data['listener_url']}"))
        if data.get("listener_warning"):
            print(_exposure_warning(lang))
    _print_counts(data["jobs"]["orders"], lang)
    from pluggto_desktop.domain.deadlines import summary_text as deadline_text

    watch = deadline_text(data["deadlines"]["by_step"], lang)
    if watch:
        print(pick(lang, f"Prazos: {watch}", f"Deadlines: {watch}"))
    products = _counts_text(data["jobs"]["products"], lang)
    if products:
        print(pick(lang, "Produtos — ", "Products — ") + products)
    return EXIT_OK


def _when_text(iso: str | None, lang: str, now: datetime | None = None) -> str:
    """An ISO time from the store as the user reads it: local time, and how long ago."""
    if not iso:
        return pick(lang, "nunca", "never")
    try:
        when = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    now = now or datetime.now().astimezone()
    seconds = max(0, int((now - when).total_seconds()))
    if seconds < 60:
        ago = pick(lang, f"há {seconds} s", f"{seconds} s ago")
    elif seconds < 3600:
        ago = pick(lang, f"há {seconds // 60} min", f"{seconds // 60} min ago")
    elif seconds < 86400:
        ago = pick(lang, f"há {seconds // 3600} h", f"{seconds // 3600} h ago")
    else:
        days = seconds // 86400
        ago = pick(lang, f"há {days} dia" + ("s" if days > 1 else ""), f"{days} day" + ("s" if days > 1 else "") + " ago")
    stamp = when.strftime("%d/%m/%Y %H:%M:%S") if lang == PT else when.strftime("%Y-%m-%d %H:%M:%S")
    return f"{stamp} ({ago})"


# -- simulate -------------------------------------------------------------------------------------------
def cmd_simulate(args: argparse.Namespace, profile: Profile) -> int:
    lang = normalize_language(args.lang)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    return asyncio.run(_simulate(args, profile, lang))


async def _simulate(args: argparse.Namespace, profile: Profile, lang: str) -> int:
    from pluggto_desktop.asgi_server import PortInUse
    from pluggto_desktop.simulator.serve import SimulatorSet

    try:
        sims = await SimulatorSet.start(
            host=args.host, pluggto_port=args.pluggto_port, linx_port=args.linx_port, orders=args.orders,
            latency_ms=args.latency_ms, fail_rate=args.fail_rate, seed=args.seed, notify_url=args.notify_url,
        )
    except PortInUse as exc:
        _err(pick(lang, f"Porta ocupada: {exc}. Escolha outra com --pluggto-port/--linx-port.",
                  f"Port in use: {exc}. Pick another with --pluggto-port/--linx-port."))
        return EXIT_CONFIG
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    creds = sims.credentials
    print(creds.describe())
    print()
    print(pick(lang, "Para configurar um perfil com estes simuladores (cole em outro terminal):",
               "To configure a profile with these simulators (paste it in another terminal):"))
    print("  " + env_assignments(creds.setup_secrets()) + command("setup", *creds.setup_args(), home=profile.root))
    print(pick(lang, "Depois, para sincronizar: ", "Then, to sync: ") + command("sync", home=profile.root))
    print(pick(lang, f"{args.orders} pedidos criados. Ctrl+C para parar.", f"{args.orders} orders created. Ctrl+C to stop."),
          flush=True)
    try:
        await stop.wait()
    finally:
        await sims.stop()
    return EXIT_OK


# -- self-test (hidden option) ------------------------------------------------------------------------
def _self_test() -> int:
    """``pluggto-desktop --self-test``: what a packaged build needs, checked from inside it.

    Prints one JSON object — version, Python, Qt (version, Qt's pt-BR translation, the platform
    and image-format plugins that load), the keyring backends keyring discovers through its entry
    points (with whether each is usable here) and the one it picks, and whether the app's icons
    and pt-BR catalogue are found — and exits 1 when something is missing. It reads no profile
    and never reads or writes a vault's contents. Used by tests/packaging and the build workflow.
    """
    import importlib.metadata
    import inspect
    import platform
    from pathlib import Path

    import keyring
    import keyring.backend

    from pluggto_desktop.secrets import backend_label

    problems: list[str] = []
    report: dict[str, Any] = {"version": __version__, "python": platform.python_version(),
                              "platform": sys.platform, "frozen": bool(getattr(sys, "frozen", False)),
                              "executable": sys.executable}
    entry_points = sorted(ep.name for ep in importlib.metadata.entry_points(group="keyring.backends"))
    viable = {backend_label(b) for b in keyring.backend.get_all_keyring()}  # also loads the entry points
    classes, pending = {}, list(keyring.backend.KeyringBackend.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if not inspect.isabstract(cls):
            classes[f"{cls.__module__}.{cls.__name__}"] = cls
    backends: dict[str, Any] = {}
    for label, cls in sorted(classes.items()):
        try:
            backends[label] = {"usable": label in viable, "priority": cls.priority}
        except Exception as exc:  # noqa: BLE001 - why it cannot be used here (no D-Bus, wrong OS…)
            backends[label] = {"usable": False, "reason": f"{type(exc).__name__}: {exc}"[:200]}
    try:
        selected = backend_label(keyring.get_keyring())
    except Exception as exc:  # noqa: BLE001
        selected = f"error: {type(exc).__name__}"
    natives = {"linux": "keyring.backends.SecretService.Keyring",
               "win32": "keyring.backends.Windows.WinVaultKeyring",
               "darwin": "keyring.backends.macOS.Keyring"}
    native = natives.get("linux" if sys.platform.startswith("linux") else sys.platform)
    report["keyring"] = {"entry_points": entry_points, "backends": backends, "selected": selected, "native": native}
    if native and native not in backends:
        problems.append(f"keyring backend {native} not discovered")
    # Only ui/ imports Qt (tests/test_architecture.py): the ui layer loads it and this reads the
    # modules it loaded, as diagnostics.py does. (The GUI smoke run shows the icons really render.)
    try:
        from pluggto_desktop.ui.resources import resources_dir, translations_dir
    except ImportError as exc:  # PySide6 missing or broken
        problems.append(f"Qt: {type(exc).__name__}: {exc}")
    else:
        qt_core, qt_gui = sys.modules["PySide6.QtCore"], sys.modules["PySide6.QtGui"]
        info = qt_core.QLibraryInfo
        plugins = Path(info.path(info.LibraryPath.PluginsPath))
        qt_translations = Path(info.path(info.LibraryPath.TranslationsPath))
        resources = resources_dir()
        icons = sorted(p.name for p in (resources / "icons").glob("*.svg"))
        report["qt"] = {
            "version": qt_core.qVersion(), "pyside6": sys.modules["PySide6"].__version__,
            "platform_plugins": sorted(p.name for p in (plugins / "platforms").glob("*")),
            "image_formats": sorted(bytes(f).decode() for f in qt_gui.QImageReader.supportedImageFormats()),
            "qtbase_pt_BR": (qt_translations / "qtbase_pt_BR.qm").is_file(),
        }
        report["resources"] = {"dir": str(resources), "icons": icons,
                               "pt_BR_qm": (translations_dir() / "pluggto_desktop_pt_BR.qm").is_file()}
        checks = [("resources/icons/app.svg", "app.svg" in icons),
                  ("pluggto_desktop_pt_BR.qm", report["resources"]["pt_BR_qm"]),
                  ("Qt's SVG image plugin", "svg" in report["qt"]["image_formats"]),
                  ("Qt's qtbase_pt_BR.qm", report["qt"]["qtbase_pt_BR"])]
        problems += [f"missing: {name}" for name, ok in checks if not ok]
    report["problems"] = problems
    report["ok"] = not problems
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return EXIT_OK if not problems else EXIT_ATTENTION


# -- diagnose -------------------------------------------------------------------------------------------
def _quiet_logging(verbose: bool) -> None:
    """Read-mostly commands leave the profile's log file to the app that may be running; with
    --verbose the technical log goes to the terminal."""
    if verbose:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr)


def cmd_diagnose(args: argparse.Namespace, profile: Profile) -> int:
    from pathlib import Path

    from pluggto_desktop.diagnostics import build_bundle, size_text

    _quiet_logging(args.verbose)
    # a broken profile is when support needs the bundle most: its problems go in the bundle
    settings, problems, lang = _read_settings(args, profile)
    output = Path(args.output).expanduser()
    if output.is_dir() or not output.parent.is_dir():
        _err(pick(lang, f"Não é possível gravar em {output}: a pasta {output.parent} não existe ou o caminho é "
                        "uma pasta. Informe um arquivo .zip numa pasta existente.",
                  f"Cannot write {output}: the folder {output.parent} does not exist or the path is a folder. "
                  "Give a .zip file in an existing folder."))
        return EXIT_CONFIG
    secrets = SecretStore(profile.profile_id)
    report = None
    if args.doctor:
        if settings is None:
            _err(pick(lang, "Diagnóstico de conexão não feito: as configurações são inválidas.",
                      "Connection check skipped: the settings are invalid."))
        else:
            from pluggto_desktop.doctor import run_doctor

            report = asyncio.run(run_doctor(settings, secrets, lang=lang, profile=profile))
            print(pick(lang, "Diagnóstico de conexão: ", "Connection check: ")
                  + ("OK" if report.ok else pick(lang, "com falhas (veja connection-check.txt)",
                                                 "with failures (see connection-check.txt)")))
    bundle = build_bundle(profile, settings, secrets, include_payloads=args.include_payloads,
                          doctor_report=report, lang=lang, settings_problems=problems or None)
    if bundle.database_problem:
        _err(pick(lang, "Atenção: ", "Warning: ") + bundle.database_problem)
    try:
        written = bundle.write_zip(output)
    except OSError as exc:
        _err(pick(lang, f"Não foi possível gravar {output}: {exc.strerror or exc}",
                  f"Could not write {output}: {exc.strerror or exc}"))
        return EXIT_CONFIG
    print(pick(lang, f"Diagnóstico salvo em {written} ({len(bundle.files)} arquivos, "
                     f"{size_text(written.stat().st_size, lang)} compactado):",
               f"Diagnostics written to {written} ({len(bundle.files)} files, "
               f"{size_text(written.stat().st_size, lang)} compressed):"))
    for item in bundle.preview(lang):
        print(f"  {item.name:<32} {size_text(item.size, lang):>9}  {item.description}")
    return EXIT_OK


# -- doctor ----------------------------------------------------------------------------------------------
def cmd_doctor(args: argparse.Namespace, profile: Profile) -> int:
    from pluggto_desktop.doctor import run_doctor

    loaded = _load(args, profile)
    if loaded is None:
        return EXIT_CONFIG
    settings, lang = loaded
    _quiet_logging(args.verbose)
    report = asyncio.run(run_doctor(settings, SecretStore(profile.profile_id), lang=lang,
                                    profile=profile if profile.root.exists() else None))
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print(report.as_text(lang, terminal=command("setup", home=profile.root)), end="")
    if report.config_problem:
        return EXIT_CONFIG
    return EXIT_OK if report.ok else EXIT_ATTENTION


# -- forget-secrets -------------------------------------------------------------------------------------
def cmd_retry(args: argparse.Namespace, profile: Profile) -> int:
    """``retry ORDER… | --all``: what "Reenviar" does in the app — the orders go back to the
    queue with fresh attempts; a running app or the next ``sync`` sends them."""
    loaded = _load(args, profile)
    if loaded is None:
        return EXIT_CONFIG
    _settings, lang = loaded
    if not args.refs and not args.all:
        _err(pick(lang, "Diga quais pedidos (ID do Plug.to ou número do pedido) ou use --all.",
                  "Say which orders (Plug.to id or order number) or use --all."))
        return EXIT_CONFIG
    from pluggto_desktop.store.jobs import JobQuery, Store

    try:
        store = Store(profile.database_path)
    except DatabaseProblem as exc:
        return _database_problem(exc, lang)
    try:
        ids: list[int] = []
        unknown: list[str] = []
        if args.all:
            ids += [job.id for job in store.list_jobs(JobQuery(kind="order", states=["needs_attention"]),
                                                      limit=100_000)]
        for ref in args.refs:
            found = [job.id for job in store.list_jobs(JobQuery(kind="order", search=ref.strip()), limit=50)
                     if ref.strip() in (job.key, job.marketplace_order_id, job.linx_order_number)]
            ids += found
            if not found:
                unknown.append(ref)
        count = store.retry(list(dict.fromkeys(ids)))
    except sqlite3.Error as exc:
        problem = DatabaseProblem.of(exc, profile.database_path)
        if problem is None:
            raise
        return _database_problem(problem, lang)
    finally:
        store.close()
    for ref in unknown:
        _err(pick(lang, f"Nenhum pedido {ref} na fila deste perfil.", f"No order {ref} in this profile's queue."))
    print(pick(lang, f"{plural(count, 'pedido', 'pedidos')} de volta à fila; o aplicativo aberto ou o próximo "
                     "`sync` os envia.",
               f"{plural(count, 'order', 'orders')} back in the queue; the open app or the next `sync` sends them."))
    return EXIT_CONFIG if unknown and not count else EXIT_OK


def cmd_audit(args: argparse.Namespace, profile: Profile) -> int:
    """``audit``: the Conferência of a period. Exit 0 all matches, 1 differences found (after
    ``--fix``: differences left), 2 a configuration problem."""
    loaded = _load(args, profile)
    if loaded is None:
        return EXIT_CONFIG
    settings, lang = loaded
    try:
        start, end = _audit_period(args)
        fixes = {part.strip() for part in (args.fix or "").split(",") if part.strip()}
        from pluggto_desktop.domain.audit import FIXES

        if fixes - set(FIXES):
            raise ValueError(pick(lang, f"--fix aceita {', '.join(FIXES)}", f"--fix takes {', '.join(FIXES)}"))
    except ValueError as exc:
        _err(str(exc))
        return EXIT_CONFIG
    if not settings.channel.website_id:
        _err(pick(lang, "O canal não tem o id do site na Linx: configure-o antes da Conferência.",
                  "The channel has no Linx website id: set it up before auditing."))
        return EXIT_CONFIG
    _setup_logging(profile, args.verbose)
    from pluggto_desktop.engine.factory import build_runtime
    from pluggto_desktop.instance import ProfileLock

    lock = ProfileLock(profile)
    if fixes and not lock.acquire():  # repairs write: never beside another engine of this profile
        _err(pick(lang, "O aplicativo ou um `sync` está usando este perfil: faça as correções pela Conferência do "
                        "aplicativo, ou feche-o e rode de novo.",
                  "The app or a `sync` is using this profile: repair from the app's Audit page, or close it and "
                  "run this again."))
        return EXIT_CONFIG
    try:
        try:
            runtime = build_runtime(profile, settings, SecretStore(profile.profile_id), lang=lang)
        except ConfigError as exc:
            _err(pick(lang, "Não é possível fazer a Conferência:", "Cannot audit:"))
            for problem in exc.problems:
                _err(f"  - {problem}")
            return EXIT_CONFIG
        except DatabaseProblem as exc:
            return _database_problem(exc, lang)
        return asyncio.run(_audit(runtime, start, end, fixes, args.json, lang, home=profile.root))
    finally:
        lock.release()


def _audit_period(args: argparse.Namespace) -> tuple[datetime, datetime]:
    from pluggto_desktop.engine.audit import period

    if args.since and (args.date_from or args.date_to):
        raise ValueError("--since or --from/--to, not both")
    if args.date_from or args.date_to:
        start = _audit_date(args.date_from, end=False) if args.date_from else None
        end = _audit_date(args.date_to, end=True) if args.date_to else None
        return period(start=start or ((end or datetime.now(timezone.utc)) - timedelta(days=7)), end=end)
    days = 7.0
    if args.since:
        text = args.since.strip().lower().removesuffix("d")
        try:
            days = float(text)
        except ValueError:
            raise ValueError(f"--since: {args.since!r} (use e.g. 7d)") from None
        if not 0 < days <= 366:
            raise ValueError("--since: between 1 and 366 days")
    return period(days)


def _audit_date(text: str, *, end: bool) -> datetime:
    """A local date (the whole day) or an ISO date-time."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r}: use YYYY-MM-DD or an ISO date-time") from None
    if len(text.strip()) == 10 and end:
        moment = moment + timedelta(days=1) - timedelta(microseconds=1)
    return moment.astimezone(timezone.utc) if moment.tzinfo is None else moment


async def _audit(runtime: Any, start: datetime, end: datetime, fixes: set[str], as_json: bool, lang: str,
                 home: Any = None) -> int:
    from pluggto_desktop.domain.audit import OK, class_label, fixed_text, fixes_for, summary_text

    try:
        try:
            report = await runtime.engine.audit(start, end)
            if fixes:
                await runtime.engine.fix_audit(report, fixes)
                await runtime.engine.work_due()
                fixed = report.fixed
                report = await runtime.engine.audit(start, end)
                report.fixed = fixed
        except CredentialError as exc:
            _err(_credential_message(exc, lang))
            return EXIT_CONFIG
        except SyncError as exc:
            _err(pick(lang, f"Não foi possível ler os dois sistemas: {exc}", f"Could not read both systems: {exc}"))
            return EXIT_CONFIG
    finally:
        with contextlib.suppress(DatabaseProblem):
            await runtime.aclose()
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        first, last = start.astimezone(), end.astimezone()  # the person's own clock
        when = pick(lang, f"{first:%d/%m/%Y %H:%M} a {last:%d/%m/%Y %H:%M}",
                    f"{first:%Y-%m-%d %H:%M} to {last:%Y-%m-%d %H:%M}")
        print(pick(lang, f"Conferência de {when}: ", f"Audit of {when}: ") + summary_text(report.counts, lang))
        for finding in report.findings:
            if finding.cls == OK:
                continue
            ref = finding.number or finding.pluggto_id or finding.store_numbers[0]
            print(f"  • [{class_label(finding.cls, lang)}] {ref} ({finding.marketplace or '?'}): "
                  f"{finding.what_differs(lang)}")
        if report.fixed:
            print(pick(lang, "Corrigido: ", "Repaired: ") + fixed_text(report.fixed, lang) + ".")
        elif repairs := fixes_for(report.counts):
            fix = command("audit", "--fix", ",".join(repairs), home=home)
            print(pick(lang, f"Para corrigir: {fix}", f"To repair: {fix}"))
    return EXIT_ATTENTION if report.differences else EXIT_OK


def cmd_forget_secrets(args: argparse.Namespace, profile: Profile) -> int:
    """Remove the profile's secrets from the vault. The files of the profile are left alone: the
    Windows uninstaller deletes them itself when the user asks, and so can the user."""
    _quiet_logging(args.verbose)
    lang = _read_settings(args, profile)[2]
    secrets = SecretStore(profile.profile_id, use_environment=False)
    if not secrets.persistent:
        print(pick(lang, "Nenhum cofre de senhas disponível: não há senhas guardadas para apagar.",
                   "No password vault available: there are no stored passwords to delete."))
        return EXIT_OK
    from pluggto_desktop.instance import ProfileLock

    # a running engine would save its renewed Plug.to token again right after the deletion
    lock = ProfileLock(profile)
    if profile.root.exists() and not lock.acquire():
        _err(pick(lang, "O Pluggto Desktop (ou um `sync`) está usando este perfil: feche-o antes de apagar as "
                        "senhas, senão ele volta a guardar o token de acesso.",
                  "Pluggto Desktop (or a `sync`) is using this profile: close it before deleting the passwords, "
                  "or it saves its access token again."))
        return EXIT_CONFIG
    try:
        removed = secrets.forget_all()
    except VaultError:
        _err(pick(lang, "O cofre de senhas do sistema falhou: algumas senhas podem não ter sido apagadas. "
                        "Rode de novo com --verbose para ver o erro.",
                  "The system's password vault failed: some passwords may not have been deleted. "
                  "Run again with --verbose to see the error."))
        return EXIT_CONFIG
    finally:
        lock.release()
    labels = _secret_labels(lang) | {PLUGGTO_REFRESH_TOKEN: secret_label(PLUGGTO_REFRESH_TOKEN, lang)}
    if removed:
        print(pick(lang, f"Apagado do cofre de senhas ({profile.root}):", f"Deleted from the password vault "
                                                                            f"({profile.root}):"))
        for name in removed:
            print(f"  - {labels.get(name, name)}")
    else:
        print(pick(lang, f"Nenhuma senha deste perfil ({profile.root}) estava guardada.",
                   f"No password of this profile ({profile.root}) was stored."))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

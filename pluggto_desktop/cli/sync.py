"""``sync``: run the engine on this profile — until stopped (Ctrl+C), or one full pass
(``--once``) whose exit code tells a script what is left (see the package's docstring)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
from datetime import datetime
from typing import Any

from pluggto_desktop.cli.output import (
    EXIT_ATTENTION,
    EXIT_CONFIG,
    EXIT_OK,
    EXIT_RETRY,
    credential_message,
    database_problem,
    err,
    err_list,
    exposure_warning,
    load,
    print_counts,
    setup_logging,
    vault_tip,
)
from pluggto_desktop.errors import ConfigError
from pluggto_desktop.invocation import command, program
from pluggto_desktop.present import jobs as present_jobs
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import ENV_SECRET_NAMES, SecretStore
from pluggto_desktop.settings import Settings, parse_datetime
from pluggto_desktop.store.db import DatabaseProblem
from pluggto_desktop.text import PT, Text

_BAD_LISTEN = Text("--listen: use HOST:PORTA (por exemplo 127.0.0.1:8787), não {value}",
                   "--listen: use HOST:PORT (e.g. 127.0.0.1:8787), not {value}")
_NOT_ACTIVE = Text("O canal não está ativo. Configure e ative com `{setup} ... --activate`.",
                   "The channel is not active. Configure and activate it with `{setup} ... --activate`.")
_APP_IS_SYNCING = Text("O aplicativo Pluggto Desktop já está sincronizando este perfil.",
                       "The Pluggto Desktop app is already syncing this profile.")
_ANOTHER_SYNC = Text("Outro `pluggto-desktop sync` já está rodando neste perfil.",
                     "Another `pluggto-desktop sync` is already running on this profile.")
_CANNOT_SYNC = Text("Não é possível sincronizar:", "Cannot sync:")
_PAUSED_UNTIL = Text("O canal está pausado até {when}: nada foi sincronizado. Rode de novo depois, ou retome no "
                     "aplicativo (Painel → Retomar).",
                     "The channel is paused until {when}: nothing was synced. Run again later, or resume it in the "
                     "app (Dashboard → Resume).")
_PAUSED = Text("O canal está pausado até ser retomado: nada foi sincronizado. Retome no aplicativo (Painel → "
               "Retomar).",
               "The channel is paused until it is resumed: nothing was synced. Resume it in the app (Dashboard → "
               "Resume).")


def cmd_sync(args: argparse.Namespace, profile: Profile) -> int:
    loaded = load(args, profile)
    if loaded is None:
        return EXIT_CONFIG
    settings, lang = loaded
    listen = None
    if args.listen:
        listen = _parse_listen(args.listen)
        if listen is None:
            err(_BAD_LISTEN(lang, value=repr(args.listen)))
            return EXIT_CONFIG
    if settings.channel_state in ("installed", "configured"):
        err(_NOT_ACTIVE(lang, setup=command("setup", home=profile.root)))
        return EXIT_CONFIG
    if args.once and settings.channel_state == "paused":  # the person's pause holds for scripts too
        err(_paused(settings, lang))
        return EXIT_RETRY
    setup_logging(profile, args.verbose)
    from pluggto_desktop.engine.factory import build_runtime
    from pluggto_desktop.instance import ProfileLock, desktop_app_running

    lock = ProfileLock(profile)  # one engine per profile: never two writers of one queue
    if not lock.acquire():
        err((_APP_IS_SYNCING if desktop_app_running(profile) else _ANOTHER_SYNC)(lang))
        return EXIT_CONFIG
    try:
        try:
            runtime = build_runtime(profile, settings, SecretStore(profile.profile_id), lang=lang, listen=listen)
        except ConfigError as exc:
            err_list(_CANNOT_SYNC(lang), exc.problems)
            secrets = SecretStore(profile.profile_id)
            if any(not secrets.get(name) for name in ENV_SECRET_NAMES):
                err(vault_tip(secrets, lang))
            return EXIT_CONFIG
        except DatabaseProblem as exc:
            return database_problem(exc, lang)
        if args.once:
            return asyncio.run(_sync_once(runtime, lang))
        return asyncio.run(_sync_forever(runtime, lang, settings=settings, home=profile.root))
    except DatabaseProblem as exc:  # the file failed in a way the engine could not wait out
        return database_problem(exc, lang)
    finally:
        lock.release()


def _paused(settings: Settings, lang: str) -> str:
    until = parse_datetime(settings.channel.paused_until) if settings.channel.paused_until else None
    if until is None:
        return _PAUSED(lang)
    return _PAUSED_UNTIL(lang, when=until.astimezone().strftime("%d/%m/%Y %H:%M" if lang == PT else "%Y-%m-%d %H:%M"))


def _parse_listen(text: str) -> tuple[str, int] | None:
    host, sep, port = text.rpartition(":")
    if not sep:
        host, port = "127.0.0.1", text
    host = host.strip("[]") or "127.0.0.1"
    if not port.isdigit() or not 0 < int(port) < 65536:
        return None
    return host, int(port)


# -- one pass ----------------------------------------------------------------------------------------
_CANNOT_POLL = Text("Não foi possível consultar o Plug.to: {error}", "Could not poll Plug.to: {error}")


async def _sync_once(runtime: Any, lang: str) -> int:
    try:
        summary = await runtime.engine.run_once()
        counts = summary.counts
        if summary.credential_error is None and summary.storage_problem is None:
            print_counts(counts, lang)
            if counts.get("needs_attention"):
                await _print_attention(runtime.store, lang)
    finally:
        with contextlib.suppress(DatabaseProblem):  # already said below
            await runtime.aclose()
    if summary.storage_problem is not None:
        return database_problem(summary.storage_problem, lang)
    if summary.credential_error is not None:
        err(credential_message(summary.credential_error, lang))
        return EXIT_CONFIG
    if summary.poll_error:
        err(_CANNOT_POLL(lang, error=summary.poll_error))
    if counts.get("needs_attention"):
        return EXIT_ATTENTION
    if counts.get("retry_wait") or counts.get("queued") or summary.poll_error:
        return EXIT_RETRY
    return EXIT_OK


async def _print_attention(store: Any, lang: str, limit: int = 10) -> None:
    """List what needs attention, with the reason, so a scripted run's output is actionable."""
    from pluggto_desktop.store.jobs import JobQuery

    jobs = await store.list_jobs(JobQuery(states=["needs_attention"]), limit=limit)
    for job in jobs:
        print(attention_line(job, lang, program()))


def attention_line(job: Any, lang: str, program_name: str) -> str:
    """``  • <order> (<marketplace>): <title> — <message> <what to do>``: a job needing attention,
    its reason as present/jobs.py words it for a terminal (the hint names commands)."""
    reason = present_jobs.reason(job, lang, audience=present_jobs.TERMINAL, program=program_name)
    ref = job.marketplace_order_id or job.key
    line = f"  • {ref} ({job.marketplace or '?'}): {reason.title}"
    details = " ".join(text for text in (reason.message, reason.hint) if text)
    return f"{line} — {details}" if details else line


# -- until stopped ---------------------------------------------------------------------------------------
_LISTENING = Text("Recebendo notificações em {url} (o endereço a cadastrar no Plug.to)",
                  "Receiving notifications at {url} (the address to register in Plug.to)")
_OTHER_PORT = Text("  Para usar outra porta: {command}", "  To use another port: {command}")
_TECHNICAL = Text("  Detalhe técnico: {detail}", "  Technical detail: {detail}")
_SYNCING = Text("Sincronizando. Ctrl+C para parar.", "Syncing. Press Ctrl+C to stop.")
_STOPPING = Text("Encerrando: terminando as chamadas em andamento…", "Stopping: finishing calls in flight…")
_OFFLINE = Text("{time} Sem conexão ({detail}); tentando de novo em breve",
                "{time} No connection ({detail}); retrying soon")


async def _sync_forever(runtime: Any, lang: str, *, settings: Settings, home: Any = None) -> int:
    engine = runtime.engine
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows: no add_signal_handler
            loop.add_signal_handler(sig, stop.set)
    engine.bus.subscribe(lambda event: _echo(event, lang))
    await runtime.start(settings)
    _say_listener(engine, lang, home)
    print(_SYNCING(lang))
    try:
        await stop.wait()
    finally:
        print(_STOPPING(lang))
        await runtime.aclose()
    return EXIT_OK


def _say_listener(engine: Any, lang: str, home: Any) -> None:
    """Where notifications arrive — or why they cannot, and the command that picks another port."""
    config = engine.config
    if engine.status.listener_url:
        print(_LISTENING(lang, url=engine.status.listener_url))
        from pluggto_desktop.engine.listener import exposed_without_https

        if exposed_without_https(config.listener_host, config.listener_public_url):
            err(exposure_warning(lang))
    elif engine.status.listener_error:
        from pluggto_desktop.explain import listener_failure, other_port

        words = listener_failure(engine.status.listener_problem, config.listener_host, config.listener_port,
                                 engine.status.listener_error, lang)
        err(words.message)
        another = command("sync", "--listen", f"{config.listener_host}:{other_port(config.listener_port)}", home=home)
        err(_OTHER_PORT(lang, command=another))
        err(_TECHNICAL(lang, detail=words.technical))


def _echo(event: Any, lang: str) -> None:
    """Merchant-level lines on the console while ``sync`` runs (never personal data)."""
    if event.topic == "activity":
        entry = event.payload
        text = entry["message_pt"] if lang == PT else entry["message_en"]
        print(f"{datetime.now():%H:%M:%S} {text}", flush=True)
    elif event.topic == "state" and event.payload.state == "offline":
        print(_OFFLINE(lang, time=f"{datetime.now():%H:%M:%S}", detail=event.payload.detail), flush=True)

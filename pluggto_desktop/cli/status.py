"""``status``: the channel, the engine and the queue of a profile, in the app's words (or as one
JSON object with ``--json``)."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from pluggto_desktop.cli.output import (
    EXIT_CONFIG,
    EXIT_OK,
    counts_text,
    database_problem,
    exposure_warning,
    load,
    print_counts,
)
from pluggto_desktop.profile import Profile
from pluggto_desktop.status_words import channel_label, engine_label
from pluggto_desktop.store.db import DatabaseProblem
from pluggto_desktop.text import Text, plural

_PROFILE = Text("Perfil: {folder}", "Profile: {folder}")
_CHANNEL = Text("Canal: {state}", "Channel: {state}")
_ENGINE = Text("Sincronização: {state}", "Sync engine: {state}")
_LAST_POLL = Text("Última consulta ao Plug.to: {when}", "Last Plug.to poll: {when}")
_LAST_NOTIFICATION = Text("Última notificação: {when}", "Last notification: {when}")
_LISTENER = Text("Endereço a cadastrar no Plug.to: {url}", "Address to register in Plug.to: {url}")
_DEADLINES = Text("Prazos: {summary}", "Deadlines: {summary}")
_PRODUCTS = Text("Produtos — {counts}", "Products — {counts}")


def cmd_status(args: argparse.Namespace, profile: Profile) -> int:
    from pluggto_desktop.status import snapshot

    loaded = load(args, profile)
    if loaded is None:
        return EXIT_CONFIG
    settings, lang = loaded
    try:
        data = snapshot(profile, settings)
    except DatabaseProblem as exc:
        return database_problem(exc, lang)
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return EXIT_OK
    _print_status(data, lang)
    return EXIT_OK


def _print_status(data: dict[str, Any], lang: str) -> None:
    from pluggto_desktop.domain.deadlines import summary_text as deadline_text

    print(_PROFILE(lang, folder=data["profile"]))
    print(_CHANNEL(lang, state=channel_label(data["channel_state"], lang)))  # the app's words (one table)
    print(_ENGINE(lang, state=engine_label(data["engine"], lang)))
    print(_LAST_POLL(lang, when=when_text(data["last_poll"], lang)))
    print(_LAST_NOTIFICATION(lang, when=when_text(data["last_notification"], lang)))
    if data.get("listener_url"):
        print(_LISTENER(lang, url=data["listener_url"]))
        if data.get("listener_warning"):
            print(exposure_warning(lang))
    print_counts(data["jobs"]["orders"], lang)
    watch = deadline_text(data["deadlines"]["by_step"], lang)
    if watch:
        print(_DEADLINES(lang, summary=watch))
    products = counts_text(data["jobs"]["products"], lang)
    if products:
        print(_PRODUCTS(lang, counts=products))


_NEVER = Text("nunca", "never")
_SECONDS_AGO = Text("há {n} s", "{n} s ago")
_MINUTES_AGO = Text("há {n} min", "{n} min ago")
_HOURS_AGO = Text("há {n} h", "{n} h ago")
_DAYS_AGO = plural("há {n} dia", "há {n} dias", "{n} day ago", "{n} days ago")
_STAMP = Text("{day:%d/%m/%Y %H:%M:%S} ({ago})", "{day:%Y-%m-%d %H:%M:%S} ({ago})")


def when_text(iso: str | None, lang: str, now: datetime | None = None) -> str:
    """An ISO time from the store as the user reads it: local time, and how long ago."""
    if not iso:
        return _NEVER(lang)
    try:
        when = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso  # shown as stored rather than lost
    now = now or datetime.now().astimezone()
    seconds = max(0, int((now - when).total_seconds()))
    if seconds < 60:
        ago = _SECONDS_AGO(lang, n=seconds)
    elif seconds < 3600:
        ago = _MINUTES_AGO(lang, n=seconds // 60)
    elif seconds < 86400:
        ago = _HOURS_AGO(lang, n=seconds // 3600)
    else:
        ago = _DAYS_AGO(lang, seconds // 86400)
    return _STAMP(lang, day=when, ago=ago)


__all__ = ["cmd_status", "when_text"]

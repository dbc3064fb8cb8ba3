"""Commands about particular orders: ``retry`` (the terminal's "Reenviar": orders back to the
queue) and ``audit`` (the Conferência: Plug.to and the store compared over a period, repaired
with ``--fix``)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

from pluggto_desktop.cli.output import (
    EXIT_ATTENTION,
    EXIT_CONFIG,
    EXIT_OK,
    credential_message,
    database_problem,
    err,
    err_list,
    load,
    setup_logging,
)
from pluggto_desktop.errors import ConfigError, CredentialError, SyncError
from pluggto_desktop.invocation import command
from pluggto_desktop.present.jobs import can_retry
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import SecretStore
from pluggto_desktop.store.db import DatabaseProblem
from pluggto_desktop.text import Text, plural

# -- retry -------------------------------------------------------------------------------------------------
_SAY_WHICH = Text("Diga quais pedidos (ID do Plug.to ou número do pedido) ou use --all.",
                  "Say which orders (Plug.to id or order number) or use --all.")
_UNKNOWN = Text("Nenhum pedido {ref} na fila deste perfil.", "No order {ref} in this profile's queue.")
_NOT_NOW = Text("O pedido {ref} não pode ser reenviado agora ({state}).",
                "Order {ref} cannot be resent now ({state}).")
_BACK_IN_QUEUE = plural(
    "{n} pedido de volta à fila; o aplicativo aberto ou o próximo `sync` os envia.",
    "{n} pedidos de volta à fila; o aplicativo aberto ou o próximo `sync` os envia.",
    "{n} order back in the queue; the open app or the next `sync` sends them.",
    "{n} orders back in the queue; the open app or the next `sync` sends them.")


def cmd_retry(args: argparse.Namespace, profile: Profile) -> int:
    """``retry ORDER… | --all``: what "Reenviar" does in the app — the orders go back to the
    queue with fresh attempts; a running app or the next ``sync`` sends them."""
    loaded = load(args, profile)
    if loaded is None:
        return EXIT_CONFIG
    _settings, lang = loaded
    if not args.refs and not args.all:
        err(_SAY_WHICH(lang))
        return EXIT_CONFIG
    from pluggto_desktop.store.jobs import Store

    try:
        store = Store(profile.database_path)
    except DatabaseProblem as exc:
        return database_problem(exc, lang)
    try:
        ids, unknown, refused = _find_orders(store, args.refs, args.all)
        count = store.retry(list(dict.fromkeys(ids)))
    except sqlite3.Error as exc:
        problem = DatabaseProblem.of(exc, profile.database_path)
        if problem is None:
            raise
        return database_problem(problem, lang)
    finally:
        store.close()
    for ref in unknown:
        err(_UNKNOWN(lang, ref=ref))
    for ref, job in refused:
        err(_NOT_NOW(lang, ref=ref, state=_state_words(job, lang)))
    print(_BACK_IN_QUEUE(lang, count))
    # nothing sent back of what was asked for by name: a script must not take it as done
    return EXIT_CONFIG if (unknown or refused) and not count else EXIT_OK


def _find_orders(store: Any, refs: list[str], every_attention: bool) -> tuple[list[int], list[str], list[Any]]:
    """The ids of the orders to send back (by Plug.to id, marketplace or Linx order number, and
    with ``every_attention`` every order needing attention); the refs no order answers to; and
    (ref, job) for orders found that may not be resent now (present/jobs.can_retry)."""
    from pluggto_desktop.store.jobs import JobQuery

    ids: list[int] = []
    unknown: list[str] = []
    refused: list[tuple[str, Any]] = []
    if every_attention:
        ids += [job.id for job in store.list_jobs(JobQuery(kind="order", states=["needs_attention"]), limit=100_000)]
    for ref in refs:
        wanted = ref.strip()
        found = [job for job in store.list_jobs(JobQuery(kind="order", search=wanted), limit=50)
                 if wanted in (job.key, job.marketplace_order_id, job.linx_order_number)]
        if not found:
            unknown.append(ref)
        ids += [job.id for job in found if can_retry(job)]
        refused += [(ref, job) for job in found if not can_retry(job)]
    return ids, unknown, refused


def _state_words(job: Any, lang: str) -> str:
    from pluggto_desktop.present.jobs import state_text

    return state_text(job, lang).lower()


# -- audit -------------------------------------------------------------------------------------------------
_FIX_TAKES = Text("--fix aceita {fixes}", "--fix takes {fixes}")
_NO_WEBSITE = Text("O canal não tem o id do site na Linx: configure-o antes da Conferência.",
                   "The channel has no Linx website id: set it up before auditing.")
_PROFILE_IN_USE = Text(
    "O aplicativo ou um `sync` está usando este perfil: faça as correções pela Conferência do aplicativo, ou "
    "feche-o e rode de novo.",
    "The app or a `sync` is using this profile: repair from the app's Audit page, or close it and run this "
    "again.")
_CANNOT_AUDIT = Text("Não é possível fazer a Conferência:", "Cannot audit:")


def cmd_audit(args: argparse.Namespace, profile: Profile) -> int:
    """``audit``: the Conferência of a period. Exit 0 all matches, 1 differences found (after
    ``--fix``: differences left), 2 a configuration problem."""
    loaded = load(args, profile)
    if loaded is None:
        return EXIT_CONFIG
    settings, lang = loaded
    try:
        start, end = _audit_period(args, lang)
        fixes = _fixes(args.fix, lang)
    except ValueError as exc:
        err(str(exc))
        return EXIT_CONFIG
    if not settings.channel.website_id:
        err(_NO_WEBSITE(lang))
        return EXIT_CONFIG
    setup_logging(profile, args.verbose)
    from pluggto_desktop.engine.factory import build_runtime
    from pluggto_desktop.instance import ProfileLock

    lock = ProfileLock(profile)
    if fixes and not lock.acquire():  # repairs write: never beside another engine of this profile
        err(_PROFILE_IN_USE(lang))
        return EXIT_CONFIG
    try:
        try:
            runtime = build_runtime(profile, settings, SecretStore(profile.profile_id), lang=lang)
        except ConfigError as exc:
            err_list(_CANNOT_AUDIT(lang), exc.problems)
            return EXIT_CONFIG
        except DatabaseProblem as exc:
            return database_problem(exc, lang)
        return asyncio.run(_audit(runtime, start, end, fixes, args.json, lang, home=profile.root))
    finally:
        lock.release()


def _fixes(option: str | None, lang: str) -> set[str]:
    """The repair classes ``--fix`` names (ValueError, in words, for one it does not know)."""
    from pluggto_desktop.domain.audit import FIXES

    fixes = {part.strip() for part in (option or "").split(",") if part.strip()}
    if fixes - set(FIXES):
        raise ValueError(_FIX_TAKES(lang, fixes=", ".join(FIXES)))
    return fixes


_BOTH_PERIODS = Text("--since ou --from/--to, não os dois", "--since or --from/--to, not both")
_BAD_SINCE = Text("--since: {value} (use por exemplo 7d)", "--since: {value} (use e.g. 7d)")
_SINCE_RANGE = Text("--since: entre 1 e 366 dias", "--since: between 1 and 366 days")
_BAD_DATE = Text("{value}: use AAAA-MM-DD ou uma data e hora ISO", "{value}: use YYYY-MM-DD or an ISO date-time")
_STARTS_AFTER_END = Text("o período começa depois de terminar", "the period starts after it ends")


def _audit_period(args: argparse.Namespace, lang: str) -> tuple[datetime, datetime]:
    """The period ``--since`` or ``--from``/``--to`` name (default: the last 7 days)."""
    from pluggto_desktop.engine.audit import period

    if args.since and (args.date_from or args.date_to):
        raise ValueError(_BOTH_PERIODS(lang))
    if args.date_from or args.date_to:
        start = _audit_date(args.date_from, lang, end=False) if args.date_from else None
        end = _audit_date(args.date_to, lang, end=True) if args.date_to else None
        until = end or datetime.now(UTC)
        start = start or until - timedelta(days=7)
        if start > until:
            raise ValueError(_STARTS_AFTER_END(lang))
        return period(start=start, end=end)
    days = 7.0
    if args.since:
        text = args.since.strip().lower().removesuffix("d")
        try:
            days = float(text)
        except ValueError:
            raise ValueError(_BAD_SINCE(lang, value=repr(args.since))) from None
        if not 0 < days <= 366:
            raise ValueError(_SINCE_RANGE(lang))
    return period(days)


def _audit_date(text: str, lang: str, *, end: bool) -> datetime:
    """A local date (the whole day) or an ISO date-time."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(_BAD_DATE(lang, value=repr(text))) from None
    if len(text.strip()) == 10 and end:
        moment = moment + timedelta(days=1) - timedelta(microseconds=1)
    return moment.astimezone(UTC) if moment.tzinfo is None else moment


_UNREADABLE = Text("Não foi possível ler os dois sistemas: {error}", "Could not read both systems: {error}")


async def _audit(runtime: Any, start: datetime, end: datetime, fixes: set[str], as_json: bool, lang: str,
                 home: Any = None) -> int:
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
            err(credential_message(exc, lang))
            return EXIT_CONFIG
        except SyncError as exc:
            err(_UNREADABLE(lang, error=exc))
            return EXIT_CONFIG
    finally:
        with contextlib.suppress(DatabaseProblem):
            await runtime.aclose()
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        _print_audit(report, start, end, lang, home)
    return EXIT_ATTENTION if report.differences else EXIT_OK


_AUDIT_OF = Text("Conferência de {first:%d/%m/%Y %H:%M} a {last:%d/%m/%Y %H:%M}: {summary}",
                 "Audit of {first:%Y-%m-%d %H:%M} to {last:%Y-%m-%d %H:%M}: {summary}")
_REPAIRED = Text("Corrigido: {fixed}.", "Repaired: {fixed}.")
_TO_REPAIR = Text("Para corrigir: {command}", "To repair: {command}")


def _print_audit(report: Any, start: datetime, end: datetime, lang: str, home: Any) -> None:
    from pluggto_desktop.domain.audit import OK, class_label, fixed_text, fixes_for, summary_text

    # the period on the person's own clock
    print(_AUDIT_OF(lang, first=start.astimezone(), last=end.astimezone(), summary=summary_text(report.counts, lang)))
    for finding in report.findings:
        if finding.cls == OK:
            continue
        ref = finding.number or finding.pluggto_id or finding.store_numbers[0]
        print(f"  • [{class_label(finding.cls, lang)}] {ref} ({finding.marketplace or '?'}): "
              f"{finding.what_differs(lang)}")
    if report.fixed:
        print(_REPAIRED(lang, fixed=fixed_text(report.fixed, lang)))
    elif repairs := fixes_for(report.counts):
        print(_TO_REPAIR(lang, command=command("audit", "--fix", ",".join(repairs), home=home)))

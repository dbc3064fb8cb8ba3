""":func:`build_bundle`: every part read (:mod:`.collect`), scrubbed of the secrets the vault
knows (:mod:`.redaction`), described in both languages, and put in a :class:`~.bundle.Bundle`."""

from __future__ import annotations

import asyncio
import contextlib
import json
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from pluggto_desktop.diagnostics import collect
from pluggto_desktop.diagnostics.bundle import (
    README_DESCRIPTION,
    README_NAME,
    Bundle,
    BundleFile,
    Description,
    readme,
)
from pluggto_desktop.diagnostics.collect import StoreExtract, attention_counts, read_store
from pluggto_desktop.diagnostics.redaction import Scrubber, keep_ids, redact_payload
from pluggto_desktop.i18n import normalize_language
from pluggto_desktop.logs import ACTIVITY_FILE_NAME, LOG_FILE_NAME, redact
from pluggto_desktop.profile import Profile
from pluggto_desktop.settings import Settings
from pluggto_desktop.text import Text, plural

if TYPE_CHECKING:  # pragma: no cover
    from pluggto_desktop.doctor import DoctorReport
    from pluggto_desktop.secrets import SecretStore
    from pluggto_desktop.store.jobs import AsyncStore, Store

LOG_DAYS = 7

_SYSTEM = Text("Versões do app, do Python, do Qt e do sistema operacional",
               "App, Python, Qt and operating system versions")
_VAULT = Text("Cofre de senhas em uso e o autoteste dele (sem nenhuma senha)",
              "Password vault in use and its self-test (no password in it)")
_SETTINGS = Text("Configurações (Client ID e usuário da API mascarados; senhas nunca ficam nas configurações)",
                 "Settings (Client ID and API user masked; passwords are never settings)")
_QUEUE = Text("Pedidos e produtos por estado, última consulta ao Plug.to, estado da sincronização",
              "Orders and products per state, last Plug.to poll, sync engine state")
_CHECK_TEXT = Text("Último diagnóstico de conexão ({when}), em texto", "Latest connection check ({when}), as text")
_CHECK_JSON = Text("Último diagnóstico de conexão, passo a passo (JSON)",
                   "Latest connection check, step by step (JSON)")
_TECHNICAL_LOG = Text("Log técnico dos últimos {days} dias (dados pessoais e senhas mascarados)",
                      "Technical log of the last {days} days (personal data and passwords masked)")
_ACTIVITY = Text("Atividade dos últimos {days} dias", "Activity of the last {days} days")
_PAYLOADS = {
    "order": Text("Dados trocados do pedido {ref} (CPF/CNPJ, e-mail, telefone e endereço mascarados)",
                  "Data exchanged for order {ref} (CPF/CNPJ, e-mail, phone and address masked)"),
    "product": Text("Dados trocados do produto {ref} (CPF/CNPJ, e-mail, telefone e endereço mascarados)",
                    "Data exchanged for product {ref} (CPF/CNPJ, e-mail, phone and address masked)"),
}


def build_bundle(
    profile: Profile,
    settings: Settings | None,
    secrets: SecretStore | None,
    store: Store | None = None,
    *,
    include_payloads: bool = False,
    doctor_report: DoctorReport | None = None,
    lang: str | None = None,
    settings_problems: list[str] | None = None,
    now: datetime | None = None,
    vault_round_trip: bool = True,
    extract: StoreExtract | None = None,
) -> Bundle:
    """Gather the bundle in memory (nothing is written; see :meth:`Bundle.write_zip`).

    Blocking (files, the vault, the database, redacting the logs): call it from a thread, or use
    :func:`build_bundle_async`. ``store`` None opens the profile's database for the duration (if
    there is one); ``extract`` (from :func:`read_store`) replaces reading it at all. ``settings``
    None (the file could not be read: ``settings_problems`` says why) still gives a bundle.
    ``doctor_report`` None uses the latest report kept in the profile. ``vault_round_trip``
    False skips writing a probe to the vault in its self-test (a preview refreshed often; macOS
    may ask for the keychain).
    """
    from pluggto_desktop.doctor import load_report

    lang = normalize_language(lang or (settings.language if settings is not None else None))
    if extract is None:
        extract = _read_profile_store(profile, store, lang, include_payloads)
    created = (now or datetime.now(UTC)).astimezone()
    scrub = Scrubber(_known_secrets(secrets, settings))
    files: list[BundleFile] = []

    def add(name: str, content: str | bytes | Any, description: Description) -> None:
        if isinstance(content, bytes):
            text = content.decode("utf-8", errors="replace")
        elif isinstance(content, str):
            text = content
        else:
            text = json.dumps(content, ensure_ascii=False, indent=2, default=str) + "\n"
        files.append(BundleFile(name, scrub(text).encode("utf-8"), description))

    add("system.json", collect.system_info(profile, created), _SYSTEM)
    add("password-vault.json", collect.vault_info(secrets, lang, vault_round_trip), _VAULT)
    add("settings.json", collect.settings_info(settings, lang, settings_problems), _SETTINGS)
    add("queue.json", collect.queue_info(profile, settings, extract, lang), _QUEUE)
    add("attention.json", [entry for entry, _job in extract.attention], attention_description(extract))
    report = doctor_report if doctor_report is not None else load_report(profile)
    if report is not None:
        when = report.started_at[:16].replace("T", " ")
        add("connection-check.txt", redact(report.as_text(lang)), partial(_CHECK_TEXT, when=when))
        add("connection-check.json", redact_payload(report.to_dict()), _CHECK_JSON)
    cutoff = created - timedelta(days=LOG_DAYS)
    activity_text, activity_ids = collect.activity_log(profile, cutoff)
    add(f"logs/{LOG_FILE_NAME}", collect.technical_log(profile, cutoff, keep=activity_ids),
        partial(_TECHNICAL_LOG, days=LOG_DAYS))
    add(f"logs/{ACTIVITY_FILE_NAME}", activity_text, partial(_ACTIVITY, days=LOG_DAYS))
    if include_payloads:
        for _entry, job in extract.attention:
            payloads = extract.payloads.get(job.id)
            if payloads:
                add(f"payloads/{job.kind}-{job.id}.json",
                    {"job_id": job.id, "key": job.key, "payloads": redact_payload(payloads, keep=keep_ids(job))},
                    partial(_PAYLOADS["order" if job.kind == "order" else "product"], ref=_job_ref(job)))
    bundle = Bundle(files, created, lang, include_payloads, database_problem=extract.problem)
    text = readme(bundle, lang, report is not None)
    bundle.files.insert(0, BundleFile(README_NAME(lang), scrub(text).encode("utf-8"), README_DESCRIPTION))
    return bundle


async def build_bundle_async(
    profile: Profile,
    settings: Settings | None,
    secrets: SecretStore | None,
    store: AsyncStore | None = None,
    **options: Any,
) -> Bundle:
    """:func:`build_bundle` off the event loop. With an open ``AsyncStore`` the database is read
    on its own thread (a few quick queries), and the rest — files, the vault, redacting the logs,
    which can take seconds — on a worker thread, so the engine's store thread is never held up."""
    if store is None:
        return await asyncio.to_thread(build_bundle, profile, settings, secrets, None, **options)
    lang = normalize_language(options.get("lang") or (settings.language if settings is not None else None))
    extract = await store.run(read_store, store.sync, lang, bool(options.get("include_payloads")))
    return await asyncio.to_thread(lambda: build_bundle(profile, settings, secrets, None, extract=extract,
                                                        **{**options, "lang": lang}))


def _read_profile_store(profile: Profile, store: Store | None, lang: str, include_payloads: bool) -> StoreExtract:
    """The database part, from ``store`` or else the profile's database opened read-only for it
    (a database that cannot be opened is said in the bundle, never shown as an empty queue)."""
    opened = None
    problem = None
    if store is None and profile.database_path.exists():
        from pluggto_desktop.store.db import DatabaseProblem
        from pluggto_desktop.store.jobs import Store as _Store

        try:
            store = opened = _Store(profile.database_path, read_only=True)
        except DatabaseProblem as exc:
            problem = exc.message(lang)
    try:
        extract = read_store(store, lang, include_payloads)
        extract.problem = extract.problem or problem
        return extract
    finally:
        if opened is not None:
            opened.close()


def _known_secrets(secrets: SecretStore | None, settings: Settings | None) -> list[str]:
    """Every secret value this profile knows, for the last pass over every file."""
    known: list[str] = []
    if secrets is not None:
        with contextlib.suppress(Exception):
            known = secrets.known_values()  # also registers them with the log redactor
    if settings is not None and settings.engine.listener_token:
        # the listener's secret path segment: settings.json, `status` and old log lines name it
        known.append(settings.engine.listener_token)
    return known


def _job_ref(job: Any) -> str:
    return (job.marketplace_order_id or job.key) if job.kind == "order" else job.key


_ORDERS = plural("{n} pedido", "{n} pedidos", "{n} order", "{n} orders")
_PRODUCTS = plural("{n} produto", "{n} produtos", "{n} product", "{n} products")
#: the choice between "precisa" and "precisam" is on the total of orders and products
_NEEDING_ATTENTION = plural(
    "{orders} e {products} que precisa de atenção: motivo, o que fazer, histórico",
    "{orders} e {products} que precisam de atenção: motivo, o que fazer, histórico",
    "{orders} and {products} needing attention: reason, what to do, timeline",
    "{orders} and {products} needing attention: reason, what to do, timeline")
_NEWEST = Text(" (os {n} mais recentes)", " (the newest {n})")


def attention_description(extract: StoreExtract) -> Description:
    """What ``attention.json`` holds: "2 pedidos e 0 produtos que precisam de atenção: …"."""
    counts = attention_counts(extract)
    orders, products, listed = counts["order"], counts["product"], len(extract.attention)

    def describe(lang: str) -> str:
        text = _NEEDING_ATTENTION(lang, orders + products, orders=_ORDERS(lang, orders),
                                  products=_PRODUCTS(lang, products))
        return text + (_NEWEST(lang, n=listed) if orders + products > listed else "")

    return describe

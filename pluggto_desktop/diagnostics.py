"""The diagnostics bundle: one zip a store owner sends to support ("Exportar diagnóstico…").

What goes in (see :func:`build_bundle`; :meth:`Bundle.preview` lists it before anything is saved):

* ``LEIA-ME.txt`` / ``README.txt`` — what each file is, and what was masked;
* ``system.json`` — app, Python, Qt (only when PySide6 is there; Qt is never imported here) and
  OS versions, the profile folder;
* ``password-vault.json`` — the keyring backend and its self-test (names only, never values);
* ``settings.json`` — the settings, with the Client ID and API user partly masked and any proxy
  credentials removed (secrets are never settings anyway), plus what validation says of them;
* ``queue.json`` — jobs per state (orders and products), last poll, engine state;
* ``attention.json`` — the last 100 jobs needing attention: reason, what to do, timeline;
* ``connection-check.txt`` / ``.json`` — the latest connection doctor report;
* ``logs/`` — the last 7 days of the technical log and of the activity log, redacted again;
* ``payloads/`` — only with ``include_payloads``: what Plug.to sent / what went to Linx / what
  Linx answered for those jobs, with every buyer field but the name masked.

Redaction is not optional: secret values the vault knows, tokens, CPF/CNPJ, e-mails, phones and
addresses are masked in every file (:func:`pluggto_desktop.logs.redact` on text, plus a
structured pass over payloads by key name). Buyers' names stay, so support can find the order.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.metadata
import json
import locale
import logging
import os
import platform
import re
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, quote_plus

from pluggto_desktop import APP_NAME, __version__, net
from pluggto_desktop.i18n import EN, PT, normalize_language, pick, plural
from pluggto_desktop.logs import ACTIVITY_FILE_NAME, LOG_BACKUP_COUNT, LOG_FILE_NAME, REDACTED, SECRET, redact
from pluggto_desktop.profile import Profile
from pluggto_desktop.settings import Settings, is_configured, settings_to_dict, validate

if TYPE_CHECKING:  # pragma: no cover
    from pluggto_desktop.doctor import DoctorReport
    from pluggto_desktop.secrets import SecretStore
    from pluggto_desktop.store.jobs import AsyncStore, Store

log = logging.getLogger(__name__)

LOG_DAYS = 7
ATTENTION_LIMIT = 100
TIMELINE_LIMIT = 50  # events per job (the newest)
MAX_LOG_BYTES = 20 * 1024 * 1024  # of technical log text per bundle (the newest lines)

Text = dict  # {"pt_BR": ..., "en": ...}


def _t(pt: str, en: str) -> Text:
    return {PT: pt, EN: en}


# =============================================================================================
# The bundle
# =============================================================================================


@dataclass
class BundleFile:
    name: str  # path inside the zip (below its top folder)
    data: bytes
    description: Text = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class PreviewItem:
    name: str
    size: int
    description: str


@dataclass
class Bundle:
    files: list[BundleFile]
    created_at: datetime
    lang: str = PT
    include_payloads: bool = False
    database_problem: str | None = None  # the queue database could not be read: why

    @property
    def folder(self) -> str:
        """The zip's top folder, so extracting it never scatters files."""
        return f"{APP_NAME}-diagnostico-{self.created_at:%Y%m%d-%H%M%S}"

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files)

    def file(self, name: str) -> BundleFile | None:
        return next((f for f in self.files if f.name == name), None)

    def preview(self, lang: str | None = None) -> list[PreviewItem]:
        """What will be written: every file, its size and what it holds (shown before saving)."""
        lang = normalize_language(lang or self.lang)
        return [PreviewItem(f.name, f.size, f.description.get(lang) or f.description.get(EN, "")) for f in self.files]

    def write_zip(self, path: str | os.PathLike[str]) -> Path:
        """Write the zip (atomically: a half-written file is never left under ``path``).

        Raises OSError when the folder does not exist or cannot be written.
        """
        target = Path(path).expanduser()
        if target.is_dir():
            raise IsADirectoryError(f"{target} is a folder")
        if not target.parent.is_dir():
            raise FileNotFoundError(f"the folder {target.parent} does not exist")
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        stamp = self.created_at.timetuple()[:6]
        try:
            with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                for item in self.files:
                    info = zipfile.ZipInfo(f"{self.folder}/{item.name}", date_time=stamp)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, item.data)
            os.replace(tmp_name, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise
        log.info("diagnostics bundle written to %s (%d files, %d bytes)", target, len(self.files), self.total_size)
        return target


# =============================================================================================
# Redaction
# =============================================================================================

#: Key fragments (lower case, without ``_``/``-``) whose values are buyers' personal data or secrets.
_SENSITIVE_FRAGMENTS = (
    "cpf", "cnpj", "taxid", "document", "email", "mail", "phone", "fone", "celular", "mobile",
    "address", "street", "logradouro", "endereco", "zipcode", "postalcode", "neighborhood",
    "neighbourhood", "bairro", "landmark", "complement", "birth", "nascimento",
    "password", "passwd", "senha", "secret", "token", "authorization", "apikey", "cookie",
)
#: Whole key parts that are personal data on their own (``payer_ie``, ``rg``, ``cep``).
_SENSITIVE_PARTS = frozenset({"ie", "rg", "cep"})
#: Inside an address object these are personal too (Linx ``Addresses[].Number``…).
_ADDRESS_PARTS = frozenset({"number", "numero", "reference", "notes", "addressnotes", "complemento", "district"})
_ADDRESS_MARKERS = ("address", "street", "postalcode", "zipcode", "logradouro")


def _norm(key: str) -> str:
    return re.sub(r"[^a-z0-9]", "", key.lower())


def _parts(key: str) -> list[str]:
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key)  # camelCase → camel_Case
    return [p for p in re.split(r"[^a-z0-9]+", spaced.lower()) if p]


def is_sensitive_key(key: str) -> bool:
    """True for a key whose value is a buyer's personal data (other than the name) or a secret."""
    norm = _norm(key)
    if norm.endswith("type"):  # "AddressType": "Shipping", "document_type": "cpf" — kinds, not data
        return False
    return any(fragment in norm for fragment in _SENSITIVE_FRAGMENTS) or any(
        part in _SENSITIVE_PARTS for part in _parts(key))


def redact_payload(value: Any, *, keep: Iterable[str] = ()) -> Any:
    """A copy of a JSON value with buyers' data masked: by key (documents, e-mails, phones,
    addresses, secrets — names stay), then every remaining text through ``logs.redact``.
    ``keep`` lists identifiers to leave untouched in text (order numbers)."""
    keep = [k for k in keep if k]
    if isinstance(value, Mapping):
        address = any(any(m in _norm(str(k)) for m in _ADDRESS_MARKERS) for k in value)
        result: dict[str, Any] = {}
        for key, item in value.items():
            key_text = str(key)
            hide = is_sensitive_key(key_text) or (address and _norm(key_text) in _ADDRESS_PARTS)
            if isinstance(item, (Mapping, list, tuple)):
                hide = False  # "Addresses": [...] — look inside: the street goes, the city stays
            if hide and item not in (None, "", [], {}):
                result[key_text] = REDACTED
            else:
                result[key_text] = redact_payload(item, keep=keep)
        return result
    if isinstance(value, (list, tuple)):
        return [redact_payload(item, keep=keep) for item in value]
    if isinstance(value, str):
        return redact(value, keep=keep)
    if isinstance(value, int) and not isinstance(value, bool) and len(str(abs(value))) in (11, 14):
        return value if redact(str(value), keep=keep) == str(value) else REDACTED  # a CPF/CNPJ/phone as a number
    return value


class _Scrubber:
    """Replaces every secret value the vault knows (and its URL/JSON-escaped forms) in a text.

    A last pass over every file, on top of ``logs.redact`` (which masks registered secrets and
    token shapes): even a value that slipped into an unexpected place never leaves the computer.
    """

    def __init__(self, values: Iterable[str]) -> None:
        forms = {form for value in values if isinstance(value, str) and len(value) >= 4
                 for form in (value, quote_plus(value), quote(value, safe=""), json.dumps(value)[1:-1])}
        ordered = sorted(forms, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def __call__(self, text: str) -> str:
        return self._pattern.sub(SECRET, text) if self._pattern is not None else text


def _mask(value: str | None) -> str | None:
    """``5f3c9a…e1`` — enough for support to tell two accounts apart, not enough to use it."""
    if not value:
        return value
    value = str(value)
    if len(value) <= 6:
        return value[:1] + "…"
    return f"{value[:4]}…{value[-2:]}"


# =============================================================================================
# Building it
# =============================================================================================


@dataclass
class StoreExtract:
    """What the bundle reads from the queue database (gathered on the store's own thread)."""

    counts: dict[str, dict[str, int]] | None = None
    attention: list[tuple[dict[str, Any], Any]] = field(default_factory=list)  # (described, Job)
    payloads: dict[int, dict[str, Any]] = field(default_factory=dict)  # job id → raw payloads
    problem: str | None = None  # the database could not be read: why, in the user's words


def read_store(store: Store | None, lang: str, include_payloads: bool) -> StoreExtract:
    """The database part of the bundle: counts, jobs needing attention, their payloads (raw —
    they are redacted when the bundle is assembled). Quick: a few indexed queries."""
    from pluggto_desktop.store.db import CORRUPT, DatabaseProblem

    extract = StoreExtract()
    if store is None:
        return extract
    try:
        extract.counts = {"orders": store.counts("order"), "products": store.counts("product")}
    except Exception as exc:  # noqa: BLE001 - a damaged queue is reported, never shown as empty
        problem = DatabaseProblem.of(exc, store.path) or DatabaseProblem(CORRUPT, store.path, str(exc))
        extract.problem = problem.message(lang)
        return extract
    extract.attention = _attention_jobs(store, lang)
    if include_payloads:
        for _entry, job in extract.attention:
            with contextlib.suppress(Exception):
                found = store.payloads(job.id)
                if found:
                    extract.payloads[job.id] = found
    return extract


def attention_counts(extract: StoreExtract) -> dict[str, int]:
    """Orders and products needing attention — from the per-state counters the banner and the
    Painel read (``job_counts``), so the preview never counts differently; from the list when
    the counters could not be read."""
    counts = extract.counts or {}
    listed = {"order": 0, "product": 0}
    for _entry, job in extract.attention:
        listed[job.kind] = listed.get(job.kind, 0) + 1
    return {kind: int((counts.get(f"{kind}s") or {}).get("needs_attention", listed[kind])) for kind in listed}


def attention_description(extract: StoreExtract) -> Text:
    counts = attention_counts(extract)
    orders, products = counts["order"], counts["product"]
    pt = plural(orders, "1 pedido", "{n} pedidos") + " e " + plural(products, "1 produto", "{n} produtos")
    en = plural(orders, "1 order", "{n} orders") + " and " + plural(products, "1 product", "{n} products")
    pt += (" que precisam" if orders + products != 1 else " que precisa") + " de atenção: motivo, o que fazer, histórico"
    en += " needing attention: reason, what to do, timeline"
    if orders + products > len(extract.attention):
        pt += f" (os {len(extract.attention)} mais recentes)"
        en += f" (the newest {len(extract.attention)})"
    return _t(pt, en)


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
        finally:
            if opened is not None:
                opened.close()
    created = (now or datetime.now(timezone.utc)).astimezone()
    known: list[str] = []
    if secrets is not None:
        with contextlib.suppress(Exception):
            known = secrets.known_values()  # also registers them with the log redactor
    if settings is not None and settings.engine.listener_token:
        # the listener's secret path segment: settings.json, `status` and old log lines name it
        known.append(settings.engine.listener_token)
    scrub = _Scrubber(known)
    files: list[BundleFile] = []

    def add(name: str, content: str | bytes | Any, description: Text) -> None:
        if isinstance(content, bytes):
            text = content.decode("utf-8", errors="replace")
        elif isinstance(content, str):
            text = content
        else:
            text = json.dumps(content, ensure_ascii=False, indent=2, default=str) + "\n"
        files.append(BundleFile(name, scrub(text).encode("utf-8"), description))

    add("system.json", _system_info(profile, created),
        _t("Versões do app, do Python, do Qt e do sistema operacional",
           "App, Python, Qt and operating system versions"))
    add("password-vault.json", _vault_info(secrets, lang, vault_round_trip),
        _t("Cofre de senhas em uso e o autoteste dele (sem nenhuma senha)",
           "Password vault in use and its self-test (no password in it)"))
    add("settings.json", _settings_info(settings, lang, settings_problems),
        _t("Configurações (Client ID e usuário da API mascarados; senhas nunca ficam nas configurações)",
           "Settings (Client ID and API user masked; passwords are never settings)"))
    add("queue.json", _queue_info(profile, settings, extract, lang),
        _t("Pedidos e produtos por estado, última consulta ao Plug.to, estado da sincronização",
           "Orders and products per state, last Plug.to poll, sync engine state"))
    attention = extract.attention
    add("attention.json", [entry for entry, _job in attention], attention_description(extract))
    report = doctor_report if doctor_report is not None else load_report(profile)
    if report is not None:
        add("connection-check.txt", redact(report.as_text(lang)),
            _t(f"Último diagnóstico de conexão ({report.started_at[:16].replace('T', ' ')}), em texto",
               f"Latest connection check ({report.started_at[:16].replace('T', ' ')}), as text"))
        add("connection-check.json", redact_payload(report.to_dict()),
            _t("Último diagnóstico de conexão, passo a passo (JSON)", "Latest connection check, step by step (JSON)"))
    cutoff = created - timedelta(days=LOG_DAYS)
    activity_text, activity_ids = _activity_log(profile, cutoff)
    technical = _technical_log(profile, cutoff, keep=activity_ids)
    add(f"logs/{LOG_FILE_NAME}", technical,
        _t(f"Log técnico dos últimos {LOG_DAYS} dias (dados pessoais e senhas mascarados)",
           f"Technical log of the last {LOG_DAYS} days (personal data and passwords masked)"))
    add(f"logs/{ACTIVITY_FILE_NAME}", activity_text,
        _t(f"Atividade dos últimos {LOG_DAYS} dias", f"Activity of the last {LOG_DAYS} days"))
    if include_payloads:
        for _entry, job in attention:
            payloads = extract.payloads.get(job.id)
            if not payloads:
                continue
            keep = [v for v in (job.key, job.marketplace_order_id, job.linx_order_id, job.linx_order_number) if v]
            add(f"payloads/{job.kind}-{job.id}.json",
                {"job_id": job.id, "key": job.key, "payloads": redact_payload(payloads, keep=keep)},
                _t(f"Dados trocados do {_job_label(job, PT)} (CPF/CNPJ, e-mail, telefone e endereço mascarados)",
                   f"Data exchanged for {_job_label(job, EN)} (CPF/CNPJ, e-mail, phone and address masked)"))
    bundle = Bundle(files, created, lang, include_payloads, database_problem=extract.problem)
    readme = _readme(bundle, lang, report is not None)
    bundle.files.insert(0, BundleFile(pick(lang, "LEIA-ME.txt", "README.txt"), scrub(readme).encode("utf-8"),
                                      _t("O que é cada arquivo e o que foi mascarado",
                                         "What each file is and what was masked")))
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


def _job_label(job: Any, lang: str) -> str:
    if job.kind == "order":
        ref = job.marketplace_order_id or job.key
        return pick(lang, f"pedido {ref}", f"order {ref}")
    return pick(lang, f"produto {job.key}", f"product {job.key}")


# -- the parts ----------------------------------------------------------------------------------------


def _distribution_version(*names: str) -> str | None:
    for name in names:
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            return importlib.metadata.version(name)
    return None


def _qt_info() -> dict[str, Any] | None:
    """PySide6/Qt versions without importing Qt: from the modules the app already loaded, else
    from the installed package's metadata. None when PySide6 is not installed."""
    info: dict[str, Any] = {}
    pyside = sys.modules.get("PySide6")
    if pyside is not None:
        info["pyside6"] = getattr(pyside, "__version__", None)
        core = sys.modules.get("PySide6.QtCore")
        if core is not None:
            with contextlib.suppress(Exception):
                info["qt"] = core.qVersion()
    else:
        version = _distribution_version("PySide6-Essentials", "PySide6")
        if version is not None:
            info["pyside6"] = version
            info["qt"] = version  # PySide6 releases carry the Qt version they wrap
    qasync = _distribution_version("qasync")
    if info and qasync:
        info["qasync"] = qasync
    return info or None


def _system_info(profile: Profile, created: datetime) -> dict[str, Any]:
    return {
        "created_at": created.isoformat(timespec="seconds"),
        "app": {"name": APP_NAME, "version": __version__, "frozen": bool(getattr(sys, "frozen", False))},
        "python": {"version": platform.python_version(), "implementation": platform.python_implementation(),
                   "bits": 64 if sys.maxsize > 2**32 else 32},
        "qt": _qt_info(),
        "os": {"system": platform.system(), "release": platform.release(), "version": platform.version(),
               "machine": platform.machine(), "platform": platform.platform()},
        "locale": locale.getlocale()[0] if _safe_locale() else None,
        "timezone": time.strftime("%Z%z"),
        "packages": {name: _distribution_version(name) for name in
                     ("httpx", "httpcore", "truststore", "keyring", "platformdirs", "uvicorn")},
        "profile": {"folder": str(profile.root), "demo": profile.demo, "id": profile.profile_id},
    }


def _safe_locale() -> bool:
    try:
        locale.getlocale()
    except ValueError:
        return False
    return True


def _vault_info(secrets: SecretStore | None, lang: str, round_trip: bool) -> dict[str, Any]:
    if secrets is None:
        return {"backend": None}
    try:
        report = secrets.self_test(round_trip=round_trip)
    except Exception as exc:  # noqa: BLE001 - a broken vault is exactly what this file should show
        report = {"self_test_failed": type(exc).__name__}
    with contextlib.suppress(Exception):
        report["description"] = secrets.backend_description(lang)
    return report


def _settings_info(settings: Settings | None, lang: str, problems: list[str] | None) -> dict[str, Any]:
    if settings is None:
        return {"loaded": False, "problems": [redact(p) for p in problems or []]}
    data = settings_to_dict(settings)
    pluggto, network = data.get("pluggto", {}), data.get("network", {})
    pluggto["client_id"] = _mask(pluggto.get("client_id"))
    pluggto["username"] = _mask(pluggto.get("username"))
    if network.get("proxy_url"):
        network["proxy_url"] = net.hide_credentials(network["proxy_url"])
    data = _drop_secret_keys(data)
    return {
        "loaded": True,
        "configured": is_configured(settings),
        "channel_state": settings.channel_state,
        "problems": [redact(p) for p in validate(settings, lang)],
        "settings": data,
    }


def _drop_secret_keys(value: Any) -> Any:
    """Keys kept from a newer app's file that look like secrets never reach the bundle."""
    secret = re.compile(r"(?i)password|passwd|senha|secret|token|authorization|api.?key")
    if isinstance(value, dict):
        return {k: (REDACTED if secret.search(str(k)) and v else _drop_secret_keys(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_drop_secret_keys(v) for v in value]
    return value


def _queue_info(profile: Profile, settings: Settings | None, extract: StoreExtract, lang: str) -> dict[str, Any]:
    from pluggto_desktop.status import snapshot
    from pluggto_desktop.store.db import DatabaseProblem

    if extract.problem is not None:  # never zeros for a queue nobody could read
        return {"database_problem": extract.problem, "jobs": None}
    try:
        data = snapshot(profile, settings or Settings())
    except DatabaseProblem as exc:
        return {"database_problem": exc.message(lang), "jobs": None}
    if extract.counts is not None:
        data["jobs"] = extract.counts
    data.pop("profile", None)  # already in system.json
    return data


def _iso(value: float | None) -> str | None:
    if value is None:
        return None
    return datetime.fromtimestamp(value, timezone.utc).astimezone().isoformat(timespec="seconds")


def _attention_jobs(store: Store | None, lang: str) -> list[tuple[dict[str, Any], Any]]:
    """The newest jobs needing attention (orders and products together), described for support."""
    if store is None:
        return []
    from pluggto_desktop.domain.reasons import render
    from pluggto_desktop.store.jobs import JobQuery

    jobs = []
    for kind in ("order", "product"):
        with contextlib.suppress(Exception):
            jobs += store.list_jobs(JobQuery(kind=kind, states=["needs_attention"]), limit=ATTENTION_LIMIT)
    jobs.sort(key=lambda job: job.updated_at, reverse=True)
    described = []
    for job in jobs[:ATTENTION_LIMIT]:
        keep = [v for v in (job.key, job.marketplace_order_id, job.linx_order_id, job.linx_order_number) if v]
        params = redact_payload(job.params, keep=keep)
        reason = render(job.reason_code or "remote_rejected", job.params, lang)
        events = store.events(job.id)[-TIMELINE_LIMIT:]
        described.append(({
            "id": job.id,
            "kind": job.kind,
            "key": job.key,
            "state": job.state,
            "attempts": job.attempts,
            "marketplace": job.marketplace,
            "marketplace_order_id": job.marketplace_order_id,
            "buyer_name": job.buyer_name,  # names are fine; documents and contacts are not here
            "title": job.title,
            "pluggto_status": job.pluggto_status,
            "linx_order_id": job.linx_order_id,
            "linx_order_number": job.linx_order_number,
            "linx_status": job.linx_status,
            "intermediary_source": job.intermediary_source,
            "created_at": _iso(job.created_at),
            "updated_at": _iso(job.updated_at),
            "next_attempt_at": _iso(job.next_attempt_at),
            "reason": {
                "code": job.reason_code,
                "title": redact(reason.title, keep=keep),
                "message": redact(reason.message, keep=keep),
                "what_to_do": redact(reason.hint, keep=keep),
                "params": params,
            },
            "last_error": redact(job.last_error, keep=keep) if job.last_error else None,
            "timeline": [{"at": _iso(e.at), "type": e.type, "level": e.level,
                          "message": redact(e.message, keep=keep),
                          "data": redact_payload(e.data, keep=keep) if e.data else None} for e in events],
        }, job))
    return described


def _read_lines(paths: Iterable[Path]) -> Iterable[str]:
    for path in paths:
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                yield from handle
        except OSError:
            continue


def _activity_log(profile: Profile, cutoff: datetime) -> tuple[str, list[str]]:
    """The activity entries since ``cutoff`` (oldest first), redacted again; and the ids they name."""
    base = profile.logs_dir / ACTIVITY_FILE_NAME
    paths = [base.with_name(f"{base.name}.{i}") for i in range(9, 0, -1)] + [base]
    lines: list[str] = []
    ids: set[str] = set()
    for raw in _read_lines(p for p in paths if p.exists()):
        try:
            entry = json.loads(raw)
            moment = datetime.fromisoformat(str(entry["at"]))
        except (ValueError, KeyError, TypeError):
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        if moment < cutoff:
            continue
        refs = entry.get("refs") if isinstance(entry.get("refs"), dict) else {}
        keep = [str(v) for v in refs.values() if v]
        ids.update(keep)
        for key in ("message_pt", "message_en"):
            if isinstance(entry.get(key), str):
                entry[key] = redact(entry[key], keep=keep)
        entry["refs"] = {str(k): str(v) for k, v in refs.items()}
        lines.append(json.dumps(entry, ensure_ascii=False))
    return ("\n".join(lines) + "\n") if lines else "", sorted(ids)


_LOG_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:\d{2}|Z)?)\s")


def _technical_log(profile: Profile, cutoff: datetime, *, keep: list[str]) -> str:
    """The technical log since ``cutoff``, oldest first, at most MAX_LOG_BYTES, redacted again."""
    base = profile.logs_dir / LOG_FILE_NAME
    paths = [base.with_name(f"{base.name}.{i}") for i in range(LOG_BACKUP_COUNT + 2, 0, -1)] + [base]
    recent = []
    for path in paths:
        with contextlib.suppress(OSError):
            if path.exists() and datetime.fromtimestamp(path.stat().st_mtime, timezone.utc) >= cutoff:
                recent.append(path)
    chunks: list[str] = []
    include = False
    for line in _read_lines(recent):
        match = _LOG_TIME.match(line)
        if match:  # a new record; lines without a time belong to the record above (tracebacks)
            try:
                moment = datetime.fromisoformat(match.group(1).replace("Z", "+00:00"))
                if moment.tzinfo is None:
                    moment = moment.astimezone()
                include = moment >= cutoff
            except ValueError:
                include = True
        if include:
            chunks.append(line)
    text = "".join(chunks)
    if len(text) > MAX_LOG_BYTES:
        text = text[-MAX_LOG_BYTES:]
        text = "[…]\n" + text[text.find("\n") + 1:]
    # Redacted again, in slices of whole lines so each pass stays short.
    keep = keep[:1000]
    out, start = [], 0
    while start < len(text):
        end = text.find("\n", min(len(text), start + 256 * 1024))
        end = len(text) if end < 0 else end + 1
        out.append(redact(text[start:end], keep=keep))
        start = end
    return "".join(out)


def _readme(bundle: Bundle, lang: str, has_report: bool) -> str:
    pt = lang == PT
    created = bundle.created_at.strftime("%d/%m/%Y %H:%M:%S %z")
    lines = [
        pick(lang, "Pluggto Desktop — pacote de diagnóstico", "Pluggto Desktop — diagnostics bundle"),
        pick(lang, f"Criado em {created} pela versão {__version__}.",
             f"Created on {created} by version {__version__}."),
        "",
        pick(lang, "O que foi mascarado em todos os arquivos: senhas, Client Secret, tokens, CPF/CNPJ, e-mails, "
                   "telefones e endereços dos compradores. O Client ID e o usuário da API aparecem só em parte. "
                   "Os nomes dos compradores ficam, para o suporte achar o pedido.",
             "Masked in every file: passwords, the Client Secret, tokens, buyers' CPF/CNPJ, e-mails, phones and "
             "addresses. The Client ID and the API user are shown only in part. Buyers' names stay, so support "
             "can find the order."),
        pick(lang, "Dados dos pedidos (payloads): " + ("incluídos, mascarados." if bundle.include_payloads
                                                       else "não incluídos."),
             "Order data (payloads): " + ("included, masked." if bundle.include_payloads else "not included.")),
    ]
    if bundle.database_problem:
        lines += ["", pick(lang, "BANCO DE DADOS DA FILA: ", "QUEUE DATABASE: ") + bundle.database_problem]
    if not has_report:
        lines.append(pick(lang, "Nenhum diagnóstico de conexão foi feito ainda (Suporte → Testar conexões).",
                          "No connection check was run yet (Support → Test connections)."))
    lines += ["", pick(lang, "Arquivos:", "Files:")]
    for item in bundle.preview(lang):
        lines.append(f"  {item.name} ({_size_text(item.size, pt)}) — {item.description}")
    return "\n".join(lines) + "\n"


def _size_text(size: int, pt: bool = True) -> str:
    if size < 1024:
        return f"{size} B"
    value = f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / (1024 * 1024):.1f} MB"
    return value.replace(".", ",") if pt else value


def size_text(size: int, lang: str = PT) -> str:
    """A file size for people: ``812 B``, ``3,4 KB`` (pt-BR) / ``3.4 KB``."""
    return _size_text(size, lang == PT)


__all__ = [
    "Bundle",
    "BundleFile",
    "PreviewItem",
    "StoreExtract",
    "read_store",
    "build_bundle",
    "build_bundle_async",
    "is_sensitive_key",
    "redact_payload",
    "size_text",
]

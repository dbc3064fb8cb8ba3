"""Reading each part of the bundle: the queue database (counts, the jobs needing attention and
their payloads), the system, the password vault, the settings, the queue's status, and the logs.
Nothing here is written anywhere; :mod:`.assemble` redacts again and describes."""

from __future__ import annotations

import contextlib
import importlib.metadata
import json
import locale
import platform
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pluggto_desktop import APP_NAME, __version__, net
from pluggto_desktop.diagnostics.redaction import drop_secret_keys, keep_ids, mask, redact_payload
from pluggto_desktop.logs import ACTIVITY_FILE_NAME, LOG_BACKUP_COUNT, LOG_FILE_NAME, redact
from pluggto_desktop.present import jobs as present_jobs
from pluggto_desktop.profile import Profile
from pluggto_desktop.settings import Settings, is_configured, settings_to_dict, validate

if TYPE_CHECKING:  # pragma: no cover
    from pluggto_desktop.secrets import SecretStore
    from pluggto_desktop.store.jobs import Job, Store

ATTENTION_LIMIT = 100
TIMELINE_LIMIT = 50  # events per job (the newest)
MAX_LOG_BYTES = 20 * 1024 * 1024  # of technical log text per bundle (the newest lines)


# -- the queue database -------------------------------------------------------------------------------
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


def _attention_jobs(store: Store, lang: str) -> list[tuple[dict[str, Any], Any]]:
    """The newest jobs needing attention (orders and products together), described for support."""
    from pluggto_desktop.store.jobs import JobQuery

    jobs = []
    for kind in ("order", "product"):
        with contextlib.suppress(Exception):
            jobs += store.list_jobs(JobQuery(kind=kind, states=["needs_attention"]), limit=ATTENTION_LIMIT)
    jobs.sort(key=lambda job: job.updated_at, reverse=True)
    return [(describe_job(job, store.events(job.id)[-TIMELINE_LIMIT:], lang), job) for job in jobs[:ATTENTION_LIMIT]]


def describe_job(job: Job, events: list[Any], lang: str) -> dict[str, Any]:
    """One entry of ``attention.json``: the job, why it is where it is (present/jobs.reason, as the
    app words it) and its timeline — redacted, the job's own ids kept readable."""
    keep = keep_ids(job)
    reason = present_jobs.reason(job, lang)
    return {
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
            "params": redact_payload(present_jobs.params_of(job), keep=keep),
        },
        "last_error": redact(job.last_error, keep=keep) if job.last_error else None,
        "timeline": [{"at": _iso(e.at), "type": e.type, "level": e.level, "message": redact(e.message, keep=keep),
                      "data": redact_payload(e.data, keep=keep) if e.data else None} for e in events],
    }


def _iso(value: float | None) -> str | None:
    if value is None:
        return None
    return datetime.fromtimestamp(value, UTC).astimezone().isoformat(timespec="seconds")


def queue_info(profile: Profile, settings: Settings | None, extract: StoreExtract, lang: str) -> dict[str, Any]:
    """``queue.json``: the engine's and the queue's status (``status --json``'s snapshot)."""
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


# -- the system, the vault, the settings -------------------------------------------------------------
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


def system_info(profile: Profile, created: datetime) -> dict[str, Any]:
    """``system.json``: versions (app, Python, Qt, libraries), the OS, locale and time zone."""
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


def vault_info(secrets: SecretStore | None, lang: str, round_trip: bool) -> dict[str, Any]:
    """``password-vault.json``: the backend and its self-test (names only, never a value)."""
    if secrets is None:
        return {"backend": None}
    try:
        report = secrets.self_test(round_trip=round_trip)
    except Exception as exc:  # noqa: BLE001 - a broken vault is exactly what this file should show
        report = {"self_test_failed": type(exc).__name__}
    with contextlib.suppress(Exception):
        report["description"] = secrets.backend_description(lang)
    return report


def settings_info(settings: Settings | None, lang: str, problems: list[str] | None) -> dict[str, Any]:
    """``settings.json``: the settings with the account names masked in part, and what validation
    says of them (or why they could not be read)."""
    if settings is None:
        return {"loaded": False, "problems": [redact(p) for p in problems or []]}
    data = settings_to_dict(settings)
    pluggto, network = data.get("pluggto", {}), data.get("network", {})
    pluggto["client_id"] = mask(pluggto.get("client_id"))
    pluggto["username"] = mask(pluggto.get("username"))
    if network.get("proxy_url"):
        network["proxy_url"] = net.hide_credentials(network["proxy_url"])
    data = drop_secret_keys(data)
    return {
        "loaded": True,
        "configured": is_configured(settings),
        "channel_state": settings.channel_state,
        "problems": [redact(p) for p in validate(settings, lang)],
        "settings": data,
    }


# -- the logs ------------------------------------------------------------------------------------------
def _read_lines(paths: Iterable[Path]) -> Iterable[str]:
    for path in paths:
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                yield from handle
        except OSError:
            continue


def activity_log(profile: Profile, cutoff: datetime) -> tuple[str, list[str]]:
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
            moment = moment.replace(tzinfo=UTC)
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


def technical_log(profile: Profile, cutoff: datetime, *, keep: list[str]) -> str:
    """The technical log since ``cutoff``, oldest first, at most MAX_LOG_BYTES, redacted again."""
    text = _recent_log_text(profile, cutoff)
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


def _recent_log_text(profile: Profile, cutoff: datetime) -> str:
    """The technical log's records since ``cutoff``, from the files written since then."""
    base = profile.logs_dir / LOG_FILE_NAME
    paths = [base.with_name(f"{base.name}.{i}") for i in range(LOG_BACKUP_COUNT + 2, 0, -1)] + [base]
    recent = []
    for path in paths:
        with contextlib.suppress(OSError):
            if path.exists() and datetime.fromtimestamp(path.stat().st_mtime, UTC) >= cutoff:
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
    return "".join(chunks)

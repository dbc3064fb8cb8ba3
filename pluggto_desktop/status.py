"""A snapshot of a profile's state, read from its files without starting anything.

Used by ``pluggto-desktop status`` (and the diagnostics bundle). It never creates a database:
a brand-new profile reports zero jobs. A database that cannot be read raises
:class:`~pluggto_desktop.store.db.DatabaseProblem`.
"""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pluggto_desktop.domain import deadlines
from pluggto_desktop.domain.jobs import ALL_STATES
from pluggto_desktop.engine import listener
from pluggto_desktop.engine.audit import CURSOR_LAST_AUDIT
from pluggto_desktop.engine.engine import CURSOR_ENGINE_STATUS, CURSOR_LAST_NOTIFICATION, HEARTBEAT_S
from pluggto_desktop.engine.poller import CURSOR_LAST_POLL
from pluggto_desktop.profile import Profile
from pluggto_desktop.settings import Settings
from pluggto_desktop.store.db import CORRUPT, DatabaseProblem, connect
from pluggto_desktop.store.jobs import deadline_counts


def snapshot(profile: Profile, settings: Settings, *, now: float | None = None) -> dict[str, Any]:
    """The ``status --json`` object of docs/interfaces.md (plus a few extra fields)."""
    now = time.time() if now is None else now
    jobs = {"orders": _zero(), "products": _zero()}
    cursors: dict[str, str | None] = {}
    watch = deadlines.empty_counts()
    if profile.database_path.exists():
        jobs, cursors, watch = _read(profile.database_path, now)
    engine = _engine_state(cursors.get(CURSOR_ENGINE_STATUS), now)
    return {
        "channel_state": settings.channel_state,
        "jobs": jobs,
        "last_poll": cursors.get(CURSOR_LAST_POLL),
        "last_notification": cursors.get(CURSOR_LAST_NOTIFICATION),
        "engine": engine["state"],
        "engine_detail": engine,
        **listener_info(settings, engine),
        "last_audit": _last_audit(cursors.get(CURSOR_LAST_AUDIT)),
        "deadlines": {"near": deadlines.total(watch, (deadlines.NEAR,)),
                      "late": deadlines.total(watch, (deadlines.LATE,)), "by_step": watch},
        "profile": str(profile.root),
    }


def _last_audit(raw: str | None) -> dict[str, Any] | None:
    """The last Conferência's summary: {"at", "from", "to", "counts", "automatic"} (docs/audit.md)."""
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    at = data.get("at")
    if isinstance(at, (int, float)):
        data["at"] = datetime.fromtimestamp(at, UTC).isoformat()
    return data


def listener_info(settings: Settings, engine: dict[str, Any] | None = None) -> dict[str, Any]:
    """``listener_path`` once the profile has its token (it is made when the settings are first
    saved), ``listener_url`` (what to register in Plug.to) when the settings enable the listener,
    and ``listener_warning`` when it is reachable beyond this computer without HTTPS in front.
    A running engine's own listener (its heartbeat, ``engine``) wins over the settings: ``sync
    --listen`` may serve elsewhere."""
    e = settings.engine
    if not e.listener_token:
        return {}
    info: dict[str, Any] = {"listener_path": listener.path_for(e.listener_token)}
    if engine and engine.get("state") != "stopped" and engine.get("listener_url"):
        info["listener_url"] = engine["listener_url"]
        if engine.get("listener_exposed"):
            info["listener_warning"] = "exposed_without_https"
    elif e.listener_enabled:
        info["listener_url"] = listener.listener_url(e.listener_host, e.listener_port, e.listener_token,
                                                     e.listener_public_url)
        if listener.exposed_without_https(e.listener_host, e.listener_public_url):
            info["listener_warning"] = "exposed_without_https"
    return info


def _read(path: Path, now: float) -> tuple[dict[str, dict[str, int]], dict[str, str | None], dict[str, Any]]:
    """The counts, cursors and deadline counts of the database at ``path``. A file without tables
    yet (created an instant ago) holds no jobs; one that cannot be read raises
    :class:`DatabaseProblem` — a damaged queue is never reported as an empty one."""
    jobs = {"orders": _zero(), "products": _zero()}
    watch = deadlines.empty_counts()
    conn = connect(path, read_only=True)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return jobs, {}, watch
        for kind, state, n in conn.execute("SELECT kind, state, n FROM job_counts"):
            bucket = jobs["orders" if kind == "order" else "products"]
            if state in bucket:
                bucket[state] = n
        columns = {row[1] for row in conn.execute("PRAGMA table_info(jobs)")}
        if "deadline_at" in columns:  # a queue not yet opened by this version has no deadlines
            watch = deadline_counts(conn, now)
        return jobs, dict(conn.execute("SELECT name, value FROM cursors").fetchall()), watch
    except sqlite3.Error as exc:
        raise DatabaseProblem.of(exc, path) or DatabaseProblem(CORRUPT, path, str(exc)) from exc
    finally:
        conn.close()


def _zero() -> dict[str, int]:
    return {state: 0 for state in ALL_STATES}


def _engine_state(raw: str | None, now: float) -> dict[str, Any]:
    """The running engine's last heartbeat; a silent one means no engine is running."""
    if not raw:
        return {"state": "stopped"}
    try:
        data = json.loads(raw)
    except ValueError:
        return {"state": "stopped"}
    if data.get("state") != "stopped" and now - float(data.get("at") or 0) > 3 * HEARTBEAT_S:
        return {"state": "stopped", "last_seen": _iso(data.get("at"))}
    return {**data, "at": _iso(data.get("at"))}


def _iso(value: Any) -> str | None:
    try:
        return datetime.fromtimestamp(float(value), UTC).isoformat()
    except (TypeError, ValueError):
        return None

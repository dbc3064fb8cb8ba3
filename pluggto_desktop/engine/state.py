"""The engine's state as others see it: :class:`EngineStatus` (what the window, the tray and
``status`` show), :class:`RunSummary` (what ``sync --once`` did), and what the engine keeps in the
store for other processes (when Plug.to was last heard from; the heartbeat).

States shown to people: ``running`` (Ativo), ``paused`` (Pausado até HH:MM), ``offline`` (Sem
conexão — nova tentativa em N s), ``credentials`` (Credenciais inválidas), ``storage`` (the queue
database takes no writes: disco cheio, somente leitura, bloqueado, danificado), ``stopped``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pluggto_desktop.domain.models import to_timestamp
from pluggto_desktop.engine.poller import CURSOR_LAST_POLL
from pluggto_desktop.errors import CredentialError
from pluggto_desktop.store.db import DatabaseProblem
from pluggto_desktop.store.jobs import AsyncStore

CURSOR_LAST_NOTIFICATION = "orders.last_notification_at"
#: The running engine's state for other processes (``status``): JSON, refreshed by a heartbeat.
CURSOR_ENGINE_STATUS = "engine.status"
HEARTBEAT_S = 60.0


async def last_seen(store: AsyncStore) -> dict[str, float | None]:
    """When Plug.to was last polled and last sent a notification, as the store remembers."""
    return {
        "last_poll_at": to_timestamp(await store.get_cursor(CURSOR_LAST_POLL)),
        "last_notification_at": to_timestamp(await store.get_cursor(CURSOR_LAST_NOTIFICATION)),
    }


@dataclass(frozen=True)
class EngineStatus:
    state: str = "stopped"  # stopped | running | paused | offline | credentials | storage
    paused_until: float | None = None  # unix time; None = until resumed
    retry_at: float | None = None  # offline: when the next poll happens
    credential: str | None = None  # credentials: which one ("client", "user", "linx", "token")
    detail: str = ""  # technical one-liner (no secrets)
    last_poll_at: float | None = None
    last_notification_at: float | None = None
    listener_url: str | None = None
    listener_error: str | None = None  # technical (for support): the system's words
    listener_problem: str | None = None  # why, as a code (explain.listener_problem): what people read
    storage_problem: str | None = None  # storage: what is wrong (store.db kinds: "disk_full"…)


@dataclass
class RunSummary:
    """What ``sync --once`` did, and how the queue stands afterwards."""

    polled: int = 0
    poll_error: str | None = None
    credential_error: CredentialError | None = None
    counts: dict[str, int] = field(default_factory=dict)
    product_counts: dict[str, int] = field(default_factory=dict)
    status_updates: int = 0
    products_published: int = 0
    store_error: str | None = None  # status back / products could not run (transient)
    storage_problem: DatabaseProblem | None = None  # the queue database failed: the run stopped


__all__ = ["CURSOR_ENGINE_STATUS", "CURSOR_LAST_NOTIFICATION", "HEARTBEAT_S", "EngineStatus", "RunSummary",
           "last_seen"]

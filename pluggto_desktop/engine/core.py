"""What every part of the engine stands on: the engine's parts and state (declared here, set by
:class:`~pluggto_desktop.engine.engine.Engine`), and the plumbing they share — tasks, sleeps,
the activity log, the counts on the bus.

The engine is one object built in layers, each in its own module and each using those below it:
this core; ``health`` (status changes, the heartbeat, the store failing); ``pause`` (when work
may go on); ``passes`` (status back, products, the catalogue and the Conferência); ``workers``
(the loops and the dispatcher); ``engine`` (start, stop, ``sync --once``, the listener).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

from pluggto_desktop.asgi_server import RunningServer
from pluggto_desktop.domain.jobs import DUE_STATES, JobKind
from pluggto_desktop.engine.bus import EngineBus
from pluggto_desktop.engine.config import EngineConfig
from pluggto_desktop.engine.deadline_watch import DeadlineWatch
from pluggto_desktop.engine.orders import OrderProcessor
from pluggto_desktop.engine.poller import Poller
from pluggto_desktop.engine.products import ProductSync
from pluggto_desktop.engine.retry import RetryPolicy
from pluggto_desktop.engine.state import EngineStatus
from pluggto_desktop.engine.status_back import StatusBack
from pluggto_desktop.errors import CredentialError
from pluggto_desktop.net import Backoff
from pluggto_desktop.store.jobs import AsyncStore

log = logging.getLogger("pluggto_desktop.engine")

#: How often the clock watch looks for a sleep or a clock jump (it reacts to jumps over 60 s, so
#: a computer waking up syncs within this many seconds).
CLOCK_WATCH_S = 30.0
#: A loop waiting for work looks again after this long even if nothing told it to: a safety net
#: only — everything that makes a job due wakes it.
IDLE_SAFETY_S = 600.0


class EngineCore:
    """The engine's parts and state, and the plumbing every layer uses."""

    # -- the parts -------------------------------------------------------------------------------
    config: EngineConfig
    store: AsyncStore
    pluggto: Any
    linx: Any
    bus: EngineBus
    clock: Callable[[], float]  # wall clock (unix time)
    monotonic: Callable[[], float]
    clock_watch_interval: float
    retry: RetryPolicy
    orders: OrderProcessor
    poller: Poller
    status_back: StatusBack
    products: ProductSync
    deadlines: DeadlineWatch
    _activity_sink: Callable[..., None] | None

    # -- the state -------------------------------------------------------------------------------
    status: EngineStatus
    max_inflight: int  # order jobs in flight at most (a few batches: see Engine.__init__)
    _tasks: set[asyncio.Task[Any]]  # the loops and one-off tasks the engine owns
    _batches: set[asyncio.Task[Any]]  # batches of order jobs being worked
    _inflight: int  # order jobs claimed and not yet finished
    _wake: asyncio.Event  # the dispatcher: an order job may be due
    _products_wake: asyncio.Event  # the product loop: a product job may be due
    _poll_now: asyncio.Event
    _resumed: asyncio.Event  # set while work may go on (not paused, credentials fine, the store writes)
    _stopping: bool
    _unsubscribe_bus: Callable[[], None] | None
    _listener: RunningServer | None
    _user_id: str | None  # the Plug.to account (the listener checks notifications against it)
    _counts_pending: bool
    _reconcile_lock: asyncio.Lock
    _poll_backoff: Backoff
    _poll_failures: int
    _credential_error: CredentialError | None
    _storage_backoff: Backoff
    _storage_retry_now: asyncio.Event
    _storage_watch: asyncio.Task[Any] | None
    _unwritten: set[int]  # jobs left "processing" because their outcome could not be written
    _recover_all: bool  # the start-up recovery could not run: run it when writes work
    _before_storage: EngineStatus | None  # a pause or credential stop the store failing interrupted
    _outage_since: float | None  # when the engine last lost its remotes
    _audit_soon: bool  # a long outage ended: audit at the next check

    # -- plumbing -----------------------------------------------------------------------------------
    def _spawn(self, coro: Any, name: str) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro, name=f"engine-{name}")
        self._tasks.add(task)  # strong reference: the loop only keeps weak ones
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        """Forget a finished task, and say why if it failed (never "exception was never retrieved")."""
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("engine task %s failed", task.get_name(), exc_info=task.exception())

    def _activity(self, level: str, code: str, message_pt: str, message_en: str, refs: dict | None = None,
                  **_: Any) -> None:
        entry = {"level": level, "code": code, "message_pt": message_pt, "message_en": message_en,
                 "refs": refs or {}, "at": self.clock()}
        if self._activity_sink is not None:
            try:
                self._activity_sink(**entry)
            except Exception:
                log.exception("activity log failed")
        self.bus.publish("activity", entry)

    def _publish_counts(self) -> None:
        """Coalesce count refreshes: at most one pending at a time."""
        if self._counts_pending:
            return
        self._counts_pending = True

        async def publish() -> None:
            await asyncio.sleep(0.2)
            self._counts_pending = False
            try:
                counts = {kind.value: await self.store.counts(kind.value) for kind in JobKind}
            except Exception:  # noqa: BLE001 - the store may be closing
                return
            self.bus.publish("counts", counts)
            self.deadlines.poke()  # jobs changed: an order may have come close to its deadline

        self._spawn(publish(), "counts")

    def _after_user_action(self) -> None:
        self._wake.set()
        self._products_wake.set()  # Reenviar works on product jobs too
        self._publish_counts()

    def _on_bus_event(self, event: Any) -> None:
        """A product job queued or scheduled for a retry (by a poll's product pass, the nightly
        reconcile, a retry): the product loop must look at when it is due."""
        if event.topic == "job" and isinstance(event.payload, dict) and \
                event.payload.get("kind") == JobKind.PRODUCT.value and event.payload.get("state") in DUE_STATES:
            self._products_wake.set()

    async def _sleep_or(self, event: asyncio.Event, timeout: float) -> None:
        """Wait until ``event`` is set or ``timeout`` seconds pass (every loop waits through
        this or :meth:`_sleep`, so a test can run the loops on a virtual clock)."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)

    async def _sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    def _until_due(self, next_due: float | None, least: float) -> float:
        """How long a loop with nothing to claim may sleep: until the next job is due (at least
        ``least``), at most :data:`IDLE_SAFETY_S`."""
        if next_due is None:
            return IDLE_SAFETY_S
        return min(IDLE_SAFETY_S, max(least, next_due - self.clock()))

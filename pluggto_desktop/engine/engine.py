"""The sync engine: polls, listens, dispatches jobs to workers, and tells observers about it.

Pure asyncio, no Qt: the same object runs under ``asyncio.run`` (CLI) and inside the desktop
app's qasync loop. Observers subscribe to ``engine.bus`` (see ``engine.bus``).

Loops (each an asyncio task the engine owns and cancels on stop; ``engine/workers.py``):
* poller     — polls Plug.to every ``poll_interval_s`` (or at once on "Sincronizar agora");
* dispatcher — claims due jobs in batches and runs them, keeping at most ``max_inflight`` jobs
               in flight; the HTTP clients bound the calls per remote (``concurrency``);
* listener   — optional, serves the notification listener (here);
* housekeeping — purges old payloads.

Idle, the loops sleep until something happens (``engine/workers.py``). With the poll every
minute, the clock watch (:data:`CLOCK_WATCH_S`) and the heartbeat (:data:`HEARTBEAT_S`), an idle
engine wakes a few times a minute (bench/idle.py).

Engine states shown to the user: ``running`` (Ativo), ``paused`` (Pausado até HH:MM),
``offline`` (Sem conexão — nova tentativa em N s), ``credentials`` (Credenciais inválidas),
``storage`` (the queue database takes no writes: disco cheio, somente leitura, bloqueado,
danificado — work stops and is retried by itself, ``engine/health.py``), ``stopped``.

:class:`Engine` is built in layers, one module each (``engine/core.py`` lists them); this module
holds what makes it run — construction, start and stop, ``sync --once``, the user's actions on
jobs, the listener — and keeps the names others import from here (``EngineStatus``,
``RunSummary``, ``last_seen``, the cursors).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from pluggto_desktop.asgi_server import RunningServer, ServerLimits
from pluggto_desktop.domain.jobs import JobKind
from pluggto_desktop.engine import listener as listener_rules
from pluggto_desktop.engine.bus import EngineBus, EngineEvent
from pluggto_desktop.engine.config import EngineConfig
from pluggto_desktop.engine.core import CLOCK_WATCH_S, IDLE_SAFETY_S
from pluggto_desktop.engine.deadline_watch import DeadlineWatch
from pluggto_desktop.engine.health import AUDIT_AFTER_OUTAGE_S
from pluggto_desktop.engine.importing import ImportLookup, look_up
from pluggto_desktop.engine.listener import HostCheck, Notification, NotificationListener
from pluggto_desktop.engine.orders import OrderProcessor
from pluggto_desktop.engine.passes import AUDIT_HOUR
from pluggto_desktop.engine.poller import CURSOR_USER_ID, Poller
from pluggto_desktop.engine.products import ProductSync
from pluggto_desktop.engine.retry import RetryPolicy
from pluggto_desktop.engine.state import (
    CURSOR_ENGINE_STATUS,
    CURSOR_LAST_NOTIFICATION,
    HEARTBEAT_S,
    EngineStatus,
    RunSummary,
    last_seen,
)
from pluggto_desktop.engine.status_back import StatusBack
from pluggto_desktop.engine.workers import Workers
from pluggto_desktop.errors import CredentialError, TransientError
from pluggto_desktop.explain import listener_problem
from pluggto_desktop.net import Backoff
from pluggto_desktop.store.db import IO_ERROR, DatabaseProblem, problem_kind
from pluggto_desktop.store.jobs import AsyncStore, IntakeResult

log = logging.getLogger("pluggto_desktop.engine")


class Engine(Workers):
    """The engine; its layers (``engine/core.py``) hold the loops, the passes, pausing and health."""

    def __init__(
        self,
        config: EngineConfig,
        store: AsyncStore,
        pluggto: Any,
        linx: Any,
        *,
        bus: EngineBus | None = None,
        activity: Callable[..., None] | None = None,
        clock: Callable[[], float] = time.time,
        retry: RetryPolicy | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self.store = store
        self.pluggto = pluggto
        self.linx = linx
        self.bus = bus or EngineBus()
        self.clock = clock
        self.monotonic = monotonic
        self.clock_watch_interval = CLOCK_WATCH_S
        self.retry = retry or RetryPolicy(
            max_attempts=config.max_attempts, base=config.retry_base_s, cap=config.retry_cap_s
        )
        self._activity_sink = activity
        self.orders = OrderProcessor(
            store=store, pluggto=pluggto, linx=linx, config=config, retry=self.retry,
            bus=self.bus, activity=self._activity, clock=clock,
        )
        self.poller = Poller(store=store, pluggto=pluggto, config=config, clock=clock)
        self.status_back = StatusBack(store=store, pluggto=pluggto, linx=linx, config=config, bus=self.bus,
                                      activity=self._activity, clock=clock)
        self.orders.resync_status = self.status_back.resync
        self.products = ProductSync(store=store, pluggto=pluggto, linx=linx, config=config,
                                    rules=config.product_rules, retry=self.retry, bus=self.bus,
                                    activity=self._activity, clock=clock)
        self.deadlines = DeadlineWatch(store=store, bus=self.bus, activity=self._activity, clock=clock)
        self._reconcile_lock = asyncio.Lock()
        self.status = EngineStatus()
        # Three batches in flight: while one batch's saves fill the Linx connections, the next
        # batch's search is already done, so the remotes never wait for a search to finish
        # (measured: 2 batches → efficiency 0.77 of the concurrency bound, 3 → 0.81).
        self.max_inflight = 3 * config.batch_size
        self._tasks = set()
        self._batches = set()
        self._inflight = 0
        self._wake = asyncio.Event()  # the dispatcher: an order job may be due
        self._products_wake = asyncio.Event()  # the product loop: a product job may be due
        self._unsubscribe_bus = None
        self._poll_now = asyncio.Event()
        self._resumed = asyncio.Event()
        self._stopping = False
        self._listener = None
        self._user_id = config.pluggto_user_id
        self._counts_pending = False
        self._poll_backoff = Backoff(base=5.0, cap=300.0)
        self._storage_backoff = Backoff(base=2.0, cap=60.0)
        self._storage_retry_now = asyncio.Event()
        self._storage_watch = None
        self._unwritten = set()  # jobs left "processing" because their outcome could not be written
        self._recover_all = False  # the start-up recovery could not run: run it when writes work
        self._before_storage = None
        self.orders.on_unwritten = lambda job_id, exc: self._storage_failed(exc, (job_id,))
        self._poll_failures = 0
        self._credential_error = None
        self._outage_since = None  # when the engine last lost its remotes
        self._audit_soon = False  # a long outage ended: audit at the next check

    # -- lifecycle ---------------------------------------------------------------------------------
    async def start(self) -> None:
        """Recover, then start the loops (and the listener when enabled)."""
        try:
            recovered = await self.store.recover_interrupted()
        except Exception as exc:
            if problem_kind(exc) is None:
                raise
            self._recover_all = True  # once the store takes writes again
            self._storage_failed(exc)
        else:
            if recovered:
                log.info("recovered %d jobs interrupted by a previous shutdown", recovered)
        await self._load_cursors()
        with contextlib.suppress(Exception):  # a failing store is reported by the storage watch
            await self.deadlines.apply_rules(self.config.deadline_rules)
        self._stopping = False
        if self.config.listener_enabled:
            await self._start_listener()
        self._set_status(state="running" if self.status.state in ("stopped", "running") else self.status.state)
        if self.status.state == "storage":
            self._watch_storage()
        if self._unsubscribe_bus is None:
            self._unsubscribe_bus = self.bus.subscribe(self._on_bus_event)
        self._spawn(self._poll_loop(), "poller")
        self._spawn(self._dispatch_loop(), "dispatcher")
        self._spawn(self._housekeeping_loop(), "housekeeping")
        self._spawn(self._heartbeat_loop(), "heartbeat")
        self._spawn(self._product_loop(), "products")
        self._spawn(self._clock_watch_loop(), "clock-watch")
        self._spawn(self._reconcile_loop(), "reconcile")
        self._spawn(self.deadlines.run(lambda: self._stopping), "deadlines")
        self._publish_counts()

    async def stop(self, *, timeout: float = 20.0) -> None:
        """Stop taking work, let in-flight calls finish (up to ``timeout``), stop the loops."""
        self._stopping = True
        self._wake.set()
        self._products_wake.set()
        self._poll_now.set()
        self._resumed.set()
        if self._unsubscribe_bus is not None:
            self._unsubscribe_bus()
            self._unsubscribe_bus = None
        if self._batches:
            _done, pending = await asyncio.wait(self._batches, timeout=timeout)
            for task in pending:
                task.cancel()
            with contextlib.suppress(Exception):
                await asyncio.gather(*pending, return_exceptions=True)
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        if self._listener is not None:
            await self._listener.stop()
            self._listener = None
        self._set_status(state="stopped", listener_url=None)
        with contextlib.suppress(Exception):  # the store may already be closing
            await self._write_heartbeat()

    # -- user actions on jobs ----------------------------------------------------------------------
    async def retry_jobs(self, job_ids: list[int]) -> int:
        count = await self.store.retry(job_ids)
        self._after_user_action()
        return count

    async def ignore_job(self, job_id: int, reason: str) -> bool:
        done = await self.store.ignore(job_id, reason)
        self._after_user_action()
        return done

    async def unignore_job(self, job_id: int) -> bool:
        done = await self.store.unignore(job_id)
        self._after_user_action()
        return done

    async def import_order(self, text: str) -> ImportLookup:
        """Importar pedido pelo ID: queue the order Plug.to has under ``text``, or say what
        ``text`` is (a marketplace number: which order) — never a job for an unknown id."""
        lookup = await look_up(text, store=self.store, pluggto=self.pluggto)
        if lookup.job_id is not None:
            self._after_user_action()
        return lookup

    # -- one-off runs (sync --once, a repair's orders) ---------------------------------------------
    async def work_due(self) -> None:
        """Work every order job that is due now (a one-off run: what a repair queued)."""
        await self._drain()

    async def run_once(self) -> RunSummary:
        """Poll once, then work every job that is due now until none is; no waiting for retries."""
        summary = RunSummary()
        self._credential_error = None
        try:
            await self._run_once(summary)
        except Exception as exc:
            problem = DatabaseProblem.of(exc, self.store.path)
            if problem is None:
                raise
            self._storage_failed(exc)
        if self.status.state == "storage":  # the queue took no writes: the run says so and stops
            summary.storage_problem = DatabaseProblem(self.status.storage_problem or IO_ERROR, self.store.path,
                                                      self.status.detail)
        return summary

    async def _run_once(self, summary: RunSummary) -> None:
        if self.status.state == "storage":  # a run after a failed one: it finds out by itself
            if self._storage_watch is not None:
                self._storage_watch.cancel()
            self._set_status(state="running", storage_problem=None, retry_at=None, detail="")
        await self.store.recover_interrupted()  # also every job an earlier run could not write
        self._unwritten.clear()
        self._recover_all = False
        await self._load_cursors()
        # Work starts on the first page of orders while the poll reads the next ones.
        poll = asyncio.create_task(self.poller.poll(on_page=self._wake.set))
        await self._drain(until_done=poll)
        try:
            result = poll.result()
            summary.polled = result.seen
            await self._after_poll(result)
        except CredentialError as exc:
            self._credentials_failed(exc)
        except TransientError as exc:
            summary.poll_error = str(exc)
            log.warning("poll failed: %s", exc)
        if self.status.state == "storage":
            return
        await self._drain()  # whatever the last page brought
        if self._credential_error is None and self.status.state != "storage":
            await self._store_to_pluggto(summary, reconcile_if_due=True)
        summary.credential_error = self._credential_error
        summary.counts = await self.store.counts(JobKind.ORDER.value)
        summary.product_counts = await self.store.counts(JobKind.PRODUCT.value)

    async def _load_cursors(self) -> None:
        self._user_id = self._user_id or await self.store.get_cursor(CURSOR_USER_ID)
        self._set_status(**await last_seen(self.store))

    # -- the notification listener -----------------------------------------------------------------
    @property
    def listener_path(self) -> str:
        """The path the listener serves: ``/pluggto/notifications/<token>``."""
        return listener_rules.path_for(self.config.listener_token)

    def notification_app(self) -> NotificationListener:
        """The listener's ASGI app, bound to this engine (served by ``start`` when enabled;
        tests and the demo can also call it in-process)."""
        config = self.config
        return NotificationListener(
            self.store, token=config.listener_token,
            hosts=HostCheck(config.listener_host, config.listener_public_url),
            user_id=lambda: self._user_id, on_recorded=self._on_notification,
            read_timeout=config.listener_read_timeout_s,
        )

    async def _start_listener(self) -> None:
        config = self.config
        limits = ServerLimits(max_connections=config.listener_max_connections,
                              header_timeout=config.listener_read_timeout_s)
        try:
            self._listener = await RunningServer(
                self.notification_app(), config.listener_host, config.listener_port, limits=limits
            ).start()
        except OSError as exc:
            message = str(exc) or type(exc).__name__
            # the computer's setup (a port taken), not a failure of the program: polling goes on
            log.warning("notification listener could not start on %s:%s: %s",
                        config.listener_host, config.listener_port, message)
            self._set_status(listener_error=message, listener_problem=listener_problem(exc), listener_url=None)
            return
        url = listener_rules.listener_url(config.listener_host, self._listener.port, config.listener_token,
                                          config.listener_public_url)
        self._set_status(listener_url=url, listener_error=None, listener_problem=None)
        log.info("notification listener on %s (register %s in Plug.to)", self._listener.url, url)
        if listener_rules.exposed_without_https(config.listener_host, config.listener_public_url):
            log.warning("the notification listener is reachable beyond this computer without HTTPS in "
                        "front: put an HTTPS reverse proxy or tunnel before it and set its address "
                        "(engine.listener_public_url)")

    async def _on_notification(self, notification: Notification, result: IntakeResult) -> None:
        now = self.clock()
        await self.store.set_cursor(CURSOR_LAST_NOTIFICATION, datetime.fromtimestamp(now, UTC).isoformat())
        self._set_status(last_notification_at=now)
        self.bus.publish("notification", {"at": now, "key": notification.id})
        if result.changed:
            self._wake.set()
            self._publish_counts()


__all__ = [
    "AUDIT_AFTER_OUTAGE_S", "AUDIT_HOUR", "CLOCK_WATCH_S", "CURSOR_ENGINE_STATUS", "CURSOR_LAST_NOTIFICATION",
    "HEARTBEAT_S", "IDLE_SAFETY_S", "Engine", "EngineBus", "EngineEvent", "EngineStatus", "RunSummary", "last_seen",
]

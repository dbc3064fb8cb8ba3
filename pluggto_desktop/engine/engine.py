"""The sync engine: polls, listens, dispatches jobs to workers, and tells observers about it.

Pure asyncio, no Qt: the same object runs under ``asyncio.run`` (CLI) and inside the desktop
app's qasync loop. Observers subscribe to ``engine.bus`` (see ``engine.bus``).

Loops (each an asyncio task the engine owns and cancels on stop):
* poller     — polls Plug.to every ``poll_interval_s`` (or at once on "Sincronizar agora");
* dispatcher — claims due jobs in batches and runs them, keeping at most ``max_inflight`` jobs
               in flight; the HTTP clients bound the calls per remote (``concurrency``);
* listener   — optional, serves the notification listener;
* housekeeping — purges old payloads.

Idle, the loops sleep until something happens: the dispatcher and the product loop wait for a
job to become due (its ``next_attempt_at``) or for an event that can make one due (a poll or a
notification that changed something, a finished batch, a user action, a product job scheduled),
with only a long safety net (:data:`IDLE_SAFETY_S`) instead of a short timeout. With the poll
every minute, the clock watch (:data:`CLOCK_WATCH_S`) and the heartbeat (:data:`HEARTBEAT_S`),
an idle engine wakes a few times a minute (bench/idle.py).

Engine states shown to the user: ``running`` (Ativo), ``paused`` (Pausado até HH:MM),
``offline`` (Sem conexão — nova tentativa em N s), ``credentials`` (Credenciais inválidas),
``storage`` (the queue database takes no writes: disco cheio, somente leitura, bloqueado,
danificado — work stops and is retried by itself), ``stopped``.

The store failing is never a job's fault and never kills a loop: whichever loop meets it puts the
engine in ``storage``; a watch tries a write with back-off, puts back in the queue every job whose
outcome could not be written, and resumes the engine when writes work again.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from pluggto_desktop.asgi_server import RunningServer, ServerLimits
from pluggto_desktop.domain.jobs import DUE_STATES, JobKind
from pluggto_desktop.domain.models import to_timestamp
from pluggto_desktop.engine.bus import EngineBus
from pluggto_desktop.engine.deadline_watch import DeadlineWatch
from pluggto_desktop.domain.audit import summary_text
from pluggto_desktop.engine.audit import CURSOR_LAST_AUDIT, AuditReport, Repairs, fix, run_audit
from pluggto_desktop.engine.audit import period as audit_period
from pluggto_desktop.engine.config import EngineConfig
from pluggto_desktop.engine import listener as listener_rules
from pluggto_desktop.engine.importing import ImportLookup, look_up
from pluggto_desktop.engine.listener import HostCheck, Notification, NotificationListener
from pluggto_desktop.engine.orders import OrderProcessor
from pluggto_desktop.engine.poller import CURSOR_LAST_POLL, CURSOR_USER_ID, Poller
from pluggto_desktop.engine.products import CURSOR_LAST_RECONCILE, PublishCounts, ProductSync
from pluggto_desktop.engine.retry import RetryPolicy
from pluggto_desktop.engine.status_back import StatusBack
from pluggto_desktop.errors import CredentialError, TransientError
from pluggto_desktop.explain import listener_problem
from pluggto_desktop.net import Backoff
from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.store.db import IO_ERROR, DatabaseProblem, problem_kind
from pluggto_desktop.store.jobs import AsyncStore, IntakeResult
from pluggto_desktop.text import Text

log = logging.getLogger("pluggto_desktop.engine")

CURSOR_LAST_NOTIFICATION = "orders.last_notification_at"
#: The nightly Conferência runs in this hour (local time), and after an outage at least this long.
AUDIT_HOUR = 3
AUDIT_AFTER_OUTAGE_S = 3600.0
#: The running engine's state for other processes (``status``): JSON, refreshed by a heartbeat.
CURSOR_ENGINE_STATUS = "engine.status"
HEARTBEAT_S = 60.0
#: How often the clock watch looks for a sleep or a clock jump (it reacts to jumps over 60 s, so
#: a computer waking up syncs within this many seconds).
CLOCK_WATCH_S = 30.0
#: A loop waiting for work looks again after this long even if nothing told it to: a safety net
#: only — everything that makes a job due wakes it.
IDLE_SAFETY_S = 600.0

PAUSED = Text("Sincronização pausada até ser retomada", "Sync paused until resumed")
PAUSED_UNTIL = Text("Sincronização pausada até {time}", "Sync paused until {time}")
RESUMED = Text("Sincronização retomada", "Sync resumed")
CREDENTIALS_REFUSED = Text("Credenciais recusadas: a sincronização está parada até serem corrigidas",
                           "Credentials refused: sync is stopped until they are fixed")
STORAGE_RECOVERED = Text("O banco de dados da fila voltou a gravar: a sincronização continua",
                         "The queue database takes writes again: sync resumes")
AUDIT_DONE = Text("Conferência: {summary}", "Audit: {summary}")
CATALOGUE_CHECKED = Text("Catálogo conferido: {products} produtos, {full} enviados, {stock} atualizações de estoque, "
                         "{attention} com problema",
                         "Catalogue checked: {products} products, {full} sent, {stock} stock updates, {attention} with "
                         "problems")


async def last_seen(store: AsyncStore) -> dict[str, float | None]:
    """When Plug.to was last polled and last sent a notification, as the store remembers."""
    return {
        "last_poll_at": to_timestamp(await store.get_cursor(CURSOR_LAST_POLL)),
        "last_notification_at": to_timestamp(await store.get_cursor(CURSOR_LAST_NOTIFICATION)),
    }


@dataclass(frozen=True)
class EngineStatus:
    state: str = "stopped"  # stopped | running | paused | offline | credentials
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


class Engine:
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
        self._tasks: set[asyncio.Task[Any]] = set()
        self._batches: set[asyncio.Task[Any]] = set()
        self._inflight = 0
        self._wake = asyncio.Event()  # the dispatcher: an order job may be due
        self._products_wake = asyncio.Event()  # the product loop: a product job may be due
        self._unsubscribe_bus: Callable[[], None] | None = None
        self._poll_now = asyncio.Event()
        self._resumed = asyncio.Event()
        self._stopping = False
        self._listener: RunningServer | None = None
        self._user_id: str | None = config.pluggto_user_id
        self._counts_pending = False
        self._poll_backoff = Backoff(base=5.0, cap=300.0)
        self._storage_backoff = Backoff(base=2.0, cap=60.0)
        self._storage_retry_now = asyncio.Event()
        self._storage_watch: asyncio.Task[Any] | None = None
        self._unwritten: set[int] = set()  # jobs left "processing" because their outcome could not be written
        self._recover_all = False  # the start-up recovery could not run: run it when writes work
        self._before_storage: EngineStatus | None = None
        self.orders.on_unwritten = lambda job_id, exc: self._storage_failed(exc, (job_id,))
        self._poll_failures = 0
        self._credential_error: CredentialError | None = None
        self._outage_since: float | None = None  # when the engine last lost its remotes
        self._audit_soon = False  # a long outage ended: audit at the next check

    # -- lifecycle -----------------------------------------------------------------------------
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
            done, pending = await asyncio.wait(self._batches, timeout=timeout)
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

    # -- user actions -------------------------------------------------------------------------------
    def sync_now(self) -> None:
        """Poll now and look at due jobs now (also "Tentar agora" when offline)."""
        self._poll_failures = 0
        self._storage_retry_now.set()
        if self.status.state == "credentials":
            self._set_status(state="running", credential=None, detail="")
            self._resumed.set()
        self._poll_now.set()
        self._wake.set()
        self._products_wake.set()

    def pause(self, until: float | None = None) -> None:
        """Stop taking new work (in-flight calls finish); ``until`` is a unix time or None."""
        self._resumed.clear()
        self._set_status(state="paused", paused_until=until, retry_at=None)
        self._activity("info", "engine_paused", *_pause_words(until))

    def resume(self) -> None:
        if self.status.state != "paused":
            return
        self._set_status(state="running", paused_until=None)
        self._resumed.set()
        self._poll_now.set()
        self._wake.set()
        self._products_wake.set()
        self._activity("info", "engine_resumed", *RESUMED.both())

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

    # -- Conferência (engine/audit.py) ---------------------------------------------------------------
    async def audit(self, start: datetime, end: datetime, *, automatic: bool = False) -> AuditReport:
        """Read both systems for the period and classify every sale (no writes but the summary)."""
        report = await run_audit(pluggto=self.pluggto, linx=self.linx, store=self.store,
                                 website_id=self.config.website_id or 0, import_statuses=self.config.import_statuses,
                                 start=start, end=end, concurrency=self.config.concurrency)
        summary = {"at": self.clock(), "from": start.isoformat(), "to": end.isoformat(), "counts": report.counts,
                   "automatic": automatic}
        await self.store.set_cursor(CURSOR_LAST_AUDIT, json.dumps(summary))
        self.bus.publish("audit", summary)
        self._activity("warning" if report.differences else "info", "audit_done",
                       AUDIT_DONE(PT, summary=summary_text(report.counts, PT)),
                       AUDIT_DONE(EN, summary=summary_text(report.counts, EN)))
        return report

    async def fix_audit(self, report: AuditReport, what: set[str]) -> dict[str, int]:
        """Repair what the person asked for, then work the orders it queued."""
        repairs = Repairs(store=self.store, pluggto=self.pluggto, status_back=self.status_back, linx=self.linx,
                          activity=self._activity, wake=self._after_user_action)
        return await fix(report, what, repairs)

    async def work_due(self) -> None:
        """Work every order job that is due now (a one-off run: what a repair queued)."""
        await self._drain()

    def _note_outage(self, old: str, new: str) -> None:
        """A long outage may have hidden sales from the poll's window: audit once it is over."""
        if old in ("running", "stopped") and new in ("offline", "credentials", "storage"):
            self._outage_since = self._outage_since or self.clock()
        elif new == "running" and self._outage_since is not None:
            if self.clock() - self._outage_since >= AUDIT_AFTER_OUTAGE_S:
                self._audit_soon = True
            self._outage_since = None

    async def _audit_if_due(self) -> None:
        """The automatic Conferência: nightly, and after a long outage (last 7 days)."""
        last = await self.store.get_cursor(CURSOR_LAST_AUDIT)
        last_at = float(json.loads(last).get("at") or 0) if last else 0.0
        now = self.clock()
        nightly = datetime.fromtimestamp(now).hour == AUDIT_HOUR and now - last_at > 20 * 3600
        if not (nightly or self._audit_soon) or not self.config.website_id:
            return
        self._audit_soon = False
        start, end = audit_period(7, now=datetime.fromtimestamp(now, timezone.utc))
        await self.audit(start, end, automatic=True)

    # -- sync --once ------------------------------------------------------------------------------------
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

    async def _store_to_pluggto(self, summary: RunSummary | None = None, *, reconcile_if_due: bool = False) -> None:
        """Status back, then products: the store's news for Plug.to (after each poll)."""
        summary = summary or RunSummary()
        try:
            result = await self.status_back.run_pass()
            summary.status_updates += result.updates
            if self.config.product_sync_enabled:
                counts = await self.products.feed_pass()
                summary.products_published += counts.full + counts.stock
                if reconcile_if_due and await self._reconcile_due():
                    counts = await self.reconcile_products()
                    summary.products_published += counts.full + counts.stock
                await self._drain_products()
        except CredentialError as exc:
            self._credentials_failed(exc)
        except TransientError as exc:
            summary.store_error = str(exc)
            log.warning("status back / products will be retried: %s", exc)

    async def _drain_products(self) -> None:
        while self.status.state not in ("credentials", "storage"):
            jobs = await self.store.claim_due(JobKind.PRODUCT.value, self.config.concurrency * 4)
            if not jobs:
                return
            await self.products.process_jobs(jobs)

    async def reconcile_products(self) -> PublishCounts:
        """"Reconciliar catálogo agora": the whole catalogue, with progress on the bus."""
        async with self._reconcile_lock:
            self.bus.publish("reconcile", {"running": True, "done": 0, "total": None})

            def progress(done: int, total: int) -> None:
                self.bus.publish("reconcile", {"running": True, "done": done, "total": total})

            try:
                counts = await self.products.reconcile(progress)
            finally:
                self.bus.publish("reconcile", {"running": False})
            self._activity("info", "products_reconciled", *CATALOGUE_CHECKED.both(
                products=counts.products, full=counts.full, stock=counts.stock, attention=counts.attention))
            self._publish_counts()
            return counts

    async def _reconcile_due(self) -> bool:
        """Never done yet, or the nightly hour came and the last one is older than 20 hours."""
        last = await self.store.get_cursor(CURSOR_LAST_RECONCILE)
        if not last:
            return True
        now = self.clock()
        hour = datetime.fromtimestamp(now).hour
        return hour == self.config.product_reconcile_hour and now - float(last) > 20 * 3600

    async def _drain(self, until_done: asyncio.Task[Any] | None = None) -> None:
        """Claim and run due batches until nothing is due now and ``until_done`` (the poll)
        has finished; stop early on bad credentials."""
        while self.status.state not in ("credentials", "storage") and not self._stopping:
            if await self._claim_if_room():
                continue
            polling = until_done is not None and not until_done.done()
            if not self._batches and not polling:
                return  # nothing running, nothing due, nothing more coming
            self._wake.clear()
            waiters = [asyncio.ensure_future(self._wake.wait())]
            if polling:
                waiters.append(until_done)
            await asyncio.wait(waiters, timeout=1.0, return_when=asyncio.FIRST_COMPLETED)
            waiters[0].cancel()
        if self._batches:
            await asyncio.wait(set(self._batches))
        if until_done is not None:
            await asyncio.wait([until_done])

    async def _claim_if_room(self) -> bool:
        """Start a batch when enough job slots are free; True when one was started.

        Waiting for half a batch of free slots keeps the Linx search batched (one search per
        batch) while never letting the remotes sit idle behind a batch's slowest job.
        """
        room = self.max_inflight - self._inflight
        threshold = 1 if self._inflight == 0 else max(1, self.config.batch_size // 2)
        if room < threshold:
            return False
        batch = await self.store.claim_orders(min(self.config.batch_size, room))
        if not batch:
            return False
        self._start_batch(batch)
        return True

    # -- loops --------------------------------------------------------------------------------------------
    async def _poll_loop(self) -> None:
        while not self._stopping:
            if not await self._may_work():
                continue
            delay = self.config.poll_interval_s
            try:
                result = await self.poller.poll()
                self._poll_failures = 0
                if self.status.state == "offline":
                    self._set_status(state="running", retry_at=None, detail="")
                await self._after_poll(result)
                if result.changed:  # new jobs or new versions: some may be due now
                    self._wake.set()
                await self._store_to_pluggto()
            except CredentialError as exc:
                self._credentials_failed(exc)
                continue
            except TransientError as exc:
                self._poll_failures += 1
                delay = self._poll_backoff.delay(self._poll_failures, exc.retry_after)
                self._set_status(state="offline", retry_at=self.clock() + delay, detail=str(exc))
                log.warning("poll failed (%s); next try in %.0fs", exc, delay)
            except Exception as exc:  # never let a bug kill the loop silently
                if problem_kind(exc) is not None:
                    self._storage_failed(exc)
                    continue  # waits in _may_work until the store takes writes again
                log.exception("poll failed unexpectedly")
                delay = 30.0
            await self._sleep_or(self._poll_now, delay)
            self._poll_now.clear()

    async def _dispatch_loop(self) -> None:
        while not self._stopping:
            if not await self._may_work():
                continue
            try:
                if await self._claim_if_room():
                    continue
                next_due = await self.store.next_due_at(JobKind.ORDER.value)
            except Exception as exc:
                if problem_kind(exc) is not None:
                    self._storage_failed(exc)
                    continue
                log.exception("claiming orders failed unexpectedly")
                next_due = self.clock() + 5.0
            await self._sleep_or(self._wake, self._until_due(next_due, 0.02))
            self._wake.clear()

    def _start_batch(self, batch: list) -> None:
        self._inflight += len(batch)
        task = asyncio.create_task(self._run_batch(batch))
        self._batches.add(task)  # strong reference until done
        task.add_done_callback(self._batches.discard)

    async def _run_batch(self, batch: list) -> None:
        held = {job.id for job, _payload in batch}  # this batch's jobs still without an outcome

        def job_done(job_id: int) -> None:  # free the job's slot at once, not when the whole batch ends
            if job_id in held:
                held.discard(job_id)
                self._inflight -= 1
                self._wake.set()

        delay = 0.0
        try:
            await self.orders.process(batch, on_job_done=job_done)
        except CredentialError as exc:
            self._credentials_failed(exc)
        except Exception as exc:
            if problem_kind(exc) is not None:
                self._storage_failed(exc, held)
            else:
                log.exception("a batch of %d orders failed unexpectedly", len(batch))
                delay = 30.0  # a bug rarely heals at once: not a hot loop
        finally:
            self._inflight -= len(held)  # jobs that ended without an outcome
            # put them back so nothing is lost (only this batch's: other batches hold theirs)
            unfinished = held - self._unwritten
            held.clear()
            await self._requeue(unfinished, delay=delay)
            self._wake.set()
            self._publish_counts()

    async def _product_loop(self) -> None:
        """Product jobs due again (Reenviar, retries after a transient failure)."""
        while not self._stopping:
            if not await self._may_work():
                continue
            self._products_wake.clear()  # what happens from here on is seen below, or wakes us
            jobs: list = []
            try:
                jobs = await self.store.claim_due(JobKind.PRODUCT.value, self.config.concurrency * 4)
                if jobs:
                    await self.products.process_jobs(jobs)
                    continue
                next_due = await self.store.next_due_at(JobKind.PRODUCT.value)
            except CredentialError as exc:
                self._credentials_failed(exc)
                continue
            except Exception as exc:
                if problem_kind(exc) is not None:
                    self._storage_failed(exc, (job.id for job in jobs))
                    continue
                log.exception("product jobs failed unexpectedly")
                await self._requeue({job.id for job in jobs}, delay=30.0)
                next_due = self.clock() + 30.0  # the jobs put back: another try in a while
            await self._sleep_or(self._products_wake, self._until_due(next_due, 0.05))

    async def _clock_watch_loop(self) -> None:
        """After the computer sleeps, or its clock jumps, sync at once instead of waiting.

        Two signs, because operating systems differ: the wall clock moving apart from the
        monotonic clock (Linux and macOS stop the monotonic clock while asleep; a manual or NTP
        clock change looks the same), and a tick arriving far later than scheduled (Windows
        counts sleep in its monotonic clock, so the tick itself is late).
        """
        interval = self.clock_watch_interval
        last_wall, last_mono = self.clock(), self.monotonic()
        while not self._stopping:
            await self._sleep(interval)
            wall, mono = self.clock(), self.monotonic()
            drift = abs((wall - last_wall) - (mono - last_mono))
            late = (mono - last_mono) - interval
            last_wall, last_mono = wall, mono
            if drift > 60 or late > 60:
                log.info("the computer woke up or its clock jumped (drift %.0fs, late %.0fs): syncing now",
                         drift, late)
                self.bus.publish("woke", {"drift": drift, "late": late})
                if self.status.state in ("running", "offline"):
                    self.sync_now()

    async def _reconcile_loop(self) -> None:
        """The nightly work, checked every 10 minutes (the very first check shortly after start,
        so a newly activated channel publishes its catalogue at once): the full catalogue
        comparison when products are synced, and the automatic Conferência (nightly, and after a
        long outage) whether or not they are."""
        delay = 5.0
        while not self._stopping:
            await self._sleep(delay)
            delay = 600.0
            if self.status.state != "running":
                continue
            try:
                if self.config.product_sync_enabled and await self._reconcile_due():
                    await self.reconcile_products()
                await self._audit_if_due()
            except CredentialError as exc:
                self._credentials_failed(exc)
            except Exception as exc:
                if problem_kind(exc) is not None:
                    self._storage_failed(exc)
                else:
                    log.exception("nightly reconcile or audit failed; next check in 10 minutes")

    async def _housekeeping_loop(self) -> None:
        while not self._stopping:
            try:
                purged = await self.store.purge_payloads(self.config.payload_retention_days)
                if purged:
                    log.info("purged %d payloads past the retention period", purged)
            except Exception as exc:
                if problem_kind(exc) is not None:
                    log.warning("payloads not purged (the queue database failed: %s); next pass in 6 h", exc)
                else:
                    log.exception("housekeeping failed")
            await self._sleep(6 * 3600)

    async def _heartbeat_loop(self) -> None:
        """Tells other processes (``status``) how the engine is; also the canary that finds a
        disk filled up while no order flows."""
        while not self._stopping:
            if self.status.state != "storage":  # the watch writes then
                await self._heartbeat_now()
            await self._sleep(HEARTBEAT_S)

    async def _heartbeat_now(self) -> None:
        try:
            await self._write_heartbeat()
        except Exception as exc:
            if problem_kind(exc) is not None:
                if not self._stopping:
                    self._storage_failed(exc)
            else:
                log.exception("heartbeat failed")

    # -- the store failing ---------------------------------------------------------------------------
    def _storage_failed(self, exc: BaseException, job_ids: Any = ()) -> None:
        """The store takes no writes (a full disk; a read-only, locked or damaged file): stop
        taking work, say why, and let the watch retry. ``job_ids``: jobs left "processing"
        because their outcome could not be written; they go back to the queue later."""
        self._unwritten.update(job_ids)
        kind = problem_kind(exc) or IO_ERROR
        if self.status.state != "storage":
            # a pause or a credential stop outlives the problem: the state to return to
            self._before_storage = self.status if self.status.state in ("paused", "credentials") else None
            log.error("the queue database takes no writes (%s: %s): work stops until it does", kind, exc)
            message = DatabaseProblem(kind, self.store.path)
            self._activity("error", "storage_problem", message.message(PT), message.message(EN))
        self._resumed.clear()
        self._set_status(state="storage", storage_problem=kind, detail=_short_text(exc), retry_at=None)
        self._watch_storage()

    def _watch_storage(self) -> None:
        if self._storage_watch is None or self._storage_watch.done():
            self._storage_retry_now.clear()
            self._storage_watch = self._spawn(self._storage_watch_loop(), "storage-watch")

    async def _storage_watch_loop(self) -> None:
        """Try a write now and then (2 s, doubling up to a minute; "Tentar agora" at once); when
        it works, put back in the queue what could not be written and resume."""
        failures = 0
        while not self._stopping and (self.status.state == "storage" or self._unwritten or self._recover_all):
            failures += 1
            delay = self._storage_backoff.delay(failures)
            if self.status.state == "storage":
                self._set_status(retry_at=self.clock() + delay)
            await self._sleep_or(self._storage_retry_now, delay)
            self._storage_retry_now.clear()
            if self._stopping:
                return
            if self._batches:  # their outcomes are being written (or not) right now: after them
                continue
            try:
                if self._recover_all:
                    await self.store.recover_interrupted()
                    self._recover_all = False
                    self._unwritten.clear()
                ids = set(self._unwritten)
                if ids:
                    await self.store.requeue(sorted(ids))
                    self._unwritten -= ids
                await self._write_heartbeat()
            except Exception as exc:
                if problem_kind(exc) is None:
                    log.exception("the queue database still fails")
                self._set_status(detail=_short_text(exc))
                continue
            if self.status.state == "storage":
                log.info("the queue database takes writes again: sync resumes")
                self._activity("info", "storage_recovered", *STORAGE_RECOVERED.both())
                before, self._before_storage = self._before_storage, None
                if before is not None:  # still paused, or still waiting for valid credentials
                    self._set_status(state=before.state, paused_until=before.paused_until,
                                     credential=before.credential, storage_problem=None, retry_at=None,
                                     detail=before.detail)
                else:
                    self._set_status(state="running", storage_problem=None, retry_at=None, detail="")
                    self._resumed.set()
                    self._poll_now.set()
                    self._wake.set()
                self._publish_counts()
            return

    async def _requeue(self, job_ids: set[int], *, delay: float = 0.0) -> None:
        """Put jobs this engine holds back in the queue; when the store cannot take even that,
        they wait for the storage watch."""
        if not job_ids:
            return
        try:
            await self.store.requeue(sorted(job_ids), delay=delay)
        except Exception as exc:  # noqa: BLE001 - nothing may escape: the jobs must not be lost
            if problem_kind(exc) is None:
                log.exception("could not put %d orders back in the queue", len(job_ids))
            self._storage_failed(exc if problem_kind(exc) else DatabaseProblem(IO_ERROR, detail=str(exc)), job_ids)

    async def _write_heartbeat(self) -> None:
        status = self.status
        await self.store.set_cursor(CURSOR_ENGINE_STATUS, json.dumps({
            "state": status.state, "paused_until": status.paused_until, "credential": status.credential,
            "retry_at": status.retry_at, "storage_problem": status.storage_problem, "at": self.clock(),
            "pid": os.getpid(),
        }))

    # -- helpers --------------------------------------------------------------------------------------------
    async def _may_work(self) -> bool:
        """Wait while paused or blocked on credentials; True when work may go on."""
        if self.status.state == "paused" and self.status.paused_until is not None:
            if self.clock() >= self.status.paused_until:
                self.resume()
        if self.status.state in ("paused", "credentials", "storage"):
            timeout = None
            if self.status.state == "paused" and self.status.paused_until is not None:
                timeout = max(0.05, self.status.paused_until - self.clock())
            await self._sleep_or(self._resumed, timeout if timeout is not None else 3600)
            return False
        return not self._stopping

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

    def _on_bus_event(self, event: Any) -> None:
        """A product job queued or scheduled for a retry (by a poll's product pass, the nightly
        reconcile, a retry): the product loop must look at when it is due."""
        if event.topic == "job" and isinstance(event.payload, dict) and \
                event.payload.get("kind") == JobKind.PRODUCT.value and event.payload.get("state") in DUE_STATES:
            self._products_wake.set()

    def _credentials_failed(self, exc: CredentialError) -> None:
        self._credential_error = exc
        if self.status.state != "credentials":
            log.error("credentials refused by %s (%s): engine paused", exc.remote or "remote", exc.credential)
            self._activity("error", "credentials_invalid", *CREDENTIALS_REFUSED.both())
        self._resumed.clear()
        self._set_status(state="credentials", credential=exc.credential, detail=str(exc))

    async def _after_poll(self, result: Any) -> None:
        now = self.clock()
        if result.user_id and not self._user_id:
            self._user_id = result.user_id
        self._set_status(last_poll_at=now)
        self.bus.publish("poll", {"at": now, "orders": result.seen, "new": result.new_jobs})
        if result.changed:
            self._publish_counts()

    async def _load_cursors(self) -> None:
        self._user_id = self._user_id or await self.store.get_cursor(CURSOR_USER_ID)
        self._set_status(**await last_seen(self.store))

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
        await self.store.set_cursor(CURSOR_LAST_NOTIFICATION, datetime.fromtimestamp(now, timezone.utc).isoformat())
        self._set_status(last_notification_at=now)
        self.bus.publish("notification", {"at": now, "key": notification.id})
        if result.changed:
            self._wake.set()
            self._publish_counts()

    def _after_user_action(self) -> None:
        self._wake.set()
        self._products_wake.set()  # Reenviar works on product jobs too
        self._publish_counts()

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
            except Exception:  # the store may be closing
                return
            self.bus.publish("counts", counts)
            self.deadlines.poke()  # jobs changed: an order may have come close to its deadline

        self._spawn(publish(), "counts")

    def _set_status(self, **changes: Any) -> None:
        new = replace(self.status, **changes)
        if new != self.status:
            state_changed = new.state != self.status.state
            self._note_outage(self.status.state, new.state)
            self.status = new
            self.bus.publish("state", new)
            if state_changed and self._tasks:  # let `status` in another process see it at once
                self._spawn(self._heartbeat_now(), "heartbeat-now")

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



def _short_text(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pause_words(until: float | None) -> tuple[str, str]:
    """The activity line of a pause, (pt-BR, English): until when, in local time."""
    if until is None:
        return PAUSED.both()
    return PAUSED_UNTIL.both(time=datetime.fromtimestamp(until).strftime("%H:%M"))

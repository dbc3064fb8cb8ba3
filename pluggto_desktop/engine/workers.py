"""The engine's loops: the poller, the dispatcher that keeps order batches in flight, the product
loop, the clock watch, the nightly checks and the housekeeping.

Idle, the loops sleep until something happens: the dispatcher and the product loop wait for a
job to become due (its ``next_attempt_at``) or for an event that can make one due (a poll or a
notification that changed something, a finished batch, a user action, a product job scheduled),
with only a long safety net (:data:`~pluggto_desktop.engine.core.IDLE_SAFETY_S`) instead of a
short timeout.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from pluggto_desktop.domain.jobs import JobKind
from pluggto_desktop.engine.passes import Passes
from pluggto_desktop.errors import CredentialError, TransientError
from pluggto_desktop.store.db import problem_kind

log = logging.getLogger("pluggto_desktop.engine")


class Workers(Passes):
    """Claims due jobs and runs them; each loop an asyncio task the engine owns."""

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
            waiters: list[asyncio.Future[Any]] = [asyncio.ensure_future(self._wake.wait())]
            if until_done is not None and polling:
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

    async def _after_poll(self, result: Any) -> None:
        now = self.clock()
        if result.user_id and not self._user_id:
            self._user_id = result.user_id
        self._set_status(last_poll_at=now)
        self.bus.publish("poll", {"at": now, "orders": result.seen, "new": result.new_jobs})
        if result.changed:
            self._publish_counts()

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

"""The store for asyncio code: :class:`AsyncStore` runs every :class:`~pluggto_desktop.store.queue.Store`
call on one dedicated thread and awaits it.

SQLite calls are quick but still disk I/O; running them on their own thread keeps the event loop
(and with it the UI) responsive, and one thread means one connection with no locking games.

Each method below is the Store method of the same name, with the same signature and answer,
awaited: written out (rather than forwarded by ``__getattr__``) so that a caller's mistake is a
type error, not a surprise at run time.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pluggto_desktop.domain.deadlines import Rules
from pluggto_desktop.domain.jobs import Event, IntakeResult, Job, JobQuery, OrderSummary
from pluggto_desktop.domain.reasons import Reason
from pluggto_desktop.store.queue import Store
from pluggto_desktop.store.writes import RETRY_REQUESTED
from pluggto_desktop.text import Text

T = TypeVar("T")


class AsyncStore:
    """Every public :class:`Store` method, awaited, run on one dedicated thread
    (``await store.claim_due("order", 10)``)."""

    def __init__(self, path: Path | str, *, clock: Callable[[], float] = time.time) -> None:
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        try:
            self._store: Store = self._executor.submit(Store, path, clock=clock).result()
        except BaseException:  # DatabaseProblem: no thread left behind
            self._executor.shutdown(wait=False)
            raise
        self.path = path

    @property
    def sync(self) -> Store:
        """The underlying Store, for code already running on the store thread."""
        return self._store

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(*args, **kwargs)`` on the store thread (several calls in one trip)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: fn(*args, **kwargs))

    async def aclose(self) -> None:
        await self.run(self._store.close)
        self._executor.shutdown(wait=True)

    def close(self) -> None:
        """Close from synchronous code (no running loop needed)."""
        self._executor.submit(self._store.close).result()
        self._executor.shutdown(wait=True)

    # -- intake --------------------------------------------------------------------------------------
    async def record_notification(
        self, key: str, *, status_changed: bool | None, action: str = "updated",
    ) -> IntakeResult:
        return await self.run(self._store.record_notification, key, status_changed=status_changed, action=action)

    async def record_polled_order(self, summary: OrderSummary, payload: dict[str, Any]) -> IntakeResult:
        return await self.run(self._store.record_polled_order, summary, payload)

    async def record_polled_orders(self, orders: Sequence[tuple[OrderSummary, dict[str, Any]]]) -> list[IntakeResult]:
        return await self.run(self._store.record_polled_orders, orders)

    async def request_import(self, key: str, *, forget_store_order: bool = False) -> IntakeResult:
        return await self.run(self._store.request_import, key, forget_store_order=forget_store_order)

    async def forget_if_only_notified(self, job_id: int) -> bool:
        return await self.run(self._store.forget_if_only_notified, job_id)

    async def upsert_job(self, kind: str, key: str, **columns: Any) -> IntakeResult:
        return await self.run(self._store.upsert_job, kind, key, **columns)

    # -- workers -------------------------------------------------------------------------------------
    async def claim_due(self, kind: str, limit: int, *, now: float | None = None) -> list[Job]:
        return await self.run(self._store.claim_due, kind, limit, now=now)

    async def claim_orders(self, limit: int) -> list[tuple[Job, Any | None]]:
        return await self.run(self._store.claim_orders, limit)

    async def next_due_at(self, kind: str) -> float | None:
        return await self.run(self._store.next_due_at, kind)

    async def apply(
        self, job_id: int, *, state: str | None = None, claimed_revision: int | None = None,
        events: Iterable[Event] = (), payloads: dict[str, Any] | None = None, reason: Reason | None = None,
        clear_reason: bool = False, **columns: Any,
    ) -> str:
        return await self.run(
            self._store.apply, job_id, state=state, claimed_revision=claimed_revision, events=events,
            payloads=payloads, reason=reason, clear_reason=clear_reason, **columns)

    async def upsert_and_apply(self, kind: str, key: str, **kwargs: Any) -> tuple[int, str]:
        return await self.run(self._store.upsert_and_apply, kind, key, **kwargs)

    async def add_events(self, job_id: int, events: Iterable[Event]) -> None:
        return await self.run(self._store.add_events, job_id, events)

    async def recover_interrupted(self) -> int:
        return await self.run(self._store.recover_interrupted)

    async def requeue(self, job_ids: Iterable[int], *, delay: float = 0.0) -> int:
        return await self.run(self._store.requeue, job_ids, delay=delay)

    async def make_due(self, job_ids: Iterable[int]) -> int:
        return await self.run(self._store.make_due, job_ids)

    # -- a person's actions --------------------------------------------------------------------------
    async def retry(self, job_ids: Iterable[int], *, note: Text = RETRY_REQUESTED) -> int:
        return await self.run(self._store.retry, job_ids, note=note)

    async def ignore(self, job_id: int, reason: str) -> bool:
        return await self.run(self._store.ignore, job_id, reason)

    async def unignore(self, job_id: int) -> bool:
        return await self.run(self._store.unignore, job_id)

    # -- reading -------------------------------------------------------------------------------------
    async def get(self, job_id: int) -> Job | None:
        return await self.run(self._store.get, job_id)

    async def find(self, kind: str, key: str) -> Job | None:
        return await self.run(self._store.find, kind, key)

    async def find_by_linx_order(self, linx_order_id: str) -> Job | None:
        return await self.run(self._store.find_by_linx_order, linx_order_id)

    async def other_order_with_linx_order(self, linx_order_id: str, key: str) -> Job | None:
        return await self.run(self._store.other_order_with_linx_order, linx_order_id, key)

    async def get_jobs(self, job_ids: Iterable[int]) -> list[Job]:
        return await self.run(self._store.get_jobs, job_ids)

    async def product_states(self) -> dict[str, Job]:
        return await self.run(self._store.product_states)

    async def events(self, job_id: int) -> list[Event]:
        return await self.run(self._store.events, job_id)

    async def payload(self, job_id: int, kind: str) -> Any | None:
        return await self.run(self._store.payload, job_id, kind)

    async def payloads(self, job_id: int) -> dict[str, Any]:
        return await self.run(self._store.payloads, job_id)

    async def counts(self, kind: str) -> dict[str, int]:
        return await self.run(self._store.counts, kind)

    async def hourly(self, types: Sequence[str], *, hours: int = 24, now: float | None = None) -> dict[str, list[int]]:
        return await self.run(self._store.hourly, types, hours=hours, now=now)

    # -- queue views ---------------------------------------------------------------------------------
    async def list_jobs(
        self, query: JobQuery, *, offset: int = 0, limit: int = 100, after: tuple[Any, int] | None = None,
    ) -> list[Job]:
        return await self.run(self._store.list_jobs, query, offset=offset, limit=limit, after=after)

    async def query_jobs(
        self, query: JobQuery, *, offset: int = 0, limit: int = 100, after: tuple[Any, int] | None = None,
    ) -> list[Job]:
        return await self.run(self._store.query_jobs, query, offset=offset, limit=limit, after=after)

    async def count_jobs(self, query: JobQuery) -> int:
        return await self.run(self._store.count_jobs, query)

    async def count_jobs_capped(self, query: JobQuery, cap: int = 100_000) -> tuple[int, bool]:
        return await self.run(self._store.count_jobs_capped, query, cap)

    async def marketplaces(self, kind: str = "order") -> list[str]:
        return await self.run(self._store.marketplaces, kind)

    async def marketplace_names(self, kind: str = "order") -> list[str]:
        return await self.run(self._store.marketplace_names, kind)

    # -- the deadline watch --------------------------------------------------------------------------
    async def set_deadline_rules(self, rules: Rules, *, recompute: bool = True) -> int:
        return await self.run(self._store.set_deadline_rules, rules, recompute=recompute)

    async def deadline_counts(self, now: float | None = None) -> dict[str, dict[str, int]]:
        return await self.run(self._store.deadline_counts, now)

    async def next_deadline_change(self, now: float | None = None) -> float | None:
        return await self.run(self._store.next_deadline_change, now)

    # -- cursors and housekeeping --------------------------------------------------------------------
    async def get_cursor(self, name: str) -> str | None:
        return await self.run(self._store.get_cursor, name)

    async def set_cursor(self, name: str, value: str | None) -> None:
        return await self.run(self._store.set_cursor, name, value)

    async def purge_payloads(self, older_than_days: float) -> int:
        return await self.run(self._store.purge_payloads, older_than_days)

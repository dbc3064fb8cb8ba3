"""Polling Plug.to for orders modified since the last look — the safety net under notifications.

Hubs retry notifications only a few times, and a desktop may be asleep when they come, so the
poller reads ``GET /orders?modified=<from>to<to>`` page by page (``next`` cursor) from a stored
high-water mark. Orders come back in full, so their jobs need no second fetch.

The window starts ``poll_overlap_s`` before the mark: clocks of Plug.to and this computer may
disagree by a few minutes, and an order seen twice costs nothing (the store ignores a version it
already holds). The first run looks back ``first_run_lookback_days``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pluggto_desktop.domain.models import parse_order
from pluggto_desktop.engine.config import EngineConfig
from pluggto_desktop.store.db import problem_kind
from pluggto_desktop.store.jobs import AsyncStore, IntakeResult, OrderSummary

log = logging.getLogger("pluggto_desktop.engine.poller")

CURSOR_HWM = "orders.modified_hwm"
CURSOR_LAST_POLL = "orders.last_poll_at"
CURSOR_USER_ID = "pluggto.user_id"


@dataclass
class PollResult:
    seen: int = 0  # orders returned by Plug.to
    changed: int = 0  # new jobs or new versions
    new_jobs: int = 0
    user_id: str | None = None


def summary_of(raw: dict[str, Any]) -> OrderSummary:
    return OrderSummary.of(parse_order(raw))


class Poller:
    def __init__(
        self,
        *,
        store: AsyncStore,
        pluggto: Any,
        config: EngineConfig,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.pluggto = pluggto
        self.config = config
        self.clock = clock

    async def window(self) -> tuple[datetime, datetime]:
        now = datetime.fromtimestamp(self.clock(), UTC)
        mark = await self.store.get_cursor(CURSOR_HWM)
        if mark:
            start = datetime.fromisoformat(mark) - timedelta(seconds=self.config.poll_overlap_s)
        else:
            start = now - timedelta(days=self.config.first_run_lookback_days)
        return start, now

    async def poll(self, on_page: Callable[[], None] = lambda: None) -> PollResult:
        """One pass over the window; the mark moves only after every page was recorded.

        ``on_page`` runs after each recorded page, so workers can start on the first orders
        while later pages are still being read.
        """
        start, end = await self.window()
        result = PollResult()
        async for page in self.pluggto.iter_orders(modified=(start, end), limit=self.config.poll_page_size):
            batch = []
            for raw in page.orders:
                try:
                    batch.append((summary_of(raw), raw))
                except ValueError:
                    log.warning("poll: skipped an order without an id")
                    continue
                if result.user_id is None and raw.get("user_id"):
                    result.user_id = str(raw["user_id"])
            intake = await self._record(batch)
            result.seen += len(batch)
            result.changed += sum(1 for r in intake if r.changed)
            result.new_jobs += sum(1 for r in intake if r.created)
            if any(r.changed for r in intake):
                on_page()
        await self.store.set_cursor(CURSOR_HWM, end.isoformat())
        await self.store.set_cursor(CURSOR_LAST_POLL, end.isoformat())
        if result.user_id and not await self.store.get_cursor(CURSOR_USER_ID):
            await self.store.set_cursor(CURSOR_USER_ID, result.user_id)
        log.info("poll %s → %s: %d orders, %d changed, %d new", start.isoformat(), end.isoformat(),
                 result.seen, result.changed, result.new_jobs)
        return result

    async def _record(self, batch: list[tuple[OrderSummary, dict[str, Any]]]) -> list[IntakeResult]:
        """Record a page; one order the store cannot take must not freeze the high-water mark
        (orders after it would never be recorded), so on a failure each order is recorded on its
        own, and one that still fails is queued by its id alone: its job fetches it again and
        deals with it — or says why not — like any other order. When the database itself fails
        (a full disk, a locked or damaged file) the poll fails at once, leaving the mark where it
        was: the engine waits for the store and polls the same window again."""
        try:
            return await self.store.record_polled_orders(batch)
        except Exception as exc:
            if problem_kind(exc) is not None:
                raise
            log.warning("poll: recording a page failed; recording its orders one by one", exc_info=True)
        results = []
        for summary, raw in batch:
            try:
                results.append(await self.store.record_polled_order(summary, raw))
            except Exception:
                log.exception("poll: order %s could not be recorded in full; queued by its id", summary.key)
                results.append(await self.store.record_notification(summary.key, status_changed=None,
                                                                    action="polled"))
        return results

"""The queue database failing under a running engine: a full disk, mostly (issue 11, item 6).

Before: the outcome of each job in flight could not be written, the jobs stayed "processing" until
the app was restarted, and the recovery step itself failed with "Task exception was never
retrieved". Now the engine says so (state ``storage``, reason ``disk_full``), stops taking work,
and once the disk has space again puts those jobs back in the queue and goes on by itself.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from pluggto_desktop.net import Backoff
from pluggto_desktop.store.jobs import AsyncStore

from .harness import Harness, harness

pytestmark = pytest.mark.anyio

#: AsyncStore methods that write (the reads keep working on a full disk, as SQLite's do).
WRITES = {"apply", "claim_due", "claim_orders", "record_notification", "record_polled_order",
          "record_polled_orders", "request_import", "upsert_job", "upsert_and_apply", "set_cursor",
          "recover_interrupted", "requeue", "make_due", "purge_payloads", "add_events", "retry", "ignore",
          "unignore"}


class FullDisk:
    """Wraps the engine's store: while ``full``, every write fails as SQLite's does on a full disk.
    ``fill_after_claims``: the disk fills up right after that many batches were claimed (their
    jobs are then "processing" with outcomes that cannot be written)."""

    def __init__(self, store: AsyncStore, fill_after_claims: int | None = None) -> None:
        self._store = store
        self.full = False
        self.fill_after_claims = fill_after_claims
        self.failed_writes = 0

    def __getattr__(self, name: str) -> Any:
        target = getattr(self._store, name)
        if name not in WRITES:
            return target

        async def call(*args: Any, **kwargs: Any) -> Any:
            if self.full:
                self.failed_writes += 1
                raise sqlite3.OperationalError("database or disk is full")
            result = await target(*args, **kwargs)
            if name == "claim_orders" and result and self.fill_after_claims is not None:
                self.fill_after_claims -= 1
                if self.fill_after_claims <= 0:
                    self.full = True
                    self.fill_after_claims = None
            return result

        return call


def full_disk(h: Harness, **kw: Any) -> FullDisk:
    disk = FullDisk(h.store, **kw)
    engine = h.engine
    for part in (engine, engine.orders, engine.poller, engine.status_back, engine.products):
        part.store = disk
    engine._storage_backoff = Backoff(base=0.02, cap=0.1)  # the test need not wait seconds
    return disk


async def processing(h: Harness) -> int:
    return (await h.store.counts("order"))["processing"]


def loop_errors() -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    asyncio.get_running_loop().set_exception_handler(lambda _loop, context: seen.append(context))
    return seen


async def test_after_a_full_disk_the_engine_resumes_by_itself_and_loses_nothing(tmp_path: Path, caplog) -> None:
    async with harness(tmp_path) as h:
        errors = loop_errors()
        orders = h.add_orders(30, unknown_sku_share=0.0, status_weights={"approved": 1.0})
        disk = full_disk(h, fill_after_claims=1)
        await h.engine.start()
        await h.run_until(lambda: _async(h.engine.status.state == "storage"))
        status = h.engine.status
        assert status.storage_problem == "disk_full" and "disk is full" in status.detail
        assert any(a["code"] == "storage_problem" and "disco está cheio" in a["message_pt"] for a in h.activity)
        await h.run_until(lambda: _async(not h.engine._batches))
        stuck = await processing(h)
        assert stuck > 0  # claimed before the disk filled: their outcomes could not be written
        writes_so_far = disk.failed_writes
        await asyncio.sleep(0.3)
        assert await processing(h) == stuck  # waiting, not claiming more
        assert disk.failed_writes - writes_so_far < 30  # a few probes with back-off, not a hot loop

        disk.full = False  # space again
        await h.run_until(lambda: _async(h.engine.status.state == "running"))

        async def all_integrated() -> bool:
            counts = await h.store.counts("order")
            return counts["integrated"] == len(orders)

        await h.run_until(all_integrated, timeout=60)
        assert await processing(h) == 0
        assert set(h.linx_order_counts().values()) == {1} and len(h.linx_order_counts()) == len(orders)
        job = await h.job(orders[0]["id"])
        assert job.attempts == 0 or job.state == "integrated"  # a full disk counts no attempt
        requeued = [e for o in orders for e in await h.store.events((await h.job(o["id"])).id)
                    if e.type == "unwritten_requeued"]
        assert len(requeued) == stuck
    assert errors == [], errors  # no "Task exception was never retrieved", nothing unhandled
    assert "never retrieved" not in caplog.text


async def test_a_disk_full_at_start_waits_and_recovers_interrupted_jobs(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        errors = loop_errors()
        order = h.add_order(1, status="approved", skus=["CAM-AZUL-M"])
        job_id = (await h.store.record_notification(order["id"], status_changed=True)).job_id
        await h.store.claim_due("order", 10)  # a crash left it "processing"
        disk = full_disk(h)
        disk.full = True
        await h.engine.start()
        assert h.engine.status.state == "storage" and h.engine.status.storage_problem == "disk_full"
        await asyncio.sleep(0.2)
        assert (await h.store.get(job_id)).state == "processing"
        disk.full = False
        await h.run_until(lambda: _async(h.engine.status.state == "running"))
        await h.run_until(lambda: _state_is(h, job_id, "integrated"), timeout=30)
        assert len(h.linx_orders_for(order)) == 1
    assert errors == [], errors


async def test_sync_once_on_a_full_disk_reports_it_and_leaves_no_job_behind(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        orders = h.add_orders(12, unknown_sku_share=0.0, status_weights={"approved": 1.0})
        disk = full_disk(h, fill_after_claims=1)
        summary = await h.engine.run_once()
        assert summary.storage_problem is not None and summary.storage_problem.kind == "disk_full"
        assert "disco está cheio" in summary.storage_problem.message("pt_BR")
        disk.full = False
        again = await h.engine.run_once()  # the next run takes the stuck jobs back first
        assert again.storage_problem is None
        assert again.counts["integrated"] == len(orders) and again.counts["processing"] == 0
        assert set(h.linx_order_counts().values()) == {1}


async def test_a_pause_outlives_a_full_disk(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        disk = full_disk(h)
        await h.engine.start()
        h.engine.pause(None)
        disk.full = True
        await h.engine._heartbeat_now()  # the canary finds it even with no order flowing
        assert h.engine.status.state == "storage"
        disk.full = False
        await h.run_until(lambda: _async(h.engine.status.state == "paused"))
        assert h.engine.status.storage_problem is None


async def _async(value: bool) -> bool:
    return value


async def _state_is(h: Harness, job_id: int, state: str) -> bool:
    return (await h.store.get(job_id)).state == state


async def test_a_database_that_cannot_grow_is_the_same_story(tmp_path: Path) -> None:
    """SQLite's own "database or disk is full" (``max_page_count`` reached), not a stand-in."""
    async with harness(tmp_path) as h:
        errors = loop_errors()
        h.engine._storage_backoff = Backoff(base=0.02, cap=0.1)
        conn = h.store.sync.conn

        async def cap(pages: int | None) -> None:
            def run() -> None:
                size = conn.execute("PRAGMA page_count").fetchone()[0]
                conn.execute(f"PRAGMA max_page_count = {size if pages is None else pages}")
            await h.store.run(run)

        await cap(None)  # not one page more than it has now
        orders = h.add_orders(40, unknown_sku_share=0.0, status_weights={"approved": 1.0})
        await h.engine.start()
        await h.run_until(lambda: _async(h.engine.status.state == "storage"))
        assert h.engine.status.storage_problem == "disk_full"
        await cap(1_000_000)
        await h.run_until(lambda: _async(h.engine.status.state == "running"))

        async def all_integrated() -> bool:
            return (await h.store.counts("order"))["integrated"] == len(orders)

        await h.run_until(all_integrated, timeout=60)
        assert set(h.linx_order_counts().values()) == {1}
    assert errors == [], errors

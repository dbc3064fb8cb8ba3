"""The store keeps each order's next deadline computed: counts, filters, recomputation (fake clock)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from pluggto_desktop.domain import deadlines as d
from pluggto_desktop.domain.deadlines import Rules
from pluggto_desktop.engine.bus import EngineBus
from pluggto_desktop.engine.deadline_watch import CURSOR_NOTIFIED, DeadlineWatch
from pluggto_desktop.store.jobs import AsyncStore, JobQuery, OrderSummary, Store
from tests.store.test_store import Clock

H = 3600.0
T = 1_800_000_000.0


@pytest.fixture
def clock() -> Clock:
    return Clock(T)


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Store:
    s = Store(tmp_path / "q.db", clock=clock)
    yield s
    s.close()


def integrated(store: Store, key: str, *, marketplace: str = "Shopee", approved: float = T, **columns) -> int:
    """An order created in the store, approved at ``approved``."""
    result = store.record_polled_order(OrderSummary(key, status="approved", modified=key, marketplace=marketplace,
                                                    approved_at=approved), {"id": key})
    store.apply(result.job_id, state="integrated", linx_order_id=f"0000000{len(key)}-0000-4000-8000-{key:0>12}",
                **columns)
    return result.job_id


def ids(store: Store, deadline: str, now: float) -> set[str]:
    return {job.key for job in store.query_jobs(JobQuery(deadline=deadline, now=now))}


def test_counts_and_filters_follow_the_clock_across_both_boundaries(store: Store) -> None:
    integrated(store, "a")  # invoice due T+24h, near from T+18h
    integrated(store, "b", approved=T + 10 * H)  # due T+34h, near from T+28h
    at = {"before": T + 18 * H - 1, "a near": T + 18 * H, "a late": T + 24 * H, "both": T + 28 * H}
    assert store.deadline_counts(at["before"]) == d.empty_counts()
    assert ids(store, "watch", at["before"]) == set()
    assert store.deadline_counts(at["a near"])[d.INVOICE] == {d.NEAR: 1, d.LATE: 0}
    assert ids(store, "near", at["a near"]) == {"a"} and ids(store, "late", at["a near"]) == set()
    assert store.deadline_counts(at["a late"])[d.INVOICE] == {d.NEAR: 0, d.LATE: 1}
    assert ids(store, "late", at["a late"]) == {"a"}
    assert store.deadline_counts(at["both"])[d.INVOICE] == {d.NEAR: 1, d.LATE: 1}
    assert ids(store, "watch", at["both"]) == {"a", "b"}
    assert store.next_deadline_change(T) == T + 18 * H
    assert store.next_deadline_change(T + 24 * H) == T + 28 * H
    # the filter combines with the others and with a search
    assert {j.key for j in store.query_jobs(JobQuery(deadline="watch", now=at["both"], search="b"))} == {"b"}
    assert store.count_jobs_capped(JobQuery(deadline="late", now=at["both"])) == (1, True)
    with pytest.raises(ValueError):
        store.list_jobs(JobQuery(deadline="soon"))


def test_the_store_s_clock_is_the_filter_s_now_when_none_is_given(store: Store, clock: Clock) -> None:
    integrated(store, "a")
    clock.t = T + 25 * H
    assert [j.key for j in store.list_jobs(JobQuery(deadline="late"))] == ["a"]
    assert store.count_jobs(JobQuery(deadline="late")) == 1


def test_invoicing_moves_the_order_to_its_shipping_deadline_and_shipping_ends_the_watch(store: Store) -> None:
    job_id = integrated(store, "a")
    store.apply(job_id, invoiced_at=T + 30 * H)  # late, but done: now the shipment's 48 h count
    job = store.get_jobs([job_id])[0]
    assert job.deadline() == d.Deadline(d.SHIPPING, T + 48 * H, T + 36 * H)
    store.apply(job_id, invoiced_at=T + 99 * H)  # a later copy does not move the first moment seen
    assert store.get_jobs([job_id])[0].invoiced_at == T + 30 * H
    store.apply(job_id, shipped_at=T + 40 * H)
    assert store.get_jobs([job_id])[0].deadline() is None
    assert store.deadline_counts(T + 100 * H) == d.empty_counts()


def test_cancelled_orders_leave_the_watch(store: Store) -> None:
    first, second = integrated(store, "a"), integrated(store, "b")
    store.apply(first, state="canceled")
    store.apply(second, pluggto_status="canceled")
    assert store.deadline_counts(T + 100 * H) == d.empty_counts()


def test_new_rules_recompute_every_open_order_by_marketplace_alias(store: Store) -> None:
    integrated(store, "a", marketplace="B2W")
    integrated(store, "b", marketplace="Shopee")
    assert store.deadline_counts(T + 13 * H)[d.INVOICE][d.LATE] == 0
    looked = store.set_deadline_rules(Rules.from_settings(24, 48, {"Americanas": {"invoice_hours": 12,
                                                                                   "shipping_hours": 24}}))
    assert looked == 2
    assert ids(store, "late", T + 13 * H) == {"a"}  # B2W is Americanas: 12 h
    assert ids(store, "watch", T + 13 * H) == {"a"}
    store.set_deadline_rules(Rules())
    assert ids(store, "watch", T + 13 * H) == set()


def test_orders_from_before_the_watch_are_not_flagged(tmp_path: Path, clock: Clock) -> None:
    """A queue of an older version has no approval moments: nothing turns late on upgrade."""
    store = Store(tmp_path / "q.db", clock=clock)
    job_id = integrated(store, "a")
    store.conn.execute("UPDATE jobs SET approved_at = NULL, deadline_step = NULL, deadline_at = NULL, "
                       "deadline_warn_at = NULL WHERE id = ?", (job_id,))
    store.conn.commit()
    store.set_deadline_rules(Rules.from_settings(1, 2, {}))
    assert store.deadline_counts(T + 1000 * H) == d.empty_counts()
    store.close()


def test_forgetting_the_store_order_forgets_its_invoice(store: Store) -> None:
    job_id = integrated(store, "a", invoiced_at=T + H)
    store.request_import("a", forget_store_order=True)
    job = store.get_jobs([job_id])[0]
    assert job.invoiced_at is None and job.linx_order_id is None and job.deadline() is None


# -- the watch: one alert per change -----------------------------------------------------------------
@pytest.mark.anyio
async def test_the_watch_alerts_once_per_growth_and_remembers_across_restarts(tmp_path: Path, clock: Clock) -> None:
    store = AsyncStore(tmp_path / "q.db", clock=clock)
    try:
        for key, approved in (("a", T), ("b", T + 2 * H)):
            result = await store.record_polled_order(
                OrderSummary(key, status="approved", modified=key, approved_at=approved), {"id": key})
            await store.apply(result.job_id, state="integrated",
                              linx_order_id=f"00000000-0000-4000-8000-00000000000{key}")
        activity: list[dict] = []
        bus = EngineBus()
        alerts: list = []
        bus.subscribe(lambda event: alerts.append(event.payload) if event.topic == "deadline_alert" else None)

        def watch() -> DeadlineWatch:
            return DeadlineWatch(store=store, bus=bus, activity=lambda **e: activity.append(e), clock=clock)

        first = watch()
        await first.check()
        assert activity == [] and alerts == []
        clock.t = T + 18 * H  # "a" is near
        await first.check()
        await first.check()  # nothing new: no second alert
        assert len(activity) == 1 and activity[0]["message_pt"] == "1 pedido perto do prazo para faturar"
        assert activity[0]["level"] == "info"
        clock.t = T + 24 * H  # "a" late, "b" near: the counts grew, one alert for both
        await first.check()
        assert len(activity) == 2 and activity[1]["level"] == "warning"
        assert activity[1]["message_en"] == "1 order late to invoice; 1 order close to the deadline to invoice"
        assert json.loads(await store.get_cursor(CURSOR_NOTIFIED))[d.INVOICE] == {d.NEAR: 1, d.LATE: 1}
        await watch().check()  # the app restarted: the same state is not announced again
        assert len(activity) == 2
        job = await store.find("order", "a")
        await store.apply(job.id, invoiced_at=T + 25 * H)  # shrinks: only the baseline moves
        await watch().check()
        assert len(activity) == 2
        clock.t = T + 26 * H + 1  # "b" late now (near → late counts as a change)
        await watch().check()
        assert len(activity) == 3 and len(alerts) == 3
        assert alerts[-1] == {"counts": json.loads(await store.get_cursor(CURSOR_NOTIFIED)), "late": 1, "near": 0}
    finally:
        await store.aclose()


@pytest.mark.anyio
async def test_the_watch_sleeps_until_the_next_deadline_moment(tmp_path: Path, clock: Clock) -> None:
    store = AsyncStore(tmp_path / "q.db", clock=clock)
    sleeps: list[float] = []
    stop = False
    try:
        result = await store.record_polled_order(OrderSummary("a", status="approved", modified="a",
                                                              approved_at=T - 15 * H), {"id": "a"})
        await store.apply(result.job_id, state="integrated", linx_order_id="00000000-0000-4000-8000-00000000000a")
        watch = DeadlineWatch(store=store, bus=EngineBus(), activity=lambda **e: None, clock=clock)

        async def fake_wait_for(awaitable, timeout):  # asyncio.wait_for's shape
            nonlocal stop
            awaitable.close()
            sleeps.append(timeout)
            stop = True
            raise TimeoutError

        original = asyncio.wait_for
        asyncio.wait_for = fake_wait_for  # type: ignore[assignment]
        try:
            await watch.run(lambda: stop)
        finally:
            asyncio.wait_for = original  # type: ignore[assignment]
        assert sleeps == [pytest.approx(3 * H + 0.5)]  # until "a" turns near, not a polling period
    finally:
        await store.aclose()

"""An idle engine sleeps: its loops wake a few times a minute, not every few seconds.

The loops run on a virtual clock: every wait of the engine goes through ``Engine._sleep_or`` /
``Engine._sleep``, which the test replaces with waits on :class:`VirtualTime`. Once every loop
is parked, virtual time jumps to the earliest deadline and the loops due then wake. Wake-ups are
counted per loop over an idle virtual hour — nothing is timed.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path

import pytest

from pluggto_desktop.engine.engine import CURSOR_ENGINE_STATUS, Engine

from .harness import harness

pytestmark = pytest.mark.anyio

LOOPS = ("poller", "dispatcher", "housekeeping", "heartbeat", "products", "clock-watch", "reconcile")


class VirtualTime:
    def __init__(self) -> None:
        self.now = time.time()  # starts at the real time: the store's own timestamps stay close
        self.parked: dict[str, tuple[float, asyncio.Future, asyncio.Event | None]] = {}
        self.wakeups: Counter[str] = Counter()

    def clock(self) -> float:
        return self.now

    async def sleep_or(self, event: asyncio.Event | None, timeout: float) -> None:
        name = asyncio.current_task().get_name().removeprefix("engine-")
        timer = asyncio.get_running_loop().create_future()
        self.parked[name] = (self.now + timeout, timer, event)
        waiters = [timer] + ([asyncio.ensure_future(event.wait())] if event is not None else [])
        try:
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            self.parked.pop(name, None)
            for waiter in waiters[1:]:
                waiter.cancel()
        self.wakeups[name] += 1

    def idle(self) -> bool:
        """Every loop waits, and none is about to wake by an event already set."""
        return set(self.parked) == set(LOOPS) and not any(
            timer.done() or (event is not None and event.is_set()) for _, timer, event in self.parked.values())

    async def run_for(self, seconds: float) -> None:
        end = self.now + seconds
        while True:
            for _ in range(2000):  # let the engine reach its waits (store and HTTP calls are real)
                if self.idle():
                    break
                await asyncio.sleep(0.005)
            else:
                raise AssertionError(f"the engine never went idle: waiting {sorted(self.parked)}")
            deadline = min(at for at, _, _ in self.parked.values())
            if deadline > end:
                self.now = end
                return
            self.now = deadline
            for at, timer, _ in list(self.parked.values()):
                if at <= self.now and not timer.done():
                    timer.set_result(None)


def on_virtual_time(engine: Engine) -> VirtualTime:
    vt = VirtualTime()
    engine.clock = engine.monotonic = vt.clock
    for part in (engine.store.sync, engine.poller, engine.orders, engine.status_back, engine.products):
        part.clock = vt.clock  # the store decides what is due by its own clock
    engine._sleep_or = vt.sleep_or  # type: ignore[method-assign]
    engine._sleep = lambda seconds: vt.sleep_or(None, seconds)  # type: ignore[method-assign]
    return vt


async def test_an_idle_engine_wakes_a_few_times_a_minute_and_still_polls_and_beats(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        h.config.poll_interval_s = 60
        order = h.add_order(1, status="approved", skus=["CAM-AZUL-M"])
        vt = on_virtual_time(h.engine)
        await h.engine.start()
        await vt.run_for(120)  # the order integrates, the catalogue is published: then nothing
        assert (await h.job(order["id"])).state == "integrated"
        polls = h.pluggto_sim.counters["orders.list"]
        vt.wakeups.clear()
        beat_before = await h.store.get_cursor(CURSOR_ENGINE_STATUS)

        await vt.run_for(3600)  # an idle hour

        woke = vt.wakeups
        # the polling interval is respected: one poll a minute
        assert h.pluggto_sim.counters["orders.list"] - polls == 60
        assert woke["poller"] == 60
        # nothing due and nothing new: the dispatcher and the product loop only look again after
        # their safety net (they woke 120 times an hour each, on 30 s timeouts)
        assert woke["dispatcher"] <= 6 and woke["products"] <= 6
        assert woke["clock-watch"] <= 120  # 360 an hour, every 10 s
        assert 55 <= woke["heartbeat"] <= 60  # still written, every minute (was every 30 s)
        assert await h.store.get_cursor(CURSOR_ENGINE_STATUS) != beat_before
        assert sum(woke.values()) <= 260  # ~790 before: 0.07 wake-ups/s


async def test_a_product_retry_scheduled_outside_the_product_loop_is_still_on_time(tmp_path: Path) -> None:
    """The product loop sleeps long when idle; a product job scheduled meanwhile (by a poll's
    product pass or the reconcile) wakes it to look at when that job is due."""
    async with harness(tmp_path) as h:
        h.config.poll_interval_s = 60
        vt = on_virtual_time(h.engine)
        await h.engine.start()
        await vt.run_for(120)
        await h.store.upsert_job("product", "CAM-AZUL-M", state="retry_wait", next_attempt_at=vt.now + 30)
        h.engine.bus.publish("job", {"job_id": 0, "kind": "product", "key": "CAM-AZUL-M", "state": "retry_wait"})
        vt.wakeups.clear()
        await vt.run_for(29)
        assert (await h.store.find("product", "CAM-AZUL-M")).state == "retry_wait"
        await vt.run_for(2)  # due now: worked at once, not at the next safety-net look
        assert (await h.store.find("product", "CAM-AZUL-M")).state != "retry_wait"

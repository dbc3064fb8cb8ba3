"""A 429/503 pauses every call to that remote, honouring Retry-After with jitter on top.

Reproduced before the fix: ``Retry-After: 30`` → 36 calls, then 79 at once at t≈30 s;
``Retry-After: 0`` → 1,254 calls in 40 s. The clients run against the simulators' fault injection
in virtual time (:class:`VirtualTime`: a sleep returns when the clock reaches its end, and the
clock jumps to the next sleeper once everything else waits), so calls are counted, not timed.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import random
from collections import Counter
from typing import Any

import httpx
import pytest

from pluggto_desktop import net
from pluggto_desktop.engine.retry import RetryPolicy
from pluggto_desktop.errors import TransientError
from pluggto_desktop.linx.client import LinxClient
from pluggto_desktop.pluggto import MemoryTokenStore, PluggtoClient, PluggtoCredentials
from pluggto_desktop.simulator import linx_sim, pluggto_sim
from pluggto_desktop.simulator.linx_sim import LinxSimulator
from pluggto_desktop.simulator.orders_gen import generate_order
from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator

pytestmark = pytest.mark.anyio

CONCURRENCY = 4


class VirtualTime:
    def __init__(self) -> None:
        self.now = 0.0
        self._sleepers: list[tuple[float, int, asyncio.Future]] = []
        self._seq = itertools.count()

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        future = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.now + max(0.0, seconds), next(self._seq), future))
        await future

    async def run(self, *coros: Any) -> list[Any]:
        tasks = [asyncio.ensure_future(c) for c in coros]
        while not all(t.done() for t in tasks):
            for _ in range(50):  # let everything that can run, run (in-process: no real I/O)
                await asyncio.sleep(0)
            if self._sleepers:
                wake, _, future = heapq.heappop(self._sleepers)
                self.now = max(self.now, wake)
                future.set_result(None)
        return [t.result() for t in tasks]


class CallLog(httpx.AsyncBaseTransport):
    """The simulator's transport, noting the virtual time of each call to ``path_part``; the
    simulator stops limiting once the clock passes ``until``."""

    def __init__(self, sim: Any, vt: VirtualTime, path_part: str, until: float) -> None:
        self.sim, self.inner, self.vt, self.path_part, self.until = sim, sim.transport(), vt, path_part, until
        self.times: list[float] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.path_part in request.url.path:
            if self.vt.now >= self.until:
                self.sim.set_faults(rate_limit_rate=0.0)
            self.times.append(self.vt.now)
        return await self.inner.handle_async_request(request)


def linx_client(vt: VirtualTime, transport: httpx.AsyncBaseTransport) -> tuple[Any, Any]:
    client = LinxClient("http://linx.test", linx_sim.DEMO_USER, linx_sim.DEMO_PASSWORD, transport=transport,
                        max_concurrency=CONCURRENCY, sleep=vt.sleep,
                        gate=net.RemoteGate("linx", clock=vt.clock, sleep=vt.sleep, rng=random.Random(1)))
    return client, lambda: client.search_orders("")


def pluggto_client(vt: VirtualTime, transport: httpx.AsyncBaseTransport, order_id: str) -> tuple[Any, Any]:
    credentials = PluggtoCredentials(pluggto_sim.DEMO_CLIENT_ID, pluggto_sim.DEMO_CLIENT_SECRET,
                                     pluggto_sim.DEMO_USERNAME, pluggto_sim.DEMO_PASSWORD)
    client = PluggtoClient("http://pluggto.test", credentials, MemoryTokenStore(), transport=transport,
                           max_concurrency=CONCURRENCY, sleep=vt.sleep,
                           gate=net.RemoteGate("pluggto", clock=vt.clock, sleep=vt.sleep, rng=random.Random(1)))
    return client, lambda: client.get_order(order_id)


def remote(kind: str, vt: VirtualTime, *, retry_after: float, until: float) -> tuple[Any, Any, CallLog]:
    """A client of ``kind`` whose every call to one operation is answered 429 until ``until``."""
    if kind == "linx":
        sim = LinxSimulator(seed=1)
        sim.set_faults(rate_limit_rate=1.0, retry_after=retry_after, only_ops=["SearchOrders"])
        calls = CallLog(sim, vt, "SearchOrders", until)
        return (*linx_client(vt, calls), calls)
    sim = PluggtoSimulator(seed=1)
    order = sim.add_order(generate_order(seed=2, index=0))
    sim.set_faults(rate_limit_rate=1.0, retry_after=retry_after, only_ops=["orders.get"])
    calls = CallLog(sim, vt, "/orders/", until)
    return (*pluggto_client(vt, calls, order["id"]), calls)


@pytest.mark.parametrize("kind", ["linx", "pluggto"])
async def test_retry_after_30_pauses_every_caller_and_they_come_back_spread_out(kind: str) -> None:
    vt = VirtualTime()
    client, call, calls = remote(kind, vt, retry_after=30, until=30)
    policy = RetryPolicy(base=5.0, rng=random.Random(7))  # what the engine does with a failed job
    outcome: Counter = Counter()

    async def worker() -> None:  # one job, as the engine works it: park on failure, then again
        for attempt in range(1, 10):
            try:
                await call()
                outcome["ok"] += 1
                return
            except TransientError as exc:
                await vt.sleep(policy.delay(attempt, exc.retry_after))

    async with client:
        await vt.run(*(worker() for _ in range(40)))
    assert outcome["ok"] == 40
    # while the remote said "wait 30 s", it got the first wave of calls only — not one per worker
    assert sum(1 for t in calls.times if t < 30) <= CONCURRENCY
    # and afterwards the workers did not all come back in the same instant
    busiest = max(Counter(round(t * 2) for t in calls.times if t >= 30).values())
    assert busiest <= 40 // 3, sorted(calls.times)


@pytest.mark.parametrize("kind", ["linx", "pluggto"])
async def test_retry_after_0_still_pauses_the_remote_a_few_seconds(kind: str) -> None:
    vt = VirtualTime()
    client, call, calls = remote(kind, vt, retry_after=0, until=40)

    async def impatient() -> None:  # calls again at once after every failure, for 40 s
        while vt.now < 40:
            try:
                await call()
            except TransientError as exc:
                await vt.sleep(exc.retry_after or 0.0)

    async with client:
        await vt.run(*(impatient() for _ in range(40)))
    limited = [t for t in calls.times if t < 40]
    # at most one wave of calls per pause of the floor (3 s), however many callers there are
    assert len(limited) <= CONCURRENCY * (40 / net.RATE_LIMIT_FLOOR_S + 1), len(limited)


async def test_the_pause_covers_the_token_endpoint_too() -> None:
    vt = VirtualTime()
    sim = PluggtoSimulator(seed=1)
    order = sim.add_order(generate_order(seed=2, index=0))
    sim.set_faults(rate_limit_rate=1.0, retry_after=60, only_ops=["orders.get"])
    client, call = pluggto_client(vt, sim.transport(), order["id"])
    async with client:
        with pytest.raises(TransientError):
            await vt.run(call())
        tokens = sim.counters["oauth.token"]
        client._auth.invalidate(await client._auth.token())  # a sign-in is due now
        with pytest.raises(TransientError) as caught:
            await vt.run(call())
    assert sim.counters["oauth.token"] == tokens  # no sign-in either while Plug.to asked for a pause
    assert caught.value.retry_after is not None and caught.value.retry_after > 55


def test_jitter_stays_on_top_of_retry_after() -> None:
    backoff = net.Backoff(base=5.0, rng=random.Random(3))
    waits = [backoff.delay(1, retry_after=30) for _ in range(50)]
    assert all(30 < w <= 35 for w in waits)
    assert len({round(w, 3) for w in waits}) > 40  # spread, not all at 30 s

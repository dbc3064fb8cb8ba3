"""Fixtures for the Plug.to client, simulator, generator and notifier tests.

Everything runs in-process against :class:`PluggtoSimulator` (``sim.transport()``). Time is a
:class:`FakeClock` shared by the simulator and the client, so tokens expire without sleeping, and
the client's retry waits go to a :class:`RecordingSleep` that only records them.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import httpx
import pytest

from pluggto_desktop.pluggto import MemoryTokenStore, PluggtoClient, PluggtoCredentials
from pluggto_desktop.simulator.pluggto_sim import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_PASSWORD,
    DEMO_USERNAME,
    PluggtoSimulator,
)

BASE_URL = "http://pluggto.test"
START = datetime(2024, 7, 15, 12, 0, tzinfo=UTC)
CREDENTIALS = PluggtoCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_USERNAME, DEMO_PASSWORD)


class FakeClock:
    """``time.time`` stand-in: only moves when told to."""

    def __init__(self, now: float | None = None) -> None:
        self.now = START.timestamp() if now is None else now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class RecordingSleep:
    """``asyncio.sleep`` stand-in for retry waits: records them, yields, does not wait."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await asyncio.sleep(0)


class ClearFaultsAfter(httpx.AsyncBaseTransport):
    """Wraps ``sim.transport()``: clears the simulator's faults after ``count`` requests to ``path``.

    Gives a one-shot fault ("drop the answer of the next token request only").
    """

    def __init__(self, sim: PluggtoSimulator, path: str, count: int = 1) -> None:
        self._sim = sim
        self._inner = sim.transport()
        self._path = path
        self.remaining = count

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self._inner.handle_async_request(request)
        finally:
            if request.url.path == self._path and self.remaining > 0:
                self.remaining -= 1
                if self.remaining == 0:
                    self._sim.clear_faults()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sim(clock: FakeClock) -> PluggtoSimulator:
    return PluggtoSimulator(clock=clock, seed=7)


@pytest.fixture
def sleeper() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
def store() -> MemoryTokenStore:
    return MemoryTokenStore()


@pytest.fixture
def make_client(sim, clock, store, sleeper):
    """``make_client(**overrides)`` → a PluggtoClient wired to the simulator."""

    def factory(**overrides) -> PluggtoClient:
        kwargs = dict(
            transport=sim.transport(),
            clock=clock,
            sleep=sleeper,
        )
        kwargs.update(overrides)
        credentials = kwargs.pop("credentials", CREDENTIALS)
        token_store = kwargs.pop("token_store", store)
        return PluggtoClient(BASE_URL, credentials, token_store, **kwargs)

    return factory

"""Fixtures: a fresh simulated store and a client talking to it in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from pluggto_desktop.linx.client import LinxClient
from pluggto_desktop.simulator.linx_sim import DEMO_PASSWORD, DEMO_USER, LinxSimulator

SIM_URL = "http://linx.sim"


class Sleeps(list):
    """A fake asyncio.sleep: records the waits, returns at once (keeps retry tests fast)."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sim() -> LinxSimulator:
    return LinxSimulator(seed=1)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
async def linx(sim: LinxSimulator, sleeps: Sleeps) -> AsyncIterator[LinxClient]:
    async with LinxClient(SIM_URL, DEMO_USER, DEMO_PASSWORD, transport=sim.transport(), sleep=sleeps) as client:
        yield client

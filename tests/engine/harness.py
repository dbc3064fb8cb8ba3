"""An engine wired to both simulators in-process, with helpers to inspect the outcome."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from pluggto_desktop.engine.config import EngineConfig
from pluggto_desktop.engine.engine import Engine
from pluggto_desktop.linx import contract as c
from pluggto_desktop.linx.client import LinxClient
from pluggto_desktop.pluggto import MemoryTokenStore, PluggtoClient, PluggtoCredentials
from pluggto_desktop.simulator import linx_sim, pluggto_sim
from pluggto_desktop.simulator.linx_sim import LinxSimulator
from pluggto_desktop.simulator.orders_gen import generate_order, generate_orders
from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator
from pluggto_desktop.store.jobs import AsyncStore
from tests.support.settings import FALLBACK_CNPJ, LINX_URL, PLUGGTO_URL


async def no_sleep(_: float) -> None:
    await asyncio.sleep(0)


@dataclass
class Harness:
    tmp: Path
    config: EngineConfig = field(default_factory=lambda: EngineConfig(
        fallback_cnpj=FALLBACK_CNPJ, retry_base_s=0.01, retry_cap_s=0.05, poll_interval_s=0.2))
    pluggto_sim: PluggtoSimulator = field(default_factory=lambda: PluggtoSimulator(seed=3))
    linx_sim: LinxSimulator = field(default_factory=lambda: LinxSimulator(seed=3))
    activity: list[dict[str, Any]] = field(default_factory=list)
    client_timeout: float | None = None
    db_name: str = "queue.db"  # "pluggto.db" makes ``tmp`` a profile folder (status reads it)

    def __post_init__(self) -> None:
        self.tokens = MemoryTokenStore()
        self.store = AsyncStore(self.tmp / self.db_name)
        self.pluggto = PluggtoClient(
            PLUGGTO_URL,
            PluggtoCredentials(pluggto_sim.DEMO_CLIENT_ID, pluggto_sim.DEMO_CLIENT_SECRET,
                               pluggto_sim.DEMO_USERNAME, pluggto_sim.DEMO_PASSWORD),
            self.tokens, transport=self.pluggto_sim.transport(), sleep=no_sleep,
            max_concurrency=self.config.concurrency, timeout=self.client_timeout,
        )
        self.linx = LinxClient(LINX_URL, linx_sim.DEMO_USER, linx_sim.DEMO_PASSWORD,
                               transport=self.linx_sim.transport(), sleep=no_sleep,
                               max_concurrency=self.config.concurrency, timeout=self.client_timeout)
        self.engine = Engine(self.config, self.store, self.pluggto, self.linx,
                             activity=lambda **entry: self.activity.append(entry))

    def listener_client(self) -> httpx.AsyncClient:
        """The engine's listener in-process, addressed as Plug.to would: POST to
        :attr:`notify_path` with the listener's own host."""
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=self.engine.notification_app()),
                                 base_url=f"http://127.0.0.1:{self.config.listener_port}")

    @property
    def notify_path(self) -> str:
        """``/pluggto/notifications/<token>``: the path the listener serves."""
        return self.engine.listener_path

    async def aclose(self) -> None:
        await self.engine.stop()
        await self.pluggto.aclose()
        await self.linx.aclose()
        await self.store.aclose()

    # -- data ----------------------------------------------------------------------------------
    def add_orders(self, n: int, *, seed: int = 5, **kw: Any) -> list[dict[str, Any]]:
        now = datetime.now(UTC)
        interval = kw.pop("interval", timedelta(seconds=30))
        orders = generate_orders(n, seed=seed, start=now - timedelta(hours=2), interval=interval, **kw)
        return self.pluggto_sim.add_orders(orders, touch=True)

    def add_order(self, index: int = 0, *, age: timedelta | None = None, **kw: Any) -> dict[str, Any]:
        """A generated order modified just now, or ``age`` ago (outside a short poll window)."""
        now = datetime.now(UTC)
        if age is not None:
            order = generate_order(seed=11, index=index, created=now - age, **kw)
            return self.pluggto_sim.add_order(order, touch=False)
        order = generate_order(seed=11, index=index, start=now - timedelta(minutes=30), **kw)
        return self.pluggto_sim.add_order(order, touch=True)

    # -- inspection ------------------------------------------------------------------------------
    def linx_orders_for(self, pluggto_order: dict[str, Any]) -> list[dict[str, Any]]:
        """The store orders of a Plug.to order's sale. Checked both ways: by the sale's GUID (the
        exactly-once key) and by the readable number, which must agree."""
        return linx_orders_for(self.linx_sim, pluggto_order)

    def linx_order_counts(self) -> Counter:
        counts: Counter = Counter()
        for order in self.linx_sim.orders():
            counts[(order[c.FIELD_ORIGINAL_ORDER_ID], order[c.FIELD_MARKETPLACE_BRAND])] += 1
        return counts

    async def job(self, pluggto_id: str):
        return await self.store.find("order", pluggto_id)

    async def run_until(self, predicate, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if await predicate():
                return
            await asyncio.sleep(0.05)
        raise AssertionError("condition not reached in time")


def linx_orders_for(sim: LinxSimulator, pluggto_order: dict[str, Any]) -> list[dict[str, Any]]:
    number = pluggto_order.get("original_id") or str(pluggto_order.get("order_id") or pluggto_order["id"])
    brand = pluggto_order.get("channel") or c.CREATED_CHANNEL
    by_number = sim.orders_for_number(number, brand)
    by_guid = sim.orders_for(c.sale_uuid(brand, number), brand)
    assert [o["OrderID"] for o in by_number] == [o["OrderID"] for o in by_guid], "GUID and number disagree"
    return by_guid


def prop(linx_order: dict[str, Any], name: str) -> str | None:
    for p in linx_order.get("Properties") or []:
        if p.get("Name") == name:
            return p.get("Value")
    return None


@contextlib.asynccontextmanager
async def harness(tmp: Path, **kw: Any):
    h = Harness(tmp, **kw)
    try:
        yield h
    finally:
        await h.aclose()

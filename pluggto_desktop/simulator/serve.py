"""Both simulators served on loopback: ``pluggto-desktop simulate``, the demo, crash tests, benchmarks.

``SimulatorSet.start()`` binds the Plug.to and Linx simulators on real sockets (uvicorn), seeds
the Plug.to one with generated orders, and optionally sends notifications to a listener URL.
The same objects stay reachable in-process, so the demo can drive "the store invoiced this order"
or "the merchant fixed the SKU" through plain method calls.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from pluggto_desktop.asgi_server import RunningServer
from pluggto_desktop.simulator import linx_sim, pluggto_sim
from pluggto_desktop.simulator.linx_sim import LinxSimulator
from pluggto_desktop.simulator.notifier import Notifier
from pluggto_desktop.simulator.orders_gen import generate_orders
from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator


@dataclass
class DemoCredentials:
    """What a user types into the app (or ``setup``) to use the simulators."""

    pluggto_url: str
    client_id: str = pluggto_sim.DEMO_CLIENT_ID
    client_secret: str = pluggto_sim.DEMO_CLIENT_SECRET
    username: str = pluggto_sim.DEMO_USERNAME
    password: str = pluggto_sim.DEMO_PASSWORD
    user_id: str = pluggto_sim.DEMO_USER_ID
    linx_url: str = ""
    linx_user: str = linx_sim.DEMO_USER
    linx_password: str = linx_sim.DEMO_PASSWORD
    website_id: int = 1
    order_queue_id: int = linx_sim.DEFAULT_ORDER_QUEUE_ID
    product_queue_id: int = linx_sim.DEFAULT_PRODUCT_QUEUE_ID

    def describe(self) -> str:
        return "\n".join(
            [
                f"Plug.to simulator:      {self.pluggto_url}",
                f"  Client ID:            {self.client_id}",
                f"  Client Secret:        {self.client_secret}",
                f"  API user:             {self.username}",
                f"  API password:         {self.password}",
                f"  Plug.to user id:      {self.user_id}",
                f"Linx Commerce simulator: {self.linx_url}",
                f"  user:                 {self.linx_user}",
                f"  password:             {self.linx_password}",
                f"  website id:           {self.website_id}",
                f"  order feed queue id:  {self.order_queue_id}",
                f"  product feed queue id: {self.product_queue_id}",
            ]
        )

    def setup_secrets(self) -> dict[str, str]:
        """The secrets ``setup`` reads from the environment, for these simulators."""
        return {"PLUGGTO_CLIENT_SECRET": self.client_secret, "PLUGGTO_PASSWORD": self.password,
                "LINX_PASSWORD": self.linx_password}

    def setup_args(self) -> list[str]:
        """The ``setup`` options that configure a profile for these simulators."""
        return [
            "--pluggto-url", self.pluggto_url, "--client-id", self.client_id, "--username", self.username,
            "--linx-url", self.linx_url, "--linx-user", self.linx_user, "--website-id", str(self.website_id),
            "--order-queue-id", str(self.order_queue_id), "--product-queue-id", str(self.product_queue_id),
            "--fallback-cnpj", "12.ABC.345/01DE-35", "--activate",
        ]


@dataclass
class SimulatorSet:
    pluggto: PluggtoSimulator
    linx: LinxSimulator
    pluggto_server: RunningServer
    linx_server: RunningServer
    notifier: Notifier | None = None
    rng: random.Random = field(default_factory=lambda: random.Random(1))

    @classmethod
    async def start(
        cls,
        *,
        host: str = "127.0.0.1",
        pluggto_port: int = 0,
        linx_port: int = 0,
        orders: int = 0,
        latency_ms: float = 0.0,
        fail_rate: float = 0.0,
        seed: int = 1,
        notify_url: str | None = None,
        unknown_sku_share: float = 0.05,
        catalogue: list | None = None,
    ) -> SimulatorSet:
        notifier = Notifier(notify_url, auto_drain=True) if notify_url else None
        pluggto = PluggtoSimulator(seed=seed, notifier=notifier)
        linx = LinxSimulator(seed=seed, catalogue=catalogue)
        for sim in (pluggto, linx):
            sim.set_faults(latency_ms=latency_ms, fail_rate=fail_rate)
        pluggto_server = await RunningServer(pluggto, host, pluggto_port).start()
        try:
            linx_server = await RunningServer(linx, host, linx_port).start()
        except BaseException:
            await pluggto_server.stop()
            raise
        sims = cls(pluggto, linx, pluggto_server, linx_server, notifier, random.Random(seed))
        if orders:
            sims.add_orders(orders, seed=seed, unknown_sku_share=unknown_sku_share)
        return sims

    def add_orders(self, n: int, *, seed: int | None = None, unknown_sku_share: float = 0.05,
                   status_weights: dict[str, float] | None = None, notify: bool = True) -> list[dict[str, Any]]:
        """Add ``n`` generated orders, all created within the last day (inside any poll window)."""
        now = datetime.now(UTC)
        interval = timedelta(seconds=min(300.0, 86400.0 / max(n, 1)))
        generated = generate_orders(
            n, seed=self.rng.randrange(1 << 30) if seed is None else seed,
            start=now - interval * n, unknown_sku_share=unknown_sku_share,
            status_weights=status_weights, interval=interval,
        )
        return self.pluggto.add_orders(generated, touch=True, notify=notify)

    @property
    def credentials(self) -> DemoCredentials:
        return DemoCredentials(pluggto_url=self.pluggto_server.url, linx_url=self.linx_server.url)

    async def stop(self) -> None:
        await self.pluggto.aclose()
        await self.pluggto_server.stop()
        await self.linx_server.stop()

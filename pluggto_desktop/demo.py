"""``--demo``: both simulators inside the app, a configured profile, and orders that keep coming.

What a new user sees within seconds: orders from several marketplaces flowing into the store,
and a few failing the way real ones do —
* an unknown SKU (the store lacks ``CAM-VERDE-XG``): fixed from the demo page by "registering"
  the SKU in the simulated store, then **Reenviar**;
* a missing intermediary CNPJ: the demo channel has CNPJs for every marketplace but Shopee and no
  fallback, so Shopee orders without a valid ``sale_intermediary`` need attention; fixed by
  typing a CNPJ for Shopee (or a fallback) in Configurações → Canal, then **Reenviar**.

Meanwhile the simulated store invoices, ships and delivers integrated orders now and then, so the
status going back to Plug.to shows in the orders' timelines, and the catalogue is published.

The demo profile is a profile of its own (never the user's real one): its queue starts empty on
every run, and its secrets are the public demo credentials, kept in memory only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pluggto_desktop.asgi_server import bind_socket
from pluggto_desktop.engine.listener import listener_url, new_token
from pluggto_desktop.i18n import PT
from pluggto_desktop.profile import Profile
from pluggto_desktop.secrets import LINX_PASSWORD, PLUGGTO_CLIENT_SECRET, PLUGGTO_PASSWORD, SecretStore
from pluggto_desktop.settings import Settings, load_settings, save_settings
from pluggto_desktop.simulator.catalogue import MARKETPLACES, UNKNOWN_SKU
from pluggto_desktop.simulator.orders_gen import generate_orders
from pluggto_desktop.simulator.serve import SimulatorSet

log = logging.getLogger("pluggto_desktop.demo")

MARKER = "demo-profile"
#: the marketplace deliberately left out of the demo channel's CNPJ table
UNCOVERED_MARKETPLACE = "Shopee"
STATUS_WEIGHTS = {"approved": 0.78, "waiting_invoice": 0.07, "pending": 0.1, "canceled": 0.05}


def demo_profile(root: Path) -> Profile:
    """The demo's folder: ``root`` itself when it is empty or already a demo, else ``root/demo``
    (a demo must never overwrite a real profile's settings)."""
    real_profile = (root / "settings.json").exists() and not (root / MARKER).exists()
    profile = Profile(root / "demo" if real_profile else root, demo=True).ensure()
    (profile.root / MARKER).write_text("This folder is the Pluggto Desktop demo profile.\n", encoding="utf-8")
    return profile


def free_port(host: str = "127.0.0.1") -> int:
    sock = bind_socket(host, 0)
    port = sock.getsockname()[1]
    sock.close()
    return port


class DemoEnvironment:
    def __init__(self, profile: Profile, *, trickle_every: tuple[float, float] = (2.5, 6.0),
                 latency_ms: float = 40.0, seed: int | None = None) -> None:
        self.profile = profile
        self.trickle_every = trickle_every
        self.latency_ms = latency_ms
        self.rng = random.Random(seed)
        self.sims: SimulatorSet | None = None
        self.secrets = SecretStore.in_memory(profile.profile_id)
        self.settings: Settings | None = None
        self.trickling = True
        self._task: asyncio.Task | None = None

    async def start(self, *, initial_orders: int = 14) -> Settings:
        self._reset_queue()
        port = free_port()
        previous = _load_quietly(self.profile.settings_path)
        token = previous.engine.listener_token if previous and previous.engine.listener_token else new_token()
        self.sims = await SimulatorSet.start(
            latency_ms=self.latency_ms, notify_url=listener_url("127.0.0.1", port, token),
            seed=self.rng.randrange(1 << 20),
        )
        self.settings = self._settings(port, previous, token)
        save_settings(self.settings, self.profile.settings_path)
        creds = self.sims.credentials
        self.secrets.set(PLUGGTO_CLIENT_SECRET, creds.client_secret)
        self.secrets.set(PLUGGTO_PASSWORD, creds.password)
        self.secrets.set(LINX_PASSWORD, creds.linx_password)
        self.add_orders(initial_orders)
        self.add_yesterdays_orders()
        self._task = asyncio.create_task(self._trickle(), name="demo-trickle")
        log.info("demo: simulators at %s and %s; listener on port %d", creds.pluggto_url, creds.linx_url, port)
        return self.settings

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self.sims is not None:
            await self.sims.stop()
            self.sims = None

    # -- the store and the marketplaces, as the user would change them ------------------------
    def add_orders(self, n: int) -> None:
        assert self.sims is not None
        self.sims.add_orders(n, unknown_sku_share=0.1, status_weights=STATUS_WEIGHTS)

    def add_yesterdays_orders(self) -> list[dict]:
        """Three sales approved 30, 25 and 20 hours ago and never invoiced: the deadline watch
        shows two late to invoice and one close to it (the app's default is 24 h)."""
        assert self.sims is not None
        now = datetime.now(UTC)
        orders = generate_orders(3, seed=self.rng.randrange(1 << 30), start=now - timedelta(hours=30),
                                 interval=timedelta(hours=5), unknown_sku_share=0.0, status_weights={"approved": 1.0})
        return self.sims.pluggto.add_orders(orders, touch=True)

    def make_audit_differences(self) -> list[str]:
        """What a broken connector or a restored backup leaves behind, for the Conferência to find:
        an acknowledgement lost in Plug.to, a sale created twice in the store, a store order lost.
        Returns what was done (the kinds, in the Conferência's words)."""
        assert self.sims is not None
        plug, linx = self.sims.pluggto, self.sims.linx
        ours = [o for o in linx.orders() if _pluggto_id(o) in plug.orders]
        self.rng.shuffle(ours)
        done = []
        if ours:
            plug.orders[str(_pluggto_id(ours[0]))].update(ack=False, external=None)
            done.append("not_acked")
        if len(ours) > 1:
            linx.duplicate(ours[1]["OrderID"])
            done.append("duplicated")
        if len(ours) > 2:
            linx.delete_order(ours[2]["OrderID"])
            done.append("missing")
        return done

    def register_missing_skus(self) -> list[str]:
        """"Cadastrar o SKU na loja": the fix for unknown-SKU orders (then Reenviar)."""
        assert self.sims is not None
        if UNKNOWN_SKU in {s for p in self.sims.linx.products() for s in _skus(p)}:
            return []
        self.sims.linx.add_sku(UNKNOWN_SKU, name="Camiseta Básica Verde - XG")
        return [UNKNOWN_SKU]

    def pay_pending_orders(self) -> int:
        """The buyers pay: every pending order becomes approved (Plug.to notifies the app)."""
        assert self.sims is not None
        pending = [o["id"] for o in self.sims.pluggto.orders.values() if o.get("status") == "pending"]
        for order_id in pending:
            self.sims.pluggto.set_status(order_id, "approved")
        return len(pending)

    def store_moves_orders_on(self, n: int = 3) -> int:
        """The store invoices, ships and delivers some orders (each one step further): watch the
        invoice, the tracking and the delivery reach Plug.to (status back)."""
        assert self.sims is not None
        linx = self.sims.linx
        moved = 0
        candidates = [o for o in linx.orders() if o.get("GlobalStatus") not in ("CANCELLED", "DELIVERED")]
        self.rng.shuffle(candidates)
        for order in candidates[:n]:
            status = order.get("GlobalStatus")
            if status == "SHIPPED":
                linx.deliver(order["OrderID"])
            elif status == "INVOICED":
                linx.ship(order["OrderID"])
            else:
                linx.invoice(order["OrderID"])
            moved += 1
        return moved

    def change_some_stock(self, n: int = 3) -> list[str]:
        """The store's stock moves (warehouse 1): the product feed sends just those SKUs."""
        assert self.sims is not None
        skus = [s["SKU"] for p in self.sims.linx.products() for s in p.get("SKUs") or []]
        chosen = self.rng.sample(skus, min(n, len(skus)))
        for sku in chosen:
            self.sims.linx.set_stock(sku, 1, self.rng.randint(0, 40))
        return chosen

    async def outage(self, seconds: float = 30.0) -> None:
        """Both services fail for a while: watch "Sem conexão" and the automatic retries."""
        assert self.sims is not None
        for sim in (self.sims.pluggto, self.sims.linx):
            sim.set_faults(fail_rate=1.0)
        await asyncio.sleep(seconds)
        if self.sims is not None:
            for sim in (self.sims.pluggto, self.sims.linx):
                sim.set_faults(fail_rate=0.0)

    # -- internals ---------------------------------------------------------------------------------
    async def _trickle(self) -> None:
        while True:
            await asyncio.sleep(self.rng.uniform(*self.trickle_every))
            if not self.trickling or self.sims is None:
                continue
            try:
                self.add_orders(1)
                if self.rng.random() < 0.35:  # the store works its orders: invoice, ship, deliver
                    self.store_moves_orders_on(1)
                if self.rng.random() < 0.15:  # now and then a buyer pays a pending order
                    pending = [o["id"] for o in self.sims.pluggto.orders.values() if o.get("status") == "pending"]
                    if pending:
                        self.sims.pluggto.set_status(self.rng.choice(pending), "approved")
            except Exception:  # the demo must never take the app down
                log.exception("demo trickle failed")

    def _settings(self, port: int, previous: Settings | None, token: str) -> Settings:
        assert self.sims is not None, "the simulators start before the settings are written"
        creds = self.sims.credentials
        settings = Settings()
        settings.ui = previous.ui if previous else settings.ui
        if previous is None:
            settings.ui.language = "auto"
        settings.pluggto.api_url = creds.pluggto_url
        settings.pluggto.client_id = creds.client_id
        settings.pluggto.username = creds.username
        settings.linx.url_or_tenant = creds.linx_url
        settings.linx.user = creds.linx_user
        channel = settings.channel
        channel.website_id = creds.website_id
        channel.order_queue_id = creds.order_queue_id
        channel.product_queue_id = creds.product_queue_id
        channel.marketplace_cnpjs = {m.channel: m.cnpj for m in MARKETPLACES if m.channel != UNCOVERED_MARKETPLACE}
        channel.fallback_cnpj = None
        channel.state = "active"
        engine = settings.engine
        engine.listener_enabled = True
        engine.listener_port = port
        engine.listener_token = token  # the simulated Plug.to notifies this very address
        engine.poll_interval_s = 30
        engine.retry_base_s = 3.0
        return settings

    def _reset_queue(self) -> None:
        """A fresh queue each run: the simulators start empty, so old jobs would point nowhere."""
        for path in self.profile.root.glob(self.profile.database_path.name + "*"):
            path.unlink(missing_ok=True)
        for path in self.profile.logs_dir.glob("activity.jsonl*"):
            path.unlink(missing_ok=True)


def _pluggto_id(linx_order: dict) -> str | None:
    return next((p.get("Value") for p in linx_order.get("Properties") or [] if p.get("Name") == "PluggtoOrderID"), None)


def _skus(product: dict) -> list[str]:
    return [s.get("SKU") for s in product.get("SKUs") or []]


def _load_quietly(path: Path) -> Settings | None:
    try:
        return load_settings(path, lang=PT) if path.exists() else None
    except Exception:  # noqa: BLE001 - a broken demo settings file is simply replaced
        return None

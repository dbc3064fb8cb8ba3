"""Crash safety: ``sync`` killed with SIGKILL at random moments, restarted, never loses or
duplicates an order in the store."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
from pathlib import Path

import pytest

from pluggto_desktop.profile import Profile
from pluggto_desktop.settings import Settings, save_settings
from pluggto_desktop.simulator import linx_sim, pluggto_sim
from pluggto_desktop.simulator.serve import SimulatorSet
from pluggto_desktop.store.jobs import Store
from tests.engine.harness import linx_orders_for

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.anyio, pytest.mark.slow]


def write_profile(home: Path, sims: SimulatorSet) -> dict[str, str]:
    """A configured, active profile pointing at the simulators; secrets travel in the env."""
    settings = Settings()
    settings.pluggto.api_url = sims.pluggto_server.url
    settings.pluggto.client_id = pluggto_sim.DEMO_CLIENT_ID
    settings.pluggto.username = pluggto_sim.DEMO_USERNAME
    settings.linx.url_or_tenant = sims.linx_server.url
    settings.linx.user = linx_sim.DEMO_USER
    settings.channel.website_id = 1
    settings.channel.fallback_cnpj = "12ABC34501DE35"
    settings.channel.state = "active"
    settings.engine.listener_enabled = False
    settings.engine.poll_interval_s = 10
    settings.engine.retry_base_s = 0.2
    profile = Profile(home).ensure()
    save_settings(settings, profile.settings_path)
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        "PLUGGTO_CLIENT_SECRET": pluggto_sim.DEMO_CLIENT_SECRET,
        "PLUGGTO_PASSWORD": pluggto_sim.DEMO_PASSWORD,
        "LINX_PASSWORD": linx_sim.DEMO_PASSWORD,
    }


async def run_sync(home: Path, env: dict[str, str], *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "pluggto_desktop", "--home", str(home), "sync", *args,
        env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )


async def test_sigkill_at_random_moments_never_loses_or_duplicates(tmp_path: Path) -> None:
    rng = random.Random(2026)
    sims = await SimulatorSet.start(latency_ms=15)
    try:
        sims.add_orders(80, seed=3, unknown_sku_share=0.0, status_weights={"approved": 1.0})
        # answers lost after the store saved the order: the worst moment to crash or retry
        sims.linx.set_faults(fail_after_rate=0.1, only_ops=["SaveOrder"], seed=5)
        env = write_profile(tmp_path, sims)
        kills = 0
        for _ in range(6):
            saves_before = sims.linx.counters["SaveOrder"]
            proc = await run_sync(tmp_path, env)
            # kill while orders are being created, whatever the machine's speed: wait for the
            # first SaveOrder of this run, then strike at a random moment shortly after
            for _ in range(600):
                if sims.linx.counters["SaveOrder"] > saves_before or proc.returncode is not None:
                    break
                await asyncio.sleep(0.05)
            await asyncio.sleep(rng.uniform(0.0, 0.4))
            if proc.returncode is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            await proc.wait()
            # more orders keep arriving between crashes
            sims.add_orders(5, seed=rng.randrange(1000), unknown_sku_share=0.0, status_weights={"approved": 1.0})
        assert kills >= 4  # the runs really were interrupted
        sims.linx.clear_faults()
        for _ in range(5):  # finish: run passes until nothing waits for a retry
            proc = await run_sync(tmp_path, env, "--once")
            _, stderr = await proc.communicate()
            if proc.returncode == 0:
                break
            assert proc.returncode == 3, stderr.decode()
            await asyncio.sleep(1.0)
        assert proc.returncode == 0, stderr.decode()

        orders = list(sims.pluggto.orders.values())
        assert len(orders) == 110
        for order in orders:
            linx_orders = linx_orders_for(sims.linx, order)
            assert len(linx_orders) == 1, (order["id"], len(linx_orders))  # none lost, none twice
            assert order["ack"] is True
        assert sims.linx.duplicates() == {}
        # the kills landed while work was in flight: jobs were recovered after a crash, or an
        # order saved just before a crash (or whose answer was lost) was adopted, not re-created
        store = Store(Profile(tmp_path).database_path)
        types = {row[0] for row in store.conn.execute("SELECT DISTINCT type FROM job_events")}
        store.close()
        assert {"found_in_linx", "recovered"} <= types
        assert sims.linx.counters["SaveOrder"] >= 110
    finally:
        await sims.stop()

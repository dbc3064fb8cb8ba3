"""The CLI as real processes: `simulate` over HTTP, `sync` stopping cleanly on SIGTERM."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from pluggto_desktop.simulator import linx_sim, pluggto_sim
from tests.engine.test_crash_safety import write_profile
from tests.engine.harness import linx_orders_for
from tests.support.served import served_simulators

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def start_simulate(*args: str) -> tuple[subprocess.Popen, str, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "pluggto_desktop", "simulate", "--pluggto-port", "0", "--linx-port", "0", *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    urls = []
    deadline = time.monotonic() + 60
    while len(urls) < 2 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        match = re.search(r"simulator:\s+(http://\S+)", line)
        if match:
            urls.append(match.group(1))
    assert len(urls) == 2, "simulate did not print its URLs"
    return proc, urls[0], urls[1]


def test_simulate_serves_both_apis_with_the_printed_demo_credentials() -> None:
    proc, pluggto_url, linx_url = start_simulate("--orders", "150")
    try:
        token = httpx.post(f"{pluggto_url}/oauth/token", data={
            "grant_type": "password", "client_id": pluggto_sim.DEMO_CLIENT_ID,
            "client_secret": pluggto_sim.DEMO_CLIENT_SECRET, "username": pluggto_sim.DEMO_USERNAME,
            "password": pluggto_sim.DEMO_PASSWORD}).json()
        assert len(token["access_token"]) == 40 and token["refresh_token"]
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        first = httpx.get(f"{pluggto_url}/orders", params={"limit": 100}, headers=headers).json()
        assert first["total"] == 150 and first["showing"] == 100
        last_id = first["result"][-1]["Order"]["id"]
        second = httpx.get(f"{pluggto_url}/orders", params={"limit": 100, "next": last_id}, headers=headers).json()
        assert second["showing"] == 50
        assert {o["Order"]["id"] for o in first["result"]}.isdisjoint(o["Order"]["id"] for o in second["result"])
        search = httpx.post(f"{linx_url}/v1/Sales/API.svc/web/SearchOrders", auth=(linx_sim.DEMO_USER,
                            linx_sim.DEMO_PASSWORD), json={"Page": {"PageIndex": 0, "PageSize": 5},
                                                            "Where": "", "WhereMetadata": "", "OrderBy": ""})
        assert search.status_code == 200 and search.json()["IsValid"] is True
        denied = httpx.post(f"{linx_url}/v1/Sales/API.svc/web/SearchOrders", auth=("x", "y"), json={})
        assert denied.status_code == 401
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
        proc.stdout.close()


def test_simulate_reports_a_taken_port(tmp_path: Path) -> None:
    proc, pluggto_url, _ = start_simulate("--orders", "0")
    try:
        port = pluggto_url.rsplit(":", 1)[1]
        other = subprocess.run([sys.executable, "-m", "pluggto_desktop", "--lang", "en", "simulate",
                                "--pluggto-port", port, "--linx-port", "0"], cwd=ROOT, capture_output=True,
                               text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert other.returncode == 2 and "Port in use" in other.stderr
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
        proc.stdout.close()


def test_sync_finishes_in_flight_work_and_exits_0_on_sigterm(tmp_path: Path) -> None:
    with served_simulators(latency_ms=50) as served:
        served.do(served.sims.add_orders, 300, unknown_sku_share=0.0, status_weights={"approved": 1.0})
        env = write_profile(tmp_path, served.sims)
        proc = subprocess.Popen([sys.executable, "-m", "pluggto_desktop", "--home", str(tmp_path), "sync"],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # stop mid-way through the 300 orders (they need ~8 s): once some are in the store
        deadline = time.monotonic() + 60
        while served.do(lambda: served.sims.linx.counters["SaveOrder"]) < 20 and time.monotonic() < deadline:
            time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        status = subprocess.run([sys.executable, "-m", "pluggto_desktop", "--home", str(tmp_path), "status",
                                 "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        data = json.loads(status.stdout)
        assert data["engine"] == "stopped"
        assert data["jobs"]["orders"]["processing"] == 0  # nothing left half-done
        integrated = data["jobs"]["orders"]["integrated"]
        assert 0 < integrated < 300  # really stopped mid-way
        # every order marked integrated is in the store exactly once
        orders = served.do(lambda: list(served.sims.pluggto.orders.values()))
        acked = [o for o in orders if o.get("ack")]
        assert len(acked) == integrated
        for order in acked:
            assert len(served.do(linx_orders_for, served.sims.linx, order)) == 1

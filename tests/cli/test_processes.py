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
from tests.engine.harness import linx_orders_for
from tests.engine.test_crash_safety import write_profile
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
        _out, err = proc.communicate(timeout=60)
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


# -- the listener's address (docs/interfaces.md: /pluggto/notifications/<token>) -------------------------
def status_json(home: Path, env: dict[str, str] | None = None) -> dict:
    result = subprocess.run([sys.executable, "-m", "pluggto_desktop", "--home", str(home), "status", "--json"],
                            cwd=ROOT, env=env or {**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_status_json_names_the_listener_path_and_url_and_an_upgrade_keeps_them(tmp_path: Path) -> None:
    assert "listener_path" not in status_json(tmp_path / "new")  # not set up: no token yet
    home = tmp_path / "old"
    home.mkdir()
    # a profile set up by the previous version (schema 2: no listener token)
    (home / "settings.json").write_text(json.dumps({
        "schema_version": 2, "pluggto": {"client_id": "abc", "username": "1624640222434"},
        "linx": {"url_or_tenant": "minhaloja", "user": "integracao"}, "channel": {"website_id": 1},
        "engine": {"listener_enabled": True, "listener_host": "127.0.0.1", "listener_port": 8787}}),
        encoding="utf-8")
    first = status_json(home)
    path = first["listener_path"]
    token = path.rsplit("/", 1)[1]
    assert path == f"/pluggto/notifications/{token}" and len(token) >= 22
    assert first["listener_url"] == f"http://127.0.0.1:8787{path}"
    assert "listener_warning" not in first
    assert status_json(home)["listener_path"] == path  # the upgrade was saved: the same every time
    settings = json.loads((home / "settings.json").read_text(encoding="utf-8"))
    settings["engine"].update(listener_enabled=False)
    (home / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    off = status_json(home)
    assert off["listener_path"] == path and "listener_url" not in off
    settings["engine"].update(listener_enabled=True, listener_host="0.0.0.0",
                              listener_public_url="https://pedidos.minhaloja.com.br")
    (home / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    proxied = status_json(home)
    assert proxied["listener_url"] == f"https://pedidos.minhaloja.com.br{path}" and "listener_warning" not in proxied
    settings["engine"].update(listener_public_url=None)
    (home / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    assert status_json(home)["listener_warning"] == "exposed_without_https"


def test_sync_listen_serves_the_profiles_path_and_warns_beyond_loopback(tmp_path: Path) -> None:
    from pluggto_desktop.demo import free_port

    with served_simulators() as served:
        env = write_profile(tmp_path, served.sims)
        path = status_json(tmp_path, env)["listener_path"]
        port = free_port()
        proc = subprocess.Popen([sys.executable, "-m", "pluggto_desktop", "--home", str(tmp_path), "--lang", "en",
                                 "sync", "--listen", f"0.0.0.0:{port}"],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = ""
            deadline = time.monotonic() + 60
            while "Receiving notifications at" not in line and time.monotonic() < deadline:
                line = proc.stdout.readline()
            assert line.split("Receiving notifications at ")[1].split(" ")[0] == f"http://0.0.0.0:{port}{path}"
            # status --json names the listener that runs, not the one the settings describe
            while (running := status_json(tmp_path, env))["engine"] == "stopped" and time.monotonic() < deadline:
                time.sleep(0.2)
            assert running["listener_url"] == f"http://0.0.0.0:{port}{path}"
            assert running["listener_warning"] == "exposed_without_https"
            [order] = served.do(served.sims.add_orders, 1, unknown_sku_share=0.0, status_weights={"approved": 1.0})
            base = f"http://127.0.0.1:{port}"
            body = {"type": "orders", "id": order["id"], "action": "created", "user": 129}
            assert httpx.post(base + "/pluggto/notifications", json=body).status_code == 404
            assert httpx.post(base + path, json=body, headers={"Host": "evil.example"}).status_code == 421
            assert httpx.post(base + path, json=body).status_code == 200
            deadline = time.monotonic() + 60
            while not served.do(lambda: served.sims.pluggto.orders[order["id"]].get("ack")):
                assert time.monotonic() < deadline, "the notified order was not integrated"
                time.sleep(0.1)
        finally:
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert "without HTTPS" in err  # the warning: listening beyond loopback, nothing in front


def test_the_setup_line_simulate_prints_can_be_pasted_as_printed(tmp_path: Path) -> None:
    """Printed with the program as it was started and the profile folder: pasted into a shell, it
    configures that profile and sync runs."""
    home = tmp_path / "perfil com espaço"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pluggto_desktop", "--home", str(home), "--lang", "en", "simulate",
         "--pluggto-port", "0", "--linx-port", "0", "--orders", "3"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        lines: list[str] = []
        deadline = time.monotonic() + 60
        while not any("Then, to sync" in line for line in lines) and time.monotonic() < deadline:
            lines.append(proc.stdout.readline())
        setup_line = next(line for line in lines if "setup --pluggto-url" in line).strip()
        sync_line = next(line for line in lines if "Then, to sync" in line).split(": ", 1)[1].strip()
        assert f"--home '{home}'" in setup_line  # the profile simulate was started for, quoted
        env = {k: v for k, v in os.environ.items() if not k.startswith("PLUGGTO")}
        env.update(PYTHONPATH=str(ROOT), PYTHON_KEYRING_BACKEND="tests.support.keyring_backends.FileKeyring",
                   PLUGGTO_TEST_KEYRING_FILE=str(tmp_path / "vault.json"))
        setup = subprocess.run(setup_line, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True,
                               timeout=120)
        assert setup.returncode == 0, setup.stdout + setup.stderr
        sync = subprocess.run(sync_line.replace(" sync", " sync --once"), shell=True, cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)
        assert sync.returncode in (0, 1), sync.stdout + sync.stderr  # ran: orders came in
        assert (home / "pluggto.db").exists()
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)
        proc.stdout.close()

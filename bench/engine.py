"""Engine throughput, calls per order, CPU, memory and notification latency.

    uv run python bench/engine.py [--orders 2000] [--latency-ms 20] [--concurrency 4]

The simulators run on loopback outside the engine's process (one process each) with a fixed
latency L per call; each measurement runs the engine in a fresh worker process of its own, so
peak RSS belongs to that run only. Printed:

* orders/s of a full ``run_once`` (poll + create + ack) at concurrency c, and at c=1 in the same
  run (speed-up);
* calls per created order to each API (k_P, k_L) from the simulators' counters;
* the bound min(c/(k_P·L), c/(k_L·L)) — what the remotes allow at that concurrency — and the
  efficiency achieved/bound (target ≥ 0.8);
* with L=0: engine CPU milliseconds per order and peak RSS for N/4 and N orders (flat in N?);
* notification→created latency p50/p95 with the listener on loopback.

Machines here are noisy: compare the ratios printed side by side, not absolute numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pluggto_desktop.demo import free_port  # noqa: E402
from pluggto_desktop.engine.config import EngineConfig  # noqa: E402
from pluggto_desktop.engine.engine import Engine  # noqa: E402
from pluggto_desktop.engine.listener import listener_url, new_token  # noqa: E402
from pluggto_desktop.linx.client import LinxClient  # noqa: E402
from pluggto_desktop.pluggto import MemoryTokenStore, PluggtoClient, PluggtoCredentials  # noqa: E402
from pluggto_desktop.simulator import linx_sim, pluggto_sim  # noqa: E402
from pluggto_desktop.store.jobs import AsyncStore  # noqa: E402


# -- the simulators' processes (bench/products.py and bench/ui_loop.py use them too) ---------------
def serve_one(kind: str, latency_ms: float, notify_url: str | None = None, products: int | None = None,
              skus: int = 4) -> None:
    """Worker mode: serve one simulator on a free loopback port until killed; prints its URL.

    With ``products``, the Linx simulator holds a generated catalogue of ``products`` × ``skus``
    instead of the demo one.
    """
    from pluggto_desktop.asgi_server import RunningServer
    from pluggto_desktop.simulator.catalogue import large_catalogue
    from pluggto_desktop.simulator.linx_sim import LinxSimulator
    from pluggto_desktop.simulator.notifier import Notifier
    from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator

    async def run() -> None:
        if kind == "pluggto":
            notifier = Notifier(notify_url, auto_drain=True) if notify_url else None
            sim = PluggtoSimulator(seed=1, notifier=notifier)
        else:
            sim = LinxSimulator(seed=1, catalogue=None if products is None else large_catalogue(products, skus))
        sim.set_faults(latency_ms=latency_ms)
        server = await RunningServer(sim).start()
        print(server.url, flush=True)
        await asyncio.Event().wait()

    asyncio.run(run())


class Simulators:
    """Plug.to and Linx simulators, each in its own process so neither waits behind the other
    (and neither shares the engine's CPU time slice)."""

    def __init__(self, latency_ms: float, notify_url: str | None = None, *, products: int | None = None,
                 skus: int = 4) -> None:
        """``products``/``skus``: the Linx simulator's catalogue (see :func:`serve_one`)."""
        self.procs = []
        urls = []
        for kind in ("pluggto", "linx"):
            cmd = [sys.executable, __file__, "--serve", kind, "--latency-ms", str(latency_ms)]
            if notify_url and kind == "pluggto":
                cmd += ["--notify-url", notify_url]
            if products is not None and kind == "linx":
                cmd += ["--products", str(products), "--skus", str(skus)]
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
            self.procs.append(proc)
            line = proc.stdout.readline().strip()
            if not line.startswith("http://"):
                self.stop()
                raise RuntimeError(f"{kind} simulator did not start")
            urls.append(line)
        self.pluggto_url, self.linx_url = urls
        self.proc = self.procs[0]

    def add_orders(self, n: int) -> list[str]:
        answer = httpx.post(f"{self.pluggto_url}/_sim/orders",
                            json={"generate": n, "seed": 5, "status": "approved", "unknown_sku_share": 0.0},
                            timeout=120)
        answer.raise_for_status()
        return answer.json()["ids"]

    def counters(self) -> tuple[dict, dict]:
        return (httpx.get(f"{self.pluggto_url}/_sim/counters").json(),
                httpx.get(f"{self.linx_url}/_sim/counters").json())

    def reset_counters(self) -> None:
        httpx.delete(f"{self.pluggto_url}/_sim/counters")
        httpx.delete(f"{self.linx_url}/_sim/counters")

    def cpu_seconds(self) -> list[float | None]:
        """CPU time (user + system) each simulator has used so far; None off Linux."""
        return [_proc_cpu_seconds(proc.pid) for proc in self.procs]

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
            proc.wait(timeout=10)
            proc.stdout.close()


def _proc_cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


# -- one measurement, in a worker process -----------------------------------------------------------
def build_engine(pluggto_url: str, linx_url: str, concurrency: int, db: Path, *, product_sync: bool = False,
                 **config) -> Engine:
    # orders only unless product_sync: the product pass that follows a sync has its own benchmark
    # (bench/products.py)
    cfg = EngineConfig(fallback_cnpj="12ABC34501DE35", concurrency=concurrency, product_sync_enabled=product_sync,
                       **config)
    pluggto = PluggtoClient(pluggto_url, PluggtoCredentials(pluggto_sim.DEMO_CLIENT_ID, pluggto_sim.DEMO_CLIENT_SECRET,
                                                           pluggto_sim.DEMO_USERNAME, pluggto_sim.DEMO_PASSWORD),
                            MemoryTokenStore(), max_concurrency=concurrency)
    linx = LinxClient(linx_url, linx_sim.DEMO_USER, linx_sim.DEMO_PASSWORD, max_concurrency=concurrency)
    return Engine(cfg, AsyncStore(db), pluggto, linx)


async def close(engine: Engine) -> None:
    await engine.stop()
    await engine.pluggto.aclose()
    await engine.linx.aclose()
    await engine.store.aclose()


async def measure_throughput(pluggto_url: str, linx_url: str, concurrency: int, db: Path) -> dict:
    engine = build_engine(pluggto_url, linx_url, concurrency, db)
    await engine.pluggto.authenticate()  # the token is not part of the measurement
    linx_calls = time_calls(engine.linx._http)
    cpu0, t0 = time.process_time(), time.perf_counter()
    summary = await engine.run_once()
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    await close(engine)
    linx_calls.sort()
    return {"wall": wall, "cpu": cpu, "integrated": summary.counts.get("integrated", 0),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "linx_call_ms_p50": linx_calls[len(linx_calls) // 2] * 1000 if linx_calls else 0.0,
            "linx_slots_busy": sum(linx_calls) / (wall * concurrency)}


def time_calls(http: httpx.AsyncClient) -> list[float]:
    """Record how long each call on ``http`` takes once it holds a slot (send → body read)."""
    durations: list[float] = []
    send = http.send

    async def timed_send(*args, **kwargs):
        started = time.perf_counter()
        try:
            return await send(*args, **kwargs)
        finally:
            durations.append(time.perf_counter() - started)

    http.send = timed_send
    return durations


async def measure_latency(pluggto_url: str, linx_url: str, port: int, token: str, db: Path, n: int) -> dict:
    engine = build_engine(pluggto_url, linx_url, 4, db, listener_enabled=True, listener_port=port,
                          listener_token=token, poll_interval_s=3600, first_run_lookback_days=0.0001)
    created_at: dict[str, float] = {}
    done: dict[str, float] = {}

    def on_event(event) -> None:
        # product jobs publish "integrated" too: only orders count
        if event.topic == "job" and event.payload["kind"] == "order" and event.payload["state"] == "integrated":
            done.setdefault(event.payload["key"], time.perf_counter())

    engine.bus.subscribe(on_event)
    await engine.start()
    async with httpx.AsyncClient(timeout=30) as admin:
        for _ in range(n):
            t = time.perf_counter()
            answer = await admin.post(f"{pluggto_url}/_sim/orders",
                                      json={"generate": 1, "status": "approved", "unknown_sku_share": 0.0})
            created_at[answer.json()["ids"][0]] = t
            await asyncio.sleep(0.05)  # a steady trickle, 20 orders/s
    deadline = time.perf_counter() + 30
    while len(done) < n and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    await close(engine)
    latencies = sorted((done[k] - t) * 1000 for k, t in created_at.items() if k in done)

    def pick(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")

    return {"p50_ms": pick(0.50), "p95_ms": pick(0.95), "count": len(latencies), "expected": n}


def worker(args: argparse.Namespace) -> None:
    db = Path(tempfile.mkdtemp()) / "bench.db"
    if args.worker == "throughput":
        result = asyncio.run(measure_throughput(args.pluggto_url, args.linx_url, args.concurrency, db))
    else:
        result = asyncio.run(measure_latency(args.pluggto_url, args.linx_url, args.port, args.token, db,
                                             args.orders))
    print(json.dumps(result))


def run_worker(*extra: str) -> dict:
    out = subprocess.run([sys.executable, __file__, *extra], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- orchestration ----------------------------------------------------------------------------------------
def throughput_run(latency_ms: float, orders: int, concurrency: int) -> dict:
    sims = Simulators(latency_ms)
    try:
        sims.add_orders(orders)
        sims.reset_counters()
        sims_cpu0 = sims.cpu_seconds()
        result = run_worker("--worker", "throughput", "--pluggto-url", sims.pluggto_url, "--linx-url",
                            sims.linx_url, "--concurrency", str(concurrency))
        sims_cpu = [None if a is None or b is None else b - a for a, b in zip(sims_cpu0, sims.cpu_seconds())]
        pluggto_calls, linx_calls = sims.counters()
    finally:
        sims.stop()
    n = max(result["integrated"], 1)
    k_p = sum(v for k, v in pluggto_calls.items() if k != "oauth.token") / n
    k_l = sum(linx_calls.values()) / n
    rate = result["integrated"] / result["wall"]
    latency = latency_ms / 1000
    bound = min(concurrency / (k_p * latency), concurrency / (k_l * latency)) if latency else float("inf")
    return {**result, "orders": orders, "c": concurrency, "rate": rate, "k_p": k_p, "k_l": k_l, "bound": bound,
            "pluggto_calls": pluggto_calls, "linx_calls": linx_calls,
            "sims_cpu": sims_cpu,
            "cpu_ms_per_order": result["cpu"] * 1000 / n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--latency-orders", type=int, default=200)
    parser.add_argument("--worker", choices=["throughput", "latency"], help=argparse.SUPPRESS)
    parser.add_argument("--pluggto-url", help=argparse.SUPPRESS)
    parser.add_argument("--linx-url", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--token", help=argparse.SUPPRESS)  # the listener's path token
    parser.add_argument("--serve", choices=["pluggto", "linx"], help=argparse.SUPPRESS)
    parser.add_argument("--notify-url", help=argparse.SUPPRESS)
    parser.add_argument("--products", type=int, help=argparse.SUPPRESS)  # the Linx catalogue (--serve)
    parser.add_argument("--skus", type=int, default=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve_one(args.serve, args.latency_ms, args.notify_url, args.products, args.skus)
        return
    if args.worker:
        worker(args)
        return

    n, c, latency = args.orders, args.concurrency, args.latency_ms
    print(f"# Engine benchmark: N={n} orders, L={latency:g} ms per call, c={c}   (pid {os.getpid()})\n")
    main_run = throughput_run(latency, n, c)
    base_run = throughput_run(latency, max(n // 4, 100), 1)
    print(f"throughput at c={c}:   {main_run['rate']:8.1f} orders/s   ({main_run['integrated']} orders in "
          f"{main_run['wall']:.2f} s)")
    print(f"throughput at c=1:   {base_run['rate']:8.1f} orders/s   ({base_run['integrated']} orders)")
    print(f"speed-up c={c} / c=1:  {main_run['rate'] / base_run['rate']:8.2f}x")
    print(f"calls per order:      Plug.to k_P = {main_run['k_p']:.3f}   Linx k_L = {main_run['k_l']:.3f}")
    print(f"  Plug.to calls: {main_run['pluggto_calls']}")
    print(f"  Linx calls:    {main_run['linx_calls']}")
    print(f"bound min(c/(k_P·L), c/(k_L·L)) = {main_run['bound']:.1f} orders/s")
    print(f"efficiency = achieved / bound  = {main_run['rate'] / main_run['bound']:.2f}   (target ≥ 0.8)")
    print(f"  (at c=1: {base_run['rate'] / base_run['bound']:.2f})")
    # efficiency ≈ (L / time of one call) × share of the time the Linx slots are busy
    print(f"  Linx slots busy {main_run['linx_slots_busy']:.0%} of the run; one Linx call takes "
          f"{main_run['linx_call_ms_p50']:.1f} ms (median) for L = {latency:g} ms")
    if None not in main_run["sims_cpu"]:
        # the remotes' own CPU is part of every call's time here; on a 2-core machine it competes
        # with the engine, which real remote servers would not
        wall = main_run["wall"]
        engine_share, (p_sim, l_sim) = main_run["cpu"] / wall, (t / wall for t in main_run["sims_cpu"])
        print(f"  CPU busy during the c={c} run (cores): engine {engine_share:.2f}, Plug.to simulator "
              f"{p_sim:.2f}, Linx simulator {l_sim:.2f}; this machine has {os.cpu_count()} cores")
    print()

    small = throughput_run(0, max(n // 4, 100), c)
    large = throughput_run(0, n, c)
    print("with L=0 (engine cost):")
    print(f"  CPU per order:  {large['cpu_ms_per_order']:.2f} ms   (N={n})   {small['cpu_ms_per_order']:.2f} ms "
          f"(N={small['orders']})")
    print(f"  peak RSS:       {large['peak_rss_mb']:.1f} MB (N={n})   "
          f"{small['peak_rss_mb']:.1f} MB (N={small['orders']})"
          f"   ratio {large['peak_rss_mb'] / small['peak_rss_mb']:.2f}   (target < 150 MB, flat in N)")
    print(f"  throughput:     {large['rate']:.0f} orders/s\n")

    port, token = free_port(), new_token()
    sims = Simulators(latency, notify_url=listener_url("127.0.0.1", port, token))
    try:
        lat = run_worker("--worker", "latency", "--pluggto-url", sims.pluggto_url, "--linx-url", sims.linx_url,
                         "--port", str(port), "--token", token, "--orders", str(args.latency_orders))
    finally:
        sims.stop()
    print(f"notification → created in Linx (L={latency:g} ms, {lat['count']}/{lat['expected']} orders): "
          f"p50 {lat['p50_ms']:.0f} ms   p95 {lat['p95_ms']:.0f} ms")


if __name__ == "__main__":
    main()

"""Catalogue sync: first full publish, a no-change reconcile, a 1% stock change.

    uv run python bench/products.py [--products 5000] [--skus 4] [--latency-ms 20] [--concurrency 4]

The Plug.to and Linx simulators run in processes of their own on loopback, with a latency L per
call; the Linx one holds a generated catalogue of N products × S SKUs. The engine's product sync
runs in this process. Printed:

* the first full sync: time, calls per product to each API (k), the bound min(c/(k_P·L),
  c/(k_L·L)) and the efficiency achieved/bound;
* a no-change reconcile right after: its writes (target: zero) and its time as a share of the
  first sync (target < 10%);
* 1% of the SKUs get a new stock in the store, then a reconcile: the stock updates it sent
  (target: exactly those SKUs, no product PUT).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# bench/engine.py: the simulators in processes of their own, the engine wired to them
from engine import Simulators, build_engine, close  # noqa: E402

WRITES = ("skus.put", "skus.stock")


async def run(args: argparse.Namespace) -> None:
    n, c, latency = args.products, args.concurrency, args.latency_ms / 1000
    sims = Simulators(args.latency_ms, products=n, skus=args.skus)
    try:
        engine = build_engine(sims.pluggto_url, sims.linx_url, c, Path(tempfile.mkdtemp()) / "bench.db",
                              product_sync=True, product_queue_id=8)
        await engine.pluggto.authenticate()
        sims.reset_counters()

        t0 = time.perf_counter()
        first = await engine.reconcile_products()
        first_s = time.perf_counter() - t0
        p_calls, l_calls = sims.counters()
        k_p = sum(p_calls.values()) / n
        k_l = sum(l_calls.values()) / n
        bound = min(c / (k_p * latency), c / (k_l * latency))
        rate = n / first_s
        print(f"# Product sync: {n} products × {args.skus} SKUs, L={args.latency_ms:g} ms, c={c}\n")
        print(f"first full sync:   {first_s:7.2f} s   {rate:6.1f} products/s   ({first.full} sent, "
              f"{first.attention} need attention)")
        print(f"  calls per product: Plug.to k_P = {k_p:.3f} {p_calls}   Linx k_L = {k_l:.3f} {l_calls}")
        print(f"  bound min(c/(k_P·L), c/(k_L·L)) = {bound:.1f} products/s   efficiency = {rate / bound:.2f}")

        sims.reset_counters()
        t0 = time.perf_counter()
        again = await engine.reconcile_products()
        again_s = time.perf_counter() - t0
        p_calls, l_calls = sims.counters()
        writes = sum(p_calls.get(op, 0) for op in WRITES)
        print(f"no-change reconcile: {again_s:6.2f} s = {100 * again_s / first_s:.1f}% of the first sync "
              f"(target < 10%)   writes: {writes} (target 0)   reads: Linx {sum(l_calls.values())}, "
              f"unchanged {again.unchanged}")

        # 1% of the SKUs get a new stock in the store
        rng = random.Random(5)
        all_skus = [f"P{10_000 + p}-{s}" for p in range(n) for s in range(args.skus)]
        changed = rng.sample(all_skus, max(1, len(all_skus) // 100))
        async with httpx.AsyncClient(timeout=30) as admin:
            for sku in changed:
                product_id = int(sku.split("-")[0][1:])
                answer = await admin.post(f"{sims.linx_url}/_sim/products/{product_id}/stock",
                                          json={"sku": sku, "warehouse_id": 1, "qty": 1000 + rng.randint(0, 99)})
                answer.raise_for_status()
        sims.reset_counters()
        t0 = time.perf_counter()
        await engine.reconcile_products()
        stock_s = time.perf_counter() - t0
        p_calls, _ = sims.counters()
        print(f"1% stock change ({len(changed)} SKUs): {stock_s:6.2f} s   stock updates sent: "
              f"{p_calls.get('skus.stock', 0)}   product PUTs: {p_calls.get('skus.put', 0)}   "
              f"(target: exactly {len(changed)} and 0)")
        await close(engine)
    finally:
        sims.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=5000)
    parser.add_argument("--skus", type=int, default=4)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    asyncio.run(run(args))


if __name__ == "__main__":
    main()

"""The Conferência's cost: calls, time, and how close to what the calls allow.

    uv run python bench/audit.py [--orders 10000] [--latency-ms 20] [--concurrency 4]

Both simulators run on loopback in processes of their own (bench/engine.py's plumbing). The store
is filled first with latency 0 (a full sync of N approved orders), then the latency L is set and
the audit of the whole period runs in a fresh worker process, so its peak RSS is its own. Printed:

* the calls made to each side, against the expected N/100 (Plug.to pages) and N/500 (Linx pages);
* the time, side by side with the time the same clients take to read the same pages doing
  nothing with them (the calls' own cost: latency, the simulators serialising, JSON decoding) —
  the ratio bare/time is 1.0 when the audit adds nothing to its calls;
* the floor latency alone sets: Plug.to's pages follow each other (the ``next`` cursor), so
  ceil(N/100)·L; Linx's first page comes alone and the others c at a time, (1 + ceil((P−1)/c))·L;
  both sides are read at once, so the larger of the two;
* peak RSS for N/4 and N orders, side by side (what grows with N is a small projection per order,
  never the payloads).

Machines here are noisy: compare the ratios printed side by side, not absolute numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from engine import Simulators, build_engine, close  # noqa: E402

from pluggto_desktop.engine.audit import LINX_PAGE, MARGIN, PLUGGTO_PAGE  # noqa: E402
from pluggto_desktop.linx import contract as c  # noqa: E402
from pluggto_desktop.linx import where as w  # noqa: E402


def set_latency(sims: Simulators, latency_ms: float) -> None:
    for url in (sims.pluggto_url, sims.linx_url):
        httpx.put(f"{url}/_sim/faults", json={"latency_ms": latency_ms}).raise_for_status()


async def fill(sims: Simulators, db: Path, n: int) -> None:
    """N approved orders, synced into the store once (latency 0: this is not what is measured)."""
    for start in range(0, n, 10_000):
        sims.add_orders(min(10_000, n - start))
    engine = build_engine(sims.pluggto_url, sims.linx_url, 4, db, first_run_lookback_days=90, website_id=1)
    summary = await engine.run_once()
    await close(engine)
    if summary.counts.get("integrated", 0) < n:
        raise SystemExit(f"the store holds {summary.counts} of {n} orders")


async def bare_read(engine, start: datetime, end: datetime, concurrency: int) -> float:
    """The same pages read by the same clients with nothing done to them: what the calls cost."""
    t0 = time.perf_counter()

    async def pluggto() -> None:
        cursor = None
        while True:
            page = await engine.pluggto.list_orders(created=(start - MARGIN, end), limit=PLUGGTO_PAGE, next=cursor)
            if not page.next_cursor:
                return
            cursor = page.next_cursor

    async def linx() -> None:
        where = w.and_(w.eq(c.ORDER_WEBSITE_ID, 1), w.ge(c.ORDER_CREATED_DATE, start),
                       w.le(c.ORDER_CREATED_DATE, end + MARGIN))
        limit = asyncio.Semaphore(concurrency)

        async def page(index: int) -> int:
            async with limit:
                found = await engine.linx.search_orders(where, page_index=index, page_size=LINX_PAGE,
                                                        order_by=c.ORDER_CREATED_DATE)
                return found.page_count  # the page itself is dropped: this read holds no more than c

        pages = await page(0)
        await asyncio.gather(*(page(i) for i in range(1, pages)))

    await asyncio.gather(pluggto(), linx())
    return time.perf_counter() - t0


async def audit_once(pluggto_url: str, linx_url: str, db: Path, concurrency: int, days: float) -> dict:
    engine = build_engine(pluggto_url, linx_url, concurrency, db, website_id=1)
    await engine.pluggto.authenticate()  # the token is not part of the measurement
    end = datetime.now(UTC) + timedelta(hours=1)
    bare = await bare_read(engine, end - timedelta(days=days), end, concurrency)
    t0 = time.perf_counter()
    report = await engine.audit(end - timedelta(days=days), end)
    wall = time.perf_counter() - t0
    await close(engine)
    return {"wall": wall, "bare": bare, "counts": report.counts, "pluggto_calls": report.pluggto_calls,
            "linx_calls": report.linx_calls, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def worker(args: argparse.Namespace) -> None:
    result = asyncio.run(audit_once(args.pluggto_url, args.linx_url, Path(args.db), args.concurrency, args.days))
    print(json.dumps(result))


def run_worker(*extra: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--worker", *extra], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(n: int, latency_ms: float, concurrency: int, folder: Path) -> dict:
    sims = Simulators(0.0)
    try:
        db = folder / f"audit-{n}.db"
        asyncio.run(fill(sims, db, n))
        set_latency(sims, latency_ms)
        days = n * 5 / 1440 + 2  # the generator spaces orders 5 minutes apart
        return run_worker("--pluggto-url", sims.pluggto_url, "--linx-url", sims.linx_url, "--db", str(db),
                          "--concurrency", str(concurrency), "--days", str(days))
    finally:
        sims.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--pluggto-url", help=argparse.SUPPRESS)
    parser.add_argument("--linx-url", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--days", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    n, latency, c = args.orders, args.latency_ms / 1000, args.concurrency
    with tempfile.TemporaryDirectory() as tmp:
        small = measure(max(1, n // 4), args.latency_ms, c, Path(tmp))
        big = measure(n, args.latency_ms, c, Path(tmp))
    pages_p, pages_l = math.ceil(n / PLUGGTO_PAGE), math.ceil(n / LINX_PAGE)
    bound = max(pages_p * latency, (1 + math.ceil((pages_l - 1) / c)) * latency)
    print(f"Conferência of N={n} orders, L={args.latency_ms:g} ms, c={c}")
    print(f"  classes: {big['counts']}")
    print(f"  Plug.to calls: {big['pluggto_calls']} (expected N/100 = {pages_p}); "
          f"Linx calls: {big['linx_calls']} (expected N/500 = {pages_l})")
    print(f"  time: {big['wall']:.2f} s; the same calls with nothing done to their pages: {big['bare']:.2f} s "
          f"(ratio {big['bare'] / big['wall']:.2f}); latency alone allows {bound:.2f} s")
    print(f"  peak RSS: N/4 = {small['peak_rss_mb']:.1f} MB, N = {big['peak_rss_mb']:.1f} MB "
          f"(ratio {big['peak_rss_mb'] / small['peak_rss_mb']:.2f})")


if __name__ == "__main__":
    main()

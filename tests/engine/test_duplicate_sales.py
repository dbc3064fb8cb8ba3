"""One marketplace sale, two Plug.to orders: one store order, and the merchant is told.

Plug.to can hold the same sale twice (a re-import, a channel glitch). The store must get it once,
and the copy must not be acknowledged as "integrated" on the strength of the other order's
store order: it needs attention, with both Plug.to ids named, so the merchant can ignore it.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from pluggto_desktop.domain.models import parse_order
from pluggto_desktop.engine.config import EngineConfig
from pluggto_desktop.engine.orders import linx_key

from .harness import FALLBACK_CNPJ, Harness, harness, prop

pytestmark = pytest.mark.anyio


def twin_of(h: Harness, order: dict[str, Any], tail: str = "ffff") -> dict[str, Any]:
    """The same sale again, under another Plug.to id (as Plug.to received it: what the connector
    wrote on the first one — ack, external id, log — is not copied)."""
    twin = copy.deepcopy(order)
    twin["id"] = order["id"][: -len(tail)] + tail
    for written_by_us in ("ack", "external", "log_history"):
        twin.pop(written_by_us, None)
    return h.pluggto_sim.add_order(twin, touch=True)


async def settled(h: Harness, orders: list[dict[str, Any]]) -> bool:
    for order in orders:
        job = await h.job(order["id"])
        if job is None or job.state not in ("integrated", "needs_attention"):
            return False
    return True


async def assert_one_integrated_one_flagged(h: Harness, first: dict[str, Any], twin: dict[str, Any]) -> None:
    jobs = {o["id"]: await h.job(o["id"]) for o in (first, twin)}
    states = sorted(j.state for j in jobs.values())
    assert states == ["integrated", "needs_attention"], [(j.key, j.state, j.reason_code) for j in jobs.values()]
    owner = next(j for j in jobs.values() if j.state == "integrated")
    copy_ = next(j for j in jobs.values() if j.state == "needs_attention")
    [linx_order] = h.linx_orders_for(first)  # exactly one store order for the sale
    assert prop(linx_order, "PluggtoOrderID") == owner.key
    assert owner.linx_order_id == linx_order["OrderID"]
    assert copy_.reason_code == "duplicate_marketplace_order"
    assert copy_.params["other_pluggto_id"] == owner.key
    assert copy_.linx_order_id is None  # the copy did not take the other order's store order
    # the merchant reads it in Plug.to too, and the copy is not acknowledged as integrated
    pluggto_copy = h.pluggto_sim.orders[copy_.key]
    assert not pluggto_copy.get("ack")
    assert any(owner.key in entry["message"] for entry in pluggto_copy.get("log_history") or [])


@pytest.mark.parametrize("batch_size", [8, 1], ids=["same batch", "concurrent batches"])
async def test_a_sale_sent_twice_at_once_is_created_once_and_the_copy_flagged(tmp_path: Path, batch_size: int) -> None:
    config = EngineConfig(fallback_cnpj=FALLBACK_CNPJ, retry_base_s=0.01, retry_cap_s=0.05,
                         poll_interval_s=0.2, batch_size=batch_size, concurrency=4)
    async with harness(tmp_path, config=config) as h:
        firsts = [h.add_order(i, status="approved", skus=["CAM-AZUL-M"]) for i in range(4)]
        twins = [twin_of(h, o) for o in firsts]
        await h.engine.start()
        await h.run_until(lambda: settled(h, firsts + twins), timeout=20)
        for first, twin in zip(firsts, twins):
            await assert_one_integrated_one_flagged(h, first, twin)
        assert h.linx_sim.duplicates() == {}
        assert h.linx_sim.counters["SaveOrder"] == 4


async def test_a_copy_arriving_later_is_flagged_not_adopted(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        first = h.add_order(0, status="approved", skus=["CAM-AZUL-M"])
        await h.engine.run_once()
        assert (await h.job(first["id"])).state == "integrated"
        twin = twin_of(h, first)
        summary = await h.engine.run_once()
        await assert_one_integrated_one_flagged(h, first, twin)
        assert h.linx_sim.counters["SaveOrder"] == 1
        assert summary.counts["needs_attention"] == 1
        events = [e.type for e in await h.store.events((await h.job(twin["id"])).id)]
        assert "found_in_linx" not in events and "integrated" not in events


async def test_a_store_order_without_plugto_id_held_by_another_job_is_not_shared(tmp_path: Path) -> None:
    """A sale keyed in by hand in the store (no PluggtoOrderID): the first Plug.to order adopts
    it, as the business rules say; a second Plug.to order for the sale must not adopt it too."""
    async with harness(tmp_path) as h:
        first = h.add_order(0, status="approved", skus=["CAM-AZUL-M"])
        original, brand = linx_key(parse_order(first))
        by_hand = h.linx_sim.add_foreign_order(original_order_id=original, brand=brand, sku="CAM-AZUL-M")
        await h.engine.run_once()
        owner = await h.job(first["id"])
        assert owner.state == "integrated" and owner.linx_order_id == by_hand
        twin = twin_of(h, first)
        await h.engine.run_once()
        copy_ = await h.job(twin["id"])
        assert copy_.state == "needs_attention" and copy_.reason_code == "duplicate_marketplace_order"
        assert copy_.params["other_pluggto_id"] == first["id"]
        assert h.linx_sim.counters.get("SaveOrder", 0) == 0


async def test_ignoring_the_flagged_copy_leaves_the_sale_alone(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        first = h.add_order(0, status="approved", skus=["CAM-AZUL-M"])
        await h.engine.run_once()
        twin = twin_of(h, first)
        await h.engine.run_once()
        copy_ = await h.job(twin["id"])
        assert await h.engine.ignore_job(copy_.id, "cópia no Plug.to")
        await h.engine.run_once()
        assert (await h.job(twin["id"])).state == "ignored"
        assert (await h.job(first["id"])).state == "integrated"
        assert len(h.linx_orders_for(first)) == 1


@pytest.mark.parametrize("batch_size", [8, 1], ids=["same batch", "concurrent batches"])
async def test_one_pass_settles_both_copies_without_waiting_for_a_timer(tmp_path: Path, batch_size: int) -> None:
    """``sync --once`` makes a single pass: the copy that waited for the sale is looked at again
    as soon as the first job's outcome is written, in the same pass (it used to be left queued
    for the next run, so the pass ended with "run again" instead of naming the copy)."""
    config = EngineConfig(fallback_cnpj=FALLBACK_CNPJ, batch_size=batch_size, concurrency=4)
    async with harness(tmp_path, config=config) as h:
        first = h.add_order(0, status="approved", skus=["CAM-AZUL-M"])
        twin = twin_of(h, first)
        # a store that answers in 50 ms keeps the first job in flight while the copy is claimed
        # (in-process, the first job could otherwise finish before the second batch starts)
        h.linx_sim.set_faults(latency_ms=50)
        summary = await h.engine.run_once()
        await assert_one_integrated_one_flagged(h, first, twin)
        assert summary.counts.get("queued", 0) == 0 and summary.counts["needs_attention"] == 1
        copy_events = [e.type for e in await h.store.events((await h.job(twin["id"])).id)]
        assert "sale_busy" in copy_events  # it really had to wait for the other job

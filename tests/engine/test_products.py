"""Products against the simulators: publish, reconcile with no change, stock-only updates."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from pluggto_desktop.domain.products import ProductRules
from pluggto_desktop.engine.config import EngineConfig
from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator
from pluggto_desktop.store.jobs import JobQuery

from .harness import FALLBACK_CNPJ, harness

pytestmark = pytest.mark.anyio


def config(**kw) -> EngineConfig:
    return EngineConfig(fallback_cnpj=FALLBACK_CNPJ, retry_base_s=0.01, retry_cap_s=0.05, product_queue_id=8, **kw)


def writes(sim: PluggtoSimulator) -> tuple[int, int]:
    return sim.counters["skus.put"], sim.counters["skus.stock"]


def plug_product(sim: PluggtoSimulator, sku: str) -> dict | None:
    """The Plug.to product, or the variation when ``sku`` is a variation's."""
    found = sim.find_sku(sku)
    if found is None:
        return None
    product, variation = found
    return variation or product


async def test_the_catalogue_is_published_completely_with_variations(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        counts = await h.engine.reconcile_products()
        linx_products = h.linx_sim.products()
        assert counts.products == len(linx_products) and counts.full == len(linx_products)
        assert h.pluggto_sim.counters["skus.put"] == len(linx_products)
        shirt = plug_product(h.pluggto_sim, "CAM-AZUL")
        assert sorted(v["sku"] for v in shirt["variations"]) == ["CAM-AZUL-G", "CAM-AZUL-GG", "CAM-AZUL-M",
                                                                  "CAM-AZUL-P"]
        linx_shirt = next(p for p in linx_products if p["IntegrationID"] == "CAM-AZUL")
        for linx_sku in linx_shirt["SKUs"]:
            variation = next(v for v in shirt["variations"] if v["sku"] == linx_sku["SKU"])
            stock = next(i["StockBalance"] for i in linx_sku["Inventory"] if i["WarehouseID"] == 1)
            assert variation["quantity"] == stock and variation["price"] == linx_sku["ListPrice"]
            assert {a["label"] for a in variation["attributes"]} == {"Cor", "Tamanho"}
        mug = plug_product(h.pluggto_sim, "CANECA-01")
        assert not mug.get("variations") and mug["special_price"] == 34.9
        jobs = await h.store.counts("product")
        assert jobs["integrated"] == len(linx_products)


async def test_a_second_reconcile_without_changes_writes_nothing_anywhere(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        await h.engine.reconcile_products()
        before = writes(h.pluggto_sim)

        def local_state() -> tuple:
            conn = h.store.sync.conn
            return (conn.execute("SELECT MAX(id) FROM job_events").fetchone()[0],
                    conn.execute("SELECT MAX(updated_at) FROM jobs WHERE kind = 'product'").fetchone()[0])

        local = await h.store.run(local_state)
        counts = await h.engine.reconcile_products()
        assert writes(h.pluggto_sim) == before  # zero write calls to Plug.to
        assert counts.unchanged == counts.products and counts.full == counts.stock == 0
        assert await h.store.run(local_state) == local  # and nothing rewritten locally


async def test_a_stock_change_sends_exactly_those_stock_updates(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config(product_rules=ProductRules(stock_reserve=1))) as h:
        await h.engine.reconcile_products()
        while h.linx_sim.queue_items(8):  # the initial catalogue may sit on the feed
            await h.linx.dequeue([i["QueueItemID"] for i in h.linx_sim.queue_items(8)])
        puts, stocks = writes(h.pluggto_sim)
        h.linx_sim.set_stock("CAM-AZUL-M", 1, 40)
        h.linx_sim.set_stock("CANECA-01", 1, 0)
        h.linx_sim.set_stock("CAM-AZUL-P", 2, 99)  # another warehouse: not ours
        await h.engine.run_once()  # the product feed names the changed products
        assert writes(h.pluggto_sim) == (puts, stocks + 2)
        assert plug_product(h.pluggto_sim, "CAM-AZUL-M")["quantity"] == 39  # hold-back of 1
        assert plug_product(h.pluggto_sim, "CANECA-01")["quantity"] == 0
        assert h.linx_sim.queue_items(8) == []
        # a full reconcile afterwards finds nothing left to send
        await h.engine.reconcile_products()
        assert writes(h.pluggto_sim) == (puts, stocks + 2)


async def test_a_price_change_resends_only_that_product(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        await h.engine.reconcile_products()
        puts, stocks = writes(h.pluggto_sim)
        h.linx_sim.set_price("FONE-BT", list_price=159.0, retail_price=139.0)
        await h.engine.reconcile_products()
        assert writes(h.pluggto_sim) == (puts + 1, stocks)
        assert plug_product(h.pluggto_sim, "FONE-BT")["price"] == 159.0


async def test_a_deactivated_sku_leaves_the_variations_with_stock_zero(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        await h.engine.reconcile_products()
        h.linx_sim.deactivate(sku="CAM-PRETO-GG")
        puts, stocks = writes(h.pluggto_sim)
        await h.engine.reconcile_products()
        assert writes(h.pluggto_sim) == (puts + 1, stocks + 1)
        assert plug_product(h.pluggto_sim, "CAM-PRETO-GG")["quantity"] == 0
        await h.engine.reconcile_products()
        assert writes(h.pluggto_sim) == (puts + 1, stocks + 1)  # once


async def test_a_product_plugto_refuses_needs_attention_with_its_reason(tmp_path: Path) -> None:
    sim = PluggtoSimulator(seed=3, reject_skus=["MOCHILA-URB"])
    async with harness(tmp_path, config=config(), pluggto_sim=sim) as h:
        counts = await h.engine.reconcile_products()
        assert counts.attention == 1
        job = await h.store.find("product", "MOCHILA-URB")
        assert job.state == "needs_attention" and job.reason_code == "product_rejected"
        assert "MOCHILA-URB" in job.reason_message and job.reason_hint
        # Plug.to accepts it once fixed; Reenviar publishes it
        sim.reject_skus = set()
        assert await h.engine.retry_jobs([job.id]) == 1
        await h.engine._drain_products()
        assert (await h.store.find("product", "MOCHILA-URB")).state == "integrated"


async def test_an_incomplete_product_is_explained_and_not_sent(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        h.linx_sim.set_price("LIVRO-PY", list_price=0, retail_price=0)
        await h.engine.reconcile_products()
        job = await h.store.find("product", "LIVRO-PY")
        assert job.state == "needs_attention" and job.reason_code == "product_invalid"
        assert "preço" in job.reason_message
        assert plug_product(h.pluggto_sim, "LIVRO-PY") is None


async def test_transient_failures_retry_product_jobs_until_published(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        h.pluggto_sim.set_faults(fail_rate=1.0, only_ops=["skus.put"])
        counts = await h.engine.reconcile_products()
        assert counts.retry == len(h.linx_sim.products())
        h.pluggto_sim.clear_faults()
        for job in await h.store.list_jobs(JobQuery(kind="product")):
            await h.store.apply(job.id, next_attempt_at=0)
        await h.engine._drain_products()
        assert (await h.store.counts("product"))["integrated"] == len(h.linx_sim.products())


async def test_filters_of_the_channel(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config(product_rules=ProductRules(include_categories=("Moda",)))) as h:
        counts = await h.engine.reconcile_products()
        assert counts.full == 5 and counts.skipped == len(h.linx_sim.products()) - 5  # 4 shirts + 1 bag
        assert plug_product(h.pluggto_sim, "CANECA-01") is None


async def test_a_reconcile_cancelled_midway_leaves_no_product_call_running(tmp_path: Path) -> None:
    """A pass cancelled (the engine stops, the language or settings change) must take its product
    calls with it: left running, they would hit clients being closed and fail unseen."""
    async with harness(tmp_path, config=config()) as h:
        h.pluggto_sim.set_faults(latency_ms=200)
        before = asyncio.all_tasks()
        reconcile = asyncio.ensure_future(h.engine.reconcile_products())
        while h.pluggto_sim.counters["skus.put"] == 0 and h.pluggto_sim.counters["skus.get"] == 0:
            await asyncio.sleep(0.01)  # product calls are under way
        reconcile.cancel()
        with pytest.raises(asyncio.CancelledError):
            await reconcile
        leftovers = [t for t in asyncio.all_tasks() - before if not t.done() and t is not asyncio.current_task()]
        assert leftovers == []

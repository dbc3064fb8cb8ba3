"""End to end against both simulators: the Linx store must hold exactly the right orders, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from pluggto_desktop.domain import cnpj
from pluggto_desktop.engine.config import EngineConfig
from pluggto_desktop.linx import contract as c
from pluggto_desktop.simulator.catalogue import MARKETPLACES, UNKNOWN_SKU
from pluggto_desktop.simulator.orders_gen import INTERMEDIARY_VARIANTS, classify_intermediary_variant

from .harness import FALLBACK_CNPJ, harness, prop

pytestmark = pytest.mark.anyio
MARKETPLACE_CNPJ = {m.channel: m.cnpj for m in MARKETPLACES}


def expected_intermediary(order: dict) -> tuple[str, str]:
    """(CNPJ, source) the Linx order must carry, per business-rules §6."""
    variant = classify_intermediary_variant(order)
    if variant.startswith("valid"):
        return cnpj.normalize(order["sale_intermediary"]), "order"
    return FALLBACK_CNPJ, "channel"


async def test_realistic_batch_lands_exactly_once_with_the_right_intermediary(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        # every intermediary variant, from several marketplaces, approved
        approved = [h.add_order(i, status="approved", intermediary=v, channel=MARKETPLACES[i % 5].channel,
                                skus=["CAM-AZUL-M", ("CANECA-01", 2)])
                    for i, v in enumerate(INTERMEDIARY_VARIANTS * 2)]
        pending = h.add_order(20, status="pending", skus=["CAM-PRETO-G"])
        canceled_early = h.add_order(21, status="canceled", skus=["CAM-BRANCO-P"])
        to_cancel_later = h.add_order(22, status="approved", skus=["FONE-BT"])
        unknown = h.add_order(23, status="approved", skus=[UNKNOWN_SKU, "CAM-AZUL-P"])
        variation = h.add_order(24, status="waiting_invoice", skus=["CAM-VERMELHO-GG"])
        assert {classify_intermediary_variant(o) for o in approved} == set(INTERMEDIARY_VARIANTS)

        first = await h.engine.run_once()
        assert first.credential_error is None and first.poll_error is None

        for order in approved + [to_cancel_later, variation]:
            [linx_order] = h.linx_orders_for(order)  # exactly one each
            value, source = expected_intermediary(order)
            assert prop(linx_order, c.PROP_INTERMEDIARY_CNPJ) == value
            assert prop(linx_order, c.PROP_INTERMEDIARY_CNPJ_SOURCE) == source
            assert prop(linx_order, c.PROP_PLUGGTO_ORDER_ID) == order["id"]
            job = await h.job(order["id"])
            assert job.state == "integrated" and job.acked == 1
            stored = h.pluggto_sim.orders[order["id"]]
            assert stored["ack"] is True and stored["external"] == linx_order["OrderID"]

        # the variation item went to Linx as the sold size, not the parent
        [linx_variation] = h.linx_orders_for(variation)
        assert [i["SKU"] for i in linx_variation["Items"]] == ["CAM-VERMELHO-GG"]

        assert (await h.job(pending["id"])).state == "waiting_payment"
        assert (await h.job(canceled_early["id"])).state == "canceled"
        assert h.linx_orders_for(pending) == [] and h.linx_orders_for(canceled_early) == []

        # unknown SKU: attention with a readable pt-BR reason, and the same words in Plug.to
        job = await h.job(unknown["id"])
        assert job.state == "needs_attention" and job.reason_code == "unknown_sku"
        assert UNKNOWN_SKU in job.reason_message and "Reenviar" in job.reason_hint
        log_history = h.pluggto_sim.orders[unknown["id"]]["log_history"]
        assert len(log_history) == 1 and UNKNOWN_SKU in log_history[0]["message"]
        assert h.linx_orders_for(unknown) == []

        # later: the buyer pays, one order is canceled after integration
        h.pluggto_sim.set_status(pending["id"], "approved")
        h.pluggto_sim.set_status(to_cancel_later["id"], "canceled")
        await h.engine.run_once()
        assert (await h.job(pending["id"])).state == "integrated"
        assert len(h.linx_orders_for(pending)) == 1
        job = await h.job(to_cancel_later["id"])
        assert job.state == "canceled"
        [linx_canceled] = h.linx_orders_for(to_cancel_later)
        assert linx_canceled["GlobalStatus"] == c.STATUS_CANCELLED

        # a third pass changes nothing, and Linx never holds a duplicate
        calls_before = sum(h.linx_sim.counters[op] for op in ("SaveOrder", "UpdateOrder"))
        await h.engine.run_once()
        assert sum(h.linx_sim.counters[op] for op in ("SaveOrder", "UpdateOrder")) == calls_before
        assert h.linx_sim.duplicates() == {}
        # the unknown-SKU reason was written to Plug.to once, not on every pass
        assert len(h.pluggto_sim.orders[unknown["id"]]["log_history"]) == 1


async def test_missing_intermediary_without_fallback_needs_attention(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        h.config.fallback_cnpj = None
        order = h.add_order(1, status="approved", intermediary="missing", channel="LojaNova",
                            skus=["CAM-AZUL-M"])
        await h.engine.run_once()
        job = await h.job(order["id"])
        assert job.state == "needs_attention" and job.reason_code == "intermediary_cnpj_missing"
        assert "LojaNova" in job.reason_message
        assert h.linx_orders_for(order) == []

        # the user sets the per-marketplace CNPJ and clicks Reenviar
        h.config.marketplace_cnpjs = {"Loja Nova": "03.007.331/0001-41"}
        await h.engine.retry_jobs([job.id])
        await h.engine.run_once()
        [linx_order] = h.linx_orders_for(order)
        assert prop(linx_order, c.PROP_INTERMEDIARY_CNPJ) == "03007331000141"
        assert prop(linx_order, c.PROP_INTERMEDIARY_CNPJ_SOURCE) == "marketplace_table"


async def test_fixing_the_sku_and_resending_integrates(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        order = h.add_order(2, status="approved", skus=[UNKNOWN_SKU])
        await h.engine.run_once()
        job = await h.job(order["id"])
        assert job.state == "needs_attention"
        h.linx_sim.add_sku(UNKNOWN_SKU, name="Camiseta Verde XG")
        assert await h.engine.retry_jobs([job.id]) == 1
        await h.engine.run_once()
        assert (await h.job(order["id"])).state == "integrated"
        assert len(h.linx_orders_for(order)) == 1


async def test_an_order_created_before_a_crash_is_adopted_not_duplicated(tmp_path: Path) -> None:
    """SaveOrder ran but its answer was lost: the next attempt must find it, not create it."""
    # a long retry delay, so the second attempt happens when the test says, not within the pass
    config = EngineConfig(fallback_cnpj=FALLBACK_CNPJ, retry_base_s=60, retry_cap_s=60)
    async with harness(tmp_path, config=config) as h:
        orders = [h.add_order(i, status="approved", skus=["CAM-AZUL-M"]) for i in range(6)]
        h.linx_sim.set_faults(fail_after_rate=1.0, only_ops=["SaveOrder"])
        await h.engine.run_once()
        assert {(await h.job(o["id"])).state for o in orders} == {"retry_wait"}
        assert all(len(h.linx_orders_for(o)) == 1 for o in orders)  # created, answer lost
        h.linx_sim.clear_faults()
        for o in orders:
            job = await h.job(o["id"])
            await h.store.apply(job.id, next_attempt_at=0)
        await h.engine.run_once()
        for o in orders:
            job = await h.job(o["id"])
            assert job.state == "integrated"
            assert len(h.linx_orders_for(o)) == 1
            events = [e.type for e in await h.store.events(job.id)]
            assert "found_in_linx" in events
        assert h.linx_sim.counters["SaveOrder"] == 6  # never a second SaveOrder


async def test_the_linx_search_is_batched(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        h.add_orders(40, unknown_sku_share=0.0, status_weights={"approved": 1.0})
        await h.engine.run_once()
        assert h.linx_sim.counters["SaveOrder"] == 40
        # one search per batch of 8 due jobs, not one per order
        assert h.linx_sim.counters["SearchOrders"] <= 40 / h.config.batch_size + 1
        # calls per created order: at most 2 on each side (+ the poll and the token)
        assert h.pluggto_sim.counters["orders.update"] == 40
        assert h.pluggto_sim.counters["orders.get"] == 0  # the poll brought them in full


async def test_every_timeline_entry_has_its_english_text(tmp_path: Path) -> None:
    """The timeline is stored in pt-BR; an English UI shows data["en"] (present.jobs.event_text)."""
    from pluggto_desktop.present.jobs import event_text
    from pluggto_desktop.store.jobs import JobQuery

    async with harness(tmp_path) as h:
        h.add_orders(25, unknown_sku_share=0.2)
        h.config.fallback_cnpj = None
        await h.engine.run_once()
        missing = []
        for job in await h.store.list_jobs(JobQuery(), limit=100):
            for event in await h.store.events(job.id):
                english = event_text(event, "en")
                if english == event.message:
                    missing.append((event.type, event.message))
        assert missing == []

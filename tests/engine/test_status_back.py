"""Status back against the simulators: the store invoices, ships, delivers, cancels → Plug.to."""

from __future__ import annotations

from pathlib import Path

import pytest

from pluggto_desktop.domain.reasons import render
from pluggto_desktop.engine.config import EngineConfig
from pluggto_desktop.linx.dates import parse_date

from .harness import FALLBACK_CNPJ, harness

pytestmark = pytest.mark.anyio
WRITES = ("orders.update",)


def config() -> EngineConfig:
    return EngineConfig(fallback_cnpj=FALLBACK_CNPJ, retry_base_s=0.01, retry_cap_s=0.05, order_queue_id=7,
                        product_sync_enabled=False)


async def integrated(h, index: int, **kw) -> tuple[dict, dict]:
    """An approved order created in the store by the engine: (Plug.to order, Linx order)."""
    order = h.add_order(index, status="approved", skus=["CAM-AZUL-M"], **kw)
    await h.engine.run_once()
    [linx_order] = h.linx_orders_for(order)
    return order, linx_order


def plug(h, order: dict) -> dict:
    return h.pluggto_sim.orders[order["id"]]


def writes(h) -> int:
    return sum(h.pluggto_sim.counters[op] for op in WRITES)


async def test_invoice_then_tracking_then_delivery_echo_the_shipment_id(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        order, linx_order = await integrated(h, 1)
        shipment_id = plug(h, order)["shipments"][0]["id"]
        h.linx_sim.invoice(linx_order["OrderID"])
        await h.engine.run_once()
        stored = plug(h, order)
        assert stored["status"] == "invoiced"
        assert len(stored["shipments"]) == 1 and stored["shipments"][0]["id"] == shipment_id  # no duplicate
        invoice = h.linx_sim.order(linx_order["OrderID"])["OrderInvoice"]
        assert stored["shipments"][0]["nfe_key"] == invoice["Code"] and len(invoice["Code"]) == 44
        assert stored["shipments"][0]["nfe_number"] == invoice["Number"]
        assert stored["shipments"][0]["nfe_date"].endswith("Z")
        assert h.linx_sim.queue_items(7) == []  # dequeued after Plug.to accepted

        h.linx_sim.ship(linx_order["OrderID"], tracking_number="QC123456729BR")
        await h.engine.run_once()
        stored = plug(h, order)
        assert stored["status"] == "shipping_informed"
        assert len(stored["shipments"]) == 1 and stored["shipments"][0]["track_code"] == "QC123456729BR"
        # the carrier is where Linx keeps it: on the order's delivery method
        carrier = h.linx_sim.order(linx_order["OrderID"])["DeliveryMethods"][0]["CarrierName"]
        assert carrier and stored["shipments"][0]["shipping_company"] == carrier
        assert stored["shipments"][0]["status"] == "shipped"  # the shipment's own status travels too

        h.linx_sim.deliver(linx_order["OrderID"])
        await h.engine.run_once()
        stored = plug(h, order)
        assert stored["status"] == "delivered" and stored["shipments"][0]["date_delivered"]
        assert len(stored["shipments"]) == 1
        # Linx keeps no delivered date: the order's last change is sent, and the timeline says so
        modified = parse_date(h.linx_sim.order(linx_order["OrderID"])["ModifiedDate"])
        assert parse_date(stored["shipments"][0]["date_delivered"]) == modified

        job = await h.job(order["id"])
        assert job.state == "integrated" and job.pluggto_status == "delivered"
        back = [e for e in await h.store.events(job.id) if e.type == "status_back"]
        assert [e.data["step"] for e in back] == ["invoice", "shipping", "delivered"]
        assert "data da última alteração" in back[-1].message and "last change date" in back[-1].data["en"]

        before = writes(h)
        await h.engine.run_once()  # nothing new: zero writes
        assert writes(h) == before


async def test_an_order_first_seen_shipped_gets_its_invoice_first(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        order, linx_order = await integrated(h, 2)
        h.linx_sim.invoice(linx_order["OrderID"])
        h.linx_sim.ship(linx_order["OrderID"], tracking_number="QC999")
        await h.engine.run_once()
        stored = plug(h, order)
        assert stored["status"] == "shipping_informed"
        [shipment] = stored["shipments"]
        assert shipment["nfe_key"] and shipment["track_code"] == "QC999"
        history = [s["status"] for s in stored.get("status_history") or []]
        if history:
            assert history.index("invoiced") < history.index("shipping_informed")
        job = await h.job(order["id"])
        steps = [e.data["step"] for e in await h.store.events(job.id) if e.type == "status_back"]
        assert steps == ["invoice", "shipping"]


async def test_seeing_the_same_feed_item_twice_writes_nothing_more(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        _order, linx_order = await integrated(h, 3)
        h.linx_sim.invoice(linx_order["OrderID"])
        real_dequeue = h.linx.dequeue

        async def lost_dequeue(ids):  # the dequeue never reached the store
            return None

        h.linx.dequeue = lost_dequeue
        await h.engine.run_once()
        assert len(h.linx_sim.queue_items(7)) == 1  # still on the feed
        before = writes(h)
        h.linx.dequeue = real_dequeue
        await h.engine.run_once()  # the same item again: Plug.to already has it
        assert writes(h) == before
        assert h.linx_sim.queue_items(7) == []


async def test_cancellation_in_the_store_reaches_plugto_and_our_own_notification_writes_nothing(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        order, linx_order = await integrated(h, 4)
        h.linx_sim.cancel(linx_order["OrderID"])
        before_notifications = len(h.pluggto_sim.notifications)
        await h.engine.run_once()
        assert plug(h, order)["status"] == "canceled"
        job = await h.job(order["id"])
        assert job.state == "canceled"
        # Plug.to notifies the change we made: re-checking it must write nothing anywhere
        ours = [n for n in h.pluggto_sim.notifications[before_notifications:] if n["id"] == order["id"]]
        assert ours and ours[-1]["changes"]["status"] is True
        listener = h.listener_client()
        async with listener:
            for note in ours:
                assert (await listener.post(h.notify_path, json=note)).status_code == 200
        plug_writes, linx_updates = writes(h), h.linx_sim.counters["UpdateOrder"]
        await h.engine.run_once()
        assert writes(h) == plug_writes and h.linx_sim.counters["UpdateOrder"] == linx_updates


async def test_our_invoice_notification_rechecks_without_writing(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        order, linx_order = await integrated(h, 5)
        h.linx_sim.invoice(linx_order["OrderID"])
        mark = len(h.pluggto_sim.notifications)
        await h.engine.run_once()
        listener = h.listener_client()
        async with listener:
            for note in h.pluggto_sim.notifications[mark:]:
                await listener.post(h.notify_path, json=note)
        before = writes(h), h.linx_sim.counters["SaveOrder"], h.linx_sim.counters["UpdateOrder"]
        await h.engine.run_once()
        assert (writes(h), h.linx_sim.counters["SaveOrder"], h.linx_sim.counters["UpdateOrder"]) == before
        job = await h.job(order["id"])
        assert job.state == "integrated"
        assert [e.type for e in await h.store.events(job.id)].count("integrated") == 1


async def test_orders_not_from_plugto_are_dequeued_without_action(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        foreign_id = h.linx_sim.add_foreign_order()
        h.linx_sim.invoice(foreign_id)
        before = writes(h)
        await h.engine.run_once()
        assert writes(h) == before and h.linx_sim.queue_items(7) == []


async def test_a_refused_update_needs_attention_and_resend_retries_it(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        order, linx_order = await integrated(h, 6)
        h.linx_sim.invoice(linx_order["OrderID"], key="3524071234")  # not 44 digits
        await h.engine.run_once()
        job = await h.job(order["id"])
        assert job.state == "needs_attention" and job.reason_code == "invalid_nfe_key"
        assert "3524071234" in job.reason_message
        assert h.linx_sim.queue_items(7) == []  # dequeued: the store republishes when fixed
        # the store fixes the invoice; the merchant clicks Reenviar
        h.linx_sim.invoice(linx_order["OrderID"], key="3" * 44)
        assert await h.engine.retry_jobs([job.id]) == 1
        await h.engine.run_once()
        job = await h.job(order["id"])
        assert job.state == "integrated" and job.reason_code is None
        assert plug(h, order)["shipments"][0]["nfe_key"] == "3" * 44


async def test_a_transient_failure_leaves_the_item_for_the_next_pass(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        order, linx_order = await integrated(h, 7)
        h.linx_sim.invoice(linx_order["OrderID"])
        h.pluggto_sim.set_faults(fail_rate=1.0, only_ops=["orders.update"])
        await h.engine.run_once()
        assert len(h.linx_sim.queue_items(7)) == 1
        assert plug(h, order)["status"] == "approved"
        h.pluggto_sim.clear_faults()
        await h.engine.run_once()
        assert plug(h, order)["status"] == "invoiced" and h.linx_sim.queue_items(7) == []


async def test_a_refused_update_is_told_in_both_languages(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        _order, linx_order = await integrated(h, 7)
        h.linx_sim.invoice(linx_order["OrderID"], key="3524071234")  # not 44 digits
        await h.engine.run_once()
        [entry] = [e for e in h.activity if e["code"] == "status_back_attention"]
        assert "precisa de atenção" in entry["message_pt"]
        # the English line used to carry the Portuguese reason title
        assert entry["message_en"].endswith(render("invalid_nfe_key", {}, "en").title)
        assert entry["message_pt"].endswith(render("invalid_nfe_key", {}).title)

"""Each case of docs/business-rules.md §3.1, shaped after public code (tests/fixtures/real_shapes.py),
through the whole engine: Plug.to simulator in, Linx simulator out — and back."""

from __future__ import annotations

from pathlib import Path

import pytest

from pluggto_desktop.engine.config import EngineConfig
from tests.fixtures.paths import value_at
from tests.fixtures.real_shapes import PLUGGTO_CASES, linx_cases

from .harness import FALLBACK_CNPJ, harness

pytestmark = pytest.mark.anyio


def config() -> EngineConfig:
    table: dict[str, str] = {}
    for case in PLUGGTO_CASES:
        table.update(case.table)
    return EngineConfig(fallback_cnpj=FALLBACK_CNPJ, marketplace_cnpjs=table, retry_base_s=0.01, retry_cap_s=0.05,
                        order_queue_id=7, product_sync_enabled=False)


async def test_every_real_shaped_order_lands_as_the_rules_say(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        orders = {case.name: h.pluggto_sim.add_order(case.fresh(f"6b1a{n:020d}"), keep_id=True, touch=True)
                  for n, case in enumerate(PLUGGTO_CASES)}
        summary = await h.engine.run_once()
        assert summary.poll_error is None
        for case in PLUGGTO_CASES:
            order = orders[case.name]
            job = await h.job(order["id"])
            assert job.state == case.outcome, (case.name, job.state, job.reason_code)
            if case.outcome != "integrated":
                assert h.linx_orders_for(order) == []
                continue
            [linx_order] = h.linx_orders_for(order)  # once
            for path, expected in case.expect.items():
                assert value_at(linx_order, path) == expected, (case.name, path)
            assert h.pluggto_sim.orders[order["id"]]["ack"] is True
            assert job.marketplace_order_id == case.order["original_id"]  # what a person types
            assert job.sale_id == linx_order["OriginalOrderID"]
        assert (await h.job(orders["picking_first_seen"]["id"])).reason_code == "status_not_imported"
        assert (await h.job(orders["unknown_status_waits"]["id"])).reason_code == "status_unknown"

        # after-sale statuses change nothing in the store; refunded cancels like canceled
        h.pluggto_sim.set_status(orders["ml_recording_full_state_name"]["id"], "partial_invoiced")
        h.pluggto_sim.set_status(orders["paid_is_approved"]["id"], "refunded")
        await h.engine.run_once()
        assert (await h.job(orders["ml_recording_full_state_name"]["id"])).state == "integrated"
        assert (await h.job(orders["paid_is_approved"]["id"])).state == "canceled"
        [refunded] = h.linx_orders_for(orders["paid_is_approved"])
        assert refunded["GlobalStatus"] == "CANCELLED" and refunded["CancelledDate"]
        assert h.linx_sim.counters["SaveOrder"] == sum(c.outcome == "integrated" for c in PLUGGTO_CASES)

        # the unknown status moves on: the order goes in, its reason is gone
        h.pluggto_sim.set_status(orders["unknown_status_waits"]["id"], "approved")
        await h.engine.run_once()
        job = await h.job(orders["unknown_status_waits"]["id"])
        assert job.state == "integrated" and job.reason_code is None
        assert len(h.linx_orders_for(orders["unknown_status_waits"])) == 1


@pytest.mark.parametrize("index", range(len(linx_cases("x"))), ids=[c.name for c in linx_cases("x")])
async def test_a_real_shaped_store_order_is_told_to_pluggto(tmp_path: Path, index: int) -> None:
    async with harness(tmp_path, config=config()) as h:
        order = h.add_order(index, status="approved", skus=["CAM-AZUL-M"])
        await h.engine.run_once()
        [linx_order] = h.linx_orders_for(order)
        case = linx_cases(order["id"])[index]
        h.linx_sim.restate(linx_order["OrderID"], case.order)
        await h.engine.run_once()
        stored = h.pluggto_sim.orders[order["id"]]
        assert stored["status"] == case.pluggto_status
        assert len(stored["shipments"]) == 1  # echoed, never duplicated
        job = await h.job(order["id"])
        steps = [e.data["step"] for e in await h.store.events(job.id) if e.type == "status_back"]
        assert tuple(steps) == case.steps
        assert job.state == ("canceled" if case.pluggto_status == "canceled" else "integrated")
        if "shipping" in case.steps:
            assert stored["shipments"][0]["track_code"] == "JD00123456789BR"
            assert stored["shipments"][0]["shipping_company"] == "Jadlog"
        assert h.linx_sim.queue_items(7) == []  # dequeued once Plug.to accepted

"""The deadline watch in a real run: moments from what the engine already reads, no extra calls."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from pluggto_desktop.domain import deadlines as d
from pluggto_desktop.domain.deadlines import Rules
from pluggto_desktop.engine.config import EngineConfig
from pluggto_desktop.profile import Profile
from pluggto_desktop.settings import Settings
from pluggto_desktop.status import snapshot

from .harness import FALLBACK_CNPJ, harness

pytestmark = pytest.mark.anyio


def config(**kw) -> EngineConfig:
    return EngineConfig(fallback_cnpj=FALLBACK_CNPJ, retry_base_s=0.01, retry_cap_s=0.05, order_queue_id=7, **kw)


async def test_an_old_sale_integrated_late_is_announced_and_invoicing_moves_it_on(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        await h.engine.deadlines.apply_rules(h.config.deadline_rules)
        order = h.add_order(0, age=timedelta(hours=30), status="approved")  # approved 30 h ago
        fresh = h.add_order(1, status="approved")
        await h.engine.run_once()
        job = await h.job(order["id"])
        assert job.state == "integrated" and job.approved_at == pytest.approx(
            d.approved_at(order))
        assert job.deadline().step == d.INVOICE and job.deadline().state(h.engine.clock()) == d.LATE
        assert (await h.job(fresh["id"])).deadline().state(h.engine.clock()) is None
        calls = dict(h.pluggto_sim.counters)

        counts = await h.engine.deadlines.check()
        assert counts[d.INVOICE] == {d.NEAR: 0, d.LATE: 1}
        alert = [a for a in h.activity if a["code"] == "deadlines"]
        assert len(alert) == 1 and alert[0]["message_pt"] == "1 pedido atrasado para faturar"
        assert dict(h.pluggto_sim.counters) == calls  # the watch made no call to Plug.to

        # the store invoices it: status back's pass records the moment; now the shipment's 48 h count
        linx_id = h.linx_orders_for(order)[0]["OrderID"]
        h.linx_sim.invoice(linx_id)
        await h.engine.run_once()
        job = await h.job(order["id"])
        assert job.invoiced_at is not None and job.deadline().step == d.SHIPPING
        assert job.deadline().state(h.engine.clock()) is None  # 30 h of 48: not yet in the last quarter
        assert (await h.engine.deadlines.check())[d.INVOICE][d.LATE] == 0
        h.linx_sim.ship(linx_id, tracking_number="QC123456729BR")
        await h.engine.run_once()
        assert (await h.job(order["id"])).deadline() is None


async def test_per_marketplace_hours_apply_and_status_json_counts_them(tmp_path: Path) -> None:
    rules = Rules.from_settings(240, 480, {"Amazon": {"invoice_hours": 4, "shipping_hours": 8}})
    async with harness(tmp_path, config=config(deadline_rules=rules), db_name="pluggto.db") as h:
        await h.engine.deadlines.apply_rules(rules)
        orders = [h.add_order(i, age=timedelta(hours=3, minutes=10), status="approved") for i in range(6)]
        await h.engine.run_once()
        by_channel = {o["channel"]: (await h.job(o["id"])).deadline().state(h.engine.clock()) for o in orders}
        assert by_channel.pop("Amazon") == d.NEAR  # 3 h of Amazon's 4: the last quarter
        assert set(by_channel.values()) == {None}  # 3 h of 240
        profile = Profile(tmp_path)
        data = snapshot(profile, Settings(), now=h.engine.clock())
        assert data["deadlines"]["near"] == 1 and data["deadlines"]["late"] == 0
        assert data["deadlines"]["by_step"][d.INVOICE][d.NEAR] == 1
        json.dumps(data)

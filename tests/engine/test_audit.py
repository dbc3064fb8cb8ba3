"""Conferência against both simulators: every class found, every repair made, then all clear."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pluggto_desktop.domain import audit as rules
from pluggto_desktop.engine.audit import MARGIN, period
from pluggto_desktop.engine.config import EngineConfig

from .harness import FALLBACK_CNPJ, harness

pytestmark = pytest.mark.anyio


def config() -> EngineConfig:
    return EngineConfig(fallback_cnpj=FALLBACK_CNPJ, retry_base_s=0.01, retry_cap_s=0.05, order_queue_id=7,
                        product_sync_enabled=False, website_id=1)


def by_class(report) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {cls: set() for cls in rules.CLASSES}
    for finding in report.findings:
        found[finding.cls].add(finding.pluggto_id or finding.store_ids[0])
    return found


async def integrated(h, index: int) -> tuple[dict, dict]:
    order = h.add_order(index, status="approved", skus=["CAM-AZUL-M"])
    await h.engine.run_once()
    [linx_order] = h.linx_orders_for(order)
    return order, linx_order


async def test_every_difference_is_found_repaired_and_then_all_is_clear(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        fine = [await integrated(h, i) for i in range(3)]
        # one created twice in the store
        doubled, doubled_linx = await integrated(h, 11)
        twin_id = h.linx_sim.duplicate(doubled_linx["OrderID"])
        # one acked in Plug.to whose store order is gone
        lost, lost_linx = await integrated(h, 12)
        h.linx_sim.delete_order(lost_linx["OrderID"])
        # one in the store that Plug.to never recorded as integrated
        unacked, _ = await integrated(h, 13)
        h.pluggto_sim.orders[unacked["id"]].update(ack=False, external=None)
        # a store status Plug.to missed: invoiced, and the feed item lost
        behind, behind_linx = await integrated(h, 14)
        h.linx_sim.invoice(behind_linx["OrderID"])
        h.linx_sim.drop_queue_items()
        # a channel order only the store has
        foreign = h.linx_sim.add_foreign_order(website_id=1, pluggto_id="f" * 24)
        # and one of another website (another channel: not ours to judge)
        h.linx_sim.add_foreign_order(website_id=2)
        await h.engine.run_once()
        # a sale only in Plug.to: approved while the connector was not looking (older than the
        # poll's high-water mark, never notified)
        missing = h.add_order(10, age=timedelta(hours=1), status="approved", skus=["CANECA-01"])

        # (the harness dates its orders up to an hour ahead: the period ends later)
        start, end = period(7, now=datetime.now(UTC) + timedelta(hours=2))
        report = await h.engine.audit(start, end)
        found = by_class(report)
        assert found[rules.MISSING] == {missing["id"], lost["id"]}
        assert found[rules.DUPLICATED] == {doubled["id"]}
        assert found[rules.NOT_ACKED] == {unacked["id"]}
        assert found[rules.STATUS_BEHIND] == {behind["id"]}
        assert found[rules.ONLY_IN_STORE] == {"f" * 24}
        assert found[rules.OK] == {o["id"] for o, _ in fine}
        [lost_finding] = [f for f in report.findings if f.pluggto_id == lost["id"]]
        assert lost_finding.note == "acked_without_order"
        [twins] = report.of(rules.DUPLICATED)
        assert set(twins.store_ids) == {doubled_linx["OrderID"], twin_id}
        [late] = report.of(rules.STATUS_BEHIND)
        assert late.lacking == "invoice" and "nota fiscal" in late.what_differs("pt_BR")
        assert report.to_dict()["ok"] is False and report.differences == 6
        # reading wrote nothing anywhere
        assert h.pluggto_sim.orders[unacked["id"]]["ack"] is False
        assert h.linx_sim.order(foreign)["OrderID"] == foreign

        fixed = await h.engine.fix_audit(report, {"missing", "ack", "status"})
        assert fixed == {"missing": 2, "ack": 1, "status": 1}
        await h.engine.work_due()
        again = await h.engine.audit(start, end)
        left = {cls: ids for cls, ids in by_class(again).items() if ids and cls != rules.OK}
        # the duplicate and the store-only order are the merchant's to decide: shown, never touched
        assert left == {rules.DUPLICATED: {doubled["id"]}, rules.ONLY_IN_STORE: {"f" * 24}}
        assert len(h.linx_orders_for(missing)) == 1 and h.pluggto_sim.orders[unacked["id"]]["ack"] is True
        assert h.pluggto_sim.orders[behind["id"]]["status"] == "invoiced"
        # every repair is in the order's timeline and in the activity log
        job = await h.job(unacked["id"])
        assert "audit_fix" in [e.type for e in await h.store.events(job.id)]
        codes = [a["code"] for a in h.activity]
        assert {"audit_missing_queued", "audit_acked", "audit_status_resent", "audit_done"} <= set(codes)


async def test_reading_costs_about_one_call_per_page(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        h.add_orders(260, status_weights={"approved": 1.0}, unknown_sku_share=0, interval=timedelta(seconds=20))
        await h.engine.run_once()
        h.pluggto_sim.reset_counters()
        h.linx_sim.reset_counters()
        report = await h.engine.audit(*period(7))
        assert report.counts[rules.OK] == 260 and report.differences == 0
        assert report.pluggto_calls == h.pluggto_sim.counters["orders.list"] == 3  # 260 / 100, rounded up
        assert report.linx_calls == h.linx_sim.counters["SearchOrders"] == 1  # 260 / 500
        assert "orders.get" not in h.pluggto_sim.counters or h.pluggto_sim.counters["orders.get"] == 0


async def test_an_older_plugto_order_of_a_store_order_is_looked_up_not_called_store_only(tmp_path: Path) -> None:
    async with harness(tmp_path, config=config()) as h:
        order, _linx_order = await integrated(h, 1)
        old = datetime.now(UTC) - timedelta(days=40)
        h.pluggto_sim.orders[order["id"]]["created"] = old.isoformat().replace("+00:00", "Z")
        report = await h.engine.audit(*period(7, now=datetime.now(UTC) + timedelta(hours=2)))
        assert by_class(report)[rules.OK] == {order["id"]}  # found by its PluggtoOrderID
        assert report.pluggto_calls == 2  # the list, then one lookup


def test_the_period_and_the_margin() -> None:
    now = datetime(2026, 12, 2, 12, tzinfo=UTC)
    assert period(7, now=now) == (now - timedelta(days=7), now)
    with pytest.raises(ValueError):
        period(start=now, end=now - timedelta(days=1))
    assert timedelta(days=1) <= MARGIN


async def test_the_automatic_audit_runs_nightly_and_after_a_long_outage_even_without_product_sync(
        tmp_path: Path) -> None:
    """Nightly at 03:00 local time (once), and at the next check after an outage of an hour or more;
    ``product_sync_enabled=False`` (this config) must not switch it off."""
    from pluggto_desktop.engine import engine as engine_module
    from pluggto_desktop.engine.audit import CURSOR_LAST_AUDIT

    async with harness(tmp_path, config=config()) as h:
        await integrated(h, 1)
        engine = h.engine
        three_am = datetime.now().replace(hour=engine_module.AUDIT_HOUR, minute=5, second=0, microsecond=0)
        clock = {"t": (three_am - timedelta(hours=2)).timestamp()}
        engine.clock = lambda: clock["t"]
        await engine._audit_if_due()  # 01:05: not yet
        assert await h.store.get_cursor(CURSOR_LAST_AUDIT) is None
        clock["t"] = three_am.timestamp()
        await engine._audit_if_due()
        first = await h.store.get_cursor(CURSOR_LAST_AUDIT)
        assert first is not None and '"automatic": true' in first
        clock["t"] += 1800  # 03:35: already done tonight
        await engine._audit_if_due()
        assert await h.store.get_cursor(CURSOR_LAST_AUDIT) == first
        # an outage of an hour, then back: audited at the next check, whatever the hour
        clock["t"] += 6 * 3600
        engine._note_outage("running", "offline")
        clock["t"] += engine_module.AUDIT_AFTER_OUTAGE_S
        engine._note_outage("offline", "running")
        await engine._audit_if_due()
        assert await h.store.get_cursor(CURSOR_LAST_AUDIT) != first
        # the nightly loop reaches the audit with product sync off
        calls: list[str] = []
        engine._audit_if_due = lambda: calls.append("audit") or _done()  # type: ignore[method-assign]
        engine.status = engine.status.__class__(state="running")
        sleeps = iter([0, 0])

        async def fake_sleep(_seconds: float) -> None:
            try:
                next(sleeps)
            except StopIteration:
                engine._stopping = True

        engine._sleep = fake_sleep  # type: ignore[method-assign]
        engine._stopping = False
        await engine._reconcile_loop()
        assert calls and h.pluggto_sim.counters.get("skus.put", 0) == 0  # audited, no catalogue sent


async def _done() -> None:
    return None

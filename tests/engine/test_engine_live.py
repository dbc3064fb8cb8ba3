"""The engine running its loops: fault storm, pause/resume, credentials, user actions."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest

from pluggto_desktop.engine.importing import FAILED, IMPORTED, NOT_FOUND, SUGGEST
from pluggto_desktop.i18n import EN, PT
from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator

from .harness import harness

pytestmark = pytest.mark.anyio


async def all_settled(h, orders) -> bool:
    for order in orders:
        job = await h.job(order["id"])
        if job is None or job.state not in ("integrated", "needs_attention"):
            return False
    return True


async def test_fault_storm_everything_integrates_once_and_nothing_needs_attention(tmp_path: Path) -> None:
    sim = PluggtoSimulator(seed=3, token_ttl=0.5)  # the token expires every half second
    async with harness(tmp_path, pluggto_sim=sim, client_timeout=0.4) as h:
        orders = h.add_orders(60, unknown_sku_share=0.0, status_weights={"approved": 1.0})
        for s in (h.pluggto_sim, h.linx_sim):
            s.set_faults(fail_rate=0.2, slow_rate=0.05, slow_seconds=0.6, latency_ms=5, seed=9)
        h.linx_sim.set_faults(fail_after_rate=0.05)  # created, answer lost
        await h.engine.start()
        await h.run_until(lambda: all_settled(h, orders), timeout=90)
        for order in orders:
            job = await h.job(order["id"])
            assert job.state == "integrated", (job.state, job.reason_message)
            assert len(h.linx_orders_for(order)) == 1
            assert h.pluggto_sim.orders[order["id"]]["ack"] is True
        assert h.linx_sim.duplicates() == {}
        # the storm really happened: several tokens and many retried jobs
        tokens = [t for t in h.tokens.history if t]
        assert len(tokens) >= 2
        counts = await h.store.counts("order")
        assert counts["needs_attention"] == 0


async def test_live_engine_picks_up_new_orders_and_stops_cleanly(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        seen: list[str] = []
        h.engine.bus.subscribe(lambda e: seen.append(e.topic))
        await h.engine.start()
        assert h.engine.status.state == "running"
        order = h.add_order(1, status="approved", skus=["CAM-AZUL-M"])
        h.engine.sync_now()
        await h.run_until(lambda: all_settled(h, [order]), timeout=10)

        async def counts_published() -> bool:  # coalesced, so it may come a moment later
            return "counts" in seen

        await h.run_until(counts_published, timeout=5)
        assert {"state", "poll", "job"} <= set(seen)
        assert h.engine.status.last_poll_at is not None
        await h.engine.stop()
        assert h.engine.status.state == "stopped"


async def test_pause_stops_new_work_until_resumed(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        await h.engine.start()
        h.engine.pause(until=time.time() + 3600)
        assert h.engine.status.state == "paused"
        order = h.add_order(2, status="approved", skus=["CAM-AZUL-M"])
        await h.engine.import_order(order["id"])  # queued, but the engine is paused
        import asyncio
        await asyncio.sleep(0.5)
        assert (await h.job(order["id"])).state == "queued"
        assert h.linx_sim.counters["SaveOrder"] == 0
        h.engine.resume()
        await h.run_until(lambda: all_settled(h, [order]), timeout=10)
        assert (await h.job(order["id"])).state == "integrated"


async def test_a_timed_pause_ends_by_itself(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        await h.engine.start()
        h.engine.pause(until=time.time() + 0.3)
        order = h.add_order(3, status="approved", skus=["CAM-AZUL-M"])
        await h.engine.import_order(order["id"])
        await h.run_until(lambda: all_settled(h, [order]), timeout=10)
        assert h.engine.status.state == "running"


async def test_bad_credentials_pause_the_engine_without_failing_orders(tmp_path: Path) -> None:
    sim = PluggtoSimulator(seed=3, client_secret="another-secret")
    async with harness(tmp_path, pluggto_sim=sim) as h:
        order = h.add_order(4, status="approved", skus=["CAM-AZUL-M"])
        await h.store.request_import(order["id"])  # a job the engine will meet with bad credentials
        summary = await h.engine.run_once()
        assert summary.credential_error is not None and summary.credential_error.credential == "client"
        assert h.engine.status.state == "credentials"
        job = await h.job(order["id"])
        assert job.state == "queued" and job.attempts == 0  # not a per-order failure
        assert any(a["code"] == "credentials_invalid" for a in h.activity)


async def test_linx_credentials_pause_too_and_recover_after_sync_now(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        order = h.add_order(5, status="approved", skus=["CAM-AZUL-M"])
        h.linx_sim.password = "changed-in-the-store"
        await h.engine.start()
        await h.run_until(lambda: _state_is(h, "credentials"), timeout=10)
        assert h.engine.status.credential == "linx"
        assert (await h.job(order["id"])).state == "queued"
        h.linx_sim.password = __import__("pluggto_desktop.simulator.linx_sim", fromlist=["x"]).DEMO_PASSWORD
        h.engine.sync_now()  # "Tentar agora"
        await h.run_until(lambda: all_settled(h, [order]), timeout=10)
        assert (await h.job(order["id"])).state == "integrated"


async def _state_is(h, state: str) -> bool:
    return h.engine.status.state == state


async def test_offline_state_when_plugto_is_unreachable(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        h.pluggto_sim.set_faults(fail_rate=1.0)
        await h.engine.start()
        await h.run_until(lambda: _state_is(h, "offline"), timeout=10)
        assert h.engine.status.retry_at is not None and h.engine.status.retry_at > time.time()
        h.pluggto_sim.clear_faults()
        h.engine.sync_now()
        await h.run_until(lambda: _state_is(h, "running"), timeout=10)


async def test_retries_exhausted_become_attention_with_the_last_error(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        h.config.max_attempts = 3
        h.engine.retry.max_attempts = 3
        order = h.add_order(6, status="approved", skus=["CAM-AZUL-M"])
        h.linx_sim.set_faults(fail_rate=1.0, only_ops=["SaveOrder"])
        await h.engine.start()
        await h.run_until(lambda: all_settled(h, [order]), timeout=15)
        job = await h.job(order["id"])
        assert job.state == "needs_attention" and job.reason_code == "retries_exhausted"
        assert job.attempts == 3 and "HTTP" in job.reason_message
        assert h.linx_orders_for(order) == []


async def test_ignore_and_undo_from_the_engine(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        order = h.add_order(7, status="approved", skus=["CAM-VERDE-XG"])
        await h.engine.run_once()
        job = await h.job(order["id"])
        assert job.state == "needs_attention"
        assert await h.engine.ignore_job(job.id, "Pedido de teste do marketplace")
        assert (await h.job(order["id"])).state == "ignored"
        await h.engine.run_once()
        assert (await h.job(order["id"])).state == "ignored"  # polling does not wake it
        assert await h.engine.unignore_job(job.id)
        assert (await h.job(order["id"])).state == "needs_attention"


async def test_import_one_order_by_id(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        h.config.first_run_lookback_days = 5 / 1440  # five minutes
        order = h.add_order(8, age=timedelta(hours=1), status="approved", skus=["CAM-AZUL-M"])
        await h.engine.run_once()
        assert await h.job(order["id"]) is None  # outside the poll window
        result = await h.engine.import_order(f"  {order['id']}  ")
        assert result.outcome == IMPORTED and result.job_id is not None
        assert "sendo importado" in result.message(PT)
        await h.engine.run_once()
        assert (await h.job(order["id"])).state == "integrated"


async def test_an_id_plugto_does_not_have_adds_nothing(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        updates = h.pluggto_sim.counters["orders.update"]
        missing = await h.engine.import_order("0" * 24)
        assert missing.outcome == NOT_FOUND and missing.job_id is None
        assert "Nada foi adicionado" in missing.message(PT) and "Nothing was added" in missing.message(EN)
        assert (await h.store.counts("order")) == {s: 0 for s in (await h.store.counts("order"))}
        assert h.pluggto_sim.counters["orders.update"] == updates  # no note on an order Plug.to lacks


async def test_a_marketplace_number_finds_the_plugto_order_it_belongs_to(tmp_path: Path) -> None:
    """The easy mistake: the marketplace's number typed where the Plug.to id goes."""
    async with harness(tmp_path) as h:
        h.config.first_run_lookback_days = 5 / 1440
        order = h.add_order(9, age=timedelta(hours=1), status="approved", skus=["CAM-AZUL-M"])
        offer = await h.engine.import_order(order["original_id"])
        assert offer.outcome == SUGGEST and offer.job_id is None
        [candidate] = offer.candidates
        assert (candidate.pluggto_id, candidate.marketplace, candidate.job_id) == (order["id"], order["channel"], None)
        assert order["id"] in offer.message(PT) and "número do marketplace" in offer.message(PT)
        assert await h.job(order["id"]) is None  # nothing added until the person accepts
        accepted = await h.engine.import_order(candidate.pluggto_id)
        assert accepted.outcome == IMPORTED
        await h.engine.run_once()
        # once in the queue, the number is found there, without asking Plug.to
        calls = h.pluggto_sim.counters["orders.list"]
        again = await h.engine.import_order(order["original_id"])
        assert again.outcome == SUGGEST and again.candidates[0].job_id == accepted.job_id
        assert "já está na fila" in again.message(PT)
        assert h.pluggto_sim.counters["orders.list"] == calls


async def test_import_says_when_plugto_cannot_be_asked(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        h.pluggto_sim.set_faults(fail_rate=1.0, only_ops=["orders.get"])
        failed = await h.engine.import_order("a" * 24)
        assert failed.outcome == FAILED and "não respondeu" in failed.message(PT)
        assert (await h.store.counts("order")).get("queued", 0) == 0


async def test_a_failed_log_history_write_is_explained_in_the_users_language(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        order = h.add_order(0, status="approved", skus=["SKU-QUE-NAO-EXISTE"])
        h.pluggto_sim.set_faults(fail_rate=1.0, only_ops=["orders.update"])
        await h.engine.run_once()
        job = await h.job(order["id"])
        assert job.state == "needs_attention"
        [failed] = [e for e in await h.store.events(job.id) if e.type == "log_history_failed"]
        assert failed.message == ("Não foi possível registrar o motivo no Plug.to (o Plug.to não respondeu); "
                                  "o motivo continua aqui")
        assert failed.data["detail"]  # the technical words, for support


async def test_waking_up_from_sleep_syncs_at_once(tmp_path: Path) -> None:
    """Wall clock jumps 2 hours while the monotonic clock stood still (the laptop slept)."""
    import asyncio

    async with harness(tmp_path) as h:
        offset = {"wall": 0.0}
        h.engine.clock = lambda: time.time() + offset["wall"]
        h.engine.clock_watch_interval = 0.05
        h.config.poll_interval_s = 3600  # no poll would happen by itself for an hour
        woke: list[dict] = []
        h.engine.bus.subscribe(lambda e: woke.append(e.payload) if e.topic == "woke" else None)
        await h.engine.start()
        await h.run_until(lambda: _polled(h), timeout=10)
        polls = h.pluggto_sim.counters["orders.list"]
        await asyncio.sleep(0.2)
        assert h.pluggto_sim.counters["orders.list"] == polls  # quiet
        offset["wall"] = 7200.0  # the computer slept for two hours
        await h.run_until(lambda: _more_polls(h, polls), timeout=10)
        assert woke and woke[0]["drift"] > 3000


async def _polled(h) -> bool:
    return h.pluggto_sim.counters["orders.list"] > 0


async def _more_polls(h, polls: int) -> bool:
    return h.pluggto_sim.counters["orders.list"] > polls

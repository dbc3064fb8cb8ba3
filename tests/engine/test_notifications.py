"""The notification listener: durable before 200, strict validation, duplicates collapse."""

from __future__ import annotations

import json
import logging
import random
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from pluggto_desktop.engine.listener import MAX_BODY, PATH
from pluggto_desktop.simulator.catalogue import UNKNOWN_SKU

from .harness import harness

JSON_TYPE = {"content-type": "application/json"}
pytestmark = pytest.mark.anyio


def listener_client(h) -> httpx.AsyncClient:
    return h.listener_client()


def note(order_id: str, action: str = "updated", status: bool | None = True, user: int = 129) -> dict:
    body = {"type": "orders", "id": order_id, "action": action, "user": user}
    if status is not None:
        body["changes"] = {"status": status, "stock": False, "price": False}
    return body


async def test_duplicate_and_out_of_order_notifications_make_one_job_and_one_order(tmp_path: Path) -> None:
    async with harness(tmp_path) as h, listener_client(h) as client:
        h.config.first_run_lookback_days = 5 / 1440  # the poll sees nothing: notifications only
        order = h.add_order(3, age=timedelta(hours=1), status="approved", skus=["CAM-AZUL-M"])
        bodies = [note(order["id"], "updated"), note(order["id"], "created", None)] * 3
        random.Random(4).shuffle(bodies)
        for body in bodies:
            response = await client.post(h.notify_path, json=body)
            assert response.status_code == 200
            # written to the store before the answer went out
            assert (await h.job(order["id"])) is not None
        assert (await h.store.counts("order"))["queued"] == 1
        await h.engine.run_once()
        assert (await h.job(order["id"])).state == "integrated"
        assert len(h.linx_orders_for(order)) == 1
        # more late duplicates after integration: nothing new happens in Linx
        for body in bodies:
            await client.post(h.notify_path, json=body)
        await h.engine.run_once()
        assert len(h.linx_orders_for(order)) == 1
        assert h.linx_sim.counters["SaveOrder"] == 1


async def test_our_own_ack_notification_does_not_loop(tmp_path: Path) -> None:
    async with harness(tmp_path) as h, listener_client(h) as client:
        order = h.add_order(4, status="approved", skus=["CAM-AZUL-M"])
        before = len(h.pluggto_sim.notifications)
        await h.engine.run_once()
        job = await h.job(order["id"])
        assert job.state == "integrated"
        # Plug.to notifies the change our ack caused (status unchanged)
        sent = [n for n in h.pluggto_sim.notifications[before:] if n["id"] == order["id"]]
        assert sent and sent[-1]["changes"]["status"] is False
        for n in sent:
            assert (await client.post(h.notify_path, json=n)).status_code == 200
        gets, updates = h.pluggto_sim.counters["orders.get"], h.pluggto_sim.counters["orders.update"]
        await h.engine.run_once()
        assert (await h.job(order["id"])).state == "integrated"
        assert h.pluggto_sim.counters["orders.get"] == gets  # not even re-read
        assert h.pluggto_sim.counters["orders.update"] == updates


async def test_a_status_notification_for_an_integrated_order_rechecks_without_counting_twice(tmp_path: Path) -> None:
    async with harness(tmp_path) as h, listener_client(h) as client:
        order = h.add_order(5, status="approved", skus=["CAM-AZUL-M"])
        await h.engine.run_once()
        job = await h.job(order["id"])
        integrated_events = [e for e in await h.store.events(job.id) if e.type == "integrated"]
        await client.post(h.notify_path, json=note(order["id"], status=True))  # e.g. waiting_invoice → approved
        await h.engine.run_once()
        job = await h.job(order["id"])
        assert job.state == "integrated"
        assert [e for e in await h.store.events(job.id) if e.type == "integrated"] == integrated_events
        assert h.linx_sim.counters["SaveOrder"] == 1


async def test_other_users_and_other_types_are_accepted_and_ignored(tmp_path: Path) -> None:
    async with harness(tmp_path) as h, listener_client(h) as client:
        h.engine._user_id = "129"
        cases = [
            note("a" * 24, user=999),
            {"type": "products", "id": "b" * 24, "action": "updated", "user": 129},
            {"type": "skus", "id": "parent-6385", "action": "deleted", "user": 129},
            {"type": "messages", "id": "c" * 24, "action": "created", "user": 129},
            {"type": "invoices", "id": "d" * 24, "action": "created", "user": 129},
            {"type": "orders", "id": "e" * 24, "action": "deleted", "user": 129},
        ]
        for body in cases:
            response = await client.post(h.notify_path, json=body)
            assert response.status_code == 200 and response.json().get("ignored")
        assert sum((await h.store.counts("order")).values()) == 0


async def test_listener_fuzz_gets_the_right_4xx_and_the_engine_keeps_working(tmp_path: Path) -> None:
    rng = random.Random(7)
    async with harness(tmp_path) as h, listener_client(h) as client:
        def malformed_json() -> bytes:
            good = json.dumps(note("f" * 24)).encode()
            while True:
                cut = rng.randrange(1, len(good) - 1)
                candidate = rng.choice([good[:cut], good[:cut] + b"}", b"{" + good[cut:], b"\xff\xfe\x00",
                                        b"", b"nul"])
                try:
                    json.loads(candidate)
                except ValueError:
                    return candidate  # really malformed (a lucky cut can still be valid JSON)

        wrong_types = [
            [], "text", 42, {"type": "orders"}, {"type": 1, "id": "x", "action": "updated"},
            {"type": "orders", "id": True, "action": "updated"}, {"type": "orders", "id": "", "action": "x"},
            {"type": "orders", "id": "x", "action": 5}, {"type": "orders", "id": "x", "action": "updated", "user": [1]},
            {"type": "orders", "id": "x", "action": "updated", "changes": "all"},
            {"type": "orders", "id": "x", "action": "updated", "changes": {"status": "yes"}},
            {"type": "orders", "id": "x" * 100, "action": "updated"},
        ]
        expectations = []
        for i in range(300):
            kind = i % 6
            if kind == 0:
                expectations.append((lambda body=malformed_json(): client.post(h.notify_path, content=body,
                                                  headers={"content-type": "application/json"}), 400))
            elif kind == 1:
                expectations.append((lambda body=rng.choice(wrong_types): client.post(h.notify_path, json=body), 400))
            elif kind == 2:
                ctype = rng.choice(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""])
                expectations.append((lambda ctype=ctype: client.post(h.notify_path, content=json.dumps(note("f" * 24)),
                                                                     headers={"content-type": ctype}), 415))
            elif kind == 3:
                big = json.dumps({**note("f" * 24), "pad": "x" * (MAX_BODY + rng.randrange(1, 5000))})
                expectations.append((lambda big=big: client.post(h.notify_path, content=big, headers=JSON_TYPE), 413))
            elif kind == 4:
                method = rng.choice(["GET", "PUT", "DELETE"])
                expectations.append((lambda m=method: client.request(m, h.notify_path), 405))
            else:
                expectations.append((lambda p=rng.choice(["/", "/pluggto", PATH, PATH + "/", PATH + "/x",
                                                                    h.notify_path + "x", h.notify_path[:-1]]):
                                     client.post(p, json=note("f" * 24)), 404))
        for request, status in expectations:
            response = await request()
            assert response.status_code == status, (status, response.text)
        assert sum((await h.store.counts("order")).values()) == 0  # nothing recorded from garbage
        # and a good notification still works afterwards, end to end
        order = h.add_order(6, status="approved", skus=["CAM-AZUL-M"])
        assert (await client.post(h.notify_path, json=note(order["id"]))).status_code == 200
        await h.engine.run_once()
        assert (await h.job(order["id"])).state == "integrated"


async def test_a_failing_store_answers_503_so_plugto_retries(tmp_path: Path) -> None:
    async with harness(tmp_path) as h, listener_client(h) as client:
        async def broken(*args, **kwargs):
            raise OSError("disk full")

        h.store.record_notification = broken  # type: ignore[method-assign]
        response = await client.post(h.notify_path, json=note("a" * 24))
        assert response.status_code == 503


async def test_a_poll_racing_a_notification_integrates_once_and_counts_once(tmp_path: Path) -> None:
    """The notification creates the job; while it is being processed the poll records the same
    order: the worker's result is re-checked, and the re-check must not count it again."""
    async with harness(tmp_path) as h, listener_client(h) as client:
        order = h.add_order(9, status="approved", skus=["CAM-AZUL-M"])
        assert (await client.post(h.notify_path, json=note(order["id"], "created", None))).status_code == 200
        real_save = h.linx.save_order

        async def save_while_the_poll_lands(body):
            result = await real_save(body)
            await h.engine.poller.poll()  # the poll records the order mid-processing
            return result

        h.linx.save_order = save_while_the_poll_lands
        await h.engine.run_once()
        h.linx.save_order = real_save
        await h.engine.run_once()
        job = await h.job(order["id"])
        assert job.state == "integrated"
        events = [e.type for e in await h.store.events(job.id)]
        assert "requeued" in events  # the race happened
        assert events.count("integrated") == 1
        assert len(h.linx_orders_for(order)) == 1


async def test_a_notification_racing_a_failing_order_never_blanks_its_reason(tmp_path: Path) -> None:
    """The first pass ends in needs_attention while a notification for the same order arrives:
    the job is re-checked ("sem mudanças") and must end needing attention *with* its reason."""
    async with harness(tmp_path) as h:
        h.config.first_run_lookback_days = 5 / 1440  # notifications only
        order = h.add_order(6, age=timedelta(hours=1), status="approved", skus=[UNKNOWN_SKU])
        real_save = h.linx.save_order

        async def save_while_a_notification_arrives(body):
            await h.store.record_notification(order["id"], status_changed=False, action="updated")
            return await real_save(body)  # refused: the SKU is unknown

        h.linx.save_order = save_while_a_notification_arrives
        async with listener_client(h) as client:
            assert (await client.post(h.notify_path, json=note(order["id"]))).status_code == 200
        await h.engine.run_once()
        job = await h.job(order["id"])
        assert job.state == "needs_attention"
        assert job.reason_code == "unknown_sku" and job.reason_title and job.reason_hint
        assert UNKNOWN_SKU in job.reason_message
        types = [e.type for e in await h.store.events(job.id)]
        assert "requeued" in types and "unchanged" in types  # the race really happened


# -- notifications naming orders Plug.to does not have (forged, or for another account) -----------
async def test_a_notification_for_an_unknown_order_leaves_a_log_line_and_no_job(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO)
    async with harness(tmp_path) as h, listener_client(h) as client:
        h.config.first_run_lookback_days = 5 / 1440  # notifications only
        real = h.add_order(1, age=timedelta(hours=1), status="approved", skus=["CAM-AZUL-M"])
        phantoms = [f"{n:024x}" for n in range(30)]
        for key in phantoms + [real["id"]]:
            assert (await client.post(h.notify_path, json=note(key))).status_code == 200
        await h.engine.run_once()
        counts = await h.store.counts("order")
        assert counts["integrated"] == 1 and sum(counts.values()) == 1  # no phantom job, not even "attention"
        assert [await h.job(key) for key in phantoms] == [None] * len(phantoms)
        lines = [r.getMessage() for r in caplog.records if "which Plug.to does not have" in r.getMessage()]
        assert sorted(lines) == sorted(f"notification for order {key}, which Plug.to does not have: ignored, "
                                       "no job kept" for key in phantoms)
        assert h.pluggto_sim.counters["orders.update"] == 1  # the real order's ack; no log_history writes
        # a later, real order with a phantom's id would still come in: nothing remembers the phantom
        await h.engine.run_once()
        assert sum((await h.store.counts("order")).values()) == 1


async def test_an_unknown_order_the_poll_saw_is_reported_not_dropped(tmp_path: Path) -> None:
    """(An id the user asks to import is checked with Plug.to before any job exists: see
    tests/engine/test_engine_live.py.) An order the poll saw and Plug.to later lost keeps its job."""
    async with harness(tmp_path) as h, listener_client(h) as client:
        # an order the poll saw (waiting for payment), later gone from Plug.to, then notified
        gone = h.add_order(2, status="pending", skus=["CAM-AZUL-M"])
        await h.engine.run_once()
        assert (await h.job(gone["id"])).state == "waiting_payment"
        del h.pluggto_sim.orders[gone["id"]]
        assert (await client.post(h.notify_path, json=note(gone["id"]))).status_code == 200
        await h.engine.run_once()
        for key in (gone["id"],):
            job = await h.job(key)
            assert job is not None and job.state == "needs_attention"
            assert job.reason_code == "pluggto_order_not_found"

"""The webhook sender (simulator/notifier.py) and the simulator's notifications."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from pluggto_desktop.asgi import read_request, send_json
from pluggto_desktop.asgi_server import RunningServer
from pluggto_desktop.net import Backoff
from pluggto_desktop.simulator.notifier import Notifier
from pluggto_desktop.simulator.orders_gen import generate_order
from tests.pluggto.conftest import START, RecordingSleep

pytestmark = pytest.mark.anyio

URL = "http://listener.test/pluggto/notifications"


class Listener:
    """A tiny ASGI listener: answers ``statuses`` in turn (then 200) and records what it got."""

    def __init__(self, *statuses: int) -> None:
        self.statuses = list(statuses)
        self.received: list[dict] = []
        self.calls = 0

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return
        request = await read_request(scope, receive)
        self.calls += 1
        status = self.statuses.pop(0) if self.statuses else 200
        if status == 200:
            self.received.append(request.json())
        await send_json(send, status, {})


def notifier_for(listener: Listener, **kwargs) -> tuple[Notifier, RecordingSleep]:
    sleep = RecordingSleep()
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=listener))
    return Notifier(URL, client=client, sleep=sleep, backoff=Backoff(base=1.0, cap=8.0), **kwargs), sleep


def body(i: int) -> dict:
    return {"type": "orders", "id": f"{i:024x}", "action": "created", "user": 129,
            "changes": {"status": True, "stock": False, "price": False}}


async def test_delivers_queued_notifications_in_order():
    listener = Listener()
    notifier, sleep = notifier_for(listener)
    for i in range(3):
        notifier.send(body(i))
    result = await notifier.drain()
    assert listener.received == [body(0), body(1), body(2)]
    assert result.delivered == 3 and result.failed == 0
    assert notifier.pending == [] and sleep.waits == []
    await notifier.aclose()


async def test_non_200_answers_are_retried_with_back_off():
    listener = Listener(500, 503, 201)  # 201 is not 200 either: Plug.to wants exactly 200
    notifier, sleep = notifier_for(listener)
    notifier.send(body(1))
    result = await notifier.drain()
    assert listener.received == [body(1)]
    assert listener.calls == 4 and result.attempts == 4
    assert len(sleep.waits) == 3
    assert 0.5 <= sleep.waits[0] <= 1.0 and 1.0 <= sleep.waits[1] <= 2.0 and 2.0 <= sleep.waits[2] <= 4.0


async def test_gives_up_after_the_last_attempt():
    listener = Listener(*([500] * 10))
    notifier, _ = notifier_for(listener, attempts=3)
    notifier.send(body(1))
    result = await notifier.drain()
    assert result.failed == 1 and notifier.failed == [body(1)]
    assert listener.calls == 3 and notifier.pending == []


async def test_network_errors_count_as_failures():
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(200)

    notifier = Notifier(URL, client=httpx.AsyncClient(transport=httpx.MockTransport(handler)), sleep=RecordingSleep())
    notifier.send(body(1))
    result = await notifier.drain()
    assert result.delivered == 1 and calls == 2


async def test_duplicates_and_shuffled_delivery():
    listener = Listener()
    notifier, _ = notifier_for(listener, seed=3)
    notifier.send(body(0), duplicate=2)
    for i in range(1, 10):
        notifier.send(body(i))
    await notifier.drain(shuffle=True)
    ids = [b["id"] for b in listener.received]
    assert len(ids) == 11 and ids.count(body(0)["id"]) == 2  # the same webhook twice
    assert sorted(set(ids)) == [body(i)["id"] for i in range(10)]
    assert ids != [body(0)["id"]] * 2 + [body(i)["id"] for i in range(1, 10)]  # out of order


async def test_simulator_changes_reach_the_listener():
    from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator

    listener = Listener()
    notifier, _ = notifier_for(listener)
    sim = PluggtoSimulator(notifier=notifier)
    order = sim.add_order(generate_order(start=START, status="pending"))
    sim.set_status(order["id"], "approved")
    await notifier.drain()
    assert [(n["action"], n["changes"]["status"]) for n in listener.received] == [("created", True), ("updated", True)]
    assert {n["id"] for n in listener.received} == {order["id"]}
    assert listener.received == sim.notifications


async def test_without_a_notifier_notifications_stay_in_the_outbox():
    from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator

    sim = PluggtoSimulator()
    order = sim.add_order(generate_order(start=START))
    assert sim.notifications == [{"type": "orders", "id": order["id"], "action": "created", "user": 129,
                                  "changes": {"status": True, "stock": False, "price": False}}]


async def test_notify_url_delivers_in_the_background_over_http():
    from pluggto_desktop.simulator.pluggto_sim import PluggtoSimulator

    listener = Listener()
    async with RunningServer(listener) as server:
        sim = PluggtoSimulator()
        async with httpx.AsyncClient(transport=sim.transport(), base_url="http://pluggto.test") as admin:
            answer = await admin.put("/_sim/config", json={"notify_url": f"{server.url}/pluggto/notifications"})
        assert answer.json()["notify_url"].endswith("/pluggto/notifications")
        order = sim.add_order(generate_order(start=START))
        for _ in range(200):
            if listener.received:
                break
            await asyncio.sleep(0.01)
        await sim.aclose()
    assert listener.received and listener.received[0]["id"] == order["id"]

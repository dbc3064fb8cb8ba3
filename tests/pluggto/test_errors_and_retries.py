"""How the client classifies and retries failures under the simulator's injected faults."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from pluggto_desktop.errors import BusinessError, TransientError
from pluggto_desktop.pluggto import MemoryTokenStore, PluggtoClient
from pluggto_desktop.simulator.orders_gen import generate_order
from tests.pluggto.conftest import BASE_URL, CREDENTIALS, START, ClearFaultsAfter, RecordingSleep

pytestmark = pytest.mark.anyio


def an_order(sim) -> dict:
    return sim.add_order(generate_order(start=START), notify=False)


async def signed_in(make_client, **kwargs) -> PluggtoClient:
    client = make_client(**kwargs)
    await client.authenticate()  # so faults only hit the call under test
    return client


async def test_rate_limit_exhausts_retries_and_carries_retry_after(sim, make_client, sleeper):
    order = an_order(sim)
    client = await signed_in(make_client)
    sim.set_faults(rate_limit_rate=1.0, retry_after=7, only_ops=["orders.get"])
    async with client:
        with pytest.raises(TransientError) as caught:
            await client.get_order(order["id"])
    assert caught.value.status == 429
    assert caught.value.retry_after == 7.0
    assert sim.counters["orders.get"] == 3  # three attempts in all
    # Retry-After honoured before each new attempt (by the back-off, and by the client's gate,
    # which this non-advancing fake sleep makes wait once more each time)
    assert len(sleeper.waits) >= 2 and all(w >= 7.0 for w in sleeper.waits)


async def test_server_errors_exhaust_retries_with_status_and_retry_after(sim, make_client):
    order = an_order(sim)
    client = await signed_in(make_client)
    sim.set_faults(fail_rate=1.0, retry_after=2, only_ops=["orders.get"])
    statuses = set()
    async with client:
        for _ in range(6):
            with pytest.raises(TransientError) as caught:
                await client.get_order(order["id"])
            statuses.add(caught.value.status)
            # the simulator sends Retry-After with its 503s only
            assert caught.value.retry_after == (2.0 if caught.value.status == 503 else None)
    assert statuses == {500, 503}
    assert sim.counters["orders.get"] == 18


async def test_a_long_retry_after_is_left_to_the_engine(sim, make_client, sleeper):
    order = an_order(sim)
    client = await signed_in(make_client)
    sim.set_faults(rate_limit_rate=1.0, retry_after=120, only_ops=["orders.get"])
    async with client:
        with pytest.raises(TransientError) as caught:
            await client.get_order(order["id"])
    assert caught.value.retry_after == 120.0
    assert sim.counters["orders.get"] == 1 and sleeper.waits == []  # no worker held for minutes


async def test_moderate_fault_rates_are_absorbed_by_in_call_retries(sim, make_client):
    order = an_order(sim)
    client = await signed_in(make_client)
    sim.set_faults(fail_rate=0.1, drop_rate=0.05, rate_limit_rate=0.05, seed=1)
    async with client:
        for _ in range(25):
            assert (await client.get_order(order["id"]))["id"] == order["id"]
    assert sim.counters["orders.get"] > 25  # some calls needed a second or third attempt


async def test_dropped_connection_is_transient(sim, make_client):
    order = an_order(sim)
    client = await signed_in(make_client)
    sim.set_faults(drop_rate=1.0, only_ops=["orders.get"])
    async with client:
        with pytest.raises(TransientError) as caught:
            await client.get_order(order["id"])
    assert "network error" in str(caught.value)
    assert sim.counters["orders.get"] == 3


async def test_slow_answer_times_out_as_transient(sim, make_client):
    order = an_order(sim)
    client = await signed_in(make_client, timeout=0.05)
    sim.set_faults(slow_rate=1.0, slow_seconds=5, only_ops=["orders.get"])
    started = time.monotonic()
    async with client:
        with pytest.raises(TransientError) as caught:
            await client.get_order(order["id"])
    assert "timeout" in str(caught.value)
    assert sim.counters["orders.get"] == 3
    assert time.monotonic() - started < 2


async def test_lost_answer_to_an_idempotent_put_is_retried_and_reported_as_done(sim, store, clock):
    order = an_order(sim)
    transport = ClearFaultsAfter(sim, f"/orders/{order['id']}")
    async with PluggtoClient(BASE_URL, CREDENTIALS, store, transport=transport, clock=clock,
                             sleep=RecordingSleep()) as client:
        await client.authenticate()
        sim.set_faults(drop_after_rate=1.0, only_ops=["orders.update"])
        result = await client.ack_order(order["id"], "LINX-7")
    # the first PUT was applied but its answer lost; the retry finds it done (not_updated)
    assert result.changed is False
    assert sim.counters["orders.update"] == 2
    assert sim.orders[order["id"]]["external"] == "LINX-7"


async def test_put_adding_a_shipment_is_not_repeated_blindly(sim, make_client):
    order = an_order(sim)
    client = await signed_in(make_client)
    sim.set_faults(drop_after_rate=1.0, only_ops=["orders.update"])
    async with client:
        with pytest.raises(TransientError):
            await client.update_order(order["id"], {"shipments": [{"track_code": "QC1BR"}]})
    # one attempt only: a blind repeat would have added a second new shipment
    assert sim.counters["orders.update"] == 1
    assert len(sim.orders[order["id"]]["shipments"]) == 2


async def test_malformed_json_in_a_200_is_transient():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            return httpx.Response(200, json={"access_token": "a" * 40, "expires_in": 3600, "refresh_token": "b" * 40})
        return httpx.Response(200, content=b"<html>gateway</html>")

    sleep = RecordingSleep()
    async with PluggtoClient(BASE_URL, CREDENTIALS, MemoryTokenStore(),
                             transport=httpx.MockTransport(handler), sleep=sleep) as client:
        with pytest.raises(TransientError) as caught:
            await client.get_order("0123456789abcdef01234567")
    assert caught.value.status == 200
    assert "a" * 40 not in str(caught.value)
    assert len(sleep.waits) == 2  # retried like any transient failure


async def test_unreadable_token_answer_is_transient():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"")

    async with PluggtoClient(BASE_URL, CREDENTIALS, MemoryTokenStore(),
                             transport=httpx.MockTransport(handler), sleep=RecordingSleep()) as client:
        with pytest.raises(TransientError):
            await client.authenticate()


async def test_rejected_product_is_a_business_error_with_type_and_details(sim, make_client):
    sim.reject_skus = {"CAM-ROSA"}
    async with make_client() as client:
        with pytest.raises(BusinessError) as caught:
            await client.upsert_sku("CAM-ROSA", {"name": "Camiseta Rosa", "price": 59.9})
    error = caught.value
    assert error.status == 400
    assert error.code == "product_rejected"
    assert error.remote_type == "invalid_product"
    assert "CAM-ROSA" in error.remote_details
    assert error.params["sku"] == "CAM-ROSA" and error.params["type"] == "invalid_product"
    assert sim.counters["skus.put"] == 1  # business errors are not retried


@pytest.mark.parametrize("bound", [1, 4])
async def test_concurrency_is_bounded(sim, make_client, bound):
    order = an_order(sim)
    client = await signed_in(make_client, max_concurrency=bound)
    sim.set_faults(latency_ms=15)
    sim.peak_in_flight = 0
    async with client:
        results = await asyncio.gather(*(client.get_order(order["id"]) for _ in range(20)))
    assert len(results) == 20
    assert sim.peak_in_flight == bound  # never more, and the bound is actually used


async def test_error_messages_never_carry_tokens(sim, make_client, store):
    order = an_order(sim)
    client = await signed_in(make_client)
    access_token = next(iter(sim._access_tokens))
    sim.set_faults(fail_rate=1.0, only_ops=["orders.get"])
    async with client:
        with pytest.raises(TransientError) as caught:
            await client.get_order(order["id"])
    text = str(caught.value) + repr(caught.value)
    assert access_token not in text and store.token not in text


async def test_empty_success_body_from_the_simulator_is_transient(sim, make_client):
    order = an_order(sim)
    client = await signed_in(make_client)
    sim.empty_body_rate, sim.empty_body_ops = 1.0, {"orders.get"}
    async with client:
        with pytest.raises(TransientError) as caught:
            await client.get_order(order["id"])
        assert caught.value.status == 200
        assert sim.counters["orders.get"] == 3
        # a PUT whose answer body is lost ran anyway: the retry is told "not_updated" → done
        sim.empty_body_ops = {"orders.update"}
        result = await client.ack_order(order["id"], "LINX-8")
    assert result.changed is False and sim.orders[order["id"]]["external"] == "LINX-8"
    assert sim.counters["orders.update"] == 2

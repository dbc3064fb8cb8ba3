"""Orders through the client against the simulator: lists, paging, get, updates (docs/pluggto-contract.md §2)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import httpx
import pytest

from pluggto_desktop.errors import BusinessError
from pluggto_desktop.pluggto.client import format_range
from pluggto_desktop.simulator.orders_gen import generate_order, generate_orders
from tests.pluggto.conftest import BASE_URL, START

pytestmark = pytest.mark.anyio


def load(sim, n: int, **kwargs) -> list[dict]:
    """Add ``n`` generated orders (keeping their created/modified) and return what was stored."""
    return sim.add_orders(generate_orders(n, seed=3, start=START, **kwargs), notify=False)


async def test_next_paging_walks_every_order_once(sim, make_client):
    stored = load(sim, 250)
    async with make_client() as client:
        pages = [page async for page in client.iter_orders(limit=100)]
    assert [len(p.orders) for p in pages] == [100, 100, 50]
    assert [p.total for p in pages] == [250, 250, 250]
    assert pages[0].next_cursor == pages[0].orders[-1]["id"]
    assert pages[-1].next_cursor is None
    seen = [o["id"] for p in pages for o in p.orders]
    assert seen == sorted(o["id"] for o in stored)  # every order, once, in id order
    assert sim.counters["orders.list"] == 3
    assert "Order" not in pages[0].orders[0]  # unwrapped


async def test_paging_follows_the_page_size_the_server_used(sim, make_client):
    sim.add_orders(generate_orders(620, seed=4, start=START), notify=False)
    async with make_client() as client:
        pages = [page async for page in client.iter_orders(limit=1000)]  # the simulator caps at 500
    assert [len(p.orders) for p in pages] == [500, 120]
    assert pages[0].limit == 500 and pages[0].next_cursor is not None


async def test_list_filters_by_status(sim, make_client):
    stored = load(sim, 60)
    async with make_client() as client:
        approved = await client.list_orders(status="approved")
        others = await client.list_orders(status=["pending", "canceled"])
    expected_approved = {o["id"] for o in stored if o["status"] == "approved"}
    expected_others = {o["id"] for o in stored if o["status"] in ("pending", "canceled")}
    assert expected_approved and expected_others  # the data set has both kinds
    assert {o["id"] for o in approved.orders} == expected_approved
    assert {o["id"] for o in others.orders} == expected_others


async def test_list_filters_by_modified_range_inclusive(sim, make_client):
    stored = load(sim, 40)

    def modified(order: dict) -> datetime:
        return datetime.fromisoformat(order["modified"].replace("Z", "+00:00"))

    by_time = sorted(stored, key=modified)
    low, high = modified(by_time[10]), modified(by_time[25])  # exact bounds: both included
    async with make_client() as client:
        page = await client.list_orders(modified=(low, high), limit=500)
    expected = {o["id"] for o in stored if low <= modified(o) <= high}
    assert {o["id"] for o in page.orders} == expected
    assert len(expected) >= 16
    assert page.next_cursor is None  # fewer than limit: last page


def test_range_format_is_utc_iso_with_z():
    brt = timezone(timedelta(hours=-3))
    text = format_range((datetime(2024, 1, 1, 9, 0, tzinfo=brt), datetime(2024, 1, 31, 20, 59, 59, 999000, tzinfo=brt)))
    assert text == "2024-01-01T12:00:00.000Zto2024-01-31T23:59:59.999Z"
    with pytest.raises(ValueError):
        format_range((datetime(2024, 1, 1), datetime(2024, 1, 2)))  # naive datetimes are refused


async def test_simulator_accepts_date_ranges_and_sorting(sim):
    stored = load(sim, 30, interval=timedelta(hours=6))
    token = await _token(sim)
    day = stored[8]["created"][:10]
    async with httpx.AsyncClient(transport=sim.transport(), base_url=BASE_URL,
                                 headers={"Authorization": f"Bearer {token}"}) as raw:
        same_day = (await raw.get("/orders", params={"created": f"{day}to{day}", "limit": 500})).json()
        params = {"orderby": "created", "orderdirection": "desc", "limit": 3}
        newest_first = (await raw.get("/orders", params=params)).json()
    assert {r["Order"]["id"] for r in same_day["result"]} == {o["id"] for o in stored if o["created"].startswith(day)}
    assert same_day["showing"] == len(same_day["result"]) and same_day["limit"] == 500
    assert [r["Order"]["id"] for r in newest_first["result"]] == [o["id"] for o in stored[::-1][:3]]


async def _token(sim) -> str:
    from tests.pluggto.conftest import CREDENTIALS

    async with httpx.AsyncClient(transport=sim.transport(), base_url=BASE_URL) as raw:
        answer = await raw.post("/oauth/token", data={
            "grant_type": "password", "client_id": CREDENTIALS.client_id,
            "client_secret": CREDENTIALS.client_secret, "username": CREDENTIALS.username,
            "password": CREDENTIALS.password,
        })
    return answer.json()["access_token"]


async def test_get_order_is_unwrapped(sim, make_client):
    order = sim.add_order(generate_order(start=START))
    async with make_client() as client:
        fetched = await client.get_order(order["id"])
    assert fetched["id"] == order["id"]
    assert fetched["items"] == order["items"]


async def test_unknown_order_is_a_business_error(sim, make_client):
    async with make_client() as client:
        with pytest.raises(BusinessError) as on_get:
            await client.get_order("0123456789abcdef01234567")
        with pytest.raises(BusinessError) as on_put:
            await client.ack_order("0123456789abcdef01234567", "L-1")
    for caught in (on_get, on_put):
        assert caught.value.code == "pluggto_order_not_found"
        assert caught.value.remote_type == "not_found"
        assert caught.value.status == 404
        assert caught.value.params["pluggto_id"] == "0123456789abcdef01234567"
    assert sim.counters["orders.get"] == 1  # a 404 is not retried


async def test_update_merges_partial_fields_and_notifies(sim, make_client):
    order = sim.add_order(generate_order(start=START, status="approved"))
    shipment_id = order["shipments"][0]["id"]
    before = dict(order)
    sim.notifications.clear()
    nfe = {"id": shipment_id, "nfe_key": "35240712345678000190550010000000121000000123",
           "nfe_number": "12", "nfe_serie": "1", "nfe_date": "2024-07-15T18:07:07.000Z"}
    async with make_client() as client:
        result = await client.update_order(order["id"], {"status": "invoiced", "shipments": [nfe]})
    assert result.changed is True
    assert result.order["status"] == "invoiced"
    stored = sim.orders[order["id"]]
    assert len(stored["shipments"]) == 1  # matched by id, not added
    assert stored["shipments"][0]["nfe_key"] == nfe["nfe_key"]
    assert stored["shipments"][0]["shipping_company"] == before["shipments"][0]["shipping_company"]
    assert stored["receiver_name"] == before["receiver_name"]  # untouched fields stay
    assert stored["status_history"][-1]["status"] == "invoiced"
    assert sim.notifications == [{
        "type": "orders", "id": order["id"], "action": "updated", "user": 129,
        "changes": {"status": True, "stock": False, "price": False},
    }]


async def test_update_sets_modified_from_the_simulator_clock(sim, clock, make_client):
    order = sim.add_order(generate_order(start=START))
    clock.advance(3600)
    async with make_client() as client:
        await client.ack_order(order["id"], "L-9")
    assert sim.orders[order["id"]]["modified"] == "2024-07-15T13:00:00.000Z"


async def test_ack_then_repeat_is_not_updated_and_counts_as_success(sim, make_client):
    order = sim.add_order(generate_order(start=START))
    async with make_client() as client:
        first = await client.ack_order(order["id"], "LINX-123")
        notified = len(sim.notifications)
        again = await client.ack_order(order["id"], "LINX-123")
    assert first.changed is True
    assert again.changed is False and again.order is None
    assert sim.orders[order["id"]]["ack"] is True
    assert sim.orders[order["id"]]["external"] == "LINX-123"
    assert len(sim.notifications) == notified  # nothing changed, nothing notified
    assert sim.counters["orders.update"] == 2  # not_updated is an answer, not retried


async def test_log_history_is_appended(sim, make_client):
    order = sim.add_order(generate_order(start=START))
    when = datetime(2024, 7, 15, 15, 30, tzinfo=timezone(timedelta(hours=-3)))
    async with make_client() as client:
        await client.add_log_history(order["id"], "SKU CAM-VERDE-XG não existe na Linx", when)
        await client.add_log_history(order["id"], "Endereço sem CEP", when)
    assert sim.orders[order["id"]]["log_history"] == [
        {"message": "SKU CAM-VERDE-XG não existe na Linx", "date": "2024-07-15T18:30:00.000Z"},
        {"message": "Endereço sem CEP", "date": "2024-07-15T18:30:00.000Z"},
    ]


async def test_shipment_without_id_is_added_as_a_duplicate(sim, make_client):
    order = sim.add_order(generate_order(start=START))
    shipment_id = order["shipments"][0]["id"]
    tracking = {"shipping_company": "Correios", "track_code": "QC123456729BR"}
    async with make_client() as client:
        shipment = {"id": shipment_id, **tracking}
        await client.update_order(order["id"], {"status": "shipping_informed", "shipments": [shipment]})
        assert len(sim.orders[order["id"]]["shipments"]) == 1
        await client.update_order(order["id"], {"shipments": [tracking]})  # forgot the id
    shipments = sim.orders[order["id"]]["shipments"]
    assert len(shipments) == 2
    assert shipments[1]["id"] and shipments[1]["id"] != shipment_id


async def test_invalid_update_is_a_business_error_with_type_and_details(sim, make_client):
    order = sim.add_order(generate_order(start=START))
    async with make_client() as client:
        with pytest.raises(BusinessError) as caught:
            await client.update_order(order["id"], {"status": "faturado"})
    error = caught.value
    assert error.code == "pluggto_rejected"
    assert error.status == 400
    assert error.remote_type == "invalid_order"
    assert "faturado" in error.remote_details
    assert error.params["type"] == "invalid_order" and "faturado" in error.params["details"]
    assert sim.orders[order["id"]]["status"] == order["status"]


async def test_simulator_accepts_a_body_wrapped_in_order(sim):
    order = sim.add_order(generate_order(start=START))
    token = await _token(sim)
    async with httpx.AsyncClient(transport=sim.transport(), base_url=BASE_URL,
                                 headers={"Authorization": f"Bearer {token}"}) as raw:
        answer = await raw.put(f"/orders/{order['id']}", json={"Order": {"external": "W-1"}})
    assert answer.status_code == 200
    assert answer.json()["Order"]["external"] == "W-1"


async def test_set_status_and_admin_routes(sim):
    order = sim.add_order(generate_order(start=START, status="pending"))
    sim.notifications.clear()
    async with httpx.AsyncClient(transport=sim.transport(), base_url=BASE_URL) as raw:
        changed = await raw.post(f"/_sim/orders/{order['id']}/status", json={"status": "approved"})
        added = await raw.post("/_sim/orders", json={"generate": 12, "seed": 5})
        fetched = await raw.get(f"/_sim/orders/{order['id']}")
        revoke = await raw.post("/_sim/tokens/revoke")
        config = await raw.put("/_sim/config", json={"token_ttl": 60, "reject_skus": ["X-1"]})
        bad_config = await raw.put("/_sim/config", json={"nope": 1})
    assert changed.json()["Order"]["status"] == "approved"
    assert sim.notifications[0]["changes"]["status"] is True
    ids = added.json()["ids"]
    assert len(ids) == 12 and ids == sorted(ids) and ids[0] > order["id"]  # ids grow with creation
    assert fetched.json()["Order"]["status"] == "approved"
    assert revoke.status_code == 200
    assert config.json()["token_ttl"] == 60 and sim.reject_skus == {"X-1"}
    assert bad_config.status_code == 400
    assert sim.counters == {}  # admin routes are never counted


async def test_generate_twice_brings_new_marketplace_orders(sim):
    """A second `generate` is new sales, not the first ones again under new Plug.to ids (which
    would look to the connector like one marketplace order sent twice)."""
    async with httpx.AsyncClient(transport=sim.transport(), base_url=BASE_URL) as raw:
        first = (await raw.post("/_sim/orders", json={"generate": 10})).json()["ids"]
        second = (await raw.post("/_sim/orders", json={"generate": 10})).json()["ids"]
    orders = [sim.orders[i] for i in first + second]
    assert len({o["id"] for o in orders}) == 20
    assert len({(o["original_id"], o["channel"]) for o in orders}) == 20

"""The simulator itself: auth, envelope, admin routes over HTTP, and serving on a real socket."""

from __future__ import annotations

import asyncio
import base64
from datetime import UTC, datetime

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pluggto_desktop.asgi_server import RunningServer
from pluggto_desktop.linx import contract as c
from pluggto_desktop.linx.client import LinxClient, resolve_base_url
from pluggto_desktop.linx.dates import parse_date
from pluggto_desktop.simulator.linx_sim import DATE_STYLES, DEMO_PASSWORD, DEMO_USER, LinxSimulator

from .conftest import SIM_URL
from .sample import order_body, sale

pytestmark = pytest.mark.anyio


def _http(sim: LinxSimulator, user: str = DEMO_USER, password: str = DEMO_PASSWORD) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=sim.transport(), base_url=SIM_URL, auth=httpx.BasicAuth(user, password))


# --- the wire -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer x", "Basic !!!", "Basic " + base64.b64encode(b"no-colon").decode(),
     "Basic " + base64.b64encode(f"{DEMO_USER}:wrong".encode()).decode()],
)
async def test_bad_credentials_get_401(sim, authorization) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    async with httpx.AsyncClient(transport=sim.transport(), base_url=SIM_URL) as http:
        response = await http.post(c.OP_SEARCH_ORDERS.path, json={}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Basic")


async def test_every_operation_is_routed_and_counted_by_name(sim) -> None:
    async with _http(sim) as http:
        for op in c.ALL_OPERATIONS:
            await http.post(op.path, json={})
        assert (await http.get(c.OP_SEARCH_ORDERS.path)).status_code == 405
    assert dict(sim.counters) == {op.name: 1 for op in c.ALL_OPERATIONS} | {"method_not_allowed": 1}


async def test_malformed_json_is_400_and_wrong_body_is_invalid(sim) -> None:
    async with _http(sim) as http:
        broken = await http.post(c.OP_SAVE_ORDER.path, content=b"{not json")
        scalar = await http.post(c.OP_SAVE_ORDER.path, json=[1, 2])
        get_text = await http.post(c.OP_GET_PRODUCT.path, json="100")
    assert broken.status_code == 400
    assert scalar.status_code == 200 and scalar.json()["IsValid"] is False
    assert get_text.json()["Errors"][0]["Key"] == "ProductID"


async def test_search_envelope_and_bad_paging(sim) -> None:
    async with _http(sim) as http:
        ok = (await http.post(c.OP_SEARCH_ORDER_STATUS.path, json={"Page": {"PageIndex": 0, "PageSize": 1}})).json()
        bad = (await http.post(c.OP_SEARCH_ORDERS.path, json={"Page": {"PageIndex": -1, "PageSize": 10}})).json()
        bad_order = (await http.post(c.OP_SEARCH_ORDERS.path, json={"OrderBy": "Nope"})).json()
    assert ok["IsValid"] is True and ok["Errors"] == [] and ok["Warnings"] == []
    assert ok["Page"] == {"PageIndex": 0, "PageSize": 1, "PageCount": 5, "RecordCount": 5}
    assert len(ok["Result"]) == 1
    assert bad["IsValid"] is False and bad["Errors"][0]["Key"] == "Page.PageIndex"
    assert bad_order["Errors"][0]["Key"] == "OrderBy"


async def test_save_order_accepts_discounts_within_a_cent(sim) -> None:
    body = order_body()
    body["Items"][0].update(DiscountAmount=5.0, Total=55.0)
    body["SubTotal"] = 85.0
    body["DiscountAmount"] = 4.995
    body["Total"] = 90.0  # 85 + 10 - 4.995 = 90.005: inside the 1-cent tolerance
    async with _http(sim) as http:
        answer = (await http.post(c.OP_SAVE_ORDER.path, json=body)).json()
    assert answer["IsValid"] is True and answer["OrderNumber"] == "100001"


async def test_non_numeric_amounts_are_refused_by_field(sim) -> None:
    body = order_body()
    body["Items"][0]["Qty"] = "2"
    body["Total"] = None
    async with _http(sim) as http:
        answer = (await http.post(c.OP_SAVE_ORDER.path, json=body)).json()
    assert {e["Key"] for e in answer["Errors"]} == {"Items[0].Qty", "Total"}


def test_dates_of_one_instant_read_back_equal_in_every_style() -> None:
    instant = datetime(2026, 11, 26, 13, 4, 5, 678000, tzinfo=UTC)
    sim = LinxSimulator(clock=lambda: instant)
    for style in DATE_STYLES:
        sim.date_style = style
        assert parse_date(sim.product(100)["ModifiedDate"]) == instant
    with pytest.raises(ValueError):
        sim.date_style = "rfc822"


# --- admin routes -------------------------------------------------------------------------------
async def test_admin_routes_drive_the_store_without_being_counted(sim) -> None:
    order_id = sim.add_foreign_order(original_order_id=sale("ADM-1", "Magalu"), brand="Magalu")
    async with httpx.AsyncClient(transport=sim.transport(), base_url=SIM_URL) as http:  # no auth needed
        invoiced = await http.post(f"/_sim/orders/{order_id}/invoice",
                                   json={"number": "55", "issued_at": "2026-11-26T10:00:00"})
        shipped = await http.post(f"/_sim/orders/{order_id}/ship", json={"tracking_number": "BR1"})
        delivered = await http.post(f"/_sim/orders/{order_id}/deliver")
        listed = await http.get("/_sim/orders", params={"original_id": sale("ADM-1", "Magalu").upper(),
                                                        "brand": "Magalu"})
        queue = await http.get("/_sim/queue", params={"queue_id": "7"})
        missing = await http.post("/_sim/orders/NOPE/cancel")
        unknown_field = await http.post(f"/_sim/orders/{order_id}/ship", json={"colour": "red"})
        cancelled = await http.post(f"/_sim/orders/{order_id}/cancel")
        after_cancel = await http.post(f"/_sim/orders/{order_id}/invoice")
    assert invoiced.status_code == 200 and invoiced.json()["OrderInvoice"]["Number"] == "55"
    assert parse_date(invoiced.json()["OrderInvoice"]["IssuedAt"]) == datetime(2026, 11, 26, 13, tzinfo=UTC)
    assert shipped.json()["Shipments"][0]["Packages"][0]["TrackingNumber"] == "BR1"
    assert delivered.json()["GlobalStatus"] == c.STATUS_DELIVERED
    assert [o["OrderID"] for o in listed.json()] == [order_id]
    assert [i["DomainEventTypeName"] for i in queue.json()] == ["OrderInvoiced", "OrderShipped", "OrderDelivered"]
    assert missing.status_code == 404 and unknown_field.status_code == 400
    assert cancelled.json()["GlobalStatus"] == c.STATUS_CANCELLED
    assert after_cancel.status_code == 409
    assert sum(sim.counters.values()) == 0


async def test_admin_catalogue_routes_feed_the_product_queue(sim) -> None:
    async with httpx.AsyncClient(transport=sim.transport(), base_url=SIM_URL) as http:
        added = await http.post("/_sim/catalogue/sku", json={"sku": "NOVO-1", "name": "Novo", "list_price": 10.0})
        new_id = added.json()["ProductID"]
        stock = await http.post(f"/_sim/products/{new_id}/stock", json={"qty": 4, "warehouse_id": 2})
        ambiguous = await http.post("/_sim/products/100/stock", json={"qty": 1})
        price = await http.post("/_sim/products/100/price", json={"sku": "CAM-AZUL-G", "retail_price": 39.9})
        renamed = await http.post("/_sim/products/200", json={"name": "Caneca Nova"})
        off = await http.post("/_sim/products/201/deactivate")
        again = await http.post("/_sim/catalogue/sku", json={"sku": "NOVO-1"})
        queue = await http.get("/_sim/queue", params={"queue_id": "8"})
        style = await http.put("/_sim/date-style", json={"style": "wcf"})
        catalogue = await http.get("/_sim/catalogue")
    assert new_id == 205
    assert {"WarehouseID": 2, "StockBalance": 4} in stock.json()["SKUs"][0]["Inventory"]
    assert ambiguous.status_code == 400  # product 100 has four SKUs: say which
    assert next(s for s in price.json()["SKUs"] if s["SKU"] == "CAM-AZUL-G")["RetailPrice"] == 39.9
    assert renamed.json()["Name"] == "Caneca Nova"
    assert off.json()["IsActive"] is False
    assert again.status_code == 409
    assert [i["EntityKeyValue"] for i in queue.json()] == ["205", "205", "100", "200", "201"]
    assert style.json() == {"style": "wcf"}
    assert all(p["ModifiedDate"].startswith("/Date(") for p in catalogue.json())


async def test_admin_duplicates(sim) -> None:
    async with _http(sim) as http:
        for _ in range(2):
            await http.post(c.OP_SAVE_ORDER.path, json=order_body("DUP-1"))
        duplicates = (await http.get("/_sim/duplicates")).json()
    assert duplicates == [{"original_order_id": sale("DUP-1"), "brand": "MercadoLivre",
                           "marketplace_order_number": "DUP-1", "count": 2}]


# --- a real socket ------------------------------------------------------------------------------
async def test_client_reaches_the_simulator_served_on_loopback() -> None:
    sim = LinxSimulator()
    async with RunningServer(sim) as server:
        url = resolve_base_url(server.url + "/")
        async with LinxClient(url, DEMO_USER, DEMO_PASSWORD) as linx:
            await linx.test_connection()
            saved = await linx.save_order(order_body("NET-1"))
            found = await linx.find_orders([(sale("NET-1"), "MercadoLivre")])
    assert found[(sale("NET-1"), "MercadoLivre")]["OrderID"] == saved.order_id
    assert sim.counters["SaveOrder"] == 1


# --- robustness ---------------------------------------------------------------------------------
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
_paths = st.sampled_from(
    [("CustomerType",), ("CustomerName",), ("Addresses",), ("Addresses", 0), ("Addresses", 0, "State"),
     ("Addresses", 0, "AddressType"), ("PaymentMethods", 0, "PaymentInfo"), ("PaymentTaxAmount",),
     ("Addresses", 0, "PostalCode"), ("Items",), ("Items", 0), ("Items", 0, "SKU"), ("Items", 0, "Qty"),
     ("SubTotal",), ("Total",), ("OriginalOrderID",), ("MarketPlaceBrand",), ("Properties",)]
)


@settings(max_examples=150, deadline=None)
@given(path=_paths, value=_json)
def test_save_order_answers_the_envelope_whatever_the_body(path, value) -> None:
    body = order_body()
    target = body
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value

    async def post() -> httpx.Response:
        async with _http(LinxSimulator()) as http:
            return await http.post(c.OP_SAVE_ORDER.path, json=body)

    response = asyncio.run(post())
    answer = response.json()
    assert response.status_code == 200
    assert answer["IsValid"] is True or all(e["Key"] for e in answer["Errors"])

"""L1–L9 through the client against the simulated store."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from pluggto_desktop.errors import BusinessError
from pluggto_desktop.linx import contract as c
from pluggto_desktop.linx import where as w
from pluggto_desktop.linx.client import FIND_BATCH, LinxClient, QueueOrder
from pluggto_desktop.linx.dates import parse_date
from pluggto_desktop.simulator.catalogue import UNKNOWN_SKU, large_catalogue
from pluggto_desktop.simulator.linx_sim import DEMO_PASSWORD, DEMO_USER, LinxSimulator

from .conftest import SIM_URL
from .sample import order_body, sale

pytestmark = pytest.mark.anyio


# --- L3 SaveOrder ---------------------------------------------------------------------------------
async def test_save_order_stores_everything_and_numbers_sequentially(linx, sim) -> None:
    first = await linx.save_order(order_body("A1"))
    second = await linx.save_order(order_body("A2"))
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", first.order_id)
    assert (first.order_number, second.order_number) == ("100001", "100002")
    assert first.warnings == []
    stored = sim.order(first.order_id)
    assert stored["OriginalOrderID"] == sale("A1") and stored["MarketPlaceBrand"] == "MercadoLivre"
    assert stored["GlobalStatus"] == c.STATUS_NEW
    assert {"Name": c.PROP_PLUGGTO_ORDER_ID, "Value": "plg-A1"} in stored["Properties"]
    assert stored["Items"] == order_body("A1")["Items"]
    assert parse_date(stored["CreatedDate"]) is not None


async def test_save_order_warns_when_stock_is_short(linx) -> None:
    result = await linx.save_order(order_body(items=[("CANECA-01", 99, 10.0)]))
    assert result.warnings == ["Estoque insuficiente para o SKU 'CANECA-01'"]


async def test_unknown_catalogue_sku_can_be_added_and_the_order_resent(linx, sim) -> None:
    body = order_body(items=[(UNKNOWN_SKU, 1, 40.0)])
    with pytest.raises(BusinessError) as info:
        await linx.save_order(body)
    assert info.value.code == "unknown_sku" and info.value.params == {"sku": UNKNOWN_SKU}
    sim.add_sku(UNKNOWN_SKU, product_id=100, options=[("Cor", "Verde"), ("Tamanho", "XG")])
    result = await linx.save_order(body)
    assert sim.orders_for(body["OriginalOrderID"], "MercadoLivre")[0]["OrderID"] == result.order_id


async def test_the_store_does_not_prevent_duplicates_but_reports_them(linx, sim) -> None:
    await linx.save_order(order_body("D1"))
    await linx.save_order(order_body("D1"))
    await linx.save_order(order_body("D2"))
    assert len(sim.orders_for(sale("D1"), "MercadoLivre")) == 2
    assert sim.duplicates() == {(sale("D1"), "MercadoLivre"): 2}


# --- L2 find_orders / search_orders -------------------------------------------------------------
async def test_find_orders_batches_pairs_into_few_calls(linx, sim) -> None:
    for n in range(120):
        sim.add_foreign_order(original_order_id=sale(f"ML-{n}", "MercadoLivre"), brand="MercadoLivre")
    for n in range(5):
        sim.add_foreign_order(original_order_id=sale(f"AM-{n}", "Amazon"), brand="Amazon")
    sim.reset_counters()
    pairs = [(sale(f"ML-{n}", "MercadoLivre"), "MercadoLivre") for n in range(120)]
    pairs += [(sale(f"AM-{n}", "Amazon"), "Amazon") for n in range(5)]
    absent = [(sale("ML-1", "MercadoLivre"), "Amazon"), (sale("nope"), "MercadoLivre")]  # same id, other brand
    found = await linx.find_orders(pairs + absent)
    assert sim.counters["SearchOrders"] == -(-len(pairs + absent) // FIND_BATCH) == 3
    assert len(found) == 125
    assert all(pair not in found for pair in absent)
    assert found[(sale("AM-3", "Amazon"), "Amazon")]["MarketPlaceBrand"] == "Amazon"


async def test_find_orders_matches_a_guid_the_store_writes_in_another_case(linx, sim) -> None:
    sim.add_foreign_order(original_order_id=sale("X-1").upper().replace("-", ""), brand="MercadoLivre")
    found = await linx.find_orders([(sale("X-1"), "MercadoLivre")])
    assert list(found) == [(sale("X-1"), "MercadoLivre")]


async def test_find_orders_handles_quotes_and_backslashes(linx, sim) -> None:
    tricky = (sale("T-1", 'Loja "X"'), 'Loja "a\\b"')
    injection = (sale("ML-0"), 'x" || MarketPlaceBrand == "MercadoLivre')
    sim.add_foreign_order(original_order_id=tricky[0], brand=tricky[1])
    sim.add_foreign_order(original_order_id=sale("ML-0"), brand="MercadoLivre")
    found = await linx.find_orders([tricky, injection])
    assert list(found) == [tricky]


async def test_find_orders_follows_pages(linx, sim) -> None:
    dup = sale("DUP", "Shopee")
    for _ in range(FIND_BATCH + 10):  # the same marketplace order stored many times
        sim.add_foreign_order(original_order_id=dup, brand="Shopee")
    sim.reset_counters()
    found = await linx.find_orders([(dup, "Shopee")])
    assert sim.counters["SearchOrders"] == 2
    assert found[(dup, "Shopee")]["OrderID"] == sim.orders_for(dup, "Shopee")[0]["OrderID"]


async def test_find_orders_with_nothing_to_find_makes_no_call(linx, sim) -> None:
    assert await linx.find_orders([]) == {}
    assert sim.counters["SearchOrders"] == 0


async def test_search_orders_pages_and_sorts(linx, sim) -> None:
    ids = [sim.add_foreign_order(brand="Magalu") for n in range(7)]
    pages = [await linx.search_orders(w.eq("MarketPlaceBrand", "Magalu"), page_index=i, page_size=3,
                                      order_by="OrderNumber") for i in range(4)]
    assert [len(p.results) for p in pages] == [3, 3, 1, 0]
    assert all(p.page_count == 3 and p.record_count == 7 and p.page_size == 3 for p in pages)
    assert [p.page_index for p in pages] == [0, 1, 2, 3]
    assert [o["OrderID"] for p in pages for o in p.results] == ids
    newest_first = await linx.search_orders("", order_by="OrderNumber desc")
    assert [o["OrderID"] for o in newest_first.results] == ids[::-1]


async def test_search_orders_by_date_in_store_time() -> None:
    clock = [datetime(2026, 11, 26, 12, 0, tzinfo=UTC)]
    sim = LinxSimulator(clock=lambda: clock[0])
    for n in range(4):
        sim.add_foreign_order(original_order_id=sale(f"T{n}"))  # 09:00, 10:00, 11:00, 12:00 store time
        clock[0] += timedelta(hours=1)
    since = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)
    until = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    async with LinxClient(SIM_URL, DEMO_USER, DEMO_PASSWORD, transport=sim.transport()) as linx:
        page = await linx.search_orders(w.and_(w.ge("CreatedDate", since), w.le("CreatedDate", until)))
    assert [o["OriginalOrderID"] for o in page.results] == [sale("T1"), sale("T2")]


async def test_malformed_where_is_a_business_error_on_key_where(linx) -> None:
    for where in ['OriginalOrderID == "x', 'Nonexistent == "x"', "OriginalOrderID == 5", 'OriginalOrderID == "T1"']:
        with pytest.raises(BusinessError) as info:
            await linx.search_orders(where)
        assert info.value.keys == ["Where"] and info.value.code == "linx_rejected"


# --- L4 cancel ----------------------------------------------------------------------------------
async def test_cancel_order_feeds_the_queue_once(linx, sim) -> None:
    saved = await linx.save_order(order_body("C1"))
    await linx.cancel_order(saved.order_id)
    await linx.cancel_order(saved.order_id)  # harmless the second time
    assert sim.order(saved.order_id)["GlobalStatus"] == c.STATUS_CANCELLED
    entries = await linx.get_queue_orders(7)
    assert [e.queue_item["DomainEventTypeName"] for e in entries] == ["OrderCancelled"]
    assert sim.counters["UpdateOrder"] == 2


# --- L5 / L6 order feed ---------------------------------------------------------------------------
async def test_order_feed_round_trip(linx, sim) -> None:
    saved = await linx.save_order(order_body("F1"))
    assert await linx.get_queue_orders(7) == []  # creating an order feeds nothing
    sim.invoice(saved.order_id, number="12", series="1")

    first = await linx.get_queue_orders(7)
    assert len(first) == 1 and isinstance(first[0], QueueOrder)
    entry = first[0]
    assert entry.queue_item["EntityKeyName"] == "OrderID"
    assert entry.queue_item["EntityKeyValue"] == saved.order_id
    assert entry.queue_item["EntityTypeName"] == c.ORDER_ENTITY_TYPE
    assert entry.queue_item["QueueID"] == 7 and entry.queue_item["Attempts"] == 0
    invoice = entry.order["OrderInvoice"]
    assert entry.order["GlobalStatus"] == c.STATUS_INVOICED
    assert re.fullmatch(r"\d{44}", invoice["Code"]) and invoice["Number"] == "12" and invoice["IsIssued"] is True
    assert parse_date(invoice["IssuedAt"]) is not None

    again = await linx.get_queue_orders(7)  # not dequeued: delivered again (at-least-once)
    assert [e.queue_item_id for e in again] == [entry.queue_item_id]
    assert again[0].queue_item["Attempts"] == 1

    await linx.dequeue([entry.queue_item_id])
    assert await linx.get_queue_orders(7) == []
    assert sim.counters["DequeueQueueItems"] == 1


async def test_order_feed_shows_the_order_as_it_is_now(linx, sim) -> None:
    saved = await linx.save_order(order_body("F2"))
    sim.invoice(saved.order_id)
    sim.ship(saved.order_id, carrier="Jadlog", method=".Package", tracking_number="JD1")
    sim.deliver(saved.order_id)
    entries = await linx.get_queue_orders(7)
    assert [e.queue_item["DomainEventTypeName"] for e in entries] == ["OrderInvoiced", "OrderShipped", "OrderDelivered"]
    for entry in entries:  # every item carries the current order
        assert entry.order["GlobalStatus"] == c.STATUS_DELIVERED
    order = entries[0].order
    package = order["Shipments"][0]["Packages"][0]
    method = order["DeliveryMethods"][0]
    assert (method["CarrierName"], method["DeliveryMethodAlias"], package["TrackingNumber"]) == (
        "Jadlog", ".Package", "JD1")
    assert order["Shipments"][0]["ShipmentStatus"] == c.SHIPMENT_STATUS_DELIVERED
    assert parse_date(package["ShippedDate"]) <= parse_date(order["ModifiedDate"])
    await linx.dequeue([e.queue_item_id for e in entries])
    assert sim.queue_items(7) == []


async def test_foreign_orders_have_no_pluggto_property(linx, sim) -> None:
    order_id = sim.add_foreign_order()
    sim.ship(order_id)
    [entry] = await linx.get_queue_orders(7)
    names = [p["Name"] for p in entry.order["Properties"]]
    assert c.PROP_PLUGGTO_ORDER_ID not in names


async def test_order_feed_pages(linx, sim) -> None:
    for _ in range(5):
        sim.cancel(sim.add_foreign_order())
    first = await linx.get_queue_orders(7, page_size=2)
    second = await linx.get_queue_orders(7, page_size=2, page_index=1)
    assert len(first) == 2 and len(second) == 2
    assert first[0].queue_item_id < first[1].queue_item_id < second[0].queue_item_id


async def test_dequeue_of_nothing_makes_no_call_and_unknown_ids_are_harmless(linx, sim) -> None:
    await linx.dequeue([])
    assert sim.counters["DequeueQueueItems"] == 0
    await linx.dequeue([123456])
    assert sim.counters["DequeueQueueItems"] == 1


# --- L7 product feed / L8 / L9 ----------------------------------------------------------------------
async def test_product_feed_items(linx, sim) -> None:
    sim.set_stock("CAM-AZUL-M", 1, 3)
    sim.set_price("CANECA-01", retail_price=29.9)
    sim.deactivate(sku="CAM-PRETO-G")
    items = await linx.search_queue_items(8)
    assert [(i["EntityKeyName"], i["EntityKeyValue"]) for i in items] == [
        ("ProductID", "100"), ("ProductID", "200"), ("ProductID", "101")
    ]
    assert all(i["EntityTypeName"] == c.PRODUCT_ENTITY_TYPE and i["QueueID"] == 8 for i in items)
    assert await linx.get_queue_orders(7) == []  # product changes stay off the order feed

    product = await linx.get_product(int(items[0]["EntityKeyValue"]))
    sku = next(s for s in product["SKUs"] if s["SKU"] == "CAM-AZUL-M")
    assert {"WarehouseID": 1, "StockBalance": 3} in sku["Inventory"]

    await linx.dequeue([i["QueueItemID"] for i in items])
    assert await linx.search_queue_items(8) == []


async def test_get_product_shape(linx) -> None:
    product = await linx.get_product(100)
    for key in ("ProductID", "IntegrationID", "Name", "Description", "Brand", "IsActive", "ModifiedDate",
                "Categories", "Images", "Properties", "Dimensions", "SKUs", "IsValid", "Errors", "Warnings"):
        assert key in product
    assert product["ProductID"] == 100 and product["IntegrationID"] == "CAM-AZUL"
    assert parse_date(product["ModifiedDate"]) is not None
    assert set(product["Dimensions"]) == {"Weight", "Height", "Width", "Depth"}
    assert len(product["SKUs"]) == 4
    sku = product["SKUs"][1]
    assert sku["SKU"] == "CAM-AZUL-M" and sku["IsActive"] is True
    assert {"PropertyName": "Tamanho", "Value": "M"} in sku["Options"]
    assert [i["WarehouseID"] for i in sku["Inventory"]] == [1, 2]
    assert isinstance(sku["ListPrice"], float) and isinstance(sku["SkuID"], int)


async def test_unknown_product(linx) -> None:
    with pytest.raises(BusinessError) as info:
        await linx.get_product(999999)
    assert info.value.keys == ["ProductID"] and info.value.field_errors[0].code == c.ERROR_PRODUCT_NOT_FOUND


async def test_iter_products_walks_every_page(linx, sim) -> None:
    products = [p async for p in linx.iter_products(page_size=4)]
    assert [p["ProductID"] for p in products] == [100, 101, 102, 103, 200, 201, 202, 203, 204]
    assert sim.counters["SearchProduct"] == 3
    assert all(p["SKUs"] for p in products)  # L9 carries the SKUs: no per-product call


async def test_search_products_where_and_paging() -> None:
    sim = LinxSimulator(catalogue=large_catalogue(25, skus_per_product=2))
    async with LinxClient(SIM_URL, DEMO_USER, DEMO_PASSWORD, transport=sim.transport()) as linx:
        page = await linx.search_products(page_index=2, page_size=10)
        assert (page.page_count, page.record_count, len(page.results)) == (3, 25, 5)
        sim.deactivate(10_003)
        active = await linx.search_products(w.eq("IsActive", False))
    assert [p["ProductID"] for p in active.results] == [10_003]


async def test_dates_come_in_every_form_and_all_parse(linx, sim) -> None:
    assert sim.date_style == "mixed"
    seen = set()
    for _ in range(3):
        product = await linx.get_product(100)
        text = product["ModifiedDate"]
        seen.add("wcf" if text.startswith("/Date(") else "offset" if text.endswith("-03:00") else "naive")
        assert parse_date(text) is not None
    assert seen == {"wcf", "offset", "naive"}

"""The simulator refuses what the real Linx deserializer refuses, and reads back the real shapes.

The facts come from a Linx Commerce client a store's own team runs (CayoKume/Newbloomers,
src/Jobs/LinxCommerce/: Order.cs types OrderID/OriginalOrderID as Guid?, OrderAddress.AddressType
as Int32?, CustomerService reads CustomerType "P"/"C", tracking lives in OrderShipment.Packages).
See docs/linx-contract.md.
"""

from __future__ import annotations

import uuid

import pytest

from pluggto_desktop.errors import BusinessError
from pluggto_desktop.linx import contract as c
from pluggto_desktop.linx import where as w

from .sample import order_body, sale

pytestmark = pytest.mark.anyio


def _is_guid(value: object) -> bool:
    return isinstance(value, str) and str(uuid.UUID(value)) == value


# --- refusals: each with IsValid:false and the field's Key -----------------------------------------
@pytest.mark.parametrize("value", ["2000001234567890", "MLB-123", "", "not-a-guid-at-all-0000000000000000"])
async def test_text_in_the_original_order_id_guid_is_refused(linx, sim, value: str) -> None:
    body = order_body()
    body["OriginalOrderID"] = value
    with pytest.raises(BusinessError) as info:
        await linx.save_order(body)
    assert "OriginalOrderID" in info.value.keys and info.value.status == 200
    assert sim.orders() == []


@pytest.mark.parametrize("value", ["F", "J", "p", "", None, 80])
async def test_a_customer_type_other_than_p_or_c_is_refused(linx, sim, value) -> None:
    body = order_body()
    body["CustomerType"] = value
    with pytest.raises(BusinessError) as info:
        await linx.save_order(body)
    assert info.value.keys == ["CustomerType"]
    assert sim.orders() == []


@pytest.mark.parametrize("value", ["Shipping", "Billing", "68", None, True])
async def test_a_text_address_type_is_refused(linx, sim, value) -> None:
    body = order_body()
    body["Addresses"][1]["AddressType"] = value
    with pytest.raises(BusinessError) as info:
        await linx.save_order(body)
    assert info.value.keys == ["Addresses[1].AddressType"]
    assert sim.orders() == []


async def test_text_in_the_int32_payment_type_is_refused(linx) -> None:
    body = order_body()
    body["PaymentMethods"][0]["PaymentInfo"]["PaymentType"] = "credit"
    with pytest.raises(BusinessError) as info:
        await linx.save_order(body)
    assert info.value.keys == ["PaymentMethods[0].PaymentInfo.PaymentType"]


async def test_a_where_comparing_a_guid_field_with_text_is_refused(linx) -> None:
    with pytest.raises(BusinessError) as info:
        await linx.search_orders(w.eq("OriginalOrderID", "2000001234567890"))
    assert info.value.keys == ["Where"]


async def test_interest_is_part_of_the_total(linx, sim) -> None:
    body = order_body()
    body["PaymentTaxAmount"] = 7.5
    with pytest.raises(BusinessError):  # Total no longer adds up
        await linx.save_order(body)
    body["Total"] = round(body["Total"] + 7.5, 2)
    await linx.save_order(body)
    assert len(sim.orders()) == 1


# --- the read model ----------------------------------------------------------------------------------
async def test_saved_orders_read_back_with_guids_and_the_real_field_names(linx, sim) -> None:
    saved = await linx.save_order(order_body())
    assert _is_guid(saved.order_id)
    [order] = (await linx.search_orders(w.eq("OrderID", saved.order_id.upper()))).results  # any case finds it
    assert _is_guid(order["OrderID"]) and order["OriginalOrderID"] == sale()
    assert order["CustomerType"] == "P" and order["CustomerName"] == "Andre Souza"
    assert [a["AddressType"] for a in order["Addresses"]] == [c.ADDRESS_TYPE_SHIPPING, c.ADDRESS_TYPE_BILLING]
    assert order["DeliveryMethods"][0]["CarrierName"] == "Correios"
    assert order["PaymentTaxAmount"] == 0.0
    assert order["Shipments"] == [] and order["CancelledDate"] is None


async def test_shipping_puts_the_tracking_in_a_package_and_delivering_keeps_no_date(linx, sim) -> None:
    saved = await linx.save_order(order_body())
    sim.invoice(saved.order_id)
    sim.ship(saved.order_id, carrier="Jadlog", method=".Package", tracking_number="JD123")
    shipped = sim.order(saved.order_id)
    [shipment] = shipped["Shipments"]
    assert _is_guid(shipment["OrderShipmentID"]) and shipment["ShipmentStatus"] == c.SHIPMENT_STATUS_SHIPPED
    [package] = shipment["Packages"]
    assert package["TrackingNumber"] == "JD123" and package["TrackingNumberUrl"].endswith("JD123")
    assert package["ShippedDate"] is not None
    assert "TrackingNumber" not in shipment and "Carrier" not in shipment
    assert (shipped["DeliveryMethods"][0]["CarrierName"], shipped["DeliveryMethods"][0]["DeliveryMethodAlias"]) == (
        "Jadlog", ".Package")
    assert _is_guid(shipped["OrderInvoice"]["OrderInvoiceID"])
    delivered = sim.deliver(saved.order_id)
    assert delivered["Shipments"][0]["ShipmentStatus"] == c.SHIPMENT_STATUS_DELIVERED
    assert all("DeliveredDate" not in s for s in delivered["Shipments"])  # as in the real read model


async def test_cancelling_sets_the_cancelled_date(linx, sim) -> None:
    saved = await linx.save_order(order_body())
    await linx.cancel_order(saved.order_id)
    order = sim.order(saved.order_id)
    assert order["GlobalStatus"] == c.STATUS_CANCELLED and order["CancelledDate"] is not None


async def test_cancel_refuses_an_order_id_that_is_not_a_guid(linx) -> None:
    with pytest.raises(BusinessError) as info:
        await linx.cancel_order("100001")
    assert info.value.keys == ["OrderID"]


async def test_dequeue_takes_the_ids_as_numbers_or_as_strings(linx, sim) -> None:
    """NB's OrderService sends QueueItemID strings; we send numbers: a real store takes both."""
    saved = await linx.save_order(order_body())
    sim.invoice(saved.order_id)
    sim.cancel(saved.order_id)
    first, second = [i["QueueItemID"] for i in sim.queue_items()]
    await linx._call(c.OP_DEQUEUE_QUEUE_ITEMS, {c.KEY_QUEUE_ITEMS: [first, str(second)]})
    assert sim.queue_items() == []

"""What Plug.to still lacks, step by step, echoing its shipment id."""

from __future__ import annotations

import pytest

from pluggto_desktop.domain.status_back import (
    CANCELED,
    DELIVERED,
    INVOICE,
    SHIPPING,
    InvalidStoreData,
    next_update,
    pluggto_order_id,
)

KEY = "35240712345678000190550010000000121000000123"


def linx(status: str = "INVOICED", *, invoice: bool = True, shipped: bool = False, delivered: bool = False) -> dict:
    order = {"OrderID": "A1", "GlobalStatus": status,
             "Properties": [{"Name": "PluggtoOrderID", "Value": "606a7d2de2dc666bac3206b5"}],
             "OrderInvoice": {"Code": KEY, "Number": "12", "Series": "1", "IssuedAt": "/Date(1721066827000-0300)/",
                              "Url": "https://x/nfe.xml", "CFOP": "6102", "IsIssued": invoice},
             "Shipments": []}
    if shipped or delivered:
        order["Shipments"] = [{"ShipmentNumber": "1", "Carrier": "Correios", "Method": "PAC",
                               "TrackingNumber": "QC123456729BR", "TrackingUrl": "https://t/QC1",
                               "ShippedDate": "2024-07-16T10:00:00", "DeliveredDate":
                                   "2024-07-18T15:30:00" if delivered else None}]
    return order


def pluggto(status: str = "approved", **shipment) -> dict:
    return {"id": "606a7d2de2dc666bac3206b5", "status": status,
            "shipments": [{"id": "606b87e9e7cb7f1d4d5f8d33", "shipping_company": "Correios", **shipment}]}


def test_reads_the_pluggto_id_from_the_order_properties() -> None:
    assert pluggto_order_id(linx()) == "606a7d2de2dc666bac3206b5"
    assert pluggto_order_id({"Properties": []}) is None


def test_invoice_with_the_existing_shipment_id_and_utc_dates() -> None:
    update = next_update(linx(), pluggto(), set())
    assert update.kind == INVOICE and update.body["status"] == "invoiced"
    [shipment] = update.body["shipments"]
    assert shipment["id"] == "606b87e9e7cb7f1d4d5f8d33"
    assert shipment["nfe_key"] == KEY and shipment["nfe_number"] == "12" and shipment["nfe_serie"] == "1"
    assert shipment["nfe_date"] == "2024-07-15T18:07:07.000Z" and shipment["cfops"] == "6102"


def test_an_order_first_seen_shipped_gets_its_invoice_before_its_tracking() -> None:
    store = linx("SHIPPED", shipped=True)
    first = next_update(store, pluggto(), set())
    assert first.kind == INVOICE
    after_invoice = pluggto("invoiced", nfe_key=KEY)
    second = next_update(store, after_invoice, {INVOICE})
    assert second.kind == SHIPPING and second.body["status"] == "shipping_informed"
    [shipment] = second.body["shipments"]
    assert shipment == {"id": "606b87e9e7cb7f1d4d5f8d33", "shipping_company": "Correios", "shipping_method": "PAC",
                        "track_code": "QC123456729BR", "track_url": "https://t/QC1",
                        "date_shipped": "2024-07-16T13:00:00.000Z"}  # store time is UTC−3
    assert next_update(store, pluggto("shipping_informed", nfe_key=KEY, track_code="QC123456729BR"),
                       {INVOICE, SHIPPING}) is None


def test_delivery_after_everything_else() -> None:
    store = linx("DELIVERED", delivered=True)
    up_to_shipping = pluggto("shipping_informed", nfe_key=KEY, track_code="QC123456729BR")
    update = next_update(store, up_to_shipping, set())
    assert update.kind == DELIVERED
    assert update.body["shipments"] == [{"id": "606b87e9e7cb7f1d4d5f8d33", "date_delivered": "2024-07-18T18:30:00.000Z"}]
    assert next_update(store, pluggto("delivered", nfe_key=KEY, track_code="x"), set()) is None


def test_nothing_when_plugto_already_has_it() -> None:
    assert next_update(linx(), pluggto("invoiced", nfe_key=KEY), set()) is None
    assert next_update(linx(invoice=False), pluggto(), set()) is None  # not issued yet


def test_without_a_shipment_in_plugto_the_first_update_creates_one() -> None:
    update = next_update(linx(), {"id": "x", "status": "approved", "shipments": []}, set())
    assert "id" not in update.body["shipments"][0]


def test_cancellation() -> None:
    assert next_update(linx("CANCELLED"), pluggto(), set()).body == {"status": "canceled"}
    assert next_update(linx("CANCELLED"), pluggto("canceled"), set()) is None
    assert next_update(linx("INVOICED"), pluggto("canceled"), set()) is None


def test_a_step_is_never_sent_twice_in_one_sync() -> None:
    # Plug.to answered not_updated but its order still shows no key: do not loop
    assert next_update(linx(), pluggto(), {INVOICE}) is None
    assert next_update(linx("CANCELLED"), pluggto(), {CANCELED}) is None


def test_an_nfe_key_without_44_digits_is_refused_before_sending() -> None:
    store = linx()
    store["OrderInvoice"]["Code"] = "3524071234"
    with pytest.raises(InvalidStoreData) as info:
        next_update(store, pluggto(), set())
    assert info.value.code == "invalid_nfe_key"

"""Status back (business-rules.md §4): what Plug.to still lacks about an order the store moved on.

The Linx order feed shows each order as it is *now*: an order may jump from approved straight to
SHIPPED between two looks. So the connector compares the store's order with Plug.to's current
order and sends, one step at a time and in this order, only what Plug.to lacks: the invoice
(whenever the store issued one), then the shipping, then the delivery — or the cancellation.
Every step echoes Plug.to's existing shipment id, or Plug.to would add a duplicate shipment.

:func:`next_update` is called again after each accepted update with Plug.to's new order, so the
shipment id Plug.to created for the first step is the one the next steps echo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from pluggto_desktop.domain.models import digits, format_datetime, to_str_or_none
from pluggto_desktop.linx import contract as c
from pluggto_desktop.linx.dates import parse_date

INVOICE, SHIPPING, DELIVERED, CANCELED = "invoice", "shipping", "delivered", "canceled"
#: Reasons an order needs attention because Plug.to refused a status update: "Reenviar" on such
#: an order re-sends the store's news, and they clear once the store's data is accepted.
STATUS_BACK_REASONS = ("status_back_rejected", "invalid_nfe_key")


class InvalidStoreData(ValueError):
    """The store's order has data Plug.to would refuse (e.g. an NF-e key without 44 digits)."""

    def __init__(self, code: str, params: dict[str, Any]) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class StatusUpdate:
    kind: str  # invoice | shipping | delivered | canceled
    body: dict[str, Any]  # the PUT /orders/{id} body


def pluggto_order_id(linx_order: dict[str, Any]) -> str | None:
    """The Plug.to id the store keeps on the orders we created (property PluggtoOrderID)."""
    for prop in linx_order.get(c.ORDER_PROPERTIES) or []:
        if isinstance(prop, dict) and prop.get(c.ORDER_PROPERTY_NAME) == c.PROP_PLUGGTO_ORDER_ID:
            return to_str_or_none(prop.get(c.ORDER_PROPERTY_VALUE))
    return None


def next_update(linx_order: dict[str, Any], pluggto_order: dict[str, Any], done: set[str]) -> StatusUpdate | None:
    """The first step Plug.to still lacks (skipping kinds in ``done``), or None when up to date."""
    status = str(linx_order.get(c.ORDER_GLOBAL_STATUS) or "").upper()
    current = str(pluggto_order.get("status") or "").lower()
    shipment = _first_shipment(pluggto_order)
    if status == c.STATUS_CANCELLED:
        if current != "canceled" and CANCELED not in done:
            return StatusUpdate(CANCELED, {"status": "canceled"})
        return None
    if current == "canceled":
        return None  # canceled on the marketplace side: nothing to tell it any more
    invoice = linx_order.get(c.ORDER_INVOICE) or {}
    if INVOICE not in done and isinstance(invoice, dict) and invoice.get(c.INVOICE_IS_ISSUED) \
            and not to_str_or_none(shipment.get("nfe_key")):
        return StatusUpdate(INVOICE, {"status": "invoiced", "shipments": [_with_id(shipment, _invoice(invoice))]})
    store_shipment = _store_shipment(linx_order)
    shipped = status in (c.STATUS_SHIPPED, c.STATUS_DELIVERED)
    if SHIPPING not in done and shipped and store_shipment is not None \
            and not to_str_or_none(shipment.get("track_code")) and current not in ("shipped", "delivered"):
        return StatusUpdate(SHIPPING, {"status": "shipping_informed",
                                       "shipments": [_with_id(shipment, _tracking(store_shipment, shipment))]})
    if DELIVERED not in done and status == c.STATUS_DELIVERED and current != "delivered":
        delivered_at = _utc(store_shipment.get(c.SHIPMENT_DELIVERED_DATE)) if store_shipment else None
        entry = {"date_delivered": delivered_at or _utc(linx_order.get(c.ORDER_MODIFIED_DATE)) or _now()}
        return StatusUpdate(DELIVERED, {"status": "delivered", "shipments": [_with_id(shipment, entry)]})
    return None


def _first_shipment(pluggto_order: dict[str, Any]) -> dict[str, Any]:
    shipments = pluggto_order.get("shipments") or []
    return shipments[0] if shipments and isinstance(shipments[0], dict) else {}


def _with_id(shipment: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """Echo Plug.to's shipment id: without it Plug.to adds a second shipment."""
    ident = to_str_or_none(shipment.get("id"))
    return {"id": ident, **fields} if ident else fields


def _invoice(invoice: dict[str, Any]) -> dict[str, Any]:
    key = digits(invoice.get(c.INVOICE_CODE))
    if len(key) != 44:
        raise InvalidStoreData("invalid_nfe_key", {"nfe_key": to_str_or_none(invoice.get(c.INVOICE_CODE)) or "—"})
    entry = {
        "nfe_key": key,
        "nfe_number": to_str_or_none(invoice.get(c.INVOICE_NUMBER)),
        "nfe_serie": to_str_or_none(invoice.get(c.INVOICE_SERIES)),
        "nfe_date": _utc(invoice.get(c.INVOICE_ISSUED_AT)),
        "nfe_link": to_str_or_none(invoice.get(c.INVOICE_URL)),
        "cfops": to_str_or_none(invoice.get(c.INVOICE_CFOP)),
    }
    return {k: v for k, v in entry.items() if v is not None}


def _store_shipment(linx_order: dict[str, Any]) -> dict[str, Any] | None:
    for shipment in linx_order.get(c.ORDER_SHIPMENTS) or []:
        if isinstance(shipment, dict) and (to_str_or_none(shipment.get(c.SHIPMENT_TRACKING_NUMBER))
                                           or shipment.get(c.SHIPMENT_SHIPPED_DATE)):
            return shipment
    return None


def _tracking(store: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    entry = {
        "shipping_company": to_str_or_none(store.get(c.SHIPMENT_CARRIER)) or current.get("shipping_company"),
        "shipping_method": to_str_or_none(store.get(c.SHIPMENT_METHOD)) or current.get("shipping_method"),
        "track_code": to_str_or_none(store.get(c.SHIPMENT_TRACKING_NUMBER)),
        "track_url": to_str_or_none(store.get(c.SHIPMENT_TRACKING_URL)),
        "date_shipped": _utc(store.get(c.SHIPMENT_SHIPPED_DATE)),
    }
    return {k: v for k, v in entry.items() if v is not None}


def _utc(value: Any) -> str | None:
    """A store date as Plug.to takes it (UTC ISO-8601 with milliseconds and Z)."""
    moment = parse_date(value)
    return format_datetime(moment) if moment is not None else None


def _now() -> str:
    return format_datetime(datetime.now(timezone.utc))

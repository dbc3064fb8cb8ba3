"""Status back (docs/business-rules.md §4): what Plug.to still lacks about an order the store moved on.

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
from datetime import UTC, datetime
from typing import Any

from pluggto_desktop.domain.models import digits, format_datetime, to_str_or_none
from pluggto_desktop.linx import contract as c
from pluggto_desktop.linx.dates import parse_date

INVOICE, SHIPPING, DELIVERED, CANCELED = "invoice", "shipping", "delivered", "canceled"
#: Reasons an order needs attention because Plug.to refused a status update: "Reenviar" on such
#: an order re-sends the store's news, and they clear once the store's data is accepted.
STATUS_BACK_REASONS = ("status_back_rejected", "invalid_nfe_key")


class InvalidStoreDataError(ValueError):
    """The store's order has data Plug.to would refuse (e.g. an NF-e key without 44 digits)."""

    def __init__(self, code: str, params: dict[str, Any]) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class StatusUpdate:
    kind: str  # invoice | shipping | delivered | canceled
    body: dict[str, Any]  # the PUT /orders/{id} body
    #: how a value was made up when the store did not have it (for the timeline); e.g.
    #: ``"delivered_date_from_modified"``: Linx has no delivered date, its ModifiedDate was sent
    note: str | None = None


DELIVERED_DATE_FROM_MODIFIED = "delivered_date_from_modified"

# Values that mean "delivered" / "shipped" in ShipmentStatus or GlobalStatus: the values are
# ASSUMED (docs/linx-contract.md), and one public client reads these fields as numbers (character
# codes), so the letter, the word and the letter's code are all accepted.
_DELIVERED = frozenset({c.STATUS_DELIVERED, c.SHIPMENT_STATUS_DELIVERED, str(ord(c.SHIPMENT_STATUS_DELIVERED))})
_SHIPPED = frozenset({c.STATUS_SHIPPED, c.SHIPMENT_STATUS_SHIPPED, str(ord(c.SHIPMENT_STATUS_SHIPPED))}) | _DELIVERED
_CANCELLED = frozenset({c.STATUS_CANCELLED, "CANCELED"})


def pluggto_order_id(linx_order: dict[str, Any]) -> str | None:
    """The Plug.to id the store keeps on the orders we created (property PluggtoOrderID)."""
    return order_property(linx_order, c.PROP_PLUGGTO_ORDER_ID)


def order_property(linx_order: dict[str, Any], name: str) -> str | None:
    """The value of one of the order's ``Properties`` (None when absent)."""
    for prop in linx_order.get(c.ORDER_PROPERTIES) or []:
        if isinstance(prop, dict) and prop.get(c.ORDER_PROPERTY_NAME) == name:
            return to_str_or_none(prop.get(c.ORDER_PROPERTY_VALUE))
    return None


#: The store order's fields :func:`store_progress` and :func:`next_update` read (a test proves
#: that :func:`status_view` keeps their verdict on every fixture, so a new read must be added here).
STATUS_FIELDS = (c.ORDER_GLOBAL_STATUS, c.ORDER_SHIPMENT_STATUS, c.ORDER_SHIPMENTS, c.ORDER_INVOICE,
                 c.ORDER_CANCELLED_DATE, c.ORDER_DELIVERY_METHODS, c.ORDER_MODIFIED_DATE, c.ORDER_PROPERTIES)


def status_view(linx_order: dict[str, Any]) -> dict[str, Any]:
    """The part of a store order status back judges by: the order without its buyer, items and
    payments, so that many can be held at once (the Conferência reads whole periods)."""
    return {key: linx_order[key] for key in STATUS_FIELDS if key in linx_order}


def store_progress(linx_order: dict[str, Any]) -> dict[str, bool]:
    """What the store did with the order, from its data: invoiced, shipped, delivered, cancelled.

    Known fields decide where they can (``OrderInvoice.IsIssued``, the packages' ``ShippedDate``
    and tracking, ``CancelledDate``); the status words are a second opinion.
    """
    status = _code(linx_order.get(c.ORDER_GLOBAL_STATUS))
    shipment_codes = {_code(linx_order.get(c.ORDER_SHIPMENT_STATUS))} | {
        _code(s.get(c.SHIPMENT_STATUS)) for s in _shipments(linx_order)}
    invoice = linx_order.get(c.ORDER_INVOICE)
    delivered = status in _DELIVERED or bool(shipment_codes & _DELIVERED)
    shipped = delivered or status in _SHIPPED or bool(shipment_codes & _SHIPPED) or any(
        p.get(c.PACKAGE_SHIPPED_DATE) for p in _packages(linx_order))
    return {
        "cancelled": status in _CANCELLED or bool(linx_order.get(c.ORDER_CANCELLED_DATE)),
        "invoiced": isinstance(invoice, dict) and bool(invoice.get(c.INVOICE_IS_ISSUED)),
        "shipped": shipped,
        "delivered": delivered,
    }


def store_moments(linx_order: dict[str, Any], *, now: float) -> dict[str, float | None]:
    """When the store invoiced and shipped the order (for the deadline watch): the invoice's
    ``IssuedAt`` and the first package's ``ShippedDate``, or ``now`` when the store shows the step
    without a date; None for a step not taken."""
    progress = store_progress(linx_order)
    invoice = linx_order.get(c.ORDER_INVOICE)
    issued = parse_date(invoice.get(c.INVOICE_ISSUED_AT)) if isinstance(invoice, dict) else None
    shipped = next((m for m in (parse_date(p.get(c.PACKAGE_SHIPPED_DATE)) for p in _packages(linx_order)) if m), None)
    return {
        "invoiced_at": (issued.timestamp() if issued else now) if progress["invoiced"] or progress["shipped"] else None,
        "shipped_at": (shipped.timestamp() if shipped else now) if progress["shipped"] else None,
    }


def next_update(linx_order: dict[str, Any], pluggto_order: dict[str, Any], done: set[str]) -> StatusUpdate | None:
    """The first step Plug.to still lacks (skipping kinds in ``done``), or None when up to date."""
    progress = store_progress(linx_order)
    current = str(pluggto_order.get("status") or "").lower()
    shipment = _first_shipment(pluggto_order)
    if progress["cancelled"]:
        if current != "canceled" and CANCELED not in done:
            return StatusUpdate(CANCELED, {"status": "canceled"})
        return None
    if current == "canceled":
        return None  # canceled on the marketplace side: nothing to tell it any more
    invoice = linx_order.get(c.ORDER_INVOICE) or {}
    if INVOICE not in done and progress["invoiced"] and not to_str_or_none(shipment.get("nfe_key")):
        return StatusUpdate(INVOICE, {"status": "invoiced", "shipments": [_with_id(shipment, _invoice(invoice))]})
    package = _tracked_package(linx_order)
    if SHIPPING not in done and progress["shipped"] and package is not None \
            and not to_str_or_none(shipment.get("track_code")) and current not in ("shipped", "delivered"):
        return StatusUpdate(SHIPPING, {"status": "shipping_informed",
                                       "shipments": [_with_id(shipment, _tracking(linx_order, package, shipment))]})
    if DELIVERED not in done and progress["delivered"] and current != "delivered":
        delivered_at = _delivered_date(linx_order)
        note = None
        if delivered_at is None:
            delivered_at = _utc(linx_order.get(c.ORDER_MODIFIED_DATE)) or _now()
            note = DELIVERED_DATE_FROM_MODIFIED
        entry = {"status": "delivered", "date_delivered": delivered_at}
        return StatusUpdate(DELIVERED, {"status": "delivered", "shipments": [_with_id(shipment, entry)]}, note)
    return None


def _code(value: Any) -> str:
    return str(value).strip().upper() if value is not None else ""


def _shipments(linx_order: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in linx_order.get(c.ORDER_SHIPMENTS) or [] if isinstance(s, dict)]


def _packages(linx_order: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for s in _shipments(linx_order) for p in s.get(c.SHIPMENT_PACKAGES) or [] if isinstance(p, dict)]


def _tracked_package(linx_order: dict[str, Any]) -> dict[str, Any] | None:
    """The package whose tracking Plug.to should get: the first with a tracking number, else the
    first that was shipped (a carrier without tracking still has a shipping date)."""
    packages = _packages(linx_order)
    for package in packages:
        if to_str_or_none(package.get(c.PACKAGE_TRACKING_NUMBER)):
            return package
    return next((p for p in packages if p.get(c.PACKAGE_SHIPPED_DATE)), None)


def _delivered_date(linx_order: dict[str, Any]) -> str | None:
    """A delivered date, where a tenant sends one (no public source shows the field)."""
    for shipment in _shipments(linx_order):
        moment = _utc(shipment.get(c.SHIPMENT_DELIVERED_DATE))
        if moment:
            return moment
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
        raise InvalidStoreDataError("invalid_nfe_key", {"nfe_key": to_str_or_none(invoice.get(c.INVOICE_CODE)) or "—"})
    entry = {
        "nfe_key": key,
        "nfe_number": to_str_or_none(invoice.get(c.INVOICE_NUMBER)),
        "nfe_serie": to_str_or_none(invoice.get(c.INVOICE_SERIES)),
        "nfe_date": _utc(invoice.get(c.INVOICE_ISSUED_AT)),
        "nfe_link": to_str_or_none(invoice.get(c.INVOICE_URL)),
        "cfops": to_str_or_none(invoice.get(c.INVOICE_CFOP)),
    }
    return {k: v for k, v in entry.items() if v is not None}


def _tracking(linx_order: dict[str, Any], package: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """The tracking update: carrier and method from the order's delivery method, code, URL and
    date from the package, and ``"status": "shipped"`` on the shipment as Plug.to's
    update-tracking reference shows it."""
    methods = [m for m in linx_order.get(c.ORDER_DELIVERY_METHODS) or [] if isinstance(m, dict)]
    method = methods[0] if methods else {}
    entry = {
        "shipping_company": to_str_or_none(method.get(c.DELIVERY_CARRIER_NAME)) or current.get("shipping_company"),
        "shipping_method": to_str_or_none(method.get(c.DELIVERY_METHOD_ALIAS)) or current.get("shipping_method"),
        "track_code": to_str_or_none(package.get(c.PACKAGE_TRACKING_NUMBER)),
        "track_url": to_str_or_none(package.get(c.PACKAGE_TRACKING_URL)),
        "date_shipped": _utc(package.get(c.PACKAGE_SHIPPED_DATE)),
        "status": "shipped",
    }
    return {k: v for k, v in entry.items() if v is not None}


def _utc(value: Any) -> str | None:
    """A store date as Plug.to takes it (UTC ISO-8601 with milliseconds and Z)."""
    moment = parse_date(value)
    return format_datetime(moment) if moment is not None else None


def _now() -> str:
    return format_datetime(datetime.now(UTC))

"""Turn a Plug.to order into the body of Linx's ``SaveOrder`` (linx-contract.md §3).

Rules (business-rules.md §3.8): the customer is the *payer*; the Shipping address comes from the
receiver and the Billing address from the payer; each item is the SKU actually sold; money is
recomputed from the items so the body always adds up, and a difference from Plug.to's own total is
reported as a warning, not an error.

Before anything is sent, :func:`map_order` also lists the *problems* that would make Linx refuse
the order (no items, no buyer name, a postal code or state that cannot be right), so the merchant
gets a precise reason instead of a vague rejection.

All Linx names come from :mod:`pluggto_desktop.linx.contract`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pluggto_desktop.domain.intermediary import IntermediaryDecision
from pluggto_desktop.domain.models import COMPANY, Address, Order, OrderItem, Payment, digits
from pluggto_desktop.linx import contract as linx

#: |our Total − Plug.to's total| above this is reported (business-rules.md §3.8: "1 cent").
TOTALS_TOLERANCE = Decimal("0.01")

WARNING_TOTALS_DIFFER = "totals_differ"
WARNING_BILLING_FROM_RECEIVER = "billing_address_from_receiver"

PROBLEM_EMPTY_ITEMS = "empty_items"
PROBLEM_MISSING_CUSTOMER_NAME = "missing_customer_name"
PROBLEM_INVALID_POSTAL_CODE = "invalid_postal_code"
PROBLEM_INVALID_STATE = "invalid_state"

_CENT = Decimal("0.01")

Issue = tuple[str, dict[str, Any]]


@dataclass
class MappingResult:
    """The Linx body plus what the job timeline should know about it.

    ``warnings`` do not block sending; ``problems`` do (each is a reason code of
    :mod:`pluggto_desktop.domain.reasons` with its parameters).
    """

    body: dict[str, Any]
    warnings: list[Issue] = field(default_factory=list)
    problems: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the body can be sent to Linx."""
        return not self.problems


def original_order_id(order: Order) -> str:
    """``OriginalOrderID``: the marketplace's order number (Plug.to numbers as a fallback).

    Together with :func:`marketplace_brand` it is the key the engine searches Linx by before
    creating an order, so both functions are the single source of those values.
    """
    return str(order.original_id or order.order_id or order.id)


def marketplace_brand(order: Order) -> str:
    """``MarketPlaceBrand``: Plug.to's ``channel`` verbatim.

    An order without a channel gets ``CREATED_CHANNEL`` instead of null, so that the
    search-before-create key is never empty (a null brand could not be searched for, and a
    retry would create the order twice).
    """
    return order.channel or linx.CREATED_CHANNEL


def map_order(
    order: Order, *, website_id: int, intermediary: IntermediaryDecision
) -> MappingResult:
    """Build the ``SaveOrder`` body for ``order`` and check it before it is sent."""
    warnings: list[Issue] = []
    items = [_item(item) for item in order.items]
    subtotal = sum((_money(i["Total"]) for i in items), Decimal(0))
    delivery = _money(order.shipping)
    discount = _money(order.discount)
    total = subtotal + delivery - discount

    if order.total is not None and abs(total - _money(order.total)) > TOTALS_TOLERANCE:
        params = {"computed": float(total), "pluggto": float(_money(order.total))}
        warnings.append((WARNING_TOTALS_DIFFER, params))

    billing_source = order.payer
    if not order.payer.has_address and order.receiver.has_address:
        # Many marketplaces send the buyer's name and documents but no billing address; the
        # delivery address is the best billing address we have.
        billing_source = order.receiver
        warnings.append((WARNING_BILLING_FROM_RECEIVER, {}))

    body = {
        linx.FIELD_ORIGINAL_ORDER_ID: original_order_id(order),
        linx.FIELD_MARKETPLACE_BRAND: marketplace_brand(order),
        "WebSiteID": int(website_id),
        "CreatedChannel": linx.CREATED_CHANNEL,
        "Customer": _customer(order),
        "Addresses": [
            _address(linx.ADDRESS_TYPE_SHIPPING, order.receiver, order),
            _address(linx.ADDRESS_TYPE_BILLING, billing_source, order, name_from=order.payer),
        ],
        "Items": items,
        "SubTotal": float(subtotal),
        "DeliveryAmount": float(delivery),
        "DiscountAmount": float(discount),
        "Total": float(total),
        "PaymentMethods": _payment_methods(order, total),
        "DeliveryMethods": [_delivery_method(order, delivery)],
        "Properties": _properties(order, intermediary),
    }
    return MappingResult(body=body, warnings=warnings, problems=_problems(order, body))


# --- Money ------------------------------------------------------------------------------------


def _money(value: float | Decimal) -> Decimal:
    """Round to cents, halves away from zero, working in decimal so 0.1 + 0.2 is 0.30.

    ``str(float)`` gives the shortest text of the float (``2.675`` stays ``2.675``), so rounding
    matches what a person expects from the number Plug.to sent.
    """
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    return amount.quantize(_CENT, rounding=ROUND_HALF_UP)


def _quantity(value: float) -> int | float:
    """Quantities go as integers when whole (``2.0`` → ``2``)."""
    return int(value) if float(value).is_integer() else value


# --- Parts of the body ------------------------------------------------------------------------


def _item(item: OrderItem) -> dict[str, Any]:
    price = _money(item.price)
    discount = _money(item.discount)
    line_total = _money(Decimal(str(item.quantity)) * price - discount)
    return {
        "SKU": item.sku,
        "Qty": _quantity(item.quantity),
        "Price": float(price),
        "DiscountAmount": float(discount),
        "Total": float(line_total),
        "ProductName": item.name,
    }


def _customer(order: Order) -> dict[str, Any]:
    document = order.buyer_document()
    is_company = document is not None and document[0] == COMPANY
    return {
        "Name": order.buyer_name(),
        "Email": order.payer.email or order.receiver.email,
        "Type": linx.CUSTOMER_TYPE_COMPANY if is_company else linx.CUSTOMER_TYPE_PERSON,
        "CPF": document[1] if document and not is_company else None,
        "CNPJ": document[1] if is_company else None,
        "TradingName": order.payer_company_name if is_company else None,
        "Phone": order.payer.phone_number or order.receiver.phone_number or None,
    }


def _address(
    address_type: str, address: Address, order: Order, *, name_from: Address | None = None
) -> dict[str, Any]:
    """One Linx address. ``name_from`` names the person when the address itself was borrowed
    from someone else (the Billing address taken from the receiver keeps the payer's name)."""
    person = name_from or address
    return {
        "AddressType": address_type,
        "Name": person.full_name or address.full_name or order.buyer_name(),
        "AddressLine": address.street,
        "Number": address.number,
        "AddressNotes": address.complement,
        "Landmark": address.reference,
        "Neighbourhood": address.neighborhood,
        "City": address.city,
        "State": address.state,
        "PostalCode": address.zipcode,
        "Country": address.country or linx.DEFAULT_COUNTRY,
        "ContactPhone": person.phone_number or address.phone_number or None,
    }


def _payment_methods(order: Order, total: Decimal) -> list[dict[str, Any]]:
    """One entry per Plug.to payment. Without payments (or with a single payment whose amount is
    missing) the whole order total is the amount, so the store still sees how it was paid."""
    if not order.payments:
        return [_payment_method(None, total, order.channel)]
    if len(order.payments) == 1 and not order.payments[0].total:
        return [_payment_method(order.payments[0], total, order.channel)]
    return [_payment_method(p, _money(p.total), order.channel) for p in order.payments]


def _payment_method(
    payment: Payment | None, amount: Decimal, channel: str | None
) -> dict[str, Any]:
    return {
        "Amount": float(amount),
        "Installments": max(1, payment.installments) if payment else 1,
        "PaymentInfo": {
            "Alias": payment.payment_method if payment else channel,
            "PaymentType": payment.payment_type if payment else None,
            "Provider": channel,
        },
    }


def _delivery_method(order: Order, delivery: Decimal) -> dict[str, Any]:
    """From the first shipment; an order without shipments still states its freight amount."""
    shipment = order.shipments[0] if order.shipments else None
    estimate: date | None = (shipment.estimate_delivery_date if shipment else None) or (
        order.expected_delivery_date
    )
    return {
        "Carrier": shipment.shipping_company if shipment else None,
        "Method": (shipment.shipping_method if shipment else None) or order.delivery_type,
        "Amount": float(delivery),
        "EstimatedDeliveryDate": estimate.isoformat() if estimate else None,
    }


def _properties(order: Order, intermediary: IntermediaryDecision) -> list[dict[str, str]]:
    """Plug.to data the ERP needs, through order properties (linx-contract.md §3)."""
    properties = [(linx.PROP_PLUGGTO_ORDER_ID, order.id)]
    if intermediary.cnpj:
        properties.append((linx.PROP_INTERMEDIARY_CNPJ, intermediary.cnpj))
        properties.append((linx.PROP_INTERMEDIARY_CNPJ_SOURCE, intermediary.source))
    seller_id = intermediary.seller_id or order.intermediary_seller_id
    if seller_id:
        properties.append((linx.PROP_INTERMEDIARY_SELLER_ID, seller_id))
    if intermediary.payment_intermediary:
        properties.append((linx.PROP_PAYMENT_INTERMEDIARY_CNPJ, intermediary.payment_intermediary))
    return [{"Name": name, "Value": value} for name, value in properties]


# --- Checks before sending --------------------------------------------------------------------


def _problems(order: Order, body: dict[str, Any]) -> list[Issue]:
    """Reasons Linx would refuse the body, found before calling it."""
    problems: list[Issue] = []
    if not order.items:
        problems.append((PROBLEM_EMPTY_ITEMS, {}))
    if not body["Customer"]["Name"]:
        problems.append((PROBLEM_MISSING_CUSTOMER_NAME, {}))
    for address in body["Addresses"]:
        kind = address["AddressType"]
        if len(digits(address["PostalCode"])) != 8:
            problems.append((PROBLEM_INVALID_POSTAL_CODE, {"field": f"{kind}.PostalCode"}))
        if address["State"] not in linx.BRAZILIAN_STATES:
            problems.append((PROBLEM_INVALID_STATE, {"field": f"{kind}.State"}))
    return problems


__all__ = [
    "PROBLEM_EMPTY_ITEMS",
    "PROBLEM_INVALID_POSTAL_CODE",
    "PROBLEM_INVALID_STATE",
    "PROBLEM_MISSING_CUSTOMER_NAME",
    "TOTALS_TOLERANCE",
    "WARNING_BILLING_FROM_RECEIVER",
    "WARNING_TOTALS_DIFFER",
    "MappingResult",
    "map_order",
]

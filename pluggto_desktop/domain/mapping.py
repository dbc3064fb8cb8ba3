"""Turn a Plug.to order into the body of Linx's ``SaveOrder`` (docs/linx-contract.md).

Rules (docs/business-rules.md §3.8 and §3.1): the customer is the *payer*; the shipping address comes
from the receiver and the billing address from the payer; each item is the SKU actually sold;
money is recomputed from the items so the body always adds up, interest the buyer paid goes in
``PaymentTaxAmount``, and a difference from Plug.to's own total is reported as a warning, not an
error.

The body uses the names Linx's own read model uses (``linx/contract.py``: GUID ``OriginalOrderID``,
flat ``Customer*`` fields with ``CustomerType`` ``P``/``C``, integer ``AddressType``…), because
``SaveOrder`` itself is ASSUMED and the read model is what public clients show.

Before anything is sent, :func:`map_order` also lists the *problems* that would make Linx refuse
the order (no items, no buyer name, a postal code or state that cannot be right), so the merchant
gets a precise reason instead of a vague rejection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pluggto_desktop.domain.brazil import UFS
from pluggto_desktop.domain.intermediary import IntermediaryDecision
from pluggto_desktop.domain.models import COMPANY, Address, Order, OrderItem, Payment, digits
from pluggto_desktop.linx import contract as linx

#: |our Total − Plug.to's total| above this is reported (docs/business-rules.md §3.8: "1 cent").
TOTALS_TOLERANCE = Decimal("0.01")

WARNING_TOTALS_DIFFER = "totals_differ"
WARNING_BILLING_FROM_RECEIVER = "billing_address_from_receiver"
WARNING_PAYMENTS_SHORT = "payments_short"
WARNING_INTEREST = "payment_interest"

PROBLEM_EMPTY_ITEMS = "empty_items"
PROBLEM_MISSING_CUSTOMER_NAME = "missing_customer_name"
PROBLEM_INVALID_POSTAL_CODE = "invalid_postal_code"
PROBLEM_INVALID_STATE = "invalid_state"

_CENT = Decimal("0.01")
_ZERO = Decimal(0)

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


# --- The sale's identity ---------------------------------------------------------------------------


def marketplace_order_number(order: Order) -> str:
    """The marketplace's order number, as a person reads it: Plug.to's ``original_id``, or
    Plug.to's own order number / id for an order that has none.

    ``external`` is *not* a fallback although some hubs put the marketplace number there: once
    the order is acknowledged Plug.to holds our Linx OrderID in it, and a number that changes
    after acknowledgement would change the sale's identity and let a retry create it twice.
    """
    return str(order.original_id or order.order_id or order.id)


def marketplace_brand(order: Order) -> str:
    """``MarketPlaceBrand``: Plug.to's ``channel`` verbatim.

    An order without a channel gets ``CREATED_CHANNEL`` instead of null, so that the
    search-before-create key is never empty (a null brand could not be searched for, and a
    retry would create the order twice).
    """
    return order.channel or linx.CREATED_CHANNEL


def original_order_id(order: Order) -> str:
    """``OriginalOrderID``: the deterministic UUID of the marketplace sale (a GUID field in Linx).

    Together with :func:`marketplace_brand` it is the key the engine searches Linx by before
    creating an order, so these functions are the single source of those values.
    """
    return linx.sale_uuid(marketplace_brand(order), marketplace_order_number(order))


def remarks(order: Order) -> str:
    """``Remarks``: the readable sale, so people and ERPs see which marketplace order it is."""
    return f"Pedido {marketplace_brand(order)} {marketplace_order_number(order)}"


# --- The body ---------------------------------------------------------------------------------------


def map_order(
    order: Order, *, website_id: int, intermediary: IntermediaryDecision
) -> MappingResult:
    """Build the ``SaveOrder`` body for ``order`` and check it before it is sent."""
    warnings: list[Issue] = []
    items = [_item(item) for item in order.items]
    subtotal = sum((_money(i[linx.ITEM_TOTAL]) for i in items), _ZERO)
    delivery = _money(order.shipping)
    discount = _money(order.discount)
    goods_total = subtotal + delivery - discount
    tax = _payment_tax(order, goods_total, warnings)
    total = goods_total + tax

    if order.total is not None:
        theirs = _money(order.total)
        # Plug.to's total may leave the interest out (it is in total_paid) or include it
        if min(abs(total - theirs), abs(goods_total - theirs)) > TOTALS_TOLERANCE:
            warnings.append((WARNING_TOTALS_DIFFER, {"computed": float(total), "pluggto": float(theirs)}))

    billing_source = order.payer
    if not order.payer.has_address and order.receiver.has_address:
        # Many marketplaces send the buyer's name and documents but no billing address; the
        # delivery address is the best billing address we have.
        billing_source = order.receiver
        warnings.append((WARNING_BILLING_FROM_RECEIVER, {}))

    body = {
        linx.FIELD_ORIGINAL_ORDER_ID: original_order_id(order),
        linx.FIELD_MARKETPLACE_BRAND: marketplace_brand(order),
        linx.ORDER_WEBSITE_ID: int(website_id),
        linx.ORDER_CREATED_CHANNEL: linx.CREATED_CHANNEL,
        linx.ORDER_REMARKS: remarks(order),
        **_customer(order),
        linx.ORDER_ADDRESSES: [
            _address(linx.ADDRESS_TYPE_SHIPPING, order.receiver, order),
            _address(linx.ADDRESS_TYPE_BILLING, billing_source, order, name_from=order.payer),
        ],
        linx.ORDER_ITEMS: items,
        linx.ORDER_SUB_TOTAL: float(subtotal),
        linx.ORDER_DELIVERY_AMOUNT: float(delivery),
        linx.ORDER_DISCOUNT_AMOUNT: float(discount),
        linx.ORDER_PAYMENT_TAX_AMOUNT: float(tax),
        linx.ORDER_TOTAL: float(total),
        linx.ORDER_PAYMENT_METHODS: _payment_methods(order, total),
        linx.ORDER_DELIVERY_METHODS: [_delivery_method(order, delivery)],
        linx.ORDER_PROPERTIES: _properties(order, intermediary),
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


def _paid(order: Order) -> Decimal | None:
    """What the buyer paid: the payments' sum when every payment states its amount, else
    ``total_paid``; None when Plug.to says neither."""
    if order.payments and all(p.total > 0 for p in order.payments):
        return sum((_money(p.total) for p in order.payments), _ZERO)
    if order.total_paid:
        return _money(order.total_paid)
    return None


def _payment_tax(order: Order, goods_total: Decimal, warnings: list[Issue]) -> Decimal:
    """Installment interest the buyer paid on top of the goods (docs/business-rules.md §3.1): it
    goes to ``PaymentTaxAmount`` so Linx's totals agree with what was paid. Payments short of
    the total stay a warning (the store decides what to do with that)."""
    paid = _paid(order)
    if paid is None:
        return _ZERO
    difference = paid - goods_total
    if difference > TOTALS_TOLERANCE:
        warnings.append((WARNING_INTEREST, {"interest": float(difference)}))
        return difference
    if -difference > TOTALS_TOLERANCE:
        warnings.append((WARNING_PAYMENTS_SHORT, {"paid": float(paid), "total": float(goods_total)}))
    return _ZERO


# --- Parts of the body ------------------------------------------------------------------------


def _item(item: OrderItem) -> dict[str, Any]:
    price = _money(item.price)
    discount = _money(item.discount)
    line_total = _money(Decimal(str(item.quantity)) * price - discount)
    return {
        linx.ITEM_SKU: item.sku,
        linx.ITEM_QTY: _quantity(item.quantity),
        linx.ITEM_PRICE: float(price),
        linx.ITEM_DISCOUNT_AMOUNT: float(discount),
        linx.ITEM_TOTAL: float(line_total),
        linx.ITEM_PRODUCT_NAME: item.name,
    }


def _customer(order: Order) -> dict[str, Any]:
    document = order.buyer_document()
    company = document if document is not None and document[0] == COMPANY else None
    is_company = company is not None
    return {
        linx.ORDER_CUSTOMER_TYPE: linx.CUSTOMER_TYPE_COMPANY if is_company else linx.CUSTOMER_TYPE_PERSON,
        linx.ORDER_CUSTOMER_NAME: order.buyer_name(),
        linx.ORDER_CUSTOMER_EMAIL: order.payer.email or order.receiver.email,
        linx.ORDER_CUSTOMER_PHONE: order.payer.phone_number or order.receiver.phone_number or None,
        linx.ORDER_CUSTOMER_CPF: document[1] if document and not is_company else None,
        linx.ORDER_CUSTOMER_CNPJ: company[1] if company is not None else None,
        linx.ORDER_CUSTOMER_TRADING_NAME: order.payer_company_name if is_company else None,
    }


def _address(
    address_type: int, address: Address, order: Order, *, name_from: Address | None = None
) -> dict[str, Any]:
    """One Linx address. ``name_from`` names the person when the address itself was borrowed
    from someone else (the billing address taken from the receiver keeps the payer's name)."""
    person = name_from or address
    name = person.full_name or address.full_name or order.buyer_name()
    return {
        linx.ADDRESS_TYPE: address_type,
        linx.ADDRESS_NAME: name,
        linx.ADDRESS_CONTACT_NAME: name,
        linx.ADDRESS_LINE: address.street,
        linx.ADDRESS_NUMBER: address.number,
        linx.ADDRESS_NOTES: address.complement,
        linx.ADDRESS_LANDMARK: address.reference,
        linx.ADDRESS_NEIGHBOURHOOD: address.neighborhood,
        linx.ADDRESS_CITY: address.city,
        linx.ADDRESS_STATE: address.state,
        linx.ADDRESS_POSTAL_CODE: address.zipcode,
        linx.ADDRESS_CONTACT_PHONE: person.phone_number or address.phone_number or None,
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
    """``PaymentInfo.PaymentType`` is an Int32 code in Linx with no public list of values, so
    the payment's kind travels in words in ``Alias`` ("Cartão Visa", "pix") instead."""
    entry: dict[str, Any] = {
        linx.PAYMENT_AMOUNT: float(amount),
        linx.PAYMENT_INSTALLMENTS: max(1, payment.installments) if payment else 1,
        linx.PAYMENT_INFO: {
            linx.PAYMENT_INFO_ALIAS: (payment.payment_method or payment.payment_type) if payment else channel,
            linx.PAYMENT_INFO_PROVIDER: channel,
        },
    }
    if payment is not None and payment.interest > 0:
        entry[linx.PAYMENT_INTEREST_VALUE] = float(_money(payment.interest))
    if payment is not None and payment.quota:
        entry[linx.PAYMENT_INSTALLMENT_AMOUNT] = float(_money(payment.quota))
    return entry


def _delivery_method(order: Order, delivery: Decimal) -> dict[str, Any]:
    """From the first shipment; an order without shipments still states its freight amount."""
    shipment = order.shipments[0] if order.shipments else None
    estimate: date | None = (shipment.estimate_delivery_date if shipment else None) or (
        order.expected_delivery_date
    )
    return {
        linx.DELIVERY_CARRIER_NAME: shipment.shipping_company if shipment else None,
        linx.DELIVERY_METHOD_ALIAS: (shipment.shipping_method if shipment else None) or order.delivery_type,
        linx.DELIVERY_AMOUNT: float(delivery),
        linx.DELIVERY_ESTIMATED_DATE: estimate.isoformat() if estimate else None,
    }


def _properties(order: Order, intermediary: IntermediaryDecision) -> list[dict[str, str]]:
    """Plug.to data the ERP needs, through order properties."""
    properties = [
        (linx.PROP_PLUGGTO_ORDER_ID, order.id),
        (linx.PROP_MARKETPLACE_ORDER_NUMBER, marketplace_order_number(order)),
    ]
    if intermediary.cnpj:
        properties.append((linx.PROP_INTERMEDIARY_CNPJ, intermediary.cnpj))
        properties.append((linx.PROP_INTERMEDIARY_CNPJ_SOURCE, intermediary.source))
    seller_id = intermediary.seller_id or order.intermediary_seller_id
    if seller_id:
        properties.append((linx.PROP_INTERMEDIARY_SELLER_ID, seller_id))
    if intermediary.payment_intermediary:
        properties.append((linx.PROP_PAYMENT_INTERMEDIARY_CNPJ, intermediary.payment_intermediary))
    return [{linx.ORDER_PROPERTY_NAME: name, linx.ORDER_PROPERTY_VALUE: value} for name, value in properties]


# --- Checks before sending --------------------------------------------------------------------

#: How an address is named in a problem's ``field`` parameter.
_ADDRESS_LABELS = {linx.ADDRESS_TYPE_SHIPPING: "Shipping", linx.ADDRESS_TYPE_BILLING: "Billing"}


def _problems(order: Order, body: dict[str, Any]) -> list[Issue]:
    """Reasons Linx would refuse the body, found before calling it."""
    problems: list[Issue] = []
    if not order.items:
        problems.append((PROBLEM_EMPTY_ITEMS, {}))
    if not body[linx.ORDER_CUSTOMER_NAME]:
        problems.append((PROBLEM_MISSING_CUSTOMER_NAME, {}))
    for address in body[linx.ORDER_ADDRESSES]:
        kind = _ADDRESS_LABELS[address[linx.ADDRESS_TYPE]]
        postal = address[linx.ADDRESS_POSTAL_CODE]
        if len(digits(postal)) != 8:
            problems.append((PROBLEM_INVALID_POSTAL_CODE,
                             {"field": f"{kind}.{linx.ADDRESS_POSTAL_CODE}", "value": postal or "—"}))
        state = address[linx.ADDRESS_STATE]
        if state not in UFS:
            problems.append((PROBLEM_INVALID_STATE,
                             {"field": f"{kind}.{linx.ADDRESS_STATE}", "value": state or "—"}))
    return problems


__all__ = [
    "PROBLEM_EMPTY_ITEMS",
    "PROBLEM_INVALID_POSTAL_CODE",
    "PROBLEM_INVALID_STATE",
    "PROBLEM_MISSING_CUSTOMER_NAME",
    "TOTALS_TOLERANCE",
    "WARNING_BILLING_FROM_RECEIVER",
    "WARNING_INTEREST",
    "WARNING_PAYMENTS_SHORT",
    "WARNING_TOTALS_DIFFER",
    "MappingResult",
    "map_order",
    "marketplace_brand",
    "marketplace_order_number",
    "original_order_id",
    "remarks",
]

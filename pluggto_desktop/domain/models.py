"""Lenient models of what Plug.to sends: orders (with items, payments, shipments) and products.

Plug.to's JSON is loosely typed (docs/pluggto-contract.md §2.3–2.6): numbers arrive as numbers *or* strings
(``"10.50"``, ``"3"``, ``""``), optional fields are missing or ``null``, CPF/CNPJ come masked or
bare, ``external`` is a string or an object. The parsers never raise on such variations: every
field is coerced by a small helper, and only an order with no ``id`` (or something that is not a
dict at all) is refused, because without an id there is nothing to track.

Plain dataclasses (no pydantic) keep the core dependency-free and easy to read. They live by
what they hold, and this module gathers them under the one name the rest of the app imports:

* ``coerce.py`` — the coercers (``to_float``, ``to_int``, ``parse_datetime``…);
* ``pluggto_order.py`` — :class:`Order` and its parts, :func:`parse_order`;
* ``pluggto_product.py`` — :class:`PluggtoProduct` and its parts, :func:`parse_product`.
"""

from __future__ import annotations

from pluggto_desktop.domain.coerce import (
    digits,
    format_datetime,
    parse_date,
    parse_datetime,
    to_bool,
    to_float,
    to_int,
    to_str_or_none,
    to_timestamp,
)
from pluggto_desktop.domain.pluggto_order import (
    COMPANY,
    PERSON,
    Address,
    Order,
    OrderItem,
    Payment,
    Shipment,
    Variation,
    parse_order,
)
from pluggto_desktop.domain.pluggto_product import (
    Dimension,
    PluggtoProduct,
    PluggtoVariation,
    ProductAttribute,
    parse_product,
)

__all__ = [
    "COMPANY",
    "PERSON",
    "Address",
    "Dimension",
    "Order",
    "OrderItem",
    "Payment",
    "PluggtoProduct",
    "PluggtoVariation",
    "ProductAttribute",
    "Shipment",
    "Variation",
    "digits",
    "format_datetime",
    "parse_date",
    "parse_datetime",
    "parse_order",
    "parse_product",
    "to_bool",
    "to_float",
    "to_int",
    "to_str_or_none",
    "to_timestamp",
]
